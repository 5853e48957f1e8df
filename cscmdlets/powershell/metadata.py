"""Command metadata: the one declarative description of each cmdlet.

A :class:`CommandMetadata` holds only what PowerShell itself knows about a command: its
parameters, their types, positions, aliases, parameter sets and whether it supports
ShouldProcess. It drives the binder, the Python signatures, help and docs, the linter and
porter, and the remote passthrough. Common parameters are merged in from flags, as
PowerShell's ``MergeParameterMetadata`` does; no cmdlet declares them.
"""

from __future__ import annotations

import enum
import keyword
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import types as t
from .errors import InvocationInfo
from .types import ParamType

__all__ = [
    "ALL_SETS",
    "COMMON_PARAMETERS",
    "NOT_GIVEN",
    "SHOULD_PROCESS_PARAMETERS",
    "ActionPreference",
    "CommandMetadata",
    "ConfirmImpact",
    "Example",
    "InSet",
    "NotGiven",
    "Parameter",
    "pascal_to_snake",
    "python_name",
    "should_process_message",
    "twin_name",
]

ALL_SETS = "__AllParameterSets"


class NotGiven:
    """The type of :data:`NOT_GIVEN`: "not passed", distinct from ``None`` (``$null``)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN = NotGiven()


class ConfirmImpact(enum.IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3


def should_process_message(action: str, target: str) -> str:
    """What ShouldProcess writes after ``What if: ``, as verbose or in a prompt
    (CommandBaseStrings.resx, ShouldProcessMessage)."""
    return f'Performing the operation "{action}" on target "{target}".'


class ActionPreference(enum.IntEnum):
    """System.Management.Automation.ActionPreference, with the engine's numbers."""

    SilentlyContinue = 0
    Stop = 1
    Continue = 2
    Inquire = 3
    Ignore = 4
    Suspend = 5
    Break = 6


@dataclass(frozen=True)
class InSet:
    """A parameter's membership of one parameter set, with that set's position/mandatory."""

    name: str
    mandatory: bool = False
    position: int | None = None


@dataclass(frozen=True)
class Parameter:
    """One parameter as PowerShell's ParameterAttribute(s) declare it.

    ``position`` is 0-based (help pages show it 1-based). ``sets`` is empty for a parameter
    in every set; otherwise each entry names a set, optionally with its own mandatory flag and
    position. ``removed`` records a parameter the current MicrosoftTeams module no longer has.
    ``allow_null`` is PowerShell's ``[AllowNull()]``: a mandatory parameter that takes ``$null``.
    ``names_variable``: the value names a variable the command sets in its caller's scope
    (Graph's ``-CountVariable``), which a remote caller must read back from the host.
    """

    name: str
    type: ParamType
    position: int | None = None
    mandatory: bool = False
    sets: tuple[InSet, ...] = ()
    aliases: tuple[str, ...] = ()
    from_pipeline_by_property_name: bool = False
    help: str = ""
    removed: str = ""
    is_common: bool = False
    allow_null: bool = False
    names_variable: bool = False

    @property
    def python_name(self) -> str:
        """``SendEmail`` → ``send_email``; a Python keyword gets a trailing ``_`` (``-Global`` → ``global_``)."""
        snake = pascal_to_snake(self.name)
        return f"{snake}_" if keyword.iskeyword(snake) else snake

    @property
    def is_switch(self) -> bool:
        return self.type.is_switch

    def membership(self, set_name: str) -> InSet | None:
        """This parameter's place in ``set_name``, or ``None`` if it is not in that set."""
        if not self.sets:
            return InSet(set_name, self.mandatory, self.position)
        for in_set in self.sets:
            if in_set.name == set_name:
                return in_set
        return None


def _common(name: str, ptype: ParamType, *aliases: str) -> Parameter:
    return Parameter(name, ptype, aliases=aliases, is_common=True)


_ACTION = t.ParamType(
    "System.Management.Automation.ActionPreference", "str", lambda value, name: value, accepts_null=False
)

#: In the order PowerShell's CommonParameters class declares them.
COMMON_PARAMETERS: tuple[Parameter, ...] = (
    _common("Verbose", t.SWITCH, "vb"),
    _common("Debug", t.SWITCH, "db"),
    _common("ErrorAction", _ACTION, "ea"),
    _common("WarningAction", _ACTION, "wa"),
    _common("InformationAction", _ACTION, "infa"),
    _common("ProgressAction", _ACTION, "proga"),
    _common("ErrorVariable", t.STRING, "ev"),
    _common("WarningVariable", t.STRING, "wv"),
    _common("InformationVariable", t.STRING, "iv"),
    _common("OutVariable", t.STRING, "ov"),
    _common("OutBuffer", t.INT32, "ob"),
    _common("PipelineVariable", t.STRING, "pv"),
)
SHOULD_PROCESS_PARAMETERS: tuple[Parameter, ...] = (
    _common("WhatIf", t.SWITCH, "wi"),
    _common("Confirm", t.SWITCH, "cf"),
)


@dataclass(frozen=True)
class Example:
    """A help example: the command line and what it does."""

    code: str
    remarks: str


