"""Start-up benchmark: whole ``cscmdlets`` processes against ``python -c "import pydantic"``.

Each pair of commands runs alternately, ``--runs`` times each (after one unclocked run that
writes the bytecode caches); the figure is the ratio of their median wall times (bench/ratio.py).
A one-line Get runs on a warm state: a SQLite state file created (``--demo``) before the runs.
Run: ``python bench/bench_startup.py [--quick] [--runs 9]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from ratio import Figure, python, report, startup

PYDANTIC = python("import pydantic")
#: The dependencies a one-line Get imports: pydantic's models and fields, the plugin loader
#: pydantic imports to build the first validator (it imports ``importlib.metadata`` whether
#: plugins are disabled or not), SQLite, the command line's parser, JSON and logging.
DEPENDENCIES = "from pydantic import BaseModel, Field; import pydantic.plugin._loader, sqlite3, argparse, json, logging"


def figures(folder: Path, runs: int) -> list[Figure]:
    state = folder / "state.db"
    cli = [sys.executable, "-m", "cscmdlets"]
    get = [
        *cli,
        "run",
        "--state",
        str(state),
        "-c",
        "Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com",
    ]
    # `run` creates a missing state only when told to (--demo): create it once, unclocked.
    subprocess.run([*get[:-2], "--demo", *get[-2:]], check=True, stdout=subprocess.DEVNULL)
    how = f"wall, median of {runs} alternating runs"
    pairs = [
        ("`cscmdlets --help` / import pydantic", [*cli, "--help"], 1.5),
        ("`cscmdlets run -c Get-…User`, warm state / import pydantic", get, 2.5),
        # What such a run cannot do without: the gap between this row and the one above is
        # cscmdlets' own share.
        ("what `run -c` imports of its dependencies / import pydantic", python(DEPENDENCIES), None),
        ("`import cscmdlets` / import pydantic", python("import cscmdlets"), 2),
    ]
    return [
        Figure(name, *startup(command, PYDANTIC, runs=runs), per="process", goal=goal, how=how)
        for name, command, goal in pairs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a check while developing")
    parser.add_argument("--runs", type=int, help="runs of each command (default 11; --quick 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report("bench_startup: whole processes", figures(Path(folder), args.runs or (5 if args.quick else 11)))


if __name__ == "__main__":
    main()
