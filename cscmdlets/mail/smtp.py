"""Deliver outbox messages over SMTP with the standard library.

``transport_from_url("smtp+starttls://user:password@host:587")`` gives a transport; its
``connect()`` opens one session for a batch of messages. Schemes: ``smtp`` (plain, port 25),
``smtp+starttls`` (STARTTLS, 587) and ``smtps`` (implicit TLS, 465). Query options:
``timeout`` (seconds, default 30) and ``cafile`` (a CA bundle to trust, e.g. a test server's).
The password never appears in ``repr`` or in log lines.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Literal, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = [
    "Connection",
    "MessageRejected",
    "SmtpTransport",
    "Transport",
    "TransportError",
    "transport_from_url",
]

log = logging.getLogger(__name__)

Security = Literal["none", "starttls", "tls"]
_SCHEMES: dict[str, tuple[Security, int]] = {
    "smtp": ("none", 25),
    "smtp+starttls": ("starttls", 587),
    "smtps": ("tls", 465),
}


class TransportError(Exception):
    """The server can't be reached or the session failed: no message of the batch was sent."""


class MessageRejected(Exception):
    """The server refused one message (its reply is the text); the session goes on."""


class Connection(Protocol):
    """An open session: sends one message, returns the server's reply to it."""

    def send(self, sender: str, recipient: str, raw: bytes) -> str: ...


class Transport(Protocol):
    """Something that can open a session to deliver a batch of messages."""

    def connect(self) -> AbstractContextManager[Connection]: ...


@dataclass(frozen=True)
class SmtpTransport:
    """SMTP delivery with :mod:`smtplib`: plain, STARTTLS or implicit TLS, optional login.

    Attributes:
        host: Server name or address.
        port: Server port.
        security: ``"none"``, ``"starttls"`` or ``"tls"`` (implicit TLS).
        username: Login name; no login when empty.
        password: Login password; never shown by ``repr``.
        timeout: Seconds for connecting and for each reply.
        ssl_context: TLS settings; the system's default trust store when ``None``.
    """

    host: str
    port: int
    security: Security = "none"
    username: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        login = f"{self.username}:***@" if self.username else ""
        scheme = {"none": "smtp", "starttls": "smtp+starttls", "tls": "smtps"}[self.security]
        return f"SmtpTransport('{scheme}://{login}{self.host}:{self.port}', timeout={self.timeout})"

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """Open, secure and log in to a session, yielding it; closes it afterwards.

        Raises:
            TransportError: Connecting, TLS, login or the session failed.
        """
        try:
            client = self._open()
        except (OSError, smtplib.SMTPException) as exc:
            raise TransportError(_describe(exc)) from None  # from None: no password in a traceback
        try:
            yield _SmtpConnection(client)
        except (OSError, smtplib.SMTPException) as exc:
            raise TransportError(_describe(exc)) from None
        finally:
            _close(client)

    def _context(self) -> ssl.SSLContext:
        return self.ssl_context or ssl.create_default_context()

    def _open(self) -> smtplib.SMTP:
        if self.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self._context())
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            client.ehlo()
            if self.security == "starttls":
                client.starttls(context=self._context())
                client.ehlo()  # RFC 3207: capabilities must be asked again after STARTTLS
            if self.username:
                client.login(self.username, self.password)
        except BaseException:
            _close(client)
            raise
        return client


class _SmtpConnection:
    """One message at a time, keeping the server's reply (``sendmail`` would drop it)."""

    def __init__(self, client: smtplib.SMTP) -> None:
        self._client = client

    def send(self, sender: str, recipient: str, raw: bytes) -> str:
        """Send ``raw`` from ``sender`` to ``recipient``; the server's final reply.

        Raises:
            MessageRejected: The server refused the sender, the recipient or the data.
        """
        client = self._client
        try:
            self._expect(client.mail(sender, self._options(sender, recipient, raw)), (250,))
            self._expect(client.rcpt(recipient), (250, 251))
            code, reply = self._expect(client.data(raw), (250,))
        except (smtplib.SMTPResponseException, smtplib.SMTPNotSupportedError) as exc:
            # DATA refused before the body, or SMTPUTF8 not offered: this message only.
            client.rset()
            raise MessageRejected(_describe(exc)) from None
        return f"{code} {reply}"

    def _options(self, sender: str, recipient: str, raw: bytes) -> list[str]:
        options = []
        if not raw.isascii() and self._client.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
        if not (sender.isascii() and recipient.isascii()):
            options.append("SMTPUTF8")  # RFC 6531: an internationalized address
        return options

    def _expect(self, response: tuple[int, bytes], ok: tuple[int, ...]) -> tuple[int, str]:
        code, reply = response[0], response[1].decode("utf-8", "replace")
        if code not in ok:
            self._client.rset()  # leave the session clean for the next message
            raise MessageRejected(f"{code} {reply}")
        return code, reply


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def _describe(exc: BaseException) -> str:
    """A one-line description of a failure; smtplib's messages never contain the password."""
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}"


def transport_from_url(url: str) -> SmtpTransport:
    """A transport from a URL such as ``smtps://user:password@mail.contoso.com:465?timeout=10``.

    User name and password are percent-decoded. ``cafile`` adds a CA bundle to trust.

    Raises:
        ValueError: Unknown scheme, missing host or bad option.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES:
        raise ValueError(f"Unsupported SMTP URL scheme {parts.scheme!r}; use smtp, smtp+starttls or smtps.")
    if not parts.hostname:
        raise ValueError("The SMTP URL has no host.")
    security, default_port = _SCHEMES[parts.scheme.lower()]
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    context = ssl.create_default_context(cafile=options["cafile"]) if "cafile" in options else None
    return SmtpTransport(
        host=parts.hostname,
        port=parts.port or default_port,
        security=security,
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        timeout=float(options.get("timeout", 30.0)),
        ssl_context=context,
    )
