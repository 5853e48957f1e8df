"""Run admin scripts (.ps1) against an engine, as PowerShell 7.4 runs them.

The runner walks the AST of :mod:`cscmdlets.powershell.parser`. Commands come from one table,
:mod:`.commands`: the core cmdlets (Write-Host, Import-Csv, ForEach-Object…) bind by PowerShell's
rules from their own metadata and run in :mod:`.builtins`, which reach the runner only through
the :class:`~.host.ScriptHost` protocol and files and ``$env:`` only through its
:class:`~.host.Platform`. Cmdlets are bound with the same binder as every other door and run
with ``engine.invoke``.

Pipelines stream (:mod:`.pipeline`; about_Pipelines): every command of a pipeline is bound
first, then each object passes through all of them as it is written, and what leaves the last
command of a top-level statement reaches the host (``on_event``) at once. Each command runs in
a :class:`_Frame` of its own (its scope, catch blocks, -ErrorVariable, error redirections),
switched to whenever an object reaches it. Commands that need all their input (Sort-Object,
Measure-Object, Select-Object -Last) collect it and write at the end; ``$x = …``, ``$(…)``
and ``$null = …`` collect the output instead of showing it.

Errors follow about_Error_Handling, about_Try_Catch_Finally, about_Throw and
about_Preference_Variables (learn.microsoft.com/powershell/module/microsoft.powershell.core/about/):

- non-terminating errors (Get-Content on a missing file, a cmdlet's per-item failure) are written;
  ``-ErrorAction``/``$ErrorActionPreference`` decide: shown, recorded only, dropped, or escalated
  by Stop to a terminating error;
- statement-terminating errors (binding, Import-Csv on a missing file, a method failing) end the
  statement; ``throw`` and Stop escalations end the script; inside ``try`` every terminating error
  goes to ``catch``; ``finally`` runs on the way out;
- an **emulator stop** (:class:`~.errors.EmulatorStop`: an unknown or refused command, a module
  other than the emulated ones, a .NET call outside the safe list) is none of these: no
  ``try``/``catch``, ``-ErrorAction`` or preference in the script sees it, ``finally`` does not
  run, and the run ends with exit status :data:`~.errors.EMULATOR_STOP_STATUS` (3) and the
  message ``cscmdlets does not emulate X (at file:line:col); the run stopped here.`` A script
  never runs past code it does not understand, and never ends in a Python traceback.

``trap`` follows about_Trap: a trap handles the terminating errors of the statement list it
stands in (wherever it stands in it) and of everything called from there; after its body the
error is shown and the list goes on with its next statement, unless the body says ``continue``
(go on silently) or ``break`` (the error ends the script or function, as ``throw`` does).

Not emulated yet: ``$MyInvocation``, ``-OutBuffer``,
``-PipelineVariable``, and ``Inquire``/``Break`` preferences (they act as ``Continue``).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random as pyrandom
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn, TypeGuard, TypeVar

from ..cmdlets.profiles import apply_requires, resolve_in_module
from ..model.display import FORMAT_ENUMERATION_LIMIT
from ..powershell import parser as ast
from ..powershell.binder import (
    BoundCommand,
    CommonParameters,
    NamedArgument,
    PositionalArgument,
    bind,
    bind_pipeline_object,
)
from ..powershell.engine import Engine, Replayed, Result, surface
from ..powershell.errors import (
    CommandNotFound,
    ErrorCategory,
    ErrorRecord,
    InvocationInfo,
    ParameterNotEmulated,
    PowerShellError,
)
from ..powershell.metadata import NOT_GIVEN, ActionPreference, CommandMetadata, ConfirmImpact, should_process_message
from ..powershell.types import SwitchParameter
from . import builtins as bi
from . import commands
from .commands import Command, Kind, is_advanced
from .errors import (
    ACTION_PREFERENCE_STOP,
    EMULATOR_STOP_STATUS,
    EmulatorStop,
    RuntimeFailure,
    Thrown,
    matching_handler,
    strict_index,
    strict_property,
    strict_variable,
)
from .host import LocalPlatform, Platform
from .members import (
    call_method,
    call_static,
    current_culture,
    escaped_exception,
    get_member,
    get_static,
    has_property,
    index_one,
    invocation_of,
    replaced_member,
    set_index,
    set_member,
    set_static,
)
from .pipeline import Pipeline, Sink, Stage
from .script_cmdlet import HostUserInterface, ScriptCmdlet, confirm_impact_of
from .values import (
    ArrayList,
    ExceptionValue,
    Hashtable,
    OrderedDictionary,
    PSObject,
    Reference,
    ScriptBlockValue,
    Version,
    as_list,
    binary,
    convert_to,
    is_known_type,
    is_true,
    regex_match,
    to_string,
)

__all__ = ["RunResult", "Runner", "invoke_line", "run_script"]

Resolver = Callable[[str], CommandMetadata]
Argument = NamedArgument | PositionalArgument


@dataclass
class RunResult:
    """What a script wrote, stream by stream, and ``events`` in the order it wrote them.

    ``errors`` holds the error records shown (``Continue``), the emulator stop last if there is
    one; ``error_variable`` is ``$Error`` (newest first: records, and the bare exception of an
    error that ended the script). ``exit_code`` is ``exit N`` if the script said so. ``stop`` is
    the record of an emulator stop (code cscmdlets does not emulate), which ends the run with
    :data:`~.errors.EMULATOR_STOP_STATUS`. ``terminated``: an unhandled script-terminating error
    (``throw``, a ``Stop`` escalation) ended the run. ``last_ok``: ``$?`` when the run ended.
    ``command``: the run was of a command line (``cscmdlets run -c``, text given to
    ``run_script``), not of a script file: it decides which of PowerShell's two rules
    :attr:`status` follows.
    """

    output: list[Any] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)
    plan: list[Any] = field(default_factory=list)
    events: list[tuple[str, Any]] = field(default_factory=list)
    error_variable: list[Any] = field(default_factory=list)
    exit_code: int | None = None
    stop: ErrorRecord | None = None
    terminated: bool = False
    last_ok: bool = True
    command: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.exit_code and self.stop is None

    @property
    def status(self) -> int:
        """The process exit status PowerShell gives this run: :attr:`command_status` for a
        command line, :attr:`file_status` for a script file."""
        return self.command_status if self.command else self.file_status

    @property
    def file_status(self) -> int:
        """The exit status of ``pwsh -File``: ``exit N``; else 1 after an unhandled
        script-terminating error; else 0 -- non-terminating errors alone leave it 0
        (about_Pwsh, -File; ConsoleHost.cs reads ``$global:?`` after the script as one command).
        An emulator stop is :data:`~.errors.EMULATOR_STOP_STATUS` (3)."""
        if self.stop is not None:
            return EMULATOR_STOP_STATUS
        return self.exit_code if self.exit_code is not None else int(self.terminated)

    @property
    def command_status(self) -> int:
        """The exit status of ``pwsh -Command``: ``exit N``; else 0 when the last command
        succeeded (``$?``), 1 when it failed or a script-terminating error ended the run
        (about_Pwsh, -Command). An emulator stop is :data:`~.errors.EMULATOR_STOP_STATUS` (3)."""
        if self.stop is not None:
            return EMULATOR_STOP_STATUS
        if self.exit_code is not None:
            return self.exit_code
        return 1 if self.terminated or not self.last_ok else 0


# --- control flow -----------------------------------------------------------------------------------


class _Terminating(Exception):
    """A terminating error on its way up (about_Error_Handling).

    ``thrown``: from a ``throw`` statement, script-terminating unless ``$ErrorActionPreference``
    is SilentlyContinue/Ignore. ``escalated``: a ``Stop`` escalation (or an advanced function's
    ``$PSCmdlet.ThrowTerminatingError``), passing every statement of the function or script
    whatever the preference says. Neither: statement-terminating (binding errors, a method failing).
    ``stopped``: a non-terminating error that -ErrorAction Stop/``$ErrorActionPreference = 'Stop'``
    made terminating, carried by an ActionPreferenceStopException (which ``catch`` and ``trap``
    match as well as the error's own type: about_Try_Catch_Finally; MshCommandRuntime.cs).
    """

    def __init__(
        self, record: ErrorRecord, *, thrown: bool = False, escalated: bool = False, stopped: bool = False
    ) -> None:
        super().__init__(record.message)
        self.record = record
        self.thrown = thrown
        self.escalated = escalated
        self.stopped = stopped


class _Jump(Exception):
    """``break``/``continue``, with the label of the loop it names (``""``: the innermost)."""

    def __init__(self, label: str = "") -> None:
        super().__init__(label)
        self.label = label.lower()

    def leaves(self, label: str) -> bool:
        """Whether the loop labelled ``label`` takes this jump (an unlabelled jump: any loop)."""
        return not self.label or self.label == label.lower()


class _Break(_Jump):
    pass


class _Continue(_Jump):
    pass


class _Return(Exception):
    """``return``: what the function wrote before it has gone where its output goes."""


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code


_CONSTANTS = {"true": True, "false": False, "null": None}
#: ``$FormatEnumerationLimit`` as a session starts (InitialSessionState.DefaultFormatEnumerationLimit).
_DEFAULT_ENUMERATION_LIMIT = 4
#: Where a scope keeps its strict-mode version: a key no variable name can be.
_STRICT_MODE = "\0strictmode"
#: Where a scope keeps the names of its variables set from a command that wrote nothing: they
#: hold AutomationNull, ``$null`` when read, but no object in a pipeline or ``@()``
#: (everything-about-null, "Enumerable null").
_SET_FROM_NOTHING = "\0nothing"
#: Where a scope keeps its type-constrained variables (``[int]$n = 0``) and their types: every
#: later assignment to them converts to the type, as the variable's ArgumentTypeConverterAttribute
#: does (about_Variables, "Variables and type constraints").
_CONSTRAINED = "\0constrained"
#: Where a function's scope keeps the place it was called from and its name (its $MyInvocation).
_CALLED_AT = "\0called at"
#: What an unbound parameter of these types holds: $null converted to the type (LanguagePrimitives:
#: a value type's default, the empty string for a string), as PowerShell binds a script's parameters.
_UNBOUND_VALUES: dict[str, Any] = {
    "switch": SwitchParameter(False),
    "management.automation.switchparameter": SwitchParameter(False),
    "string": "",
    "int": 0,
    "int32": 0,
    "long": 0,
    "int64": 0,
    "double": 0.0,
    "bool": False,
    "boolean": False,
}
#: Casts that constrain nothing a script can see (PSObject, Object) or are no variable types.
_NO_CONSTRAINT = frozenset({"object", "psobject", "pscustomobject", "ref", "ordered", "void"})
#: Automatic and preference variables PowerShell always has, whether or not the runner sets
#: them (about_Automatic_Variables, about_Preference_Variables): strict mode never refuses them.
_ALWAYS_SET = frozenset(
    {
        "_",
        "psitem",
        "args",
        "input",
        "this",
        "foreach",
        "switch",
        "matches",
        "lastexitcode",
        "stacktrace",
        "consolefilename",
        "executioncontext",
        "shellid",
        "psculture",
        "psuiculture",
        "psedition",
        "pshome",
        "profile",
        "iswindows",
        "islinux",
        "ismacos",
        "iscoreclr",
        "progresspreference",
        "informationpreference",
        "formatenumerationlimit",
        "maximumhistorycount",
        "nestedpromptlevel",
        "psdefaultparametervalues",
        "psemailserver",
        "pssessionoption",
        "pssessionapplicationname",
        "pssessionconfigurationname",
        "outputencoding",
        "errorview",
        "psstyle",
        "psnativecommandargumentpassing",
        "pscmdlet",
        "event",
        "eventargs",
        "eventsubscriber",
        "sender",
        "enabledexperimentalfeatures",
    }
)


def _past_the_end(container: Any, index: Any) -> bool:
    """``$a[9]`` of a shorter array or string (negative indexes count from the end)."""
    sized = isinstance(container, list | tuple | str) and isinstance(index, int)
    return sized and not -len(container) <= index < len(container)


def script_random(engine: Engine) -> pyrandom.Random:
    """Get-Random's own generator (its -SetSeed leaves the tenant's PINs alone), seeded from
    the tenant's so that a seeded run repeats; a ported script draws from one made so too."""
    found = getattr(getattr(engine, "backend", None), "random", None)
    return pyrandom.Random(found.getrandbits(64)) if isinstance(found, pyrandom.Random) else pyrandom.Random()


class _Shown:
    """The top level's output: each object is shown as it is written (RunResult output and events)."""

    def __init__(self, result: RunResult) -> None:
        self.result = result

    def append(self, value: Any, /) -> None:
        self.result.output.append(value)
        self.result.events.append(("output", value))

    def extend(self, values: Iterable[Any], /) -> None:
        for value in values:
            self.append(value)


