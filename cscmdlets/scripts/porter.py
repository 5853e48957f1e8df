"""``cscmdlets port``: turn an admin script into Python that uses the Pythonic functions.

The porter walks the same AST as the runner and the linter. Each cmdlet call is paired with
its parameters by the same CommandMetadata (``match_parameter``, positions, switches) and
becomes ``cs.set_cs_online_dial_in_conferencing_user("amos@…", reset_leader_pin=True)``;
``Get-… | Set-…`` becomes a ``for`` loop passing the property the binder would take (about_Pipelines: ByPropertyName);
``foreach``/``if``/``try`` become their Python twins; comments are kept; the script's
``param()`` block becomes argparse options. A statement PowerShell would reject when binding
(so the port would change behaviour), or one outside what the porter translates, makes the
port run the whole script unchanged through the script runner (``ps.run_whole_script``), and
the first lines of the file name those statements: a port is faithful or says why it is not.

The ported file acts on the tenant ``cscmdlets run`` uses (``$CSCMDLETS_STATE`` or the default
state), in one transaction, and continues after an error where PowerShell would (about_Error_Handling).
"""

from __future__ import annotations

import keyword
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..powershell import parser as ast
from ..powershell.binder import bind, match_parameter
from ..powershell.errors import PowerShellError
from ..powershell.metadata import CommandMetadata, Parameter, pascal_to_snake
from . import commands as bi
from .commands import ALIASES as _ALIASES
from .linter import Checker as _Checker
from .linter import walk as _walk
from .runner import read_script

__all__ = ["port_script"]

Resolver = Callable[[str], CommandMetadata]


