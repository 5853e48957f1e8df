"""Logins, sessions, CSRF tokens and the security headers of every response.

A session lives in memory, named by a random cookie (``HttpOnly``, ``SameSite=Strict``,
``Secure`` under TLS); a login starts a new one, so a session id planted before the login
is worth nothing after it. Every form carries the session's CSRF token and every POST is
refused without it (OWASP's synchroniser token pattern). Pages may run only the admin
centre's own script and style (Content-Security-Policy); an email is shown in a sandboxed
frame whose document may not run scripts at all.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from .commands import CommandOutcome, LoggedCommand

__all__ = ["EMAIL_FRAME_POLICY", "PAGE_POLICY", "Pending", "SecurityHeaders", "Session", "Sessions", "same_secret"]

COOKIE = "cscmdlets_admin"
_MOST_ANONYMOUS = 1_000

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: An email's own document: its inline styles and data: images, nothing else, and no scripts.
EMAIL_FRAME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison, so the time taken tells nothing of the secret."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class Pending:
    """A command previewed with -WhatIf and waiting for its confirmation."""

    outcome: CommandOutcome
    return_to: str
    #: The user's state when the form was shown; a change since then is a conflict.
    object_id: str | None = None
    version: str | None = None
    reveals_pin: bool = False


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    user: str | None = None
    language: str | None = None  # chosen with the switch; None follows Accept-Language
    log: list[LoggedCommand] = field(default_factory=list)
    pending: dict[str, Pending] = field(default_factory=dict)
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    last_command: str | None = None
    #: A PIN just reset, shown once on the user's pane and then forgotten.
    new_pins: dict[str, str] = field(default_factory=dict)
    seen: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


class Sessions:
    """The open sessions, by cookie value; idle ones expire."""

    def __init__(self, idle: dt.timedelta = dt.timedelta(hours=8)) -> None:
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self._idle = idle

    def get(self, key: str | None) -> Session | None:
        now = dt.datetime.now(dt.UTC)
        with self._lock:
            session = self._sessions.get(key or "")
            if session is None:
                return None
            if now - session.seen > self._idle:
                del self._sessions[key or ""]
                return None
            session.seen = now
            return session

    def new(self, user: str | None = None) -> tuple[str, Session]:
        key = secrets.token_urlsafe(32)
        session = Session(user=user)
        with self._lock:
            self._forget_some()
            self._sessions[key] = session
        return key, session

    def _forget_some(self) -> None:
        """Drop idle sessions, and the oldest not signed in beyond ``_MOST_ANONYMOUS``: every
        visit to the login page makes one, and they must not pile up."""
        now = dt.datetime.now(dt.UTC)
        anonymous = [key for key, s in self._sessions.items() if s.user is None]
        stale = [key for key, s in self._sessions.items() if now - s.seen > self._idle]
        for key in stale + anonymous[: max(0, len(anonymous) - _MOST_ANONYMOUS + 1)]:
            self._sessions.pop(key, None)

    def drop(self, key: str | None) -> None:
        with self._lock:
            self._sessions.pop(key or "", None)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


class SecurityHeaders:
    """ASGI middleware: the headers above on every response, the page policy unless the
    route set its own (the email frame does), and the time the server took (Server-Timing)."""

    def __init__(self, app: ASGIApp, *, tls: bool = False) -> None:
        self.app = app
        self.tls = tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                # The time the server spent (W3C Server Timing), for benchmarks and dev tools.
                spent = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={spent:.2f}".encode()))
                names = {name.lower() for name, _ in headers}
                headers.extend(h for h in _HEADERS if h[0] not in names)
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                    headers.append((b"x-frame-options", b"DENY"))
                if self.tls:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
