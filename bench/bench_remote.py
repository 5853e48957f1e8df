"""Benchmark the PSRP passthrough over loopback (issue 5 "Done when").

Starts ``python -m cscmdlets.remote.serve`` (a demo tenant with 1,000 generated users) in a
subprocess, so client and server do not share a GIL, then measures with the unmodified
pypsrp client through ``RemoteEngine``:

* the round-trip time of one call (median of 50 Set-User calls),
* 1,000 Set-User calls one by one,
* the same 1,000 calls in one ``batch()`` (goal: at least 20 x faster; median of three).

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

from cscmdlets.cmdlets import SET_USER
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.remote import RemoteEngine, RemoteHost

PASSWORD = "bench-Passw0rd"


@contextmanager
def server(users: int, auth: str) -> Iterator[int]:
    """A ``serve`` subprocess on a free loopback port; yields the port."""
    env = {**os.environ, "CSCMDLETS_SERVE_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [sys.executable, "-m", "cscmdlets.remote.serve", "--demo", str(users), "--port", "0", "--auth", auth,
         "--user", "bench"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stdout.readline() if process.stdout else ""
        yield int(line.rsplit(":", 1)[1].split("/", 1)[0])
    finally:
        process.terminate()
        process.wait(10)


def calls(users: int, allow: bool) -> list[BoundCommand]:
    return [bind_keywords(SET_USER, {"Identity": f"user{index:07d}@contoso.com", "AllowTollFreeDialIn": allow})
            for index in range(1, users + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--auth", choices=("basic", "ntlm"), default="basic")
    args = parser.parse_args()
    with server(args.users, args.auth) as port:
        http = {"encryption": "never"} if args.auth == "basic" else {}
        host = RemoteHost("127.0.0.1", port=port, ssl=False, auth=args.auth, username="bench",
                          password=PASSWORD, **http)  # type: ignore[arg-type]
        with RemoteEngine(host) as engine:
            engine.invoke(calls(1, True)[0])  # opens the pool
            rtts = []
            for command in calls(50, False):
                start = time.perf_counter()
                engine.invoke(command)
                rtts.append(time.perf_counter() - start)
            one_by_one = time.perf_counter()
            for command in calls(args.users, False):
                engine.invoke(command)
            one_by_one = time.perf_counter() - one_by_one
            batches = []
            for round_ in range(3):  # a batch is short, so it is timed three times: the median is shown
                commands = calls(args.users, round_ % 2 == 0)
                start = time.perf_counter()
                with engine.batch():
                    for command in commands:
                        engine.invoke(command)
                batches.append(time.perf_counter() - start)
            batch = statistics.median(batches)
    print(f"auth={args.auth} users={args.users} (loopback, server in a subprocess)")
    print(f"round trip of one call : {statistics.median(rtts) * 1000:8.1f} ms (median of 50)")
    print(f"{args.users} calls one by one : {one_by_one:8.2f} s ({one_by_one / args.users * 1000:.1f} ms/call)")
    print(f"{args.users} calls in a batch : {batch:8.2f} s ({batch / args.users * 1000:.2f} ms/call; "
          f"median of {', '.join(f'{b:.2f}' for b in batches)})")
    print(f"speed-up               : {one_by_one / batch:8.1f} x (goal: >= 20 x)")


if __name__ == "__main__":
    main()
