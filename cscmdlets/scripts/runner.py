"""Run admin scripts (.ps1) against an engine (issue 4; spec/powershell.md §A1-§A5).

The runner walks the AST of :mod:`cscmdlets.powershell.parser`. Commands are bound with the
same binder as every other door (``binder.bind`` with positions, ``bind_pipeline_object`` for
``Get-… | Set-…``) and executed with ``engine.invoke``. The script-language commands
(``ForEach-Object``, ``Import-Csv``, ``Write-Host``…) live in :mod:`.builtins`, each with its
own CommandMetadata, so they bind by PowerShell's rules too.

Errors follow about_Error_Handling (§A4): non-terminating errors are written and
``-ErrorAction``/``$ErrorActionPreference`` decide what follows; statement-terminating errors
(binding, a method failing) end the statement and the script goes on; ``throw``, ``-ErrorAction
Stop`` and anything the emulator refuses to run (Invoke-Expression, unknown commands or .NET
calls) end the script. ``try``/``catch`` sees them all. A script never runs code it does not
understand, and never ends in a Python traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..powershell import parser as ast
from ..powershell.binder import (
    BoundCommand,
    CommonParameters,
    NamedArgument,
    PositionalArgument,
    bind,
    bind_pipeline_object,
)
from ..powershell.engine import Engine, Result, surface
from ..powershell.errors import (
    CommandNotFound,
    ErrorRecord,
    InvocationInfo,
    PowerShellError,
)
from ..powershell.metadata import NOT_GIVEN, ActionPreference, CommandMetadata
from . import builtins as bi
from .errors import NotSupported, RuntimeFailure, Thrown
from .members import call_method, call_static, get_member, get_static, replaced_member, set_member
from .values import (
    Hashtable,
    PSObject,
    ScriptBlockValue,
    as_list,
    binary,
    convert_to,
    is_true,
    last_matches,
    to_string,
)

__all__ = ["RunResult", "Runner", "invoke_line", "run_script"]

Resolver = Callable[[str], CommandMetadata]
Argument = NamedArgument | PositionalArgument


@dataclass
class RunResult:
    """What a script wrote, stream by stream, and ``events`` in the order it wrote them.

    ``errors`` holds the error records shown (``Continue``); ``error_variable`` is ``$Error``
    (newest first). ``exit_code`` is ``exit N`` if the script said so, else 1 after an error.
    """

    output: list[Any] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)
    plan: list[Any] = field(default_factory=list)
    events: list[tuple[str, Any]] = field(default_factory=list)
    error_variable: list[ErrorRecord] = field(default_factory=list)
    exit_code: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.exit_code

    @property
    def status(self) -> int:
        """The process exit status: ``exit N``, else 0 when no error record was written."""
        return self.exit_code if self.exit_code is not None else (1 if self.errors else 0)


@functools.cache
def _home() -> str:
    """$HOME, looked up once: a Runner is made for every `tenant.invoke` line."""
    return str(Path.home())


# --- control flow -----------------------------------------------------------------------------------


class _Terminating(Exception):
    """A terminating error on its way up; ``script`` when it ends the script (§A4)."""

    def __init__(self, record: ErrorRecord, *, script: bool) -> None:
        super().__init__(record.message)
        self.record = record
        self.script = script


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, values: list[Any]) -> None:
        super().__init__()
        self.values = values


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code


_SCRIPT_TERMINATING = (Thrown, NotSupported, CommandNotFound)
_CONSTANTS = {"true": True, "false": False, "null": None}
_ALIASES = {
    "%": "foreach-object",
    "foreach": "foreach-object",
    "?": "where-object",
    "where": "where-object",
    "select": "select-object",
    "sort": "sort-object",
    "measure": "measure-object",
    "group": "group-object",
    "ft": "format-table",
    "fl": "format-list",
    "echo": "write-output",
    "write": "write-output",
    "gc": "get-content",
    "cat": "get-content",
    "type": "get-content",
    "sc": "set-content",
    "ac": "add-content",
    "ipmo": "import-module",
    "sleep": "start-sleep",
    "iex": "invoke-expression",
    "cls": "clear-host",
    "ipcsv": "import-csv",
    "epcsv": "export-csv",
    "gm": "get-member",
    "icm": "invoke-command",
    "start": "start-process",
    "saps": "start-process",
    "iwr": "invoke-webrequest",
    "irm": "invoke-restmethod",
    "curl": "invoke-webrequest",
    "wget": "invoke-webrequest",
    "tee": "tee-object",
    "oh": "out-host",
}


@dataclass
class _Function:
    name: str
    block: ast.ScriptBlock
    metadata: CommandMetadata


class Runner:
    """Runs scripts on one engine. One Runner keeps its variables and functions across runs.

    Args:
        engine: where the cmdlets run (``tenant.engine``, a RemoteEngine, a test double).
        resolve_command: the cmdlet metadata by name (default: ``cscmdlets.cmdlets.find_command``).
        script_name: the file name error positions show.
        what_if: apply ``-WhatIf`` to every command that supports it (``cscmdlets run --what-if``).
        answers: what ``Read-Host`` reads, in order; without answers it fails as a
            non-interactive host does.
        clock: ``Get-Date``'s time (default: the tenant's clock if the engine has one).
        base_dir: where relative file paths resolve (default: the current directory).
        progress: called as ``progress(done, total)`` after each top-level statement.

    See spec/powershell.md §A4 (errors), §A5 (pipeline input) and issue 4 (the subset).
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
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.engine = engine
        self.resolve_command = resolve_command or _default_resolver
        self.script_name = script_name
        self.what_if = what_if
        self.answers = list(answers or [])
        self.clock = clock or _engine_clock(engine)
        self.base_dir = Path(base_dir) if base_dir is not None else None
        self.progress = progress
        self.functions: dict[str, _Function] = {}
        self.scopes: list[dict[str, Any]] = [self._automatic_variables()]
        self.environment: dict[str, str] = {}
        self.source = ast.Source("", script_name)
        self.result = RunResult()
        self.last_ok = True
        self.try_depth = 0
        self.at: ast.Node | None = None

    # --- entry points -------------------------------------------------------------------------

    def run(self, text: str, arguments: Sequence[str] = ()) -> RunResult:
        """Parse and run a script; ``arguments`` are the script's own (``-CsvPath x.csv``).

        Raises:
            ParseError: the script does not parse (nothing has run).
        """
        script = ast.parse(text, self.script_name)
        return self.run_parsed(script, arguments)

    def run_parsed(self, script: ast.Script, arguments: Sequence[str] = ()) -> RunResult:
        self.source = script.source
        self.result = RunResult()
        self.result.error_variable = self.scopes[0]["error"]
        try:
            self._bind_script_parameters(script, arguments)
            self._run_top_level(script.statements)
        except _Terminating as stop:
            self._show_error(stop.record)
        except _Exit as leave:
            self.result.exit_code = leave.code
        except (_Break, _Continue):
            pass  # break/continue outside a loop ends the script, as in PowerShell
        except _Return as returned:
            self._emit_output(returned.values)
        return self.result

    def _run_top_level(self, statements: Sequence[ast.Statement]) -> None:
        total = len(statements)
        for done, statement in enumerate(statements, start=1):
            output: list[Any] = []
            try:
                self.exec_statements((statement,), output)
            finally:
                self._emit_output(output)
            if self.progress is not None:
                self.progress(done, total)

    def _emit_output(self, values: list[Any]) -> None:
        self.result.output.extend(values)
        self.result.events.extend(("output", value) for value in values)

    # --- variables -----------------------------------------------------------------------------

    def _automatic_variables(self) -> dict[str, Any]:
        return {
            "error": [],
            "erroractionpreference": "Continue",
            "warningpreference": "Continue",
            "verbosepreference": "SilentlyContinue",
            "whatifpreference": False,
            "confirmpreference": "High",
            "informationpreference": "SilentlyContinue",
            "debugpreference": "SilentlyContinue",
            "?": True,
            "psversiontable": PSObject([("PSVersion", "7.4.0"), ("PSEdition", "Core")]),
            "pscommandpath": self.script_name,
            "psscriptroot": str(Path(self.script_name).parent) if self.script_name else "",
            "home": _home(),
            "pid": os.getpid(),
            "ofs": " ",
            "host": PSObject([("Name", "cscmdlets"), ("Version", "7.4.0")]),
        }

    def get_variable(self, name: str, scope: str = "") -> Any:
        lowered = name.lower()
        if lowered in _CONSTANTS and not scope:
            return _CONSTANTS[lowered]
        if scope == "env":
            return self._environment_variable(name)
        if lowered == "?":
            return self.last_ok
        if lowered == "matches":
            return last_matches()
        scopes = self.scopes[:1] if scope in ("script", "global") else reversed(self.scopes)
        for table in scopes:
            if lowered in table:
                return table[lowered]
        return None

    def _environment_variable(self, name: str) -> Any:
        if name.lower() in self.environment:
            return self.environment[name.lower()]
        for key, value in os.environ.items():
            if key.lower() == name.lower():
                return value
        return None

    def set_variable(self, name: str, value: Any, scope: str = "") -> None:
        lowered = name.lower()
        if scope == "env":
            self.environment[lowered] = to_string(value)
            return
        if lowered in _CONSTANTS or lowered == "?":
            raise RuntimeFailure(
                "VariableNotWritable", f"Cannot overwrite variable {name} because it is read-only or constant."
            )
        table = self.scopes[0] if scope in ("script", "global") else self.scopes[-1]
        table[lowered] = value

    @contextmanager
    def scope(self, variables: Mapping[str, Any] | None = None) -> Iterator[None]:
        self.scopes.append({k.lower(): v for k, v in (variables or {}).items()})
        try:
            yield
        finally:
            self.scopes.pop()

    @contextmanager
    def dollar_under(self, value: Any) -> Iterator[None]:
        """``$_``/``$PSItem`` in the current scope, restored afterwards (ForEach-Object, catch)."""
        table = self.scopes[-1]
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

    def exec_statements(self, statements: Sequence[ast.Statement], out: list[Any]) -> None:
        for statement in statements:
            self.at = statement
            try:
                _STATEMENTS[type(statement)](self, statement, out)
            except PowerShellError as error:
                self._statement_failed(self.terminating(error), out)
            except _Terminating as stop:
                self._statement_failed(stop, out)
            except _PYTHON_FAILURES as failure:  # a value the subset cannot handle: an error, never a traceback
                self._statement_failed(self.terminating(_runtime_failure(failure)), out)

    def _statement_failed(self, stop: _Terminating, out: list[Any]) -> None:
        """A terminating error reached a statement: it ends the script, or only the statement."""
        self.last_ok = False
        if stop.script or self.try_depth:
            raise stop
        if self.preference("ErrorActionPreference") == ActionPreference.Stop:
            raise _Terminating(stop.record, script=True)
        self.write_error(stop.record, self.preference("ErrorActionPreference"))

    def terminating(self, error: PowerShellError) -> _Terminating:
        """A raised PowerShellError as a terminating error positioned in the script."""
        record = self._positioned(error)
        return _Terminating(record, script=isinstance(error, _SCRIPT_TERMINATING))

    def _positioned(self, error: PowerShellError) -> ErrorRecord:
        if not error.invocation.has_position and self.at is not None:
            error.at(self.source.invocation(self.at.extent, error.invocation.command_name or error.command_name))
        return error.error_record

    def exec_pipeline_statement(self, node: ast.Pipeline, out: list[Any]) -> None:
        first = node.elements[0]
        if len(node.elements) == 1 and isinstance(first, ast.CommandExpression) and _is_increment(first.expression):
            self.eval(first.expression)  # `$i++` as a statement writes nothing
            return
        out.extend(self.run_pipeline(node))

    def run_pipeline(self, node: ast.Pipeline) -> list[Any]:
        data: list[Any] | None = None
        for element in node.elements:
            if isinstance(element, ast.CommandExpression):
                data = self._expression_output(element.expression)
                self.last_ok = True
            else:
                data = self.invoke_command(element, data)
            redirections = element.redirections
            if redirections:
                data = bi.redirect(self, redirections, data)
        return data or []

    def _expression_output(self, expression: ast.Expression) -> list[Any]:
        value = self.eval(expression)
        if isinstance(value, list | tuple):
            return list(value)
        return [] if value is None else [value]

    def statement_value(self, statement: ast.Statement) -> Any:
        """The value of the right-hand side of ``=`` (a pipeline's output, unrolled as PowerShell does)."""
        if (
            isinstance(statement, ast.Pipeline)
            and len(statement.elements) == 1
            and isinstance(statement.elements[0], ast.CommandExpression)
            and not statement.elements[0].redirections
        ):
            return self.eval(statement.elements[0].expression)
        output: list[Any] = []
        self.at = statement
        _STATEMENTS[type(statement)](self, statement, output)
        return _collapse(output)

    def exec_assignment(self, node: ast.Assignment, out: list[Any]) -> None:
        value = self.statement_value(node.value)
        if node.op != "=":
            value = binary(node.op[0], self.eval(node.target), value)
        self.assign(node.target, value)

    def assign(self, target: ast.Expression, value: Any) -> None:
        if isinstance(target, ast.Cast):
            value = convert_to(value, target.type_name)
            target = target.operand
        if isinstance(target, ast.Variable):
            self.set_variable(target.name, value, target.scope)
        elif isinstance(target, ast.Member):
            owner, name = self.eval(target.target), self._member_name(target.member)
            holder = target.target if isinstance(target.target, ast.Variable) else None
            copy = replaced_member(owner, name, value) if holder is not None else None
            if holder is not None and copy is not None:
                self.set_variable(holder.name, copy, holder.scope)
            else:
                set_member(owner, name, value)
        elif isinstance(target, ast.Index):
            self._assign_index(self.eval(target.target), self.eval(target.index), value)

    def _assign_index(self, container: Any, index: Any, value: Any) -> None:
        if isinstance(container, Hashtable):
            container[index] = value
        elif isinstance(container, list):
            try:
                container[int(index)] = value
            except (IndexError, ValueError, TypeError):
                raise RuntimeFailure("IndexOutOfRange", "Index was outside the bounds of the array.") from None
        else:
            raise RuntimeFailure("NullArray", "Cannot index into a null array.")

    def exec_if(self, node: ast.If, out: list[Any]) -> None:
        for condition, body in node.clauses:
            if is_true(self.statement_value(condition)):
                self.exec_statements(body, out)
                return
        if node.else_body is not None:
            self.exec_statements(node.else_body, out)

    def _loop_body(self, body: Sequence[ast.Statement], out: list[Any]) -> bool:
        """Run one iteration; ``False`` after ``break``."""
        try:
            self.exec_statements(body, out)
        except _Break:
            return False
        except _Continue:
            pass
        return True

    def exec_foreach(self, node: ast.ForEach, out: list[Any]) -> None:
        for item in as_list(self.statement_value(node.iterable)):
            self.set_variable(node.variable.name, item, node.variable.scope)
            if not self._loop_body(node.body, out):
                break

    def exec_for(self, node: ast.For, out: list[Any]) -> None:
        if node.initializer is not None:
            self.exec_statements((node.initializer,), [])
        while node.condition is None or is_true(self.statement_value(node.condition)):
            if not self._loop_body(node.body, out):
                break
            if node.iterator is not None:
                self.exec_statements((node.iterator,), [])

    def exec_while(self, node: ast.While, out: list[Any]) -> None:
        while is_true(self.statement_value(node.condition)):
            if not self._loop_body(node.body, out):
                break

    def exec_do(self, node: ast.DoLoop, out: list[Any]) -> None:
        while True:
            if not self._loop_body(node.body, out):
                break
            if is_true(self.statement_value(node.condition)) == node.until:
                break

    def exec_try(self, node: ast.Try, out: list[Any]) -> None:
        try:
            self.try_depth += 1
            try:
                self.exec_statements(node.body, out)
            finally:
                self.try_depth -= 1
        except _Terminating as stop:
            self._catch(node, stop, out)
        finally:
            if node.finally_body is not None:
                self.exec_statements(node.finally_body, out)

    def _catch(self, node: ast.Try, stop: _Terminating, out: list[Any]) -> None:
        clause = next((c for c in node.catches if _catches(c, stop.record)), None)
        if clause is None:
            raise stop
        self._remember_error(stop.record)
        with self.dollar_under(stop.record):
            self.exec_statements(clause.body, out)

    def exec_switch(self, node: ast.Switch, out: list[Any]) -> None:
        """Each value runs every clause that matches it; ``default`` when none did (about_Switch)."""
        for item in as_list(self.statement_value(node.value)):
            try:
                self._switch_one(node, item, out)
            except _Continue:
                continue
            except _Break:
                break

    def _switch_one(self, node: ast.Switch, item: Any, out: list[Any]) -> None:
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
                return is_true(_collapse(self.run_in_scope(self.eval_script_block(condition), item)))
        wanted = self.eval(condition)
        op = {"regex": "match", "wildcard": "like"}.get(node.mode, "eq")
        return is_true(binary(("c" + op) if node.case_sensitive else op, item, wanted))

    def exec_throw(self, node: ast.Throw, out: list[Any]) -> None:
        value = self.statement_value(node.value) if node.value is not None else None
        if isinstance(value, ErrorRecord):
            raise _Terminating(value, script=True)
        message = to_string(value) if value is not None else "ScriptHalted"
        error = Thrown(message, target_object=value)
        raise _Terminating(self._positioned(error), script=True)

    def exec_return(self, node: ast.Return, out: list[Any]) -> None:
        if node.value is not None:
            self.exec_statements((node.value,), out)
        raise _Return(list(out))

    def exec_exit(self, node: ast.Exit, out: list[Any]) -> None:
        code = self.statement_value(node.value) if node.value is not None else 0
        raise _Exit(int(code) if isinstance(code, int | float) else 0)

    def exec_break(self, node: ast.Break, out: list[Any]) -> None:
        raise _Break()

    def exec_continue(self, node: ast.Continue, out: list[Any]) -> None:
        raise _Continue()

    def exec_function(self, node: ast.FunctionDefinition, out: list[Any]) -> None:
        self.functions[node.name.lower()] = _Function(node.name, node.body, bi.function_metadata(node))

    # --- errors and streams ---------------------------------------------------------------------

    def write_error(self, record: ErrorRecord, action: ActionPreference | None = None) -> None:
        """Write a non-terminating error as ``action`` (else ``$ErrorActionPreference``) says."""
        action = self.preference("ErrorActionPreference") if action is None else action
        self.last_ok = False
        if action == ActionPreference.Stop:
            raise _Terminating(record, script=True)
        if action != ActionPreference.Ignore:
            self._remember_error(record)
        if action not in (ActionPreference.SilentlyContinue, ActionPreference.Ignore):
            self._show_error(record)

    def _remember_error(self, record: ErrorRecord) -> None:
        errors = self.scopes[0]["error"]
        if not errors or errors[0] is not record:
            errors.insert(0, record)

    def _show_error(self, record: ErrorRecord) -> None:
        self.result.errors.append(record)
        self.result.events.append(("error", record))
        if not self.scopes[0]["error"] or self.scopes[0]["error"][0] is not record:
            self._remember_error(record)

    def write_host(self, line: str) -> None:
        self.result.host.append(line)
        self.result.events.append(("host", line))

    def write_warning(self, text: str, action: ActionPreference | None = None) -> None:
        action = self.preference("WarningPreference") if action is None else action
        if action in (ActionPreference.SilentlyContinue, ActionPreference.Ignore):
            return
        self.result.warnings.append(text)
        self.result.events.append(("warning", text))

    def write_verbose(self, text: str, forced: bool = False) -> None:
        if forced or self.preference("VerbosePreference") == ActionPreference.Continue:
            self.result.verbose.append(text)
            self.result.events.append(("verbose", text))

    # --- commands --------------------------------------------------------------------------------

    def invoke_command(self, node: ast.Command, data: list[Any] | None) -> list[Any]:
        self.at = node
        name = self._command_name(node)
        if isinstance(name, ScriptBlockValue):
            return self.call_block(
                name, [self.argument_value(e) for e in node.elements if not isinstance(e, ast.CommandParameter)], data
            )
        lowered = _ALIASES.get(name.lower(), name.lower())
        function = self.functions.get(lowered)
        if function is not None:
            return self.call_function(function, node, data)
        builtin = bi.BUILTINS.get(lowered)
        if builtin is not None:
            return self._call_builtin(builtin, node, data)
        if bi.is_refused(lowered, name):
            raise NotSupported(bi.refusal(name)).at(self.source.invocation(node.name.extent, name))
        metadata = self.resolve_command(name)
        return self.call_cmdlet(metadata, node, data)

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
                value = NOT_GIVEN if element.argument is None else self.argument_value(element.argument)
                arguments.append(NamedArgument(element.name, value, element.text, where))
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
        data: list[Any] | None,
        arguments: list[Argument] | None = None,
    ) -> BoundCommand:
        invocation = self.source.invocation(node.extent, metadata.name)
        arguments = self.command_arguments(node) if arguments is None else arguments
        return bind(metadata, arguments, invocation=invocation, expect_pipeline_input=data is not None)

    def call_cmdlet(self, metadata: CommandMetadata, node: ast.Command, data: list[Any] | None) -> list[Any]:
        """Bind and run a cmdlet, once, or once per pipeline input object (§A5)."""
        bound = self._with_what_if(self._bind(metadata, node, data))
        if data is None:
            return self._absorb(self.engine.invoke(bound), bound.common, node)
        output: list[Any] = []
        for item in data:
            try:
                command = bind_pipeline_object(bound, item)
            except PowerShellError as error:
                self.write_error(self._positioned_at(error, node), bound.common.error_action)
                continue
            output.extend(self._absorb(self.engine.invoke(command), bound.common, node))
        return output

    def _with_what_if(self, bound: BoundCommand) -> BoundCommand:
        wanted = self.what_if or is_true(self.get_variable("WhatIfPreference"))
        if not (wanted and bound.metadata.supports_should_process and bound.common.what_if is None):
            return bound
        return bound._replace(common=replace(bound.common, what_if=True))

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
        self.result.plan.extend(result.plan)
        self.result.events.extend(("plan", entry) for entry in result.plan)
        self.last_ok = not result.errors
        errors = [self._record_at(record, node) for record in result.errors]
        self._common_variables(common, result.output, errors)
        for record in errors:
            self.write_error(record, common.error_action)
        return list(result.output)

    def _record_at(self, record: ErrorRecord, node: ast.Command) -> ErrorRecord:
        if record.invocation.has_position:
            return record
        invocation = self.source.invocation(node.extent, record.invocation.command_name)
        if record.error is not None and not record.error.invocation.has_position:
            record.error.at(invocation)
        return replace(record, invocation=invocation)

    def _common_variables(self, common: CommonParameters, output: list[Any], errors: list[ErrorRecord]) -> None:
        for name, values in ((common.error_variable, errors), (common.out_variable, output)):
            if not name:
                continue
            if name.startswith("+"):
                self.set_variable(name[1:], [*as_list(self.get_variable(name[1:])), *values])
            else:
                self.set_variable(name, list(values))

    def _call_builtin(self, builtin: bi.Builtin, node: ast.Command, data: list[Any] | None) -> list[Any]:
        arguments = self.command_arguments(node)
        if builtin.lenient:
            return builtin.handler(bi.Call(self, None, arguments, data, node))
        if builtin.remaining:
            arguments = bi.gather_remaining(arguments)
        bound = self._bind(builtin.metadata, node, data, arguments)
        output = builtin.handler(bi.Call(self, bound, arguments, data, node))
        self._common_variables(bound.common, output, [])
        return output

    def call_function(self, function: _Function, node: ast.Command, data: list[Any] | None) -> list[Any]:
        arguments = self.command_arguments(node)
        if not function.block.params:
            values: dict[str, Any] = {}
            extra = [a.value for a in arguments if isinstance(a, PositionalArgument)]
        else:
            bound = self._bind(function.metadata, node, None if function.block.process is None else data, arguments)
            values, extra = dict(bound.values), []
        return self._run_function(function, values, extra, data)

    def _run_function(
        self, function: _Function, values: dict[str, Any], extra: list[Any], data: list[Any] | None
    ) -> list[Any]:
        out: list[Any] = []
        block = function.block
        variables = {"args": extra, "input": list(data or []), "psboundparameters": Hashtable(values.items())}
        with self.scope(variables):
            self._declare_parameters(block, values)
            try:
                self._run_named_blocks(block, data, out)
            except _Return as returned:
                return returned.values
        return out

    def _declare_parameters(self, block: ast.ScriptBlock, values: Mapping[str, Any]) -> None:
        for decl in block.params.parameters if block.params else ():
            if decl.name in values:
                value = values[decl.name]
            elif decl.default is not None:
                value = self.eval(decl.default)
            else:
                value = False if decl.type_name.lower() == "switch" else None
            self.set_variable(decl.name, value)

    def _run_named_blocks(self, block: ast.ScriptBlock, data: list[Any] | None, out: list[Any]) -> None:
        if block.begin:
            self.exec_statements(block.begin, out)
        if block.process is not None:
            for item in data if data is not None else [None]:
                with self.dollar_under(item):
                    self._bind_pipeline_parameter(block, item)
                    self.exec_statements(block.process, out)
        self.exec_statements(block.statements, out)

    def _bind_pipeline_parameter(self, block: ast.ScriptBlock, item: Any) -> None:
        for decl in block.params.parameters if block.params else ():
            if any(k.lower() == "valuefrompipeline" for a in decl.attributes for k, _ in a.named):
                self.set_variable(decl.name, item)

    def call_block(self, block: ScriptBlockValue, args: list[Any], data: list[Any] | None = None) -> list[Any]:
        """``& { … }``: the block in a child scope with ``$args``."""
        out: list[Any] = []
        with self.scope({"args": args, "input": list(data or [])}):
            try:
                self._run_named_blocks(block.block, data, out)
            except _Return as returned:
                return returned.values
        return out

    def run_in_scope(self, block: ScriptBlockValue, item: Any) -> list[Any]:
        """A ForEach-Object/Where-Object block: the caller's scope, with ``$_`` = ``item``."""
        out: list[Any] = []
        with self.dollar_under(item):
            try:
                self.exec_statements(block.block.statements, out)
            except _Return as returned:
                out = returned.values
        return out

    # --- script parameters ---------------------------------------------------------------------

    def _bind_script_parameters(self, script: ast.Script, arguments: Sequence[str]) -> None:
        if script.params is None:
            self.set_variable("args", list(arguments))
            return
        node = ast.FunctionDefinition(script.block.extent, self.script_name or "script", script.block)
        metadata = bi.function_metadata(node)
        parsed = [bi.cli_argument(text) for text in arguments]
        try:
            bound = bind(metadata, parsed, invocation=metadata.invocation)
        except PowerShellError as error:
            raise _Terminating(error.error_record, script=True) from None
        self._declare_parameters(script.block, bound.values)

    # --- expressions ---------------------------------------------------------------------------

    def eval(self, node: ast.Expression) -> Any:
        return _EXPRESSIONS[type(node)](self, node)

    def eval_constant(self, node: ast.Constant) -> Any:
        return node.value

    def eval_expandable(self, node: ast.ExpandableString) -> str:
        return "".join(part if isinstance(part, str) else self._expand(part) for part in node.parts)

    def _expand(self, part: ast.Expression) -> str:
        value = self.eval(part)
        if isinstance(part, ast.SubExpression) and isinstance(value, list):
            separator = to_string(self.get_variable("OFS"))
            return separator.join(to_string(item) for item in value)
        return to_string(value)

    def eval_variable(self, node: ast.Variable) -> Any:
        return self.get_variable(node.name, node.scope)

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

    def _statements_into(self, statements: Sequence[ast.Statement], out: list[Any]) -> None:
        for statement in statements:
            if isinstance(statement, ast.Pipeline):
                out.extend(self.run_pipeline(statement))
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
        holder: list[ScriptBlockValue] = []

        def invoke(*args: Any) -> list[Any]:
            return self.run_in_scope(holder[0], args[0] if args else None)

        holder.append(ScriptBlockValue(node.block, invoke))
        return holder[0]

    def eval_type(self, node: ast.TypeLiteral) -> str:
        return node.type_name

    def eval_cast(self, node: ast.Cast) -> Any:
        value = self.eval(node.operand)
        if node.type_name.lower() in ("pscustomobject", "ordered") and isinstance(value, dict):
            return (
                PSObject((to_string(k), v) for k, v in value.items())
                if node.type_name.lower() == "pscustomobject"
                else value
            )
        return convert_to(value, node.type_name)

    def _member_name(self, member: ast.Expression) -> str:
        return str(member.value) if isinstance(member, ast.Constant) else to_string(self.eval(member))

    def eval_member(self, node: ast.Member) -> Any:
        name = self._member_name(node.member)
        if node.static:
            return get_static(self, _type_of(node.target), name)
        return get_member(self.eval(node.target), name)

    def eval_invoke(self, node: ast.InvokeMember) -> Any:
        self.at = node
        name = self._member_name(node.member)
        args = [self.eval(argument) for argument in node.arguments]
        if node.static:
            return call_static(self, _type_of(node.target), name, args)
        return call_method(self.eval(node.target), name, args)

    def eval_index(self, node: ast.Index) -> Any:
        container = self.eval(node.target)
        index = self.eval(node.index)
        if isinstance(index, list):
            return [self._index_one(container, item) for item in index]
        return self._index_one(container, index)

    @staticmethod
    def _index_one(container: Any, index: Any) -> Any:
        if container is None:
            raise RuntimeFailure("NullArray", "Cannot index into a null array.")
        if isinstance(container, dict):
            return container.get(index)
        if isinstance(container, PSObject):
            return container.get(to_string(index))
        sequence = container if isinstance(container, list | tuple | str) else [container]
        try:
            return sequence[int(index)]
        except (IndexError, ValueError, TypeError):
            return None

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
        if node.op == "and":
            return is_true(self.eval(node.left)) and is_true(self.eval(node.right))
        if node.op == "or":
            return is_true(self.eval(node.left)) or is_true(self.eval(node.right))
        right = self.eval(node.right)
        return (
            binary(node.op, self.eval(node.left), right)
            if node.op not in ("is", "isnot", "as")
            else binary(
                node.op,
                self.eval(node.left),
                _type_of(node.right) if isinstance(node.right, ast.TypeLiteral) else to_string(right),
            )
        )

    # --- Context for static members ------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock()

    def new_guid(self) -> str:
        random = getattr(getattr(self.engine, "backend", None), "random", None)
        return str(uuid.UUID(int=random.getrandbits(128), version=4)) if random is not None else str(uuid.uuid4())

    def resolve_path(self, path: str) -> Path:
        candidate = Path(path.replace("\\", os.sep)) if os.sep == "/" else Path(path)
        return candidate if candidate.is_absolute() or self.base_dir is None else self.base_dir / candidate

    def read_answer(self) -> str | None:
        return self.answers.pop(0) if self.answers else None


