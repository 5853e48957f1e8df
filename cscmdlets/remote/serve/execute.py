"""The engine end of ``serve``: run the statements of one received pipeline.

Each command is resolved by name (``find_command``; a few PowerShell built-ins the
passthrough needs), bound with the core binder from the typed parameters the client sent,
and executed with ``Engine.invoke``. Nothing here parses text: the command name and every
value arrive as CLIXML, so a value can never become code.

The executor is sans-IO: it yields, per statement, the records to write, and ``psrp.py``
writes them to the psrpcore pipeline. A statement-terminating error ends the pipeline, as
``PowerShell.Invoke`` does with several statements (PowerShell's ``engine/hostifaces/PowerShell.cs``, ``AddStatement``).
"""

from __future__ import annotations

import fnmatch
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from psrpcore import types as pst

from ...cmdlets.profiles import module_of
from ...powershell.binder import BoundCommand, NamedArgument, PositionalArgument, bind, bind_pipeline_object
from ...powershell.engine import Engine, Result
from ...powershell.errors import ErrorCategory, ErrorRecord, PowerShellError
from ...powershell.metadata import ActionPreference, CommandMetadata
from ...scripts import commands as script_commands
from ...scripts.builtins import Call, VariableNotFound
from ...scripts.sandbox import Sandbox
from ..values import from_ps_object
from . import objects

__all__ = ["Emission", "Executor", "ScriptsNotAllowed", "Variables", "plain"]

FindCommand = Callable[[str], CommandMetadata]


class ScriptsNotAllowed(PowerShellError):
    """Script text sent to an endpoint that runs commands only, as a NoLanguage (JEA)
    runspace answers it: ``Command.CreateCommandProcessor`` in PowerShell's
    ``engine/hostifaces/Command.cs``, text from ``ParserStrings.resx``; see
    https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_language_modes.
    The category must stay ParserError: PowerShell's client detects NoLanguage by it."""

    error_id = "ScriptsNotAllowed"
    category = ErrorCategory.ParserError
    exception_type = "System.Management.Automation.ParseException"
    qualify_id = False
    template = "The syntax is not supported by this runspace. This can occur if the runspace is in no-language mode."


@dataclass(frozen=True)
class Emission:
    """One record for the client: ``stream`` is output, error, warning, verbose,
    information, or ``failed`` (the terminating error that ends the pipeline)."""

    stream: str
    value: Any


class Variables:
    """The variables of one served session (a runspace pool): what its commands set in their
    caller's scope (``-CountVariable``), by name; PowerShell's names ignore case."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, Any]] = {}

    def update(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            self._values[name.lower()] = (name, value)

    def matching(self, pattern: str) -> list[tuple[str, Any]]:
        """The (name, value) pairs ``pattern`` names: one name, or a wildcard pattern."""
        if not any(c in pattern for c in "*?["):
            found = self._values.get(pattern.lower())
            return [] if found is None else [found]
        return [pair for key, pair in sorted(self._values.items()) if fnmatch.fnmatchcase(key, pattern.lower())]


def plain(value: Any) -> Any:
    """A received psrpcore value as the plain Python value the binder expects.

    psrpcore hands out subclasses (``PSString``, ``PSInt``, ``PSGuid``…); the binder's
    messages name ``String``/``Int32`` by exact type, so they are unwrapped here.
    """
    for python_type in (bool, str, int, float):
        if isinstance(value, python_type):
            return python_type(value)
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=value.int)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, pst.PSObject) and not isinstance(value, pst.PSSecureString):
        return from_ps_object(value.PSObject.type_names, _properties(value))
    return value


def _properties(obj: pst.PSObject) -> dict[str, Any]:
    props = {p.name: plain(p.get_value(obj)) for p in obj.PSObject.adapted_properties}
    props.update({p.name: plain(p.get_value(obj)) for p in obj.PSObject.extended_properties})
    return props


def _arguments(command: Any) -> list[NamedArgument | PositionalArgument]:
    """The command's CommandParameters in order: ``N=None`` is a positional argument."""
    arguments: list[NamedArgument | PositionalArgument] = []
    for name, value in command.parameters:
        if name is None:
            arguments.append(PositionalArgument(plain(value)))
        else:
            arguments.append(NamedArgument(str(name).lstrip("-"), plain(value)))
    return arguments


