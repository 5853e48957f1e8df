"""The .NET static members and small objects admin scripts use around the cmdlets.

``[char]::IsDigit``, ``[Text.Encoding]::UTF8.GetBytes``, ``[Convert]::ToBase64String``,
``[uri]::EscapeDataString``, ``[System.Web.HttpUtility]::UrlEncode``, ``[array]::IndexOf``,
``HashSet[T]`` and ``[Environment]::OSVersion``, as .NET 8 (PowerShell 7.4) on Linux gives them.
Each follows its reference page on learn.microsoft.com/dotnet/api; a .NET exception a method
throws is PowerShell's MethodInvocationException around it, an argument that does not convert
its MethodException (CoreAdapter.cs, MiscOps.cs ConvertToArgumentConversionException).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import html
import math
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model.arrays import StringArray
from ..powershell.errors import ErrorCategory
from .errors import RuntimeFailure, method_threw
from .values import (
    CORE_LIBRARY,
    ByteArray,
    Char,
    Hashtable,
    PSObject,
    Version,
    as_list,
    to_byte,
    to_byte_array,
    to_char,
    to_number,
    to_string,
)

__all__ = [
    "ENCODINGS",
    "DateTimeOffset",
    "Dictionary",
    "HashSet",
    "TextEncoding",
    "new_dictionary",
    "new_hash_set",
    "static_methods",
    "static_properties",
    "type_arguments",
]


class MethodArgumentFailure(RuntimeFailure):
    """An argument PowerShell could not convert to the parameter's type: a MethodException
    (ExtendedTypeSystem.resx MethodArgumentConversionException)."""

    category = ErrorCategory.NotSpecified
    exception_type = "System.Management.Automation.MethodException"


def _argument(method: str, parameter: str, target: str, convert: Callable[[Any], Any], value: Any) -> Any:
    """``value`` converted for ``method``'s ``parameter``, or PowerShell's MethodException."""
    try:
        return convert(value)
    except RuntimeFailure as failure:
        message = (
            f'Cannot convert argument "{parameter}", with value: "{to_string(value)}", for "{method}" to type '
            f'"{target}": "{failure.message}"'
        )
        raise MethodArgumentFailure("MethodArgumentConversionInvalidCastArgument", message) from None


def _threw(method: str, args: list[Any], exception: str, message: str) -> RuntimeFailure:
    return method_threw(method, args, exception, message)


def _bytes(method: str, value: Any, parameter: str = "inArray") -> bytes:
    converted = _argument(method, parameter, "System.Byte[]", to_byte_array, value)
    return bytes(converted)


def _one(method: str, args: list[Any]) -> Any:
    if len(args) != 1:
        from .errors import no_overload

        raise no_overload(method, len(args))
    return args[0]


# --- System.Char ---------------------------------------------------------------------------------


def _char_test(name: str, test: Callable[[str], bool]) -> Callable[[list[Any]], bool]:
    """Char.IsX(c) and Char.IsX(s, index)."""

    def call(args: list[Any]) -> bool:
        if len(args) == 2:
            text, index = to_string(args[0]), int(to_number(args[1]))
            if not 0 <= index < len(text):
                raise _threw(
                    name,
                    args,
                    "ArgumentOutOfRangeException",
                    "Index was out of range. Must be non-negative and less than the size of the collection. "
                    "(Parameter 'index')",
                )
            return test(text[index])
        (value,) = args
        return test(_argument(name, "c", "System.Char", to_char, value))

    return call


def _is_punctuation(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c).startswith("P")


def _is_symbol(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c).startswith("S")


def _is_white_space(c: str) -> bool:
    return c.isspace() or c in "\x85\xa0"


def _char_methods() -> dict[str, Callable[[list[Any]], Any]]:
    tests: dict[str, Callable[[str], bool]] = {
        "IsDigit": lambda c: c.isdecimal(),
        "IsNumber": lambda c: c.isnumeric(),
        "IsLetter": lambda c: c.isalpha(),
        "IsLetterOrDigit": lambda c: c.isalpha() or c.isdecimal(),
        "IsUpper": lambda c: c.isupper(),
        "IsLower": lambda c: c.islower(),
        "IsWhiteSpace": _is_white_space,
        "IsPunctuation": _is_punctuation,
        "IsSymbol": _is_symbol,
        "IsControl": lambda c: ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0,
    }
    methods: dict[str, Callable[[list[Any]], Any]] = {
        name.lower(): _char_test(name, test) for name, test in tests.items()
    }
    methods["toupper"] = lambda a: Char(_argument("ToUpper", "c", "System.Char", to_char, a[0]).upper())
    methods["tolower"] = lambda a: Char(_argument("ToLower", "c", "System.Char", to_char, a[0]).lower())
    methods["converttoutf32"] = lambda a: ord(to_char(a[0]))
    methods["convertfromutf32"] = lambda a: chr(int(to_number(a[0])))
    methods["getnumericvalue"] = lambda a: _numeric_value(to_char(a[0]))
    return methods


def _numeric_value(c: str) -> float:
    import unicodedata

    return float(unicodedata.numeric(c, -1.0))


# --- System.Text.Encoding --------------------------------------------------------------------------


class TextEncoding:
    """One of Encoding's static encodings: GetBytes, GetString, GetByteCount, GetCharCount.
    ASCII writes ``?`` for what it cannot encode and reads ``?`` for a byte above 127; UTF-8
    reads U+FFFD for an invalid sequence (the encodings' replacement fallbacks)."""

    __slots__ = ("code_page", "codec", "name", "preamble", "type_name", "web_name")

    def __init__(
        self, type_name: str, codec: str, web_name: str, name: str, code_page: int, preamble: bytes = b""
    ) -> None:
        self.type_name, self.codec, self.web_name, self.name, self.code_page = (
            type_name,
            codec,
            web_name,
            name,
            code_page,
        )
        #: GetPreamble(): the byte order mark File.WriteAllText writes first.
        self.preamble = preamble

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (self.type_name, "System.Text.Encoding", "System.Object")

    def ps_to_string(self) -> str:
        return self.type_name

    def to_ps(self) -> dict[str, Any]:
        return {
            "BodyName": self.web_name,
            "EncodingName": self.name,
            "HeaderName": self.web_name,
            "WebName": self.web_name,
            "IsSingleByte": self.codec == "ascii",
            "CodePage": self.code_page,
        }

    def encode(self, text: str) -> bytes:
        return text.encode(self.codec, errors="replace" if self.codec == "ascii" else "surrogatepass")

    def decode(self, data: bytes) -> str:
        return (
            data.decode(self.codec, errors="replace").replace("\ufffd", "?")
            if self.codec == "ascii"
            else (data.decode(self.codec, errors="replace"))
        )

    def get_bytes(self, args: list[Any]) -> ByteArray:
        if len(args) != 1:
            from .errors import no_overload

            raise no_overload("GetBytes", len(args))
        if args[0] is None:  # GetBytes(char[] chars) takes $null first
            raise _threw("GetBytes", args, "ArgumentNullException", "Array cannot be null. (Parameter 'chars')")
        text = "".join(to_string(c) for c in args[0]) if isinstance(args[0], list) else to_string(args[0])
        return ByteArray(self.encode(text))

    def get_string(self, args: list[Any]) -> str:
        if args and args[0] is None:
            raise _threw("GetString", args, "ArgumentNullException", "Value cannot be null. (Parameter 'bytes')")
        data = _bytes("GetString", args[0], "bytes")
        if len(args) == 3:
            start, count = int(to_number(args[1])), int(to_number(args[2]))
            data = data[start : start + count]
        return self.decode(data)

    def methods(self) -> dict[str, Callable[[list[Any]], Any]]:
        """Its own methods by lower-case name (GetType and the rest are every object's)."""
        return {
            "getbytes": self.get_bytes,
            "getstring": self.get_string,
            "getbytecount": lambda a: len(self.get_bytes(a)),
            "getcharcount": lambda a: len(self.get_string(a)),
            "tostring": lambda a: self.type_name,
        }


#: Encoding's static properties (learn.microsoft.com/dotnet/api/system.text.encoding): on .NET
#: Core, Default is UTF-8 too.
ENCODINGS = {
    "utf8": TextEncoding(
        "System.Text.UTF8Encoding+UTF8EncodingSealed", "utf-8", "utf-8", "Unicode (UTF-8)", 65001, b"\xef\xbb\xbf"
    ),
    "ascii": TextEncoding("System.Text.ASCIIEncoding+ASCIIEncodingSealed", "ascii", "us-ascii", "US-ASCII", 20127),
    "unicode": TextEncoding("System.Text.UnicodeEncoding", "utf-16-le", "utf-16", "Unicode", 1200, b"\xff\xfe"),
    "bigendianunicode": TextEncoding(
        "System.Text.UnicodeEncoding", "utf-16-be", "utf-16BE", "Unicode (Big-Endian)", 1201, b"\xfe\xff"
    ),
    "utf32": TextEncoding(
        "System.Text.UTF32Encoding", "utf-32-le", "utf-32", "Unicode (UTF-32)", 12000, b"\xff\xfe\x00\x00"
    ),
    "latin1": TextEncoding("System.Text.Latin1Encoding", "latin-1", "iso-8859-1", "Western European (ISO)", 28591),
}
#: Encoding.Default on .NET Core: UTF-8 without a byte order mark.
ENCODINGS["default"] = TextEncoding(
    "System.Text.UTF8Encoding+UTF8EncodingSealed", "utf-8", "utf-8", "Unicode (UTF-8)", 65001
)


def new_utf8_encoding(args: list[Any]) -> TextEncoding:
    """``[System.Text.UTF8Encoding]::new($bom)``: with a byte order mark only when asked for."""
    from .values import is_true

    bom = bool(args) and is_true(args[0])
    return ENCODINGS["utf8"] if bom else ENCODINGS["default"]


# --- System.IO.File -------------------------------------------------------------------------------------


def _file_failure(method: str, args: list[Any], path: Path) -> RuntimeFailure:
    """A file that is not there: FileNotFoundException, or DirectoryNotFoundException when its
    folder is not there either (learn.microsoft.com/dotnet/api/system.io.file.readalltext)."""
    if not path.parent.is_dir():
        return _threw(method, args, "DirectoryNotFoundException", f"Could not find a part of the path '{path}'.")
    return _threw(method, args, "FileNotFoundException", f"Could not find file '{path}'.")


def _encoding_argument(args: list[Any], index: int) -> TextEncoding:
    found = args[index] if len(args) > index else None
    return found if isinstance(found, TextEncoding) else ENCODINGS["default"]


def _read(method: str, resolve: Callable[[str], Path], args: list[Any]) -> str:
    path = resolve(to_string(args[0]))
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise _file_failure(method, args, path) from None
    except OSError as failure:
        raise _threw(method, args, "IOException", failure.strerror or str(failure)) from None
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):  # a byte order mark wins over the encoding given, as StreamReader reads
            return data[len(bom) :].decode(codec, errors="replace")
    return _encoding_argument(args, 1).decode(data)


