"""``cscmdlets run SCRIPT``, ``check`` and ``port`` through cli/scripts_cmd.py, on a parser built
the way cli/main.py builds its own (the lead wires the same functions into it)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cli import scripts_cmd

from .conftest import CORPUS


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cscmdlets")
    commands = top.add_subparsers(dest="subcommand")
    run = commands.add_parser("run")
    run.add_argument("-c", "--command")
    run.add_argument("--format", choices=("table", "json"), default="table")
    run.add_argument("--state")
    scripts_cmd.add_run_arguments(run)
    scripts_cmd.add_subcommands(commands)
    return top


@pytest.fixture
def tenant() -> cs.Tenant:
    return cs.Tenant.demo(clock=fixed_clock())


def run(tenant: cs.Tenant, *argv: str) -> int:
    @contextmanager
    def open_tenant(state: str | None) -> Iterator[cs.Tenant]:
        yield tenant

    args = parser().parse_args(["run", *argv])
    return scripts_cmd.run_script_command(args, open_tenant)


@pytest.mark.usefixtures("workdir")
def test_run_script_with_its_arguments_and_options_after_them(
    tenant: cs.Tenant, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(tenant, "bulk_reset_pins.ps1", "-CsvPath", "users.csv", "--format", "json")
    out, err = capsys.readouterr()
    assert status == 0
    assert "Updated 2 users; 1 failed." in out
    assert '"Identity": "amos.marble@contoso.com"' in out
    assert (
        err == "WARNING: Could not update nobody@contoso.com: Management object not found for identity "
        '"nobody@contoso.com".\n'
    )


@pytest.mark.usefixtures("workdir")
def test_run_errors_go_to_stderr(tenant: cs.Tenant, capsys: pytest.CaptureFixture[str]) -> None:
    status = run(tenant, "admin_articles.ps1")
    _, err = capsys.readouterr()
    assert status == 0  # a binding error ends only its statement: pwsh -File exits 0
    assert "Set-CsOnlineDialInConferencingTenantSettings: admin_articles.ps1:9\nLine |\n   9 |  " in err
    assert "     | A parameter cannot be found that matches parameter name 'SendEmailOverride'." in err


@pytest.mark.usefixtures("workdir")
def test_what_if_prints_the_plan_and_changes_nothing(tenant: cs.Tenant, capsys: pytest.CaptureFixture[str]) -> None:
    before = tenant.get_cs_online_dial_in_conferencing_user("ken.myer@contoso.com")[0]
    status = run(tenant, "bulk_reset_pins.ps1", "--what-if")
    out, _ = capsys.readouterr()
    assert status == 0
    assert (
        'What if: Performing the operation "Set-CsOnlineDialInConferencingUser" on target "ken.myer@contoso.com".'
    ) in out
    assert (
        "  change ken.myer@contoso.com (Set-CsOnlineDialInConferencingUser -ServiceNumber): "
        "ServiceNumber: $null → '12065550100'" in out
    )
    assert "  email ConferenceDetailsChanged to ken.myer@contoso.com:" in out
    assert tenant.get_cs_online_dial_in_conferencing_user("ken.myer@contoso.com")[0] == before
    assert list(tenant.outbox) == []


def test_run_answers_read_host_from_input(
    tenant: cs.Tenant, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ask.ps1").write_text("$who = Read-Host 'User'\nSet-CsOnlineDialInConferencingUser $who -SendEmail\n")
    (tmp_path / "answers.txt").write_text("ken.myer@contoso.com\n")
    assert run(tenant, "ask.ps1", "--input", "answers.txt") == 0
    assert [entry.recipient for entry in tenant.outbox] == ["ken.myer@contoso.com"]
    assert run(tenant, "ask.ps1") == 0  # Read-Host's failure ends only its statement (pwsh -File)
    assert "PowerShell is in NonInteractive mode." in capsys.readouterr().err


def test_read_host_in_a_parameter_default_is_an_error_without_input(
    tenant: cs.Tenant, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script that asks for its CSV path fails as ``pwsh -NonInteractive`` does: PowerShell's
    error (one line for a command line), exit status 1, nothing run."""
    monkeypatch.chdir(tmp_path)
    text = (
        "param($Path = $(Read-Host 'CSV path'))\nSet-CsOnlineDialInConferencingUser amos.marble@contoso.com -SendEmail"
    )
    (tmp_path / "ask.ps1").write_text(text)
    assert run(tenant, "ask.ps1") == 1
    assert "     | PowerShell is in NonInteractive mode. Read and Prompt functionality is not available." in (
        capsys.readouterr().err
    )
    assert run(tenant, "-c", text) == 1
    assert capsys.readouterr().err == (
        "Read-Host: PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.\n"
    )
    assert list(tenant.outbox) == []


