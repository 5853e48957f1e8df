"""The OPATH filters of Get-CsOnlineUser and the policy cmdlets, compiled to predicates.

The subset admin scripts use, "the same syntax as Where-Object" (Get-CsOnlineUser reference,
https://learn.microsoft.com/en-us/powershell/module/microsoftteams/get-csonlineuser):
``-eq -ne -like -notlike -contains -notcontains -gt -lt -ge -le``, joined by ``-and``/``-or``,
negated by ``-not``/``!``, grouped by parentheses; values quoted, bare, or ``$true``/``$false``/
``$null``. Comparison is case-insensitive (a ``c`` prefix, ``-ceq``, makes it case-sensitive).
A filter is compiled once into nested closures over property getters, so filtering 100,000
users calls no parser and builds no output object for a user that does not match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Predicate = Callable[[T], bool]
Getter = Callable[[T], Any]

__all__ = ["FilterSyntaxError", "compile_filter", "wildcard"]


class FilterSyntaxError(ValueError):
    """The filter text cannot be read; the message says where and why."""


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<open>\() | (?P<close>\)) | (?P<bang>!) |
        (?P<operator>-[A-Za-z]+) |
        (?P<string>'(?:[^']|'')*' | "(?:[^"`]|`.|"")*") |
        (?P<variable>\$[\w:.]+) |
        (?P<word>[^\s()'"!]+)
    )""",
    re.VERBOSE,
)

_COMPARISONS = ("eq", "ne", "like", "notlike", "contains", "notcontains", "gt", "lt", "ge", "le")
_CONSTANTS = {"$true": True, "$false": False, "$null": None}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


def _tokens(text: str) -> list[_Token]:
    body = text.strip()
    if body.startswith("{") and body.endswith("}"):
        body = body[1:-1]  # a script block passed as the filter: its text is the filter
    found, position = [], 0
    while position < len(body):
        if body[position:].strip() == "":
            break
        match = _TOKEN.match(body, position)
        if match is None or match.end() == position:
            raise FilterSyntaxError(f"unexpected character at position {position}.")
        kind = match.lastgroup or "word"
        found.append(_Token(kind, match.group(kind)))
        position = match.end()
    return found


