"""The one seam every call goes through: ``Engine.invoke(command) -> Result``.

``cmdlets.LocalEngine`` runs a bound command on the emulated tenant; ``remote.RemoteEngine``
sends it to a real PowerShell host over PSRP; tests may plug in a recording engine. Python
functions, the script runner, the CLI and ``serve`` all call an engine and nothing else.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model.display import html_table
from .binder import BoundCommand
from .errors import ErrorRecord, PowerShellError
from .formatting import format_default
from .metadata import ActionPreference

__all__ = ["CmdletWarning", "Engine", "EngineWrapper", "PSOutput", "Replayed", "Result", "surface"]

_new = object.__new__


class PSOutput(list[Any]):
    """The objects a command wrote, in order: a plain list that also knows its ``result``.

    It is the ``Result``'s own output list, so a command queued in a remote batch hands its
    caller a list that fills when the batch has run.
    """

    # The Result's stream lists, not the Result: a Result <-> output cycle would leave every
    # call's streams to the cyclic garbage collector, a measurable cost per call.
    __slots__ = ("_streams",)
    _streams: tuple[list[ErrorRecord], list[str], list[str], list[str], list[Any]]

    @property
    def result(self) -> Result:
        """The command's other streams: errors, warnings, host lines, verbose lines, plan."""
        return Result(self, *self._streams)

    def _repr_html_(self) -> str | None:
        """A notebook shows the objects as tables, one per run of one type (model/display.py)."""
        return html_table(self) or None

    def __str__(self) -> str:
        """``print(output)`` shows PowerShell's table or list view, as ``cscmdlets run`` does."""
        return format_default(self)


@dataclass(slots=True)
class Result:
    """What one command wrote: output objects, error records (non-terminating ones
    included), warnings, and host lines such as ``What if: …``."""

    output: PSOutput = field(default_factory=PSOutput)
    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)
    #: Under -WhatIf: what the command would have done (audit entries and outbox entries).
    plan: list[Any] = field(default_factory=list)
    #: Variables the command sets in its caller's scope, by name (Get-MgUser -CountVariable).
    variables: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.output, PSOutput):
            self.output = PSOutput(self.output)
        self.output._streams = (self.errors, self.warnings, self.host, self.verbose, self.plan)

    @classmethod
    def fresh(cls) -> Result:
        """``Result()``, made in half the time: every command makes one."""
        result: Result = _new(cls)
        errors: list[ErrorRecord] = []
        warned: list[str] = []
        host: list[str] = []
        verbose: list[str] = []
        plan: list[Any] = []
        result.output = output = PSOutput()
        result.errors, result.warnings, result.host, result.verbose, result.plan = errors, warned, host, verbose, plan
        result.variables = {}
        output._streams = (errors, warned, host, verbose, plan)
        return result

    def extend(self, other: Result) -> None:
        self.output.extend(other.output)
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)
        self.host.extend(other.host)
        self.verbose.extend(other.verbose)
        self.plan.extend(other.plan)
        self.variables.update(other.variables)


class Engine(Protocol):
    def invoke(self, command: BoundCommand) -> Result:
        """Run one bound command. Statement-terminating errors raise ``PowerShellError``;
        non-terminating ones are returned in ``Result.errors``."""
        ...


class EngineWrapper:
    """An engine around another that adds to ``invoke``; everything else is the inner engine's.

    Reading an attribute reads the inner engine's (its clock, its tenant); so does setting the
    module generation, which ``Import-Module`` changes mid-script: set on the wrapper alone, it
    would show in ``Get-Module`` while the commands still ran as the old module.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def invoke(self, command: BoundCommand) -> Result:
        return self.engine.invoke(command)

    @property
    def module(self) -> Any:
        return getattr(self.engine, "module", None)

    @module.setter
    def module(self, module: Any) -> None:
        self.engine.module = module  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


class Replayed(EngineWrapper):
    """An engine whose next call gives what a call of the same command already gave (its
    result, or the exception it raised), then runs commands on the inner engine again: a line
    run on a fast path and then handed to the script runner, for its error positions and
    -ErrorAction, runs once."""

    def __init__(self, engine: Engine, outcome: Result | Exception) -> None:
        super().__init__(engine)
        self.outcome: Result | Exception | None = outcome

    def invoke(self, command: BoundCommand) -> Result:
        outcome, self.outcome = self.outcome, None
        if outcome is None:
            return self.engine.invoke(command)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


class CmdletWarning(UserWarning):
    """A warning a cmdlet wrote (PowerShell's warning stream)."""


#: Where :func:`surface` sends a cmdlet's warnings instead of :func:`warnings.warn`: a ported
#: script's host shows them as ``WARNING:`` lines, in order with its output, as the runner does.
_warning_sink: list[Callable[[str], None]] = []


def set_warning_sink(sink: Callable[[str], None] | None) -> None:
    """Send cmdlet warnings to ``sink`` (``None``: back to Python warnings)."""
    _warning_sink[:] = [] if sink is None else [sink]


class Streams(Protocol):
    host: list[str]
    warnings: list[str]
    errors: list[ErrorRecord]


_SILENT = (ActionPreference.SilentlyContinue, ActionPreference.Ignore)


def surface(
    streams: Streams,
    *,
    error_action: ActionPreference | None = None,
    warning_action: ActionPreference | None = None,
    stacklevel: int = 4,
) -> None:
    """Show what a command wrote the Python way: host lines (``What if: …``) are printed as a
    PowerShell host shows them, warnings become :class:`CmdletWarning`, and the first error
    record is raised unless -ErrorAction is SilentlyContinue or Ignore. A warning names the
    line ``stacklevel`` frames up (the caller of a function two calls above this one).

    Raises:
        PowerShellError: the first error record written.
    """
    if not (streams.host or streams.warnings or streams.errors):
        return  # the usual call: nothing to show
    for line in streams.host:
        print(line, file=sys.stdout)
    if warning_action not in _SILENT:
        for text in streams.warnings:
            if _warning_sink:
                _warning_sink[0](text)
            else:
                warnings.warn(text, CmdletWarning, stacklevel=stacklevel)
    if streams.errors and error_action not in _SILENT:
        record = streams.errors[0]
        raise record.error if record.error is not None else PowerShellError(message=record.message)
