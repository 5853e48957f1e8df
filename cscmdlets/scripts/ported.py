"""Helpers that ported scripts import as ``ps`` (``cscmdlets port``).

A ported script is plain Python calling the Pythonic cmdlet functions (``cs.set_cs_online_…``).
These helpers cover what PowerShell does and Python does not: case-insensitive comparison and
wildcards, .NET regexes and ``$Matches``, ``$null`` for a missing element, CSV files of
PSObjects, the host's output view, "write the error and go on" (non-terminating errors, as
about_Error_Handling says), ``$?`` and ``-ErrorVariable``, typed ``catch`` clauses, ``trap``
(:func:`trap`), labelled ``break``/``continue`` (:class:`Break`, :func:`loop`), transcripts, and
the pipeline binding of a function's process block. Builtins Python has no twin for (Select-Object
with calculated properties, Group-Object, Measure-Object, ConvertTo-Json…) run through the
runner's own handlers (:func:`_builtin`), on a host that prints as a ported script does, so a
port and ``cscmdlets run`` agree by construction.
``ps.run_whole_script`` runs a script the porter could not translate faithfully through the
same script runner ``cscmdlets run`` uses.
"""

from __future__ import annotations

import datetime
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.culture import format_date
from ..powershell.engine import set_warning_sink
from ..powershell.errors import NamedParameterNotFound, PowerShellError, ScriptRuntimeError, ServiceError
from ..powershell.formatting import format_table
from ..powershell.types import SwitchParameter
from .errors import EMULATOR_STOP_STATUS, EmulatorStop
from .out_default import out_default_text
from .values import (
    Hashtable,
    PSObject,
    ScriptBlockValue,
    binary,
    compare,
    convert_to,
    format_operator,
    is_true,
    to_string,
    wildcard,
)

__all__ = [
    "Break",
    "Continue",
    "EmulatorStop",
    "Exit",
    "Object",
    "PipelineFunction",
    "add_content",
    "block",
    "call",
    "cast",
    "caught",
    "cmdlet_error",
    "cmdlet_write_error",
    "collected",
    "common_parameters",
    "continue_on_error",
    "convert_from_json",
    "convert_to_csv",
    "convert_to_json",
    "convert_to_secure_string",
    "count",
    "date_text",
    "eq",
    "error_action_preference",
    "errors_as_output",
    "export_csv",
    "file_lines",
    "finish",
    "flush",
    "format_list",
    "get_command",
    "get_content",
    "get_date",
    "get_module",
    "get_random",
    "group_object",
    "host",
    "host_text",
    "import_csv",
    "import_module",
    "item",
    "items_of",
    "iteration",
    "join_path",
    "length",
    "like",
    "loop",
    "match",
    "matches",
    "measure_object",
    "new_object",
    "non_terminating",
    "non_terminating_error",
    "now",
    "op",
    "out",
    "out_gridview",
    "out_string",
    "output_of",
    "path_of",
    "prop",
    "read_host",
    "run_whole_script",
    "script_invocation",
    "select_object",
    "set_item",
    "set_prop",
    "should_process",
    "sort",
    "sort_object",
    "split_path",
    "spread",
    "start",
    "start_transcript",
    "static",
    "status",
    "step",
    "stop_transcript",
    "stopped",
    "succeeded",
    "succeeded_anyway",
    "switch",
    "switch_matches",
    "test_path",
    "text",
    "thrown",
    "track",
    "trap",
    "true",
    "void",
    "warn",
    "with_errors",
    "writable_path",
    "write_error",
]


class Object(PSObject):
    """``[pscustomobject]@{…}`` and CSV rows: properties by PowerShell name, as attributes too."""

    def __init__(self, properties: Iterable[tuple[str, Any]] = (), **named: Any) -> None:
        super().__init__([*properties, *named.items()])

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)


def switch(value: Any) -> SwitchParameter:
    """A ``[switch]`` parameter's value: a SwitchParameter whether given or not (SwitchParameter.cs)."""
    return value if isinstance(value, SwitchParameter) else SwitchParameter(is_true(value))


def prop(item: Any, name: str) -> Any:
    """``$item.Name``: a PowerShell property of a model, a row or a dict, by its PowerShell name."""
    from .members import get_member

    return get_member(item, name)


def op(name: str, left: Any, right: Any) -> Any:
    """A PowerShell operator (``+``, ``*``, ``gt``…) with PowerShell's conversions: ``@(1) + 2``
    is ``@(1, 2)``, ``'ab' * 2`` is ``'abab'``, ``'10' -gt 9`` compares as text (the left's type)."""
    return binary(name, left, right)


def true(value: Any) -> bool:
    """A value as a condition, as PowerShell decides it (about_Booleans): ``$null``, ``0``,
    ``''``, an empty list and a list of one false item are false."""
    return is_true(value)


def step(value: Any, sign: str) -> Any:
    """``$x++`` (``sign`` ``+``) or ``$x--``: ``$null`` counts from 0."""
    return binary(sign, 0 if value is None else value, 1)


def eq(left: Any, right: Any) -> Any:
    """``-eq``: case-insensitive for strings (about_Comparison_Operators)."""
    return compare("eq", left, right)


def like(left: Any, pattern: str) -> bool:
    """``-like``: a wildcard match, case-insensitive."""
    return wildcard(pattern).match(to_string(left)) is not None


def match(left: Any, pattern: Any, operator: str = "match") -> Any:
    """``-match`` (``notmatch``, ``cmatch``…): a .NET regular-expression search, case-insensitive
    unless ``c``-prefixed. On one value a match sets :func:`matches`; on a list it keeps the items
    that match (about_Comparison_Operators)."""
    from .values import regex_match

    if isinstance(left, list | tuple):
        return binary(operator, left, pattern)
    table = regex_match(left, pattern, cased=operator.startswith("c"))
    if table is not None:
        _matches[:] = [table]
    return (table is not None) != operator.endswith("notmatch")


