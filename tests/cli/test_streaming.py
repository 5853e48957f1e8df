"""``cscmdlets run`` in a real pseudo-terminal: output as each command finishes, also inside a
pipeline, Ctrl-C (SIGINT) that says what it left, Write-Progress shown, colour only on a terminal."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import cscmdlets as cs
from cscmdlets.store.sqlite import SqliteStore

USERS = 600  # plus the three demo users
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")

RESET_PINS = """\
$users = Get-CsOnlineDialInConferencingUser
Write-Host "Resetting $($users.Count) PINs"
foreach ($u in $users) {
    Set-CsOnlineDialInConferencingUser -Identity $u.Identity -ResetLeaderPin | Select-Object Identity, LeaderPin
}
Write-Host "done"
"""
ROW = re.compile(r"^(\S+@contoso\.com)\s+(\d{5})\s*$", re.MULTILINE)


@pytest.fixture(scope="module")
def big_tenant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "tenant.db"
    cs.Tenant.demo(users=USERS, store=SqliteStore(path)).close()
    return path


@pytest.fixture
def state(big_tenant: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "tenant.db"
    shutil.copy(big_tenant, copy)
    return copy


class Terminal:
    """``cscmdlets`` with stdin, stdout and stderr on one pseudo-terminal, as in a console (or
    stderr on a pipe: no progress bar then, so the rows can be counted exactly)."""

    def __init__(self, *args: str, env: dict[str, str] | None = None, stderr_on_terminal: bool = True) -> None:
        # The test keeps its own end of the terminal open: once every writer has closed it, Linux may
        # answer a read with EIO before the last output has been passed through.
        self.master, self.slave = pty.openpty()
        slave = self.slave
        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CSCMDLETS_SMTP_URL")}
        environment.update({"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40", **(env or {})})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cscmdlets", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave if stderr_on_terminal else subprocess.PIPE,
            env=environment,
            close_fds=True,
        )
        self.raw = b""

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def read_until(self, done: Callable[[str], bool], timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while not done(self.text):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the terminal shows:\n{self.text[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                self.raw += os.read(self.master, 65536)
        return self.text

    def finish(self, timeout: float = 60) -> int:
        """Wait for the process to end and read all it wrote; return its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                self.raw += os.read(self.master, 65536)
            elif self.process.poll() is not None:
                break  # ended, and nothing more to read for half a second
        return self.process.wait(timeout)

    @property
    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def terminal() -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def open_(*args: str, **options: object) -> Terminal:
        opened.append(Terminal(*args, **options))  # type: ignore[arg-type]
        return opened[-1]

    yield open_
    for each in opened:
        each.close()


def rows(text: str) -> list[tuple[str, str]]:
    return ROW.findall(text)


def set_commands(state: Path) -> int:
    with cs.Tenant.open(state) as tenant:
        return len(tenant.audit(command="Set-CsOnlineDialInConferencingUser"))


def test_output_is_written_as_each_command_finishes(
    terminal: Callable[..., Terminal], state: Path, tmp_path: Path
) -> None:
    script = tmp_path / "reset.ps1"
    script.write_text(RESET_PINS, encoding="utf-8")
    console = terminal("run", str(script), "--state", str(state), stderr_on_terminal=False)
    shown = console.read_until(lambda text: len(rows(text)) >= 20)
    assert console.process.poll() is None  # still running: 20 rows were written before the end
    assert shown.count("LeaderPin") == 1  # one header for the run of same-typed objects
    assert console.finish() == 0
    assert len(rows(console.text)) == USERS + 3
    assert console.text.count("Identity ") == 1 and console.text.rstrip().endswith("done")


# Row 31 spins on line 4 before its change: Ctrl-C reaches a run that is still going, however fast
# the machine (without it, a fast machine had finished all 603 rows before the signal came).
STALLING_AFTER_30_ROWS = RESET_PINS.replace(
    "    Set-CsOnlineDialInConferencingUser",
    "    if ($u -eq $users[30]) { while ($true) { } }; Set-CsOnlineDialInConferencingUser",
)