_PYTHON_FAILURES = (
    TypeError,
    ValueError,
    AttributeError,
    KeyError,
    IndexError,
    OverflowError,
    ZeroDivisionError,
    RecursionError,
    re.error,
)


def _runtime_failure(failure: Exception) -> RuntimeFailure:
    return RuntimeFailure("RuntimeException", f"The operation failed: {failure}.")  # inferred


def _is_increment(expression: ast.Expression) -> bool:
    return isinstance(expression, ast.Unary) and expression.op in ("++", "--")


def _type_of(node: ast.Expression) -> str:
    return node.type_name if isinstance(node, ast.TypeLiteral) else ""


def _collapse(output: list[Any]) -> Any:
    if not output:
        return None
    return output[0] if len(output) == 1 else output


def _action(value: Any, default: ActionPreference) -> ActionPreference:
    if isinstance(value, ActionPreference):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return ActionPreference(value) if value in ActionPreference._value2member_map_ else default
    for member in ActionPreference:
        if member.name.lower() == to_string(value).lower():
            return member
    return default


def _catches(clause: ast.CatchClause, record: ErrorRecord) -> bool:
    """``catch [Type]``: by the exception's full or short name; ``[Exception]`` catches all."""
    if not clause.types:
        return True
    caught = record.exception_type.lower()
    for written in clause.types:
        name = written.lower()
        if name in ("exception", "system.exception") or caught in (name, "system." + name):
            return True
        if name.rsplit(".", 1)[-1] == caught.rsplit(".", 1)[-1]:
            return True
        if name.endswith("runtimeexception") and caught.startswith("system.management.automation."):
            return True
    return False