def test_run_parse_error_runs_nothing(
    tenant: cs.Tenant, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.ps1").write_text(
        "Set-CsOnlineDialInConferencingUser amos.marble@contoso.com -SendEmail\n$p = @{ Identity = }\n"
    )
    assert run(tenant, "bad.ps1") == 1
    assert "Missing statement after '=' in hash literal." in capsys.readouterr().err
    assert list(tenant.outbox) == []


def test_check_prints_diagnostics_and_fixes(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["check", "admin_articles.ps1", "--fix"])
    assert args.handler(args) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[2].startswith(
        "admin_articles.ps1:9:46: error: A parameter cannot be found that matches parameter name "
        "'SendEmailOverride'. Did you mean -SendEmailFromOverride? [NamedParameterNotFound,"
    )
    assert err == f"wrote {Path('admin_articles.fixed.ps1')} (4 fixes)\n"
    fixed = (workdir / "admin_articles.fixed.ps1").read_text(encoding="utf-8").splitlines()
    assert fixed[5] == "Set-CsOnlineDialInConferencingUser user@contoso.com -AllowTollFreeDialIn $false"
    assert fixed[10] == 'Set-CsOnlineDialInConferencingUser -Identity "Amos Marble"'
    clean = parser().parse_args(["check", "admin_articles.fixed.ps1"])
    capsys.readouterr()
    clean.handler(clean)
    assert "SendEmailOverride" not in capsys.readouterr().out


def test_check_clean_script_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["check", str(CORPUS / "pipeline_bridge.ps1")])
    assert args.handler(args) == 0
    assert capsys.readouterr().out == ""


def test_port_writes_python(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.py"
    args = parser().parse_args(["port", str(CORPUS / "pipeline_bridge.ps1"), "-o", str(target)])
    assert args.handler(args) == 0
    assert "import cscmdlets as cs" in target.read_text(encoding="utf-8")
    args = parser().parse_args(["port", str(CORPUS / "pipeline_bridge.ps1")])
    assert args.handler(args) == 0
    assert capsys.readouterr().out.startswith("#!/usr/bin/env python3")


def test_run_command_line_with_what_if(tenant: cs.Tenant, capsys: pytest.CaptureFixture[str]) -> None:
    status = run(tenant, "--what-if", "-c", "Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail")
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == (
        'What if: Performing the operation "Set-CsOnlineDialInConferencingUser" on target "amos.marble@contoso.com".'
    )
    assert "  email ConferenceInfo to amos.marble@contoso.com:" in out
    assert list(tenant.outbox) == []


def test_run_command_line_error_is_one_line(tenant: cs.Tenant, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tenant, "-c", "Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true") == 1
    assert capsys.readouterr().err == (
        "Set-CsOnlineDialInConferencingTenantSettings: A parameter cannot be found that matches parameter name "
        "'SendEmailOverride'.\n  Recommendation: Did you mean '-SendEmailFromOverride'?\n"
    )


def test_an_emulator_stop_is_exit_status_3_in_a_real_process(tmp_path: Path) -> None:
    """The silent failure of old: a script's own catch swallowed the stop and the run exited 0."""
    script = tmp_path / "queues.ps1"
    script.write_text("Write-Host 'start'\ntry { Get-CsOnlineLisPort -Identity x } catch { 'caught' }\n'after'\n")
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "run", script.name, "--state", "state.db", "--demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(cs.__file__).parent.parent)},
        check=False,
    )
    assert done.returncode == 3
    assert done.stdout == "start\n"
    assert done.stderr.splitlines()[-1].endswith(
        "cscmdlets does not emulate 'Get-CsOnlineLisPort' (at queues.ps1:2:7); the run stopped here."
    )
