"""Python functions made from command metadata: the Pythonic one and its exact-name twin.

``set_cs_online_dial_in_conferencing_user(identity, *, send_email=False, …)`` takes typed
keyword arguments named after the parameters; ``Set_CsOnlineDialInConferencingUser(…)``
binds exactly as PowerShell does (names case-insensitive, prefixes, aliases, positionals)
for ported code. Both are built from the same CommandMetadata, so the signature cannot
drift from the binder; both run through an :class:`~cscmdlets.powershell.engine.Engine`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .powershell.binder import (
    BoundCommand,
    KeywordShape,
    NamedArgument,
    PositionalArgument,
    bind,
    bind_keywords,
    did_you_mean,
    keyword_shape,
)
from .powershell.engine import CmdletWarning, Engine, PSOutput, surface
from .powershell.errors import NamedParameterNotFound, ParameterNotEmulated
from .powershell.metadata import NOT_GIVEN, CommandMetadata

__all__ = ["CmdletWarning", "PSOutput", "make_pythonic", "make_twin", "run_bound", "signature_of"]

EngineOf = Callable[[Any], Engine]

#: The common parameters a Pythonic signature shows (the others are accepted, not advertised),
#: with their annotations.
PYTHON_COMMON = {
    "error_action": "ActionPreference | str",
    "warning_action": "ActionPreference | str",
    "verbose": "bool",
    "what_if": "bool",
    "confirm": "bool",
}


def signature_of(metadata: CommandMetadata) -> inspect.Signature:
    """The Pythonic function's signature: positional parameters first, the rest keyword-only."""
    positional = metadata.positional_parameters
    params = [
        inspect.Parameter(
            p.python_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=NOT_GIVEN, annotation=p.type.annotation
        )
        for p in positional
    ]
    for parameter in metadata.parameters:
        if parameter in positional:
            continue
        default: Any = False if parameter.is_switch else NOT_GIVEN
        params.append(
            inspect.Parameter(
                parameter.python_name,
                inspect.Parameter.KEYWORD_ONLY,
                default=default,
                annotation=parameter.type.annotation,
            )
        )
    for python, annotation in PYTHON_COMMON.items():
        if python in metadata.by_python_name:  # -WhatIf/-Confirm only with SupportsShouldProcess
            params.append(
                inspect.Parameter(python, inspect.Parameter.KEYWORD_ONLY, default=NOT_GIVEN, annotation=annotation)
            )
    return inspect.Signature(params, return_annotation="PSOutput")


