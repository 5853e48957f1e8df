"""The admin centre's ASGI application (Starlette): pages, forms, and the commands behind them.

Every page is rendered on the server and every form works without JavaScript
(POST → redirect → GET). A change is never written here: :mod:`.actions` turns the form into
a PowerShell command line, shows it with its ``-WhatIf`` plan, and runs it on confirmation
through the tenant's script runner (see :mod:`.commands`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..cmdlets.policies import invite_view
from ..model import Bridge, DeliveryStatus, DialInSettings, ServiceNumber, TenantInfo, User
from ..tenant import Tenant
from . import actions
from .commands import LoggedCommand, export_ps1, field_errors, run_line
from .directory import PAGE_SIZES, SORT_KEYS, Directory, Query
from .i18n import LANGUAGES, N_, environment, negotiate
from .security import COOKIE, EMAIL_FRAME_POLICY, Pending, SecurityHeaders, Session, Sessions, same_secret

__all__ = ["AdminConfig", "create_app"]

HERE = Path(__file__).parent

_MOST_PENDING = 20
_MOST_LISTED = 500  # outbox messages and audit entries a page lists, newest first
_FAILED_LOGIN_DELAY = 0.5  # seconds
CHANGED_SINCE_OPENED = N_(
    "This user was changed by someone else since you opened the page. Review the new values and try again."
)
CHANGED_SINCE_PREVIEW = N_(
    "This user was changed by someone else since the preview. Nothing was changed; review the new values and try again."
)


@dataclass
class AdminConfig:
    """Who may log in, and how the centre is reached.

    Args:
        username, password: the one account (as ``cscmdlets serve`` takes them).
        tls: whether the centre is served over HTTPS (the cookie is then ``Secure``).
        smtp_url: the default server of "Deliver to SMTP" (``$CSCMDLETS_SMTP_URL``).
    """

    username: str
    password: str
    tls: bool = False
    smtp_url: str | None = None
    sessions: Sessions = field(default_factory=Sessions)


class AdminState:
    """What the routes share: the tenant, its directory read model, the sessions."""

    def __init__(self, tenant: Tenant, config: AdminConfig) -> None:
        self.tenant = tenant
        self.config = config
        path = getattr(tenant.store, "path", None)
        if path is None:
            raise ValueError("the admin centre needs a tenant in a SQLite file (Tenant.open)")
        self.directory = Directory(path)
        # Loading 100,000 users takes a second or two: in the background, from the start.
        threading.Thread(target=self.directory.warm, name="admin-directory", daemon=True).start()

    # --- reading the tenant (never writing: writes are commands) ---------------------------------

    def read(self) -> TenantView:
        by_policy = "AllowTollFreeDialIn" in self.tenant.module.policy_managed(actions.SET_USER)
        with self.tenant.store.transaction():
            store = self.tenant.store
            return TenantView(store.bridges(), store.service_numbers(), store.settings(), store.tenant(), by_policy)

    def toll_free_allowed(self, user: User) -> bool:
        """Whether the user may dial in toll-free: their own setting and their effective policy."""
        with self.tenant.store.transaction():
            shown, _ = invite_view(self.tenant.backend, user, [])
        return shown.allow_toll_free_dial_in

    def user(self, object_id: str) -> User | None:
        try:
            key = uuid.UUID(object_id)
        except ValueError:
            return None
        with self.tenant.store.transaction():
            return self.tenant.store.user(key)


@dataclass
class TenantView:
    """The tenant's bridges, numbers and settings, read in one transaction for one page."""

    bridges: list[Bridge]
    numbers: list[ServiceNumber]
    settings: DialInSettings
    info: TenantInfo | None
    #: Today's module leaves a user's toll-free dial-in to the audio conferencing policy.
    toll_free_by_policy: bool = False

    def bridge(self, identity: object) -> Bridge | None:
        return next((b for b in self.bridges if str(b.identity) == str(identity)), None)

    def numbers_of(self, bridge: Bridge) -> list[ServiceNumber]:
        return [n for n in self.numbers if n.bridge_id == bridge.identity]

    def default_numbers(self) -> dict[str, tuple[str, ...]]:
        """Each bridge's default toll and toll-free numbers, for the directory's number search."""
        result: dict[str, tuple[str, ...]] = {}
        for bridge in self.bridges:
            toll_free = next((n.number for n in self.numbers_of(bridge) if n.is_toll_free), None)
            result[str(bridge.identity)] = tuple(n for n in (bridge.default_service_number, toll_free) if n)
        return result


