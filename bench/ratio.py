"""Timing helpers every bench shares: a figure is ``project / floor``, both measured in one run.

A *floor* is a few lines of plain Python doing the least work the job needs (a dict lookup and
a model copy, one SQLite transaction, one jinja2 render …). Absolute times move with the
machine and its neighbours; the ratio of two things measured side by side in the same
process, in alternating rounds, moves much less.

* :func:`interleaved` alternates the project and its floor for ``rounds`` rounds and keeps the
  best CPU time of each (the rounds a neighbour disturbed are the slow ones).
* :func:`startup` alternates two whole-process commands and keeps the median wall time (a new
  process's time is mostly spent reading files, which CPU time of this process cannot see).
* :func:`report` prints a table of :class:`Figure`; when ``run_all.py`` runs a bench it sets
  ``CSCMDLETS_BENCH_ROWS`` and each figure is also appended there as one JSON line.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

__all__ = ["Figure", "cpu", "env_with_bytecode", "interleaved", "memory", "pin_module", "report", "startup"]


def pin_module() -> None:
    """Run as the 2017 module generation (SkypeOnlineConnector) unless told otherwise.

    The benches change users with ``Set-CsOnlineDialInConferencingUser -AllowTollFreeDialIn``:
    it sends no email, so only the change itself is timed. Today's module leaves that setting to
    the audio conferencing policy (a warning, no change), which would time nothing. Subprocesses
    the benches start (``cscmdlets run``, ``serve``) inherit the choice.
    """
    os.environ.setdefault("CSCMDLETS_MODULE", "SkypeOnlineConnector")


ROWS_ENV = "CSCMDLETS_BENCH_ROWS"


@dataclass(frozen=True)
class Figure:
    """One measured figure: the project's time (or bytes) per unit against its floor's."""

    name: str
    project: float
    floor: float
    unit: str = "s"  # "s" (shown in µs or ms) or "B" (shown in bytes)
    per: str = "call"
    goal: float | None = None
    how: str = ""

    @property
    def ratio(self) -> float:
        return self.project / self.floor if self.floor else float("inf")

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.ratio <= self.goal


def cpu(action: Callable[[], object]) -> float:
    """The CPU seconds ``action()`` takes; a full collection first, so each round starts alike."""
    gc.collect()
    start = time.process_time()
    action()
    return time.process_time() - start


def interleaved(project: Callable[[], float], floor: Callable[[], float], *, rounds: int = 5) -> tuple[float, float]:
    """The best of ``rounds`` alternating rounds of each side; each side returns its own
    seconds (from :func:`cpu`), so it may prepare outside the clock."""
    project_times: list[float] = []
    floor_times: list[float] = []
    for round_ in range(rounds):
        first, second = (project, floor) if round_ % 2 == 0 else (floor, project)
        a, b = first(), second()
        project_times.append(a if first is project else b)
        floor_times.append(b if first is project else a)
    return min(project_times), min(floor_times)


def memory(build: Callable[[], object]) -> float:
    """The bytes the object ``build()`` returns still holds (tracemalloc's count)."""
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        held = build()
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del held
    return float(size)


def env_with_bytecode() -> dict[str, str]:
    # As a user's Python runs: with bytecode cached (pip compiles what it installs).
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def startup(project: Sequence[str], floor: Sequence[str], *, runs: int = 9) -> tuple[float, float]:
    """Median wall seconds of whole processes, run alternately (each once first, unclocked,
    to write bytecode caches)."""
    env = env_with_bytecode()
    times: dict[int, list[float]] = {0: [], 1: []}
    commands = (project, floor)
    for command in commands:
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    for run in range(runs):
        for side in (run % 2, 1 - run % 2):
            start = time.perf_counter()
            subprocess.run(commands[side], check=True, env=env, stdout=subprocess.DEVNULL)
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def python(statement: str) -> list[str]:
    """``python -c statement`` with this interpreter."""
    return [sys.executable, "-c", statement]


def _shown(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value:,.0f} B"
    if value >= 0.1:
        return f"{value:.3f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} µs"


def report(title: str, figures: Sequence[Figure]) -> None:
    """Print ``figures`` as a table (and append them to ``$CSCMDLETS_BENCH_ROWS``, if set)."""
    print(title)
    print(format_table(figures))
    rows = os.environ.get(ROWS_ENV)
    if rows:
        with open(rows, "a", encoding="utf-8") as sink:
            for figure in figures:
                sink.write(json.dumps({"bench": title, **asdict(figure)}) + "\n")


def format_table(figures: Sequence[Figure]) -> str:
    lines = [f"  {'figure (per unit)':<64} {'project':>11} {'floor':>11} {'ratio':>7} {'goal':>7}  measured"]
    for figure in figures:
        goal = "" if figure.goal is None else f"≤ {figure.goal:g}"
        mark = {True: " ok", False: " MISSED", None: ""}[figure.met]
        lines.append(
            f"  {f'{figure.name} (per {figure.per})':<64} {_shown(figure.project, figure.unit):>11} "
            f"{_shown(figure.floor, figure.unit):>11} {figure.ratio:>6.2f}x {goal:>7}{mark:<7}  {figure.how}"
        )
    return "\n".join(lines)


def figure_from_row(row: dict[str, object]) -> Figure:
    fields = {name: row[name] for name in Figure.__dataclass_fields__ if name in row}
    return Figure(**fields)  # type: ignore[arg-type]
