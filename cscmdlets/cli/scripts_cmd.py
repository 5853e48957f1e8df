"""``cscmdlets check``, ``cscmdlets port`` and the script half of ``cscmdlets run``.

- ``cscmdlets run SCRIPT.ps1 [args] [--state PATH] [--what-if] [--input FILE] [--format table|json]
  [--no-transaction]``: runs the script on the chosen tenant in one transaction, prints output
  as PowerShell would (or JSON lines), errors on stderr in the concise view; exit status 0 when
  no error record was written, 1 otherwise (or the script's ``exit N``).
- ``cscmdlets check SCRIPT.ps1 [--fix]``: ``file:line:col: error|warning: message [FQEID]``;
  exit 1 on any error; ``--fix`` writes ``SCRIPT.fixed.ps1`` beside it.
- ``cscmdlets check SCRIPT.ps1 --target MicrosoftTeams [--fix]``: every line that breaks in that
  module generation; ``--fix`` writes the migrated script (``scripts.migrate``).
- ``--module NAME`` on ``run``: the module generation the tenant answers as.
- ``cscmdlets port SCRIPT.ps1 [-o OUT.py]``: the script as Python using the Pythonic functions.

The lead's ``main.py`` owns the ``run`` parser: it calls :func:`add_run_arguments` on it and
:func:`run_script_command` when a script (or ``-c`` with ``--what-if``/``--input``) is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from ..powershell.errors import ErrorRecord, ParseError
from ..powershell.formatting import format_default, format_json_lines

__all__ = [
    "add_run_arguments",
    "add_subcommands",
    "check_command",
    "port_command",
    "print_events",
    "run_script_command",
]

OpenTenant = Callable[[str | None], Any]
MODULE_CHOICES = ("MicrosoftTeams", "SkypeOnlineConnector")


def _module_choice(value: str) -> str:
    """Module names are case-insensitive, as Import-Module's are."""
    return next((name for name in MODULE_CHOICES if name.lower() == value.lower()), value)


CHECK_EXAMPLES = """examples:
  cscmdlets check ./scripts/reset-pins.ps1
  cscmdlets check ./scripts/reset-pins.ps1 --fix     # writes reset-pins.fixed.ps1
  cscmdlets check ./legacy/enable-users.ps1 --target MicrosoftTeams --fix
"""
PORT_EXAMPLES = """examples:
  cscmdlets port ./scripts/reset-pins.ps1 -o reset_pins.py
  python reset_pins.py --csv-path users.csv           # acts on the tenant `cscmdlets run` uses
"""