def version_of(user: User | None) -> str:
    """A short fingerprint of the user's state: a form remembers it, a change since is a conflict."""
    data = user.model_dump_json() if user is not None else ""
    return hashlib.sha256(data.encode()).hexdigest()[:16]


# --- rendering -----------------------------------------------------------------------------------


def _language(request: Request, session: Session | None) -> str:
    return negotiate(request.headers.get("accept-language"), session.language if session else None)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    session: Session | None = request.scope.get("admin_session")
    language = _language(request, session)
    flash = list(session.flash) if session else []
    if session:
        session.flash.clear()
    last_command = None
    if session and not context.pop("hide_last_command", False):
        # Shown once, on the page the admin lands on after running it; the log keeps it.
        last_command, session.last_command = session.last_command, None
    page = environment(language).get_template(template)
    html = page.render(
        request=request,
        session=session,
        language=language,
        languages=LANGUAGES,
        csrf=session.csrf if session else "",
        flash=flash,
        path=request.url.path,
        last_command=last_command,
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers={"content-language": language})


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# --- sessions and login ----------------------------------------------------------------------------


def _state(request: Request) -> AdminState:
    state: AdminState = request.app.state.admin
    return state


def _session(request: Request) -> Session | None:
    return _state(request).config.sessions.get(request.cookies.get(COOKIE))


def _set_cookie(response: Response, key: str, request: Request) -> None:
    response.set_cookie(COOKIE, key, httponly=True, samesite="strict", secure=_state(request).config.tls, path="/")


async def _checked_form(request: Request, session: Session) -> FormData | None:
    """The POSTed form if it carries the session's CSRF token, else ``None``."""
    form = await request.form()
    token = form.get("csrf")
    return form if isinstance(token, str) and same_secret(token, session.csrf) else None


def _forbidden(request: Request) -> HTMLResponse:
    return render(
        request,
        "error.html",
        status_code=403,
        message=N_("The form has expired or did not come from this page. Reload the page and try again."),
    )


def login_required(handler: Any) -> Any:
    """Routes behind the login: a page without a session goes to the login page; a POST
    without the session's CSRF token is refused (403) before the handler sees it."""

    async def guarded(request: Request) -> Response:
        session = _session(request)
        if session is None or session.user is None:
            if request.method == "GET":
                return _redirect("/login?" + urlencode({"next": request.url.path}))
            return render(request, "error.html", status_code=403, message=N_("Sign in first."))
        request.scope["admin_session"] = session
        if request.method == "POST":
            form = await _checked_form(request, session)
            if form is None:
                return _forbidden(request)
            request.scope["admin_form"] = form
        response: Response = await handler(request, session)
        return response

    return guarded


