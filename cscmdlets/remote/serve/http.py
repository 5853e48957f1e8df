"""HTTP for ``serve``: the listener, TLS, authentication and WinRM message encryption.

Authentication is checked here, before any SOAP is read, as WinRM does: Basic (constant-time
compare), NTLM/Negotiate through pyspnego's acceptor with WinRM message encryption
(``multipart/encrypted``; [MS-WSMV] 2.2.9.1), and client
certificates over TLS. A bad credential is a 401 with the challenge a Windows host sends.

Before any of that, the request is framed as HTTP.sys frames it (``limits.py`` has the
sources): the request line and headers must arrive within ``header_timeout`` and fit
``max_request_header_bytes``; a body must have one decimal ``Content-Length`` no larger than the
envelope limit (400 otherwise, 411 for a chunked body, 413 when too large), and the
connection closes after such an answer. Connections are served by a bounded pool of
``max_connections`` workers; one more gets 503 and is closed (HTTP.sys' ``ConnLimit``).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import http.server
import logging
import re
import socket
import ssl
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .limits import Limits, LogonThrottle
from .wsman import WSManService

__all__ = ["Credentials", "HTTPListener", "make_tls_context"]

log = logging.getLogger(__name__)

SOAP = "application/soap+xml;charset=UTF-8"
SPNEGO_ENCRYPTED = "application/HTTP-SPNEGO-session-encrypted"
BOUNDARY = "Encrypted Boundary"
MUTUAL_TLS = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual"


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


def basic_user(header: str) -> str:
    """The account a Basic ``Authorization`` header names ('' if unreadable)."""
    try:
        decoded = base64.b64decode(header.removeprefix("Basic ").strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[0]


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


class _HeaderTooLarge(Exception):
    """The request line and headers exceed ``max_request_header_bytes``."""


class _HeaderReader:
    """The connection's reader while the request line and headers arrive: a deadline for all
    of them together (HTTP.sys ``HeaderWait``, so a byte every few seconds does not keep a
    connection), and a cap on their size (``MaxRequestBytes``)."""

    def __init__(self, stream: Any, connection: socket.socket, limits: Limits) -> None:
        self.stream, self.connection = stream, connection
        self.deadline = time.monotonic() + limits.header_timeout
        self.remaining = limits.max_request_header_bytes

    def readline(self, limit: int = -1) -> bytes:
        """One line, at most one socket read at a time, each within what is left of the
        deadline: a client trickling bytes without a newline cannot stretch it."""
        cap = self.remaining + 1 if limit < 0 else min(limit, self.remaining + 1)
        line = bytearray()
        while len(line) < cap:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request headers did not arrive in time")
            self.connection.settimeout(left)
            buffered: bytes = self.stream.peek(1)  # what is buffered, else one read
            if not buffered:
                break
            newline = buffered.find(b"\n", 0, cap - len(line))
            line += self.stream.read(newline + 1 if newline >= 0 else min(len(buffered), cap - len(line)))
            if newline >= 0:
                break
        self.remaining -= len(line)
        if self.remaining < 0:
            raise _HeaderTooLarge
        return bytes(line)


def body_length(headers: Any, max_body: int) -> int | Reply:
    """The body's length from its framing headers, or the answer HTTP.sys gives instead.

    RFC 9112 §6.3: ``Transfer-Encoding`` with ``Content-Length`` is an error (request
    smuggling); several or non-decimal lengths are an error; neither header means no body.
    A chunked body is refused with 411: WinRM clients always send a length.
    """
    encodings = headers.get_all("Transfer-Encoding") or []
    lengths = {value.strip() for value in headers.get_all("Content-Length") or []}
    if encodings:
        if lengths:
            return 400, {}, b""
        return (411, {}, b"") if encodings[-1].strip().lower().endswith("chunked") else (501, {}, b"")
    if not lengths:
        return 0
    if len(lengths) > 1 or not all(v.isascii() and v.isdigit() for v in lengths):
        return 400, {}, b""
    length = int(lengths.pop())
    return (413, {}, b"") if length > max_body else length


class _Handler(http.server.BaseHTTPRequestHandler):
    """One TCP connection. NTLM is connection-oriented, so its context lives here."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else Nagle meets delayed ACKs: 40 ms a request (RFC 1122 4.2.3.2)
    server: HTTPListener
    ntlm: Any = None

    def setup(self) -> None:
        # The TLS handshake runs here, on the connection's worker, within the header deadline.
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(self.server.limits.header_timeout)
            self.request.do_handshake()
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.client_address[0], *args)

    def handle_one_request(self) -> None:
        """BaseHTTPRequestHandler's, with HTTP.sys' idle and header timers and size cap."""
        limits = self.server.limits
        try:
            self.connection.settimeout(limits.connection_idle_timeout)
            if not self.rfile.peek(1):  # type: ignore[attr-defined]  # a BufferedReader (rbufsize -1)
                self.close_connection = True
                return
            self._read_request_head(limits)
        except TimeoutError:
            log.info("connection from %s timed out", self.client_address[0])
            self.close_connection = True
        except _HeaderTooLarge:
            self.requestline, self.request_version, self.command = "", "HTTP/1.1", "POST"
            self.close_connection = True
            self.send_error(400, "Request Header Too Long")

    def _read_request_head(self, limits: Limits) -> None:
        stream, self.rfile = self.rfile, _HeaderReader(self.rfile, self.connection, limits)  # type: ignore[assignment]
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                self.close_connection = True
                return
            parsed = self.parse_request()
        finally:
            self.rfile = stream
        if not parsed:
            return
        if self.command != "POST":
            self.close_connection = True
            self.send_error(501)
            return
        self.connection.settimeout(limits.body_timeout)  # re-armed by every read, as EntityBody is
        self.do_POST()
        self.wfile.flush()

    def handle_expect_100(self) -> bool:
        """``Expect: 100-continue``: invite the body only if its framing is acceptable."""
        length = body_length(self.headers, self.server.limits.max_body)
        if isinstance(length, tuple):
            self.close_connection = True
            self._send(*length)
            return False
        return super().handle_expect_100()

    def do_POST(self) -> None:
        self._send(*self._reply())

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Server", "Microsoft-HTTPAPI/2.0")
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _reply(self) -> Reply:
        length = body_length(self.headers, self.server.limits.max_body)
        if isinstance(length, tuple):
            self.close_connection = True  # the body's end is unknown: HTTP.sys closes too
            return length
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return 400, {}, b""
        if self.path.split("?", 1)[0].rstrip("/").lower() != "/wsman":
            return 404, {}, b""
        authenticate = _AUTHENTICATORS[self.server.auth]
        return authenticate(self, body)

    def soap(self, body: bytes, user: str) -> Reply:
        if not body:
            return 200, {}, b""
        status, xml = self.server.service.handle(body, owner=user)
        return status, {"Content-Type": SOAP}, xml

    @property
    def address(self) -> str:
        return str(self.client_address[0])


