"""How a run's streams reach the console: shared by ``cscmdlets run`` and ported scripts that
run through the script runner, so both print exactly alike."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from ..model.display import cell_text
from ..powershell.errors import ErrorRecord
from ..powershell.formatting import format_json_lines
from .builtins import shown
from .out_default import out_default_text

__all__ = ["describe_plan_entry", "print_events", "ps_literal"]


def print_events(events: Sequence[tuple[str, Any]], output_format: str = "table", *, show_plan: bool = False) -> None:
    """Print a run's streams in the order they were written; output objects are grouped into
    tables and lists as PowerShell's Out-Default does. The plan shows under ``--what-if``."""
    pending: list[Any] = []
    for kind, item in [*events, ("end", None)]:
        if kind == "plan" and not show_plan:
            continue
        if kind == "output":
            pending.append(item)
            continue
        if any(item is not None for item in pending):  # Out-Default shows nothing for $null
            objects = shown([item for item in pending if item is not None])
            print(format_json_lines(objects) if output_format == "json" else out_default_text(objects))
        pending = []
        _print_one(kind, item)


def _print_one(kind: str, item: Any) -> None:
    if kind == "host":
        print(item)
    elif kind == "host-error":
        print(item, file=sys.stderr)
    elif kind == "warning":
        print(f"WARNING: {item}", file=sys.stderr)
    elif kind == "verbose":
        print(f"VERBOSE: {item}", file=sys.stderr)
    elif kind == "error" and isinstance(item, ErrorRecord):
        print(item.concise_view(), file=sys.stderr)
    elif kind == "plan":
        print(describe_plan_entry(item))


def ps_literal(value: Any) -> str:
    """A value as PowerShell writes it in code: ``$null``, ``$true``, ``'text'``, ``42``, ``@(…)``."""
    if value is None:
        return "$null"
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "@(" + ", ".join(ps_literal(item) for item in value) + ")"
    text = cell_text(value)
    return "'" + text.replace("'", "''") + "'"


def describe_plan_entry(entry: Any) -> str:
    """One line of the ``--what-if`` plan: a change (before → after) or an email."""
    before, after = getattr(entry, "before", None) or {}, getattr(entry, "after", None) or {}
    if hasattr(entry, "target"):
        changed = sorted(set(before) | set(after))
        diffs = [
            f"{k}: {ps_literal(before.get(k))} → {ps_literal(after.get(k))}"
            for k in changed
            if before.get(k) != after.get(k)
        ]
        parameters = " ".join(f"-{name}" for name in getattr(entry, "parameters", {}) if name != "Identity")
        return f"  change {entry.target} ({entry.command} {parameters}): " + ("; ".join(diffs) or "no visible change")
    if hasattr(entry, "recipient"):
        return f"  email {entry.kind} to {entry.recipient}: {entry.subject}"
    return f"  {entry}"
