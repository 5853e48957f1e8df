"""The console host of ``cscmdlets run``: each stream written as it happens, as PowerShell's host
writes it.

- Output objects: a run of objects of one type shares one header. Like Out-Default, the first
  objects of a run are held for a moment (0.3 s) so the columns fit them; later ones are written
  under that header as they come. On a terminal, tables fit its width (columns that do not fit are
  dropped, the last one cut with ``…``) and list values wrap; piped, nothing is cut.
- Errors (concise view), warnings and verbose lines go to stderr, host lines to stdout.
- Colour only on a terminal, and never with ``NO_COLOR`` set (https://no-color.org): table
  headers and list labels, errors and warnings take PowerShell 7's ``$PSStyle.Formatting``
  colours (TableHeader/FormatAccent bold green, Error bold red, Warning and Verbose bold yellow,
  per about_ANSI_Terminals on learn.microsoft.com), rendered by rich.
- Progress (rich, on stderr, only on a terminal): Write-Progress records, and the script's own
  progress counted in loop iterations and the objects going into a pipeline
  (``line 12: row 506 of 3,003``).
"""

from __future__ import annotations

import _thread
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from types import MappingProxyType
from typing import IO, Any, NoReturn

from ..model.display import (
    FORMAT_ENUMERATION_LIMIT,
    TableLayout,
    cell_text,
    columns_of,
    console_text,
    entries_of,
    group_by_of,
    is_framed,
    is_out_of_band,
    is_table,
    list_entry,
    properties_of,
    table_layout,
    table_view,
    text_list,
    text_table,
)
from ..powershell.binder import BoundCommand
from ..powershell.engine import Engine, EngineWrapper, Result
from ..powershell.errors import ErrorRecord
from ..powershell.formatting import format_json_lines
from ..scripts.extended import with_added
from ..scripts.out_default import belongs, ends_document, out_of_band_lines

__all__ = [
    "ConsoleHost",
    "CountingEngine",
    "Interruption",
    "Palette",
    "RunProgress",
    "interruption_report",
    "print_list",
    "print_table",
]

#: How long Out-Default holds the first objects of a table to size its columns.
HOLD_SECONDS = 0.3


def wants_colour(stream: IO[str]) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


#: The rich style of each role: $PSStyle.Formatting's TableHeader, FormatAccent, Error, Warning.
PS_STYLE = MappingProxyType(
    {"header": "bold green", "label": "bold green", "error": "bold red", "warning": "bold yellow"}
)


class Palette:
    """$PSStyle.Formatting's colours as rich styles; every style is plain text when off."""

    def __init__(self, enabled: bool) -> None:
        self._render: dict[str, Callable[[str], str]] = {}
        if enabled:
            from rich.style import Style

            for role, name in PS_STYLE.items():
                self._render[role] = Style.parse(name).render

    def __call__(self, role: str) -> Callable[[str], str]:
        return self._render.get(role, str)


def terminal_width() -> int | None:
    """The width tables and lists fit: the terminal's, or none when the output is piped."""
    return shutil.get_terminal_size().columns - 1 if sys.stdout.isatty() else None


def print_table(objects: Sequence[Any], columns: Sequence[str] | None = None) -> None:
    """Format-Table on stdout: fitted to the terminal and coloured there (see the module docstring)."""
    print(text_table(objects, columns, width=terminal_width(), header=Palette(wants_colour(sys.stdout))("header")))


def print_list(objects: Sequence[Any], columns: Sequence[str] | None = None) -> None:
    """Format-List on stdout: values wrapped to the terminal, labels coloured there."""
    print(text_list(objects, columns, width=terminal_width(), label=Palette(wants_colour(sys.stdout))("label")))


@dataclass(frozen=True)
class _Run:
    """The objects being written: their type, and their table layout (``None``: a list or scalars)."""

    type: type
    layout: TableLayout | None = None
    scalar: bool = False
    framed: bool = False  # a date's custom view: blank lines around the run
    group: object = None  # the value of the property a grouping table view groups by


