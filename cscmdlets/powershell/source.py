"""Where a piece of script text is: the source text with its name, and the extent of each
syntax node (offsets; 1-based line and column worked out on demand, as PowerShell's
IScriptExtent gives them)."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .errors import InvocationInfo

__all__ = ["Extent", "Source", "new_extent"]


class Source:
    """The script text with its name; turns offsets into lines, columns and InvocationInfo."""

    def __init__(self, text: str, name: str = "") -> None:
        self.text = text
        self.name = name
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._lines: dict[int, str] = {}  # every argument's InvocationInfo needs its line
        # A loop's body invokes the same nodes on every pass: each node's InvocationInfo
        # (immutable) is worked out once.
        self._invocations: dict[tuple[int, int, str], InvocationInfo] = {}

    def extent(self, start: int, end: int) -> Extent:
        return new_extent(Extent, (start, end, self))

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
        key = (extent.start, extent.end, command_name)
        known = self._invocations.get(key)
        if known is None:
            known = self._invocations[key] = self._new_invocation(extent, command_name)
        return known

    def _new_invocation(self, extent: Extent, command_name: str) -> InvocationInfo:
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


new_extent = tuple.__new__  # skips NamedTuple's Python-level __new__ on the parser's hottest path
