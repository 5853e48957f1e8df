"""``cscmdlets help [CMDLET]`` and ``cscmdlets docs [DIR]`` (cscmdlets/cli/help_cmd.py), and the
``--help`` of every command of the CLI.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cscmdlets import docs
from cscmdlets.cli.main import build_parser
from cscmdlets.cmdlets import COMMANDS, find_command

SET_USER = "Set-CsOnlineDialInConferencingUser"


@dataclass
class Completed:
    code: int
    out: str
    err: str


def cli(*argv: str, cwd: Path | None = None) -> Completed:
    env = {k: v for k, v in os.environ.items() if k not in ("CSCMDLETS_STATE", "COLUMNS")}
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", *argv],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "101"},
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return Completed(done.returncode, done.stdout, done.stderr)


# --- help CMDLET ----------------------------------------------------------------------------------


def test_help_without_a_name_lists_every_cmdlet_with_its_synopsis() -> None:
    done = cli("help")
    assert done.code == 0
    rows = done.out.splitlines()[3:]
    assert [row.split()[0] for row in rows if row] == [m.name for m in COMMANDS]
    assert f"{SET_USER}                 {find_command(SET_USER).synopsis}" in done.out


def test_help_prints_get_help_full_from_the_metadata() -> None:
    done = cli("help", SET_USER)
    assert done.code == 0
    assert done.out == docs.render_help(find_command(SET_USER), width=100)
    sections = [line for line in done.out.splitlines() if line.isupper()]
    assert sections == [
        "NAME",
        "SYNOPSIS",
        "SYNTAX",
        "PARAMETERS",
        "RULES",
        "OUTPUTS",
        "NOTES",
        "EXAMPLES",
        "RELATED LINKS",
    ]
    assert done.out.endswith(
        "RELATED LINKS\n    Get-CsOnlineDialInConferencingUser\n    Enable-CsOnlineDialInConferencingUser\n"
        "    Disable-CsOnlineDialInConferencingUser\n"
    )
    assert (
        "    # TenantIdParams (Default)\n    Set-CsOnlineDialInConferencingUser [-Identity] <UserIdParameter>"
        in done.out
    )
    assert "    # TenantDomainParams\n" in done.out
    assert "    PS> Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail" in done.out


def test_help_syntax_wraps_between_parameters_only() -> None:
    syntax = cli("help", "Get-CsOnlineDialInConferencingServiceNumber").out.split("SYNTAX\n")[1].split("PARAMETERS")[0]
    for line in syntax.splitlines():
        assert len(line) <= 100
        assert line.count("[") == line.count("]"), line
        assert line.count("<") == line.count(">"), line


@pytest.mark.parametrize(
    "name",
    [
        "set-csonlinedialinconferencinguser",
        "set_cs_online_dial_in_conferencing_user",
        "Set_CsOnlineDialInConferencingUser",
    ],
    ids=["lower-case", "python", "twin"],
)
def test_help_finds_a_cmdlet_by_any_of_its_names(name: str) -> None:
    done = cli("help", name, "--examples")
    assert done.code == 0
    assert done.out.splitlines()[1:3] == ["NAME", f"    {SET_USER}"]
    assert "PARAMETERS" not in done.out
    assert done.out.count("PS> ") == len(find_command(SET_USER).examples)


def test_help_parameter_takes_a_wildcard() -> None:
    done = cli("help", SET_USER, "--parameter", "sendemail*")
    assert done.code == 0
    shown = [line.split()[0] for line in done.out.splitlines() if line.startswith("    -")]
    assert shown == ["-SendEmailToAddress", "-SendEmailFromAddress", "-SendEmailFromDisplayName", "-SendEmail"]


def test_help_parameter_shows_aliases_and_per_set_placement() -> None:
    passcode = cli("help", SET_USER, "--parameter", "ConferenceId").out
    assert "        Aliases                      Passcode" in passcode
    assert "Removed from the current module: Removed from the documentation in March 2023" in passcode
    tenant = cli("help", "Get-CsOnlineDialInConferencingServiceNumber", "--parameter", "Tenant").out
    assert "        Required?                    true (TenantIdParams); false (UniqueNumberParams)" in tenant
    assert "        Position?                    named" in tenant


def test_help_parameter_that_does_not_exist() -> None:
    done = cli("help", SET_USER, "--parameter", "Nope")
    assert done.code == 1
    assert done.err.strip() == f"cscmdlets help: {SET_USER} has no parameter matching 'Nope'"


def test_help_json_is_the_described_metadata() -> None:
    done = cli("help", "Get-CsOnlineDialInConferencingBridge", "--format", "json")
    assert done.code == 0
    described = json.loads(done.out)
    assert described == json.loads(json.dumps(docs.describe(find_command("Get-CsOnlineDialInConferencingBridge"))))
    assert [s["set"] for s in described["syntax"]] == ["EmptySet", "BridgeNameParams", "UniqueBridgeParams"]


def test_help_wildcard_lists_the_matches() -> None:
    done = cli("help", "*Bridge")
    assert done.code == 0
    names = [line.split()[0] for line in done.out.splitlines()[3:] if line]
    assert names == ["Get-CsOnlineDialInConferencingBridge", "Set-CsOnlineDialInConferencingBridge"]


def test_help_for_an_unknown_cmdlet_is_command_not_found_with_a_hint() -> None:
    done = cli("help", "Set-CsOnlineDialInConferencingTenantSetting")
    assert done.code == 1
    assert done.out == ""
    assert done.err.splitlines()[0] == (
        "Set-CsOnlineDialInConferencingTenantSetting: The term 'Set-CsOnlineDialInConferencingTenantSetting' is "
        "not recognized as a name of a cmdlet, function, script file, or executable program."
    )
    assert done.err.splitlines()[-1] == "  Recommendation: Did you mean 'Set-CsOnlineDialInConferencingTenantSettings'?"
    assert cli("help", "*Nothing*").err.strip() == "cscmdlets help: no cmdlet matches '*Nothing*'"


def test_help_of_a_cli_command_is_its_usage() -> None:
    done = cli("help", "run")
    assert done.code == 0
    assert done.out.startswith("usage: cscmdlets run")


# --- docs [DIR] -----------------------------------------------------------------------------------


def test_docs_writes_every_page_and_check_compares(tmp_path: Path) -> None:
    written = cli("docs", "out", cwd=tmp_path)
    assert written.code == 0
    assert written.err.strip() == f"Wrote {len(COMMANDS) + 1} page(s) to out"
    assert {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "out").iterdir()} == docs.pages()
    assert cli("docs", "out", "--check", cwd=tmp_path).code == 0
    (tmp_path / "out" / f"{SET_USER}.md").write_text("edited by hand\n", encoding="utf-8")
    checked = cli("docs", "out", "--check", "--format", "json", cwd=tmp_path)
    assert checked.code == 1
    assert json.loads(checked.out)["paths"] == [f"out/{SET_USER}.md"]


def test_docs_default_folder_is_docs(tmp_path: Path) -> None:
    done = cli("docs", "--format", "json", cwd=tmp_path)
    assert done.code == 0
    assert len(json.loads(done.out)["paths"]) == len(COMMANDS) + 1
    assert (tmp_path / "docs" / "README.md").is_file()


# --- every command's --help -----------------------------------------------------------------------

#: Commands that still lack examples in their --help (files the lead owns); may only shrink.
KNOWN_WITHOUT_EXAMPLES: set[str] = set()
#: Commands that print objects, and so take --format json.
PRINTS_OBJECTS = {
    "run",
    "outbox list",
    "help",
    "docs",
    *(f"get {noun}" for noun in ("user", "bridge", "number", "settings", "languages", "configuration")),
}


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                path = f"{prefix} {name}".strip()
                yield path, child
                yield from _commands(child, path)


COMMAND_TREE = dict(_commands(build_parser()))


def test_every_command_has_help_with_examples() -> None:
    without = {path for path, parser in COMMAND_TREE.items() if "examples:" not in parser.format_help()}
    assert without <= KNOWN_WITHOUT_EXAMPLES


def test_top_level_help_lists_every_command() -> None:
    done = cli("--help")
    assert done.code == 0
    for name in ("run", "outbox", "serve", "get", "help", "docs"):
        assert f"    {name}" in done.out


@pytest.mark.parametrize("path", sorted(PRINTS_OBJECTS))
def test_commands_that_print_objects_take_format_json(path: str) -> None:
    formats = [a for a in COMMAND_TREE[path]._actions if "--format" in a.option_strings]
    assert formats, f"cscmdlets {path} has no --format"
    assert "json" in (formats[0].choices or ())
