"""PowerShell values in Python: objects, hashtables, conversions and the operators.

Scripts see Python values: ``None`` is ``$null``, ``bool``/``int``/``float``/``str`` are the
.NET primitives, ``list`` is ``object[]``, :class:`Hashtable` and :class:`PSObject` are
PowerShell's own, and the cmdlets' models are read through their ``to_ps()`` property names.
Comparison is case-insensitive unless the operator says ``c`` (``-ceq``), and a collection on
the left filters (``@(1,2,3) -gt 1`` is ``2,3``), as in about_Comparison_Operators.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import fnmatch
import functools
import math
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model.arrays import Int32Array, StringArray, TypedArray
from ..model.culture import format_date, format_timespan
from ..model.display import double_text, enum_text
from ..powershell.errors import ErrorCategory, ErrorRecord
from ..powershell.metadata import ActionPreference
from ..powershell.types import SwitchParameter, ps_string
from .errors import EmulatorStop, RuntimeFailure

if TYPE_CHECKING:
    import regex  # loads with the first .NET pattern: a script without -match never needs it

__all__ = [
    "ByteArray",
    "Char",
    "CharArray",
    "ExceptionValue",
    "Hashtable",
    "PSObject",
    "PathInfo",
    "Reference",
    "RegexValue",
    "ScriptBlockValue",
    "SecureString",
    "Stopwatch",
    "StringBuilder",
    "UnknownColor",
    "Version",
    "as_list",
    "binary",
    "compare",
    "compiled_pattern",
    "convert_to",
    "is_true",
    "regex_escape",
    "to_number",
    "to_string",
    "type_name_of",
]

PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


class Hashtable(dict[Any, Any]):
    """``@{}``: string keys compare case-insensitively; insertion order is kept."""

    def __init__(self, items: Iterable[tuple[Any, Any]] = ()) -> None:
        super().__init__()
        self._index: dict[str, Any] = {}
        for key, value in items:
            self[key] = value

    def _key(self, key: Any) -> Any:
        return self._index.get(key.lower(), key) if isinstance(key, str) else key

    def __setitem__(self, key: Any, value: Any) -> None:
        key = self._key(key)
        if isinstance(key, str):
            self._index[key.lower()] = key
        super().__setitem__(key, value)

    def __getitem__(self, key: Any) -> Any:
        return super().get(self._key(key))

    def __contains__(self, key: object) -> bool:
        return super().__contains__(self._key(key))

    def __delitem__(self, key: Any) -> None:
        key = self._key(key)
        if isinstance(key, str):
            self._index.pop(key.lower(), None)
        super().__delitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        return super().get(self._key(key), default)

    def remove(self, key: Any) -> None:
        if key in self:
            del self[key]

    def copy(self) -> Hashtable:
        return type(self)(self.items())


class OrderedDictionary(Hashtable):
    """``[ordered]@{}``: a System.Collections.Specialized.OrderedDictionary, which can also
    insert and remove by index (about_Hash_Tables, "Creating ordered dictionaries")."""

    ps_type_names = (
        "System.Collections.Specialized.OrderedDictionary",
        "System.Object",
    )

    def insert(self, index: int, key: Any, value: Any) -> None:
        """OrderedDictionary.Insert: a new key at ``index`` (the caller checks both)."""
        items = list(self.items())
        items.insert(index, (key, value))
        self.clear()
        self._index.clear()
        for name, item in items:
            self[name] = item


class PSObject:
    """A ``[pscustomobject]``, an ``Import-Csv`` row or a ``Select-Object`` result.

    Properties keep their order and case; lookups ignore case. ``to_ps()`` lets the
    formatter, the binder (pipeline input by property name) and Export-Csv read it.
    """

    __slots__ = ("__weakref__", "_props", "type_names")  # weakly keyed: see .extended

    def __init__(self, properties: Iterable[tuple[str, Any]] = (), type_names: tuple[str, ...] = (PSCUSTOMOBJECT,)):
        self._props: dict[str, tuple[str, Any]] = {}
        self.type_names = type_names
        for name, value in properties:
            self.set(name, value)

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return self.type_names

    def to_ps(self) -> dict[str, Any]:
        return {name: value for name, value in self._props.values()}

    def has(self, name: str) -> bool:
        return name.lower() in self._props

    def get(self, name: str) -> Any:
        found = self._props.get(name.lower())
        return found[1] if found else None

    def set(self, name: str, value: Any) -> None:
        existing = self._props.get(name.lower())
        self._props[name.lower()] = (existing[0] if existing else name, value)

    def remove(self, name: str) -> None:
        self._props.pop(name.lower(), None)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        """Its ToString(): ``@{Name=value; …}``, each value by its own ToString() (an array is
        its type's name, not its items), nothing when it has no properties (MshObject.cs,
        ToStringEmptyBaseObject: the values are not recursed into)."""
        properties = self.to_ps()
        if not properties:
            return ""
        return "@{" + "; ".join(f"{k}={_property_text(v)}" for k, v in properties.items()) + "}"


class Version:
    """A ``System.Version`` (``$PSVersionTable.PSVersion``): its parts as properties, its text
    ``7.4.0`` when shown, ordered as a tuple."""

    __slots__ = ("parts",)

    def __init__(self, text: str) -> None:
        self.parts = tuple(int(part) for part in text.split("."))

    def to_ps(self) -> dict[str, Any]:
        names = ("Major", "Minor", "Build", "Revision")
        return {name: self.parts[i] if i < len(self.parts) else -1 for i, name in enumerate(names)}

    def __str__(self) -> str:
        return ".".join(str(part) for part in self.parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self.parts == other.parts

    def __lt__(self, other: Version) -> bool:
        return self.parts < other.parts

    def __hash__(self) -> int:
        return hash(self.parts)


class PathInfo:
    """A ``System.Management.Automation.PathInfo`` (``$PWD``, ``Get-Location``): a folder of the
    FileSystem provider; its text is the path, so ``Join-Path $PWD x`` and ``"$PWD"`` work."""

    __slots__ = ("path",)  # no ps_type_names: its ToString() is the path, not its type name
    #: PowerShell's format view for PathInfo: a table of the Path alone.
    ps_table_view = ("Path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def to_ps(self) -> dict[str, Any]:
        drive = self.path[0] if len(self.path) > 1 and self.path[1] == ":" else ""
        return {
            "Drive": drive,
            "Provider": "Microsoft.PowerShell.Core\\FileSystem",
            "ProviderPath": self.path,
            "Path": self.path,
        }

    def __str__(self) -> str:
        return self.path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PathInfo) and self.path == other.path

    def __hash__(self) -> int:
        return hash(self.path)


class Reference:
    """A ``[ref]`` (PSReference, about_Ref): ``.Value`` reads and writes the variable it was made
    from, in the scope that holds it, so a function or a ``TryParse`` can set the caller's
    variable. Made from anything but a variable, it holds a value of its own."""

    __slots__ = ("_name", "_table")
    ps_type_names = ("System.Management.Automation.PSReference",)

    def __init__(self, table: dict[str, Any], name: str) -> None:
        self._table = table
        self._name = name

    @classmethod
    def holding(cls, value: Any) -> Reference:
        return cls({"value": value}, "value")

    @property
    def value(self) -> Any:
        return self._table.get(self._name)

    @value.setter
    def value(self, value: Any) -> None:
        self._table[self._name] = value


class StringBuilder:
    """A System.Text.StringBuilder: text built up with Append/AppendLine/AppendFormat (each returns
    the builder, hence the usual ``[void]``), read with ToString() or in a string."""

    __slots__ = ("parts",)
    ps_type_names = ("System.Text.StringBuilder", "System.Object")

    def __init__(self, text: str = "") -> None:
        self.parts = [text]

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def to_ps(self) -> dict[str, Any]:
        return {"Length": len(self.text)}


class SecureString(PSObject):
    """A System.Security.SecureString: only its Length shows, as PowerShell shows one; the text
    stays inside for what reads it back (PSCredential.GetNetworkCredential())."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        super().__init__([("Length", len(text))], ("System.Security.SecureString", "System.Object"))
        self._text = text

    def plain_text(self) -> str:
        return self._text


