"""``cscmdlets run -c "COMMAND LINE"``, run as a real process (the README's main job)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AMOS

import cscmdlets as cs


def cscmdlets(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("CSCMDLETS_STATE", "CSCMDLETS_SMTP_URL")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cscmdlets", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=cwd,
    )


def test_table_view_and_state_file(tmp_path: Path) -> None:
    state = tmp_path / "x.db"
    done = cscmdlets("run", "--state", str(state), "--demo", "-c", "Get-CsOnlineDialinConferencingTenantConfiguration")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "\nIdentity Enabled\n-------- -------\nGlobal      True\n\n"
    assert state.exists()


def test_list_view_with_real_property_names(tmp_path: Path) -> None:
    done = cscmdlets(
        "run", "--state", str(tmp_path / "x.db"), "--demo", "-c", f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}"
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line]
    # the model's PowerShell properties in their order (tests/cmdlets/test_dialin_user.py pins them)
    expected = [field.alias for field in cs.ConferencingUser.model_fields.values()]
    assert [line.split(" :")[0].rstrip() for line in lines] == expected
    assert "Identity              : amos.marble@contoso.com" in lines
    assert "LeaderPin             : *****" in lines


def test_json_lines(tmp_path: Path) -> None:
    done = cscmdlets(
        "run",
        "--state",
        str(tmp_path / "x.db"),
        "--demo",
        "--format",
        "json",
        "-c",
        "Get-CsOnlineDialInConferencingBridge",
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(row["Name"], row["IsDefault"], row["DefaultServiceNumber"]) for row in rows] == [
        ("Conference Bridge", True, "14255550100"),
        ("EMEA Bridge", False, "442035550100"),
    ]
    assert list(rows[0]) == [
        "Identity",
        "Name",
        "Region",
        "IsDefault",
        "IsShared",
        "DefaultServiceNumber",
        "ServiceNumbers",
    ]
    assert [number["Number"] for number in rows[1]["ServiceNumbers"]] == ["442035550100", "74955550100", "448005550100"]


def test_environment_variable_names_the_state(tmp_path: Path) -> None:
    state = tmp_path / "env" / "tenant.db"
    env = {"CSCMDLETS_STATE": str(state)}
    changed = cscmdlets("run", "-c", "Set-CsOnlineDialInConferencingTenantSettings -PinLength 7", env=env)
    assert (changed.returncode, changed.stdout, changed.stderr) == (0, "", "")
    shown = cscmdlets("run", "--format", "json", "-c", "Get-CsOnlineDialInConferencingTenantSettings", env=env)
    assert json.loads(shown.stdout)["PinLength"] == 7
    assert state.exists()
    other = cscmdlets(
        "run",
        "--state",
        str(tmp_path / "other.db"),
        "--demo",
        "--format",
        "json",
        "-c",
        "Get-CsOnlineDialInConferencingTenantSettings",
        env=env,
    )
    assert json.loads(other.stdout)["PinLength"] == 5  # --state wins over the variable


def test_error_in_concise_view_on_stderr(tmp_path: Path) -> None:
    done = cscmdlets(
        "run",
        "--state",
        str(tmp_path / "x.db"),
        "--demo",
        "-c",
        "Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true",
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "Set-CsOnlineDialInConferencingTenantSettings: A parameter cannot be found that matches parameter name "
        "'SendEmailOverride'.\n  Recommendation: Did you mean '-SendEmailFromOverride'?\n"
    )


@pytest.mark.parametrize(
    ("line", "output_format"),
    [
        pytest.param(f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}", "table", id="user-list-view"),
        pytest.param("Get-CsOnlineDialInConferencingBridge", "table", id="bridge"),
        pytest.param("Get-CsOnlineDialInConferencingServiceNumber", "table", id="numbers-table"),
        pytest.param(f"Get-CsOnlineUser -Identity {AMOS}", "json", id="online-user-json"),
        pytest.param("Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com", "table", id="error"),
    ],
)
def test_a_get_line_shows_what_the_same_line_in_a_script_shows(tmp_path: Path, line: str, output_format: str) -> None:
    """``run -c`` runs the usual Get line without the script layer: what it prints is the
    runner's for the same line; its status is ``pwsh -Command``'s (1 when the line failed), the
    script's ``pwsh -File``'s (0: the error did not end the script)."""
    state = str(tmp_path / "x.db")
    alone = cscmdlets("run", "--state", state, "--demo", "--format", output_format, "-c", line)
    script = tmp_path / "line.ps1"
    script.write_text(line, encoding="utf-8")
    in_script = cscmdlets("run", "--state", state, "--format", output_format, str(script))
    assert alone.stdout or alone.stderr  # it showed something: objects, or the error
    assert alone.stdout == in_script.stdout
    assert (alone.returncode, in_script.returncode) == (1 if "nobody" in line else 0, 0)


MISSING = 'Get-CsOnlineDialInConferencingUser: Management object not found for identity "nobody@contoso.com".\n'


@pytest.mark.parametrize(
    ("line", "status", "file_status", "stderr"),
    [
        pytest.param("Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com", 1, 0, MISSING, id="error"),
        pytest.param(
            "Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ErrorAction SilentlyContinue",
            1,  # not shown, but the command failed: $? is $false
            0,
            "",
            id="error-silenced",
        ),
        pytest.param(
            "Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ErrorVariable failed",
            1,
            0,
            MISSING,
            id="error-variable",
        ),
        pytest.param(
            "Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ErrorAction Stop",
            1,
            1,
            MISSING,
            id="error-stops",
        ),
    ],
)
def test_a_get_line_that_fails_reports_as_in_a_script(
    tmp_path: Path, line: str, status: int, file_status: int, stderr: str
) -> None:
    """A one-line Get runs without the script layer; when it writes an error, the error is
    written as a script's is, under its -ErrorAction. The status is ``pwsh -Command``'s for
    ``-c`` ($? of the line) and ``pwsh -File``'s for the same line in a script (1 only when the
    error ended the script: about_Pwsh)."""
    done = cscmdlets("run", "--state", str(tmp_path / "x.db"), "--demo", "-c", line)
    assert (done.returncode, done.stdout, done.stderr) == (status, "", stderr)
    script = tmp_path / "line.ps1"
    script.write_text(line, encoding="utf-8")
    in_script = cscmdlets("run", "--state", str(tmp_path / "x.db"), str(script))
    assert in_script.returncode == file_status
    assert bool(in_script.stderr) == bool(stderr)


def test_service_error_exits_1_and_changes_nothing(tmp_path: Path) -> None:
    state = str(tmp_path / "x.db")
    done = cscmdlets(
        "run",
        "--state",
        state,
        "--demo",
        "-c",
        f"Set-CsOnlineDialInConferencingUser {AMOS} -ResetLeaderPin -ServiceNumber 442035550100",
    )
    assert done.returncode == 1
    assert done.stderr == (
        'Set-CsOnlineDialInConferencingUser: The service number "442035550100" is not assigned '
        'to the conferencing bridge "Conference Bridge".\n'
    )
    shown = cscmdlets("run", "--state", state, "--format", "json", "-c", f"Get-CsOnlineDialInConferencingUser {AMOS}")
    assert json.loads(shown.stdout)["ServiceNumber"] is None


def test_pin_reset_shows_the_pin_once(tmp_path: Path) -> None:
    state = str(tmp_path / "x.db")
    done = cscmdlets(
        "run",
        "--state",
        state,
        "--demo",
        "--format",
        "json",
        "-c",
        f"Set-CsOnlineDialInConferencingUser -id {AMOS} -ResetLeaderPin",
    )
    pin = json.loads(done.stdout)["LeaderPin"]
    assert pin.isdigit() and len(pin) == 5
    again = cscmdlets("run", "--state", state, "--format", "json", "-c", f"Get-CsOnlineDialInConferencingUser {AMOS}")
    assert json.loads(again.stdout)["LeaderPin"] == "*****"


def test_what_if_prints_the_plan(tmp_path: Path) -> None:
    done = cscmdlets(
        "run",
        "--state",
        str(tmp_path / "x.db"),
        "--demo",
        "-c",
        f"Set-CsOnlineDialInConferencingUser {AMOS} -ResetLeaderPin -WhatIf",
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        'What if: Performing the operation "Set-CsOnlineDialInConferencingUser" on target "amos.marble@contoso.com".\n'
    )


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    done = cscmdlets(
        "run",
        "--state",
        str(tmp_path / "x.db"),
        "--demo",
        "-c",
        f"Set-CsOnlineDialInConferencingUser {AMOS} -ConferenceId 3542699",
    )
    assert done.returncode == 0
    assert done.stderr == (
        "WARNING: The ConferenceId parameter is deprecated: Removed from the documentation in "
        "March 2023; static conference IDs are no longer supported.\n"
    )


def test_import_module_in_a_script_changes_how_its_commands_run(tmp_path: Path) -> None:
    """The 2017 module sets -AllowTollFreeDialIn itself; today's leaves it to a policy. The
    module a script imports must decide, not only what Get-Module shows."""
    script = tmp_path / "legacy.ps1"
    script.write_text(
        "if (Get-Module -ListAvailable -Name SkypeOnlineConnector) { Import-Module SkypeOnlineConnector }\n"
        "(Get-Module).Name\n"
        f"Set-CsOnlineDialInConferencingUser {AMOS} -AllowTollFreeDialIn $false\n"
        f"(Get-CsOnlineDialInConferencingUser {AMOS}).AllowTollFreeDialIn\n",
        encoding="utf-8",
    )
    today = {"CSCMDLETS_MODULE": "MicrosoftTeams"}
    done = cscmdlets("run", "--state", str(tmp_path / "x.db"), "--demo", str(script), env=today)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "SkypeOnlineConnector\nFalse\n"


@pytest.mark.parametrize("args", [pytest.param(["run"], id="no-command"), pytest.param([], id="no-subcommand")])
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from cscmdlets.cli.main import main

    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out + captured.err != ""


def test_a_table_takes_its_columns_from_its_first_object(tmp_path: Path) -> None:
    """PowerShell's generated table: the first object's properties are the header; a later
    object shows under it, a property it lacks blank and one it adds left out; a list shows
    each object's own properties."""
    line = "[pscustomobject]@{Name='a'; Seats=1}; [pscustomobject]@{Name='b'; City='Oslo'}; [pscustomobject]@{Seats=3}"
    done = cscmdlets("run", "--state", str(tmp_path / "x.db"), "--demo", "-c", line)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "\nName Seats\n---- -----\na        1\nb\n         3\n\n"
    text = cs.Tenant.demo().run_script(f"$({line}) | Out-String").output
    assert text == ["\nName Seats\n---- -----\na        1\nb\n         3\n\n"]
    wide = "[pscustomobject]@{A=1;B=2;C=3;D=4;E=5}, [pscustomobject]@{F=6} | Out-String"
    assert cs.Tenant.demo().run_script(wide).output == ["\nA : 1\nB : 2\nC : 3\nD : 4\nE : 5\n\nF : 6\n\n"]


