"""``cscmdlets get user|bridge|number|settings|languages|configuration``: quick queries.

Each query is a thin mapping onto the real ``Get-CsOnlineDialIn…`` cmdlet: the command-line
options become that cmdlet's parameters (bound by the same binder, with the same errors) and
the command runs through the tenant's engine, exactly as ``cscmdlets run -c "Get-…"`` would.
Only the view differs: a table of the useful columns (``--property`` picks others, ``*`` all),
PowerShell's list view (``--format list``) or one JSON object per line (``--format json``).
Exit status: 0, 1 after an error (printed to stderr in PowerShell's concise view).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..cmdlets.bridge import GET_BRIDGE
from ..cmdlets.dialin_user import GET_USER
from ..cmdlets.service_number import GET_LANGUAGES, GET_NUMBER
from ..cmdlets.tenant_settings import GET_CONFIGURATION, GET_SETTINGS
from ..powershell.binder import bind_keywords
from ..powershell.engine import Result
from ..powershell.errors import PowerShellError
from ..powershell.formatting import format_json_lines, properties_of
from ..powershell.metadata import CommandMetadata
from .host import print_list, print_table
from .state import OpenTenant, add_state_options

__all__ = ["QUERIES", "Option", "Query", "add_subcommand"]

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    """A command-line option (or the positional argument) that sets one cmdlet parameter."""

    flag: str
    parameter: str
    metavar: str
    help: str
    type: Callable[[str], Any] = str


@dataclass(frozen=True)
class Query:
    """``cscmdlets get NOUN``: the cmdlet it runs and how its output is shown by default."""

    noun: str
    metadata: CommandMetadata
    help: str
    examples: tuple[str, ...]
    argument: Option | None = None
    options: tuple[Option, ...] = ()
    columns: tuple[str, ...] = ()  # empty: PowerShell's list view of every property


_LIMIT = Option("--limit", "ResultSize", "N", "at most N results (-ResultSize)", int)

QUERIES: tuple[Query, ...] = (
    Query(
        "user",
        GET_USER,
        "users enabled for dial-in conferencing",
        (
            "cscmdlets get user",
            "cscmdlets get user amos.marble@contoso.com --format list",
            'cscmdlets get user --bridge "Conference Bridge" --property Identity,LeaderPin',
            "cscmdlets get user 'Ken Myer' --format json",
        ),
        Option("identity", "Identity", "IDENTITY", "one user: UPN, SIP address, display name or object ID"),
        (
            Option("--bridge", "BridgeName", "NAME", "only users on this bridge (-BridgeName)"),
            Option("--service-number", "ServiceNumber", "NUMBER", "only users with this default toll number"),
            _LIMIT,
        ),
        ("Identity", "DisplayName", "ConferenceId", "BridgeName", "DefaultTollNumber", "DefaultTollFreeNumber"),
    ),
    Query(
        "bridge",
        GET_BRIDGE,
        "the tenant's audio conferencing bridges",
        ("cscmdlets get bridge", 'cscmdlets get bridge "EMEA Bridge" --format list'),
        Option("name", "Name", "NAME", "one bridge, by name (-Name)"),
        (Option("--id", "Identity", "GUID", "one bridge, by GUID (-Identity)"),),
        ("Name", "Region", "IsDefault", "DefaultServiceNumber", "Identity"),
    ),
    Query(
        "number",
        GET_NUMBER,
        "the service numbers of the tenant's bridges",
        (
            "cscmdlets get number",
            "cscmdlets get number +14255550100 --format list",
            'cscmdlets get number --bridge "Conference Bridge" --city Seattle',
        ),
        Option("number", "Identity", "NUMBER", "one number: 14255550100, +14255550100 or tel:+14255550100"),
        (
            Option("--bridge", "BridgeName", "NAME", "only numbers of this bridge (-BridgeName)"),
            Option("--city", "City", "CITY", "only numbers of this city (-City)"),
            _LIMIT,
        ),
        ("Number", "Type", "City", "PrimaryLanguage", "SecondaryLanguages"),
    ),
    Query(
        "settings",
        GET_SETTINGS,
        "the tenant's dial-in conferencing settings",
        (
            "cscmdlets get settings",
            "cscmdlets get settings --property PinLength,SendEmailFromOverride",
            "cscmdlets get settings --format json",
        ),
    ),
    Query(
        "languages",
        GET_LANGUAGES,
        "the languages supported for dial-in prompts",
        ("cscmdlets get languages", "cscmdlets get languages --format json"),
        columns=("Id", "Name"),
    ),
    Query(
        "configuration",
        GET_CONFIGURATION,
        "whether dial-in conferencing is enabled for the tenant",
        ("cscmdlets get configuration",),
        columns=("Identity", "Enabled"),
    ),
)

EXAMPLES = "examples:\n" + "".join(f"  {line}\n" for query in QUERIES for line in query.examples[:2])


def add_subcommand(subparsers: Any, open_tenant: OpenTenant) -> argparse.ArgumentParser:
    """Add ``get`` and its nouns to ``subparsers`` (what ``ArgumentParser.add_subparsers()`` returned).

    Args:
        subparsers: The CLI's subparsers.
        open_tenant: Opens the tenant of ``--state`` (``None``: the default state), usable in ``with``.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "get",
        help="quick queries: users, bridges, numbers, settings, languages",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run a Get- cmdlet on the tenant and print its output as a table, a list or JSON.",
    )
    nouns = parser.add_subparsers(dest="noun", metavar="WHAT", required=True)
    for query in QUERIES:
        _add_query(nouns, query, open_tenant)
    return parser