class Stopwatch:
    """A System.Diagnostics.Stopwatch (``[Diagnostics.Stopwatch]::StartNew()``): the time it
    has run, on the monotonic clock; Start/Stop/Reset/Restart, read through ``Elapsed``."""

    __slots__ = ("_before", "_since")
    ps_type_names = ("System.Diagnostics.Stopwatch", "System.Object")

    def __init__(self) -> None:
        self._since: float | None = None  # when it last started, while it runs
        self._before = 0.0  # seconds run before that

    @property
    def elapsed(self) -> dt.timedelta:
        running = time.perf_counter() - self._since if self._since is not None else 0.0
        return dt.timedelta(seconds=self._before + running)

    def start(self) -> None:
        if self._since is None:
            self._since = time.perf_counter()

    def stop(self) -> None:
        if self._since is not None:
            self._before += time.perf_counter() - self._since
            self._since = None

    def reset(self) -> None:
        self._since, self._before = None, 0.0

    def restart(self) -> None:
        self.reset()
        self.start()

    def to_ps(self) -> dict[str, Any]:
        elapsed = self.elapsed
        return {
            "IsRunning": self._since is not None,
            "Elapsed": elapsed,
            "ElapsedMilliseconds": elapsed // dt.timedelta(milliseconds=1),
            "ElapsedTicks": elapsed // dt.timedelta(microseconds=1) * 1000,  # .NET on Linux: a tick per nanosecond
        }


class ExceptionValue:
    """A .NET exception a script made (``[ArgumentException]::new('bad')``) to ``throw``."""

    __slots__ = ("message", "type_name")

    def __init__(self, type_name: str, message: str) -> None:
        self.type_name = type_name
        self.message = message

    def to_ps(self) -> dict[str, Any]:
        return {"Message": self.message}

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"


class ScriptBlockValue:
    """A ``{ … }`` value: its AST and the runner that calls it (set by the runner)."""

    __slots__ = ("block", "invoke")

    def __init__(self, block: Any, invoke: Callable[..., list[Any]]) -> None:
        self.block = block
        self.invoke = invoke

    def __repr__(self) -> str:
        return "" if self.block is None else str(self.block.text)  # a port's block has no text


# --- conversions ---------------------------------------------------------------------------------


def is_true(value: Any) -> bool:
    """PowerShell's truthiness (about_Booleans): empty collections are false, one item decides."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value != "" and value != "\0" if isinstance(value, Char) else value != ""
    if isinstance(value, SwitchParameter):
        return value.is_present
    if isinstance(value, list | tuple):
        if len(value) == 0:
            return False
        return is_true(value[0]) if len(value) == 1 else True
    return True


def as_list(value: Any) -> list[Any]:
    """What a pipeline or ``foreach`` enumerates: a collection's items, ``$null`` is nothing."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def to_string(value: Any) -> str:
    """``[string]$x`` and ``"$x"``: arrays join with spaces, dates in the invariant culture."""
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)  # a str subclass too (Format-Table's text)
    if isinstance(value, list | tuple):
        return " ".join(to_string(item) for item in value)
    if isinstance(value, float):
        return _format_float(value)
    if isinstance(value, Hashtable):
        own = getattr(value, "ps_to_string", None)  # a Dictionary's; else its type's name
        names = getattr(value, "ps_type_names", ("System.Collections.Hashtable",))
        return str(own()) if callable(own) else str(names[0])
    if isinstance(value, ErrorRecord):
        return value.message
    if isinstance(value, PSObject):
        return repr(value)
    if isinstance(value, ScriptBlockValue):
        return repr(value)
    if isinstance(value, StringBuilder):
        return value.text
    if isinstance(value, enum.IntEnum | enum.IntFlag):
        return enum_text(value)
    return ps_string(value)


def _property_text(value: Any) -> str:
    """A property's value inside an object's text: an array by its type's name."""
    return ps_string(value) if isinstance(value, list | tuple) else to_string(value)


def _format_float(value: float) -> str:
    """The invariant culture's text: as the console's, but infinity is spelled out."""
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return double_text(value)


_NUMBER = re.compile(r"^\s*[+-]?(0x[0-9a-f]+|\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+)\s*$", re.I)


def to_number(value: Any, *, target: str = "System.Int32") -> int | float:
    """Numeric conversion for arithmetic and casts; raises PowerShell's InvalidCast error."""
    if value is None:
        return 0
    if isinstance(value, bool | SwitchParameter):
        return int(bool(value))
    if isinstance(value, int | float):
        return value
    if isinstance(value, Char):
        return ord(value)
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0
        if _NUMBER.match(text):
            if text.lower().lstrip("+-").startswith("0x"):
                number = int(text.lstrip("+-"), 16)
                return -number if text.startswith("-") else number
            as_float = float(text)
            return int(text) if re.fullmatch(r"[+-]?\d+", text) else as_float
    if isinstance(value, list | tuple) and len(value) == 1:
        return to_number(value[0], target=target)
    raise invalid_cast(value, target)


_CAST = "System.Management.Automation.PSInvalidCastException"


