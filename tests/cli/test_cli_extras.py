"""``cscmdlets --version``, ``help`` with a partial name and without internal names,
``outbox show``, and ``--what-if`` plans in PowerShell's own notation."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from helpers import AMOS

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS
from cscmdlets.powershell.metadata import CommandMetadata
from cscmdlets.scripts.console import ps_literal

ENV = {k: v for k, v in os.environ.items() if k not in ("CSCMDLETS_STATE", "CSCMDLETS_SMTP_URL")}


def cscmdlets(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cscmdlets", *args], capture_output=True, text=True, timeout=120, env=ENV
    )


def test_version() -> None:
    done = cscmdlets("--version")
    assert (done.returncode, done.stdout) == (0, f"cscmdlets {version('cscmdlets')}\n")


def test_help_with_a_partial_name_lists_the_matching_cmdlets() -> None:
    done = cscmdlets("help", "Set-CsOnline")
    assert done.returncode == 0, done.stderr
    listed = [line.split()[0] for line in done.stdout.splitlines()[3:] if line.strip()]
    assert listed == [m.name for m in COMMANDS if m.name.startswith("Set-CsOnline")]
    assert len(listed) > 1


@pytest.mark.parametrize("metadata", COMMANDS, ids=[m.name for m in COMMANDS])
def test_help_shows_no_internal_names(metadata: CommandMetadata) -> None:
    done = cscmdlets("help", metadata.name)
    assert done.returncode == 0
    assert not re.search(r"rule_\w+|§|spec/|issue \d", done.stdout), done.stdout


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "tenant.db"
    with cs.Tenant.open(path, seed="demo", smtp="") as tenant:
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True)
    return path


def test_outbox_show_prints_headers_and_the_text(state: Path) -> None:
    done = cscmdlets("outbox", "show", "1", "--state", str(state))
    assert done.returncode == 0, done.stderr
    head, _, body = done.stdout.partition("\n\n")
    headers = dict(line.split(": ", 1) for line in head.splitlines())
    assert headers["To"] == f"Amos Marble <{AMOS}>"
    assert headers["Subject"] == "Your audio conferencing PIN has been reset"
    assert headers["Status"] == "Queued"
    with cs.Tenant.open(state) as tenant:
        message = tenant.outbox[0]
        assert body.rstrip("\n") == message.body("plain").replace("\r\n", "\n").rstrip("\n")


def test_outbox_show_html_writes_the_html_part(state: Path, tmp_path: Path) -> None:
    target = tmp_path / "message.html"
    done = cscmdlets("outbox", "show", "1", "--html", str(target), "--state", str(state))
    assert (done.returncode, done.stdout) == (0, f"{target}\n")
    with cs.Tenant.open(state) as tenant:
        assert target.read_bytes().decode("utf-8") == tenant.outbox[0].body("html")


def test_outbox_show_of_a_missing_message(state: Path) -> None:
    done = cscmdlets("outbox", "show", "7", "--state", str(state))
    assert done.returncode == 1
    assert done.stderr == (
        "cscmdlets outbox: Cannot find an outbox message with Sequence 7. Run 'cscmdlets outbox list' to see them.\n"
    )


def test_outbox_table_and_json_use_the_same_names(state: Path) -> None:
    table = cscmdlets("outbox", "list", "--state", str(state))
    as_json = cscmdlets("outbox", "list", "--format", "json", "--state", str(state))
    header = next(line for line in table.stdout.splitlines() if line).split()
    assert set(header) <= set(json.loads(as_json.stdout.splitlines()[0]))


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (None, "$null"),
        (True, "$true"),
        (False, "$false"),
        (7, "7"),
        ("it's", "'it''s'"),
        (["a", None], "@('a', $null)"),
    ],
)
def test_plan_values_are_written_as_powershell_literals(value: object, literal: str) -> None:
    assert ps_literal(value) == literal


def test_what_if_plan_shows_powershell_values(state: Path) -> None:
    line = f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ServiceNumber 14255550100"
    done = cscmdlets("run", "--what-if", "--state", str(state), "-c", line)
    assert done.returncode == 0, done.stderr
    assert "ServiceNumber: $null → '14255550100'" in done.stdout
    assert "None" not in done.stdout
