"""``cscmdlets check``, ``cscmdlets port`` and the script half of ``cscmdlets run`` (issue 4).

- ``cscmdlets run SCRIPT.ps1 [args] [--state PATH] [--what-if] [--input FILE] [--format table|json]
  [--no-transaction]``: runs the script on the chosen tenant in one transaction, prints output
  as PowerShell would (or JSON lines), errors on stderr in the concise view; exit status 0 when
  no error record was written, 1 otherwise (or the script's ``exit N``).
- ``cscmdlets check SCRIPT.ps1 [--fix]``: ``file:line:col: error|warning: message [FQEID]``;
  exit 1 on any error; ``--fix`` writes ``SCRIPT.fixed.ps1`` beside it.
- ``cscmdlets port SCRIPT.ps1 [-o OUT.py]``: the script as Python using the Pythonic functions.

The lead's ``main.py`` owns the ``run`` parser: it calls :func:`add_run_arguments` on it and
:func:`run_script_command` when a script (or ``-c`` with ``--what-if``/``--input``) is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from ..powershell.errors import ParseError
from ..scripts.console import print_events

__all__ = [
    "add_run_arguments",
    "add_subcommands",
    "check_command",
    "port_command",
    "print_events",
    "run_script_command",
]

OpenTenant = Callable[[str | None], Any]

CHECK_EXAMPLES = """examples:
  cscmdlets check ./scripts/reset-pins.ps1
  cscmdlets check ./scripts/reset-pins.ps1 --fix     # writes reset-pins.fixed.ps1
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