@dataclass
class _Transcript:
    path: Path
    start: int  #: the first event of the run it holds
    append: bool
    started: dt.datetime


@dataclass(eq=False)
class _Collector:
    errors: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(eq=False)
class _Status:
    """Whether a command of a pipeline wrote an error (what ``$?`` becomes when it ends)."""

    failed: bool = False


@dataclass
class _Frame:
    """What a running command sees of the runner. Each command of a pipeline runs in a frame of
    its own, so that one passing an object on does not lend the next its scope, its catch
    blocks or its error redirections (about_Scopes; about_Redirection)."""

    scopes: list[dict[str, Any]]
    #: -ErrorVariable/-WarningVariable collectors of the commands running now, outermost first.
    collectors: list[_Collector] = field(default_factory=list)
    #: The functions running now, innermost last.
    functions_running: list[str] = field(default_factory=list)
    #: The errors being handled by the catch blocks we are in; ``None`` inside a function
    #: called from one (a bare ``throw`` rethrows only lexically inside ``catch``).
    catching: list[ErrorRecord | None] = field(default_factory=list)
    #: The outputs that errors join under ``2>&1``, innermost last.
    merged_errors: list[Sink] = field(default_factory=list)
    #: Commands running under ``2>$null``/``*>$null``: their errors are recorded, not shown.
    errors_discarded: int = 0
    #: The ``try`` blocks and statement lists with a ``trap`` running now: while any is, a
    #: terminating error goes up to its handler instead of being shown where it happened.
    try_depth: int = 0
    status: _Status = field(default_factory=_Status)

    def derived(self) -> _Frame:
        """A copy with lists of its own, for one command of a pipeline to change."""
        return _Frame(
            [*self.scopes],
            [*self.collectors],
            [*self.functions_running],
            [*self.catching],
            [*self.merged_errors],
            self.errors_discarded,
            self.try_depth,
            self.status,
        )


@dataclass
class _Function:
    name: str
    block: ast.ScriptBlock
    metadata: CommandMetadata


class _Announced(list[tuple[str, Any]]):
    """The events of a run with a host listening: each is passed on as it is written."""

    def __init__(self, listener: Callable[[str, Any], None]) -> None:
        super().__init__()
        self.listener = listener

    def append(self, event: tuple[str, Any]) -> None:
        super().append(event)
        self.listener(*event)

    def extend(self, events: Iterable[tuple[str, Any]]) -> None:
        for event in events:
            self.append(event)


