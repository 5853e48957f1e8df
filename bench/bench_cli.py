"""Command-line start-up: how long ``cscmdlets`` takes before it does anything useful.

Prints ratios to a floor measured in the same run on the same machine (a bare
``python -c "import pydantic"``, what any cscmdlets process needs); asserts nothing.
Run: ``python bench/bench_cli.py``. Each figure is the best of ``REPEAT`` runs: on a shared
machine the other runs measure the neighbours too.
Goals: ``cscmdlets --help`` within 2x the floor, a one-line ``run -c "Get-…"`` within 3x.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEAT = 7
ROOT = Path(__file__).resolve().parent.parent


def _best(command: list[str], env: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        state = str(Path(folder) / "tenant.db")
        cli = [sys.executable, "-m", "cscmdlets"]
        demo = [*cli, "run", "--state", state, "--demo", "-c", "Get-CsOnlineDialInConferencingBridge"]
        subprocess.run(demo, env=env, check=True, stdout=subprocess.DEVNULL)
        floor = _best([sys.executable, "-c", "import pydantic"], env)
        figures = {
            "cscmdlets --help": _best([*cli, "--help"], env),
            "cscmdlets --version": _best([*cli, "--version"], env),
            'run -c "Get-CsOnlineDialInConferencingUser <upn>"': _best(
                [*cli, "run", "--state", state, "-c", "Get-CsOnlineDialInConferencingUser amos.marble@contoso.com"],
                env,
            ),
            "get user <upn>": _best([*cli, "get", "user", "amos.marble@contoso.com", "--state", state], env),
        }
    print(f"floor (python -c 'import pydantic'): {floor * 1000:.0f} ms")
    for name, seconds in figures.items():
        print(f"{name:55} {seconds * 1000:6.0f} ms  {seconds / floor:4.1f}x floor")


if __name__ == "__main__":
    main()
