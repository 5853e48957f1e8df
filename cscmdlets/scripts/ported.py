"""Helpers that ported scripts import as ``ps`` (``cscmdlets port``).

A ported script is plain Python calling the Pythonic cmdlet functions (``cs.set_cs_online_…``).
These helpers cover what PowerShell does and Python does not: case-insensitive comparison and
wildcards, CSV files of PSObjects, the host's output view, and "write the error and go on"
(non-terminating errors, spec/powershell.md §A4). ``ps.run`` runs one statement the porter
could not translate, through the same script runner ``cscmdlets run`` uses.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..powershell.errors import NamedParameterNotFound, PowerShellError, ScriptRuntimeError
from ..powershell.formatting import format_default, format_table
from .values import Hashtable, PSObject, compare, format_operator, to_string, wildcard

__all__ = [
    "Object",
    "continue_on_error",
    "eq",
    "export_csv",
    "import_csv",
    "like",
    "match",
    "out",
    "prop",
    "run",
    "text",
    "warn",
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


def import_csv(path: str | Path) -> list[Object]:
    """``Import-Csv``: one :class:`Object` per row, every value a string."""
    import csv

    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return []
    header, *body = rows
    return [Object(zip(header, row, strict=False)) for row in body if any(cell.strip() for cell in row)]


def export_csv(items: Iterable[Any], path: str | Path, *, append: bool = False) -> None:
    """``Export-Csv -NoTypeInformation`` (PowerShell 7's quoting)."""
    from .builtins import csv_lines as _csv_lines

    target = Path(path)
    items = list(items)
    lines = _csv_lines(items, ",", header=not (append and target.exists()))
    with target.open("a" if append else "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)


def out_file(value: Any, path: str | Path, *, append: bool = False) -> None:
    """``Out-File``: strings one per line, objects as the console shows them."""
    from .builtins import render

    items = as_list(value)
    text = "\n".join(to_string(i) for i in items) if all(isinstance(i, str) for i in items) else render(items)
    with Path(path).open("a" if append else "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


def out(value: Any) -> None:
    """What PowerShell prints for output that reaches the host (tables and lists)."""
    items = value if isinstance(value, list) else ([] if value is None else [value])
    if items:
        print(format_default(items))


def table(items: Iterable[Any], *columns: str) -> str:
    """``Format-Table Col1, Col2``."""
    return format_table(list(items), list(columns) or None)


def warn(message: Any) -> None:
    """``Write-Warning``."""
    print(f"WARNING: {to_string(message)}", file=sys.stderr)


def write_error(error: Any) -> None:
    """``Write-Error``: the concise view on stderr."""
    if isinstance(error, PowerShellError):
        print(error.error_record.concise_view(), file=sys.stderr)
    else:
        print(f"Write-Error: {to_string(error)}", file=sys.stderr)


@contextmanager
def continue_on_error() -> Iterator[None]:
    """A statement whose errors PowerShell writes and goes on from (``$ErrorActionPreference``
    Continue): print the error as PowerShell would and continue with the next statement."""
    try:
        yield
    except PowerShellError as error:
        write_error(error)


def run(statement: str, **variables: Any) -> Any:
    """Run one PowerShell statement the porter did not translate, on the current session,
    with ``variables`` set; returns its output (one object, a list, or ``None``)."""
    from ..session import current_session
    from .runner import Runner

    runner = Runner(current_session().engine)
    for name, value in variables.items():
        runner.set_variable(name, value)
    result = runner.run(statement)
    for record in result.errors:
        print(record.concise_view(), file=sys.stderr)
    output = result.output
    return output[0] if len(output) == 1 else (output or None)


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
