"""The syntax tree of a parsed script: small frozen dataclasses, one per construct, each with
its :class:`~.source.Extent`. Node names follow PowerShell's own AST (System.Management.Automation.Language):
``Pipeline`` for PipelineAst, ``Command`` for CommandAst, and so on.

Each node class is a dataclass as ``@dataclass(frozen=True, slots=True)`` makes it (fields,
``dataclasses.replace``, equality, hashing, immutability), made by :func:`_node` for less: the
methods every node shares are written once, on :class:`_Record`, and the constructors of all the
classes are compiled together. ``@dataclass`` compiles six methods per class, and this module
loads for every command line ``cscmdlets run -c`` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, FrozenInstanceError, dataclass
from typing import Any, TypeAlias, TypeVar, dataclass_transform

from .source import Extent, Source

_R = TypeVar("_R", bound="_Record")

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
    "PipelineChain",
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
    "Ternary",
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


class _Record:
    """What ``@dataclass(frozen=True)`` would write into each node class, written once."""

    __slots__ = ()
    __dataclass_fields__: Any

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:  # copy and pickle, as dataclass(frozen, slots) has them
        return list(self._values())

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self.__dataclass_fields__, state, strict=True):
            object.__setattr__(self, name, value)


#: The node classes whose constructors :func:`_compile_constructors` has still to write.
_PENDING: list[type[_Record]] = []


@dataclass_transform(frozen_default=True)
def _node(cls: type[_R]) -> type[_R]:
    """``@dataclass(frozen=True, slots=True)``: fields and slots from dataclass, the shared
    methods from :class:`_Record`, the constructor from :func:`_compile_constructors`."""
    if cls.__doc__ is None:  # else dataclass writes one from inspect.signature, which is slow
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__annotations__)})"
    made = dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    _PENDING.append(made)
    return made


def _compile_constructors() -> None:
    """Each pending class's ``__init__``, as dataclass writes it for a frozen class, all compiled at once."""
    namespace: dict[str, Any] = {"_set": object.__setattr__}
    lines: list[str] = []
    for index, cls in enumerate(_PENDING):
        parameters, body = ["self"], []
        for name, field in cls.__dataclass_fields__.items():
            if field.default is MISSING:
                parameters.append(name)
            else:
                namespace[f"_default_{index}_{name}"] = field.default
                parameters.append(f"{name}=_default_{index}_{name}")
            body.append(f"    _set(self, {name!r}, {name})")
        lines += [f"def _init_{index}({', '.join(parameters)}):", *body]
    exec(compile("\n".join(lines), f"<{__name__} constructors>", "exec"), namespace)
    for index, cls in enumerate(_PENDING):
        init = namespace[f"_init_{index}"]
        init.__name__, init.__qualname__ = "__init__", f"{cls.__qualname__}.__init__"
        type.__setattr__(cls, "__init__", init)
        # Declared as what it now is, a frozen dataclass with init, repr and eq (after all the
        # classes here are made): a frozen @dataclass subclass of a node checks it.
        params: Any = getattr(cls, "__dataclass_params__")  # noqa: B009 (not in the type stubs)
        params.init = params.repr = params.eq = params.frozen = True
    _PENDING.clear()


@_node
class Node(_Record):
    extent: Extent


@_node
class Constant(Node):
    """A number, a verbatim string or a bareword. ``kind``: number, bareword, single, double, here."""

    value: Any
    kind: str = "bareword"


@_node
class ExpandableString(Node):
    """``"… $x … $(…)"``, an expandable here-string or a bareword with ``$var`` inside."""

    parts: tuple[str | Expression, ...]
    kind: str = "double"


@_node
class Variable(Node):
    """``$name``, ``${name}``, ``$env:NAME``; ``scope`` is lower-cased (``env``, ``script``…)."""

    name: str
    scope: str = ""


@_node
class Splat(Node):
    """``@params`` as a command argument."""

    name: str


@_node
class ArrayLiteral(Node):
    """``a, b, c`` (both modes)."""

    items: tuple[Expression, ...]