@pytest.mark.parametrize("transaction", [True, False], ids=["transaction", "no-transaction"])
def test_ctrl_c_says_what_it_left(
    transaction: bool, terminal: Callable[..., Terminal], state: Path, tmp_path: Path
) -> None:
    script = tmp_path / "reset.ps1"
    script.write_text(STALLING_AFTER_30_ROWS, encoding="utf-8")
    before = set_commands(state)
    options = [] if transaction else ["--no-transaction"]
    console = terminal("run", str(script), "--state", str(state), *options, stderr_on_terminal=False)
    console.read_until(lambda text: len(rows(text)) >= 30)
    console.process.send_signal(signal.SIGINT)
    assert console.finish() == 130
    text, errors = console.text, console.stderr
    assert "Traceback" not in errors and "KeyboardInterrupt" not in errors
    [report] = errors.splitlines()
    match = re.fullmatch(r"cscmdlets run: Interrupted at line 4 \(row ([\d,]+) of 603\): (.*)", report)
    assert match is not None, report
    row, said = int(match.group(1).replace(",", "")), match.group(2)
    shown = rows(text)
    changed = set_commands(state) - before
    if transaction:
        assert said == "nothing was changed."
        assert changed == 0
    else:
        assert changed == len(shown)  # every committed PIN was shown before the report
        assert changed in (row - 1, row)  # stopped in row `row`, or between it and the next
        last = shown[-1][0]
        plural = "command" if changed == 1 else "commands"
        assert said == (
            f"{changed:,} {plural} committed; the last finished one was "
            f"Set-CsOnlineDialInConferencingUser -Identity '{last}' -ResetLeaderPin."
        )


def test_write_progress_is_shown_on_a_terminal(terminal: Callable[..., Terminal], state: Path, tmp_path: Path) -> None:
    script = tmp_path / "progress.ps1"
    script.write_text(
        "$users = Get-CsOnlineDialInConferencingUser\n"
        "$n = 0\n"
        "foreach ($u in $users) {\n"
        "    $n++\n"
        "    Write-Progress -Activity 'Resetting PINs' -Status \"user $n\" -PercentComplete ($n * 100 / $users.Count)\n"
        "    Set-CsOnlineDialInConferencingUser -Identity $u.Identity -ResetLeaderPin | Out-Null\n"
        "    $null = Get-CsOnlineDialInConferencingUser\n"  # a loop of seconds, however fast the machine
        "}\n",
        encoding="utf-8",
    )
    console = terminal("run", str(script), "--state", str(state))
    assert console.finish() == 0
    assert re.search(r"Resetting PINs: user \d", console.text)
    assert re.search(r"line \d: rows.*\d+/603", console.text)  # the script's own bar counts loop rows


def test_colour_on_a_terminal_none_with_no_color(terminal: Callable[..., Terminal], state: Path) -> None:
    line = "Get-CsOnlineDialInConferencingBridge | Select-Object Name, IsDefault"
    coloured = terminal("run", "--state", str(state), "-c", line)
    assert coloured.finish() == 0
    assert "\x1b[1;32mName" in coloured.raw.decode()  # $PSStyle.Formatting.TableHeader: bold green
    plain = terminal("run", "--state", str(state), "-c", line, env={"NO_COLOR": "1"})
    assert plain.finish() == 0
    assert "\x1b[" not in plain.raw.decode() and "Name" in plain.raw.decode()
    piped = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "run", "--state", str(state), "-c", line],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "\x1b[" not in piped.stdout and piped.stdout.splitlines()[1].split() == ["Name", "IsDefault"]


def test_tables_fit_the_terminal(terminal: Callable[..., Terminal], state: Path) -> None:
    line = (
        "Get-CsOnlineDialInConferencingUser -ResultSize 3 | Select-Object Identity, DisplayName, SipAddress, BridgeId"
    )
    console = terminal("run", "--state", str(state), "-c", line, env={"COLUMNS": "60"})
    assert console.finish() == 0
    lines = [each for each in console.text.splitlines() if each.strip()]
    assert all(len(each) <= 59 for each in lines), lines
    assert lines[0].split()[:2] == ["Identity", "DisplayName"] and "BridgeId" not in lines[0]
    assert any(each.rstrip().endswith("…") for each in lines[2:])


