"""Objects for people: HTML tables for a notebook, PowerShell's table and list text for a terminal.

Both views read an object's PowerShell properties (``to_ps()``), so a column is named after the
real property (``DisplayName``, not ``display_name``), and both choose the same columns: every
property, in declared order. Like PowerShell's Out-Default, a run of objects of one type shares
one header, and an object with more than four properties prints as a list
(https://learn.microsoft.com/powershell/scripting/samples/using-format-commands-to-change-output-view).
A notebook has room for wide tables, so there a list of objects
is always a table; one wide object is a two-column property/value table.

Pure functions: no I/O, nothing imported from the rest of the package. Every text that reaches
HTML is escaped, property names and type names included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import html
import math
import textwrap
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ClassVar

from .culture import date_display, date_text, timespan_properties, timespan_text

__all__ = [
    "FORMAT_ENUMERATION_LIMIT",
    "HTML_MAX_ROWS",
    "TABLE_LIMIT",
    "DictionaryEntry",
    "FormattedText",
    "Table",
    "TableLayout",
    "cell_text",
    "columns_of",
    "console_text",
    "document_groups",
    "double_text",
    "entries_of",
    "group_by_of",
    "groups_of",
    "html_table",
    "is_framed",
    "is_out_of_band",
    "is_table",
    "list_entry",
    "properties_of",
    "table_layout",
    "table_view",
    "text_default",
    "text_grouped",
    "text_list",
    "text_table",
    "text_wide",
    "wide_columns",
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
    if isinstance(value, dt.timedelta):
        return timespan_properties(value)  # a TimeSpan shows as the list of its parts
    if isinstance(value, uuid.UUID):
        return {"Guid": str(value)}  # a Guid shows as a table of its one property
    ps_members = getattr(value, "ps_members", None)
    to_ps = ps_members if callable(ps_members) else getattr(value, "to_ps", None)
    if callable(to_ps) and not isinstance(value, type):
        return dict(to_ps())
    if isinstance(value, Mapping):
        return {str(key): item for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.repr}
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, Mapping):
        return {field.alias or name: getattr(value, name) for name, field in fields.items() if field.repr}
    return {}


def double_text(value: float) -> str:
    """A double as .NET writes it (``ToString()``): the shortest digits that read back, no
    ``.0`` on a whole number, an exponent (``1E+15``, ``1E-05``) from 15 digits up or below
    0.0001 (learn.microsoft.com/dotnet/api/system.double.tostring, "Remarks")."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e15:
        return format(decimal.Decimal(repr(value)).normalize(), "E")
    text = repr(value)
    return (text[:-2] if text.endswith(".0") else text).upper()


#: ``$global:FormatEnumerationLimit``: how many items of a collection a property shows, then
#: ``…`` (negative: all). A script run sets it; anything else shows PowerShell's default, 4.
FORMAT_ENUMERATION_LIMIT: ContextVar[int] = ContextVar("format_enumeration_limit", default=4)


def _enumerated(items: Collection[Any]) -> str:
    """A collection in a cell, as PSObjectHelper.SmartToString writes it: ``{a, b, c, d…}``,
    ``$null`` for a null item (MshObjectUtil.cs)."""
    limit = FORMAT_ENUMERATION_LIMIT.get()
    shown = list(items) if limit < 0 else list(items)[:limit]
    more = "\u2026" if len(shown) < len(items) else ""
    return "{" + ", ".join("$null" if item is None else cell_text(item) for item in shown) + more + "}"


def enum_text(value: enum.IntEnum | enum.IntFlag) -> str:
    """A .NET enum's ToString(): its name, not its number ([ActionPreference]::Stop → Stop);
    a flags value not named itself is its members' names, largest first taken, written in
    ascending order and joined by ``, `` (Tls, Tls12); what no name covers, its number."""
    number, members = int(value), type(value).__members__  # the declared names (no made-up combinations)
    named = next((name for name, member in members.items() if member.value == number), None)
    if named is not None:
        return named
    names, left = [], number
    for name, member in sorted(members.items(), key=lambda item: int(item[1].value), reverse=True):
        bits = int(member.value)
        if bits and bits & left == bits:
            names.append(name)
            left &= ~bits
    return ", ".join(reversed(names)) if names and not left else str(number)


