"""Bad input at every command that changes the tenant (the reliability suite).

Hypothesis generates parameter combinations and values — wrong types, huge strings, control
characters, unicode, empty, $null, out-of-range and malformed numbers, malformed addresses,
GUID-ish strings, unknown and abbreviated parameter names — and throws each at every
Set-/Remove-/Register-/Unregister- cmdlet of ``COMMANDS`` through three doors: the Pythonic
method, the exact-name twin, and ``tenant.invoke`` with properly quoted PowerShell text.

Each call must end in a result or a :class:`cs.PowerShellError`, never another exception.
A failed call must leave the tenant unchanged: the SQLite file byte-for-byte (every row, read
by a second connection) and both stores through their public reads. The same call runs on a
memory tenant and a SQLite tenant, which must agree on the outcome.

Any other exception fails, naming the door, the store and the call; the library bugs this
found are pinned with their exact inputs in ``test_known_bugs.py``.
The default run makes over 10,000 calls (``CSCMDLETS_RELIABILITY_SCALE`` scales it; the
figures print at the end of the run).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cscmdlets as cs
from cscmdlets.cmdlets.teams_policies import FAMILIES
from cscmdlets.powershell.metadata import CommandMetadata, pascal_to_snake
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

from .support import (
    FIGURES,
    WRITE_COMMANDS,
    calls,
    command_line,
    examples,
    safe_repr,
    sqlite_dump,
    store_snapshot,
)

AMOS = "amos.marble@contoso.com"
KEN = "ken.myer@contoso.com"
#: Examples per (command, door); each example makes one call on each of two tenants.
EXAMPLES_PER_TEST = 225


class TenantPair:
    """A memory tenant and a SQLite tenant, both the seeded demo, receiving the same calls."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "tenant.db"
        self.memory = cs.Tenant.demo(store=MemoryStore())
        self.sqlite = cs.Tenant.demo(store=SqliteStore(self.path))
        self.memory_state = store_snapshot(self.memory.store)
        self.sqlite_state = store_snapshot(self.sqlite.store)
        self.sqlite_file = sqlite_dump(self.path)

    def close(self) -> None:
        self.sqlite.close()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[TenantPair]:
    made = TenantPair(tmp_path)
    yield made
    made.close()


Door = Callable[[cs.Tenant, CommandMetadata, dict[str, Any], bool], Any]


def _python_door(tenant: cs.Tenant, metadata: CommandMetadata, values: dict[str, Any], glued: bool) -> Any:
    method = getattr(tenant, metadata.python_name)
    return method(**{pascal_to_snake(name): value for name, value in values.items()})


def _twin_door(tenant: cs.Tenant, metadata: CommandMetadata, values: dict[str, Any], glued: bool) -> Any:
    return getattr(tenant, metadata.twin_name)(**values)


def _powershell_door(tenant: cs.Tenant, metadata: CommandMetadata, values: dict[str, Any], glued: bool) -> Any:
    return tenant.invoke(command_line(metadata, values, glued=glued))


DOORS: dict[str, Door] = {"python": _python_door, "twin": _twin_door, "powershell": _powershell_door}