def _keyword_values(metadata: CommandMetadata, kwargs: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for python, value in kwargs.items():
        parameter = metadata.by_python_name.get(python)  # own and common (WhatIf only if supported)
        if parameter is None:
            real = next((p for p in metadata.unemulated_parameters if p.lower() == python.replace("_", "")), None)
            if real is not None:  # a real parameter the emulator does not model: say so
                raise ParameterNotEmulated(real, metadata.name).for_command(metadata.name, metadata.implementing_type)
            hint = did_you_mean(metadata, python, python=True)
            error = NamedParameterNotFound(python, recommended_action=hint)
            raise error.for_command(metadata.name, metadata.implementing_type)
        switch_off = value is False and parameter.is_switch and not parameter.is_common
        if value is not NOT_GIVEN and not switch_off:
            values[parameter.name] = value
    return values


def run_bound(engine: Engine, command: BoundCommand) -> PSOutput:
    """Run a bound command and apply -ErrorAction the Python way: raise the first error
    record unless it is SilentlyContinue or Ignore. Warnings become :class:`CmdletWarning`s;
    host lines (``What if: …``) are printed, as a PowerShell host shows them."""
    result = engine.invoke(command)
    if result.host or result.warnings or result.errors:  # the usual call has nothing to show
        surface(result, error_action=command.common.error_action, warning_action=command.common.warning_action)
    return result.output


def make_pythonic(metadata: CommandMetadata, engine_of: EngineOf, *, method: bool = False) -> Callable[..., Any]:
    """The Pythonic function for ``metadata``; ``engine_of(self_or_None)`` picks the engine."""
    bind_call = _python_binder(metadata)

    def function(*args: Any, **kwargs: Any) -> PSOutput:
        return run_bound(engine_of(None), bind_call(args, kwargs))

    def bound_method(self: Any, /, *args: Any, **kwargs: Any) -> PSOutput:
        return run_bound(engine_of(self), bind_call(args, kwargs))

    return _named(bound_method if method else function, metadata, metadata.python_name, signature_of(metadata), method)


@dataclass(frozen=True, slots=True)
class _Route:
    """How one form of call binds (so many positional values, these keyword names) when every
    value is given: the values go, in order, straight into the binder's keyword shape."""

    shape: KeywordShape
    #: Where the values hold a switch: ``False`` there means "not given", which is another form.
    switches: tuple[int, ...]

    def bind(self, values: tuple[Any, ...]) -> BoundCommand | None:
        for value in values:
            if value is NOT_GIVEN:
                return None
        for index in self.switches:
            if values[index] is False:
                return None
        return self.shape.bind(values, self.shape.metadata.invocation)


def _route(metadata: CommandMetadata, positional: int, keywords: tuple[str, ...]) -> _Route | None:
    """The route of a call form; ``None`` where only the general binding applies (a name
    unknown or given twice, positions decided by type, a set that cannot be resolved)."""
    names = [*metadata.ordered_positional_names[:positional]]
    if len(names) < positional:
        return None
    switches = []
    for python in keywords:
        parameter = metadata.by_python_name.get(python)
        if parameter is None or parameter.name in names:
            return None
        if parameter.is_switch and not parameter.is_common:
            switches.append(len(names))
        names.append(parameter.name)
    shape = keyword_shape(metadata, tuple(names))
    return None if shape is None else _Route(shape, tuple(switches))


Binder = Callable[[tuple[Any, ...], dict[str, Any]], BoundCommand]


def _form_binder(
    metadata: CommandMetadata, python_names: Callable[[tuple[str, ...]], tuple[str, ...] | None], general: Binder
) -> Binder:
    """Binds a call by its form (so many positional values, these keyword names): each form is
    worked out once, so a loop of calls of one form (the usual bulk job) only converts its
    values. ``python_names`` gives the keywords' Python names (``None``: only ``general`` binds
    them); ``general`` binds what no route takes."""
    routes: dict[tuple[Any, ...], _Route] = {}

    def bind_call(args: tuple[Any, ...], kwargs: dict[str, Any]) -> BoundCommand:
        form = (len(args), *kwargs)
        route = routes.get(form)
        if route is None:
            names = python_names(tuple(kwargs))
            if names is not None and (route := _route(metadata, len(args), names)) is not None:
                routes[form] = route  # only valid forms: wrong names do not grow the cache
        command = None if route is None else route.bind((*args, *kwargs.values()))
        if command is None:  # a value not given, a switch turned off, or a form only the binder takes
            command = general(args, kwargs)
        return command

    return bind_call


def _python_binder(metadata: CommandMetadata) -> Binder:
    """Binds a Pythonic call: keywords are Python names."""

    def general(args: tuple[Any, ...], kwargs: dict[str, Any]) -> BoundCommand:
        return _bind_python(metadata, args, _keyword_values(metadata, kwargs))

    return _form_binder(metadata, lambda names: names, general)


def _twin_binder(metadata: CommandMetadata) -> Binder:
    """Binds a twin call by PowerShell's rules. A form whose keywords are each a parameter's
    full name or alias (any case) binds by route, as the Pythonic function does; a prefix,
    or anything else, goes through the binder step by step."""

    def python_names(keywords: tuple[str, ...]) -> tuple[str, ...] | None:
        parameters = [metadata.by_name.get(keyword.lower()) for keyword in keywords]
        if any(parameter is None for parameter in parameters):
            return None
        return tuple(parameter.python_name for parameter in parameters if parameter is not None)

    def general(args: tuple[Any, ...], kwargs: dict[str, Any]) -> BoundCommand:
        arguments: list[PositionalArgument | NamedArgument] = [PositionalArgument(value) for value in args]
        arguments += [NamedArgument(name, value, text=f"-{name}") for name, value in kwargs.items()]
        return bind(metadata, arguments)

    return _form_binder(metadata, python_names, general)


def _bind_python(metadata: CommandMetadata, args: Sequence[Any], values: dict[str, Any]) -> BoundCommand:
    """Positional arguments bind by position; where sets share a position (-Identity or
    -Instance) the binder decides by the value's type, as PowerShell does."""
    names = metadata.ordered_positional_names
    if len(args) <= len(names) and values.keys().isdisjoint(names[: len(args)]):
        for position, value in enumerate(args):  # a loop: zip(..., strict=False) is slower for a value or two
            values[names[position]] = value
        return bind_keywords(metadata, values)
    arguments: list[PositionalArgument | NamedArgument] = [PositionalArgument(value) for value in args]
    arguments += [NamedArgument(name, value, text=f"-{name}") for name, value in values.items()]
    return bind(metadata, arguments)


def make_twin(metadata: CommandMetadata, engine_of: EngineOf, *, method: bool = False) -> Callable[..., Any]:
    """The exact-name twin: arguments bound by PowerShell's rules."""
    bind_call = _twin_binder(metadata)

    def function(*args: Any, **kwargs: Any) -> PSOutput:
        return run_bound(engine_of(None), bind_call(args, kwargs))

    def bound_method(self: Any, /, *args: Any, **kwargs: Any) -> PSOutput:
        return run_bound(engine_of(self), bind_call(args, kwargs))

    return _named(bound_method if method else function, metadata, metadata.twin_name, None, method)


def _named(
    function: Callable[..., Any],
    metadata: CommandMetadata,
    name: str,
    signature: inspect.Signature | None,
    method: bool,
) -> Callable[..., Any]:
    function.__name__ = function.__qualname__ = name
    function.__doc__ = _docstring(metadata)
    if signature is not None:
        if method:
            self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
            signature = signature.replace(parameters=[self_param, *signature.parameters.values()])
        function.__signature__ = signature  # type: ignore[attr-defined]
    return function


def _docstring(metadata: CommandMetadata) -> str:
    lines = [f"{metadata.name}: {metadata.synopsis}", "", "Args:"]
    for parameter in metadata.parameters:
        lines.append(f"    {parameter.python_name} ({parameter.type.dotnet_name}): {parameter.help}")
    lines += [
        "",
        "Returns:",
        "    PSOutput: the objects the command wrote.",
        "",
        "Raises:",
        "    PowerShellError: a binding error, or the first error record the command wrote.",
    ]
    return "\n".join(lines)
