"""The escaping of a CLIXML ``<S>`` string, both ways, as [MS-PSRP] defines it for the
String primitive type.

Control characters (C0, C1) and each UTF-16 code unit of a character outside the BMP are
written as ``_xHHHH_``; an ``_`` before ``x`` is itself escaped (``_x005F_``) so it cannot be
read as the start of an escape. The ``_x`` match is case-insensitive, as PowerShell reads it.
Kept here so the fast CLIXML paths need no library's private helpers.
"""

from __future__ import annotations

import re

__all__ = ["decode", "encode", "needs_encoding"]

_UNDERSCORE_X = re.compile("(?i)_(x)")
_ESCAPED = re.compile("[\u0000-\u001f\u007f-\u009f\ud800-\udfff\U00010000-\U0010ffff]")
_ESCAPE = re.compile("(?i)_x([0-9a-f]{4})_")
_NEEDS = re.compile("(?i)_x|[\u0000-\u001f\u007f-\u009f\ud800-\udfff\U00010000-\U0010ffff]")


def _units(match: re.Match[str]) -> str:
    data = match.group(0).encode("utf-16-be", errors="surrogatepass")
    return "".join(f"_x{data[i : i + 2].hex().upper()}_" for i in range(0, len(data), 2))


def needs_encoding(text: str) -> bool:
    return _NEEDS.search(text) is not None


def encode(text: str) -> str:
    """A Python string as the text of an ``<S>`` element (before XML escaping)."""
    if not needs_encoding(text):
        return text
    return _ESCAPED.sub(_units, _UNDERSCORE_X.sub("_x005F_\\1", text))


def decode(text: str) -> str:
    """The text of an ``<S>`` element as the Python string it carries."""
    if "_x" not in text and "_X" not in text:
        return text
    units = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return units.encode("utf-16-be", errors="surrogatepass").decode("utf-16-be", errors="surrogatepass")