def _negate(value: Any) -> Any:
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

_STATEMENTS: dict[type, Callable[[Runner, Any, list[Any]], None]] = {
    ast.Pipeline: Runner.exec_pipeline_statement,
    ast.Assignment: Runner.exec_assignment,
    ast.If: Runner.exec_if,
    ast.ForEach: Runner.exec_foreach,
    ast.For: Runner.exec_for,
    ast.While: Runner.exec_while,
    ast.DoLoop: Runner.exec_do,
    ast.Try: Runner.exec_try,
    ast.Switch: Runner.exec_switch,
    ast.Throw: Runner.exec_throw,
    ast.Return: Runner.exec_return,
    ast.Exit: Runner.exec_exit,
    ast.Break: Runner.exec_break,
    ast.Continue: Runner.exec_continue,
    ast.FunctionDefinition: Runner.exec_function,
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
}


def _default_resolver(name: str) -> CommandMetadata:
    from ..cmdlets import find_command

    return find_command(name)


def _engine_clock(engine: Engine) -> Callable[[], dt.datetime]:
    clock = getattr(getattr(engine, "backend", None), "clock", None)
    return clock if callable(clock) else dt.datetime.now


def invoke_line(engine: Engine, text: str, resolve_command: Resolver | None = None) -> list[Any]:
    """Run one command line (or a short script) and return its output objects.

    Raises:
        ParseError: the line does not parse.
        PowerShellError: the first error record written (its ``record.error``), so a binding
            error, an unknown command or a service error surfaces as the Python exception.
            See spec/powershell.md §A1.
    """
    result = Runner(engine, resolve_command=resolve_command).run_parsed(_parsed_line(text))
    surface(result)
    return result.output


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