class _Untranslatable(Exception):
    """The porter cannot express this statement in Python with the same behaviour."""


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
    "split": "split",
    "replace": "replace",
    "startswith": "startswith",
    "endswith": "endswith",
}
_SKIPPED = {
    "import-module",
    "connect-microsoftteams",
    "disconnect-microsoftteams",
    "new-csonlinesession",
    "import-pssession",
    "remove-pssession",
    "start-transcript",
    "stop-transcript",
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


class _Porter:
    """Emits Python lines for one script; ``self.lines`` is the body of ``run_script``."""

    def __init__(self, script: ast.Script, resolve: Resolver) -> None:
        self.script = script
        self.source = script.source
        self.resolve = resolve
        self.lines: list[str] = []
        self.functions: list[str] = []
        self.depth = 1
        self.scope = _Scope()
        self.in_try = 0
        self.stop_on_error = False
        self.comments = _comments(self.source.text)
        self.checker = _Checker(script, resolve)
        self.checker.collect()
        self.function_names: dict[str, tuple[str, ast.FunctionDefinition]] = {}
        #: Functions whose port shows their output as it goes: called as statements only, since
        #: a caller collecting their output would get what ``return`` gives instead.
        self.writing_functions: set[str] = set()
        self.in_function = False
        #: Why the translation would not be faithful: ``(line, statement)`` for each statement the
        #: porter could not translate. Any makes the port run the whole script unchanged.
        self.untranslated: list[tuple[int, str]] = []

    # --- output ---------------------------------------------------------------------------------

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    @contextmanager
    def block(self) -> Iterator[None]:
        self.depth += 1
        mark = len(self.lines)
        yield
        if len(self.lines) == mark:
            self.emit("pass")
        self.depth -= 1

    def flush_comments(self, line: int) -> None:
        while self.comments and self.comments[0][0] <= line:
            for text in self.comments.pop(0)[1]:
                self.emit(text)

    # --- statements ------------------------------------------------------------------------------

    def statements(self, statements: Sequence[ast.Statement]) -> None:
        for statement in statements:
            self.statement(statement)

    def statement(self, node: ast.Statement) -> None:
        self.flush_comments(node.extent.line)
        mark, defined = len(self.lines), dict(self.scope.defined)
        try:
            handler = _STATEMENTS.get(type(node))
            if handler is None:
                raise _Untranslatable()
            handler(self, node)
        except _Untranslatable:
            del self.lines[mark:]
            self.scope.defined = defined
            self.fallback(node)

    def fallback(self, node: ast.Statement) -> None:
        """Note a statement the porter cannot translate faithfully: the port will run the
        whole script unchanged (a lone statement run apart would lose the script's variables,
        its loops' break and continue, and its error handling)."""
        text = self.source.text_of(node.extent)
        self.untranslated.append((node.extent.line, text.splitlines()[0] if text else ""))

    def guards(self, node: ast.Node) -> bool:
        """Whether an error in ``node`` is written and the script goes on (see :meth:`guarded`)."""
        return not (self.in_try or self.stop_on_error or not self.calls_cmdlets(node))

    def guarded(self, line: str, node: ast.Node) -> None:
        """A statement PowerShell goes on from after an error: keep going in Python too. Inside
        ``try`` only a non-terminating error (one the service reports) goes on; a terminating
        one reaches the ``catch``, and ``-ErrorAction Stop`` makes every error terminating
        (about_Try_Catch_Finally)."""
        if self.in_try and not self.stop_on_error and self.calls_cmdlets(node) and not self.stops(node):
            self.emit("with ps.non_terminating():")
        elif self.guards(node):
            self.emit("with ps.continue_on_error():")
        else:
            self.emit(line)
            return
        with self.block():
            self.emit(line)

    def stops(self, node: ast.Node) -> bool:
        """Whether every command in ``node`` says ``-ErrorAction Stop`` (another constant: no)."""
        commands = [c for c in _walk(node) if isinstance(c, ast.Command)]
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
        if isinstance(node.target, ast.Variable) and node.target.name.lower() == "erroractionpreference":
            self.stop_on_error = "stop" in self.source.text_of(node.value.extent).lower()
            self.emit(f"# $ErrorActionPreference = {self.source.text_of(node.value.extent)}")
            return
        if not isinstance(node.target, ast.Variable) or node.target.scope:
            raise _Untranslatable()
        if node.target.name.lower() in _RUNNER_PREFERENCES:
            raise _Untranslatable()
        name = self.variable_name(node.target.name)
        value, kind = self.value_of(node.value)
        if kind == "models":  # `$x = Get-…`: one object, a list, or $null — as PowerShell unrolls it
            value, kind = f"ps.value({value})", "value"
        if node.op == "+=" and self.scope.defined.get(name) == "list":
            many = isinstance(ast.single_expression(node.value), ast.ArrayLiteral | ast.ArrayExpression)
            # A new list, as PowerShell makes a new array: a loop over the old one is not extended.
            self.guarded(f"{name} = [*{name}, *{value}]" if many else f"{name} = [*{name}, {value}]", node)
            return
        if node.op != "=" and name not in self.scope.defined:
            raise _Untranslatable()
        if name not in self.scope.defined and self.guards(node):
            self.emit(f"{name} = None  # stays $null if the statement fails")
        self.scope.defined[name] = kind if node.op == "=" else self.scope.defined.get(name, "")
        if node.op != "=":  # PowerShell's arithmetic: `$list += 1` appends, `$text *= 2` repeats
            value = f"ps.op({node.op[0]!r}, {name}, {value})"
        self.guarded(f"{name} = {value}", node)

    def value_of(self, statement: ast.Statement) -> tuple[str, str]:
        if not isinstance(statement, ast.Pipeline):
            raise _Untranslatable()
        return self.pipeline_value(statement)

    def condition_test(self, condition: ast.Statement) -> str:
        """A condition as PowerShell decides it (about_Booleans: ``@(0)`` is false, ``'False'`` true)."""
        single = ast.single_expression(condition)
        return self.truth(single) if single is not None else f"ps.true({self.value_of(condition)[0]})"

    def truth(self, node: ast.Expression) -> str:
        if _is_boolean(node):
            return self.expression(node)
        return f"ps.true({self.expression(node)})"

    def if_statement(self, node: ast.If) -> None:
        for index, (condition, body) in enumerate(node.clauses):
            test = self.condition_test(condition)
            self.emit(f"{'if' if index == 0 else 'elif'} {test}:")
            with self.block():
                self.statements(body)
        if node.else_body is not None:
            self.emit("else:")
            with self.block():
                self.statements(node.else_body)

    def foreach(self, node: ast.ForEach) -> None:
        iterable, kind = self.value_of(node.iterable)
        if kind in ("value", ""):  # over $null: nothing; over one object: once
            iterable, kind = f"ps.as_list({iterable})", "models"
        elif iterable in self.scope.defined:  # a variable its failed assignment left $null
            iterable = f"ps.as_list({iterable})"
        name = self.variable_name(node.variable.name)
        self.scope.defined[name] = _item_kind(kind)
        self.emit(f"for {name} in {iterable}:")
        with self.block():
            self.statements(node.body)

    def while_statement(self, node: ast.While) -> None:
        test = self.condition_test(node.condition)
        self.emit(f"while {test}:")
        with self.block():
            self.statements(node.body)

    def try_statement(self, node: ast.Try) -> None:
        self.emit("try:")
        self.in_try += 1
        with self.block():
            self.statements(node.body)
        self.in_try -= 1
        if len(node.catches) > 1 or any(clause.types for clause in node.catches):
            raise _Untranslatable()  # catch by type: PowerShell's exception types have no Python twins here
        for clause in node.catches:
            self.emit("except cs.PowerShellError as error:")
            saved = self.scope.item
            self.scope.item = "error"
            with self.block():
                self.statements(clause.body)
            self.scope.item = saved
        if node.finally_body is not None:
            self.emit("finally:")
            with self.block():
                self.statements(node.finally_body)

    def switch(self, node: ast.Switch) -> None:
        """A switch with distinct constant clauses: ``if``/``elif``/``else`` for each item of its value."""
        value = ast.single_expression(node.value)
        constants = [c.condition for c in node.clauses if c.condition is not None]
        plain = all(isinstance(c, ast.Constant) for c in constants) and len(
            {str(getattr(c, "value", "")).lower() for c in constants}
        ) == len(constants)
        jumps = any(isinstance(n, ast.Break | ast.Continue) for c in node.clauses for n in _walk_all(c.body))
        if (
            node.file  # the lines of a file: only the runner reads them as PowerShell does
            or node.mode != "exact"
            or node.case_sensitive
            or not plain
            or jumps
            or not isinstance(value, ast.Variable | ast.Member)
        ):
            raise _Untranslatable()
        subject = f"switch_value{self.depth}"  # a switch runs once per item of a list value
        self.emit(f"for {subject} in ps.as_list({self.expression(value)}):")
        with self.block():
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

    def switch_body(self, subject: str, body: Sequence[ast.Statement]) -> None:
        saved, self.scope.item = self.scope.item, subject  # `$_` in a clause is the switch value
        with self.block():
            self.statements(body)
        self.scope.item = saved

    def throw(self, node: ast.Throw) -> None:
        value = self.value_of(node.value)[0] if node.value is not None else '"ScriptHalted"'
        self.emit(f"raise ps.Thrown(ps.text({value}))")

    def jump(self, node: ast.Break | ast.Continue) -> None:
        if node.label:
            raise _Untranslatable()  # Python's break and continue name no loop
        self.emit("break" if isinstance(node, ast.Break) else "continue")

    def exit(self, node: ast.Exit) -> None:
        if self.in_function:
            raise _Untranslatable()  # `return` would leave the function only, not the script
        self.emit(f"return {self.value_of(node.value)[0] if node.value is not None else 0}")

    def function(self, node: ast.FunctionDefinition) -> None:
        raise _Untranslatable()  # functions are ported up front, as module-level defs

    # --- pipelines ----------------------------------------------------------------------------------

    def pipeline(self, node: ast.Pipeline) -> None:
        if self.increment(node):
            return
        last = node.elements[-1]
        if isinstance(last, ast.Command) and len(node.elements) > 1 and self.loop_stage(node, last):
            return
        if isinstance(last, ast.Command) and self.statement_command(last, node):
            return
        value, kind = self.pipeline_value(node)
        self.guarded(value if kind == "none" else f"ps.out({value})", node)

    def increment(self, node: ast.Pipeline) -> bool:
        """``$done++`` as a statement: ``done = ps.step(done, '+')`` (``$null`` counts from 0)."""
        single = ast.single_expression(node)
        if not (
            isinstance(single, ast.Unary)
            and single.op in ("++", "--")
            and isinstance(single.operand, ast.Variable)
            and not single.operand.scope
        ):
            return False
        name = self.variable_name(single.operand.name)
        if name not in self.scope.defined:
            return False
        self.emit(f"{name} = ps.step({name}, {single.op[0]!r})")
        return True

    def statement_command(self, command: ast.Command, node: ast.Pipeline) -> bool:
        """Commands that are statements of their own: Write-*, skipped connection commands, Set-…"""
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        if len(node.elements) != 1:
            return False
        if name in _SKIPPED:
            self.emit(f"# {self.source.text_of(command.extent)}  (not needed: cscmdlets acts on the chosen tenant)")
            return True
        if name == "write-host":
            self.emit(f"ps.host({self.host_text(command)})")
            return True
        writer = _WRITERS.get(name)
        if writer is not None:
            self.emit(writer.format(self.first_argument(command)))
            return True
        if name in self.function_names:  # what it returns is output, as the rest of its output
            self.guarded(f"ps.out({self.function_call(command)})", node)
            return True
        metadata = self.metadata_or_none(command)
        if metadata is not None and metadata.verb.lower() != "get":
            self.guarded(f"ps.out({self.cmdlet_call(command, metadata)})", node)
            return True
        return False

    def function_call(self, command: ast.Command) -> str:
        """A call of a script function: ``set_pin_policy(length=7, notify=False)``."""
        python, node = self.function_names[_ALIASES.get(command.name_text.lower(), command.name_text.lower())]
        metadata = bi.function_metadata(node)
        arguments, _ = self.checker.static_arguments(command, metadata)
        try:
            bind(metadata, arguments)
        except PowerShellError:
            raise _Untranslatable() from None
        pairs = self.pair(command, metadata)
        return f"{python}({', '.join(f'{_python_identifier(n)}={v}' for n, v in pairs)})"

    def host_text(self, command: ast.Command) -> str:
        """Write-Host's line: its objects joined by spaces. A constant colour is the console's
        business (the run shows the text alone); anything else keeps the whole script as is."""
        metadata = bi.BUILTINS["write-host"].metadata
        values: list[str] = []
        colour: Parameter | None = None
        for element in command.elements:
            if isinstance(element, ast.CommandParameter):
                colour = match_parameter(metadata, element.name)
                if colour is None or colour.name not in _COLOURS or element.argument is not None:
                    raise _Untranslatable()
            elif colour is not None:
                self.constant_argument(colour, element)
                colour = None
            elif not isinstance(element, ast.ArrayLiteral | ast.Splat):
                values.append(f"ps.text({self.expression(element)})")
            else:
                raise _Untranslatable()
        if colour is not None:
            raise _Untranslatable()
        return values[0] if len(values) == 1 else "' '.join([" + ", ".join(values) + "])"

    def constant_argument(self, parameter: Parameter, element: ast.Expression) -> None:
        """A constant the parameter accepts (a ConsoleColor name); anything else is left to the runner."""
        if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
            raise _Untranslatable()
        try:
            parameter.type.convert(element.value, parameter.name)
        except PowerShellError:
            raise _Untranslatable() from None

    def first_argument(self, command: ast.Command) -> str:
        values = [self.expression(e) for e in command.elements if not isinstance(e, ast.CommandParameter)]
        if any(
            isinstance(e, ast.CommandParameter) and e.name.lower() not in ("object", "message", "inputobject")
            for e in command.elements
        ):
            raise _Untranslatable()
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
        source, kind = self.stages(stages)
        item = self.item_name(stages[0], source)
        saved = self.scope.item
        self.scope.item = item
        self.scope.defined[item] = _item_kind(kind)
        self.emit(f"for {item} in {source}:")
        with self.block():
            if where is not None:  # `… | Where-Object {…} | Set-…`: skip the items the filter drops
                self.emit(f"if not {self.filter_condition(where, item)}:")
                with self.block():
                    self.emit("continue")
            if metadata is not None:
                self.guarded(self.cmdlet_call(last, metadata, piped=item), last)
            else:
                self.foreach_body(last)
        self.scope.item = saved
        return True

    def item_name(self, first: ast.Command | ast.CommandExpression, source: str) -> str:
        """The loop variable: ``user`` for Get-…User, ``row`` for Import-Csv, else from the source."""
        if isinstance(first, ast.Command):
            metadata = self.metadata_or_none(first)
            if metadata is not None:
                word = re.findall(r"[A-Z][a-z]+", metadata.noun)[-1:]
                name = _python_identifier(word[0]) if word else "item"
                return "setting" if name == "settings" else name
            if _ALIASES.get(first.name_text.lower(), first.name_text.lower()) == "import-csv":
                return "row"
        return _singular(source)

    def foreach_body(self, command: ast.Command) -> None:
        blocks = [e for e in command.elements if isinstance(e, ast.ScriptBlockExpression)]
        if len(blocks) != 1 or len(command.elements) != 1:
            raise _Untranslatable()
        self.statements(blocks[0].block.statements)

    def pipeline_value(self, node: ast.Pipeline) -> tuple[str, str]:
        return self.stages(node.elements)

    def stages(self, elements: Sequence[ast.Command | ast.CommandExpression]) -> tuple[str, str]:
        first = elements[0]
        if isinstance(first, ast.CommandExpression):
            value, kind = self.expression(first.expression), self.kind_of(first.expression)
            if kind == "value" and len(elements) > 1:
                value, kind = f"ps.as_list({value})", "models"
        else:
            value, kind = self.source_command(first)
        for stage in elements[1:]:
            if not isinstance(stage, ast.Command):
                raise _Untranslatable()
            value, kind = self.stage(stage, value, kind)
        return value, kind

    def source_command(self, command: ast.Command) -> tuple[str, str]:
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        if name == "import-csv":
            options = self.options(command, ("Path", "LiteralPath", "Encoding"))
            path = options.get("path", options.get("literalpath"))
            if path is None:
                raise _Untranslatable()
            return f"ps.import_csv({self.expression(path)})", "rows"
        if name == "get-date" and not command.elements:
            return "datetime.datetime.now()", ""
        if name in self.function_names:
            if name in self.writing_functions:
                raise _Untranslatable()
            return self.function_call(command), ""
        metadata = self.metadata_or_none(command)
        if metadata is None:
            raise _Untranslatable()
        return self.cmdlet_call(command, metadata), "models"

    def stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        name = _ALIASES.get(command.name_text.lower(), command.name_text.lower())
        handler = _STAGES.get(name)
        if handler is None:
            raise _Untranslatable()
        return handler(self, command, source, kind)

    def where_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        item = _singular(source)
        with self.item_scope(item, kind):
            condition = self.filter_condition(command, item)
        return f"[{item} for {item} in {source} if {condition}]", kind

    def filter_condition(self, command: ast.Command, item: str) -> str:
        elements = command.elements
        if len(elements) == 1 and isinstance(elements[0], ast.ScriptBlockExpression):
            return self.block_expression(elements[0])
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
        item = _singular(source)
        key = ""
        if "property" in options:
            key = f", key=lambda {item}: {self.member_of_kind(item, _text(options['property']), _item_kind(kind))}"
        reverse = ", reverse=True" if "descending" in options else ""
        return f"sorted({source}{key}{reverse})", kind

    def export_stage(self, command: ast.Command, source: str, kind: str) -> tuple[str, str]:
        options = self.options(command, ("Path", "NoTypeInformation", "Append", "Encoding"))
        append = ", append=True" if "append" in options else ""
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
                    raise _Untranslatable()
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
            raise _Untranslatable() from None  # PowerShell would reject it: keep its error
        if not certain:
            raise _Untranslatable()
        pairs = self.pair(command, metadata)
        if piped:
            pairs += self.piped_pairs(metadata, pairs, piped)
        return f"cs.{metadata.python_name}({', '.join(self.render_pairs(metadata, pairs))})"

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
                    raise _Untranslatable()  # the runner's dry run writes "What if:" lines; a Python call does not
                rendered.append(f"{key}={value}")
        return rendered

    # --- expressions ----------------------------------------------------------------------------------

    def expression(self, node: ast.Expression | ast.CommandParameter) -> str:
        if isinstance(node, ast.CommandParameter):
            raise _Untranslatable()
        handler = _EXPRESSIONS.get(type(node))
        if handler is None:
            raise _Untranslatable()
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
        if node.scope:
            raise _Untranslatable()
        constants = {"true": "True", "false": "False", "null": "None"}
        if lowered in constants:
            return constants[lowered]
        if lowered in ("_", "psitem"):
            if not self.scope.item:
                raise _Untranslatable()
            return self.scope.item
        name = self.variable_name(node.name)
        if name not in self.scope.defined:
            raise _Untranslatable()
        return name

    def variable_name(self, name: str) -> str:
        return _python_identifier(name)

    def array(self, node: ast.ArrayLiteral) -> str:
        return "[" + ", ".join(self.expression(item) for item in node.items) + "]"

    def array_expression(self, node: ast.ArrayExpression) -> str:
        if not node.statements:
            return "[]"
        if len(node.statements) == 1:
            value, _ = self.value_of(node.statements[0])
            return value if value.startswith("[") else f"ps.as_list({value})"
        raise _Untranslatable()

    def paren(self, node: ast.Paren) -> str:
        value, _ = self.value_of(node.statement)
        return f"({value})"

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
        simple = {"int": "int", "string": "ps.text", "bool": "bool", "double": "float", "long": "int"}
        if name not in simple:
            raise _Untranslatable()
        return f"{simple[name]}({self.expression(node.operand)})"

    def member(self, node: ast.Member) -> str:
        if node.static or not isinstance(node.member, ast.Constant):
            raise _Untranslatable()
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
            }.get(name.lower(), f"ps.prop(error, {name!r})")
        if kind == "model" and name.isidentifier():
            return f"{target}.{pascal_to_snake(name)}"
        if kind == "row" and name.isidentifier():
            return f"{target}.{name}"
        return f"ps.prop({target}, {name!r})"

    def invoke(self, node: ast.InvokeMember) -> str:
        if node.static or not isinstance(node.member, ast.Constant):
            raise _Untranslatable()
        name = str(node.member.value).lower()
        if name == "message" or (isinstance(node.target, ast.Member) and self.scope.item == "error"):
            raise _Untranslatable()
        target = self.expression(node.target)
        args = [self.expression(a) for a in node.arguments]
        if name == "contains" and len(args) == 1:
            return f"({args[0]} in {target})"
        if name in _STRING_METHODS:
            return f"{target}.{_STRING_METHODS[name]}({', '.join(args)})"
        raise _Untranslatable()

    def index(self, node: ast.Index) -> str:
        return f"{self.expression(node.target)}[{self.expression(node.index)}]"

    def unary(self, node: ast.Unary) -> str:
        if node.op in ("-not", "!"):
            return f"not {self.truth(node.operand)}"
        if node.op == "-":
            return f"-{self.expression(node.operand)}"
        raise _Untranslatable()

    def binary(self, node: ast.Binary) -> str:
        left, right = self.expression(node.left), self.expression(node.right)
        if node.op in ("and", "or"):
            return f"({self.truth(node.left)} {node.op} {self.truth(node.right)})"
        if node.op in ("+", "-", "*", "/", "%"):  # PowerShell's: a list plus an item, a string times a count
            return f"ps.op({node.op!r}, {left}, {right})"
        if node.op == "join":
            return f"{right}.join(ps.text(v) for v in {left})"
        if node.op == "f":
            values = right[1:-1] if isinstance(node.right, ast.ArrayLiteral) else right
            return f"ps.fmt({left}, {values})"
        if node.op in ("contains", "notcontains", "in", "notin"):
            container, item = (left, right) if node.op in ("contains", "notcontains") else (right, left)
            negation = "not " if node.op.startswith("not") else ""
            return f"({negation}any(ps.eq(v, {item}) is True for v in {container}))"
        return self.comparison(node.op, left, right, node.right)

    def comparison(self, op: str, left: str, right: str, right_node: Any) -> str:
        if op == "like":
            return f"ps.like({left}, {right})"
        if op == "notlike":
            return f"not ps.like({left}, {right})"
        if op == "match":
            return f"ps.match({left}, {right})"
        if op == "notmatch":
            return f"not ps.match({left}, {right})"
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
        if op in _COMPARISONS:  # PowerShell converts the right side to the left's type
            return f"ps.op({op!r}, {left}, {right})"
        raise _Untranslatable()

    def script_block(self, node: ast.ScriptBlockExpression) -> str:
        raise _Untranslatable()

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
            if node.name in ("_", "PSItem"):
                return self.scope.defined.get(self.scope.item, "")
            return self.scope.defined.get(self.variable_name(node.name), "")
        if isinstance(node, ast.ArrayExpression):
            return "list"
        if isinstance(node, ast.Cast) and node.type_name.lower() == "pscustomobject":
            return "row"
        return ""

    # --- functions and parameters ----------------------------------------------------------------

    def port_function(self, node: ast.FunctionDefinition) -> None:
        """A PowerShell function as a module-level def; its output is collected and returned."""
        python = _python_identifier(node.name)
        while self.comments and self.comments[0][0] < node.extent.line:
            self.functions.extend(self.comments.pop(0)[1])
        params = node.body.params.parameters if node.body.params else ()
        arguments = [self.parameter_signature(p) for p in params]
        saved_lines, saved_depth, saved_scope = self.lines, self.depth, self.scope
        self.lines, self.depth, self.in_function = [], 1, True
        self.scope = _Scope({_python_identifier(p.name): "" for p in params})
        try:
            self.statements(node.body.statements)
            body = self.lines
        finally:
            self.lines, self.depth, self.scope, self.in_function = saved_lines, saved_depth, saved_scope, False
        if node.body.begin is not None or node.body.process is not None:  # pipeline blocks: no plain-def twin yet
            self.untranslated.append((node.extent.line, self.source.line_text(node.extent.line)))
        if any("ps.out(" in line for line in body):
            self.writing_functions.add(node.name.lower())
        self.functions += [f"def {python}({', '.join(arguments)}):", *body, "", ""]

    def default_value(self, decl: ast.ParameterDecl) -> str:
        """A parameter's default as Python; one the porter cannot express (``$(Read-Host 'x')``)
        keeps the whole script."""
        assert decl.default is not None
        try:
            return self.expression(decl.default)
        except _Untranslatable:
            self.untranslated.append((decl.extent.line, self.source.text_of(decl.extent)))
            return "None"

    def parameter_signature(self, decl: ast.ParameterDecl) -> str:
        name = _python_identifier(decl.name)
        if decl.default is not None:
            return f"{name}={self.default_value(decl)}"
        if decl.type_name.lower() == "switch":
            return f"{name}=False"
        return name if decl.is_mandatory else f"{name}=None"