class Runner:
    """Runs scripts on one engine. One Runner keeps its variables and functions across runs.

    Args:
        engine: where the cmdlets run (``tenant.engine``, a RemoteEngine, a test double).
        resolve_command: the cmdlet metadata by name (default: as the engine's module generation has it).
        script_name: the file name error positions show.
        what_if: apply ``-WhatIf`` to every command that supports it (``cscmdlets run --what-if``).
        answers: what ``Read-Host`` reads, in order; without answers it fails as a
            non-interactive host does.
        clock: ``Get-Date``'s time (default: the tenant's clock if the engine has one).
        base_dir: where relative file paths resolve (default: the current directory).
        platform: the files and environment the script sees (default: a
            :class:`~.host.LocalPlatform` on ``base_dir``; a remote endpoint passes a
            :class:`~.sandbox.Sandbox`'s ``platform()``).
        progress: called as ``progress(done, total)`` after each top-level statement.
        on_event: called as ``on_event(kind, item)`` as each event is written (``"output"``,
            ``"error"``, ``"host"``, ``"host-error"`` (a host line for stderr), ``"warning"``,
            ``"verbose"``, ``"plan"``, and ``"progress"``
            for Write-Progress), so a host can show it at once: an output object as it leaves
            the last command of its top-level statement's pipeline. ``loops`` holds
            ``[done, total]`` of each running loop, outermost first (a pipeline's objects count
            as they go in: those of its leading expression, or of its first command).
        command: the exit status follows ``pwsh -Command`` (the last ``$?``) rather than
            ``pwsh -File`` (see :attr:`RunResult.status`); by default, when there is no
            ``script_name``: text with no file runs as a command line, as ``cscmdlets run -c``.

    See about_Error_Handling (errors) and about_Pipelines (pipeline input).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        resolve_command: Resolver | None = None,
        script_name: str = "",
        what_if: bool = False,
        answers: Sequence[str] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        base_dir: str | os.PathLike[str] | None = None,
        platform: Platform | None = None,
        progress: Callable[[int, int], None] | None = None,
        on_event: Callable[[str, Any], None] | None = None,
        command: bool | None = None,
    ) -> None:
        self.engine = engine
        self.command = not script_name if command is None else command
        self.on_event = on_event
        self.loops: list[list[int]] = []
        self.resolve_command = resolve_command or functools.partial(resolve_in_module, engine)
        self.script_name = script_name
        self.what_if = what_if
        self.answers = list(answers or [])
        self.clock = clock or _engine_clock(engine)
        self.platform: Platform = platform if platform is not None else LocalPlatform(base_dir)
        self.statics: dict[str, Any] = {}  # the static .NET properties the script set
        self.progress = progress
        self.functions: dict[str, _Function] = {}
        self.transcript: _Transcript | None = None
        #: The text of a host line Write-Host -NoNewline left open.
        self.host_line: str | None = None
        #: What the command running now sees (each command of a pipeline has its own).
        self.frame = _Frame([self._automatic_variables()])
        self.source = ast.Source("", script_name)
        self.result = RunResult()
        self.last_ok = True
        self.at: ast.Node | None = None
        #: How deep inside an expandable string the evaluation is (strict mode 1 spares those).
        self.in_string = 0

    # --- entry points -------------------------------------------------------------------------

    def run(self, text: str, arguments: Sequence[str] = ()) -> RunResult:
        """Parse and run a script; ``arguments`` are the script's own (``-CsvPath x.csv``).

        Raises:
            ParseError: the script does not parse (nothing has run).
        """
        script = ast.parse(text, self.script_name)
        apply_requires(self.engine, text)  # `#Requires -Modules X` loads X before anything runs
        return self.run_parsed(script, arguments)

    def run_parsed(self, script: ast.Script, arguments: Sequence[str] = ()) -> RunResult:
        self.source = script.source
        self.result = RunResult(events=_Announced(self.on_event)) if self.on_event else RunResult()
        self.result.command = self.command
        self.result.error_variable = self.frame.scopes[0]["error"]
        FORMAT_ENUMERATION_LIMIT.set(_DEFAULT_ENUMERATION_LIMIT)
        try:
            self._bind_script_parameters(script, arguments)
            self._run_top_level(script.statements)
        except _Terminating as stop:
            self.result.terminated, self.last_ok = True, False
            self._show_error(stop.record)
            if not stop.thrown:  # a throw's record is all $Error keeps (CommandProcessorBase.cs)
                self.frame.scopes[0]["error"].insert(0, escaped_exception(stop.record, stopped=stop.stopped))
        except EmulatorStop as stop:
            self._emulator_stopped(stop)
        except _Exit as leave:
            self.result.exit_code = leave.code
        except (_Break, _Continue):
            pass  # break/continue outside a loop ends the script, as in PowerShell
        except _Return:
            pass  # a top-level return: its output was shown as it was written
        self.result.last_ok = self.last_ok
        if self.host_line is not None:
            self.write_host("")  # the last Write-Host -NoNewline ends the line
        self.stop_transcript()  # the host stops transcribing when it exits
        return self.result

    def _emulator_stopped(self, stop: EmulatorStop) -> None:
        if not stop.invocation.has_position and self.at is not None:
            stop.at(self.source.invocation(self.at.extent))
        record = self.result.stop = stop.record
        self.result.errors.append(record)  # so that every reader of ``errors`` sees it too
        self.result.events.append(("error", record))

    def _run_top_level(self, statements: Sequence[ast.Statement]) -> None:
        """Each statement's output is shown as it is written, between the host lines around it,
        as PowerShell's host writes each object that leaves a pipeline (about_Pipelines)."""
        total = len(statements)
        shown = _Shown(self.result)
        traps = _traps_in(statements)
        for done, statement in enumerate(statements, start=1):
            self.exec_statements((statement,), shown, traps)
            if self.progress is not None:
                self.progress(done, total)

    # --- variables -----------------------------------------------------------------------------

    def _automatic_variables(self) -> dict[str, Any]:
        # The script's full path, as pwsh -File gives it whatever path it was started by.
        script_path = str(self.platform.resolve(self.script_name)) if self.script_name else ""
        return {
            "error": ArrayList(),  # $Error is an ArrayList: RemoveAt and Clear work on it
            "erroractionpreference": "Continue",
            "warningpreference": "Continue",
            "verbosepreference": "SilentlyContinue",
            "whatifpreference": False,
            "confirmpreference": "High",
            "informationpreference": "SilentlyContinue",
            "debugpreference": "SilentlyContinue",
            "?": True,
            "psversiontable": _version_table(),
            "islinux": True,  # the emulated host is pwsh 7.4 on Linux (about_Automatic_Variables)
            "iswindows": False,
            "ismacos": False,
            "iscoreclr": True,
            "myinvocation": invocation_of(script_path, Path(script_path).name, "ExternalScript"),
            "pscommandpath": script_path,
            "psscriptroot": str(Path(script_path).parent) if script_path else "",
            "home": self.platform.environment("HOME") or self.platform.environment("USERPROFILE"),
            "pwd": bi.current_location(self.platform),
            "lastexitcode": None,
            "matches": None,
            "pid": os.getpid(),
            "formatenumerationlimit": _DEFAULT_ENUMERATION_LIMIT,
            "host": self._console_host(),
        }

    def _console_host(self) -> PSObject:
        """``$Host`` (and Get-Host): pwsh's console host running a script non-interactively
        (ConsoleHost.cs: its Name, its version the engine's; PrivateData the ConsoleColorProxy of
        ConsoleHostUserInterface.cs, a colour left to the terminal -1 on Linux)."""
        colors: list[tuple[str, Any]] = [("FormatAccentColor", "Green"), ("ErrorAccentColor", "Cyan")]
        for kind, foreground in (("Error", "Red"), ("Warning", "Yellow"), ("Debug", "Yellow"), ("Verbose", "Yellow")):
            colors += [(f"{kind}ForegroundColor", foreground), (f"{kind}BackgroundColor", -1)]
        colors += [("ProgressForegroundColor", "Black"), ("ProgressBackgroundColor", "Yellow")]
        private = ConsoleHostInfo(colors, ("Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy", "System.Object"))
        return ConsoleHostInfo(
            [
                ("Name", "ConsoleHost"),
                ("Version", Version("7.4.0")),
                ("InstanceId", uuid.uuid4()),
                ("UI", HostUserInterface(self, self.statics)),
                ("CurrentCulture", current_culture()),
                ("CurrentUICulture", current_culture()),
                ("PrivateData", private),
                ("DebuggerEnabled", True),
                ("IsRunspacePushed", False),
                ("Runspace", ConsoleHostInfo([], ("System.Management.Automation.Runspaces.LocalRunspace",))),
            ],
            ("System.Management.Automation.Internal.Host.InternalHost", "System.Management.Automation.Host.PSHost"),
        )

    def get_variable(self, name: str, scope: str = "") -> Any:
        lowered = name.lower()
        if lowered in _CONSTANTS and not scope:
            return _CONSTANTS[lowered]
        if scope == "env":
            return self.platform.environment(name)
        if lowered == "?":
            return self.last_ok
        scopes = self.frame.scopes[:1] if scope in ("script", "global") else reversed(self.frame.scopes)
        for table in scopes:
            if lowered in table:
                return table[lowered]
        return None

    def set_variable(self, name: str, value: Any, scope: str = "") -> None:
        lowered = name.lower()
        if scope == "env":
            self.platform.set_environment(name, None if value is None else to_string(value))
            return
        if lowered == "null" and not scope:
            return  # $null's setter ignores the value (about_Automatic_Variables)
        if lowered in _CONSTANTS or lowered == "?":
            raise RuntimeFailure(
                "VariableNotWritable", f"Cannot overwrite variable {name} because it is read-only or constant."
            )
        table = self._table_for(scope)
        constrained = table.get(_CONSTRAINED)
        if constrained and lowered in constrained:
            value = _constrained_value(value, constrained[lowered])
        table[lowered] = value
        if lowered == "formatenumerationlimit" and self._is_global(scope):
            # The formatter reads the global variable, an int, else its default (BaseFormattingCommand.cs).
            limit = value if type(value) is int else _DEFAULT_ENUMERATION_LIMIT
            FORMAT_ENUMERATION_LIMIT.set(limit)
        nothing = table.get(_SET_FROM_NOTHING)
        if nothing:
            nothing.discard(lowered)

    def _is_global(self, scope: str) -> bool:
        """Whether an assignment sets a global variable: ``$global:`` does, and at the top of
        command text (``run -c``) the script is the global scope; a script file has its own."""
        top = scope in ("script", "local") or (not scope and len(self.frame.scopes) == 1)
        return scope == "global" or (not self.script_name and top)

    def constrain(self, name: str, type_name: str, scope: str = "") -> None:
        """``[type]$name = …``: later assignments to the variable convert to ``type`` (one the
        emulator can convert to)."""
        if type_name.lower() not in _NO_CONSTRAINT and is_known_type(type_name):
            self._table_for(scope).setdefault(_CONSTRAINED, {})[name.lower()] = type_name

    def _table_for(self, scope: str) -> dict[str, Any]:
        return self.frame.scopes[0] if scope in ("script", "global") else self.frame.scopes[-1]

    def _set_nothing(self, target: ast.Variable) -> None:
        """``$x = Get-Nothing``: ``$x`` holds AutomationNull (see :data:`_SET_FROM_NOTHING`)."""
        self.set_variable(target.name, None, target.scope)
        self._table_for(target.scope).setdefault(_SET_FROM_NOTHING, set()).add(target.name.lower())

    def _holds_nothing(self, node: ast.Variable) -> bool:
        table = self._holder(node.name.lower(), node.scope)
        return table is not None and node.name.lower() in table.get(_SET_FROM_NOTHING, ())

    def _holder(self, name: str, scope: str) -> dict[str, Any] | None:
        """The scope table that holds the variable ``name`` (lower-case), nearest first."""
        scopes = self.frame.scopes[:1] if scope in ("script", "global") else reversed(self.frame.scopes)
        return next((table for table in scopes if name in table), None)

    def has_variable(self, name: str, scope: str = "") -> bool:
        return name.lower() in _CONSTANTS or self._holder(name.lower(), scope) is not None

    def remove_variable(self, name: str, scope: str = "") -> bool:
        table = self._holder(name.lower(), scope)
        if table is None:
            return False
        del table[name.lower()]
        return True

    def variable_reference(self, node: ast.Variable) -> Reference:
        """``[ref]$x``: a reference to the scope that holds ``$x``; a variable that does not exist
        yet is made in the current scope, so ``TryParse($s, [ref]$n)`` needs no ``$n = 0`` first."""
        lowered = node.name.lower()
        table = self._holder(lowered, node.scope)
        if table is None:
            table = self.frame.scopes[0] if node.scope in ("script", "global") else self.frame.scopes[-1]
            table[lowered] = None
        return Reference(table, lowered)

    @contextmanager
    def child_scope(self) -> Iterator[None]:
        """A scope of its own for the block running now (a trap's body: about_Trap)."""
        scopes = self.frame.scopes
        scopes.append({})
        try:
            yield
        finally:
            scopes.pop()

    @contextmanager
    def dollar_under(self, value: Any) -> Iterator[None]:
        """``$_``/``$PSItem`` in the current scope, restored afterwards (ForEach-Object, catch)."""
        table = self.frame.scopes[-1]
        saved: dict[str, Any] = {key: table[key] for key in ("_", "psitem") if key in table}
        table["_"] = table["psitem"] = value
        try:
            yield
        finally:
            for key in ("_", "psitem"):
                table.pop(key, None)
            table.update(saved)

    def preference(self, name: str) -> ActionPreference:
        value = self.get_variable(name)
        return _action(value, ActionPreference.Continue)

    # --- statements ----------------------------------------------------------------------------

    def exec_statements(
        self, statements: Sequence[ast.Statement], out: Sink, traps: Sequence[ast.Trap] | None = None
    ) -> None:
        """Run a statement list; ``traps`` are the list's own (found in it when not given)."""
        traps = _traps_in(statements) if traps is None else traps
        for statement in statements:
            if traps:
                self._exec_trapped(statement, traps, out)
            else:
                self._exec_one(statement, out)

    def _exec_one(self, statement: ast.Statement, out: Sink) -> None:
        self.at = statement
        try:
            _statement_handler(statement)(self, statement, out)
        except PowerShellError as error:
            self._statement_failed(self.terminating(error))
        except _Terminating as stop:
            self._statement_failed(stop)
        except _PYTHON_FAILURES as failure:  # a value the subset cannot handle: an error, never a traceback
            self._statement_failed(self.terminating(_runtime_failure(failure)))

    def _exec_trapped(self, statement: ast.Statement, traps: Sequence[ast.Trap], out: Sink) -> None:
        """One statement of a list that has traps: a terminating error raised anywhere under it
        (a nested block, a called function) comes up to the list, as to a ``try``, and the
        matching trap handles it; an emulator stop is no error and passes by (about_Trap)."""
        try:
            self.frame.try_depth += 1
            try:
                self._exec_one(statement, out)
            finally:
                self.frame.try_depth -= 1
        except _Terminating as stop:
            self._trap(traps, stop, out)

    def _trap(self, traps: Sequence[ast.Trap], stop: _Terminating, out: Sink) -> None:
        """Run the trap that matches (the most specific type, then the first written); its body
        runs in a child scope with ``$_`` the error. ``continue`` drops the error, ``break``
        passes it on as a script-terminating error, and otherwise it is shown."""
        trap = _catch_clause(traps, stop)
        if trap is None:
            raise stop
        self._remember_error(stop.record)
        try:
            with self.child_scope(), self.dollar_under(stop.record):
                self.exec_statements(trap.body, out)
        except _Continue:
            return
        except _Break:
            raise _Terminating(stop.record, thrown=True) from None
        self._show_error(stop.record)

    def exec_trap(self, node: ast.Trap, out: Sink) -> None:
        """A trap does nothing where it stands: its list set it up before running (hoisted)."""

    def _statement_failed(self, stop: _Terminating) -> None:
        """A terminating error reached a statement: PowerShell's statement-level handler
        (ExceptionHandlingOps.CheckActionPreference in MiscOps.cs; about_Error_Handling):
        record it; inside ``try`` or once escalated by Stop, pass it up as-is; otherwise
        ``$ErrorActionPreference`` decides (SilentlyContinue/Ignore swallow even ``throw``,
        Stop escalates); a ``throw`` goes up; anything else is written and the next statement runs.
        """
        self.last_ok = False
        self._record_error(stop.record)
        if self.frame.try_depth or stop.escalated:
            raise stop
        preference = self.preference("ErrorActionPreference")
        if preference in (ActionPreference.SilentlyContinue, ActionPreference.Ignore):
            return
        if preference == ActionPreference.Stop:
            raise _Terminating(stop.record, escalated=True)
        if stop.thrown:
            raise stop
        self._show_error(stop.record)

    def terminating(self, error: PowerShellError) -> _Terminating:
        """A raised PowerShellError as a statement-terminating error positioned in the script."""
        return _Terminating(self._positioned(error))

    def _positioned(self, error: PowerShellError) -> ErrorRecord:
        if not error.invocation.has_position and self.at is not None:
            error.at(self.source.invocation(self.at.extent, error.invocation.command_name or error.command_name))
        return error.error_record

    def exec_pipeline_statement(self, node: ast.Pipeline, out: Sink) -> None:
        first = node.elements[0]
        if len(node.elements) == 1 and isinstance(first, ast.CommandExpression) and _is_increment(first.expression):
            self.eval(first.expression)  # `$i++` as a statement writes nothing
            return
        self.run_pipeline(node, out)

    def exec_pipeline_chain(self, node: ast.PipelineChain, out: Sink) -> None:
        """``a && b`` runs ``b`` when ``$?`` after ``a`` is ``$true``, ``a || b`` when it is
        ``$false``. An error that ends only ``a``'s pipeline is handled as a statement's and the
        chain goes on; a ``throw`` ends the chain (about_Pipeline_Chain_Operators)."""
        self._exec_one(node.left, out)
        if self.last_ok == (node.op == "&&"):
            self._exec_one(node.right, out)

    def run_pipeline(self, node: ast.Pipeline, out: Sink) -> None:
        """Run a pipeline, each object passing through all its commands as it is written
        (:mod:`.pipeline`), the last command's into ``out``; afterwards ``$?`` says whether any of
        its commands wrote an error (about_Automatic_Variables). Errors of pipelines nested in a
        function or a script block stay theirs: a Write-Error inside a function leaves ``$?``
        ``$true`` for the caller. A leading expression is evaluated first, then every command
        is bound, before any runs (about_Pipelines)."""
        first = node.elements[0]
        if len(node.elements) == 1 and isinstance(first, ast.CommandExpression) and not first.redirections:
            out.extend(self._expression_output(first.expression))  # no command: nothing to stream
            if _expression_resets_status(first.expression):
                self.last_ok = True
            return
        frame = self.frame
        caller_status, frame.status = frame.status, _Status()
        try:
            source = None
            if isinstance(first, ast.CommandExpression):
                source = self._expression_output(first.expression)
            pipeline = Pipeline(out)
            for index, element in enumerate(node.elements):
                self._add_stages(pipeline, element, piped=index > 0 or source is not None)
            self._feed(pipeline, source)
        finally:
            self.last_ok = not frame.status.failed
            frame.status = caller_status

    def _feed(self, pipeline: Pipeline, source: list[Any] | None) -> None:
        """Run ``pipeline``; the objects of a leading expression are counted as they go in."""
        if source is None or not pipeline.stages:
            pipeline.run(source)
            return
        with self.counted(source) as each:
            pipeline.run(each)

    def _add_stages(self, pipeline: Pipeline, element: ast.Command | ast.CommandExpression, *, piped: bool) -> None:
        """The element's command, in a frame with its error redirections, then the stage that
        writes its output to a file if it has ``> file``."""
        to_file = _writes_to_file(element.redirections)
        out = pipeline.next_feed()
        if isinstance(element, ast.Command):
            frame = self.frame.derived()
            if _discards_errors(element.redirections):
                frame.errors_discarded += 1
            elif _merges_errors(element.redirections):
                frame.merged_errors.append(out)
            pipeline.add(self._command_stage(element, out, frame, piped=piped))
        if to_file:
            redirect = _Redirect(self, element, pipeline.next_feed())
            pipeline.add(_Framed(self, redirect, self.frame.derived(), element))

    def _redirect(self, redirections: Sequence[ast.Redirection], data: list[Any] | None, node: ast.Node) -> list[Any]:
        """``> file``/``>> file`` write the success stream as Out-File does (about_Redirection),
        under the same -WhatIf decision; ``> $null`` discards it; other streams are accepted."""
        remaining = data or []
        for redirection in redirections:
            if redirection.merge or redirection.stream not in ("1", "*") or redirection.target is None:
                continue
            target = self.eval(redirection.target)
            items, remaining = remaining, []
            if target is None:
                continue
            path = self.platform.resolve(to_string(target))
            if not path.parent.is_dir():
                error = bi.open_failure(path).for_command("Out-File", "Microsoft.PowerShell.Commands.OutFileCommand")
                raise error.at(self.source.invocation(node.extent, "Out-File"))
            if self.should_process(None, "Output to File", str(path)):
                bi.write_text(path, bi.file_text(items), append=redirection.append)
        return remaining

    def _expression_output(self, expression: ast.Expression) -> list[Any]:
        """What an expression at the head of a pipeline sends: its items, or the value itself.
        A variable holding ``$null`` (``$null`` itself too) sends one ``$null``
        (``$x | ForEach-Object`` runs once, ``@($x).Count`` is 1); one set from a command that
        wrote nothing sends nothing, as the command did (``@($nothing).Count`` is 0;
        everything-about-null, "Enumerable null"). A property read sends its ``$null``, a
        missing property's too (Binders.cs PSGetMemberBinder: a null constant, not
        AutomationNull). Other expressions giving ``$null`` (a void method) send nothing."""
        value = self.eval(expression)
        if isinstance(value, list | tuple):
            return list(value)
        if value is None:
            sends = isinstance(expression, ast.Member) or (
                isinstance(expression, ast.Variable) and not self._holds_nothing(expression)
            )
            return [None] if sends else []
        return [value]

    def statement_value(self, statement: ast.Statement) -> Any:
        """The value of the right-hand side of ``=`` (a pipeline's output, unrolled as PowerShell does)."""
        if _is_expression_statement(statement):
            return self.eval(statement.elements[0].expression)  # type: ignore[union-attr]
        output: list[Any] = []
        self.at = statement
        _statement_handler(statement)(self, statement, output)
        return _collapse(output)

    def _written(self, statement: ast.Statement) -> list[Any] | None:
        """What ``statement`` wrote if it runs a command or a statement (also inside ``(…)`` or
        ``$(…)``); ``None`` for an expression, whose value is no output."""
        if isinstance(statement, ast.Assignment):  # `$x = $y = 5`: the inner one's value, as (…) gives it
            self.exec_assignment(statement, [])
            target = statement.target
            return [] if isinstance(target, ast.Variable) and self._holds_nothing(target) else [self.eval(target)]
        if not _is_expression_statement(statement):
            output: list[Any] = []
            self.at = statement
            _statement_handler(statement)(self, statement, output)
            return output
        expression = statement.elements[0].expression  # type: ignore[union-attr]
        if isinstance(expression, ast.Paren) and not isinstance(expression.statement, ast.Assignment):
            return self._written(expression.statement)
        if isinstance(expression, ast.SubExpression):
            output = []
            self._statements_into(expression.statements, output)
            return output
        return None

    def exec_assignment(self, node: ast.Assignment, out: Sink) -> None:
        self._assign_statement(node)
        if resets_status(node):
            self.last_ok = True

    def _assign_statement(self, node: ast.Assignment) -> None:
        if node.op == "??=":  # the right side runs only for a $null target (about_Assignment_Operators)
            if self.eval(node.target) is None:
                self.assign(node.target, self.statement_value(node.value))
            return
        if node.op == "=" and isinstance(node.target, ast.Variable):
            self._assign_written(node.target, node.value)
            return
        value = self.statement_value(node.value)
        if node.op != "=":
            value = binary(node.op[0], self.eval(node.target), value)
        self.assign(node.target, value)

    def _assign_written(self, target: ast.Variable, statement: ast.Statement) -> None:
        """``$x = …``: a command that wrote nothing leaves AutomationNull in ``$x``, and so does
        ``$x = $y`` when ``$y`` holds it."""
        output = self._written(statement)
        if output is None and not self._copies_nothing(statement):
            self.set_variable(target.name, self.statement_value(statement), target.scope)
        elif output:
            self.set_variable(target.name, _collapse(output), target.scope)
        else:
            self._set_nothing(target)

    def _copies_nothing(self, statement: ast.Statement) -> bool:
        if not _is_expression_statement(statement):
            return False
        expression = statement.elements[0].expression  # type: ignore[union-attr]
        return isinstance(expression, ast.Variable) and self._holds_nothing(expression)

    def assign(self, target: ast.Expression, value: Any) -> None:
        if isinstance(target, ast.Cast):
            value = convert_to(value, target.type_name)
            if isinstance(target.operand, ast.Variable):
                self.constrain(target.operand.name, target.type_name, target.operand.scope)
            target = target.operand
        if isinstance(target, ast.Variable):
            self.set_variable(target.name, value, target.scope)
        elif isinstance(target, ast.Member) and target.static:
            set_static(self, _type_of(target.target), self._member_name(target.member), value)
        elif isinstance(target, ast.Member):
            owner, name = self.eval(target.target), self._member_name(target.member)
            holder = target.target if isinstance(target.target, ast.Variable) else None
            copy = replaced_member(owner, name, value) if holder is not None else None
            if holder is not None and copy is not None:
                self.set_variable(holder.name, copy, holder.scope)
            else:
                set_member(owner, name, value)
        elif isinstance(target, ast.Index):
            set_index(self.eval(target.target), self.eval(target.index), value)
        elif isinstance(target, ast.ArrayLiteral):
            self._assign_each(target.items, value)

    def _assign_each(self, targets: Sequence[ast.Expression], value: Any) -> None:
        """``$first, $rest = 1, 2, 3``: one value to each variable in turn, all that is left to the
        last, ``$null`` to those the values do not reach (about_Assignment_Operators)."""
        values = as_list(value)
        for position, target in enumerate(targets[:-1]):
            self.assign(target, values[position] if position < len(values) else None)
        rest = values[len(targets) - 1 :]
        self.assign(targets[-1], _collapse(rest))

    def exec_if(self, node: ast.If, out: Sink) -> None:
        for condition, body in node.clauses:
            if is_true(self.statement_value(condition)):
                self.exec_statements(body, out)
                return
        if node.else_body is not None:
            self.exec_statements(node.else_body, out)

    def _loop_body(self, body: Sequence[ast.Statement], out: Sink, label: str = "") -> bool:
        """Run one iteration; ``False`` after ``break``. A jump naming another loop's label
        passes through to that loop (about_Break, about_Continue)."""
        try:
            self.exec_statements(body, out)
        except _Jump as jump:
            if not jump.leaves(label):
                raise
            return isinstance(jump, _Continue)
        return True

    @contextmanager
    def counted(self, items: Sequence[Any]) -> Iterator[Iterator[Any]]:
        """``items`` one by one, counted in :attr:`loops` while the loop runs (for progress).
        A context manager, not a generator with ``finally``: a loop left by ``break`` or an
        error is uncounted at once, not when the collector finds the generator."""
        count = [0, len(items)]
        self.loops.append(count)
        try:
            yield _counting(items, count)
        finally:
            self.loops = [running for running in self.loops if running is not count]

    def write_progress(self, record: Any) -> None:
        """Write-Progress: only a host shows it; it is not kept in the result."""
        if self.on_event is not None:
            self.on_event("progress", record)

    def exec_foreach(self, node: ast.ForEach, out: Sink) -> None:
        with self.counted(as_list(self.statement_value(node.iterable))) as items:
            for item in items:
                self.set_variable(node.variable.name, item, node.variable.scope)
                if not self._loop_body(node.body, out, node.label):
                    break

    def exec_for(self, node: ast.For, out: Sink) -> None:
        if node.initializer is not None:
            self.exec_statements((node.initializer,), [])
        while node.condition is None or is_true(self.statement_value(node.condition)):
            if not self._loop_body(node.body, out, node.label):
                break
            if node.iterator is not None:
                self.exec_statements((node.iterator,), [])

    def exec_while(self, node: ast.While, out: Sink) -> None:
        while is_true(self.statement_value(node.condition)):
            if not self._loop_body(node.body, out, node.label):
                break

    def exec_do(self, node: ast.DoLoop, out: Sink) -> None:
        while True:
            if not self._loop_body(node.body, out, node.label):
                break
            if is_true(self.statement_value(node.condition)) == node.until:
                break

    def exec_try(self, node: ast.Try, out: Sink) -> None:
        """about_Try_Catch_Finally: every terminating error inside ``try`` (also from called
        functions) goes to the first matching ``catch``; ``finally`` runs after either, and
        before an error or ``exit`` leaves. An emulator stop skips ``finally``: the run ends
        at the point it cannot emulate."""
        try:
            try:
                self.frame.try_depth += 1
                try:
                    self.exec_statements(node.body, out)
                finally:
                    self.frame.try_depth -= 1
            except _Terminating as stop:
                self._catch(node, stop, out)
        except EmulatorStop:
            raise
        except BaseException:
            self._finally(node, out)
            raise
        self._finally(node, out)

    def _finally(self, node: ast.Try, out: Sink) -> None:
        if node.finally_body is not None:
            self.exec_statements(node.finally_body, out)

    def _catch(self, node: ast.Try, stop: _Terminating, out: Sink) -> None:
        clause = _catch_clause(node.catches, stop)
        if clause is None:
            raise stop
        self._remember_error(stop.record)
        self.frame.catching.append(stop.record)
        try:
            with self.dollar_under(stop.record):
                self.exec_statements(clause.body, out)
        finally:
            self.frame.catching.pop()

    def exec_switch(self, node: ast.Switch, out: Sink) -> None:
        """Each value runs every clause that matches it; ``default`` when none did (about_Switch).
        ``-File`` switches on the lines of a file, found as Get-Content finds it."""
        values = self._file_lines(node.value) if node.file else self._switch_values(node.value)
        for item in values:
            try:
                self._switch_one(node, item, out)
            except _Jump as jump:
                if not jump.leaves(node.label):
                    raise
                if isinstance(jump, _Break):
                    break

    def _switch_values(self, statement: ast.Statement) -> list[Any]:
        """What a switch enumerates: a command's output; an expression's items, or the value itself
        when it is no collection, ``$null`` too (Compiler.cs, VisitSwitchStatement: a value with no
        enumerator is switched on as a one-element array); a variable holding no output, nothing."""
        written = self._written(statement)
        if written is not None:
            return written
        value = self.statement_value(statement)
        if value is None and not self._copies_nothing(statement):
            return [None]
        return as_list(value)

    def _file_lines(self, name: ast.Statement) -> list[str]:
        """The lines of the file ``switch -File`` names; a missing one is PowerShell's terminating
        PathNotFound (SwitchOps.ResolveFilePath resolves it as a provider path)."""
        return bi.file_lines(self.platform.resolve(to_string(self.statement_value(name))))

    def _switch_one(self, node: ast.Switch, item: Any, out: Sink) -> None:
        matched = False
        for clause in node.clauses:
            if clause.condition is None or not self._switch_matches(node, clause.condition, item):
                continue
            matched = True
            with self.dollar_under(item):
                self.exec_statements(clause.body, out)
        default = next((c for c in node.clauses if c.condition is None), None)
        if not matched and default is not None:
            with self.dollar_under(item):
                self.exec_statements(default.body, out)

    def _switch_matches(self, node: ast.Switch, condition: ast.Expression, item: Any) -> bool:
        if isinstance(condition, ast.ScriptBlockExpression):
            with self.dollar_under(item):
                return is_true(_collapse(self.eval_script_block(condition).invoke(item)))
        wanted = self.eval(condition)
        if node.mode == "regex":
            table = regex_match(item, wanted, cased=node.case_sensitive)
            if table is not None:
                self.set_variable("Matches", table)
            return table is not None
        op = "like" if node.mode == "wildcard" else "eq"
        return is_true(binary(("c" + op) if node.case_sensitive else op, item, wanted))

    def exec_throw(self, node: ast.Throw, out: Sink) -> None:
        """about_Throw: a bare ``throw`` in ``catch`` rethrows the error being handled;
        elsewhere it is ``ScriptHalted``; ``throw $errorRecord`` keeps the record."""
        if node.value is None and self.frame.catching and self.frame.catching[-1] is not None:
            raise _Terminating(self.frame.catching[-1], thrown=True)
        value = self.statement_value(node.value) if node.value is not None else None
        if isinstance(value, ErrorRecord):
            raise _Terminating(value, thrown=True)
        if isinstance(value, ExceptionValue):  # the record is the exception's, its id the message
            error = Thrown(value.message)
            error.exception_type = value.type_name  # type: ignore[misc]
            raise _Terminating(self._positioned(error), thrown=True)
        message = to_string(value) if value is not None else "ScriptHalted"
        error = Thrown(message, target_object=value)
        raise _Terminating(self._positioned(error), thrown=True)

    def exec_return(self, node: ast.Return, out: Sink) -> None:
        if node.value is not None:
            self.exec_statements((node.value,), out)
        raise _Return

    def exec_exit(self, node: ast.Exit, out: Sink) -> None:
        """``exit N``: N as an int, else 0 (MiscOps.cs); a POSIX process keeps N modulo 256."""
        value = self.statement_value(node.value) if node.value is not None else 0
        try:
            code = int(convert_to(value, "int")) if value is not None else 0
        except (RuntimeFailure, *_PYTHON_FAILURES):
            code = 0
        self.set_variable("LASTEXITCODE", code, "global")
        raise _Exit(code % 256)

    def exec_break(self, node: ast.Break, out: Sink) -> None:
        raise _Break(node.label)

    def exec_continue(self, node: ast.Continue, out: Sink) -> None:
        raise _Continue(node.label)

    def exec_configuration(self, node: ast.ConfigurationDefinition, out: Sink) -> None:
        """DSC needs PSDesiredStateConfiguration, which PowerShell 7 does not ship and cscmdlets
        does not emulate: the run stops where the configuration is defined."""
        raise EmulatorStop(f"the DSC Configuration '{node.name}'", invocation=self.source.invocation(node.extent))

    def exec_function(self, node: ast.FunctionDefinition, out: Sink) -> None:
        self.functions[node.name.lower()] = _Function(node.name, node.body, commands.function_metadata(node))

    # --- errors and streams ---------------------------------------------------------------------

    def write_error(self, record: ErrorRecord, action: ActionPreference | None = None) -> None:
        """Write a non-terminating error as ``action`` (``-ErrorAction``, else
        ``$ErrorActionPreference``) says (MshCommandRuntime.cs; about_CommonParameters):
        Continue shows it, SilentlyContinue records it only, Ignore drops it, Stop escalates it."""
        action = self.preference("ErrorActionPreference") if action is None else action
        self.last_ok = False
        self.frame.status.failed = True
        if action == ActionPreference.Stop:
            # -ErrorVariable gets the ActionPreferenceStopException; $Error the record, as the
            # statement fails (MshCommandRuntime.cs ManageException; MiscOps.cs SetErrorVariables)
            self._collect(escaped_exception(record, stopped=True))
            raise _Terminating(record, escalated=True, stopped=True)
        if action != ActionPreference.Ignore:
            self._record_error(record)
        if action in (ActionPreference.SilentlyContinue, ActionPreference.Ignore) or self.frame.errors_discarded:
            return
        if self.frame.merged_errors:
            self.frame.merged_errors[-1].append(record)
        else:
            self._show_error(record)

    def throw_terminating(self, record: ErrorRecord) -> NoReturn:
        """``$PSCmdlet.ThrowTerminatingError``: the record ends the advanced function whatever its
        preferences say (``-ErrorAction`` does not apply); for its caller it is statement-terminating
        (about_Error_Handling; :class:`_Script`)."""
        raise _Terminating(record, escalated=True)

    def resolve_path(self, path: str) -> str:
        """``$PSCmdlet.GetUnresolvedProviderPathFromPSPath``: a path as the platform resolves it."""
        return str(self.platform.resolve(path))

    def _record_error(self, record: ErrorRecord) -> None:
        """``$Error`` and the -ErrorVariable of every command running now, once each."""
        self._collect(record)
        self._remember_error(record)

    def _collect(self, error: Any) -> None:
        for collector in self.frame.collectors:
            if not any(seen is error for seen in collector.errors):
                collector.errors.append(error)

    def _remember_error(self, record: ErrorRecord) -> None:
        errors = self.frame.scopes[0]["error"]
        if not errors or errors[0] is not record:
            errors.insert(0, record)

    def _show_error(self, record: ErrorRecord) -> None:
        self.result.errors.append(record)
        self.result.events.append(("error", record))
        if not self.frame.scopes[0]["error"] or self.frame.scopes[0]["error"][0] is not record:
            self._remember_error(record)

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None:
        """A host line; ``newline=False`` (Write-Host -NoNewline) keeps the line open for the next;
        ``error``: a line the host writes to stderr (``$Host.UI.WriteErrorLine``), whole."""
        if error:
            self.result.host.append(text)
            self.result.events.append(("host-error", text))
            return
        if self.host_line is not None:
            text, self.host_line = self.host_line + text, None
        if not newline:
            self.host_line = text
            return
        self.result.host.append(text)
        self.result.events.append(("host", text))

    def write_warning(self, text: str, action: ActionPreference | None = None) -> None:
        """A warning; -WarningVariable keeps it even when the preference hides it."""
        for collector in self.frame.collectors:
            collector.warnings.append(text)
        action = self.preference("WarningPreference") if action is None else action
        if action in (ActionPreference.SilentlyContinue, ActionPreference.Ignore):
            return
        self.result.warnings.append(text)
        self.result.events.append(("warning", text))

    def add_to_plan(self, entries: Sequence[Any]) -> None:
        self.result.plan.extend(entries)
        self.result.events.extend(("plan", entry) for entry in entries)

    def write_verbose(self, text: str, forced: bool = False) -> None:
        if forced or self.preference("VerbosePreference") == ActionPreference.Continue:
            self.result.verbose.append(text)
            self.result.events.append(("verbose", text))

    # --- commands --------------------------------------------------------------------------------

    def _command_stage(self, node: ast.Command, out: Sink, frame: _Frame, *, piped: bool) -> Stage:
        """The stage of one command of a pipeline, bound and ready: a script block, a function, a
        command of the table (:mod:`.commands`), or a cmdlet; anything else is an emulator stop."""
        self.at = node
        name = self._command_name(node)
        if isinstance(name, ScriptBlockValue):
            args = [self.argument_value(e) for e in node.elements if not isinstance(e, ast.CommandParameter)]
            values, extra = _positional(name.block, args)
            frame.scopes.append({"args": extra, "input": []})
            return _Framed(self, _Script(self, name.block, frame.scopes[-1], out, parameters=values), frame, node)
        function = self.functions.get(name.lower()) or self.functions.get(commands.canonical_name(name))
        if function is not None:
            return self._function_stage(function, node, out, frame, piped=piped)
        command = commands.lookup(name)
        if command is not None and command.kind is not Kind.REFUSED:
            return self._builtin_stage(command, node, out, frame, piped=piped)
        if command is not None:
            raise EmulatorStop(commands.refused_stop(command, name), invocation=self.invocation(node.name, name))
        metadata = self._cmdlet_metadata(name, node)
        bound = self._with_what_if(self._bind(metadata, node, piped))
        out = self._commanded(bound.common, out, frame)
        return _Framed(self, _Cmdlet(self, bound, node, out), frame, node)

    def _cmdlet_metadata(self, name: str, node: ast.Command) -> CommandMetadata:
        """The cmdlet ``name`` names; an emulator stop for an external or unknown command, except
        a near-miss of an emulated cmdlet's name: PowerShell's CommandNotFoundException."""
        if commands.names_a_program(name):
            what = f"other scripts or external programs ('{name}')"
            raise EmulatorStop(what, invocation=self.invocation(node.name, name))
        try:
            return self.resolve_command(commands.unqualified(name))
        except CommandNotFound as error:
            if commands.is_typo_of_emulated(error):
                raise
            raise EmulatorStop(f"'{name}'", invocation=self.invocation(node.name, name)) from None

    def _command_name(self, node: ast.Command) -> str | ScriptBlockValue:
        if not node.invocation_operator:
            return node.name_text
        value = self.eval(node.name)
        if isinstance(value, ScriptBlockValue):
            return value
        return to_string(value)

    def command_arguments(self, node: ast.Command) -> list[Argument]:
        """The command line's arguments, each carrying its position for error underlines."""
        arguments: list[Argument] = []
        for element in node.elements:
            where = self.source.invocation(element.extent)
            if isinstance(element, ast.CommandParameter):
                if element.argument is None:
                    arguments.append(NamedArgument(element.name, NOT_GIVEN, element.text, where))
                    continue
                value, value_where = (
                    self.argument_value(element.argument),
                    self.source.invocation(element.argument.extent),
                )
                arguments.append(NamedArgument(element.name, value, element.text, where, value_where))
            elif isinstance(element, ast.Splat):
                arguments.extend(self._splatted(element, where))
            else:
                arguments.append(PositionalArgument(self.argument_value(element), where))
        return arguments

    def _splatted(self, element: ast.Splat, where: InvocationInfo) -> list[Argument]:
        value = self.get_variable(element.name)
        if isinstance(value, dict):
            return [NamedArgument(to_string(key), item, f"-{key}", where) for key, item in value.items()]
        return [PositionalArgument(item, where) for item in as_list(value)]

    def argument_value(self, expression: ast.Expression) -> Any:
        value = self.eval(expression)
        return list(value) if isinstance(value, tuple) else value

    def _bind(
        self,
        metadata: CommandMetadata,
        node: ast.Command,
        piped: bool,
        arguments: list[Argument] | None = None,
    ) -> BoundCommand:
        invocation = self.source.invocation(node.extent, metadata.name)
        arguments = self.command_arguments(node) if arguments is None else arguments
        try:
            return bind(metadata, arguments, invocation=invocation, expect_pipeline_input=piped)
        except ParameterNotEmulated as error:  # a real parameter the emulator lacks ends the run
            name, command = error.args_for_template
            raise EmulatorStop(f"the parameter -{name} of {command}", invocation=error.invocation) from None

    def what_if_wanted(self, explicit: bool | None) -> bool:
        """The one -WhatIf decision for cmdlets, builtins and redirections (about_Preference_Variables,
        ``$WhatIfPreference``): ``-WhatIf`` / ``-WhatIf:$false`` on the command when given; else
        ``--what-if`` (the run's ``$WhatIfPreference = $true``); else ``$WhatIfPreference``."""
        if explicit is not None:
            return bool(explicit)
        return self.what_if or is_true(self.get_variable("WhatIfPreference"))

    def should_process(self, explicit: bool | None, action: str, target: str) -> bool:
        if not self.what_if_wanted(explicit):
            return True
        self.write_host(f"What if: {should_process_message(action, target)}")
        return False

    def _with_what_if(self, bound: BoundCommand) -> BoundCommand:
        """A ShouldProcess cmdlet follows :meth:`what_if_wanted`. One without -WhatIf
        (Register-/Unregister-…ServiceNumber) would run for real under ``$WhatIfPreference``, as
        in PowerShell; but a ``--what-if`` run changes nothing, so there it is simulated too and
        its change shows in the plan. Signing in and out changes no tenant: a ``--what-if`` run
        does it for real, so the script goes on as it would."""
        if self.what_if and bound.common.what_if is None and bound.metadata.verb.lower() in _SESSION_VERBS:
            return bound
        if bound.metadata.supports_should_process:
            wanted = self.what_if_wanted(bound.common.what_if)
            bound = self._with_confirm(bound)
        else:
            wanted = self.what_if and bound.metadata.verb.lower() not in _READ_ONLY_VERBS
        return bound._replace(common=replace(bound.common, what_if=True)) if wanted else bound

    def _with_confirm(self, bound: BoundCommand) -> BoundCommand:
        """A cmdlet reads ``$ConfirmPreference`` where it runs (MshCommandRuntime.ConfirmPreference):
        one the script or an advanced function's -Confirm changed from the default, High, decides
        for a cmdlet not given -Confirm itself, as -Confirm (ask) or -Confirm:$false (do not)."""
        if bound.common.confirm is not None:
            return bound
        preference = confirm_impact_of(self.get_variable("ConfirmPreference"))
        if preference is ConfirmImpact.HIGH:
            return bound  # the engine's host applies the default itself
        ask = preference is not ConfirmImpact.NONE and bound.metadata.confirm_impact >= preference
        return bound._replace(common=replace(bound.common, confirm=ask))

    def _positioned_at(self, error: PowerShellError, node: ast.Node) -> ErrorRecord:
        if not error.invocation.has_position:
            error.at(self.source.invocation(node.extent, error.invocation.command_name or error.command_name))
        return error.error_record

    def _absorb(self, result: Result, common: CommonParameters, node: ast.Command) -> list[Any]:
        """Route one Result's streams: host lines, warnings, verbose, the plan, then errors."""
        for line in result.host:
            self.write_host(line)
        for text in result.warnings:
            self.write_warning(text, common.warning_action)
        for text in result.verbose:
            self.write_verbose(text, forced=common.verbose)
        self.add_to_plan(result.plan)
        for name, value in result.variables.items():
            self.set_variable(name, value)
        if result.errors:
            self.frame.status.failed = True
        for record in result.errors:
            self.write_error(self._record_at(record, node), common.error_action)
        return list(result.output)

    def _record_at(self, record: ErrorRecord, node: ast.Command) -> ErrorRecord:
        if record.invocation.has_position:
            return record
        invocation = self.source.invocation(node.extent, record.invocation.command_name)
        if record.error is not None and not record.error.invocation.has_position:
            record.error.at(invocation)
        return replace(record, invocation=invocation)

    def _commanded(self, common: CommonParameters, out: Sink, frame: _Frame) -> Sink:
        """-ErrorVariable/-WarningVariable/-OutVariable: set up before the command runs (one that
        can't be written fails it before it changes the tenant), filled as it and everything it
        calls write (MshCommandRuntime.SetupVariable). Returns where the command writes."""
        collector = _Collector(self._variable_list(common.error_variable), self._variable_list(common.warning_variable))
        frame.collectors.append(collector)
        if not common.out_variable:
            return out
        return _Tee(out, self._variable_list(common.out_variable))

    def _variable_list(self, name: str | None) -> list[Any]:
        """The list a ``-XVariable name`` fills: ``name`` becomes a new list; ``+name`` starts
        with what the variable held."""
        kept: list[Any] = []
        if name:
            if name.startswith("+"):
                name = name[1:]
                kept.extend(as_list(self.get_variable(name)))
            self.set_variable(name, kept)
        return kept

    def _builtin_stage(self, command: Command, node: ast.Command, out: Sink, frame: _Frame, *, piped: bool) -> Stage:
        arguments = self.command_arguments(node)
        if command.kind is Kind.NO_OP:  # any arguments, evaluated and ignored
            bound = bind(command.metadata, [], invocation=self.source.invocation(node.extent, command.name))
        else:
            if command.remaining:
                arguments = commands.gather_remaining(command, arguments)
            bound = self._bind(command.metadata, node, piped, arguments)
            out = self._commanded(bound.common, out, frame)
        call = bi.Call(self, bound, arguments, [] if piped else None, node)
        if command.stage is not None:
            return _Framed(self, command.stage(call, out), frame, node)
        assert command.handler is not None
        return _Framed(self, bi.Collecting(call, out, command.handler), frame, node)

    def _function_stage(
        self, function: _Function, node: ast.Command, out: Sink, frame: _Frame, *, piped: bool
    ) -> Stage:
        """A function, bound from its ``param()`` block (a simple function: ``$args``), in a scope of its own."""
        arguments = self.command_arguments(node)
        block, bound = function.block, None
        values: dict[str, Any] = {}
        extra = [a.value for a in arguments if isinstance(a, PositionalArgument)]
        if block.params:
            bound = self._bind(function.metadata, node, piped and block.process is not None, arguments)
            values, extra = _switches_bound(function.metadata, bound.values), []
            out = self._commanded(bound.common, out, frame)
        parameters = Hashtable([*values.items(), *_given_common(bound)])
        my_invocation = invocation_of(self.script_name, function.name, "Function", invocation_name=node.name_text)
        my_invocation.set("BoundParameters", parameters)  # one table, as in PowerShell
        scope: dict[str, Any] = {
            "args": extra,
            "input": [],
            "psboundparameters": parameters,
            "myinvocation": my_invocation,
            _CALLED_AT: (node.extent, function.name),
        }
        if bound is not None and is_advanced(block):
            scope["pscmdlet"] = ScriptCmdlet(
                self,
                function.metadata,
                bound.parameter_set,
                confirm=bound.common.confirm,
                verbose=bound.common.verbose,
                invocation=self.source.invocation(node.extent, function.name),
                my_invocation=my_invocation,
                out=out,
            )
        scope.update((k.lower(), v) for k, v in (_local_preferences(bound.common) if bound else {}).items())
        frame.scopes.append(scope)
        frame.catching.append(None)
        frame.functions_running.append(function.name)
        script = _Script(self, block, scope, out, bound=bound, parameters=values, advanced=is_advanced(block))
        return _Framed(self, script, frame, node)

    def _declare_parameters(self, block: ast.ScriptBlock, values: Mapping[str, Any]) -> None:
        for decl in block.params.parameters if block.params else ():
            unbound = decl.name not in values and decl.default is None
            if decl.name in values:
                value = values[decl.name]
            elif decl.default is not None:
                value = self.eval(decl.default)
            else:  # an unbound typed parameter holds $null converted to its type: '' for [string], 0 for [int]
                value = _UNBOUND_VALUES.get(decl.type_name.lower().removeprefix("system."))
            if unbound:
                self.set_variable(decl.name, value)
            if decl.type_name:  # a typed parameter is a constrained variable; its default converts
                self.constrain(decl.name, decl.type_name)
            if not unbound:
                self.set_variable(decl.name, value)

    def _bind_pipeline_parameters(self, block: ast.ScriptBlock, bound: BoundCommand | None, item: Any) -> bool:
        """ValueFromPipeline parameters take the object; ByPropertyName ones its properties
        (about_Functions_Advanced_Parameters). ``False`` when the object binds to nothing:
        the error is written and the object skipped, as for a cmdlet."""
        by_value = [d for d in (block.params.parameters if block.params else ()) if _has_flag(d, "valuefrompipeline")]
        given = self.frame.scopes[-1].get("psboundparameters")
        given = given if isinstance(given, Hashtable) else Hashtable()
        for decl in by_value:
            self.set_variable(decl.name, item)
            given[decl.name] = item  # $PSBoundParameters holds what the input bound (about_Automatic_Variables)
        if bound is None or not any(p.from_pipeline_by_property_name for p in bound.metadata.parameters):
            return True
        try:
            values = bind_pipeline_object(bound, item).values
        except PowerShellError as error:
            if not by_value:
                self.write_error(self._positioned(error), bound.common.error_action)
            return bool(by_value)
        for name, value in values.items():
            self.set_variable(name, value)
            given[name] = value
        return True

    def run_block(self, block: ScriptBlockValue, item: Any, out: Sink) -> None:
        """A ForEach-Object/Where-Object block: the caller's scope, with ``$_`` = ``item``;
        ``return`` ends the block."""
        self._run_block_statements(block.block, item, out)

    def _run_block_statements(self, block: ast.ScriptBlock, item: Any, out: Sink) -> None:
        with self.dollar_under(item):
            try:
                self.exec_statements(block.statements, out)
            except _Return:
                return

    # --- script parameters ---------------------------------------------------------------------

    def _bind_script_parameters(self, script: ast.Script, arguments: Sequence[str]) -> None:
        if script.params is None:
            self.set_variable("args", list(arguments))
            self.set_variable("psboundparameters", Hashtable())
            return
        node = ast.FunctionDefinition(script.block.extent, self.script_name or "script", script.block)
        metadata = commands.function_metadata(node)
        parsed = [commands.cli_argument(text) for text in arguments]
        try:
            bound = bind(metadata, parsed, invocation=metadata.invocation)
        except PowerShellError as error:
            raise _Terminating(error.error_record, thrown=True) from None
        values = _switches_bound(metadata, bound.values)
        self.set_variable("psboundparameters", Hashtable([*values.items(), *_given_common(bound)]))
        for name, value in _local_preferences(bound.common).items():  # `run x.ps1 -Verbose`, as for a function
            self.set_variable(name.lower(), value)
        if is_advanced(script.block):
            self._advanced_script(metadata, bound)
        try:
            self._declare_parameters(script.block, values)
        except PowerShellError as error:  # a default such as $(Read-Host 'Path') on a host that cannot ask
            raise _Terminating(self._positioned(error), thrown=True) from None
        except _PYTHON_FAILURES as failure:  # a default the subset cannot compute: an error, never a traceback
            raise _Terminating(self._positioned(_runtime_failure(failure)), thrown=True) from None

    def _advanced_script(self, metadata: CommandMetadata, bound: BoundCommand) -> None:
        """A script with ``[CmdletBinding()]`` is a command too: ``$PSCmdlet`` is its own, named by its file
        (about_Functions_CmdletBindingAttribute; ErrorRecord's FQEID ``<id>,<file name>``)."""
        table = self.frame.scopes[0]
        name = Path(self.script_name).name if self.script_name else metadata.name
        table["pscmdlet"] = ScriptCmdlet(
            self,
            replace(metadata, name=name),
            bound.parameter_set,
            confirm=bound.common.confirm,
            verbose=bound.common.verbose,
            invocation=InvocationInfo(command_name=name),
            my_invocation=table["myinvocation"],
            out=_Shown(self.result),
        )

    # --- expressions ---------------------------------------------------------------------------

    def eval(self, node: ast.Expression) -> Any:
        handler = _EXPRESSIONS.get(type(node))
        if handler is None:
            raise EmulatorStop(f"the expression '{self.source.text_of(node.extent)}'")
        return handler(self, node)

    def eval_constant(self, node: ast.Constant) -> Any:
        return node.value

    def eval_expandable(self, node: ast.ExpandableString) -> str:
        return "".join(part if isinstance(part, str) else self._expand(part) for part in node.parts)

    def _expand(self, part: ast.Expression) -> str:
        self.in_string += 1
        try:
            value = self.eval(part)
        finally:
            self.in_string -= 1
        if isinstance(value, list):  # "$array" and "$(…)" join with $OFS, a space when unset or $null
            separator = self.get_variable("OFS")
            return (" " if separator is None else to_string(separator)).join(to_string(item) for item in value)
        return to_string(value)

    def eval_variable(self, node: ast.Variable) -> Any:
        value = self.get_variable(node.name, node.scope)
        strict = value is None and self.strict_version() >= (2 if self.in_string else 1)
        if strict and not self._is_set(node.name, node.scope):
            raise strict_variable(node.name)
        return value

    # --- strict mode (Set-StrictMode) ------------------------------------------------------------

    def set_strict_mode(self, version: int) -> None:
        """Strict mode for the current scope and the scopes it calls (0: off)."""
        self.frame.scopes[-1][_STRICT_MODE] = version

    def strict_version(self) -> int:
        for table in reversed(self.frame.scopes):
            if _STRICT_MODE in table:
                return int(table[_STRICT_MODE])
        return 0

    def _is_set(self, name: str, scope: str) -> bool:
        lowered = name.lower()
        if scope == "env" or lowered in _ALWAYS_SET or lowered in _CONSTANTS:
            return True
        scopes = self.frame.scopes[:1] if scope in ("script", "global") else self.frame.scopes
        return any(lowered in table for table in scopes)

    def eval_splat(self, node: ast.Splat) -> Any:
        return self.get_variable(node.name)

    def eval_array_literal(self, node: ast.ArrayLiteral) -> list[Any]:
        return [self.eval(item) for item in node.items]

    def eval_array_expression(self, node: ast.ArrayExpression) -> list[Any]:
        out: list[Any] = []
        self._statements_into(node.statements, out)
        return out

    def eval_subexpression(self, node: ast.SubExpression) -> Any:
        out: list[Any] = []
        self._statements_into(node.statements, out)
        return _collapse(out)

    def _statements_into(self, statements: Sequence[ast.Statement], out: Sink) -> None:
        for statement in statements:
            if isinstance(statement, ast.Pipeline):
                self.run_pipeline(statement, out)
            else:
                self.exec_statements((statement,), out)

    def eval_paren(self, node: ast.Paren) -> Any:
        statement = node.statement
        if isinstance(statement, ast.Assignment):
            self.exec_assignment(statement, [])
            return self.eval(statement.target)
        return self.statement_value(statement)

    def eval_hash(self, node: ast.HashLiteral) -> Hashtable:
        table = Hashtable()
        for key, value in node.entries:
            name = self.eval(key)
            if name in table:
                raise RuntimeFailure(
                    "DuplicateKeyInHashLiteral", f"Duplicate keys '{to_string(name)}' are not allowed in hash literals."
                )
            table[name] = self.statement_value(value)
        return table

    def eval_script_block(self, node: ast.ScriptBlockExpression) -> ScriptBlockValue:
        # A partial, not a closure over the value: a value holding itself would be a reference
        # cycle, left to the cyclic collector.
        return ScriptBlockValue(node.block, functools.partial(self._invoke_block, node.block))

    def _invoke_block(self, block: ast.ScriptBlock, *args: Any) -> list[Any]:
        out: list[Any] = []
        self._run_block_statements(block, args[0] if args else None, out)
        return out

    def eval_type(self, node: ast.TypeLiteral) -> str:
        return node.type_name

    def eval_cast(self, node: ast.Cast) -> Any:
        if node.type_name.lower() == "ref" and isinstance(node.operand, ast.Variable):
            return self.variable_reference(node.operand)
        value = self.eval(node.operand)
        if node.type_name.lower() in ("pscustomobject", "ordered") and isinstance(value, dict):
            return (
                PSObject((to_string(k), v) for k, v in value.items())
                if node.type_name.lower() == "pscustomobject"
                else OrderedDictionary(value.items())
            )
        return convert_to(value, node.type_name)

    def _member_name(self, member: ast.Expression) -> str:
        return str(member.value) if isinstance(member, ast.Constant) else to_string(self.eval(member))

    def eval_member(self, node: ast.Member) -> Any:
        name = self._member_name(node.member)
        if node.static:
            return get_static(self, _type_of(node.target), name)
        target = self.eval(node.target)
        if target is None and node.null_conditional:
            return None
        value = get_member(target, name)
        if value is None and self.strict_version() >= 2 and not has_property(target, name):
            raise strict_property(name)
        return value

    def eval_invoke(self, node: ast.InvokeMember) -> Any:
        """The target first, then the arguments; ``?.`` on a ``$null`` target evaluates neither
        the arguments nor the call (about_Operators, "Null-conditional operators")."""
        self.at = node
        name = self._member_name(node.member)
        if node.static:
            return call_static(self, _type_of(node.target), name, [self.eval(a) for a in node.arguments])
        target = self.eval(node.target)
        if target is None and node.null_conditional:
            return None
        return call_method(target, name, [self.eval(argument) for argument in node.arguments])

    def eval_index(self, node: ast.Index) -> Any:
        container = self.eval(node.target)
        if container is None and node.null_conditional:
            return None
        index = self.eval(node.index)
        if isinstance(index, list):
            return [self._index_one(container, item) for item in index]
        return self._index_one(container, index)

    def _index_one(self, container: Any, index: Any) -> Any:
        value = index_one(container, index)
        if value is None and self.strict_version() >= 3 and _past_the_end(container, index):
            raise strict_index()
        return value

    def eval_unary(self, node: ast.Unary) -> Any:
        if node.op in ("++", "--"):
            return self._increment(node)
        value = self.eval(node.operand)
        return _UNARY[node.op](value)

    def _increment(self, node: ast.Unary) -> Any:
        before = self.eval(node.operand)
        after = binary("+" if node.op == "++" else "-", before if before is not None else 0, 1)
        self.assign(node.operand, after)
        return before if node.postfix else after

    def eval_binary(self, node: ast.Binary) -> Any:
        if node.op in _MATCH_OPERATORS:
            return self._match(node)
        if node.op == "??":  # the right side runs only when the left is $null (about_Operators)
            left = self.eval(node.left)
            return self.eval(node.right) if left is None else left
        if node.op == "and":
            return is_true(self.eval(node.left)) and is_true(self.eval(node.right))
        if node.op == "or":
            return is_true(self.eval(node.left)) or is_true(self.eval(node.right))
        left = self.eval(node.left)  # left to right, as the compiled expression tree evaluates them
        if node.op not in ("is", "isnot", "as"):
            return binary(node.op, left, self.eval(node.right))
        right = node.right
        type_name = _type_of(right) if isinstance(right, ast.TypeLiteral) else to_string(self.eval(right))
        return binary(node.op, left, type_name)

    def eval_ternary(self, node: ast.Ternary) -> Any:
        branch = node.if_true if is_true(self.eval(node.condition)) else node.if_false
        return self.eval(branch)

    def _match(self, node: ast.Binary) -> Any:
        """``-match``/``-notmatch``: a scalar left side sets ``$Matches`` in the current scope when
        the pattern matched; a collection filters and leaves it alone (about_Comparison_Operators)."""
        left, right = self.eval(node.left), self.eval(node.right)
        if isinstance(left, list | tuple):
            return binary(node.op, left, right)
        table = regex_match(left, right, cased=node.op.startswith("c"))
        if table is not None:
            self.set_variable("Matches", table)
        return (table is not None) != node.op.endswith("notmatch")

    # --- Context for static members ------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock()

    def new_guid(self) -> str:
        random = getattr(getattr(self.engine, "backend", None), "random", None)
        return str(uuid.UUID(int=random.getrandbits(128), version=4)) if random is not None else str(uuid.uuid4())

    @functools.cached_property
    def random(self) -> pyrandom.Random:
        return script_random(self.engine)

    def caller_invocation(self) -> InvocationInfo | None:
        """Where the running function was called, as its $MyInvocation says; ``None`` outside one."""
        for table in reversed(self.frame.scopes):
            called = table.get(_CALLED_AT)
            if called is not None:
                extent, name = called
                return self.source.invocation(extent, name)
        return None

    @property
    def caller_name(self) -> str:
        if self.frame.functions_running:
            return self.frame.functions_running[-1]
        return Path(self.script_name).name if self.script_name else ""

    def start_transcript(self, path: Path, *, append: bool) -> None:
        self.stop_transcript()
        self.transcript = _Transcript(path, len(self.result.events), append, self.now())

    def stop_transcript(self) -> Path | None:
        running, self.transcript = self.transcript, None
        if running is None:
            return None
        stamp = "%Y%m%d%H%M%S"
        text = bi.transcript_text(
            self.result.events[running.start :], running.started.strftime(stamp), self.now().strftime(stamp)
        )
        bi.write_text(running.path, text, append=running.append)
        return running.path

    def invocation(self, node: Any, command_name: str = "") -> InvocationInfo:
        return self.source.invocation(node.extent, command_name)

    def run_script_member(self, block: Any, this: Any, args: list[Any]) -> list[Any]:
        """A script property's getter or a script method: a child scope where ``$this`` is the
        object and ``$args`` the method's arguments (about_Automatic_Variables, ``$this``)."""
        values, extra = _positional(block.block, args)
        out: list[Any] = []
        with self.child_scope():
            self.set_variable("this", this)
            self.set_variable("args", extra)
            self._declare_parameters(block.block, values)
            self.run_block(block, this, out)
        return out

    def read_answer(self) -> str | None:
        return self.answers.pop(0) if self.answers else None


