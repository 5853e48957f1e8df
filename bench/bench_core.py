"""Core benchmark: Set-User per call, tenant creation and memory, Get of all users — each as
a ratio to its floor, measured in the same run (bench/ratio.py).

The floors, plain Python doing the least each job needs:

* F1, Set-User in memory: a dict lookup, pydantic's ``BaseModel.model_copy(update=…)`` and a
  dict store (pydantic's own copy: the models' faster override is part of what is measured);
* F2, Set-User on SQLite, commit per call: BEGIN IMMEDIATE, SELECT, ``model_validate_json``,
  copy, dump, UPDATE, an audit INSERT, COMMIT (WAL, synchronous=NORMAL); F3: the same in one
  transaction;
* creating N users: N validated models in a dict (and ``executemany`` for SQLite); memory per
  user the same way;
* Get of all users: ``model_dump(by_alias=True)`` per user.

Times are CPU seconds, the best of ``--rounds`` rounds that alternate project and floor.
Run: ``python bench/bench_core.py [--quick] [--users N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel
from ratio import Figure, cpu, interleaved, memory, pin_module, report

import cscmdlets as cs
from cscmdlets.cmdlets.demo import demo_id
from cscmdlets.model import User
from cscmdlets.store.sqlite import SqliteStore

pin_module()


SET_USER = "Set-CsOnlineDialInConferencingUser"


def _upns(calls: int, users: int) -> list[str]:
    return [f"user{(index * 7919) % users + 1:07d}@contoso.com" for index in range(calls)]


def each(call: Callable[[int, str], object], items: list[str]) -> None:
    """``call(index, item)`` for each item, keeping no result: a list of 20,000 results kept
    alive would charge the project a cyclic collection or two that the floor never pays."""
    for index, item in enumerate(items):
        call(index, item)


# --- floors ------------------------------------------------------------------------------------


def floor_users(count: int) -> dict[str, User]:
    """``count`` validated users in a dict, with the demo tenant's generated values."""
    rng, bridge, users = random.Random(0), demo_id("Conference Bridge"), {}
    for index in range(1, count + 1):
        upn = f"user{index:07d}@contoso.com"
        salt = rng.getrandbits(128).to_bytes(16, "big")
        pin_hash = f"{salt.hex()}${hashlib.sha256(salt + b'%05d' % rng.randrange(100_000)).hexdigest()}"
        users[upn] = User(
            object_id=demo_id(upn),
            user_principal_name=upn,
            sip_address=f"sip:{upn}",
            display_name=f"User {index:07d}",
            logon_name=f"contoso\\user{index:07d}",
            primary_smtp_address=upn,
            bridge_id=bridge,
            conference_id=rng.randrange(1_000_000, 10_000_000),
            leader_pin_hash=pin_hash,
            leader_pin_length=5,
        )
    return users


def floor_set_in_memory(users: dict[str, User], upns: list[str]) -> None:
    for index, upn in enumerate(upns):
        users[upn] = BaseModel.model_copy(users[upn], update={"allow_toll_free_dial_in": index % 2 == 0})


_FLOOR_SCHEMA = (
    "CREATE TABLE users (object_id TEXT PRIMARY KEY, upn TEXT UNIQUE, sip TEXT, logon TEXT, name TEXT, data TEXT)",
    "CREATE INDEX users_sip ON users (sip)",
    "CREATE INDEX users_logon ON users (logon)",
    "CREATE INDEX users_name ON users (name)",
    "CREATE TABLE audit (sequence INTEGER PRIMARY KEY, data TEXT)",
)


