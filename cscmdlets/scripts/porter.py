"""``cscmdlets port``: turn an admin script into Python that uses the Pythonic functions.

The porter walks the same AST as the runner and the linter. Each cmdlet call is paired with
its parameters by the same CommandMetadata (``match_parameter``, positions, switches) and
becomes ``cs.set_cs_online_dial_in_conferencing_user("amos@…", reset_leader_pin=True)``;
``Get-… | Set-…`` becomes a ``for`` loop passing the property the binder would take (about_Pipelines:
ByPropertyName); ``foreach``/``for``/``while``/``do``/``if``/``switch``/``try`` become their Python
twins; functions become local defs (a process block loops over its input, bound by the runner's
binder); a ``trap`` becomes a def that ``ps.trap`` runs for an error of any statement of its list
(about_Trap); a labelled loop takes the ``ps.Break``/``ps.Continue`` that name it (about_Break);
``$script:x`` is the script's own ``x``; comments are kept; the script's ``param()`` block becomes
argparse options.

Builtins become Python: Write-Host the host's output, Import-/Export-Csv csv files, Where-Object
and ForEach-Object comprehensions and loops. Where PowerShell's semantics differ from Python's
(case-insensitive comparison, ``$null`` past the end of a list, .NET regexes, Select-Object's
calculated properties), the port calls a small helper in :mod:`.ported` (``ps``), most of which
reuse the runner's own code, so the run and the port cannot drift apart.

A statement PowerShell would reject when binding, or one the porter cannot express faithfully
(an emulator stop, a switch over a command's output…), makes the port run the whole script
unchanged through the script runner (``ps.run_whole_script``); the first lines of the file
name each such statement and the construct that kept it: a port is faithful or says why not.
``bench/port_coverage.py`` tallies those constructs over the test corpora.

The ported file acts on the tenant ``cscmdlets run`` uses (``$CSCMDLETS_STATE`` or the default
state), in one transaction, and continues after an error where PowerShell would (about_Error_Handling).
"""

from __future__ import annotations

import ast as python_ast
import contextlib
import dataclasses
import functools
import keyword
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from ..cmdlets.profiles import module_stem
from ..model.tenant import PSModel
from ..powershell import parser as ast
from ..powershell.binder import bind, match_parameter
from ..powershell.errors import PowerShellError
from ..powershell.metadata import CommandMetadata, ConfirmImpact, Parameter, pascal_to_snake
from . import commands as bi
from .commands import ALIASES as _ALIASES
from .errors import names_stop_exception
from .linter import Checker as _Checker
from .linter import walk as _walk
from .members import CONSTRUCTORS, constructor_key, has_static_method
from .runner import read_script, resets_status

__all__ = ["port_script"]

Resolver = Callable[[str], CommandMetadata]


#: A Python port sees the error, not whether -ErrorAction Stop made it terminating.
_STOP_CATCH = "a catch or trap of ActionPreferenceStopException"