def _write(
    method: str,
    resolve: Callable[[str], Path],
    created: Callable[[], set[Path]],
    args: list[Any],
    text: str,
    *,
    append: bool,
) -> None:
    path = resolve(to_string(args[0]))
    encoding = _encoding_argument(args, 2)
    new = not path.exists()
    starts = new or not append or path.stat().st_size == 0
    try:
        with path.open("ab" if append else "wb") as handle:
            handle.write((encoding.preamble if starts else b"") + encoding.encode(text))
    except (FileNotFoundError, NotADirectoryError):
        raise _file_failure(method, args, path) from None
    except OSError as failure:
        raise _threw(method, args, "IOException", failure.strerror or str(failure)) from None
    if new:
        created().add(path)


def file_methods(
    resolve: Callable[[str], Path], created: Callable[[], set[Path]]
) -> dict[str, Callable[[list[Any]], Any]]:
    """File's read and write methods, on the run's files (relative paths from its location); a
    file they make is the run's (``created``), which Remove-Item may delete."""

    def lines_text(value: Any) -> str:
        return "".join(to_string(line) + "\n" for line in as_list(value))  # Environment.NewLine on Linux

    return {
        "readalltext": lambda a: _read("ReadAllText", resolve, a),
        "readalllines": lambda a: StringArray(_read("ReadAllLines", resolve, a).splitlines()),
        "readallbytes": lambda a: ByteArray(resolve(to_string(a[0])).read_bytes()),
        "writealltext": lambda a: _write("WriteAllText", resolve, created, a, to_string(a[1]), append=False),
        "writealllines": lambda a: _write("WriteAllLines", resolve, created, a, lines_text(a[1]), append=False),
        "appendalltext": lambda a: _write("AppendAllText", resolve, created, a, to_string(a[1]), append=True),
        "appendalllines": lambda a: _write("AppendAllLines", resolve, created, a, lines_text(a[1]), append=True),
    }


