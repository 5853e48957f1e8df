"""``cscmdlets run``, ``cscmdlets check`` and ``cscmdlets port``.

- ``cscmdlets run SCRIPT.ps1 [args] [--state PATH] [--what-if] [--input FILE] [--format table|json]
  [--no-transaction]``: runs the script on the chosen tenant in one transaction, prints output
  as PowerShell would (or JSON lines), errors on stderr in the concise view; exit status 0 when
  no error record was written, 1 otherwise (or the script's ``exit N``).
- ``cscmdlets check SCRIPT.ps1 [--fix]``: ``file:line:col: error|warning: message [FQEID]``;
  exit 1 on any error; ``--fix`` writes ``SCRIPT.fixed.ps1`` beside it.
- ``cscmdlets port SCRIPT.ps1 [-o OUT.py]``: the script as Python using the Pythonic functions.

:func:`add_run`, :func:`add_check` and :func:`add_port` add the three subcommands (``main.py``
imports this module only when one of them runs).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from ..powershell.errors import ErrorRecord, ParseError
from ..powershell.formatting import format_default, format_json_lines
from .state import add_state_options

__all__ = [
    "add_check",
    "add_port",
    "add_run",
    "add_run_arguments",
    "add_subcommands",
    "check_command",
    "port_command",
    "print_events",
    "run_script_command",
]

OpenTenant = Callable[[str | None], Any]
#: ``cli.main.open_tenant``: also takes ``create`` (``--demo``) and ``read_only``.
TenantOpener = Callable[..., Any]

CHECK_EXAMPLES = """examples:
  cscmdlets check ./scripts/reset-pins.ps1
  cscmdlets check ./scripts/reset-pins.ps1 --fix     # writes reset-pins.fixed.ps1
"""
PORT_EXAMPLES = """examples:
  cscmdlets port ./scripts/reset-pins.ps1 -o reset_pins.py
  python reset_pins.py --csv-path users.csv           # acts on the tenant `cscmdlets run` uses
"""


RUN_EXAMPLES = """examples:
  cscmdlets run -c "Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com"
  cscmdlets run ./reset-pins.ps1 -CsvPath users.csv --what-if
  cscmdlets run ./reset-pins.ps1 -CsvPath users.csv --state ./contoso.db --no-transaction
  cscmdlets run -c "Get-CsOnlineDialInConferencingBridge" --format json
  cscmdlets run --state ./new.db --demo -c "Get-CsOnlineDialInConferencingTenantSettings"
"""


def add_run(subparsers: Any, open_tenant: TenantOpener) -> argparse.ArgumentParser:
    """Add ``run`` to the ``cscmdlets`` sub-command parsers."""
    run: argparse.ArgumentParser = subparsers.add_parser(
        "run",
        help="run a PowerShell script or command line on the tenant",
        epilog=RUN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("-c", "--command", metavar="COMMAND", help="one PowerShell command line")
    add_run_arguments(run)
    run.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    add_state_options(run)
    run.set_defaults(handler=lambda args: _run(args, open_tenant))
    return run


def _run(args: argparse.Namespace, open_tenant: TenantOpener) -> int:
    if args.command is None and args.script is None:
        print('cscmdlets run: give SCRIPT.ps1 or -c "COMMAND LINE"', file=sys.stderr)
        return 2
    return run_script_command(args, functools.partial(open_tenant, create=args.demo))


def add_subcommands(subparsers: Any) -> None:
    """Add ``check`` and ``port`` to the ``cscmdlets`` sub-command parsers."""
    add_check(subparsers)
    add_port(subparsers)


def add_check(subparsers: Any, _open_tenant: OpenTenant | None = None) -> argparse.ArgumentParser:
    """Add ``check`` (it reads only the script; it never opens a tenant)."""
    check: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="report what real PowerShell would reject in a script",
        epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("script", metavar="SCRIPT.ps1")
    check.add_argument("--fix", action="store_true", help="write the corrected script beside it (NAME.fixed.ps1)")
    check.set_defaults(handler=check_command)
    return check


def add_port(subparsers: Any, _open_tenant: OpenTenant | None = None) -> argparse.ArgumentParser:
    """Add ``port`` (it reads only the script; it never opens a tenant)."""
    port: argparse.ArgumentParser = subparsers.add_parser(
        "port",
        help="turn a script into Python that uses cscmdlets",
        epilog=PORT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    port.add_argument("script", metavar="SCRIPT.ps1")
    port.add_argument("-o", "--output", metavar="OUT.py", help="write here (default: standard output)")
    port.set_defaults(handler=port_command)
    return port


def add_run_arguments(run: argparse.ArgumentParser) -> None:
    """The script options of ``cscmdlets run``."""
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
        parser.add_argument("--demo", action="store_true")
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
