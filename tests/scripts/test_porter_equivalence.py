"""``port`` never breaks: every script ``cscmdlets run`` understands -- the corpus, the admin
corpus and the porter's own construct scripts -- ported to Python, compiles and behaves as the
run does: the same console output, exit status, tenant state, emails and files written.

Both sides run in this process on their own demo tenant and their own copy of the script's
folder (the working directory, as a user runs them), and print through the same console code.
"""

from __future__ import annotations

import ast as python_ast
import shutil
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import fixed_clock, snapshot

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.console import print_events
from cscmdlets.scripts.porter import port_script
from cscmdlets.scripts.runner import Runner, read_script

HERE = Path(__file__).parent
FOLDERS = (HERE / "corpus", HERE / "corpus" / "admin", HERE / "porter_cases")
SCRIPTS = [path for folder in FOLDERS for path in sorted(folder.glob("*.ps1"))]


@dataclass
class Behaviour:
    status: int
    stdout: list[str]
    warnings: list[str]
    state: dict[str, Any]
    emails: list[tuple[str, str, str]]
    files: dict[str, str]


def observed(status: int, console: Any, tenant: cs.Tenant, folder: Path, before: set[str]) -> Behaviour:
    captured = console.readouterr()
    written = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.name not in before}
    return Behaviour(
        status=status,
        stdout=captured.out.replace(str(folder), "<dir>").splitlines(),
        warnings=[line for line in captured.err.splitlines() if line.startswith("WARNING:")],
        state={k: v for k, v in snapshot(tenant).items() if k not in ("audit", "changes")},
        emails=[(m.kind, m.recipient, m.subject) for m in tenant.outbox],
        files=written,
    )


def run_as_the_cli_does(script: Path, folder: Path, console: Any) -> Behaviour:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = {p.name for p in folder.iterdir()}
    text, _ = read_script(script)
    runner = Runner(tenant.engine, resolve_command=find_command, script_name=script.name)
    with tenant.transaction():
        result = runner.run(text)
    print_events(result.events)
    return observed(result.status, console, tenant, folder, before)


def run_the_port(source: str, script: Path, folder: Path, console: Any) -> Behaviour:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = {p.name for p in folder.iterdir()}
    module = types.ModuleType(script.stem)
    exec(compile(source, f"{script.stem}.py", "exec"), module.__dict__)
    cs.connect(tenant)
    try:
        status = module.main([])
    finally:
        cs.disconnect()
    return observed(status, console, tenant, folder, before)


def working_copy(script: Path, tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(script.parent, folder, ignore=shutil.ignore_patterns("*.ps1", "*.toml", "admin"))
    return folder


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_port_behaves_as_the_run(
    script: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = port_script(script, script_name=script.name)
    python_ast.parse(source)  # compiles: no IndentationError, no broken escaping

    monkeypatch.chdir(ran_in := working_copy(script, tmp_path, "ran"))
    ran = run_as_the_cli_does(script, ran_in, capsys)
    monkeypatch.chdir(ported_in := working_copy(script, tmp_path, "ported"))
    ported = run_the_port(source, script, ported_in, capsys)

    assert ported.stdout == ran.stdout
    assert ported.warnings == ran.warnings
    assert ported.status == ran.status
    assert ported.emails == ran.emails
    assert ported.files == ran.files
    assert ported.state == ran.state


#: The scripts the porter translates statement by statement; the others run unchanged through the
#: script runner (and say why at the top). A script leaves this list only on purpose.
TRANSLATED = {
    "admin/01_bulk_service_number.ps1",
    "admin/13_bridge_default_number.ps1",
    "admin/14_service_number_language.ps1",
    "admin/24_finally_disconnect.ps1",
    "admin/39_set_user_default_number.ps1",
    "admin/44_unregister_number.ps1",
    "admin/54_empty_results_count.ps1",
    "corpus/bulk_reset_pins.ps1",
    "corpus/count_updates.ps1",
    "corpus/pipeline_bridge.ps1",
    "corpus/report_and_fix.ps1",
    "corpus/splat_tenant_settings.ps1",
    "corpus/switch_actions.ps1",
    "porter_cases/foreach_null.ps1",
    "porter_cases/missing_csv.ps1",
    "porter_cases/truthiness.ps1",
    "porter_cases/windows_paths_translated.ps1",
}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_port_is_python_or_says_at_the_top_why_not(script: Path) -> None:
    source = port_script(script, script_name=script.name)
    header = source[: source.index('"""')]
    if f"{script.parent.name}/{script.name}" in TRANSLATED:
        assert header == "#!/usr/bin/env python3\n"
        assert "ps.run" not in source and "SCRIPT = " not in source  # builtins became Python
    else:
        reasons = [line for line in header.splitlines() if line.startswith("#   line ")]
        assert header.startswith("#!/usr/bin/env python3\n# NOT TRANSLATED:") and reasons
        assert "SCRIPT = " + repr(script.read_text(encoding="utf-8")) in source
