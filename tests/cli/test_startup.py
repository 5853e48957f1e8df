"""A quick command loads only what it uses: ``cscmdlets --help`` and a one-line query import none of
the email, phone-number or terminal libraries (each subcommand's module loads when it runs)."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AMOS

import cscmdlets as cs
from cscmdlets.cli.main import SUBCOMMANDS
from cscmdlets.cli.state import open_tenant

#: Modules only sending or rendering email (or styling a terminal) needs.
HEAVY = ("jinja2", "babel", "css_inline", "phonenumbers", "smtplib", "email_validator", "rich")

PROBE = """
import contextlib, io, json, sys
from cscmdlets.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        status = main(json.loads(sys.argv[1]))
    except SystemExit as leave:
        status = leave.code
print(json.dumps({"status": status, "modules": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)}))
"""


def imported_by(*argv: str) -> tuple[int, list[str]]:
    program = f"HEAVY = {HEAVY!r}\n{PROBE}"
    done = subprocess.run(
        [sys.executable, "-c", program, json.dumps(argv)], capture_output=True, text=True, timeout=60, check=True
    )
    report = json.loads(done.stdout)
    return report["status"], report["modules"]


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "tenant.db"
    cs.Tenant.open(path, seed="demo").close()
    return path


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--help"], id="help-option"),
        pytest.param(["--version"], id="version"),
        pytest.param(["help", "Set-CsOnline"], id="help-partial"),
        pytest.param(["check", "--help"], id="check-help"),
    ],
)
def test_help_imports_nothing_heavy(argv: list[str]) -> None:
    status, heavy = imported_by(*argv)
    assert status == 0
    assert heavy == []


def test_a_one_line_query_imports_nothing_heavy(state: Path) -> None:
    line = f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}"
    status, heavy = imported_by("run", "--state", str(state), "-c", line)
    assert status == 0
    assert heavy == []
    status, heavy = imported_by("get", "bridge", "--state", str(state))
    assert (status, heavy) == (0, [])


def test_the_probe_sees_what_an_email_imports(state: Path) -> None:
    """The check above would pass if the probe saw nothing: a PIN reset renders an email."""
    line = f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ResetLeaderPin -SendEmail"
    status, heavy = imported_by("run", "--state", str(state), "-c", line)
    assert status == 0
    assert "jinja2" in heavy


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_the_listing_says_what_each_subcommand_says(name: str) -> None:
    """``cscmdlets --help`` lists each subcommand from the table, without loading it: the
    table's line is the one the subcommand's own module gives."""
    subparsers = argparse.ArgumentParser().add_subparsers()
    entry = SUBCOMMANDS[name]
    getattr(importlib.import_module(f"cscmdlets.cli.{entry.module}"), entry.register)(subparsers, open_tenant)
    [action] = [a for a in subparsers._choices_actions if a.dest == name]
    assert action.help == entry.help
