"""Parameter types and PowerShell's argument conversions (LanguagePrimitives.cs,
about_Type_Conversion).

Each :class:`ParamType` knows its .NET name (for messages and help) and converts one argument
the way a compiled cmdlet's binder does, raising the binding error PowerShell would raise.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.arrays import TypedArray
from ..model.culture import INVARIANT_DATE, format_date, timespan_text
from .errors import (
    BooleanNullNotAllowed,
    CannotConvertArgument,
    CannotConvertArgumentNoMessage,
    EmptyStringNotAllowed,
    NullNotAllowed,
    PowerShellError,
)

__all__ = [
    "BOOLEAN",
    "FQDN",
    "GUID",
    "INT32",
    "OBJECT",
    "PSOBJECT",
    "STRING",
    "STRING_ARRAY",
    "SWITCH",
    "UINT32",
    "USER_ID",
    "XDS_IDENTITY",
    "ConversionError",
    "ParamType",
    "SwitchParameter",
    "dotnet_value_type",
    "instance_type",
    "ps_string",
    "quick_converter",
]


class ConversionError(ValueError):
    """A value did not convert; ``detail`` is the inner .NET message."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class SwitchParameter:
    """A script's ``[switch]`` parameter: a System.Management.Automation.SwitchParameter, bound
    or not (an unbound one is not present), never ``$null`` (SwitchParameter.cs). It is true
    where it is present, its text is ``True``/``False``, it equals a bool of the same truth, and
    its members are IsPresent and ToBool()."""

    __slots__ = ("is_present",)
    ps_type_names = ("System.Management.Automation.SwitchParameter", "System.ValueType", "System.Object")

    def __init__(self, is_present: bool) -> None:
        self.is_present = is_present

    def __bool__(self) -> bool:
        return self.is_present

    def __eq__(self, other: object) -> bool:  # SwitchParameter.Equals: a bool or a switch
        if isinstance(other, SwitchParameter):
            return self.is_present == other.is_present
        return isinstance(other, bool) and self.is_present == other

    def __hash__(self) -> int:
        return hash(self.is_present)

    def to_ps(self) -> dict[str, Any]:
        return {"IsPresent": self.is_present}

    def ps_to_string(self) -> str:
        return "True" if self.is_present else "False"

    __repr__ = ps_to_string


def dotnet_value_type(value: Any) -> str:
    """The full .NET type name PowerShell reports for an argument value."""
    if isinstance(value, bool):
        return "System.Boolean"
    if isinstance(value, int):
        return "System.Int32" if -(2**31) <= value < 2**31 else "System.Int64"
    simple = {
        str: "System.String",
        float: "System.Double",
        uuid.UUID: "System.Guid",
        dict: "System.Collections.Hashtable",
    }
    for python_type, name in simple.items():
        if isinstance(value, python_type):
            return name
    if isinstance(value, TypedArray):
        return value.ps_type_names[0]
    if isinstance(value, list | tuple):
        return "System.Object[]"
    names = getattr(value, "ps_type_names", None)  # a class's, or a script object's own
    return str(names[0]) if names else "System.Object"