# --- the stages of a pipeline (see .pipeline) ------------------------------------------------------


class _Framed:
    """A command's stage, run in the command's own :class:`_Frame` and at its place in the script
    (for error positions and Ctrl-C's report); the writer's frame is back when it returns."""

    def __init__(self, runner: Runner, stage: Stage, frame: _Frame, node: ast.Node) -> None:
        self.runner = runner
        self.stage = stage
        self.frame = frame
        self.node = node

    def begin(self) -> None:
        self._run(self.stage.begin)

    def process(self, item: Any) -> None:  # the hot path: once per object per stage
        runner = self.runner
        caller, at = runner.frame, runner.at
        runner.frame, runner.at = self.frame, self.node
        try:
            self.stage.process(item)
        finally:
            runner.frame = caller
        runner.at = at

    def end(self) -> None:
        self._run(self.stage.end)

    def _run(self, step: Callable[..., None], *args: Any) -> None:
        runner = self.runner
        caller, at = runner.frame, runner.at
        runner.frame, runner.at = self.frame, self.node
        try:
            step(*args)
        finally:
            runner.frame = caller
        runner.at = at  # only on success: an error keeps the place it happened


class _Tee:
    """A command's output on its way on, kept in its -OutVariable as it is written."""

    def __init__(self, out: Sink, kept: list[Any]) -> None:
        self.out = out
        self.kept = kept

    def append(self, value: Any, /) -> None:
        self.kept.append(value)
        self.out.append(value)

    def extend(self, values: Iterable[Any], /) -> None:
        for value in values:
            self.append(value)