def _add_query(nouns: Any, query: Query, open_tenant: OpenTenant) -> None:
    epilog = "examples:\n" + "".join(f"  {line}\n" for line in query.examples)
    parser: argparse.ArgumentParser = nouns.add_parser(
        query.noun,
        help=query.help,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=f"Show {query.help}: runs {query.metadata.name}.",
    )
    if query.argument is not None:
        parser.add_argument(query.argument.flag, nargs="?", metavar=query.argument.metavar, help=query.argument.help)
    for option in query.options:
        parser.add_argument(
            option.flag, dest=option.parameter, metavar=option.metavar, help=option.help, type=option.type
        )
    default_view = "table" if query.columns else "list"
    parser.add_argument(
        "--format",
        choices=("table", "list", "json"),
        default=default_view,
        help=f"output format (default: {default_view})",
    )
    parser.add_argument(
        "--property", metavar="NAME[,NAME…]", type=_names, help="the properties to show, comma-separated; * for all"
    )
    add_state_options(parser)
    parser.set_defaults(handler=lambda args: _run(query, args, open_tenant))


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _values(query: Query, args: argparse.Namespace) -> dict[str, Any]:
    """The cmdlet's parameters, from the options given (an option not given is not passed)."""
    values: dict[str, Any] = {}
    if query.argument is not None and getattr(args, query.argument.flag) is not None:
        values[query.argument.parameter] = getattr(args, query.argument.flag)
    for option in query.options:
        if getattr(args, option.parameter) is not None:
            values[option.parameter] = getattr(args, option.parameter)
    return values


def _run(query: Query, args: argparse.Namespace, open_tenant: OpenTenant) -> int:
    try:
        command = bind_keywords(query.metadata, _values(query, args))
    except PowerShellError as error:
        print(error.error_record.concise_view(), file=sys.stderr)
        return 1
    _LOG.debug("running %s %s on %s", query.metadata.name, dict(command.values), args.state or "the default state")
    with open_tenant(args.state, create=args.demo, read_only=True) as tenant:
        result = tenant.engine.invoke(command)
    _print(query, result.output, args)
    return _report(result)


def _report(result: Result) -> int:
    for text in result.warnings:
        print(f"WARNING: {text}", file=sys.stderr)
    for record in result.errors:
        print(record.concise_view(), file=sys.stderr)
    return 1 if result.errors else 0


def _selected(objects: Sequence[Any], names: Sequence[str]) -> list[dict[str, Any]]:
    """Select-Object NAME,…: the named properties of each object, matched case-insensitively."""
    rows = []
    for value in objects:
        properties = properties_of(value)
        by_lower = {key.lower(): key for key in properties}
        rows.append(
            {by_lower.get(name.lower(), name): properties.get(by_lower.get(name.lower(), name)) for name in names}
        )
    return rows


def _print(query: Query, objects: Sequence[Any], args: argparse.Namespace) -> None:
    if not objects:
        return
    names = args.property or (query.columns if args.format == "table" else ())
    rows: Sequence[Any] = objects if not names or "*" in names else _selected(objects, names)
    printers: dict[str, Callable[[Sequence[Any]], None]] = {
        "json": lambda objects: print(format_json_lines(objects)),
        "list": print_list,
        "table": print_table,
    }
    printers[args.format](rows)