def invalid_cast(value: Any, target: str) -> RuntimeFailure:
    """A failed conversion: PSInvalidCastException is no RuntimeException, so the script sees a
    RuntimeException around it, with its message, id and category (MiscOps.cs
    ConvertToRuntimeException); a string's holds the FormatException that failed (LanguagePrimitives.cs)."""
    shown = to_string(value)
    if isinstance(value, str):
        detail = f"The input string '{shown}' was not in a correct format."
        return cast_failure("InvalidCastFromStringToInteger", shown, target, ("System.FormatException", detail))
    message = f'Cannot convert the "{shown}" value of type "{type_name_of(value)}" to type "{target}".'
    return RuntimeFailure(
        "ConvertToFinalInvalidCastException", message, category=ErrorCategory.InvalidArgument, inner=((_CAST, message),)
    )


def cast_failure(error_id: str, shown: str, target: str, cause: tuple[str, str]) -> RuntimeFailure:
    """``Cannot convert value "x" to type "T". Error: "…"`` (ExtendedTypeSystem.resx,
    InvalidCastExceptionWithInnerException), the exception that failed inside it."""
    message = f'Cannot convert value "{shown}" to type "{target}". Error: "{cause[1]}"'
    return RuntimeFailure(error_id, message, category=ErrorCategory.InvalidArgument, inner=((_CAST, message), cause))


def type_name_of(value: Any) -> str:
    """The full .NET type name ``$x.GetType().FullName`` would show."""
    names = {
        bool: "System.Boolean",
        str: "System.String",
        float: "System.Double",
        list: "System.Object[]",
        tuple: "System.Object[]",
        dt.datetime: "System.DateTime",
        dt.timedelta: "System.TimeSpan",
        uuid.UUID: "System.Guid",
        Hashtable: "System.Collections.Hashtable",
        ErrorRecord: "System.Management.Automation.ErrorRecord",
        ScriptBlockValue: "System.Management.Automation.ScriptBlock",
        PathInfo: "System.Management.Automation.PathInfo",
    }
    if isinstance(value, ErrorCategory | ActionPreference):
        return f"System.Management.Automation.{type(value).__name__}"
    if isinstance(value, UnknownColor):
        return "System.ConsoleColor"
    if isinstance(value, int) and not isinstance(value, bool):
        return "System.Int32" if -(2**31) <= value < 2**31 else "System.Int64"
    if isinstance(value, dt.datetime):
        return "System.DateTime"
    for python_type, name in names.items():
        if type(value) is python_type:
            return name
    type_names = getattr(value, "ps_type_names", None)
    return str(type_names[0]) if type_names else "System.Object"


def _to_bool(value: Any) -> bool:
    return is_true(value)


def _to_int(value: Any) -> int:
    number = to_number(value, target="System.Int32")
    return round(number) if isinstance(number, float) else number


_DATES = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y")
_TIMES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", " %I:%M %p", " %I:%M:%S %p")
#: What ``[datetime]'…'`` reads: PowerShell parses with the invariant culture, which takes a
#: date in ISO, US or month-name order, and a time with or without seconds or AM/PM
#: (DateTime.Parse, "Parse a date and time string": learn.microsoft.com/dotnet/standard/base-types/parsing-datetime).
_DATETIME_FORMS = (
    *(date + time for date in _DATES for time in _TIMES),
    *("%Y-%m-%dT" + time[1:] for time in _TIMES if time and "%p" not in time),
)


def _to_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    text = " ".join(to_string(value).split())
    for form in _DATETIME_FORMS:
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            continue
    if not isinstance(value, str):
        raise invalid_cast(value, "System.DateTime")
    # DateTime.Parse(string, IFormatProvider) through reflection (LanguagePrimitives.cs ConvertViaParseMethod)
    cause = ("System.FormatException", _bad_date(value))
    raise cast_failure("InvalidCastParseTargetInvocationWithFormatProvider", value, "System.DateTime", cause)


_DATE_WORDS = (
    frozenset(
        name.lower()
        for day in range(7)
        for name in (dt.date(2024, 1, 1 + day).strftime("%A"), dt.date(2024, 1, 1 + day).strftime("%a"))
    )
    | frozenset(
        name.lower() for month in range(1, 13) for name in (dt.date(2024, month, 1).strftime(f) for f in ("%B", "%b"))
    )
    | {"am", "pm", "a", "p", "t", "z", "gmt"}
)


def _bad_date(text: str) -> str:
    """.NET's FormatException text for a string DateTime.Parse rejects: the index of the first
    word that is no month, day or designator, else the general text (DateTimeParse.cs)."""
    for word in re.finditer(r"[^\W\d_]+", text):
        if word.group().lower() not in _DATE_WORDS:
            return (
                f"The string '{text}' was not recognized as a valid DateTime. "
                f"There is an unknown word starting at index '{word.start()}'."
            )
    return f"String '{text}' was not recognized as a valid DateTime."


class ArrayList(list[Any]):
    """A ``System.Collections.ArrayList``: a list that grows (its Add returns the new index).
    An array (``@()``, a command's output) is a plain list and keeps its size."""

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return ("System.Collections.ArrayList", "System.Object")

    def ps_to_string(self) -> str:
        return self.ps_type_names[0]  # Object.ToString(): the type's name


#: The assembly .NET 8 (PowerShell 7.4) names in a generic type's full name.
CORE_LIBRARY = "System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e"


class GenericList(ArrayList):
    """A ``List[T]``: its Add returns nothing, where an ArrayList's returns the new index.
    ``element`` is T's full name: ToString() is ``System.Collections.Generic.List`1[System.String]``,
    GetType().FullName names T's assembly too (Type.FullName of a constructed generic type)."""

    element = "System.Object"

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (f"System.Collections.Generic.List`1[[{self.element}, {CORE_LIBRARY}]]", "System.Object")

    def ps_to_string(self) -> str:
        return f"System.Collections.Generic.List`1[{self.element}]"


class UnknownColor(int):
    """``(ConsoleColor)-1``: what .NET on Linux reads for a console colour nobody set (it cannot ask
    the terminal). A ConsoleColor that is no member: shown as ``-1``; Write-Host refuses it."""

    __slots__ = ()
    ps_type_names = ("System.ConsoleColor", "System.Enum", "System.ValueType", "System.Object")

    def ps_to_string(self) -> str:
        return "-1"


class Char(str):
    """A ``System.Char``: one UTF-16 code unit, text where text is wanted (``-join``, ``"$c"``), its
    code where a number is (``[int][char]'A'`` is 65, ``[char]'a' + 1`` is 98; LanguagePrimitives.cs
    converts a char to a number through Int32). Comparisons ignore case, as a one-letter string's."""

    __slots__ = ()
    ps_type_names = ("System.Char", "System.ValueType", "System.Object")


class CharArray(TypedArray):
    """``System.Char[]``: ``[char[]]'abc'``, ``'abc'.ToCharArray()``."""

    ps_type_names = ("System.Char[]", "System.Array", "System.Object")


