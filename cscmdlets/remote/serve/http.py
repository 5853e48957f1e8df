"""HTTP for ``serve``: the listener, TLS, authentication and WinRM message encryption.

Authentication is checked here, before any SOAP is read, as WinRM does: Basic (constant-time
compare), NTLM/Negotiate through pyspnego's acceptor with WinRM message encryption
(``multipart/encrypted``; spec/remote.md §3 "NTLM + WinRM message encryption"), and client
certificates over TLS. A bad credential is a 401 with the challenge a Windows host sends.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import http.server
import logging
import re
import ssl
import struct
from dataclasses import dataclass, field
from typing import Any

from .wsman import WSManService

__all__ = ["Credentials", "HTTPListener", "make_tls_context"]

log = logging.getLogger(__name__)

SOAP = "application/soap+xml;charset=UTF-8"
SPNEGO_ENCRYPTED = "application/HTTP-SPNEGO-session-encrypted"
BOUNDARY = "Encrypted Boundary"
MUTUAL_TLS = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual"
MAX_BODY = 32 * 1024 * 1024  # larger than any envelope a client sends at MaxEnvelopeSize 512000


@dataclass(frozen=True)
class Credentials:
    """The one account the server accepts. The password never appears in repr or logs."""

    username: str
    password: str = field(repr=False)

    def matches_basic(self, header: str) -> bool:
        try:
            decoded = base64.b64decode(header.removeprefix("Basic ").strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, _, password = decoded.partition(":")
        same_user = hmac.compare_digest(user.lower().encode(), self.username.lower().encode())
        return same_user & hmac.compare_digest(password.encode(), self.password.encode())

    def ntlm_user_file_line(self) -> str:
        """The account for pyspnego's NTLM acceptor in smbpasswd form: hashes, not the
        password (and a password may contain the ``:`` the plain form splits on)."""
        from spnego._ntlm_raw.crypto import lmowfv1, ntowfv1

        lm, nt = lmowfv1(self.password).hex().upper(), ntowfv1(self.password).hex().upper()
        return f"{self.username}:0:{lm}:{nt}:[U]:LCT-00000000\n"


def make_tls_context(cert: str, key: str, client_ca: str | None = None) -> ssl.SSLContext:
    """A server TLS context; with ``client_ca`` a client certificate is required."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    if client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context


# --- WinRM message encryption (MS-WSMV 2.2.9.1) ---------------------------------------------------


def unwrap(context: Any, body: bytes) -> bytes:
    """Decrypt a ``multipart/encrypted`` body; each part is ``len(header)|header|data``."""
    parts = [p for p in re.split(rb"--\s*" + re.escape(BOUNDARY.encode()) + rb"(?:--)?\r\n", body) if p]
    plaintext = b""
    for index in range(0, len(parts) - 1, 2):
        expected = re.search(rb"Length=(\d+)", parts[index])
        payload = parts[index + 1].replace(b"\tContent-Type: application/octet-stream\r\n", b"", 1)
        header_length = struct.unpack("<i", payload[:4])[0]
        data = context.unwrap_winrm(payload[4 : 4 + header_length], payload[4 + header_length :])
        if expected is None or len(data) != int(expected.group(1)):
            raise ValueError("encrypted part length mismatch")
        plaintext += data
    return plaintext


def wrap(context: Any, data: bytes) -> bytes:
    header, encrypted, padding = context.wrap_winrm(data)
    boundary = f"--{BOUNDARY}"
    prefix = "\r\n".join(
        [
            boundary,
            f"\tContent-Type: {SPNEGO_ENCRYPTED}",
            f"\tOriginalContent: type={SOAP};Length={len(data) + padding}",
            boundary,
            "\tContent-Type: application/octet-stream",
            "",
        ]
    ).encode()
    body: bytes = prefix + struct.pack("<i", len(header)) + header + encrypted + f"{boundary}--\r\n".encode()
    return body


def encrypted_content_type() -> str:
    return f'multipart/encrypted;protocol="{SPNEGO_ENCRYPTED}";boundary="{BOUNDARY}"'


# --- the listener ---------------------------------------------------------------------------------

Reply = tuple[int, dict[str, str], bytes]