def ps_string(value: Any) -> str:
    """How PowerShell turns a scalar into a string: ``True``, ``42``, a GUID's D form."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, enum.IntEnum):
        return value.name  # a .NET enum shows its member's name (Enum.ToString)
    if isinstance(value, dt.timedelta):
        return timespan_text(value)
    if isinstance(value, dt.datetime):  # conversions are culture-invariant (LanguagePrimitives.cs)
        return format_date(value, INVARIANT_DATE)
    if isinstance(value, list | tuple):  # an array's ToString() is its type name
        own = getattr(value, "ps_to_string", None)  # an ArrayList's or a List[T]'s
        if callable(own):
            return str(own())
        return value.ps_type_names[0] if isinstance(value, TypedArray) else "System.Object[]"
    ps_to_string = None if isinstance(value, type) else getattr(value, "ps_to_string", None)
    if callable(ps_to_string):  # an object's ToString(), by default its type name (str() is its list view)
        return str(ps_to_string())
    names = getattr(type(value), "ps_type_names", None)
    if isinstance(names, tuple) and names:  # ToString() is the type name (str() is the list view)
        return str(names[0])
    if isinstance(value, int) and value.bit_length() > _DECIMAL_LIMIT_BITS:
        return hex(value)  # beyond Python's int-to-decimal limit (4,300 digits): still a number
    try:
        return str(value)
    except ValueError:  # a container holding such an int: its type, as ToString() writes an object's
        return type(value).__name__


_DECIMAL_LIMIT_BITS = 14_000


def _text(value: str) -> str:
    """A string the store and the mail layer can hold: UTF-16 allows lone surrogates, UTF-8 not."""
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ConversionError(
            'Cannot convert value to type "System.String". Error: "The string holds an unpaired '
            f'surrogate at position {error.start}, which cannot be stored."'  # inferred
        ) from None
    return value


def _is_collection(value: Any) -> bool:
    return isinstance(value, list | tuple)


@dataclass(frozen=True)
class ParamType:
    """A parameter's type: its .NET name, Python annotation and conversion.

    ``convert`` returns the converted value or raises :class:`ConversionError` (wrapped into
    ``CannotConvertArgumentNoMessage``) or a ready binding error.
    """

    dotnet_name: str
    annotation: str
    converter: Callable[[Any, str], Any] = field(repr=False)
    is_switch: bool = False
    is_string_like: bool = False
    accepts_null: bool = True
    #: What ``$null`` becomes for a .NET value type (``[int]$null`` is 0); ``None`` for reference types.
    null_value: Any = None

    def convert(self, value: Any, parameter: str, *, mandatory: bool = False) -> Any:
        if value is None:
            return self._convert_null(parameter, mandatory)
        try:
            converted = self.converter(value, parameter)  # validation attributes included
        except ConversionError as error:
            raise CannotConvertArgumentNoMessage(parameter, error.detail) from None
        if self.is_string_like and mandatory and converted == "":  # after the attributes (ParameterBinderBase.cs)
            raise EmptyStringNotAllowed(parameter)
        return converted

    def _convert_null(self, parameter: str, mandatory: bool) -> Any:
        if self.is_switch:
            return True  # -Switch:$null is "present" for a compiled cmdlet
        if self.dotnet_name == "System.Boolean":
            raise BooleanNullNotAllowed(parameter)
        if mandatory or (not self.accepts_null and self.null_value is None):
            raise NullNotAllowed(parameter)
        return self.null_value  # a value type gets its default


def quick_converter(kind: ParamType) -> Callable[..., Any]:
    """``kind.convert``, answering the commonest values without its two calls: an ASCII ``str``
    for a string type, a ``bool`` for a bool or switch (each converts to itself). A bulk job
    binds a value or two per call, a million calls."""
    convert = kind.convert
    if kind.converter is _scalar_string and kind.is_string_like:

        def quick_string(value: Any, parameter: str, *, mandatory: bool = False) -> Any:
            if type(value) is str and value.isascii() and (value or not mandatory):
                return value
            return convert(value, parameter, mandatory=mandatory)

        return quick_string
    if kind is BOOLEAN or kind is SWITCH:  # both _bool_like: a bool is itself

        def quick_bool(value: Any, parameter: str, *, mandatory: bool = False) -> Any:
            if type(value) is bool:
                return value
            return convert(value, parameter, mandatory=mandatory)

        return quick_bool
    return convert


def _cannot_convert(value: Any, target: str, parameter: str, detail: str = "") -> PowerShellError:
    return CannotConvertArgument(parameter, dotnet_value_type(value), target, detail)


def _bool_like(target: str) -> Callable[[Any, str], bool]:
    """Bool and switch parameters take only bools and numbers (about_Type_Conversion)."""

    def convert(value: Any, parameter: str) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, SwitchParameter):  # -Force:$Force in a script's function
            return value.is_present
        if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
            return value != 0
        raise _cannot_convert(value, target, parameter)

    return convert


def _scalar_string(value: Any, parameter: str) -> str:
    if type(value) is str:  # the usual case, first
        return _text(value)
    if _is_collection(value):
        if len(value) == 1:
            return _scalar_string(value[0], parameter)
        raise _cannot_convert(value, "System.String", parameter, "Specified method is not supported.")
    if isinstance(value, dict):
        return "System.Collections.Hashtable"
    return _text(ps_string(value))


def _string_array(value: Any, parameter: str) -> tuple[str, ...]:
    items = value if _is_collection(value) else [value]
    return tuple(_text(ps_string(item)) for item in items if item is not None)


_NUMBER = re.compile(r"^\s*([+-]?)(0x[0-9a-f]+|\d+)(kb|mb|gb|tb|pb)?\s*$", re.IGNORECASE)
_MULTIPLIERS = {"kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40, "pb": 2**50}


def _parse_ps_integer(text: str, target: str) -> int | float:
    """PowerShell's string-to-integer rules: ``""`` is 0, hex and kb/mb suffixes, then a double.

    A number too long for Python to read exactly comes back as infinity: out of every range.
    """
    if text.strip() == "":
        return 0
    match = _NUMBER.match(text)
    if match:
        sign, digits, suffix = match.groups()
        try:
            number = int(digits, 16) if digits.lower().startswith("0x") else int(digits)
        except ValueError:
            number = math.inf  # type: ignore[assignment]
        number *= _MULTIPLIERS.get((suffix or "").lower(), 1)
        return -number if sign == "-" else number
    try:
        return float(text)
    except ValueError:
        raise ConversionError(
            f'Cannot convert value "{text}" to type "{target}". '
            f"Error: \"The input string '{text}' was not in a correct format.\""
        ) from None


def _number_of(value: Any, target: str) -> int | float:
    """An argument as a number: bools and numbers as they are, anything else by its text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    return _parse_ps_integer(_text(ps_string(value)), target)


