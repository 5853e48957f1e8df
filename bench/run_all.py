"""Run every ``bench/bench_*.py`` and print one table of their figures, each ``project / floor``.

Each bench runs in its own process (a tenant of a million users in one must not slow the next),
with ``--quick`` passed on when given and the bench accepts it. A bench using bench/ratio.py
appends its figures to the file named by ``$CSCMDLETS_BENCH_ROWS``; a bench that does not is
shown by its own output. New benches are found by the file name, with no list to keep.

Run: ``python bench/run_all.py [--quick] [--only core,mail]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from ratio import ROWS_ENV, figure_from_row, format_table

HERE = Path(__file__).resolve().parent


def benches(only: list[str] | None) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    return [path for path in found if only is None or path.stem.removeprefix("bench_") in only]


def run(path: Path, quick: bool, rows: Path) -> tuple[int, str]:
    command = [sys.executable, str(path)]
    if quick and "--quick" in path.read_text(encoding="utf-8"):
        command.append("--quick")
    env = {**os.environ, ROWS_ENV: str(rows)}
    print(f"running {path.name} …", flush=True)
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def machine() -> str:
    """The CPU model, core count and load: what any absolute figure in the table depends on."""
    cpuinfo = Path("/proc/cpuinfo")
    models = (
        [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        if cpuinfo.exists()
        else []
    )
    model = models[0] if models else platform.machine()
    return f"{model}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes in every bench that has them")
    parser.add_argument("--only", help="comma-separated bench names (core,mail,…) to run")
    args = parser.parse_args()
    status = 0
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "rows.jsonl"
        rows.touch()
        for path in benches(args.only.split(",") if args.only else None):
            written = len(rows.read_text(encoding="utf-8").splitlines())
            code, output = run(path, args.quick, rows)
            if code != 0 or len(rows.read_text(encoding="utf-8").splitlines()) == written:
                print(output)  # no figures of its own to tabulate, or it failed: show what it said
            status |= code != 0
        figures = [figure_from_row(json.loads(line)) for line in rows.read_text(encoding="utf-8").splitlines()]
    print(f"\nAll figures ({machine()}):")
    print(format_table(figures))
    goals = [figure for figure in figures if figure.goal is not None]
    print(f"{sum(bool(figure.met) for figure in goals)} of {len(goals)} goals met")
    return status


if __name__ == "__main__":
    sys.exit(main())
