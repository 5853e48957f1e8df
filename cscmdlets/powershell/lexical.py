"""The lexical tables of the PowerShell parser: which characters are quotes, dashes and blanks,
the token patterns, and the operators with their precedence (PowerShell's tokenizer.cs and
the language specification, chapter 7). Typographic quotes (U+2018-U+201E) and dashes
(U+2013-U+2015) are quotes and dashes, as PowerShell's CharTraits reads them."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

__all__ = [
    "ANY_START",
    "ANY_WS",
    "ARG_NUMBER_END",
    "ASSIGN",
    "ASSIGN_START",
    "ATTRIBUTE_NAMED",
    "BARE_RUN",
    "BINARY_OPERATORS",
    "BLOCK_COMMENT",
    "CASED",
    "COMPARISON",
    "DASHES",
    "DOUBLE_QUOTES",
    "DQ_RUN",
    "END_OF_PARAMETERS",
    "EOF",
    "ESCAPES",
    "GENERIC",
    "HASH_KEY",
    "HERE_RUN",
    "INLINE_START",
    "INLINE_WS",
    "KEYWORD",
    "LABEL",
    "LABELLED_KEYWORDS",
    "LEVELS",
    "MULTIPLIERS",
    "NON_BARE",
    "NO_OPERATOR",
    "NUMBER",
    "OPERATOR_WORD",
    "PARAMETER",
    "QUOTES",
    "REDIRECT",
    "REQUIRES_LINE",
    "REQUIRES_PARAMETERS",
    "REQUIRES_VERSION",
    "SIGN",
    "SINGLE_QUOTES",
    "SPLAT",
    "SQ_RUN",
    "STATEMENT_END",
    "STREAM_NAMES",
    "TYPE_NAME",
    "UNARY_WORDS",
    "VARIABLE",
    "WORD",
    "Operator",
    "number_value",
]

SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
DOUBLE_QUOTES = '"\u201c\u201d\u201e'
DASHES = "-\u2013\u2014\u2015"
QUOTES = SINGLE_QUOTES + DOUBLE_QUOTES
#: What ``peek`` returns past the end: a character no test in the parser matches.
EOF = "\x00"

INLINE_WS = re.compile(r"(?:[ \t\f\v\u00a0\ufeff]+|`\r?\n|<#.*?#>|#[^\r\n\x00]*)*", re.S)
ANY_WS = re.compile(r"(?:\s+|`\r?\n|<#.*?#>|#[^\r\n\x00]*)*", re.S)
ASSIGN_START = frozenset(f"={DASHES}+*/%?")
#: Characters after which no binary operator, comma or redirection can follow on this line.
NO_OPERATOR = frozenset("\r\n;)}]|\x00")
INLINE_START = frozenset(" \t\f\v\u00a0\ufeff\u2000\u2002\u2003\u2009\u3000`<#")
ANY_START = INLINE_START | frozenset("\r\n\x1c\x1d\x1e\x85\u2028\u2029")
NON_BARE = r"\s;|&(){},<>`\"'\u2018-\u201e\x00"
GENERIC = re.compile(rf"[^{NON_BARE}]+")
BARE_RUN = re.compile(rf"[^{NON_BARE}$]+")
PARAMETER = re.compile(rf"[{DASHES}]((?:[^\W\d]|\?)[^{NON_BARE}:]*)(:?)")
END_OF_PARAMETERS = re.compile(rf"[{DASHES}]{{2}}(?=[\s;|)}}]|$)")
NUMBER = re.compile(r"(0x[0-9a-f]+|(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)([ld]?)(kb|mb|gb|tb|pb)?(?!\w)", re.I)
ARG_NUMBER_END = re.compile(r"(?=[\s;|)},>\x00])")
#: ``?`` continues a variable name (tokenizer.cs, ScanVariable): ``$x?`` is the variable ``x?``,
#: hence ``${x}?.Name`` and ``$x ? 1 : 2`` in PowerShell 7 (about_Operators).
VARIABLE = re.compile(r"\$(?:\{(?P<braced>[^}]*)\}|(?P<special>[?$^])|(?:(?P<scope>\w+):(?=\w))?(?P<name>\w[\w?]*))")
KEYWORD = re.compile(r"[A-Za-z]+(?![\w-])")
OPERATOR_WORD = re.compile(rf"[{DASHES}]([A-Za-z]+)(?![\w-])")
ASSIGN = re.compile(rf"(?:[{DASHES}+*/%]|\?\?)?=")
REDIRECT = re.compile(r"([1-6*])?(>>?)(&[12])?")
TYPE_NAME = re.compile(r"[\w.`+]+")
SQ_RUN = re.compile(r"[^'\u2018-\u201b\x00]+")
DQ_RUN = re.compile(r'[^`$"\u201c-\u201e\x00]+')
HERE_RUN = re.compile(r"[^`$]+")
ATTRIBUTE_NAMED = re.compile(r"(\w+)\s*(=)?")
SPLAT = re.compile(r"@(\w+)")
SIGN = re.compile(rf"([{DASHES}+]?)")
WORD = re.compile(r"\w+")
HASH_KEY = re.compile(r"[^\W\d][\w-]*|\d+")
MULTIPLIERS = {"kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40, "pb": 2**50}
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "e": "\x1b"}

COMPARISON = frozenset(
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
CASED = frozenset(o for o in COMPARISON if o not in {"is", "isnot", "as", "join"})
#: Binary operator levels, loosest first (lang-spec chapter 7); PowerShell 7's ``??`` sits between
#: comparison and ``+`` (BinaryPrecedenceCoalesce in token.cs).
LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"and", "or", "xor"}),
    frozenset({"band", "bor", "bxor", "shl", "shr"}),
    COMPARISON,
    frozenset({"??"}),
    frozenset({"+", "-"}),
    frozenset({"*", "/", "%"}),
    frozenset({"f"}),
    frozenset({".."}),
)
UNARY_WORDS = frozenset({"not", "bnot", "split", "join"})
STATEMENT_END = frozenset("\r\n;")
#: What StreamAlreadyRedirected calls each stream (ParserStrings.resx; 3-6 by the same pattern, inferred).
STREAM_NAMES = {
    "1": "output",
    "2": "error",
    "3": "warning",
    "4": "verbose",
    "5": "debug",
    "6": "information",
    "*": "*",
}
LABEL = re.compile(r":(\w+)")
LABELLED_KEYWORDS = ("foreach", "for", "while", "do", "switch")


def _binary_operators() -> dict[str, tuple[str, int]]:
    """Each operator as typed (lower-cased, without its dash) → its canonical name and level:
    ``ieq`` → (``eq``, 2), ``cmatch`` → (``cmatch``, 2), ``+`` → (``+``, 3)."""
    table: dict[str, tuple[str, int]] = {}
    for level, names in enumerate(LEVELS):
        for name in names:
            table[name] = (name, level)
            if name in CASED:
                table["i" + name] = (name, level)
                table["c" + name] = ("c" + name, level)
    return table


BINARY_OPERATORS = _binary_operators()


class Operator(NamedTuple):
    """A binary operator found in the text: canonical name, level, end offset and the text as typed."""

    name: str
    level: int
    end: int
    text: str


def number_value(match: re.Match[str], sign: str = "") -> int | float | None:
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
    value = value * MULTIPLIERS.get(multiplier, 1)
    if isinstance(value, float) and (math.isinf(value) or (value.is_integer() and value >= 2**63)):
        return None if math.isinf(value) else value
    if isinstance(value, int) and value >= 2**63:
        value = float(value)  # PowerShell widens to Decimal, then Double
    return -value if sign and sign in DASHES else value


#: A ``#Requires`` line; group 1 is the ``#``. Only a line comment counts, with no space before ``requires``.
REQUIRES_LINE = re.compile(r"(?im)^[ \t]*(#)requires\b[^\r\n]*")
BLOCK_COMMENT = re.compile(r"<#.*?#>", re.S)
#: The parameters of ``#Requires`` (about_Requires), as PowerShell names them.
REQUIRES_PARAMETERS = ("Version", "PSEdition", "Modules", "RunAsAdministrator", "ShellId", "PSSnapin", "Assembly")
REQUIRES_VERSION = re.compile(r"\d+(?:\.\d+){0,3}")