_ENCODING_NAMES = {
    "utf-8": "utf8",
    "utf8": "utf8",
    "us-ascii": "ascii",
    "ascii": "ascii",
    "utf-16": "unicode",
    "unicode": "unicode",
    "utf-16be": "bigendianunicode",
    "utf-32": "utf32",
    "iso-8859-1": "latin1",
    "latin1": "latin1",
}


def _get_encoding(args: list[Any]) -> TextEncoding:
    """Encoding.GetEncoding(name or code page)."""
    wanted = args[0]
    if isinstance(wanted, int) and not isinstance(wanted, bool):
        found = next((e for e in ENCODINGS.values() if e.code_page == wanted), None)
    else:
        found = ENCODINGS.get(_ENCODING_NAMES.get(to_string(wanted).lower(), ""))
    if found is None:
        shown = to_string(wanted)
        raise _threw(
            "GetEncoding",
            args,
            "ArgumentException",
            f"'{shown}' is not a supported encoding name. For information on defining a custom encoding, see the "
            "documentation for the Encoding.RegisterProvider method. (Parameter 'name')",
        )
    return found


# --- System.Convert --------------------------------------------------------------------------------

_BASE64_INVALID = (
    "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding "
    "characters, or an illegal character among the padding characters."
)


def _to_base64(args: list[Any]) -> str:
    data = _bytes("ToBase64String", args[0])
    if len(args) >= 3:
        start, count = int(to_number(args[1])), int(to_number(args[2]))
        data = data[start : start + count]
    return base64.b64encode(data).decode("ascii")


