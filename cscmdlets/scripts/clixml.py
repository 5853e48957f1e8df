"""Export-Clixml and Import-Clixml's file format: PowerShell's serialization of objects as XML.

The format is [MS-PSRP] 2.2.5 (the same objects the remoting protocol carries), in an ``Objs``
root, indented as XmlCommands.cs's writer indents it. A primitive is one element (``<S>``,
``<I32>``, ``<B>``, ``<DT>``, ``<G>``, ``<Nil />``…); anything else an ``<Obj>`` with its type
names (``<TN>``, later ``<TNRef>``), a collection's ``<LST>`` or a hashtable's ``<DCT>``, and its
properties (``<Props>`` for a .NET object's, ``<MS>`` for a custom object's). Below ``depth``
levels an object is written as its ToString() text, as PowerShell's serializer does.

Reading gives back what PowerShell's deserializer gives: primitives as themselves, a
PSCredential rehydrated, any other object a property bag whose type names carry the
``Deserialized.`` prefix. A SecureString's text is written as PowerShell on Linux writes it,
its UTF-16 bytes in hex (SecureStringHelper.Protect: there is no DPAPI to encrypt with).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

from ..model.display import double_text, properties_of
from .members import CREDENTIAL
from .values import Hashtable, PSObject, SecureString, to_string, type_name_of

__all__ = ["dumps", "loads"]

_NAMESPACE = "http://schemas.microsoft.com/powershell/2004/04"
_CUSTOM = ("System.Management.Automation.PSCustomObject", "System.Object")
_ARRAY = ("System.Object[]", "System.Array", "System.Object")
_HASHTABLE = ("System.Collections.Hashtable", "System.Object")
_INT32 = range(-(2**31), 2**31)


# --- writing -----------------------------------------------------------------------------------


def dumps(objects: list[Any], depth: int = 2) -> str:
    """The file Export-Clixml writes for ``objects`` (one top-level element each)."""
    root = ET.Element("Objs", {"Version": "1.1.0.1", "xmlns": _NAMESPACE})
    writer = _Writer()
    for value in objects:
        root.append(writer.element(value, depth))
    ET.indent(root, "  ")
    return ET.tostring(root, encoding="unicode")


class _Writer:
    def __init__(self) -> None:
        self._objects = 0
        self._type_lists: dict[tuple[str, ...], int] = {}

    def element(self, value: Any, depth: int, name: str | None = None) -> ET.Element:
        primitive = _primitive(value)
        if primitive is not None:
            tag, text = primitive
            element = ET.Element(tag)
            element.text = text
        elif depth <= 0:  # too deep: its ToString() text
            element = ET.Element("S")
            element.text = _escaped(to_string(value))
        else:
            element = self._object(value, depth)
        if name is not None:
            element.set("N", _escaped(name))
        return element

    def _object(self, value: Any, depth: int) -> ET.Element:
        element = ET.Element("Obj", {"RefId": str(self._objects)})
        self._objects += 1
        if isinstance(value, list | tuple):
            element.append(self._type_names(_ARRAY))
            items = ET.SubElement(element, "LST")
            items.extend(self.element(item, depth - 1) for item in value)
        elif isinstance(value, dict):
            element.append(self._type_names(_HASHTABLE))
            entries = ET.SubElement(element, "DCT")
            for key, item in value.items():
                entry = ET.SubElement(entries, "En")
                entry.extend([self.element(key, depth - 1, "Key"), self.element(item, depth - 1, "Value")])
        elif isinstance(value, enum.Enum):
            element.append(self._type_names((type_name_of(value), "System.Enum", "System.ValueType", "System.Object")))
            ET.SubElement(element, "ToString").text = _escaped(to_string(value))
            element.append(self.element(int(value.value), 0))
        else:
            names = _type_names_of(value)
            element.append(self._type_names(names))
            custom = isinstance(value, PSObject) and names[0] != CREDENTIAL
            if not custom:  # a .NET object's ToString(): a PSCredential keeps Object's, its type name
                text = names[0] if isinstance(value, PSObject) else to_string(value)
                ET.SubElement(element, "ToString").text = _escaped(text)
            properties = ET.SubElement(element, "MS" if custom else "Props")
            properties.extend(self.element(item, depth - 1, key) for key, item in properties_of(value).items())
        return element

    def _type_names(self, names: tuple[str, ...]) -> ET.Element:
        known = self._type_lists.get(names)
        if known is not None:
            return ET.Element("TNRef", {"RefId": str(known)})
        self._type_lists[names] = number = len(self._type_lists)
        element = ET.Element("TN", {"RefId": str(number)})
        for name in names:
            ET.SubElement(element, "T").text = name
        return element


def _type_names_of(value: Any) -> tuple[str, ...]:
    """The object's type names down to System.Object, as PSTypeNames lists them."""
    names = tuple(getattr(value, "ps_type_names", None) or _CUSTOM)
    return names if names[-1] == "System.Object" else (*names, "System.Object")


