"""The exit status of ``cscmdlets run`` is PowerShell's (about_Pwsh, -File and -Command;
about_Language_Keywords, exit; ConsoleHost.cs in PowerShell's source):

- ``run SCRIPT.ps1`` as ``pwsh -File``: the ``exit N`` code; else 1 when a script-terminating
  error (``throw``, a ``Stop`` escalation) ended the script; else 0, also after errors the
  script went on from;
- ``run -c TEXT`` as ``pwsh -Command``: the ``exit N`` code; else 0 when the last command
  succeeded (``$?``), 1 when it failed or a terminating error ended the line.

Each case runs the real ``cscmdlets`` in a process, on a demo tenant of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AMOS

import cscmdlets as cs

ENV = {k: v for k, v in os.environ.items() if k not in ("CSCMDLETS_STATE", "CSCMDLETS_SMTP_URL")}
MISSING_USER = "Get-CsOnlineDialInConferencingUser -Identity former.employee@contoso.com"


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cscmdlets", "run", "--state", str(tmp_path / "tenant.db"), "--demo", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=ENV, cwd=tmp_path)
    assert "Traceback" not in done.stderr
    return done


def run_file(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "Update-DialIn.ps1"
    script.write_text(text, encoding="utf-8")
    return run(tmp_path, str(script))


FILE_CASES = [
    pytest.param(
        f"foreach ($upn in @('{AMOS}', 'former.employee@contoso.com')) {{\n"
        "    Get-CsOnlineDialInConferencingUser -Identity $upn | Select-Object -ExpandProperty Identity\n"
        "}\n"
        "Write-Host 'Audit finished'\n",
        0,
        id="non-terminating-error-only",
    ),
    pytest.param(
        "Write-Error 'Could not read the change list'\n"  # the last statement failing changes nothing
        f"{MISSING_USER}\n",
        0,
        id="non-terminating-error-last",
    ),
    pytest.param(
        "param([string]$CsvPath = 'changes.csv')\n"
        'if (-not (Test-Path $CsvPath)) { throw "Input file $CsvPath not found" }\n'
        "Write-Host 'never'\n",
        1,
        id="throw",
    ),
    pytest.param(
        f"$ErrorActionPreference = 'Stop'\n{MISSING_USER}\nWrite-Host 'never'\n",
        1,
        id="preference-stop",
    ),
    pytest.param(
        f"{MISSING_USER} -ErrorAction Stop\nWrite-Host 'never'\n",
        1,
        id="error-action-stop",
    ),
    pytest.param(
        "$users = @(Get-CsOnlineDialInConferencingUser)\n"
        "if ($users.Count -lt 10) { Write-Warning 'Fewer users than expected'; exit 5 }\n"
        "Write-Host 'never'\n",
        5,
        id="exit-5",
    ),
    pytest.param(
        'function Stop-Run([int]$Code) { Write-Host "stopping with $Code"; exit $Code }\n'
        f"{MISSING_USER}\n"
        "Stop-Run 4\n",
        4,
        id="exit-in-a-function",
    ),
    pytest.param(
        "try {\n"
        f"    {MISSING_USER} -ErrorAction Stop\n"
        "} catch {\n"
        '    Write-Warning "Lookup failed: $($_.Exception.Message)"\n'
        "}\n"
        "try { throw 'no bridge' } catch { Write-Host 'handled' }\n",
        0,
        id="try-catch",
    ),
    pytest.param(
        "$ErrorActionPreference = 'SilentlyContinue'\nthrow 'swallowed by the preference'\n",
        0,
        id="throw-silenced",
    ),
    pytest.param("trap { Write-Warning 'trapped'; break }\nthrow 'bad input'\n", 1, id="trap-break"),
    pytest.param("trap { Write-Warning 'trapped'; continue }\nthrow 'bad input'\n", 0, id="trap-continue"),
]


@pytest.mark.parametrize(("text", "status"), FILE_CASES)
def test_a_script_exits_as_pwsh_file(tmp_path: Path, text: str, status: int) -> None:
    done = run_file(tmp_path, text)
    assert done.returncode == status, done.stderr


COMMAND_CASES = [
    pytest.param(f"Write-Host 'checking'; {MISSING_USER}", 1, id="last-fails"),
    pytest.param(MISSING_USER, 1, id="one-get-line-fails"),  # the line run without the script layer
    pytest.param(f"{MISSING_USER}; Write-Output 'checked'", 0, id="earlier-fails-last-ok"),
    pytest.param(f"{MISSING_USER} -ErrorAction SilentlyContinue", 1, id="silenced-still-failed"),  # $? is $false
    pytest.param(f"Get-CsOnlineDialInConferencingUser -Identity {AMOS} | Out-Null", 0, id="ok"),
    pytest.param("throw 'stop here'; Write-Output 'never'", 1, id="throw"),
    pytest.param(f"{MISSING_USER}; exit 7", 7, id="exit-7"),
    pytest.param("Write-Output 'done'; exit 0", 0, id="exit-0"),
    pytest.param(
        f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ServiceNumber 442035550100", 1, id="service-error"
    ),
]


@pytest.mark.parametrize(("line", "status"), COMMAND_CASES)
def test_a_command_line_exits_as_pwsh_command(tmp_path: Path, line: str, status: int) -> None:
    done = run(tmp_path, "-c", line)
    assert done.returncode == status, done.stderr


def test_an_emulator_stop_is_3_either_way(tmp_path: Path) -> None:
    line = "Get-CsOnlineUser -Identity ken.myer@contoso.com | Set-CsUserThing -Enabled $true"
    assert run(tmp_path, "-c", line).returncode == 3
    assert run_file(tmp_path, line + "\n").returncode == 3


def test_the_python_api_follows_the_cli(tmp_path: Path) -> None:
    """``tenant.run_script(path)`` is ``cscmdlets run path`` (-File); ``run_script(text)`` is
    ``cscmdlets run -c text`` (-Command). Both rules stay readable on the result."""
    script = tmp_path / "audit.ps1"
    script.write_text(MISSING_USER + "\n", encoding="utf-8")
    tenant = cs.Tenant.demo()
    from_file = tenant.run_script(script)
    from_text = tenant.run_script(MISSING_USER)
    assert (from_file.status, from_file.file_status, from_file.command_status) == (0, 0, 1)
    assert (from_text.status, from_text.file_status, from_text.command_status) == (1, 0, 1)
    assert run_file(tmp_path, MISSING_USER + "\n").returncode == from_file.status
    assert run(tmp_path, "-c", MISSING_USER).returncode == from_text.status