@functools.cache
def wildcard(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """PowerShell's WildcardPattern: ``*``, ``?`` and ``[a-z]``, anchored at both ends."""
    parts, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "`" and index + 1 < len(pattern):
            parts.append(re.escape(pattern[index + 1]))
            index += 1
        elif char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        elif char == "[" and "]" in pattern[index:]:
            end = pattern.index("]", index)
            parts.append("[" + pattern[index + 1 : end].replace("\\", "\\\\") + "]")
            index = end
        else:
            parts.append(re.escape(char))
        index += 1
    return re.compile("".join(parts) + r"\Z", re.DOTALL | (0 if case_sensitive else re.IGNORECASE))


class _Parser(Generic[T]):
    """Recursive descent: or → and → not → comparison or parenthesised filter."""

    def __init__(self, tokens: list[_Token], properties: Mapping[str, Getter[T]]) -> None:
        self.tokens, self.index, self.properties = tokens, 0, properties

    def parse(self) -> Predicate[T]:
        if not self.tokens:
            raise FilterSyntaxError("the filter is empty.")
        predicate = self._or()
        if self.index < len(self.tokens):
            raise FilterSyntaxError(f"unexpected '{self.tokens[self.index].text}'.")
        return predicate

    def _peek_operator(self, *names: str) -> bool:
        token = self.tokens[self.index] if self.index < len(self.tokens) else None
        return token is not None and token.kind == "operator" and token.text[1:].lower() in names

    def _next(self, what: str) -> _Token:
        if self.index >= len(self.tokens):
            raise FilterSyntaxError(f"{what} expected at the end of the filter.")
        self.index += 1
        return self.tokens[self.index - 1]

    def _or(self) -> Predicate[T]:
        terms = [self._and()]
        while self._peek_operator("or"):
            self.index += 1
            terms.append(self._and())
        return terms[0] if len(terms) == 1 else _any_of(tuple(terms))

    def _and(self) -> Predicate[T]:
        terms = [self._not()]
        while self._peek_operator("and"):
            self.index += 1
            terms.append(self._not())
        return terms[0] if len(terms) == 1 else _all_of(tuple(terms))

    def _not(self) -> Predicate[T]:
        token = self.tokens[self.index] if self.index < len(self.tokens) else None
        if token is not None and (token.kind == "bang" or (token.kind == "operator" and token.text.lower() == "-not")):
            self.index += 1
            inner = self._not()
            return lambda item: not inner(item)
        return self._primary()

    def _primary(self) -> Predicate[T]:
        token = self._next("A property name")
        if token.kind == "open":
            inner = self._or()
            if self._next("')'").kind != "close":
                raise FilterSyntaxError("missing ')'.")
            return inner
        if token.kind != "word":
            raise FilterSyntaxError(f"a property name was expected, not '{token.text}'.")
        getter = self._property(token.text)
        operator = self._next("A comparison operator")
        name = operator.text[1:].lower()
        case_sensitive = name.startswith("c") and name[1:] in _COMPARISONS
        name = name[1:] if name[:1] in "ci" and name[1:] in _COMPARISONS else name
        if operator.kind != "operator" or name not in _COMPARISONS:
            raise FilterSyntaxError(f"'{operator.text}' is not a supported comparison operator.")
        return _comparison(getter, name, _value(self._next("A value")), case_sensitive)

    def _property(self, text: str) -> Getter[T]:
        getter = self.properties.get(text.removeprefix("$_.").lower())
        if getter is None:
            raise FilterSyntaxError(f"'{text}' is not a filterable property.")
        return getter


def _value(token: _Token) -> Any:
    if token.kind == "string":
        quote, body = token.text[0], token.text[1:-1]
        return body.replace(quote * 2, quote) if quote == "'" else re.sub(r"`(.)", r"\1", body.replace('""', '"'))
    if token.kind == "variable":
        if token.text.lower() not in _CONSTANTS:
            raise FilterSyntaxError(
                f"the variable {token.text} is not expanded in a filter; put its value in the text."
            )
        return _CONSTANTS[token.text.lower()]
    if token.kind == "word":
        return token.text
    raise FilterSyntaxError(f"a value was expected, not '{token.text}'.")


def _any_of(terms: tuple[Predicate[T], ...]) -> Predicate[T]:
    return lambda item: any(term(item) for term in terms)


def _all_of(terms: tuple[Predicate[T], ...]) -> Predicate[T]:
    return lambda item: all(term(item) for term in terms)


def _normalized(value: Any, case_sensitive: bool) -> Any:
    """A value ready to compare: text folded unless case-sensitive, booleans as themselves."""
    if isinstance(value, str) and not case_sensitive:
        return value.casefold()
    return value


def _coerced(value: Any, like: Any) -> Any:
    """The filter's value in the type of the property's value, as PowerShell converts the
    right-hand side to the left-hand side's type."""
    if isinstance(like, bool) and isinstance(value, str):
        return {"true": True, "false": False, "$true": True, "$false": False}.get(value.lower(), value)
    if isinstance(like, int) and not isinstance(like, bool) and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    if isinstance(like, str) and not isinstance(value, str) and value is not None:
        return "True" if value is True else "False" if value is False else str(value)
    return value


def _is_blank(value: Any) -> bool:
    """``$null``, or the ``' '`` the reference uses for "no policy assigned"."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def _scalar_test(name: str, expected: Any, case_sensitive: bool) -> Callable[[Any], bool]:
    """The comparison of one value with the filter's value."""
    if name in ("like", "notlike"):
        pattern = wildcard(str(expected), case_sensitive)
        matches: Callable[[Any], bool] = lambda value: value is not None and bool(pattern.match(str(value)))  # noqa: E731
        return matches if name == "like" else lambda value: not matches(value)

    def compare(value: Any) -> bool:
        if _is_blank(expected) or value is None:
            equal = _is_blank(expected) and _is_blank(value)
            return equal if name in ("eq", "ge", "le") else not equal if name == "ne" else False
        left = _normalized(value, case_sensitive)
        right = _normalized(_coerced(expected, value), case_sensitive)
        try:
            return bool(_ORDER[name](left, right))
        except TypeError:
            return False

    return compare


_ORDER: dict[str, Callable[[Any, Any], Any]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "lt": lambda a, b: a < b,
    "ge": lambda a, b: a >= b,
    "le": lambda a, b: a <= b,
}


def _comparison(getter: Getter[T], name: str, expected: Any, case_sensitive: bool) -> Predicate[T]:
    """A comparison; on a list property it holds when some element matches (PowerShell's
    filtering of a collection), and ``-contains`` asks whether the list holds the value."""
    if name in ("contains", "notcontains"):
        equal = _scalar_test("eq", expected, case_sensitive)

        def has(item: T) -> bool:
            return any(equal(v) for v in _as_list(getter(item)))

        return has if name == "contains" else lambda item: not has(item)
    test = _scalar_test(name, expected, case_sensitive)

    def predicate(item: T) -> bool:
        value = getter(item)
        if isinstance(value, list | tuple):
            return any(test(element) for element in value)
        return test(value)

    return predicate


def _as_list(value: Any) -> list[Any] | tuple[Any, ...]:
    if value is None:
        return ()
    return value if isinstance(value, list | tuple) else (value,)


def compile_filter(text: str, properties: Mapping[str, Getter[T]]) -> Predicate[T]:
    """The predicate ``text`` describes over objects whose properties ``properties`` reads.

    Args:
        text: the filter (a script block's text is accepted, braces and all).
        properties: a getter per filterable property, by lower-cased name.

    Raises:
        FilterSyntaxError: the text is not a filter of the supported subset.
    """
    return _Parser(_tokens(text), properties).parse()
