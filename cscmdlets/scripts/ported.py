"""Helpers that ported scripts import as ``ps`` (``cscmdlets port``).

A ported script is plain Python calling the Pythonic cmdlet functions (``cs.set_cs_online_…``).
These helpers cover what PowerShell does and Python does not: case-insensitive comparison and
wildcards, CSV files of PSObjects, the host's output view, and "write the error and go on"
(non-terminating errors, written and gone on from, as about_Error_Handling says).
``ps.run_whole_script`` runs a script the porter could not translate faithfully through the
same script runner ``cscmdlets run`` uses.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..powershell.errors import NamedParameterNotFound, PowerShellError, ScriptRuntimeError, ServiceError
from ..powershell.formatting import format_default, format_table
from .values import Hashtable, PSObject, binary, compare, format_operator, is_true, to_string, wildcard

__all__ = [
    "Object",
    "continue_on_error",
    "count",
    "eq",
    "export_csv",
    "flush",
    "host",
    "import_csv",
    "length",
    "like",
    "match",
    "non_terminating",
    "op",
    "out",
    "path_of",
    "prop",
    "run_whole_script",
    "start",
    "status",
    "step",
    "text",
    "true",
    "warn",
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


def match(left: Any, pattern: str) -> bool:
    """``-match``: a regular-expression search, case-insensitive."""
    return re.search(pattern, to_string(left), re.IGNORECASE) is not None


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


def import_csv(path: Any) -> list[Object]:
    """``Import-Csv``: one :class:`Object` per row, every value a string; a missing file is
    PowerShell's FileOpenFailure, as under the runner."""
    import csv

    from .builtins import open_failure

    target = path_of(path)
    if not target.is_file():
        raise open_failure(target, missing_file=target.parent.is_dir())
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return []
    header, *body = rows
    return [Object(zip(header, row, strict=False)) for row in body if any(cell.strip() for cell in row)]


def export_csv(items: Iterable[Any], path: Any, *, append: bool = False) -> None:
    """``Export-Csv -NoTypeInformation`` (PowerShell 7's quoting)."""
    from .builtins import csv_lines as _csv_lines

    target = writable_path(path)
    items = list(items)
    lines = _csv_lines(items, ",", header=not (append and target.exists()))
    with target.open("a" if append else "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)


def out_file(value: Any, path: Any, *, append: bool = False) -> None:
    """``Out-File``: strings one per line, objects as the console shows them."""
    from .builtins import render

    items = as_list(value)
    text = "\n".join(to_string(i) for i in items) if all(isinstance(i, str) for i in items) else render(items)
    with writable_path(path).open("a" if append else "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


#: Output objects not yet shown: written as the run writes them, and a run of them formatted
#: together (one table for many rows), as Out-Default does, when something else is written or
#: the script ends.
_pending: list[Any] = []
#: Error records written so far: the exit status is 1 when there were any, as ``pwsh -File`` gives it.
_errors_written: list[Any] = []


def start() -> None:
    """A ported script begins: nothing written yet."""
    _pending.clear()
    _errors_written.clear()


def status(exit_code: int | None) -> int:
    """The exit status: ``exit N``; else 1 when an error record was written; else 0."""
    return exit_code if exit_code is not None else (1 if _errors_written else 0)


def out(value: Any) -> None:
    """Output that reaches the host (shown as tables and lists)."""
    _pending.extend(value if isinstance(value, list) else ([] if value is None else [value]))


def flush() -> None:
    """Show the output written so far."""
    if _pending:
        print(format_default(_pending))
        _pending.clear()


def host(value: Any) -> None:
    """``Write-Host``: one line on the console, after the output written before it."""
    flush()
    print(to_string(value))


def table(items: Iterable[Any], *columns: str) -> str:
    """``Format-Table Col1, Col2``."""
    return format_table(list(items), list(columns) or None)


def warn(message: Any) -> None:
    """``Write-Warning``."""
    flush()
    print(f"WARNING: {to_string(message)}", file=sys.stderr)


def write_error(error: Any) -> None:
    """``Write-Error``: the concise view on stderr."""
    flush()
    _errors_written.append(error)
    if isinstance(error, PowerShellError):
        print(error.error_record.concise_view(), file=sys.stderr)
    else:
        print(f"Write-Error: {to_string(error)}", file=sys.stderr)


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
    Continue): print the error as PowerShell would and continue with the next statement."""
    try:
        yield
    except PowerShellError as error:
        write_error(error)


def run_whole_script(text: str, script_name: str, arguments: Sequence[str] = ()) -> int:
    """Run a whole script through the script runner on the current session, print its streams
    as ``cscmdlets run`` does, and return its exit status: the port of a script the porter
    cannot translate faithfully (its header says why)."""
    from ..session import current_session
    from .console import print_events
    from .runner import Runner

    try:
        result = Runner(current_session().engine, script_name=script_name).run(text, arguments)
    except PowerShellError as error:  # binding the script's own parameters failed: nothing ran
        write_error(error)
        return 1
    print_events(result.events)
    return result.status


def count(value: Any) -> int:
    """``.Count``: PowerShell gives every value one: ``$null`` 0, one object 1, a list its length."""
    if isinstance(value, Mapping):
        return len(value)
    return len(as_list(value))


def length(value: Any) -> int:
    """``.Length``: a string's characters, else as ``.Count``."""
    return len(value) if isinstance(value, str) else count(value)


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


_PYTHON_COMMON = {
    "ErrorAction": "error_action",
    "WarningAction": "warning_action",
    "WhatIf": "what_if",
    "Confirm": "confirm",
    "Verbose": "verbose",
}


class Thrown(ScriptRuntimeError):
    """``throw "text"`` in a ported script."""

    def __init__(self, message: str) -> None:
        super().__init__(message=message)