def _integer(target: str, low: int, high: int) -> Callable[[Any, str], int]:
    short = target.rsplit(".", 1)[-1]
    article = "a" if short.startswith("U") else "an"  # .NET: "an Int32", "a UInt32"

    def convert(value: Any, parameter: str) -> int:
        if _is_collection(value):
            raise _cannot_convert(value, target, parameter, "Specified method is not supported.")
        number = _number_of(value, target)
        if isinstance(number, float) and math.isfinite(number):
            number = round(number)  # Python's round() is banker's rounding, like .NET's
        if not isinstance(number, int) or not low <= number <= high:  # NaN and infinities included
            raise ConversionError(
                f'Cannot convert value "{ps_string(value)}" to type "{target}". '
                f'Error: "Value was either too large or too small for {article} {short}."'
            )
        return number

    return convert


_GUID_FORMS = re.compile(
    r"^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}"
    r"|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\))$",
    re.IGNORECASE,
)


def _guid(value: Any, parameter: str) -> uuid.UUID:
    """The N, D, B and P forms that .NET's Guid(string) accepts."""
    if isinstance(value, uuid.UUID):
        return value
    if _is_collection(value):
        raise _cannot_convert(value, "System.Guid", parameter, "Specified method is not supported.")
    text = ps_string(value).strip()
    if not _GUID_FORMS.match(text):
        raise ConversionError(
            f'Cannot convert value "{ps_string(value)}" to type "System.Guid". Error: "Guid should '
            'contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."'
        )
    return uuid.UUID(text.strip("{}()"))


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.IGNORECASE)


def _fqdn(value: Any, parameter: str) -> str:
    """Microsoft.Rtc.Management.Deploy.Fqdn: an FQDN or a bare computer name."""
    text = _scalar_string(value, parameter)
    if not text or len(text) > 255 or not all(_HOST_LABEL.match(label) for label in text.split(".")):
        raise ConversionError(
            f'Cannot convert value "{text}" to type "Microsoft.Rtc.Management.Deploy.Fqdn". '
            f"Error: \"The value '{text}' is not a valid FQDN.\""  # inferred inner text
        )
    return text


def _passthrough(value: Any, parameter: str) -> Any:
    return value


