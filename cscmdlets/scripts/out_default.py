"""Out-Default's one document: the first object's view holds for everything after it.

PowerShell formats a script's output with one Out-Default (``BaseFormattingCommand.ProcessObject``
in ``FormatAndOutput/common/BaseFormattingCommand.cs``): the first object that is no primitive
chooses the view, and every later object either belongs to it or is written *out of band*:

- a primitive (text, a number, a Boolean) is written as it comes, as before;
- with a view of the type's own (a format file's: a hashtable's Name/Value entries, a culture, a
  Graph user, Get-Member's, a date's custom view), an object of another type does not belong
  (``ViewGenerator.IsObjectApplicable`` in ``FormatViewGenerator.cs``): it is written in list
  form between two blank lines (``OutOfBandFormatViewManager`` in ``FormatViewManager.cs``,
  ``ProcessOutOfBandPayload`` in ``BaseOutputtingCommand.cs``) and the table goes on after it;
- with a view PowerShell generated (no format file: a ``[pscustomobject]``, a Select-Object
  result, a tenant object), every object belongs: in a table it is a row under the first
  object's columns (a property it lacks is blank), in a list it lists its own properties.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..model.display import (
    FormattedText,
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
    text_default,
    text_list,
)

__all__ = ["belongs", "ends_document", "has_format_view", "out_default_text", "out_of_band_lines"]


def has_format_view(value: Any) -> bool:
    """Whether the type of ``value`` has a view of its own (a table, list or custom control from a
    format file) rather than one PowerShell generates from its properties."""
    kind = type(value)
    own = getattr(kind, "ps_table_view", None) or getattr(kind, "ps_list_view", None)
    return bool(own) or getattr(kind, "ps_group_by", None) is not None or is_framed(value)


def belongs(first: Any, value: Any) -> bool:
    """``IsObjectApplicable``: any object belongs to a generated view; to a format file's view,
    only an object of the type it was chosen for."""
    return not has_format_view(first) or type(value) is type(first)


def out_of_band_lines(value: Any, *, width: int | None = None, label: Callable[[str], str] = str) -> list[str]:
    """An object that does not belong to the view: its properties as a list entry, a blank line
    before and after; one without properties, its text."""
    if not properties_of(value):
        return [console_text(value)]
    return ["", list_entry(value, width=width, label=label), ""]


def ends_document(value: Any) -> bool:
    """What Format-Table or Format-List wrote: formatting data, which ends the document Out-Default
    was writing rather than being written in it."""
    return isinstance(value, FormattedText)


def out_default_text(objects: Iterable[Any]) -> str:
    """The text Out-Default writes for ``objects`` (Out-String's, a ported script's console)."""
    parts: list[str] = []
    document: list[Any] = []
    for value in entries_of(objects):
        if ends_document(value):
            parts += [_one_document(document)] if document else []
            parts.append(text_default([value]))
            document = []
        elif value is not None:
            document.append(value)
    parts += [_one_document(document)] if document else []
    return "\n".join(parts)


def _one_document(values: Sequence[Any]) -> str:
    start = next((k for k, value in enumerate(values) if not is_out_of_band(value)), None)
    if start is None:
        return "\n".join(console_text(value) for value in values)
    first = values[start]
    names = table_view([first]) or columns_of([first])
    if group_by_of(first) is not None or not (names or is_framed(first)):
        return text_default(values)  # a grouping view; objects without properties
    if all(belongs(first, value) for value in values[start:] if not is_out_of_band(value)) and names:
        return _document(values, start, names)
    if not names:  # a date's custom view, a blank line around it
        body = [console_text(v) if belongs(first, v) or is_out_of_band(v) else out_of_band_lines(v) for v in values]
        lines = [line for part in body for line in ([part] if isinstance(part, str) else part)]
        lead = [console_text(v) for v in values[:start]]
        return "\n".join([*lead, "", *lines[start:], ""])
    return _document(values, start, names)


def _document(values: Sequence[Any], start: int, names: Sequence[str]) -> str:
    first = values[start]
    lead = [cell_text(value) for value in values[:start]]
    rest = values[start:]
    if not (table_view([first]) or is_table(names)):  # a list: each object its own properties
        return text_list(values)
    shaped = [value for value in rest if not is_out_of_band(value) and belongs(first, value)]
    layout = table_layout(shaped, names)
    lines = [*lead, "", *layout.header()]
    for value in rest:
        if is_out_of_band(value):
            lines.append(cell_text(value))
        elif belongs(first, value):
            lines.append(layout.row(value))
        else:
            lines += out_of_band_lines(value)
    return "\n".join([*lines, ""])
