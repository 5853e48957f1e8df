"""Benchmark the PSRP passthrough over loopback (issue 5 "Done when").

Starts ``python -m cscmdlets serve`` (a demo tenant with 1,000 generated users) in a
subprocess, so client and server do not share a GIL, then measures with the unmodified
pypsrp client through ``RemoteEngine``:

* the round-trip time of one call (median of 50 Set-User calls),
* 1,000 Set-User calls one by one,
* the same 1,000 calls in one ``batch()`` (goal: at least 20 x faster; median of three),

each with the CPU time spent by the client and by the server, which a busy machine does
not distort as it does wall time.

Run: ``python bench/bench_remote.py [--users 1000] [--auth basic|ntlm]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cscmdlets.cmdlets.dialin_user import SET_USER
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.remote import RemoteEngine, RemoteHost

PASSWORD = "bench-Passw0rd"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--auth", choices=("basic", "ntlm"), default="basic")
    args = parser.parse_args()
    with server(args.users, args.auth) as (port, pid):
        http = {"encryption": "never"} if args.auth == "basic" else {}
        host = RemoteHost(
            "127.0.0.1", port=port, ssl=False, auth=args.auth, username="bench", password=PASSWORD, **http
        )  # type: ignore[arg-type]
        with RemoteEngine(host) as engine:
            engine.invoke(calls(1, True)[0])  # opens the pool
            rtts = []
            for command in calls(50, False):
                start = time.perf_counter()
                engine.invoke(command)
                rtts.append(time.perf_counter() - start)
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
    batch = sorted(batches, key=lambda c: c.wall)[1]
    report(args, statistics.median(rtts), one_by_one, batch, [b.wall for b in batches])


def report(args: argparse.Namespace, rtt: float, one: Clock, batch: Clock, walls: list[float]) -> None:
    n = args.users
    print(
        f"auth={args.auth} users={n} (loopback, server in a subprocess; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"round trip of one call : {rtt * 1000:8.1f} ms (median of 50)")
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
        f"{(one.client + one.server) / max(batch.client + batch.server, 1e-9):.1f} x CPU (goal: >= 20 x)"
    )


if __name__ == "__main__":
    main()
