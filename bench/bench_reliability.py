"""Reliability benchmark: the reliability suite at full size, with its figures.

Runs the tests of ``tests/reliability`` with bigger counts and prints each figure: bad-input
cases tried (and how many failed calls were checked unchanged, and which known library bugs
were hit), SIGKILLs survived and committed updates checked, concurrent updates and emails
checked, scripts fuzzed. Any failure is printed and makes the exit status 1.

Its figures are counts of cases checked, not times: nothing here has a floor. ``--quick`` runs
every part small (a check that the suite runs, for ``run_all.py --quick``).

Run: ``python bench/bench_reliability.py [--quick] [--scale 4] [--kills 200] [--changes 2000]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from ratio import pin_module

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
pin_module()


def _timed(title: str, action: Callable[[], object]) -> bool:
    print(f"{title} …", flush=True)
    start = time.perf_counter()
    try:
        action()
    except BaseException:  # a failure is a figure too: print it, go on with the rest
        print(traceback.format_exc(limit=-8))
        print(f"  FAILED after {time.perf_counter() - start:.1f} s")
        return False
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return True


def bad_input(folder: Path) -> None:
    from reliability.support import WRITE_COMMANDS
    from reliability.test_bad_input import DOORS, TenantPair, test_bad_input_is_a_result_or_a_powershell_error

    for metadata in WRITE_COMMANDS:
        for door in DOORS:
            (folder / f"{metadata.name}-{door}").mkdir()
            pair = TenantPair(folder / f"{metadata.name}-{door}")
            try:  # -WhatIf host lines ("What if: …") are printed by the Pythonic door: keep them out
                with contextlib.redirect_stdout(io.StringIO()):
                    test_bad_input_is_a_result_or_a_powershell_error(pair, metadata, door)
            finally:
                pair.close()


def crash_safety(folder: Path, kills: int) -> None:
    from reliability.test_crash_safety import run_lanes

    run_lanes(folder, kills)


def concurrency(folder: Path, changes: int) -> None:
    from reliability import test_concurrency

    test_concurrency.CHANGES = changes
    test_concurrency.test_two_processes_lose_and_duplicate_nothing(folder)


def parser_fuzz() -> None:
    from reliability import test_parser_fuzz as fuzz

    fuzz.test_the_corpus_parses()
    fuzz.test_random_text_parses_or_is_a_parse_error()
    fuzz.test_token_soup_parses_or_is_a_parse_error()
    fuzz.test_mutated_scripts_parse_or_are_parse_errors()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--scale", type=float, default=4.0, help="times the test suite's example counts (bad input, parser fuzzing)"
    )
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs of the bulk job")
    parser.add_argument("--changes", type=int, default=2_000, help="changes per process in the concurrency run")
    parser.add_argument("--quick", action="store_true", help="every part small: scale 0.25, 5 kills, 100 changes")
    parser.add_argument(
        "--only",
        choices=("bad-input", "crash", "concurrency", "parser"),
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args()
    if args.quick:
        args.scale, args.kills, args.changes = 0.25, 5, 100
    os.environ["CSCMDLETS_RELIABILITY_SCALE"] = str(args.scale)  # read when the test modules load

    from reliability.support import FIGURES

    parts = {
        "bad-input": ("Bad input through every door", lambda folder: bad_input(folder)),
        "crash": (f"Crash safety: {args.kills} SIGKILLs", lambda folder: crash_safety(folder, args.kills)),
        "concurrency": (
            f"Concurrency: 2 processes x {args.changes:,} changes",
            lambda folder: concurrency(folder, args.changes),
        ),
        "parser": ("Parser fuzzing", lambda folder: parser_fuzz()),
    }
    ok = True
    for key, (title, action) in parts.items():
        if args.only and key not in args.only:
            continue
        with tempfile.TemporaryDirectory() as folder:
            ok &= _timed(title, lambda action=action, folder=folder: action(Path(folder)))
    print("\nFigures")
    for name, count in sorted(FIGURES.items()):
        print(f"  {name}: {count:,}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
