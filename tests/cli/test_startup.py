"""A quick command loads only what it uses: ``cscmdlets --help`` and a one-line query import none of
the email, phone-number or terminal libraries (each subcommand's module loads when it runs), and
a one-line query loads the module of the cmdlet it names and no other (``cmdlets/_index.py``).

These tests check what is imported, never how long it takes: the time is bench/bench_startup.py's."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AMOS

import cscmdlets as cs
from cscmdlets.cli.main import COLLECTOR_THRESHOLDS, PYDANTIC_PLUGINS, SUBCOMMANDS
from cscmdlets.cli.state import open_tenant
from cscmdlets.cmdlets import COMMANDS, _index, find_command
from cscmdlets.stubgen import INDEX_PATH, render_index

#: Modules only sending or rendering email (or styling a terminal) needs.
HEAVY = ("jinja2", "babel", "css_inline", "phonenumbers", "smtplib", "email_validator", "rich")
#: Parts of cscmdlets (and what they load) a one-line Get has no use for: the email service,
#: the script runner and parser (the usual line runs without them), the script checker,
#: porter and migrator, the remote endpoint and the admin centre, the neighbourhood's models
#: (licences, policies: no email, no Get-CsOnlineUser), .NET patterns.
NOT_FOR_A_GET = (
    "cscmdlets.mail",
    "cscmdlets.scripts.runner",
    "cscmdlets.scripts.builtins",
    "cscmdlets.powershell.parser",
    "cscmdlets.scripts.linter",
    "cscmdlets.scripts.porter",
    "cscmdlets.scripts.migrate",
    "cscmdlets.remote",
    "cscmdlets.admin",
    "cscmdlets.docs",
    "cscmdlets.model.neighbourhood",
    "regex",
)

PROBE = """
import contextlib, io, json, sys
from cscmdlets.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        status = main(json.loads(sys.argv[1]))
    except SystemExit as leave:
        status = leave.code
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def modules_after(*argv: str) -> tuple[int, list[str]]:
    """The exit status of ``cscmdlets ARGV`` run in a new process, and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True, timeout=60, check=True
    )
    report = json.loads(done.stdout)
    return report["status"], report["modules"]


def imported_by(*argv: str) -> tuple[int, list[str]]:
    """The exit status, and the :data:`HEAVY` modules imported."""
    status, modules = modules_after(*argv)
    return status, [m for m in modules if m.split(".")[0] in HEAVY]


def within(modules: list[str], parts: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``parts`` or inside one."""
    return [m for m in modules if any(m == part or m.startswith(f"{part}.") for part in parts)]


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "tenant.db"
    cs.Tenant.open(path, seed="demo").close()
    return path


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--help"], id="help-option"),
        pytest.param(["--version"], id="version"),
        pytest.param(["help", "Set-CsOnline"], id="help-partial"),
        pytest.param(["check", "--help"], id="check-help"),
    ],
)
def test_help_imports_nothing_heavy(argv: list[str]) -> None:
    status, heavy = imported_by(*argv)
    assert status == 0
    assert heavy == []


def test_a_one_line_query_imports_nothing_heavy(state: Path) -> None:
    line = f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}"
    status, heavy = imported_by("run", "--state", str(state), "-c", line)
    assert status == 0
    assert heavy == []
    status, heavy = imported_by("get", "bridge", "--state", str(state))
    assert (status, heavy) == (0, [])


def test_a_one_line_query_loads_only_its_own_cmdlet(state: Path) -> None:
    """Naming one cmdlet imports the module of its behaviour, none of the other cmdlets, and
    none of the script tools, the email service or the neighbourhood's models."""
    line = f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}"
    status, modules = modules_after("run", "--state", str(state), "-c", line)
    assert status == 0
    cmdlet_modules = {f"cscmdlets.cmdlets.{module}" for module in _index.MODULES.values()}
    assert sorted(cmdlet_modules.intersection(modules)) == ["cscmdlets.cmdlets.dialin_user"]
    assert within(modules, NOT_FOR_A_GET) == []


def test_the_probe_sees_what_the_other_parts_import(state: Path) -> None:
    """The check above would pass if the probe saw nothing: ``Get-CsOnlineUser`` loads its own
    module and the neighbourhood's models, and a ``-match`` the .NET pattern engine."""
    line = f"Get-CsOnlineUser -Identity {AMOS} | Where-Object {{ $_.DisplayName -match '^A' }}"
    status, modules = modules_after("run", "--state", str(state), "-c", line)
    assert status == 0
    assert {"cscmdlets.cmdlets.online_user", "cscmdlets.model.neighbourhood", "regex"} <= set(modules)
    assert {"cscmdlets.scripts.runner", "cscmdlets.powershell.parser"} <= set(modules)


