"""The syntax tree of a parsed script: small frozen dataclasses, one per construct, each with
its :class:`~.source.Extent`. Node names follow PowerShell's own AST (System.Management.Automation.Language):
``Pipeline`` for PipelineAst, ``Command`` for CommandAst, and so on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias

from .source import Extent, Source

__all__ = [
    "ArrayExpression",
    "ArrayLiteral",
    "Assignment",
    "Attribute",
    "Binary",
    "Break",
    "Cast",
    "CatchClause",
    "Command",
    "CommandExpression",
    "CommandParameter",
    "ConfigurationDefinition",
    "Constant",
    "Continue",
    "DoLoop",
    "Exit",
    "ExpandableString",
    "Expression",
    "For",
    "ForEach",
    "FunctionDefinition",
    "HashLiteral",
    "If",
    "Index",
    "InvokeMember",
    "Member",
    "Node",
    "ParamBlock",
    "ParameterDecl",
    "Paren",
    "Pipeline",
    "Redirection",
    "Requirement",
    "Return",
    "Script",
    "ScriptBlock",
    "ScriptBlockExpression",
    "Splat",
    "Statement",
    "SubExpression",
    "Switch",
    "SwitchClause",
    "Throw",
    "Trap",
    "Try",
    "TypeLiteral",
    "Unary",
    "Variable",
    "While",
    "child_nodes",
    "single_expression",
    "walk",
]


@dataclass(frozen=True, slots=True)
class Node:
    extent: Extent


@dataclass(frozen=True, slots=True)
class Constant(Node):
    """A number, a verbatim string or a bareword. ``kind``: number, bareword, single, double, here."""

    value: Any
    kind: str = "bareword"


@dataclass(frozen=True, slots=True)
class ExpandableString(Node):
    """``"… $x … $(…)"``, an expandable here-string or a bareword with ``$var`` inside."""

    parts: tuple[str | Expression, ...]
    kind: str = "double"


@dataclass(frozen=True, slots=True)
class Variable(Node):
    """``$name``, ``${name}``, ``$env:NAME``; ``scope`` is lower-cased (``env``, ``script``…)."""

    name: str
    scope: str = ""


@dataclass(frozen=True, slots=True)
class Splat(Node):
    """``@params`` as a command argument."""

    name: str


@dataclass(frozen=True, slots=True)
class ArrayLiteral(Node):
    """``a, b, c`` (both modes)."""

    items: tuple[Expression, ...]


@dataclass(frozen=True, slots=True)
class ArrayExpression(Node):
    """``@( … )``."""

    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class SubExpression(Node):
    """``$( … )``."""

    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Paren(Node):
    """``( pipeline )``."""

    statement: Statement


@dataclass(frozen=True, slots=True)
class HashLiteral(Node):
    """``@{ key = value; … }``; keys are expressions (barewords become string constants)."""

    entries: tuple[tuple[Expression, Statement], ...]


@dataclass(frozen=True, slots=True)
class ScriptBlockExpression(Node):
    block: ScriptBlock


@dataclass(frozen=True, slots=True)
class TypeLiteral(Node):
    """``[datetime]`` (the name as written, without brackets)."""

    type_name: str


@dataclass(frozen=True, slots=True)
class Cast(Node):
    """``[int]$x``, ``[pscustomobject]@{…}``."""

    type_name: str
    operand: Expression


@dataclass(frozen=True, slots=True)
class Member(Node):
    """``$x.Name`` or ``[T]::Name``; ``member`` is a Constant name or a dynamic expression."""

    target: Expression
    member: Expression
    static: bool = False


@dataclass(frozen=True, slots=True)
class InvokeMember(Node):
    """``$x.Replace('a', 'b')`` or ``[math]::Round($n)``."""

    target: Expression
    member: Expression
    arguments: tuple[Expression, ...]
    static: bool = False


@dataclass(frozen=True, slots=True)
class Index(Node):
    target: Expression
    index: Expression


@dataclass(frozen=True, slots=True)
class Unary(Node):
    """``-not``, ``!``, ``-``, ``+``, ``,``, ``-split``, ``-join``, ``-bnot``, ``++``/``--``."""

    op: str
    operand: Expression
    postfix: bool = False


@dataclass(frozen=True, slots=True)
class Binary(Node):
    """``op`` is lower-cased without its dash: ``eq``, ``ceq``, ``+``, ``..``, ``and``, ``f``."""

    op: str
    left: Expression
    right: Expression


Expression: TypeAlias = (
    "Constant | ExpandableString | Variable | Splat | ArrayLiteral | ArrayExpression | SubExpression | "
    "Paren | HashLiteral | ScriptBlockExpression | TypeLiteral | Cast | Member | InvokeMember | Index | "
    "Unary | Binary"
)


@dataclass(frozen=True, slots=True)
class CommandParameter(Node):
    """``-Name`` or ``-Name:value``; ``name`` is as typed, without the dash."""

    name: str
    argument: Expression | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Redirection(Node):
    """``> file``, ``>> file``, ``2>&1``, ``2>$null``: ``stream`` is ``1``…``6`` or ``*``."""

    stream: str
    target: Expression | None
    append: bool = False
    merge: bool = False


@dataclass(frozen=True, slots=True)
class Command(Node):
    """``Name arg -Param value …``; ``name`` is a bareword Constant unless invoked with ``&``/``.``."""

    name: Expression
    elements: tuple[Expression | CommandParameter, ...]
    invocation_operator: str = ""
    redirections: tuple[Redirection, ...] = ()

    @property
    def name_text(self) -> str:
        return str(self.name.value) if isinstance(self.name, Constant) else ""


@dataclass(frozen=True, slots=True)
class CommandExpression(Node):
    expression: Expression
    redirections: tuple[Redirection, ...] = ()


@dataclass(frozen=True, slots=True)
class Pipeline(Node):
    elements: tuple[Command | CommandExpression, ...]


@dataclass(frozen=True, slots=True)
class Assignment(Node):
    target: Expression
    op: str
    value: Statement


@dataclass(frozen=True, slots=True)
class If(Node):
    clauses: tuple[tuple[Statement, tuple[Statement, ...]], ...]
    else_body: tuple[Statement, ...] | None = None


@dataclass(frozen=True, slots=True)
class ForEach(Node):
    variable: Variable
    iterable: Statement
    body: tuple[Statement, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class For(Node):
    initializer: Statement | None
    condition: Statement | None
    iterator: Statement | None
    body: tuple[Statement, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class While(Node):
    condition: Statement
    body: tuple[Statement, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class DoLoop(Node):
    """``do { } while (…)`` or, with ``until=True``, ``do { } until (…)``."""

    body: tuple[Statement, ...]
    condition: Statement
    until: bool = False
    label: str = ""


@dataclass(frozen=True, slots=True)
class CatchClause(Node):
    types: tuple[str, ...]
    body: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Try(Node):
    body: tuple[Statement, ...]
    catches: tuple[CatchClause, ...]
    finally_body: tuple[Statement, ...] | None = None


@dataclass(frozen=True, slots=True)
class Trap(Node):
    """``trap [Type] { body }`` (TrapStatementAst): handles the terminating errors of the statement
    list it stands in, wherever in that list it stands (about_Trap). ``types`` holds the one type
    written, or nothing, so a trap matches errors as a ``catch`` clause does."""

    types: tuple[str, ...]
    body: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class SwitchClause(Node):
    """One ``condition { body }`` of a switch; ``condition`` is ``None`` for ``default``."""

    condition: Expression | None
    body: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Switch(Node):
    """``switch [-Regex|-Wildcard|-Exact|-CaseSensitive] (value) { clauses }``, or with
    ``-File path`` instead of ``(value)``: then ``file`` is set and ``value`` names the file whose
    lines are switched on, as SwitchStatementAst keeps it (Condition and SwitchFlags.File)."""

    value: Statement
    clauses: tuple[SwitchClause, ...]
    mode: str = "exact"
    case_sensitive: bool = False
    label: str = ""
    file: bool = False


@dataclass(frozen=True, slots=True)
class Throw(Node):
    value: Statement | None = None


@dataclass(frozen=True, slots=True)
class Return(Node):
    value: Statement | None = None


@dataclass(frozen=True, slots=True)
class Exit(Node):
    value: Statement | None = None


@dataclass(frozen=True, slots=True)
class Break(Node):
    """``break`` or ``break label``: the label names the loop or switch to leave (``""``: the innermost)."""

    label: str = ""


@dataclass(frozen=True, slots=True)
class Continue(Node):
    """``continue`` or ``continue label``."""

    label: str = ""


@dataclass(frozen=True, slots=True)
class ConfigurationDefinition(Node):
    """A DSC ``Configuration Name { … }`` block: parsed, so the script is read as PowerShell reads
    it, but never run: PowerShell 7 ships no PSDesiredStateConfiguration, and cscmdlets does not
    emulate DSC, so reaching it is an emulator stop."""

    name: str
    body: ScriptBlock


@dataclass(frozen=True, slots=True)
class Attribute(Node):
    """``[Parameter(Mandatory = $true)]``; named arguments without a value are ``$true``."""

    name: str
    positional: tuple[Expression, ...] = ()
    named: tuple[tuple[str, Expression | None], ...] = ()


@dataclass(frozen=True, slots=True)
class ParameterDecl(Node):
    """One ``[type]$Name = default`` in a ``param()`` block."""

    name: str
    type_name: str = ""
    attributes: tuple[Attribute, ...] = ()
    default: Expression | None = None

    @property
    def is_mandatory(self) -> bool:
        for attribute in self.attributes:
            for key, value in attribute.named:
                if key.lower() == "mandatory":
                    return value is None or not (isinstance(value, Variable) and value.name.lower() == "false")
        return False


@dataclass(frozen=True, slots=True)
class ParamBlock(Node):
    parameters: tuple[ParameterDecl, ...]
    attributes: tuple[Attribute, ...] = ()


@dataclass(frozen=True, slots=True)
class ScriptBlock(Node):
    """``{ param(…) statements }``; ``begin``/``process`` blocks when the body names them."""

    params: ParamBlock | None
    statements: tuple[Statement, ...]
    begin: tuple[Statement, ...] | None = None
    process: tuple[Statement, ...] | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class FunctionDefinition(Node):
    name: str
    body: ScriptBlock


Statement: TypeAlias = (
    "Pipeline | Assignment | If | ForEach | For | While | DoLoop | Try | Trap | Switch | Throw | Return | Exit | "
    "Break | Continue | FunctionDefinition | ConfigurationDefinition"
)


@dataclass(frozen=True, slots=True)
class Requirement(Node):
    """One ``#Requires -Name value`` (about_Requires): ``parameter`` as PowerShell names it
    (``Version``, ``Modules``, ``PSEdition``, ``RunAsAdministrator``…), ``value`` its constant
    (a string, a number, a list, a hashtable's items; ``True`` for a switch)."""

    parameter: str
    value: Any


@dataclass(frozen=True, slots=True)
class Script:
    """A parsed script: its top-level script block, the source it came from, and its
    ``#Requires`` lines (checked by PowerShell before the first statement runs)."""

    block: ScriptBlock
    source: Source
    requires: tuple[Requirement, ...] = ()

    @property
    def statements(self) -> tuple[Statement, ...]:
        return self.block.statements

    @property
    def params(self) -> ParamBlock | None:
        return self.block.params


def walk(node: Node | Script, children: Callable[[Node], Iterable[Node]] | None = None) -> Iterator[Any]:
    """Every node under ``node`` (itself first), depth first, in source order: the one walk of the
    tree that the parser, linter, porter and migrator share.

    Args:
        node: where to start (a Script starts at its top-level block).
        children: the nodes to go into below each node (default :func:`child_nodes`, all of
            them); a reader that takes some parts for something else than code (the linter:
            ``-Filter {…}`` is filter text) leaves those out.
    """
    start = node.block if isinstance(node, Script) else node
    return _walk(start, children or child_nodes)


def _walk(node: Node, children: Callable[[Node], Iterable[Node]]) -> Iterator[Any]:
    yield node
    for child in children(node):
        yield from _walk(child, children)


def child_nodes(node: Node) -> Iterator[Node]:
    """The nodes directly under ``node``, in source order."""
    for name in node.__dataclass_fields__:
        if name != "extent":
            yield from _nodes_in(getattr(node, name))


def _nodes_in(value: Any) -> Iterator[Node]:
    if isinstance(value, Node):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _nodes_in(item)


def single_expression(statement: Statement) -> Expression | None:
    """The expression a statement is made of alone (``$x++``, ``@(1, 2)``), else ``None``."""
    if isinstance(statement, Pipeline) and len(statement.elements) == 1:
        element = statement.elements[0]
        if isinstance(element, CommandExpression):
            return element.expression
    return None
