"""Member access and the small safe list of methods scripts may call.

``$x.Name`` reads a property case-insensitively (PSObject, Hashtable key, a model's PowerShell
property, an ErrorRecord's parts); on a collection it enumerates the members of the items
(PowerShell 3's member enumeration). Methods are a fixed table per value kind — string
methods, list/hashtable helpers, DateTime arithmetic — and static calls a fixed table per
type (``[math]::Round``, ``[string]::IsNullOrEmpty``…). Anything else raises the error
PowerShell would raise (``MethodNotFound``) or, for unknown .NET types, an emulator stop.
Files and environment variables are read through the context's platform (:mod:`.host`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import math
import operator
import os
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..cmdlets.profiles import module_of
from ..model.arrays import Int32Array, StringArray, TypedArray
from ..model.culture import EN_US, INVARIANT, HintedDate, date_display, format_date, timespan_properties
from ..model.display import DictionaryEntry
from ..powershell.errors import ErrorCategory, ErrorRecord
from ..powershell.metadata import ActionPreference
from ..powershell.types import SwitchParameter, ps_string
from . import dotnet
from .errors import (
    EmulatorStop,
    MethodInvocationFailure,
    RuntimeFailure,
    method_not_found,
    method_threw,
    no_overload,
    null_method,
)
from .extended import AddedMember, add_member, added_members, find_added, read_added
from .host import Platform
from .script_cmdlet import (
    CONSOLE_BACKGROUND,
    CONSOLE_COLORS,
    CONSOLE_FOREGROUND,
    UNKNOWN_COLOR,
    ConsoleWriter,
    HostUserInterface,
    RawUserInterface,
    ScriptCmdlet,
    console_color,
    console_text,
    new_error_record,
    no_key_to_read,
)
from .values import (
    ArrayList,
    Char,
    CharArray,
    ExceptionValue,
    GenericList,
    Hashtable,
    OrderedDictionary,
    PSObject,
    Reference,
    RegexValue,
    ScriptBlockValue,
    SecureString,
    Stopwatch,
    StringBuilder,
    as_list,
    binary,
    convert_to,
    dotnet_regex,
    format_value,
    is_true,
    regex_escape,
    to_number,
    to_string,
    type_name_of,
)

__all__ = [
    "CONSTRUCTORS",
    "CREDENTIAL",
    "Context",
    "GenericList",
    "call_method",
    "call_static",
    "construct",
    "constructor_key",
    "current_culture",
    "escaped_exception",
    "get_member",
    "get_static",
    "has_static_method",
    "index_one",
    "invocation_of",
    "is_absent_type",
    "set_index",
    "set_member",
    "set_static",
]


class Context(Protocol):
    """What static members need from the runner: the clock, the seeded random source, the
    platform, and the engine (whose module generation decides which modules' types exist)."""

    platform: Platform
    #: The static .NET properties the script set, by ``type.property`` (lower case).
    statics: dict[str, Any]

    @property
    def engine(self) -> Any: ...

    def now(self) -> dt.datetime: ...

    def new_guid(self) -> str: ...

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None: ...


# --- properties ------------------------------------------------------------------------------------


def _properties(value: Any) -> dict[str, Any] | None:
    if isinstance(value, PSObject | type):  # a class's to_ps is not an object's properties
        return None
    ps_members = getattr(value, "ps_members", None)
    if callable(ps_members):
        return dict(ps_members())
    to_ps = getattr(value, "to_ps", None)
    return dict(to_ps()) if callable(to_ps) else None


def _lookup(table: dict[str, Any], name: str) -> Any:
    lowered = name.lower()
    for key, found in table.items():
        if key.lower() == lowered:
            return found
    return None


def _type_info(value: Any) -> PSObject:
    full = type_name_of(value)
    name = full.split("[[", 1)[0].rsplit(".", 1)[-1]  # a generic type's Name leaves out its arguments (List`1)
    return PSObject([("Name", name), ("FullName", full)], ("System.RuntimeType",))


class _CategoryInfo(PSObject):
    """ErrorCategoryInfo: ``"$($_.CategoryInfo)"`` is its GetMessage() text
    (``ObjectNotFound: (x:String) [Get-Owner], ItemNotFoundException``)."""

    __slots__ = ("text",)
    text: str

    def __repr__(self) -> str:
        return self.text


def _inner_exception(chain: Sequence[tuple[str, str]]) -> PSObject | None:
    """``.InnerException``: the first of ``chain`` (type, message), holding the rest."""
    if not chain:
        return None
    (type_name, message), rest = chain[0], chain[1:]
    fields = [("Message", message), ("InnerException", _inner_exception(rest))]
    return PSObject(fields, (type_name, "System.Exception"))


def error_view(record: ErrorRecord) -> dict[str, Any]:
    """The parts of an ErrorRecord scripts read (``$_.Exception.Message`` and friends)."""
    info = record.invocation
    own = record.message if record.exception_message is None else record.exception_message
    names = (record.exception_type, "System.Exception")
    chain = record.error.inner_exceptions if record.error is not None else ()
    exception = PSObject(
        [("Message", own), ("TypeName", record.exception_type), ("InnerException", _inner_exception(chain))], names
    )
    category = _CategoryInfo(
        [
            ("Category", record.category.name),
            ("Reason", record.reason),
            ("TargetName", "" if record.target_object is None else to_string(record.target_object)),
            ("Activity", record.activity),
        ],
        ("System.Management.Automation.ErrorCategoryInfo",),
    )
    category.text = record.category_info
    invocation = PSObject(
        [
            ("ScriptName", info.script_name),
            ("ScriptLineNumber", info.line_number),
            ("OffsetInLine", info.column),
            ("Line", info.line),
            ("MyCommand", CommandInfo([("Name", info.command_name)]) if info.command_name else None),
            ("InvocationName", info.command_name),
        ],
        ("System.Management.Automation.InvocationInfo",),
    )
    return {
        "Exception": exception,
        "FullyQualifiedErrorId": record.fully_qualified_error_id,
        "CategoryInfo": category,
        "TargetObject": record.target_object,
        "InvocationInfo": invocation,
        "ErrorDetails": None if record.exception_message is None else error_details([record.message]),
        "ScriptStackTrace": f"at <ScriptBlock>, {info.script_name or '<No file>'}: line {info.line_number}",
    }


_STOP_EXCEPTION = (
    "System.Management.Automation.ActionPreferenceStopException",
    "System.Management.Automation.RuntimeException",
    "System.SystemException",
    "System.Exception",
)


def escaped_exception(record: ErrorRecord, *, stopped: bool) -> PSObject:
    """The exception a terminating error ended the script with, which ``$Error`` keeps bare at
    ``[0]``, above the record (MshCommandRuntime.cs AppendDollarError: at the top level only). A
    Stop escalation's is the ActionPreferenceStopException holding the record (ExecutionExceptions.cs;
    about_Preference_Variables, ``$ErrorActionPreference`` example); otherwise the record's own."""
    if not stopped:
        own = error_view(record)["Exception"]
        return PSObject([*own.to_ps().items(), ("ErrorRecord", record)], own.type_names)
    message = (
        'The running command stopped because the preference variable "ErrorActionPreference" or common '
        f"parameter is set to Stop: {record.message}"
    )
    return PSObject(
        [("ErrorRecord", record), ("WasThrownFromThrowStatement", False), ("Message", message)], _STOP_EXCEPTION
    )


def _date_members(value: dt.datetime) -> dict[str, Any]:
    return {
        "Year": value.year,
        "Month": value.month,
        "Day": value.day,
        "Hour": value.hour,
        "Minute": value.minute,
        "Second": value.second,
        "Millisecond": value.microsecond // 1000,
        "DayOfWeek": value.strftime("%A"),
        "DayOfYear": value.timetuple().tm_yday,
        "Date": value.replace(hour=0, minute=0, second=0, microsecond=0),
        "DateTime": date_display(value),  # the script property Types.ps1xml gives every DateTime
        **({"DisplayHint": value.display_hint} if isinstance(value, HintedDate) else {}),
    }


def _psobject_member(value: Any) -> PSObject:
    """``$x.PSObject``: its ``Properties`` (Name/Value pairs) and ``TypeNames``."""
    table = value.to_ps() if isinstance(value, PSObject) else _properties(value) or {}
    kind = "NoteProperty" if isinstance(value, PSObject) else "Property"
    properties = [PSObject([("Name", k), ("Value", v), ("MemberType", kind)]) for k, v in table.items()]
    properties += [
        PSObject([("Name", m.name), ("Value", read_added(value, m, get_member)), ("MemberType", m.member_type)])
        for m in added_members(value)
    ]
    names = list(getattr(value, "ps_type_names", ("System.Object",)))
    return PSObject([("Properties", properties), ("TypeNames", names)])


def get_member(value: Any, name: str) -> Any:
    """``$value.name``: ``$null`` when there is no such member (not strict mode). Every value has
    the intrinsic Count and Length (about_Properties, "Intrinsic members"): ``$null`` has 0, a
    scalar 1 (PowerShell 3.0 and later)."""
    if value is None:
        return 0 if name.lower() in ("count", "length") else None
    lowered = name.lower()
    if lowered == "psobject":
        return _psobject_member(value)
    added = find_added(value, name)
    if added is not None:
        return read_added(value, added, get_member)
    if isinstance(value, Reference):
        return value.value if lowered == "value" else _intrinsic(value, lowered)
    if isinstance(value, PSObject):
        if value.has(name):
            return value.get(name)
        return _intrinsic(value, lowered)
    if isinstance(value, Hashtable):
        if name in value:
            return value[name]
        return {"count": len(value), "keys": list(value.keys()), "values": list(value.values())}.get(lowered)
    if isinstance(value, list | tuple):
        if lowered in ("count", "length"):
            return len(value)
        found: list[Any] = []
        _enumerate_member(value, name, found)
        return found[0] if len(found) == 1 else found or None
    if isinstance(value, dict):  # a model's nested object, as its to_ps() dump holds it
        return _lookup(value, name)
    return _scalar_member(value, name, lowered)


def _enumerate_member(items: list[Any] | tuple[Any, ...], name: str, found: list[Any]) -> None:
    """Member-access enumeration (about_Member-Access_Enumeration; EnumerableOps.PropertyGetter
    in PowerShell's engine): each element's member, a collection's items flattened into the
    result; an element without the member (``$null`` among them) adds nothing, and a nested
    collection without it is enumerated in turn. One result is the value itself, none ``$null``."""
    for item in items:
        value = get_member(item, name)
        if isinstance(value, list | tuple):
            found.extend(value)
        elif value is not None or _has_property(item, name):
            found.append(value)
        elif isinstance(item, list | tuple):
            _enumerate_member(item, name, found)


def _has_property(value: Any, name: str) -> bool:
    """Whether ``value`` has a property ``name`` (holding ``$null``, since it was read as that)."""
    if isinstance(value, PSObject):
        return value.has(name)
    if isinstance(value, Hashtable):
        return name in value
    table = value if isinstance(value, dict) else _properties(value)
    return table is not None and any(key.lower() == name.lower() for key in table)


def has_property(value: Any, name: str) -> bool:
    """Whether ``$value.name`` is a member, for strict mode from version 2 (Set-StrictMode): a
    hashtable's missing key and a collection's enumerated members still give ``$null``, and so
    does any object whose members the emulator does not list (it never fails a working script)."""
    lowered = name.lower()
    if lowered in ("count", "length", "psobject") or value is None or find_added(value, name) is not None:
        return True
    if isinstance(value, PSObject):
        return value.has(name)
    if isinstance(value, Reference):
        return lowered == "value"
    if isinstance(value, bool | int | float | str):
        return False  # their only members are the intrinsic Count and Length
    table = _member_table(value)
    return table is None or any(key.lower() == lowered for key in table)


def _member_table(value: Any) -> Mapping[str, Any] | None:
    if isinstance(value, Hashtable | list | tuple | dict):
        return None
    if isinstance(value, ErrorRecord):
        return error_view(value)
    if isinstance(value, dt.datetime):
        return _date_members(value)
    if isinstance(value, dt.timedelta):
        return timespan_properties(value)
    return _properties(value)


def _intrinsic(value: Any, lowered: str) -> Any:
    return 1 if lowered in ("count", "length") and value is not None else None


def _scalar_member(value: Any, name: str, lowered: str) -> Any:
    if isinstance(value, str):
        return len(value) if lowered == "length" else _intrinsic(value, lowered)
    if isinstance(value, ErrorRecord):
        return _member_or_intrinsic(error_view(value), value, name, lowered)
    if isinstance(value, dt.datetime):
        return _member_or_intrinsic(_date_members(value), value, name, lowered)
    if isinstance(value, dt.timedelta):
        return _member_or_intrinsic(timespan_properties(value), value, name, lowered)
    if isinstance(value, uuid.UUID):  # a Guid's one property is its text (PowerShell's type data)
        return str(value) if lowered == "guid" else _intrinsic(value, lowered)
    properties = _properties(value)
    if properties is not None:
        return _member_or_intrinsic(properties, value, name, lowered)
    return _intrinsic(value, lowered)


def _member_or_intrinsic(properties: dict[str, Any], value: Any, name: str, lowered: str) -> Any:
    """A property of the object's own; else its intrinsic Count/Length."""
    found = _lookup(properties, name)
    if found is not None or any(k.lower() == lowered for k in properties):
        return found
    return _intrinsic(value, lowered)


def error_details(args: list[Any]) -> PSObject:
    """``[System.Management.Automation.ErrorDetails]::new('text')`` (or a string assigned to a
    record's ErrorDetails, converted by that constructor)."""
    return PSObject(
        [("Message", to_string(args[0]) if args else ""), ("RecommendedAction", None)],
        ("System.Management.Automation.ErrorDetails",),
    )


def replaced_member(target: Any, name: str, value: Any) -> Any:
    """A copy of an immutable model with one PowerShell property changed, or ``None`` when the
    target is not such a model. ``$bridge.Name = 'x'`` then ``-Instance $bridge`` is how the
    cmdlet reference renames a bridge (Set-CsOnlineDialInConferencingBridge, example 2); the variable gets the copy.
    ``$record.ErrorDetails = 'text'`` gives an error record the message its views show (ErrorDetails.Message
    replaces Exception.Message there; ErrorPackage.cs)."""
    if isinstance(target, ErrorRecord) and name.lower() == "errordetails":
        details = get_member(value, "Message") if isinstance(value, PSObject) else value
        original = target.message if target.exception_message is None else target.exception_message
        if details is None or to_string(details) == "":
            return dataclasses.replace(target, message=original, exception_message=None)
        return dataclasses.replace(target, message=to_string(details), exception_message=original)
    fields = getattr(type(target), "model_fields", None)
    if not fields or not hasattr(target, "model_copy"):
        return None
    for field_name, info in fields.items():
        if (info.alias or field_name).lower() == name.lower():
            return target.model_copy(update={field_name: value})
    return None


def set_member(target: Any, name: str, value: Any) -> None:
    """``$x.name = value`` on a PSObject or Hashtable, a note a script added, a ``[ref]``'s
    Value; other objects are read-only here."""
    added = find_added(target, name)
    if added is not None and added.member_type == "NoteProperty":
        add_member(target, AddedMember(added.name, added.member_type, value))
    elif isinstance(target, Reference) and name.lower() == "value":
        target.value = value
    elif isinstance(target, PSObject):
        if not target.has(name):
            raise RuntimeFailure(
                "PropertyNotFound",
                f"The property '{name}' cannot be found on this object. "
                "Verify that the property exists and can be set.",
            )
        target.set(name, value)
    elif isinstance(target, Hashtable):
        target[name] = value
    elif isinstance(target, DictionaryEntry) and name.lower() in ("key", "name", "value"):
        setattr(target, "value" if name.lower() == "value" else "key", value)  # Name is an alias of Key
    elif target is None:
        raise RuntimeFailure(
            "PropertyNotFound",
            f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
        )
    else:
        raise RuntimeFailure("PropertyAssignmentException", f"'{name}' is a ReadOnly property.")


# --- instance methods --------------------------------------------------------------------------------


#: [System.StringSplitOptions] (learn.microsoft.com/dotnet/api/system.stringsplitoptions).
StringSplitOptions = enum.IntEnum("StringSplitOptions", {"None": 0, "RemoveEmptyEntries": 1, "TrimEntries": 2})


def _split_chars(text: str, args: list[Any]) -> list[str]:
    """String.Split: at each separator character, white space when none is given (empty parts
    kept); then the overloads' count (at most that many parts) and StringSplitOptions."""
    separators = "".join(to_string(a) for a in as_list(args[0])) if args else ""
    if args and args[0] == "":
        return [text]
    pattern = "|".join(re.escape(c) for c in separators) if separators else r"\s"
    count = next((int(a) for a in args[1:] if isinstance(a, int) and not isinstance(a, enum.IntEnum)), None)
    parts = re.split(pattern, text, maxsplit=max(count - 1, 0)) if count else re.split(pattern, text)
    options = sum(_split_option(a) for a in args[1:] if isinstance(a, enum.IntEnum | str))
    parts = [part.strip() for part in parts] if options & StringSplitOptions.TrimEntries else parts
    parts = [part for part in parts if part] if options & StringSplitOptions.RemoveEmptyEntries else parts
    return StringArray() if count == 0 else StringArray(parts)  # String.Split returns a string[]


def _split_option(value: Any) -> int:
    return int(value) if isinstance(value, enum.IntEnum) else int(StringSplitOptions[to_string(value)])


def _trim_chars(args: list[Any]) -> str | None:
    return "".join(to_string(a) for a in args) if args else None


_STRING_METHODS: dict[str, Callable[[str, list[Any]], Any]] = {
    "replace": lambda s, a: s.replace(to_string(a[0]), to_string(a[1])),
    "tolower": lambda s, a: s.lower(),
    "tolowerinvariant": lambda s, a: s.lower(),
    "toupper": lambda s, a: s.upper(),
    "toupperinvariant": lambda s, a: s.upper(),
    "trim": lambda s, a: s.strip(_trim_chars(a)),
    "trimstart": lambda s, a: s.lstrip(_trim_chars(a)),
    "trimend": lambda s, a: s.rstrip(_trim_chars(a)),
    "split": _split_chars,
    "startswith": lambda s, a: _fold(s, a).startswith(_fold(to_string(a[0]), a)),
    "endswith": lambda s, a: _fold(s, a).endswith(_fold(to_string(a[0]), a)),
    "contains": lambda s, a: _fold(to_string(a[0]), a) in _fold(s, a),
    "indexof": lambda s, a: _fold(s, a).find(_fold(to_string(a[0]), a), _start(a)),
    "lastindexof": lambda s, a: _fold(s, a).rfind(_fold(to_string(a[0]), a)),
    "substring": lambda s, a: _substring(s, a),
    "padleft": lambda s, a: s.rjust(int(to_number(a[0])), to_string(a[1]) if len(a) > 1 else " "),
    "padright": lambda s, a: s.ljust(int(to_number(a[0])), to_string(a[1]) if len(a) > 1 else " "),
    "tostring": lambda s, a: s,
    "equals": lambda s, a: _fold(s, a) == _fold(to_string(a[0]), a),
    "insert": lambda s, a: s[: int(to_number(a[0]))] + to_string(a[1]) + s[int(to_number(a[0])) :],
    "remove": lambda s, a: (
        s[: int(to_number(a[0]))] + (s[int(to_number(a[0])) + int(to_number(a[1])) :] if len(a) > 1 else "")
    ),
    "tochararray": lambda s, a: CharArray(Char(c) for c in s),
}


#: [System.StringComparison] (learn.microsoft.com/dotnet/api/system.stringcomparison): the odd
#: members ignore case.
StringComparison = enum.IntEnum(
    "StringComparison",
    {
        "CurrentCulture": 0,
        "CurrentCultureIgnoreCase": 1,
        "InvariantCulture": 2,
        "InvariantCultureIgnoreCase": 3,
        "Ordinal": 4,
        "OrdinalIgnoreCase": 5,
    },
)


def _fold(text: str, args: list[Any]) -> str:
    """``text`` as a string method compares it: lower-cased when a StringComparison argument
    (a member or its name) after the first ignores case."""
    for arg in args[1:]:
        member = arg if isinstance(arg, StringComparison) else None
        if isinstance(arg, str):
            member = next((m for m in StringComparison if m.name.lower() == arg.lower()), None)
        if member is not None:
            return text.lower() if member % 2 else text
    return text


def _start(args: list[Any]) -> int:
    """IndexOf's startIndex argument, if one is given."""
    return next((int(a) for a in args[1:] if isinstance(a, int) and not isinstance(a, enum.IntEnum | bool)), 0)


def _substring(text: str, args: list[Any]) -> str:
    start = int(to_number(args[0]))
    if start > len(text):
        raise RuntimeFailure(
            "ArgumentOutOfRangeException",
            'Exception calling "Substring" with "1" argument(s): "startIndex cannot be larger than '
            "length of string. (Parameter 'startIndex')\"",
        )
    if len(args) < 2:
        return text[start:]
    length = int(to_number(args[1]))
    if start + length > len(text):
        raise RuntimeFailure(
            "ArgumentOutOfRangeException",
            'Exception calling "Substring" with "2" argument(s): "Index and length must refer to a '
            "location within the string. (Parameter 'length')\"",
        )
    return text[start : start + length]


def _list_add(items: list[Any], args: list[Any]) -> int | None:
    items.append(args[0] if args else None)
    return None if isinstance(items, GenericList) else len(items) - 1


def _list_remove(items: list[Any], args: list[Any]) -> None:
    for index, item in enumerate(items):
        if item == args[0]:
            del items[index]
            return


def _list_filter(items: list[Any], args: list[Any]) -> list[Any]:
    """``.Where({ … }[, mode[, count]])`` (about_Arrays, "Where"): the mode picks what the
    matches give; a count above 0 limits it. The block runs only as far as the mode needs."""
    block = args[0]
    if not isinstance(block, ScriptBlockValue):
        raise method_not_found("System.Object[]", "Where")
    mode = to_string(args[1]).lower() if len(args) > 1 else "default"
    if mode not in _WHERE_MODES:
        raise RuntimeFailure(
            "MethodArgumentConversionInvalidCastArgument",
            f'Cannot convert argument "mode", with value: "{to_string(args[1])}", for "Where" to type '
            '"System.Management.Automation.WhereOperatorSelectionMode".',
        )  # inferred
    count = int(to_number(args[2])) if len(args) > 2 else 0
    return _WHERE_MODES[mode](items, lambda item: is_true(block.invoke(item)), count)


def _limited(found: list[Any], count: int) -> list[Any]:
    return found[:count] if count > 0 else found


def _where_until(items: list[Any], test: Callable[[Any], bool], *, after: bool) -> list[Any]:
    """The items before the first match (Until), or from it on (SkipUntil)."""
    for index, item in enumerate(items):
        if test(item):
            return items[index:] if after else items[:index]
    return [] if after else list(items)


def _where_split(items: list[Any], test: Callable[[Any], bool], count: int) -> list[Any]:
    """Two collections: the matches (up to ``count``), then everything else."""
    matched: list[Any] = []
    rest: list[Any] = []
    for item in items:
        (matched if (count <= 0 or len(matched) < count) and test(item) else rest).append(item)
    return [matched, rest]


_WhereMode = Callable[[list[Any], Callable[[Any], bool], int], list[Any]]
_WHERE_MODES: dict[str, _WhereMode] = {
    "default": lambda items, test, count: _limited([i for i in items if test(i)], count),
    "first": lambda items, test, count: _limited([i for i in items if test(i)], max(count, 1)),
    "last": lambda items, test, count: [i for i in items if test(i)][-max(count, 1) :],
    "until": lambda items, test, count: _limited(_where_until(items, test, after=False), count),
    "skipuntil": lambda items, test, count: _limited(_where_until(items, test, after=True), count),
    "split": _where_split,
}


def _list_foreach(items: list[Any], args: list[Any]) -> list[Any]:
    block = args[0]
    if isinstance(block, str):
        return [get_member(item, block) for item in items]
    if not isinstance(block, ScriptBlockValue):
        raise method_not_found("System.Object[]", "ForEach")
    result: list[Any] = []
    for item in items:
        result.extend(block.invoke(item))
    return result


_LIST_METHODS: dict[str, Callable[[list[Any], list[Any]], Any]] = {
    "add": _list_add,
    "addrange": lambda items, a: items.extend(as_list(a[0])),
    "contains": lambda items, a: a[0] in items,
    "remove": _list_remove,
    "removeat": lambda items, a: items.pop(int(to_number(a[0]))) and None,
    "clear": lambda items, a: items.clear(),
    "indexof": lambda items, a: items.index(a[0]) if a[0] in items else -1,
    "insert": lambda items, a: items.insert(int(to_number(a[0])), a[1]),
    "toarray": lambda items, a: list(items),
    "where": _list_filter,
    "foreach": _list_foreach,
}


def _sort_key(value: Any) -> Any:
    """The default comparer's order (Comparer<T>.Default): strings as en-US compares them, which
    puts ``a`` before ``B`` and a lower-case letter before its upper-case one; numbers by value."""
    if isinstance(value, str):
        return (1, value.lower(), value.swapcase())
    return (0, value, "")


def _typed_array(items: list[Any]) -> list[Any]:
    """List[T].ToArray(): a T[] (a string list's is a string[])."""
    element = getattr(items, "element", "System.Object")
    if element == "System.String":
        return StringArray(items)
    if element == "System.Int32":
        return Int32Array(items)
    return list(items)


#: The methods of a list that grows (ArrayList, List[T]) that an array has not: Sort and Reverse
#: work in place (learn.microsoft.com/dotnet/api/system.collections.generic.list-1).
_GROWING_METHODS: dict[str, Callable[[list[Any], list[Any]], Any]] = {
    "sort": lambda items, a: items.sort(key=_sort_key) if not a else _no_comparer("Sort", a),
    "reverse": lambda items, a: items.reverse() if not a else _no_comparer("Reverse", a),
    "toarray": lambda items, a: _typed_array(items),
}


def _no_comparer(name: str, args: list[Any]) -> None:
    raise EmulatorStop(f"the .NET call List.{name}() with arguments")


def _table_add(table: Hashtable, args: list[Any]) -> None:
    if args[0] in table:
        raise RuntimeFailure(
            "ArgumentException",
            f'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in '
            f"dictionary: '{args[0]}'  Key being added: '{args[0]}'\"",
        )
    table[args[0]] = args[1]


def _try_get_value(table: Hashtable, key: Any, found: Any) -> bool:
    """``$PSBoundParameters.TryGetValue('Name', [ref]$value)``: ``$value`` set when the key is there
    (Dictionary.TryGetValue; ``$null`` otherwise)."""
    present = key in table
    if isinstance(found, Reference):
        found.value = table[key] if present else None
    return present


_TABLE_METHODS: dict[str, Callable[[Hashtable, list[Any]], Any]] = {
    "add": _table_add,
    "remove": lambda t, a: t.remove(a[0]),
    "containskey": lambda t, a: a[0] in t,
    "contains": lambda t, a: a[0] in t,
    "containsvalue": lambda t, a: a[0] in t.values(),
    "trygetvalue": lambda t, a: _try_get_value(t, a[0], a[1]),
    "clone": lambda t, a: t.copy(),
    "clear": lambda t, a: t.clear(),
    "getenumerator": lambda t, a: [DictionaryEntry(k, v) for k, v in t.items()],
}


def _ordered_insert(table: OrderedDictionary, args: list[Any]) -> None:
    """OrderedDictionary.Insert(index, key, value): the index 0..Count, a key it lacks (the
    OrderedDictionary source: ArgumentOutOfRangeException.ThrowIfGreaterThan, then Hashtable.Add)."""
    index, key = int(to_number(args[0])), args[1]
    if index > len(table):
        raise _method_failure("Insert", args, "ArgumentOutOfRangeException", _index_message(index, "less", len(table)))
    if index < 0:
        raise _method_failure("Insert", args, "ArgumentOutOfRangeException", _negative_message(index))
    if key in table:
        raise _method_failure(
            "Insert",
            args,
            "ArgumentException",
            f"Item has already been added. Key in dictionary: '{to_string(key)}'  Key being added: '{to_string(key)}'",
        )
    table.insert(index, key, args[2])


def _ordered_remove_at(table: OrderedDictionary, args: list[Any]) -> None:
    index = int(to_number(args[0]))
    if index >= len(table):
        raise _method_failure("RemoveAt", args, "ArgumentOutOfRangeException", _index_message(index, "", len(table)))
    if index < 0:
        raise _method_failure("RemoveAt", args, "ArgumentOutOfRangeException", _negative_message(index))
    del table[list(table)[index]]


def _index_message(index: int, kind: str, count: int) -> str:
    """ArgumentOutOfRangeException.ThrowIfGreaterThan(OrEqual)'s text, with its parameter and value."""
    bound = f"less than or equal to '{count}'" if kind == "less" else f"less than '{count}'"
    return f"index ('{index}') must be {bound}. (Parameter 'index')\nActual value was {index}."


def _negative_message(index: int) -> str:
    return f"index ('{index}') must be a non-negative value. (Parameter 'index')\nActual value was {index}."


def _method_failure(name: str, args: list[Any], exception: str, message: str) -> RuntimeFailure:
    return method_threw(name, args, exception, message)


_ORDERED_METHODS: dict[str, Callable[[OrderedDictionary, list[Any]], Any]] = {
    **_TABLE_METHODS,
    "insert": _ordered_insert,
    "removeat": _ordered_remove_at,
}

_DATE_METHODS: dict[str, Callable[[dt.datetime, list[Any]], Any]] = {
    "adddays": lambda d, a: d + dt.timedelta(days=to_number(a[0])),
    "addhours": lambda d, a: d + dt.timedelta(hours=to_number(a[0])),
    "addminutes": lambda d, a: d + dt.timedelta(minutes=to_number(a[0])),
    "addseconds": lambda d, a: d + dt.timedelta(seconds=to_number(a[0])),
    "addmonths": lambda d, a: _add_months(d, int(to_number(a[0]))),
    "addyears": lambda d, a: _add_months(d, 12 * int(to_number(a[0]))),
    "tostring": lambda d, a: format_date(d, to_string(a[0]) if a else ""),
    # en-US's ShortDatePattern, LongDatePattern, ShortTimePattern and LongTimePattern
    # (learn.microsoft.com/dotnet/api/system.globalization.datetimeformatinfo)
    "toshortdatestring": lambda d, a: format_date(d, "M/d/yyyy"),
    "tolongdatestring": lambda d, a: format_date(d, "dddd, MMMM d, yyyy"),
    "toshorttimestring": lambda d, a: format_date(d, "h:mm tt"),
    "tolongtimestring": lambda d, a: format_date(d, "h:mm:ss tt"),
    "touniversaltime": lambda d, a: d,
    "tolocaltime": lambda d, a: d,
    "tofiletime": lambda d, a: int(d.timestamp() * 10**7),
    # DateTime.Subtract: a TimeSpan from a date, a date from a TimeSpan (as the - operator)
    "subtract": lambda d, a: binary("-", d, a[0]),
}


def _add_months(value: dt.datetime, months: int) -> dt.datetime:
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return value.replace(year=year, month=month, day=min(value.day, days))


def _common_method(value: Any, name: str, args: list[Any]) -> Any:
    lowered = name.lower()
    if lowered == "tostring" and not args and isinstance(value, list | tuple):
        return ps_string(value)  # a collection's ToString() is its type's name: System.Object[]
    if lowered == "tostring" and isinstance(value, uuid.UUID) and args:
        return _guid_text(value, to_string(args[0]), args)
    if lowered == "tostring":
        return format_value(value, to_string(args[0])) if args else to_string(value)
    if lowered == "gettype":
        return _type_info(value)
    if lowered == "equals":
        return value == (args[0] if args else None)
    if lowered == "invoke" and isinstance(value, ScriptBlockValue):
        return value.invoke(*args)
    raise method_not_found(type_name_of(value), name)  # the name as the script wrote it


def _guid_text(value: uuid.UUID, form: str, args: list[Any]) -> str:
    """Guid.ToString(format): N (32 digits), D (hyphens; also ''), B (braces), P (parentheses), X
    (hexadecimal fields) (learn.microsoft.com/dotnet/api/system.guid.tostring)."""
    text = str(value)
    forms = {"": text, "d": text, "n": value.hex, "b": "{" + text + "}", "p": "(" + text + ")"}
    if form.lower() in forms:
        return forms[form.lower()]
    if form.lower() == "x":
        b = value.bytes
        first = ",".join(f"0x{part}" for part in (b[0:4].hex(), b[4:6].hex(), b[6:8].hex()))
        return "{" + first + ",{" + ",".join(f"0x{byte:02x}" for byte in b[8:]) + "}}"
    raise _method_failure(
        "ToString",
        args,
        "FormatException",
        'Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".',
    )


def _appended(builder: StringBuilder, text: str) -> StringBuilder:
    builder.parts.append(text)
    return builder


def _cleared(builder: StringBuilder) -> StringBuilder:
    builder.parts = []
    return builder


def _builder_format(args: list[Any]) -> str:
    from .values import format_operator

    return format_operator(to_string(args[0]), list(args[1:]))


_BUILDER_METHODS: dict[str, Callable[[StringBuilder, list[Any]], Any]] = {
    "append": lambda b, a: _appended(b, to_string(a[0]) if a else ""),
    "appendline": lambda b, a: _appended(b, (to_string(a[0]) if a else "") + "\n"),
    "appendformat": lambda b, a: _appended(b, _builder_format(a)),
    "insert": lambda b, a: _appended(_cleared(b), b.text[: int(a[0])] + to_string(a[1]) + b.text[int(a[0]) :]),
    "replace": lambda b, a: _appended(_cleared(b), b.text.replace(to_string(a[0]), to_string(a[1]))),
    "clear": lambda b, a: _cleared(b),
    "tostring": lambda b, a: b.text,
}


#: A ``[regex]``'s own methods: its pattern and options, the input (and replacement) given.
_REGEX_METHODS: dict[str, Callable[[RegexValue, list[Any]], Any]] = {
    "match": lambda r, a: _match_object(r.compiled.search(to_string(a[0])), r.compiled),
    "matches": lambda r, a: [_match_object(found, r.compiled) for found in r.compiled.finditer(to_string(a[0]))],
    "ismatch": lambda r, a: r.compiled.search(to_string(a[0])) is not None,
    "replace": lambda r, a: binary("creplace", to_string(a[0]), [r, a[1]]),
    "split": lambda r, a: r.compiled.split(to_string(a[0])),
    "tostring": lambda r, a: r.pattern,
}


#: Its void methods: a call writes nothing.
_STOPWATCH_METHODS: dict[str, Callable[[Stopwatch, list[Any]], Any]] = {
    "start": lambda w, a: w.start(),
    "stop": lambda w, a: w.stop(),
    "reset": lambda w, a: w.reset(),
    "restart": lambda w, a: w.restart(),
}


_METHOD_TABLES: tuple[tuple[type | tuple[type, ...], dict[str, Callable[[Any, list[Any]], Any]]], ...] = (
    (str, _STRING_METHODS),
    (ArrayList, _GROWING_METHODS),
    (list, _LIST_METHODS),
    (OrderedDictionary, _ORDERED_METHODS),
    (Hashtable, _TABLE_METHODS),
    (dt.datetime, _DATE_METHODS),
    (StringBuilder, _BUILDER_METHODS),
    (RegexValue, _REGEX_METHODS),
    (Stopwatch, _STOPWATCH_METHODS),
    (SwitchParameter, {"tobool": lambda s, a: s.is_present}),
)


def call_method(value: Any, name: str, args: list[Any]) -> Any:
    """``$value.name(args)`` from the safe list; PowerShell's errors otherwise."""
    if value is None:
        raise null_method()
    added = find_added(value, name)
    if added is not None and added.member_type == "ScriptMethod":
        return added.value(value, args)
    if isinstance(value, ScriptCmdlet | HostUserInterface | ConsoleWriter):
        return value.call_member(name, args)
    lowered = name.lower()
    if isinstance(value, _OWN_METHODS) and lowered in (own := value.methods()):
        return own[lowered](args)
    if (type(value) is list or isinstance(value, TypedArray)) and lowered in _GROWING:
        raise _fixed_size(name, args)
    for kind, table in _METHOD_TABLES:
        if isinstance(value, kind) and lowered in table:
            return _guarded(table[lowered], value, args, name)
    typed = (
        _TYPED_METHODS.get((value.type_names[0], lowered)) if isinstance(value, PSObject) and value.type_names else None
    )
    if typed is not None:
        return typed(value, args)
    if isinstance(value, list) and lowered not in ("tostring", "gettype", "equals"):
        return [call_method(item, name, args) for item in value]
    return _common_method(value, name, args)


#: The .NET objects that list their own methods (:mod:`.dotnet`).
_OWN_METHODS = (dotnet.TextEncoding, dotnet.HashSet, dotnet.Dictionary, dotnet.DateTimeOffset, RawUserInterface)

#: IList methods an array has but refuses: its size is fixed (about_Arrays).
_GROWING = ("add", "insert", "remove", "removeat")


def _fixed_size(name: str, args: list[Any]) -> RuntimeFailure:
    return MethodInvocationFailure(
        "NotSupportedException",
        f'Exception calling "{name}" with "{len(args)}" argument(s): "Collection was of a fixed size."',
    )


def _guarded(method: Callable[[Any, list[Any]], Any], value: Any, args: list[Any], name: str) -> Any:
    try:
        return method(value, args)
    except IndexError:
        raise no_overload(name, len(args)) from None


# --- static members -----------------------------------------------------------------------------------


def _round(args: list[Any]) -> Any:
    number = to_number(args[0], target="System.Double")
    digits = int(to_number(args[1])) if len(args) > 1 else 0
    if len(args) > 1 and 0 <= digits <= 15 and abs(number) < 1e16:
        # Math.Round(double, int) scales, rounds half to even and scales back, so 0.015 (just
        # below the midpoint) becomes 0.02 as 0.015 * 100 is 1.5 (learn.microsoft.com/dotnet/api/system.math.round;
        # Math.cs in dotnet/runtime)
        power = float(10**digits)
        return round(number * power) / power
    result = round(number, digits)  # banker's rounding, as .NET's Math.Round
    return result if digits or (isinstance(number, float) and not result.is_integer()) else float(result)


_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_FLOAT = re.compile(r"^\s*[+-]?(?=[\d.])(\d[\d,]*)?(\.\d*)?([eE][+-]?\d+)?\s*$")


def _parse_int(text: str, bits: int) -> int | None:
    """Int32/Int64.TryParse's NumberStyles.Integer: white space around, a sign, digits."""
    if not _INTEGER.match(text):
        return None
    number = int(text)
    return number if -(2 ** (bits - 1)) <= number < 2 ** (bits - 1) else None


def _parse_float(text: str) -> float | None:
    """Double.TryParse's NumberStyles.Float | AllowThousands (invariant culture)."""
    return float(text.replace(",", "")) if _FLOAT.match(text) and any(c.isdigit() for c in text) else None


def _parse_bool(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text.strip().lower())


def _parse_guid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return None


def _exact_date(text: str, forms: Any) -> dt.datetime | None:
    """The date ``text`` is in one of the .NET formats ``forms`` (DateTime.ParseExact)."""
    from .values import strptime_format

    for form in as_list(forms):
        try:
            return dt.datetime.strptime(text.strip(), strptime_format(to_string(form)))
        except ValueError:
            continue
    return None


def _parse_exact(args: list[Any]) -> dt.datetime:
    """[datetime]::ParseExact(text, format or formats, provider): a FormatException otherwise."""
    found = _exact_date(to_string(args[0]), args[1])
    if found is None:
        raise RuntimeFailure(
            "FormatException",
            f'Exception calling "ParseExact" with "{len(args)}" argument(s): '
            f"\"String '{to_string(args[0])}' was not recognized as a valid DateTime.\"",
            category=ErrorCategory.NotSpecified,  # a MethodInvocationException
        )
    return found


def _try_parse_exact(args: list[Any]) -> bool:
    """[datetime]::TryParseExact(text, format(s), provider, styles, [ref]$result)."""
    found = _exact_date(to_string(args[0]), args[1])
    return _try_parse(lambda _: found, dt.datetime(1, 1, 1))([args[0], args[-1]])


def _parse_datetime(text: str) -> dt.datetime | None:
    try:
        return _parse_date(text)
    except RuntimeFailure:
        return None


def _try_parse(parse: Callable[[str], Any], failed: Any) -> Callable[[list[Any]], bool]:
    """``[T]::TryParse($text, [ref]$result)``: sets ``$result`` to the value, or to T's default
    when ``$text`` is not one, and says which (about_Ref; the .NET ``TryParse`` methods)."""

    def try_parse(args: list[Any]) -> bool:
        target = args[1]
        if not isinstance(target, Reference):
            raise RuntimeFailure(
                "NonRefArgumentToRefParameterMsg",
                "Argument: '2' should be a System.Management.Automation.PSReference. Use [ref].",
            )
        value = None if args[0] is None else parse(to_string(args[0]))
        target.value = failed if value is None else value
        return value is not None

    return try_parse


#: What ``TryParse`` leaves in the result when the text does not parse: the type's default.
_TRY_PARSE: dict[str, Callable[[list[Any]], bool]] = {
    "int": _try_parse(lambda text: _parse_int(text, 32), 0),
    "int32": _try_parse(lambda text: _parse_int(text, 32), 0),
    "int64": _try_parse(lambda text: _parse_int(text, 64), 0),
    "double": _try_parse(_parse_float, 0.0),
    "decimal": _try_parse(_parse_float, 0.0),
    "bool": _try_parse(_parse_bool, False),
    "boolean": _try_parse(_parse_bool, False),
    "guid": _try_parse(_parse_guid, uuid.UUID(int=0)),
    "datetime": _try_parse(_parse_datetime, dt.datetime(1, 1, 1)),
}


def _group(name: str, found: Any, index: int | str) -> PSObject:
    value = found.group(index) if found is not None else None
    return PSObject(
        [
            ("Success", value is not None),
            ("Name", name),
            ("Value", value or ""),
            ("Index", found.start(index) if value is not None else 0),
            ("Length", len(value or "")),
        ],
        ("System.Text.RegularExpressions.Group",),
    )


def _match_object(found: Any, pattern: Any) -> PSObject:
    """A System.Text.RegularExpressions.Match: ``Success``, ``Value``, ``Index`` and ``Groups``
    by number or name (unnamed groups numbered first, as .NET numbers them)."""
    names = {index: name for name, index in pattern.groupindex.items()}
    groups = Hashtable([(0, _group("0", found, 0))])
    for index in range(1, pattern.groups + 1):
        key = names.get(index, index)
        groups[key] = _group(str(key), found, index)
    whole = groups[0]
    fields = [(name, whole.get(name)) for name in ("Success", "Value", "Index", "Length")]
    return PSObject([("Groups", groups), ("Name", "0"), *fields], ("System.Text.RegularExpressions.Match",))


def _regex_of(args: list[Any]) -> Any:
    """[regex]::Match(input, pattern[, options]): case-sensitive unless options say IgnoreCase."""
    options = to_string(args[2]).lower() if len(args) > 2 else ""
    return dotnet_regex(to_string(args[1]), "ignorecase" not in options)


def _regex_match(args: list[Any]) -> PSObject:
    pattern = _regex_of(args)
    return _match_object(pattern.search(to_string(args[0])), pattern)


def _regex_matches(args: list[Any]) -> list[PSObject]:
    pattern = _regex_of(args)
    return [_match_object(found, pattern) for found in pattern.finditer(to_string(args[0]))]


def _static_tables(context: Context) -> dict[str, dict[str, Callable[[list[Any]], Any]]]:
    tables: dict[str, dict[str, Callable[[list[Any]], Any]]] = {
        "math": {
            "round": _round,
            "floor": lambda a: float(math.floor(to_number(a[0]))),
            "ceiling": lambda a: float(math.ceil(to_number(a[0]))),
            "abs": lambda a: abs(to_number(a[0])),
            "max": lambda a: max(to_number(a[0]), to_number(a[1])),
            "min": lambda a: min(to_number(a[0]), to_number(a[1])),
            "pow": lambda a: float(to_number(a[0]) ** to_number(a[1])),
            "sqrt": lambda a: math.sqrt(to_number(a[0])),
            "truncate": lambda a: float(math.trunc(to_number(a[0]))),
        },
        "string": {
            "isnullorempty": lambda a: a[0] is None or to_string(a[0]) == "",
            "isnullorwhitespace": lambda a: a[0] is None or to_string(a[0]).strip() == "",
            "join": lambda a: to_string(a[0]).join(to_string(i) for i in (as_list(a[1]) if len(a) == 2 else a[1:])),
            "format": lambda a: _format(a),
            "concat": lambda a: "".join(to_string(i) for i in a),
            "equals": lambda a: to_string(a[0]) == to_string(a[1]),
        },
        "datetime": {
            "parse": lambda a: _parse_date(a[0]),
            "parseexact": _parse_exact,
            "tryparseexact": _try_parse_exact,
            "now": lambda a: context.now(),
            "today": lambda a: context.now().replace(hour=0, minute=0, second=0, microsecond=0),
        },
        "guid": {"newguid": lambda a: uuid.UUID(context.new_guid()), "parse": lambda a: convert_to(a[0], "guid")},
        "timespan": {  # TimeSpan.From*: a double of the unit (learn.microsoft.com/dotnet/api/system.timespan)
            "fromdays": lambda a: dt.timedelta(days=float(to_number(a[0]))),
            "fromhours": lambda a: dt.timedelta(hours=float(to_number(a[0]))),
            "fromminutes": lambda a: dt.timedelta(minutes=float(to_number(a[0]))),
            "fromseconds": lambda a: dt.timedelta(seconds=float(to_number(a[0]))),
            "frommilliseconds": lambda a: dt.timedelta(milliseconds=float(to_number(a[0]))),
        },
        "diagnostics.stopwatch": {"startnew": lambda a: _started(Stopwatch())},
        "int": {"parse": lambda a: int(to_number(to_string(a[0])))},
        "int32": {"parse": lambda a: int(to_number(to_string(a[0])))},
        "int64": {"parse": lambda a: int(to_number(to_string(a[0]), target="System.Int64"))},
        "regex": {  # [regex] methods are case-sensitive unless told otherwise, unlike -match
            "escape": lambda a: regex_escape(to_string(a[0])),
            "replace": lambda a: binary("creplace", to_string(a[0]), [a[1], a[2]]),
            "ismatch": lambda a: _regex_of(a).search(to_string(a[0])) is not None,
            "match": _regex_match,
            "matches": _regex_matches,
            "split": lambda a: _regex_of(a).split(to_string(a[0])),
        },
        "io.path": {
            "combine": lambda a: os.path.join(*(to_string(i) for i in a)),
            "getfilename": lambda a: os.path.basename(to_string(a[0])),
            "getfilenamewithoutextension": lambda a: os.path.splitext(os.path.basename(to_string(a[0])))[0],
            "getextension": lambda a: os.path.splitext(to_string(a[0]))[1],
            "getdirectoryname": lambda a: os.path.dirname(to_string(a[0])),
            "gettemppath": lambda a: _temp_path(context.platform),
            "getfullpath": lambda a: str(context.platform.resolve(to_string(a[0]))),
        },
        "io.file": {
            "exists": lambda a: context.platform.resolve(to_string(a[0])).is_file(),
            **dotnet.file_methods(lambda path: context.platform.resolve(path), lambda: context.platform.created),
        },
        "io.directory": {
            "exists": lambda a: context.platform.resolve(to_string(a[0])).is_dir(),
            "createdirectory": lambda a: _create_directory(context, a),
        },
        "console": {
            "writeline": lambda a: context.write_host(console_text(a)),
            "write": lambda a: context.write_host(console_text(a), newline=False),
            "resetcolor": lambda a: _reset_colors(context),
            "readkey": no_key_to_read,
        },
        "environment": {
            "getenvironmentvariable": lambda a: context.platform.environment(to_string(a[0])),
            "getfolderpath": lambda a: _folder_path(context.platform, to_string(a[0])),
        },
    }
    for type_key, try_parse in _TRY_PARSE.items():
        tables.setdefault(type_key, {})["tryparse"] = try_parse
    for type_key, methods in dotnet.static_methods().items():
        tables.setdefault(type_key, {}).update(methods)
    tables["enum"] = {
        "getnames": lambda a: StringArray(to_string(v) for v in _enum_values(context, a)),
        "getvalues": lambda a: _enum_values(context, a),
        "parse": lambda a: _enum_parse(context, a),
    }
    return tables


def _enum_values(context: Context, args: list[Any]) -> list[Any]:
    """Enum.GetValues/GetNames of an enum the emulator knows (``[enum]::GetNames([ConsoleColor])``)."""
    type_name = to_string(args[0])
    members = _static_properties(context).get(_type_key(type_name))
    if not members or not _is_enum(type_name):
        raise EmulatorStop(f"the .NET call [enum]::GetValues([{type_name}])")
    return [getter() for getter in members.values()]


def _enum_parse(context: Context, args: list[Any]) -> Any:
    """Enum.Parse(type, value[, ignoreCase]): case-sensitive unless told otherwise."""
    text = to_string(args[1]).strip()
    ignore = len(args) > 2 and is_true(args[2])
    for value in _enum_values(context, args):
        name = to_string(value)
        if name == text or (ignore and name.lower() == text.lower()):
            return value
    raise _method_failure("Parse", args, "ArgumentException", f"Requested value '{text}' was not found.")


def _is_enum(type_name: str) -> bool:
    key = _type_key(type_name)
    return key in _ENUM_TYPES


#: The enums whose members the static tables list (``[ConsoleColor]::Red``…).
_ENUM_TYPES = frozenset(
    {
        "consolecolor",
        "net.securityprotocoltype",
        "stringsplitoptions",
        "stringcomparison",
        "management.automation.errorcategory",
        "management.automation.actionpreference",
    }
)


def _create_directory(context: Context, args: list[Any]) -> PSObject:
    """Directory.CreateDirectory(path): the folder and any missing parents, kept as the run's
    (Remove-Item may delete them); an existing folder is fine. Its DirectoryInfo."""
    path = context.platform.resolve(to_string(args[0]))
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as failure:
        raise _method_failure("CreateDirectory", args, "IOException", failure.strerror or str(failure)) from None
    context.platform.created.update(missing)
    return PSObject(
        [("Name", path.name), ("FullName", str(path)), ("Exists", True)],
        ("System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.Object"),
    )


def _reset_colors(context: Context) -> None:
    """Console.ResetColor(): the terminal's own colours again (-1 on Linux)."""
    context.statics.pop(CONSOLE_FOREGROUND, None)
    context.statics.pop(CONSOLE_BACKGROUND, None)


def _started(watch: Stopwatch) -> Stopwatch:
    watch.start()
    return watch


def _format(args: list[Any]) -> str:
    from .values import format_operator

    return format_operator(to_string(args[0]), list(args[1:]))


def _parse_date(value: Any) -> dt.datetime:
    from .values import convert_to

    result: dt.datetime = convert_to(value, "datetime")
    return result


class SecurityProtocolType(enum.IntFlag, boundary=enum.KEEP):
    """System.Net.SecurityProtocolType (learn.microsoft.com/dotnet/api/system.net.securityprotocoltype):
    flags, so ``Tls12 -bor Tls13`` is one value. Scripts set it before Install-Module."""

    SystemDefault = 0
    Ssl3 = 48
    Tls = 192
    Tls11 = 768
    Tls12 = 3072
    Tls13 = 12288


_SECURITY_PROTOCOL = "net.servicepointmanager.securityprotocol"


def _security_protocol(value: Any) -> Any:
    """A value for ServicePointManager.SecurityProtocol: flags, a number of them, or their names
    (``'Tls12, Tls13'``), as PowerShell converts to a flags enum."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return SecurityProtocolType(value)
        except ValueError:
            pass
    else:
        names = [part.strip().lower() for part in to_string(value).split(",")]
        members = {name.lower(): member for name, member in SecurityProtocolType.__members__.items()}
        if all(name in members for name in names):
            return functools.reduce(operator.or_, (members[name] for name in names))
    raise RuntimeFailure(
        "InvalidCastFromStringToEnum",
        f'Cannot convert value "{to_string(value)}" to type "System.Net.SecurityProtocolType".',
        category=ErrorCategory.InvalidArgument,
    )


#: The static properties a script may set: ``[type]::Name = value``, each with its conversion.
_SETTABLE_STATICS: dict[str, Callable[[Any], Any]] = {
    _SECURITY_PROTOCOL: _security_protocol,
    # the console's colours: kept for the run (and shared with $Host.UI.RawUI); the emulator's
    # output is no terminal, so nothing changes colour (.NET's ConsolePal.Unix writes no colour
    # escape to redirected output)
    CONSOLE_FOREGROUND: functools.partial(console_color, "ForegroundColor"),
    CONSOLE_BACKGROUND: functools.partial(console_color, "BackgroundColor"),
    # the window's title: .NET on Linux writes it to a terminal (none here), and cannot read it back
    "console.title": to_string,
}


def set_static(context: Context, type_name: str, name: str, value: Any) -> None:
    """``[type]::name = value`` for a property on the safe list, else an :class:`EmulatorStop`.
    The value is kept for the run: the emulator opens no connection it would apply to."""
    key = f"{_type_key(type_name)}.{name.lower()}"
    convert = _SETTABLE_STATICS.get(key)
    if convert is None:
        raise EmulatorStop(f"setting the .NET member [{type_name}]::{name}")
    context.statics[key] = convert(value)


def _static_properties(context: Context) -> dict[str, dict[str, Callable[[], Any]]]:
    tables = _own_static_properties(context)
    for type_key, properties in dotnet.static_properties().items():
        tables.setdefault(type_key, {}).update(properties)
    return tables


def _own_static_properties(context: Context) -> dict[str, dict[str, Callable[[], Any]]]:
    return {
        "net.servicepointmanager": {
            "securityprotocol": lambda: context.statics.get(_SECURITY_PROTOCOL, SecurityProtocolType.SystemDefault)
        },
        "net.securityprotocoltype": _enum_members(SecurityProtocolType),
        "datetime": {
            "now": context.now,
            "today": lambda: context.now().replace(hour=0, minute=0, second=0, microsecond=0),
            "utcnow": context.now,
        },
        "string": {"empty": lambda: ""},
        "guid": {"empty": lambda: uuid.UUID(int=0)},
        "datetimeoffset": {  # the run's clock, as [datetime]::Now
            "now": lambda: dotnet.DateTimeOffset(context.now()),
            "utcnow": lambda: dotnet.DateTimeOffset(context.now().astimezone(dt.UTC)),
        },
        "console": {
            "out": lambda: ConsoleWriter(context, error=False),
            "error": lambda: ConsoleWriter(context, error=True),
            "foregroundcolor": lambda: context.statics.get(CONSOLE_FOREGROUND, UNKNOWN_COLOR),
            "backgroundcolor": lambda: context.statics.get(CONSOLE_BACKGROUND, UNKNOWN_COLOR),
        },
        "environment": {"newline": lambda: "\n", "username": lambda: "admin", "machinename": lambda: "CSCMDLETS"},
        "int": {"maxvalue": lambda: 2**31 - 1, "minvalue": lambda: -(2**31)},
        "int32": {"maxvalue": lambda: 2**31 - 1, "minvalue": lambda: -(2**31)},
        "int64": {"maxvalue": lambda: 2**63 - 1, "minvalue": lambda: -(2**63)},
        "math": {"pi": lambda: math.pi, "e": lambda: math.e},
        "consolecolor": {name.lower(): functools.partial(_same, name) for name in CONSOLE_COLORS},
        "globalization.cultureinfo": {"invariantculture": lambda: _INVARIANT, "currentculture": lambda: _EN_US},
        "globalization.datetimestyles": {"none": lambda: "None", "assumelocal": lambda: "AssumeLocal"},
        "environment+specialfolder": {
            name.lower(): functools.partial(_same, name)
            for name in ("MyDocuments", "Personal", "Desktop", "DesktopDirectory", "UserProfile")
        },
        "stringsplitoptions": _enum_members(StringSplitOptions),
        "stringcomparison": _enum_members(StringComparison),
        "management.automation.errorcategory": _enum_members(ErrorCategory),
        "management.automation.actionpreference": _enum_members(ActionPreference),
    }


def _enum_members(kind: type[enum.Enum]) -> dict[str, Callable[[], Any]]:
    """``[Enum]::Name`` for each member (a flags type's several-bit members too)."""
    return {name.lower(): functools.partial(_same, member) for name, member in kind.__members__.items()}


def _same(value: Any) -> Any:
    return value


#: Environment.GetFolderPath on Linux since .NET 8 (PowerShell 7.4): the xdg-user-dirs folder,
#: else one under the home folder (learn.microsoft.com/dotnet/core/compatibility/core-libraries/8.0/getfolderpath-unix).
_XDG_FOLDERS = {
    "mydocuments": ("XDG_DOCUMENTS_DIR", "Documents"),
    "personal": ("XDG_DOCUMENTS_DIR", "Documents"),
    "desktop": ("XDG_DESKTOP_DIR", "Desktop"),
    "desktopdirectory": ("XDG_DESKTOP_DIR", "Desktop"),
}


def _folder_path(platform: Platform, folder: str) -> str:
    """[Environment]::GetFolderPath('MyDocuments'|'Desktop'|'UserProfile') as .NET 8 reads it
    on Linux: ``user-dirs.dirs`` under ``$XDG_CONFIG_HOME`` (``~/.config``), else ``$HOME/<Name>``."""
    home = platform.environment("HOME") or os.path.expanduser("~")
    key = folder.lower().rsplit(".", 1)[-1]  # [Environment+SpecialFolder]::Desktop as text
    if key == "userprofile":
        return home
    if key not in _XDG_FOLDERS:
        raise EmulatorStop(f"[Environment]::GetFolderPath('{folder}')")
    name, fallback = _XDG_FOLDERS[key]
    config = platform.environment("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    try:
        lines = Path(config, "user-dirs.dirs").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        found = re.fullmatch(rf'\s*{name}\s*=\s*"(.*)"\s*', line)
        if found and (found.group(1).startswith("$HOME/") or found.group(1).startswith("/")):
            return found.group(1).replace("$HOME", home, 1).rstrip("/")
    return os.path.join(home, fallback)


def _temp_path(platform: Platform) -> str:
    """Path.GetTempPath(): TMPDIR on Unix (else /tmp/), TEMP/TMP on Windows, with a trailing
    separator (learn.microsoft.com/dotnet/api/system.io.path.gettemppath)."""
    for name in ("TMPDIR", "TEMP", "TMP"):
        found = platform.environment(name)
        if found:
            separator = "\\" if "\\" in found and "/" not in found else "/"
            return found if found.endswith(separator) else found + separator
    return "/tmp/"


class CultureInfo(PSObject):
    """A System.Globalization.CultureInfo (Get-Culture, ``[cultureinfo]::CurrentCulture``): ``"$c"``
    is its name; its table view is LCID, Name and DisplayName, the first two 16 wide and
    left-aligned (DotNetTypes.format.ps1xml). The emulator formats as en-US does."""

    __slots__ = ()
    ps_table_view = ("LCID", "Name", "DisplayName")
    ps_table_widths = (16, 16)
    ps_table_align = (("LCID", "left"),)

    def __repr__(self) -> str:
        return to_string(self.get("Name"))


_DATE_FORMAT_PARTS = (
    *("ShortDatePattern", "LongDatePattern", "ShortTimePattern", "LongTimePattern", "FullDateTimePattern"),
    *("DateSeparator", "TimeSeparator", "AMDesignator", "PMDesignator"),
)


def _culture(data: Mapping[str, Any]) -> CultureInfo:
    date_format = PSObject(
        [(name, data[name]) for name in _DATE_FORMAT_PARTS], ("System.Globalization.DateTimeFormatInfo",)
    )
    names = ("LCID", "Name", "DisplayName", "EnglishName", "TwoLetterISOLanguageName")
    fields = [*((name, data[name]) for name in names), ("DateTimeFormat", date_format)]
    return CultureInfo(fields, ("System.Globalization.CultureInfo", "System.Object"))


_INVARIANT = _culture(INVARIANT)
_EN_US = _culture(EN_US)


def current_culture(*, invariant: bool = False) -> CultureInfo:
    """Get-Culture's object: en-US, the culture the emulator formats in (or the invariant one)."""
    return _INVARIANT if invariant else _EN_US


def has_static_method(type_name: str, name: str) -> bool:
    """Whether ``[type_name]::name()`` is on the safe list (the linter's question)."""
    if name.lower() == "new" and constructor_key(type_name) in CONSTRUCTORS:
        return True
    return name.lower() in _static_tables(_NO_CONTEXT).get(_type_key(type_name), {})


class _NoContext:
    """Builds the tables without running anything (no member is called)."""

    platform: Platform
    statics: dict[str, Any]
    engine: Any = None

    def now(self) -> dt.datetime:
        raise AssertionError("not called")  # pragma: no cover

    def new_guid(self) -> str:
        raise AssertionError("not called")  # pragma: no cover

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None:
        raise AssertionError("not called")  # pragma: no cover


_NO_CONTEXT = _NoContext()


def _type_key(type_name: str) -> str:
    key = type_name.lower().removeprefix("system.")
    aliases = {"long": "int64", "text.regularexpressions.regex": "regex", "cultureinfo": "globalization.cultureinfo"}
    return aliases.get(key, key)


def _credential(args: list[Any]) -> PSObject:
    user, password = [*args, None, None][:2]
    return PSObject([("UserName", to_string(user)), ("Password", password)], (CREDENTIAL,))


def _network_credential(credential: PSObject, args: list[Any]) -> PSObject:
    """PSCredential.GetNetworkCredential(): a ``DOMAIN\\user`` name splits into Domain and
    UserName, any other (a UPN) stays whole (PSCredential.cs); Password is the plain text."""
    if args:
        raise no_overload("GetNetworkCredential", len(args))
    name, secure = to_string(credential.get("UserName")), credential.get("Password")
    domain, _, user = name.rpartition("\\")
    text = secure.plain_text() if isinstance(secure, SecureString) else ""
    return PSObject(
        [("UserName", user), ("Password", text), ("SecurePassword", secure), ("Domain", domain)],
        ("System.Net.NetworkCredential", "System.Object"),
    )


CREDENTIAL = "System.Management.Automation.PSCredential"
#: Methods of the .NET objects the emulator makes as PSObjects, by (type name, lower-case method).
_TYPED_METHODS: dict[tuple[str, str], Callable[[PSObject, list[Any]], Any]] = {
    (CREDENTIAL, "getnetworkcredential"): _network_credential,
}
#: The .NET types scripts may create (``New-Object T`` or ``[T]::new()``), by lower-case name
#: without ``System.``; a generic list of any item type is a list.
CONSTRUCTORS: dict[str, Callable[[list[Any]], Any]] = {
    "object": lambda args: PSObject(),
    "psobject": lambda args: PSObject(),
    "management.automation.psobject": lambda args: PSObject(),
    "collections.arraylist": lambda args: ArrayList(),
    "collections.generic.list": lambda args: GenericList(),  # its element type set by construct()
    "collections.hashtable": lambda args: Hashtable(),
    "collections.specialized.ordereddictionary": lambda args: Hashtable(),
    "management.automation.pscredential": _credential,
    "pscredential": _credential,
    # Set-AzureADUserLicense's argument, built as its reference example builds it.
    "microsoft.open.azuread.model.assignedlicense": lambda args: PSObject(
        [("DisabledPlans", GenericList()), ("SkuId", None)], ("Microsoft.Open.AzureAD.Model.AssignedLicense",)
    ),
    "microsoft.open.azuread.model.assignedlicenses": lambda args: PSObject(
        [("AddLicenses", GenericList()), ("RemoveLicenses", GenericList())],
        ("Microsoft.Open.AzureAD.Model.AssignedLicenses",),
    ),
    "text.stringbuilder": lambda args: StringBuilder(args[0] if args and isinstance(args[0], str) else ""),
    "diagnostics.stopwatch": lambda args: Stopwatch(),
    "management.automation.errorrecord": new_error_record,
    "management.automation.errordetails": error_details,
    "text.regularexpressions.regex": lambda args: _new_regex(args),
    "regex": lambda args: _new_regex(args),
    "collections.generic.hashset": dotnet.new_hash_set,
    "collections.generic.dictionary": dotnet.new_dictionary,
    "text.utf8encoding": dotnet.new_utf8_encoding,
    "text.asciiencoding": lambda args: dotnet.ENCODINGS["ascii"],
    "text.unicodeencoding": lambda args: dotnet.ENCODINGS["unicode"],
}


def _new_regex(args: list[Any]) -> RegexValue:
    """``[regex]::new(pattern[, options])``: case-sensitive unless the options say IgnoreCase."""
    options = to_string(args[1]).lower() if len(args) > 1 else ""
    return RegexValue(to_string(args[0]), cased="ignorecase" not in options)


#: Exceptions scripts create to throw; the message defaults as .NET's does.
EXCEPTIONS = {
    "exception": "System.Exception",
    "systemexception": "System.SystemException",
    "argumentexception": "System.ArgumentException",
    "argumentnullexception": "System.ArgumentNullException",
    "argumentoutofrangeexception": "System.ArgumentOutOfRangeException",
    "invalidoperationexception": "System.InvalidOperationException",
    "notsupportedexception": "System.NotSupportedException",
    "io.filenotfoundexception": "System.IO.FileNotFoundException",
    "management.automation.runtimeexception": "System.Management.Automation.RuntimeException",
    "management.automation.itemnotfoundexception": "System.Management.Automation.ItemNotFoundException",
    "management.automation.psargumentexception": "System.Management.Automation.PSArgumentException",
    "management.automation.psinvalidoperationexception": "System.Management.Automation.PSInvalidOperationException",
    "unauthorizedaccessexception": "System.UnauthorizedAccessException",
    "io.directorynotfoundexception": "System.IO.DirectoryNotFoundException",
    "io.ioexception": "System.IO.IOException",
}


def _exception_of(full_name: str) -> Callable[[list[Any]], Any]:
    def make(args: list[Any]) -> ExceptionValue:
        return ExceptionValue(full_name, to_string(args[0]) if args else f"Exception of type '{full_name}' was thrown.")

    return make


CONSTRUCTORS.update({key: _exception_of(full) for key, full in EXCEPTIONS.items()})


def constructor_key(type_name: str) -> str:
    """``System.Collections.Generic.List[string]`` → ``collections.generic.list``."""
    key = type_name.lower().replace(" ", "").removeprefix("system.")
    return key.split("[", 1)[0] if key.startswith("collections.generic.") else key


def construct(type_name: str, args: list[Any]) -> Any:
    """A new object of a type on the safe list, else an :class:`EmulatorStop`."""
    make = CONSTRUCTORS.get(constructor_key(type_name))
    if make is None:
        raise EmulatorStop(f"New-Object {type_name}")
    made = make(args)
    if isinstance(made, dotnet.Dictionary) and "[" in type_name:
        made.arguments = dotnet.type_arguments(type_name)
    if isinstance(made, GenericList | dotnet.HashSet) and "[" in type_name:
        made.element = _ELEMENT_TYPES.get(type_name.split("[", 1)[1].rstrip("]").strip().lower(), made.element)
    return made


#: The full names of List[T]'s element types a script names (about_Type_Accelerators).
_ELEMENT_TYPES = {
    "string": "System.String",
    "system.string": "System.String",
    "int": "System.Int32",
    "system.int32": "System.Int32",
    "object": "System.Object",
    "system.object": "System.Object",
    "psobject": "System.Management.Automation.PSObject",
    "pscustomobject": "System.Management.Automation.PSObject",
}


#: Types a module's assembly brings (keys as :data:`CONSTRUCTORS`'): they exist only where that
#: module can be imported. AzureAD's belong to the 2017 connector's generation (cmdlets.profiles).
MODULE_TYPES = {
    "microsoft.open.azuread.model.assignedlicense": "AzureAD",
    "microsoft.open.azuread.model.assignedlicenses": "AzureAD",
}


def type_loaded(type_name: str, engine: Any) -> bool:
    """Whether the assembly of ``type_name`` is loaded under the engine's module generation."""
    module = MODULE_TYPES.get(constructor_key(type_name))
    if module is None:
        return True
    profile = module_of(engine)
    return profile is None or profile.brings(module)


def type_not_found(type_name: str) -> RuntimeFailure:
    """``[T]`` of a type no loaded assembly has: a RuntimeException (TypeNotFound)."""
    return RuntimeFailure("TypeNotFound", f"Unable to find type [{type_name}].")


#: Types of the .NET Framework that .NET (PowerShell 7) has not: naming one is PowerShell's
#: TypeNotFound, as under pwsh (Membership.GeneratePassword lived in System.Web.dll).
ABSENT_TYPES = frozenset({"web.security.membership"})


def is_absent_type(type_name: str) -> bool:
    """Whether ``type_name`` is one of :data:`ABSENT_TYPES` (the linter's question)."""
    return _type_key(type_name) in ABSENT_TYPES


def call_static(context: Context, type_name: str, name: str, args: list[Any]) -> Any:
    """``[type]::name(args)`` from the safe list (``::new()`` of a known type too), else an
    :class:`EmulatorStop`."""
    if _type_key(type_name) in ABSENT_TYPES:
        raise type_not_found(type_name)
    if name.lower() == "new" and constructor_key(type_name) in CONSTRUCTORS:
        if not type_loaded(type_name, context.engine):
            raise type_not_found(type_name)
        return construct(type_name, args)
    table = _static_tables(context).get(_type_key(type_name), {})
    method = table.get(name.lower())
    if method is None:
        raise EmulatorStop(f"the .NET call [{type_name}]::{name}()")
    try:
        return method(args)
    except IndexError:
        raise no_overload(name, len(args)) from None


def get_static(context: Context, type_name: str, name: str) -> Any:
    """``[type]::name`` from the safe list, else an :class:`EmulatorStop`."""
    getter = _static_properties(context).get(_type_key(type_name), {}).get(name.lower())
    if getter is None:
        raise EmulatorStop(f"the .NET member [{type_name}]::{name}")
    return getter()


class CommandInfo(PSObject):
    """``$MyInvocation.MyCommand``, an error's ``InvocationInfo.MyCommand``: a CommandInfo, whose
    text is its name (CommandInfo.ToString)."""

    __slots__ = ()

    def __init__(self, properties: list[tuple[str, Any]]) -> None:
        super().__init__(properties, ("System.Management.Automation.CommandInfo",))

    def __repr__(self) -> str:
        return to_string(self.get("Name"))


def invocation_of(
    path: str, name: str, kind: str, bound: Mapping[str, Any] | None = None, *, invocation_name: str = ""
) -> PSObject:
    """``$MyInvocation`` of a script or function: MyCommand (Name, Path, CommandType), the
    script it runs in, its bound parameters, the name it was called by (about_Automatic_Variables,
    InvocationInfo)."""
    script = path if kind == "ExternalScript" else None  # a script's Definition is its path (ExternalScriptInfo)
    command = CommandInfo([("Name", name), ("CommandType", kind), ("Path", script), ("Definition", script)])
    return PSObject(
        [
            ("MyCommand", command),
            ("InvocationName", invocation_name or name),
            ("ScriptName", path if kind == "Function" else ""),
            ("BoundParameters", Hashtable((bound or {}).items())),
        ],
        ("System.Management.Automation.InvocationInfo",),
    )


def set_index(container: Any, index: Any, value: Any) -> None:
    """``$table[key] = value`` / ``$list[i] = value``, with PowerShell's errors for an element
    past the end or a ``$null`` container (about_Arrays)."""
    if isinstance(container, Hashtable):
        container[index] = value
    elif isinstance(container, list):
        try:
            container[int(index)] = value
        except (IndexError, ValueError, TypeError):
            raise RuntimeFailure("IndexOutOfRange", "Index was outside the bounds of the array.") from None
    else:
        raise RuntimeFailure("NullArray", "Cannot index into a null array.")


def index_one(container: Any, index: Any) -> Any:
    """``$x[i]``/``$table[key]``: ``$null`` past the end or for a missing key; indexing ``$null``
    is PowerShell's NullArray error (about_Arrays)."""
    if container is None:
        raise RuntimeFailure("NullArray", "Cannot index into a null array.")
    if isinstance(container, dict):
        return container.get(index)
    if isinstance(container, PSObject):
        return container.get(to_string(index))
    sequence = container if isinstance(container, list | tuple | str) else [container]
    try:
        found = sequence[int(index)]
    except (IndexError, ValueError, TypeError):
        return None
    return Char(found) if isinstance(container, str) else found  # a string's item is a System.Char
