"""``cscmdlets outbox list|flush|export`` (cscmdlets/cli/outbox_cmd.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import cscmdlets as cs
from cscmdlets.cli.outbox_cmd import add_subcommand
from cscmdlets.cli.state import open_tenant

from .conftest import Certificate, SmtpServer, free_port

AMOS = "amos.marble@contoso.com"

Run = Callable[..., int]


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A durable demo tenant with one queued email."""
    path = tmp_path / "contoso.db"
    with cs.Tenant.open(path, seed="demo", smtp="") as tenant:
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, send_email=True)
    return path


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Parse and run ``cscmdlets outbox …`` as the lead's main() will, on its own parser."""
    monkeypatch.delenv("CSCMDLETS_SMTP_URL", raising=False)
    parser = argparse.ArgumentParser(prog="cscmdlets")
    add_subcommand(parser.add_subparsers(dest="subcommand"), open_tenant)

    def run_(*argv: str) -> int:
        args = parser.parse_args(["outbox", *argv])
        result: int = args.handler(args)
        return result

    return run_


def test_list_table(run: Run, state: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--state", str(state)) == 0
    header, _rule, row = [line for line in capsys.readouterr().out.splitlines() if line]
    assert header.split() == ["Sequence", "Status", "Kind", "Attempts", "Recipient", "Subject", "LastError"]
    assert row.split()[:5] == ["1", "Queued", "ConferenceInfo", "0", AMOS]


def test_list_json(run: Run, state: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--format", "json", "--state", str(state)) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line) | {"CreatedAt": None, "UserId": None} == {
        "Sequence": 1,
        "CreatedAt": None,
        "Kind": "ConferenceInfo",
        "UserId": None,
        "Recipient": AMOS,
        "Sender": "no-reply@contoso.com",
        "Subject": "Your dial-in conferencing information",
        "Status": "Queued",
        "Attempts": 0,
        "LastError": None,
        "ServerReply": None,
        "DeliveredAt": None,
    }


def test_flush_without_server_is_a_usage_error(run: Run, state: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("flush", "--state", str(state)) == 2
    assert "give --smtp URL or set CSCMDLETS_SMTP_URL" in capsys.readouterr().err


def test_flush_server_down_then_up(
    run: Run,
    state: Path,
    capsys: pytest.CaptureFixture[str],
    smtp_server: SmtpServer,
    certificate: Certificate,
) -> None:
    down = f"smtp://127.0.0.1:{free_port()}?timeout=2"
    assert run("flush", "--state", str(state), "--smtp", down) == 1
    assert "Delivered 0 message(s); 1 still queued." in capsys.readouterr().out
    transport = smtp_server.transport
    up = (
        f"smtp+starttls://{transport.username}:{transport.password}@127.0.0.1:{transport.port}"
        f"?cafile={certificate.certfile}"
    )
    assert run("flush", "--state", str(state), "--smtp", up) == 0
    assert "Delivered 1 message(s); 0 still queued." in capsys.readouterr().out
    assert run("flush", "--state", str(state), "--smtp", up) == 0
    assert len(smtp_server.recorder.messages) == 1


def test_export(run: Run, state: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", str(tmp_path / "eml"), "--state", str(state)) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "eml" / "000001-ConferenceInfo.eml")
    assert run("export", str(tmp_path / "none"), "--status", "Delivered", "--state", str(state)) == 0
    assert capsys.readouterr().out == ""