@_node
class ArrayExpression(Node):
    """``@( … )``."""

    statements: tuple[Statement, ...]


@_node
class SubExpression(Node):
    """``$( … )``."""

    statements: tuple[Statement, ...]


@_node
class Paren(Node):
    """``( pipeline )``."""

    statement: Statement


@_node
class HashLiteral(Node):
    """``@{ key = value; … }``; keys are expressions (barewords become string constants)."""

    entries: tuple[tuple[Expression, Statement], ...]


@_node
class ScriptBlockExpression(Node):
    block: ScriptBlock


@_node
class TypeLiteral(Node):
    """``[datetime]`` (the name as written, without brackets)."""

    type_name: str


@_node
class Cast(Node):
    """``[int]$x``, ``[pscustomobject]@{…}``."""

    type_name: str
    operand: Expression


@_node
class Member(Node):
    """``$x.Name`` or ``[T]::Name``; ``member`` is a Constant name or a dynamic expression;
    ``null_conditional`` for ``${x}?.Name`` ($null when the target is $null)."""

    target: Expression
    member: Expression
    static: bool = False
    null_conditional: bool = False


@_node
class InvokeMember(Node):
    """``$x.Replace('a', 'b')`` or ``[math]::Round($n)``; ``${x}?.Trim()`` is ``null_conditional``."""

    target: Expression
    member: Expression
    arguments: tuple[Expression, ...]
    static: bool = False
    null_conditional: bool = False


@_node
class Index(Node):
    """``$x[0]``; ``${x}?[0]`` is ``null_conditional``."""

    target: Expression
    index: Expression
    null_conditional: bool = False


@_node
class Unary(Node):
    """``-not``, ``!``, ``-``, ``+``, ``,``, ``-split``, ``-join``, ``-bnot``, ``++``/``--``."""

    op: str
    operand: Expression
    postfix: bool = False


@_node
class Binary(Node):
    """``op`` is lower-cased without its dash: ``eq``, ``ceq``, ``+``, ``..``, ``and``, ``f``."""

    op: str
    left: Expression
    right: Expression


@_node
class Ternary(Node):
    """``condition ? if_true : if_false`` (TernaryExpressionAst, PowerShell 7)."""

    condition: Expression
    if_true: Expression
    if_false: Expression


Expression: TypeAlias = (
    "Constant | ExpandableString | Variable | Splat | ArrayLiteral | ArrayExpression | SubExpression | "
    "Paren | HashLiteral | ScriptBlockExpression | TypeLiteral | Cast | Member | InvokeMember | Index | "
    "Unary | Binary | Ternary"
)


@_node
class CommandParameter(Node):
    """``-Name`` or ``-Name:value``; ``name`` is as typed, without the dash."""

    name: str
    argument: Expression | None = None
    text: str = ""


@_node
class Redirection(Node):
    """``> file``, ``>> file``, ``2>&1``, ``2>$null``: ``stream`` is ``1``…``6`` or ``*``."""

    stream: str
    target: Expression | None
    append: bool = False
    merge: bool = False


@_node
class Command(Node):
    """``Name arg -Param value …``; ``name`` is a bareword Constant unless invoked with ``&``/``.``."""

    name: Expression
    elements: tuple[Expression | CommandParameter, ...]
    invocation_operator: str = ""
    redirections: tuple[Redirection, ...] = ()

    @property
    def name_text(self) -> str:
        return str(self.name.value) if isinstance(self.name, Constant) else ""


@_node
class CommandExpression(Node):
    expression: Expression
    redirections: tuple[Redirection, ...] = ()


@_node
class Pipeline(Node):
    elements: tuple[Command | CommandExpression, ...]


@_node
class PipelineChain(Node):
    """``left && right`` or ``left || right`` (PipelineChainAst, PowerShell 7): ``right`` runs
    when ``$?`` after ``left`` is true (``&&``) or false (``||``); chains nest to the left."""

    left: Pipeline | PipelineChain
    op: str
    right: Pipeline


