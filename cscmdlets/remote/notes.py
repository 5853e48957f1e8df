"""What cscmdlets keeps about pypsrp's objects: beside them, never set on them.

Weak-keyed tables, so a note lives exactly as long as the ``PowerShell`` or ``RunspacePool``
it is about, and pypsrp's objects carry no attribute pypsrp does not know.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from weakref import WeakKeyDictionary

__all__ = ["DEADLINE", "ENVELOPE", "MARKERS", "PREPACKED"]

#: A PowerShell's statement-end markers (one per command of a batch).
MARKERS: WeakKeyDictionary[Any, list[str]] = WeakKeyDictionary()
#: A PowerShell whose CREATE_PIPELINE ``clixml.py`` writes: its commands.
PREPACKED: WeakKeyDictionary[Any, Sequence[Any]] = WeakKeyDictionary()
#: When a PowerShell's call_timeout ends (``time.monotonic()``), if it has one.
DEADLINE: WeakKeyDictionary[Any, float | None] = WeakKeyDictionary()
#: A RunspacePool's CREATE_PIPELINE envelope, with the pool settings it was built for.
ENVELOPE: WeakKeyDictionary[Any, tuple[Any, tuple[bytes, str]]] = WeakKeyDictionary()