#: Operators whose port gives a Python bool already.
_BOOLEAN_OPERATORS = frozenset(
    {"like", "notlike", "match", "notmatch", "contains", "notcontains", "in", "notin", "and", "or"}
)


def _is_boolean(node: ast.Expression) -> bool:
    if isinstance(node, ast.Paren):
        single = ast.single_expression(node.statement)
        return single is not None and _is_boolean(single)
    if isinstance(node, ast.Binary):
        return node.op in _BOOLEAN_OPERATORS
    if isinstance(node, ast.Unary):
        return node.op in ("-not", "!")
    return isinstance(node, ast.Variable) and node.name.lower() in ("true", "false")


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
    raise _Untranslatable()


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


_COLOURS = frozenset({"ForegroundColor", "BackgroundColor"})
_WRITERS = {
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
}

_STATEMENTS: dict[type, Callable[[_Porter, Any], None]] = {
    ast.Pipeline: _Porter.pipeline,
    ast.Assignment: _Porter.assignment,
    ast.If: _Porter.if_statement,
    ast.ForEach: _Porter.foreach,
    ast.While: _Porter.while_statement,
    ast.Try: _Porter.try_statement,
    ast.Switch: _Porter.switch,
    ast.Throw: _Porter.throw,
    ast.Break: _Porter.jump,
    ast.Continue: _Porter.jump,
    ast.Exit: _Porter.exit,
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
    ast.ScriptBlockExpression: _Porter.script_block,
}


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
        elif decl.default is not None:
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
    args = parser.parse_args(argv)
    ps.start()
    with cs.current_session().batch():  # one transaction, as `cscmdlets run`
        try:
            return ps.status(run_script(args))
        except cs.PowerShellError as error:  # a terminating error ends the script, as in PowerShell
            ps.write_error(error)
            return 1
        finally:
            ps.flush()


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
    porter = _Porter(script, resolve_command)
    try:
        return _assemble(porter, script, name)
    except _Untranslatable:  # a construct met outside any statement: never a crash, the runner runs it
        return _whole_script_port(script, name, [*porter.untranslated, (1, "(a construct outside any statement)")])