def add_subcommands(subparsers: Any) -> None:
    """Add ``check`` and ``port`` to the ``cscmdlets`` sub-command parsers."""
    check = subparsers.add_parser(
        "check",
        help="report what real PowerShell would reject in a script",
        epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("script", metavar="SCRIPT.ps1")
    check.add_argument("--fix", action="store_true", help="write the corrected script beside it (NAME.fixed.ps1)")
    check.add_argument(
        "--target",
        choices=MODULE_CHOICES,
        type=_module_choice,
        help="list every line that breaks in this module generation (--fix: migrate them)",
    )
    check.set_defaults(handler=check_command)
    port = subparsers.add_parser(
        "port",
        help="turn a script into Python that uses cscmdlets",
        epilog=PORT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    port.add_argument("script", metavar="SCRIPT.ps1")
    port.add_argument("-o", "--output", metavar="OUT.py", help="write here (default: standard output)")
    port.set_defaults(handler=port_command)


def add_run_arguments(run: argparse.ArgumentParser) -> None:
    """The script options of ``cscmdlets run`` (the lead's parser keeps -c, --format, --state)."""
    run.add_argument("script", nargs="?", metavar="SCRIPT.ps1", help="a PowerShell script to run")
    run.add_argument(
        "script_args", nargs=argparse.REMAINDER, metavar="ARGS", help="the script's own parameters (-CsvPath users.csv)"
    )
    _add_run_options(run)


def _add_run_options(parser: argparse.ArgumentParser, *, with_shared: bool = False) -> None:
    parser.add_argument(
        "--what-if", action="store_true", help="apply -WhatIf to every command and print the plan (changes and emails)"
    )
    parser.add_argument("--input", metavar="FILE", help="answers for Read-Host, one per line")
    parser.add_argument("--no-transaction", action="store_true", help="commit each command on its own")
    parser.add_argument(
        "--module",
        choices=MODULE_CHOICES,
        type=_module_choice,
        help="the module generation to answer as (default: MicrosoftTeams, or what the script imports)",
    )
    if with_shared:
        parser.add_argument("--state", metavar="PATH")
        parser.add_argument("--format", choices=("table", "json"))


def _split_options(args: argparse.Namespace) -> list[str]:
    """Options written after the script's own arguments (``x.ps1 -CsvPath a --state b``)."""
    parser = argparse.ArgumentParser(add_help=False)
    _add_run_options(parser, with_shared=True)
    known, rest = parser.parse_known_args(list(getattr(args, "script_args", None) or []))
    for name, value in vars(known).items():
        if value not in (None, False):
            setattr(args, name, value)
    return rest


def run_script_command(args: argparse.Namespace, open_tenant: OpenTenant) -> int:
    """``cscmdlets run SCRIPT.ps1 …`` (or ``-c TEXT``): run, print, return the exit status."""
    from ..scripts.runner import Runner, read_script

    script_args = _split_options(args)
    if args.script:
        text, name = read_script(Path(args.script))
    else:
        text, name = args.command or "", ""
    answers = Path(args.input).read_text(encoding="utf-8").splitlines() if getattr(args, "input", None) else None
    with open_tenant(getattr(args, "state", None)) as tenant:
        if getattr(args, "module", None):
            tenant.module = args.module
        with _progress(text) as progress:
            runner = Runner(
                tenant.engine,
                script_name=name,
                what_if=bool(getattr(args, "what_if", False)),
                answers=answers,
                progress=progress,
            )
            transaction: AbstractContextManager[Any] = (
                nullcontext() if getattr(args, "no_transaction", False) else tenant.transaction()
            )
            try:
                with transaction:
                    result = runner.run(text, script_args)
            except ParseError as error:
                print(error.error_record.concise_view(), file=sys.stderr)
                return 1
        print_events(
            result.events, getattr(args, "format", None) or "table", show_plan=bool(getattr(args, "what_if", False))
        )
    return result.status


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
        if pending:
            print(format_json_lines(pending) if output_format == "json" else format_default(pending))
            pending = []
        _print_one(kind, item)


def _print_one(kind: str, item: Any) -> None:
    if kind == "host":
        print(item)
    elif kind == "warning":
        print(f"WARNING: {item}", file=sys.stderr)
    elif kind == "verbose":
        print(f"VERBOSE: {item}", file=sys.stderr)
    elif kind == "error" and isinstance(item, ErrorRecord):
        print(item.concise_view(), file=sys.stderr)
    elif kind == "plan":
        print(describe_plan_entry(item))


def describe_plan_entry(entry: Any) -> str:
    """One line of the ``--what-if`` plan: a change (before → after) or an email."""
    before, after = getattr(entry, "before", None), getattr(entry, "after", None)
    if hasattr(entry, "target"):
        changed = sorted(set(before or {}) | set(after or {}))
        diffs = [
            f"{k}: {(before or {}).get(k)!r} → {(after or {}).get(k)!r}"
            for k in changed
            if (before or {}).get(k) != (after or {}).get(k)
        ]
        parameters = " ".join(f"-{name}" for name in getattr(entry, "parameters", {}) if name != "Identity")
        return f"  change {entry.target} ({entry.command} {parameters}): " + ("; ".join(diffs) or "no visible change")
    if hasattr(entry, "recipient"):
        return f"  email {entry.kind} to {entry.recipient}: {entry.subject}"
    return f"  {entry}"


@contextmanager
def _progress(text: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for long scripts, only when stderr is a terminal."""
    if not sys.stderr.isatty() or text.count("\n") < 200:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("running", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def check_command(args: argparse.Namespace) -> int:
    """``cscmdlets check``: print the diagnostics; exit 1 on any error."""
    from ..scripts.linter import check_script, write_fixed

    if args.target:
        from ..scripts.migrate import migrate_command

        return migrate_command(Path(args.script), args.target, fix=args.fix)
    diagnostics = check_script(Path(args.script))
    for diagnostic in diagnostics:
        print(diagnostic)
    if args.fix:
        target = write_fixed(Path(args.script))
        fixes = sum(len(d.edits) for d in diagnostics)
        print(f"wrote {target} ({fixes} fix{'es' if fixes != 1 else ''})", file=sys.stderr)
    return 1 if any(d.is_error for d in diagnostics) else 0


def port_command(args: argparse.Namespace) -> int:
    """``cscmdlets port``: write the Python (to ``-o`` or standard output)."""
    from ..scripts.porter import port_script

    try:
        source = port_script(Path(args.script))
    except ParseError as error:
        print(error.error_record.concise_view(), file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_text(source, encoding="utf-8")
    else:
        sys.stdout.write(source)
    return 0