def switch_matches(value: Any, pattern: Any, mode: str, *, cased: bool = False) -> bool:
    """Whether a ``switch`` clause takes ``value``: ``-Regex`` (setting :func:`matches`),
    ``-Wildcard``, else equality; case-insensitive unless ``-CaseSensitive`` (about_Switch)."""
    if mode == "regex":
        return match(value, pattern, "cmatch" if cased else "match") is True
    op = "like" if mode == "wildcard" else "eq"
    return is_true(binary(("c" + op) if cased else op, value, pattern))


def matches() -> Any:
    """``$Matches``: the groups of the last successful ``-match`` on one value, ``$null`` before."""
    return _matches[0] if _matches else None


def track(output: Any) -> Any:
    """A cmdlet call whose success ``$?`` reads next: ``$false`` when it wrote an error record."""
    _last_ok[:] = [not _errors_of(output)]
    return output


def succeeded_anyway() -> None:
    """A statement of one expression (``$x = 1``, ``'text'``) whose ``$?`` a statement reads next:
    ``$true``, whatever ran inside it (PowerShell 7's compiler, ShouldSetExecutionStatusToSuccess
    in Compiler.cs)."""
    _last_ok[:] = [True]


def succeeded() -> bool:
    """``$?``: whether the command before wrote no error (about_Automatic_Variables)."""
    return _last_ok[0]


def with_errors(output: Any) -> tuple[Any, list[Any]]:
    """``-ErrorVariable problem``: the call's output and the error records it wrote (with
    ``-ErrorAction SilentlyContinue``, written but not shown)."""
    return output, _errors_of(output)


def coalesce(value: Any, otherwise: Callable[[], Any]) -> Any:
    """``a ?? b``: ``a`` unless it is $null, else ``b``, computed only then (about_Operators)."""
    return otherwise() if value is None else value


def void(value: Any) -> None:
    """``[void]$list.Add($x)``: the value is computed and dropped, nothing is output."""


def errors_as_output(output: Any) -> list[Any]:
    """``… 2>&1``: the call's output, then the error records it wrote, as output objects
    (about_Redirection); the port makes the call with -ErrorAction SilentlyContinue, so they
    are not shown."""
    return [*as_list(output), *_errors_of(output)]


def _errors_of(output: Any) -> list[Any]:
    result = getattr(output, "result", None)
    return list(result.errors) if result is not None else []


def call(target: Any, name: str, *args: Any) -> Any:
    """``$x.Method(args)``: the method as PowerShell has it for the value's kind (a string's
    ``Split``, a hashtable's ``ContainsKey``, a list's ``Add``); ``$null`` and unknown methods
    raise PowerShell's errors."""
    from .members import call_method

    return call_method(target, name, list(args))


def static(type_name: str, name: str, *args: Any) -> Any:
    """``[string]::IsNullOrEmpty($x)``: one of the .NET static calls the runner has."""
    from .members import call_static

    return call_static(_StaticContext(), type_name, name, list(args))


class _StaticContext:
    """What static calls read: the tenant's clock and random source, the local file system."""

    def __init__(self) -> None:
        from .host import LocalPlatform, Platform

        self.platform: Platform = LocalPlatform()
        self.statics: dict[str, Any] = {}

    def now(self) -> datetime.datetime:
        return now()

    @property
    def engine(self) -> Any:
        from ..session import current_session

        return current_session().engine

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None:
        _write_host(text, newline=newline, error=error)

    def new_guid(self) -> str:
        import uuid

        from ..session import current_session

        random = getattr(getattr(current_session().engine, "backend", None), "random", None)
        return str(uuid.UUID(int=random.getrandbits(128), version=4)) if random is not None else str(uuid.uuid4())


def item(container: Any, index: Any) -> Any:
    """``$x[i]`` and ``$table[key]``: ``$null`` past the end or for a missing key; a list of
    indexes gives a list (about_Arrays)."""
    from .members import index_one

    if isinstance(index, list):
        return [index_one(container, one) for one in index]
    return index_one(container, _script_key(container, index))


def set_item(container: Any, index: Any, value: Any) -> None:
    """``$table[key] = value`` / ``$list[i] = value``, as the runner assigns it."""
    from .members import set_index

    set_index(container, _script_key(container, index), value)


def _script_key(container: Any, index: Any) -> Any:
    """A model's GUID (``sku.sku_id``) is text to a script (``to_ps``), so a hashtable keyed by
    it holds the text, as the run's does."""
    return str(index) if isinstance(container, dict) and isinstance(index, uuid.UUID) else index


def set_prop(target: Any, name: str, value: Any) -> Any:
    """``$x.Name = value``: the object with the property set — a row or hashtable changed in
    place, a tenant model copied with the change (the variable then holds the copy)."""
    from .members import replaced_member, set_member

    copy = replaced_member(target, name, value)
    if copy is not None:
        return copy
    set_member(target, name, value)
    return target


def items_of(value: Any) -> list[Any]:
    """What a property read or a variable holding ``$null`` sends down a pipeline or into
    ``@()``: a list's items, anything else (``None`` too) as one object."""
    return list(value) if isinstance(value, list | tuple) else [value]


def cast(value: Any, type_name: str) -> Any:
    """``[int]$x``, ``[datetime]$x``…: PowerShell's conversion, and its error when it fails
    (``[int]'3.7'`` is 4, ``[int]$null`` 0, ``[int]'abc'`` a RuntimeException)."""
    return convert_to(value, type_name)


def host_text(value: Any) -> str:
    """A Write-Host argument's text: each object's ToString() (a date in en-US), a list's joined by spaces."""
    from .builtins import host_text as written

    return written(value, " ")