def _form(request: Request) -> FormData:
    form: FormData = request.scope["admin_form"]
    return form


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _safe_next(target: str) -> str:
    """Only a path of this site: never ``//host`` or a URL elsewhere (an open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/users"


async def login_page(request: Request) -> Response:
    key = request.cookies.get(COOKIE)
    session = _state(request).config.sessions.get(key)
    response: Response
    if session is None:
        key, session = _state(request).config.sessions.new()
    request.scope["admin_session"] = session
    if request.method == "GET":
        response = render(request, "login.html", next=_safe_next(request.query_params.get("next", "/users")))
        _set_cookie(response, key or "", request)
        return response
    form = await _checked_form(request, session)
    if form is None:
        return _forbidden(request)
    config = _state(request).config
    user, password = _text(form, "username"), str(form.get("password") or "")
    if not (same_secret(user.lower(), config.username.lower()) and same_secret(password, config.password)):
        await asyncio.sleep(_FAILED_LOGIN_DELAY)  # a guesser gets a few tries a second, not thousands
        response = render(request, "login.html", status_code=401, next=_safe_next(_text(form, "next")), failed=True)
        return response
    config.sessions.drop(key)  # a new session id after the login (session fixation)
    new_key, new_session = config.sessions.new(config.username)
    new_session.language = session.language
    response = _redirect(_safe_next(_text(form, "next")))
    _set_cookie(response, new_key, request)
    return response


@login_required
async def logout(request: Request, session: Session) -> Response:
    _state(request).config.sessions.drop(request.cookies.get(COOKIE))
    response = _redirect("/login")
    response.delete_cookie(COOKIE, path="/")
    return response


async def choose_language(request: Request) -> Response:
    """The language switch: works signed in or not (the login page has it too)."""
    session = _session(request)
    if session is None:
        return _forbidden(request)
    form = await _checked_form(request, session)
    if form is None:
        return _forbidden(request)
    chosen = _text(form, "language")
    session.language = chosen if chosen in LANGUAGES else None
    return _redirect(_safe_next(_text(form, "next")))


# --- pages -----------------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    return _redirect("/users")


def _query(request: Request) -> Query:
    params = request.query_params

    def number(name: str, default: int) -> int:
        text = params.get(name, "")
        return int(text) if text.isdigit() and len(text) < 7 else default

    return Query(
        search=params.get("q", "")[:200],
        bridge=params.get("bridge", ""),
        provider=params.get("provider", ""),
        licence=params.get("licence", ""),
        sort=params.get("sort", "name") if params.get("sort") in SORT_KEYS else "name",
        descending=params.get("desc") == "1",
        page=number("page", 1),
        size=number("size", 50),
    )


@login_required
async def users_page(request: Request, session: Session) -> Response:
    state = _state(request)
    query = _query(request)
    view = await run_in_threadpool(state.read)
    page = await run_in_threadpool(state.directory.search, query, view.default_numbers())
    bridge_names = {str(b.identity): b.name for b in view.bridges}

    def link(**changes: Any) -> str:
        params = {
            "q": query.search,
            "bridge": query.bridge,
            "provider": query.provider,
            "licence": query.licence,
            "sort": query.sort,
            "desc": "1" if query.descending else "",
            "size": str(query.size),
            "page": str(query.page),
        }
        params.update({k: str(v) for k, v in changes.items()})
        return "/users?" + urlencode({k: v for k, v in params.items() if v})

    return render(
        request,
        "users.html",
        query=query,
        page=page,
        bridges=view.bridges,
        bridge_names=bridge_names,
        link=link,
        sort_keys=SORT_KEYS,
        page_sizes=PAGE_SIZES,
    )


@login_required
async def user_page(request: Request, session: Session) -> Response:
    state = _state(request)
    object_id = request.path_params["object_id"]
    user = await run_in_threadpool(state.user, object_id)
    if user is None:
        return render(request, "error.html", status_code=404, message=N_("No such user."))
    view = await run_in_threadpool(state.read)
    bridge = view.bridge(user.bridge_id)
    conferencing = state.tenant.backend.conferencing_user(user) if user.is_conferencing_enabled else None
    toll_free = await run_in_threadpool(state.toll_free_allowed, user)
    return render(
        request,
        "user.html",
        user=user,
        toll_free_allowed=toll_free,
        conferencing=conferencing,
        bridge=bridge,
        bridges=view.bridges,
        numbers=view.numbers_of(bridge) if bridge else [],
        version=version_of(user),
        new_pin=session.new_pins.pop(object_id, None),
    )


@login_required
async def bridges_page(request: Request, session: Session) -> Response:
    view = await run_in_threadpool(_state(request).read)
    by_bridge = {str(b.identity): view.numbers_of(b) for b in view.bridges}
    unassigned = [n for n in view.numbers if n.bridge_id is None]
    return render(request, "bridges.html", bridges=view.bridges, by_bridge=by_bridge, unassigned=unassigned)


@login_required
async def settings_page(request: Request, session: Session) -> Response:
    view = await run_in_threadpool(_state(request).read)
    return render(
        request, "settings.html", settings=view.settings, values=actions.settings_values(view.settings), errors={}
    )


@login_required
async def outbox_page(request: Request, session: Session) -> Response:
    entries = await run_in_threadpool(lambda: list(_state(request).tenant.outbox))
    queued = sum(e.status is DeliveryStatus.QUEUED for e in entries)
    total = len(entries)
    entries = entries[-_MOST_LISTED:][::-1]  # newest first, as a mail catcher lists them
    return render(
        request,
        "outbox.html",
        entries=entries,
        total=total,
        queued=queued,
        smtp_url=_state(request).config.smtp_url or "",
    )


def _outbox_entry(request: Request) -> Any:
    sequence = request.path_params["sequence"]
    with _state(request).tenant.store.transaction():
        entry = _state(request).tenant.store.outbox_entry(sequence)
    if entry is None:
        return None
    from ..mail import OutboxMessage

    return OutboxMessage.model_construct(**dict(entry))


@login_required
async def message_page(request: Request, session: Session) -> Response:
    message = await run_in_threadpool(_outbox_entry, request)
    if message is None:
        return render(request, "error.html", status_code=404, message=N_("No such message."))
    parsed = message.message
    return render(
        request,
        "message.html",
        entry=message,
        headers=list(parsed.items()),
        text=message.body("plain"),
        raw=message.raw.decode("utf-8", "replace"),
    )


@login_required
async def message_html(request: Request, session: Session) -> Response:
    """The email's HTML, for the sandboxed frame only: a policy of its own, no scripts."""
    message = await run_in_threadpool(_outbox_entry, request)
    if message is None:
        return Response(status_code=404)
    return HTMLResponse(
        message.body("html"),
        headers={"content-security-policy": EMAIL_FRAME_POLICY, "x-frame-options": "SAMEORIGIN"},
    )