def _is_merged(flag: Any) -> bool:
    return bool(flag == pst.PipelineResultTypes.Output)


class Executor:
    """Runs received pipelines on an engine, one statement at a time.

    Args:
        engine: the engine commands run on (``tenant.engine`` when serving a tenant).
        find_command: resolves a command name; raises ``CommandNotFound``.
        lock: serialises engine calls across shells (stores need not be thread-safe).
        allow_scripts: run script text with the emulator's runner; otherwise script text is
            refused as a NoLanguage endpoint refuses it (:class:`ScriptsNotAllowed`).
        sandbox: the files and environment variables those scripts may use (default: none).
    """

    def __init__(
        self,
        engine: Engine,
        find_command: FindCommand,
        *,
        lock: threading.Lock | None = None,
        allow_scripts: bool = False,
        sandbox: Sandbox | None = None,
    ) -> None:
        self.engine = engine
        self.find_command = find_command
        self.lock = lock or threading.Lock()
        self.allow_scripts = allow_scripts
        self.sandbox = sandbox or Sandbox()

    def run(
        self,
        commands: Sequence[Any],
        is_stopping: Callable[[], bool],
        input_objects: list[Any] | None = None,
        variables: Variables | None = None,
    ) -> Iterator[list[Emission]]:
        """Yield the records of each statement; stop after a terminating error or a stop.

        ``input_objects`` (the client's pipeline input, ``None`` when it sent none) feed the
        first statement's first command, as ``PowerShell.Invoke(input)`` does. ``variables``
        are the session's (its runspace pool's): what its commands set, what Get-Variable reads.
        """
        session = Variables() if variables is None else variables
        for index, statement in enumerate(split_statements(commands)):
            if is_stopping():
                return
            emissions = self.run_statement(statement, input_objects if index == 0 else None, session)
            yield emissions
            if emissions and emissions[-1].stream == "failed":
                return

    def run_statement(
        self, statement: Sequence[Any], input_objects: list[Any] | None = None, variables: Variables | None = None
    ) -> list[Emission]:
        """One statement: its commands piped one into the next (``Get-X | Set-X``); the
        last command's output is the statement's. A terminating error ends it Failed."""
        marker = _marker(statement) if input_objects is None else None
        if marker is not None:  # the passthrough's statement end: the commonest statement of all
            return [Emission("output", marker)]
        emissions: list[Emission] = []
        data = input_objects
        session = Variables() if variables is None else variables
        try:
            for position, command in enumerate(statement):
                result, error_action = self._invoke(command, data, session)
                step = _emissions(result, command, error_action)
                is_last = position == len(statement) - 1
                emissions += step if is_last else [e for e in step if e.stream != "output"]
                if step and step[-1].stream == "failed":
                    break
                data = list(result.output)
        except PowerShellError as error:
            emissions.append(Emission("failed", objects.error_record(error.error_record)))
        return emissions

    def _invoke(
        self, command: Any, data: list[Any] | None, variables: Variables
    ) -> tuple[Result, ActionPreference | None]:
        script = _script_text(command)
        if script is not None:
            if not self.allow_scripts:
                raise ScriptsNotAllowed(target_object=script)
            return self._run_script(script), None
        name = str(command.command_text)
        session_builtin = SESSION_BUILTINS.get(name.lower())
        if session_builtin is not None:
            return session_builtin(command, variables)
        builtin = BUILTINS.get(name.lower())
        if builtin is not None:
            return builtin([plain(v) for _, v in command.parameters], data), None
        filters = PIPELINE_FILTERS.get(name.lower())
        if filters is not None:
            return _run_filter(filters, command, data)
        metadata = self.resolve(name)
        bound = bind(
            metadata, _arguments(command), invocation=metadata.invocation, expect_pipeline_input=data is not None
        )
        with self.lock:
            result = _invoke_per_input(self.engine, bound, data)
        variables.update(result.variables)
        return result, bound.common.error_action

    def resolve(self, name: str) -> CommandMetadata:
        """A received command name, as the engine's module has it: a command the module lacks
        is not found (nor listed by a script's Get-Command), a parameter it lacks not bound.

        Raises:
            CommandNotFound: in that module's host wording.
        """
        module = module_of(self.engine)
        return self.find_command(name) if module is None else module.find_command(name)

    def _run_script(self, text: str) -> Result:
        """Script text (``Invoke-Command -ScriptBlock``, ``Enter-PSSession``), run by the
        emulator's own script runner: only its PowerShell subset, never a real shell.
        Its parameters are not bound (no ``param()`` arguments)."""
        from ...scripts.runner import Runner

        with self.lock:
            run = Runner(self.engine, resolve_command=self.resolve, platform=self.sandbox.platform()).run(text)
        result = Result()
        result.output.extend(run.output)
        result.errors.extend(run.errors)
        result.warnings.extend(run.warnings)
        result.verbose.extend(run.verbose)
        result.host.extend(run.host)
        return result


