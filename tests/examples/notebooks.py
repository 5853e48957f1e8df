"""Run the notebooks of ``examples/`` with a real kernel on this interpreter.

Used by ``test_notebooks.py``, and run as a script to refresh the outputs kept in the
notebooks (what GitHub shows) and their jupytext twins after editing a notebook::

    python tests/examples/notebooks.py            # every notebook
    python tests/examples/notebooks.py 02_send    # those whose name starts so

The kernel is always the interpreter running this code (``sys.executable``, through
ipykernel's own kernel spec), never a ``python3`` kernel spec found on the machine: a user's
spec may point at another Python without cscmdlets, and a clean CI machine may have none.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from ipykernel.kernelspec import get_kernel_dict
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("[0-9][0-9]_*.ipynb"))
#: The jupytext format of the twins; ``examples/jupytext.toml`` pairs them the same way.
TWIN_FORMAT = "py:percent"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class ThisInterpreterKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs on ``sys.executable``, whatever specs are installed."""

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            known = KernelSpec.class_trait_names()  # newer ipykernels may add keys
            spec = {key: value for key, value in get_kernel_dict().items() if key in known}
            self._kernel_spec = KernelSpec(resource_dir=str(EXAMPLES), **spec)
        return self._kernel_spec


def kernel_env(state: Path) -> dict[str, str]:
    """The kernel's environment: no SMTP delivery, and a default state the test can watch."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSCMDLETS_")}
    env["CSCMDLETS_STATE"] = str(state)  # a notebook that forgets cs.connect(tenant) would create it
    env["PYTHONWARNINGS"] = "default"
    return env


def execute(path: Path, *, cwd: Path, state: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run every cell of the notebook at ``path`` in ``cwd``; a failing cell raises
    ``nbclient.exceptions.CellExecutionError``. Returns the notebook with its outputs."""
    notebook: nbformat.NotebookNode = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        kernel_manager_class=ThisInterpreterKernelManager,
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
        coalesce_streams=True,
    )  # stored outputs diff cleanly
    client.execute(env=kernel_env(state))
    return notebook


def twin_text(notebook: Any) -> str:
    """The ``.py`` twin jupytext writes for ``notebook`` (``jupytext --to py:percent``)."""
    return str(jupytext.writes(notebook, fmt=TWIN_FORMAT))


def refresh(path: Path) -> None:
    """Execute a notebook, keep its outputs, and rewrite its twin."""
    with tempfile.TemporaryDirectory() as folder:
        notebook = execute(path, cwd=Path(folder), state=Path(folder) / "state.db")
    notebook.metadata["kernelspec"] = KERNELSPEC
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # timings: noise in every diff
    nbformat.write(notebook, path)
    path.with_suffix(".py").write_text(twin_text(nbformat.read(path, as_version=4)), encoding="utf-8")


def main(prefixes: list[str]) -> None:
    for path in NOTEBOOKS:
        if not prefixes or any(path.name.startswith(prefix) for prefix in prefixes):
            print(f"running {path.name}", flush=True)
            refresh(path)


if __name__ == "__main__":
    main(sys.argv[1:])