@login_required
async def message_eml(request: Request, session: Session) -> Response:
    message = await run_in_threadpool(_outbox_entry, request)
    if message is None:
        return Response(status_code=404)
    name = f"{message.sequence:06d}-{message.kind}.eml"
    return Response(
        message.raw, media_type="message/rfc822", headers={"content-disposition": f'attachment; filename="{name}"'}
    )


@login_required
async def flush_outbox(request: Request, session: Session) -> Response:
    """Deliver the queued messages to an SMTP server (the outbox's own flush, not a cmdlet)."""
    from ..mail import TransportError, transport_from_url

    url = _text(_form(request), "smtp_url") or _state(request).config.smtp_url or ""
    outbox = _state(request).tenant.outbox
    try:
        sent = await run_in_threadpool(outbox.with_transport(transport_from_url(url)).flush)
    except (TransportError, ValueError, OSError) as error:
        session.flash.append(("raw-error", str(error)))
    else:
        session.flash.append(("sent", str(sent)))
    return _redirect("/outbox")


@login_required
async def audit_page(request: Request, session: Session) -> Response:
    params = request.query_params
    filters = {name: params.get(name, "").strip() for name in ("target", "command", "actor")}

    def matching() -> list[Any]:
        with _state(request).tenant.store.transaction():
            entries = _state(request).tenant.store.audit_entries()
        wanted = [(name, value.lower()) for name, value in filters.items() if value]
        found = [e for e in entries if all(value in str(getattr(e, name)).lower() for name, value in wanted)]
        found.reverse()
        return found[:_MOST_LISTED]

    entries = await run_in_threadpool(matching)
    return render(request, "audit.html", entries=entries, filters=filters)


@login_required
async def commands_page(request: Request, session: Session) -> Response:
    return render(request, "commands.html", log=session.log, hide_last_command=True)


@login_required
async def commands_ps1(request: Request, session: Session) -> Response:
    state = _state(request)
    info = state.tenant.info
    text = export_ps1(session.log, user=session.user or "", tenant_name=info.display_name if info else "")
    return Response(
        text.encode("utf-8"),
        media_type="text/plain; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="admin-session.ps1"'},
    )


# --- actions: preview (-WhatIf), confirm, run ----------------------------------------------------


