"""Every subcommand, every way it can fail on the outside world: one PowerShell-style line on
stderr, exit status 1, never a Python traceback, and nothing created by mistake.

Each case runs the real ``cscmdlets`` in a process. Permission cases run it without the
capabilities that let root ignore file modes (``setpriv``), so they bind here as for a user.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import AMOS

import cscmdlets as cs

ENV = {k: v for k, v in os.environ.items() if k not in ("CSCMDLETS_STATE", "CSCMDLETS_SMTP_URL")}
SET_PIN = f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ResetLeaderPin -SendEmail"


def cscmdlets(*args: str, unprivileged: bool = False, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cscmdlets", *args]
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot be enforced")
        drop = "-dac_override,-dac_read_search,-fowner,-linux_immutable"
        command = [setpriv, f"--bounding-set={drop}", "--inh-caps=-all", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=ENV)


def assert_one_line_error(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    for fragment in fragments:
        assert fragment in line


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A demo tenant on disk with one queued email."""
    path = tmp_path / "store" / "tenant.db"
    with cs.Tenant.open(path, seed="demo", smtp="") as tenant:
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True)
    return path


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[list[Path]]:
    """Paths listed here are made read-only (files 0444, folders 0555) and restored after."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.chmod(stat.S_IRWXU)


def make_read_only(paths: list[Path], *targets: Path) -> None:
    for target in targets:
        paths.append(target)
        target.chmod(0o555 if target.is_dir() else 0o444)


# --- a script that is not there ----------------------------------------------------------------


@pytest.mark.parametrize("subcommand", ["run", "check", "port"])
def test_missing_script_is_path_not_found(subcommand: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.ps1"
    extra = ["--state", str(tmp_path / "t.db"), "--demo"] if subcommand == "run" else []
    done = cscmdlets(subcommand, str(missing), *extra)
    assert_one_line_error(done)
    assert done.stderr == f"cscmdlets {subcommand}: Cannot find path '{missing}' because it does not exist.\n"


# --- a --state that is not there ---------------------------------------------------------------

STATE_COMMANDS = {
    "run": ["run", "-c", "Get-CsOnlineDialInConferencingBridge"],
    "get": ["get", "user"],
    "outbox list": ["outbox", "list"],
    "outbox show": ["outbox", "show", "1"],
    "outbox export": ["outbox", "export", "mail"],
    "outbox flush": ["outbox", "flush", "--smtp", "smtp://127.0.0.1:9"],
}


@pytest.mark.parametrize("words", STATE_COMMANDS.values(), ids=STATE_COMMANDS.keys())
def test_mistyped_state_fails_naming_the_path_and_creates_nothing(words: list[str], tmp_path: Path) -> None:
    typo = tmp_path / "nonexistent" / "t.db"
    done = cscmdlets(*words, "--state", str(typo))
    assert_one_line_error(done, f"Cannot find the tenant store '{typo}' because it does not exist", "--demo")
    assert done.stderr.startswith(f"cscmdlets {words[0]}: ")
    assert not typo.parent.exists()


def test_demo_creates_the_state_when_asked(tmp_path: Path) -> None:
    new = tmp_path / "new" / "t.db"
    done = cscmdlets("get", "user", AMOS, "--format", "json", "--state", str(new), "--demo")
    assert done.returncode == 0, done.stderr
    assert AMOS in done.stdout and new.exists()


# --- a store another process is writing ---------------------------------------------------------

READS = {
    "get": ["get", "user", AMOS, "--format", "json"],
    "run-get": ["run", "-c", f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}"],
    "outbox list": ["outbox", "list"],
    "outbox show": ["outbox", "show", "1"],
    "outbox export": ["outbox", "export", "EXPORT"],
}


@pytest.mark.parametrize("words", READS.values(), ids=READS.keys())
def test_reads_do_not_wait_for_a_writer(words: list[str], state: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(state, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a script's transaction, holding the write lock
    writer.execute("INSERT INTO meta VALUES ('writer', 'busy')")
    try:
        started = time.monotonic()
        done = cscmdlets(*[str(tmp_path / "eml") if w == "EXPORT" else w for w in words], "--state", str(state))
        waited = time.monotonic() - started
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert (done.returncode, done.stderr) == (0, "")
    assert AMOS in done.stdout or "eml" in done.stdout
    assert waited < 20  # the store's lock timeout is 30 s: a read that waited for the lock fails this


# --- files and folders this user may not write --------------------------------------------------


@pytest.mark.parametrize("words", READS.values(), ids=READS.keys())
def test_reads_work_on_a_read_only_store(words: list[str], state: Path, tmp_path: Path, read_only: list[Path]) -> None:
    for leftover in state.parent.glob("tenant.db-*"):
        leftover.unlink()  # a closed store leaves no -wal/-shm: the folder must not need them
    make_read_only(read_only, state, state.parent)
    tmp_path.chmod(0o755)
    done = cscmdlets(
        *[str(tmp_path / "eml") if w == "EXPORT" else w for w in words], "--state", str(state), unprivileged=True
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert AMOS in done.stdout or "eml" in done.stdout


def test_a_change_to_a_read_only_store_is_one_line(state: Path, tmp_path: Path, read_only: list[Path]) -> None:
    make_read_only(read_only, state, state.parent)
    done = cscmdlets("run", "--state", str(state), "-c", SET_PIN, unprivileged=True)
    assert_one_line_error(done, str(state))


def test_check_fix_in_a_read_only_folder(tmp_path: Path, read_only: list[Path]) -> None:
    folder = tmp_path / "scripts"
    folder.mkdir()
    script = folder / "job.ps1"
    script.write_text("Get-CsOnlineDialInConferencingUser | Where { $_.DisplayName -like 'A*' }\n", encoding="utf-8")
    make_read_only(read_only, folder)
    done = cscmdlets("check", str(script), "--fix", unprivileged=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"cscmdlets check: Access to the path '{folder / 'job.fixed.ps1'}' is denied."
    )
    assert not (folder / "job.fixed.ps1").exists()


@pytest.mark.parametrize(
    "words",
    [
        pytest.param(["port", "SCRIPT", "-o", "OUT/job.py"], id="port"),
        pytest.param(["outbox", "export", "OUT/mail"], id="outbox-export"),
        pytest.param(["outbox", "show", "1", "--html", "OUT/message.html"], id="outbox-show-html"),
        pytest.param(["docs", "OUT/docs"], id="docs"),
    ],
)
def test_writing_into_a_read_only_folder_is_one_line(
    words: list[str], state: Path, tmp_path: Path, read_only: list[Path]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    script = tmp_path / "job.ps1"
    script.write_text("Get-CsOnlineDialInConferencingBridge\n", encoding="utf-8")
    make_read_only(read_only, out)
    tmp_path.chmod(0o755)
    argv = [str(script) if w == "SCRIPT" else w.replace("OUT", str(out)) for w in words]
    state_options = ["--state", str(state)] if words[0] == "outbox" else []
    done = cscmdlets(*argv, *state_options, unprivileged=True)
    assert_one_line_error(done, f"cscmdlets {words[0]}: Access to the path '{out}", "is denied.")


def test_a_script_that_changes_things_still_takes_the_write_lock(state: Path) -> None:
    """Only a script naming no changing cmdlet reads without the lock: a change waits its turn."""
    writer = sqlite3.connect(state, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    process = subprocess.Popen(
        [sys.executable, "-m", "cscmdlets", "run", "--state", str(state), "-c", SET_PIN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        time.sleep(3)
        assert process.poll() is None  # waiting for the lock
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, "")
    assert "LeaderPin" in out
