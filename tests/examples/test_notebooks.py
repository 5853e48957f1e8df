"""Every notebook of ``examples/`` runs top to bottom with a real kernel.

A failing cell fails the test (nbclient raises ``CellExecutionError`` with the cell and its
traceback). Each notebook also has its plain-Python twin, kept current (jupytext), and some of
its outputs are checked: a notebook that runs but shows the wrong thing is still broken.
The kernel runs on this interpreter (see ``notebooks.py``), in a temporary folder, with
``CSCMDLETS_STATE`` pointing at a file no notebook may create.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import pytest

from .notebooks import EXAMPLES, NOTEBOOKS, TWIN_FORMAT, execute

# No warning filter: with filterwarnings = error, nbclient, jupyter_client, zmq and ipykernel run
# these tests without a warning (checked with -X dev too). Should a new version warn, filter
# that one warning here, by message, with the reason.

EXPECTED = ["01_quick_start", "02_send_dial_in_information", "03_bulk_changes", "04_porting", "05_remote"]


def outputs_of(notebook: Any) -> list[dict[str, Any]]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def text_of(notebook: Any) -> str:
    """Everything the notebook showed: streams, plain text and HTML, in order."""
    parts = []
    for output in outputs_of(notebook):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        data = output.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def html_of(notebook: Any) -> list[str]:
    return [output["data"]["text/html"] for output in outputs_of(notebook) if "text/html" in output.get("data", {})]


def check_quick_start(notebook: Any) -> None:
    shown = text_of(notebook)
    assert '<th style="text-align:left">DisplayName</th>' in shown  # users as a table, real names
    assert "Your dial-in conferencing information" in shown
    assert "ServiceNumberNotOnBridge,Microsoft.Rtc.Management" in shown
    assert "admin@contoso.com" in shown  # the audit log names the actor


def check_send_dial_in_information(notebook: Any) -> None:
    shown = text_of(notebook)
    assert "From: Microsoft 365 <no-reply@contoso.com>" in shown
    assert "From: Contoso Conferencing <conferencing@contoso.com>" in shown
    assert "A parameter cannot be found that matches parameter name 'SendEmailOverride'." in shown
    assert "Ваши данные для подключения к собраниям по телефону" in shown
    assert "To: ken@fabrikam.com" in shown
    messages = [markup for markup in html_of(notebook) if "<th>Subject</th>" in markup]
    assert len(messages) >= 3  # the messages themselves, as HTML


def check_bulk_changes(notebook: Any) -> None:
    shown = text_of(notebook)
    assert "What if: Performing the operation" in shown
    assert "ServiceNumberNotOnBridge" in shown
    assert re.search(r"Changed\D+\d+", shown)


def check_porting(notebook: Any) -> None:
    shown = text_of(notebook)
    assert "The dash and &#x27;SendEmail&#x27; are separated by a space" in shown  # the check, as a table
    assert "cs.set_cs_online_dial_in_conferencing_user(" in shown  # the port
    assert "Updated 3 of 4 users." in shown
    equivalence = [markup for markup in html_of(notebook) if '<th style="text-align:right">Same</th>' in markup]
    assert equivalence and "False" not in equivalence[-1]


def check_remote(notebook: Any) -> None:
    shown = text_of(notebook)
    assert "http://127.0.0.1:" in shown
    assert "amos.marble@contoso.com" in shown
    assert "UserNotFound,Microsoft.Rtc.Management" in shown
    assert "password=" not in shown  # the RemoteHost repr keeps the password out


CHECKS: dict[str, Callable[[Any], None]] = {
    "01_quick_start": check_quick_start,
    "02_send_dial_in_information": check_send_dial_in_information,
    "03_bulk_changes": check_bulk_changes,
    "04_porting": check_porting,
    "05_remote": check_remote,
}


def test_the_examples_are_all_there() -> None:
    assert [path.stem for path in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_twin_is_current(path: Path) -> None:
    """The ``.py`` twin is what ``jupytext --to py:percent`` makes of the notebook, cell for cell."""
    twin = path.with_suffix(".py")
    assert twin.exists(), f"run: jupytext --to {TWIN_FORMAT} {path.relative_to(EXAMPLES.parent)}"
    notebook = nbformat.read(path, as_version=4)
    from_twin = jupytext.read(twin)
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    assert [(cell.cell_type, cell.source) for cell in from_twin.cells] == cells, (
        f"{twin.name} is stale; run: jupytext --sync {path.relative_to(EXAMPLES.parent)}"
    )
    # The percent format, as jupytext writes it. Not compared byte for byte: another jupytext
    # version may lay out the same cells a little differently.
    assert jupytext.formats.guess_format(twin.read_text(encoding="utf-8"), ".py")[0] == "percent"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    if path.stem == "05_remote":
        pytest.importorskip("pypsrp")  # the remote extra
    state = tmp_path / "default-state.db"
    notebook = execute(path, cwd=tmp_path, state=state)
    errors = [output for output in outputs_of(notebook) if output["output_type"] == "error"]
    assert errors == []
    warnings = [
        output["text"]
        for output in outputs_of(notebook)
        if output["output_type"] == "stream" and output["name"] == "stderr"
    ]
    assert warnings == [], "a cell wrote to stderr (a warning?)"
    assert not state.exists(), "a notebook opened the default state instead of its own tenant"
    CHECKS[path.stem](notebook)