def _from_base64(args: list[Any]) -> ByteArray:
    """Convert.FromBase64String: white space is ignored; anything else not Base-64 fails."""
    (value,) = args
    if value is None:
        raise _threw("FromBase64String", args, "ArgumentNullException", "Value cannot be null. (Parameter 's')")
    text = re.sub(r"[ \t\r\n]", "", to_string(value))
    try:
        return ByteArray(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise _threw("FromBase64String", args, "FormatException", _BASE64_INVALID) from None


_DIGITS = "0123456789abcdef"


def _to_string_base(args: list[Any]) -> str:
    """Convert.ToString(value[, toBase]): base 2, 8, 10 or 16; a negative number in another base
    is its two's complement, as .NET writes it."""
    if len(args) == 1:
        return to_string(args[0])
    value, base = int(to_number(args[0])), int(to_number(args[1]))
    if base not in (2, 8, 10, 16):
        raise _threw("ToString", args, "ArgumentException", "Invalid Base. (Parameter 'toBase')")
    if base == 10:
        return str(value)
    bits = 32 if -(2**31) <= value < 2**32 else 64
    value &= (1 << bits) - 1
    text = ""
    while True:
        value, digit = divmod(value, base)
        text = _DIGITS[digit] + text
        if value == 0:
            return text


def _to_int_base(method: str, bits: int) -> Callable[[list[Any]], int]:
    """Convert.ToInt32/ToInt64(value[, fromBase])."""

    def call(args: list[Any]) -> int:
        if len(args) == 1:
            number = to_number(args[0], target=f"System.Int{bits}")
            return round(number) if isinstance(number, float) else int(number)
        text, base = to_string(args[0]).strip(), int(to_number(args[1]))
        if base not in (2, 8, 10, 16):
            raise _threw(method, args, "ArgumentException", "Invalid Base. (Parameter 'fromBase')")
        if base == 16:
            text = text.removeprefix("0x").removeprefix("0X")
        try:
            value = int(text, base)
        except ValueError:
            message = (
                "Could not find any recognizable digits."
                if not text
                else "Additional non-parsable characters are at the end of the string."
            )
            raise _threw(method, args, "FormatException", message) from None
        if base != 10 and value >= 1 << (bits - 1):
            value -= 1 << bits  # two's complement, as .NET reads a non-decimal number
        return value

    return call


# --- URIs ------------------------------------------------------------------------------------------


def _escape_data_string(args: list[Any]) -> str:
    """Uri.EscapeDataString: every character but RFC 3986's unreserved ones, as UTF-8 ``%XX``."""
    (value,) = args
    if value is None:
        raise _threw(
            "EscapeDataString", args, "ArgumentNullException", "Value cannot be null. (Parameter 'stringToEscape')"
        )
    return urllib.parse.quote(to_string(value), safe="-_.~")


def _unescape_data_string(args: list[Any]) -> str:
    (value,) = args
    if value is None:
        raise _threw(
            "UnescapeDataString", args, "ArgumentNullException", "Value cannot be null. (Parameter 'stringToUnescape')"
        )
    return urllib.parse.unquote(to_string(value))


def _lower_hex(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), text)


def _url_encode(*, lower: bool) -> Callable[[list[Any]], Any]:
    """HttpUtility.UrlEncode (lower-case hex) and WebUtility.UrlEncode (upper-case): a space is
    ``+``; letters, digits and ``-_.!*()`` stay; ``$null`` stays ``$null``."""

    def call(args: list[Any]) -> Any:
        if args[0] is None:
            return None
        encoded = urllib.parse.quote_plus(to_string(args[0]), safe="-_.!*()")
        return _lower_hex(encoded) if lower else encoded

    return call


