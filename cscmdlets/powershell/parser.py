"""A PowerShell parser for the script language admin scripts use.

Hand-written recursive descent straight over the characters: PowerShell's tokens depend on
the mode (expression or argument), so the parser asks for the token it can accept at each
point instead of pre-tokenising (as PowerShell's own Parser.cs and tokenizer.cs do together).
The package splits the work four ways: :mod:`.source` (positions), :mod:`.syntax` (the tree's
node classes), :mod:`.lexical` (character classes, token patterns, operator precedence) and
:mod:`.parse_messages` (every error id and text); this module is the parser itself, and keeps
the node classes importable from here (``from cscmdlets.powershell import parser as ast``).

What PowerShell reads and tree-sitter-pwsh gets silently wrong is handled here: typographic
quotes (U+2018-U+201B, U+201C-U+201E) are quotes, and U+2013-U+2015 are dashes. Malformed input
raises :class:`~cscmdlets.powershell.errors.ParseError` with PowerShell's error id, message,
line and column, never a Python traceback. Constructs cscmdlets does not run (classes,
``--%``) raise a ParseError too, so a script never half-runs; a DSC ``Configuration``
parses, and the runner stops on it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import parse_messages as messages
from .errors import ParseError
from .lexical import (
    ANY_START,
    ANY_WS,
    ARG_NUMBER_END,
    ASSIGN,
    ASSIGN_START,
    ATTRIBUTE_NAMED,
    BARE_RUN,
    BINARY_OPERATORS,
    BLOCK_COMMENT,
    DASHES,
    DOUBLE_QUOTES,
    DQ_RUN,
    END_OF_PARAMETERS,
    EOF,
    ESCAPES,
    GENERIC,
    HASH_KEY,
    HERE_RUN,
    INLINE_START,
    INLINE_WS,
    KEYWORD,
    LABEL,
    LABELLED_KEYWORDS,
    NO_OPERATOR,
    NUMBER,
    OPERATOR_WORD,
    PARAMETER,
    QUOTES,
    REDIRECT,
    REQUIRES_LINE,
    REQUIRES_PARAMETERS,
    REQUIRES_VERSION,
    SIGN,
    SINGLE_QUOTES,
    SPLAT,
    SQ_RUN,
    STATEMENT_END,
    STREAM_NAMES,
    TYPE_NAME,
    UNARY_WORDS,
    VARIABLE,
    WORD,
    Operator,
    number_value,
)
from .parse_messages import ParseMessage
from .source import Extent, Source, new_extent
from .syntax import (
    ArrayExpression,
    ArrayLiteral,
    Assignment,
    Attribute,
    Binary,
    Break,
    Cast,
    CatchClause,
    Command,
    CommandExpression,
    CommandParameter,
    ConfigurationDefinition,
    Constant,
    Continue,
    DoLoop,
    Exit,
    ExpandableString,
    Expression,
    For,
    ForEach,
    FunctionDefinition,
    HashLiteral,
    If,
    Index,
    InvokeMember,
    Member,
    Node,
    ParamBlock,
    ParameterDecl,
    Paren,
    Pipeline,
    PipelineChain,
    Redirection,
    Requirement,
    Return,
    Script,
    ScriptBlock,
    ScriptBlockExpression,
    Splat,
    Statement,
    SubExpression,
    Switch,
    SwitchClause,
    Ternary,
    Throw,
    Trap,
    Try,
    TypeLiteral,
    Unary,
    Variable,
    While,
    child_nodes,
    single_expression,
    walk,
)

#: The node classes, the source classes and the lexical names other modules read through
#: ``parser`` (``from cscmdlets.powershell import parser as ast; ast.Command``) stay here too.
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
    "Expression",
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
    "PipelineChain",
    "Redirection",
    "Requirement",
    "Return",
    "Script",
    "ScriptBlock",
    "ScriptBlockExpression",
    "Source",
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
    "parse",
    "single_expression",
    "walk",
]


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

    def error(self, message: ParseMessage, start: int | None = None, end: int | None = None) -> ParseError:
        """The parse error ``message`` (from the catalogue), underlining ``start``…``end``."""
        start = self.pos if start is None else start
        extent = self.source.extent(start, max(end if end is not None else start + 1, start + 1))
        return ParseError(message.error_id, message.message, invocation=self.source.invocation(extent))

    def extent(self, start: int) -> Extent:
        return new_extent(Extent, (start, self.pos, self.source))

    def peek(self, offset: int = 0) -> str:
        return self.text[self.pos + offset]

    def skip(self, *, newlines: bool = False) -> None:
        char = self.text[self.pos]
        if char not in (ANY_START if newlines else INLINE_START):
            return  # the common case: already at a token
        following = self.text[self.pos + 1]
        if (char == " " or (newlines and char == "\n")) and not following.isspace() and following not in "`<#":
            self.pos += 1  # the next most common case, one blank or line break between tokens: no regex needed
            return
        match = (ANY_WS if newlines else INLINE_WS).match(self.text, self.pos)
        self.pos = match.end() if match is not None else self.pos  # the pattern always matches
        if self.text.startswith("<#", self.pos):
            raise self.error(messages.MISSING_TERMINATOR_MULTI_LINE_COMMENT)  # inferred

    def at_keyword(self, *words: str) -> str | None:
        match = KEYWORD.match(self.text, self.pos)
        if match and match.group().lower() in words:
            return match.group().lower()
        return None

    def take_keyword(self, word: str) -> bool:
        if self.at_keyword(word):
            self.pos += len(word)
            return True
        return False

    def expect(self, char: str, message: ParseMessage, start: int | None = None) -> None:
        if self.text[self.pos] != char:
            raise self.error(message, start)
        self.pos += 1

    def token_text(self) -> str:
        match = GENERIC.match(self.text, self.pos)
        return match.group() if match else self.text[self.pos].replace(EOF, "")

    def unexpected(self) -> ParseError:
        token = self.token_text()
        return self.error(
            messages.UNEXPECTED_TOKEN.format(token),
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
        return Script(block, self.source, self.requirements(block))

    # -- #Requires ---------------------------------------------------------------------------------

    def requirements(self, block: ScriptBlock) -> tuple[Requirement, ...]:
        """Every ``#Requires`` line (about_Requires): a line comment whose text starts with
        ``requires`` (no space after the ``#``), anywhere but inside a string or a block
        comment. The rest of the line reads as a command named ``requires``."""
        if "#requires" not in self.source.text.lower():
            return ()  # the common case: no scan
        quoted = [n.extent for n in walk(block) if isinstance(n, Constant | ExpandableString) and n.kind != "bareword"]
        quoted += [self.source.extent(m.start(), m.end()) for m in BLOCK_COMMENT.finditer(self.source.text)]
        found: list[Requirement] = []
        for line in REQUIRES_LINE.finditer(self.source.text):
            at = line.start(1)
            if not any(extent.start <= at < extent.end for extent in quoted):
                self.pos = at + 1
                found.extend(self.requirement_line(self.command()))
        return tuple(found)

    def requirement_line(self, command: Command) -> Iterator[Requirement]:
        elements = list(command.elements)
        while elements:
            element = elements.pop(0)
            if not isinstance(element, CommandParameter):
                raise self.error(messages.SCRIPT_REQUIRES_INVALID_FORMAT, element.extent.start)
            name = _requires_parameter(element.name)
            if name is None:
                raise self.error(messages.SCRIPT_REQUIRES_INVALID_FORMAT, element.extent.start, element.extent.end)
            argument = element.argument
            if argument is None and elements and not isinstance(elements[0], CommandParameter):
                argument = elements.pop(0)  # type: ignore[assignment]
            if name == "RunAsAdministrator":
                if argument is not None:
                    raise self.error(messages.PARAMETER_CANNOT_HAVE_ARGUMENT.format(name), argument.extent.start)
                yield Requirement(element.extent, name, True)
                continue
            if argument is None:
                raise self.error(messages.REQUIRES_PARAMETER_REQUIRES_ARGUMENT.format(name), element.extent.start)
            value = self.requirement_value(argument)
            if name == "Version" and isinstance(argument, Constant) and argument.kind == "number":
                value = self.source.text_of(argument.extent)  # 5.10 stays 5.10
            if name == "Version" and not REQUIRES_VERSION.fullmatch(str(value)):
                raise self.error(messages.REQUIRES_VERSION_INVALID, argument.extent.start, argument.extent.end)
            yield Requirement(self.source.extent(element.extent.start, argument.extent.end), name, value)

    def requirement_value(self, argument: Expression) -> Any:
        """A constant: a string or number, a list of them, or a hashtable of them (``-Modules``)."""
        if isinstance(argument, Constant):
            return argument.value
        if isinstance(argument, ArrayLiteral):
            return [self.requirement_value(item) for item in argument.items]
        if isinstance(argument, HashLiteral):
            table: dict[Any, Any] = {}
            for key, statement in argument.entries:
                value = single_expression(statement)
                if value is None:
                    raise self.error(messages.REQUIRES_ARGUMENT_MUST_BE_CONSTANT, statement.extent.start)
                table[self.requirement_value(key)] = self.requirement_value(value)
            return table
        raise self.error(messages.REQUIRES_ARGUMENT_MUST_BE_CONSTANT, argument.extent.start, argument.extent.end)

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
            blocks[word] = self.braced_statements(messages.MISSING_NAMED_STATEMENT_BLOCK.format(word))  # inferred
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
        if self.text[self.pos] in INLINE_START:  # inlined: a hot path
            self.skip()
        char = self.text[self.pos]
        if char == EOF or char in STATEMENT_END or (closer and char == closer):
            return
        raise self.unexpected()

    def statement(self) -> Statement:
        char = self.text[self.pos]
        word = KEYWORD.match(self.text, self.pos) if char.isalpha() else None
        if word is not None:
            handler = _STATEMENT_KEYWORDS.get(word.group().lower())
            if handler is not None:
                return handler(self)
        elif char == ":" and (label := LABEL.match(self.text, self.pos)):
            return self.labelled_statement(label)
        return self.pipeline()

    def labelled_statement(self, label: re.Match[str]) -> Statement:
        """``:name`` before a loop or ``switch`` names it for ``break name``/``continue name``.
        Before anything else the label is an ordinary command name, as PowerShell's
        LabeledStatementRule resyncs on it (Parser.cs)."""
        start = self.pos
        self.pos = label.end()
        self.skip()
        keyword = self.at_keyword(*LABELLED_KEYWORDS)
        if keyword is None:
            self.pos = start
            return self.pipeline()
        loop: ForEach | For | While | DoLoop | Switch = _STATEMENT_KEYWORDS[keyword](self)  # type: ignore[assignment]
        return dataclasses.replace(loop, extent=self.extent(start), label=label.group(1))

    def braced_statements(self, message: ParseMessage) -> tuple[Statement, ...]:
        """``{ statements }`` after a keyword; ``message`` when the ``{`` is missing."""
        self.skip(newlines=True)
        if self.text[self.pos] != "{":
            raise self.error(message)
        open_at = self.pos
        self.pos += 1
        body = self.statements("}")
        self.close_brace(open_at)
        return body

    def close_brace(self, open_at: int) -> None:
        if self.text[self.pos] != "}":
            raise self.error(messages.MISSING_END_CURLY_BRACE, open_at)
        self.pos += 1

    def condition(self, keyword: str, *, closing: str = "") -> Statement:
        """``( pipeline )`` after ``if``/``while``/``switch``/``until``; ``closing`` is the keyword
        the missing ``)`` message names (``elseif``), when not ``keyword``."""
        self.skip()
        if self.text[self.pos] != "(":
            raise self.error(messages.missing_open_parenthesis(keyword))
        self.pos += 1
        self.skip(newlines=True)
        if self.text[self.pos] in ")" or self.text[self.pos] == EOF:
            raise self.error(messages.missing_condition(keyword))
        condition = self.statement()
        self.skip(newlines=True)
        self.expect(")", messages.MISSING_END_PARENTHESIS_AFTER_STATEMENT.format(closing or keyword))
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
                else_body = self.braced_statements(messages.MISSING_STATEMENT_BLOCK_AFTER_ELSE)
                break
            clauses.append(self.if_clause("elseif"))
        return If(self.extent(start), tuple(clauses), else_body)

    def if_clause(self, keyword: str) -> tuple[Statement, tuple[Statement, ...]]:
        self.skip()
        if self.text[self.pos] != "(":
            raise self.error(messages.MISSING_OPEN_PARENTHESIS_IN_IF_STATEMENT.format(keyword))
        condition = self.condition("if", closing=keyword)
        body = self.braced_statements(messages.MISSING_STATEMENT_BLOCK.format(keyword))
        return condition, body

    def foreach_statement(self) -> ForEach:
        start = self.pos
        self.pos += len("foreach")
        self.skip()
        self.expect("(", messages.MISSING_OPEN_PARENTHESIS_AFTER_KEYWORD.format("foreach"))
        self.skip(newlines=True)
        variable = self.variable_or_none()
        if variable is None:
            raise self.error(messages.MISSING_VARIABLE_NAME_AFTER_FOREACH)
        self.skip(newlines=True)
        if not self.take_keyword("in"):
            raise self.error(messages.MISSING_IN_IN_FOREACH)
        self.skip(newlines=True)
        if self.text[self.pos] in ")":
            raise self.error(messages.MISSING_FOREACH_EXPRESSION)  # inferred
        iterable = self.statement()
        self.skip(newlines=True)
        self.expect(")", messages.MISSING_END_PARENTHESIS_AFTER_FOREACH)
        body = self.braced_statements(messages.MISSING_FOREACH_STATEMENT)
        return ForEach(self.extent(start), variable, iterable, body)

    def for_statement(self) -> For:
        start = self.pos
        self.pos += 3
        self.skip()
        self.expect("(", messages.MISSING_OPEN_PARENTHESIS_AFTER_KEYWORD.format("for"))
        parts: list[Statement | None] = []
        for closer in (";", ";", ")"):
            self.skip(newlines=True)
            parts.append(None if self.text[self.pos] == closer else self.statement())
            self.skip(newlines=True)
            self.expect(
                closer,
                messages.MISSING_END_PARENTHESIS_AFTER_FOR if closer == ")" else messages.MISSING_SEMICOLON_IN_FOR,
            )
        body = self.braced_statements(messages.MISSING_LOOP_STATEMENT.format("for"))
        return For(self.extent(start), parts[0], parts[1], parts[2], body)

    def while_statement(self) -> While:
        start = self.pos
        self.pos += len("while")
        condition = self.condition("while")
        body = self.braced_statements(messages.MISSING_LOOP_STATEMENT.format("while"))
        return While(self.extent(start), condition, body)

    def do_statement(self) -> DoLoop:
        start = self.pos
        self.pos += 2
        body = self.braced_statements(messages.MISSING_LOOP_STATEMENT.format("do"))
        self.skip(newlines=True)
        word = self.at_keyword("while", "until")
        if word is None:
            raise self.error(messages.MISSING_WHILE_OR_UNTIL_IN_DO_WHILE)
        self.pos += len(word)
        condition = self.condition(word)
        return DoLoop(self.extent(start), body, condition, until=word == "until")

    def try_statement(self) -> Try:
        start = self.pos
        self.pos += 3
        body = self.braced_statements(messages.MISSING_TRY_STATEMENT_BLOCK)  # inferred
        catches: list[CatchClause] = []
        finally_body: tuple[Statement, ...] | None = None
        while True:
            saved = self.pos
            self.skip(newlines=True)
            if self.at_keyword("catch"):
                catches.append(self.catch_clause())
                continue
            if self.take_keyword("finally"):
                finally_body = self.braced_statements(messages.MISSING_FINALLY_STATEMENT_BLOCK)  # inferred
            else:
                self.pos = saved
            break
        if not catches and finally_body is None:
            raise self.error(messages.MISSING_CATCH_OR_FINALLY, start, start + 3)
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
        body = self.braced_statements(messages.MISSING_CATCH_HANDLER_BLOCK)  # inferred
        return CatchClause(self.extent(start), tuple(types), body)

    def trap_statement(self) -> Trap:
        """``trap { … }`` or ``trap [Type] { … }`` (Parser.cs TrapStatementRule)."""
        start = self.pos
        self.pos += len("trap")
        self.skip()
        types = (self.type_name(),) if self.text[self.pos] == "[" else ()
        body = self.braced_statements(messages.MISSING_TRAP_STATEMENT)
        return Trap(self.extent(start), types, body)

    def switch_statement(self) -> Switch:
        start = self.pos
        self.pos += len("switch")
        mode, cased, file = "exact", False, None
        while True:
            self.skip()
            flag = OPERATOR_WORD.match(self.text, self.pos)
            if flag is None:
                break
            word = flag.group(1).lower()
            if word not in ("regex", "wildcard", "exact", "casesensitive", "file"):
                raise self.error(
                    messages.UNSUPPORTED_SWITCH_OPTION.format(flag.group(1)),
                    self.pos,
                    flag.end(),
                )
            self.pos = flag.end()
            if word == "file":
                file = self.switch_file()
            elif word == "casesensitive":
                cased = True
            else:
                mode = word
        value = self.condition("switch") if file is None else file
        self.skip(newlines=True)
        open_at = self.pos
        self.expect("{", messages.MISSING_CURLY_BRACE_IN_SWITCH_STATEMENT)
        clauses: list[SwitchClause] = []
        while True:
            self.skip(newlines=True)
            if self.text[self.pos] == ";":
                self.pos += 1
                continue
            if self.text[self.pos] == "}":
                self.pos += 1
                return Switch(self.extent(start), value, tuple(clauses), mode, cased, file=file is not None)
            if self.text[self.pos] == EOF:
                raise self.error(messages.MISSING_END_CURLY_BRACE, open_at)
            clauses.append(self.switch_clause())

    def switch_file(self) -> Pipeline:
        """The file name after ``-File``: one command argument (Parser.cs GetSingleCommandArgument),
        kept as the one-element pipeline PowerShell's SwitchStatementAst holds as its condition."""
        after_flag = self.pos
        self.skip(newlines=True)
        if self.text[self.pos] == EOF or self.text[self.pos] in "{;)}":
            raise self.error(messages.MISSING_FILENAME_OPTION, after_flag)
        name = self.argument_primary()
        return Pipeline(name.extent, (CommandExpression(name.extent, name),))

    def switch_clause(self) -> SwitchClause:
        start = self.pos
        condition: Expression | None
        if self.take_keyword("default"):
            condition = None
        elif self.text[self.pos] == "{":
            condition = self.script_block_expression()
        else:
            condition = self.primary() or self.bareword_or_number()
        body = self.braced_statements(messages.MISSING_SWITCH_STATEMENT_CLAUSE)
        return SwitchClause(self.extent(start), condition, body)

    def bareword_or_number(self) -> Expression:
        start = self.pos
        number = NUMBER.match(self.text, self.pos)
        if number is not None and (value := number_value(number)) is not None:
            self.pos = number.end()
            return Constant(self.extent(start), value, "number")
        return self.bareword()

    def flow_statement(self, word: str, node: Callable[..., Statement]) -> Statement:
        start = self.pos
        self.pos += len(word)
        self.skip()
        char = self.text[self.pos]
        value = None if (char == EOF or char in STATEMENT_END or char in ")}") else self.statement()
        return node(self.extent(start), value)

    def loop_jump(self, word: str, node: type[Break] | type[Continue]) -> Statement:
        start = self.pos
        self.pos += len(word)
        self.skip()
        label = WORD.match(self.text, self.pos)
        if label:
            self.pos = label.end()
        return node(self.extent(start), label.group() if label else "")

    def function_definition(self) -> FunctionDefinition:
        start = self.pos
        keyword = self.at_keyword("function", "filter") or ""
        self.pos += len(keyword)
        self.skip()
        name = GENERIC.match(self.text, self.pos)
        if name is None:
            raise self.error(messages.MISSING_NAME_AFTER_KEYWORD)  # inferred
        self.pos = name.end()
        self.skip()
        params = self.parameter_list(self.pos, ")") if self.text[self.pos] == "(" else None
        self.skip(newlines=True)
        if self.text[self.pos] != "{":
            raise self.error(messages.MISSING_FUNCTION_BODY)
        open_at = self.pos
        self.pos += 1
        body = self.script_block_body(open_at, "}")
        self.close_brace(open_at)
        if params is not None:
            body = ScriptBlock(body.extent, params, body.statements, body.begin, body.process, body.text)
        if keyword == "filter" and body.begin is None and body.process is None:
            # A filter's body is its process block: it runs once per pipeline object (about_Functions).
            body = ScriptBlock(body.extent, body.params, (), None, body.statements, body.text)
        return FunctionDefinition(self.extent(start), name.group().split(":")[-1], body)

    def configuration_definition(self) -> ConfigurationDefinition:
        """``Configuration Name { … }``: the body is read as a script block (DSC's ``Node`` and
        resource keywords read as commands with script-block arguments), never run."""
        start = self.pos
        self.pos += len("configuration")
        self.skip()
        name = GENERIC.match(self.text, self.pos)
        if name is None:
            raise self.error(messages.CONFIGURATION_NAME_MISSING)  # inferred
        self.pos = name.end()
        self.skip(newlines=True)
        if self.text[self.pos] != "{":
            raise self.error(messages.MISSING_CONFIGURATION_STATEMENT_BLOCK)  # inferred
        open_at = self.pos
        self.pos += 1
        body = self.script_block_body(open_at, "}")
        self.close_brace(open_at)
        return ConfigurationDefinition(self.extent(start), name.group(), body)

    def unsupported(self, word: str) -> Statement:
        end = self.pos + len(word)
        raise self.error(messages.UNSUPPORTED_STATEMENT.format(word), self.pos, end)

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
        self.expect("(", messages.MISSING_OPEN_PARENTHESIS_AFTER_PARAM)  # inferred
        parameters: list[ParameterDecl] = []
        while True:
            self.skip(newlines=True)
            if self.text[self.pos] == closer:
                self.pos += 1
                return ParamBlock(self.extent(start), tuple(parameters))
            if parameters:
                self.expect(
                    ",",
                    messages.MISSING_END_PARENTHESIS_IN_FUNCTION_PARAMETER_LIST,
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
            raise self.error(messages.INVALID_FUNCTION_PARAMETER)  # inferred
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
        name = TYPE_NAME.match(self.text, self.pos)
        if name is None or not self.text.startswith("(", name.end()):
            self.pos = saved
            return self.type_name()
        self.pos = name.end() + 1
        positional, named = self.attribute_arguments()
        self.skip()
        self.expect("]", messages.END_SQUARE_BRACKET_EXPECTED_AT_END_OF_ATTRIBUTE)
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
                self.expect(",", messages.MISSING_END_PARENTHESIS_IN_EXPRESSION)
                self.skip(newlines=True)
            word = ATTRIBUTE_NAMED.match(self.text, self.pos)
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
                    raise self.error(messages.MISSING_TYPENAME, open_at + 1)
                self.pos = index + 1
                return name
            if char in "\r\n":
                break
        raise self.error(messages.END_SQUARE_BRACKET_EXPECTED_AT_END_OF_ATTRIBUTE, open_at)

    # -- pipelines and commands -----------------------------------------------------------------

    def starts_expression(self) -> bool:
        char = self.text[self.pos]
        if char in "$@('\"[{!,+" or char in QUOTES:
            return True
        if char.isdigit():  # `1?2:3` is one generic token, a command's name (tokenizer.cs, ScanNumber)
            number = NUMBER.match(self.text, self.pos)
            return number is None or self.text[number.end()] not in "?:"
        if char == "." and self.text[self.pos + 1].isdigit():
            return True
        if char and char in DASHES:
            word = OPERATOR_WORD.match(self.text, self.pos)
            following = self.text[self.pos + 1]
            # `-5`, `-$x`, `-(1 + 2)`, `-[int]'5'`: a dash a parameter name cannot follow is the minus operator
            return following.isdigit() or following in ".$([" or bool(word and word.group(1).lower() in UNARY_WORDS)
        return False

    def chain_rest(self, chain: Pipeline | PipelineChain, start: int) -> Statement:
        """``&& b`` and ``|| b`` after a pipeline, grouped to the left (PipelineChainRule in
        Parser.cs); ``$x = a && b`` assigns the whole chain's output."""
        while (op := self.chain_operator()) is not None:
            op_at = self.pos
            self.pos += 2
            self.skip(newlines=True)
            if self.text[self.pos] == EOF:  # the script may go on: shown after the operator
                raise self.error(messages.EMPTY_PIPELINE_CHAIN_ELEMENT, op_at + 2)
            if self.text[self.pos] in ";|)}":
                raise self.error(messages.EMPTY_PIPELINE_CHAIN_ELEMENT, op_at, self.pos + 1)
            right = self.pipeline(chained=True)
            assert isinstance(right, Pipeline)  # a chained pipeline is never an assignment nor a chain
            chain = PipelineChain(self.extent(start), chain, op, right)
        return chain

    def chain_operator(self) -> str | None:
        """``&&`` or ``||`` on this line after a pipeline (``pos`` left at it), else ``None``."""
        saved = self.pos
        if self.text[self.pos] in INLINE_START:
            self.skip()
        op = self.text[self.pos : self.pos + 2]
        if op in ("&&", "||"):
            return op
        self.pos = saved
        return None

    def pipeline(self, *, chained: bool = False) -> Statement:
        """An assignment, a pipeline or a pipeline chain; ``chained``: a pipeline right of ``&&``
        or ``||``, which is neither an assignment nor the start of a chain."""
        start = self.pos
        first: Command | CommandExpression
        if self.starts_expression():
            expression = self.expression_or_fail()
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
            assignment = ASSIGN.match(self.text, self.pos) if self.text[self.pos] in ASSIGN_START else None
            if assignment and self.text[assignment.end() : assignment.end() + 1] != "=" and not chained:
                if _is_assignable(expression, assignment.group()):
                    return self.assignment(start, expression, assignment)
                if assignment.group() == "??=" or _null_conditional(expression):
                    raise self.error(messages.INVALID_LEFT_HAND_SIDE, start)
            redirections = self.redirections()
            first = CommandExpression(self.extent(start), expression, redirections)
        else:
            first = self.command()
        elements = [first]
        while True:
            end = self.pos
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
            if self.text[self.pos] != "|" or self.text[self.pos + 1] == "|":
                self.pos = end
                break
            pipe_at = self.pos
            self.pos += 1
            if self.text[self.pos] in ANY_START:
                self.skip(newlines=True)
            if self.text[self.pos] == EOF or self.text[self.pos] in "|;)}\r\n":
                raise self.error(messages.EMPTY_PIPE_ELEMENT, pipe_at)
            if self.starts_expression():
                raise self.error(
                    messages.EXPRESSIONS_MUST_BE_FIRST_IN_PIPELINE,
                )
            elements.append(self.command())
        pipeline = Pipeline(self.extent(start), tuple(elements))
        if chained or self.text[self.pos] in _PIPELINE_END:
            return pipeline  # the common case: no chain operator can follow
        return self.chain_rest(pipeline, start)

    def assignment(self, start: int, target: Expression, match: re.Match[str]) -> Assignment:
        op = match.group()
        op = "-=" if op[0] in DASHES else op
        self.pos = match.end()
        self.skip(newlines=True)
        if self.text[self.pos] == EOF or self.text[self.pos] in STATEMENT_END or self.text[self.pos] in ")}":
            raise self.error(messages.EXPECTED_VALUE_EXPRESSION.format(op))
        value = self.statement()
        return Assignment(self.extent(start), target, op, value)

    def command(self) -> Command:
        start = self.pos
        operator = ""
        following = self.text[self.pos + 1]
        if self.text[self.pos] in "&." and (following.isspace() or following in "$'\"({" or following in QUOTES):
            operator = self.text[self.pos]
            self.pos += 1
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
            name: Expression = self.argument_primary()
        else:
            name = self.command_name()
        elements: list[Expression | CommandParameter] = []
        redirections: list[Redirection] = []
        literal_only = False
        while True:
            end = self.pos  # the command ends at its last element, not at a trailing comment
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
            char = self.text[self.pos]
            if char == EOF or char in "\r\n;|)}":
                self.pos = end
                break
            if char == "&":
                if self.text[self.pos + 1] == "&":  # a pipeline chain goes on
                    self.pos = end
                    break
                raise self.error(messages.AMPERSAND_NOT_ALLOWED)
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
        match = GENERIC.match(self.text, self.pos)
        if match is None:
            raise self.unexpected()
        self.pos = match.end()
        return Constant(self.extent(start), match.group(), "bareword")

    def command_element(self, literal_only: bool) -> tuple[Expression | CommandParameter | None, bool]:
        if not literal_only and self.text[self.pos] in DASHES:
            if self.text[self.pos + 1] in DASHES and self.end_of_parameters():
                return None, True
            parameter = PARAMETER.match(self.text, self.pos)
            if parameter:
                return self.command_parameter(parameter), False
        return self.argument(), literal_only

    def end_of_parameters(self) -> bool:
        """Takes ``--`` (what follows are arguments, never parameters); refuses ``--%``."""
        if self.text.startswith("--%", self.pos):
            raise self.error(
                messages.UNSUPPORTED_STOP_PARSING,
                self.pos,
                self.pos + 3,
            )
        end_marker = END_OF_PARAMETERS.match(self.text, self.pos)
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
                    messages.PARAMETER_REQUIRES_ARGUMENT.format(match.group(1)),  # inferred
                    start,
                    token_end,
                )
            argument = self.argument()
        extent = self.source.extent(start, token_end)
        return CommandParameter(extent, match.group(1), argument, self.text[start:token_end])

    def redirections(self) -> tuple[Redirection, ...]:
        if self.text[self.pos] in NO_OPERATOR:
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
                messages.STREAM_ALREADY_REDIRECTED.format(STREAM_NAMES[redirection.stream]),
                redirection.extent.start,
                redirection.extent.end,
            )

    def redirection_or_none(self) -> Redirection | None:
        if self.text[self.pos] == "<" and self.text[self.pos + 1] != "#":
            raise self.error(messages.REDIRECTION_NOT_SUPPORTED, self.pos, self.pos + 1)
        match = REDIRECT.match(self.text, self.pos)
        if match is None:
            return None
        start = self.pos
        self.pos = match.end()
        stream, append, merge = match.group(1) or "1", match.group(2) == ">>", bool(match.group(3))
        target = None
        if not merge:
            self.skip()
            if self.text[self.pos] == EOF or self.text[self.pos] in "\r\n;|)}":
                raise self.error(messages.MISSING_FILE_SPECIFICATION)
            target = self.argument_primary()
        return Redirection(self.extent(start), stream, target, append, merge)

    # -- arguments (argument mode) -------------------------------------------------------------

    def argument(self) -> Expression:
        """One command argument: a value, or ``a, b, c`` as one array (argument mode)."""
        start = self.pos
        first = self.argument_primary()
        if self.text[self.pos] in INLINE_START:  # inlined: a hot path
            self.skip()
        if self.text[self.pos] != "," or isinstance(first, Splat):
            return first
        items: list[Expression] = [first]
        while self.text[self.pos] == ",":
            comma_at = self.pos
            self.pos += 1
            if self.text[self.pos] in ANY_START:
                self.skip(newlines=True)
            if self.text[self.pos] == EOF or self.text[self.pos] in "\r\n;|)}":
                raise self.error(messages.MISSING_ARGUMENT_AFTER_COMMA, comma_at)
            items.append(self.argument_primary())
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
        return ArrayLiteral(self.extent(start), tuple(items))

    def argument_primary(self) -> Expression:
        start = self.pos
        char = self.text[self.pos]
        if char == "@" and (splat := SPLAT.match(self.text, self.pos)):
            self.pos = splat.end()
            return Splat(self.extent(start), splat.group(1))
        if char in "$@({" or char in QUOTES:
            primary = self.primary()
            return self.postfix(primary, start, in_argument=True) if primary is not None else self.bareword()
        if char.isalpha():
            return self.bareword()  # the common case (a name, an address, a path): never a number
        number = SIGN.match(self.text, self.pos)
        assert number is not None
        value = NUMBER.match(self.text, number.end())
        if value and ARG_NUMBER_END.match(self.text, value.end()):
            converted = number_value(value, number.group(1))
            if converted is not None:
                self.pos = value.end()
                return Constant(self.extent(start), converted, "number")
        return self.bareword()

    def bareword(self) -> Expression:
        """A generic token; ``$var`` inside makes it expandable (``C:\\$name\\x``). A quoted
        string or a backtick escape inside it stays part of the one token, so ``x"y z"`` is the
        argument ``xy z`` (tokenizer.cs, ScanGenericToken)."""
        start = self.pos
        run = BARE_RUN.match(self.text, self.pos)
        if run is not None and self.text[run.end()] not in _BARE_CONTINUES:  # one plain run: a constant
            self.pos = run.end()
            return Constant(self.extent(start), run.group(), "bareword")
        parts: list[str | Expression] = []
        while True:
            run = BARE_RUN.match(self.text, self.pos)
            char = self.text[self.pos]
            if run:
                parts.append(run.group())
                self.pos = run.end()
            elif char == "$":
                parts.append(self.string_variable())
            elif not parts:
                break  # a quote or backtick starting a token is not this token's
            elif char in SINGLE_QUOTES:
                parts.append(self.verbatim(self.pos))
            elif char in DOUBLE_QUOTES:
                string = self.string()
                if isinstance(string, ExpandableString):
                    parts.extend(string.parts)
                elif isinstance(string, Constant):
                    parts.append(string.value)
            elif char == "`" and self.text[self.pos + 1] not in "\r\n\x00":
                parts.append(self.escape())
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
            raise self.error(messages.EXPECTED_VALUE_EXPRESSION.format(after))
        return expression

    def expression(self) -> Expression | None:
        """A binary expression by precedence climbing over ``LEVELS`` (loosest first), and
        PowerShell 7's ``condition ? a : b`` over it (ExpressionRule in Parser.cs)."""
        start = self.pos
        left = self.array_literal()
        if left is None:
            return None
        return self.binary_rest(left, start, 0)

    def ternary(self, condition: Expression, start: int) -> Expression:
        """``? a : b`` (``pos`` at the ``?``) after a whole binary expression, each branch a whole
        expression, so nested ternaries group to the right."""
        if_true = self.ternary_branch("?")
        self.skip(newlines=True)
        if self.text[self.pos] != ":":
            raise self.error(messages.MISSING_COLON_IN_TERNARY_EXPRESSION, self.pos, self.pos + len(self.token_text()))
        if_false = self.ternary_branch(":")
        return Ternary(self.extent(start), condition, if_true, if_false)

    def ternary_branch(self, after: str) -> Expression:
        self.pos += 1
        self.skip(newlines=True)
        return self.required_expression(after)

    def binary_rest(self, left: Expression, start: int, min_level: int) -> Expression:
        while True:
            if self.text[self.pos] in NO_OPERATOR:
                return left  # fast exit: nothing here can start an operator
            saved = self.pos
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
            op = self.binary_operator()
            if op is None and min_level == 0 and self.text[self.pos] == "?" and self.text[self.pos + 1] != "?":
                return self.ternary(left, start)  # `??=` is left for the assignment
            if op is None or op.level < min_level:
                self.pos = saved
                return left
            self.pos = op.end
            if self.text[self.pos] in ANY_START:
                self.skip(newlines=True)
            right_start = self.pos
            right = self.array_literal()
            if right is None:
                raise self.error(
                    messages.EXPECTED_VALUE_EXPRESSION.format(op.text),
                )
            right = self.binary_rest(right, right_start, op.level + 1)
            left = Binary(self.extent(start), op.name, left, right)

    def binary_operator(self) -> Operator | None:
        """The binary operator at ``pos``, or ``None``."""
        char = self.text[self.pos]
        if char and char in DASHES:
            word = OPERATOR_WORD.match(self.text, self.pos)
            if word:
                known = BINARY_OPERATORS.get(word.group(1).lower())
                return Operator(*known, word.end(), word.group()) if known else None
            if self.text[self.pos + 1] in "=" or self.text[self.pos + 1] in DASHES:
                return None
            return self.symbol_operator("-")
        if char == "." and self.text[self.pos + 1] == ".":
            return self.symbol_operator("..")
        if char == "?" and self.text[self.pos + 1] == "?" and self.text[self.pos + 2] != "=":
            return self.symbol_operator("??")
        following = self.text[self.pos + 1]
        if char and char in "+*/%" and following not in "=>" and not (char == "+" and following == "+"):
            return self.symbol_operator(char)
        return None

    def symbol_operator(self, symbol: str) -> Operator:
        return Operator(symbol, BINARY_OPERATORS[symbol][1], self.pos + len(symbol), symbol)

    def comma_free_expression(self) -> Expression:
        """An expression in a method call or attribute, where commas separate arguments."""
        outer, self.commas = self.commas, False
        try:
            expression = self.expression()
        finally:
            self.commas = outer  # a call nested in another's arguments leaves the outer one's commas alone
        if expression is None:
            raise self.error(messages.MISSING_EXPRESSION_AFTER_COMMA)  # inferred
        return expression

    def array_literal(self) -> Expression | None:
        start = self.pos
        first = self.unary()
        if first is None:
            return None
        if self.text[self.pos] in NO_OPERATOR:
            return first
        saved = self.pos
        if self.text[self.pos] in INLINE_START:  # inlined: a hot path
            self.skip()
        if self.text[self.pos] != "," or not self.commas:
            self.pos = saved
            return first
        items = [first]
        while self.text[self.pos] == ",":
            self.pos += 1
            if self.text[self.pos] in ANY_START:
                self.skip(newlines=True)
            item = self.unary()
            if item is None:
                raise self.error(messages.MISSING_ITEM_AFTER_COMMA)  # inferred
            items.append(item)
            saved = self.pos
            if self.text[self.pos] in INLINE_START:  # inlined: a hot path
                self.skip()
        self.pos = saved
        return ArrayLiteral(self.extent(start), tuple(items))

    def unary(self) -> Expression | None:
        start = self.pos
        char = self.text[self.pos]
        if char == "$" or char in QUOTES:
            return self.postfix_expression()  # the common operands take no unary operator
        op = None
        if char == "!":
            op = "!"
        elif char and char in DASHES:
            word = OPERATOR_WORD.match(self.text, self.pos)
            if word and word.group(1).lower() in UNARY_WORDS:
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
            raise self.error(messages.MISSING_EXPRESSION_AFTER_OPERATOR.format(op))
        if op == "-" and isinstance(operand, Constant) and operand.kind == "number":
            return Constant(self.extent(start), -operand.value, "number")
        return Unary(self.extent(start), op, operand)

    def postfix_expression(self) -> Expression | None:
        start = self.pos
        if self.text[self.pos] == "[":
            return self.type_expression()
        primary = self.primary()
        if primary is None:
            number = NUMBER.match(self.text, self.pos)
            if number is None:
                return None
            converted = number_value(number)
            if converted is None:
                raise self.error(messages.BAD_NUMERIC_CONSTANT.format(number.group()), start, number.end())
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
            or char in QUOTES
            or char.isdigit()
            or (char in DASHES and self.text[self.pos + 1].isdigit())
        ):
            operand = self.unary()
            if operand is None:
                raise self.unexpected()
            return Cast(self.extent(start), name, operand)
        self.pos = saved
        return TypeLiteral(self.extent(start), name)

    def postfix(self, target: Expression, start: int, *, in_argument: bool = False) -> Expression:
        """Members, indexes and ``++``/``--`` after ``target``; in an expression, also the
        null-conditional ``?.`` and ``?[`` (about_Operators), which a command argument does not take."""
        while True:
            char = self.text[self.pos]
            if char not in ".:[+-?":
                return target  # the common case: nothing follows the value
            if char == "?" and not in_argument and self.text[self.pos + 1] in ".[":
                target = self.null_conditional(target, start)
            elif char == "." and self.text[self.pos + 1] != "." and not self.text[self.pos + 1].isdigit():
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

    def null_conditional(self, target: Expression, start: int) -> Expression:
        """``?.Name``, ``?.Method()`` or ``?[i]`` after ``target``."""
        self.pos += 1
        if self.text[self.pos] == "[":
            return self.index(target, start, null_conditional=True)
        return self.member(target, start, static=False, null_conditional=True)

    def member(self, target: Expression, start: int, *, static: bool, null_conditional: bool = False) -> Expression:
        dot_at = self.pos
        self.pos += 2 if static else 1
        name_start = self.pos
        word = WORD.match(self.text, self.pos)
        member: Expression | None
        if word:
            self.pos = word.end()
            member = Constant(self.extent(name_start), word.group(), "bareword")
        else:
            member = self.primary()
        if member is None:
            raise self.error(messages.MISSING_PROPERTY_NAME, dot_at)
        if self.text[self.pos] == "(":
            arguments = self.method_arguments()
            return InvokeMember(self.extent(start), target, member, arguments, static, null_conditional)
        if self.text[self.pos] == "{" and not static:
            # $users.Where{ … }: a script block right after the name is the one argument
            # (Parser.cs, MemberInvokeArguments; about_Arrays, "Where").
            block = self.script_block_expression()
            return InvokeMember(self.extent(start), target, member, (block,), static, null_conditional)
        return Member(self.extent(start), target, member, static, null_conditional)

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
                    messages.MISSING_EXPRESSION_AFTER_COMMA if arguments else messages.MISSING_METHOD_ARGUMENT
                )
            arguments.append(argument)
            self.skip(newlines=True)
            if self.text[self.pos] == ")":
                self.pos += 1
                return tuple(a for a in arguments)
            if self.text[self.pos] != ",":
                raise self.error(messages.MISSING_END_PARENTHESIS_IN_METHOD_CALL, open_at)
            self.pos += 1

    def index(self, target: Expression, start: int, *, null_conditional: bool = False) -> Expression:
        open_at = self.pos
        self.pos += 1
        self.skip(newlines=True)
        value = self.expression()
        if value is None:
            raise self.error(messages.MISSING_ARRAY_INDEX_EXPRESSION)
        self.skip(newlines=True)
        self.expect("]", messages.MISSING_END_SQUARE_BRACKET, open_at)
        return Index(self.extent(start), target, value, null_conditional)

    def primary(self) -> Expression | None:
        """A value that starts with ``$ @ ( {`` or a quote; ``None`` when none starts here."""
        char = self.text[self.pos]
        if char in QUOTES:
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
        statements = self.parenthesized(messages.MISSING_END_PARENTHESIS_IN_SUBEXPRESSION)
        return SubExpression(self.extent(start), statements)

    def variable(self) -> Variable:
        variable = self.variable_or_none()
        if variable is None:
            raise self.error(
                messages.INVALID_VARIABLE_REFERENCE,
            )
        return variable

    def at_sign(self) -> Expression | None:
        start = self.pos
        following = self.text[self.pos + 1]
        if following == "(":
            self.pos += 1
            statements = self.parenthesized(messages.MISSING_END_PARENTHESIS_IN_EXPRESSION)
            return ArrayExpression(self.extent(start), statements)
        if following == "{":
            return self.hash_literal()
        if following in QUOTES:
            return self.here_string()
        return None

    def paren(self) -> Expression:
        start = self.pos
        open_at = self.pos
        self.pos += 1
        self.skip(newlines=True)
        if self.text[self.pos] == ")":
            raise self.error(messages.EXPECTED_EXPRESSION, open_at + 1)
        if self.text[self.pos] == EOF:
            raise self.error(messages.MISSING_END_PARENTHESIS_IN_EXPRESSION, open_at)
        statement = self.statement()
        self.skip(newlines=True)
        self.expect(")", messages.MISSING_END_PARENTHESIS_IN_EXPRESSION, open_at)
        return Paren(self.extent(start), statement)

    def parenthesized(self, message: ParseMessage) -> tuple[Statement, ...]:
        """``( statements )`` for ``$( )`` and ``@( )``; ``pos`` is at the ``(``."""
        open_at = self.pos - 1
        self.pos += 1
        statements = self.statements(")")
        self.expect(")", message, open_at)
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
                raise self.error(messages.MISSING_END_CURLY_BRACE_IN_HASH_LITERAL, start + 1)
            entries.append(self.hash_entry())
            self.skip()
            if self.text[self.pos] not in (EOF, "}", ";", "\r", "\n"):
                raise self.error(messages.MISSING_END_CURLY_BRACE_IN_HASH_LITERAL, start + 1)

    def hash_entry(self) -> tuple[Expression, Statement]:
        key_start = self.pos
        key: Expression | None
        word = HASH_KEY.match(self.text, self.pos)
        if word:
            self.pos = word.end()
            value: Any = int(word.group()) if word.group().isdigit() else word.group()
            key = Constant(self.extent(key_start), value, "bareword")
        else:
            key = self.unary()
        if key is None:
            raise self.error(messages.MISSING_KEY_IN_HASH_LITERAL)  # inferred
        self.skip()
        if self.text[self.pos] != "=":
            raise self.error(messages.MISSING_EQUALS_IN_HASH_LITERAL)
        equals_at = self.pos
        self.pos += 1
        self.skip(newlines=True)
        if self.text[self.pos] in (EOF, "}", ";", ")"):
            raise self.error(messages.MISSING_STATEMENT_IN_HASH_LITERAL, equals_at + 1)
        return key, self.statement()

    # -- strings and variables -------------------------------------------------------------------

    def variable_or_none(self) -> Variable | None:
        start = self.pos
        match = VARIABLE.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = end = match.end()
        braced, special, scope, name = match.groups()
        if name and not scope and self.text[end] == ":" and self.text[end + 1] != ":":
            raise self.error(
                messages.INVALID_VARIABLE_REFERENCE_WITH_DRIVE,
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
            run = DQ_RUN.match(self.text, self.pos)
            if run:
                parts.append(run.group())
                self.pos = run.end()
            char = self.text[self.pos]
            if char == EOF:
                raise self.error(messages.UNTERMINATED_DOUBLE_QUOTED_STRING, start, len(self.text))
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
            run = SQ_RUN.match(self.text, self.pos)
            if run:
                pieces.append(run.group())
                self.pos = run.end()
            if self.text[self.pos] == EOF:
                raise self.error(messages.UNTERMINATED_SINGLE_QUOTED_STRING, start, len(self.text))
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
                    messages.INVALID_UNICODE_ESCAPE_SEQUENCE,
                    self.pos - 2,
                )
            self.pos = code.end()
            return chr(int(code.group(1), 16))
        if following == "\r" and self.text[self.pos] == "\n":
            self.pos += 1
            return ""
        return ESCAPES.get(following, "" if following == "\n" else following)

    def here_string(self) -> Expression:
        start = self.pos
        quote = self.text[self.pos + 1]
        expandable = quote in DOUBLE_QUOTES
        header = re.compile(r"[ \t]*\r?\n").match(self.text, self.pos + 2)
        if header is None:
            raise self.error(
                messages.UNEXPECTED_CHARACTERS_AFTER_HERE_STRING_HEADER,
                self.pos + 2,
            )
        quotes = DOUBLE_QUOTES if expandable else SINGLE_QUOTES
        closing = re.compile(rf"\r?\n[{quotes}]@").search(self.text, header.end() - 1)
        if closing is None:
            raise self.error(messages.UNTERMINATED_HERE_STRING.format(quote), start)
        body_start, body_end = header.end(), closing.start()
        if not expandable:
            self.pos = closing.end()
            return Constant(self.extent(start), self.text[body_start:body_end], "here")
        self.pos = body_start
        parts: list[str | Expression] = []
        while self.pos < body_end:
            run = HERE_RUN.match(self.text, self.pos, body_end)
            if run:
                parts.append(run.group())
                self.pos = run.end()
                continue
            parts.append(self.escape() if self.text[self.pos] == "`" else self.string_variable())
        self.pos = closing.end()
        return _string_node(self.extent(start), parts, "here")


