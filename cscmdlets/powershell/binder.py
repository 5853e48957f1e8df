"""PowerShell's parameter binder for compiled cmdlets (PowerShell's ParameterBinderController.cs,
about_Parameters, about_Parameter_Sets, about_Pipelines).

``bind(metadata, arguments)`` follows the engine's order: pair names with values, bind named
parameters, bind positionals by position within the sets still in play, report leftovers,
resolve the parameter set, then check mandatory parameters as a non-interactive host does.
``bind_keywords`` is the same contract for Python keyword arguments (no name matching, same
conversions, sets and mandatory checks), and ``bind_pipeline_object`` binds one pipeline
input object by property name. ``argument_plan`` works out once how a shape of command-line
arguments binds, for the command-line reader (simple_command.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import (
    AmbiguousParameter,
    AmbiguousParameterSet,
    InputObjectMissingMandatory,
    InputObjectNotBound,
    InvocationInfo,
    MissingArgument,
    MissingMandatoryParameter,
    NamedParameterNotFound,
    ParameterAlreadyBound,
    ParameterNotEmulated,
    PositionalParameterNotFound,
    PowerShellError,
)
from .metadata import NOT_GIVEN, ActionPreference, CommandMetadata, Parameter
from .types import dotnet_value_type, ps_string, quick_converter

__all__ = [
    "SWITCH_GIVEN",
    "ArgumentPlan",
    "BoundCommand",
    "CommonParameters",
    "KeywordShape",
    "NamedArgument",
    "PositionalArgument",
    "argument_plan",
    "bind",
    "bind_keywords",
    "bind_pipeline_object",
    "did_you_mean",
    "keyword_shape",
    "match_parameter",
]

DASHES = "-\u2013\u2014\u2015"


@dataclass(frozen=True)
class NamedArgument:
    """``-Name`` or ``-Name:value`` as typed (``name`` without its dash)."""

    name: str
    value: Any = NOT_GIVEN
    text: str = ""
    where: InvocationInfo | None = None
    #: Where a glued value (``-Name:value``) is: what a bad value's error underlines.
    value_where: InvocationInfo | None = None

    @property
    def is_glued(self) -> bool:
        return self.value is not NOT_GIVEN


@dataclass(frozen=True)
class PositionalArgument:
    value: Any
    where: InvocationInfo | None = None


Argument = NamedArgument | PositionalArgument


@dataclass(frozen=True)
class CommonParameters:
    """The common parameters of one call, already converted."""

    error_action: ActionPreference | None = None
    warning_action: ActionPreference | None = None
    information_action: ActionPreference | None = None
    what_if: bool | None = None
    confirm: bool | None = None
    verbose: bool = False
    error_variable: str | None = None
    warning_variable: str | None = None
    out_variable: str | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> CommonParameters:
        if not values:
            return _NO_COMMON_PARAMETERS

        def action(name: str) -> ActionPreference | None:
            return _action_preference(values[name], name) if name in values else None

        return cls(
            error_action=action("ErrorAction"),
            warning_action=action("WarningAction"),
            information_action=action("InformationAction"),
            what_if=values.get("WhatIf"),
            confirm=values.get("Confirm"),
            verbose=bool(values.get("Verbose", False)),
            error_variable=values.get("ErrorVariable"),
            warning_variable=values.get("WarningVariable"),
            out_variable=values.get("OutVariable"),
        )


_NO_COMMON_PARAMETERS = CommonParameters()
_new_bound = tuple.__new__


def _action_preference(value: Any, parameter: str) -> ActionPreference:
    from .errors import CannotConvertArgumentNoMessage

    if isinstance(value, ActionPreference):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in ActionPreference._value2member_map_:
        return ActionPreference(value)
    for member in ActionPreference:
        if member.name.lower() == ps_string(value).strip().lower():
            return member
    names = ", ".join(member.name for member in ActionPreference)
    raise CannotConvertArgumentNoMessage(
        parameter,
        f'Cannot convert value "{ps_string(value)}" to type "System.Management.Automation.ActionPreference". '
        f'Error: "Unable to match the identifier name {ps_string(value)} to a valid enumerator name. '
        f'Specify one of the following enumerator names and try again:\n{names}"',
    )


class BoundCommand(NamedTuple):
    """A command with its parameters bound: what every engine executes.

    ``values`` holds the cmdlet's own parameters by their declared names; ``common`` the
    common parameters; ``candidate_sets`` the parameter sets still possible before pipeline
    input is bound. A named tuple: immutable like a frozen dataclass, made in half the time
    (one per call).
    """

    metadata: CommandMetadata
    parameter_set: str
    values: Mapping[str, Any]
    common: CommonParameters = _NO_COMMON_PARAMETERS
    invocation: InvocationInfo = InvocationInfo()
    candidate_sets: frozenset[str] = frozenset()

    def get(self, name: str, default: Any = NOT_GIVEN) -> Any:
        return self.values.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.values

    def switch(self, name: str) -> bool:
        return bool(self.values.get(name, False))


# --- name matching --------------------------------------------------------------------------------


def match_parameter(metadata: CommandMetadata, typed: str) -> Parameter | None:
    """Resolve a typed parameter name: exact name/alias, else a unique prefix (ParameterBinderController.cs).

    Returns ``None`` when nothing matches; raises ``AmbiguousParameter`` on several matches.
    """
    exact = metadata.by_name.get(typed.lower())
    if exact is not None:
        return exact
    lowered = typed.lower()
    matches: list[Parameter] = []
    for parameter in metadata.all_parameters:  # names first, in declaration order
        if parameter.name.lower().startswith(lowered) and parameter not in matches:
            matches.append(parameter)
    for parameter in metadata.all_parameters:  # then aliases
        if any(a.lower().startswith(lowered) for a in parameter.aliases) and parameter not in matches:
            matches.append(parameter)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return None
    own = [p for p in matches if not p.is_common]
    if len(own) == 1:
        return own[0]
    listing = "".join(f" -{p.name}" for p in matches)
    raise AmbiguousParameter(typed, listing)


# --- command-line binding -------------------------------------------------------------------------


@dataclass
class _State:
    metadata: CommandMetadata
    sets: frozenset[str]
    values: dict[str, Any] = field(default_factory=dict)
    common: dict[str, Any] = field(default_factory=dict)
    leftovers: list[Argument] = field(default_factory=list)

    def is_bound(self, parameter: Parameter) -> bool:
        return parameter.name in self.values or parameter.name in self.common

    def store(self, parameter: Parameter, value: Any, typed: str) -> None:
        self.check_unbound(parameter, typed)
        mandatory = self.is_mandatory(parameter) and not (value is None and parameter.allow_null)
        self.place(parameter, parameter.type.convert(value, parameter.name, mandatory=mandatory))

    def check_unbound(self, parameter: Parameter, typed: str) -> None:
        if self.is_bound(parameter):
            raise ParameterAlreadyBound(typed)

    def place(self, parameter: Parameter, value: Any) -> None:
        """Bind a converted value and narrow the parameter sets still possible."""
        (self.common if parameter.is_common else self.values)[parameter.name] = value
        if not parameter.is_common:
            self.narrow(parameter)

    def narrow(self, parameter: Parameter) -> None:
        remaining = self.sets & self.metadata.sets_of[parameter.name]
        if not remaining:
            raise AmbiguousParameterSet()
        self.sets = remaining

    def is_mandatory(self, parameter: Parameter) -> bool:
        return not parameter.is_common and bool(self.metadata.mandatory_sets[parameter.name] & self.sets)


def _at(error: PowerShellError, where: InvocationInfo | None) -> PowerShellError:
    return error.at(where) if where is not None else error


class _Pair(NamedTuple):
    """A named parameter and its value. A value that does not convert or validate is underlined
    where the value is, the parameter given twice where its name is (CommandParameterInternal's
    ErrorExtent and ParameterExtent, ParameterBinderBase.cs)."""

    parameter: Parameter
    value: Any
    typed: str
    name_where: InvocationInfo | None
    value_where: InvocationInfo | None

    def error_at(self, error: PowerShellError) -> PowerShellError:
        return _at(error, self.name_where if isinstance(error, ParameterAlreadyBound) else self.value_where)


def _pair_names_with_values(state: _State, arguments: Sequence[Argument]) -> list[_Pair]:
    """Walk the arguments; named ones take their value now, unknown ones become leftovers."""
    pairs: list[_Pair] = []
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        index += 1
        if isinstance(argument, PositionalArgument):
            state.leftovers.append(argument)
            continue
        try:
            parameter = match_parameter(state.metadata, argument.name)
        except PowerShellError as error:
            raise _at(error, argument.where) from None
        if parameter is None:
            state.leftovers.append(argument)
            continue
        if argument.is_glued:
            pairs.append(_Pair(parameter, argument.value, argument.name, argument.where, argument.value_where))
        elif parameter.is_switch:
            pairs.append(_Pair(parameter, True, argument.name, argument.where, argument.where))
        else:
            value, value_where = _take_value(state.metadata, parameter, arguments, index, argument)
            pairs.append(_Pair(parameter, value, argument.name, argument.where, value_where or argument.where))
            index += 1
    return pairs


def _take_value(
    metadata: CommandMetadata, parameter: Parameter, arguments: Sequence[Argument], index: int, argument: NamedArgument
) -> tuple[Any, InvocationInfo | None]:
    """The argument after ``-Name`` (``arguments[index]``) and where it is: a value, or a
    ``-token`` that names no parameter."""
    following = arguments[index] if index < len(arguments) else None
    if isinstance(following, PositionalArgument):
        return following.value, following.where
    if isinstance(following, NamedArgument) and not following.is_glued and not _names_parameter(metadata, following):
        return following.text or f"-{following.name}", following.where
    raise _at(MissingArgument(parameter.name, parameter.type.dotnet_name), argument.where)


def _names_parameter(metadata: CommandMetadata, argument: NamedArgument) -> bool:
    try:
        return match_parameter(metadata, argument.name) is not None
    except PowerShellError:
        return True  # an ambiguous prefix is still a parameter name


def _bind_positionals(state: _State) -> None:
    """Bind leftover positional values by ascending position within the sets in play."""
    positional = [a for a in state.leftovers if isinstance(a, PositionalArgument)]
    consumed: set[int] = set()
    for argument in positional:
        parameter = _next_positional(state, argument.value)
        if parameter is None:
            break
        try:
            state.store(parameter, argument.value, parameter.name)
        except PowerShellError as error:
            raise _at(error, argument.where) from None
        consumed.add(id(argument))
    state.leftovers = [a for a in state.leftovers if id(a) not in consumed]


def _next_positional(state: _State, value: Any) -> Parameter | None:
    """The parameter at the lowest position still open; where several sets put different
    parameters there (-Identity or -Instance), the one that takes ``value`` unconverted (positional binding)."""
    candidates: list[tuple[int, int, Parameter]] = []
    for order, parameter in enumerate(state.metadata.parameters):
        if state.is_bound(parameter):
            continue
        positions = [m.position for s in state.sets if (m := parameter.membership(s)) and m.position is not None]
        if positions:
            candidates.append((min(positions), order, parameter))
    if not candidates:
        return None
    lowest = min(candidates)[0]
    tied = [parameter for position, _, parameter in sorted(candidates) if position == lowest]
    return next((p for p in tied if _takes_unconverted(p, value)), tied[0])


def _takes_unconverted(parameter: Parameter, value: Any) -> bool:
    try:
        return parameter.type.convert(value, parameter.name) is value
    except PowerShellError:
        return False


def _report_leftovers(state: _State) -> None:
    """VerifyArgumentsProcessed: the first leftover decides the error."""
    if not state.leftovers:
        return
    first = state.leftovers[0]
    if isinstance(first, NamedArgument):
        real = state.metadata.unemulated_parameter(first.name)
        if real is not None:
            raise _at(ParameterNotEmulated(real, state.metadata.name), first.where)
        hint = did_you_mean(state.metadata, first.name)
        raise _at(NamedParameterNotFound(first.name, recommended_action=hint), first.where)
    shown = "$null" if first.value is None else _to_string(first.value)
    raise _at(PositionalParameterNotFound(shown), first.where)


def _to_string(value: Any) -> str:
    """``arg.ToString()``: an array or an object shows its .NET type name (``System.Object[]``)."""
    if isinstance(value, list | tuple | dict) or hasattr(type(value), "ps_type_names"):
        return dotnet_value_type(value)
    return ps_string(value)


def did_you_mean(metadata: CommandMetadata, typed: str, *, python: bool = False) -> str:
    """The closest parameter name, so the admin articles' ``-SendEmailOverride`` names its fix
    (with ``python``, the closest keyword argument)."""
    names = {p.name.lower(): p for p in metadata.parameters}
    close = difflib.get_close_matches(typed.lower().replace("_", ""), names, n=1, cutoff=0.8)
    if not close:
        return ""
    parameter = names[close[0]]
    return f"Did you mean '{parameter.python_name}'?" if python else f"Did you mean '-{parameter.name}'?"


def _resolve_set(state: _State) -> str:
    metadata = state.metadata
    if len(state.sets) == 1:
        return next(iter(state.sets))
    if metadata.default_parameter_set in state.sets:
        return metadata.default_parameter_set
    satisfied = [s for s in sorted(state.sets) if not _missing_mandatory(state, s)]
    if len(satisfied) == 1:
        return satisfied[0]
    raise AmbiguousParameterSet()


def _missing_mandatory(state: _State, set_name: str, *, skip_pipeline: bool = False) -> list[str]:
    return [
        parameter.name
        for parameter in state.metadata.mandatory_parameters[set_name]
        if not state.is_bound(parameter) and not (skip_pipeline and parameter.from_pipeline_by_property_name)
    ]


def _finish(state: _State, invocation: InvocationInfo, expect_pipeline_input: bool) -> BoundCommand:
    set_name = _resolve_set(state)
    missing = _missing_mandatory(state, set_name, skip_pipeline=expect_pipeline_input)
    if missing:
        raise MissingMandatoryParameter("".join(f" {name}" for name in missing))
    return BoundCommand(
        metadata=state.metadata,
        parameter_set=set_name,
        values=state.values,
        common=CommonParameters.from_values(state.common),
        invocation=invocation,
        candidate_sets=state.sets,
    )


def _attributed(metadata: CommandMetadata, error: PowerShellError) -> PowerShellError:
    return error.for_command(metadata.name, metadata.implementing_type)


def bind(
    metadata: CommandMetadata,
    arguments: Sequence[Argument],
    *,
    invocation: InvocationInfo | None = None,
    expect_pipeline_input: bool = False,
) -> BoundCommand:
    """Bind command-line arguments as PowerShell does for a compiled cmdlet.

    Args:
        metadata: the command.
        arguments: named and positional arguments in command-line order.
        invocation: where the command was invoked (for error positions).
        expect_pipeline_input: leave mandatory pipeline parameters for
            :func:`bind_pipeline_object`.

    Raises:
        ParameterBindingError: the statement-terminating error PowerShell would raise.
    """
    invocation = invocation or metadata.invocation
    shaped = _bind_by_shape(metadata, arguments, invocation)
    if shaped is not None:
        return shaped
    state = _State(metadata, metadata.parameter_sets)
    try:
        for pair in _pair_names_with_values(state, arguments):
            try:
                state.store(pair.parameter, pair.value, pair.typed)
            except PowerShellError as error:
                raise pair.error_at(error) from None
        _bind_positionals(state)
        _report_leftovers(state)
        return _finish(state, invocation, expect_pipeline_input)
    except PowerShellError as error:
        if not error.invocation.has_position and invocation.has_position:
            error.at(invocation)
        raise _attributed(metadata, error) from None


def _bind_by_shape(
    metadata: CommandMetadata, arguments: Sequence[Argument], invocation: InvocationInfo
) -> BoundCommand | None:
    """The usual command line — ``-Name value`` pairs and switches, each a full parameter name
    or alias — binds from its names' shape, worked out once, as keyword arguments do.

    ``None`` for anything else (a positional value, a prefix, a name given twice, a missing
    mandatory parameter, a value that does not convert): the binder's steps then bind it, or
    raise its error with the argument's position. Conversion has no side effects, so trying
    it twice changes nothing.
    """
    names: list[str] = []
    values: list[Any] = []
    index, count = 0, len(arguments)
    while index < count:
        argument = arguments[index]
        if not isinstance(argument, NamedArgument):
            return None
        parameter = metadata.by_name.get(argument.name.lower())  # as match_parameter's exact match
        if parameter is None:
            return None
        if argument.is_glued or parameter.is_switch:
            values.append(argument.value if argument.is_glued else True)
            index += 1
        else:
            following = arguments[index + 1] if index + 1 < count else None
            if not isinstance(following, PositionalArgument):
                return None
            values.append(following.value)
            index += 2
        names.append(parameter.name)
    shape = keyword_shape(metadata, tuple(names))
    if shape is None:
        return None
    try:
        return shape.bind(values, invocation)
    except PowerShellError:
        return None


def bind_keywords(
    metadata: CommandMetadata,
    values: Mapping[str, Any],
    *,
    invocation: InvocationInfo | None = None,
) -> BoundCommand:
    """Bind Python keyword arguments given by declared parameter name (NOT_GIVEN skipped).

    Which parameter set applies, and which parameters are mandatory in it, depends only on the
    names given: a combination seen before binds from its shape and only converts the values;
    one that cannot bind goes through the binder's steps, which raise their errors in order.
    """
    given = {name: value for name, value in values.items() if value is not NOT_GIVEN}
    shape = keyword_shape(metadata, tuple(given))
    invocation = invocation or metadata.invocation
    if shape is not None:
        return shape.bind(given.values(), invocation)
    try:
        state = _State(metadata, metadata.parameter_sets)
        for name, value in given.items():
            state.store(metadata.parameter(name), value, name)
        return _finish(state, invocation, False)
    except PowerShellError as error:
        raise _attributed(metadata, error) from None


@dataclass(frozen=True)
class KeywordShape:
    """How one combination of parameter names binds: each parameter with whether it is
    mandatory when it binds (``$null`` and ``""`` are refused then), and the resolved set."""

    metadata: CommandMetadata
    #: Per parameter: its name, its type's conversion, whether it is mandatory, whether it is common.
    steps: tuple[tuple[str, Callable[..., Any], bool, bool], ...]
    parameter_set: str
    candidate_sets: frozenset[str]

    def bind(self, values: Iterable[Any], invocation: InvocationInfo) -> BoundCommand:
        """Convert ``values`` (in the shape's order) and bind them."""
        own: dict[str, Any] = {}
        common: dict[str, Any] = {}
        try:
            for (name, convert, mandatory, is_common), value in zip(self.steps, values, strict=True):
                (common if is_common else own)[name] = convert(value, name, mandatory=mandatory)
            converted_common = CommonParameters.from_values(common) if common else _NO_COMMON_PARAMETERS
        except PowerShellError as error:
            raise _attributed(self.metadata, error) from None
        # tuple.__new__, not the named tuple's Python-level __new__: one per call.
        return _new_bound(
            BoundCommand, (self.metadata, self.parameter_set, own, converted_common, invocation, self.candidate_sets)
        )


def keyword_shape(metadata: CommandMetadata, names: tuple[str, ...]) -> KeywordShape | None:
    """The shape of ``names`` (declared parameter names), worked out once per metadata;
    ``None`` if they cannot bind together (unknown, ambiguous set, mandatory missing), so the
    caller binds step by step."""
    shapes: dict[tuple[str, ...], KeywordShape | None] = metadata.keyword_shapes
    if names not in shapes:
        shapes[names] = _new_shape(metadata, names)
    return shapes[names]


def _new_shape(metadata: CommandMetadata, names: tuple[str, ...]) -> KeywordShape | None:
    state = _State(metadata, metadata.parameter_sets)
    steps = []
    try:
        for name in names:
            parameter = metadata.parameter(name)
            state.check_unbound(parameter, name)
            mandatory = state.is_mandatory(parameter) and not parameter.allow_null
            steps.append((parameter.name, quick_converter(parameter.type), mandatory, parameter.is_common))
            state.place(parameter, NOT_GIVEN)
        set_name = _resolve_set(state)
    except (PowerShellError, KeyError):
        return None
    if _missing_mandatory(state, set_name):
        return None
    return KeywordShape(metadata, tuple(steps), set_name, state.sets)


def property_value(input_object: Any, names: Iterable[str]) -> Any:
    """A property of a pipeline object by name or alias, case-insensitively (about_Pipelines:
    ValueFromPipelineByPropertyName)."""
    properties = _properties_of(input_object)
    lowered = {key.lower(): value for key, value in properties.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return NOT_GIVEN


def _properties_of(input_object: Any) -> Mapping[str, Any]:
    to_ps = getattr(input_object, "to_ps", None)
    if callable(to_ps):
        return dict(to_ps())
    if isinstance(input_object, Mapping):
        return input_object
    return {}


def bind_pipeline_object(command: BoundCommand, input_object: Any) -> BoundCommand:
    """Bind one pipeline input object by property name to the parameters still unbound.

    Raises the non-terminating ``InputObjectNotBound``/``InputObjectMissingMandatory`` with
    the input as target object; the caller writes them and goes on with the next input.
    """
    metadata = command.metadata
    state = _State(metadata, command.candidate_sets or frozenset({command.parameter_set}))
    state.values = dict(command.values)
    bound_any = False
    for parameter in metadata.parameters:
        if not parameter.from_pipeline_by_property_name or parameter.name in state.values:
            continue
        value = property_value(input_object, (parameter.name, *parameter.aliases))
        if value is NOT_GIVEN:
            continue
        try:
            state.store(parameter, value, parameter.name)
        except PowerShellError as error:
            error.target_object = input_object
            raise _attributed(metadata, error) from None
        bound_any = True
    if not bound_any:
        raise _attributed(metadata, InputObjectNotBound(target_object=input_object))
    set_name = _resolve_set(state)
    missing = _missing_mandatory(state, set_name)
    if missing:
        names = "".join(f" {name}" for name in missing)
        raise _attributed(metadata, InputObjectMissingMandatory(names, target_object=input_object))
    return command._replace(parameter_set=set_name, values=state.values)


# --- argument shapes (the command-line reader's plans) ------------------------------------------

#: An :class:`ArgumentPlan` source for a switch given as ``-Name`` (its value is ``True``).
SWITCH_GIVEN = -1
_END: Any = object()


class ArgumentPlan(NamedTuple):
    """How one shape of arguments binds: the keyword shape of its parameters, and for each
    parameter where its value is -- an argument's index; ``~index`` (at most -2) for the typed
    text of a ``-token`` that names no parameter, taken as the value; or :data:`SWITCH_GIVEN`."""

    shape: KeywordShape
    sources: tuple[int, ...]


def argument_plan(metadata: CommandMetadata, shape: tuple[tuple[str, bool] | None, ...]) -> ArgumentPlan | None:
    """How a shape of command-line arguments binds: per argument ``(lower-cased name as typed,
    glued)`` for ``-Name``/``-Name:value``, ``None`` for a value. Worked out as :func:`bind`
    pairs names with values and binds positional values, without the values; ``None`` when
    :func:`bind` would look at them (a position two sets give different parameters), or raise."""
    picks: list[tuple[Parameter, int]] = []
    positional: list[int] = []
    try:
        index = 0
        while index < len(shape):
            item = shape[index]
            if item is None:
                positional.append(index)
                index += 1
                continue
            name, glued = item
            parameter = match_parameter(metadata, name)
            if parameter is None:
                return None  # not a parameter: an error once the rest is bound
            if glued or parameter.is_switch:
                picks.append((parameter, index if glued else SWITCH_GIVEN))
                index += 1
                continue
            following = shape[index + 1] if index + 1 < len(shape) else _END
            if following is None:
                picks.append((parameter, index + 1))
            elif following is _END or following[1] or match_parameter(metadata, following[0]) is not None:
                return None  # MissingArgument
            else:
                picks.append((parameter, ~(index + 1)))  # ``-Name -NotAParameter``: the token is the value
            index += 2
        state = _State(metadata, metadata.parameter_sets)
        for parameter, _ in picks:
            state.check_unbound(parameter, parameter.name)
            state.place(parameter, NOT_GIVEN)
        for index in positional:
            parameter = _only_positional(state)
            if parameter is None:
                return None
            state.place(parameter, NOT_GIVEN)
            picks.append((parameter, index))
    except PowerShellError:
        return None
    bound_shape = keyword_shape(metadata, tuple(parameter.name for parameter, _ in picks))
    if bound_shape is None:
        return None
    return ArgumentPlan(bound_shape, tuple(source for _, source in picks))


def _only_positional(state: _State) -> Parameter | None:
    """:func:`_next_positional` where one parameter alone holds the lowest open position;
    ``None`` where none does, or several do (the binder then looks at the value)."""
    candidates: list[tuple[int, Parameter]] = []
    for parameter in state.metadata.parameters:
        if state.is_bound(parameter):
            continue
        positions = [m.position for s in state.sets if (m := parameter.membership(s)) and m.position is not None]
        if positions:
            candidates.append((min(positions), parameter))
    if not candidates:
        return None
    lowest = min(position for position, _ in candidates)
    tied = [parameter for position, parameter in candidates if position == lowest]
    return tied[0] if len(tied) == 1 else None
