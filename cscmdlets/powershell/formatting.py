"""Out-Default for the terminal: PowerShell's table and list views, and JSON lines.

PowerShell shows an object without a format view as a table when it has at most four
properties and as a list otherwise; each group of objects of one type shares a header.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["format_default", "format_json_lines", "format_list", "format_table", "properties_of", "ps_display"]

TABLE_LIMIT = 4


def properties_of(value: Any) -> dict[str, Any]:
    """An object's PowerShell properties by name (models, mappings; scalars have none)."""
    to_ps = getattr(value, "to_ps", None)
    if callable(to_ps):
        return dict(to_ps())
    if isinstance(value, dict):
        return dict(value)
    return {}


def ps_display(value: Any) -> str:
    """How the console shows one property value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list | tuple):
        return "{" + ", ".join(ps_display(item) for item in value) + "}"
    return str(value)


def _is_numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_table(objects: Sequence[Any], columns: Sequence[str] | None = None) -> str:
    rows = [properties_of(o) for o in objects]
    names = list(columns or (rows[0].keys() if rows else ()))
    cells = [[ps_display(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name), *(len(r[i]) for r in cells)]) for i, name in enumerate(names)]
    numeric = [bool(rows) and all(_is_numeric(row.get(name)) or row.get(name) is None for row in rows)
               for name in names]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)]
        return " ".join(parts).rstrip()

    header = line(names)
    rule = " ".join(("-" * len(name)).rjust(w) if n else ("-" * len(name)).ljust(w)
                    for name, w, n in zip(names, widths, numeric, strict=True)).rstrip()
    return "\n".join(["", header, rule, *(line(r) for r in cells), ""])


def format_list(objects: Sequence[Any], properties: Sequence[str] | None = None) -> str:
    blocks = []
    for value in objects:
        row = properties_of(value)
        names = list(properties or row.keys())
        width = max((len(n) for n in names), default=0)
        blocks.append("\n".join(f"{name.ljust(width)} : {ps_display(row.get(name))}".rstrip() for name in names))
    return "\n" + "\n\n".join(blocks) + "\n" if blocks else ""


def _groups(objects: Iterable[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = []
    for value in objects:
        if groups and type(groups[-1][0]) is type(value):
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def format_default(objects: Iterable[Any]) -> str:
    """What PowerShell prints for pipeline output at the end of a command line."""
    parts = []
    for group in _groups(objects):
        first = properties_of(group[0])
        if not first:
            parts.append("\n".join(ps_display(v) for v in group))
        elif len(first) <= TABLE_LIMIT:
            parts.append(format_table(group))
        else:
            parts.append(format_list(group))
    return "\n".join(parts)


def _json_default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def format_json_lines(objects: Iterable[Any]) -> str:
    """One JSON object per line, with the real (PowerShell) property names."""
    lines = []
    for value in objects:
        data = properties_of(value) or value
        lines.append(json.dumps(data, default=_json_default, ensure_ascii=False))
    return "\n".join(lines)
