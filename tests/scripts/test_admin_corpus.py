"""The admin corpus: scripts written in the style of public Teams admin scripts (bulk CSV updates
with try/catch, reports with Select-Object/Export-Csv, begin/process/end functions, connection
boilerplate, splatting, Write-Host with colours), run as ``cscmdlets run`` and ``run --what-if``
run them.

Data, not code: ``corpus/admin/NN_name.ps1`` and its expectations in
``corpus/admin/expectations.toml``. For each script the expectations give the exit status, the
host lines, output, warnings and error ids, the emails, the files written, and ``changes``: every
tenant property the run changes (nothing else may change). A script that reaches code cscmdlets
does not emulate names it in ``stop`` and ends with the emulator's own exit status; when a
neighbouring cmdlet becomes emulated, its expectation is updated here, not the test.

Under ``--what-if`` the same script must reach the same end with the same host lines (the
"What if:" lines aside) and output, change nothing, send nothing and write no file, unless its
``what_if`` table says how the dry run differs (a script that reads back the log it wrote).
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets.teams_policies import WRITABLE
from cscmdlets.cmdlets.user_view import POLICY_FIELDS
from cscmdlets.scripts.errors import EMULATOR_STOP_STATUS
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import Runner, RunResult, read_script
from cscmdlets.scripts.values import to_string

ADMIN = Path(__file__).parent / "corpus" / "admin"
EXPECTATIONS: dict[str, dict[str, Any]] = tomllib.loads((ADMIN / "expectations.toml").read_text(encoding="utf-8"))
SCRIPTS = sorted(p.name for p in ADMIN.glob("*.ps1"))


@dataclass
class Outcome:
    """One run, in the terms of the expectations file (paths shown as ``<dir>``)."""

    status: int
    host: list[str]
    output: list[str]
    warnings: list[str]
    errors: list[str]
    stop: str | None
    emails: list[list[str]]
    changes: dict[str, str]
    planned: int
    files: dict[str, list[str]] = field(default_factory=dict)


def snapshot(tenant: cs.Tenant) -> dict[str, str]:
    """Every property of the tenant's users, bridges, numbers and settings, as text."""
    parts: dict[str, Any] = {
        **{f"user {u.identity}": u for u in tenant.get_cs_online_dial_in_conferencing_user()},
        **{f"bridge {b.name}": b for b in tenant.get_cs_online_dial_in_conferencing_bridge()},
        **{f"number {n.number}": n for n in tenant.get_cs_online_dial_in_conferencing_service_number()},
        "settings": tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0],
    }
    dial_in = {
        f"{key} {name}": to_string(value)
        for key, item in parts.items()
        for name, value in item.to_ps().items()
        if name != "ServiceNumbers"  # a bridge's numbers: the numbers' own entries show their changes
    }
    return {**dial_in, **voice_and_policies(tenant)}


#: What Get-CsOnlineUser shows of a user's voice set-up and policy assignments.
ONLINE_USER_PROPERTIES = ("LineURI", "EnterpriseVoiceEnabled", *POLICY_FIELDS)


def voice_and_policies(tenant: cs.Tenant) -> dict[str, str]:
    """Each user's and resource account's number, voice flag and own policy assignments, each
    user's policy package, and the
    instances of each policy family a script can create, change or remove, setting by setting."""
    users = {
        f"online {u.UserPrincipalName} {name}": to_string(getattr(u, name))
        for u in tenant.get_cs_online_user()
        for name in ONLINE_USER_PROPERTIES
    }
    users |= {  # a resource account's number (it is granted no policies here)
        f"online {u.UserPrincipalName} {name}": to_string(getattr(u, name))
        for u in tenant.get_cs_online_user(account_type="ResourceAccount")
        for name in ONLINE_USER_PROPERTIES[:2]
    }
    packages = {
        f"package {u.UserPrincipalName}": ", ".join(
            p.Name for p in tenant.get_cs_user_policy_package(u.UserPrincipalName)
        )
        for u in tenant.get_cs_online_user()
    }
    instances: dict[str, str] = {}
    for family in WRITABLE:
        found = tenant.invoke(f"Get-{family.noun}")
        instances[f"policies {family.policy_type}"] = ", ".join(p.Identity for p in found)
        defaults = family.built_in[0].to_ps()  # Global as a new tenant has it: only other values show
        for policy in found:
            for name, value in policy.to_ps().items():
                if name != "Identity" and value != defaults[name]:
                    instances[f"policy {family.policy_type} {policy.Identity} {name}"] = to_string(value)
    return {**users, **packages, **instances}


