"""Core benchmark (issue 2): Set-User throughput, durable bulk updates, import time, scaling.

Prints figures; asserts nothing. Run: ``python bench/bench_core.py [--max-users N]``.
Each figure is the best of ``REPEAT`` rounds, as timeit reports: on a shared machine the
other rounds measure the neighbours too.
Goals: >= 20,000 calls/s in memory through the Pythonic function, >= 5,000/s through
``invoke``, 100,000 durable updates in one transaction under 5 s, ``import cscmdlets`` within
1.5x of importing pydantic + email_validator + jinja2 + phonenumbers, flat per-call cost from
1,000 to 1,000,000 users.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cscmdlets as cs
from cscmdlets.store.sqlite import SqliteStore

CALLS = 20_000
REPEAT = 3


def _upn(index: int, users: int) -> str:
    return f"user{index % users + 1:07d}@contoso.com"


def _rate(calls: int, action: Callable[[int], object]) -> float:
    """Calls per second, the best of REPEAT rounds of ``calls`` calls."""
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        for index in range(calls):
            action(index)
        best = min(best, time.perf_counter() - start)
    return calls / best


def _tenants(users: int, folder: Path) -> dict[str, cs.Tenant]:
    durable = cs.Tenant.demo(users=users, store=SqliteStore(folder / f"bench-{users}.db"))
    return {"memory": cs.Tenant.demo(users=users), "sqlite": durable}


def calls_per_second(folder: Path, users: int) -> None:
    print(f"Set-CsOnlineDialInConferencingUser -AllowTollFreeDialIn, tenant of {users:,} users")
    upns = [_upn(i, users) for i in range(CALLS)]
    lines = [
        f"Set-CsOnlineDialInConferencingUser -Identity {upn} -AllowTollFreeDialIn ${i % 2 == 0}"
        for i, upn in enumerate(upns)
    ]
    for kind, tenant in _tenants(users, folder).items():
        setter, invoke = tenant.set_cs_online_dial_in_conferencing_user, tenant.invoke
        python = _rate(CALLS, lambda i, s=setter: s(upns[i], allow_toll_free_dial_in=i % 2 == 0))
        text = _rate(CALLS // 4, lambda i, run=invoke: run(lines[i]))
        print(f"  {kind:<7} Pythonic function: {python:>9,.0f} calls/s   invoke: {text:>9,.0f} calls/s")
        tenant.close()


def _bulk_seconds(path: Path, users: int, calls: int) -> float:
    tenant = cs.Tenant.demo(users=users, store=SqliteStore(path))
    setter = tenant.set_cs_online_dial_in_conferencing_user
    upns = [_upn(index, users) for index in range(calls)]  # formatted before the clock starts, as above
    start = time.perf_counter()
    with tenant.transaction():
        for index in range(calls):
            setter(upns[index], allow_toll_free_dial_in=index % 2 == 0)
    elapsed = time.perf_counter() - start
    tenant.close()
    return elapsed


def durable_bulk(folder: Path, users: int, calls: int = 100_000) -> None:
    elapsed = min(_bulk_seconds(folder / f"bulk-{attempt}.db", users, calls) for attempt in range(REPEAT))
    print(
        f"{calls:,} Set-User calls in one SQLite transaction ({users:,} users): {elapsed:.2f} s "
        f"({calls / elapsed:,.0f} calls/s)"
    )


def _import_time(statement: str, runs: int = 7) -> float:
    """The median time of a whole ``python -c statement``, as a user's Python runs it: with
    bytecode cached. pip compiles installed libraries; a checkout gets its cache on the first
    import, unless PYTHONDONTWRITEBYTECODE is set, which would charge only our side a compile."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", statement], check=True, env=env)  # writes the cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time() -> None:
    ours = _import_time("import cscmdlets")
    base = _import_time("import pydantic, email_validator, jinja2, phonenumbers")
    print(
        f"python -c 'import cscmdlets': {ours * 1000:.0f} ms; python -c 'import pydantic, email_validator, "
        f"jinja2, phonenumbers': {base * 1000:.0f} ms; ratio {ours / base:.2f} (goal <= 1.5)"
    )


def scaling(folder: Path, max_users: int) -> None:
    print("Per-call cost by tenant size (Pythonic Set-User, one transaction per call)")
    sizes = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= max_users]
    for users in sizes:
        for kind, tenant in _tenants(users, folder).items():
            setter = tenant.set_cs_online_dial_in_conferencing_user
            rate = _rate(5_000, lambda i, s=setter, n=users: s(_upn(i * 7919, n), allow_toll_free_dial_in=i % 2 == 0))
            print(f"  {users:>9,} users  {kind:<7} {1e6 / rate:7.1f} µs/call")
            tenant.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-users", type=int, default=1_000_000, help="largest tenant for the scaling run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        calls_per_second(path, 10_000)
        durable_bulk(path, 10_000)
        import_time()
        scaling(path, args.max_users)


if __name__ == "__main__":
    main()