def test_text_amid_a_table_is_written_in_place_and_the_table_goes_on(tmp_path: Path) -> None:
    """A string Out-Default meets inside a table is written where it comes (out of band); the
    table keeps its header, as a loop that writes a row and a line shows in PowerShell."""
    line = 'foreach ($i in 1..2) { [pscustomobject]@{N=$i; Square=$i*$i}; "checked $i" }'
    expected = "\nN Square\n- ------\n1      1\nchecked 1\n2      4\nchecked 2\n\n"
    done = cscmdlets("run", "--state", str(tmp_path / "x.db"), "--demo", "-c", line)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", expected)
    assert cs.Tenant.demo().run_script(f"$({line}) | Out-String").output == [expected]


def test_a_hashtable_shows_as_its_name_and_value_entries(tmp_path: Path) -> None:
    """The formatter enumerates a dictionary: each entry a row of the DictionaryEntry view, its
    Name column 30 wide (a longer key cut with …), values left-aligned; Format-Table too, and
    what Format-Table wrote ends the table Out-Default was writing."""
    line = "$h = [ordered]@{ Seats = 10; Used = 7 }; $h; $h | Format-Table; @{ ('k' * 32) = 'v' }"
    done = cscmdlets("run", "--state", str(tmp_path / "x.db"), "--demo", "-c", line)
    table = "\nName                           Value\n----                           -----\n"
    rows = "Seats                          10\nUsed                           7\n"
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"{table}{rows}\n{table}{rows}\n{table}{'k' * 29}… v\n\n"