def floor_database(path: Path, users: dict[str, User]) -> sqlite3.Connection:
    """The floor's SQLite file: the users' lookup columns and JSON, written with ``executemany``."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("BEGIN IMMEDIATE")
    for statement in _FLOOR_SCHEMA:
        db.execute(statement)
    rows = (
        (str(u.object_id), u.user_principal_name, u.sip_address, u.logon_name, u.display_name, u.model_dump_json())
        for u in users.values()
    )
    db.executemany("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.execute("COMMIT")
    return db


def _floor_update(db: sqlite3.Connection, upn: str, allow: bool) -> None:
    object_id, data = db.execute("SELECT object_id, data FROM users WHERE upn = ?", (upn,)).fetchone()
    after = User.model_validate_json(data).model_copy(update={"allow_toll_free_dial_in": allow})
    db.execute("UPDATE users SET data = ? WHERE object_id = ?", (after.model_dump_json(), object_id))
    audit = {"at": dt.datetime.now(dt.UTC).isoformat(), "command": SET_USER, "target": upn}
    audit |= {"before": {"AllowTollFreeDialIn": not allow}, "after": {"AllowTollFreeDialIn": allow}}
    db.execute("INSERT INTO audit (data) VALUES (?)", (json.dumps(audit),))


def floor_commit_per_call(db: sqlite3.Connection, upns: list[str]) -> None:
    for index, upn in enumerate(upns):
        db.execute("BEGIN IMMEDIATE")
        _floor_update(db, upn, index % 2 == 0)
        db.execute("COMMIT")


def floor_one_transaction(db: sqlite3.Connection, upns: list[str]) -> None:
    db.execute("BEGIN IMMEDIATE")
    for index, upn in enumerate(upns):
        _floor_update(db, upn, index % 2 == 0)
    db.execute("COMMIT")


# --- figures -----------------------------------------------------------------------------------


def _pair(
    name: str,
    project: Callable[[], float],
    floor: Callable[[], float],
    rounds: int,
    *,
    count: int,
    per: str = "call",
    goal: float | None = None,
) -> Figure:
    """A figure of ``count`` units (calls, users) per round, each side's best of ``rounds``."""
    best_project, best_floor = interleaved(project, floor, rounds=rounds)
    how = f"CPU, best of {rounds} alternating rounds"
    return Figure(name, best_project / count, best_floor / count, per=per, goal=goal, how=how)


def set_user_in_memory(users: int, calls: int, rounds: int) -> list[Figure]:
    tenant = cs.Tenant.demo(users=users)
    floor = floor_users(users)
    upns = _upns(calls, users)
    lines = [f"{SET_USER} -Identity {upn} -AllowTollFreeDialIn ${i % 2 == 0}" for i, upn in enumerate(upns)]
    setter, twin = tenant.set_cs_online_dial_in_conferencing_user, tenant.Set_CsOnlineDialInConferencingUser

    def pythonic() -> float:
        return cpu(lambda: each(lambda i, upn: setter(upn, allow_toll_free_dial_in=i % 2 == 0), upns))

    def twin_calls() -> float:
        return cpu(lambda: each(lambda i, upn: twin(upn, AllowTollFreeDialIn=i % 2 == 0), upns))

    def text() -> float:
        return cpu(lambda: each(lambda i, line: tenant.invoke(line), lines))

    # The same lines with a block comment, which the simple-line reader leaves to the parser.
    parsed = [line.replace(" -AllowTollFreeDialIn", " <# parsed #> -AllowTollFreeDialIn") for line in lines]

    def text_parsed() -> float:
        return cpu(lambda: each(lambda i, line: tenant.invoke(line), parsed))

    again = [lines[index % 10] for index in range(calls)]  # ten lines, each run again and again

    def text_again() -> float:
        return cpu(lambda: each(lambda i, line: tenant.invoke(line), again))

    size = f"{users:,} users"
    return [
        _pair(
            f"Set-User, Pythonic, memory, {size} / F1",
            pythonic,
            lambda: cpu(lambda: floor_set_in_memory(floor, upns)),
            rounds,
            count=calls,
            goal=3,
        ),
        _pair("Set-User, exact-name twin / Pythonic", twin_calls, pythonic, rounds, count=calls, goal=1.3),
        _pair("Set-User, invoke text / Pythonic", text, pythonic, rounds, count=calls, goal=2),
        _pair("Set-User, invoke, a line the parser reads / Pythonic", text_parsed, pythonic, rounds, count=calls),
        _pair("Set-User, invoke, a line run again / Pythonic", text_again, pythonic, rounds, count=calls),
    ]