class _Cmdlet:
    """A cmdlet: run once without input, else once per input object, each bound by property
    name (about_Pipelines); what each run returns is written as it returns."""

    def __init__(self, runner: Runner, bound: BoundCommand, node: ast.Command, out: Sink) -> None:
        self.runner = runner
        self.bound = bound
        self.node = node
        self.out = out

    def begin(self) -> None:
        pass

    def process(self, item: Any) -> None:
        runner, common = self.runner, self.bound.common
        if item is NOT_GIVEN:
            output = runner._absorb(runner.engine.invoke(self.bound), common, self.node)
            if output:
                with runner.counted(output) as each:  # the rows of a pipeline it starts
                    self.out.extend(each)
            return
        try:
            command = bind_pipeline_object(self.bound, item)
        except PowerShellError as error:
            runner.write_error(runner._positioned_at(error, self.node), common.error_action)
            return
        self.out.extend(runner._absorb(runner.engine.invoke(command), common, self.node))

    def end(self) -> None:
        pass


class _Script:
    """A function or a script block: begin, process once per input object (``$_`` and the
    pipeline parameters bound from it), then end, each writing as it runs
    (about_Functions_Advanced_Methods). ``return`` ends the block it is in. Without a process
    block the input is only collected, in ``$input``, for the end block."""

    def __init__(
        self,
        runner: Runner,
        block: ast.ScriptBlock,
        scope: dict[str, Any],
        out: Sink,
        *,
        bound: BoundCommand | None = None,
        parameters: Mapping[str, Any] | None = None,
        advanced: bool = False,
    ) -> None:
        self.runner = runner
        self.block = block
        self.scope = scope
        self.out = out
        self.bound = bound
        self.parameters = parameters
        self.advanced = advanced
        #: A parameter named Input is that parameter, not the automatic ``$input`` (the
        #: Test-NotTwo example of about_Pipeline_Chain_Operators declares one).
        self.collects_input = not any(
            d.name.lower() == "input" for d in (block.params.parameters if block.params else ())
        )

    def begin(self) -> None:
        with self._as_command():
            if self.parameters is not None:
                self.runner._declare_parameters(self.block, self.parameters)
            self._run(self.block.begin)

    def process(self, item: Any) -> None:
        if item is not NOT_GIVEN and self.collects_input:
            self.scope["input"].append(item)
        if self.block.process is None:
            return
        value = None if item is NOT_GIVEN else item
        with self._as_command(), self.runner.dollar_under(value):
            if item is NOT_GIVEN or self.runner._bind_pipeline_parameters(self.block, self.bound, value):
                self._run(self.block.process)

    def end(self) -> None:
        with self._as_command():
            self._run(self.block.statements)

    def _run(self, statements: Sequence[ast.Statement] | None) -> None:
        with suppress(_Return):
            self.runner.exec_statements(statements or (), self.out)

    @contextmanager
    def _as_command(self) -> Iterator[None]:
        """A Stop escalation inside an advanced function is statement-terminating for its caller
        (about_Functions_CmdletBindingAttribute)."""
        try:
            yield
        except _Terminating as stop:
            if stop.escalated and self.advanced:
                raise _Terminating(stop.record, stopped=stop.stopped) from None
            raise


