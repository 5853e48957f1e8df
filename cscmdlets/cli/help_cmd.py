"""``cscmdlets help [CMDLET]`` and ``cscmdlets docs [DIR]``: help and docs from the cmdlet metadata.

``help`` prints what ``Get-Help -Full`` would: the syntax of each parameter set, the parameters,
the service's rules and the examples (``--examples``, ``--parameter NAME`` narrow it, as
``Get-Help -Examples`` and ``-Parameter`` do). The name may be the cmdlet's, its Python name, or
a wildcard (``*Bridge``). ``docs`` regenerates the Markdown pages; ``--check`` only compares.
Both render through :mod:`cscmdlets.docs`, so the terminal and the pages say the same thing.
Exit status: 0, 1 when no cmdlet matches or the pages differ (``--check``), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from .. import docs
from ..cmdlets import COMMANDS, find_command
from ..powershell.errors import PowerShellError
from ..powershell.metadata import CommandMetadata
from .host import print_table

__all__ = ["add_docs", "add_help", "add_subcommands"]

_LOG = logging.getLogger(__name__)

HELP_EXAMPLES = """examples:
  cscmdlets help                                        # every cmdlet, with its synopsis
  cscmdlets help Set-CsOnlineDialInConferencingUser     # syntax, parameters, rules, examples
  cscmdlets help set-csonlinedialinconferencinguser --examples
  cscmdlets help Set-CsOnlineDialInConferencingUser --parameter SendEmail*
  cscmdlets help '*Bridge'                              # wildcards list the matching cmdlets
  cscmdlets help get_cs_online_dial_in_conferencing_user --format json
  cscmdlets help run                                    # a cscmdlets command's own --help
"""

DOCS_EXAMPLES = """examples:
  cscmdlets docs                 # rewrite ./docs: one page per cmdlet and README.md
  cscmdlets docs site/cmdlets    # somewhere else
  cscmdlets docs --check         # exit 1 if ./docs differs from the metadata (for CI)
"""


def add_subcommands(subparsers: Any) -> None:
    """Add ``help`` and ``docs`` to ``subparsers`` (what ``ArgumentParser.add_subparsers()`` returned)."""
    add_help(subparsers)
    add_docs(subparsers)


def add_help(subparsers: Any, _open_tenant: Any = None) -> argparse.ArgumentParser:
    """Add ``help`` (it reads the cmdlet metadata; it never opens a tenant)."""
    helper: argparse.ArgumentParser = subparsers.add_parser(
        "help",
        help="show a cmdlet's help: syntax, parameters, rules, examples",
        epilog=HELP_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Show a cmdlet's help, as Get-Help -Full does.",
    )
    helper.add_argument("name", nargs="?", metavar="CMDLET", help="a cmdlet name, part of one, Python name or wildcard")
    narrow = helper.add_mutually_exclusive_group()
    narrow.add_argument("--examples", action="store_true", help="only the examples (Get-Help -Examples)")
    narrow.add_argument("--parameter", metavar="NAME", help="only this parameter; wildcards allowed")
    helper.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    helper.set_defaults(handler=_help)
    return helper


def add_docs(subparsers: Any, _open_tenant: Any = None) -> argparse.ArgumentParser:
    """Add ``docs`` (it writes Markdown from the cmdlet metadata)."""
    writer: argparse.ArgumentParser = subparsers.add_parser(
        "docs",
        help="regenerate the Markdown page of every cmdlet",
        epilog=DOCS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write one Markdown page per cmdlet and an index, generated from the cmdlet metadata.",
    )
    writer.add_argument("directory", nargs="?", default="docs", metavar="DIR", help="where to write (default: docs)")
    writer.add_argument("--check", action="store_true", help="write nothing; exit 1 if DIR differs")
    writer.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    writer.set_defaults(handler=_docs)
    return writer


def _width() -> int:
    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns - 1))


def _help(args: argparse.Namespace) -> int:
    if args.name is None:
        return _listing(COMMANDS, args.format)
    if args.format == "text" and (parser := _subcommand_parser(args.name)) is not None:
        parser.print_help()
        return 0
    matches = docs.find_commands(args.name)
    if not matches and not any(char in args.name for char in "*?["):
        partial = docs.find_commands(f"*{args.name}*")  # a partial name lists its cmdlets, as Get-Help does
        matches = partial if len(partial) > 1 else []  # one near match is a typo: say "Did you mean"
    if len(matches) > 1 or (matches and "*" in args.name and not args.parameter and not args.examples):
        return _listing(matches, args.format)
    if not matches:
        return _not_found(args.name)
    return _show(matches[0], args)


def _subcommand_parser(name: str) -> argparse.ArgumentParser | None:
    from .main import subcommand_parser  # main imports this module lazily: no import cycle at start

    return subcommand_parser(name)


def _listing(commands: Sequence[CommandMetadata], output_format: str) -> int:
    rows = [{"Name": m.name, "Synopsis": m.synopsis} for m in commands]
    if output_format == "json":
        print("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    else:
        print_table(rows)
    return 0


def _not_found(name: str) -> int:
    if any(char in name for char in "*?["):
        print(f"cscmdlets help: no cmdlet matches '{name}'", file=sys.stderr)
        return 1
    try:
        find_command(name)  # raises CommandNotFound with PowerShell's text and a "Did you mean"
    except PowerShellError as error:
        print(error.error_record.concise_view(), file=sys.stderr)
    return 1


def _show(metadata: CommandMetadata, args: argparse.Namespace) -> int:
    if args.format == "json":
        print(json.dumps(docs.describe(metadata), ensure_ascii=False, indent=2))
        return 0
    try:
        text = docs.render_help(metadata, examples_only=args.examples, parameter=args.parameter, width=_width())
    except KeyError:
        print(f"cscmdlets help: {metadata.name} has no parameter matching '{args.parameter}'", file=sys.stderr)
        return 1
    print(text, end="")
    return 0


def _docs(args: argparse.Namespace) -> int:
    if args.check:
        differing = docs.check_docs(args.directory)
        summary = (
            f"{len(differing)} page(s) differ from the metadata; run: cscmdlets docs {args.directory}"
            if differing
            else f"{args.directory} matches the metadata"
        )
        _report([f"{args.directory}/{name}" for name in differing], args.format, summary)
        return 1 if differing else 0
    _LOG.debug("generating %d cmdlet page(s) into %s", len(COMMANDS), args.directory)
    written = docs.write_docs(args.directory)
    _report([str(path) for path in written], args.format, f"Wrote {len(written)} page(s) to {args.directory}")
    return 0


def _report(paths: Sequence[str], output_format: str, summary: str) -> None:
    if output_format == "json":
        print(json.dumps({"paths": list(paths), "summary": summary}, ensure_ascii=False))
        return
    for path in paths:
        print(path)
    print(summary, file=sys.stderr)