def set_user_on_sqlite(folder: Path, users: int, calls: int, bulk_calls: int, rounds: int) -> list[Figure]:
    tenant = cs.Tenant.demo(users=users, store=SqliteStore(folder / "project.db"))
    db = floor_database(folder / "floor.db", floor_users(users))
    setter = tenant.set_cs_online_dial_in_conferencing_user
    upns, bulk_upns = _upns(calls, users), _upns(bulk_calls, users)

    def commit_per_call() -> float:
        return cpu(lambda: each(lambda i, upn: setter(upn, allow_toll_free_dial_in=i % 2 == 0), upns))

    def one_transaction() -> float:
        def run() -> None:
            with tenant.transaction():
                for index, upn in enumerate(bulk_upns):
                    setter(upn, allow_toll_free_dial_in=index % 2 == 0)

        return cpu(run)

    figures = [
        _pair(
            f"Set-User, SQLite, commit per call, {users:,} users / F2",
            commit_per_call,
            lambda: cpu(lambda: floor_commit_per_call(db, upns)),
            rounds,
            count=calls,
            goal=1.3,
        ),
        _pair(
            f"Set-User, SQLite, {bulk_calls:,} in one transaction / F3",
            one_transaction,
            lambda: cpu(lambda: floor_one_transaction(db, bulk_upns)),
            rounds,
            count=bulk_calls,
            goal=1.5,
        ),
    ]
    tenant.close()
    db.close()
    return figures


def creation(folder: Path, users: int, sqlite_users: int, rounds: int) -> list[Figure]:
    def sqlite_project() -> float:
        path = folder / f"create-{random.random()}.db"
        seconds = cpu(lambda: cs.Tenant.demo(users=sqlite_users, store=SqliteStore(path)).close())
        path.unlink()
        return seconds

    def sqlite_floor() -> float:
        path = folder / f"create-{random.random()}.db"
        seconds = cpu(lambda: floor_database(path, floor_users(sqlite_users)).close())
        path.unlink()
        return seconds

    empty = memory(lambda: cs.Tenant.demo())
    held = memory(lambda: cs.Tenant.demo(users=users)) - empty
    held_floor = memory(lambda: floor_users(users))
    size = f"{users:,}-user tenant"
    return [
        _pair(
            f"create a {size} in memory, CPU / floor",
            lambda: cpu(lambda: cs.Tenant.demo(users=users)),
            lambda: cpu(lambda: floor_users(users)),
            max(rounds // 2, 1),
            count=users,
            per="user",
            goal=1.5,
        ),
        Figure(
            f"memory of a {size} / floor",
            held / users,
            held_floor / users,
            unit="B",
            per="user",
            goal=1.3,
            how="tracemalloc, bytes held after a collection",
        ),
        _pair(
            f"create a {sqlite_users:,}-user tenant on SQLite / executemany",
            sqlite_project,
            sqlite_floor,
            max(rounds // 2, 1),
            count=sqlite_users,
            per="user",
        ),
    ]


def get_all_users(users: int, rounds: int) -> list[Figure]:
    tenant = cs.Tenant.demo(users=users)
    getter = tenant.get_cs_online_dial_in_conferencing_user
    stored = list(tenant.store.users())
    count = len(getter())

    def floor() -> float:
        return cpu(lambda: [user.model_dump(by_alias=True) for user in stored])

    return [
        _pair(
            f"Get all users, {users:,} users / model_dump",
            lambda: cpu(getter),
            floor,
            rounds,
            count=count,
            per="user",
            goal=2,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a check while developing")
    parser.add_argument("--users", type=int, help="the big tenant's size (default 1,000,000; --quick 20,000)")
    parser.add_argument("--rounds", type=int, help="alternating rounds per figure (default 5; --quick 3)")
    args = parser.parse_args()
    quick = args.quick
    rounds = args.rounds or (3 if quick else 5)
    big = args.users or (20_000 if quick else 1_000_000)
    figures = set_user_in_memory(10_000, 2_000 if quick else 20_000, rounds)
    with tempfile.TemporaryDirectory() as folder:
        figures += set_user_on_sqlite(
            Path(folder), 10_000, 1_000 if quick else 5_000, 10_000 if quick else 100_000, rounds
        )
        figures += creation(Path(folder), big, 10_000 if quick else 100_000, rounds)
    figures += get_all_users(2_000 if quick else 10_000, rounds)
    report("bench_core: cmdlets, store and model", figures)


if __name__ == "__main__":
    main()
