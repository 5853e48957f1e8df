"""``cscmdlets run``, ``cscmdlets check`` and ``cscmdlets port``.

- ``cscmdlets run SCRIPT.ps1 [args] [--state PATH] [--what-if] [--input FILE] [--format table|json]
  [--no-transaction]``: runs the script on the chosen tenant in one transaction, prints output
  as PowerShell would (or JSON lines), errors on stderr in the concise view. The exit status is
  PowerShell's (about_Pwsh): a script file's is ``pwsh -File``'s (``exit N``; else 1 when a
  script-terminating error ended it; else 0, errors it went on from included), ``-c TEXT``'s is
  ``pwsh -Command``'s (``exit N``; else 0 or 1 from ``$?`` of the last command). 3: an emulator
  stop; 130: Ctrl-C.
- ``cscmdlets check SCRIPT.ps1 [--fix]``: ``file:line:col: error|warning: message [FQEID]``;
  exit 1 on any error; ``--fix`` writes ``SCRIPT.fixed.ps1`` beside it.
- ``cscmdlets check SCRIPT.ps1 --target MicrosoftTeams [--fix]``: every line that breaks in that
  module generation; ``--fix`` writes the migrated script (``scripts.migrate``).
- ``--module NAME`` on ``run``: the module generation the tenant answers as.
- ``cscmdlets port SCRIPT.ps1 [-o OUT.py]``: the script as Python using the Pythonic functions.

:func:`add_run`, :func:`add_check` and :func:`add_port` add the three subcommands (``main.py``
imports this module only when one of them runs).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from ..powershell.engine import Engine, Replayed
from ..powershell.errors import ParseError
from .host import ConsoleHost, CountingEngine, Interruption, RunProgress, interruption_report
from .state import add_state_options

__all__ = [
    "add_check",
    "add_port",
    "add_run",
    "add_run_arguments",
    "add_subcommands",
    "check_command",
    "port_command",
    "run_script_command",
]

OpenTenant = Callable[[str | None], Any]
#: ``cli.main.open_tenant``: also takes ``create`` (``--demo``) and ``read_only``.
TenantOpener = Callable[..., Any]
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
    read_only = only_reads(Path(args.script).read_text(encoding="utf-8-sig") if args.script else args.command)
    # args.demo is read when the tenant opens: ``x.ps1 -CsvPath a --demo`` sets it after parsing
    return run_script_command(args, lambda state: open_tenant(state, create=args.demo, read_only=read_only))


def only_reads(text: str) -> bool:
    """Whether a script names no cmdlet but ``Get-`` ones, so it can run on a read-only store:
    then it never waits for a script writing the same file, and a file this user may not write
    works. A change made some other way (a name built at run time) fails with a clear error."""
    from ..cmdlets._index import MODULES  # the names alone: no cmdlet module loads

    lowered = text.lower()
    return not any(name.lower() in lowered for name in MODULES if not name.startswith("Get-"))


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
    check.add_argument(
        "--target",
        choices=MODULE_CHOICES,
        type=_module_choice,
        help="list every line that breaks in this module generation (--fix: migrate them)",
    )
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
    parser.add_argument(
        "--module",
        choices=MODULE_CHOICES,
        type=_module_choice,
        help="the module generation to answer as (default: MicrosoftTeams, or what the script imports)",
    )
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
    """``cscmdlets run SCRIPT.ps1 …`` (or ``-c TEXT``): run it, writing each stream as it comes
    (:class:`~cscmdlets.cli.host.ConsoleHost`); return the exit status. Ctrl-C stops the run and
    says what it left: nothing under the run's transaction, else the commands committed."""
    script_args = _split_options(args)
    if args.script:
        from ..scripts.runner import read_script

        text, name = read_script(Path(args.script))
    else:
        text, name = args.command or "", ""
    answers = Path(args.input).read_text(encoding="utf-8").splitlines() if getattr(args, "input", None) else None
    host = ConsoleHost(getattr(args, "format", None) or "table", show_plan=bool(getattr(args, "what_if", False)))
    with open_tenant(getattr(args, "state", None)) as tenant:
        if getattr(args, "module", None):
            tenant.module = args.module
        engine: Engine | None = tenant.engine
        if not args.script and only_reads(text) and not getattr(args, "what_if", False):
            engine = _read_simply(tenant.engine, text, host)
        if engine is None:
            return 0
        return _run_on(tenant, engine, args, host, text, name, script_args, answers)


def _read_simply(engine: Engine, text: str, host: ConsoleHost) -> Engine | None:
    """``run -c`` with the usual Get line, run without the script layer (whose import is most of
    such a run's time): ``None`` once its output is written, else the engine the runner runs the
    line on. The runner replays a line that wrote errors, warnings or host lines, for its
    preferences and positions; a line that is not the usual one has not run."""
    from ..tenant import run_simple_line

    ran = run_simple_line(engine, text)
    if ran is None:
        return engine
    outcome = ran[1]
    if isinstance(outcome, Exception) or outcome.errors or outcome.warnings or outcome.verbose or outcome.host:
        return Replayed(engine, outcome)
    for value in outcome.output:
        host.write("output", value)
    host.close()
    return None


def _run_on(
    tenant: Any,
    engine: Engine,
    args: argparse.Namespace,
    host: ConsoleHost,
    text: str,
    name: str,
    script_args: list[str],
    answers: list[str] | None,
) -> int:
    from ..scripts.runner import Runner

    in_transaction = not getattr(args, "no_transaction", False)
    what_if = bool(getattr(args, "what_if", False))
    runner = Runner(engine, script_name=name, what_if=what_if, answers=answers, command=not args.script)
    interruption = Interruption(runner)
    runner.engine = engine = CountingEngine(engine, before=interruption.check, hold=interruption.holding)
    progress = RunProgress(runner, text.count("\n") + 1)
    runner.progress = progress.statement_done
    runner.on_event = functools.partial(_route, host, progress, engine, interruption)
    transaction: AbstractContextManager[Any] = tenant.transaction() if in_transaction else nullcontext()
    try:
        with progress, interruption.handling_sigint(), transaction:
            result = runner.run(text, script_args)
    except ParseError as error:
        print(error.error_record.concise_view(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if not in_transaction:  # committed changes whose output the script kept or held back
            for value in engine.unseen:
                host.write("output", value)
        host.close()
        report = interruption_report(interruption.line, interruption.loops, engine, transaction=in_transaction)
        print(f"cscmdlets run: {report}", file=sys.stderr, flush=True)
        return 130
    host.close()
    return result.status


def _route(
    host: ConsoleHost, progress: RunProgress, engine: CountingEngine, interruption: Interruption, kind: str, item: Any
) -> None:
    """One event of the run: Write-Progress to the progress view, the rest to the console."""
    if kind == "progress":
        progress.record(item)
        return
    with interruption.holding():  # written whole, then no longer held back
        host.write(kind, item)
        if kind in ("output", "host"):
            engine.output_written()


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