class ByteArray(TypedArray):
    """``System.Byte[]``: what Encoding.GetBytes and Convert.FromBase64String return."""

    ps_type_names = ("System.Byte[]", "System.Array", "System.Object")


def _iconvertible_failure(value: Any, target: str, cause: tuple[str, str]) -> RuntimeFailure:
    """A conversion IConvertible refused (LanguagePrimitives.cs ConvertIConvertible/ConvertNumeric):
    ``InvalidCastIConvertible`` around the .NET exception."""
    return cast_failure("InvalidCastIConvertible", to_string(value), target, cause)


def to_char(value: Any) -> Char:
    """``[char]x``: a number 0-65535 is that code, a one-character string that character
    (Convert.ToChar, learn.microsoft.com/dotnet/api/system.convert.tochar); ``$null`` is U+0000."""
    if isinstance(value, Char):
        return value
    if value is None:
        return Char("\0")
    if isinstance(value, list | tuple) and len(value) == 1:
        return to_char(value[0])
    if isinstance(value, str):
        if len(value) == 1:
            return Char(value)
        raise _iconvertible_failure(
            value, "System.Char", ("System.FormatException", "String must be exactly one character long.")
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        code = round(value) if isinstance(value, float) else value
        if 0 <= code <= 0xFFFF:
            return Char(chr(code))
        detail = "Value was either too large or too small for a character."
        raise _iconvertible_failure(value, "System.Char", ("System.OverflowException", detail))
    raise invalid_cast(value, "System.Char")


def _to_char_array(value: Any) -> CharArray:
    if isinstance(value, str) and not isinstance(value, Char):  # ConvertStringToCharArray
        return CharArray(Char(c) for c in value)
    return CharArray(to_char(item) for item in as_list(value))


def to_byte(value: Any) -> int:
    """``[byte]x``: a whole number 0-255 (a double rounds half to even, as Convert.ToByte)."""
    number = to_number(value, target="System.Byte")
    whole = round(number) if isinstance(number, float) else number
    if 0 <= whole <= 255:
        return whole
    detail = "Value was either too large or too small for an unsigned byte."
    raise _iconvertible_failure(value, "System.Byte", ("System.OverflowException", detail))


def to_byte_array(value: Any) -> ByteArray:
    return value if isinstance(value, ByteArray) else ByteArray(to_byte(item) for item in as_list(value))


def generic_list(element: str, items: Iterable[Any] = ()) -> GenericList:
    """A new ``List[element]``."""
    made = GenericList(items)
    made.element = element
    return made


def _to_array(value: Any) -> list[Any]:
    return as_list(value)


def _to_string_array(value: Any) -> list[Any]:
    return StringArray(to_string(item) for item in as_list(value))


def _to_int_array(value: Any) -> list[Any]:
    return Int32Array(_to_int(item) for item in as_list(value))


def _to_psobject(value: Any) -> Any:
    if isinstance(value, dict):
        return PSObject((str(k), v) for k, v in value.items())
    return value


def _to_hashtable(value: Any) -> Hashtable:
    if isinstance(value, Hashtable):
        return value
    if isinstance(value, dict):
        return Hashtable(value.items())
    raise invalid_cast(value, "System.Collections.Hashtable")


def _to_guid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(to_string(value))
    except ValueError:
        raise invalid_cast(value, "System.Guid") from None


def _to_long(value: Any) -> int:
    number = to_number(value, target="System.Int64")
    return round(number) if isinstance(number, float) else number


def _to_double(value: Any) -> float:
    return float(to_number(value, target="System.Double"))


_CASTS: dict[str, Callable[[Any], Any]] = {
    "string": to_string,  # [string]$null is the empty string
    "int": _to_int,
    "int32": _to_int,
    "system.int32": _to_int,
    "uint32": _to_int,
    "long": _to_long,
    "int64": _to_long,
    "system.int64": _to_long,
    "double": _to_double,
    "decimal": _to_double,
    "float": _to_double,
    "single": _to_double,
    "bool": _to_bool,
    "boolean": _to_bool,
    "system.boolean": _to_bool,
    "switch": lambda v: SwitchParameter(is_true(v)),
    "management.automation.switchparameter": lambda v: SwitchParameter(is_true(v)),
    "datetime": _to_datetime,
    "system.datetime": _to_datetime,
    "array": _to_array,
    "object[]": _to_array,
    "system.object[]": _to_array,
    "string[]": _to_string_array,
    "system.string[]": _to_string_array,
    "pscustomobject": _to_psobject,
    "psobject": _to_psobject,
    "object": lambda v: v,
    "hashtable": _to_hashtable,
    "ordered": lambda v: OrderedDictionary(_to_hashtable(v).items()),
    "system.collections.hashtable": _to_hashtable,
    "guid": _to_guid,
    "system.guid": _to_guid,
    "void": lambda v: None,
    "ref": lambda v: v if isinstance(v, Reference) else Reference.holding(v),
    "management.automation.psreference": lambda v: v if isinstance(v, Reference) else Reference.holding(v),
    "system.collections.arraylist": lambda v: ArrayList(as_list(v)),
    "collections.arraylist": lambda v: ArrayList(as_list(v)),
    "system.collections.generic.list[string]": lambda v: generic_list("System.String", map(to_string, as_list(v))),
    "system.collections.generic.list[object]": lambda v: generic_list("System.Object", as_list(v)),
    "system.collections.generic.list[psobject]": lambda v: generic_list(
        "System.Management.Automation.PSObject", as_list(v)
    ),
    "int[]": _to_int_array,
    "int32[]": _to_int_array,
    "system.int32[]": _to_int_array,
    "char": to_char,
    "char[]": _to_char_array,
    "byte": to_byte,
    "byte[]": to_byte_array,
}


def is_known_type(type_name: str) -> bool:
    return type_name.lower().removeprefix("system.") in _CASTS or type_name.lower() in _CASTS


def _to_enum(kind: type[enum.IntEnum], dotnet_name: str) -> Callable[[Any], Any]:
    """``[ErrorCategory]'ObjectNotFound'``: a member by name (any case) or number, as
    LanguagePrimitives converts to an enum; anything else is PowerShell's InvalidCastFromStringToEnum."""

    def convert(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value in kind._value2member_map_:
            return kind(value)
        found = _enum_named(kind, to_string(value))
        if isinstance(found, kind):
            return found
        names = ", ".join(member.name for member in kind)
        raise RuntimeFailure(
            "InvalidCastFromStringToEnum",
            f'Cannot convert value "{to_string(value)}" to type "{dotnet_name}". Error: "Unable to match the '
            f"identifier name {to_string(value)} to a valid enumerator name. Specify one of the following "
            f'enumerator names and try again:\n{names}"',
            category=ErrorCategory.InvalidArgument,
        )

    return convert


def _to_version(value: Any) -> Version:
    """``[version]'5.0.1'``: two to four dot-separated whole numbers, as Version.Parse reads
    them (learn.microsoft.com/dotnet/api/system.version.parse); anything else fails as PowerShell
    reports a failed Parse (LanguagePrimitives.cs ConvertViaParseMethod)."""
    if isinstance(value, Version):
        return value
    text = to_string(value).strip()
    parts = text.split(".")
    if not 2 <= len(parts) <= 4:
        cause = ("System.ArgumentException", "Version string portion was too short or too long. (Parameter 'input')")
    elif not all(part.isdigit() for part in parts):
        cause = ("System.FormatException", f"The input string '{parts[0]}' was not in a correct format.")
    else:
        return Version(text)
    raise cast_failure("InvalidCastParseTargetInvocation", to_string(value), "System.Version", cause)


_CASTS.update(
    {
        "version": _to_version,
        "regex": lambda v: v if isinstance(v, RegexValue) else RegexValue(to_string(v)),
        "text.regularexpressions.regex": lambda v: v if isinstance(v, RegexValue) else RegexValue(to_string(v)),
        "management.automation.errorcategory": _to_enum(ErrorCategory, "System.Management.Automation.ErrorCategory"),
        "management.automation.actionpreference": _to_enum(
            ActionPreference, "System.Management.Automation.ActionPreference"
        ),
    }
)


def convert_to(value: Any, type_name: str) -> Any:
    """``[type]value`` for the types the subset knows (see ``_CASTS``)."""
    key = type_name.lower()
    convert = _CASTS.get(key) or _CASTS.get(key.removeprefix("system."))
    if convert is None:
        raise EmulatorStop(f"the type [{type_name}]")
    return convert(value)


def is_instance(value: Any, type_name: str) -> bool:
    """``-is [type]`` for the known types."""
    key = type_name.lower().removeprefix("system.")
    checks: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str) and not isinstance(v, Char),
        "char": lambda v: isinstance(v, Char),
        "char[]": lambda v: isinstance(v, CharArray),
        "byte[]": lambda v: isinstance(v, ByteArray),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "int32": lambda v: isinstance(v, int) and not isinstance(v, bool) and -(2**31) <= v < 2**31,
        "bool": lambda v: isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list | tuple),
        "object[]": lambda v: isinstance(v, list | tuple) and not isinstance(v, TypedArray),
        "string[]": lambda v: isinstance(v, StringArray),
        "int[]": lambda v: isinstance(v, Int32Array),
        "int32[]": lambda v: isinstance(v, Int32Array),
        "hashtable": lambda v: isinstance(v, Hashtable),
        "datetime": lambda v: isinstance(v, dt.datetime),
        "pscustomobject": lambda v: isinstance(v, PSObject),
        "double": lambda v: isinstance(v, float),
        "object": lambda v: v is not None,
        "management.automation.errorrecord": lambda v: isinstance(v, ErrorRecord),
        # a [pscustomobject] is a PSObject; so is what Select-Object or Import-Csv makes
        "psobject": lambda v: isinstance(v, PSObject),
        "management.automation.psobject": lambda v: isinstance(v, PSObject),
        # the interfaces scripts test collections with (a string is IEnumerable in .NET too)
        "collections.idictionary": lambda v: isinstance(v, dict),
        "collections.ienumerable": lambda v: isinstance(v, list | tuple | dict | str),
        "collections.icollection": lambda v: isinstance(v, list | tuple | dict),
        "collections.ilist": lambda v: isinstance(v, list | tuple),
        "valuetype": lambda v: isinstance(v, bool | int | float | dt.datetime | dt.timedelta | uuid.UUID | Char),
    }
    check = checks.get(key)
    return check(value) if check else type_name_of(value).lower() == type_name.lower()


