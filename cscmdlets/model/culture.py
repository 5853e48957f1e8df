"""en-US, the culture scripts run in, and the invariant culture: how .NET writes a DateTime.

One place for every date text PowerShell shows, each with where it comes from:

- ``ToString()``, ``"{0}" -f``, a table or list cell, Export-Csv: the current culture's ``G``
  (``12/3/2026 1:13:14 PM``) -- :func:`date_text`;
- ``"$d"`` and ``[string]$d``: the invariant culture (``12/03/2026 13:13:14``) -- :data:`INVARIANT_DATE`;
- a date alone at the console: its DateTime format view, long date and long time by its
  DisplayHint (``Thursday, December 3, 2026 1:13:14 PM``) -- :func:`date_display`;
- ConvertTo-Json: Newtonsoft's ISO form (``2026-12-03T13:13:14.123+00:00``) -- :data:`JSON_DATE`.

A Python ``datetime`` stands for a .NET DateTime: one with an offset is a local time (its
``K`` is the offset), a naive one is unspecified (no ``K``). Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "EN_US",
    "INVARIANT",
    "INVARIANT_DATE",
    "JSON_DATE",
    "HintedDate",
    "date_display",
    "date_text",
    "format_date",
    "format_timespan",
    "timespan_properties",
    "timespan_text",
]

#: en-US's standard date and time formats, as custom ones ("Standard date and time format
#: strings", learn.microsoft.com/dotnet/standard/base-types/standard-date-and-time-format-strings).
_EN_US_DATE_FORMATS = {
    "d": "M/d/yyyy",
    "D": "dddd, MMMM d, yyyy",
    "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt",
    "g": "M/d/yyyy h:mm tt",
    "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d",
    "M": "MMMM d",
    "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "t": "h:mm tt",
    "T": "h:mm:ss tt",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "y": "MMMM yyyy",
    "Y": "MMMM yyyy",
    "": "M/d/yyyy h:mm:ss tt",  # ToString() and "{0}" -f: the current culture's G
}

#: The parts of en-US's CultureInfo a script reads (``Get-Culture``, ``[cultureinfo]::CurrentCulture``).
EN_US = {
    "Name": "en-US",
    "DisplayName": "English (United States)",
    "EnglishName": "English (United States)",
    "TwoLetterISOLanguageName": "en",
    "LCID": 1033,
    "ShortDatePattern": _EN_US_DATE_FORMATS["d"],
    "LongDatePattern": _EN_US_DATE_FORMATS["D"],
    "ShortTimePattern": _EN_US_DATE_FORMATS["t"],
    "LongTimePattern": _EN_US_DATE_FORMATS["T"],
    "FullDateTimePattern": _EN_US_DATE_FORMATS["F"],
    "DateSeparator": "/",
    "TimeSeparator": ":",
    "AMDesignator": "AM",
    "PMDesignator": "PM",
}

#: The invariant culture's, as :data:`EN_US` (``[cultureinfo]::InvariantCulture``).
INVARIANT = {
    "Name": "",
    "DisplayName": "Invariant Language (Invariant Country)",
    "EnglishName": "Invariant Language (Invariant Country)",
    "TwoLetterISOLanguageName": "iv",
    "LCID": 127,
    "ShortDatePattern": "MM/dd/yyyy",
    "LongDatePattern": "dddd, dd MMMM yyyy",
    "ShortTimePattern": "HH:mm",
    "LongTimePattern": "HH:mm:ss",
    "FullDateTimePattern": "dddd, dd MMMM yyyy HH:mm:ss",
    "DateSeparator": "/",
    "TimeSeparator": ":",
    "AMDesignator": "AM",
    "PMDesignator": "PM",
}
#: The invariant culture's ``G``: what ``"$d"`` writes (about_Quoting_Rules: "culture-invariant").
INVARIANT_DATE = "MM/dd/yyyy HH:mm:ss"
#: Newtonsoft.Json's ISO dates, as ConvertTo-Json writes them (JsonObject.cs passes a DateTime
#: through to ``JsonConvert.SerializeObject``: round-trip kind, trailing zeros of the fraction dropped).
JSON_DATE = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK"

_CUSTOM_DATE_TOKEN = re.compile(r"'[^']*'?|\"[^\"]*\"?|\\.?|y+|M+|d+|H+|h+|m+|s+|t+|f+|F+|z+|K|.", re.DOTALL)
_DISPLAY_HINTS = {"date": ("D",), "time": ("T",)}


class HintedDate(dt.datetime):
    """A Get-Date result given ``-DisplayHint Date`` or ``Time``: the hint is its note property
    (GetDateCommand.cs); a date computed from it shows in full again, as a new DateTime does."""

    display_hint = "DateTime"

    @classmethod
    def of(cls, value: dt.datetime, hint: str) -> HintedDate:
        made = cls.combine(value.date(), value.timetz())
        made.display_hint = hint
        return made


def format_date(value: dt.datetime, form: str) -> str:
    """A .NET custom date format (``M/d/yyyy h:mm tt``) or a standard one (``d``, ``s``, ``o``),
    as en-US writes it ("Custom date and time format strings", learn.microsoft.com/dotnet).
    An ``F`` run that writes nothing takes the ``.`` before it along, as .NET's does."""
    if len(form) <= 1:
        form = _EN_US_DATE_FORMATS.get(form, form)
    text = ""
    for match in _CUSTOM_DATE_TOKEN.finditer(form):
        part = _date_part(value, match.group())
        if not part and match.group()[0] == "F" and text.endswith("."):
            text = text[:-1]
        text += part
    return text


