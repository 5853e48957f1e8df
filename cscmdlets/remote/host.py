"""Where the passthrough connects: :class:`RemoteHost` (the parameters of pypsrp's ``WSMan``,
https://github.com/jborean93/pypsrp/blob/master/src/pypsrp/wsman.py).

A frozen description of a WinRM endpoint and the setup calls to run once per pool. The
password never appears in ``repr``, logs or exceptions; it may come from an environment
variable or the system keyring instead of code. TLS certificate validation is on unless
``cert_validation=False`` is passed explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PASSWORD_ENV", "USERNAME_ENV", "RemoteHost", "SetupCall"]

USERNAME_ENV = "CSCMDLETS_REMOTE_USERNAME"
PASSWORD_ENV = "CSCMDLETS_REMOTE_PASSWORD"
KEYRING_SERVICE = "cscmdlets"

#: One setup cmdlet: its name and typed parameters, e.g. ``("Import-Module", {"Name": "MicrosoftTeams"})``.
SetupCall = tuple[str, Mapping[str, Any]]


def _frozen_setup(calls: Iterable[Any]) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    frozen = []
    for call in calls:
        if isinstance(call, str):
            raise TypeError("setup takes (cmdlet name, {parameters}) pairs, never script text")
        name, parameters = call
        if not isinstance(name, str) or any(c in name for c in " ;|&$`'\"(){}\n\r"):
            raise ValueError(f"setup command {name!r} is not a command name")
        frozen.append((name, tuple(dict(parameters or {}).items())))
    return tuple(frozen)


@dataclass(frozen=True)
class RemoteHost:
    """A WinRM endpoint running PowerShell (a jump host with MicrosoftTeams, or ``serve``).

    Args:
        server: host name or address.
        username: account; default from ``CSCMDLETS_REMOTE_USERNAME``.
        password: default from ``password_env`` (``CSCMDLETS_REMOTE_PASSWORD``), then the
            keyring entry ``cscmdlets`` / ``user@server`` if the ``keyring`` package is installed.
        auth: ``negotiate``, ``ntlm``, ``kerberos``, ``basic``, ``certificate`` or ``credssp``.
        ssl: HTTPS (port 5986) rather than HTTP with message encryption (5985).
        cert_validation: ``True``, ``False`` or a CA bundle path.
        setup: cmdlet calls run once per pool, as ``(name, {parameter: value})``.
        operation_timeout: seconds the server may hold a Receive (WSMan OperationTimeout).
        read_timeout: seconds to wait for any HTTP answer; longer than ``operation_timeout``.
        retries: how many more times opening the pool is tried when the host is unreachable;
            a call that may have run is never resent.
        call_timeout: seconds one call (or batch) may run before it is stopped and
            :class:`~cscmdlets.remote.RemoteTimeout` is raised (default: no limit).
    """

    server: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "negotiate"
    ssl: bool = True
    port: int | None = None
    path: str = "wsman"
    cert_validation: bool | str = True
    configuration_name: str = "Microsoft.PowerShell"
    setup: Sequence[Any] = field(default=(), repr=False)  # may carry tokens; frozen to a tuple
    encryption: str = "auto"
    operation_timeout: int = 20
    connection_timeout: int = 30
    read_timeout: int = 60
    retries: int = 1
    call_timeout: float | None = None
    password_env: str = PASSWORD_ENV
    certificate_pem: str | None = None
    certificate_key_pem: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "setup", _frozen_setup(self.setup))
        if self.read_timeout <= self.operation_timeout:
            object.__setattr__(self, "read_timeout", self.operation_timeout + 10)

    @property
    def endpoint(self) -> str:
        scheme = "https" if self.ssl else "http"
        return f"{scheme}://{self.server}:{self.port or (5986 if self.ssl else 5985)}/{self.path}"

    def resolved_username(self) -> str | None:
        return self.username or os.environ.get(USERNAME_ENV)

    def resolved_password(self) -> str | None:
        """The password: given, else the environment, else the keyring; never logged."""
        if self.password is not None:
            return self.password
        from_env = os.environ.get(self.password_env)
        if from_env is not None:
            return from_env
        return _from_keyring(self.resolved_username(), self.server)

    def wsman_arguments(self) -> dict[str, Any]:
        """Keyword arguments for ``pypsrp.wsman.WSMan`` (``src/pypsrp/wsman.py``)."""
        arguments: dict[str, Any] = dict(
            server=self.server,
            port=self.port,
            username=self.resolved_username(),
            password=self.resolved_password(),
            ssl=self.ssl,
            path=self.path,
            auth=self.auth,
            cert_validation=self.cert_validation,
            encryption=self.encryption,
            operation_timeout=self.operation_timeout,
            connection_timeout=self.connection_timeout,
            read_timeout=self.read_timeout,
        )
        if self.auth == "certificate":
            arguments.update(certificate_pem=self.certificate_pem, certificate_key_pem=self.certificate_key_pem)
        return arguments


def _from_keyring(username: str | None, server: str) -> str | None:
    if not username:
        return None
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    secret = keyring.get_password(KEYRING_SERVICE, f"{username}@{server}")
    return str(secret) if secret is not None else None