# --- comparison ----------------------------------------------------------------------------------


def _coerce_like(left: Any, right: Any) -> Any:
    """Convert the right operand to the left one's type, as PowerShell's comparisons do."""
    if isinstance(left, bool):
        return is_true(right)
    if isinstance(left, enum.IntEnum) and isinstance(right, str):
        return _enum_named(type(left), right)
    if isinstance(left, int | float) and isinstance(right, str):
        try:
            return to_number(right)
        except RuntimeFailure:
            return right
    if isinstance(left, str) and right is not None and not isinstance(right, str):
        return to_string(right)
    if isinstance(left, dt.datetime) and right is not None:
        try:
            return _same_clock(left, convert_to(right, "datetime"))
        except RuntimeFailure:
            return right
    if isinstance(left, Version) and right is not None:
        return _to_version(right)  # '6.0' converts; what does not is the cast's error
    return right


def _same_clock(left: dt.datetime, right: dt.datetime) -> dt.datetime:
    """``right`` on ``left``'s kind of clock: .NET compares DateTimes by their ticks whatever their
    Kind, so a parsed (unzoned) date compares with Get-Date's by the wall clock."""
    return right.replace(tzinfo=left.tzinfo) if (left.tzinfo is None) != (right.tzinfo is None) else right


def _enum_named(kind: type[enum.Enum], name: str) -> Any:
    """The member of an enum a string names, case-insensitively, as PowerShell converts the right
    operand of ``-eq`` to the left one's enum type; the string itself when it names none."""
    wanted = name.strip().lower()
    return next((member for member in kind if member.name.lower() == wanted), name)


