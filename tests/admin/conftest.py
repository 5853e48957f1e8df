"""Fixtures of the admin centre tests: the app served by uvicorn on 127.0.0.1 over a demo
tenant in a SQLite file, and a signed-in httpx client that reads forms as a browser does."""

from __future__ import annotations

import html
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the admin extra is not installed")
import httpx
import uvicorn

from cscmdlets.admin import AdminConfig, create_app
from cscmdlets.tenant import Tenant

USER, PASSWORD = "admin", "correct horse battery staple"
AMOS = "621605fd-984e-5018-9bf7-a1e49a79f1f0"  # the demo's amos.marble@contoso.com
AMOS_UPN = "amos.marble@contoso.com"


@dataclass
class Served:
    url: str
    state: Path
    tenant: Tenant


class ServerThread:
    """uvicorn serving ``app`` on a socket bound to 127.0.0.1, in a thread."""

    def __init__(self, app: object) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as `cscmdlets admin` does
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()


def serve_tenant(state: Path, **config: object) -> tuple[Tenant, AdminConfig]:
    tenant = Tenant.open(state, seed="demo", actor=USER)
    return tenant, AdminConfig(USER, PASSWORD, **config)  # type: ignore[arg-type]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    state = tmp_path / "tenant.db"
    tenant, config = serve_tenant(state)
    with ServerThread(create_app(tenant, config)) as server:
        yield Served(server.url, state, tenant)
    tenant.close()


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, "the page has no form with a CSRF token"
    return html.unescape(found.group(1))


def hidden(page: httpx.Response, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page.text)
    assert found, f"no hidden field {name}"
    return html.unescape(found.group(1))


_OPEN: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def new_client(url: str, **options: object) -> httpx.Client:
    """An httpx client closed when the test ends."""
    client = httpx.Client(base_url=url, timeout=30, **options)  # type: ignore[arg-type]
    _OPEN.append(client)
    return client


def sign_in(url: str, password: str = PASSWORD, user: str = USER) -> tuple[httpx.Client, httpx.Response]:
    client = new_client(url, follow_redirects=True)
    login = client.get("/login")
    answer = client.post(
        "/login", data={"csrf": csrf_of(login), "username": user, "password": password, "next": "/users"}
    )
    return client, answer


@pytest.fixture
def client(served: Served) -> Iterator[httpx.Client]:
    signed_in, answer = sign_in(served.url)
    assert answer.status_code == 200 and answer.url.path == "/users"
    yield signed_in


def user_action(client: httpx.Client, action: str, object_id: str = AMOS, **fields: str) -> httpx.Response:
    """Open the user's pane, submit one of its forms (the -WhatIf preview page comes back)."""
    pane = client.get(f"/users/{object_id}")
    data = {
        "csrf": csrf_of(pane),
        "object_id": object_id,
        "upn": hidden(pane, "upn"),
        "version": hidden(pane, "version"),
        **fields,
    }
    return client.post(f"/actions/{action}", data=data)


def confirm(client: httpx.Client, preview: httpx.Response) -> httpx.Response:
    assert preview.url.path.startswith("/confirm/"), preview.text
    return client.post(preview.url.path, data={"csrf": csrf_of(preview)})


def command_shown(page: httpx.Response) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<code data-command>(.*?)</code>", page.text, re.S)]
