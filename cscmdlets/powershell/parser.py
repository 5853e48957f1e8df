"""A small PowerShell parser for the admin-script subset (spec/powershell.md §B1).

Hand-written recursive descent straight over the characters: PowerShell's tokens depend on
the mode (expression or argument), so the parser asks for the token it can accept at each
point instead of pre-tokenising. The result is a small typed AST of frozen dataclasses, each
node carrying its :class:`Extent` (offsets, 1-based line and column).

What PowerShell reads and tree-sitter gets silently wrong is handled here (§0.2, §B1):
typographic quotes (U+2018-U+201B, U+201C-U+201E) are quotes, and U+2013-U+2015 are dashes. Malformed
input raises :class:`~cscmdlets.powershell.errors.ParseError` with PowerShell's error id,
message, line and column — never a Python traceback. Constructs outside the subset (classes,
``switch``, ``--%``, ``&&``) raise a ParseError too, so a script never half-runs.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import gc
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeAlias

from .errors import InvocationInfo, ParseError

__all__ = [
    "DASHES",
    "DOUBLE_QUOTES",
    "SINGLE_QUOTES",
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
    "Extent",
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
    "Return",
    "Script",
    "ScriptBlock",
    "ScriptBlockExpression",
    "Source",
    "Splat",
    "SubExpression",
    "Switch",
    "SwitchClause",
    "Throw",
    "Try",
    "TypeLiteral",
    "Unary",
    "Variable",
    "While",
    "parse",
    "single_expression",
    "walk",
]

SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
DOUBLE_QUOTES = '"\u201c\u201d\u201e'
DASHES = "-\u2013\u2014\u2015"
_QUOTES = SINGLE_QUOTES + DOUBLE_QUOTES
#: What ``peek`` returns past the end: a character no test in the parser matches.
EOF = "\x00"


# --- source positions -----------------------------------------------------------------------------


class Source:
    """The script text with its name; turns offsets into lines, columns and InvocationInfo."""

    def __init__(self, text: str, name: str = "") -> None:
        self.text = text
        self.name = name
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._lines: dict[int, str] = {}  # every argument's InvocationInfo needs its line

    def extent(self, start: int, end: int) -> Extent:
        return _new_extent(Extent, (start, end, self))

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        if line not in self._lines:
            start = self.line_starts[line - 1]
            end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
            self._lines[line] = self.text[start:end].rstrip("\r\n")
        return self._lines[line]

    def text_of(self, extent: Extent) -> str:
        return self.text[extent.start : extent.end]

    def invocation(self, extent: Extent, command_name: str = "") -> InvocationInfo:
        """The InvocationInfo that underlines ``extent`` (cut at the end of its first line)."""
        start, end, line_number, column = extent.position
        line = self.line_text(line_number)
        length = max(1, min(end - start, len(line) - column + 1))
        return InvocationInfo(
            command_name=command_name,
            script_name=self.name,
            line_number=line_number,
            column=column,
            line=line,
            length=length,
        )


class Extent(NamedTuple):
    """Where a node is: offsets into its source, and the 1-based line and column it starts at.

    One is made per node, the parser's hottest allocation: hence a NamedTuple rather than a
    dataclass, holding only the offsets. Line and column are worked out when asked for (error
    positions, the linter), which most nodes never are. Equality, hashing and ``repr`` go by
    :attr:`position`, as if line and column were fields."""

    start: int
    end: int
    source: Source

    @property
    def line(self) -> int:
        return self.source.line_and_column(self.start)[0]

    @property
    def column(self) -> int:
        return self.source.line_and_column(self.start)[1]

    @property
    def position(self) -> tuple[int, int, int, int]:
        """``(start, end, line, column)``."""
        return self.start, self.end, *self.source.line_and_column(self.start)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Extent) and self.position == other.position

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.position)

    def __repr__(self) -> str:
        return f"Extent(start={self.start}, end={self.end}, line={self.line}, column={self.column})"


_new_extent = tuple.__new__  # skips NamedTuple's Python-level __new__ on the parser's hottest path


# --- AST ---------------------------------------------------------------------------------------------


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
class SwitchClause(Node):
    """One ``condition { body }`` of a switch; ``condition`` is ``None`` for ``default``."""

    condition: Expression | None
    body: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Switch(Node):
    """``switch [-Regex|-Wildcard|-Exact|-CaseSensitive] (value) { clauses }``."""

    value: Statement
    clauses: tuple[SwitchClause, ...]
    mode: str = "exact"
    case_sensitive: bool = False
    label: str = ""


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
    "Pipeline | Assignment | If | ForEach | For | While | DoLoop | Try | Switch | Throw | Return | Exit | Break | "
    "Continue | FunctionDefinition | ConfigurationDefinition"
)


@dataclass(frozen=True, slots=True)
class Script:
    """A parsed script: its top-level script block and the source it came from."""

    block: ScriptBlock
    source: Source

    @property
    def statements(self) -> tuple[Statement, ...]:
        return self.block.statements

    @property
    def params(self) -> ParamBlock | None:
        return self.block.params


def walk(node: Node | Script) -> Iterator[Any]:
    """Every node under ``node`` (itself first), depth first, in source order."""
    if isinstance(node, Script):
        node = node.block
    yield node
    for name in node.__dataclass_fields__:
        if name != "extent":
            yield from _walk_value(getattr(node, name))


def _walk_value(value: Any) -> Iterator[Any]:
    if isinstance(value, Node):
        yield from walk(value)
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk_value(item)


# --- lexical patterns ----------------------------------------------------------------------------

_INLINE_WS = re.compile(r"(?:[ \t\f\v\u00a0\ufeff]+|`\r?\n|<#.*?#>|#[^\r\n\x00]*)*", re.S)
_ANY_WS = re.compile(r"(?:\s+|`\r?\n|<#.*?#>|#[^\r\n\x00]*)*", re.S)
_ASSIGN_START = frozenset(f"={DASHES}+*/%")
#: Characters after which no binary operator, comma or redirection can follow on this line.
_NO_OPERATOR = frozenset("\r\n;)}]|\x00")
_INLINE_START = frozenset(" \t\f\v\u00a0\ufeff\u2000\u2002\u2003\u2009\u3000`<#")
_ANY_START = _INLINE_START | frozenset("\r\n\x1c\x1d\x1e\x85\u2028\u2029")
_NON_BARE = r"\s;|&(){},<>`\"'\u2018-\u201e\x00"
_GENERIC = re.compile(rf"[^{_NON_BARE}]+")
_BARE_RUN = re.compile(rf"[^{_NON_BARE}$]+")
_PARAMETER = re.compile(rf"[{DASHES}]((?:[^\W\d]|\?)[^{_NON_BARE}:]*)(:?)")
_END_OF_PARAMETERS = re.compile(rf"[{DASHES}]{{2}}(?=[\s;|)}}]|$)")
_NUMBER = re.compile(r"(0x[0-9a-f]+|(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)([ld]?)(kb|mb|gb|tb|pb)?(?!\w)", re.I)
_ARG_NUMBER_END = re.compile(r"(?=[\s;|)},>\x00])")
_VARIABLE = re.compile(r"\$(?:\{(?P<braced>[^}]*)\}|(?P<special>[?$^])|(?:(?P<scope>\w+):(?=\w))?(?P<name>\w+))")
_KEYWORD = re.compile(r"[A-Za-z]+(?![\w-])")
_OPERATOR_WORD = re.compile(rf"[{DASHES}]([A-Za-z]+)(?![\w-])")
_ASSIGN = re.compile(rf"(?:[{DASHES}+*/%])?=")
_REDIRECT = re.compile(r"([1-6*])?(>>?)(&[12])?")
_TYPE_NAME = re.compile(r"[\w.`+]+")
_SQ_RUN = re.compile(r"[^'\u2018-\u201b\x00]+")
_DQ_RUN = re.compile(r'[^`$"\u201c-\u201e\x00]+')
_HERE_RUN = re.compile(r"[^`$]+")
_ATTRIBUTE_NAMED = re.compile(r"(\w+)\s*(=)?")
_SPLAT = re.compile(r"@(\w+)")
_SIGN = re.compile(rf"([{DASHES}+]?)")
_WORD = re.compile(r"\w+")
_HASH_KEY = re.compile(r"[^\W\d][\w-]*|\d+")
_MULTIPLIERS = {"kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40, "pb": 2**50}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "e": "\x1b"}

_COMPARISON = frozenset(
    [
        "eq",
        "ne",
        "gt",
        "ge",
        "lt",
        "le",
        "like",
        "notlike",
        "match",
        "notmatch",
        "contains",
        "notcontains",
        "in",
        "notin",
        "replace",
        "split",
        "join",
        "is",
        "isnot",
        "as",
    ]
)
_CASED = frozenset(o for o in _COMPARISON if o not in {"is", "isnot", "as", "join"})
#: Binary operator levels, loosest first (lang-spec chapter 7).
_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"and", "or", "xor"}),
    frozenset({"band", "bor", "bxor", "shl", "shr"}),
    _COMPARISON,
    frozenset({"+", "-"}),
    frozenset({"*", "/", "%"}),
    frozenset({"f"}),
    frozenset({".."}),
)
_UNARY_WORDS = frozenset({"not", "bnot", "split", "join"})
_STATEMENT_END = frozenset("\r\n;")
#: What StreamAlreadyRedirected calls each stream (ParserStrings.resx; 3-6 by the same pattern, inferred).
_STREAM_NAMES = {
    "1": "output",
    "2": "error",
    "3": "warning",
    "4": "verbose",
    "5": "debug",
    "6": "information",
    "*": "*",
}
_LABEL = re.compile(r":(\w+)")
_LABELLED_KEYWORDS = ("foreach", "for", "while", "do", "switch")


def _binary_operators() -> dict[str, tuple[str, int]]:
    """Each operator as typed (lower-cased, without its dash) → its canonical name and level:
    ``ieq`` → (``eq``, 2), ``cmatch`` → (``cmatch``, 2), ``+`` → (``+``, 3)."""
    table: dict[str, tuple[str, int]] = {}
    for level, names in enumerate(_LEVELS):
        for name in names:
            table[name] = (name, level)
            if name in _CASED:
                table["i" + name] = (name, level)
                table["c" + name] = ("c" + name, level)
    return table


_BINARY_OPERATORS = _binary_operators()


class _Operator(NamedTuple):
    """A binary operator found in the text: canonical name, level, end offset and the text as typed."""

    name: str
    level: int
    end: int
    text: str


def _number_value(match: re.Match[str], sign: str = "") -> int | float | None:
    """The literal's value: Int32/Int64 by size, else a double; ``None`` beyond a double."""
    digits, type_suffix, multiplier = match.group(1), match.group(2).lower(), (match.group(3) or "").lower()
    value: int | float
    if len(digits) > 400:  # beyond System.Double: not a number (a bareword in argument mode)
        return None
    if digits.lower().startswith("0x"):
        value = int(digits, 16)
    elif digits.isdigit() and type_suffix != "d" and len(digits) <= 19:
        value = int(digits)
    else:
        value = float(digits)
    value = value * _MULTIPLIERS.get(multiplier, 1)
    if isinstance(value, float) and (math.isinf(value) or (value.is_integer() and value >= 2**63)):
        return None if math.isinf(value) else value
    if isinstance(value, int) and value >= 2**63:
        value = float(value)  # PowerShell widens to Decimal, then Double
    return -value if sign and sign in DASHES else value