class _Untranslatable(Exception):
    """The porter cannot express this statement in Python with the same behaviour; the message
    names the construct, for the top of the port."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


_COMMON = {
    "erroraction": "error_action",
    "ea": "error_action",
    "warningaction": "warning_action",
    "wa": "warning_action",
    "whatif": "what_if",
    "wi": "what_if",
    "confirm": "confirm",
    "cf": "confirm",
    "verbose": "verbose",
    "vb": "verbose",
}
#: Preference variables whose effect only the runner reproduces (dry runs, confirmation prompts).
_RUNNER_PREFERENCES = frozenset({"whatifpreference", "confirmpreference"})
_COMPARISONS = {"eq": "==", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
_STRING_METHODS = {
    "tolower": "lower",
    "toupper": "upper",
    "trim": "strip",
    "trimstart": "lstrip",
    "trimend": "rstrip",
    "replace": "replace",
    "startswith": "startswith",
    "endswith": "endswith",
}
#: The argument counts at which a .NET string method is its Python twin: a StringComparison,
#: a count or more trim characters make it another overload (``ps.call`` runs those).
_STRING_ARITY = {
    "tolower": (0,),
    "toupper": (0,),
    "trim": (0, 1),
    "trimstart": (0, 1),
    "trimend": (0, 1),
    "replace": (2,),
    "startswith": (1,),
    "endswith": (1,),
}
_SKIPPED = {
    "new-csonlinesession",
    "import-pssession",
    "remove-pssession",
    "set-strictmode",
    "start-sleep",
    "write-progress",
    "set-executionpolicy",
    "clear-host",
    "write-verbose",
    "write-debug",
    "get-credential",
    "connect-msolservice",
    "connect-azuread",
}


def _python_identifier(name: str) -> str:
    text = pascal_to_snake(re.sub(r"\W+", "_", name)).strip("_") or "value"
    if text[0].isdigit():
        text = "v_" + text
    return text + "_" if keyword.iskeyword(text) or text in ("list", "str", "type", "id", "input", "format") else text


@dataclass
class _Scope:
    defined: dict[str, str] = field(default_factory=dict)  # python name -> kind (models, model, rows, row, list)
    item: str = ""  # the python name $_ stands for
    #: python name -> the flag saying the statement first setting it ran to its end
    flags: dict[str, str] = field(default_factory=dict)


class _Porter:
    """Emits Python lines for one script; ``self.lines`` is the body of ``run_script``."""

    def __init__(self, script: ast.Script, resolve: Resolver, script_name: str = "") -> None:
        self.script = script
        self.script_name = script_name
        self.source = script.source
        self.resolve = resolve
        self.lines: list[str] = []
        #: Script functions whose def has been emitted (a call before it fails in PowerShell too).
        self.defined_functions: set[str] = set()
        self.depth = 1
        self.scope = _Scope()
        self.in_try = 0
        self.stop_on_error = False
        self.comments = _comments(self.source.text)
        self.checker = _Checker(script, resolve)
        #: Whether the script sets ``$ErrorActionPreference`` to hide errors (then even a throw
        #: outside try is recorded and gone on from, as the runner does).
        self.silences_errors = any(
            isinstance(n, ast.Assignment)
            and isinstance(n.target, ast.Variable)
            and n.target.name.lower() == "erroractionpreference"
            and "silentlycontinue" in script.source.text_of(n.value.extent).lower()
            for n in _walk(script)
        )
        #: The Python names of the script's own variables, which the port's helper names avoid.
        self.taken = {_python_identifier(n.name) for n in _walk(script) if isinstance(n, ast.Variable)}
        #: The Python names of the variables the script sets to ``$null`` somewhere.
        self.nulled = {
            _python_identifier(n.target.name)
            for n in _walk(script)
            if isinstance(n, ast.Assignment) and isinstance(n.target, ast.Variable) and _is_null_literal(n.value)
        }
        self.checker.collect()
        self.function_names: dict[str, tuple[str, ast.FunctionDefinition]] = {}
        self.in_function = False
        #: The script functions being ported, innermost last (whose ``$PSCmdlet`` a call reads).
        self.function_nodes: list[ast.FunctionDefinition] = []
        #: A script function call being ported as a statement (common parameters can wrap it),
        #: and the ``with ps.common_parameters(…)`` line its common parameters need.
        self.function_statement = False
        self.function_common = ""
        #: -ErrorVariable: allowed while porting a statement's one cmdlet call; the variable it names.
        self.error_variable_allowed = False
        self.captured_errors = ""
        #: ``$?``: whether the statement being ported is followed by one reading it (its cmdlet
        #: calls then record their success, ``ps.track``), and whether the one before was.
        self.track_status = False
        self.status_tracked = False
        #: Inside a ForEach-Object/Where-Object block ported as a loop body, where ``return``
        #: leaves the block (the next item), not the function.
        self.in_block = 0
        #: Loops of the script's own around the statement being ported (not pipeline blocks).
        self.loops = 0
        #: Inside a trap's body, where ``break``/``continue`` outside its loops end the trap.
        self.in_trap = False
        #: The script's own scope (``run_script``'s locals), which ``$script:`` names.
        self.script_scope = self.scope
        #: The labels of the loops around the statement being ported, innermost last (``""``: none).
        self.labels: list[str] = []
        #: The defs around the statement being ported (functions, traps): the names each sets
        #: for itself, and the script variables it sets through ``$script:`` (its ``nonlocal``).
        self.defs: list[tuple[set[str], set[str]]] = []
        self.block_functions = 0
        #: Why the translation would not be faithful: ``(line, statement, construct)`` for each
        #: statement the porter could not translate. Any makes the port run the whole script unchanged.
        self.untranslated: list[tuple[int, str, str]] = []
        #: Variables that hold ``$null`` (unset), not nothing, if the statement first setting them fails.
        self.unset_if_failed: set[str] = set()
        #: The Python names of variables the script sends down a pipeline or into ``@()``.
        self.sent_names = {self.variable_name(n.name) for n in _sent_variables(script)}

    # --- output ---------------------------------------------------------------------------------

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    @contextmanager
    def block(self) -> Iterator[None]:
        self.depth += 1
        mark = len(self.lines)
        yield
        if all(line.lstrip().startswith("#") for line in self.lines[mark:]):  # comments alone are no body
            self.emit("pass")
        self.depth -= 1

    def flush_comments(self, line: int) -> None:
        while self.comments and self.comments[0][0] <= line:
            for text in self.comments.pop(0)[1]:
                self.emit(text)

    # --- statements ------------------------------------------------------------------------------

    def statements(self, statements: Sequence[ast.Statement]) -> None:
        traps = [statement for statement in statements if isinstance(statement, ast.Trap)]
        if traps:
            self.trapped_statements(statements, traps)
            return
        for index, statement in enumerate(statements):
            following = statements[index + 1] if index + 1 < len(statements) else None
            tracked = following is not None and _reads_status(following)
            self.track_status = tracked
            self.statement(statement)
            if tracked and resets_status(statement):
                self.emit("ps.succeeded_anyway()")
            # after a script function's call $? is the function's own affair (a Write-Error in it
            # leaves it $true; about_Automatic_Variables), which the port does not follow
            calls_function = any(isinstance(c, ast.Command) and self.is_function(c) for c in _walk(statement))
            self.track_status, self.status_tracked = False, tracked and not calls_function

    def statement(self, node: ast.Statement) -> None:
        self.flush_comments(node.extent.line)
        mark, defined = len(self.lines), dict(self.scope.defined)
        try:
            handler = _STATEMENTS.get(type(node))
            if handler is None:
                raise _Untranslatable(f"a {type(node).__name__} statement")
            handler(self, node)
            if isinstance(node, _BRANCHING):
                self.settle_branches(mark, defined)
        except _Untranslatable as why:
            del self.lines[mark:]
            self.scope.defined = defined
            self.fallback(node, why.reason)

    def settle_branches(self, mark: int, before: dict[str, str]) -> None:
        """After a statement whose blocks may not all run: a variable it first sets is $null when
        they do not (so it is set to None ahead of the statement), and one it sets to another kind
        may hold either; neither has a known kind afterwards."""
        first_set = [name for name in self.scope.defined if name not in before]
        self.lines[mark:mark] = ["    " * self.depth + f"{name} = None" for name in first_set]
        for name, kind in self.scope.defined.items():
            if before.get(name) != kind:
                self.scope.defined[name] = ""

    def trapped_statements(self, statements: Sequence[ast.Statement], traps: Sequence[ast.Trap]) -> None:
        """A list with traps (about_Trap): each statement runs as in a ``try`` whose error goes to
        the matching trap (``ps.trap``), wherever the trap stands in the list; the traps become
        local defs, put first, as the runner sets them up before the list runs (hoisted)."""
        for trap in traps:
            if names_stop_exception(trap.types):
                self.fallback(trap, _STOP_CATCH)
        names = [self.fresh(f"trap_{index}") for index in range(1, len(traps) + 1)]
        self.taken.update(names)
        handlers = ", ".join(f"({tuple(trap.types)!r}, {name})" for trap, name in zip(traps, names, strict=True))
        mark = len(self.lines)
        self.in_try += 1
        try:
            for statement in statements:
                if isinstance(statement, ast.Trap):  # its def is put first, below
                    continue
                if isinstance(statement, ast.FunctionDefinition):  # defining a function cannot fail
                    self.statement(statement)
                    continue
                self.emit("try:")
                with self.block():
                    self.statements([statement])
                self.emit("except cs.PowerShellError as error:")
                with self.block():
                    self.emit(f"ps.trap(error, {handlers})")
        finally:
            self.in_try -= 1
        body = self.lines[mark:]
        del self.lines[mark:]
        for trap, name in zip(traps, names, strict=True):
            handler_mark = len(self.lines)
            try:
                self.trap_handler(trap, name)
            except _Untranslatable as why:
                del self.lines[handler_mark:]
                self.fallback(trap, why.reason)
        self.lines.extend(body)

    def trap_handler(self, node: ast.Trap, name: str) -> None:
        """A trap's body as a def of the error (``$_``); it runs in a scope of its own, as a
        Python def does. At its own level ``continue`` and ``break`` tell ``ps.trap`` what to do."""
        assigned = _assigned_names(node) & set(self.scope.defined)
        if assigned:  # Python would make the name local for the whole body, before it is set
            raise _Untranslatable(f"a trap that sets a script variable's name (${sorted(assigned)[0]})")
        self.emit(f"def {name}(error):")
        saved = (self.scope, self.in_function, self.loops, self.in_trap, self.labels)
        self.scope = _Scope(dict(self.scope.defined), "error")
        self.in_function, self.loops, self.in_trap, self.labels = True, 0, True, []
        try:
            with self.def_body(_assigned_names(node)):
                self.statements(node.body)
        finally:
            self.scope, self.in_function, self.loops, self.in_trap, self.labels = saved

    def fallback(self, node: ast.Statement, reason: str) -> None:
        """Note a statement the porter cannot translate faithfully: the port will run the
        whole script unchanged (a lone statement run apart would lose the script's variables,
        its loops' break and continue, and its error handling)."""
        text = self.source.text_of(node.extent)
        self.untranslated.append((node.extent.line, text.splitlines()[0] if text else "", reason))

    def guards(self, node: ast.Node) -> bool:
        """Whether an error in ``node`` is written and the script goes on (see :meth:`guarded`).
        Not when ``-ErrorAction Stop`` makes it terminating, nor for an error leaving a plain
        script function (a throw or a Stop inside): those end the script, or reach a catch."""
        if self.in_try or self.stop_on_error or not self.calls_cmdlets(node) or self.stops(node):
            return False
        return not self.calls_plain_function(node)

    def calls_plain_function(self, node: ast.Node) -> bool:
        """Whether ``node`` calls a script function that is not advanced (about_Functions_Advanced:
        an advanced one makes a Stop inside it statement-terminating for its caller)."""
        for found in _walk(node):
            if isinstance(found, ast.Command):
                entry = self.function_names.get(_ALIASES.get(found.name_text.lower(), found.name_text.lower()))
                if entry is not None and not bi.is_advanced(entry[1].body):
                    return True
        return False

    def guarded(self, line: str | Sequence[str], node: ast.Node) -> None:
        """A statement PowerShell goes on from after an error: keep going in Python too. Inside
        ``try`` only a non-terminating error (one the service reports) goes on; a terminating
        one reaches the ``catch``, and ``-ErrorAction Stop`` makes every error terminating
        (about_Try_Catch_Finally)."""
        lines = [line] if isinstance(line, str) else line
        if self.in_try and not self.stop_on_error and self.calls_service(node) and not self.stops(node):
            self.emit("with ps.non_terminating():")
        elif self.guards(node):
            self.emit("with ps.continue_on_error():")
        else:
            for text in lines:
                self.emit(text)
            return
        with self.block():
            for text in lines:
                self.emit(text)

    def stops(self, node: ast.Node) -> bool:
        """Whether every cmdlet in ``node`` says ``-ErrorAction Stop`` (another constant: no)."""
        commands = [c for c in _walk(node) if isinstance(c, ast.Command) and self.metadata_or_none(c) is not None]
        return bool(commands) and all(self.error_action(c) == "stop" for c in commands)

    def error_action(self, command: ast.Command) -> str:
        for index, element in enumerate(command.elements):
            if isinstance(element, ast.CommandParameter) and _COMMON.get(element.name.lower()) == "error_action":
                value = element.argument
                if value is None and index + 1 < len(command.elements):
                    value = command.elements[index + 1]  # type: ignore[assignment]
                if not isinstance(value, ast.Constant):
                    raise _Untranslatable()
                return str(value.value).lower()
        return ""

    def calls_service(self, node: ast.Node) -> bool:
        """Whether ``node`` calls a cmdlet, whose errors the service reports (an error leaving a
        ported script function is terminating: the function's own statements wrote the others)."""
        return any(isinstance(c, ast.Command) and self.metadata_or_none(c) is not None for c in _walk(node))

    def calls_cmdlets(self, node: ast.Node) -> bool:
        for found in _walk(node):
            if isinstance(found, ast.Command) and self.metadata_or_none(found) is not None:
                return True
        return isinstance(node, ast.Pipeline | ast.Assignment) and any(isinstance(f, ast.Command) for f in _walk(node))

    def metadata_or_none(self, node: ast.Command) -> CommandMetadata | None:
        name = _ALIASES.get(node.name_text.lower(), node.name_text.lower())
        if not name or name in bi.BUILTINS or name in self.function_names:
            return None
        try:
            return self.resolve(node.name_text)
        except PowerShellError:
            return None

    def assignment(self, node: ast.Assignment) -> None:
        if node.op == "??=":
            self.coalescing_assignment(node)
            return
        if isinstance(node.target, ast.Variable) and node.target.name.lower() == "erroractionpreference":
            self.error_preference(node)
            return
        if isinstance(node.target, ast.Member | ast.Index):
            self.element_assignment(node.target, node.op, node.value, node)
            return
        if isinstance(node.target, ast.ArrayLiteral) and node.op == "=":
            self.spread_assignment(node.target, node)
            return
        if not isinstance(node.target, ast.Variable) or node.target.scope.lower() not in ("", "script"):
            raise _Untranslatable("an assignment to a scoped variable or through a cast")
        if node.target.name.lower() in _RUNNER_PREFERENCES:
            raise _Untranslatable(f"${node.target.name}, which only the runner's dry run honours")
        self.variable_assignment(self.assigned_name(node.target), node)

    def coalescing_assignment(self, node: ast.Assignment) -> None:
        """``$x ??= value``: the value is computed and assigned only when ``$x`` is $null
        (about_Assignment_Operators); an unset variable is $null, so it is assigned then."""
        mark, defined = len(self.lines), dict(self.scope.defined)
        plain = dataclasses.replace(node, op="=")
        target = node.target
        if (
            isinstance(target, ast.Variable)
            and self.variable_name(target.name) not in defined
            and self.automatic_variable(target.name.lower()) is None
        ):
            self.assignment(plain)
            return
        self.emit(f"if {self.expression(node.target)} is None:")
        with self.block():
            self.assignment(plain)
        self.settle_branches(mark, defined)

    def pipeline_chain(self, node: ast.PipelineChain) -> None:
        """``a && b || c`` as the equivalents about_Pipeline_Chain_Operators gives: each pipeline
        after the first runs when ``$?`` -- left by the last one that ran -- is ``$true`` (``&&``)
        or ``$false`` (``||``): ``a; if ($?) { b }; if (-not $?) { c }``. Every pipeline whose
        ``$?`` is read (all but the last, and the last too when ``$?`` is read after the chain)
        must be one the port knows the ``$?`` of (:meth:`chain_link_status`)."""
        links = _chain_links(node)
        tracked_after = self.track_status
        kinds = [self.chain_link_status(pipeline) for _, pipeline in (links if tracked_after else links[:-1])]
        if None in kinds:
            index = kinds.index(None)
            raise _Untranslatable(
                f"a pipeline chain ({links[index + 1][0]}) whose left side is not one cmdlet call"
                if index + 1 < len(links)
                else f"$? read after a pipeline chain ({links[index][0]})"
            )
        try:
            for index, (op, pipeline) in enumerate(links):
                kind = kinds[index] if index < len(kinds) else None
                self.track_status = kind == "tracked"
                if op:
                    self.emit("if ps.succeeded():" if op == "&&" else "if not ps.succeeded():")
                with self.block() if op else contextlib.nullcontext():
                    if kind == "succeeds":  # before it: an error in it still leaves $? $false
                        self.emit("ps.succeeded_anyway()")
                    self.statement(pipeline)
        finally:
            self.track_status = tracked_after

    def chain_link_status(self, pipeline: ast.Pipeline) -> str | None:
        """How the port knows ``$?`` after one pipeline of a chain: ``"tracked"`` for one cmdlet
        call (``ps.track``); ``"succeeds"`` for one expression, or one Write-Host/Write-Output/
        Write-Warning, which leave it ``$true`` unless they fail (Compiler.cs,
        ShouldSetExecutionStatusToSuccess); ``"fails"`` for one Write-Error, whose error leaves it
        ``$false`` (``ps.write_error``); ``None`` when it does not know."""
        if resets_status(pipeline):
            return "succeeds"
        if len(pipeline.elements) != 1 or not isinstance(command := pipeline.elements[0], ast.Command):
            return None
        if self.metadata_or_none(command) is not None:
            return "tracked"
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        if name in self.function_names:
            return None
        if name in ("write-host", "write-output", "write-warning"):
            return "succeeds"
        plain = not any(isinstance(e, ast.CommandParameter) for e in command.elements)  # no -ErrorAction
        return "fails" if name == "write-error" and plain and not (self.silences_errors or self.stop_on_error) else None

    def assigned_name(self, target: ast.Variable) -> str:
        if target.scope:
            return self.script_variable(target, assigned=True)
        return self.variable_name(target.name)

    def variable_assignment(self, name: str, node: ast.Assignment) -> None:
        """``$x = …``, ``$x += …``: PowerShell's unrolling of a pipeline's output and its arithmetic."""
        flag = self.scope.flags.pop(name, "")  # kept below only where this assignment sets it
        if node.op == "=" and isinstance(node.value, ast.Assignment):
            self.chained_assignment(name, node.value)
            return
        if node.op == "=" and not isinstance(node.value, ast.Pipeline):
            self.statement_output(name, node.value)
            return
        with self.error_variable_statement():
            value, kind = self.value_of(node.value)
        if self.captured_errors and node.op == "=" and kind == "models":
            if name not in self.scope.defined:
                self.initialize_unset(name)
            self.scope.defined[name] = "value"
            self.with_errors(value, node, f"{name} = ps.value({{result}})")
            return
        if kind in _UNROLLED:  # `$x = Get-…`: one object, a list, or $null — as PowerShell unrolls it
            value, kind = f"ps.value({value})", _UNROLLED[kind]
        if node.op == "+=" and self.scope.defined.get(name) == "list":
            single = ast.single_expression(node.value)
            many = isinstance(single, ast.ArrayLiteral | ast.ArrayExpression)
            # A new list, as PowerShell makes a new array: a loop over the old one is not extended.
            if many:
                self.guarded(f"{name} = [*{name}, *{value}]", node)
            elif isinstance(single, ast.Variable) or kind in _ENUMERATED:  # one item or several
                self.guarded(f"{name} = ps.op('+', {name}, {value})", node)
            else:
                self.guarded(f"{name} = [*{name}, {value}]", node)
            return
        if node.op != "=" and name not in self.scope.defined:
            raise _Untranslatable(f"{node.op} on a variable before it is set")
        lines = [f"{name} = {value}" if node.op == "=" else f"{name} = ps.op({node.op[0]!r}, {name}, {value})"]
        if name not in self.scope.defined and self.guards(node):
            self.initialize_unset(name)
            lines += self.set_flag(name)
        elif flag:  # set again: no longer unset once this statement runs
            self.scope.flags[name] = flag
            lines.append(f"{flag} = True")
        if kind == "" and value.startswith("["):
            kind = "list"
        self.inherit_unset(name, value)
        self.scope.defined[name] = kind if node.op == "=" else self.scope.defined.get(name, "")
        self.guarded(lines, node)

    def chained_assignment(self, name: str, inner: ast.Assignment) -> None:
        """``$total = $failed = 0``: the inner assignment, then its variable's value (about_Assignment_Operators)."""
        if not isinstance(inner.target, ast.Variable):
            raise _Untranslatable("a chained assignment to an element")
        self.assignment(inner)
        value = self.expression(inner.target)
        self.scope.defined[name] = self.kind_of(inner.target)
        self.inherit_unset(name, value)
        self.emit(f"{name} = {value}")

    def inherit_unset(self, name: str, value: str) -> None:
        """``$b = $a``: ``$b`` is ``$null``, as ``$a``, if the statement first setting ``$a`` failed."""
        if value in self.unset_if_failed:
            self.unset_if_failed.add(name)
            if value in self.scope.flags:
                self.scope.flags[name] = self.scope.flags[value]

    def initialize_unset(self, name: str) -> None:
        """A variable first set by a statement that may fail: ``$null`` (unset) if it does."""
        self.emit(f"{name} = None  # stays $null if the statement fails")
        self.unset_if_failed.add(name)

    def set_flag(self, name: str) -> list[str]:
        """For such a variable the script sends down a pipeline or into ``@()``: a flag that its
        first statement ran to its end (:meth:`sent`); the line that sets it, for that statement."""
        if name not in self.sent_names:
            return []
        flag = self.scope.flags[name] = self.fresh(f"{name}_set")
        self.emit(f"{flag} = False")
        return [f"{flag} = True"]

    def error_preference(self, node: ast.Assignment) -> None:
        """``$ErrorActionPreference = 'Stop'``: the statements after it are not guarded (every
        error is terminating); ``'SilentlyContinue'``: the guards record errors without showing them."""
        value = ast.single_expression(node.value) if isinstance(node.value, ast.Pipeline) else None
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)) or node.op != "=":
            raise _Untranslatable("$ErrorActionPreference set to a value known only when it runs")
        self.stop_on_error = value.value.lower() == "stop"
        self.emit(f"ps.error_action_preference({value.value!r})")

    def spread_assignment(self, target: ast.ArrayLiteral, node: ast.Assignment) -> None:
        """``$first, $rest = …``: one value to each variable in turn, what is left to the last
        (about_Assignment_Operators)."""
        if not all(isinstance(t, ast.Variable) and not t.scope for t in target.items):
            raise _Untranslatable("an assignment to several targets that are not all variables")
        names = [self.variable_name(t.name) for t in target.items if isinstance(t, ast.Variable)]
        value = self.value_of(node.value)[0]
        for name in names:
            if name not in self.scope.defined and self.guards(node):
                self.initialize_unset(name)
            self.scope.defined[name] = ""
        self.guarded(f"{', '.join(names)} = ps.spread({value}, {len(names)})", node)

    def element_assignment(
        self, target: ast.Member | ast.Index, op: str, value_node: ast.Statement | None, node: ast.Node
    ) -> None:
        """``$x.Name = v``, ``$table[$key] = v``, ``$summary.reset++``/``+= 1``: PowerShell's setters
        (a model held in a variable is copied with the change, as the runner does)."""
        holder = target.target
        if not (isinstance(holder, ast.Variable) and self.variable_name(holder.name) in self.scope.defined):
            raise _Untranslatable("an assignment to an element of an expression")
        owner = self.expression(holder)
        current = self.expression(target)
        if value_node is not None and not isinstance(value_node, ast.Pipeline):  # `$row.X = if (…) {…}`
            value = f"ps.value({self.gathered(value_node)})"
        else:
            value = self.value_of(value_node)[0] if value_node is not None else "1"
        if op in ("++", "--"):
            value = f"ps.step({current}, {op[0]!r})"
        elif op != "=":
            value = f"ps.op({op[0]!r}, {current}, {value})"
        if isinstance(target, ast.Index):
            self.guarded(f"ps.set_item({owner}, {self.expression(target.index)}, {value})", node)
            return
        if not isinstance(target.member, ast.Constant) or target.static:
            raise _Untranslatable("an assignment to a static or dynamic member")
        self.guarded(f"{owner} = ps.set_prop({owner}, {str(target.member.value)!r}, {value})", node)

    def statement_output(self, name: str, statement: ast.Statement) -> None:
        """``$x = foreach (…) {…}`` (or ``if``, ``switch``…): the statement runs, and ``$x`` gets
        what it output, unrolled as PowerShell assigns it."""
        output = self.gathered(statement)
        self.scope.defined[name] = "outputvalue"  # whatever the statement wrote, not the tenant's objects
        self.emit(f"{name} = ps.value({output})")

    def gathered(self, statement: ast.Statement) -> str:
        """Run ``statement`` gathering its output (``ps.collected``); the list's name."""
        output = self.fresh(f"output{self.depth}")
        self.emit(f"with ps.collected() as {output}:")
        with self.block():
            self.statement(statement)
        return output

    def value_of(self, statement: ast.Statement) -> tuple[str, str]:
        if not isinstance(statement, ast.Pipeline):
            raise _Untranslatable(f"a {type(statement).__name__} statement as a value")
        return self.pipeline_value(statement)

    def condition_test(self, condition: ast.Statement) -> str:
        """A condition as PowerShell decides it (about_Booleans: ``@(0)`` is false, ``'False'`` true)."""
        single = ast.single_expression(condition)
        return self.truth(single) if single is not None else f"ps.true({self.value_of(condition)[0]})"

    def truth(self, node: ast.Expression) -> str:
        if _is_boolean(node) or self.compares_a_property(node):
            return self.expression(node)
        return f"ps.true({self.expression(node)})"

    def compares_a_property(self, node: ast.Expression) -> bool:
        """``$_.BridgeName -eq 'x'``: a comparison of one model's or row's property (a scalar, so
        PowerShell gives a bool, not a filtered list)."""
        return (
            isinstance(node, ast.Binary)
            and node.op in _COMPARISONS
            and isinstance(node.left, ast.Member)
            and isinstance(node.left.member, ast.Constant)
            and self.kind_of(node.left.target) in ("model", "row")
            and str(node.left.member.value).lower() in _model_fields()
        )

    def if_statement(self, node: ast.If) -> None:
        for index, (condition, body) in enumerate(node.clauses):
            mark = len(self.lines)
            test = self.condition_test(condition)
            if index and len(self.lines) > mark:  # a local function cannot go between if and elif
                raise _Untranslatable("an elseif condition that needs a local function")
            self.emit(f"{'if' if index == 0 else 'elif'} {test}:")
            with self.block():
                self.statements(body)
        if node.else_body is not None:
            self.emit("else:")
            with self.block():
                self.statements(node.else_body)

    def foreach(self, node: ast.ForEach) -> None:
        iterable, kind = self.value_of(node.iterable)
        unrolled = kind in ("value", "", "rowvalue", "outputvalue")
        if unrolled and not iterable.startswith("["):  # over $null: nothing; one object: once
            iterable, kind = f"ps.as_list({iterable})", _ENUMERATED.get(kind, "output")
        elif iterable in self.scope.defined:  # a variable its failed assignment left $null
            iterable = f"ps.as_list({iterable})"
        name = self.variable_name(node.variable.name)
        self.scope.defined[name] = _item_kind(kind)
        with self.labelled_loop(node.label):
            self.emit(f"for {name} in {iterable}:")
            self.loop_body(node.body, node.label)

    def while_statement(self, node: ast.While) -> None:
        test = self.condition_test(node.condition)
        with self.labelled_loop(node.label):
            self.emit(f"while {test}:")
            self.loop_body(node.body, node.label)

    @contextmanager
    def labelled_loop(self, label: str) -> Iterator[None]:
        """A loop with a label: ``break label`` from a loop inside it (``ps.Break``) ends here
        (about_Break); an unlabelled loop is Python's own."""
        if not label:
            yield
            return
        self.emit(f"with ps.loop({label.lower()!r}):")
        with self.block():
            yield

    def for_loop(self, node: ast.For) -> None:
        """``for ($i = 0; $i -lt 3; $i++)``: the initializer, then a ``while`` whose body ends with
        the iterator. A ``continue`` runs the iterator in PowerShell but skips it in Python."""
        if node.label or any(isinstance(n, ast.Continue) for n in _walk_all(node.body)):
            raise _Untranslatable("a for loop with continue or a label")
        if node.initializer is not None:
            self.statement(node.initializer)
        self.emit(f"while {self.condition_test(node.condition) if node.condition is not None else 'True'}:")
        self.loop_body([*node.body, *([node.iterator] if node.iterator is not None else [])])

    def loop_body(self, body: Sequence[ast.Statement], label: str = "") -> None:
        """A loop's statements, where ``break`` and ``continue`` are Python's own; in a labelled
        loop, ``continue label`` from a loop inside (``ps.Continue``) ends the iteration here."""
        self.loops += 1
        self.labels.append(label.lower())
        try:
            with self.block():
                if label:
                    self.emit(f"with ps.iteration({label.lower()!r}):")
                    with self.block():
                        self.statements(body)
                else:
                    self.statements(body)
        finally:
            self.loops -= 1
            self.labels.pop()

    def do_loop(self, node: ast.DoLoop) -> None:
        """``do { } while (…)``/``until (…)``: the body first, then the test. A ``continue`` in
        the body goes to the test in PowerShell but past it in Python, so it keeps the script."""
        if node.label or any(isinstance(n, ast.Continue) for n in _walk_all(node.body)):
            raise _Untranslatable("a do loop with continue or a label")
        test = self.condition_test(node.condition)
        self.emit("while True:")
        self.loop_body(node.body)
        with self.block():
            self.emit(f"if {test}:" if node.until else f"if not {test}:")
            with self.block():
                self.emit("break")

    def try_statement(self, node: ast.Try) -> None:
        self.emit("try:")
        self.in_try += 1
        with self.block():
            self.statements(node.body)
        self.in_try -= 1
        if node.catches:
            self.emit("except cs.PowerShellError as error:")
            saved = self.scope.item
            self.scope.item = "error"
            with self.block():
                self.catch_clauses(node.catches)
            self.scope.item = saved
        if node.finally_body is not None:
            self.emit("finally:")
            with self.block():
                self.statements(node.finally_body)

    def catch_clauses(self, clauses: Sequence[ast.CatchClause]) -> None:
        """One untyped ``catch``: its body. Typed ones: the clause PowerShell picks for the error's
        type (``ps.caught``), and an error none of them takes goes on (``raise``)."""
        if any(names_stop_exception(c.types) for c in clauses):
            raise _Untranslatable(_STOP_CATCH)
        if len(clauses) == 1 and not clauses[0].types:
            self.statements(clauses[0].body)
            return
        clause_name = self.fresh("clause")
        self.emit(f"{clause_name} = ps.caught(error, {', '.join(repr(tuple(c.types)) for c in clauses)})")
        for index, clause in enumerate(clauses):
            self.emit(f"{'if' if index == 0 else 'elif'} {clause_name} == {index}:")
            with self.block():
                self.statements(clause.body)
        self.emit("else:")
        with self.block():
            self.emit("raise")

    def switch(self, node: ast.Switch) -> None:
        """A switch with distinct constant clauses: ``if``/``elif``/``else`` for each item of its
        value; with -Wildcard/-Regex (or clauses that may overlap) every matching clause runs."""
        value = ast.single_expression(node.value)
        constants = [c.condition for c in node.clauses if c.condition is not None]
        plain = all(isinstance(c, ast.Constant) for c in constants) and len(
            {str(getattr(c, "value", "")).lower() for c in constants}
        ) == len(constants)
        if node.label:
            raise _Untranslatable("a labelled switch")
        if value is None:
            raise _Untranslatable("a switch over a statement's output")
        if any(isinstance(c, ast.ScriptBlockExpression) for c in constants):
            raise _Untranslatable("a switch clause decided by a script block")
        subject = self.fresh(f"switch_value{self.depth}")  # a switch runs once per item of a list value
        # $null is switched on once; the nothing a command wrote, never (as the runner does)
        kind = self.kind_of(value) if isinstance(value, ast.Variable) else ""
        enumerate_ = "ps.as_list" if kind in _NONE_IS_NOTHING - _NEVER_NULL else "ps.switch_values"
        values = self.file_lines(value) if node.file else f"{enumerate_}({self.expression(value)})"
        self.emit(f"for {subject} in {values}:")
        self.loops += 1  # break leaves the switch and continue goes to its next value, as Python's do
        try:
            self.switch_clauses(node, subject, plain)
        finally:
            self.loops -= 1

    def file_lines(self, path: ast.Expression) -> str:
        """``switch -File``: the file's lines, read first. A missing file is a terminating error
        of the switch statement: written, and the script goes on after it (no lines), unless a
        ``catch`` or ``Stop`` takes it (about_Switch; about_Error_Handling)."""
        lines = self.fresh("lines")
        read = f"{lines} = ps.file_lines({self.expression(path)})"
        if self.in_try or self.stop_on_error:
            self.emit(read)
            return lines
        self.emit(f"{lines} = []")
        self.emit("with ps.continue_on_error():")
        with self.block():
            self.emit(read)
        return lines

    def switch_clauses(self, node: ast.Switch, subject: str, plain: bool) -> None:
        with self.block():
            if node.mode != "exact" or node.case_sensitive or not plain:
                self.every_matching_clause(node, subject)
                return
            keyword = "if"
            for clause in node.clauses:
                if clause.condition is None:
                    continue
                self.emit(f"{keyword} ps.eq({subject}, {self.expression(clause.condition)}):")
                keyword = "elif"
                self.switch_body(subject, clause.body)
            default = next((c for c in node.clauses if c.condition is None), None)
            if default is not None:
                self.emit("else:" if keyword == "elif" else "if True:")
                self.switch_body(subject, default.body)

    def every_matching_clause(self, node: ast.Switch, subject: str) -> None:
        """Each clause whose pattern matches runs, in order; ``default`` when none did (about_Switch)."""
        cased = ", cased=True" if node.case_sensitive else ""
        matched = self.fresh("matched")
        self.emit(f"{matched} = False")
        for clause in node.clauses:
            if clause.condition is None:
                continue
            pattern = self.expression(clause.condition)
            self.emit(f"if ps.switch_matches({subject}, {pattern}, {node.mode!r}{cased}):")
            self.switch_body(subject, clause.body, first=f"{matched} = True")
        default = next((c for c in node.clauses if c.condition is None), None)
        if default is not None:
            self.emit(f"if not {matched}:")
            self.switch_body(subject, default.body)

    def switch_body(self, subject: str, body: Sequence[ast.Statement], *, first: str = "") -> None:
        saved, self.scope.item = self.scope.item, subject  # `$_` in a clause is the switch value
        with self.block():
            if first:
                self.emit(first)
            self.statements(body)
        self.scope.item = saved

    def throw(self, node: ast.Throw) -> None:
        if node.value is None and self.scope.item == "error":  # a bare throw in catch: the error goes on
            self.emit("raise")
            return
        single = ast.single_expression(node.value) if node.value is not None else None
        if node.value is None or isinstance(single, ast.Constant | ast.ExpandableString):
            value = self.value_of(node.value)[0] if node.value is not None else '"ScriptHalted"'
            line = f"raise ps.Thrown(ps.text({value}))"
        else:  # an exception object or an error record keeps its type, as the catch sees it
            line = f"raise ps.thrown({self.value_of(node.value)[0]})"
        if self.silences_errors and not self.in_try:  # SilentlyContinue swallows even a throw
            self.emit("with ps.continue_on_error():")
            with self.block():
                self.emit(line)
        else:
            self.emit(line)

    def jump(self, node: ast.Break | ast.Continue) -> None:
        if node.label:  # Python's break and continue name no loop: an exception the labelled loop takes
            if node.label.lower() not in self.labels:
                raise _Untranslatable("a break or continue naming no loop of the script's around it")
            self.emit(f"raise ps.{type(node).__name__}({node.label.lower()!r})")
            return
        if not self.loops and self.in_trap and not self.in_block:  # the trap's own: suppress, or rethrow
            self.emit("return 'break'" if isinstance(node, ast.Break) else "return 'continue'")
            return
        if not self.loops:  # in a ForEach-Object block PowerShell leaves the enclosing loop, or the script
            raise _Untranslatable("break or continue outside a loop of the script's own")
        self.emit("break" if isinstance(node, ast.Break) else "continue")

    def exit(self, node: ast.Exit) -> None:
        code = self.value_of(node.value)[0] if node.value is not None else "0"
        # In a function, `return` would leave the function only: ps.Exit ends the script (main returns its code).
        self.emit(f"raise ps.Exit({code})" if self.in_function else f"return {code}")

    def return_statement(self, node: ast.Return) -> None:
        """``return $x``: ``$x`` is output like any other, then the function (or script) ends."""
        if self.in_block:
            raise _Untranslatable("return inside a ForEach-Object block")
        if node.value is not None:
            value, kind = self.value_of(node.value)
            self.guarded(value if kind == "none" else f"ps.out({value})", node)
        self.emit("return" if self.in_function else "return None")

    def function(self, node: ast.FunctionDefinition) -> None:
        """A function is defined where its definition runs: a local def, which reads the script's
        variables when called, as PowerShell's dynamic scope does (about_Scopes)."""
        self.port_function(node)
        self.defined_functions.add(node.name.lower())

    # --- pipelines ----------------------------------------------------------------------------------

    def pipeline(self, node: ast.Pipeline) -> None:
        if any(element.redirections for element in node.elements):
            self.redirected(node)
            return
        if self.increment(node):
            return
        if (terminating := _pscmdlet_call(node, "throwterminatingerror")) is not None:
            self.pscmdlet_throw(terminating, node)
            return
        last = node.elements[-1]
        if isinstance(last, ast.Command) and len(node.elements) > 1 and self.loop_stage(node, last):
            return
        if isinstance(last, ast.Command) and self.statement_command(last, node):
            return
        if isinstance(last, ast.Command) and self.is_function(last) and len(node.elements) > 1:
            source, kind = self.piped(node.elements[:-1])  # its output streams as it writes it
            self.function_statement_call(lambda: self.function_call(last, items=source), node)
            return
        value, kind = self.pipeline_value(node)
        self.guarded(value if kind == "none" else f"ps.out({value})", node)

    def redirected(self, node: ast.Pipeline) -> None:
        """``… > file`` / ``… >> file``: the output written as Out-File writes it; ``> $null``:
        dropped (about_Redirection). Other redirections (``2>&1``, ``2>$null``) keep the script."""
        *before, last = node.elements
        if any(element.redirections for element in before) or len(last.redirections) != 1:
            raise _Untranslatable("a redirection")
        redirection = last.redirections[0]
        if redirection.stream != "1" or redirection.merge or redirection.target is None:
            raise _Untranslatable("a redirection of errors or other streams")
        value, kind = self.stages(node.elements, redirected=True)
        if kind == "none":
            raise _Untranslatable("a redirection of a command that outputs nothing")
        target = redirection.target
        if isinstance(target, ast.Variable) and target.name.lower() == "null":
            self.guarded(value, node)
            return
        append = ", append=True" if redirection.append else ""
        self.guarded(f"ps.out_file({value}, {self.expression(target)}{append})", node)

    def increment(self, node: ast.Pipeline) -> bool:
        """``$done++`` as a statement: ``done = ps.step(done, '+')`` (``$null`` counts from 0)."""
        single = ast.single_expression(node)
        if isinstance(single, ast.Unary) and single.op in ("++", "--") and isinstance(single.operand, ast.Member):
            self.element_assignment(single.operand, single.op, None, node)
            return True
        if not (
            isinstance(single, ast.Unary)
            and single.op in ("++", "--")
            and isinstance(single.operand, ast.Variable)
            and single.operand.scope.lower() in ("", "script")
        ):
            return False
        name = self.assigned_name(single.operand)
        if name not in self.scope.defined:
            return False
        self.emit(f"{name} = ps.step({name}, {single.op[0]!r})")
        return True

    def statement_command(self, command: ast.Command, node: ast.Pipeline) -> bool:
        """Commands that are statements of their own: Write-*, skipped connection commands, Set-…"""
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        if _is_skipped(node.elements[0]) and all(_is_out_null(e) for e in node.elements[1:]):
            text = self.source.text_of(node.extent).splitlines()[0]
            self.emit(f"# {text}  (not needed: cscmdlets acts on the chosen tenant)")
            self.computed_arguments(command, node)
            return True
        if len(node.elements) != 1:
            return False
        if name == "write-host":
            self.emit(f"ps.host({self.host_text(command)})")
            return True
        if name == "import-module":
            self.emit(f"ps.import_module({self.module_name(command)})")
            return True
        if name in ("add-content", "set-content"):
            self.emit(self.content_command(command, append=name == "add-content"))
            return True
        writer = _WRITERS.get(name)
        if writer is not None:
            if name == "write-information" and not _information_shown(command):
                raise _Untranslatable("Write-Information without -InformationAction Continue")
            self.emit(writer.format(self.first_argument(command)))
            return True
        if name in self.function_names:  # its output streams as it writes it
            self.function_statement_call(lambda: self.function_call(command), node)
            return True
        return self.cmdlet_statement(command, node)

    def computed_arguments(self, command: ast.Command, node: ast.Pipeline) -> None:
        """The arguments of a left-out command that are computed (``-PercentComplete ($i / $n * 100)``):
        the run evaluates them, and an error there is the run's, so the port evaluates them too."""
        for element in command.elements:
            argument = element.argument if isinstance(element, ast.CommandParameter) else element
            if argument is not None and _may_fail(argument):
                self.guarded(f"{self.expression(argument)}  # evaluated as the run evaluates it", node)

    def content_command(self, command: ast.Command, *, append: bool) -> str:
        """``Add-Content -Path log.txt -Value "…"`` (Set-Content: ``append=False``)."""
        options = self.options(command, ("Path", "LiteralPath", "Value"))
        if "value" not in options:
            raise _Untranslatable(f"{command.name_text} without -Value")
        keyword = "" if append else ", append=False"
        return f"ps.add_content({self.path_option(options)}, {self.expression(options['value'])}{keyword})"

    def cmdlet_statement(self, command: ast.Command, node: ast.Pipeline) -> bool:
        """``Set-…`` on its own: the call, its output shown (and its errors kept by -ErrorVariable)."""
        metadata = self.metadata_or_none(command)
        if metadata is None or metadata.verb.lower() == "get":
            return False
        with self.error_variable_statement():
            call = self.cmdlet_call(command, metadata)
        if self.captured_errors:
            self.with_errors(call, node, "ps.out({result})")
        else:
            self.guarded(f"ps.out({call})", node)
        return True

    def common_wrapper(self, common: Sequence[tuple[str, str]], node: ast.FunctionDefinition) -> str:
        """``Update-Number … -ErrorAction SilentlyContinue -ErrorVariable failed`` on an advanced
        function, as a statement: ``with ps.common_parameters(error_action=…) as failed:``;
        ``-WhatIf`` and ``-Confirm:$false`` as :meth:`should_process_switches` allows them."""
        names = {name for name, _ in common}
        allowed = {"ErrorAction", "ErrorVariable", "WhatIf", "Confirm"}
        if not (self.function_statement and bi.is_advanced(node.body)) or not names <= allowed:
            raise _Untranslatable("common parameters (-ErrorAction…) on a script function here")
        values = dict(common)
        if values.get("ErrorAction", "'Continue'").lower() not in ("'continue'", "'silentlycontinue'"):
            raise _Untranslatable("-ErrorAction other than Continue or SilentlyContinue on a script function")
        options = [f"error_action={values['ErrorAction']}"] if "ErrorAction" in values else []
        options += self.should_process_switches(values, node)
        action = ", ".join(options)
        variable = values.get("ErrorVariable", "").strip("'\"")
        if variable and not variable.isidentifier():
            raise _Untranslatable(f"-ErrorVariable {variable}")
        if variable and any(isinstance(found, ast.Try | ast.Trap) for found in _walk(node.body)):
            # the variable also gets the errors a catch or trap inside took (about_CommonParameters)
            raise _Untranslatable("-ErrorVariable on a script function that catches errors")
        target = f" as {self.variable_name(variable)}" if variable else ""
        if variable:
            self.scope.defined[self.variable_name(variable)] = "list"
        return f"with ps.common_parameters({action}){target}:"

    def should_process_switches(self, values: Mapping[str, str], node: ast.FunctionDefinition) -> list[str]:
        """``-WhatIf`` on an advanced function: its ``$PSCmdlet.ShouldProcess`` shows ``What if: …``
        and answers ``$false`` (``what_if=True``) -- only for a function whose commands all stand
        under ``if ($PSCmdlet.ShouldProcess(…))`` (or only write to the host), since ``$WhatIfPreference``
        would reach them too. ``-Confirm:$false`` changes nothing a port does: it never asks."""
        options = []
        if values.get("WhatIf", "False") != "False":
            if values["WhatIf"] != "True":
                raise _Untranslatable("-WhatIf with a computed value on a script function")
            if any(
                self.metadata_or_none(c) is not None or _name_of(c) not in _HOST_WRITERS
                for c in _outside_should_process(node)
            ):
                raise _Untranslatable("-WhatIf on a script function that runs commands outside ShouldProcess")
            options.append("what_if=True")
        if values.get("Confirm", "False") != "False":
            raise _Untranslatable("-Confirm on a script function (the run asks)")
        return options

    def function_statement_call(self, call: Callable[[], str], node: ast.Node) -> None:
        """A script function called as a statement: its output streams; common parameters wrap it."""
        self.function_statement = True
        try:
            text = call()
        finally:
            self.function_statement = False
        wrapper, self.function_common = self.function_common, ""
        if not wrapper:
            self.guarded(text, node)
            return
        self.emit(wrapper)
        with self.block():
            self.guarded(text, node)

    def module_name(self, command: ast.Command) -> str:
        """``Import-Module MicrosoftTeams``: a module the emulator has (it may choose the module
        generation); importing any other is an emulator stop, which only the runner reproduces."""
        options = self.options(command, ("Name",))
        name = options.get("name")
        if not (isinstance(name, ast.Constant) and module_stem(str(name.value)) in bi.EMULATED_MODULES):
            raise _Untranslatable("Import-Module of a module cscmdlets does not emulate")
        return repr(str(name.value))

    def function_call(self, command: ast.Command, *, collected: bool = False, items: str = "") -> str:
        """A call of a script function: ``set_pin_policy(length=7, notify=False)``, whose output
        streams as it writes it; ``collected``: the arguments of ``ps.output_of`` instead
        (``set_pin_policy, length=7``); ``items``: what the pipeline gives a process block."""
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        python, node = self.function_names[name]
        if not self.in_function and name not in self.defined_functions:
            raise _Untranslatable(f"{node.name} called before its definition runs")
        metadata = bi.function_metadata(node)
        arguments, _ = self.checker.static_arguments(command, metadata)
        if items and node.body.process is None:
            raise _Untranslatable(f"{node.name} in a pipeline, without a process block")
        try:
            bind(metadata, arguments, expect_pipeline_input=bool(items))
        except PowerShellError:
            raise _Untranslatable("a function call PowerShell would reject when binding") from None
        pairs = self.pair(command, metadata)
        common = [(n, v) for n, v in pairs if n.lower() in _COMMON or metadata.parameter(n).is_common]
        pairs = [pair for pair in pairs if pair not in common]
        self.function_common = self.common_wrapper(common, node) if common else ""
        arguments_text = [*([items] if items else []), *(f"{_python_identifier(n)}={v}" for n, v in pairs)]
        return ", ".join([python, *arguments_text]) if collected else f"{python}({', '.join(arguments_text)})"

    def host_text(self, command: ast.Command) -> str:
        """Write-Host's line: its objects joined by spaces (``-NoNewline``: the line left open). A
        constant colour is the console's business (the run shows the text alone); anything else
        keeps the whole script as is."""
        metadata = bi.BUILTINS["write-host"].metadata
        values: list[str] = []
        colour: Parameter | None = None
        newline = ""
        for element in command.elements:
            if isinstance(element, ast.CommandParameter):
                colour = match_parameter(metadata, element.name)
                if colour is not None and colour.name == "NoNewline" and element.argument is None:
                    newline, colour = ", newline=False", None
                elif colour is None or colour.name not in _COLOURS or element.argument is not None:
                    raise _Untranslatable(f"Write-Host -{element.name}")
            elif colour is not None:
                self.constant_argument(colour, element)
                colour = None
            elif self.kind_of(element) == "text":  # already text
                values.append(self.expression(element))
            elif not isinstance(element, ast.ArrayLiteral | ast.Splat):
                values.append(f"ps.host_text({self.expression(element)})")
            else:
                raise _Untranslatable()
        if colour is not None:
            raise _Untranslatable("Write-Host with a colour but no value")
        text = values[0] if len(values) == 1 else "' '.join([" + ", ".join(values) + "])" if values else "''"
        return text + newline

    def constant_argument(self, parameter: Parameter, element: ast.Expression) -> None:
        """A constant the parameter accepts (a ConsoleColor name); anything else is left to the runner."""
        if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
            raise _Untranslatable()
        try:
            parameter.type.convert(element.value, parameter.name)
        except PowerShellError:
            raise _Untranslatable() from None

    def first_argument(self, command: ast.Command) -> str:
        """What Write-Output/-Warning/-Error/-Information write: their values, space-joined
        (Write-Information is ported only with ``-InformationAction Continue``, which shows it)."""
        values: list[str] = []
        elements = list(command.elements)
        while elements:
            element = elements.pop(0)
            if not isinstance(element, ast.CommandParameter):
                values.append(self.expression(element))
            elif element.name.lower() in ("informationaction", "infa") and element.argument is None and elements:
                elements.pop(0)
            elif element.name.lower() not in ("object", "message", "inputobject", "messagedata"):
                raise _Untranslatable(f"{command.name_text} -{element.name}")
        if len(values) == 1:
            return values[0]
        return "' '.join(ps.text(v) for v in [" + ", ".join(values) + "])"

    def loop_stage(self, node: ast.Pipeline, last: ast.Command) -> bool:
        """``… | ForEach-Object { statements }`` and ``… | Set-…``: a ``for`` loop."""
        name = _ALIASES.get(last.name_text.lower(), last.name_text.lower())
        metadata = self.metadata_or_none(last)
        if name != "foreach-object" and metadata is None:
            return False
        stages = list(node.elements[:-1])
        last_stage = stages[-1] if len(stages) > 1 else None
        where = last_stage if isinstance(last_stage, ast.Command) and _is_where(last_stage) else None
        if where is not None:
            stages.pop()
        source, kind = self.piped(stages)
        if metadata is not None and source == "[None]":
            raise _Untranslatable("$null piped to a cmdlet (its binding error)")
        begin, process, end = self.foreach_blocks(last) if metadata is None else ((), (), ())
        self.block_statements(begin)
        item = self.item_name(stages[0], source, avoid=_assigned_names(node))
        saved, had = self.scope.item, self.scope.defined.get(item)
        self.scope.item = item
        self.scope.defined[item] = _item_kind(kind)
        self.emit(f"for {item} in {source}:")
        with self.block():
            if where is not None:  # `… | Where-Object {…} | Set-…`: skip the items the filter drops
                self.emit(f"if {_negated(self.filter_condition(where, item))}:")
                with self.block():
                    self.emit("continue")
            if metadata is not None:
                self.guarded(self.cmdlet_call(last, metadata, piped=item), last)
            else:
                self.block_statements(process)
        self.scope.item = saved
        if had is None:  # the loop's variable is the port's, not the script's: gone after the loop
            self.scope.defined.pop(item, None)
        else:
            self.scope.defined[item] = had
        self.block_statements(end)
        return True

    def fresh(self, name: str) -> str:
        """``name``, or ``name_`` if the script has a variable called so (a loop or helper variable
        of the port must not overwrite the script's own)."""
        while name in self.taken:
            name += "_"
        return name

    def item_name(self, first: ast.Command | ast.CommandExpression, source: str, *, avoid: set[str]) -> str:
        """The loop variable: ``user`` for Get-…User, ``row`` for Import-Csv, else from the source;
        ``user_`` when the script's own ``$user`` is set already or inside the loop."""
        name = self.plain_item_name(first, source)
        while name in self.scope.defined or name in avoid:
            name += "_"
        return name

    def plain_item_name(self, first: ast.Command | ast.CommandExpression, source: str) -> str:
        if isinstance(first, ast.Command):
            metadata = self.metadata_or_none(first)
            if metadata is not None:
                word = re.findall(r"[A-Z][a-z]+", metadata.noun)[-1:]
                name = _python_identifier(word[0]) if word else "item"
                return "setting" if name == "settings" else name
            if _ALIASES.get(first.name_text.lower(), first.name_text.lower()) == "import-csv":
                return "row"
        return _singular(source)

    def foreach_blocks(self, command: ast.Command) -> tuple[Sequence[ast.Statement], ...]:
        """ForEach-Object's ``{ … }`` (the process block) or ``-Begin {…} -Process {…} -End {…}``."""
        elements = command.elements
        if len(elements) == 1 and isinstance(elements[0], ast.ScriptBlockExpression):
            return (), elements[0].block.statements, ()
        options = self.options(command, ("Begin", "Process", "End"))
        blocks = {name: value for name, value in options.items() if isinstance(value, ast.ScriptBlockExpression)}
        if len(blocks) != len(options) or "process" not in blocks:
            raise _Untranslatable("ForEach-Object without a process script block")
        return tuple(blocks[name].block.statements if name in blocks else () for name in ("begin", "process", "end"))

    def block_statements(self, statements: Sequence[ast.Statement]) -> None:
        """The statements of a script block run in the pipeline (``return`` there leaves the block)."""
        self.in_block += 1
        loops, self.loops = self.loops, 0
        try:
            self.statements(statements)
        finally:
            self.in_block -= 1
            self.loops = loops

    def pipeline_value(self, node: ast.Pipeline) -> tuple[str, str]:
        return self.stages(node.elements)

    def stages(
        self, elements: Sequence[ast.Command | ast.CommandExpression], *, redirected: bool = False
    ) -> tuple[str, str]:
        if not redirected and len(elements) == 1 and _merges_errors(elements[0]):
            return self.errors_as_output(elements[0]), "output"
        if not redirected and any(element.redirections for element in elements):
            raise _Untranslatable("a redirection inside an expression")
        first = elements[0]
        if isinstance(first, ast.CommandExpression):
            value, kind = self.expression(first.expression), self.kind_of(first.expression)
            if len(elements) > 1:
                value, kind = self.sent(first.expression, value, kind)
        else:
            value, kind = self.source_command(first)
        for stage in elements[1:]:
            if not isinstance(stage, ast.Command):
                raise _Untranslatable()
            value, kind = self.stage(stage, value, kind)
        return value, kind

    def piped(self, elements: Sequence[ast.Command | ast.CommandExpression]) -> tuple[str, str]:
        """What the elements before a command send it: their output, item by item."""
        value, kind = self.stages(elements)
        first = elements[0]
        if len(elements) == 1 and isinstance(first, ast.CommandExpression):
            return self.sent(first.expression, value, kind)
        if not value.startswith("[") and kind not in ("list", "rows", "models"):
            return f"ps.as_list({value})", kind
        return value, kind

    def sent(self, expression: ast.Expression, value: str, kind: str) -> tuple[str, str]:
        """An expression's value sent down a pipeline or into ``@()``: a list item by item, one
        value as one object (about_Pipelines). A variable holding ``$null`` sends the ``$null``,
        one set from a command that wrote nothing sends nothing (everything-about-null,
        "Enumerable null"); the port knows which from what it assigned last, or keeps the script."""
        nulled = isinstance(expression, ast.Variable) and value in self.nulled
        if nulled and kind in ("list", "rows", "models"):  # `$x = $null` further on, which a loop may bring here
            return f"ps.items_of({value})", _ENUMERATED.get(kind, "output")
        if value.startswith("[") or kind in ("list", "rows", "models"):
            return value, kind
        if isinstance(expression, ast.Variable):
            if kind == "null":
                return "[None]", "output"
            if kind not in _NONE_IS_NOTHING:
                raise _Untranslatable("a variable that may hold $null sent down a pipeline or into @()")
            flag = self.scope.flags.get(value)
            if flag:  # unset, as PowerShell leaves it, if the statement first setting it failed
                return f"(ps.as_list({value}) if {flag} else [None])", "output"
            if value in self.unset_if_failed:
                raise _Untranslatable("a variable that may be unset sent down a pipeline or into @()")
            if nulled:
                if kind not in _NEVER_NULL:
                    raise _Untranslatable("a variable that may hold $null sent down a pipeline or into @()")
                return f"ps.items_of({value})", _ENUMERATED.get(kind, "output")
        if isinstance(expression, ast.Member):  # a property read sends its $null, as the runner does
            return f"ps.items_of({value})", _ENUMERATED.get(kind, "output")
        return f"ps.as_list({value})", _ENUMERATED.get(kind, "output")

    def errors_as_output(self, command: ast.Command | ast.CommandExpression) -> str:
        """``$result = Set-… 2>&1``: the cmdlet's output, then the error records it wrote, as
        output objects instead of shown (about_Redirection). Not when Stop makes its errors
        terminating (those are not redirected), nor with ``-ErrorAction`` of its own."""
        metadata = self.metadata_or_none(command) if isinstance(command, ast.Command) else None
        if metadata is None or self.stop_on_error or self.silences_errors or self.track_status:
            raise _Untranslatable("errors merged into the output (2>&1) here")
        assert isinstance(command, ast.Command)
        if self.error_action(command):
            raise _Untranslatable("errors merged into the output (2>&1) of a call with -ErrorAction")
        call = self.cmdlet_call(command, metadata)
        silenced = call[:-1] + ("" if call.endswith("()") else ", ") + "error_action='SilentlyContinue')"
        return f"ps.errors_as_output({silenced})"

    def source_command(self, command: ast.Command) -> tuple[str, str]:
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        if name == "import-csv":
            options = self.options(command, ("Path", "LiteralPath", "Encoding", "Delimiter"))
            delimiter = f", delimiter={self.expression(options['delimiter'])}" if "delimiter" in options else ""
            return f"ps.import_csv({self.path_option(options)}{delimiter})", "rows"
        source = _SOURCES.get(name)
        if source is not None:
            return source(self, command)
        if name in _BUILTIN_SOURCES:
            return self.builtin_stage(command, name, ""), "output"
        if name in self.function_names:  # its output, gathered as `$x = Get-Thing` gathers it
            return f"ps.output_of({self.function_call(command, collected=True)})", "output"
        metadata = self.metadata_or_none(command)
        if metadata is None:
            raise _Untranslatable(_command_reason(command))
        return self.cmdlet_call(command, metadata), "models"

    def path_option(self, options: dict[str, ast.Expression]) -> str:
        path = options.get("path", options.get("literalpath"))
        if path is None or isinstance(path, ast.ArrayLiteral):
            raise _Untranslatable("a file command without one path")
        return self.expression(path)

    def get_content(self, command: ast.Command) -> tuple[str, str]:
        options = self.options(command, ("Path", "LiteralPath", "Raw"))
        if "raw" in options:  # the whole text, one string
            return f"ps.get_content({self.path_option(options)}, raw=True)", ""
        return f"ps.get_content({self.path_option(options)})", "output"

    def test_path(self, command: ast.Command) -> tuple[str, str]:
        options = self.options(command, ("Path", "LiteralPath", "PathType"))
        kind = f", path_type={self.expression(options['pathtype'])}" if "pathtype" in options else ""
        return f"ps.test_path({self.path_option(options)}{kind})", ""

    def join_path(self, command: ast.Command) -> tuple[str, str]:
        options = self.options(command, ("Path", "ChildPath"))
        if "childpath" not in options:
            raise _Untranslatable("Join-Path without -ChildPath")
        return f"ps.join_path({self.path_option(options)}, {self.expression(options['childpath'])})", ""

    def get_date(self, command: ast.Command) -> tuple[str, str]:
        """``Get-Date`` and ``Get-Date -Format …`` in Python; other parameters (``-UFormat``,
        ``-Date``…) through the runner's handler."""
        try:
            options = self.options(command, ("Format",))
        except _Untranslatable:
            return self.builtin_stage(command, "get-date", ""), "output"
        return (f"ps.date_text({self.expression(options['format'])})" if options else "ps.now()"), ""

    def is_function(self, command: ast.Command) -> bool:
        return _ALIASES.get(command.name_text.lower(), command.name_text.lower()) in self.function_names

    def stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        if name in self.function_names:
            return f"ps.output_of({self.function_call(command, collected=True, items=source)})", "output"
        handler = _STAGES.get(name)
        if name in _BUILTIN_STAGES and (handler is None or not self.is_simple_stage(command)):
            return self.builtin_stage(command, name, source), "output"
        if handler is None:
            raise _Untranslatable(_command_reason(command, "in a pipeline"))
        return handler(self, command, source, kind)

    def is_simple_stage(self, command: ast.Command) -> bool:
        """Select-Object/Sort-Object of plain property names, which Python's comprehensions and
        ``ps.sort`` express; a calculated property or another option takes the builtin's helper."""
        try:
            self.options(command, ("First", "Last", "ExpandProperty", "Property", "Skip", "Descending"))
        except _Untranslatable:
            return False
        properties = [e for e in command.elements if not isinstance(e, ast.CommandParameter)]
        return all(isinstance(p, ast.Constant) and str(p.value).isidentifier() for e in properties for p in _items(e))

    def builtin_stage(self, command: ast.Command, name: str, source: str) -> str:
        """``… | Group-Object BridgeName``: ``ps.group_object(items, property='BridgeName')``,
        the runner's own handler bound by the builtin's metadata."""
        metadata = bi.BUILTINS[name].metadata
        arguments, certain = self.checker.static_arguments(command, metadata)
        try:
            bind(metadata, arguments, expect_pipeline_input=bool(source))
        except PowerShellError:
            raise _Untranslatable(f"a {metadata.name} call PowerShell would reject when binding") from None
        if not certain:
            raise _Untranslatable(f"{metadata.name} with arguments known only when it runs")
        pairs = self.pair(command, metadata)
        if name == "new-object":
            self.constructible(pairs)
        keywords = [f"{metadata.parameter(n).python_name}={v}" for n, v in pairs]
        helper = _BUILTIN_STAGES.get(name) or _BUILTIN_SOURCES[name]
        return f"ps.{helper}({', '.join([source, *keywords] if source else keywords)})"

    def constructible(self, pairs: Sequence[tuple[str, str]]) -> None:
        """New-Object of a type the runner constructs; another is an emulator stop, kept as such."""
        type_name = next((value for name, value in pairs if name == "TypeName"), "")
        try:
            known = constructor_key(python_ast.literal_eval(type_name)) in CONSTRUCTORS
        except (ValueError, SyntaxError):
            known = False
        if not known:
            raise _Untranslatable(f"New-Object {type_name.strip(chr(39))}, which cscmdlets does not emulate")

    def where_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        item = _singular(source)
        with self.item_scope(item, kind):
            condition = self.filter_condition(command, item)
        return f"[{item} for {item} in {source} if {condition}]", kind

    def filter_condition(self, command: ast.Command, item: str) -> str:
        elements = command.elements
        if len(elements) == 1 and isinstance(elements[0], ast.ScriptBlockExpression):
            statements = elements[0].block.statements
            if len(statements) != 1:
                raise _Untranslatable("a Where-Object block of several statements")
            return self.condition_test(statements[0])
        if len(elements) == 1 and isinstance(elements[0], ast.Constant):  # `Where-Object Enabled`: its truth
            return f"ps.true({self.member_of(item, str(elements[0].value))})"
        if len(elements) == 3 and isinstance(elements[1], ast.CommandParameter):
            prop = _only(elements[0])
            op = elements[1].name.lower()
            if not isinstance(prop, ast.Constant) or op not in ("eq", "ne", "like", "gt", "lt", "ge", "le"):
                raise _Untranslatable()
            left = self.member_of(item, str(prop.value))
            return self.comparison(op, left, self.expression(_only(elements[2])), elements[2])
        raise _Untranslatable()

    def foreach_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        item = _singular(source)
        elements = command.elements
        if len(elements) == 1 and isinstance(elements[0], ast.Constant):
            return f"[{self.member_of_kind(item, str(elements[0].value), _item_kind(kind))} for {item} in {source}]", ""
        if len(elements) != 1 or not isinstance(elements[0], ast.ScriptBlockExpression):
            raise _Untranslatable()
        with self.item_scope(item, kind):
            value = self.block_expression(elements[0])
        if value.startswith("ps.output_of("):  # a function's outputs, none or several per item: unrolled
            return f"[found for {item} in {source} for found in {value}]", ""
        return f"[{value} for {item} in {source}]", ""

    def select_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        options = self.options(command, ("First", "Last", "ExpandProperty", "Property", "Skip"))
        if "expandproperty" in options:
            item = _singular(source)
            return (
                f"[{self.member_of_kind(item, _text(options['expandproperty']), _item_kind(kind))} for {item} in "
                f"{source}]",
                "",
            )
        value = source
        if "property" in options:
            names = [_text(n) for n in _items(options["property"])]
            item = _singular(source)
            fields = ", ".join(
                f"{n}={self.member_of_kind(item, n, _item_kind(kind))}" for n in names if n.isidentifier()
            )
            value = f"[ps.Object({fields}) for {item} in {value}]"
            kind = "rows"
        if "skip" in options:
            value = f"{value}[{self.expression(options['skip'])}:]"
        if "first" in options:
            value = f"{value}[:{self.expression(options['first'])}]"
        if "last" in options:
            value = f"{value}[-{self.expression(options['last'])}:]"
        return value, kind

    def sort_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        options = self.options(command, ("Property", "Descending"))
        if "property" in options and len(_items(options["property"])) > 1:  # ties broken by the next: the builtin's
            return self.builtin_stage(command, "sort-object", source), "output"
        item = _singular(source)
        key = ""
        if "property" in options:
            key = f", key=lambda {item}: {self.member_of_kind(item, _text(options['property']), _item_kind(kind))}"
        reverse = ", descending=True" if "descending" in options else ""
        return f"ps.sort({source}{key}{reverse})", kind  # PowerShell's order: text case-insensitively

    def export_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        options = self.options(command, ("Path", "NoTypeInformation", "Append", "Encoding", "Delimiter"))
        append = ", append=True" if "append" in options else ""
        if "delimiter" in options:
            append += f", delimiter={self.expression(options['delimiter'])}"
        return f"ps.export_csv({source}, {self.expression(options['path'])}{append})", "none"

    def table_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        options = self.options(command, ("Property", "AutoSize"))
        columns = "".join(f", {_text(n)!r}" for n in _items(options["property"])) if "property" in options else ""
        return f"ps.table({source}{columns})", "text"

    def out_file_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        options = self.options(command, ("FilePath", "Append", "Encoding", "Force"))
        if "filepath" not in options:
            raise _Untranslatable()
        append = ", append=True" if "append" in options else ""
        return f"ps.out_file({source}, {self.expression(options['filepath'])}{append})", "none"

    def content_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        """``… | Set-Content -Path x``: the piped values, a line each."""
        options = self.options(command, ("Path", "LiteralPath"))
        append = "" if command.name_text.lower() == "add-content" else ", append=False"
        return f"ps.add_content({self.path_option(options)}, {source}{append})", "none"

    def null_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        return source, "none"

    def options(self, command: ast.Command, names: Sequence[str]) -> dict[str, ast.Expression]:
        """A builtin's arguments by parameter (lower-cased), bound by its own metadata's rules."""
        metadata = bi.BUILTINS[_ALIASES.get(command.name_text.lower(), command.name_text.lower())].metadata
        found: dict[str, ast.Expression] = {}
        pending: Parameter | None = None
        positional = [p for p in metadata.parameters if p.position is not None]
        for element in command.elements:
            if isinstance(element, ast.CommandParameter):
                parameter = match_parameter(metadata, element.name)
                if parameter is None or parameter.name not in names:
                    raise _Untranslatable(f"{command.name_text} -{element.name}")
                if parameter.is_switch or element.argument is not None:
                    found[parameter.name.lower()] = element.argument or ast.Variable(element.extent, "true")
                else:
                    pending = parameter
            elif pending is not None:
                found[pending.name.lower()], pending = element, None
            elif positional:
                found[positional.pop(0).name.lower()] = element
            else:
                raise _Untranslatable()
        return found

    # --- cmdlet calls --------------------------------------------------------------------------------

    def cmdlet_call(self, command: ast.Command, metadata: CommandMetadata, piped: str = "") -> str:
        """``cs.python_name(positional, keyword=value…)``, paired by the cmdlet's metadata."""
        arguments, certain = self.checker.static_arguments(command, metadata)
        try:
            bind(metadata, arguments, expect_pipeline_input=bool(piped))
        except PowerShellError:
            raise _Untranslatable(f"a {metadata.name} call PowerShell would reject when binding") from None
        if not certain:
            raise _Untranslatable(f"{metadata.name} with arguments known only when it runs")
        pairs = self.error_variable(self.pair(command, metadata))
        if piped:
            from_item = self.piped_pairs(metadata, pairs, piped)
            if not from_item:  # the runner writes InputObjectNotBound for each object instead
                raise _Untranslatable(f"input {metadata.name} cannot bind to any parameter")
            pairs += from_item
        call = f"cs.{metadata.python_name}({', '.join(self.render_pairs(metadata, pairs))})"
        return f"ps.track({call})" if self.track_status else call

    def error_variable(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """``-ErrorAction SilentlyContinue -ErrorVariable problem``: the call's error records go to
        ``problem`` (``ps.with_errors``), in a statement of its own; the pairs without it."""
        named = [value for name, value in pairs if name == "ErrorVariable"]
        if not named:
            return pairs
        action = next((value for name, value in pairs if name == "ErrorAction"), "")
        if not self.error_variable_allowed or action.lower() != "'silentlycontinue'":
            raise _Untranslatable("-ErrorVariable outside an assignment or command statement, or shown errors")
        variable = named[0].strip("'\"")
        if not variable.isidentifier():
            raise _Untranslatable(f"-ErrorVariable {variable}")
        self.captured_errors = self.variable_name(variable)
        return [(name, value) for name, value in pairs if name != "ErrorVariable"]

    def with_errors(self, call: str, node: ast.Node, then: str) -> None:
        """A call whose errors a variable keeps: ``result, problem = ps.with_errors(call)`` then ``then``."""
        variable, self.captured_errors = self.captured_errors, ""
        if variable not in self.scope.defined:
            self.emit(f"{variable} = []")
        self.scope.defined[variable] = "list"
        result = self.fresh("result")
        self.guarded([f"{result}, {variable} = ps.with_errors({call})", then.format(result=result)], node)

    @contextmanager
    def error_variable_statement(self) -> Iterator[None]:
        """The cmdlet call being ported is a statement's whole value: -ErrorVariable can be kept."""
        self.error_variable_allowed = True
        try:
            yield
        finally:
            self.error_variable_allowed = False

    def pair(self, command: ast.Command, metadata: CommandMetadata) -> list[tuple[str, str]]:
        """(PowerShell parameter name, Python value) in command-line order."""
        pairs: list[tuple[str, str]] = []
        elements = list(command.elements)
        positional = list(metadata.positional_parameters)
        index = 0
        while index < len(elements):
            element = elements[index]
            index += 1
            if isinstance(element, ast.Splat):
                pairs.append(("**", f"ps.kwargs({metadata.name!r}, {self.variable_name(element.name)})"))
                continue
            if not isinstance(element, ast.CommandParameter):
                parameter = next(p for p in positional if p.name not in {n for n, _ in pairs})
                pairs.append((parameter.name, self.expression(element)))
                continue
            matched = match_parameter(metadata, element.name)
            if matched is None:
                raise _Untranslatable()
            parameter = matched
            if element.argument is not None:
                pairs.append((parameter.name, self.expression(element.argument)))
            elif parameter.is_switch:
                pairs.append((parameter.name, "True"))
            else:
                pairs.append((parameter.name, self.expression(_only(elements[index]))))
                index += 1
        return pairs

    def piped_pairs(self, metadata: CommandMetadata, pairs: list[tuple[str, str]], item: str) -> list[tuple[str, str]]:
        bound = {name for name, _ in pairs}
        kind = self.scope.defined.get(item, "")
        return [
            (p.name, self.member_of_kind(item, p.name, kind))
            for p in metadata.parameters
            if p.from_pipeline_by_property_name and p.name not in bound
        ]

    def render_pairs(self, metadata: CommandMetadata, pairs: list[tuple[str, str]]) -> list[str]:
        first = metadata.positional_parameters[:1]
        rendered: list[str] = []
        for name, value in sorted(pairs, key=lambda pair: 0 if first and pair[0] == first[0].name else 1):
            if name == "**":
                rendered.append(f"**{value}")
            elif first and name == first[0].name:
                rendered.append(value)
            else:
                parameter = metadata.parameter(name)
                key = _COMMON.get(name.lower(), parameter.python_name)
                if key in ("what_if", "confirm"):
                    raise _Untranslatable("-WhatIf/-Confirm (the runner's dry run writes What if: lines)")
                rendered.append(f"{key}={value}")
        return rendered

    # --- expressions ----------------------------------------------------------------------------------

    def expression(self, node: ast.Expression | ast.CommandParameter) -> str:
        if isinstance(node, ast.CommandParameter):
            raise _Untranslatable()
        handler = _EXPRESSIONS.get(type(node))
        if handler is None:
            raise _Untranslatable(f"a {type(node).__name__} expression")
        return handler(self, node)

    def constant(self, node: ast.Constant) -> str:
        return repr(node.value)

    def expandable(self, node: ast.ExpandableString) -> str:
        parts = []
        for part in node.parts:
            if isinstance(part, str):
                parts.append(
                    part.replace("{", "{{")
                    .replace("}", "}}")
                    .replace("\\", "\\\\")
                    .replace('"', '\\"')
                    .replace("\n", "\\n")
                )
            else:
                inner = (
                    part.statements[0] if isinstance(part, ast.SubExpression) and len(part.statements) == 1 else None
                )
                value = self.value_of(inner)[0] if inner is not None else self.expression(part)
                parts.append("{ps.text(" + value + ")}")  # a list joins with spaces, $null is empty
        return 'f"' + "".join(parts) + '"'

    def variable(self, node: ast.Variable) -> str:
        lowered = node.name.lower()
        if node.scope == "env":
            return f"os.environ.get({node.name!r})"
        if node.scope.lower() == "script":
            return self.script_variable(node)
        if node.scope:
            raise _Untranslatable(f"the ${node.scope}: variable ${node.name}")
        constants = {"true": "True", "false": "False", "null": "None"}
        if lowered in constants:
            return constants[lowered]
        if lowered in ("_", "psitem"):
            if not self.scope.item:
                raise _Untranslatable()
            return self.scope.item
        automatic = self.automatic_variable(lowered)
        if automatic is not None:
            return automatic
        name = self.variable_name(node.name)
        if name not in self.scope.defined:
            raise _Untranslatable(f"${node.name}, set by an untranslated statement")
        return name

    def automatic_variable(self, lowered: str) -> str | None:
        """``$PSScriptRoot`` and ``$PSCommandPath`` as ``cscmdlets run`` sets them for the script
        path given to the porter; ``$Matches``, which ``-match`` sets (about_Automatic_Variables)."""
        if self.variable_name(lowered) in self.scope.defined:
            return None
        if lowered == "psscriptroot":
            return repr(str(Path(self.script_name).parent) if self.script_name else "")
        if lowered == "pscommandpath":
            return repr(self.script_name)
        if lowered == "matches":
            return "ps.matches()"
        if lowered == "myinvocation" and not self.in_function:
            return f"ps.script_invocation({self.script_name!r})"
        if lowered == "?":
            if not self.status_tracked:
                raise _Untranslatable("$? other than just after a cmdlet call")
            return "ps.succeeded()"
        return None

    def variable_name(self, name: str) -> str:
        return _python_identifier(name)

    def array(self, node: ast.ArrayLiteral) -> str:
        return "[" + ", ".join(self.expression(item) for item in node.items) + "]"

    def array_expression(self, node: ast.ArrayExpression) -> str:
        if not node.statements:
            return "[]"
        if len(node.statements) == 1:
            value, kind = self.value_of(node.statements[0])
            only = node.statements[0]
            if _is_lone_expression(only):
                return self.sent(only.elements[0].expression, value, kind)[0]  # type: ignore[union-attr]
            return value if value.startswith("[") else f"ps.as_list({value})"
        if not all(isinstance(statement, ast.Pipeline) for statement in node.statements):
            raise _Untranslatable("@() around statements other than pipelines")
        # `@( a \n b )`: what each statement outputs, one list
        return "[" + ", ".join(f"*ps.as_list({self.value_of(s)[0]})" for s in node.statements) + "]"

    def paren(self, node: ast.Paren) -> str:
        value, kind = self.value_of(node.statement)
        return f"ps.value({value})" if kind == "output" else f"({value})"

    def subexpression(self, node: ast.SubExpression) -> str:
        if len(node.statements) != 1:
            raise _Untranslatable()
        return f"({self.value_of(node.statements[0])[0]})"

    def hashtable(self, node: ast.HashLiteral) -> str:
        entries = []
        for key, value in node.entries:
            entries.append(f"{self.expression(key)}: {self.value_of(value)[0]}")
        return "ps.hashtable({" + ", ".join(entries) + "})"

    def cast(self, node: ast.Cast) -> str:
        name = node.type_name.lower()
        if name == "pscustomobject" and isinstance(node.operand, ast.HashLiteral):
            fields = []
            for key, value in node.operand.entries:
                if not (isinstance(key, ast.Constant) and str(key.value).isidentifier()):
                    raise _Untranslatable()
                fields.append(f"{key.value}={self.value_of(value)[0]}")
            return f"ps.Object({', '.join(fields)})"
        if name in ("int", "bool", "double", "long", "datetime"):  # PowerShell's conversions and errors
            return f"ps.cast({self.expression(node.operand)}, {name!r})"
        simple = {"string": "ps.text", "void": "ps.void"}
        if name not in simple:
            raise _Untranslatable()
        return f"{simple[name]}({self.expression(node.operand)})"

    def null_conditional(self, node: ast.Member | ast.InvokeMember | ast.Index) -> str:
        """``${x}?.Name``, ``${x}?.M()``, ``${x}?[0]``: ``None`` when ``$x`` is $null, the access
        (and its arguments) computed only otherwise (about_Operators); on a variable only, which
        Python can test and read again without running anything twice."""
        if not isinstance(node.target, ast.Variable):
            raise _Untranslatable("a null-conditional access (?. or ?[]) on a computed value")
        access = self.expression(dataclasses.replace(node, null_conditional=False))
        return f"(None if {self.expression(node.target)} is None else {access})"

    def member(self, node: ast.Member) -> str:
        if node.null_conditional:
            return self.null_conditional(node)
        if not node.static and not isinstance(node.member, ast.Constant):  # `$settings.$name`
            return f"ps.prop({self.expression(node.target)}, ps.text({self.expression(node.member)}))"
        if node.static or not isinstance(node.member, ast.Constant):
            raise _Untranslatable("a static member")
        name = str(node.member.value)
        target = self.expression(node.target)
        if name.lower() == "count":
            return f"ps.count({target})"
        if name.lower() == "length":
            return f"ps.length({target})"
        kind = self.kind_of(node.target)
        return self.member_of_kind(target, name, kind)

    def member_of(self, item: str, name: str) -> str:
        return self.member_of_kind(item, name, self.scope.defined.get(item, ""))

    def member_of_kind(self, target: str, name: str, kind: str) -> str:
        if target == "error" and self.scope.item == "error":
            return {
                "exception": "error",
                "fullyqualifiederrorid": "error.fully_qualified_error_id",
                "message": "str(error)",
            }.get(name.lower(), f"ps.prop(error.error_record, {name!r})")
        field = _model_fields().get(name.lower())
        if kind == "model" and field:
            return f"{target}.{field}"
        if kind == "row" and name.isidentifier():
            return f"{target}.{name}"
        return f"ps.prop({target}, {name!r})"

    def invoke(self, node: ast.InvokeMember) -> str:
        if node.null_conditional:
            return self.null_conditional(node)
        if node.static and isinstance(node.target, ast.TypeLiteral) and isinstance(node.member, ast.Constant):
            return self.static_call(node.target.type_name, str(node.member.value), node.arguments)
        if node.static or not isinstance(node.member, ast.Constant):
            raise _Untranslatable("a static or dynamic method call")
        name = str(node.member.value).lower()
        if isinstance(node.target, ast.Variable) and node.target.name.lower() == "pscmdlet" and not node.target.scope:
            return self.pscmdlet_method(name, node.arguments)
        if name == "message" or (isinstance(node.target, ast.Member) and self.scope.item == "error"):
            raise _Untranslatable("a method of an error record")
        target = self.expression(node.target)
        args = [self.expression(a) for a in node.arguments]
        if name in _STRING_METHODS and self.kind_of(node.target) == "text" and len(args) in _STRING_ARITY[name]:
            return f"{target}.{_STRING_METHODS[name]}({', '.join(args)})"
        # PowerShell's method table for the value's kind (a string's Split, a hashtable's ContainsKey…)
        return f"ps.call({', '.join([target, repr(str(node.member.value)), *args])})"

    def pscmdlet_method(self, name: str, arguments: Sequence[ast.Expression]) -> str:
        """``$PSCmdlet.ShouldProcess(target[, action[, caption]])`` and ``$PSCmdlet.WriteError(record)``
        in an advanced function or script (about_Functions_CmdletBindingAttribute): ShouldProcess
        is ``$true`` in a port (:func:`.ported.should_process`) unless the command's ConfirmImpact
        is High, when the run asks; WriteError writes the record as the command's error."""
        command = self.pscmdlet_owner()
        args = [self.expression(argument) for argument in arguments]
        if name == "shouldprocess" and 1 <= len(args) <= 3:
            if command.confirm_impact >= ConfirmImpact.HIGH:
                raise _Untranslatable("$PSCmdlet.ShouldProcess in a command of ConfirmImpact High (the run asks)")
            return f"ps.should_process({', '.join([repr(command.name), *args])})"
        if name == "writeerror" and len(args) == 1 and not self.stop_on_error:
            return f"ps.cmdlet_write_error({command.name!r}, {args[0]})"
        raise _Untranslatable(f"$PSCmdlet.{name}() here")

    def pscmdlet_throw(self, node: ast.InvokeMember, statement: ast.Pipeline) -> None:
        """``$PSCmdlet.ThrowTerminatingError(record)`` as a statement: the error leaves the
        function whatever its statements' preferences say, and is statement-terminating for the
        caller (the call's ``ps.continue_on_error``); in an advanced script it ends the script."""
        command = self.pscmdlet_owner()
        if len(node.arguments) != 1 or self.silences_errors or self.guards(statement):
            raise _Untranslatable("$PSCmdlet.ThrowTerminatingError() here")
        self.emit(f"raise ps.cmdlet_error({command.name!r}, {self.expression(node.arguments[0])})")

    def pscmdlet_owner(self) -> CommandMetadata:
        """The command whose ``$PSCmdlet`` the code being ported reads: the innermost function when
        it is advanced, else the script when it is (named by its file, as the runner names it)."""
        if self.function_nodes:
            function = self.function_nodes[-1]
            if not bi.is_advanced(function.body):
                raise _Untranslatable("$PSCmdlet in a function that is not advanced")
            return bi.function_metadata(function)
        if not bi.is_advanced(self.script.block):
            raise _Untranslatable("$PSCmdlet in a script that is not advanced")
        name = Path(self.script_name).name if self.script_name else "script"
        own = bi.function_metadata(ast.FunctionDefinition(self.script.block.extent, name, self.script.block))
        return dataclasses.replace(own, name=name)

    def static_call(self, type_name: str, name: str, arguments: Sequence[ast.Expression]) -> str:
        """``[string]::IsNullOrEmpty($x)``: one of the .NET calls the runner has (any other is an emulator stop)."""
        if not has_static_method(type_name, name):
            raise _Untranslatable(f"the .NET call [{type_name}]::{name}()")
        args = [self.expression(a) for a in arguments]
        return f"ps.static({', '.join([repr(type_name), repr(name), *args])})"

    def index(self, node: ast.Index) -> str:
        """``$x[0]``, ``$table['key']``: ``$null`` past the end or for a missing key, as PowerShell gives it."""
        if node.null_conditional:
            return self.null_conditional(node)
        return f"ps.item({self.expression(node.target)}, {self.expression(node.index)})"

    def unary(self, node: ast.Unary) -> str:
        if node.op in ("-not", "!"):
            return f"not {self.truth(node.operand)}"
        if node.op == "-":
            return f"-{self.expression(node.operand)}"
        raise _Untranslatable(f"the {node.op} operator here")

    def binary(self, node: ast.Binary) -> str:
        if node.op in ("is", "isnot") and isinstance(node.right, ast.TypeLiteral):  # `$r -is [ErrorRecord]`
            return f"ps.op({node.op!r}, {self.expression(node.left)}, {node.right.type_name!r})"
        left, right = self.expression(node.left), self.expression(node.right)
        if node.op == "??":
            return self.coalesce(node.left, left, right)
        if node.op in ("and", "or"):
            return f"({self.truth(node.left)} {node.op} {self.truth(node.right)})"
        if node.op in ("+", "-", "*", "/", "%"):  # PowerShell's: a list plus an item, a string times a count
            return f"ps.op({node.op!r}, {left}, {right})"
        if node.op == "join":
            return f"{right}.join(ps.text(v) for v in ps.as_list({left}))"  # one value joins alone
        if node.op == "f":
            values = right[1:-1] if isinstance(node.right, ast.ArrayLiteral) else right
            return f"ps.fmt({left}, {values})"
        if node.op in ("contains", "notcontains", "in", "notin"):
            container, item = (left, right) if node.op in ("contains", "notcontains") else (right, left)
            negation = "not " if node.op.startswith("not") else ""
            return f"({negation}any(ps.eq(v, {item}) is True for v in {container}))"
        return self.comparison(node.op, left, right, node.right)

    def coalesce(self, left_node: ast.Expression, left: str, right: str) -> str:
        """``a ?? b``: ``b`` computed only when ``a`` is $null (about_Operators); a left side
        other than a variable is computed once, by ``ps.coalesce``."""
        if isinstance(left_node, ast.Variable):
            return f"({left} if {left} is not None else {right})"
        return f"ps.coalesce({left}, lambda: {right})"

    def ternary(self, node: ast.Ternary) -> str:
        """``c ? a : b``: Python's conditional, which also computes one branch only."""
        test = self.truth(node.condition)
        return f"({self.expression(node.if_true)} if {test} else {self.expression(node.if_false)})"

    def comparison(self, op: str, left: str, right: str, right_node: Any) -> str:
        if op == "like":
            return f"ps.like({left}, {right})"
        if op == "notlike":
            return f"not ps.like({left}, {right})"
        if op in ("match", "notmatch", "cmatch", "cnotmatch"):  # sets $Matches, as PowerShell does
            return f"ps.match({left}, {right}, {op!r})"
        if op in ("eq", "ne"):
            numeric = (isinstance(right_node, ast.Constant) and isinstance(right_node.value, int | float)) or right in (
                "True",
                "False",
                "None",
            )
            if numeric and right != "None":
                return f"{'' if op == 'eq' else 'not '}ps.eq({left}, {right})"
            if numeric:
                return (
                    f"{left} {'==' if op == 'eq' else '!='} {right}"
                    if right != "None"
                    else f"{left} is {'not ' if op == 'ne' else ''}None"
                )
            return f"{'not ' if op == 'ne' else ''}ps.eq({left}, {right})"
        if op in ("is", "isnot", "as"):
            raise _Untranslatable(f"the -{op} operator")
        # PowerShell's own: the right side converted to the left's type, -replace with .NET regexes…
        return f"ps.op({op!r}, {left}, {right})"

    def script_block(self, node: ast.ScriptBlockExpression) -> str:
        """``{ … }`` given to a builtin (a calculated property's Expression): ``ps.block`` of a
        lambda of ``$_``, or of a local function when the block has several statements."""
        block = node.block
        if block.params or block.begin is not None or block.process is not None:
            raise _Untranslatable("a script block with param or named blocks")
        with self.item_scope("item", ""):
            single = block.statements[0] if len(block.statements) == 1 else None
            if isinstance(single, ast.Pipeline):
                return f"ps.block(lambda item: {self.value_of(single)[0]})"
            return f"ps.block({self.block_function(block.statements)})"

    def block_function(self, statements: Sequence[ast.Statement]) -> str:
        """A local function of ``item`` returning what the statements output, emitted before
        the statement that uses it."""
        self.block_functions += 1
        name = f"block_{self.block_functions}"
        self.emit(f"def {name}(item):")
        with self.block():
            self.emit("with ps.collected() as output:")
            with self.block():
                self.block_statements(statements)
            self.emit("return output")
        return name

    def block_expression(self, node: ast.Expression) -> str:
        if not isinstance(node, ast.ScriptBlockExpression) or len(node.block.statements) != 1:
            raise _Untranslatable()
        return self.value_of(node.block.statements[0])[0]

    @contextmanager
    def item_scope(self, item: str, kind: str) -> Iterator[None]:
        saved, had = self.scope.item, item in self.scope.defined
        self.scope.item = item
        previous = self.scope.defined.get(item)
        self.scope.defined[item] = _item_kind(kind)
        try:
            yield
        finally:
            self.scope.item = saved
            if had:
                self.scope.defined[item] = previous or ""
            else:
                self.scope.defined.pop(item, None)

    def kind_of(self, node: ast.Expression) -> str:
        if isinstance(node, ast.Variable):
            if node.name.lower() == "null" and not node.scope:
                return "null"
            if node.name in ("_", "PSItem"):
                return self.scope.defined.get(self.scope.item, "")
            return self.scope.defined.get(self.variable_name(node.name), "")
        if isinstance(node, ast.ArrayExpression):
            return "list"
        if isinstance(node, ast.ExpandableString) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return "text"
        if isinstance(node, ast.Cast) and node.type_name.lower() == "pscustomobject":
            return "row"
        if isinstance(node, ast.InvokeMember) and node.static and _is_constant(node.member, "new"):
            return "object"
        if isinstance(node, ast.Paren | ast.SubExpression) and _runs_a_command(node):
            return "outputvalue"  # its $null is the nothing the command wrote
        return ""

    # --- functions and parameters ----------------------------------------------------------------

    def port_function(self, node: ast.FunctionDefinition) -> None:
        """A PowerShell function as a local def whose output streams as it writes it (``ps.out``),
        as the runner passes a function's output on; a caller keeping it gathers it (``ps.output_of``)."""
        python = _python_identifier(node.name)
        params = node.body.params.parameters if node.body.params else ()
        outer = self.scope
        assigned = _assigned_names(node.body) & set(outer.defined)
        if assigned:  # Python would make the name local for the whole function, before it is set
            raise _Untranslatable(f"a function that sets a script variable's name (${sorted(assigned)[0]})")
        piped = [p for p in params if _takes_pipeline(p)]
        takes_items = node.body.process is not None
        arguments = [self.parameter_signature(p, piped=takes_items) for p in params]
        if takes_items:
            self.emit(self.pipeline_parameters(node, piped))
            arguments.insert(0, f"{self.fresh('items')}=None")
        self.emit(f"def {python}({', '.join(arguments)}):")
        self.scope = _Scope({**outer.defined, **{_python_identifier(p.name): "" for p in params}})
        self.in_function, in_try, self.in_try = True, self.in_try, 0
        loops, self.loops = self.loops, 0
        labels, self.labels = self.labels, []
        own = {_python_identifier(p.name) for p in params} | _assigned_names(node.body)
        self.function_nodes.append(node)
        try:
            with self.def_body(own):
                for decl in params:  # Python computes a def's defaults once, PowerShell at each call
                    if _computed_default(decl) and not (takes_items and _takes_pipeline(decl)):
                        name = _python_identifier(decl.name)
                        self.emit(f"{name} = {self.default_value(decl)} if {name} is None else {name}")
                    elif _is_switch(decl):  # a SwitchParameter, as the runner binds it ($Force.IsPresent)
                        name = _python_identifier(decl.name)
                        self.emit(f"{name} = ps.switch({name})")
                if takes_items:
                    self.pipeline_function_body(node, piped)
                else:
                    self.statements(node.body.statements)
        finally:
            self.scope, self.in_function, self.in_try, self.loops = outer, False, in_try, loops
            self.labels = labels
            self.function_nodes.pop()

    @contextmanager
    def def_body(self, own: set[str]) -> Iterator[None]:
        """The body of the def just emitted, which sets the names ``own`` for itself; a script
        variable it sets through ``$script:`` is declared ``nonlocal`` at its top."""
        start, shared = len(self.lines), set[str]()
        self.defs.append((own, shared))
        try:
            with self.block():
                yield
                if shared:
                    self.lines.insert(start, "    " * self.depth + f"nonlocal {', '.join(sorted(shared))}")
        finally:
            self.defs.pop()

    def script_variable(self, variable: ast.Variable, *, assigned: bool = False) -> str:
        """``$script:name``: the script's own variable, a local of ``run_script`` that a def reads
        as a closure does and sets as a ``nonlocal`` (about_Scopes). Not when a def between has
        a variable of that name, nor one the script has not set yet."""
        name = self.variable_name(variable.name)
        if name not in self.script_scope.defined or any(name in own for own, _ in self.defs):
            raise _Untranslatable(f"the $script: variable ${variable.name}")
        if assigned and self.defs:
            if self.in_block:  # a ForEach-Object block may be a def of its own
                raise _Untranslatable(f"the $script: variable ${variable.name} set in a pipeline block")
            self.defs[-1][1].add(name)
        return name

    def pipeline_function_body(self, node: ast.FunctionDefinition, piped: Sequence[ast.ParameterDecl]) -> None:
        """begin, then process once per input object with its parameters bound from it (the
        runner's binder: ``ps.PipelineFunction``), then end (about_Functions_Advanced_Methods)."""
        given = ", ".join(f"{p.name}={_python_identifier(p.name)}" for p in piped)
        binding = self.fresh("binding")
        self.emit(f"{binding} = {_python_identifier(node.name)}_input.bind({given})")
        for decl in piped:  # a parameter the input binds: its default once nothing is given
            if decl.default is not None:
                name = _python_identifier(decl.name)
                self.emit(f"{name} = {self.default_value(decl)} if {name} is None else {name}")
        self.statements(node.body.begin or ())
        assert node.body.process is not None
        item, bound = self.fresh("item"), self.fresh("bound")
        self.emit(f"for {item}, {bound} in {binding}.each({self.fresh('items')}):")
        with self.block(), self.item_scope(item, ""):
            for decl in piped:
                name = _python_identifier(decl.name)
                self.emit(f"{name} = {bound}.get({decl.name!r}, {name})")
            self.statements(node.body.process)
        self.statements(node.body.statements)

    def pipeline_parameters(self, node: ast.FunctionDefinition, piped: Sequence[ast.ParameterDecl]) -> str:
        """The module-level binding table of a pipeline function: its input parameters as the
        runner declares them (type, mandatory, aliases, by value)."""
        specs = [
            f"({d.name!r}, {d.type_name or 'object'!r}, {d.is_mandatory}, {_aliases(d)!r}, {_by_value(d)})"
            for d in piped
        ]
        return f"{_python_identifier(node.name)}_input = ps.PipelineFunction({', '.join([repr(node.name), *specs])})"

    def default_value(self, decl: ast.ParameterDecl) -> str:
        """A parameter's default as Python; one the porter cannot express (``$(Read-Host 'x')``)
        keeps the whole script."""
        assert decl.default is not None
        try:
            return self.expression(decl.default)
        except _Untranslatable as why:
            self.untranslated.append((decl.extent.line, self.source.text_of(decl.extent), why.reason))
            return "None"

    def parameter_signature(self, decl: ast.ParameterDecl, *, piped: bool = False) -> str:
        name = _python_identifier(decl.name)
        if piped and _takes_pipeline(decl):  # None: not given, so the input may bind it
            return f"{name}=None"
        if decl.default is not None and not _computed_default(decl):
            return f"{name}={self.default_value(decl)}"
        unbound = _UNBOUND_DEFAULTS.get(decl.type_name.lower().removeprefix("system."))
        if unbound is not None and decl.default is None and not decl.is_mandatory:  # $null as the type
            return f"{name}={unbound}"
        return name if decl.is_mandatory else f"{name}=None"


def _is_switch(decl: ast.ParameterDecl) -> bool:
    return decl.type_name.lower().removeprefix("system.management.automation.") in ("switch", "switchparameter")


#: What an unbound optional parameter of these types holds, as Python source (see the runner's
#: ``_UNBOUND_VALUES``): '' for [string], 0 for [int], False for [bool] and [switch].
_UNBOUND_DEFAULTS = {
    "switch": "False",
    "string": "''",
    "int": "0",
    "int32": "0",
    "long": "0",
    "int64": "0",
    "double": "0.0",
    "bool": "False",
    "boolean": "False",
}


#: Operators whose port gives a Python bool already.
_BOOLEAN_OPERATORS = frozenset({"like", "notlike", "contains", "notcontains", "in", "notin", "and", "or"})


def _is_boolean(node: ast.Expression) -> bool:
    if isinstance(node, ast.Paren):
        single = ast.single_expression(node.statement)
        return single is not None and _is_boolean(single)
    if isinstance(node, ast.Binary):
        return node.op in _BOOLEAN_OPERATORS
    if isinstance(node, ast.Unary):
        return node.op in ("-not", "!")
    return isinstance(node, ast.Variable) and node.name.lower() in ("true", "false", "?")


@functools.cache
def _model_fields() -> dict[str, str]:
    """Python attribute by PowerShell property name (lower-cased), where every tenant model that
    has the property calls the attribute alike (``Type`` is ``number_type``); others read by
    ``ps.prop``."""
    found: dict[str, set[str]] = {}
    pending = [PSModel]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        for python, info in model.model_fields.items():
            found.setdefault((info.alias or python).lower(), set()).add(python)
    return {alias: next(iter(names)) for alias, names in found.items() if len(names) == 1}


def _negated(condition: str) -> str:
    """``not condition``, without a double negation."""
    return (
        condition[4:]
        if condition.startswith("not ") and " and " not in condition and " or " not in condition
        else f"not {condition}"
    )


def _command_reason(command: ast.Command, where: str = "") -> str:
    """Why a command keeps the script: the runner stops at it, or the port lacks its twin."""
    if not command.name_text:
        return "a command named by an expression or a path (the runner stops there)"
    found = bi.lookup(_ALIASES.get(command.name_text.lower(), command.name_text.lower()))
    if found is None or found.kind is bi.Kind.REFUSED:
        return f"{command.name_text}, which cscmdlets does not emulate (the run stops there)"
    return f"the builtin {command.name_text}{' ' + where if where else ''}, not translated yet"


def _may_fail(argument: ast.Node) -> bool:
    """Whether evaluating an argument can raise: arithmetic, a method call, indexing, a command."""
    return any(
        isinstance(node, ast.InvokeMember | ast.Index | ast.Command)
        or (isinstance(node, ast.Binary) and node.op in ("+", "-", "*", "/", "%"))
        for node in _walk(argument)
    )


def _is_skipped(element: ast.Command | ast.CommandExpression) -> bool:
    """A command whose job is done against the emulator (connecting, installing the module, a
    progress bar): the runner accepts it and does nothing visible, so the port leaves it out."""
    if not isinstance(element, ast.Command):
        return False
    name = _ALIASES.get(element.name_text.lower(), element.name_text.lower())
    found = bi.lookup(name)
    no_op = found is not None and found.kind is bi.Kind.NO_OP and name != "new-csonlinesession"
    return name in _SKIPPED or no_op


def _merges_errors(element: ast.Command | ast.CommandExpression) -> bool:
    """Whether the only redirection of ``element`` is ``2>&1``."""
    return len(element.redirections) == 1 and element.redirections[0].stream == "2" and element.redirections[0].merge


def _is_out_null(element: ast.Command | ast.CommandExpression) -> bool:
    return isinstance(element, ast.Command) and element.name_text.lower() == "out-null"


def _assigned_names(block: ast.Node) -> set[str]:
    """The Python names of the variables a function body or a pipeline sets (assignments, loop
    variables)."""
    found = set()
    for node in _walk(block):
        if isinstance(node, ast.Assignment) and isinstance(node.target, ast.Variable) and not node.target.scope:
            found.add(_python_identifier(node.target.name))
        elif isinstance(node, ast.ForEach):
            found.add(_python_identifier(node.variable.name))
    return found


def _takes_pipeline(decl: ast.ParameterDecl) -> bool:
    return _by_value(decl) or _flagged(decl, "valuefrompipelinebypropertyname")


def _by_value(decl: ast.ParameterDecl) -> bool:
    return _flagged(decl, "valuefrompipeline")


def _flagged(decl: ast.ParameterDecl, flag: str) -> bool:
    """``[Parameter(ValueFromPipeline)]`` or ``…=$true``."""
    return any(
        key.lower() == flag and not (isinstance(value, ast.Variable) and value.name.lower() == "false")
        for attribute in decl.attributes
        if attribute.name.lower() == "parameter"
        for key, value in attribute.named
    )


def _aliases(decl: ast.ParameterDecl) -> tuple[str, ...]:
    return tuple(
        str(getattr(argument, "value", ""))
        for attribute in decl.attributes
        if attribute.name.lower() == "alias"
        for argument in attribute.positional
    )


#: Commands whose behaviour ``$WhatIfPreference`` does not change (they write to the host's streams).
_HOST_WRITERS = frozenset({"write-host", "write-output", "write-verbose", "write-warning", "write-debug"})


def _name_of(command: ast.Command) -> str:
    return _ALIASES.get(command.name_text.lower(), command.name_text.lower())


def _outside_should_process(function: ast.FunctionDefinition) -> list[ast.Command]:
    """The commands of ``function`` that run whatever ``$PSCmdlet.ShouldProcess`` answers: all but
    those in the body of an ``if`` whose condition is that call alone."""

    def children(node: ast.Node) -> Iterable[ast.Node]:
        if not isinstance(node, ast.If):
            return ast.child_nodes(node)
        parts: list[ast.Node] = []
        for condition, body in node.clauses:
            parts.append(condition)
            if not (isinstance(condition, ast.Pipeline) and _pscmdlet_call(condition, "shouldprocess")):
                parts.extend(body)
        parts.extend(node.else_body or ())
        return parts

    return [found for found in ast.walk(function.body, children) if isinstance(found, ast.Command)]


def _pscmdlet_call(node: ast.Pipeline, method: str) -> ast.InvokeMember | None:
    """The call ``$PSCmdlet.<method>(…)`` when it is the whole pipeline."""
    only = node.elements[0] if len(node.elements) == 1 else None
    call = only.expression if isinstance(only, ast.CommandExpression) else None
    if (
        isinstance(call, ast.InvokeMember)
        and not call.static
        and isinstance(call.target, ast.Variable)
        and call.target.name.lower() == "pscmdlet"
        and _is_constant(call.member, method)
    ):
        return call
    return None


def _chain_links(node: ast.PipelineChain) -> list[tuple[str, ast.Pipeline]]:
    """``a && b || c`` (nested to the left) as ``[("", a), ("&&", b), ("||", c)]``."""
    links: list[tuple[str, ast.Pipeline]] = []
    chain: ast.Pipeline | ast.PipelineChain = node
    while isinstance(chain, ast.PipelineChain):
        links.append((chain.op, chain.right))
        chain = chain.left
    links.append(("", chain))
    return links[::-1]


def _reads_status(statement: ast.Statement) -> bool:
    return any(isinstance(node, ast.Variable) and node.name == "?" for node in _walk(statement))


def _is_where(element: ast.Command | ast.CommandExpression) -> bool:
    return (
        isinstance(element, ast.Command)
        and _ALIASES.get(element.name_text.lower(), element.name_text.lower()) == "where-object"
    )


def _walk_all(statements: Sequence[ast.Statement]) -> Iterator[Any]:
    for statement in statements:
        yield from _walk(statement)


def _only(element: ast.Expression | ast.CommandParameter) -> ast.Expression:
    if isinstance(element, ast.CommandParameter):
        raise _Untranslatable()
    return element


def _text(node: ast.Expression) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    raise _Untranslatable("a property given by an expression")


def _items(node: ast.Expression) -> list[ast.Expression]:
    return list(node.items) if isinstance(node, ast.ArrayLiteral) else [node]


def _singular(source: str) -> str:
    """A loop variable named after what is iterated: ``users`` → ``user``, ``cs.get_…_bridge()`` → ``bridge``."""
    called = re.match(r"cs\.get_(?:\w+_)?([a-z]+?)s?\(", source)
    if called:
        return {"settings": "setting"}.get(called.group(1), called.group(1))
    if source.startswith("ps.import_csv("):
        return "row"
    match = re.fullmatch(r"([a-z_][a-z0-9_]*?)s", source)
    if match and match.group(1) not in ("statu", "addres"):
        return match.group(1)
    return "item"


#: What a variable holds once a pipeline's output is assigned (unrolled), by the output's kind.
_UNROLLED = {"models": "value", "output": "outputvalue", "rows": "rowvalue"}
#: What enumerating such a variable gives, by its kind.
_ENUMERATED = {
    "value": "models",
    "rowvalue": "rows",
    "outputvalue": "output",
    "models": "models",
    "rows": "rows",
    "list": "output",
}
#: Kinds of variable whose ``None`` can only be the nothing a command wrote (AutomationNull), never a
#: ``$null``: an unrolled output, or a value that is never ``$null``.
_NONE_IS_NOTHING = frozenset({"value", "rowvalue", "outputvalue", "text", "row", "model", "object"})
#: Of those, the kinds whose ``None`` is never the nothing a command wrote: a ``$null`` the
#: script assigned elsewhere is the only ``None`` they can hold.
_NEVER_NULL = frozenset({"text", "row", "model", "object"})


def _item_kind(kind: str) -> str:
    return {"models": "model", "rows": "row", "value": "model"}.get(kind, "")


def _comments(text: str) -> list[tuple[int, list[str]]]:
    """Comments with the line they end on, as Python comment lines (``#Requires`` kept)."""
    found: list[tuple[int, list[str]]] = []
    for match in re.finditer(r"<#(.*?)#>|(?<![`\w$])#([^\r\n]*)", text, re.S):
        if _inside_string(text, match.start()):
            continue
        line = text.count("\n", 0, match.end()) + 1
        if match.group(1) is not None:
            lines = [f"# {row.strip()}".rstrip() for row in match.group(1).strip("\r\n").splitlines()]
        else:
            lines = [f"# {match.group(2).strip()}".rstrip()]
        found.append((line, lines))
    return found


def _inside_string(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1


def _information_shown(command: ast.Command) -> bool:
    """Whether Write-Information says ``-InformationAction Continue`` in so many words: else
    $InformationPreference decides, at run time (about_Preference_Variables)."""
    elements = list(command.elements)
    for index, element in enumerate(elements):
        if isinstance(element, ast.CommandParameter) and element.name.lower() in ("informationaction", "infa"):
            following = elements[index + 1] if index + 1 < len(elements) else None
            value = element.argument if element.argument is not None else following
            return isinstance(value, ast.Constant) and str(value.value).lower() == "continue"
    return False


_COLOURS = frozenset({"ForegroundColor", "BackgroundColor"})
_WRITERS = {
    "write-information": "ps.host({})",
    "write-output": "ps.out({})",
    "write-warning": "ps.warn({})",
    "write-error": "ps.write_error({})",
}

_STAGES: dict[str, Callable[[_Porter, ast.Command, str, str], tuple[str, str]]] = {
    "where-object": _Porter.where_stage,
    "foreach-object": _Porter.foreach_stage,
    "select-object": _Porter.select_stage,
    "sort-object": _Porter.sort_stage,
    "export-csv": _Porter.export_stage,
    "format-table": _Porter.table_stage,
    "out-null": _Porter.null_stage,
    "out-file": _Porter.out_file_stage,
    "set-content": _Porter.content_stage,
    "add-content": _Porter.content_stage,
}

#: Builtins that start a pipeline, each with its Python twin in ``ps``.
_SOURCES: dict[str, Callable[[_Porter, ast.Command], tuple[str, str]]] = {
    "get-content": _Porter.get_content,
    "test-path": _Porter.test_path,
    "join-path": _Porter.join_path,
    "get-date": _Porter.get_date,
}

#: Pipeline builtins whose port is the runner's own handler (``ps.<name>``), for what a
#: comprehension would not express alike: calculated properties, grouping, measuring, formatting.
_BUILTIN_STAGES = {
    "get-random": "get_random",
    "select-object": "select_object",
    "sort-object": "sort_object",
    "group-object": "group_object",
    "measure-object": "measure_object",
    "format-list": "format_list",
    "out-string": "out_string",
    "out-gridview": "out_gridview",
    "convertfrom-json": "convert_from_json",
    "convertto-json": "convert_to_json",
    "convertto-csv": "convert_to_csv",
    "convertto-html": "convert_to_html",
    "add-member": "add_member",
    "get-member": "get_member",
}
#: Builtins that start a pipeline and run as the runner's own handler (``ps.<name>``).
_BUILTIN_SOURCES = {
    "get-date": "get_date",
    "get-random": "get_random",
    "read-host": "read_host",
    "start-transcript": "start_transcript",
    "stop-transcript": "stop_transcript",
    "get-module": "get_module",
    "get-command": "get_command",
    "new-object": "new_object",
    "convertto-securestring": "convert_to_secure_string",
    "split-path": "split_path",
    "add-member": "add_member",
    "compare-object": "compare_object",
    "new-timespan": "new_timespan",
}


def _is_lone_expression(statement: ast.Statement) -> TypeGuard[ast.Pipeline]:
    """A pipeline of one expression: ``$x`` in ``@($x)``."""
    if not isinstance(statement, ast.Pipeline) or len(statement.elements) != 1:
        return False
    return isinstance(statement.elements[0], ast.CommandExpression) and not statement.elements[0].redirections


def _is_constant(node: ast.Expression, text: str) -> bool:
    return isinstance(node, ast.Constant) and str(node.value).lower() == text


def _runs_a_command(node: ast.Paren | ast.SubExpression) -> bool:
    """``(Get-…)`` or ``$(Get-… | …)``: one pipeline that runs a command."""
    statements = (node.statement,) if isinstance(node, ast.Paren) else node.statements
    return len(statements) == 1 and isinstance(statements[0], ast.Pipeline) and not _is_lone_expression(statements[0])


def _sent_variables(script: ast.Script) -> list[ast.Variable]:
    """The variables ``script`` sends down a pipeline (``$x | …``) or into ``@($x)``."""
    found: list[ast.Variable] = []
    for node in _walk(script):
        if isinstance(node, ast.Pipeline) and len(node.elements) > 1:
            heads = [node.elements[0]]
        elif (
            isinstance(node, ast.ArrayExpression)
            and len(node.statements) == 1
            and _is_lone_expression(node.statements[0])
        ):
            heads = [node.statements[0].elements[0]]
        else:
            continue
        found += [
            h.expression
            for h in heads
            if isinstance(h, ast.CommandExpression) and isinstance(h.expression, ast.Variable)
        ]
    return found


#: Statements whose blocks may run or not, once or many times.
_BRANCHING = (ast.If, ast.ForEach, ast.While, ast.Try, ast.DoLoop, ast.For, ast.Switch)

_STATEMENTS: dict[type, Callable[[_Porter, Any], None]] = {
    ast.Pipeline: _Porter.pipeline,
    ast.PipelineChain: _Porter.pipeline_chain,
    ast.Assignment: _Porter.assignment,
    ast.If: _Porter.if_statement,
    ast.ForEach: _Porter.foreach,
    ast.While: _Porter.while_statement,
    ast.Try: _Porter.try_statement,
    ast.DoLoop: _Porter.do_loop,
    ast.For: _Porter.for_loop,
    ast.Switch: _Porter.switch,
    ast.Throw: _Porter.throw,
    ast.Break: _Porter.jump,
    ast.Continue: _Porter.jump,
    ast.Exit: _Porter.exit,
    ast.Return: _Porter.return_statement,
    ast.FunctionDefinition: _Porter.function,
}

_EXPRESSIONS: dict[type, Callable[[_Porter, Any], str]] = {
    ast.Constant: _Porter.constant,
    ast.ExpandableString: _Porter.expandable,
    ast.Variable: _Porter.variable,
    ast.ArrayLiteral: _Porter.array,
    ast.ArrayExpression: _Porter.array_expression,
    ast.Paren: _Porter.paren,
    ast.SubExpression: _Porter.subexpression,
    ast.HashLiteral: _Porter.hashtable,
    ast.Cast: _Porter.cast,
    ast.Member: _Porter.member,
    ast.InvokeMember: _Porter.invoke,
    ast.Index: _Porter.index,
    ast.Unary: _Porter.unary,
    ast.Binary: _Porter.binary,
    ast.Ternary: _Porter.ternary,
    ast.ScriptBlockExpression: _Porter.script_block,
}


def _computed_default(decl: ast.ParameterDecl) -> bool:
    """Whether a script parameter's default runs a command (``$(Read-Host 'Path')``): the
    port computes it in the script's body, where its error is the script's, and only when
    the parameter is not given."""
    return decl.default is not None and any(isinstance(node, ast.Command) for node in _walk(decl.default))


def _argparse_lines(params: ast.ParamBlock | None, porter: _Porter) -> list[str]:
    lines = []
    for decl in params.parameters if params else ():
        flag = "--" + _python_identifier(decl.name).replace("_", "-")
        options = []
        kind = decl.type_name.lower()
        if kind == "switch":
            options.append('action="store_true"')
        elif kind in ("int", "int32", "uint32"):
            options.append("type=int")
        if decl.is_mandatory:
            options.append("required=True")
        elif decl.default is not None and not _computed_default(decl):
            options.append(f"default={porter.default_value(decl)}")
        options.append(f"help={decl.name!r}")
        lines.append(f"    parser.add_argument({flag!r}, {', '.join(options)})")
    return lines


_HEADER = '''#!/usr/bin/env python3
"""{title}: ported from {source} by ``cscmdlets port``.

Acts on the tenant ``cscmdlets run`` uses: $CSCMDLETS_STATE, else the default state.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys

import cscmdlets as cs
from cscmdlets.scripts import ported as ps


'''

_MAIN = """

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description={description!r})
{arguments}
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # a missing mandatory parameter: PowerShell's binding error, status 1
        return 1 if stop.code else 0
    ps.start()
    with cs.current_session().batch():  # one transaction, as `cscmdlets run`
        try:
            return ps.status(run_script(args))
        except ps.Exit as leave:  # `exit` in a function ends the script
            return leave.code
        except cs.PowerShellError as error:  # a terminating error ends the script, as in PowerShell
            ps.write_error(error)
            return 1
        except ps.EmulatorStop as stop:  # code cscmdlets does not emulate ends it, as `cscmdlets run`
            return ps.stopped(stop)
        finally:
            ps.finish()


if __name__ == "__main__":
    sys.exit(main())
"""


_WHOLE_SCRIPT = '''#!/usr/bin/env python3
# NOT TRANSLATED: cscmdlets port cannot yet express these statements in Python with the same
# behaviour, so this port runs {title} unchanged through the cscmdlets script runner
# (as `cscmdlets run` does: same output, tenant changes, emails and exit status):
{reasons}"""{title}: ported from {source} by ``cscmdlets port``.

Acts on the tenant ``cscmdlets run`` uses: $CSCMDLETS_STATE, else the default state.
"""

from __future__ import annotations

import sys

import cscmdlets as cs
from cscmdlets.scripts import ported as ps

SCRIPT = {text}


def main(argv: list[str] | None = None) -> int:
    """Run the script; ``argv`` are its own arguments (``-CsvPath users.csv``)."""
    with cs.current_session().batch():  # one transaction, as `cscmdlets run`
        return ps.run_whole_script(SCRIPT, {name}, sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
'''


def port_script(
    path_or_text: str | os.PathLike[str], *, resolve_command: Resolver | None = None, script_name: str | None = None
) -> str:
    """Translate a script to Python that uses the Pythonic cmdlet functions.

    Args:
        path_or_text: a ``.ps1`` path, or script text.
        resolve_command: cmdlet metadata by name (default: ``cscmdlets.cmdlets.find_command``).
        script_name: the name the header mentions (default: the path).

    Returns:
        The Python source. Running it leaves the same tenant state and outbox as running the
        script (``tests/scripts/test_porter.py`` proves it on the corpus).

    Raises:
        ParseError: the script does not parse.
    """
    text, name = read_script(path_or_text)
    name = script_name if script_name is not None else name
    script = ast.parse(text, name)
    if resolve_command is None:
        from ..cmdlets import find_command

        resolve_command = find_command
    porter = _Porter(script, resolve_command, name)
    try:
        return _assemble(porter, script, name)
    except _Untranslatable as why:  # a construct met outside any statement: never a crash, the runner runs it
        return _whole_script_port(script, name, [*porter.untranslated, (1, "(outside any statement)", why.reason)])


def _assemble(porter: _Porter, script: ast.Script, name: str) -> str:
    translated = _translated(porter, script, name)
    if porter.untranslated:
        return _whole_script_port(script, name, porter.untranslated)
    return translated


def _whole_script_port(script: ast.Script, name: str, untranslated: list[tuple[int, str, str]]) -> str:
    """The port of a script the porter cannot translate statement by statement with the same
    behaviour: the script itself, run by the script runner, so the port stays faithful; the
    top of the file lists the statements that decided it."""
    title = os.path.basename(name) if name else "script"
    reasons = "".join(
        f"#   line {line}: {text.strip()[:100]}\n#     ({why or 'not translated'})\n"
        for line, text, why in untranslated
    )
    return _WHOLE_SCRIPT.format(
        title=title,
        source=name or "a script",
        reasons=reasons,
        text=repr(script.source.text),
        name=repr(title),
    )


def _translated(porter: _Porter, script: ast.Script, name: str) -> str:
    for node in script.statements:
        if isinstance(node, ast.FunctionDefinition):
            porter.function_names[node.name.lower()] = (_python_identifier(node.name), node)
    params = script.params.parameters if script.params else ()
    for decl in params:
        python = _python_identifier(decl.name)
        if _computed_default(decl):  # run only when the parameter is not given, as PowerShell binds it
            porter.emit(f"{python} = args.{python} if args.{python} is not None else {porter.default_value(decl)}")
        elif _is_switch(decl):  # a SwitchParameter, as the runner binds it ($Force.IsPresent)
            porter.emit(f"{python} = ps.switch(args.{python})")
        else:
            porter.emit(f"{python} = args.{python}")
        porter.scope.defined[python] = ""
    porter.statements(script.statements)
    porter.flush_comments(10**9)
    title = os.path.basename(name) if name else "script"
    body = porter.lines or ["    pass"]
    runner = ["def run_script(args: argparse.Namespace) -> int | None:", f'    """The body of {title}."""', *body]
    main = _MAIN.format(
        description=f"Ported from {title}.", arguments="\n".join(_argparse_lines(script.params, porter))
    )
    code = "\n".join(runner) + "\n" + main
    header = _HEADER.format(title=title, source=name or "a script")
    for module in ("datetime", "os"):  # only the imports the body uses
        if f"{module}." not in code:
            header = header.replace(f"import {module}\n", "")
    return header + code


def _is_null_literal(statement: ast.Statement) -> bool:
    """``$null`` as the whole right side of ``=``."""
    if not (isinstance(statement, ast.Pipeline) and len(statement.elements) == 1):
        return False
    first = statement.elements[0]
    return (
        isinstance(first, ast.CommandExpression)
        and isinstance(first.expression, ast.Variable)
        and first.expression.name.lower() == "null"
        and not first.expression.scope
    )