def _primitive(value: Any) -> tuple[str, str | None] | None:
    """A value's one-element form: (tag, text), or ``None`` for an object."""
    if value is None:
        return "Nil", None
    if isinstance(value, bool):
        return "B", "true" if value else "false"
    if isinstance(value, enum.Enum):
        return None
    if isinstance(value, int):
        return ("I32" if value in _INT32 else "I64"), str(value)
    if isinstance(value, float):
        return "Db", double_text(value)
    if isinstance(value, str):
        return "S", _escaped(value)
    if isinstance(value, dt.datetime):
        return "DT", _round_trip(value)
    if isinstance(value, dt.timedelta):
        return "TS", _duration(value)
    if isinstance(value, uuid.UUID):
        return "G", str(value)
    if isinstance(value, SecureString):
        return "SS", value.plain_text().encode("utf-16-le").hex().upper()
    return None


def _escaped(text: str) -> str:
    """[MS-PSRP] 2.2.5.3.2: a control character, a surrogate, or ``_x`` that would read as an
    escape, written as ``_xHHHH_``."""

    def escape(match: re.Match[str]) -> str:
        return "".join(f"_x{ord(c):04X}_" for c in match.group(0))

    return _NEEDS_ESCAPE.sub(escape, text)


_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def _round_trip(value: dt.datetime) -> str:
    """XmlConvert's round-trip text: seven fraction digits at most, trailing zeros dropped."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += "." + f"{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return text
    if offset == dt.timedelta(0) and value.tzinfo is dt.UTC:
        return text + "Z"
    sign, minutes = ("-", -offset) if offset < dt.timedelta(0) else ("+", offset)
    hours, rest = divmod(int(minutes.total_seconds()) // 60, 60)
    return f"{text}{sign}{hours:02d}:{rest:02d}"


def _duration(value: dt.timedelta) -> str:
    """XmlConvert's xs:duration text of a TimeSpan (``PT1H30M``, ``-P1DT2S``, ``PT0S``)."""
    sign = "-" if value < dt.timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    fraction = f"{value.microseconds:06d}".rstrip("0")
    time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or fraction or not (value.days or time):
        time += f"{seconds}.{fraction}S" if fraction else f"{seconds}S"
    days = f"{value.days}D" if value.days else ""
    return f"{sign}P{days}" + (f"T{time}" if time else "")


# --- reading -----------------------------------------------------------------------------------