class _Redirect:
    """``> file``/``>> file``/``> $null`` after a command: its success output, written when
    the command ends, as Out-File writes it (about_Redirection)."""

    def __init__(self, runner: Runner, element: ast.Command | ast.CommandExpression, out: Sink) -> None:
        self.runner = runner
        self.element = element
        self.out = out
        self.items: list[Any] = []

    def begin(self) -> None:
        pass

    def process(self, item: Any) -> None:
        self.items.append(item)

    def end(self) -> None:
        self.out.extend(self.runner._redirect(self.element.redirections, self.items, self.element))


#: Approved verbs that only read (learn.microsoft.com, "Approved Verbs for PowerShell Commands").
class ConsoleHostInfo(PSObject):
    """``$Host`` (an InternalHost) and the .NET objects it holds: their text is their type's
    name (Object.ToString)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return self.type_names[0]


def _version_table() -> Hashtable:
    """``$PSVersionTable`` of pwsh 7.4.0 on Linux (PSVersionInfo.cs): OS is the kernel's uname, as
    RuntimeInformation.OSDescription reads it."""
    uname = os.uname() if hasattr(os, "uname") else None
    system = f"{uname.sysname} {uname.release} {uname.version}" if uname else "Linux"
    return Hashtable(
        [
            ("PSVersion", Version("7.4.0")),
            ("PSEdition", "Core"),
            ("GitCommitId", "7.4.0"),
            ("OS", system),
            ("Platform", "Unix"),
            ("PSCompatibleVersions", [Version(v) for v in ("1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0")]),
            ("PSRemotingProtocolVersion", Version("2.3")),
            ("SerializationVersion", Version("1.1.0.1")),
            ("WSManStackVersion", Version("3.0")),
        ]
    )


def _switches_bound(metadata: CommandMetadata, values: Mapping[str, Any]) -> dict[str, Any]:
    """A script's bound parameters as ``$PSBoundParameters`` holds them: a switch's value is a
    SwitchParameter (``$PSBoundParameters['Force'].IsPresent``), not the binder's bool."""
    switches = {parameter.name for parameter in metadata.parameters if parameter.type.is_switch}
    return {name: SwitchParameter(bool(value)) if name in switches else value for name, value in values.items()}


