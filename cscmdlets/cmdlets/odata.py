"""The OData ``$filter`` subset Microsoft Graph PowerShell scripts pass to ``Get-MgUser -Filter``.

Comparisons ``eq ne gt ge lt le`` and ``in (…)``, the functions ``startsWith``/``endsWith``,
the lambda ``assignedLicenses/any(x:x/skuId eq <guid>)``, a collection's ``/$count``, joined by ``and``/``or``, negated
by ``not`` (Graph's "Use query parameters", https://learn.microsoft.com/en-us/graph/filter-query-parameter).
Property names are case-insensitive, as Graph reads them; string comparison of ``eq`` is too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .opath import FilterSyntaxError

T = TypeVar("T")
Predicate = Callable[[T], bool]

__all__ = ["compile_odata", "compile_search", "order_key", "sorted_by"]

_TOKEN = re.compile(
    r"""\s*(?:(?P<open>\()|(?P<close>\))|(?P<comma>,)|(?P<string>'(?:[^']|'')*')|
    (?P<word>[A-Za-z0-9_.:/+\-$]+))""",
    re.VERBOSE,
)
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}
_LITERALS = {"true": True, "false": False, "null": None}


def _tokens(text: str) -> list[tuple[str, str]]:
    found, position = [], 0
    while text[position:].strip():
        match = _TOKEN.match(text, position)
        if match is None:
            raise FilterSyntaxError(f"unexpected character at position {position}.")
        kind = match.lastgroup or "word"
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _either(left: Predicate[Any], right: Predicate[Any]) -> Predicate[Any]:
    return lambda item: left(item) or right(item)


def _both(left: Predicate[Any], right: Predicate[Any]) -> Predicate[Any]:
    return lambda item: left(item) and right(item)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], properties: Mapping[str, Callable[[Any], Any]]) -> None:
        self.tokens, self.index, self.properties = tokens, 0, properties

    def parse(self) -> Predicate[Any]:
        predicate = self._or()
        if self.index != len(self.tokens):
            raise FilterSyntaxError(f"unexpected '{self.tokens[self.index][1]}'.")
        return predicate

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.index] if self.index < len(self.tokens) else ("end", "")

    def _take(self, kind: str | None = None) -> str:
        token = self._peek()
        if token[0] == "end" or (kind is not None and token[0] != kind):
            raise FilterSyntaxError(f"expected {kind or 'more'} at '{token[1] or 'the end'}'.")
        self.index += 1
        return token[1]

    def _is_word(self, word: str) -> bool:
        kind, text = self._peek()
        return kind == "word" and text.lower() == word

    def _or(self) -> Predicate[Any]:
        left = self._and()
        while self._is_word("or"):
            self.index += 1
            left = _either(left, self._and())
        return left

    def _and(self) -> Predicate[Any]:
        left = self._not()
        while self._is_word("and"):
            self.index += 1
            left = _both(left, self._not())
        return left

    def _not(self) -> Predicate[Any]:
        if self._is_word("not"):
            self.index += 1
            inner = self._not()
            return lambda item: not inner(item)
        if self._peek()[0] == "open":
            self.index += 1
            inner = self._or()
            self._take("close")
            return inner
        return self._term()

    def _term(self) -> Predicate[Any]:
        name = self._take("word")
        if self._peek()[0] == "open":
            return self._function(name.lower())
        getter = self._counter(name) if name.lower().endswith("/$count") else self._property(name)
        operator = self._take("word").lower()
        if operator == "in":
            values = self._list()
            return lambda item: _fold(getter(item)) in values
        if operator not in _ORDER:
            raise FilterSyntaxError(f"'{operator}' is not a supported operator.")
        expected, compare = _fold(self._value()), _ORDER[operator]

        def predicate(item: Any) -> bool:
            value = _fold(getter(item))
            try:
                return compare(value, expected)
            except TypeError:
                return False

        return predicate

    def _function(self, name: str) -> Predicate[Any]:
        self._take("open")
        if name.endswith("/any"):
            return self._any(name.removesuffix("/any"))
        if name not in ("startswith", "endswith"):
            raise FilterSyntaxError(f"the function '{name}' is not supported.")
        getter = self._property(self._take("word"))
        self._take("comma")
        prefix = str(_fold(self._value()))
        self._take("close")
        test = str.startswith if name == "startswith" else str.endswith
        return lambda item: isinstance(value := getter(item), str) and test(value.casefold(), prefix)

    def _any(self, collection: str) -> Predicate[Any]:
        """``assignedLicenses/any(x:x/skuId eq <guid>)``: some element's member compares true."""
        getter = self._property(collection)
        variable, _, member = self._take("word").partition(":")
        member = member or self._take("word")  # "x: x/skuId" with a space
        operator = self._take("word").lower()
        expected = _fold(self._value())
        self._take("close")
        field = member.split("/", 1)[-1].lower() if member else ""
        if operator not in _ORDER or not field or not variable:
            raise FilterSyntaxError("a lambda reads 'x:x/<member> eq <value>'.")
        compare = _ORDER[operator]
        return lambda item: any(compare(_fold(element.get(field)), expected) for element in getter(item) or ())

    def _counter(self, name: str) -> Callable[[Any], Any]:
        """``assignedLicenses/$count``: how many elements a collection has (an advanced query,
        "Advanced query capabilities on Microsoft Entra ID objects", learn.microsoft.com/graph/aad-advanced-queries)."""
        getter = self._property(name[: -len("/$count")])
        return lambda item: len(getter(item) or ())

    def _property(self, name: str) -> Callable[[Any], Any]:
        getter = self.properties.get(name.lower())
        if getter is None:
            raise FilterSyntaxError(f"the property '{name}' cannot be filtered.")
        return getter

    def _value(self) -> Any:
        kind, text = self._peek()
        self.index += 1
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "word" and text.lower() in _LITERALS:
            return _LITERALS[text.lower()]
        if kind == "word":
            return int(text) if text.isdigit() else text
        raise FilterSyntaxError(f"a value was expected, not '{text}'.")

    def _list(self) -> set[Any]:
        self._take("open")
        values = {_fold(self._value())}
        while self._peek()[0] == "comma":
            self.index += 1
            values.add(_fold(self._value()))
        self._take("close")
        return values


