"""Helpers of the tests: the demo users, the two doors, and state snapshots.

Each behaviour is checked through two doors: ``python`` calls the Pythonic method
of the tenant with snake_case keywords, ``powershell`` runs the same call as PowerShell text.
A :class:`Door` takes the call once, by PowerShell parameter names, and renders it for either.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.message
import importlib.util
import io
import itertools
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.functions import CmdletWarning, PSOutput, run_bound
from cscmdlets.powershell.binder import BoundCommand, NamedArgument, PositionalArgument, bind
from cscmdlets.powershell.engine import Result
from cscmdlets.powershell.errors import ErrorCategory, PowerShellError
from cscmdlets.powershell.metadata import pascal_to_snake, python_name
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

if TYPE_CHECKING:
    from cscmdlets.scripts.runner import RunResult

AMOS = "amos.marble@contoso.com"
KEN = "ken.myer@contoso.com"
PILAR = "pilar.ackerman@contoso.com"
ALEX = "alex.darrow@contoso.com"
DAVID = "david.longmuir@contoso.com"
TENANT_ID = uuid.UUID("38aad667-af54-4397-aaa7-e94c79ec2308")
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def fixed_clock() -> Callable[[], dt.datetime]:
    """A clock that advances one second per reading, so audit times are exact and ordered."""
    ticks = itertools.count()
    return lambda: NOW + dt.timedelta(seconds=next(ticks))


# --- stores -----------------------------------------------------------------------------------


def make_store(kind: str, tmp_path: Path) -> MemoryStore | SqliteStore:
    return MemoryStore() if kind == "memory" else SqliteStore(tmp_path / "tenant.db")


# --- the two doors -----------------------------------------------------------------------------


def runner_available() -> bool:
    return importlib.util.find_spec("cscmdlets.scripts.runner") is not None


def ps_literal(value: Any) -> str:
    """A value as PowerShell source text (argument mode)."""
    if value is None:
        return "$null"
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return ",".join(ps_literal(item) for item in value)
    text = str(value)
    return "'" + text.replace("'", "''") + "'"


def is_literal(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return all(map(is_literal, value))
    return value is None or isinstance(value, str | int | float | bool | uuid.UUID)


def command_line(command: str, positional: tuple[Any, ...], params: dict[str, Any]) -> str:
    metadata = find_command(command)
    parts = [command, *(ps_literal(value) for value in positional)]
    for name, value in params.items():
        parameter = metadata.parameter(name)
        if parameter.is_switch and value is True:
            parts.append(f"-{name}")
        elif parameter.is_switch:
            parts.append(f"-{name}:{ps_literal(value)}")
        else:
            parts.append(f"-{name} {ps_literal(value)}")
    return " ".join(parts)


@dataclass
class Door:
    """Runs one cmdlet call through the Python door or the PowerShell door.

    ``door("Set-CsOnlineDialInConferencingUser", AMOS, SendEmail=True)`` takes parameters by
    their PowerShell names; the Python door turns them into snake_case keywords, the PowerShell
    door into a command line (``tenant.invoke``) — or, until the script runner exists, into the
    binder's arguments.
    """

    kind: str
    tenant: cs.Tenant

    def __call__(self, command: str, *positional: Any, **params: Any) -> PSOutput:
        if self.kind == "python":
            method = getattr(self.tenant, python_name(find_command(command).name))
            output: PSOutput = method(*positional, **{pascal_to_snake(name): value for name, value in params.items()})
            return output
        if runner_available() and all(map(is_literal, (*positional, *params.values()))):
            return self.tenant.invoke(command_line(command, positional, params))
        # An object (an -Instance) has no literal form: bind it as a variable's value would be.
        arguments: list[PositionalArgument | NamedArgument] = [PositionalArgument(value) for value in positional]
        arguments += [NamedArgument(name, value) for name, value in params.items()]
        return run_bound(self.tenant.engine, bind(find_command(command), arguments))

    def line(self, command: str, *positional: Any, **params: Any) -> str:
        return command_line(command, positional, params)

    def streams(self, command: str, *positional: Any, **params: Any) -> Streams:
        """Output, warnings and host lines (``What if: …``) of one call; errors raise.

        Python: warnings are :class:`CmdletWarning` and host lines go to stdout. PowerShell
        text: the script runner's streams (``tenant.invoke`` returns the output only).
        """
        if self.kind == "python":
            out = io.StringIO()
            with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out):
                warnings.simplefilter("always")
                output = self(command, *positional, **params)
            texts = [str(w.message) for w in caught if issubclass(w.category, CmdletWarning)]
            return Streams(list(output), texts, out.getvalue().splitlines())
        from cscmdlets.scripts.runner import Runner

        result = Runner(self.tenant.engine, resolve_command=find_command).run(self.line(command, *positional, **params))
        if result.errors:
            record = result.errors[0]
            assert record.error is not None
            raise record.error
        return Streams(list(result.output), list(result.warnings), list(result.host))


@dataclass
class Streams:
    output: list[Any]
    warnings: list[str]
    host: list[str]


# --- state --------------------------------------------------------------------------------------


def snapshot(tenant: cs.Tenant) -> dict[str, Any]:
    """Everything the tenant keeps, as plain data: compare before and after a failed call."""
    store = tenant.store
    with store.transaction():
        return {
            "tenant": store.tenant(),
            "settings": store.settings(),
            "bridges": sorted(store.bridges(), key=lambda b: str(b.identity)),
            "numbers": sorted(store.service_numbers(), key=lambda n: n.number),
            "users": sorted(store.users(), key=lambda u: str(u.object_id)),
            "policies": store.policies(),
            "voice_apps": store.voice_apps(),
            "direct_routing": store.direct_routing(),
            "audit": store.audit_entries(),
            "changes": store.changes(),
            "outbox": [(e.sequence, e.kind, e.recipient) for e in store.outbox()],
        }


def user_of(tenant: cs.Tenant, identity: str) -> cs.User:
    with tenant.store.transaction():
        return tenant.backend.resolve_user(identity)


def raw_store_text(tenant: cs.Tenant) -> str:
    """Everything the store holds as text, secrets included, but the outbox: the emails are
    the one place a new PIN is meant to travel ("Emails sent to users when their settings change")."""
    store = tenant.store
    if isinstance(store, SqliteStore):
        with store.transaction():
            rows = []
            for (table,) in store._db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
                if table != "outbox":
                    rows += [repr(row) for row in store._db.execute(f"SELECT * FROM {table}")]
        return "\n".join(rows)
    return repr({name: value for name, value in vars(store).items() if name != "_outbox"})


# --- errors -------------------------------------------------------------------------------------


def implementing(command: str) -> str:
    return find_command(command).implementing_type


def check_error(
    error: PowerShellError, error_id: str, category: ErrorCategory, message: str, command: str | None = None
) -> PowerShellError:
    """The error PowerShell would show: its id, FQEID, category and the full message."""
    assert error.error_id == error_id
    assert error.category is category
    assert str(error) == message
    record = error.error_record
    assert record.message == message
    if command is not None:
        assert error.fully_qualified_error_id == f"{error_id},{implementing(command)}"
        assert record.fully_qualified_error_id == error.fully_qualified_error_id
    return error


def assert_fails(
    tenant: cs.Tenant,
    call: Callable[[], Any],
    error_id: str,
    category: ErrorCategory,
    message: str,
    command: str | None = None,
) -> PowerShellError:
    """``call`` raises that error and leaves everything the tenant keeps unchanged."""
    before = snapshot(tenant)
    with pytest.raises(PowerShellError) as info:
        call()
    assert snapshot(tenant) == before
    return check_error(info.value, error_id, category, message, command)


class RecordingEngine:
    """An engine that runs nothing: it keeps each bound command it is given."""

    def __init__(self) -> None:
        self.calls: list[BoundCommand] = []

    def invoke(self, command: BoundCommand) -> Result:
        self.calls.append(command)
        return Result()


def run_in_folder(text: str, folder: Path, answers: list[str] | None = None) -> RunResult:
    """A script run on a new demo tenant with a fixed clock, relative paths resolved in ``folder``
    (``answers``: what Read-Host reads)."""
    from cscmdlets.scripts.runner import Runner

    tenant = cs.Tenant.demo(clock=fixed_clock())
    return Runner(tenant.engine, resolve_command=find_command, base_dir=folder, answers=answers).run(text)


class SmtpInbox:
    """What a test SMTP server (aiosmtpd) accepted: each message, and each envelope's recipients."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.envelopes: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"
