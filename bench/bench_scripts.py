"""Benchmark the script runner: each figure a ratio to its floor, measured in the same run.

* A 10,000-line admin script — per user, four lines: an assignment with string expansion, a
  Set-CsOnlineDialInConferencingUser call, an ``if`` with a comparison and a counter, and a
  host line. Its parse is set against ``ast.parse`` of the same program written in Python, and
  its run (on an in-memory demo tenant with one generated user per block) against that Python
  program run on a dict of users with pydantic's ``model_copy``.
* A CSV bulk job: ``cscmdlets run bulk.ps1 -CsvPath rows.csv`` on a SQLite tenant of 10,000
  users, one row per user, against a plain Python process doing the same with ``csv`` +
  ``sqlite3`` + the same model + one audit row per change, in one transaction. Both are whole
  processes; the figure is their CPU time (``RUSAGE_CHILDREN``), start-up included. The same
  rows are then timed in this process, start-up left out, through the script runner and
  through the Python functions, each against the floor's loop: where a row's time goes.

Times are CPU seconds, the best of ``--rounds`` alternating rounds (bench/ratio.py).
Run: ``python bench/bench_scripts.py [--quick] [--lines 10000] [--rows 10000]``.
"""

from __future__ import annotations

import argparse
import ast
import csv
import fnmatch
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ratio import Figure, cpu, env_with_bytecode, interleaved, pin_module, report

import cscmdlets as cs
from cscmdlets.powershell.parser import parse
from cscmdlets.scripts.runner import Runner
from cscmdlets.store.sqlite import SqliteStore

pin_module()


BLOCK = """$upn = "user{index:07d}@contoso.com"
Set-CsOnlineDialInConferencingUser -Identity $upn -AllowTollFreeDialIn $false
if ($upn -like '*0@contoso.com') {{ $tens += 1 }} else {{ $others++ }}
Write-Host "Updated $upn ($($tens + $others) so far)"
"""
PYTHON_BLOCK = """upn = "user{index:07d}@contoso.com"
set_user(upn, allow_toll_free_dial_in=False)
if fnmatch(upn, '*0@contoso.com'): tens += 1
else: others += 1
host.append(f"Updated {{upn}} ({{tens + others}} so far)")
"""


