"""Crash safety: a bulk job on a SQLite tenant, killed with SIGKILL at random moments.

A child process (``bulk_child.py``) makes Set-CsOnlineDialInConferencingUser calls, each its
own transaction, and logs each committed call to a side file it fsyncs. The test kills it at
random moments (mostly mid-job, sometimes during start-up) and restarts it, which resumes the
job. After every kill the store must open, pass ``PRAGMA integrity_check``, and hold exactly
the committed calls with their emails: every call the child logged, at most the one call in
flight beyond, each audited once and in order, and each with exactly the email an in-memory
replay of the same calls queues (none lost, none duplicated, none without its change).

A second store runs the same job as a .ps1 script through ``cscmdlets run SCRIPT``, alternately
with ``--no-transaction`` (the store holds an exact prefix of the script's calls) and in the
command's default single transaction (all of the run's calls or none). The two jobs run side
by side and share the kills: 50 in all by default (``CSCMDLETS_RELIABILITY_SCALE`` scales it).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.store.sqlite import SqliteStore

from .bulk_child import GENERATED_USERS, SET_USER, operation
from .bulk_script import bulk_script
from .support import FIGURES, SCALE

CHILD = Path(__file__).with_name("bulk_child.py")
KILLS = max(2, int(50 * SCALE))
SCRIPT_OPERATIONS = 600


def new_store(path: Path) -> None:
    cs.Tenant.demo(users=GENERATED_USERS, store=SqliteStore(path)).close()


def logged(log: Path) -> set[int]:
    """Indices the child logged as committed (a torn last line is not a logged commit)."""
    if not log.exists():
        return set()
    text = log.read_text()
    lines = text.split("\n")[:-1] if not text.endswith("\n") else text.split("\n")
    return {int(line) for line in lines if line}


def audit_view(entry: Any) -> tuple[Any, ...]:
    return (entry.command, entry.target, entry.parameters, entry.before, entry.after)


def mail_view(message: Any) -> tuple[Any, ...]:
    return (message.kind, str(message.user_id), message.recipient, message.sender, message.subject)


@dataclass
class Replay:
    """The same calls on an in-memory copy of the starting tenant: what the store must hold."""

    tenant: cs.Tenant = field(default_factory=lambda: cs.Tenant.demo(users=GENERATED_USERS))
    done: int = 0

    def advance(self, count: int, tag: str = "op") -> None:
        for index in range(self.done, count):
            op = operation(index, tag)
            self.tenant.set_cs_online_dial_in_conferencing_user(op.identity, **op.keywords)
        self.done = max(self.done, count)

    def audit(self) -> list[tuple[Any, ...]]:
        return [audit_view(e) for e in self.tenant.audit()]

    def mail(self) -> list[tuple[Any, ...]]:
        return [mail_view(m) for m in self.tenant.outbox]


def check_store(path: Path, replay: Replay) -> int:
    """The store opens, is intact, and holds exactly the replay of its first N calls; returns N."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with cs.Tenant.open(path) as tenant:
        audit = [audit_view(e) for e in tenant.audit()]
        mail = [mail_view(m) for m in tenant.outbox]
    assert all(entry[0] == SET_USER for entry in audit)
    replay.advance(len(audit))
    assert audit == replay.audit(), "the audit log is not exactly the calls made, in order"
    assert mail == replay.mail(), "the outbox is not exactly the emails of the calls made"
    return len(audit)


def check_emails_pair_with_changes(path: Path, count: int) -> None:
    """Every -SendEmail call in the store has its one message, and no message lacks its call."""
    with cs.Tenant.open(path) as tenant:
        recipients = [m.recipient for m in tenant.outbox if m.recipient.endswith("@example.com")]
    expected = [operation(i).address for i in range(count) if operation(i).address]
    assert recipients == expected