def compile_odata(text: str, properties: Mapping[str, Callable[[Any], Any]]) -> Predicate[Any]:
    """The predicate an OData ``$filter`` describes; ``properties`` reads each property by
    lower-cased name (a collection property yields dicts with lower-cased keys).

    Raises:
        FilterSyntaxError: the text is outside the supported subset.
    """
    return _Parser(_tokens(text), properties).parse()


# --- $search and $orderby ------------------------------------------------------------------------

#: One ``"property:terms"`` clause of a directory ``$search``, then ``AND``/``OR`` or the end.
_SEARCH_CLAUSE = re.compile(r'\s*"(?P<property>[A-Za-z]+):(?P<terms>[^"]*)"\s*(?:(?P<join>AND|OR)\s+|$)')
#: What splits a property's value into the words a search term must begin.
_WORD_BREAK = re.compile(r"[^\w]+|_")


def compile_search(text: str, properties: Mapping[str, Callable[[Any], Any]]) -> Predicate[Any]:
    """The predicate of a directory object ``$search`` ("Use the $search query parameter",
    https://learn.microsoft.com/en-us/graph/search-query-parameter): ``"property:terms"`` clauses
    joined by ``AND``/``OR`` (left to right), each true when every term begins a word of the
    property's value, case-insensitively (``"displayName:ken my"`` finds Ken Myer).

    Raises:
        FilterSyntaxError: a clause outside that form, or a property ``properties`` lacks.
    """
    predicate: Predicate[Any] | None = None
    join = ""
    position = 0
    while position < len(text):
        clause = _SEARCH_CLAUSE.match(text, position)
        if clause is None:
            raise FilterSyntaxError(f"Syntax error at position {position} in '{text}'.")  # inferred
        read = properties.get(clause["property"].lower())
        if read is None:
            raise FilterSyntaxError(f"Property '{clause['property']}' is not supported for search.")  # inferred
        matches = _search_clause(read, clause["terms"])
        predicate = matches if predicate is None else (_both if join == "AND" else _either)(predicate, matches)
        join, position = clause["join"] or "", clause.end()
    if predicate is None or join:
        raise FilterSyntaxError(f"Syntax error: a search clause is missing in '{text}'.")  # inferred
    return predicate


def _search_clause(read: Callable[[Any], Any], terms: str) -> Predicate[Any]:
    wanted = [term for term in _WORD_BREAK.split(terms.casefold()) if term]

    def matches(item: Any) -> bool:
        words = [w for w in _WORD_BREAK.split(str(read(item) or "").casefold()) if w]
        return all(any(word.startswith(term) for word in words) for term in wanted)

    return matches


def order_key(
    specs: list[str], properties: Mapping[str, Callable[[Any], Any]]
) -> list[tuple[Callable[[Any], Any], bool]]:
    """``$orderby``: each ``property`` or ``property desc``/``asc`` as (read, descending); a
    missing value sorts first, as Graph sorts nulls.

    Raises:
        FilterSyntaxError: an unknown property or direction.
    """
    keys = []
    for spec in specs:
        name, _, direction = spec.strip().partition(" ")
        read = properties.get(name.lower())
        if read is None or direction.strip().lower() not in ("", "asc", "desc"):
            raise FilterSyntaxError(f"Invalid $orderby clause: '{spec}'.")  # inferred
        keys.append((read, direction.strip().lower() == "desc"))
    return keys


def sorted_by(items: list[T], keys: list[tuple[Callable[[T], Any], bool]]) -> list[T]:
    """``items`` in ``$orderby`` order: sorted by the last key first, each sort stable."""
    for read, descending in reversed(keys):
        items.sort(key=lambda item: (read(item) is not None, _fold(read(item))), reverse=descending)
    return items