def _given_common(bound: BoundCommand | None) -> list[tuple[str, Any]]:
    """The common parameters a call gave, as ``$PSBoundParameters`` lists them after its own
    (``$PSBoundParameters.ContainsKey('Verbose')``; about_Automatic_Variables)."""
    if bound is None:
        return []
    common = bound.common
    given = {
        "Verbose": common.verbose or None,
        "ErrorAction": common.error_action,
        "WarningAction": common.warning_action,
        "WhatIf": common.what_if,
        "Confirm": common.confirm,
        "ErrorVariable": common.error_variable,
        "WarningVariable": common.warning_variable,
        "OutVariable": common.out_variable,
    }
    return [(name, value) for name, value in given.items() if value is not None]


_READ_ONLY_VERBS = frozenset({"get", "test", "find", "search", "measure", "compare", "resolve", "read", "show"})
_SESSION_VERBS = frozenset({"connect", "disconnect"})
_MATCH_OPERATORS = frozenset({"match", "cmatch", "notmatch", "cnotmatch"})

#: What a value the subset cannot handle raises in Python; each becomes a PowerShell error record.
_PYTHON_FAILURES = (TypeError, ValueError, AttributeError, LookupError, ArithmeticError, RecursionError, OSError)


def _runtime_failure(failure: Exception) -> RuntimeFailure:
    return RuntimeFailure("RuntimeException", f"The operation failed: {failure}.")  # inferred