def _basic(handler: _Handler, body: bytes) -> Reply:
    header = handler.headers.get("Authorization", "")
    throttle, user = handler.server.throttle, basic_user(header)
    challenge: Reply = 401, {"WWW-Authenticate": 'Basic realm="WSMAN"'}, b""
    if throttle.is_locked(handler.address, user):
        return challenge
    if not (header.startswith("Basic ") and handler.server.credentials.matches_basic(header)):
        if header:
            throttle.failed(handler.address, user)
            log.info("authentication failed from %s", handler.address)
        return challenge
    throttle.succeeded(handler.address, user)
    return handler.soap(body, handler.server.credentials.username)


def _certificate(handler: _Handler, body: bytes) -> Reply:
    # The TLS layer already required and verified the client certificate (make_tls_context).
    has_certificate = isinstance(handler.connection, ssl.SSLSocket) and handler.connection.getpeercert()
    if handler.headers.get("Authorization", "") != MUTUAL_TLS or not has_certificate:
        return 401, {}, b""
    return handler.soap(body, handler.server.credentials.username)


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
    throttle, account = handler.server.throttle, handler.server.credentials.username
    if throttle.is_locked(handler.address, account):
        handler.ntlm = None
        return 401, {"WWW-Authenticate": "Negotiate"}, b""
    if handler.ntlm is None or handler.ntlm.complete:
        handler.ntlm = spnego.server(protocol="negotiate", options=spnego.NegotiateOptions.wrapping_winrm)
    try:
        answer = handler.ntlm.step(base64.b64decode(token))
    except Exception as error:  # wrong password, garbage token: the 401 a host sends
        log.info("authentication failed from %s: %s", handler.address, type(error).__name__)
        throttle.failed(handler.address, account)
        handler.ntlm = None
        return 401, {"WWW-Authenticate": "Negotiate"}, b""
    challenge = {"WWW-Authenticate": f"{scheme} {base64.b64encode(answer).decode()}"} if answer else {}
    if not handler.ntlm.complete:
        return 401, challenge, b""
    throttle.succeeded(handler.address, account)
    # The final SPNEGO token (mechListMIC) must reach the client, or its sequence numbers
    # for message encryption get out of step (the mechListMIC, RFC 4178 §5).
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
    status, headers, xml = handler.soap(plaintext, handler.server.credentials.username)
    if not encrypted:
        return status, headers, xml
    return status, {"Content-Type": encrypted_content_type()}, wrap(handler.ntlm, xml)