def date_text(value: dt.datetime) -> str:
    """``ToString()``: the current culture's general date and long time (``12/3/2026 1:13:14 PM``)."""
    return format_date(value, "")


def date_display(value: dt.datetime) -> str:
    """A date at the console: the DateTime view's ``DateTime`` property, long date and long
    time, or one of them by the DisplayHint Get-Date gave it (Types.ps1xml, System.DateTime)."""
    hint = str(getattr(value, "display_hint", "DateTime")).lower()
    return " ".join(format_date(value, form) for form in _DISPLAY_HINTS.get(hint, ("D", "T")))


def _date_part(value: dt.datetime, token: str) -> str:
    kind, width = token[0], len(token)
    if kind in "'\"":
        return token[1:-1] if width > 1 and token[-1] == kind else token[1:]
    if kind == "\\":
        return token[1:]
    numbers = {"d": value.day, "M": value.month, "H": value.hour, "h": value.hour % 12 or 12}
    numbers |= {"m": value.minute, "s": value.second}
    if kind in numbers and (kind not in "dM" or width <= 2):
        return str(numbers[kind]).zfill(min(width, 2))
    if kind in "dM":
        return value.strftime({("d", 3): "%a", ("M", 3): "%b"}.get((kind, width), "%A" if kind == "d" else "%B"))
    if kind == "y":
        return str(value.year % 100 if width < 3 else value.year).zfill(2 if width < 3 else width)
    if kind == "t":
        return value.strftime("%p")[:width]
    if kind in "fF":
        digits = f"{value.microsecond:06d}0"[:width].ljust(width, "0")
        return digits if kind == "f" else digits.rstrip("0")
    if kind in "zK":
        return _date_offset(value, width if kind == "z" else 3)
    return "" if token == "%" else token


def _date_offset(value: dt.datetime, width: int) -> str:
    """``zzz``/``K``: the offset of a date that has one (Get-Date's); none for ``K`` of a parsed one."""
    offset = value.utcoffset()
    if offset is None:
        return "" if width == 3 else "+00"[: 2 + (width > 1)]
    minutes = int(offset.total_seconds()) // 60
    sign, hours, rest = "-" if minutes < 0 else "+", abs(minutes) // 60, abs(minutes) % 60
    return f"{sign}{hours:02d}:{rest:02d}" if width >= 3 else f"{sign}{hours:0{width}d}"