def _url_decode(args: list[Any]) -> Any:
    return None if args[0] is None else urllib.parse.unquote_plus(to_string(args[0]))


def _html_encode(args: list[Any]) -> Any:
    """HttpUtility/WebUtility.HtmlEncode: ``& < > " '``, and Latin-1 letters 160-255 as ``&#N;``."""
    if args[0] is None:
        return None
    text = html.escape(to_string(args[0]), quote=True).replace("&#x27;", "&#39;")
    return "".join(f"&#{ord(c)};" if 160 <= ord(c) <= 255 else c for c in text)


def _html_decode(args: list[Any]) -> Any:
    return None if args[0] is None else html.unescape(to_string(args[0]))


# --- System.Array ----------------------------------------------------------------------------------


def _array_argument(method: str, value: Any) -> list[Any]:
    if value is None:
        raise _threw(method, [value], "ArgumentNullException", "Value cannot be null. (Parameter 'array')")
    return value if isinstance(value, list) else [value]


def _index_of(args: list[Any]) -> int:
    """Array.IndexOf(array, value[, start]): the first item Equals the value (case-sensitive
    for strings, as Object.Equals), else -1."""
    items = _array_argument("IndexOf", args[0])
    start = int(to_number(args[2])) if len(args) > 2 else 0
    return next((i for i in range(start, len(items)) if _dotnet_equals(items[i], args[1])), -1)


def _last_index_of(args: list[Any]) -> int:
    items = _array_argument("LastIndexOf", args[0])
    return next((i for i in reversed(range(len(items))) if _dotnet_equals(items[i], args[1])), -1)


def _dotnet_equals(item: Any, value: Any) -> bool:
    if isinstance(item, bool) != isinstance(value, bool):
        return False
    if isinstance(item, str) != isinstance(value, str):
        return False
    return bool(item == value)


def _reverse(args: list[Any]) -> None:
    """Array.Reverse(array): in place; writes nothing."""
    items = _array_argument("Reverse", args[0])
    items.reverse()


def _sort(args: list[Any]) -> None:
    """Array.Sort(array): in place, ordinal for strings (the default comparer's culture is en-US;
    case-insensitive first, as it sorts ``a`` before ``B``)."""
    items = _array_argument("Sort", args[0])
    items.sort(key=lambda v: (to_string(v).lower(), to_string(v).swapcase()) if isinstance(v, str) else v)


# --- System.Collections.Generic.HashSet[T] -------------------------------------------------------------


class HashSet(list[Any]):
    """A ``HashSet[T]``: its items without repeats, in the order added (a set with no removals
    enumerates so in .NET). Add and Remove say whether they changed it. Strings compare with
    case unless it was made with ``[StringComparer]::OrdinalIgnoreCase`` (or another IgnoreCase
    comparer)."""

    element = "System.Object"
    ignore_case = False

    def _key(self, value: Any) -> Any:
        if isinstance(value, str):
            return value.lower() if self.ignore_case else str(value)
        return value

    def has(self, value: Any) -> bool:
        key = self._key(value)
        return any(self._key(item) == key for item in self)

    def add(self, value: Any) -> bool:
        if self.has(value):
            return False
        self.append(value)
        return True

    def discard(self, value: Any) -> bool:
        key = self._key(value)
        for index, item in enumerate(self):
            if self._key(item) == key:
                del self[index]
                return True
        return False

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (
            f"System.Collections.Generic.HashSet`1[[{self.element}, {CORE_LIBRARY}]]",
            "System.Object",
        )

    def ps_to_string(self) -> str:
        return f"System.Collections.Generic.HashSet`1[{self.element}]"

    def methods(self) -> dict[str, Callable[[list[Any]], Any]]:
        """Its own methods by lower-case name (GetType and the rest are every object's)."""
        return {
            "add": lambda a: self.add(_one("Add", a)),
            "contains": lambda a: self.has(_one("Contains", a)),
            "remove": lambda a: self.discard(_one("Remove", a)),
            "unionwith": lambda a: self._each(self.add, _one("UnionWith", a)),
            "exceptwith": lambda a: self._each(self.discard, _one("ExceptWith", a)),
            "intersectwith": lambda a: self._keep(as_list(_one("IntersectWith", a))),
            "clear": lambda a: self.clear(),
            "tostring": lambda a: self.ps_to_string(),
        }

    def _each(self, change: Callable[[Any], bool], other: Any) -> None:
        """UnionWith/ExceptWith: each item of ``other`` added or removed; they return nothing."""
        for item in as_list(other):
            change(item)

    def _keep(self, other: list[Any]) -> None:
        keys = {self._key(item) for item in other if not isinstance(item, list | dict)}
        self[:] = [item for item in self if self._key(item) in keys]