def instance_type(dotnet_name: str, accepted: Sequence[str]) -> ParamType:
    """An ``-Instance`` parameter taking an object of one of the ``accepted`` type names."""

    def convert(value: Any, parameter: str) -> Any:
        names = getattr(type(value), "ps_type_names", ())
        stripped = {name.removeprefix("Deserialized.").removeprefix("Selected.") for name in names}
        if stripped & set(accepted):
            return value
        shown = dotnet_value_type(value) if _is_collection(value) else ps_string(value)  # an array's ToString()
        raise ConversionError(
            f'Cannot convert the "{shown}" value of type "{dotnet_value_type(value)}" to type "{dotnet_name}".'
        )

    return ParamType(dotnet_name, "Any", convert, accepts_null=False)


def enum_type(dotnet_name: str, names: Sequence[str]) -> ParamType:
    """A .NET enum: a case-insensitive member name or the member's number, else PowerShell's
    enum conversion error (``EnumExpressionEvaluatorStrings.resx`` ``NoEnumNameMatch``)."""

    def convert(value: Any, parameter: str) -> str:
        if _is_collection(value) and len(value) == 1:  # one element converts as itself
            value = value[0]
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(names):
            return names[value]
        text = ps_string(value)
        for name in names:
            if name.lower() == text.strip().lower():
                return name
        raise ConversionError(
            f'Cannot convert value "{text}" to type "{dotnet_name}". Error: "Unable to match the identifier '
            f"name {text} to a valid enumerator name. Specify one of the following enumerator names and try "
            f'again:\n{", ".join(names)}"'
        )

    return ParamType(dotnet_name, "str", convert, accepts_null=False)


SWITCH = ParamType(
    "System.Management.Automation.SwitchParameter",
    "bool",
    _bool_like("System.Management.Automation.SwitchParameter"),
    is_switch=True,
)
BOOLEAN = ParamType("System.Boolean", "bool", _bool_like("System.Boolean"), accepts_null=False)
STRING = ParamType("System.String", "str", _scalar_string, is_string_like=True)
STRING_ARRAY = ParamType("System.String[]", "Sequence[str]", _string_array)
GUID = ParamType("System.Guid", "uuid.UUID | str", _guid, accepts_null=False, null_value=uuid.UUID(int=0))
INT32 = ParamType(
    "System.Int32", "int", _integer("System.Int32", -(2**31), 2**31 - 1), accepts_null=False, null_value=0
)
UINT32 = ParamType("System.UInt32", "int", _integer("System.UInt32", 0, 2**32 - 1), accepts_null=False, null_value=0)
INT64 = ParamType(
    "System.Int64", "int", _integer("System.Int64", -(2**63), 2**63 - 1), accepts_null=False, null_value=0
)
_SKYPE_UNLIMITED = "Microsoft.Rtc.Management.ADConnect.Core.Unlimited`1[System.UInt32]"
_uint32_within_unlimited = _integer(_SKYPE_UNLIMITED, 0, 2**32 - 1)


def _unlimited_uint32(value: Any, parameter: str) -> int | None:
    """The word ``Unlimited`` (any case) for no limit, else a UInt32: ``-ResultSize Unlimited``."""
    if isinstance(value, str) and value.strip().lower() == "unlimited":
        return None
    return _uint32_within_unlimited(value, parameter)


#: -ResultSize of the Skype for Business Online connector's cmdlets (``Unlimited`1[System.UInt32]``
#: in the skype-ps reference pages); MicrosoftTeams 4.0 made Get-CsOnlineUser's a plain UInt32.
UNLIMITED_UINT32 = ParamType(_SKYPE_UNLIMITED, "int | str | None", _unlimited_uint32)
FQDN = ParamType("Microsoft.Rtc.Management.Deploy.Fqdn", "str", _fqdn)
USER_ID = ParamType("Microsoft.Rtc.Management.AD.UserIdParameter", "str", _scalar_string, is_string_like=True)
XDS_IDENTITY = ParamType("Microsoft.Rtc.Management.Xds.XdsIdentity", "str", _scalar_string, is_string_like=True)
PSOBJECT = ParamType("System.Management.Automation.PSObject", "Any", _passthrough)
OBJECT = ParamType("System.Object", "Any", _passthrough)