def loads(text: str) -> list[Any]:
    """The objects of an Export-Clixml file, as Import-Clixml gives them back.

    Raises:
        ValueError: the text is not such a file.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ValueError(str(error)) from None
    if _tag(root) != "Objs":
        raise ValueError(f"the root element is <{_tag(root)}>, not <Objs>")
    reader = _Reader()
    return [reader.value(child) for child in root]


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def _unescaped(text: str | None) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text or "")


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _date(text: str) -> dt.datetime:
    trimmed = re.sub(r"(\.\d{6})\d+", r"\1", text.strip()).replace("Z", "+00:00")
    return dt.datetime.fromisoformat(trimmed)


def _timespan(text: str) -> dt.timedelta:
    found = re.fullmatch(r"(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", text.strip())
    if found is None:
        raise ValueError(f"'{text}' is not a duration")
    sign, days, hours, minutes, seconds = found.groups()
    span = dt.timedelta(
        days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0), seconds=float(seconds or 0)
    )
    return -span if sign else span


def _secure(text: str) -> SecureString:
    return SecureString(bytes.fromhex(text.strip()).decode("utf-16-le"))


_PRIMITIVES: dict[str, Callable[[str], Any]] = {
    "S": _unescaped,
    "C": lambda text: chr(int(text)),
    "B": lambda text: text.strip().lower() == "true",
    "DT": _date,
    "TS": _timespan,
    "G": lambda text: uuid.UUID(text.strip()),
    "URI": _unescaped,
    "Version": str,
    "XD": _unescaped,
    "SBK": _unescaped,
    "SS": _secure,
    **{tag: lambda text: int(text) for tag in ("By", "SB", "U16", "I16", "U32", "I32", "U64", "I64")},
    **{tag: lambda text: float(text) for tag in ("Sg", "Db", "D")},
}


class _Reader:
    def __init__(self) -> None:
        self._objects: dict[str, Any] = {}
        self._type_lists: dict[str, tuple[str, ...]] = {}

    def value(self, element: ET.Element) -> Any:
        tag = _tag(element)
        if tag == "Nil":
            return None
        if tag == "Ref":
            return self._objects.get(element.get("RefId", ""))
        if tag == "Obj":
            return self._object(element)
        read = _PRIMITIVES.get(tag)
        if read is None:
            raise ValueError(f"<{tag}> is not an element of a serialized object")
        return read(element.text or "")

    def _object(self, element: ET.Element) -> Any:
        parts = {_tag(child): child for child in element}
        names = self._names(parts)
        collection = parts.get("LST", parts.get("IE", parts.get("STK", parts.get("QUE"))))
        value: Any
        if collection is not None:
            value = [self.value(item) for item in collection]
        elif "DCT" in parts:
            value = Hashtable(self._entries(parts["DCT"]))
        elif names and names[0] == CREDENTIAL:
            value = PSObject(self._properties(parts), (CREDENTIAL, "System.Object"))  # rehydrated
        elif not self._properties_in(parts) and "ToString" in parts:
            value = _unescaped(parts["ToString"].text)  # an enum, or an object known by its text
        else:
            value = PSObject(self._properties(parts), tuple(f"Deserialized.{name}" for name in names))
        ref = element.get("RefId")
        if ref is not None:
            self._objects[ref] = value
        return value

    def _names(self, parts: dict[str, ET.Element]) -> tuple[str, ...]:
        if "TN" in parts:
            names = tuple(_unescaped(t.text) for t in parts["TN"])
            self._type_lists[parts["TN"].get("RefId", "")] = names
            return names
        if "TNRef" in parts:
            return self._type_lists.get(parts["TNRef"].get("RefId", ""), ())
        return ()

    def _entries(self, entries: ET.Element) -> Iterator[tuple[Any, Any]]:
        for entry in entries:
            named = {child.get("N"): child for child in entry}
            key, item = named.get("Key"), named.get("Value")
            if key is not None:
                yield self.value(key), None if item is None else self.value(item)

    @staticmethod
    def _properties_in(parts: dict[str, ET.Element]) -> bool:
        return any(len(parts[tag]) for tag in ("Props", "MS") if tag in parts)

    def _properties(self, parts: dict[str, ET.Element]) -> list[tuple[str, Any]]:
        """Adapted then extended properties; an extended one of the same name wins (ETS)."""
        merged: dict[str, tuple[str, Any]] = {}
        for tag in ("Props", "MS"):
            for child in parts.get(tag, ()):
                name = _unescaped(child.get("N"))
                merged[name.lower()] = (name, self.value(child))
        return list(merged.values())