@dataclass(frozen=True)
class CommandMetadata:
    """Everything PowerShell knows about one command. Frozen and built once per cmdlet."""

    name: str
    parameters: tuple[Parameter, ...]
    synopsis: str = ""
    implementing_type: str = ""
    default_parameter_set: str = ALL_SETS
    supports_should_process: bool = False
    confirm_impact: ConfirmImpact = ConfirmImpact.MEDIUM
    output_type: Any = None
    examples: tuple[Example, ...] = ()
    notes: str = ""
    removed: str = ""
    #: Parameters the real cmdlet has (its reference page) that the emulator does not model:
    #: naming one is :class:`~.errors.ParameterNotEmulated`, not NamedParameterNotFound.
    unemulated_parameters: tuple[str, ...] = ()

    def unemulated_parameter(self, name: str) -> str | None:
        """The real, unmodelled parameter ``name`` names (exactly or as the one prefix), if any."""
        wanted = name.lower()
        found = [p for p in self.unemulated_parameters if p.lower().startswith(wanted)]
        exact = [p for p in found if p.lower() == wanted]
        return (exact or found)[0] if len(exact or found) == 1 else None

    @property
    def verb(self) -> str:
        return self.name.split("-", 1)[0]

    @property
    def noun(self) -> str:
        return self.name.split("-", 1)[1]

    @cached_property
    def all_parameters(self) -> tuple[Parameter, ...]:
        """The cmdlet's own parameters, then the common ones, then -WhatIf/-Confirm."""
        merged = self.parameters + COMMON_PARAMETERS
        return merged + SHOULD_PROCESS_PARAMETERS if self.supports_should_process else merged

    @cached_property
    def parameter_sets(self) -> frozenset[str]:
        named = {in_set.name for p in self.parameters for in_set in p.sets}
        if not named:
            return frozenset({ALL_SETS})
        # A default set may hold only the parameters of every set (Get-…Bridge's EmptySet).
        if self.default_parameter_set != ALL_SETS:
            named.add(self.default_parameter_set)
        return frozenset(named)

    @cached_property
    def by_name(self) -> dict[str, Parameter]:
        """Every parameter by lower-cased name and alias."""
        table: dict[str, Parameter] = {}
        for parameter in self.all_parameters:
            for key in (parameter.name, *parameter.aliases):
                table[key.lower()] = parameter
        return table

    @cached_property
    def by_python_name(self) -> dict[str, Parameter]:
        return {p.python_name: p for p in self.all_parameters}

    @cached_property
    def positional_parameters(self) -> tuple[Parameter, ...]:
        """Parameters that take a position in some set, ordered by their lowest position."""
        ranked = []
        for parameter in self.parameters:
            positions = [s.position for s in parameter.sets if s.position is not None]
            if parameter.position is not None:
                positions.append(parameter.position)
            if positions:
                ranked.append((min(positions), parameter))
        return tuple(parameter for _, parameter in sorted(ranked, key=lambda item: item[0]))

    @cached_property
    def variable_parameters(self) -> tuple[str, ...]:
        """Names of the parameters whose value names a variable the command sets
        (``names_variable``): a remote caller reads those variables back after the call."""
        return tuple(p.name for p in self.parameters if p.names_variable)

    @cached_property
    def removed_parameters(self) -> tuple[Parameter, ...]:
        """Parameters the current MicrosoftTeams module no longer has (for warnings and lint)."""
        return tuple(p for p in self.parameters if p.removed)

    @cached_property
    def ordered_positional_names(self) -> tuple[str, ...]:
        """The positional parameters' names when order alone decides which takes a value; empty
        when sets put different parameters at one position (-Identity or -Instance), where the
        binder must look at the value."""
        positions = [
            min(s.position for s in p.sets if s.position is not None) if p.position is None else p.position
            for p in self.positional_parameters
        ]
        if len(set(positions)) < len(positions):
            return ()
        return tuple(p.name for p in self.positional_parameters)

    @cached_property
    def sets_of(self) -> dict[str, frozenset[str]]:
        """For each parameter name, the parameter sets it belongs to (all of them if it names none)."""
        return {p.name: frozenset(s.name for s in p.sets) if p.sets else self.parameter_sets for p in self.parameters}

    @cached_property
    def mandatory_sets(self) -> dict[str, frozenset[str]]:
        """For each parameter name, the parameter sets in which it is mandatory."""
        return {
            p.name: frozenset(s for s in self.parameter_sets if (m := p.membership(s)) and m.mandatory)
            for p in self.parameters
        }

    @cached_property
    def mandatory_parameters(self) -> dict[str, tuple[Parameter, ...]]:
        """For each parameter set, its mandatory parameters in declaration order."""
        return {
            set_name: tuple(p for p in self.parameters if set_name in self.mandatory_sets[p.name])
            for set_name in self.parameter_sets
        }

    @cached_property
    def keyword_shapes(self) -> dict[tuple[str, ...], Any]:
        """The binder's cache: how each combination of keyword names binds (binder.bind_keywords)."""
        return {}

    @cached_property
    def line_shapes(self) -> dict[tuple[Any, ...], Any]:
        """The command-line reader's cache: how each shape of a simple command line binds
        (simple_command.bind_line)."""
        return {}

    @cached_property
    def invocation(self) -> InvocationInfo:
        """Where a call from Python is invoked: the command's name, no script position."""
        return InvocationInfo(command_name=self.name)

    def parameter(self, name: str) -> Parameter:
        return self.by_name[name.lower()]

    @property
    def python_name(self) -> str:
        return python_name(self.name)

    @property
    def twin_name(self) -> str:
        return twin_name(self.name)


_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def pascal_to_snake(name: str) -> str:
    """``SendEmailToAddress`` → ``send_email_to_address``; ``AllowPSTNOnlyMeetings`` →
    ``allow_pstn_only_meetings``."""
    return _WORD_BOUNDARY.sub("_", name).lower()


def python_name(command_name: str) -> str:
    """``Set-CsOnlineDialInConferencingUser`` → ``set_cs_online_dial_in_conferencing_user``."""
    verb, noun = command_name.split("-", 1)
    return f"{verb.lower()}_{pascal_to_snake(noun)}"


def twin_name(command_name: str) -> str:
    """``Set-CsOnlineDialInConferencingUser`` → ``Set_CsOnlineDialInConferencingUser``."""
    return command_name.replace("-", "_", 1)
