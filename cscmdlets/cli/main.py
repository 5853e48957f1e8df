"""The ``cscmdlets`` command.

``cscmdlets run -c "COMMAND LINE"`` runs one PowerShell command line on the default state
(the demo tenant, kept in the user's data folder), on ``--state PATH`` or on
``$CSCMDLETS_STATE``; output is PowerShell's table/list view or, with ``--format json``, one
JSON object per line; errors go to stderr in PowerShell's concise view; the exit status is 1
after an error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..powershell.errors import PowerShellError
from ..powershell.formatting import format_default, format_json_lines
from ..session import default_state_path
from ..tenant import Tenant
from . import admin_cmd, get_cmd, help_cmd, outbox_cmd, scripts_cmd, serve_cmd

__all__ = ["main", "open_tenant", "print_output"]

EXAMPLES = """examples:
  cscmdlets run -c "Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com"
  cscmdlets run ./reset-pins.ps1 -CsvPath users.csv --what-if
  cscmdlets check ./reset-pins.ps1 ; cscmdlets port ./reset-pins.ps1 -o reset_pins.py
  cscmdlets get user amos.marble@contoso.com ; cscmdlets help Set-CsOnlineDialInConferencingUser
  cscmdlets run -c "Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail"
  cscmdlets run -c "Get-CsOnlineDialInConferencingBridge" --format json
  cscmdlets run --state ./contoso.db -c "Set-CsOnlineDialInConferencingTenantSettings -PinLength 7"
"""


def open_tenant(state: str | None) -> Tenant:
    """The tenant of ``--state`` (or the default state), seeded with the demo tenant if new."""
    return Tenant.open(Path(state) if state else default_state_path(), seed="demo")


def print_output(objects: Sequence[Any], output_format: str) -> None:
    if not objects:
        return
    text = format_json_lines(objects) if output_format == "json" else format_default(objects)
    print(text)


def print_error(error: PowerShellError) -> None:
    print(error.error_record.concise_view(), file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.command is None and args.script is None:
        print('cscmdlets run: give SCRIPT.ps1 or -c "COMMAND LINE"', file=sys.stderr)
        return 2
    try:
        return scripts_cmd.run_script_command(args, open_tenant)
    except PowerShellError as error:  # the tenant's store could not be opened
        print_error(error)
        return 1


def _add_state_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state",
        metavar="PATH",
        help="the tenant's SQLite file (default: $CSCMDLETS_STATE, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cscmdlets",
        description="Microsoft 365 audio conferencing cmdlets on an emulated tenant.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what cscmdlets does to stderr")
    commands = parser.add_subparsers(dest="subcommand", metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="run a PowerShell script or command line on the tenant",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("-c", "--command", metavar="COMMAND", help="one PowerShell command line")
    scripts_cmd.add_run_arguments(run)
    run.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    _add_state_option(run)
    run.set_defaults(handler=_run)
    outbox_cmd.add_subcommand(commands, open_tenant)
    serve_cmd.add_subcommand(commands, open_tenant)
    admin_cmd.add_subcommand(commands, open_tenant)
    get_cmd.add_subcommand(commands, open_tenant)
    help_cmd.add_subcommands(commands)
    scripts_cmd.add_subcommands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        result: int = args.handler(args)
    except BrokenPipeError:  # `cscmdlets run … | head`: the reader left; say nothing more
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (stdout must stay open until exit)
        return 1
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