def spawn(path: Path, log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(log)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def cli_runs_scripts() -> bool:
    """Whether ``cscmdlets run SCRIPT`` exists (else the script runs through run_script())."""
    from cscmdlets.cli.main import build_parser

    try:
        with contextlib.redirect_stderr(io.StringIO()):
            args = build_parser().parse_args(["run", "job.ps1"])
    except SystemExit:
        return False
    return "job.ps1" in vars(args).values()


RUN_SCRIPT = (
    "import sys, cscmdlets as cs; from cscmdlets.scripts.runner import run_script; "
    "run_script(cs.Tenant.open(sys.argv[1]).engine, sys.argv[2])"
)


def spawn_script(path: Path, first: int, *, one_transaction: bool) -> subprocess.Popen[str]:
    """The rest of the bulk job as a .ps1 script, run by ``cscmdlets run SCRIPT``: in one
    transaction (the command's default) or committing each command (``--no-transaction``)."""
    script = path.with_name(f"job{first}.ps1")
    script.write_text(bulk_script(first, SCRIPT_OPERATIONS), encoding="utf-8")
    if cli_runs_scripts():
        command = [sys.executable, "-m", "cscmdlets", "run", "--state", str(path), str(script)]
        command += [] if one_transaction else ["--no-transaction"]
    else:
        command = [sys.executable, "-c", RUN_SCRIPT, str(path), str(script)]
    # Output goes nowhere: a full pipe would stall the job (and, in one transaction, its lock).
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_at_random(child: subprocess.Popen[str], rng: random.Random, *, ready_line: bool = True) -> bool:
    """Kill mostly mid-job (after the first commit), sometimes during start-up or the first call.

    Returns False when a script finished before its kill (it prints no "ready" to wait for).
    """
    if not ready_line:
        time.sleep(rng.uniform(0.15, 1.2))  # start-up, parsing, mid-job or mid-commit
    elif rng.random() < 0.8:
        line = child.stdout.readline() if child.stdout else ""
        assert line == "ready\n", child.stderr.read() if child.stderr else "no ready line"
        time.sleep(rng.uniform(0.0, 0.25))
    else:
        time.sleep(rng.uniform(0.0, 0.6))
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    _, errors = child.communicate(timeout=120)
    if child.returncode == 0 and not ready_line:
        return False
    assert child.returncode == -signal.SIGKILL, f"the child ended before it was killed: {errors}"
    return True


@dataclass
class Lane:
    """One store and its job (the Python bulk job, logging commits, or the .ps1 script), its
    replay, and what a kill may have left unlogged."""

    path: Path
    log: Path
    script: bool = False
    replay: Replay = field(default_factory=Replay)
    in_flight_allowed: set[int] = field(default_factory=set)
    count: int = 0
    runs: int = 0

    @property
    def one_transaction(self) -> bool:
        return self.script and self.runs % 2 == 1

    def spawn(self) -> subprocess.Popen[str]:
        self.runs += 1
        if self.script:
            return spawn_script(self.path, self.count, one_transaction=self.one_transaction)
        return spawn(self.path, self.log)

    def check_after_kill(self) -> None:
        before, self.count = self.count, check_store(self.path, self.replay)
        if self.one_transaction:  # all of the script's changes, or none of them
            assert self.count in (before, before + SCRIPT_OPERATIONS), (before, self.count)
        if self.script:
            return  # the script keeps no log: the store must hold a prefix of its calls, exactly
        done = logged(self.log)
        assert done <= set(range(self.count)), "a call the child saw commit is missing from the store"
        self.in_flight_allowed.add(self.count - 1)
        assert set(range(self.count)) - done <= self.in_flight_allowed, "the store holds a call never made"

    @property
    def name(self) -> str:
        return "script" if self.script else "python"


def run_lanes(tmp_path: Path, kills: int, lanes: int = 2) -> list[Lane]:
    """``kills`` SIGKILLs spread over ``lanes`` stores whose jobs run side by side: even lanes run
    the Python bulk job, odd lanes the same job as a script."""
    made = [
        Lane(tmp_path / f"lane{n}" / "tenant.db", tmp_path / f"lane{n}" / "committed.log", script=n % 2 == 1)
        for n in range(lanes)
    ]
    for lane in made:
        lane.path.parent.mkdir()
        new_store(lane.path)
    rng = random.Random(int(os.environ.get("CSCMDLETS_RELIABILITY_SEED", "6")))
    killed = 0
    while killed < kills:
        active = made[: min(lanes, kills - killed)]
        children = [lane.spawn() for lane in active]
        outcomes = [
            kill_at_random(child, rng, ready_line=not lane.script) for lane, child in zip(active, children, strict=True)
        ]
        for lane, was_killed in zip(active, outcomes, strict=True):
            lane.check_after_kill()
            if was_killed:
                killed += 1
                FIGURES[f"crash safety: kills survived ({lane.name})"] += 1
            else:
                FIGURES[f"crash safety: script runs finished before their kill ({lane.name})"] += 1
    for lane in made:
        check_emails_pair_with_changes(lane.path, lane.count)
        FIGURES[f"crash safety: committed updates checked ({lane.name})"] += lane.count
    return made


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_and_leaves_nothing_half_done(tmp_path: Path) -> None:
    lanes = run_lanes(tmp_path, KILLS)
    for lane in lanes:
        assert lane.count > KILLS // 4, f"the {lane.name} job hardly ran"
