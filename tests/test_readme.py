"""The README's Python runs as written, type-checks under ``mypy --strict``, and the cmdlet
stubs type checkers read are current with the metadata."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cscmdlets.stubgen import INIT_PATH, STUB_PATH, render_init, render_stub

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)


def test_the_readme_has_python() -> None:
    assert SNIPPETS


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"snippet-{n}" for n in range(1, len(SNIPPETS) + 1)])
def test_each_snippet_runs_as_written(code: str, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "CSCMDLETS_SMTP_URL"}
    environment |= {"CSCMDLETS_STATE": str(tmp_path / "state.db"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_the_snippets_type_check_strictly(tmp_path: Path) -> None:
    """What an editor sees: the cmdlet functions and Tenant methods with their parameters."""
    for number, code in enumerate(SNIPPETS, start=1):
        (tmp_path / f"snippet_{number}.py").write_text(code, encoding="utf-8")
    mistyped = tmp_path / "mistyped.py"
    mistyped.write_text(
        "import cscmdlets as cs\n"
        "cs.Tenant.demo().set_cs_online_dial_in_conferencing_user('a@contoso.com', send_emial=True)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = done.stdout.splitlines()
    assert [line for line in errors if "mistyped.py" not in line] == []
    assert any('Unexpected keyword argument "send_emial"' in line for line in errors), errors


def test_the_stubs_are_current() -> None:
    assert STUB_PATH.read_text(encoding="utf-8") == render_stub(), "run: python -m cscmdlets.stubgen"
    init = INIT_PATH.read_text(encoding="utf-8")
    assert init == render_init(init), "run: python -m cscmdlets.stubgen"


def test_the_package_shows_type_checkers_every_cmdlet_function() -> None:
    """``cscmdlets/__init__.py`` imports each cmdlet function from the stub for type checkers."""
    from cscmdlets.cmdlets import COMMANDS

    source = (ROOT / "cscmdlets" / "__init__.py").read_text(encoding="utf-8")
    block = re.search(r"from \._api import \((.*?)\)", source, re.S)
    assert block is not None
    imported = {name.strip() for name in block.group(1).split(",") if name.strip()}
    assert imported == {m.python_name for m in COMMANDS} | {m.twin_name for m in COMMANDS}