def cell_text(value: Any) -> str:
    """How the console shows one property value: ``True``, ``{a, b}``, nothing for ``$null``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, enum.IntEnum | enum.IntFlag):
        return enum_text(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple | set | frozenset):
        return _enumerated(value)
    if isinstance(value, Mapping):
        return "@{" + "; ".join(f"{key}={cell_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, dt.datetime):
        return date_text(value)  # its ToString(): the current culture's (Out-LineOutput)
    if isinstance(value, dt.timedelta):
        return timespan_text(value)
    if isinstance(value, float):
        return double_text(value)
    ps_to_string = None if isinstance(value, type) else getattr(value, "ps_to_string", None)
    if callable(ps_to_string):
        return str(ps_to_string())  # a nested object shows its ToString(), not its own list
    return str(value)


def console_text(value: Any) -> str:
    """How Out-Default shows a value without properties: a date by its format view (a custom
    control, DotNetTypes.format.ps1xml), anything else as a cell shows it."""
    return date_display(value) if isinstance(value, dt.datetime) else cell_text(value)


def is_framed(value: Any) -> bool:
    """Whether a run of such values is a custom control's: a blank line before and after it."""
    return isinstance(value, dt.datetime)


def groups_of(objects: Iterable[Any]) -> list[list[Any]]:
    """Runs of objects of one type, in order: each run shares one header."""
    groups: list[list[Any]] = []
    for value in objects:
        if groups and type(groups[-1][0]) is type(value):
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