class Dictionary(Hashtable):
    """A ``Dictionary[TKey, TValue]``: a hashtable whose string keys compare with case (unless made
    with an IgnoreCase StringComparer), whose Add of a key it has fails as .NET's does, and whose
    Remove says whether it removed (learn.microsoft.com/dotnet/api/system.collections.generic.dictionary-2)."""

    ignore_case = False
    arguments: tuple[str, ...] = ("System.Object", "System.Object")

    def _key(self, key: Any) -> Any:
        return super()._key(key) if self.ignore_case else key

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        inner = ",".join(f"[{name}, {CORE_LIBRARY}]" for name in self.arguments)
        return (f"System.Collections.Generic.Dictionary`2[{inner}]", "System.Object")

    def ps_to_string(self) -> str:
        return f"System.Collections.Generic.Dictionary`2[{','.join(self.arguments)}]"

    def copy(self) -> Dictionary:
        made = type(self)(self.items())
        made.ignore_case, made.arguments = self.ignore_case, self.arguments
        return made

    def methods(self) -> dict[str, Callable[[list[Any]], Any]]:
        """Its own methods by lower-case name (the rest are a hashtable's)."""
        return {"add": self._add, "remove": self._remove, "getenumerator": self._pairs}

    def _add(self, args: list[Any]) -> None:
        key, value = args
        if key in self:
            raise _threw(
                "Add",
                args,
                "ArgumentException",
                f"An item with the same key has already been added. Key: {to_string(key)}",
            )
        self[key] = value

    def _remove(self, args: list[Any]) -> bool:
        key = _one("Remove", args)
        if key not in self:
            return False
        del self[key]
        return True

    def _pairs(self, args: list[Any]) -> list[PSObject]:
        name = "System.Collections.Generic.KeyValuePair`2[" + ",".join(self.arguments) + "]"
        return [
            PSObject([("Key", key), ("Value", value)], (name, "System.ValueType", "System.Object"))
            for key, value in self.items()
        ]


#: The full names of the type arguments a script writes (about_Type_Accelerators).
_TYPE_ARGUMENTS = {
    "string": "System.String",
    "int": "System.Int32",
    "int32": "System.Int32",
    "long": "System.Int64",
    "int64": "System.Int64",
    "bool": "System.Boolean",
    "object": "System.Object",
    "psobject": "System.Management.Automation.PSObject",
    "pscustomobject": "System.Management.Automation.PSObject",
    "datetime": "System.DateTime",
    "guid": "System.Guid",
}


def type_arguments(type_name: str) -> tuple[str, ...]:
    """``Dictionary[string, object]``'s type arguments, by their full names."""
    inside = type_name.split("[", 1)[1].rsplit("]", 1)[0] if "[" in type_name else ""
    names = [part.strip() for part in inside.split(",") if part.strip()]
    return tuple(_TYPE_ARGUMENTS.get(name.lower().removeprefix("system."), name) for name in names)


def new_dictionary(args: list[Any]) -> Dictionary:
    """``[Dictionary[K, V]]::new()``, ``::new($comparer)``, ``::new($capacity)``."""
    made = Dictionary()
    for arg in args:
        if isinstance(arg, StringComparer):
            made.ignore_case = arg.ignore_case
        elif isinstance(arg, dict):
            for key, value in arg.items():
                made[key] = value
    return made


#: StringComparer's static comparers (learn.microsoft.com/dotnet/api/system.stringcomparer).
class StringComparer:
    __slots__ = ("ignore_case", "type_name")

    def __init__(self, type_name: str, ignore_case: bool) -> None:
        self.type_name, self.ignore_case = type_name, ignore_case

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (self.type_name, "System.StringComparer", "System.Object")


_COMPARERS = {
    "ordinal": StringComparer("System.OrdinalComparer", False),
    "ordinalignorecase": StringComparer("System.OrdinalIgnoreCaseComparer", True),
    "invariantculture": StringComparer("System.CultureAwareComparer", False),
    "invariantcultureignorecase": StringComparer("System.CultureAwareComparer", True),
    "currentculture": StringComparer("System.CultureAwareComparer", False),
    "currentcultureignorecase": StringComparer("System.CultureAwareComparer", True),
}


