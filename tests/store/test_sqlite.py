"""The durable store on disk: WAL, schema version, reopening, and two processes at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import AMOS, KEN, snapshot, user_of

import cscmdlets as cs
from cscmdlets.store.base import SCHEMA_VERSION, StoreError
from cscmdlets.store.sqlite import SqliteStore


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(
        StoreError,
        match=f"has schema {SCHEMA_VERSION + 1}; this cscmdlets reads up to {SCHEMA_VERSION}. Upgrade cscmdlets.",
    ):
        SqliteStore(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(cs.PowerShellError) as info:
        cs.Tenant.open(path)
    assert info.value.error_id == "TenantStoreUnavailable"
    assert str(info.value).startswith(f"Cannot open the tenant store '{path}'")


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "tenant.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        [shown] = tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True)
        tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=8)
        tenant.add_user("new.user@contoso.com", "New User")
        before = snapshot(tenant)
    with cs.Tenant.open(path, seed="demo") as tenant:
        assert snapshot(tenant) == before
        stored = user_of(tenant, AMOS)
        from cscmdlets.cmdlets.backend import pin_matches

        assert stored.leader_pin_hash is not None and pin_matches(shown.leader_pin or "", stored.leader_pin_hash)


def test_indexed_columns_follow_every_kind_of_change(tmp_path: Path) -> None:
    """A change of data only is written with a lighter UPDATE; identity, bridge and conference
    ID changes must still reach the indexed columns that lookups and uniqueness rely on."""
    path = tmp_path / "tenant.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        old_id = user_of(tenant, KEN).conference_id
        with tenant.transaction():
            tenant.set_cs_online_dial_in_conferencing_user(AMOS, allow_toll_free_dial_in=False)  # data only
            with pytest.warns(cs.CmdletWarning, match="ConferenceId parameter is deprecated"):
                tenant.set_cs_online_dial_in_conferencing_user(KEN, conference_id=7654321)
            tenant.set_cs_online_dial_in_conferencing_user(
                "pilar.ackerman@contoso.com", bridge_name="Conference Bridge"
            )
    with sqlite3.connect(path) as db:
        columns = dict(db.execute("SELECT upn, conference_id FROM users").fetchall())
    with cs.Tenant.open(path) as tenant:
        assert user_of(tenant, AMOS).allow_toll_free_dial_in is False
        assert columns[KEN] == 7654321 and user_of(tenant, KEN).conference_id == 7654321
        pilar = user_of(tenant, "pilar.ackerman@contoso.com")
        assert columns["pilar.ackerman@contoso.com"] == pilar.conference_id
        with tenant.store.transaction():
            bridge = tenant.store.bridge(pilar.bridge_id)
            assert bridge is not None and bridge.name == "Conference Bridge"
            assert tenant.store.conference_id_owner(bridge.identity, 7654321) == user_of(tenant, KEN).object_id
            assert tenant.store.conference_id_owner(bridge.identity, old_id or 0) is None


def test_a_user_changed_in_a_transaction_still_holds_its_seat(tmp_path: Path) -> None:
    """A change that keeps the user's keys and seat (a flag) is the overlay's shortcut: the
    user is still found by its stored keys and still owns its conference ID, so no one else
    may take it in the same transaction."""
    with cs.Tenant.open(tmp_path / "tenant.db", seed="demo") as tenant:
        ken = user_of(tenant, KEN)
        assert ken.bridge_id is not None and ken.conference_id is not None
        store = tenant.store
        with store.transaction():
            store.save_user(ken.model_copy(update={"allow_toll_free_dial_in": not ken.allow_toll_free_dial_in}))
            assert store.conference_id_owner(ken.bridge_id, ken.conference_id) == ken.object_id
            assert [u.object_id for u in store.find_users(KEN)] == [ken.object_id]
            with pytest.raises(cs.PowerShellError, match="already in use"):
                tenant.set_cs_online_dial_in_conferencing_user(
                    AMOS, conference_id=ken.conference_id, warning_action="SilentlyContinue"
                )
        assert user_of(tenant, AMOS).conference_id != ken.conference_id


def test_a_seat_given_up_is_taken_by_a_seatless_user_in_the_same_commit(tmp_path: Path) -> None:
    """A user whose only change of columns is its seat is written with a narrower UPDATE; the
    seat another user gives up in the same commit is freed first, whatever the order."""
    path = tmp_path / "tenant.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        ken = user_of(tenant, KEN)
        bridge, seat = ken.bridge_id, ken.conference_id
        assert bridge is not None and seat is not None
        store = tenant.store
        with store.transaction():
            store.save_user(store.find_users(AMOS)[0].model_copy(update={"conference_id": None}))
        with store.transaction():  # the seatless user first, the one giving the seat up after
            store.save_user(store.find_users(AMOS)[0].model_copy(update={"bridge_id": bridge, "conference_id": seat}))
            store.save_user(store.find_users(KEN)[0].model_copy(update={"conference_id": None}))
    with sqlite3.connect(path) as db:
        columns = dict(db.execute("SELECT upn, conference_id FROM users").fetchall())
    assert columns[AMOS] == seat and columns[KEN] is None
    with cs.Tenant.open(path) as tenant:
        amos = user_of(tenant, AMOS)
        with tenant.store.transaction():
            assert tenant.store.conference_id_owner(bridge, seat) == amos.object_id
        assert amos.conference_id == seat and user_of(tenant, KEN).conference_id is None


def test_changes_of_another_connection_are_seen(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    first = cs.Tenant.open(path, seed="demo")
    second = cs.Tenant.open(path)
    try:
        assert first.get_cs_online_dial_in_conferencing_user(KEN)[0].bridge_name == "Conference Bridge"
        second.set_cs_online_dial_in_conferencing_user(KEN, bridge_name="EMEA Bridge")
        second.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=11)
        second.add_user("new.user@contoso.com", "New User")
        assert first.get_cs_online_dial_in_conferencing_user(KEN)[0].bridge_name == "EMEA Bridge"
        assert first.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 11
        assert first.get_cs_online_dial_in_conferencing_user("New User")[0].identity == "new.user@contoso.com"
    finally:
        first.close()
        second.close()


WORKER = textwrap.dedent("""
    import sys
    import cscmdlets as cs
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with cs.Tenant.open(path, actor=name) as tenant:
        for index in range(count):
            tenant.add_user(f"{name}-{index}@contoso.com", f"{name} {index}")
            tenant.set_cs_online_dial_in_conferencing_user("ken.myer@contoso.com", reset_leader_pin=True)
