"""``cscmdlets outbox list|show N|flush|export DIR``: see, read, deliver and export the tenant's emails.

``flush`` retries every queued message through ``--smtp URL`` (default: the tenant's own
transport, from ``$CSCMDLETS_SMTP_URL``); a delivered message is never sent again. ``list``,
``show`` and ``export`` only read the store, so they work while a script writes it, and on a
file this user may not write. The table and the JSON name each property the same way
(``Sequence``, ``Status``, ``LastError``…).
Exit status: 0 when nothing is left queued, 1 when a message is still queued (or on an error),
2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..mail import Outbox, OutboxMessage, transport_from_url
from ..model import DeliveryStatus
from ..powershell.errors import ErrorCategory
from .errors import CliError
from .host import print_table
from .state import OpenTenant, add_state_options

__all__ = ["COLUMNS", "MessageNotFound", "add_subcommand"]

EXAMPLES = """examples:
  cscmdlets outbox list
  cscmdlets outbox list --format json
  cscmdlets outbox show 1
  cscmdlets outbox show 1 --html message.html
  cscmdlets outbox flush --smtp smtp+starttls://user:password@mail.contoso.com:587
  cscmdlets outbox export ./mail --status Queued
  cscmdlets outbox export ./mail --state ./contoso.db
"""


SMTP_HELP = (
    "smtp://, smtp+starttls:// or smtps:// URL (default: $CSCMDLETS_SMTP_URL); "
    "keep a password in the variable rather than on the command line"
)


class MessageNotFound(CliError):
    error_id = "OutboxMessageNotFound"  # inferred
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ItemNotFoundException"
    template = "Cannot find an outbox message with Sequence {0}. Run 'cscmdlets outbox list' to see them."


def add_subcommand(subparsers: Any, open_tenant: OpenTenant) -> argparse.ArgumentParser:
    """Add ``outbox`` and its ``list``, ``flush`` and ``export`` commands to ``subparsers``.

    Args:
        subparsers: The object ``ArgumentParser.add_subparsers()`` returned.
        open_tenant: Opens the tenant of ``--state`` (``None``: the default state), usable in ``with``.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "outbox",
        help="list, show, deliver or export the emails the service sent",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    listing = _add(commands, "list", "list every message, oldest first", _list, open_tenant)
    listing.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    show = _add(commands, "show", "show one message: its headers and text", _show, open_tenant)
    show.add_argument("sequence", type=int, metavar="N", help="the message's Sequence (from outbox list)")
    show.add_argument(
        "--html",
        nargs="?",
        const="",
        metavar="FILE",
        help="write the HTML part to FILE; without FILE, open it in the web browser",
    )
    flush = _add(commands, "flush", "deliver the queued messages", _flush, open_tenant, read_only=False)
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
    *,
    read_only: bool = True,
) -> argparse.ArgumentParser:
    examples = [line for line in EXAMPLES.splitlines()[1:] if f"outbox {name}" in line]
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        epilog="examples:\n" + "\n".join(examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_state_options(parser)

    def handler(args: argparse.Namespace) -> int:
        with open_tenant(args.state, create=args.demo, read_only=read_only) as tenant:
            return action(tenant.outbox, args)

    parser.set_defaults(handler=handler)
    return parser


def _list(outbox: Outbox, args: argparse.Namespace) -> int:
    rows = [_properties(message) for message in outbox]
    if args.format == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
    elif rows:
        print_table(rows, COLUMNS)
    return 0


#: The table's columns; the JSON has these and the rest (CreatedAt, Sender, ServerReply…).
COLUMNS = ("Sequence", "Status", "Kind", "Attempts", "Recipient", "Subject", "LastError")


def _properties(message: OutboxMessage) -> dict[str, Any]:
    """A message's properties under one set of names (PascalCase, as PowerShell would show them)."""
    data = message.model_dump(mode="json", exclude={"raw", "claimed_until"})
    return {_pascal(name): value for name, value in data.items()}


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _show(outbox: Outbox, args: argparse.Namespace) -> int:
    message = next((m for m in outbox if m.sequence == args.sequence), None)
    if message is None:
        raise MessageNotFound(args.sequence, target_object=args.sequence)
    if args.html is None:
        headers = message.message
        for name in ("Date", "From", "To", "Subject", "Message-ID"):
            if headers[name] is not None:
                print(f"{name}: {headers[name]}")
        print(f"Status: {message.status.value}\n")
        print(message.body("plain").replace("\r\n", "\n").rstrip("\n"))
        return 0
    return _write_html(message.body("html"), args.html)


def _write_html(document: str, target: str) -> int:
    if target:
        Path(target).write_text(document, encoding="utf-8")
        print(target)
        return 0
    import tempfile
    import webbrowser

    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as file:
        file.write(document)
    print(file.name)
    webbrowser.open(Path(file.name).as_uri())
    return 0


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