# --- TimeSpan ----------------------------------------------------------------------------------------

#: A custom TimeSpan format's parts ("Custom TimeSpan format strings", learn.microsoft.com/dotnet).
_CUSTOM_SPAN_TOKEN = re.compile(r"'[^']*'?|\"[^\"]*\"?|\\.?|%|d+|h+|m+|s+|f+|F+|.", re.DOTALL)


def _span_parts(value: dt.timedelta) -> tuple[int, int, int, int, int, int]:
    """(sign, days, hours, minutes, seconds, ticks within the second): .NET's components carry
    the span's sign, Python's keep only the days negative."""
    ticks = (value // dt.timedelta(microseconds=1)) * 10
    sign, ticks = (-1 if ticks < 0 else 1), abs(ticks)
    seconds, fraction = divmod(ticks, 10**7)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    return sign, days, hour, minute, second, fraction


def timespan_text(value: dt.timedelta) -> str:
    """``ToString()`` and ``"$ts"``: the constant form ``[-][d.]hh:mm:ss[.fffffff]`` (``01:30:00``)."""
    sign, days, hours, minutes, seconds, fraction = _span_parts(value)
    text = f"{'-' if sign < 0 else ''}{f'{days}.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{text}.{fraction:07d}" if fraction else text


def timespan_properties(value: dt.timedelta) -> dict[str, object]:
    """A TimeSpan's properties in .NET's order, each component with the span's sign."""
    sign, days, hours, minutes, seconds, fraction = _span_parts(value)
    total = value / dt.timedelta(seconds=1)
    return {
        "Days": sign * days,
        "Hours": sign * hours,
        "Minutes": sign * minutes,
        "Seconds": sign * seconds,
        "Milliseconds": sign * (fraction // 10**4),
        "Ticks": (value // dt.timedelta(microseconds=1)) * 10,
        "TotalDays": total / 86400,
        "TotalHours": total / 3600,
        "TotalMinutes": total / 60,
        "TotalSeconds": total,
        "TotalMilliseconds": total * 1000,
    }


def format_timespan(value: dt.timedelta, form: str) -> str:
    """``"{0:hh\\:mm}" -f $ts``, ``$ts.ToString('c')``: a standard (``c``, ``g``) or custom TimeSpan
    format. A custom one writes no sign, and its separators are escaped or quoted, as .NET's."""
    sign, days, hours, minutes, seconds, fraction = _span_parts(value)
    if form in ("", "c", "t", "T"):
        return timespan_text(value)
    if form in ("g", "G"):  # en-US: "[-][d:]h:mm:ss[.FFFFFFF]", "[-]d:hh:mm:ss.fffffff"
        lead = "-" if sign < 0 else ""
        if form == "G":
            return f"{lead}{days}:{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction:07d}"
        tail = f".{fraction:07d}".rstrip("0") if fraction else ""
        return f"{lead}{f'{days}:' if days else ''}{hours}:{minutes:02d}:{seconds:02d}{tail}"
    numbers = {"d": days, "h": hours, "m": minutes, "s": seconds}
    text = ""
    for match in _CUSTOM_SPAN_TOKEN.finditer(form):
        token = match.group()
        kind, width = token[0], len(token)
        if kind in "'\"":
            text += token[1:-1] if width > 1 and token[-1] == kind else token[1:]
        elif kind == "\\":
            text += token[1:]
        elif kind in numbers:
            text += str(numbers[kind]).zfill(width if kind == "d" else min(width, 2))
        elif kind in "fF":
            digits = f"{fraction:07d}"[:width]
            text += digits if kind == "f" else digits.rstrip("0")
        elif kind != "%":
            text += token
    return text
