"""``cscmdlets outbox list|flush|export DIR``: see, deliver and export the tenant's emails.

``flush`` retries every queued message through ``--smtp URL`` (default: the tenant's own
transport, from ``$CSCMDLETS_SMTP_URL``); a delivered message is never sent again (issue 3).
Exit status: 0 when nothing is left queued, 1 when a message is still queued, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from ..mail import Outbox, OutboxMessage, transport_from_url
from ..model import DeliveryStatus

__all__ = ["add_subcommand"]

EXAMPLES = """examples:
  cscmdlets outbox list
  cscmdlets outbox flush --smtp smtp+starttls://user:password@mail.contoso.com:587
  cscmdlets outbox export ./mail --status Queued
"""


STATE_HELP = "the tenant's SQLite file (default: $CSCMDLETS_STATE, else the user data folder)"
SMTP_HELP = (
    "smtp://, smtp+starttls:// or smtps:// URL (default: $CSCMDLETS_SMTP_URL); "
    "keep a password in the variable rather than on the command line"
)


class _HasOutbox(Protocol):
    @property
    def outbox(self) -> Outbox: ...


OpenTenant = Callable[[str | None], AbstractContextManager[_HasOutbox]]


def add_subcommand(subparsers: Any, open_tenant: OpenTenant) -> argparse.ArgumentParser:
    """Add ``outbox`` and its ``list``, ``flush`` and ``export`` commands to ``subparsers``.

    Args:
        subparsers: The object ``ArgumentParser.add_subparsers()`` returned.
        open_tenant: Opens the tenant of ``--state`` (``None``: the default state), usable in ``with``.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "outbox",
        help="list, deliver or export the emails the service sent",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    listing = _add(commands, "list", "list every message, oldest first", _list, open_tenant)
    listing.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    flush = _add(commands, "flush", "deliver the queued messages", _flush, open_tenant)
    flush.add_argument("--smtp", metavar="URL", help=SMTP_HELP)
    export = _add(commands, "export", "write messages as .eml files", _export, open_tenant)
    export.add_argument("folder", metavar="DIR", help="folder to write the .eml files to")
    statuses = [status.value for status in DeliveryStatus]
    export.add_argument("--status", choices=statuses, help="only messages with this status")
    return parser


def _add(
    commands: Any,
    name: str,
    help_text: str,
    action: Callable[[Outbox, argparse.Namespace], int],
    open_tenant: OpenTenant,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    parser.add_argument("--state", metavar="PATH", help=STATE_HELP)

    def handler(args: argparse.Namespace) -> int:
        with open_tenant(args.state) as tenant:
            return action(tenant.outbox, args)

    parser.set_defaults(handler=handler)
    return parser


def _list(outbox: Outbox, args: argparse.Namespace) -> int:
    messages = list(outbox)
    if args.format == "json":
        for message in messages:
            print(json.dumps(message.model_dump(mode="json", exclude={"raw", "claimed_until"}), ensure_ascii=False))
    elif messages:
        print(_table(messages))
    return 0


COLUMNS = ("Seq", "Status", "Kind", "Attempts", "Recipient", "Subject", "LastError")


def _row(message: OutboxMessage) -> tuple[str, ...]:
    return (
        str(message.sequence),
        message.status.value,
        message.kind,
        str(message.attempts),
        message.recipient,
        message.subject,
        message.last_error or "",
    )


def _table(messages: Sequence[OutboxMessage]) -> str:
    rows = [COLUMNS, tuple("-" * len(c) for c in COLUMNS), *map(_row, messages)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = (" ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


def _flush(outbox: Outbox, args: argparse.Namespace) -> int:
    if args.smtp:
        outbox = outbox.with_transport(transport_from_url(args.smtp))
    if outbox.transport is None:
        print("cscmdlets outbox flush: no SMTP server; give --smtp URL or set CSCMDLETS_SMTP_URL", file=sys.stderr)
        return 2
    delivered = outbox.flush()
    queued = outbox.queued()
    print(f"Delivered {delivered} message(s); {len(queued)} still queued.")
    for message in queued:
        print(f"  #{message.sequence} to {message.recipient}: {message.last_error}", file=sys.stderr)
    return 1 if queued else 0


def _export(outbox: Outbox, args: argparse.Namespace) -> int:
    status = DeliveryStatus(args.status) if args.status else None
    for path in outbox.export(args.folder, status=status):
        print(path)
    return 0