@login_required
async def preview_action(request: Request, session: Session) -> Response:
    """Build the command of a form, run it with -WhatIf, and show what would change."""
    state = _state(request)
    form = _form(request)
    name = request.path_params["action"]
    view = await run_in_threadpool(state.read)
    try:
        planned = actions.build(name, form, view)
    except actions.UnknownAction:
        return render(request, "error.html", status_code=404, message=N_("No such action."))
    user = await run_in_threadpool(state.user, planned.object_id) if planned.object_id else None
    if planned.object_id and _text(form, "version") != version_of(user):
        session.flash.append(("error", CHANGED_SINCE_OPENED))
        return _redirect(planned.return_to)
    if not planned.line:
        session.flash.append(("info", N_("Nothing to change.")))
        return _redirect(planned.return_to)
    outcome = await run_in_threadpool(run_line, state.tenant, planned.line, what_if=planned.supports_what_if)
    if name == "settings" and not outcome.ok:
        values = actions.settings_values(view.settings) | planned.values
        errors = field_errors(outcome.errors, actions.SETTINGS_FIELDS)
        return render(
            request,
            "settings.html",
            status_code=422,
            settings=view.settings,
            values=values,
            errors=errors,
            command=outcome.shown_line,
        )
    key = uuid.uuid4().hex
    while len(session.pending) >= _MOST_PENDING:  # previews never confirmed: forget the oldest
        session.pending.pop(next(iter(session.pending)))
    session.pending[key] = Pending(
        outcome,
        planned.return_to,
        planned.object_id,
        version_of(user) if planned.object_id else None,
        planned.reveals_pin,
    )
    return _redirect(f"/confirm/{key}")


@login_required
async def confirm_page(request: Request, session: Session) -> Response:
    pending = session.pending.get(request.path_params["key"])
    if pending is None:
        return _redirect("/users")
    if request.method == "GET":
        return render(request, "confirm.html", pending=pending, key=request.path_params["key"], hide_last_command=True)
    session.pending.pop(request.path_params["key"], None)
    state = _state(request)
    if pending.object_id is not None:
        current = await run_in_threadpool(state.user, pending.object_id)
        if version_of(current) != pending.version:
            session.flash.append(("error", CHANGED_SINCE_PREVIEW))
            return _redirect(pending.return_to)
    outcome = await run_in_threadpool(run_line, state.tenant, pending.outcome.line)
    session.log.append(LoggedCommand(dt.datetime.now(dt.UTC), outcome.line, outcome.ok))
    session.last_command = outcome.line
    for message in outcome.errors:
        session.flash.append(("raw-error", message))
    for message in outcome.warnings:
        session.flash.append(("raw-warning", message))
    if outcome.ok:
        session.flash.append(("done", N_("Done.")))
        if pending.reveals_pin and pending.object_id:
            pin = next((o.leader_pin for o in outcome.output if getattr(o, "leader_pin", None)), None)
            if pin:
                session.new_pins[pending.object_id] = pin
    return _redirect(pending.return_to)


def create_app(tenant: Tenant, config: AdminConfig) -> Starlette:
    """The admin centre for ``tenant`` (opened with ``Tenant.open``), wrapped in its security
    headers; serve it with uvicorn."""
    routes = [
        Route("/", home),
        Route("/login", login_page, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/language", choose_language, methods=["POST"]),
        Route("/users", users_page),
        Route("/users/{object_id}", user_page),
        Route("/bridges", bridges_page),
        Route("/settings", settings_page),
        Route("/outbox", outbox_page),
        Route("/outbox/flush", flush_outbox, methods=["POST"]),
        Route("/outbox/{sequence:int}", message_page),
        Route("/outbox/{sequence:int}/html", message_html),
        Route("/outbox/{sequence:int}.eml", message_eml),
        Route("/audit", audit_page),
        Route("/commands", commands_page),
        Route("/commands.ps1", commands_ps1),
        Route("/actions/{action}", preview_action, methods=["POST"]),
        Route("/confirm/{key}", confirm_page, methods=["GET", "POST"]),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders, tls=config.tls)])
    app.state.admin = AdminState(tenant, config)
    return app
