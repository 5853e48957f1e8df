"""The usual command line, read and bound without the parser: a fast path for ``Tenant.invoke``.

Most lines a caller hands ``invoke`` have one shape: a cmdlet name, then ``-Name value`` pairs,
switches and positional values, every value a literal (a bare word, a quoted string without
``$``, a number, ``$true``/``$false``/``$null``, or a comma list of those). :func:`read` reads
exactly that shape, character by character as the parser's argument mode does (parser.py:
``command``, ``command_element``, ``argument``, ``argument_primary``, ``string``), and returns
``None`` for anything else -- a variable, a subexpression, a pipe, a splat, a redirection, a
backtick outside a string, more than one line -- so the caller parses the line in full. It never
guesses: whatever it is not sure of is the parser's.

:func:`bind_line` binds what :func:`read` read. How a line binds depends, but for its values'
conversions, only on its *shape* (the command, the parameter names as typed and where the
positional values sit); the shape's plan is worked out once and kept on the command's metadata,
so a new line of a known shape only converts its values, as a Python call of a known keyword
form does (binder.keyword_shape). A line that does not bind returns ``None`` as well: the full
path then binds it again and raises PowerShell's error, with its position.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .binder import (
    SWITCH_GIVEN,
    Argument,
    ArgumentPlan,
    BoundCommand,
    NamedArgument,
    PositionalArgument,
    argument_plan,
    bind,
)
from .errors import InvocationInfo, PowerShellError
from .lexical import (
    ARG_NUMBER_END,
    BARE_RUN,
    DASHES,
    DOUBLE_QUOTES,
    DQ_RUN,
    ESCAPES,
    NUMBER,
    PARAMETER,
    QUOTES,
    SIGN,
    SINGLE_QUOTES,
    SQ_RUN,
    number_value,
)
from .metadata import NOT_GIVEN, CommandMetadata

__all__ = ["SimpleLine", "bind_line", "read"]

#: A cmdlet's name (Verb-Noun) at the start of the line, then a blank or the end. No keyword,
#: path, program or module-qualified name has this form.
_NAME = re.compile(r"[ \t]*([A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]+)(?=[ \t]|\Z)")
_BLANKS = re.compile(r"[ \t]*")
_CONSTANT_VARIABLE = re.compile(r"\$(true|false|null)(?=[ \t,]|\Z)", re.IGNORECASE)
_CONSTANTS = {"true": True, "false": False, "null": None}
#: The commonest tokens in one match: blanks (tokens always have one between them), then
#: ``-Name``, a bare word that starts with a letter, or ``$true``/``$false``/``$null``, then a
#: blank or the end, and no comma next (a list is read the long way). Each reads as the long
#: way reads it (``PARAMETER`` with no colon; ``BARE_RUN`` after a letter; ``_CONSTANT_VARIABLE``).
_COMMON_TOKEN = re.compile(
    r"[ \t]*(?:(?P<parameter>[-\u2013\u2014\u2015][A-Za-z][A-Za-z0-9]*)"
    r"|(?P<word>[A-Za-z][^\s;|&(){},<>`\"'\u2018-\u201e\x00$]*)"
    r"|\$(?P<constant>(?i:true|false|null)))"
    r"(?=[ \t]|\Z)(?![ \t]*,)"
)
#: What may follow a value: a blank, a comma, or the end of the line.
_AFTER_VALUE = " \t,"


class _NotSimple(Exception):
    """The line is not of the simple shape: the parser reads it."""


class SimpleLine(NamedTuple):
    """A command line of the simple shape, as :func:`read` read it."""

    name: str
    #: The command's extent (offsets), as the parser gives ``Command.extent``.
    start: int
    end: int
    #: Per argument: ``(lower-cased name, glued)`` for ``-Name`` / ``-Name:value``, ``None`` for a value.
    shape: tuple[tuple[str, bool] | None, ...]
    #: Per argument: its value (``NOT_GIVEN`` for ``-Name`` alone).
    values: list[Any]
    #: Per argument: ``-Name`` as typed (with its dash and colon), ``""`` for a value.
    texts: list[str]
    text: str

    def arguments(self) -> list[Argument]:
        """The arguments as the runner makes them (without positions: only errors need them)."""
        arguments: list[Argument] = []
        for item, value, text in zip(self.shape, self.values, self.texts, strict=True):
            if item is None:
                arguments.append(PositionalArgument(value))
            else:
                arguments.append(NamedArgument(text.lstrip(DASHES).removesuffix(":"), value, text))
        return arguments

    def invocation(self, command_name: str) -> InvocationInfo:
        """Where the command is, as ``Source.invocation(command.extent, name)`` says it."""
        return InvocationInfo(command_name, "", 1, self.start + 1, self.text, max(1, self.end - self.start))


def read(text: str) -> SimpleLine | None:
    """``text`` read as one command of the simple shape, or ``None`` (the parser reads it)."""
    if "\n" in text or "\r" in text or "\x00" in text:
        return None
    name = _NAME.match(text)
    if name is None:
        return None
    try:
        return _read_arguments(text, name.group(1), name.start(1), name.end())
    except _NotSimple:
        return None


def _read_arguments(text: str, name: str, start: int, pos: int) -> SimpleLine:
    length = len(text)
    shape: list[tuple[str, bool] | None] = []
    values: list[Any] = []
    texts: list[str] = []
    end = pos  # the command ends after its last element (after the blanks and comment an argument takes)
    while True:
        common = _COMMON_TOKEN.match(text, pos)
        if common is not None:
            pos = common.end()
            parameter, word, constant = common.groups()
            if parameter is not None:
                shape.append((parameter[1:].lower(), False))
                values.append(NOT_GIVEN)
                texts.append(parameter)
                end = pos
                continue
            shape.append(None)
            values.append(word if word is not None else _CONSTANTS[constant.lower()])
            texts.append("")
            end = length
            continue
        pos = _BLANKS.match(text, pos).end()  # type: ignore[union-attr]  # always matches
        if pos == length or text[pos] == "#":
            break
        char = text[pos]
        if char in DASHES:
            if pos + 1 < length and text[pos + 1] in DASHES:
                raise _NotSimple  # ``--`` or ``--%``
            parameter = PARAMETER.match(text, pos)
            if parameter is not None:
                token_end = parameter.end()
                texts.append(text[pos:token_end])
                if parameter.group(2):  # -Name:value
                    pos = _BLANKS.match(text, token_end).end()  # type: ignore[union-attr]
                    if pos == length or text[pos] == "#":
                        raise _NotSimple  # a parse error: the parser reports it
                    value, pos = _argument(text, pos)
                    shape.append((parameter.group(1).lower(), True))
                    values.append(value)
                    end = length  # an argument takes the blanks and comment after it
                else:
                    if token_end < length and text[token_end] not in " \t":
                        raise _NotSimple
                    shape.append((parameter.group(1).lower(), False))
                    values.append(NOT_GIVEN)
                    pos = end = token_end
                continue
        value, pos = _argument(text, pos)
        shape.append(None)
        values.append(value)
        texts.append("")
        end = length
    return SimpleLine(name, start, end, tuple(shape), values, texts, text)


def _argument(text: str, pos: int) -> tuple[Any, int]:
    """One argument: a value, or ``a, b, c`` as one list (parser.argument)."""
    first, pos = _primary(text, pos)
    pos = _BLANKS.match(text, pos).end()  # type: ignore[union-attr]
    if pos == len(text) or text[pos] != ",":
        return first, pos
    items = [first]
    while pos < len(text) and text[pos] == ",":
        pos = _BLANKS.match(text, pos + 1).end()  # type: ignore[union-attr]
        if pos == len(text) or text[pos] == "#":
            raise _NotSimple  # a missing argument after the comma: the parser's error
        item, pos = _primary(text, pos)
        items.append(item)
        pos = _BLANKS.match(text, pos).end()  # type: ignore[union-attr]
    return items, pos


def _primary(text: str, pos: int) -> tuple[Any, int]:
    """One literal value (parser.argument_primary), followed by a blank, a comma or the end."""
    char = text[pos]
    value: Any
    if char in QUOTES:
        value, pos = _single_quoted(text, pos) if char in SINGLE_QUOTES else _double_quoted(text, pos)
    elif char == "$":
        constant = _CONSTANT_VARIABLE.match(text, pos)
        if constant is None:
            raise _NotSimple
        value, pos = _CONSTANTS[constant.group(1).lower()], constant.end()
    elif char in "@({#":
        raise _NotSimple
    elif char.isalpha():
        value, pos = _bareword(text, pos)
    else:
        sign = SIGN.match(text, pos)
        assert sign is not None  # the pattern always matches
        number = NUMBER.match(text, sign.end())
        converted = None
        if number is not None and (number.end() == len(text) or ARG_NUMBER_END.match(text, number.end())):
            converted = number_value(number, sign.group(1))
        if number is not None and converted is not None:
            value, pos = converted, number.end()
        else:
            value, pos = _bareword(text, pos)
    if pos < len(text) and text[pos] not in _AFTER_VALUE:
        raise _NotSimple  # more of the same token (``a$b``, ``'a'.Length``, ``x'y'``…)
    return value, pos


def _bareword(text: str, pos: int) -> tuple[str, int]:
    run = BARE_RUN.match(text, pos)
    if run is None:
        raise _NotSimple
    return run.group(), run.end()


def _single_quoted(text: str, pos: int) -> tuple[str, int]:
    """A verbatim string: a quote doubled is one quote, the second as typed (parser.verbatim)."""
    pieces: list[str] = []
    pos += 1
    while True:
        run = SQ_RUN.match(text, pos)
        if run is not None:
            pieces.append(run.group())
            pos = run.end()
        if pos == len(text):
            raise _NotSimple  # unterminated: the parser's error
        if pos + 1 < len(text) and text[pos + 1] in SINGLE_QUOTES:
            pieces.append(text[pos + 1])
            pos += 2
            continue
        return "".join(pieces), pos + 1


def _double_quoted(text: str, pos: int) -> tuple[str, int]:
    """An expandable string with nothing to expand: text, doubled quotes, backtick escapes
    (parser.string and parser.escape); a ``$`` or a ``u{…}`` escape is the parser's."""
    pieces: list[str] = []
    pos += 1
    while True:
        run = DQ_RUN.match(text, pos)
        if run is not None:
            pieces.append(run.group())
            pos = run.end()
        if pos == len(text):
            raise _NotSimple
        char = text[pos]
        if char in DOUBLE_QUOTES:
            if pos + 1 < len(text) and text[pos + 1] in DOUBLE_QUOTES:
                pieces.append(text[pos + 1])
                pos += 2
                continue
            return "".join(pieces), pos + 1
        if char != "`" or pos + 1 == len(text) or text[pos + 1] == "u":
            raise _NotSimple  # ``$…``, a backtick at the end, ``u{…}``
        following = text[pos + 1]
        pieces.append(ESCAPES.get(following, following))
        pos += 2


# --- binding by line shape ---------------------------------------------------------------------

#: Shapes kept per command: a bound on what distinct mistyped lines can add.
_MAX_SHAPES = 256
_UNKNOWN: Any = object()


def bind_line(metadata: CommandMetadata, line: SimpleLine) -> BoundCommand | None:
    """``line`` bound to ``metadata`` as the binder binds the parser's arguments, or ``None``
    when it does not bind (the full path then raises the binder's error with its position)."""
    plans: dict[tuple[Any, ...], ArgumentPlan | None] = metadata.line_shapes
    plan: ArgumentPlan | None = plans.get(line.shape, _UNKNOWN)
    if plan is _UNKNOWN:
        if len(plans) >= _MAX_SHAPES:
            plans.clear()
        plan = plans[line.shape] = argument_plan(metadata, line.shape)
    invocation = line.invocation(metadata.name)
    try:
        if plan is None:  # a shape whose binding depends on its values: the binder's steps
            return bind(metadata, line.arguments(), invocation=invocation)
        values, texts = line.values, line.texts
        picked = [
            values[source] if source >= 0 else True if source == SWITCH_GIVEN else texts[~source]
            for source in plan.sources
        ]
        return plan.shape.bind(picked, invocation)
    except PowerShellError:
        return None
