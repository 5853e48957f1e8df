"""Secrets out of the logs, at the source.

At DEBUG, pypsrp logs every SOAP envelope and every PSRP message it packs or unpacks,
psrpcore every message it queues or processes, and pyspnego every authentication token
(their ``log.debug`` calls in ``pypsrp/wsman.py``, ``pypsrp/messages.py``,
``psrpcore/_base.py``, ``spnego/_ntlm.py``). Those carry the setup's access tokens, PINs a
cmdlet returns (``-ResetLeaderPin``) and NTLM responses derived from the password.

:class:`SecretFilter` rewrites each record before any handler sees it: the message is
formatted once, then secure strings (``<SS>``), values of parameters and properties with a
secret name, base64 PSRP streams inside SOAP, ``Authorization`` values and authentication
tokens are masked. A logger's filter applies only to records logged on that very logger
(https://docs.python.org/3/library/logging.html#filter-objects), so
:func:`install` puts it on the logger of every module of those libraries and of cscmdlets.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
import threading

__all__ = ["MASK", "SECRET_NAME", "SecretFilter", "install", "redact"]

MASK = "***"

#: Parameter and property names whose values are secret.
SECRET_NAME = r"[\w-]*(?:Password|Secret|Token|Tokens|Pin|Credential|Key|Thumbprint)"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # a secure string
    (re.compile(r"<SS\b([^>]*)>[^<]*</SS>"), rf"<SS\1>{MASK}</SS>"),
    # a command parameter: <S N="N">AccessTokens</S> then its value <… N="V">…</…>
    (
        re.compile(rf'(<S N="N">-?{SECRET_NAME}</S>\s*<(\w+)\b[^>]*?\bN="V"[^>]*>).*?(</\2>)', re.I | re.S),
        rf"\1{MASK}\3",
    ),
    # a property: <S N="LeaderPin">1234</S>
    (re.compile(rf'(<(\w+)\b[^>]*?\bN="{SECRET_NAME}"[^>/]*>)[^<]*(</\2>)', re.I), rf"\1{MASK}\3"),
    # base64 PSRP fragments inside SOAP: their CLIXML is readable to anyone who decodes it
    (
        re.compile(r"(<(?:\w+:)?(?:Stream|Arguments|creationXml|connectXml)\b[^>]*>)[A-Za-z0-9+/=\s]+(</)"),
        rf"\1{MASK}\2",
    ),
    # HTTP authorization and authentication tokens
    (re.compile(r"((?:Authorization|WWW-Authenticate)['\"]?:\s*['\"]?\w+ )[A-Za-z0-9+/=]+"), rf"\1{MASK}"),
    (re.compile(r"((?:step|TSRequest) (?:input|output)\w*:?\s*)[A-Za-z0-9+/=]+", re.I), rf"\1{MASK}"),
)


def redact(text: str) -> str:
    """``text`` with every secret it holds replaced by ``***``."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class SecretFilter(logging.Filter):
    """Rewrites a record's message with :func:`redact`; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging's own error report
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, ()
        return True


_FILTER = SecretFilter()
_LIBRARIES = ("pypsrp", "psrpcore", "spnego", "requests_credssp", "cscmdlets.remote")
_installed: set[str] = set()
_lock = threading.Lock()


def install() -> None:
    """Put the filter on the logger of every module of the remoting libraries (those that
    are installed) and of cscmdlets. Cheap to call again."""
    with _lock:
        for library in _LIBRARIES:
            if library in _installed:
                continue
            try:
                package = importlib.import_module(library)
            except ImportError:
                continue
            _installed.add(library)
            for name in _module_names(package):
                logger = logging.getLogger(name)
                if _FILTER not in logger.filters:
                    logger.addFilter(_FILTER)


def _module_names(package: object) -> list[str]:
    name = str(getattr(package, "__name__", ""))
    path = getattr(package, "__path__", None)
    if path is None:
        return [name]
    found = [name]
    for module in pkgutil.walk_packages(path, prefix=name + ".", onerror=lambda _: None):
        found.append(module.name)
    return found