def _equal(left: Any, right: Any, cased: bool) -> bool:
    right = _coerce_like(left, right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right if cased else left.lower() == right.lower()
    if isinstance(left, int | float) and isinstance(right, str):
        return False
    try:
        return bool(left == right)
    except Exception:  # an incomparable pair is simply unequal
        return False


def _order(left: Any, right: Any, cased: bool) -> int:
    right = _coerce_like(left, right)
    if left is None or right is None:
        left_key, right_key = (0 if left is None else 1), (0 if right is None else 1)
        return (left_key > right_key) - (left_key < right_key)
    if isinstance(left, str):
        a, b = (left, to_string(right)) if cased else (left.lower(), to_string(right).lower())
        return (a > b) - (a < b)
    try:
        return int((left > right) - (left < right))
    except TypeError:
        raise RuntimeFailure(
            "ComparisonFailure", f'Cannot compare "{to_string(left)}" because it is not IComparable.'
        ) from None


@functools.lru_cache(maxsize=1000)
def wildcard(pattern: str, cased: bool = False) -> re.Pattern[str]:
    """A ``-like`` pattern (``*``, ``?``, ``[a-z]``; backtick escapes) as an anchored regex."""
    return re.compile(
        fnmatch.translate(pattern.replace("`*", "[*]").replace("`?", "[?]")), 0 if cased else re.IGNORECASE
    )


def _like(left: Any, right: Any, cased: bool) -> bool:
    return wildcard(to_string(right), cased).match(to_string(left)) is not None


# --- .NET regular expressions -------------------------------------------------------------------------
#
# PowerShell's -match/-replace/-split/Select-String/switch -Regex use .NET's Regex, case-insensitive
# unless the operator says c (about_Regular_Expressions). The ``regex`` package reads .NET's syntax:
# named groups (?<n>…) and (?'n'…), \k<n>, \z, \p{L}, mid-pattern (?i), variable-width lookbehind,
# atomic groups. Still different from .NET: \Z is end-of-input only (translated to (?=\n?\z) here);
# class subtraction [a-z-[aeiou]] and balancing groups (?<a-b>…) are not understood; \G and
# RegexOptions.ECMAScript/CultureInvariant have no equivalent; case-insensitive matching uses Unicode
# simple case folding, not the current culture's.


@functools.lru_cache(maxsize=1000)
def dotnet_regex(pattern: str, cased: bool = False) -> regex.Pattern[str]:
    """``pattern`` compiled as .NET would read it (PowerShell caches 1,000 per option set too)."""
    import regex

    try:
        return regex.compile(_dotnet_anchors(pattern), regex.V0 | (0 if cased else regex.IGNORECASE))
    except regex.error as error:
        raise RuntimeFailure(
            "InvalidRegularExpression", f"The regular expression pattern {pattern} is not valid."
        ) from error


def _dotnet_anchors(pattern: str) -> str:
    r""".NET's ``\Z`` (end, or before a final newline) in the ``regex`` package's terms."""
    return re.sub(r"(?<!\\)((?:\\\\)*)\\Z", r"\1(?=\\n?\\z)", pattern)


def _regex_error() -> type[Exception]:
    import regex

    error: type[Exception] = regex.error
    return error


class RegexValue:
    """A ``[regex]'pattern'``: compiled once, with its own options (none: case-sensitive), which
    ``-match``/``-replace``/``-split`` use as they are (about_Comparison_Operators)."""

    __slots__ = ("compiled", "pattern")
    ps_type_names = ("System.Text.RegularExpressions.Regex",)

    def __init__(self, pattern: str, *, cased: bool = True) -> None:
        self.pattern = pattern
        self.compiled = dotnet_regex(pattern, cased)

    def ps_to_string(self) -> str:
        return self.pattern


def compiled_pattern(pattern: Any, cased: bool) -> regex.Pattern[str]:
    """An operator's right-hand pattern: a ``[regex]`` as it is, text compiled with the
    operator's case rule."""
    if isinstance(pattern, RegexValue):
        return pattern.compiled
    return dotnet_regex(to_string(pattern), cased)


_ESCAPED = {"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def regex_escape(text: str) -> str:
    r"""[regex]::Escape: ``\ * + ? | { [ ( ) ^ $ . #`` and white space escaped, nothing else
    (``]`` and ``}`` stay: learn.microsoft.com/dotnet/api/system.text.regularexpressions.regex.escape)."""
    return "".join(_ESCAPED.get(c, "\\" + c) if c in "\\*+?|{[()^$.# \t\n\f\r" else c for c in text)


def regex_match(left: Any, pattern: Any, cased: bool = False) -> Hashtable | None:
    """``$Matches`` for a successful scalar match (numbered groups as int keys, named groups by
    name, 0 the whole match), else ``None`` (about_Automatic_Variables, ``$Matches``)."""
    found = compiled_pattern(pattern, cased).search(to_string(left))
    if found is None:
        return None
    table = Hashtable([(0, found.group(0))])
    names = {index: name for name, index in found.re.groupindex.items()}
    for index, group in enumerate(found.groups(), start=1):
        if group is not None:
            table[names.get(index, index)] = group
    return table


def _match(left: Any, right: Any, cased: bool) -> bool:
    return compiled_pattern(right, cased).search(to_string(left)) is not None


_SCALAR_COMPARISONS: dict[str, Callable[[Any, Any, bool], bool]] = {
    "eq": _equal,
    "ne": lambda a, b, c: not _equal(a, b, c),
    "gt": lambda a, b, c: _order(a, b, c) > 0,
    "ge": lambda a, b, c: _order(a, b, c) >= 0,
    "lt": lambda a, b, c: _order(a, b, c) < 0,
    "le": lambda a, b, c: _order(a, b, c) <= 0,
    "like": _like,
    "notlike": lambda a, b, c: not _like(a, b, c),
    "match": _match,
    "notmatch": lambda a, b, c: not _match(a, b, c),
}


def compare(op: str, left: Any, right: Any) -> Any:
    """A comparison operator; ``op`` without its dash, ``c`` prefix for case-sensitive."""
    cased = op.startswith("c") and op[1:] in _SCALAR_COMPARISONS | _CONTAINMENT
    bare = op[1:] if cased else op
    if bare in _CONTAINMENT:
        return _CONTAINMENT[bare](left, right, cased)
    test = _SCALAR_COMPARISONS[bare]
    if isinstance(left, list | tuple):
        return [item for item in left if test(item, right, cased)]
    return test(left, right, cased)


def _contains(collection: Any, item: Any, cased: bool) -> bool:
    return any(_equal(element, item, cased) for element in as_list(collection))


_CONTAINMENT: dict[str, Callable[[Any, Any, bool], bool]] = {
    "contains": _contains,
    "notcontains": lambda a, b, c: not _contains(a, b, c),
    "in": lambda a, b, c: _contains(b, a, c),
    "notin": lambda a, b, c: not _contains(b, a, c),
}


# --- arithmetic and the other binary operators ----------------------------------------------------


def _add(left: Any, right: Any) -> Any:
    if left is None:
        return right
    if isinstance(left, list | tuple):
        return [*left, *(right if isinstance(right, list | tuple) else [right])]
    if isinstance(left, Hashtable) and isinstance(right, dict):
        merged = left.copy()
        for key, value in right.items():
            if key in merged:
                raise RuntimeFailure(
                    "DuplicateKeyInHashLiteral",
                    f"Item has already been added. Key in dictionary: '{key}'  Key being added: '{key}'",
                )
            merged[key] = value
        return merged
    if isinstance(left, Char):  # a char adds as its code
        return _arith(left, right, lambda a, b: a + b)
    if isinstance(left, str):
        return left + to_string(right)
    if isinstance(left, dt.datetime | dt.timedelta) and isinstance(right, dt.timedelta):
        return left + right  # DateTime + TimeSpan, TimeSpan + TimeSpan (their op_Addition)
    return _arith(left, right, lambda a, b: a + b)


def _arith(left: Any, right: Any, op: Callable[[Any, Any], Any]) -> Any:
    a, b = to_number(left), to_number(right)
    result = op(a, b)
    if isinstance(result, int) and not -(2**63) <= result < 2**63:
        return float(result)
    return result


def _subtract(left: Any, right: Any) -> Any:
    if isinstance(left, dt.datetime) and isinstance(right, dt.datetime):
        return left - _same_clock(left, right)
    if isinstance(left, dt.datetime | dt.timedelta) and isinstance(right, dt.timedelta):
        return left - right  # DateTime - TimeSpan, TimeSpan - TimeSpan (their op_Subtraction)
    return _arith(left, right, lambda a, b: a - b)


def _multiply(left: Any, right: Any) -> Any:
    if isinstance(left, str) and not isinstance(left, Char):
        return left * int(to_number(right))
    if isinstance(left, list | tuple):
        return list(left) * int(to_number(right))
    return _arith(left, right, lambda a, b: a * b)


def _divide(left: Any, right: Any) -> Any:
    a, b = to_number(left), to_number(right)
    if b == 0:
        raise divide_by_zero()
    result = a / b
    return int(result) if isinstance(a, int) and isinstance(b, int) and result.is_integer() else result


def divide_by_zero() -> RuntimeFailure:
    """``1/0``: a RuntimeException around .NET's DivideByZeroException, id RuntimeException,
    category NotSpecified (NumericOps.cs Divide; RuntimeException.cs)."""
    message = "Attempted to divide by zero."
    return RuntimeFailure(
        "RuntimeException",
        message,
        category=ErrorCategory.NotSpecified,
        inner=(("System.DivideByZeroException", message),),
    )


def _modulo(left: Any, right: Any) -> Any:
    a, b = to_number(left), to_number(right)
    if b == 0:
        raise divide_by_zero()
    return math.fmod(a, b) if isinstance(a, float) or isinstance(b, float) else int(math.fmod(a, b))


def _as_char(value: Any) -> str | None:
    """A range bound that is a character: a char, or a one-character string that is no digit
    (parserutils.cs AsChar: ``'0'..'9'`` stays a range of numbers)."""
    if isinstance(value, Char):
        return str(value)
    if isinstance(value, str) and len(value) == 1 and not value.isdecimal():
        return value
    return None


def _range(left: Any, right: Any) -> list[Any]:
    """``a..b`` (ParserOps.RangeOperator in parserutils.cs): characters when both bounds are
    characters (``'a'..'e'``, PowerShell 6 and later), else whole numbers."""
    low, high = _as_char(left), _as_char(right)
    if low is not None and high is not None:
        step = 1 if ord(high) >= ord(low) else -1
        return [Char(chr(code)) for code in range(ord(low), ord(high) + step, step)]
    start, end = _to_int(left), _to_int(right)
    step = 1 if end >= start else -1
    return list(range(start, end + step, step))


def _replace(left: Any, right: Any, cased: bool) -> Any:
    pattern, *rest = as_list(right) or [""]
    compiled = compiled_pattern(pattern, cased)
    replacement = rest[0] if rest else ""
    if isinstance(replacement, ScriptBlockValue):
        block = replacement
        substitute: Callable[[Any], str] = lambda match: to_string(block.invoke(match))  # noqa: E731
    else:
        substitute = functools.partial(dotnet_substitution, to_string(replacement))
    if isinstance(left, list | tuple):
        return [compiled.sub(substitute, to_string(item)) for item in left]
    return compiled.sub(substitute, to_string(left))


_SUBSTITUTION = re.compile(r"\$(?:(\$)|(&)|(`)|(')|(\+)|(_)|(\d+)|\{(\w+)\})")


def dotnet_substitution(replacement: str, match: Any) -> str:
    """One .NET replacement (learn.microsoft.com, "Substitutions in Regular Expressions"): ``$1``
    (all following digits), ``${name}``, ``$$``, ``$&``, ``$```, ``$'``, ``$+``, ``$_``; a group that
    does not exist, and any backslash, stay literal."""

    def one(token: re.Match[str]) -> str:
        dollar, whole, before, after, last, everything, number, name = token.groups()
        if dollar:
            return "$"
        if whole:
            return str(match.group(0))
        if before or after:
            return str(match.string[: match.start()] if before else match.string[match.end() :])
        if last:
            return str(match.group(match.lastindex or 0) or "")
        if everything:
            return str(match.string)
        key: int | str = int(number) if number else int(name) if name.isdigit() else name
        try:
            return str(match.group(key) or "")
        except (IndexError, _regex_error()):
            return token.group(0)

    return _SUBSTITUTION.sub(one, replacement)


def _split(left: Any, right: Any, cased: bool) -> list[str]:
    """``-split``: a ``string[]`` (about_Split)."""
    pattern, *rest = as_list(right) or [r"\s+"]
    limit = _to_int(rest[0]) if rest else 0
    compiled = compiled_pattern(pattern, cased)
    result: list[str] = StringArray()
    for item in as_list(left):
        result.extend(compiled.split(to_string(item), maxsplit=max(limit - 1, 0)))
    return result


def _join(left: Any, right: Any) -> str:
    return to_string(right).join(to_string(item) for item in as_list(left))


def _logical(op: str) -> Callable[[Any, Any], bool]:
    table: dict[str, Callable[[bool, bool], bool]] = {
        "and": lambda a, b: a and b,
        "or": lambda a, b: a or b,
        "xor": lambda a, b: a != b,
    }
    return lambda left, right: table[op](is_true(left), is_true(right))


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _add,
    "-": _subtract,
    "*": _multiply,
    "/": _divide,
    "%": _modulo,
    "..": _range,
    "join": _join,
    "xor": _logical("xor"),
    "band": lambda a, b: _to_int(a) & _to_int(b),
    "bor": lambda a, b: _to_int(a) | _to_int(b),
    "bxor": lambda a, b: _to_int(a) ^ _to_int(b),
    "f": lambda a, b: format_operator(to_string(a), as_list(b) if isinstance(b, list | tuple) else [b]),
    "is": lambda a, b: is_instance(a, b),
    "isnot": lambda a, b: not is_instance(a, b),
    "as": lambda a, b: _safe_cast(a, b),
}


def _safe_cast(value: Any, type_name: str) -> Any:
    try:
        return convert_to(value, type_name)
    except RuntimeFailure:
        return None


def binary(op: str, left: Any, right: Any) -> Any:
    """Every binary operator but ``-and``/``-or`` (which short-circuit in the runner)."""
    cased = op.startswith("c") and op[1:] in ("replace", "split")
    bare = op[1:] if cased else op
    if bare == "replace":
        return _replace(left, right, cased)
    if bare == "split":
        return _split(left, right, cased)
    operation = _BINARY.get(op)
    if operation is not None:
        return operation(left, right)
    return compare(op, left, right)


# --- the -f operator and ToString(format) --------------------------------------------------------

_FORMAT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}")