#: What continues a generic token after a plain run (tokenizer.cs, ScanGenericToken).
_BARE_CONTINUES = frozenset(f"$`{QUOTES}")

#: Characters after which no ``&&`` or ``||`` can follow a pipeline on its line.
_PIPELINE_END = frozenset("\r\n;)}\x00")


def _is_assignable(expression: Expression, op: str = "=") -> bool:
    """A variable, property or element; ``$a, $b`` too for ``=`` (about_Assignment_Operators)."""
    if isinstance(expression, ArrayLiteral):
        return op == "=" and all(_is_assignable(item) for item in expression.items)
    if isinstance(expression, Cast):
        return isinstance(expression.operand, Variable)
    if isinstance(expression, Variable):
        return True
    return isinstance(expression, (Member, Index)) and not expression.null_conditional


def _null_conditional(expression: Expression) -> bool:
    return isinstance(expression, (Member, InvokeMember, Index)) and expression.null_conditional


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
    "trap": _Parser.trap_statement,
    "function": _Parser.function_definition,
    "filter": _Parser.function_definition,
    "throw": lambda p: p.flow_statement("throw", Throw),
    "return": lambda p: p.flow_statement("return", Return),
    "exit": lambda p: p.flow_statement("exit", Exit),
    "break": lambda p: p.loop_jump("break", Break),
    "continue": lambda p: p.loop_jump("continue", Continue),
    "switch": _Parser.switch_statement,
    "configuration": _Parser.configuration_definition,
    **{word: functools.partial(_unsupported, word=word) for word in ("class", "enum", "data", "workflow", "using")},
}


def _requires_parameter(typed: str) -> str | None:
    """The #Requires parameter ``typed`` names (a unique prefix is enough), else ``None``."""
    found = [name for name in REQUIRES_PARAMETERS if name.lower().startswith(typed.lower())]
    return found[0] if len(found) == 1 else None


def parse(text: str, script_name: str = "") -> Script:
    """Parse a script or a command line.

    Args:
        text: the script text.
        script_name: the file name shown in error positions (``At file:line char:col``).

    Returns:
        The :class:`Script`, whose ``block`` holds the top-level statements.

    Raises:
        ParseError: PowerShell's parse error for malformed input (id, message, line, column),
            or ``UnsupportedStatement`` for constructs cscmdlets does not run.
    """
    parser = _Parser(Source(text, script_name))
    try:
        with _collector_paused():
            return parser.script()
    except RecursionError:
        raise parser.error(messages.SCRIPT_TOO_COMPLEX, 0) from None


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
