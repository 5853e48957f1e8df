"""The passthrough's transport: pypsrp's WSMan, and its failures as PowerShell errors.

pypsrp does HTTP, SOAP, authentication and message encryption (``src/pypsrp/wsman.py``).
This module builds the connection from a :class:`RemoteHost` and turns requests/pypsrp
exceptions into the remoting errors of ``errors.py``, scrubbing the password from any text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..powershell.errors import PowerShellError
from .errors import (
    RemoteAccessDenied,
    RemoteCertificateInvalid,
    RemoteConnectionFailed,
    RemoteSessionBroken,
    RemoteTimeout,
)
from .host import RemoteHost

if TYPE_CHECKING:
    from pypsrp.wsman import WSMan

__all__ = ["ERROR_SHELL_NOT_FOUND", "open_wsman", "transport_error"]

log = logging.getLogger(__name__)

ERROR_SHELL_NOT_FOUND = 2150858843  # the shell was closed on the server (idle timeout, restart)


def open_wsman(host: RemoteHost) -> WSMan:
    """A pypsrp WSMan for ``host``. No request is sent until the pool opens."""
    from pypsrp.wsman import WSMan

    from .redact import install

    install()  # before pypsrp logs its first envelope

    try:
        return WSMan(**host.wsman_arguments())
    except ValueError as error:  # e.g. basic over http without encryption="never"
        raise RemoteConnectionFailed(host.server, _scrub(str(error), host)) from None


def _scrub(text: str, host: RemoteHost) -> str:
    secret = host.password
    # A very short "password" would mangle ordinary words; such a password is no secret anyway.
    return text.replace(secret, "********") if secret and len(secret) >= 4 else text


def _kind(error: BaseException) -> str:
    """Classify a transport exception without importing requests at module load."""
    import requests
    from pypsrp.exceptions import AuthenticationError

    checks: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
        (AuthenticationError, "denied"),
        (requests.exceptions.SSLError, "certificate"),
        ((requests.exceptions.ReadTimeout, TimeoutError), "timeout"),
        ((requests.exceptions.ConnectionError, ConnectionError, OSError), "connection"),
    )
    for types, kind in checks:
        if isinstance(error, types):
            return kind
    return "other"


def transport_error(error: BaseException, host: RemoteHost, *, opening: bool) -> PowerShellError:
    """The PowerShell error for a failure talking to ``host``.

    Args:
        error: what requests/pypsrp raised.
        host: the endpoint (its password is scrubbed from the message).
        opening: the failure happened while opening the pool, so no call was sent.
    """
    kind = _kind(error)
    detail = _scrub(_describe(error), host)
    log.info("remote %s failed (%s): %s", host.endpoint, kind, detail)
    if kind == "denied":
        return RemoteAccessDenied(host.server)
    if kind == "certificate":
        return RemoteCertificateInvalid(host.server, detail)
    if kind == "timeout":
        return RemoteTimeout(host.server, f"{host.read_timeout} s")
    if opening:
        return RemoteConnectionFailed(host.server, detail)
    return RemoteSessionBroken(host.server, detail)


def _describe(error: BaseException) -> str:
    reason: Any = getattr(error, "reason", None)
    code: Any = getattr(error, "code", None)
    if code is not None and reason:
        return f"{reason} (WSMan fault {code})."
    text = str(error) or type(error).__name__
    return text if text.endswith(".") else text + "."
