"""The PowerShell behind each click: command lines, run the way ``cscmdlets run -c`` runs them.

A page never writes to the store. It turns a form into one PowerShell command line
(:func:`command_line`), shows it, runs it with ``-WhatIf`` first to show what would change,
and on confirmation runs the very same text through the tenant's script runner -- the binder,
the service rules and the error records of ``invoke``. The session keeps a log of what ran,
exported as a ``.ps1`` that ``cscmdlets run`` replays (Exchange's management console showed its
admins the same "command logging").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import AuditEntry, OutboxEntry
from ..tenant import Tenant

__all__ = ["CommandOutcome", "LoggedCommand", "command_line", "export_ps1", "field_errors", "literal", "run_line"]

#: Every character PowerShell reads as a single quote (its tokenizer's ``IsSingleQuote``).
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
#: A number PowerShell reads back as the same text (no leading zero; E.164 has at most 15 digits).
_BARE_NUMBER = re.compile(r"[1-9]\d{0,14}|0")


def literal(value: object) -> str:
    """``value`` as PowerShell source: ``$true``/``$false``/``$null``, a bare number, or a
    single-quoted string (each quote doubled), so no form value can become code."""
    if value is None:
        return "$null"
    if isinstance(value, bool):
        return "$true" if value else "$false"
    text = str(value)
    if _BARE_NUMBER.fullmatch(text):
        return text
    return "'" + "".join(c + c if c in _SINGLE_QUOTES else c for c in text) + "'"


def command_line(name: str, parameters: Iterable[tuple[str, object]]) -> str:
    """``Verb-Noun -Name value -Switch …``; a value of ``...`` (Ellipsis) writes a switch."""
    parts = [name]
    for parameter, value in parameters:
        parts.append(f"-{parameter}" if value is ... else f"-{parameter} {literal(value)}")
    return " ".join(parts)


@dataclass
class CommandOutcome:
    """What one run of a command line wrote."""

    line: str
    what_if: bool
    output: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_ids: list[str] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[AuditEntry] = field(default_factory=list)
    emails: list[OutboxEntry] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def shown_line(self) -> str:
        return f"{self.line} -WhatIf" if self.what_if else self.line


def run_line(tenant: Tenant, line: str, *, what_if: bool = False) -> CommandOutcome:
    """Run ``line`` (with ``-WhatIf`` appended for a preview) in one transaction, as
    ``cscmdlets run -c`` does: a failed command changes nothing."""
    outcome = CommandOutcome(line, what_if)
    # The trailing newline keeps a line ending in ".ps1" from being read as a script path.
    result = tenant.run_script(outcome.shown_line + "\n")
    outcome.output = list(result.output)
    outcome.errors = [record.message for record in result.errors]
    outcome.error_ids = [record.fully_qualified_error_id for record in result.errors]
    outcome.host = list(result.host)
    outcome.warnings = list(result.warnings)
    outcome.changes = [item for item in result.plan if isinstance(item, AuditEntry)]
    outcome.emails = [item for item in result.plan if isinstance(item, OutboxEntry)]
    return outcome


def field_errors(messages: Sequence[str], fields: Iterable[str]) -> dict[str, list[str]]:
    """Each error message by the form field (a parameter name) it names first, so the page
    shows the cmdlet's own words next to that field; ``""`` collects the others."""
    names = list(fields)
    by_field: dict[str, list[str]] = {}
    for message in messages:
        positions = [(m.start(), name) for name in names if (m := re.search(rf"\b{re.escape(name)}\b", message))]
        by_field.setdefault(min(positions)[1] if positions else "", []).append(message)
    return by_field


@dataclass(frozen=True)
class LoggedCommand:
    """One command the session ran (previews are not logged: they changed nothing)."""

    at: dt.datetime
    line: str
    ok: bool


def export_ps1(commands: Sequence[LoggedCommand], *, user: str, tenant_name: str) -> str:
    """The session's successful commands as a script ``cscmdlets run`` replays."""
    lines = [
        f"# cscmdlets admin centre: commands run by {user} on {tenant_name}",
        "# Replay with: cscmdlets run THIS_FILE.ps1  (or --what-if first)",
        "",
    ]
    for command in commands:
        if command.ok:
            lines.append(f"# {command.at.isoformat(timespec='seconds')}")
            lines.append(command.line)
    return "\n".join(lines) + "\n"
