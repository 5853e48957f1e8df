"""The validation attributes of a script function's parameters: ``[ValidateSet()]``,
``[ValidateNotNullOrEmpty()]``, ``[ValidateRange()]``, ``[ValidatePattern()]``.

PowerShell checks them while binding (about_Functions_Advanced_Parameters, "Parameter and
variable validation attributes"); a value that fails is the binding error
``ParameterArgumentValidationError`` (``Cannot validate argument on parameter 'X'. …``). Here
they wrap the parameter's type, so the one binder checks them for runner and linter alike.
Attributes whose arguments are not literals (and ValidateScript) are not checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from ..powershell import parser as ast
from ..powershell import types as t
from ..powershell.errors import ValidationFailed
from .values import dotnet_regex, to_number, to_string

__all__ = ["validated"]

Check = Callable[[Any], str | None]


def _one_of(allowed: Sequence[Any]) -> Check:
    names = [to_string(value) for value in allowed]

    def check(value: Any) -> str | None:
        if to_string(value).lower() in (name.lower() for name in names):
            return None
        return (
            f'The argument "{to_string(value)}" does not belong to the set "{",".join(names)}" specified by the '
            "ValidateSet attribute. Supply an argument that is in the set and then try the command again."
        )

    return check


def _not_empty(arguments: Sequence[Any]) -> Check:
    def check(value: Any) -> str | None:
        if value is None or value == "" or value == [] or value == ():
            return (
                "The argument is null or empty. Provide an argument that is not null or empty, and then try the "
                "command again."
            )
        return None

    return check


def _in_range(arguments: Sequence[Any]) -> Check:
    low, high = (to_number(argument, target="System.Double") for argument in arguments[:2])

    def check(value: Any) -> str | None:
        number = to_number(value, target="System.Double")
        if number < low:
            return (
                f"The {to_string(value)} argument is less than the minimum allowed range of {to_string(arguments[0])}. "
                f"Supply an argument that is greater than or equal to {to_string(arguments[0])} and then try the "
                "command again."
            )
        if number > high:
            return (
                f"The {to_string(value)} argument is greater than the maximum allowed range of "
                f"{to_string(arguments[1])}. Supply an argument that is less than or equal to "
                f"{to_string(arguments[1])} and then try the command again."
            )
        return None

    return check


def _matching(arguments: Sequence[Any]) -> Check:
    pattern = to_string(arguments[0])

    def check(value: Any) -> str | None:
        if dotnet_regex(pattern).search(to_string(value)):
            return None
        return (
            f'The argument "{to_string(value)}" does not match the "{pattern}" pattern. Supply an argument that '
            f'matches "{pattern}" and try the command again.'
        )

    return check


_VALIDATORS: dict[str, Callable[[Sequence[Any]], Check]] = {
    "validateset": _one_of,
    "validatenotnullorempty": _not_empty,
    "validaterange": _in_range,
    "validatepattern": _matching,
}


def _literals(attribute: ast.Attribute) -> list[Any] | None:
    """The attribute's literal arguments; ``None`` when one is computed. A bare number reaches
    us as a named argument without a value (``[ValidateRange(1, 10)]``), and counts as literal."""
    if not all(isinstance(argument, ast.Constant) for argument in attribute.positional):
        return None
    numbers = [float(name) if "." in name else int(name) for name, value in attribute.named if _is_number(name, value)]
    return [*(argument.value for argument in attribute.positional), *numbers]  # type: ignore[union-attr]


def _is_number(name: str, value: Any) -> bool:
    return value is None and name.replace(".", "", 1).lstrip("-").isdigit()


def _checks(attributes: Sequence[ast.Attribute]) -> list[Check]:
    checks = []
    for attribute in attributes:
        make = _VALIDATORS.get(attribute.name.lower())
        arguments = _literals(attribute)
        if make is not None and arguments is not None and (arguments or make is _not_empty):
            checks.append(make(arguments))
    return checks


def validated(ptype: t.ParamType, attributes: Sequence[ast.Attribute]) -> t.ParamType:
    """``ptype`` that also checks the validation attributes (each element of an array value)."""
    checks = _checks(attributes)
    if not checks:
        return ptype
    convert = ptype.converter

    def checked(value: Any, parameter: str) -> Any:
        converted = convert(value, parameter)
        for item in converted if isinstance(converted, list | tuple) and converted else [converted]:
            for check in checks:
                problem = check(item)
                if problem is not None:
                    raise ValidationFailed(parameter, problem)
        return converted

    refuses_null = any(a.name.lower() in ("validatenotnullorempty", "validatenotnull") for a in attributes)
    return dataclasses.replace(ptype, converter=checked, accepts_null=ptype.accepts_null and not refuses_null)