def _script_text(command: Any) -> str | None:
    """The script a command carries: script text (``add_script``), or the ``-Command`` of
    ``Invoke-Expression``, which pypsrp's ``Client.execute_ps`` sends. Either is code, so
    either is refused, or run in the sandbox, by the same rule."""
    if getattr(command, "is_script", False):
        return str(command.command_text)
    if str(command.command_text).lower() not in ("invoke-expression", "iex"):
        return None
    values = [plain(value) for name, value in command.parameters if name is None or str(name).lower() == "command"]
    return " ".join(str(v) for v in values)


def _marker(statement: Sequence[Any]) -> str | None:
    """``Write-Output -InputObject <string>`` alone: its output is the string itself."""
    if len(statement) != 1 or len(statement[0].parameters) != 1:
        return None
    command = statement[0]
    name, value = command.parameters[0]
    if str(command.command_text).lower() != "write-output" or type(value) is not str:
        return None
    return value if name is None or str(name).lower() == "inputobject" else None


def split_statements(commands: Sequence[Any]) -> list[list[Any]]:
    """Split a flat command list on ``end_of_statement`` (set by ``add_statement()``)."""
    statements: list[list[Any]] = [[]]
    for command in commands:
        statements[-1].append(command)
        if command.end_of_statement:
            statements.append([])
    return [s for s in statements if s]


def _invoke_per_input(engine: Engine, bound: BoundCommand, data: list[Any] | None) -> Result:
    """Run the command once, or once per input object bound by property name; an object
    that binds nothing is the non-terminating ``InputObjectNotBound`` (about_Pipelines,
    https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_pipelines)."""
    if data is None:
        return engine.invoke(bound)
    result = Result()
    for item in data:
        try:
            command = bind_pipeline_object(bound, item)
        except PowerShellError as error:
            result.errors.append(error.error_record)
            continue
        result.extend(engine.invoke(command))
    return result


def _run_filter(builtin: Any, command: Any, data: list[Any] | None) -> tuple[Result, ActionPreference | None]:
    """Select-Object/Sort-Object/Measure-Object on typed input: the script runner's own
    implementations, which only read the input objects and the bound values."""
    arguments = _arguments(command)
    bound = bind(builtin.metadata, arguments, expect_pipeline_input=data is not None)
    result = Result()
    result.output.extend(builtin.handler(Call(cast(Any, None), bound, list(arguments), data, cast(Any, None))))
    return result, bound.common.error_action


_SILENT = (ActionPreference.SilentlyContinue, ActionPreference.Ignore)


def _emissions(result: Result, command: Any, error_action: ActionPreference | None = None) -> list[Emission]:
    """Result streams as records, honouring the command's merge flags (``2>&1`` etc.) and
    ``-ErrorAction``: SilentlyContinue/Ignore write no error; Stop turns the first error into
    the terminating one that fails the pipeline, after the output so far (about_CommonParameters,
    https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_commonparameters)."""
    source = str(command.command_text)
    errors = [] if error_action in _SILENT else result.errors
    out = [Emission("output", objects.to_wire(item)) for item in result.output]
    out += [_informational("warning", pst.WarningRecord, text, command.merge_warning) for text in result.warnings]
    out += [_informational("verbose", pst.VerboseRecord, text, command.merge_verbose) for text in result.verbose]
    out += [_host_line(text, source, command) for text in result.host]
    if errors and error_action == ActionPreference.Stop:
        return [*out, Emission("failed", objects.error_record(errors[0]))]
    return out + [_error(record, command) for record in errors]