@_node
class Assignment(Node):
    target: Expression
    op: str
    value: Statement


@_node
class If(Node):
    clauses: tuple[tuple[Statement, tuple[Statement, ...]], ...]
    else_body: tuple[Statement, ...] | None = None


@_node
class ForEach(Node):
    variable: Variable
    iterable: Statement
    body: tuple[Statement, ...]
    label: str = ""


@_node
class For(Node):
    initializer: Statement | None
    condition: Statement | None
    iterator: Statement | None
    body: tuple[Statement, ...]
    label: str = ""


@_node
class While(Node):
    condition: Statement
    body: tuple[Statement, ...]
    label: str = ""


@_node
class DoLoop(Node):
    """``do { } while (…)`` or, with ``until=True``, ``do { } until (…)``."""

    body: tuple[Statement, ...]
    condition: Statement
    until: bool = False
    label: str = ""


@_node
class CatchClause(Node):
    types: tuple[str, ...]
    body: tuple[Statement, ...]


@_node
class Try(Node):
    body: tuple[Statement, ...]
    catches: tuple[CatchClause, ...]
    finally_body: tuple[Statement, ...] | None = None


@_node
class Trap(Node):
    """``trap [Type] { body }`` (TrapStatementAst): handles the terminating errors of the statement
    list it stands in, wherever in that list it stands (about_Trap). ``types`` holds the one type
    written, or nothing, so a trap matches errors as a ``catch`` clause does."""

    types: tuple[str, ...]
    body: tuple[Statement, ...]


@_node
class SwitchClause(Node):
    """One ``condition { body }`` of a switch; ``condition`` is ``None`` for ``default``."""

    condition: Expression | None
    body: tuple[Statement, ...]


@_node
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


@_node
class Throw(Node):
    value: Statement | None = None


@_node
class Return(Node):
    value: Statement | None = None


@_node
class Exit(Node):
    value: Statement | None = None


@_node
class Break(Node):
    """``break`` or ``break label``: the label names the loop or switch to leave (``""``: the innermost)."""

    label: str = ""


@_node
class Continue(Node):
    """``continue`` or ``continue label``."""

    label: str = ""


@_node
class ConfigurationDefinition(Node):
    """A DSC ``Configuration Name { … }`` block: parsed, so the script is read as PowerShell reads
    it, but never run: PowerShell 7 ships no PSDesiredStateConfiguration, and cscmdlets does not
    emulate DSC, so reaching it is an emulator stop."""

    name: str
    body: ScriptBlock


@_node
class Attribute(Node):
    """``[Parameter(Mandatory = $true)]``; named arguments without a value are ``$true``."""

    name: str
    positional: tuple[Expression, ...] = ()
    named: tuple[tuple[str, Expression | None], ...] = ()


@_node
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


@_node
class ParamBlock(Node):
    parameters: tuple[ParameterDecl, ...]
    attributes: tuple[Attribute, ...] = ()


@_node
class ScriptBlock(Node):
    """``{ param(…) statements }``; ``begin``/``process`` blocks when the body names them."""

    params: ParamBlock | None
    statements: tuple[Statement, ...]
    begin: tuple[Statement, ...] | None = None
    process: tuple[Statement, ...] | None = None
    text: str = ""


@_node
class FunctionDefinition(Node):
    name: str
    body: ScriptBlock


Statement: TypeAlias = (
    "Pipeline | PipelineChain | Assignment | If | ForEach | For | While | DoLoop | Try | Trap | Switch | Throw | "
    "Return | Exit | Break | Continue | FunctionDefinition | ConfigurationDefinition"
)


@_node
class Requirement(Node):
    """One ``#Requires -Name value`` (about_Requires): ``parameter`` as PowerShell names it
    (``Version``, ``Modules``, ``PSEdition``, ``RunAsAdministrator``…), ``value`` its constant
    (a string, a number, a list, a hashtable's items; ``True`` for a switch)."""

    parameter: str
    value: Any


@_node
class Script(_Record):
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


_compile_constructors()


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