def format_operator(template: str, arguments: list[Any]) -> str:
    """.NET composite formatting: ``{0}``, ``{0,-10}``, ``{0:N2}``, ``{0:yyyy-MM-dd}``."""

    def item(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        index = int(match.group(1))
        if index >= len(arguments):
            raise RuntimeFailure(
                "FormatError",
                "Error formatting a string: Index (zero based) must be greater "
                "than or equal to zero and less than the size of the argument list..",
            )
        text = format_value(arguments[index], match.group(3) or "")
        width = int(match.group(2) or 0)
        return text.ljust(-width) if width < 0 else text.rjust(width)

    return _FORMAT_ITEM.sub(item, template)


_DATE_TOKENS = [
    ("yyyy", "%Y"),
    ("yy", "%y"),
    ("MMMM", "%B"),
    ("MMM", "%b"),
    ("MM", "%m"),
    ("dddd", "%A"),
    ("ddd", "%a"),
    ("dd", "%d"),
    ("HH", "%H"),
    ("hh", "%I"),
    ("mm", "%M"),
    ("ss", "%S"),
    ("tt", "%p"),
    ("fff", "%f"),
]


#: Single-letter .NET date specifiers, as ParseExact reads them (one or two digits).
_SHORT_DATE_TOKENS = [("M", "%m"), ("d", "%d"), ("H", "%H"), ("h", "%I"), ("m", "%M"), ("s", "%S")]
_STANDARD_DATE_FORMATS = {
    "d": "%m/%d/%Y",
    "D": "%A, %B %d, %Y",
    "s": "%Y-%m-%dT%H:%M:%S",
    "u": "%Y-%m-%d %H:%M:%SZ",
    "o": "%Y-%m-%dT%H:%M:%S.%f0",
    "t": "%I:%M %p",
    "T": "%I:%M:%S %p",
    "g": "%m/%d/%Y %I:%M %p",
    "G": "%m/%d/%Y %I:%M:%S %p",
    "": "%m/%d/%Y %H:%M:%S",
}


def strptime_format(form: str) -> str:
    """A .NET custom date format as a ``strptime`` one (``dd/MM/yyyy`` → ``%d/%m/%Y``)."""
    if form in _STANDARD_DATE_FORMATS:
        return _STANDARD_DATE_FORMATS[form]
    tokens = [*_DATE_TOKENS, *_SHORT_DATE_TOKENS]
    pattern = "|".join(re.escape(token) for token, _ in tokens)
    mapping = dict(tokens)
    return re.sub(pattern, lambda m: mapping[m.group()], form.replace("%", "%%"))


def format_value(value: Any, form: str) -> str:
    if isinstance(value, dt.datetime):
        return format_date(value, form)
    if isinstance(value, dt.timedelta):
        return format_timespan(value, form)
    if form and isinstance(value, int | float) and not isinstance(value, bool):
        return _format_number(value, form)
    return to_string(value)


def _fixed(value: int | float, digits: int, grouping: str = "") -> str:
    """``value`` with ``digits`` decimals, a tie rounded away from zero as .NET's number formats
    round it (``'{0:N0}' -f 2.5`` is ``3``; Python's own formatting rounds a tie to even)."""
    exact = decimal.Decimal(value).quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)
    return format(exact, f"{grouping}.{digits}f")