@dataclass
class DictionaryEntry:
    """One entry of a hashtable, as the formatter shows it and as ``$h.GetEnumerator()`` yields
    it: PowerShell's formatting enumerates a dictionary, each entry a row of the ``Name``/``Value``
    table whose Name column is 30 wide, and Format-List shows the same two (the views of
    System.Collections.DictionaryEntry in DotNetTypes_format_ps1xml.cs). Its properties are
    ``Name`` (an alias of ``Key`` from the type data, TypeTable_Types_Ps1Xml.cs, listed first as
    extended members are), ``Key`` and ``Value``: what ``Select-Object *`` and Export-Csv see."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Collections.DictionaryEntry",
        "System.ValueType",
        "System.Object",
    )
    ps_table_view: ClassVar[tuple[str, ...]] = ("Name", "Value")
    ps_list_view: ClassVar[tuple[str, ...]] = ("Name", "Value")
    ps_table_widths: ClassVar[tuple[int | None, ...]] = (30, None)
    ps_table_align: ClassVar[tuple[tuple[str, str], ...]] = (("Value", "left"),)  # the view aligns no column

    key: Any
    value: Any

    def to_ps(self) -> dict[str, Any]:
        return {"Name": self.key, "Key": self.key, "Value": self.value}

    def ps_to_string(self) -> str:
        return "System.Collections.DictionaryEntry"  # a struct's ToString(): its type's name


def entries_of(objects: Iterable[Any]) -> list[Any]:
    """``objects`` with each dictionary (a script's hashtable) as its entries, in order."""
    shown: list[Any] = []
    for value in objects:
        if isinstance(value, dict):
            shown.extend(DictionaryEntry(key, item) for key, item in value.items())
        else:
            shown.append(value)
    return shown


def table_view(objects: Sequence[Any]) -> list[str] | None:
    """The columns of the type's own table view (its module's format file), if it has one:
    Graph SDK users show DisplayName, Id, Mail and UserPrincipalName, whatever else they hold."""
    view = getattr(type(objects[0]), "ps_table_view", None) if objects else None
    return list(view) if view else None


def columns_of(objects: Iterable[Any]) -> list[str]:
    """The columns of a table of ``objects``: the first object's properties. A table PowerShell
    generates (no format view) takes its header from the first object and shows the later ones
    under it, a property it lacks blank and one it has not left out (``IsObjectApplicable`` in
    ``FormatAndOutput/common/FormatViewGenerator.cs`` admits any object when there is no view)."""
    first = next(iter(objects), None)
    return [] if first is None else list(properties_of(first))


def _right_aligned_columns(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[bool]:
    """Right-aligned columns: the first object's value is a number or a Boolean, as PowerShell's
    ComputeDefaultAlignment decides from the first object alone (DefaultScalarTypes, but String;
    FormatViewGenerator_Table.cs); an empty first value is left-aligned."""
    first = rows[0] if rows else {}
    return [isinstance(first.get(name), int | float) for name in names]


# --- terminal --------------------------------------------------------------------------------------


Style = Callable[[str], str]


def _plain(text: str) -> str:
    return text


def _pad(text: str, width: int, align: str) -> str:
    """A cell padded to its column's width; centred text gets the odd space on its right, as
    PowerShell's TableWriter.cs pads it."""
    room = max(width - len(text), 0)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _cut(text: str, width: int) -> str:
    """A cell cut to ``width`` with ``…`` at the end, as PowerShell 7 cuts a table cell."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


@dataclass(frozen=True)
class TableLayout:
    """The columns of a table and their widths, fixed by the first rows: later rows of the same
    run are written under the same header as they come (PowerShell's Out-Default does the same)."""

    names: tuple[str, ...]
    widths: tuple[int, ...]
    align: tuple[str, ...]  # "left", "right" or "center", per column

    def _line(self, values: Sequence[str]) -> str:
        parts = [_pad(_cut(v, w), w, a) for v, w, a in zip(values, self.widths, self.align, strict=True)]
        return " ".join(parts).rstrip()

    def header(self, style: Style = _plain) -> list[str]:
        """The names and the rule of dashes under them."""
        rule = ["-" * min(len(name), width) for name, width in zip(self.names, self.widths, strict=True)]
        return [style(self._line(self.names)), style(self._line(rule))]  # no longer than the column (TableWriter.cs)

    def row(self, value: Any) -> str:
        properties = properties_of(value)
        return self._line([cell_text(properties.get(name)) for name in self.names])


def _view_settings(
    kind: type, widths: list[int], align: Mapping[str, str] | None
) -> tuple[list[int], Mapping[str, str]]:
    """A type's table view's own column widths (``ps_table_widths``; ``None`` sizes a column to
    its cells) and alignments (``ps_table_align``), as its format file gives them."""
    fixed = getattr(kind, "ps_table_widths", ())
    widths = [fixed[i] if i < len(fixed) and fixed[i] else w for i, w in enumerate(widths)]
    return widths, {**dict(getattr(kind, "ps_table_align", ())), **(align or {})}


def table_layout(
    objects: Sequence[Any],
    columns: Sequence[str] | None = None,
    width: int | None = None,
    align: Mapping[str, str] | None = None,
    fixed: Mapping[str, int] | None = None,
) -> TableLayout:
    """The layout of Format-Table for ``objects``. A column whose first value is a number or a
    Boolean is right-aligned, others left-aligned, unless ``align`` names the column (a
    calculated property's ``Align`` key).
    Within ``width`` characters (a terminal's),
    columns are kept from the left while they fit; the first one that does not is cut to the
    room left (its cells end in ``…``) if it keeps its header's width, else dropped with the
    rest, as PowerShell's table view drops the columns that do not fit."""
    rows = [properties_of(value) for value in objects]
    view = table_view(objects)
    names = list(columns or view or columns_of(objects))
    widths = [max([len(name), *(len(cell_text(row.get(name))) for row in rows)]) for name in names]
    if view and names == view:
        widths, align = _view_settings(type(objects[0]), widths, align)
    if fixed:  # a calculated property's Width key (Format-Table)
        widths = [fixed.get(name, w) for name, w in zip(names, widths, strict=True)]
    aligns = [
        (align or {}).get(name) or ("right" if right else "left")
        for name, right in zip(names, _right_aligned_columns(rows, names), strict=True)
    ]
    if width is not None:
        kept, used = 0, -1
        while kept < len(names) and used + 1 + widths[kept] <= width:
            used += 1 + widths[kept]
            kept += 1
        room = width - used - 1
        if kept < len(names) and room >= len(names[kept]) and room > 1:
            widths[kept] = room
            kept += 1
        names, widths, aligns = names[: max(kept, 1)], widths[: max(kept, 1)], aligns[: max(kept, 1)]
    return TableLayout(tuple(names), tuple(widths), tuple(aligns))


def text_table(
    objects: Sequence[Any],
    columns: Sequence[str] | None = None,
    *,
    width: int | None = None,
    header: Style = _plain,
    align: Mapping[str, str] | None = None,
    fixed: Mapping[str, int] | None = None,
) -> str:
    """Format-Table: a header, a rule of dashes, one line per object; numbers right-aligned;
    within ``width`` characters if given (see :func:`table_layout`). Primitives before the first
    object come before the table (:func:`_leading_primitives`)."""
    shaped = [value for value in objects if not is_out_of_band(value)]
    if not shaped:
        return "\n".join(cell_text(value) for value in objects)
    layout = table_layout(shaped, columns, width, align, fixed)
    lead, rest = _leading_primitives(objects)
    rows = [cell_text(value) if is_out_of_band(value) else layout.row(value) for value in rest]
    return "\n".join([*lead, "", *layout.header(header), *rows, ""])


def _leading_primitives(objects: Sequence[Any]) -> tuple[list[str], Sequence[Any]]:
    """The texts of the primitives before the first object, and the rest: a formatting command
    writes a primitive out of band as it comes, before the document its first object starts with
    a blank line (``ProcessObject`` in ``FormatAndOutput/common/BaseFormattingCommand.cs``)."""
    count = next((k for k, value in enumerate(objects) if not is_out_of_band(value)), len(objects))
    return [cell_text(value) for value in objects[:count]], objects[count:]


def list_entry(
    value: Any, columns: Sequence[str] | None = None, *, width: int | None = None, label: Style = _plain
) -> str:
    """One object of Format-List: ``Name : value`` lines; a long value wraps within ``width``
    characters, its next lines starting under the value."""
    row = properties_of(value)
    names = list(columns or getattr(type(value), "ps_list_view", None) or row)
    name_width = max((len(name) for name in names), default=0)
    lines = []
    for name in names:
        text = cell_text(row.get(name))
        room = (width or 0) - name_width - 3
        parts = textwrap.wrap(text, room, break_on_hyphens=False) if width and room >= 10 and text else [text]
        lines.append(f"{label(name.ljust(name_width))} : {parts[0]}".rstrip())
        lines += [" " * (name_width + 3) + part for part in parts[1:]]
    return "\n".join(lines)


def text_list(
    objects: Sequence[Any], columns: Sequence[str] | None = None, *, width: int | None = None, label: Style = _plain
) -> str:
    """Format-List: a blank line, then each object's ``Name : value`` lines and a blank line; a
    primitive is written as it comes, with no blank line of its own, and the list adds none at
    its end (``ListOutputContext.ProcessPayload`` and ``ProcessFormatEnd`` in
    ``FormatAndOutput/common/BaseOutputtingCommand.cs``)."""
    lead, rest = _leading_primitives(objects)
    lines = [*lead, ""] if rest else lead
    for value in rest:
        if is_out_of_band(value):
            lines.append(cell_text(value))
        else:
            lines += [list_entry(value, columns, width=width, label=label), ""]
    return "\n".join(lines)


def is_table(names: Sequence[str]) -> bool:
    """Whether Out-Default shows objects with these properties as a table (else as a list)."""
    return 0 < len(names) <= TABLE_LIMIT


def text_default(objects: Iterable[Any]) -> str:
    """What PowerShell prints at the end of a pipeline: per run of one type, a table when it
    has at most four properties, else a list; scalars one per line; ``$null`` shows nothing. A
    scalar amid a run is written in its place and the run goes on (:func:`is_out_of_band`)."""
    parts = []
    for group in document_groups(value for value in entries_of(objects) if value is not None):
        shaped = [value for value in group if not is_out_of_band(value)]
        names = table_view(shaped) or columns_of(shaped)
        if not names:
            lines = "\n".join(console_text(value) for value in group)
            parts.append(f"\n{lines}\n" if is_framed(group[0]) else lines)
        elif group_by_of(shaped[0]):
            parts.append(text_grouped(group, names, group_by_of(shaped[0]) or ""))
        elif table_view(shaped) or len(names) <= TABLE_LIMIT:
            parts.append(text_table(group, names))
        else:  # a list shows each object's own properties
            parts.append(text_list(group))
    return "\n".join(parts)


#: The width Format-Wide spreads its columns over when the console's is unknown
#: (``DefaultConsoleWidth`` in ``FormatAndOutput/common/BaseOutputtingCommand.cs``).
WIDE_WIDTH = 120


def wide_columns(longest: int, width: int = WIDE_WIDTH) -> int:
    """Format-Wide -AutoSize: as many columns as fit values ``longest`` wide, one space
    between them (``TableWriter.ComputeWideViewBestItemsPerRowFit``)."""
    if longest <= 0 or longest >= width:
        return 1
    count = 1
    while longest * (count + 1) + count < width:
        count += 1
    return count


def _wide_widths(columns: int, width: int) -> list[int]:
    """Each column's width: the screen shared out one character at a time from the left; when
    even one character each does not fit, the last columns are hidden (-1), as
    ``ColumnWidthManager.CalculateColumnWidths`` does for columns of no set width."""
    widths = [1] * columns
    available = width - (2 * columns - 1)
    for k in range(max(available, 0)):
        widths[k % columns] += 1
    while available < 0:
        visible = [w for w in widths if w > 0]
        excess = sum(visible) + len(visible) - 1 - width
        if excess <= 0:
            break
        last = next((k - 1 for k, w in enumerate(widths) if w < 0), columns - 1)
        if last < 0:
            break
        widths[last] = -1 if widths[last] - excess < 1 else widths[last] - excess
    return widths


def _wide_field(text: str, width: int, *, pad: bool) -> str:
    """One cell: cut at a line break; padded to the width (not the row's last); a longer one
    cut to the width, its last character ``…`` (``TableWriter.GenerateRowField``)."""
    text = text.split("\r", 1)[0].split("\n", 1)[0]
    if len(text) > width:
        return text[: width - 1] + "…" if width > 1 else text[:width]
    return text.ljust(width) if pad else text


def text_wide(cells: Sequence[tuple[str, bool]], columns: int, width: int = WIDE_WIDTH) -> str:
    """Format-Wide: one value per object, ``columns`` to a row across ``width`` characters,
    framed by blank lines; a cell flagged ``True`` (a primitive: out of band) is written on its
    own line where it comes (``WideOutputContext`` in ``BaseOutputtingCommand.cs``). A short last
    row keeps its padding, as the row writer pads every cell but the last column's."""
    widths = _wide_widths(columns, width)
    lines: list[str] = []
    row: list[str] = []
    framed = False

    def flush() -> None:
        if not row:
            return
        values = row + [""] * (columns - len(row))
        fields = [
            _wide_field(value, widths[k], pad=k != columns - 1) for k, value in enumerate(values) if widths[k] > 0
        ]
        lines.append(" ".join(fields))
        row.clear()

    for text, out_of_band in cells:
        if out_of_band:
            lines.append(text)
            continue
        if not framed:
            lines.append("")
            framed = True
        row.append(text)
        if len(row) == columns:
            flush()
    flush()
    return "\n".join([*lines, ""] if framed else lines)


def group_by_of(value: Any) -> str | None:
    """The property a type's table view groups by (``ps_group_by``), if it does."""
    return getattr(type(value), "ps_group_by", None)


def text_grouped(objects: Sequence[Any], columns: Sequence[str], key: str) -> str:
    """A table view that groups by ``key``: each run of objects with one value under a
    ``   Key: value`` line and a blank line, then its own table (``ProcessGroupStart`` in
    ``FormatAndOutput/common/BaseOutputtingCommand.cs``)."""
    lines: list[str] = []
    for value, run in runs_of(objects, key):
        lines += ["", f"   {key}: {cell_text(value)}", *text_table(run, columns).split("\n")[:-1]]
    return "\n".join([*lines, ""])


def runs_of(objects: Sequence[Any], key: str) -> list[tuple[Any, list[Any]]]:
    """``objects`` in runs of one ``key`` value, in order; a primitive joins the run it is in."""
    runs: list[tuple[Any, list[Any]]] = []
    for value in objects:
        current = properties_of(value).get(key) if not is_out_of_band(value) else None
        if runs and (is_out_of_band(value) or runs[-1][0] == current):
            runs[-1][1].append(value)
        else:
            runs.append((current, [value]))
    return runs


class FormattedText(str):
    """What Format-Table or Format-List wrote, as text: PowerShell's formatting data, which ends
    the table or list Out-Default was writing rather than appearing inside it."""

    __slots__ = ()
    ps_type_names = ("Microsoft.PowerShell.Commands.Internal.Format.FormatStartData", "System.Object")


def is_out_of_band(value: Any) -> bool:
    """A primitive (text, a number, a Boolean): Out-Default writes it as it comes, inside the
    table or list being written, which goes on after it (``ProcessOutOfBandObjectInsideDocumentSequence``
    in ``FormatAndOutput/common/BaseFormattingCommand.cs``)."""
    return isinstance(value, str | int | float) and not isinstance(value, FormattedText)


def document_groups(objects: Iterable[Any]) -> list[list[Any]]:
    """:func:`groups_of`, each run of objects keeping the primitives written amid it."""
    groups: list[list[Any]] = []
    for value in objects:
        if groups and (
            type(groups[-1][0]) is type(value) or (is_out_of_band(value) and not is_out_of_band(groups[-1][0]))
        ):
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


# --- notebook ------------------------------------------------------------------------------------

_STYLE = {False: "text-align:left", True: "text-align:right"}


def _type_title(value: Any) -> str:
    names = getattr(type(value), "ps_type_names", None) or getattr(value, "type_names", None)
    return str(names[0]) if names else type(value).__name__


def _html_rows(group: Sequence[Any], names: Sequence[str]) -> str:
    rows = [properties_of(value) for value in group[:HTML_MAX_ROWS]]
    numeric = _right_aligned_columns(rows, names)
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