""")


def test_two_processes_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    cs.Tenant.open(path, seed="demo").close()
    count = 25
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), name, str(count)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for name in ("left", "right")
    ]
    for worker in workers:
        _, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stderr.decode()
    with cs.Tenant.open(path) as tenant:
        users = tenant.get_cs_online_dial_in_conferencing_user()
        assert len(users) == 3 + 2 * count
        assert len({(u.bridge_id, u.conference_id) for u in users}) == len(users)  # unique per bridge
        entries = tenant.audit()
        assert len(entries) == 4 * count
        assert sorted({e.actor for e in entries}) == ["left", "right"]
        assert [e.sequence for e in entries] == list(range(1, 4 * count + 1))
        assert len(tenant.outbox) == 4 * count


def test_killed_writer_leaves_a_sound_file(tmp_path: Path) -> None:
    """A process killed mid-write loses at most its open transaction (never corrupt)."""
    import signal
    import time

    path = tmp_path / "tenant.db"
    cs.Tenant.open(path, seed="demo").close()
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), "victim", "100000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.1)
        with cs.Tenant.open(path) as tenant, tenant.store.transaction():
            if tenant.store.count_users() >= 8:
                break
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with cs.Tenant.open(path) as tenant:
        added = [u for u in tenant.get_cs_online_dial_in_conferencing_user() if u.identity.startswith("victim-")]
        audited = [e for e in tenant.audit() if e.command == "Add-EmulatedUser"]
        assert len(added) == len(audited) >= 3  # each user came with its audit entry, or not at all


def test_a_value_sqlite_cannot_encode_fails_the_command_and_keeps_the_tenant_usable(tmp_path: Path) -> None:
    with cs.Tenant.open(tmp_path / "tenant.db", seed="demo") as tenant:
        before = snapshot(tenant)
        with pytest.raises(cs.PowerShellError) as info:
            tenant.set_cs_online_dial_in_conferencing_tenant_settings(send_email_from_display_name="Admin \ud800")
        # Refused at binding (the text cannot be stored) or at the commit: a PowerShell error either way.
        assert info.value.error_id in ("CannotConvertArgumentNoMessage", "TenantStoreUnavailable")
        assert snapshot(tenant) == before
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)  # the write lock was released
        assert len(tenant.audit()) == 1


def test_an_identity_with_a_lone_surrogate_is_a_powershell_error(tmp_path: Path) -> None:
    with cs.Tenant.open(tmp_path / "tenant.db", seed="demo") as tenant:
        calls: tuple[Callable[[], object], ...] = (
            lambda: tenant.get_cs_online_dial_in_conferencing_user("amos\ud800"),
            lambda: tenant.invoke("Get-CsOnlineDialInConferencingUser -Identity 'amos\ud800'"),
        )
        for call in calls:
            with pytest.raises(cs.PowerShellError) as info:
                call()
            assert info.value.error_id in ("CannotConvertArgumentNoMessage", "UserNotFound")
        with tenant.store.transaction():
            assert tenant.store.find_users("amos\ud800") == []  # the store itself finds no one


def test_a_bulk_listing_keeps_the_collector_on_and_walks_no_extra_ids(tmp_path: Path) -> None:
    """Listing many stored users pauses the cyclic collector only while decoding, and each
    row's id is its user's own object_id (no second UUID per user), before and after a lookup."""
    import gc

    path = tmp_path / "tenant.db"
    cs.Tenant.demo(users=200, store=SqliteStore(path)).close()
    with cs.Tenant.open(path) as tenant:
        looked_up = user_of(tenant, AMOS)  # decoded by a lookup before the listing
        with tenant.store.transaction():
            first = list(tenant.store.users())
            again = list(tenant.store.users())
        assert gc.isenabled()
        assert [u.object_id for u in first] == [u.object_id for u in again]
        assert len(first) == len({u.object_id for u in first}) == tenant.store.count_users()
        assert next(u for u in first if u.object_id == looked_up.object_id) == looked_up
        store = tenant.store
        assert isinstance(store, SqliteStore)
        ids = store._cache["ids"]  # the cache is what is under test
        by_id = {u.object_id: u for u in first}
        assert all(ids[str(object_id)] is by_id[object_id].object_id for object_id in by_id)


def test_saving_many_users_reads_the_stored_ones_in_batches_and_writes_all(tmp_path: Path) -> None:
    """save_users with users stored and new, more than one read batch: every one is written
    (the stored ones updated in place, the new ones added), as saving them one by one would."""
    path = tmp_path / "tenant.db"
    cs.Tenant.demo(users=1_200, store=SqliteStore(path)).close()
    with cs.Tenant.open(path) as tenant:
        with tenant.store.transaction():
            stored = [u for u in tenant.store.users() if u.user_principal_name.startswith("user")]
        renamed = [u.model_copy(update={"department": "Renamed"}) for u in stored]
        new = [
            stored[0].model_copy(
                update={
                    "object_id": uuid.UUID(int=index + 1),
                    "user_principal_name": f"new{index}@contoso.com",
                    "sip_address": f"sip:new{index}@contoso.com",
                    "logon_name": f"contoso\\new{index}",
                    "display_name": f"New {index}",
                    "conference_id": None,
                }
            )
            for index in range(3)
        ]
    store = SqliteStore(path)  # a fresh connection: nothing read yet
    with store.transaction():
        store.save_users([*renamed, *new])
    store.close()
    with cs.Tenant.open(path) as tenant, tenant.store.transaction():
        listed = {u.object_id: u for u in tenant.store.users()}
        assert all(listed[u.object_id] == u for u in [*renamed, *new])
        assert tenant.store.count_users() == len(listed)
        assert tenant.store.find_users("new1@contoso.com") == [new[1]]