def _format_number(value: int | float, form: str) -> str:
    kind, digits = form[:1].upper(), form[1:]
    if kind == "N":
        return _fixed(value, int(digits or 2), ",")
    if kind == "F":
        return _fixed(value, int(digits or 2))
    if kind == "D":
        return str(int(value)).zfill(int(digits or 0))
    if kind == "P":  # en-US as ICU has it, "n%" (.NET 5+ formats with ICU: "Globalization and ICU")
        return _fixed(value * 100, int(digits or 2), ",") + "%"
    if kind == "C":  # en-US with ICU: "$1,234.50", "-$1,234.50"
        text = _fixed(abs(value), int(digits or 2), ",")
        return f"-${text}" if value < 0 else f"${text}"
    if kind == "X":
        return format(int(value), "X" if form[0] == "X" else "x").zfill(int(digits or 0))
    if set(form) <= set("0#,."):
        decimals = len(form.split(".")[1]) if "." in form else 0
        text = f"{value:{',' if ',' in form else ''}.{decimals}f}"
        return text.zfill(form.split(".")[0].count("0")) if "," not in form else text
    custom = _custom_whole_number(value, form) if isinstance(value, int) else None
    return to_string(value) if custom is None else custom


def _format_tokens(form: str) -> list[tuple[bool, str]] | None:
    """A custom format as (is a digit placeholder, text) pairs; ``None`` when it has a part
    only fractional numbers use (``.``, ``,``, ``%``, ``E``, sections)."""
    tokens: list[tuple[bool, str]] = []
    i = 0
    while i < len(form):
        char = form[i]
        if char == "\\" and i + 1 < len(form):
            tokens.append((False, form[i + 1]))
            i += 2
        elif char in "'\"":
            end = form.find(char, i + 1)
            end = len(form) if end < 0 else end  # an unclosed quote runs to the end
            tokens.append((False, form[i + 1 : end]))
            i = end + 1
        elif char in ".,%Ee;":
            return None
        else:
            tokens.append((char in "0#", char))
            i += 1
    return tokens if any(placeholder for placeholder, _ in tokens) else None


def _custom_whole_number(value: int, form: str) -> str | None:
    """.NET's custom numeric format for a whole number, as phone numbers are written
    (``"{0:(###) ###-####}" -f 4255550100``): digits fill the ``0``/``#`` placeholders from the
    right, digits left over go before the first one, everything else is literal (``\\`` escapes
    one character, quotes a run). See "Custom numeric format strings" on learn.microsoft.com."""
    tokens = _format_tokens(form)
    if tokens is None:
        return None
    slots = [k for k, (placeholder, _) in enumerate(tokens) if placeholder]
    out = [text for _, text in tokens]
    remaining = str(abs(value))
    for k in reversed(slots):
        out[k] = remaining[-1:] or ("0" if tokens[k][1] == "0" else "")
        remaining = remaining[:-1]
    out[slots[0]] = remaining + out[slots[0]]
    return ("-" if value < 0 else "") + "".join(out)


def iterate_pairs(table: dict[Any, Any]) -> Iterator[tuple[Any, Any]]:
    yield from table.items()
