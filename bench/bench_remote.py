"""Benchmark the PSRP passthrough over loopback, as ratios to floors measured in the same run.

Starts ``python -m cscmdlets serve`` (a demo tenant with 1,000 generated users) in a
subprocess, so client and server do not share a GIL, then measures with the unmodified
pypsrp client:

* the round trip of one call through ``RemoteEngine`` against a raw pypsrp
  ``PowerShell.invoke()`` of the same command on the same server (goal: within 1.2 x;
  medians of 50),
* 1,000 Set-User calls one by one against the same calls in one ``batch()`` (goal: at least
  25 x faster, i.e. a batched call at most 0.04 of one sent alone; median of three batches),
  with the CPU time of client and server,
* throughput with 1, 4, 16 and 64 concurrent clients (threads, each its own
  ``RemoteEngine`` and shell), with p50/p99 latency per call (goal: p99 at 64 clients under
  2 s), and a check that no acknowledged update was lost.

The first two are also reported as ratios for ``bench/run_all.py``'s table.

Run: ``python bench/bench_remote.py [--users 1000] [--auth basic|ntlm]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ratio import Figure, pin_module
from ratio import report as report_figures

from cscmdlets.cmdlets.dialin_user import GET_USER, SET_USER
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.remote import RemoteEngine, RemoteHost

pin_module()


PASSWORD = "bench-Passw0rd"
BATCH_GOAL = 1 / 25  # a batched call costs at most a 25th of one sent alone


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` so far; Linux /proc, else 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall time, and the CPU time of this process and of the server, for one phase."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.wall = self.client = self.server = 0.0

    def __enter__(self) -> Clock:
        self._start = (time.perf_counter(), time.process_time(), cpu_seconds(self.server_pid))
        return self

    def __exit__(self, *exc: object) -> None:
        wall, client, server = self._start
        self.wall = time.perf_counter() - wall
        self.client = time.process_time() - client
        self.server = cpu_seconds(self.server_pid) - server


@contextmanager
def server(users: int, auth: str) -> Iterator[tuple[int, int]]:
    """A ``serve`` subprocess on a free loopback port; yields its port and process id."""
    env = {**os.environ, "CSCMDLETS_SERVE_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cscmdlets",
            "serve",
            "--demo",
            str(users),
            "--port",
            "0",
            "--auth",
            auth,
            "--user",
            "bench",
            "--max-shells-per-user",  # 64 clients, one account: above WinRM's default of 30
            "100",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        yield int(line.rsplit(":", 1)[1].split("/", 1)[0]), process.pid
    finally:
        process.terminate()
        process.wait(10)


def calls(users: int, allow: bool) -> list[BoundCommand]:
    return [
        bind_keywords(SET_USER, {"Identity": f"user{index:07d}@contoso.com", "AllowTollFreeDialIn": allow})
        for index in range(1, users + 1)
    ]


def round_trips(host: RemoteHost, engine: RemoteEngine, count: int) -> dict[str, float]:
    """Medians of the same Set-User through ``engine``, through pypsrp's own
    ``PowerShell.invoke()`` (the floor, one pool kept), and through ``invoke()`` followed by the
    ``close()`` that releases the pipeline on the host (which ``engine`` does too), taken in
    turn so all three see the same load on a busy machine."""
    from pypsrp.powershell import PowerShell, RunspacePool
    from pypsrp.wsman import WSMan

    times: dict[str, list[float]] = {"ours": [], "raw": [], "raw+close": []}
    with WSMan(**host.wsman_arguments()) as connection, RunspacePool(connection) as pool:
        for index in range(count + 1):
            for kind in ("raw", "raw+close"):
                ps = PowerShell(pool)
                ps.add_cmdlet("Set-CsOnlineDialInConferencingUser").add_parameter("Identity", "user0000001@contoso.com")
                ps.add_parameter("AllowTollFreeDialIn", index % 2 == 0)
                start = time.perf_counter()
                ps.invoke()
                if kind == "raw+close":
                    ps.close()
                times[kind].append(time.perf_counter() - start)
            command = bind_keywords(SET_USER, {"Identity": "user0000002@contoso.com", "AllowTollFreeDialIn": False})
            start = time.perf_counter()
            engine.invoke(command)
            times["ours"].append(time.perf_counter() - start)
    return {kind: statistics.median(values[1:]) for kind, values in times.items()}  # the first warms up


def throughput(host: RemoteHost, clients: int, calls_each: int) -> tuple[float, list[float], int]:
    """``clients`` threads, each with its own engine (opened before the clock starts), setting
    its own users; returns the wall time, every call's latency, and how many final values
    differ from the last one written (lost updates)."""
    latencies: list[float] = []
    expected: dict[str, bool] = {}
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1)

    def client(number: int) -> None:
        mine: list[float] = []
        with RemoteEngine(host) as engine:
            engine.open()
            ready.wait()
            for call in range(calls_each):
                identity = f"user{number * 8 + call % 8 + 1:07d}@contoso.com"  # eight users per client
                value = (call // 8 + number) % 2 == 0
                start = time.perf_counter()
                result = engine.invoke(bind_keywords(SET_USER, {"Identity": identity, "AllowTollFreeDialIn": value}))
                mine.append(time.perf_counter() - start)
                if result.errors:
                    raise result.errors[0].error or RuntimeError(result.errors[0].message)
                with lock:
                    expected[identity] = value
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    with RemoteEngine(host) as engine:
        lost = sum(
            bool(engine.invoke(bind_keywords(GET_USER, {"Identity": identity})).output[0].allow_toll_free_dial_in)
            != value
            for identity, value in expected.items()
        )
    return wall, latencies, lost


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--auth", choices=("basic", "ntlm"), default="basic")
    parser.add_argument("--calls-per-client", type=int, default=16)
    args = parser.parse_args()
    with server(args.users, args.auth) as (port, pid):
        http = {"encryption": "never"} if args.auth == "basic" else {}
        host = RemoteHost(
            "127.0.0.1", port=port, ssl=False, auth=args.auth, username="bench", password=PASSWORD, **http
        )  # type: ignore[arg-type]
        with RemoteEngine(host) as engine:
            engine.invoke(calls(1, True)[0])  # opens the pool
            rtts = round_trips(host, engine, 50)
            with Clock(pid) as one_by_one:
                for command in calls(args.users, False):
                    engine.invoke(command)
            batches = []
            for round_ in range(3):  # a batch is short, so it is timed three times: the median is shown
                commands = calls(args.users, round_ % 2 == 0)
                with Clock(pid) as clock, engine.batch():
                    for command in commands:
                        engine.invoke(command)
                batches.append(clock)
        loads = {n: throughput(host, n, args.calls_per_client) for n in (1, 4, 16, 64)}
    batch = sorted(batches, key=lambda c: c.wall)[1]
    report(args, rtts, one_by_one, batch, [b.wall for b in batches])
    report_throughput(loads)


def report(args: argparse.Namespace, rtts: dict[str, float], one: Clock, batch: Clock, walls: list[float]) -> None:
    n = args.users
    print(
        f"auth={args.auth} users={n} (loopback, server in a subprocess; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    ours, raw, closed = rtts["ours"], rtts["raw"], rtts["raw+close"]
    print(
        f"round trip of one call : {ours * 1000:8.1f} ms vs raw pypsrp invoke() {raw * 1000:.1f} ms = "
        f"{ours / raw:.2f} x (goal: <= 1.2 x); vs invoke() + close() {closed * 1000:.1f} ms = "
        f"{ours / closed:.2f} x (medians of 50)"
    )
    print(
        f"{n} calls one by one : {one.wall:8.2f} s ({one.wall / n * 1000:.1f} ms/call)   "
        f"CPU client {one.client:.2f} s + server {one.server:.2f} s"
    )
    print(
        f"{n} calls in a batch : {batch.wall:8.2f} s ({batch.wall / n * 1000:.2f} ms/call)   "
        f"CPU client {batch.client:.2f} s + server {batch.server:.2f} s "
        f"(median of {', '.join(f'{w:.2f}' for w in walls)})"
    )
    print(
        f"speed-up               : {one.wall / batch.wall:8.1f} x wall, "
        f"{(one.client + one.server) / max(batch.client + batch.server, 1e-9):.1f} x CPU "
        f"(goal: >= {1 / BATCH_GOAL:g} x)"
    )
    report_figures(
        "bench_remote: PSRP passthrough over loopback",
        [
            Figure("remote call / raw pypsrp invoke() of it", ours, raw, goal=1.2, how="wall, median of 50"),
            Figure(
                f"{n:,} remote calls in one batch() / one by one",
                batch.wall / n,
                one.wall / n,
                goal=BATCH_GOAL,
                how="wall, median of 3 batches",
            ),
        ],
    )


def report_throughput(loads: dict[int, tuple[float, list[float], int]]) -> None:
    for clients, (wall, latencies, lost) in loads.items():
        print(
            f"{clients:2d} concurrent clients : {len(latencies) / wall:7.1f} calls/s   p50 "
            f"{percentile(latencies, 0.5) * 1000:7.1f} ms   p99 {percentile(latencies, 0.99) * 1000:7.1f} ms   "
            f"lost updates {lost}" + ("   (goal: p99 < 2000 ms)" if clients == 64 else "")
        )


if __name__ == "__main__":
    main()