_AUTHENTICATORS = {"basic": _basic, "ntlm": _ntlm, "negotiate": _ntlm, "certificate": _certificate}

_CONNECTION_LIMIT = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class HTTPListener(http.server.HTTPServer):
    """The HTTP(S) listener: a pool of at most ``max_connections`` workers, the WSMan
    service behind it. Closing it also closes every open connection."""

    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        service: WSManService,
        *,
        auth: str,
        credentials: Credentials,
        tls: ssl.SSLContext | None = None,
        limits: Limits | None = None,
    ) -> None:
        if auth not in _AUTHENTICATORS:
            raise ValueError(f"unsupported auth {auth!r}; use one of {sorted(_AUTHENTICATORS)}")
        super().__init__(address, _Handler)
        self.service = service
        self.auth = auth
        self.credentials = credentials
        self.limits = limits or Limits()
        self.throttle = LogonThrottle(self.limits.logon_failures, self.limits.lockout_seconds)
        self.is_tls = tls is not None
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self.workers = ThreadPoolExecutor(self.limits.max_connections, thread_name_prefix="cscmdlets-http")
        self.free_slots = threading.BoundedSemaphore(self.limits.max_connections)
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.free_slots.acquire(blocking=False):
            log.warning("connection limit (%d) reached; refusing %s", self.limits.max_connections, client_address[0])
            _refuse(request, is_tls=self.is_tls)
            self.shutdown_request(request)
            return
        with self.connections_lock:
            self.connections.add(request)
        self.workers.submit(self._serve_connection, request, client_address)

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            with self.connections_lock:
                self.connections.discard(request)
            self.shutdown_request(request)
            self.free_slots.release()

    def server_close(self) -> None:
        super().server_close()
        with self.connections_lock:
            open_connections = list(self.connections)
        for connection in open_connections:  # wakes workers blocked in a read
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.workers.shutdown(wait=False, cancel_futures=True)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that drops the connection (or fails TLS) is not a server error.
        log.debug("connection from %s ended with an error", client_address, exc_info=True)


def _refuse(request: socket.socket, *, is_tls: bool) -> None:
    """HTTP.sys' ``ConnLimit``: 503, then close. Over TLS no handshake is spent on it."""
    if is_tls:
        return
    with contextlib.suppress(OSError):
        request.setblocking(False)
        request.send(_CONNECTION_LIMIT)