def text(value: Any) -> str:
    """``"$value"``: how PowerShell turns a value into text (``$null`` is empty)."""
    return to_string(value)


def fmt(template: str, *values: Any) -> str:
    """``'{0:N2}' -f $x``: .NET composite formatting."""
    return format_operator(template, list(values))


def path_of(path: Any) -> Path:
    """A script's path as the runner resolves it: from the current folder, with ``.\\x.csv``
    and ``C:\\Temp\\x.csv`` read on POSIX as ``cscmdlets run`` reads them."""
    from .host import LocalPlatform

    return LocalPlatform().resolve(to_string(path))


def writable_path(path: Any) -> Path:
    """Where Export-Csv/Out-File write: a missing folder is PowerShell's FileOpenFailure
    ("Could not find a part of the path"), as under the runner, never a Python traceback."""
    from .builtins import open_failure

    target = path_of(path)
    if not target.parent.is_dir():
        raise open_failure(target)
    return target


def import_csv(path: Any, *, delimiter: str = ",") -> list[Object]:
    """``Import-Csv``: one :class:`Object` per row, every value a string (a short row's missing
    cells ``$null``); a missing file is PowerShell's FileOpenFailure, as under the runner."""
    from .builtins import csv_rows, decode, open_failure

    target = path_of(path)
    if not target.is_file():
        raise open_failure(target, missing_file=target.parent.is_dir())
    rows = csv_rows(decode(target.read_bytes(), "utf-8"), delimiter or ",", None)
    return [Object(row.to_ps().items()) for row in rows]


