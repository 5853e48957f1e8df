"""The ``cscmdlets`` command.

``cscmdlets run -c "COMMAND LINE"`` runs one PowerShell command line on the default state
(the demo tenant, kept in the user's data folder), on ``--state PATH`` or on
``$CSCMDLETS_STATE``; output is PowerShell's table/list view or, with ``--format json``, one
JSON object per line; errors go to stderr in PowerShell's concise view; the exit status is
``pwsh -Command``'s: 1 when the last command failed (``$?``), else 0, or ``exit N``'s
(``run SCRIPT.ps1`` gives ``pwsh -File``'s: see ``scripts_cmd``). A failure of ``cscmdlets``
itself (a missing state file, a locked store) is one line on stderr and status 1.

Start-up is kept short: this module imports nothing heavy, and each subcommand's module is
imported only when that subcommand runs (:data:`SUBCOMMANDS` names them). To add a
subcommand, write ``cli/NAME_cmd.py`` with ``add_subcommand(subparsers, open_tenant)`` and add
one entry to :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from .errors import report
from .state import open_tenant

__all__ = ["SUBCOMMANDS", "Subcommand", "build_parser", "main", "open_tenant", "subcommand_parser"]

EXAMPLES = """examples:
  cscmdlets run -c "Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com"
  cscmdlets run ./reset-pins.ps1 -CsvPath users.csv --what-if
  cscmdlets check ./reset-pins.ps1 ; cscmdlets port ./reset-pins.ps1 -o reset_pins.py
  cscmdlets get user amos.marble@contoso.com ; cscmdlets help Set-CsOnlineDialInConferencingUser
  cscmdlets run -c "Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail"
  cscmdlets run -c "Get-CsOnlineDialInConferencingBridge" --format json
  cscmdlets run --state ./contoso.db --demo -c "Set-CsOnlineDialInConferencingTenantSettings -PinLength 7"
"""


@dataclass(frozen=True)
class Subcommand:
    """Where a subcommand lives: ``cscmdlets.cli.<module>.<register>(subparsers, open_tenant)``
    adds its parser; ``help`` is its line in ``cscmdlets --help`` (the module says the same)."""

    module: str
    register: str
    help: str


SUBCOMMANDS: dict[str, Subcommand] = {
    "run": Subcommand("scripts_cmd", "add_run", "run a PowerShell script or command line on the tenant"),
    "outbox": Subcommand("outbox_cmd", "add_subcommand", "list, show, deliver or export the emails the service sent"),
    "serve": Subcommand(
        "serve_cmd", "add_subcommand", "serve the emulated tenant over WSMan/PSRP (for pypsrp or New-PSSession)"
    ),
    "admin": Subcommand("admin_cmd", "add_subcommand", "serve the admin centre (a web page) for the emulated tenant"),
    "get": Subcommand("get_cmd", "add_subcommand", "quick queries: users, bridges, numbers, settings, languages"),
    "help": Subcommand("help_cmd", "add_help", "show a cmdlet's help: syntax, parameters, rules, examples"),
    "docs": Subcommand("help_cmd", "add_docs", "regenerate the Markdown page of every cmdlet"),
    "check": Subcommand("scripts_cmd", "add_check", "report what real PowerShell would reject in a script"),
    "port": Subcommand("scripts_cmd", "add_port", "turn a script into Python that uses cscmdlets"),
}


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (the lookup scans sys.path)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = version("cscmdlets")
        except PackageNotFoundError:  # run from a source tree that was never installed
            text = "unknown"
        print(f"cscmdlets {text}")
        parser.exit()


def _subcommand_in(argv: Sequence[str]) -> str:
    """The subcommand ``argv`` names (its first word that is not an option), else ``""``."""
    return next((word for word in argv if not word.startswith("-")), "")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``cscmdlets`` parser. Only the subcommand ``only`` is built in full (its module is
    imported); the others are listed by name and help. ``None`` builds every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cscmdlets",
        description="Microsoft 365 audio conferencing cmdlets on an emulated tenant.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what cscmdlets does to stderr")
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    subparsers = parser.add_subparsers(dest="subcommand", metavar="COMMAND")
    for name, entry in SUBCOMMANDS.items():
        if only is None or name == only:
            register = getattr(import_module(f"{__package__}.{entry.module}"), entry.register)
            register(subparsers, open_tenant)
        else:
            subparsers.add_parser(name, help=entry.help, add_help=False)
    return parser


def subcommand_parser(name: str) -> argparse.ArgumentParser | None:
    """The full parser of subcommand ``name`` (for ``cscmdlets help run``), or ``None``."""
    entry = SUBCOMMANDS.get(name)
    if entry is None:
        return None
    subparsers = argparse.ArgumentParser(prog="cscmdlets").add_subparsers()
    getattr(import_module(f"{__package__}.{entry.module}"), entry.register)(subparsers, open_tenant)
    parser: argparse.ArgumentParser = subparsers.choices[name]
    return parser


#: pydantic looks for plugins the first time it builds a validator, reading the entry points of
#: every installed distribution (a few ms on each run). The ``cscmdlets`` command uses none, so it
#: says so in its own process's environment, unless that already sets the variable:
#: ``PYDANTIC_DISABLE_PLUGINS=`` (empty) loads them again.
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


#: The cyclic garbage collector's thresholds in the command's own process. Python's defaults
#: (700, 10, 10) run a young collection every 700 container allocations; a script's rows make
#: thousands each (decoded users, bound commands, error records), and nearly none form cycles,
#: so most collections find nothing. A larger first threshold, as mypy's command sets, makes
#: them rare: a 2,000-row bulk job takes about a tenth less CPU, a one-line run about 6% less
#: (bench/bench_startup.py, bench/bench_scripts.py). Garbage in cycles is still collected.
COLLECTOR_THRESHOLDS = (100_000, 50, 100)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``cscmdlets`` command; ``argv`` defaults to ``sys.argv[1:]``, and only then (the
    command itself, not a caller in its own process) is ``PYDANTIC_DISABLE_PLUGINS`` set and
    the collector tuned (:data:`COLLECTOR_THRESHOLDS`)."""
    if argv is None:
        os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")
        gc.set_threshold(*COLLECTOR_THRESHOLDS)
        try:
            return _main(sys.argv[1:])
        finally:
            # The process ends now, and its objects need no collecting: without this, the
            # collections Python runs at exit walk every one of them (a fifth of a one-line run).
            gc.freeze()
    return _main(argv)


def _main(arguments: Sequence[str]) -> int:
    arguments = list(arguments)
    parser = build_parser(only=_subcommand_in(arguments))
    args = parser.parse_args(arguments)
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
    except Exception as error:  # every failure is one PowerShell-style line, never a traceback
        return report(error, f"cscmdlets {args.subcommand}")
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