# --- the parser ------------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over one source text. ``pos`` always points at the next character."""

    def __init__(self, source: Source) -> None:
        self.source = source
        #: The text padded with EOF characters, so ``peek`` needs no bounds check (hot path).
        self.text = source.text + EOF * 8
        self.length = len(source.text)
        self.pos = 0
        #: False inside method-call and attribute arguments, where ``,`` separates arguments.
        self.commas = True

    # -- helpers ----------------------------------------------------------------------------------

    def error(self, error_id: str, message: str, start: int | None = None, end: int | None = None) -> ParseError:
        start = self.pos if start is None else start
        extent = self.source.extent(start, max(end if end is not None else start + 1, start + 1))
        return ParseError(error_id, message, invocation=self.source.invocation(extent))

    def extent(self, start: int) -> Extent:
        return _new_extent(Extent, (start, self.pos, self.source))

    def peek(self, offset: int = 0) -> str:
        return self.text[self.pos + offset]

    def skip(self, *, newlines: bool = False) -> None:
        char = self.text[self.pos]
        if char not in (_ANY_START if newlines else _INLINE_START):
            return  # the common case: already at a token
        following = self.text[self.pos + 1]
        if (char == " " or (newlines and char == "\n")) and not following.isspace() and following not in "`<#":
            self.pos += 1  # the next most common case, one blank or line break between tokens: no regex needed
            return
        match = (_ANY_WS if newlines else _INLINE_WS).match(self.text, self.pos)
        self.pos = match.end() if match is not None else self.pos  # the pattern always matches
        if self.text.startswith("<#", self.pos):
            raise self.error(
                "MissingTerminatorMultiLineComment", "The comment is missing the terminator: #>."
            )  # inferred

    def at_keyword(self, *words: str) -> str | None:
        match = _KEYWORD.match(self.text, self.pos)
        if match and match.group().lower() in words:
            return match.group().lower()
        return None

    def take_keyword(self, word: str) -> bool:
        if self.at_keyword(word):
            self.pos += len(word)
            return True
        return False

    def expect(self, char: str, error_id: str, message: str, start: int | None = None) -> None:
        if self.text[self.pos] != char:
            raise self.error(error_id, message, start)
        self.pos += 1

    def token_text(self) -> str:
        match = _GENERIC.match(self.text, self.pos)
        return match.group() if match else self.text[self.pos].replace(EOF, "")

    def unexpected(self) -> ParseError:
        token = self.token_text()
        return self.error(
            "UnexpectedToken",
            f"Unexpected token '{token}' in expression or statement.",
            self.pos,
            self.pos + len(token),
        )

    # -- statements -------------------------------------------------------------------------------

    def script(self) -> Script:
        start = self.pos
        self.skip(newlines=True)
        block = self.script_block_body(start, closer="")
        if self.pos < self.length:
            raise self.unexpected()
        return Script(block, self.source)

    def script_block_body(self, start: int, closer: str) -> ScriptBlock:
        self.skip(newlines=True)
        params = self.param_block() if self.at_param_block() else None
        named = self.named_blocks(closer)
        if named is not None:
            begin, process, end = named
            return ScriptBlock(self.extent(start), params, end or (), begin, process, self.text[start : self.pos])
        statements = self.statements(closer)
        return ScriptBlock(self.extent(start), params, statements, text=self.text[start : self.pos])

    def named_blocks(self, closer: str) -> tuple[tuple[Statement, ...] | None, ...] | None:
        """``begin { } process { } end { }`` bodies, or ``None`` when the body names no block."""
        self.skip(newlines=True)
        if not self.at_keyword("begin", "process", "end"):
            return None
        saved = self.pos
        blocks: dict[str, tuple[Statement, ...]] = {}
        while (word := self.at_keyword("begin", "process", "end")) is not None:
            self.pos += len(word)
            self.skip(newlines=True)
            if self.text[self.pos] != "{":
                self.pos = saved
                return None
            blocks[word] = self.braced_statements(
                "MissingNamedStatementBlock", f"Missing statement block after '{word}'."
            )  # inferred
            self.skip(newlines=True)
        return blocks.get("begin"), blocks.get("process"), blocks.get("end", ())

    def statements(self, closer: str) -> tuple[Statement, ...]:
        result: list[Statement] = []
        while True:
            self.skip(newlines=True)
            char = self.text[self.pos]
            if char == ";":
                self.pos += 1
                continue
            if char == EOF or (closer and char == closer):
                return tuple(result)
            if char in ")}" and char != closer:
                raise self.unexpected()
            result.append(self.statement())
            self.end_of_statement(closer)

    def end_of_statement(self, closer: str) -> None:
        if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
            self.skip()
        char = self.text[self.pos]
        if char == EOF or char in _STATEMENT_END or (closer and char == closer):
            return
        raise self.unexpected()

    def statement(self) -> Statement:
        char = self.text[self.pos]
        word = _KEYWORD.match(self.text, self.pos) if char.isalpha() else None
        if word is not None:
            handler = _STATEMENT_KEYWORDS.get(word.group().lower())
            if handler is not None:
                return handler(self)
        elif char == ":" and (label := _LABEL.match(self.text, self.pos)):
            return self.labelled_statement(label)
        return self.pipeline()

    def labelled_statement(self, label: re.Match[str]) -> Statement:
        """``:name`` before a loop or ``switch`` names it for ``break name``/``continue name``.
        Before anything else the label is an ordinary command name, as PowerShell's
        LabeledStatementRule resyncs on it (Parser.cs)."""
        start = self.pos
        self.pos = label.end()
        self.skip()
        keyword = self.at_keyword(*_LABELLED_KEYWORDS)
        if keyword is None:
            self.pos = start
            return self.pipeline()
        loop = _STATEMENT_KEYWORDS[keyword](self)
        return dataclasses.replace(loop, extent=self.extent(start), label=label.group(1))  # type: ignore[type-var]

    def braced_statements(self, error_id: str, message: str) -> tuple[Statement, ...]:
        """``{ statements }`` after a keyword; ``error_id``/``message`` when the ``{`` is missing."""
        self.skip(newlines=True)
        if self.text[self.pos] != "{":
            raise self.error(error_id, message)
        open_at = self.pos
        self.pos += 1
        body = self.statements("}")
        self.close_brace(open_at)
        return body

    def close_brace(self, open_at: int) -> None:
        if self.text[self.pos] != "}":
            raise self.error(
                "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.", open_at
            )
        self.pos += 1

    def condition(self, keyword: str, *, missing_close: str) -> Statement:
        """``( pipeline )`` after ``if``/``while``/``elseif``/``until``."""
        self.skip()
        if self.text[self.pos] != "(":
            raise self.error(
                f"MissingOpenParenthesisIn{keyword.capitalize()}Statement",
                f"Missing '(' after '{keyword}' in {keyword} statement.",
            )
        self.pos += 1
        self.skip(newlines=True)
        if self.text[self.pos] in ")" or self.text[self.pos] == EOF:
            raise self.error(
                f"{keyword.capitalize()}StatementMissingCondition",
                f"Missing condition in {keyword} statement after '{keyword} ('.",
            )
        condition = self.statement()
        self.skip(newlines=True)
        self.expect(")", "MissingEndParenthesisAfterStatement", missing_close)
        return condition

    def if_statement(self) -> If:
        start = self.pos
        self.pos += 2
        clauses = [self.if_clause("if")]
        else_body: tuple[Statement, ...] | None = None
        while True:
            saved = self.pos
            self.skip(newlines=True)
            word = self.at_keyword("elseif", "else")
            if word is None:
                self.pos = saved
                break
            self.pos += len(word)
            if word == "else":
                else_body = self.braced_statements(
                    "MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword."
                )
                break
            clauses.append(self.if_clause("elseif"))
        return If(self.extent(start), tuple(clauses), else_body)

    def if_clause(self, keyword: str) -> tuple[Statement, tuple[Statement, ...]]:
        self.skip()
        if self.text[self.pos] != "(":
            raise self.error("MissingOpenParenthesisInIfStatement", f"Missing '(' after '{keyword}' in if statement.")
        missing = f"Missing closing ')' after expression in '{keyword}' statement."
        condition = self.condition("if", missing_close=missing)
        body = self.braced_statements(
            "MissingStatementBlock", f"Missing statement block after {keyword} ( condition )."
        )
        return condition, body

    def foreach_statement(self) -> ForEach:
        start = self.pos
        self.pos += len("foreach")
        self.skip()
        self.expect("(", "MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword 'foreach'.")
        self.skip(newlines=True)
        variable = self.variable_or_none()
        if variable is None:
            raise self.error("MissingVariableNameAfterForeach", "Missing variable name after foreach.")
        self.skip(newlines=True)
        if not self.take_keyword("in"):
            raise self.error("MissingInInForeach", "Missing 'in' after variable in foreach loop.")
        self.skip(newlines=True)
        if self.text[self.pos] in ")":
            raise self.error("MissingForeachExpression", "Missing foreach loop pipeline.")  # inferred
        iterable = self.statement()
        self.skip(newlines=True)
        self.expect(
            ")", "MissingEndParenthesisAfterForeach", "Missing closing ')' after expression in 'foreach' statement."
        )
        body = self.braced_statements("MissingForeachStatement", "Missing statement body in foreach loop.")
        return ForEach(self.extent(start), variable, iterable, body)

    def for_statement(self) -> For:
        start = self.pos
        self.pos += 3
        self.skip()
        self.expect("(", "MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword 'for'.")
        parts: list[Statement | None] = []
        for closer in (";", ";", ")"):
            self.skip(newlines=True)
            parts.append(None if self.text[self.pos] == closer else self.statement())
            self.skip(newlines=True)
            self.expect(
                closer,
                "MissingEndParenthesisAfterFor" if closer == ")" else "MissingSemicolonInFor",
                "Missing closing ')' after expression in 'for' statement."
                if closer == ")"
                else "Missing ';' in 'for' statement.",
            )  # inferred
        body = self.braced_statements("MissingLoopStatement", "Missing statement body in for loop.")
        return For(self.extent(start), parts[0], parts[1], parts[2], body)

    def while_statement(self) -> While:
        start = self.pos
        self.pos += len("while")
        condition = self.condition("while", missing_close="Missing closing ')' after expression in 'while' statement.")
        body = self.braced_statements("MissingLoopStatement", "Missing statement body in while loop.")
        return While(self.extent(start), condition, body)

    def do_statement(self) -> DoLoop:
        start = self.pos
        self.pos += 2
        body = self.braced_statements("MissingLoopStatement", "Missing statement body in do loop.")
        self.skip(newlines=True)
        word = self.at_keyword("while", "until")
        if word is None:
            raise self.error("MissingWhileOrUntilInDoWhile", "Missing while or until keyword in do loop.")
        self.pos += len(word)
        condition = self.condition(word, missing_close=f"Missing closing ')' after expression in '{word}' statement.")
        return DoLoop(self.extent(start), body, condition, until=word == "until")

    def try_statement(self) -> Try:
        start = self.pos
        self.pos += 3
        body = self.braced_statements("MissingTryStatementBlock", "Missing statement block after 'try'.")  # inferred
        catches: list[CatchClause] = []
        finally_body: tuple[Statement, ...] | None = None
        while True:
            saved = self.pos
            self.skip(newlines=True)
            if self.at_keyword("catch"):
                catches.append(self.catch_clause())
                continue
            if self.take_keyword("finally"):
                finally_body = self.braced_statements(
                    "MissingFinallyStatementBlock", "Missing statement block after 'finally'."
                )  # inferred
            else:
                self.pos = saved
            break
        if not catches and finally_body is None:
            raise self.error(
                "MissingCatchOrFinally", "The Try statement is missing its Catch or Finally block.", start, start + 3
            )
        return Try(self.extent(start), body, tuple(catches), finally_body)

    def catch_clause(self) -> CatchClause:
        start = self.pos
        self.pos += len("catch")
        types: list[str] = []
        while True:
            self.skip()
            if self.text[self.pos] != "[":
                break
            types.append(self.type_name())
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                self.skip(newlines=True)
        body = self.braced_statements("MissingCatchHandlerBlock", "Missing statement block after 'catch'.")  # inferred
        return CatchClause(self.extent(start), tuple(types), body)

    def switch_statement(self) -> Switch:
        start = self.pos
        self.pos += len("switch")
        mode, cased = "exact", False
        while True:
            self.skip()
            flag = _OPERATOR_WORD.match(self.text, self.pos)
            if flag is None:
                break
            word = flag.group(1).lower()
            if word not in ("regex", "wildcard", "exact", "casesensitive"):
                raise self.error(
                    "UnsupportedStatement",
                    f"The switch option '-{flag.group(1)}' is not supported by cscmdlets scripts.",
                    self.pos,
                    flag.end(),
                )
            mode, cased = (mode, True) if word == "casesensitive" else (word, cased)
            self.pos = flag.end()
        value = self.condition("switch", missing_close="Missing closing ')' after expression in 'switch' statement.")
        self.skip(newlines=True)
        open_at = self.pos
        self.expect("{", "MissingCurlyBraceInSwitchStatement", "Missing '{' in switch statement.")
        clauses: list[SwitchClause] = []
        while True:
            self.skip(newlines=True)
            if self.text[self.pos] == ";":
                self.pos += 1
                continue
            if self.text[self.pos] == "}":
                self.pos += 1
                return Switch(self.extent(start), value, tuple(clauses), mode, cased)
            if self.text[self.pos] == EOF:
                raise self.error(
                    "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.", open_at
                )
            clauses.append(self.switch_clause())

    def switch_clause(self) -> SwitchClause:
        start = self.pos
        condition: Expression | None
        if self.take_keyword("default"):
            condition = None
        elif self.text[self.pos] == "{":
            condition = self.script_block_expression()
        else:
            condition = self.primary() or self.bareword_or_number()
        body = self.braced_statements(
            "MissingSwitchStatementClause", "Missing statement block in switch statement clause."
        )
        return SwitchClause(self.extent(start), condition, body)

    def bareword_or_number(self) -> Expression:
        start = self.pos
        number = _NUMBER.match(self.text, self.pos)
        if number is not None and (value := _number_value(number)) is not None:
            self.pos = number.end()
            return Constant(self.extent(start), value, "number")
        return self.bareword()

    def flow_statement(self, word: str, node: Callable[..., Statement]) -> Statement:
        start = self.pos
        self.pos += len(word)
        self.skip()
        char = self.text[self.pos]
        value = None if (char == EOF or char in _STATEMENT_END or char in ")}") else self.statement()
        return node(self.extent(start), value)

    def loop_jump(self, word: str, node: type[Break] | type[Continue]) -> Statement:
        start = self.pos
        self.pos += len(word)
        self.skip()
        label = _WORD.match(self.text, self.pos)
        if label:
            self.pos = label.end()
        return node(self.extent(start), label.group() if label else "")

    def function_definition(self) -> FunctionDefinition:
        start = self.pos
        self.pos += len(self.at_keyword("function", "filter") or "")
        self.skip()
        name = _GENERIC.match(self.text, self.pos)
        if name is None:
            raise self.error("MissingNameAfterKeyword", "Missing name after function keyword.")  # inferred
        self.pos = name.end()
        self.skip()
        params = self.parameter_list(self.pos, ")") if self.text[self.pos] == "(" else None
        self.skip(newlines=True)
        if self.text[self.pos] != "{":
            raise self.error("MissingFunctionBody", "Missing function body in function declaration.")
        open_at = self.pos
        self.pos += 1
        body = self.script_block_body(open_at, "}")
        self.close_brace(open_at)
        if params is not None:
            body = ScriptBlock(body.extent, params, body.statements, body.begin, body.process, body.text)
        return FunctionDefinition(self.extent(start), name.group().split(":")[-1], body)

    def configuration_definition(self) -> ConfigurationDefinition:
        """``Configuration Name { … }``: the body is read as a script block (DSC's ``Node`` and
        resource keywords read as commands with script-block arguments), never run."""
        start = self.pos
        self.pos += len("configuration")
        self.skip()
        name = _GENERIC.match(self.text, self.pos)
        if name is None:
            raise self.error(
                "ConfigurationNameMissing", "Missing configuration name after Configuration keyword."
            )  # inferred
        self.pos = name.end()
        self.skip(newlines=True)
        if self.text[self.pos] != "{":
            raise self.error(
                "MissingConfigurationStatementBlock", "Missing statement block after configuration name."
            )  # inferred
        open_at = self.pos
        self.pos += 1
        body = self.script_block_body(open_at, "}")
        self.close_brace(open_at)
        return ConfigurationDefinition(self.extent(start), name.group(), body)

    def unsupported(self, word: str) -> Statement:
        end = self.pos + len(word)
        raise self.error(
            "UnsupportedStatement", f"The '{word}' statement is not supported by cscmdlets scripts.", self.pos, end
        )

    # -- param blocks ---------------------------------------------------------------------------

    def at_param_block(self) -> bool:
        saved = self.pos
        while self.text[self.pos] == "[":
            self.attribute_or_type()
            self.skip(newlines=True)
        found = self.at_keyword("param") is not None
        self.pos = saved
        return found

    def param_block(self) -> ParamBlock:
        start = self.pos
        attributes: list[Attribute] = []
        while self.text[self.pos] == "[":
            item = self.attribute_or_type()
            if isinstance(item, Attribute):
                attributes.append(item)
            self.skip(newlines=True)
        self.pos += len("param")
        self.skip(newlines=True)
        block = self.parameter_list(start, ")")
        return ParamBlock(self.extent(start), block.parameters, tuple(attributes))

    def parameter_list(self, start: int, closer: str) -> ParamBlock:
        open_at = self.pos
        self.expect("(", "MissingOpenParenthesisAfterParam", "Missing '(' after 'param'.")  # inferred
        parameters: list[ParameterDecl] = []
        while True:
            self.skip(newlines=True)
            if self.text[self.pos] == closer:
                self.pos += 1
                return ParamBlock(self.extent(start), tuple(parameters))
            if parameters:
                self.expect(
                    ",",
                    "MissingEndParenthesisInFunctionParameterList",
                    "Missing ')' in function parameter list.",
                    open_at,
                )
                self.skip(newlines=True)
            parameters.append(self.parameter_decl())

    def parameter_decl(self) -> ParameterDecl:
        start = self.pos
        attributes: list[Attribute] = []
        type_name = ""
        while self.text[self.pos] == "[":
            item = self.attribute_or_type()
            if isinstance(item, Attribute):
                attributes.append(item)
            else:
                type_name = item
            self.skip(newlines=True)
        variable = self.variable_or_none()
        if variable is None:
            raise self.error("InvalidFunctionParameter", "Missing variable name in parameter declaration.")  # inferred
        self.skip(newlines=True)
        default = None
        if self.text[self.pos] == "=":
            self.pos += 1
            self.skip(newlines=True)
            default = self.comma_free_expression()
        return ParameterDecl(self.extent(start), variable.name, type_name, tuple(attributes), default)

    def attribute_or_type(self) -> Attribute | str:
        """``[Name(args)]`` is an attribute; ``[Type]`` a type constraint (returned as its name)."""
        start = self.pos
        saved = self.pos
        self.pos += 1
        self.skip()
        name = _TYPE_NAME.match(self.text, self.pos)
        if name is None or not self.text.startswith("(", name.end()):
            self.pos = saved
            return self.type_name()
        self.pos = name.end() + 1
        positional, named = self.attribute_arguments()
        self.skip()
        self.expect("]", "EndSquareBracketExpectedAtEndOfAttribute", "Missing ] at end of attribute or type literal.")
        return Attribute(self.extent(start), name.group(), tuple(positional), tuple(named))

    def attribute_arguments(self) -> tuple[list[Expression], list[tuple[str, Expression | None]]]:
        positional: list[Expression] = []
        named: list[tuple[str, Expression | None]] = []
        while True:
            self.skip(newlines=True)
            if self.text[self.pos] == ")":
                self.pos += 1
                return positional, named
            if positional or named:
                self.expect(",", "MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
                self.skip(newlines=True)
            word = _ATTRIBUTE_NAMED.match(self.text, self.pos)
            if word and (word.group(2) or self.text[word.end()] in (",", ")", EOF)):
                self.pos = word.end()
                self.skip(newlines=True)
                named.append((word.group(1), self.comma_free_expression() if word.group(2) else None))
            else:
                positional.append(self.comma_free_expression())

    def type_name(self) -> str:
        """``[System.Collections.Generic.List[string]]`` → the text between the outer brackets."""
        open_at = self.pos
        depth = 0
        for index in range(self.pos, len(self.text)):
            char = self.text[index]
            depth += (char == "[") - (char == "]")
            if depth == 0:
                name = self.text[open_at + 1 : index].strip()
                if not name:
                    raise self.error("MissingTypename", "Missing type name after '['.", open_at + 1)
                self.pos = index + 1
                return name
            if char in "\r\n":
                break
        raise self.error(
            "EndSquareBracketExpectedAtEndOfAttribute", "Missing ] at end of attribute or type literal.", open_at
        )

    # -- pipelines and commands -----------------------------------------------------------------

    def starts_expression(self) -> bool:
        char = self.text[self.pos]
        if char in "$@('\"[{!,+" or char in _QUOTES or char.isdigit():
            return True
        if char == "." and self.text[self.pos + 1].isdigit():
            return True
        if char and char in DASHES:
            word = _OPERATOR_WORD.match(self.text, self.pos)
            following = self.text[self.pos + 1]
            return following.isdigit() or following == "." or bool(word and word.group(1).lower() in _UNARY_WORDS)
        return False

    def pipeline(self) -> Statement:
        start = self.pos
        first: Command | CommandExpression
        if self.starts_expression():
            expression = self.expression_or_fail()
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
            assignment = _ASSIGN.match(self.text, self.pos) if self.text[self.pos] in _ASSIGN_START else None
            if assignment and self.text[assignment.end() : assignment.end() + 1] != "=" and _is_assignable(expression):
                return self.assignment(start, expression, assignment)
            redirections = self.redirections()
            first = CommandExpression(self.extent(start), expression, redirections)
        else:
            first = self.command()
        elements = [first]
        while True:
            end = self.pos
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
            if self.text[self.pos] != "|" or self.text[self.pos + 1] == "|":
                self.pos = end
                break
            pipe_at = self.pos
            self.pos += 1
            if self.text[self.pos] in _ANY_START:
                self.skip(newlines=True)
            if self.text[self.pos] == EOF or self.text[self.pos] in "|;)}\r\n":
                raise self.error("EmptyPipeElement", "An empty pipe element is not allowed.", pipe_at)
            if self.starts_expression():
                raise self.error(
                    "ExpressionsMustBeFirstInPipeline",
                    "Expressions are only allowed as the first element of a pipeline.",
                )
            elements.append(self.command())
        return Pipeline(self.extent(start), tuple(elements))

    def assignment(self, start: int, target: Expression, match: re.Match[str]) -> Assignment:
        op = match.group()
        op = "-=" if op[0] in DASHES else op
        self.pos = match.end()
        self.skip(newlines=True)
        if self.text[self.pos] == EOF or self.text[self.pos] in _STATEMENT_END or self.text[self.pos] in ")}":
            raise self.error(
                "ExpectedValueExpression", f"You must provide a value expression following the '{op}' operator."
            )
        value = self.statement()
        return Assignment(self.extent(start), target, op, value)

    def command(self) -> Command:
        start = self.pos
        operator = ""
        following = self.text[self.pos + 1]
        if self.text[self.pos] in "&." and (following.isspace() or following in "$'\"({" or following in _QUOTES):
            operator = self.text[self.pos]
            self.pos += 1
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
            name: Expression = self.argument_primary()
        else:
            name = self.command_name()
        elements: list[Expression | CommandParameter] = []
        redirections: list[Redirection] = []
        literal_only = False
        while True:
            end = self.pos  # the command ends at its last element, not at a trailing comment
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
            char = self.text[self.pos]
            if char == EOF or char in "\r\n;|)}":
                self.pos = end
                break
            if char == "&":
                raise (
                    self.unexpected()
                    if self.text[self.pos + 1] == "&"
                    else self.error(
                        "AmpersandNotAllowed",
                        "The ampersand (&) character is not allowed. The & operator is reserved "
                        'for future use; wrap an ampersand in double quotation marks ("&") to pass it as part of '
                        "a string.",
                    )
                )
            if char in "123456*><" and (redirection := self.redirection_or_none()):
                # Redirections may sit anywhere among the arguments: `Write-Output a > out.txt b`
                # writes a and b (CommandRule in Parser.cs keeps scanning after one).
                self.check_not_redirected(redirections, redirection)
                redirections.append(redirection)
                continue
            element, literal_only = self.command_element(literal_only)
            if element is not None:
                elements.append(element)
        return Command(self.extent(start), name, tuple(elements), operator, tuple(redirections))

    def command_name(self) -> Constant:
        start = self.pos
        match = _GENERIC.match(self.text, self.pos)
        if match is None:
            raise self.unexpected()
        self.pos = match.end()
        return Constant(self.extent(start), match.group(), "bareword")

    def command_element(self, literal_only: bool) -> tuple[Expression | CommandParameter | None, bool]:
        if not literal_only and self.text[self.pos] in DASHES:
            if self.text[self.pos + 1] in DASHES and self.end_of_parameters():
                return None, True
            parameter = _PARAMETER.match(self.text, self.pos)
            if parameter:
                return self.command_parameter(parameter), False
        return self.argument(), literal_only

    def end_of_parameters(self) -> bool:
        """Takes ``--`` (what follows are arguments, never parameters); refuses ``--%``."""
        if self.text.startswith("--%", self.pos):
            raise self.error(
                "UnsupportedStatement",
                "Stop-parsing (--%) is not supported by cscmdlets scripts.",
                self.pos,
                self.pos + 3,
            )
        end_marker = _END_OF_PARAMETERS.match(self.text, self.pos)
        if end_marker:
            self.pos = end_marker.end()
        return end_marker is not None

    def command_parameter(self, match: re.Match[str]) -> CommandParameter:
        start = self.pos
        self.pos = match.end()
        token_end = self.pos
        argument = None
        if match.group(2):
            self.skip()
            if self.text[self.pos] == EOF or self.text[self.pos] in "\r\n;|)}":
                raise self.error(
                    "ParameterRequiresArgument",
                    f"The parameter '{match.group(1)}' requires an argument.",  # inferred
                    start,
                    token_end,
                )
            argument = self.argument()
        extent = self.source.extent(start, token_end)
        return CommandParameter(extent, match.group(1), argument, self.text[start:token_end])

    def redirections(self) -> tuple[Redirection, ...]:
        if self.text[self.pos] in _NO_OPERATOR:
            return ()
        found: list[Redirection] = []
        while True:
            self.skip()
            redirection = self.redirection_or_none()
            if redirection is None:
                return tuple(found)
            self.check_not_redirected(found, redirection)
            found.append(redirection)

    def check_not_redirected(self, found: list[Redirection], redirection: Redirection) -> None:
        """The same stream redirected twice is a parse error (RedirectionRule in Parser.cs)."""
        if any(earlier.stream == redirection.stream for earlier in found):
            raise self.error(
                "StreamAlreadyRedirected",
                f"The {_STREAM_NAMES[redirection.stream]} stream for this command is already redirected.",
                redirection.extent.start,
                redirection.extent.end,
            )

    def redirection_or_none(self) -> Redirection | None:
        if self.text[self.pos] == "<" and self.text[self.pos + 1] != "#":
            raise self.error(
                "RedirectionNotSupported", "The '<' operator is reserved for future use.", self.pos, self.pos + 1
            )
        match = _REDIRECT.match(self.text, self.pos)
        if match is None:
            return None
        start = self.pos
        self.pos = match.end()
        stream, append, merge = match.group(1) or "1", match.group(2) == ">>", bool(match.group(3))
        target = None
        if not merge:
            self.skip()
            if self.text[self.pos] == EOF or self.text[self.pos] in "\r\n;|)}":
                raise self.error("MissingFileSpecification", "Missing file specification after redirection operator.")
            target = self.argument_primary()
        return Redirection(self.extent(start), stream, target, append, merge)

    # -- arguments (argument mode) -------------------------------------------------------------

    def argument(self) -> Expression:
        """One command argument: a value, or ``a, b, c`` as one array (argument mode)."""
        start = self.pos
        first = self.argument_primary()
        if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
            self.skip()
        if self.text[self.pos] != "," or isinstance(first, Splat):
            return first
        items: list[Expression] = [first]
        while self.text[self.pos] == ",":
            comma_at = self.pos
            self.pos += 1
            if self.text[self.pos] in _ANY_START:
                self.skip(newlines=True)
            if self.text[self.pos] == EOF or self.text[self.pos] in "\r\n;|)}":
                raise self.error("MissingExpressionAfterToken", "Missing argument in parameter list.", comma_at)
            items.append(self.argument_primary())
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
        return ArrayLiteral(self.extent(start), tuple(items))

    def argument_primary(self) -> Expression:
        start = self.pos
        char = self.text[self.pos]
        if char == "@" and (splat := _SPLAT.match(self.text, self.pos)):
            self.pos = splat.end()
            return Splat(self.extent(start), splat.group(1))
        if char in "$@({" or char in _QUOTES:
            primary = self.primary()
            return self.postfix(primary, start) if primary is not None else self.bareword()
        if char.isalpha():
            return self.bareword()  # the common case (a name, an address, a path): never a number
        number = _SIGN.match(self.text, self.pos)
        assert number is not None
        value = _NUMBER.match(self.text, number.end())
        if value and _ARG_NUMBER_END.match(self.text, value.end()):
            converted = _number_value(value, number.group(1))
            if converted is not None:
                self.pos = value.end()
                return Constant(self.extent(start), converted, "number")
        return self.bareword()

    def bareword(self) -> Expression:
        """A generic token; ``$var`` inside makes it expandable (``C:\\$name\\x``)."""
        start = self.pos
        run = _BARE_RUN.match(self.text, self.pos)
        if run is not None and self.text[run.end()] != "$":  # one run, no variables: a constant
            self.pos = run.end()
            return Constant(self.extent(start), run.group(), "bareword")
        parts: list[str | Expression] = []
        while True:
            run = _BARE_RUN.match(self.text, self.pos)
            if run:
                parts.append(run.group())
                self.pos = run.end()
            elif self.text[self.pos] == "$":
                parts.append(self.string_variable())
            else:
                break
        if not parts:
            raise self.unexpected()
        return _string_node(self.extent(start), parts, "bareword")

    # -- expressions (expression mode) ------------------------------------------------------------

    def expression_or_fail(self) -> Expression:
        expression = self.expression()
        if expression is None:
            raise self.unexpected()
        return expression

    def required_expression(self, after: str) -> Expression:
        expression = self.expression()
        if expression is None:
            raise self.error(
                "ExpectedValueExpression", f"You must provide a value expression following the '{after}' operator."
            )
        return expression

    def expression(self, level: int = 0) -> Expression | None:
        """A binary expression by precedence climbing over ``_LEVELS`` (loosest first)."""
        start = self.pos
        left = self.array_literal()
        if left is None:
            return None
        return self.binary_rest(left, start, level)

    def binary_rest(self, left: Expression, start: int, min_level: int) -> Expression:
        while True:
            if self.text[self.pos] in _NO_OPERATOR:
                return left  # fast exit: nothing here can start an operator
            saved = self.pos
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
            op = self.binary_operator()
            if op is None or op.level < min_level:
                self.pos = saved
                return left
            self.pos = op.end
            if self.text[self.pos] in _ANY_START:
                self.skip(newlines=True)
            right_start = self.pos
            right = self.array_literal()
            if right is None:
                raise self.error(
                    "ExpectedValueExpression",
                    f"You must provide a value expression following the '{op.text}' operator.",
                )
            right = self.binary_rest(right, right_start, op.level + 1)
            left = Binary(self.extent(start), op.name, left, right)

    def binary_operator(self) -> _Operator | None:
        """The binary operator at ``pos``, or ``None``."""
        char = self.text[self.pos]
        if char and char in DASHES:
            word = _OPERATOR_WORD.match(self.text, self.pos)
            if word:
                known = _BINARY_OPERATORS.get(word.group(1).lower())
                return _Operator(*known, word.end(), word.group()) if known else None
            if self.text[self.pos + 1] in "=" or self.text[self.pos + 1] in DASHES:
                return None
            return self.symbol_operator("-")
        if char == "." and self.text[self.pos + 1] == ".":
            return self.symbol_operator("..")
        following = self.text[self.pos + 1]
        if char and char in "+*/%" and following not in "=>" and not (char == "+" and following == "+"):
            return self.symbol_operator(char)
        return None

    def symbol_operator(self, symbol: str) -> _Operator:
        return _Operator(symbol, _BINARY_OPERATORS[symbol][1], self.pos + len(symbol), symbol)

    def comma_free_expression(self) -> Expression:
        """An expression in a method call or attribute, where commas separate arguments."""
        self.commas = False
        try:
            expression = self.expression()
        finally:
            self.commas = True
        if expression is None:
            raise self.error("MissingExpression", "Missing expression after ','.")  # inferred
        return expression

    def array_literal(self) -> Expression | None:
        start = self.pos
        first = self.unary()
        if first is None:
            return None
        if self.text[self.pos] in _NO_OPERATOR:
            return first
        saved = self.pos
        if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
            self.skip()
        if self.text[self.pos] != "," or not self.commas:
            self.pos = saved
            return first
        items = [first]
        while self.text[self.pos] == ",":
            self.pos += 1
            if self.text[self.pos] in _ANY_START:
                self.skip(newlines=True)
            item = self.unary()
            if item is None:
                raise self.error("MissingExpressionAfterToken", "Missing expression after ','.")  # inferred
            items.append(item)
            saved = self.pos
            if self.text[self.pos] in _INLINE_START:  # inlined: a hot path
                self.skip()
        self.pos = saved
        return ArrayLiteral(self.extent(start), tuple(items))

    def unary(self) -> Expression | None:
        start = self.pos
        char = self.text[self.pos]
        if char == "$" or char in _QUOTES:
            return self.postfix_expression()  # the common operands take no unary operator
        op = None
        if char == "!":
            op = "!"
        elif char and char in DASHES:
            word = _OPERATOR_WORD.match(self.text, self.pos)
            if word and word.group(1).lower() in _UNARY_WORDS:
                op = "-" + word.group(1).lower()
                self.pos = word.end() - 1
            elif self.text[self.pos + 1] in DASHES:
                op = "--"
                self.pos += 1
            elif not word:
                op = "-"
        elif char == "+":
            op = "++" if self.text[self.pos + 1] == "+" else "+"
            self.pos += len(op) - 1
        elif char == ",":
            op = ","
        if op is None:
            return self.postfix_expression()
        self.pos += 1
        self.skip(newlines=True)
        operand = self.unary()
        if operand is None:
            raise self.error("MissingExpressionAfterOperator", f"Missing expression after unary operator '{op}'.")
        if op == "-" and isinstance(operand, Constant) and operand.kind == "number":
            return Constant(self.extent(start), -operand.value, "number")
        return Unary(self.extent(start), op, operand)

    def postfix_expression(self) -> Expression | None:
        start = self.pos
        if self.text[self.pos] == "[":
            return self.type_expression()
        primary = self.primary()
        if primary is None:
            number = _NUMBER.match(self.text, self.pos)
            if number is None:
                return None
            converted = _number_value(number)
            if converted is None:
                raise self.error(
                    "BadNumericConstant", f"The numeric constant {number.group()} is not valid.", start, number.end()
                )
            self.pos = number.end()
            primary = Constant(self.extent(start), converted, "number")
        return self.postfix(primary, start)

    def type_expression(self) -> Expression:
        start = self.pos
        name = self.type_name()
        if self.text.startswith("::", self.pos):
            return self.postfix(TypeLiteral(self.extent(start), name), start)
        saved = self.pos
        self.skip()
        char = self.text[self.pos]
        if char and (
            char in "$@(['\""
            or char in _QUOTES
            or char.isdigit()
            or (char in DASHES and self.text[self.pos + 1].isdigit())
        ):
            operand = self.unary()
            if operand is None:
                raise self.unexpected()
            return Cast(self.extent(start), name, operand)
        self.pos = saved
        return TypeLiteral(self.extent(start), name)

    def postfix(self, target: Expression, start: int) -> Expression:
        while True:
            char = self.text[self.pos]
            if char not in ".:[+-":
                return target  # the common case: nothing follows the value
            if char == "." and self.text[self.pos + 1] != "." and not self.text[self.pos + 1].isdigit():
                target = self.member(target, start, static=False)
            elif char == ":" and self.text[self.pos + 1] == ":":
                target = self.member(target, start, static=True)
            elif char == "[":
                target = self.index(target, start)
            elif char in "+-" and self.text[self.pos + 1] == char and isinstance(target, (Variable, Member, Index)):
                self.pos += 2
                target = Unary(self.extent(start), char * 2, target, postfix=True)
            else:
                return target

    def member(self, target: Expression, start: int, *, static: bool) -> Expression:
        dot_at = self.pos
        self.pos += 2 if static else 1
        name_start = self.pos
        word = _WORD.match(self.text, self.pos)
        member: Expression | None
        if word:
            self.pos = word.end()
            member = Constant(self.extent(name_start), word.group(), "bareword")
        else:
            member = self.primary()
        if member is None:
            raise self.error("MissingPropertyName", "Missing property name after reference operator.", dot_at)
        if self.text[self.pos] == "(":
            arguments = self.method_arguments()
            return InvokeMember(self.extent(start), target, member, arguments, static)
        return Member(self.extent(start), target, member, static)

    def method_arguments(self) -> tuple[Expression, ...]:
        open_at = self.pos
        self.pos += 1
        arguments: list[Expression] = []
        self.skip(newlines=True)
        if self.text[self.pos] == ")":
            self.pos += 1
            return ()
        while True:
            self.skip(newlines=True)
            argument = self.comma_free_expression()
            if argument is None:
                raise self.error(
                    "MissingExpression", "Missing expression after ','." if arguments else "Missing ')' in method call."
                )  # inferred
            arguments.append(argument)
            self.skip(newlines=True)
            if self.text[self.pos] == ")":
                self.pos += 1
                return tuple(a for a in arguments)
            if self.text[self.pos] != ",":
                raise self.error("MissingEndParenthesisInMethodCall", "Missing ')' in method call.", open_at)
            self.pos += 1

    def index(self, target: Expression, start: int) -> Expression:
        open_at = self.pos
        self.pos += 1
        self.skip(newlines=True)
        value = self.expression()
        if value is None:
            raise self.error("MissingArrayIndexExpression", "Array index expression is missing or not valid.")
        self.skip(newlines=True)
        self.expect("]", "MissingEndSquareBracket", "Missing ']' after array index expression.", open_at)
        return Index(self.extent(start), target, value)

    def primary(self) -> Expression | None:
        """A value that starts with ``$ @ ( {`` or a quote; ``None`` when none starts here."""
        char = self.text[self.pos]
        if char in _QUOTES:
            return self.string()
        if char == "$" and self.text[self.pos + 1] != "(":
            return self.variable()  # nothing nested, so no comma bookkeeping
        handler = _PRIMARIES.get(char)
        if handler is None:
            return None
        commas, self.commas = self.commas, True  # nested brackets take commas again
        try:
            return handler(self)
        finally:
            self.commas = commas

    def sub_expression(self) -> Expression:
        """``$( statements )``; ``pos`` is at the ``$``."""
        start = self.pos
        self.pos += 1
        statements = self.parenthesized("MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.")
        return SubExpression(self.extent(start), statements)

    def variable(self) -> Variable:
        variable = self.variable_or_none()
        if variable is None:
            raise self.error(
                "InvalidVariableReference",
                "Variable reference is not valid. '$' was not followed by "
                "a valid variable name character. Consider using ${} to delimit the name.",
            )
        return variable

    def at_sign(self) -> Expression | None:
        start = self.pos
        following = self.text[self.pos + 1]
        if following == "(":
            self.pos += 1
            statements = self.parenthesized("MissingEndParenthesisInExpression", "Missing closing ')' in expression.")
            return ArrayExpression(self.extent(start), statements)
        if following == "{":
            return self.hash_literal()
        if following in _QUOTES:
            return self.here_string()
        return None

    def paren(self) -> Expression:
        start = self.pos
        open_at = self.pos
        self.pos += 1
        self.skip(newlines=True)
        if self.text[self.pos] == ")":
            raise self.error("ExpectedExpression", "An expression was expected after '('.", open_at + 1)
        if self.text[self.pos] == EOF:
            raise self.error("MissingEndParenthesisInExpression", "Missing closing ')' in expression.", open_at)
        statement = self.statement()
        self.skip(newlines=True)
        self.expect(")", "MissingEndParenthesisInExpression", "Missing closing ')' in expression.", open_at)
        return Paren(self.extent(start), statement)

    def parenthesized(self, error_id: str, message: str) -> tuple[Statement, ...]:
        """``( statements )`` for ``$( )`` and ``@( )``; ``pos`` is at the ``(``."""
        open_at = self.pos - 1
        self.pos += 1
        statements = self.statements(")")
        self.expect(")", error_id, message, open_at)
        return statements

    def script_block_expression(self) -> Expression:
        start = self.pos
        self.pos += 1
        block = self.script_block_body(start + 1, "}")
        self.close_brace(start)
        block = ScriptBlock(self.extent(start), block.params, block.statements, block.begin, block.process, block.text)
        return ScriptBlockExpression(self.extent(start), block)

    def hash_literal(self) -> HashLiteral:
        start = self.pos
        self.pos += 2
        entries: list[tuple[Expression, Statement]] = []
        while True:
            self.skip(newlines=True)
            if self.text[self.pos] == ";":
                self.pos += 1
                continue
            if self.text[self.pos] == "}":
                self.pos += 1
                return HashLiteral(self.extent(start), tuple(entries))
            if self.text[self.pos] == EOF:
                raise self.error("MissingEndCurlyBrace", "Missing closing '}' in hash literal.", start + 1)
            entries.append(self.hash_entry())
            self.skip()
            if self.text[self.pos] not in (EOF, "}", ";", "\r", "\n"):
                raise self.error("MissingEndCurlyBrace", "Missing closing '}' in hash literal.", start + 1)

    def hash_entry(self) -> tuple[Expression, Statement]:
        key_start = self.pos
        key: Expression | None
        word = _HASH_KEY.match(self.text, self.pos)
        if word:
            self.pos = word.end()
            value: Any = int(word.group()) if word.group().isdigit() else word.group()
            key = Constant(self.extent(key_start), value, "bareword")
        else:
            key = self.unary()
        if key is None:
            raise self.error("MissingKeyInHashLiteral", "Missing key before '=' in hash literal.")  # inferred
        self.skip()
        if self.text[self.pos] != "=":
            raise self.error("MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal.")
        equals_at = self.pos
        self.pos += 1
        self.skip(newlines=True)
        if self.text[self.pos] in (EOF, "}", ";", ")"):
            raise self.error(
                "MissingStatementInHashLiteral", "Missing statement after '=' in hash literal.", equals_at + 1
            )
        return key, self.statement()

    # -- strings and variables -------------------------------------------------------------------

    def variable_or_none(self) -> Variable | None:
        start = self.pos
        match = _VARIABLE.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = end = match.end()
        braced, special, scope, name = match.groups()
        if name and not scope and self.text[end] == ":" and self.text[end + 1] != ":":
            raise self.error(
                "InvalidVariableReferenceWithDrive",
                "Variable reference is not valid. ':' was not followed by a valid variable name "
                "character. Consider using ${} to delimit the name.",
                start,
                end + 1,
            )
        return Variable(self.extent(start), braced or special or name, scope.lower() if scope else "")

    def string_variable(self) -> Expression | str:
        """``$x`` or ``$(…)`` inside an expandable string; a lone ``$`` is literal."""
        if self.text[self.pos + 1] == "(":
            return self.sub_expression()
        variable = self.variable_or_none()
        if variable is None:
            self.pos += 1
            return "$"
        return variable

    def string(self) -> Expression:
        start = self.pos
        if self.text[self.pos] in SINGLE_QUOTES:
            value = self.verbatim(start)
            return Constant(self.extent(start), value, "single")
        self.pos += 1
        parts: list[str | Expression] = []
        while True:
            run = _DQ_RUN.match(self.text, self.pos)
            if run:
                parts.append(run.group())
                self.pos = run.end()
            char = self.text[self.pos]
            if char == EOF:
                raise self.error(
                    "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".', start, len(self.text)
                )
            if char in DOUBLE_QUOTES:
                if self.text[self.pos + 1] and self.text[self.pos + 1] in DOUBLE_QUOTES:
                    parts.append(self.text[self.pos + 1])
                    self.pos += 2
                    continue
                self.pos += 1
                return _string_node(self.extent(start), parts, "double")
            parts.append(self.escape() if char == "`" else self.string_variable())

    def verbatim(self, start: int) -> str:
        self.pos += 1
        pieces: list[str] = []
        while True:
            run = _SQ_RUN.match(self.text, self.pos)
            if run:
                pieces.append(run.group())
                self.pos = run.end()
            if self.text[self.pos] == EOF:
                raise self.error(
                    "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '.", start, len(self.text)
                )
            if self.text[self.pos + 1] and self.text[self.pos + 1] in SINGLE_QUOTES:
                pieces.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            self.pos += 1
            return "".join(pieces)

    def escape(self) -> str:
        following = self.text[self.pos + 1]
        if following == EOF:
            self.pos += 1
            return ""
        self.pos += 2
        if following == "u" and self.text[self.pos] == "{":
            code = re.compile(r"\{([0-9a-fA-F]{1,6})\}").match(self.text, self.pos)
            if code is None or int(code.group(1), 16) > 0x10FFFF:
                raise self.error(
                    "InvalidUnicodeEscapeSequence",
                    "The Unicode escape sequence is not valid. A valid "
                    "sequence is `u{ followed by 1 to 6 hex digits and a closing '}'.",
                    self.pos - 2,
                )
            self.pos = code.end()
            return chr(int(code.group(1), 16))
        if following == "\r" and self.text[self.pos] == "\n":
            self.pos += 1
            return ""
        return _ESCAPES.get(following, "" if following == "\n" else following)

    def here_string(self) -> Expression:
        start = self.pos
        quote = self.text[self.pos + 1]
        expandable = quote in DOUBLE_QUOTES
        header = re.compile(r"[ \t]*\r?\n").match(self.text, self.pos + 2)
        if header is None:
            raise self.error(
                "UnexpectedCharactersAfterHereStringHeader",
                "No characters are allowed after a here-string header but before the end of the line.",
                self.pos + 2,
            )
        quotes = DOUBLE_QUOTES if expandable else SINGLE_QUOTES
        closing = re.compile(rf"\r?\n[{quotes}]@").search(self.text, header.end() - 1)
        if closing is None:
            raise self.error(
                "TerminatorExpectedAtEndOfString", f"The string is missing the terminator: {quote}@.", start
            )
        body_start, body_end = header.end(), closing.start()
        if not expandable:
            self.pos = closing.end()
            return Constant(self.extent(start), self.text[body_start:body_end], "here")
        self.pos = body_start
        parts: list[str | Expression] = []
        while self.pos < body_end:
            run = _HERE_RUN.match(self.text, self.pos, body_end)
            if run:
                parts.append(run.group())
                self.pos = run.end()
                continue
            parts.append(self.escape() if self.text[self.pos] == "`" else self.string_variable())
        self.pos = closing.end()
        return _string_node(self.extent(start), parts, "here")


def _is_assignable(expression: Expression) -> bool:
    if isinstance(expression, Cast):
        return isinstance(expression.operand, Variable)
    return isinstance(expression, (Variable, Member, Index))


def _string_node(extent: Extent, parts: list[str | Expression], kind: str) -> Expression:
    """A Constant when every part is text, else an ExpandableString with adjacent texts merged."""
    merged: list[str | Expression] = []
    for part in parts:
        if merged and type(part) is str and type(merged[-1]) is str:
            merged[-1] += part
        else:
            merged.append(part)
    if not merged:
        return Constant(extent, "", kind)
    if len(merged) == 1 and type(merged[0]) is str:
        return Constant(extent, merged[0], kind)
    return ExpandableString(extent, tuple(merged), kind)


def _unsupported(parser: _Parser, *, word: str) -> Statement:
    return parser.unsupported(word)


_PRIMARIES: dict[str, Callable[[_Parser], Expression | None]] = {
    "$": _Parser.sub_expression,  # ``$(``: a plain variable is taken before the table
    "@": _Parser.at_sign,
    "(": _Parser.paren,
    "{": _Parser.script_block_expression,
}

_STATEMENT_KEYWORDS: dict[str, Callable[[_Parser], Statement]] = {
    "if": _Parser.if_statement,
    "foreach": _Parser.foreach_statement,
    "for": _Parser.for_statement,
    "while": _Parser.while_statement,
    "do": _Parser.do_statement,
    "try": _Parser.try_statement,
    "function": _Parser.function_definition,
    "filter": _Parser.function_definition,
    "throw": lambda p: p.flow_statement("throw", Throw),
    "return": lambda p: p.flow_statement("return", Return),
    "exit": lambda p: p.flow_statement("exit", Exit),
    "break": lambda p: p.loop_jump("break", Break),
    "continue": lambda p: p.loop_jump("continue", Continue),
    "switch": _Parser.switch_statement,
    "configuration": _Parser.configuration_definition,
    **{
        word: functools.partial(_unsupported, word=word)
        for word in ("class", "enum", "trap", "data", "workflow", "using")
    },
}


def parse(text: str, script_name: str = "") -> Script:
    """Parse a script or a command line.

    Args:
        text: the script text.
        script_name: the file name shown in error positions (``At file:line char:col``).

    Returns:
        The :class:`Script`, whose ``block`` holds the top-level statements.

    Raises:
        ParseError: PowerShell's parse error for malformed input (id, message, line, column),
            or ``UnsupportedStatement`` for constructs outside the subset. See spec/powershell.md §B1.
    """
    parser = _Parser(Source(text, script_name))
    try:
        with _collector_paused():
            return parser.script()
    except RecursionError:
        raise parser.error("ScriptTooComplex", "The script is nested too deeply to parse.", 0) from None  # inferred


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while parsing.

    The parser builds a large tree without reference cycles, so collecting during the parse frees
    nothing; yet its allocations trigger collections again and again, full ones included, each
    walking the growing tree (and every other object): a third of the parse time on a long script.
    The new nodes are looked at once instead, when the collector next runs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def single_expression(statement: Statement) -> Expression | None:
    """The expression a statement is made of alone (``$x++``, ``@(1, 2)``), else ``None``."""
    if isinstance(statement, Pipeline) and len(statement.elements) == 1:
        element = statement.elements[0]
        if isinstance(element, CommandExpression):
            return element.expression
    return None