def new_hash_set(args: list[Any]) -> HashSet:
    """``[HashSet[T]]::new()``, ``::new($comparer)``, ``::new($items)``, ``::new($items, $comparer)``."""
    made = HashSet()
    items: Iterable[Any] = ()
    for arg in args:
        if isinstance(arg, StringComparer):
            made.ignore_case = arg.ignore_case
        else:
            items = as_list(arg)
    for item in items:
        made.add(item)
    return made


# --- System.DateTimeOffset -------------------------------------------------------------------------


class DateTimeOffset(PSObject):
    """A System.DateTimeOffset: a moment and its offset from UTC. Scripts read the Unix time of a
    token's expiry (ToUnixTimeSeconds, FromUnixTimeSeconds) and its DateTime/UtcDateTime
    (learn.microsoft.com/dotnet/api/system.datetimeoffset)."""

    __slots__ = ("moment",)

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
        offset = self.moment.utcoffset() or dt.timedelta(0)
        super().__init__(
            [
                ("DateTime", self.moment.replace(tzinfo=None)),
                ("UtcDateTime", self.moment.astimezone(dt.UTC)),
                ("LocalDateTime", self.moment),
                ("Offset", offset),
                ("Year", self.moment.year),
                ("Month", self.moment.month),
                ("Day", self.moment.day),
            ],
            ("System.DateTimeOffset", "System.ValueType", "System.Object"),
        )

    def methods(self) -> dict[str, Callable[[list[Any]], Any]]:
        seconds = self.moment.timestamp()
        return {
            "tounixtimeseconds": lambda a: math.floor(seconds),
            "tounixtimemilliseconds": lambda a: math.floor(seconds * 1000),
            "adddays": lambda a: DateTimeOffset(self.moment + dt.timedelta(days=float(to_number(a[0])))),
            "addhours": lambda a: DateTimeOffset(self.moment + dt.timedelta(hours=float(to_number(a[0])))),
            "addminutes": lambda a: DateTimeOffset(self.moment + dt.timedelta(minutes=float(to_number(a[0])))),
            "addseconds": lambda a: DateTimeOffset(self.moment + dt.timedelta(seconds=float(to_number(a[0])))),
        }

    def __repr__(self) -> str:  # its ToString(): the current culture's date and time and offset
        from ..model.culture import format_date

        offset = self.moment.utcoffset() or dt.timedelta(0)
        sign, minutes = ("+" if offset >= dt.timedelta(0) else "-"), abs(int(offset.total_seconds())) // 60
        return f"{format_date(self.moment, 'M/d/yyyy h:mm:ss tt')} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _from_unix(args: list[Any], scale: int) -> DateTimeOffset:
    """DateTimeOffset.FromUnixTimeSeconds/Milliseconds: that moment, at offset zero."""
    value = int(to_number(_one("FromUnixTimeSeconds" if scale == 1 else "FromUnixTimeMilliseconds", args)))
    return DateTimeOffset(dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=value / scale))


# --- System.Environment -----------------------------------------------------------------------------


def _os_version() -> PSObject:
    """Environment.OSVersion on Linux: Platform Unix and the kernel's release as the Version
    (.NET reads uname); ServicePack is empty."""
    release = os.uname().release if hasattr(os, "uname") else "0.0.0"
    parts = [int(p) for p in re.findall(r"\d+", release)[:4]] or [0, 0]
    while len(parts) < 2:
        parts.append(0)
    version = Version(".".join(map(str, parts)))
    return PSObject(
        [("Platform", "Unix"), ("ServicePack", ""), ("Version", version), ("VersionString", f"Unix {version}")],
        ("System.OperatingSystem", "System.Object"),
    )


def _not_a_number(text: str) -> str:
    return f"The input string '{text}' was not in a correct format."


def _decimal_round(args: list[Any]) -> float:
    """Decimal.Round(d[, decimals]): to even at the midpoint, on the decimal digits written."""
    import decimal

    places = int(to_number(args[1])) if len(args) > 1 else 0
    exact = decimal.Decimal(to_string(to_number(args[0])))
    return float(exact.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_EVEN))


def _random_file_name(args: list[Any]) -> str:
    """Path.GetRandomFileName(): eight and three random lower-case letters and digits."""
    import secrets

    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    name = "".join(secrets.choice(letters) for _ in range(11))
    return f"{name[:8]}.{name[8:]}"


def _change_extension(args: list[Any]) -> Any:
    """Path.ChangeExtension(path, extension): ``$null`` removes it; a dot is added if missing."""
    path, extension = args
    if path is None:
        return None
    text = to_string(path)
    stem = text[: text.rfind(".")] if "." in os.path.basename(text) else text
    if extension is None:
        return stem
    added = to_string(extension)
    return stem + ("" if added.startswith(".") or not added else ".") + added