def run(name: str, folder: Path, *, what_if: bool) -> Outcome:
    tenant = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")  # the scripts are of today's module
    before = snapshot(tenant)
    text, _ = read_script(folder / name)
    result = Runner(tenant.engine, script_name=str(folder / name), what_if=what_if, base_dir=folder).run(text)
    after = snapshot(tenant)
    return outcome(result, folder, tenant, {k: v for k, v in after.items() if before.get(k) != v})


def outcome(result: RunResult, folder: Path, tenant: cs.Tenant, changes: dict[str, str]) -> Outcome:
    def shown(text: str) -> str:
        return text.replace(str(folder), "<dir>")

    new_files = sorted(p.name for p in folder.iterdir() if not (ADMIN / p.name).exists())
    return Outcome(
        status=result.status,
        host=[shown(line) for line in result.host],
        output=[shown(to_string(value)) for value in result.output],
        warnings=[shown(text) for text in result.warnings],
        errors=[record.error_id for record in result.errors if record is not result.stop],
        stop=shown(result.stop.message) if result.stop else None,
        emails=[[str(entry.kind), entry.recipient] for entry in tenant.outbox],
        changes=changes,
        planned=len(result.plan),
        files={name: (folder / name).read_text(encoding="utf-8").splitlines() for name in new_files},
    )


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "admin"
    shutil.copytree(ADMIN, target)
    yield target


def expected_stop(name: str, expected: dict[str, Any]) -> str | None:
    if "stop" not in expected:
        return None
    what, line, column = expected["stop"]
    return f"cscmdlets does not emulate {what} (at <dir>/{name}:{line}:{column}); the run stopped here."


def test_the_corpus_has_forty_scripts_each_with_expectations() -> None:
    assert len(SCRIPTS) >= 40
    assert sorted(EXPECTATIONS) == SCRIPTS


@pytest.mark.parametrize("name", SCRIPTS)
def test_run(name: str, folder: Path) -> None:
    expected = EXPECTATIONS[name]
    got = run(name, folder, what_if=False)
    stop = expected_stop(name, expected)
    assert got.stop == stop
    assert got.status == (EMULATOR_STOP_STATUS if stop else expected.get("status", 0))
    assert got.host == expected.get("host", [])
    assert got.output == expected.get("output", [])
    assert got.warnings == expected.get("warnings", [])
    assert got.errors == expected.get("errors", [])
    assert got.emails == expected.get("emails", [])
    assert got.changes == expected.get("changes", {})
    assert got.files == expected.get("files", {})


@pytest.mark.parametrize("name", SCRIPTS)
def test_run_what_if(name: str, folder: Path) -> None:
    """The dry run reaches the same end and changes nothing: no tenant change, email or file."""
    expected = EXPECTATIONS[name]
    dry = {**expected, **expected.get("what_if", {})}
    got = run(name, folder, what_if=True)
    stop = expected_stop(name, dry)
    assert got.stop == stop
    assert got.status == (EMULATOR_STOP_STATUS if stop else dry.get("status", 0))
    assert [line for line in got.host if not line.startswith("What if: ")] == dry.get("host", [])
    assert got.output == dry.get("output", [])
    assert got.warnings == dry.get("warnings", [])
    assert got.errors == dry.get("errors", [])
    assert (got.emails, got.changes, got.files) == ([], {}, {})
    if expected.get("changes") and dry.get("planned", True):
        assert got.planned, "the plan lists what the dry run would change"
    if expected.get("files"):
        assert any(line.startswith("What if: ") for line in got.host), "a dry run says which files it would write"


@pytest.mark.parametrize("name", SCRIPTS)
def test_check_agrees_with_run(name: str) -> None:
    """``cscmdlets check`` warns where the run stops, and reports no error a clean run does not meet
    (``check_errors`` lists the ones it rightly reports, such as a retired cmdlet)."""
    expected = EXPECTATIONS[name]
    diagnostics = check_script(ADMIN / name)
    stops = [(d.line, d.column) for d in diagnostics if d.error_id == "NotEmulated"]
    assert stops[:1] == ([tuple(expected["stop"][1:])] if "stop" in expected else [])
    errors = [d.error_id.split(",")[0] for d in diagnostics if d.is_error]
    assert errors == expected.get("check_errors", [])
