"""Objects for people: HTML tables for a notebook, PowerShell's table and list text for a terminal.

Both views read an object's PowerShell properties (``to_ps()``), so a column is named after the
real property (``DisplayName``, not ``display_name``), and both choose the same columns: every
property, in declared order. Like PowerShell's Out-Default, a run of objects of one type shares
one header, and an object with more than four properties prints as a list (spec/powershell.md,
"Format-Table and Format-List"). A notebook has room for wide tables, so there a list of objects
is always a table; one wide object is a two-column property/value table.

Pure functions: no I/O, nothing imported from the rest of the package. Every text that reaches
HTML is escaped, property names and type names included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "HTML_MAX_ROWS",
    "TABLE_LIMIT",
    "Table",
    "cell_text",
    "columns_of",
    "groups_of",
    "html_table",
    "properties_of",
    "text_default",
    "text_list",
    "text_table",
]

#: PowerShell shows an object without a format view as a table up to this many properties.
TABLE_LIMIT = 4
#: A notebook table shows this many rows, then says how many more there are (a 10,000-user
#: tenant would be megabytes of HTML); ``print()`` shows every row, as PowerShell does.
HTML_MAX_ROWS = 200


def properties_of(value: Any) -> dict[str, Any]:
    """An object's properties by display name; a scalar has none.

    A model's are its PowerShell properties (``to_ps()``); a mapping's are its keys; a
    dataclass's (``AuditEntry``) and another pydantic model's (``OutboxEntry``) are its fields,
    without the ones hidden from ``repr`` (raw message bytes).
    """
    to_ps = getattr(value, "to_ps", None)
    if callable(to_ps):
        return dict(to_ps())
    if isinstance(value, Mapping):
        return {str(key): item for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.repr}
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, Mapping):
        return {field.alias or name: getattr(value, name) for name, field in fields.items() if field.repr}
    return {}


def cell_text(value: Any) -> str:
    """How the console shows one property value: ``True``, ``{a, b}``, nothing for ``$null``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple | set | frozenset):
        return "{" + ", ".join(cell_text(item) for item in value) + "}"
    if isinstance(value, Mapping):
        return "@{" + "; ".join(f"{key}={cell_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def _is_numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def groups_of(objects: Iterable[Any]) -> list[list[Any]]:
    """Runs of objects of one type, in order: each run shares one header."""
    groups: list[list[Any]] = []
    for value in objects:
        if groups and type(groups[-1][0]) is type(value):
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def columns_of(objects: Iterable[Any]) -> list[str]:
    """The columns of a table of ``objects``: every property name, first seen first."""
    names: dict[str, None] = {}
    for value in objects:
        names.update(dict.fromkeys(properties_of(value)))
    return list(names)


def _numeric_columns(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[bool]:
    """Right-aligned columns: all values numbers (or empty), as PowerShell aligns them."""
    return [
        bool(rows)
        and all(_is_numeric(row.get(name)) or row.get(name) is None for row in rows)
        and any(row.get(name) is not None for row in rows)
        for name in names
    ]


# --- terminal --------------------------------------------------------------------------------------


def text_table(objects: Sequence[Any], columns: Sequence[str] | None = None) -> str:
    """Format-Table: a header, a rule of dashes, one line per object; numbers right-aligned."""
    rows = [properties_of(value) for value in objects]
    names = list(columns or columns_of(objects))
    cells = [[cell_text(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name), *(len(r[i]) for r in cells)]) for i, name in enumerate(names)]
    numeric = _numeric_columns(rows, names)

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)]
        return " ".join(parts).rstrip()

    rule = line(["-" * len(name) for name in names])
    return "\n".join(["", line(names), rule, *(line(r) for r in cells), ""])


def text_list(objects: Sequence[Any], columns: Sequence[str] | None = None) -> str:
    """Format-List: ``Name : value`` lines, a blank line between objects."""
    blocks = []
    for value in objects:
        row = properties_of(value)
        names = list(columns or row)
        width = max((len(name) for name in names), default=0)
        blocks.append("\n".join(f"{name.ljust(width)} : {cell_text(row.get(name))}".rstrip() for name in names))
    return "\n" + "\n\n".join(blocks) + "\n" if blocks else ""


def text_default(objects: Iterable[Any]) -> str:
    """What PowerShell prints at the end of a pipeline: per run of one type, a table when it
    has at most four properties, else a list; scalars one per line."""
    parts = []
    for group in groups_of(objects):
        names = columns_of(group)
        if not names:
            parts.append("\n".join(cell_text(value) for value in group))
        elif len(names) <= TABLE_LIMIT:
            parts.append(text_table(group, names))
        else:
            parts.append(text_list(group, names))
    return "\n".join(parts)


# --- notebook ------------------------------------------------------------------------------------

_STYLE = {False: "text-align:left", True: "text-align:right"}


def _type_title(value: Any) -> str:
    names = getattr(type(value), "ps_type_names", None) or getattr(value, "type_names", None)
    return str(names[0]) if names else type(value).__name__


def _html_rows(group: Sequence[Any], names: Sequence[str]) -> str:
    rows = [properties_of(value) for value in group[:HTML_MAX_ROWS]]
    numeric = _numeric_columns(rows, names)
    head = "".join(f'<th style="{_STYLE[n]}">{html.escape(name)}</th>' for name, n in zip(names, numeric, strict=True))
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{_STYLE[n]}">{html.escape(cell_text(row.get(name)))}</td>'
            for name, n in zip(names, numeric, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    more = len(group) - len(rows)
    foot = (
        (
            f'<tfoot><tr><td colspan="{len(names)}">… {more:,} more ({len(group):,} in all; print() shows '
            f"every row)</td></tr></tfoot>"
        )
        if more > 0
        else ""
    )
    return f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}"


def _html_vertical(value: Any, names: Sequence[str]) -> str:
    row = properties_of(value)
    body = "".join(
        f'<tr><th style="text-align:left">{html.escape(name)}</th>'
        f'<td style="text-align:left">{html.escape(cell_text(row.get(name)))}</td></tr>'
        for name in names
    )
    return f"<tbody>{body}</tbody>"


def _html_group(group: Sequence[Any]) -> str:
    names = columns_of(group)
    if not names:
        lines = "\n".join(html.escape(cell_text(value)) for value in group)
        return f'<pre class="cscmdlets">{lines}</pre>'
    title = html.escape(_type_title(group[0]), quote=True)
    wide_single = len(group) == 1 and len(names) > TABLE_LIMIT
    inner = _html_vertical(group[0], names) if wide_single else _html_rows(group, names)
    return f'<table class="cscmdlets" title="{title}">{inner}</table>'


def html_table(objects: Iterable[Any]) -> str:
    """HTML for a notebook: a table per run of objects of one type, a column per property.

    One object with more than four properties is a property/value table instead (one row of
    fourteen columns reads badly). Scalars are a ``<pre>`` block. Nothing at all gives ``""``.
    """
    return "".join(_html_group(group) for group in groups_of(objects))


class Table(list[Any]):
    """Any objects (models, ``tenant.audit()`` entries, dicts) shown as tables.

    A notebook shows it as :func:`html_table`; ``print`` shows PowerShell's view
    (:func:`text_default`); otherwise it is a plain list.
    """

    def _repr_html_(self) -> str | None:
        return html_table(self) or None

    def __str__(self) -> str:
        return text_default(self)
