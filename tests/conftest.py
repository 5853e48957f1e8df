"""Shared fixtures: demo tenants over both stores and the two doors (see helpers.py)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from helpers import Door, SmtpInbox, fixed_clock, make_store
from hypothesis import settings

# The suite was written against the full legacy surface (-ConferenceId, Set-…UserDefaultNumber…):
# it pins the SkypeOnlineConnector generation for every tenant it makes, and for the CLI
# processes it starts. Tests of today's module pass module="MicrosoftTeams" explicitly.
os.environ["CSCMDLETS_MODULE"] = "SkypeOnlineConnector"

import cscmdlets as cs
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

# CI draws the same examples on every run (a failure there reproduces, and a landing never hangs
# on a lucky draw); a developer's run draws new ones, so the fuzzing keeps looking.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(params=["memory", "sqlite"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(store_kind: str, tmp_path: Path) -> Iterator[MemoryStore | SqliteStore]:
    made = make_store(store_kind, tmp_path)
    yield made
    made.close()


@pytest.fixture
def tenant(store: MemoryStore | SqliteStore) -> cs.Tenant:
    """The demo tenant, on each store, with a fixed clock."""
    return cs.Tenant.demo(store=store, clock=fixed_clock())


@pytest.fixture
def memory_tenant() -> cs.Tenant:
    """The demo tenant in memory only, for tests that do not depend on the store."""
    return cs.Tenant.demo(clock=fixed_clock())


@pytest.fixture(params=["python", "powershell"])
def door(request: pytest.FixtureRequest, tenant: cs.Tenant) -> Door:
    """The same call through the Pythonic method and through PowerShell text."""
    return Door(str(request.param), tenant)


@pytest.fixture
def smtp_inbox() -> Iterator[tuple[SmtpInbox, int]]:
    """A real SMTP server (aiosmtpd on 127.0.0.1, plain SMTP) and its port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