def _positional(block: ast.ScriptBlock, args: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    """``& { param($a, $b) … } 1 2 3``: the block's parameters by position, the rest in ``$args``."""
    names = [decl.name for decl in block.params.parameters] if block.params else []
    return dict(zip(names, args, strict=False)), args[len(names) :]


def _has_flag(decl: ast.ParameterDecl, flag: str) -> bool:
    """``[Parameter(ValueFromPipeline)]`` or ``…=$true``."""
    return any(k.lower() == flag for a in decl.attributes if a.name.lower() == "parameter" for k, _ in a.named)


def _local_preferences(common: CommonParameters) -> dict[str, Any]:
    """A function's -ErrorAction/-WarningAction/-Verbose/-WhatIf become its own preference
    variables (about_CommonParameters; about_Functions_CmdletBindingAttribute)."""
    preferences: dict[str, Any] = {
        "ErrorActionPreference": common.error_action,
        "WarningPreference": common.warning_action,
        "WhatIfPreference": common.what_if,
        "VerbosePreference": ActionPreference.Continue if common.verbose else None,
        "ConfirmPreference": None if common.confirm is None else ("Low" if common.confirm else "None"),
    }
    return {name: value for name, value in preferences.items() if value is not None}


def _writes_to_file(redirections: Sequence[ast.Redirection]) -> bool:
    """``> file``, ``>> file`` or ``> $null``: the success stream goes elsewhere (about_Redirection)."""
    return any(not r.merge and r.stream in ("1", "*") and r.target is not None for r in redirections)


def _merges_errors(redirections: Sequence[ast.Redirection]) -> bool:
    return any(r.merge and r.stream in ("2", "*") for r in redirections)


def _discards_errors(redirections: Sequence[ast.Redirection]) -> bool:
    """``2>$null`` / ``*>$null`` (about_Redirection)."""
    return any(
        r.stream in ("2", "*") and isinstance(r.target, ast.Variable) and r.target.name.lower() == "null"
        for r in redirections
    )


def _is_expression_statement(statement: ast.Statement) -> TypeGuard[ast.Pipeline]:
    """A pipeline of one expression, not redirected: its value is the expression's."""
    if not isinstance(statement, ast.Pipeline) or len(statement.elements) != 1:
        return False
    only = statement.elements[0]
    return isinstance(only, ast.CommandExpression) and not only.redirections


def resets_status(statement: ast.Statement) -> bool:
    """Whether ``$?`` is ``$true`` after the statement whatever ran inside it: a pipeline of one
    expression, or an assignment of one, as PowerShell 7's compiler decides
    (``ShouldSetExecutionStatusToSuccess`` in Compiler.cs): ``$x = 1`` and ``'text'`` set it, but
    ``(Get-Thing)``, ``$(Get-Thing)`` and ``@(Get-Thing)`` keep what the command left
    (about_Automatic_Variables, ``$?``)."""
    while isinstance(statement, ast.Assignment):
        statement = statement.value
    if not isinstance(statement, ast.Pipeline) or len(statement.elements) != 1:
        return False
    only = statement.elements[0]
    return isinstance(only, ast.CommandExpression) and _expression_resets_status(only.expression)


def _expression_resets_status(expression: ast.Expression) -> bool:
    if isinstance(expression, ast.Paren):
        return resets_status(expression.statement)
    if isinstance(expression, ast.SubExpression):
        return not expression.statements
    if isinstance(expression, ast.ArrayExpression):
        statements = expression.statements
        if len(statements) == 1 and not isinstance(statements[0], ast.Trap):
            return resets_status(statements[0])
        return not statements
    return True


def _is_increment(expression: ast.Expression) -> bool:
    return isinstance(expression, ast.Unary) and expression.op in ("++", "--")


def _type_of(node: ast.Expression) -> str:
    return node.type_name if isinstance(node, ast.TypeLiteral) else ""


def _collapse(output: list[Any]) -> Any:
    if not output:
        return None
    return output[0] if len(output) == 1 else output


def _constrained_value(value: Any, type_name: str) -> Any:
    """A value for a type-constrained variable; one that does not convert is the variable's
    ArgumentTransformationMetadataException (MetadataError), the variable unchanged."""
    try:
        return convert_to(value, type_name)
    except RuntimeFailure as failure:
        raise RuntimeFailure(
            "RuntimeException",
            failure.message,
            category=ErrorCategory.MetadataError,
            exception_type="System.Management.Automation.ArgumentTransformationMetadataException",
            inner=failure.inner_exceptions,
        ) from None


def _action(value: Any, default: ActionPreference) -> ActionPreference:
    if isinstance(value, ActionPreference):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return ActionPreference(value) if value in ActionPreference._value2member_map_ else default
    return _ACTIONS_BY_NAME.get(to_string(value).lower(), default)


#: Every preference read (each warning, verbose line, error) names its action: a hot path.
_ACTIONS_BY_NAME = {member.name.lower(): member for member in ActionPreference}


#: A ``catch`` clause or a ``trap``: both name the exception types they handle in ``types``.
_Handler = TypeVar("_Handler", ast.CatchClause, ast.Trap)


def _catch_clause(clauses: Sequence[_Handler], stop: _Terminating) -> _Handler | None:
    """The catch (or trap) that handles ``stop``: see :func:`.errors.matching_handler`."""
    carrier = {"carrier": ACTION_PREFERENCE_STOP} if stop.stopped else {}
    inner = stop.record.error.inner_exceptions if stop.record.error is not None else ()
    index = matching_handler(stop.record.exception_type, [clause.types for clause in clauses], inner=inner, **carrier)
    return None if index is None else clauses[index]


def _negate(value: Any) -> Any:
    if isinstance(value, dt.timedelta):
        return -value  # TimeSpan's op_UnaryNegation
    return binary("-", 0, value)


_UNARY: dict[str, Callable[[Any], Any]] = {
    "-not": lambda v: not is_true(v),
    "!": lambda v: not is_true(v),
    "-": _negate,
    "+": lambda v: binary("+", 0, v),
    ",": lambda v: [v],
    "-split": lambda v: binary("split", v, r"\s+"),
    "-join": lambda v: binary("join", v, ""),
    "-bnot": lambda v: ~int(v),
}

_STATEMENTS: dict[type, Callable[[Runner, Any, Sink], None]] = {
    ast.Pipeline: Runner.exec_pipeline_statement,
    ast.PipelineChain: Runner.exec_pipeline_chain,
    ast.Assignment: Runner.exec_assignment,
    ast.If: Runner.exec_if,
    ast.ForEach: Runner.exec_foreach,
    ast.For: Runner.exec_for,
    ast.While: Runner.exec_while,
    ast.DoLoop: Runner.exec_do,
    ast.Try: Runner.exec_try,
    ast.Trap: Runner.exec_trap,
    ast.Switch: Runner.exec_switch,
    ast.Throw: Runner.exec_throw,
    ast.Return: Runner.exec_return,
    ast.Exit: Runner.exec_exit,
    ast.Break: Runner.exec_break,
    ast.Continue: Runner.exec_continue,
    ast.FunctionDefinition: Runner.exec_function,
    ast.ConfigurationDefinition: Runner.exec_configuration,
}

_EXPRESSIONS: dict[type, Callable[[Runner, Any], Any]] = {
    ast.Constant: Runner.eval_constant,
    ast.ExpandableString: Runner.eval_expandable,
    ast.Variable: Runner.eval_variable,
    ast.Splat: Runner.eval_splat,
    ast.ArrayLiteral: Runner.eval_array_literal,
    ast.ArrayExpression: Runner.eval_array_expression,
    ast.SubExpression: Runner.eval_subexpression,
    ast.Paren: Runner.eval_paren,
    ast.HashLiteral: Runner.eval_hash,
    ast.ScriptBlockExpression: Runner.eval_script_block,
    ast.TypeLiteral: Runner.eval_type,
    ast.Cast: Runner.eval_cast,
    ast.Member: Runner.eval_member,
    ast.InvokeMember: Runner.eval_invoke,
    ast.Index: Runner.eval_index,
    ast.Unary: Runner.eval_unary,
    ast.Binary: Runner.eval_binary,
    ast.Ternary: Runner.eval_ternary,
}


def _statement_handler(statement: ast.Statement) -> Callable[[Runner, Any, Sink], None]:
    """How the runner runs a statement; a kind of statement it does not know is an emulator stop."""
    handler = _STATEMENTS.get(type(statement))
    if handler is None:
        raise EmulatorStop(f"the {type(statement).__name__} statement")
    return handler


def _traps_in(statements: Sequence[ast.Statement]) -> Sequence[ast.Trap]:
    if ast.Trap not in map(type, statements):  # the common case, checked at C speed: a hot path
        return ()
    return [statement for statement in statements if type(statement) is ast.Trap]


def _counting(items: Sequence[Any], count: list[int]) -> Iterator[Any]:
    for item in items:
        count[0] += 1
        yield item


def _engine_clock(engine: Engine) -> Callable[[], dt.datetime]:
    clock = getattr(getattr(engine, "backend", None), "clock", None)
    return clock if callable(clock) else dt.datetime.now


def invoke_line(engine: Engine, text: str, resolve_command: Resolver | None = None) -> list[Any]:
    """Run one command line (or a short script) and return its output objects.

    Raises:
        ParseError: the line does not parse.
        PowerShellError: the first error record written (its ``record.error``), so a binding
            error, a service error or an emulator stop (``NotEmulated``) surfaces as the Python
            exception.
            See about_Parameters and about_Parameter_Sets.
    """
    script = _parsed_line(text)
    resolve_command = resolve_command or functools.partial(resolve_in_module, engine)
    bound = _bound_alone(script, resolve_command)
    if bound is not None:
        try:
            ran = engine.invoke(bound)
        except Exception as failure:  # the runner raises and reports it, as it always has
            engine = Replayed(engine, failure)
        else:
            if not ran.errors:
                surface(ran, warning_action=bound.common.warning_action)
                return list(ran.output)
            engine = Replayed(engine, ran)  # errors: -ErrorAction and their positions are the runner's
    result = Runner(engine, resolve_command=resolve_command).run_parsed(script)
    if result.stop is not None and result.stop.error is not None:
        raise result.stop.error
    surface(result)
    return result.output


def _bound_alone(script: ast.Script, resolve_command: Resolver) -> BoundCommand | None:
    """The usual command line — one cmdlet, its arguments constants, no -XVariable — bound
    as the runner binds it, without starting a runner (whose setup costs more than binding).
    ``None`` for anything else, and for a line that does not bind: the runner then runs it
    and raises its error. What the runner would add is nothing here: no function or builtin
    shadows the name in a new run, and ``-WhatIf`` is only what the line says."""
    node = _lone_command(script)
    if node is None or commands.lookup(node.name_text) is not None or commands.names_a_program(node.name_text):
        return None
    arguments = _constant_arguments(node)
    if arguments is None:
        return None
    try:
        metadata = resolve_command(commands.unqualified(node.name_text))
        bound = bind(metadata, arguments, invocation=script.source.invocation(node.extent, metadata.name))
    except Exception:  # CommandNotFound, a binding error…: the runner's to raise and position
        return None
    common = bound.common
    return None if common.error_variable or common.warning_variable or common.out_variable else bound


def _lone_command(script: ast.Script) -> ast.Command | None:
    block = script.block
    if block.params is not None or block.begin is not None or block.process is not None or script.requires:
        return None
    if len(block.statements) != 1 or type(block.statements[0]) is not ast.Pipeline:
        return None
    elements = block.statements[0].elements
    if len(elements) != 1 or type(elements[0]) is not ast.Command:
        return None
    node = elements[0]
    return None if node.invocation_operator or node.redirections else node


def _constant_arguments(node: ast.Command) -> list[Argument] | None:
    """:meth:`Runner.command_arguments` of a command whose values are all literals or
    ``$true``/``$false``/``$null``; ``None`` if any value needs the runner. Without their
    positions: only a binding error needs them, and the runner binds a line that fails."""
    arguments: list[Argument] = []
    for element in node.elements:
        if isinstance(element, ast.CommandParameter):
            value = NOT_GIVEN if element.argument is None else _constant(element.argument)
            arguments.append(NamedArgument(element.name, value, element.text))
        else:
            value = _constant(element)
            arguments.append(PositionalArgument(value))
        if value is _NOT_CONSTANT:
            return None
    return arguments


_NOT_CONSTANT = object()


def _constant(expression: ast.Node) -> Any:
    if type(expression) is ast.Constant:
        return list(expression.value) if isinstance(expression.value, tuple) else expression.value
    if type(expression) is ast.Variable and not expression.scope:
        return _CONSTANTS.get(expression.name.lower(), _NOT_CONSTANT)
    return _NOT_CONSTANT


@functools.lru_cache(maxsize=16)
def _parsed_line(text: str) -> ast.Script:
    """A command line's syntax tree (immutable, so it is shared): a line run again, as a
    polling loop or a notebook cell does, is parsed once. Few are kept: every tree kept alive
    is more for the cyclic collector to walk, a cost a run of distinct lines would pay."""
    return ast.parse(text, "")


def run_script(
    engine: Engine, path_or_text: str | os.PathLike[str], *, arguments: Sequence[str] = (), **options: Any
) -> RunResult:
    """Run a script file (a path that exists) or script text on ``engine``.

    ``options`` are :class:`Runner`'s (``what_if``, ``answers``, ``resolve_command``…).
    """
    text, name = read_script(path_or_text)
    options.setdefault("script_name", name)
    if name and "base_dir" not in options:
        options["base_dir"] = None
    return Runner(engine, **options).run(text, arguments)


def read_script(path_or_text: str | os.PathLike[str]) -> tuple[str, str]:
    """``(text, script name)``: a path's contents and name, or the text itself with no name."""
    if isinstance(path_or_text, os.PathLike) or (
        "\n" not in str(path_or_text) and str(path_or_text).lower().endswith(".ps1")
    ):
        path = Path(path_or_text)
        return path.read_text(encoding="utf-8-sig"), str(path)
    return str(path_or_text), ""