def generate(lines: int, block: str = BLOCK, start: str = "$tens = 0; $others = 0\n") -> str:
    blocks = max(lines // BLOCK.count("\n"), 1)
    return start + "".join(block.format(index=i) for i in range(1, blocks + 1))


def script_figures(lines: int, rounds: int) -> list[Figure]:
    text = generate(lines)
    python_text = generate(lines, PYTHON_BLOCK, "tens = others = 0\n")
    users = lines // BLOCK.count("\n")
    script = parse(text, "bench.ps1")
    program = compile(python_text, "floor.py", "exec")
    floor_users = {u.user_principal_name: u for u in cs.Tenant.demo(users=users).store.users()}

    def run_script() -> float:
        tenant = cs.Tenant.demo(users=users)
        runner = Runner(tenant.engine, script_name="bench.ps1")
        results = []
        seconds = cpu(lambda: results.append(runner.run_parsed(script)))
        assert not results[0].errors and len(results[0].host) == users, "the script did not run as meant"
        return seconds

    def run_floor() -> float:
        def set_user(upn: str, *, allow_toll_free_dial_in: bool) -> None:
            floor_users[upn] = BaseModel.model_copy(
                floor_users[upn], update={"allow_toll_free_dial_in": allow_toll_free_dial_in}
            )

        host: list[str] = []
        return cpu(lambda: exec(program, {"set_user": set_user, "fnmatch": fnmatch.fnmatchcase, "host": host}))

    parse_times = interleaved(
        lambda: cpu(lambda: parse(text, "bench.ps1")), lambda: cpu(lambda: ast.parse(python_text)), rounds=rounds
    )
    run_times = interleaved(run_script, run_floor, rounds=rounds)
    how = f"CPU, best of {rounds} alternating rounds"
    count = text.count("\n")
    return [
        Figure(f"parse a {count:,}-line script / ast.parse of it in Python", *parse_times, how=how, per="script"),
        Figure(f"run it, {users:,} Set-User calls / the same in Python (F1)", *run_times, how=how, per="script"),
    ]


BULK_SCRIPT = """param([string]$CsvPath)
foreach ($row in Import-Csv -Path $CsvPath) {
    Set-CsOnlineDialInConferencingUser -Identity $row.UserPrincipalName -AllowTollFreeDialIn ($row.TollFree -eq 'yes')
}
"""
BULK_FLOOR = """import csv, datetime, json, sqlite3, sys
from cscmdlets.model import User


def bulk(csv_path, db_path):
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("BEGIN IMMEDIATE")
    with open(csv_path, newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            upn, allow = row["UserPrincipalName"], row["TollFree"] == "yes"
            object_id, data = db.execute("SELECT object_id, data FROM users WHERE upn = ?", (upn.lower(),)).fetchone()
            before = User.model_validate_json(data)
            after = before.model_copy(update={"allow_toll_free_dial_in": allow})
            db.execute("UPDATE users SET data = ? WHERE object_id = ?", (after.model_dump_json(), object_id))
            audit = {"at": datetime.datetime.now(datetime.UTC).isoformat(), "target": upn,
                     "before": {"AllowTollFreeDialIn": before.allow_toll_free_dial_in},
                     "after": {"AllowTollFreeDialIn": allow}}
            db.execute("INSERT INTO audit (data) VALUES (?)", (json.dumps(audit),))
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    bulk(sys.argv[1], sys.argv[2])
"""


def _child_cpu(command: Sequence[str]) -> float:
    """The CPU seconds (user + system) of a whole child process. It runs as a user's Python
    runs, with bytecode cached (as ``ratio.startup`` runs its processes): with
    PYTHONDONTWRITEBYTECODE set, a package not installed by pip (a source checkout) would be
    compiled again in every run, the project's many modules against the floor's few."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env_with_bytecode())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bulk_figure(folder: Path, rows: int, rounds: int) -> list[Figure]:
    template = folder / "template.db"
    cs.Tenant.demo(users=rows, store=SqliteStore(template)).close()
    csv_path, script, floor = folder / "rows.csv", folder / "bulk.ps1", folder / "floor.py"
    lines = ["UserPrincipalName,TollFree"] + [
        f"user{index:07d}@contoso.com,{'yes' if index % 2 else 'no'}" for index in range(1, rows + 1)
    ]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script.write_text(BULK_SCRIPT, encoding="utf-8")
    floor.write_text(BULK_FLOOR, encoding="utf-8")

    def fresh_state() -> Path:
        state = folder / "state.db"
        shutil.copyfile(template, state)
        return state

    def project() -> float:
        command = [sys.executable, "-m", "cscmdlets", "run", str(script), "-CsvPath", str(csv_path)]
        return _child_cpu([*command, "--state", str(fresh_state())])

    def plain() -> float:
        return _child_cpu([sys.executable, str(floor), str(csv_path), str(fresh_state())])

    project()  # unclocked: each side writes its bytecode caches once
    with cs.Tenant.open(folder / "state.db") as changed:  # the floor's work (pin_module): a change per row
        assert len(changed.audit()) == rows, "the bulk job did not change every row"
    plain()
    times = interleaved(project, plain, rounds=rounds)
    how = f"CPU of the whole process, best of {rounds} alternating runs, bytecode cached"
    whole = Figure(f"{rows:,}-row CSV bulk via `cscmdlets run` / csv+sqlite3", *times, per="job", goal=2, how=how)
    return [whole, *bulk_row_figures(template, csv_path, script, floor, rows, rounds)]


def bulk_row_figures(template: Path, csv_path: Path, script: Path, floor: Path, rows: int, rounds: int) -> list[Figure]:
    """The same job per row, in this process (start-up left out): through the script runner,
    and through the Python functions (the cmdlet and store without the runner), each against
    the floor's loop. Each side starts on a fresh copy of the tenant's file, every user unread."""
    fresh = template.with_name("rows.db")
    table = list(csv.DictReader(csv_path.open(newline="", encoding="utf-8")))
    floor_module: dict[str, Any] = {"__name__": "floor"}
    exec(compile(floor.read_text(encoding="utf-8"), str(floor), "exec"), floor_module)

    def opened() -> cs.Tenant:
        shutil.copyfile(template, fresh)
        return cs.Tenant.open(fresh)

    def through_runner() -> float:
        tenant = opened()
        runner = Runner(tenant.engine)

        def run() -> None:
            with tenant.transaction():
                runner.run(script.read_text(encoding="utf-8"), ["-CsvPath", str(csv_path)])

        seconds = cpu(run)
        tenant.close()
        return seconds

    def through_python() -> float:
        tenant = opened()
        setter = tenant.set_cs_online_dial_in_conferencing_user

        def run() -> None:
            with tenant.transaction():
                for row in table:
                    setter(row["UserPrincipalName"], allow_toll_free_dial_in=row["TollFree"] == "yes")

        seconds = cpu(run)
        tenant.close()
        return seconds

    def plain() -> float:
        shutil.copyfile(template, fresh)
        return cpu(lambda: floor_module["bulk"](str(csv_path), str(fresh)))

    how = f"CPU in this process, best of {rounds} alternating rounds"
    figures = []
    for door, project in (("script runner", through_runner), ("Python functions", through_python)):
        times = interleaved(project, plain, rounds=rounds)
        name = f"the bulk job's rows, {door} / the floor's loop"
        figures.append(Figure(name, *(t / rows for t in times), per="row", how=how))
    return figures


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--quick", action="store_true", help="small sizes, for a check while developing")
    options.add_argument("--lines", type=int, help="lines of the generated script (default 10,000; --quick 2,000)")
    options.add_argument("--rows", type=int, help="rows of the CSV bulk job (default 10,000; --quick 2,000)")
    options.add_argument("--rounds", type=int, help="alternating rounds per figure (default 5; --quick 3)")
    args = options.parse_args()
    rounds = args.rounds or (3 if args.quick else 5)
    figures = script_figures(args.lines or (2_000 if args.quick else 10_000), rounds)
    with tempfile.TemporaryDirectory() as folder:
        figures.extend(bulk_figure(Path(folder), args.rows or (2_000 if args.quick else 10_000), rounds))
    report("bench_scripts: the script runner", figures)


if __name__ == "__main__":
    main()
