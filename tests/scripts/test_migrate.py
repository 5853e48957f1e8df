"""``cscmdlets check --target MicrosoftTeams [--fix]``: a corpus of 2017-era scripts (written
in the style of the Skype for Business Online connector's public scripts) with the listing
asserted line by line, and the migrated script run under today's module.

Each ``legacy/NAME.ps1`` has ``NAME.check`` (the expected listing) and ``NAME.migrated.ps1``
(the expected ``--fix`` output), both reviewed by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets.profiles import MICROSOFT_TEAMS
from cscmdlets.powershell.errors import CommandNotFound
from cscmdlets.scripts.migrate import check_migration, migrate_script

LEGACY = Path(__file__).parent / "legacy"
CORPUS = sorted(path.stem for path in LEGACY.glob("*.ps1") if not path.stem.endswith(".migrated"))
#: Scripts whose every breaking line has a faithful equivalent: same tenant result after --fix.
FAITHFUL = ("enable_from_csv", "send_info")


def listing(name: str) -> list[str]:
    path = LEGACY / f"{name}.ps1"
    return [str(d) for d in check_migration(path.read_text(encoding="utf-8"), script_name=path.name)]


@pytest.mark.parametrize("name", CORPUS)
def test_check_lists_every_breaking_line(name: str) -> None:
    expected = (LEGACY / f"{name}.check").read_text(encoding="utf-8").splitlines()
    found = listing(name)
    for number, (line, wanted) in enumerate(zip(found, expected, strict=False), start=1):
        assert line == wanted, f"finding {number}"
    assert len(found) == len(expected)


@pytest.mark.parametrize("name", CORPUS)
def test_fix_writes_the_migrated_script(name: str) -> None:
    expected = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    assert migrate_script(LEGACY / f"{name}.ps1") == expected


@pytest.mark.parametrize("name", CORPUS)
def test_migrated_script_breaks_only_where_nothing_is_faithful(name: str) -> None:
    """Checked again, the migrated script has findings only on lines the migration commented."""
    migrated = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    lines = migrated.splitlines()
    for diagnostic in check_migration(migrated):
        assert lines[diagnostic.line - 2].lstrip().startswith("# cscmdlets:"), diagnostic


def tenant_result(tenant: cs.Tenant) -> dict[str, Any]:
    """What the scripts leave behind; the audit log differs by design (other commands ran)."""
    store = tenant.store
    with store.transaction():
        return {
            "users": sorted(store.users(), key=lambda u: str(u.object_id)),
            "bridges": sorted(store.bridges(), key=lambda b: str(b.identity)),
            "numbers": sorted(store.service_numbers(), key=lambda n: n.number),
            "settings": store.settings(),
            "emails": [(e.kind, e.recipient) for e in store.outbox()],
        }


def needs_graph(text: str) -> None:
    if "Set-MgUserLicense" not in text:
        return
    try:
        MICROSOFT_TEAMS.find_command("Set-MgUserLicense")
    except CommandNotFound:
        pytest.skip("the Graph licence cmdlets are not in this tree")


@pytest.mark.parametrize("name", FAITHFUL)
def test_migrated_script_gives_the_same_tenant(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(LEGACY)  # Import-Csv reads beside the script
    migrated = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    legacy = cs.Tenant.demo(clock=fixed_clock(), module="SkypeOnlineConnector")
    before = tenant_result(legacy)
    assert legacy.run_script(LEGACY / f"{name}.ps1").errors == []
    needs_graph(migrated)
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    assert today.run_script(migrated).errors == []
    assert tenant_result(today) == tenant_result(legacy) != before
    assert today.module.name == "MicrosoftTeams"


@pytest.mark.parametrize("name", sorted(set(CORPUS) - set(FAITHFUL)))
def test_partly_migrated_script_fails_only_on_commented_lines(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What has no faithful equivalent is left, commented, and fails where it stands."""
    monkeypatch.chdir(LEGACY)
    migrated = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    needs_graph(migrated)
    lines = migrated.splitlines()
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    result = today.run_script(migrated, transaction=False)
    for record in result.errors:
        assert lines[record.invocation.line_number - 2].lstrip().startswith("# cscmdlets:"), record


def test_legacy_script_breaks_today_where_check_says() -> None:
    """The listing and the emulator agree: run unmigrated under today's module (its session
    lines blanked, so nothing loads the connector), the failing lines are the listed ones."""
    lines = (LEGACY / "send_info.ps1").read_text(encoding="utf-8").splitlines()
    text = "\n".join("" if "Session" in line or "Import-Module" in line else line for line in lines)
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    failing = {r.invocation.line_number for r in today.run_script(text, transaction=False).errors}
    listed = {d.line for d in check_migration(text) if d.error_id == "NamedParameterNotFound"}
    assert failing == listed == {11, 13, 14}


def test_cli_check_target_and_fix(tmp_path: Path) -> None:
    script = tmp_path / "static_conference_ids.ps1"
    script.write_text((LEGACY / "static_conference_ids.ps1").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "check", str(script), "--target", "microsoftteams", "--fix"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    expected = (LEGACY / "static_conference_ids.check").read_text(encoding="utf-8")
    assert done.stdout == expected.replace("static_conference_ids.ps1", str(script))
    fixed = tmp_path / "static_conference_ids.fixed.ps1"
    assert fixed.read_text(encoding="utf-8") == (LEGACY / "static_conference_ids.migrated.ps1").read_text(
        encoding="utf-8"
    )