class ConsoleHost:
    """Writes a run's events as they come (``write``) and what is still held at the end (``close``).

    Args:
        output_format: ``"table"`` (PowerShell's views) or ``"json"`` (one object per line).
        show_plan: print the ``--what-if`` plan entries.
    """

    def __init__(self, output_format: str = "table", *, show_plan: bool = False) -> None:
        self.output_format = output_format
        self.show_plan = show_plan
        self.width = terminal_width()
        self.out = Palette(wants_colour(sys.stdout))
        self.err = Palette(wants_colour(sys.stderr))
        self._lock = threading.RLock()  # the hold timer writes from its own thread
        self._held: list[Any] = []
        self._held_since = 0.0
        self._run: _Run | None = None
        #: The object whose view the run's document took: later objects belong to it or are
        #: written out of band (:mod:`cscmdlets.scripts.out_default`).
        self._document_first: Any = None
        self._grouped_before: type | None = None  # the type of a grouped table that just ended
        self._timer: threading.Timer | None = None
        #: $FormatEnumerationLimit as the first object came: Out-Default reads it once, when
        #: it starts formatting (InnerFormatShapeCommand.BeginProcessing), for the whole run.
        self._enumeration_limit: int | None = None

    @contextmanager
    def _formatting(self) -> Iterator[None]:
        """The lock, and the run's enumeration limit for what is written meanwhile (the hold
        timer writes from a thread of its own, which sees the default)."""
        with self._lock:
            if self._enumeration_limit is None:
                yield
                return
            token = FORMAT_ENUMERATION_LIMIT.set(self._enumeration_limit)
            try:
                yield
            finally:
                FORMAT_ENUMERATION_LIMIT.reset(token)

    def write(self, kind: str, item: Any) -> None:
        """One event of the run (``Runner(on_event=host.write)``)."""
        if kind == "output" and self._enumeration_limit is None:
            self._enumeration_limit = FORMAT_ENUMERATION_LIMIT.get()
        with self._formatting():
            if kind == "output":
                if item is None:
                    return  # Out-Default shows nothing for $null
                for value in entries_of([item]):  # a hashtable shows as its entries
                    self._output(with_added(value, _read_member))  # members a script added (Add-Member) too
            elif kind != "progress" and (kind != "plan" or self.show_plan):
                self._end_run()
                self._other(kind, item)

    def close(self) -> None:
        """Write what is still held: the run is over (or interrupted)."""
        with self._formatting():
            self._end_run()

    # --- output objects ---------------------------------------------------------------------------

    def _output(self, value: Any) -> None:
        if self.output_format == "json":
            print(format_json_lines([value]), flush=True)
        elif is_out_of_band(value) and (self._held or (self._run is not None and not self._run.scalar)):
            self._release()  # what is held comes first; the table or list goes on after this line
            print(console_text(value), flush=True)  # a list entry wrote its blank line after itself
        elif self._held and self._joins(value, self._held[0]):
            self._held.append(value)
            if time.monotonic() - self._held_since >= HOLD_SECONDS:
                self._release()
        elif self._run is not None and self._continues(value):
            self._write_one(value)
        elif (self._held or self._run is not None) and not ends_document(value) and not belongs(self._first(), value):
            self._release()  # another type than a format file's view was chosen for: out of band
            print("\n".join(out_of_band_lines(value, width=self.width, label=self.out("label"))), flush=True)
        else:
            self._end_run()
            self._held, self._held_since = [value], time.monotonic()
            self._timer = threading.Timer(HOLD_SECONDS, self.close_hold)
            self._timer.daemon = True
            self._timer.start()

    def _first(self) -> Any:
        """The object whose view the document being written took (held or written)."""
        return self._held[0] if self._held else self._document_first

    def _joins(self, value: Any, first: Any) -> bool:
        """Whether ``value`` is held with ``first``: the same type (and group of a grouping view),
        or any object when the view is one PowerShell generates (``IsObjectApplicable``)."""
        if type(value) is type(first):
            return _group(value) == _group(first)
        if ends_document(value) or ends_document(first):
            return False
        return belongs(first, value) and not is_framed(first) and bool(properties_of(first))

    def _continues(self, value: Any) -> bool:
        """Whether ``value`` is written in the run going on (see :meth:`_joins`)."""
        run = self._run
        assert run is not None
        if type(value) is run.type:
            return _group(value) == run.group
        first = self._document_first
        if first is None or run.scalar or ends_document(value) or ends_document(first):
            return False
        return belongs(first, value)

    def close_hold(self) -> None:
        """The hold time is over: write the held objects under their header."""
        with self._formatting():
            self._release()

    def _release(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._held:
            return
        held, self._held = self._held, []
        self._document_first = held[0]
        view = table_view(held)
        names = view or columns_of(held)
        if not names:
            self._run = _Run(type(held[0]), scalar=True, framed=is_framed(held[0]))
            if self._run.framed:
                print(flush=True)
        elif view or is_table(names):
            layout = table_layout(held, names, self.width)
            key, group = group_by_of(held[0]), _group(held[0])
            # a grouping view: each group under its own line, one blank line between groups
            # (BaseOutputtingCommand.cs, ProcessGroupStart)
            lead = [] if key is None else ([] if self._grouped_before is type(held[0]) else [""])
            title = [] if key is None else [f"   {key}: {cell_text(group)}"]
            print("\n".join([*lead, *title, "", *layout.header(self.out("header"))]), flush=True)
            self._run = _Run(type(held[0]), layout, group=group)
        else:
            print(flush=True)  # a list starts with a blank line
            self._run = _Run(type(held[0]))
        for value in held:
            self._write_one(value)

    def _write_one(self, value: Any) -> None:
        assert self._run is not None
        if self._run.scalar:
            print(console_text(value), flush=True)
        elif self._run.layout is not None:
            print(self._run.layout.row(value), flush=True)
        else:  # an entry, then its blank line (ListOutputContext.ProcessPayload)
            print(list_entry(value, width=self.width, label=self.out("label")) + "\n", flush=True)

    def _end_run(self) -> None:
        """Write what is held, and the blank line that ends a table (a list's last entry wrote its
        own; BaseOutputtingCommand.cs, ProcessFormatEnd)."""
        self._release()
        if self._run is not None and (self._run.layout is not None or self._run.framed):
            print(flush=True)
        grouped = self._run is not None and group_by_of_type(self._run.type) is not None
        self._grouped_before = self._run.type if self._run is not None and grouped else None
        self._run = None
        self._document_first = None

    # --- the other streams ------------------------------------------------------------------------

    def _other(self, kind: str, item: Any) -> None:
        if kind == "host":
            print(item, flush=True)
        elif kind == "host-error":
            print(self.err("error")(item), file=sys.stderr, flush=True)
        elif kind == "warning":
            print(self.err("warning")(f"WARNING: {item}"), file=sys.stderr, flush=True)
        elif kind == "verbose":
            print(self.err("warning")(f"VERBOSE: {item}"), file=sys.stderr, flush=True)
        elif kind == "error" and isinstance(item, ErrorRecord):
            print(self.err("error")(item.concise_view(width=self.width or 120)), file=sys.stderr, flush=True)
        elif kind == "plan":
            from ..scripts.console import describe_plan_entry  # only under --what-if

            print(describe_plan_entry(item), flush=True)


def _group(value: Any) -> object:
    """The value a grouping table view groups ``value`` by; ``None`` for other views."""
    key = group_by_of(value)
    return None if key is None else properties_of(value).get(key)


def group_by_of_type(kind: type) -> str | None:
    return getattr(kind, "ps_group_by", None)


def _read_member(value: Any, name: str) -> Any:
    """A member's value, as a script reads it: needed only once a script has added members, so
    a one-line Get never loads the script layer's member reader."""
    from ..scripts.members import get_member

    return get_member(value, name)


# --- commands committed, and what to say when interrupted ---------------------------------------


class Interruption:
    """Ctrl-C during a run. The run stops before its next command, once the output of the
    commands that finished has been written (the PINs they reset are not lost); a script busy
    elsewhere (a long sleep) stops after a second anyway, as does a second Ctrl-C. ``line`` and
    ``loops`` say where it stopped.

    The second's stop waits while the run is :meth:`holding`: a command finishing (committed,
    not yet counted) or output being written. Stopped there, a change would be made but neither
    shown nor reported, which on a busy machine happened.
    """

    GRACE_SECONDS = 1.0

    def __init__(self, runner: Any) -> None:
        self.runner = runner
        self.requested = False
        self.line = 0
        self.loops: list[list[int]] = []
        self._timer: threading.Timer | None = None
        self._from_timer = False
        self._holding = 0
        self._held = False

    def request(self, signum: int = 0, frame: Any = None) -> None:
        """The SIGINT handler: note the request; the second one (or the grace timer's) stops."""
        if self.requested:
            from_timer, self._from_timer = self._from_timer, False
            if from_timer and self._holding:
                self._held = True  # stops when the hold ends
                return
            self.stop()
        self.requested = True
        self._timer = threading.Timer(self.GRACE_SECONDS, self._grace_over)
        self._timer.daemon = True
        self._timer.start()

    def _grace_over(self) -> None:
        self._from_timer = True
        _thread.interrupt_main()  # runs request() again, in the main thread

    def check(self) -> None:
        """Called before each command: stop here if Ctrl-C was pressed."""
        if self.requested:
            self.stop()

    @contextmanager
    def holding(self) -> Iterator[None]:
        """A stretch the grace timer does not cut: a command and its count, an output's writing."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
            if not self._holding and self._held:
                self.stop()

    def stop(self) -> NoReturn:
        self._held = False
        self.cancel()
        at = getattr(getattr(self.runner, "at", None), "extent", None)
        self.line = getattr(at, "line", 0)
        self.loops = [list(count) for count in self.runner.loops]
        raise KeyboardInterrupt

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    @contextmanager
    def handling_sigint(self) -> Iterator[None]:
        """Ctrl-C goes to :meth:`request` inside the block (in the main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = signal.signal(signal.SIGINT, self.request)
        try:
            yield
        finally:
            self.cancel()
            signal.signal(signal.SIGINT, previous)


class CountingEngine(EngineWrapper):
    """The tenant's engine, counting the changes that finished (for an interrupted run's report)
    and calling ``before`` ahead of each command.

    ``unseen`` holds what the changes since the script last wrote output returned. Pipelines
    stream, so that is output the script kept (``$r = Import-Csv … | ForEach-Object { Set-…
    -ResetLeaderPin }``) or that waits for a command needing all its input (``| Sort-Object``):
    an interrupted run shows it rather than lose the PINs it reset.
    """

    def __init__(
        self,
        engine: Engine,
        before: Callable[[], None] = lambda: None,
        hold: Callable[[], AbstractContextManager[None]] = nullcontext,
    ) -> None:
        super().__init__(engine)
        self.before = before
        self.hold = hold
        self.changes = 0
        self.last_change: BoundCommand | None = None
        self.unseen: list[Any] = []

    def invoke(self, command: BoundCommand) -> Result:
        self.before()
        with self.hold():  # a change made is a change counted
            result = self.engine.invoke(command)
            if command.metadata.supports_should_process and not command.common.what_if and not result.errors:
                self.changes += 1
                self.last_change = command
                self.unseen += result.output
        return result

    def output_written(self) -> None:
        """The script wrote output (or a host line): what came before has been shown."""
        self.unseen = []


def command_text(command: BoundCommand) -> str:
    """``Set-CsOnlineDialInConferencingUser -Identity 'amos@contoso.com' -ResetLeaderPin``."""
    from ..scripts.console import ps_literal  # only when a run is interrupted

    words = [command.metadata.name]
    for name, value in command.values.items():
        words.append(f"-{name}" if value is True else f"-{name} {ps_literal(value)}")
    return " ".join(words)


def where(line: int, loops: Sequence[Sequence[int]]) -> str:
    """``line 12 (row 506 of 3,003)``: the line, and the row of the outermost loop running."""
    if not loops:
        return f"line {line}"
    done, total = loops[0]
    return f"line {line} (row {done:,} of {total:,})"


def interruption_report(line: int, loops: Sequence[Sequence[int]], engine: CountingEngine, *, transaction: bool) -> str:
    """What an interrupted run did: under one transaction nothing; else the changes committed."""
    if transaction or engine.changes == 0 or engine.last_change is None:
        return f"Interrupted at {where(line, loops)}: nothing was changed."
    plural = "command" if engine.changes == 1 else "commands"
    return (
        f"Interrupted at {where(line, loops)}: {engine.changes:,} {plural} committed; "
        f"the last finished one was {command_text(engine.last_change)}."
    )


# --- progress -----------------------------------------------------------------------------------


class RunProgress:
    """Progress on stderr while a script runs, only on a terminal and only after half a second
    (a quick command shows none): the script's own bar, counting the rows of its outermost loop
    (else its top-level statements), and one bar per Write-Progress activity."""

    DELAY = 0.5
    TICK = 0.2

    def __init__(self, runner: Any, statements: int) -> None:
        self.runner = runner
        self.statements = statements
        self.done_statements = 0
        self.records: dict[int, Any] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> RunProgress:
        if sys.stderr.isatty():
            self._thread = threading.Thread(target=self._show, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def statement_done(self, done: int, total: int) -> None:
        self.done_statements, self.statements = done, total

    def record(self, record: Any) -> None:
        """A Write-Progress record: shown under its Id until ``-Completed``."""
        if record.completed:
            self.records.pop(record.id, None)
        else:
            self.records[record.id] = record

    def _show(self) -> None:
        if self._stop.wait(self.DELAY):
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        # Output written while the bar shows goes above it, unless it goes elsewhere (a pipe, a file).
        redirect = sys.stdout.isatty()
        bar = Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=redirect)
        script = bar.add_task("running", total=None)
        shown: dict[int, Any] = {}
        self._update_script(bar, script)  # before the first frame, so that it already says where the run is
        with bar:
            while True:
                self._update_script(bar, script)
                self._update_records(bar, shown)
                if self._stop.wait(self.TICK):
                    break

    def _update_script(self, bar: Any, task: Any) -> None:
        loops = [list(count) for count in self.runner.loops]
        at = getattr(getattr(self.runner, "at", None), "extent", None)
        line = getattr(at, "line", 0)
        if loops:
            bar.update(task, description=f"line {line}: rows", completed=loops[0][0], total=loops[0][1])
        else:
            bar.update(task, description=f"line {line}", completed=self.done_statements, total=self.statements)

    def _update_records(self, bar: Any, shown: dict[int, Any]) -> None:
        for key in [key for key in shown if key not in self.records]:
            bar.remove_task(shown.pop(key))
        for key, record in list(self.records.items()):
            text = f"{record.activity}: {record.status}" if record.status else record.activity
            percent = record.percent_complete if record.percent_complete >= 0 else None
            if key not in shown:
                shown[key] = bar.add_task(text, total=100 if percent is not None else None)
            bar.update(shown[key], description=text, completed=percent or 0)