def export_csv(items: Iterable[Any], path: Any, *, append: bool = False, delimiter: str = ",") -> None:
    """``Export-Csv -NoTypeInformation`` (PowerShell 7's quoting)."""
    from .builtins import csv_lines as _csv_lines

    target = writable_path(path)
    items = list(items)
    lines = _csv_lines(items, delimiter, header=not (append and target.exists()))
    with target.open("a" if append else "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)


def out_file(value: Any, path: Any, *, append: bool = False) -> None:
    """``Out-File``: strings one per line, objects as the console shows them."""
    from .builtins import render

    items = as_list(value)
    text = "\n".join(to_string(i) for i in items) if all(isinstance(i, str) for i in items) else render(items)
    with writable_path(path).open("a" if append else "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


def get_content(path: Any, *, raw: bool = False) -> Any:
    """``Get-Content``: the file's lines (``raw=True``: its whole text); a missing file is a
    non-terminating PathNotFound (written, and the script goes on with nothing), as under the runner."""
    from .builtins import PathNotFound, decode

    target = path_of(path)
    try:
        text = decode(target.read_bytes(), "utf-8")
    except (FileNotFoundError, IsADirectoryError):
        write_error(PathNotFound(str(target), target_object=str(target)))
        return None if raw else []
    return text if raw else text.splitlines()


def file_lines(path: Any) -> list[str]:
    """``switch -File``: the file's lines, as the runner reads them (a missing file is PowerShell's
    terminating PathNotFound)."""
    from .builtins import file_lines as lines_of

    return lines_of(path_of(path))


def add_content(path: Any, value: Any, *, append: bool = True) -> None:
    """``Add-Content`` (``append=False``: ``Set-Content``): each value a line; a missing folder is
    a non-terminating DirectoryNotFound, as under the runner."""
    from .builtins import ENCODINGS, WriterDirectoryNotFound, write_text

    target = path_of(path)
    if not target.parent.is_dir():
        write_error(WriterDirectoryNotFound(str(target), target_object=str(target)))
        return
    text = "".join(to_string(item) + "\n" for item in as_list(value))
    write_text(target, text, ENCODINGS["utf8"], append=append)


def test_path(path: Any, *, path_type: str = "Any") -> bool:
    """``Test-Path``: whether the file or folder exists (an empty path: ``$false``)."""
    if not to_string(path).strip():
        return False
    target = path_of(path)
    kind = path_type.lower()
    return target.is_dir() if kind == "container" else target.is_file() if kind == "leaf" else target.exists()


def join_path(parent: Any, child: Any) -> str:
    """``Join-Path``: one separator between the parts, a backslash unless the parent is a POSIX path."""
    joined = to_string(parent)
    separator = "\\" if "\\" in joined or not joined.startswith("/") else "/"
    return joined.rstrip("\\/") + separator + to_string(child).lstrip("\\/") if joined else to_string(child)


def now() -> datetime.datetime:
    """``Get-Date``: the tenant's clock, as ``Get-Date`` reads it under the runner."""
    from ..session import current_session

    clock = getattr(getattr(current_session().engine, "backend", None), "clock", None)
    return clock() if callable(clock) else datetime.datetime.now()


def get_date(**parameters: Any) -> list[Any]:
    """``Get-Date -UFormat '%Y-%m-%d'`` (and its other parameters): the runner's handler."""
    return _builtin("get-date", None, parameters, first=True)


def date_text(form: Any) -> str:
    """``Get-Date -Format 'yyyy-MM-dd'``: .NET custom date formatting of :func:`now`."""
    return format_date(now(), to_string(form))


def sort(items: Iterable[Any], key: Callable[[Any], Any] | None = None, *, descending: bool = False) -> list[Any]:
    """``Sort-Object``: ``$null`` input left out (OrderObjectBase.cs); by key, ``$null`` first, numbers
    by value, anything else as case-insensitive text."""
    from .builtins import comparable

    present = (item for item in items if item is not None)
    return sorted(present, key=lambda item: comparable(item if key is None else key(item)), reverse=descending)


def caught(error: PowerShellError, *clauses: Sequence[str]) -> int | None:
    """Which ``catch`` of a ``try`` takes ``error``: the index of its clause (each the types it
    names, ``()`` for an untyped catch), or ``None`` when none does and the error goes on.
    The error's own type is tried first, then RuntimeException, as the runner does (MiscOps.cs
    FindMatchingHandler)."""
    from .errors import matching_handler

    return matching_handler(error.error_record.exception_type, clauses, inner=error.inner_exceptions)


#: Output objects not yet shown: written as the run writes them, and a run of them formatted
#: together (one table for many rows), as Out-Default does, when something else is written or
#: the script ends.
_pending: list[Any] = []
#: The -ErrorVariable lists of the script functions running (:func:`common_parameters`).
_error_collectors: list[list[Any]] = []
#: ``$ErrorActionPreference`` as the script last set it.
_error_preference: list[Any] = [None]
#: ``$?``: whether the last tracked command wrote no error (:func:`track`).
_last_ok: list[bool] = [True]
#: The last ``$Matches`` (one table), set by :func:`match`.
_matches: list[Any] = []
#: The lists gathering output (:func:`collected`), innermost last.
_collectors: list[list[Any]] = []
#: The text of a Write-Host -NoNewline line, until a Write-Host ends it.
_open_line: list[str] = []


#: ``$WhatIfPreference`` of the script function running now (``-WhatIf`` on its call), innermost last.
_what_if: list[bool] = [False]


def start() -> None:
    """A ported script begins: nothing written yet; cmdlet warnings show as ``WARNING:`` lines."""
    set_warning_sink(warn)
    _pending.clear()
    _open_line.clear()
    _collectors.clear()
    _matches.clear()
    _last_ok[:] = [True]
    _error_preference[:] = [None]
    _error_collectors.clear()
    _what_if[:] = [False]
    _trap_broken.clear()
    _random.clear()
    _transcript.clear()


def status(exit_code: int | None) -> int:
    """The exit status of a script that ran to its end, as ``pwsh -File`` gives it: ``exit N``,
    else 0 -- errors it wrote and went on from leave it 0 (about_Pwsh, -File). A script-terminating
    error ends the port's ``main`` with 1 instead."""
    return exit_code if exit_code is not None else 0


def out(value: Any) -> None:
    """Output: to the statement gathering it (:func:`collected`), else to the host (shown as
    tables and lists)."""
    target = _collectors[-1] if _collectors else _pending
    target.extend(value if isinstance(value, list) else ([] if value is None else [value]))


def output_of(function: Callable[..., None], *args: Any, **kwargs: Any) -> list[Any]:
    """``$x = Get-Thing …`` for a script function: what it outputs, gathered."""
    with collected() as found:
        function(*args, **kwargs)
    return found


@contextmanager
def collected() -> Iterator[list[Any]]:
    """``$x = foreach (…) {…}``: the output of the statements inside, gathered into a list
    instead of shown (a Write-Host still shows)."""
    found: list[Any] = []
    _collectors.append(found)
    try:
        yield found
    finally:
        _collectors.pop()


def flush() -> None:
    """Show the output written so far."""
    if _pending:
        _transcribe_output()
        print(out_default_text(_pending))
        _pending.clear()


def host(value: Any, *, newline: bool = True) -> None:
    """``Write-Host``: one line on the console, after the output written before it;
    ``newline=False`` (``-NoNewline``) keeps the line open for the next Write-Host."""
    flush()
    line = "".join(_open_line) + to_string(value)
    _open_line.clear()
    if newline:
        _transcribe("host", line)
        print(line)
    else:
        _open_line.append(line)


def _write_host(text: str, *, newline: bool, error: bool) -> None:
    """A host line; ``error``: on stderr, after the output written before it."""
    if not error:
        host(text, newline=newline)
        return
    flush()
    _transcribe("host-error", text)
    print(text, file=sys.stderr)


def finish() -> None:
    """The script ended: show the output not yet shown, and end a line Write-Host left open."""
    set_warning_sink(None)
    flush()
    if _open_line:
        host("")
    _stop_transcribing()  # the host stops transcribing when it exits


def table(items: Iterable[Any], *columns: str) -> str:
    """``Format-Table Col1, Col2``."""
    return format_table(list(items), list(columns) or None)


def warn(message: Any) -> None:
    """``Write-Warning``."""
    flush()
    _transcribe("warning", to_string(message))
    print(f"WARNING: {to_string(message)}", file=sys.stderr)


def stopped(stop: EmulatorStop) -> int:
    """The port reached code cscmdlets does not emulate: the record on stderr and the status
    3, as ``cscmdlets run`` ends there (what the script changed before stays changed)."""
    flush()
    _transcribe("error", stop.record)
    print(stop.record.concise_view(), file=sys.stderr)
    return EMULATOR_STOP_STATUS


def write_error(error: Any) -> None:
    """``Write-Error``: the concise view on stderr."""
    flush()
    _last_ok[:] = [False]
    _collect(error)
    if isinstance(error, PowerShellError):
        _transcribe("error", error.error_record)
        print(error.error_record.concise_view(), file=sys.stderr)
    else:
        _transcribe("host", f"Write-Error: {to_string(error)}")
        print(f"Write-Error: {to_string(error)}", file=sys.stderr)


@dataclass
class _Transcript:
    """A running Start-Transcript: what the script shows from ``started`` on, as the runner's
    events (``kind``, item). ``shown``: how many of the output objects waiting to be shown were
    written before it began (they are not in it)."""

    path: Path
    append: bool
    started: datetime.datetime
    events: list[tuple[str, Any]]
    shown: int


#: The transcript running, if any (Start-Transcript).
_transcript: list[_Transcript] = []


def start_transcript(**parameters: Any) -> list[Any]:
    """``Start-Transcript``: the runner's handler; what the script shows from now on is also
    written to the file, at Stop-Transcript or when the script ends."""
    return _builtin("start-transcript", None, parameters, first=True)


def stop_transcript(**parameters: Any) -> list[Any]:
    """``Stop-Transcript``: the runner's handler; the file is written as the run writes it."""
    return _builtin("stop-transcript", None, parameters, first=True)


def _transcribe(kind: str, item: Any) -> None:
    if _transcript:
        _transcript[0].events.append((kind, item))


def _transcribe_output() -> None:
    if _transcript:
        running = _transcript[0]
        running.events.extend(("output", item) for item in _pending[running.shown :])
        running.shown = 0


def _start_transcribing(path: Path, *, append: bool) -> None:
    _stop_transcribing()
    _transcript.append(_Transcript(path, append, now(), [], len(_pending)))


def _stop_transcribing() -> Path | None:
    """Write the transcript (with the output written but not shown yet, as the run has it)."""
    from .builtins import transcript_text, write_text

    if not _transcript:
        return None
    _transcribe_output()
    running = _transcript.pop()
    stamp = "%Y%m%d%H%M%S"
    text = transcript_text(running.events, running.started.strftime(stamp), now().strftime(stamp))
    write_text(running.path, text, append=running.append)
    return running.path


@contextmanager
def non_terminating() -> Iterator[None]:
    """A statement inside ``try``: an error the service reports is written and the script goes
    on (``catch`` never sees it); a terminating error (binding, ``throw``) reaches the ``catch``."""
    try:
        yield
    except ServiceError as error:
        write_error(error)


@contextmanager
def continue_on_error() -> Iterator[None]:
    """A statement whose errors PowerShell writes and goes on from (``$ErrorActionPreference``
    Continue): print the error as PowerShell would and continue with the next statement. A
    ``throw`` still ends the script (or reaches a catch), as under the runner."""
    try:
        yield
    except PowerShellError as error:
        thrown = isinstance(error, Thrown) or any(error is broken for broken in _trap_broken)
        if thrown and not _silent(_error_preference[0]):
            raise
        non_terminating_error(error)


#: Get-Random's generator for this run, made at its first use (:func:`get_random`).
_random: list[Any] = []
#: Errors a trap passed on with ``break``: they end the script as a ``throw`` does.
_trap_broken: list[PowerShellError] = []


def trap(error: PowerShellError, *traps: tuple[Sequence[str], Callable[[PowerShellError], str | None]]) -> None:
    """A terminating error in a statement list with traps (about_Trap): the trap for its type
    (as a ``catch`` picks one) runs; then ``continue`` (it returns ``"continue"``) drops the
    error, ``break`` passes it on to end the script, and otherwise it is written and the list
    goes on. No trap for its type: the error goes on."""
    from .errors import matching_handler

    index = matching_handler(error.error_record.exception_type, [t for t, _ in traps], inner=error.inner_exceptions)
    if index is None:
        raise error
    ending = traps[index][1](error)
    if ending == "break":
        _trap_broken.append(error)
        raise error
    if ending != "continue":
        write_error(error)


def should_process(command: str, *arguments: Any) -> bool:
    """``$PSCmdlet.ShouldProcess(target[, action[, caption]])`` in the ported advanced function or
    script ``command``: under the function's ``-WhatIf`` (:func:`common_parameters`) it shows
    ``What if: Performing the operation "action" on target "target".`` and answers ``$false``;
    else ``$true``, writing nothing: a port has no ``$WhatIfPreference`` or -Confirm, and
    ``$ConfirmPreference`` stays High, above the ConfirmImpact of the commands the porter lets
    call it, so PowerShell does not ask (MshCommandRuntime.cs, DoShouldProcess; the runner's
    :class:`~.script_cmdlet.ScriptCmdlet`)."""
    from ..powershell.metadata import should_process_message

    texts = [to_string(value) for value in arguments]  # the strings ShouldProcess is given
    if not _what_if[-1]:
        return True
    if len(texts) <= 2:
        description = should_process_message(texts[1] if len(texts) == 2 else command, texts[0])
    else:
        description = texts[0]
    host(f"What if: {description}")
    return False


def cmdlet_error(command: str, record: Any, method: str = "ThrowTerminatingError") -> PowerShellError:
    """The error ``$PSCmdlet.ThrowTerminatingError(record)``/``WriteError(record)`` writes for the
    advanced function or script ``command``: the record's id, message and category, its
    FullyQualifiedErrorId ``<id>,<command>`` (ErrorPackage.cs; :func:`.script_cmdlet.written_by`).
    ``record``: an ErrorRecord, or the error a ``catch`` holds (``$_``)."""
    from ..powershell.errors import InvocationInfo
    from .script_cmdlet import record_argument, written_error

    if isinstance(record, PowerShellError):
        record = record.error_record
    return written_error(record_argument(record, method), command, InvocationInfo(command_name=command))


def cmdlet_write_error(command: str, record: Any) -> None:
    """``$PSCmdlet.WriteError(record)``: a non-terminating error of the command, as its
    ``-ErrorAction`` (``ps.common_parameters``) or ``$ErrorActionPreference`` says: shown,
    recorded only, or dropped (Ignore); ``$?`` is ``$false`` after it (about_Automatic_Variables)."""
    error = cmdlet_error(command, record, "WriteError")
    if getattr(_error_preference[0], "name", None) == "Stop":
        raise error
    if getattr(_error_preference[0], "name", None) == "Ignore":
        _last_ok[:] = [False]
        return
    non_terminating_error(error)


def non_terminating_error(error: PowerShellError) -> None:
    """An error PowerShell writes and goes on from: shown, unless ``$ErrorActionPreference``
    hides it (then only recorded: ``$?`` and -ErrorVariable still see it)."""
    if _silent(_error_preference[0]):
        _last_ok[:] = [False]
        _collect(error)
    else:
        write_error(error)


def _collect(error: Any) -> None:
    record = error.error_record if isinstance(error, PowerShellError) else error
    for found in _error_collectors:
        found.append(record)


@contextmanager
def common_parameters(*, error_action: str | None = None, what_if: bool = False) -> Iterator[list[Any]]:
    """A script function called with ``-ErrorAction``/``-ErrorVariable``/``-WhatIf``: its error
    preference and ``$WhatIfPreference`` while it runs, and the error records written meanwhile
    (about_CommonParameters)."""
    saved = _error_preference[0]
    if error_action is not None:
        error_action_preference(error_action)
    found: list[Any] = []
    _error_collectors.append(found)
    _what_if.append(what_if or _what_if[-1])
    try:
        yield found
    finally:
        _what_if.pop()
        _error_collectors.remove(found)
        _error_preference[:] = [saved]


def error_action_preference(name: str) -> None:
    """``$ErrorActionPreference = 'SilentlyContinue'``: what the statements after it do with an
    error (about_Preference_Variables); an unknown name is PowerShell's conversion error."""
    from ..powershell.metadata import ActionPreference
    from .errors import RuntimeFailure

    for member in ActionPreference:
        if member.name.lower() == name.lower():
            _error_preference[:] = [member]
            return
    raise RuntimeFailure(
        "RuntimeException", f'Cannot convert value "{name}" to type "System.Management.Automation.ActionPreference".'
    )


def run_whole_script(text: str, script_name: str, arguments: Sequence[str] = ()) -> int:
    """Run a whole script through the script runner on the current session, print its streams
    as ``cscmdlets run`` does, and return its exit status: the port of a script the porter
    cannot translate faithfully (its header says why)."""
    from ..session import current_session
    from .console import print_events
    from .runner import Runner

    try:
        result = Runner(current_session().engine, script_name=script_name, command=False).run(text, arguments)
    except PowerShellError as error:  # binding the script's own parameters failed: nothing ran
        write_error(error)
        return 1
    print_events(result.events)
    return result.status


def block(function: Callable[[Any], Any]) -> ScriptBlockValue:
    """``{ … }`` given to a builtin (``@{Name='Toll'; Expression={ $_.ServiceNumber }}``):
    ``function`` of ``$_``; what it returns is the block's output."""
    return ScriptBlockValue(None, lambda item=None, *rest: as_list(function(item)))


def _builtin(name: str, items: Any, parameters: Mapping[str, Any], *, first: bool = False) -> list[Any]:
    """Run a builtin the runner has over ``items`` (``first``: it starts the pipeline, no
    input): bound by its own metadata from Python keyword names, run by its own handler on a
    host that prints as a ported script does, so the run and the port agree."""
    from typing import cast

    from ..powershell.binder import NamedArgument, bind
    from .builtins import Call
    from .commands import BUILTINS

    command = BUILTINS[name]
    assert command.handler is not None
    by_python = command.metadata.by_python_name
    arguments = [NamedArgument(by_python[key].name, value) for key, value in parameters.items()]
    bound = bind(command.metadata, arguments, expect_pipeline_input=not first)
    call = Call(cast(Any, _PortHost()), bound, list(arguments), None if first else as_list(items), cast(Any, None))
    return command.handler(call)


class _PortHost:
    """What a builtin's handler reads from its host, as a ported script has it: output through
    :func:`host`/:func:`warn`/:func:`write_error`, the tenant's clock, the local file system."""

    caller_name = ""

    def caller_invocation(self) -> Any:
        return None

    def __init__(self) -> None:
        from ..session import current_session
        from .host import LocalPlatform

        self.platform = LocalPlatform()
        self.engine = current_session().engine

    def resolve_command(self, name: str) -> Any:
        from ..cmdlets import find_command

        return find_command(name)

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None:
        _write_host(text, newline=newline, error=error)

    def write_warning(self, text: str, action: Any = None) -> None:
        if not _silent(action):
            warn(text)

    def write_verbose(self, text: str, forced: bool = False) -> None:
        """Verbose lines stay hidden, as under the runner's default preference."""

    def write_error(self, record: Any, action: Any = None) -> None:
        if action is not None and action.name == "Stop":
            raise record.error
        if not _silent(action):
            write_error(record.error if record.error is not None else record)

    def counted(self, items: Sequence[Any]) -> Any:
        from contextlib import nullcontext

        return nullcontext(iter(items))

    def write_progress(self, record: Any) -> None:
        """Progress is the console's business; the output is the same without it."""

    def run_block(self, block: ScriptBlockValue, item: Any) -> list[Any]:
        return block.invoke(item)

    def invocation(self, node: Any, command_name: str = "") -> Any:
        from ..powershell.errors import InvocationInfo

        return InvocationInfo(command_name=command_name)

    def should_process(self, explicit: bool | None, action: str, target: str) -> bool:
        return True

    def get_variable(self, name: str, scope: str = "") -> Any:
        return None

    def now(self) -> datetime.datetime:
        return now()

    def read_answer(self) -> str | None:
        return None

    def start_transcript(self, path: Path, *, append: bool) -> None:
        _start_transcribing(path, append=append)

    def stop_transcript(self) -> Path | None:
        return _stop_transcribing()

    @property
    def random(self) -> Any:
        from .runner import script_random

        if not _random:  # made at the first Get-Random, as the runner's: the tenant's draws line up
            _random.append(script_random(self.engine))
        return _random[0]


def get_module(**parameters: Any) -> list[Any]:
    """``Get-Module`` (``list_available=True``): the module generations the emulator has."""
    return _builtin("get-module", None, parameters, first=True)


def get_command(**parameters: Any) -> list[Any]:
    """``Get-Command``: the commands a session has, by name."""
    return _builtin("get-command", None, parameters, first=True)


def convert_to_csv(items: Any, **parameters: Any) -> list[Any]:
    """``ConvertTo-Csv``: the CSV lines Export-Csv would write, as strings."""
    return _builtin("convertto-csv", items, parameters)


def new_object(**parameters: Any) -> list[Any]:
    """``New-Object``: one of the .NET types the runner constructs (a PSCredential, a list…)."""
    return _builtin("new-object", None, parameters, first=True)


def convert_to_secure_string(**parameters: Any) -> list[Any]:
    """``ConvertTo-SecureString``: a SecureString stand-in (only its Length shows)."""
    return _builtin("convertto-securestring", None, parameters, first=True)


def split_path(**parameters: Any) -> list[Any]:
    """``Split-Path`` (``parent=True``, ``leaf=True``…): a part of a path, as text."""
    return _builtin("split-path", None, parameters, first=True)


def script_invocation(script_name: str) -> Any:
    """``$MyInvocation`` of the script (MyCommand.Name, MyCommand.Path), as ``cscmdlets run`` sets it."""
    from pathlib import PurePath

    from .members import invocation_of

    return invocation_of(script_name, PurePath(script_name).name, "ExternalScript")


def out_gridview(items: Any, **parameters: Any) -> list[Any]:
    """``Out-GridView``: shown as a table; ``pass_thru=True`` passes every row on (nobody picks)."""
    return _builtin("out-gridview", items, parameters)


def convert_from_json(items: Any, **parameters: Any) -> list[Any]:
    """``ConvertFrom-Json``: objects (PSObjects, or hashtables with ``as_hashtable=True``)."""
    return _builtin("convertfrom-json", items, parameters)


def convert_to_json(items: Any, **parameters: Any) -> list[Any]:
    """``ConvertTo-Json``: PowerShell's JSON text of the objects."""
    return _builtin("convertto-json", items, parameters)


def convert_to_html(items: Any, **parameters: Any) -> list[Any]:
    """``ConvertTo-Html``: PowerShell's HTML page of the objects, line by line."""
    return _builtin("convertto-html", items, parameters)


def get_random(items: Any = None, **parameters: Any) -> list[Any]:
    """``Get-Random``: the runner's handler, drawing from a generator seeded from the tenant's
    as the run's is (the same numbers as ``cscmdlets run``); with items, some of them."""
    return _builtin("get-random", items, parameters, first=items is None)


def read_host(**parameters: Any) -> list[Any]:
    """``Read-Host``: the runner's handler on the port's host, which has no answers to give, so
    it fails as ``cscmdlets run`` without ``--input`` does (a non-interactive host)."""
    return _builtin("read-host", None, parameters, first=True)


def add_member(items: Any = None, **parameters: Any) -> list[Any]:
    """``Add-Member`` (``note_property_name=…``, ``pass_thru=True``…): a member added to each object;
    without pipeline input, to ``input_object``."""
    return _builtin("add-member", items, parameters, first=items is None)


def get_member(items: Any, **parameters: Any) -> list[Any]:
    """``Get-Member``: the members of the objects' types (``member_type='Properties'``…)."""
    return _builtin("get-member", items, parameters)


def compare_object(**parameters: Any) -> list[Any]:
    """``Compare-Object``: what differs between ``reference_object`` and ``difference_object``."""
    return _builtin("compare-object", None, parameters, first=True)


def new_timespan(**parameters: Any) -> list[Any]:
    """``New-TimeSpan`` (``start=…``, ``end=…``, ``days=…``): a TimeSpan."""
    return _builtin("new-timespan", None, parameters, first=True)


def select_object(items: Any, **parameters: Any) -> list[Any]:
    """``Select-Object`` (``property=[…]``, ``first=3``, ``expand_property='Name'``…)."""
    return _builtin("select-object", items, parameters)


def sort_object(items: Any, **parameters: Any) -> list[Any]:
    """``Sort-Object`` (``property=…``, ``descending=True``, ``unique=True``…)."""
    return _builtin("sort-object", items, parameters)


def group_object(items: Any, **parameters: Any) -> list[Any]:
    """``Group-Object``: one GroupInfo (Count, Name, Group) per value of ``property``."""
    return _builtin("group-object", items, parameters)


def measure_object(items: Any, **parameters: Any) -> list[Any]:
    """``Measure-Object``: one object with Count (and Sum, Average… when asked)."""
    return _builtin("measure-object", items, parameters)


def format_list(items: Any, **parameters: Any) -> list[Any]:
    """``Format-List``: the list view, as text."""
    return _builtin("format-list", items, parameters)


def out_string(items: Any, **parameters: Any) -> list[Any]:
    """``Out-String`` (``stream=True``: one string per line)."""
    return _builtin("out-string", items, parameters)


def import_module(name: str) -> None:
    """``Import-Module MicrosoftTeams``: a module generation becomes the session's, as under the runner."""
    from ..cmdlets.profiles import load_module
    from ..session import current_session

    load_module(current_session().engine, [name])


def count(value: Any) -> Any:
    """``.Count`` as the runner reads it: a list's length, one object 1, a hashtable's entries
    (unless it has a ``count`` key: keys come first), Measure-Object's own Count."""
    from .members import get_member

    return get_member(value, "Count")


def length(value: Any) -> Any:
    """``.Length``: a string's characters, else as ``.Count``."""
    from .members import get_member

    return get_member(value, "Length")


def hashtable(entries: Mapping[Any, Any] | None = None) -> Hashtable:
    """``@{…}``: a dict whose string keys compare case-insensitively."""
    return Hashtable((entries or {}).items())


def value(output: list[Any]) -> Any:
    """``$x = Get-…``: PowerShell unrolls a command's output — one object is the object itself,
    none is ``$null``, several are a list."""
    items = list(output)
    if not items:
        return None
    return items[0] if len(items) == 1 else items


def spread(assigned: Any, count: int) -> tuple[Any, ...]:
    """``$a, $b = …``: the first values one each (``$null`` past the end), the rest to the last,
    unrolled as an assignment unrolls it."""
    values = as_list(assigned)
    head = [values[index] if index < len(values) else None for index in range(count - 1)]
    return (*head, value(values[count - 1 :]))


def switch_values(value: Any) -> list[Any]:
    """What ``switch (value)`` runs on: a collection's items, else the value, ``$null`` too."""
    return [None] if value is None else as_list(value)


def as_list(value: Any) -> list[Any]:
    """``@(…)``: always a list."""
    from .values import as_list as _as_list

    return _as_list(value)


def kwargs(command: str, table: Mapping[Any, Any]) -> dict[str, Any]:
    """Splatting ``@params`` into a Pythonic function: PowerShell names (or prefixes) → keywords."""
    from ..cmdlets import find_command
    from ..powershell.binder import match_parameter

    metadata = find_command(command)
    result: dict[str, Any] = {}
    for key, value in table.items():
        parameter = match_parameter(metadata, str(key))
        if parameter is None:
            raise NamedParameterNotFound(str(key)).for_command(metadata.name, metadata.implementing_type)
        result[_PYTHON_COMMON.get(parameter.name, parameter.python_name)] = value
    return result


def _silent(action: Any) -> bool:
    """Whether an ActionPreference hides what is written (SilentlyContinue, Ignore)."""
    return getattr(action, "name", None) in ("SilentlyContinue", "Ignore")


_PYTHON_COMMON = {
    "ErrorAction": "error_action",
    "WarningAction": "warning_action",
    "WhatIf": "what_if",
    "Confirm": "confirm",
    "Verbose": "verbose",
}


class PipelineFunction:
    """The input parameters of a script function with a process block, as the runner binds
    them: each pipeline object by value or by property name (about_Pipelines), with the
    binder's conversions and errors."""

    def __init__(self, name: str, *parameters: tuple[str, str, bool, tuple[str, ...], bool]) -> None:
        from ..powershell import types as t
        from ..powershell.metadata import CommandMetadata, Parameter
        from .commands import PARAMETER_TYPES

        self.by_value = [spec[0] for spec in parameters if spec[4]]
        self.metadata = CommandMetadata(
            name=name,
            implementing_type=name,
            parameters=tuple(
                Parameter(
                    spec[0],
                    PARAMETER_TYPES.get(spec[1].lower().removeprefix("system."), t.OBJECT),
                    mandatory=spec[2],
                    aliases=spec[3],
                    from_pipeline_by_property_name=True,
                )
                for spec in parameters
            ),
        )

    def bind(self, **given: Any) -> _PipelineBinding:
        """The values the call gives (``None``: not given, so the input may bind it)."""
        from ..powershell.binder import NamedArgument, bind

        arguments = [NamedArgument(name, value) for name, value in given.items() if value is not None]
        return _PipelineBinding(self, bind(self.metadata, arguments, expect_pipeline_input=True))


class _PipelineBinding:
    def __init__(self, function: PipelineFunction, bound: Any) -> None:
        self.function = function
        self.bound = bound

    def each(self, items: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
        """Each input object and the parameter values it binds; an object that binds nothing is
        written as PowerShell's error and skipped. Called alone (no input): once, binding nothing."""
        from ..powershell.binder import bind_pipeline_object

        if items is None:
            yield None, {}
            return
        if not self.function.metadata.parameters:  # nothing to bind: each object as it is
            yield from ((item, {}) for item in as_list(items))
            return
        for item in as_list(items):
            values = dict.fromkeys(self.function.by_value, item)
            try:
                values.update(bind_pipeline_object(self.bound, item).values)
            except PowerShellError as error:
                if not values:
                    non_terminating_error(error)
                    continue
            yield item, values


class Break(Exception):
    """``break label`` (about_Break): leaves the loop of that label, through the loops inside it."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.label = label


class Continue(Break):
    """``continue label`` (about_Continue): the next iteration of the loop of that label."""


@contextmanager
def loop(label: str) -> Iterator[None]:
    """Around a labelled loop: a ``break`` naming it ends the loop."""
    try:
        yield
    except Break as jump:
        if type(jump) is not Break or jump.label != label:
            raise


@contextmanager
def iteration(label: str) -> Iterator[None]:
    """Around a labelled loop's body: a ``continue`` naming it ends this iteration."""
    try:
        yield
    except Continue as jump:
        if jump.label != label:
            raise


class Exit(Exception):
    """``exit N`` inside a function: ends the whole script with status ``N``."""

    def __init__(self, code: Any = 0) -> None:
        super().__init__(code)
        self.code = int(code)


class Thrown(ScriptRuntimeError):
    """``throw "text"`` in a ported script."""

    def __init__(self, message: str, target_object: Any = None) -> None:
        super().__init__(message=message, target_object=target_object)


def thrown(value: Any) -> PowerShellError:
    """``throw $value`` (about_Throw): an error record is thrown again; an exception object
    (``[ArgumentException]::new('…')``) keeps its type and message; anything else is its text."""
    from ..powershell.errors import ErrorRecord
    from .values import ExceptionValue

    if isinstance(value, ErrorRecord) and value.error is not None:
        return value.error
    if isinstance(value, ExceptionValue):
        error = Thrown(value.message)
        error.exception_type = value.type_name  # type: ignore[misc]
        return error
    return Thrown(to_string(value) if value is not None else "ScriptHalted", target_object=value)
