"""Library bugs the reliability suite knows of, each pinned by a strict xfail in test_known_bugs.py.

The property-based tests count a call that hits one of these as a known bug (and start on
fresh tenants, since some leave a store unusable) instead of failing on it again, so they keep
looking for new ones. When a bug is fixed its pinned test XPASSes, which fails the run under
``strict=True``: remove the pin and its entry here together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownBug:
    name: str
    types: tuple[type[BaseException], ...]
    message: str  # a regular expression the exception's text matches

    def matches(self, error: BaseException) -> bool:
        return isinstance(error, self.types) and re.search(self.message, str(error)) is not None


#: Empty: every bug the suite found so far is fixed (their regressions are test_known_bugs.py).
#: Add an entry only together with a strict xfail that pins the bug.
KNOWN_BUGS: tuple[KnownBug, ...] = ()


def known_bug(error: BaseException) -> str | None:
    return next((bug.name for bug in KNOWN_BUGS if bug.matches(error)), None)