def outcome(
    door: Door, tenant: cs.Tenant, metadata: CommandMetadata, values: dict[str, Any], glued: bool
) -> str | None:
    """``None`` for a result, the error id for a PowerShellError; anything else propagates."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CmdletWarning for deprecated parameters is a result
        try:
            door(tenant, metadata, values, glued)
        except cs.PowerShellError as error:
            assert str(error), "a PowerShellError must carry its message"
            return error.error_id
    return None


def check_call(
    pair: TenantPair, door_name: str, metadata: CommandMetadata, values: dict[str, Any], glued: bool
) -> None:
    door = DOORS[door_name]
    results = {}
    for name, tenant in (("memory", pair.memory), ("sqlite", pair.sqlite)):
        FIGURES["bad input: calls (cases tried)"] += 1
        try:
            results[name] = outcome(door, tenant, metadata, values, glued)
        except Exception as error:
            raise AssertionError(
                f"{name} tenant, {door_name} door: {metadata.name} {safe_repr(values)} "
                f"raised {type(error).__name__}: {error}"
            ) from error
    memory_state, sqlite_state = store_snapshot(pair.memory.store), store_snapshot(pair.sqlite.store)
    sqlite_file = sqlite_dump(pair.path)
    if results["memory"] is not None:
        FIGURES["bad input: failed calls checked unchanged"] += 1
        assert memory_state == pair.memory_state, f"memory tenant changed by a failed call: {safe_repr(values)}"
    if results["sqlite"] is not None:
        FIGURES["bad input: failed calls checked unchanged"] += 1
        assert sqlite_file == pair.sqlite_file, f"SQLite file changed by a failed call: {safe_repr(values)}"
        assert sqlite_state == pair.sqlite_state, f"SQLite tenant changed by a failed call: {safe_repr(values)}"
    pair.memory_state, pair.sqlite_state, pair.sqlite_file = memory_state, sqlite_state, sqlite_file
    assert results["memory"] == results["sqlite"], (
        f"the stores disagree on {metadata.name} {safe_repr(values)}: {results}"
    )


def _has_runner() -> bool:
    try:
        import cscmdlets.scripts.runner  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("door_name", list(DOORS))
@pytest.mark.parametrize("metadata", WRITE_COMMANDS, ids=lambda m: m.name)
def test_bad_input_is_a_result_or_a_powershell_error(
    pair: TenantPair, metadata: CommandMetadata, door_name: str
) -> None:
    if door_name == "powershell" and not _has_runner():
        pytest.skip("cscmdlets.scripts.runner (tenant.invoke) is not there yet")

    @examples(EXAMPLES_PER_TEST)
    @given(values=calls(metadata), glued=st.booleans())
    def run(values: dict[str, Any], glued: bool) -> None:
        check_call(pair, door_name, metadata, values, glued)

    run()


def test_the_suite_targets_every_write_command() -> None:
    names = {m.name for m in WRITE_COMMANDS}
    assert names == {
        "Set-CsOnlineDialInConferencingUser",
        "Set-CsOnlineDialInConferencingTenantSettings",
        "Remove-CsOnlineDialInConferencingTenantSettings",
        "Set-CsOnlineDialInConferencingBridge",
        "Set-CsOnlineDialInConferencingServiceNumber",
        "Register-CsOnlineDialInConferencingServiceNumber",
        "Unregister-CsOnlineDialInConferencingServiceNumber",
        "Set-CsOnlineDialInConferencingUserDefaultNumber",
        "Set-MgUserLicense",
        "Set-MsolUserLicense",
        "Set-AzureADUserLicense",
        "Update-MgUser",
        "Set-MsolUser",
        "New-MsolLicenseOptions",
        "Set-CsTeamsAudioConferencingPolicy",
        "New-CsTeamsAudioConferencingPolicy",
        "Remove-CsTeamsAudioConferencingPolicy",
        "Grant-CsTeamsAudioConferencingPolicy",
        "Grant-CsDialoutPolicy",
        "Set-CsPhoneNumberAssignment",
        "Remove-CsPhoneNumberAssignment",
        "New-CsOnlineVoiceRoutingPolicy",
        "Set-CsUser",
        *(f"Grant-{family.noun}" for family in FAMILIES),
        *(f"{verb}-{family.noun}" for family in FAMILIES if family.stored for verb in ("Set", "Remove")),
        *(f"New-{family.noun}" for family in FAMILIES if family.stored and family.generic_new),
        "Grant-CsUserPolicyPackage",
        "New-CsOnlineApplicationInstance",
        "Set-CsOnlineApplicationInstance",
        "Set-CsOnlinePstnUsage",
        "New-CsOnlineVoiceRoute",
        "Set-CsOnlineVoiceRoute",
        "Remove-CsOnlineVoiceRoute",
        "New-CsOnlinePSTNGateway",
        "Set-CsOnlinePSTNGateway",
        "Remove-CsOnlinePSTNGateway",
        "Set-CsOnlineVoicemailUserSettings",
    }


NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def _without_message_ids(snapshot: list[str]) -> list[str]:
    """Message-IDs and MIME boundaries are unique by design: the rest must be identical."""
    return [re.sub(r"=+\d+==|Message-ID: <[^>]*>", "", part) for part in snapshot]


@pytest.mark.parametrize("metadata", WRITE_COMMANDS, ids=lambda m: m.name)
def test_a_failed_call_inside_a_transaction_undoes_only_itself(tmp_path: Path, metadata: CommandMetadata) -> None:
    """The same calls, inside ``tenant.transaction()`` on one SQLite tenant and one by one on
    another, leave the two stores identical: a failed command inside a block undoes only itself."""
    inside, alone = (
        cs.Tenant.demo(store=SqliteStore(tmp_path / f"{name}.db"), clock=lambda: NOW) for name in ("inside", "alone")
    )

    @examples(EXAMPLES_PER_TEST // 6)
    @given(values=calls(metadata), glued=st.booleans())
    def run(values: dict[str, Any], glued: bool) -> None:
        results = []
        for tenant, block in ((inside, inside.transaction), (alone, contextlib.nullcontext)):
            with block():
                tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True)
                FIGURES["bad input: calls (cases tried)"] += 1
                results.append(outcome(_python_door, tenant, metadata, values, glued))
                tenant.set_cs_online_dial_in_conferencing_user(KEN, allow_toll_free_dial_in=False)
        assert results[0] == results[1]
        assert _without_message_ids(store_snapshot(inside.store)) == _without_message_ids(
            store_snapshot(alone.store)
        ), safe_repr(values)

    try:
        run()
    finally:
        inside.close()
        alone.close()