def _error(record: ErrorRecord, command: Any) -> Emission:
    wire = objects.error_record(record)
    return Emission("output" if _is_merged(command.merge_error) else "error", wire)


def _informational(stream: str, record_type: Any, text: str, merge: Any) -> Emission:
    if _is_merged(merge):
        return Emission("output", record_type(Message=text))
    return Emission(stream, text)


def _host_line(text: str, source: str, command: Any) -> Emission:
    record = objects.information_record(text, source)
    return Emission("output" if _is_merged(command.merge_information) else "information", record)


# --- built-ins: the few core cmdlets the passthrough itself sends -----------------------------


class ModuleNotFound(PowerShellError):
    error_id = "Modules_ModuleNotFound"
    category = ErrorCategory.ResourceUnavailable
    exception_type = "System.IO.FileNotFoundException"
    template = (
        "The specified module '{0}' was not loaded because no valid module file was found in any module directory."
    )


def _write_output(values: list[Any], data: list[Any] | None = None) -> Result:
    """Write-Output -InputObject x (the passthrough's batch separator), or its input."""
    result = Result()
    for value in values:
        result.output.extend(value if isinstance(value, list) else [value])
    result.output.extend(data or [])
    return result


def _import_module(values: list[Any], data: list[Any] | None = None) -> Result:
    """Import-Module MicrosoftTeams: already "loaded" here, so a real host's setup runs as is."""
    for name in values:
        if str(name).lower() not in {"microsoftteams", "skypeonlineconnector"}:
            error = ModuleNotFound(str(name), target_object=str(name))
            raise error.for_command("Import-Module", "Microsoft.PowerShell.Commands.ImportModuleCommand")
    return Result()


def _get_variable(command: Any, variables: Variables) -> tuple[Result, ActionPreference | None]:
    """Get-Variable [-Name] <names> [-ValueOnly] over the session's variables: the value, or a
    PSVariable's Name and Value. A name without wildcards that no variable has is the
    non-terminating VariableNotFound (GetVariableCommand in PowerShell's
    ``src/Microsoft.PowerShell.Commands.Utility/commands/utility/Var.cs``); -ErrorAction decides."""
    bound = bind(script_commands.BUILTINS["get-variable"].metadata, _arguments(command))
    value_only = bool(bound.values.get("ValueOnly", False))
    result = Result()
    for pattern in _as_names(bound.values.get("Name", ["*"])):
        found = variables.matching(pattern)
        if not found and not any(c in pattern for c in "*?["):
            error = VariableNotFound(pattern, target_object=pattern)
            result.errors.append(error.for_command("Get-Variable", _GET_VARIABLE_TYPE).error_record)
        for name, value in found:
            result.output.append(value if value_only else objects.variable_object(name, value))
    return result, bound.common.error_action


_GET_VARIABLE_TYPE = "Microsoft.PowerShell.Commands.GetVariableCommand"

#: Built-ins that read the session's state (its variables).
SESSION_BUILTINS: dict[str, Callable[[Any, Variables], tuple[Result, ActionPreference | None]]] = {
    "get-variable": _get_variable,
    "gv": _get_variable,
}


def _as_names(value: Any) -> list[str]:
    return [str(name) for name in (value if isinstance(value, list | tuple) else [value])]


BUILTINS: dict[str, Callable[[list[Any], list[Any] | None], Result]] = {
    "write-output": _write_output,
    "import-module": _import_module,
}

#: The data-only commands a typed pipeline may end in (``Get-X | Select-Object Identity``).
PIPELINE_FILTERS = {
    name: script_commands.BUILTINS[name]
    for name in ("select-object", "sort-object", "measure-object", "out-string", "out-null")
}