# The first row waits until the test has seen the bar drawn inside the loop (the emulator's
# Start-Sleep does not wait, and a fast machine finished the loop before the bar's first frame).
WAITING_FIRST_ROW = RESET_PINS.replace(
    "    Set-CsOnlineDialInConferencingUser",
    "    while (-not (Test-Path -Path $env:GO_FILE)) { }; Set-CsOnlineDialInConferencingUser",
)


def test_piped_output_stays_in_the_pipe_while_progress_shows(state: Path, tmp_path: Path) -> None:
    """``cscmdlets run x.ps1 > out.txt`` in a terminal: the bar on the terminal, every row in the file."""
    script = tmp_path / "reset.ps1"
    script.write_text(WAITING_FIRST_ROW, encoding="utf-8")
    go = tmp_path / "go"
    master, slave = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CSCMDLETS_SMTP_URL")}
    output_file = tmp_path / "out.txt"
    shown = b""
    try:
        with output_file.open("wb") as output_stream:
            process = subprocess.Popen(
                [sys.executable, "-m", "cscmdlets", "run", str(script), "--state", str(state)],
                stdout=output_stream,
                stderr=slave,
                env={**environment, "TERM": "xterm-256color", "COLUMNS": "100", "GO_FILE": str(go)},
            )
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:  # the terminal is read as it fills, or the bar would block
                if select.select([master], [], [], 0.2)[0]:
                    shown += os.read(master, 65536)
                elif process.poll() is not None:
                    break
                if "line 4: rows" in ANSI.sub("", shown.decode("utf-8", "replace")) or time.monotonic() > deadline - 60:
                    go.touch()  # the bar was seen inside the loop (or it never will be): let the rows run
            status = process.wait(10)
    finally:
        os.close(master)
        os.close(slave)
    assert status == 0
    output = output_file.read_text(encoding="utf-8")
    assert len(rows(output)) == USERS + 3 and "\x1b[" not in output
    assert "line 4: rows" in ANSI.sub("", shown.decode("utf-8", "replace"))


# Fifty rounds over the users: the pipeline outlasts the time a Ctrl-C takes to arrive on any
# machine (with one round, a fast machine finished it and was interrupted while printing).
PIPELINE_RESET = """\
$users = Get-CsOnlineDialInConferencingUser
1..50 | ForEach-Object { $users } |
    ForEach-Object { Set-CsOnlineDialInConferencingUser -Identity $_.Identity -ResetLeaderPin }
"""
PIN = re.compile(r"^LeaderPin\s+: (\d{5})\s*$", re.MULTILINE)


def test_ctrl_c_in_a_pipeline_shows_the_pins_it_reset(
    terminal: Callable[..., Terminal], state: Path, tmp_path: Path
) -> None:
    """A pipeline streams: each user with the PIN just reset is shown while the pipeline runs,
    and after Ctrl-C every PIN reset so far has been shown, none twice."""
    script = tmp_path / "reset.ps1"
    script.write_text(PIPELINE_RESET, encoding="utf-8")
    before = set_commands(state)
    console = terminal("run", str(script), "--state", str(state), "--no-transaction", stderr_on_terminal=False)
    console.read_until(lambda text: len(PIN.findall(text)) >= 20)
    assert console.process.poll() is None  # rows of the pipeline shown before it ends: 30,150 changes to go
    console.process.send_signal(signal.SIGINT)
    assert console.finish() == 130
    changed = set_commands(state) - before
    pins = PIN.findall(console.text)
    assert len(pins) == changed >= 20
    [report] = console.stderr.splitlines()
    where = r"cscmdlets run: Interrupted at line 3 \(row [\d,]+ of 50\)"  # the pipeline's input: 50 rounds
    assert re.fullmatch(rf"{where}: {changed:,} commands .*", report)