def test_no_command_the_runner_runs_itself_is_named_in_the_cmdlet_index() -> None:
    """A line naming a command of the index runs without the script layer: none of the
    runner's own commands (Write-Output, ForEach-Object, Import-Module…) may be there."""
    from cscmdlets.scripts.commands import BUILTINS, canonical_name

    assert {canonical_name(name) for name in _index.MODULES}.isdisjoint(BUILTINS)


def test_the_command_index_is_current() -> None:
    """``cmdlets/_index.py`` is what stubgen writes from the metadata: every cmdlet, in
    ``COMMANDS`` order, with the module that registers its behaviour and its two Python names."""
    assert INDEX_PATH.read_text(encoding="utf-8") == render_index(), "run: python -m cscmdlets.stubgen"
    assert list(_index.MODULES) == [metadata.name for metadata in COMMANDS]
    for metadata in COMMANDS:
        assert find_command(metadata.name.upper()) is metadata
        assert _index.FUNCTIONS[metadata.python_name] == _index.FUNCTIONS[metadata.twin_name] == metadata.name
    assert len(_index.FUNCTIONS) == 2 * len(COMMANDS)


def test_every_cmdlet_method_of_a_tenant_is_there_before_its_first_use() -> None:
    """The ``Tenant`` methods are made on first use, yet listed and reachable as if made at import."""
    listed = set(dir(cs.Tenant))
    for metadata in COMMANDS:
        assert {metadata.python_name, metadata.twin_name} <= listed
        assert callable(getattr(cs.Tenant, metadata.python_name))
    mistyped = "get_cs_online_dial_in_conferencing_usr"
    assert not hasattr(cs.Tenant, mistyped)
    assert not hasattr(cs.Tenant(), mistyped)


@pytest.mark.parametrize(("preset", "seen"), [(None, "__all__"), ("", "")])
def test_the_command_tells_pydantic_it_needs_no_plugins(state: Path, preset: str | None, seen: str) -> None:
    """``cscmdlets`` sets ``PYDANTIC_DISABLE_PLUGINS`` in its own environment unless it is set:
    an empty value (pydantic then loads its plugins) is kept."""
    env = {k: v for k, v in os.environ.items() if k != PYDANTIC_PLUGINS}
    if preset is not None:
        env[PYDANTIC_PLUGINS] = preset
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "run", "--state", str(state), "-c", f"$env:{PYDANTIC_PLUGINS}"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
    )
    assert done.stdout.strip() == seen


COLLECTOR_PROBE = """
import contextlib, gc, json, sys
from cscmdlets.cli.main import main
default = gc.get_threshold()
with contextlib.suppress(SystemExit):
    main(["--version"])  # a caller in its own process: its collector is its own
called = gc.get_threshold()
sys.argv = ["cscmdlets", "--version"]
with contextlib.suppress(SystemExit):
    main()
print(json.dumps([default, called, gc.get_threshold()]))
"""


def test_the_command_alone_tunes_the_garbage_collector() -> None:
    """The ``cscmdlets`` command raises the collector's thresholds in its own process; a caller
    of ``main(argv)`` keeps its own."""
    done = subprocess.run(
        [sys.executable, "-c", COLLECTOR_PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    default, called, command = json.loads(done.stdout.splitlines()[-1])
    assert called == default != list(COLLECTOR_THRESHOLDS)
    assert command == list(COLLECTOR_THRESHOLDS)


def test_the_probe_sees_what_an_email_imports(state: Path) -> None:
    """The check above would pass if the probe saw nothing: a PIN reset renders an email."""
    line = f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ResetLeaderPin -SendEmail"
    status, heavy = imported_by("run", "--state", str(state), "-c", line)
    assert status == 0
    assert "jinja2" in heavy


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_the_listing_says_what_each_subcommand_says(name: str) -> None:
    """``cscmdlets --help`` lists each subcommand from the table, without loading it: the
    table's line is the one the subcommand's own module gives."""
    subparsers = argparse.ArgumentParser().add_subparsers()
    entry = SUBCOMMANDS[name]
    getattr(importlib.import_module(f"cscmdlets.cli.{entry.module}"), entry.register)(subparsers, open_tenant)
    [action] = [a for a in subparsers._choices_actions if a.dest == name]
    assert action.help == entry.help