class _Handler(http.server.BaseHTTPRequestHandler):
    """One TCP connection. NTLM is connection-oriented, so its context lives here."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else a 40 ms delayed-ACK stall per request (spec/remote.md §3)
    server: HTTPListener
    ntlm: Any = None

    def setup(self) -> None:
        # The TLS handshake runs here, on the connection's thread, not in the accept loop.
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(30)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.client_address[0], *args)

    def do_POST(self) -> None:
        status, headers, body = self._reply()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Server", "Microsoft-HTTPAPI/2.0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _reply(self) -> Reply:
        if self.path.split("?", 1)[0].rstrip("/").lower() != "/wsman":
            return 404, {}, b""
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return 413, {}, b""
        body = self.rfile.read(length) if length else b""
        authenticate = _AUTHENTICATORS[self.server.auth]
        return authenticate(self, body)

    def soap(self, body: bytes) -> Reply:
        if not body:
            return 200, {}, b""
        status, xml = self.server.service.handle(body)
        return status, {"Content-Type": SOAP}, xml


def _basic(handler: _Handler, body: bytes) -> Reply:
    header = handler.headers.get("Authorization", "")
    if not (header.startswith("Basic ") and handler.server.credentials.matches_basic(header)):
        return 401, {"WWW-Authenticate": 'Basic realm="WSMAN"'}, b""
    return handler.soap(body)


def _certificate(handler: _Handler, body: bytes) -> Reply:
    # The TLS layer already required and verified the client certificate (make_tls_context).
    has_certificate = isinstance(handler.connection, ssl.SSLSocket) and handler.connection.getpeercert()
    if handler.headers.get("Authorization", "") != MUTUAL_TLS or not has_certificate:
        return 401, {}, b""
    return handler.soap(body)


def _ntlm(handler: _Handler, body: bytes) -> Reply:
    header = handler.headers.get("Authorization", "")
    if header.startswith(("Negotiate ", "NTLM ")):
        reply = _ntlm_step(handler, header)
        if reply is not None and (reply[0] != 200 or not body):
            return reply
    if handler.ntlm is None or not handler.ntlm.complete:
        return 401, {"WWW-Authenticate": "Negotiate"}, b""
    return _ntlm_message(handler, body)


def _ntlm_step(handler: _Handler, header: str) -> Reply | None:
    import spnego

    scheme, _, token = header.partition(" ")
    if handler.ntlm is None or handler.ntlm.complete:
        handler.ntlm = spnego.server(protocol="negotiate", options=spnego.NegotiateOptions.wrapping_winrm)
    try:
        answer = handler.ntlm.step(base64.b64decode(token))
    except Exception as error:  # wrong password, garbage token: the 401 a host sends
        log.info("authentication failed from %s: %s", handler.client_address[0], type(error).__name__)
        handler.ntlm = None
        return 401, {"WWW-Authenticate": "Negotiate"}, b""
    challenge = {"WWW-Authenticate": f"{scheme} {base64.b64encode(answer).decode()}"} if answer else {}
    if not handler.ntlm.complete:
        return 401, challenge, b""
    # The final SPNEGO token (mechListMIC) must reach the client, or its sequence numbers
    # for message encryption get out of step (spec/remote.md §3).
    return 200, challenge, b""


def _ntlm_message(handler: _Handler, body: bytes) -> Reply:
    if not body:
        return 200, {}, b""
    encrypted = handler.headers.get("Content-Type", "").startswith("multipart/encrypted")
    if not encrypted and not handler.server.is_tls:
        return 400, {}, b""  # like WinRM with AllowUnencrypted=false
    try:
        plaintext = unwrap(handler.ntlm, body) if encrypted else body
    except Exception:
        handler.ntlm = None
        return 401, {"WWW-Authenticate": "Negotiate"}, b""
    status, headers, xml = handler.soap(plaintext)
    if not encrypted:
        return status, headers, xml
    return status, {"Content-Type": encrypted_content_type()}, wrap(handler.ntlm, xml)


_AUTHENTICATORS = {"basic": _basic, "ntlm": _ntlm, "negotiate": _ntlm, "certificate": _certificate}


class HTTPListener(http.server.ThreadingHTTPServer):
    """The HTTP(S) listener: one thread per connection, the WSMan service behind it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        service: WSManService,
        *,
        auth: str,
        credentials: Credentials,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        if auth not in _AUTHENTICATORS:
            raise ValueError(f"unsupported auth {auth!r}; use one of {sorted(_AUTHENTICATORS)}")
        super().__init__(address, _Handler)
        self.service = service
        self.auth = auth
        self.credentials = credentials
        self.is_tls = tls is not None
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that drops the connection (or fails TLS) is not a server error.
        log.debug("connection from %s ended with an error", client_address, exc_info=True)