def _assemble(porter: _Porter, script: ast.Script, name: str) -> str:
    translated = _translated(porter, script, name)
    if porter.untranslated:
        return _whole_script_port(script, name, porter.untranslated)
    return translated


def _whole_script_port(script: ast.Script, name: str, untranslated: list[tuple[int, str]]) -> str:
    """The port of a script the porter cannot translate statement by statement with the same
    behaviour: the script itself, run by the script runner, so the port stays faithful; the
    top of the file lists the statements that decided it."""
    title = os.path.basename(name) if name else "script"
    reasons = "".join(f"#   line {line}: {text.strip()[:100]}\n" for line, text in untranslated)
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
    for _, node in porter.function_names.values():
        porter.port_function(node)
    params = script.params.parameters if script.params else ()
    for decl in params:
        python = _python_identifier(decl.name)
        porter.emit(f"{python} = args.{python}")
        porter.scope.defined[python] = ""
    porter.statements([s for s in script.statements if not isinstance(s, ast.FunctionDefinition)])
    porter.flush_comments(10**9)
    title = os.path.basename(name) if name else "script"
    body = porter.lines or ["    pass"]
    runner = ["def run_script(args: argparse.Namespace) -> int | None:", f'    """The body of {title}."""', *body]
    main = _MAIN.format(
        description=f"Ported from {title}.", arguments="\n".join(_argparse_lines(script.params, porter))
    )
    code = "\n".join([*porter.functions, *runner]) + "\n" + main
    header = _HEADER.format(title=title, source=name or "a script")
    for module in ("datetime", "os"):  # only the imports the body uses
        if f"{module}." not in code:
            header = header.replace(f"import {module}\n", "")
    return header + code