# --- the tables ----------------------------------------------------------------------------------------


def static_methods() -> dict[str, dict[str, Callable[[list[Any]], Any]]]:
    """These types' static methods, by the type's lower-case name without ``System.``."""
    url = {
        "urlencode": _url_encode(lower=True),
        "urldecode": _url_decode,
        "htmlencode": _html_encode,
        "htmldecode": _html_decode,
    }
    return {
        "char": _char_methods(),
        "text.encoding": {"getencoding": _get_encoding},
        "convert": {
            "tobase64string": _to_base64,
            "frombase64string": _from_base64,
            "tostring": _to_string_base,
            "toint32": _to_int_base("ToInt32", 32),
            "toint64": _to_int_base("ToInt64", 64),
            "todouble": lambda a: float(to_number(a[0], target="System.Double")),
            "toboolean": _to_boolean,
            "tobyte": lambda a: to_byte(a[0]),
            "tochar": lambda a: to_char(a[0]),
        },
        "uri": {"escapedatastring": _escape_data_string, "unescapedatastring": _unescape_data_string},
        "web.httputility": url,
        "net.webutility": {**url, "urlencode": _url_encode(lower=False)},
        "string": {"new": _new_string},
        "bool": {
            "parse": _parse("Parse", _parse_bool, lambda t: f"String '{t}' was not recognized as a valid Boolean.")
        },
        "boolean": {
            "parse": _parse("Parse", _parse_bool, lambda t: f"String '{t}' was not recognized as a valid Boolean.")
        },
        "double": {
            "parse": _parse("Parse", _parse_double, lambda t: f"The input string '{t}' was not in a correct format.")
        },
        "decimal": {"round": _decimal_round},
        "threading.thread": {"sleep": lambda a: None},  # as Start-Sleep: the emulator does not wait
        "io.path": {
            "getrandomfilename": _random_file_name,
            "changeextension": _change_extension,
        },
        "datetimeoffset": {
            "fromunixtimeseconds": lambda a: _from_unix(a, 1),
            "fromunixtimemilliseconds": lambda a: _from_unix(a, 1000),
        },
        "array": {"indexof": _index_of, "lastindexof": _last_index_of, "reverse": _reverse, "sort": _sort},
    }


def _new_string(args: list[Any]) -> str:
    """``[string]::new(char, count)`` (a rule of dashes) and ``[string]::new(char[])``."""
    if len(args) == 2:
        count = int(to_number(args[1]))
        if count < 0:
            raise _threw(
                "new", args, "ArgumentOutOfRangeException", "Count cannot be less than zero. (Parameter 'count')"
            )
        return str(_argument("new", "c", "System.Char", to_char, args[0])) * count
    return "".join(to_string(c) for c in as_list(args[0]))


def _parse(method: str, parse: Callable[[str], Any], message: Callable[[str], str]) -> Callable[[list[Any]], Any]:
    """``[T]::Parse(text)``: the value, or .NET's FormatException."""

    def call(args: list[Any]) -> Any:
        text = to_string(_one(method, args))
        found = parse(text)
        if found is None:
            raise _threw(method, args, "FormatException", message(text))
        return found

    return call


def _parse_bool(text: str) -> bool | None:
    lowered = text.strip().lower()
    return lowered == "true" if lowered in ("true", "false") else None


def _parse_double(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        return None


_BOOL_PARSE = _parse("Parse", _parse_bool, lambda text: f"String '{text}' was not recognized as a valid Boolean.")


def _to_boolean(args: list[Any]) -> bool:
    """Convert.ToBoolean: a number is true when not zero, a string must be True or False."""
    value = args[0]
    if isinstance(value, str):
        if value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        raise _threw("ToBoolean", args, "FormatException", f"String '{value}' was not recognized as a valid Boolean.")
    return bool(to_number(value))


def _same(value: Any) -> Any:
    return value


def static_properties() -> dict[str, dict[str, Callable[[], Any]]]:
    """These types' static properties, keyed as :func:`static_methods`."""
    return {
        "text.encoding": {name: functools.partial(_same, encoding) for name, encoding in ENCODINGS.items()},
        "stringcomparer": {name: functools.partial(_same, comparer) for name, comparer in _COMPARERS.items()},
        "char": {"maxvalue": lambda: Char("\uffff"), "minvalue": lambda: Char("\0")},
        "environment": {"osversion": _os_version},
    }
