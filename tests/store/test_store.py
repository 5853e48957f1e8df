"""The Store protocol: MemoryStore and SqliteStore pass the same tests, directly and
through ``tenant.transaction()``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from helpers import AMOS, KEN, NOW, PILAR, snapshot, user_of

import cscmdlets as cs
from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE, EMEA_BRIDGE
from cscmdlets.model import AuditEntry, Change, ChangeKind, OutboxEntry, ServiceNumber, User
from cscmdlets.store.index import CompactingUndoLog
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

Store = MemoryStore | SqliteStore


class Boom(Exception):
    pass


def make_user(alias: str, *, bridge: uuid.UUID | None = None, conference_id: int | None = None) -> User:
    upn = f"{alias}@contoso.com"
    return User(
        object_id=uuid.uuid5(uuid.NAMESPACE_DNS, upn),
        user_principal_name=upn,
        sip_address=f"sip:{upn}",
        display_name=alias.title(),
        logon_name=f"contoso\\{alias}",
        bridge_id=bridge,
        conference_id=conference_id,
    )


def audit_entry(target: str) -> AuditEntry:
    return AuditEntry(at=NOW, actor="admin", command="Test", parameters={}, target=target, before=None, after=None)


def outbox_entry(recipient: str) -> OutboxEntry:
    return OutboxEntry(
        created_at=NOW,
        kind="ConferenceInfo",
        user_id=None,
        recipient=recipient,
        sender="no-reply@contoso.com",
        subject="s",
        raw=b"raw bytes",
    )


def test_users_round_trip(store: Store) -> None:
    user = make_user("ann", bridge=CONFERENCE_BRIDGE.identity, conference_id=1234567)
    with store.transaction():
        store.save_user(user)
    with store.transaction():
        assert store.user(user.object_id) == user
        assert store.count_users() == 1
        assert list(store.users()) == [user]
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1234567) == user.object_id
        assert store.conference_id_owner(EMEA_BRIDGE.identity, 1234567) is None
        for key in user.identity_keys():
            assert store.find_users(key) == [user]
        assert store.find_users("nobody") == []


def test_reads_see_the_open_transactions_writes(store: Store) -> None:
    ann = make_user("ann", bridge=CONFERENCE_BRIDGE.identity, conference_id=1234567)
    with store.transaction():
        store.save_user(ann)
    with store.transaction():
        renamed = ann.model_copy(update={"display_name": "Ann Other", "conference_id": 7654321})
        store.save_user(renamed)
        assert store.find_users("ann other") == [renamed]
        assert store.find_users("ann") == []
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1234567) is None
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 7654321) == ann.object_id
        store.delete_user(ann.object_id)
        assert store.user(ann.object_id) is None and store.count_users() == 0 and list(store.users()) == []
    with store.transaction():
        assert store.count_users() == 0


def test_identity_lookups_follow_renames_inside_a_transaction(store: Store) -> None:
    """SqliteStore's overlay keys only the users whose names changed: every other changed user
    must still be found by its stored keys, and a renamed one only by its new ones."""
    ann, bob = make_user("ann"), make_user("bob")
    with store.transaction():
        store.save_users([ann, bob])
    with store.transaction():
        flagged = ann.model_copy(update={"allow_toll_free_dial_in": False})
        store.save_user(flagged)
        assert [store.find_users(key) for key in ann.identity_keys()] == [[flagged]] * 6
        renamed = flagged.model_copy(update={"display_name": "Bob"})
        store.save_user(renamed)
        assert store.find_users("ann") == []
        assert sorted(u.user_principal_name for u in store.find_users("bob")) == ["ann@contoso.com", "bob@contoso.com"]
        assert store.find_users("ann@contoso.com") == [renamed]
        store.save_user(flagged)
        assert store.find_users("ann") == [flagged] and store.find_users("bob") == [bob]
        store.delete_user(bob.object_id)
        assert store.find_users("bob") == [] and store.find_users("bob@contoso.com") == []
        with pytest.raises(Boom), store.transaction():
            store.save_user(flagged.model_copy(update={"display_name": "Carl"}))
            raise Boom
        assert store.find_users("ann") == [flagged] and store.find_users("carl") == []
    with store.transaction():
        assert store.find_users("ann") == [flagged] and store.find_users("bob") == []


def test_conference_ids_can_be_swapped_in_one_transaction(store: Store) -> None:
    ann = make_user("ann", bridge=CONFERENCE_BRIDGE.identity, conference_id=1111111)
    bob = make_user("bob", bridge=CONFERENCE_BRIDGE.identity, conference_id=2222222)
    with store.transaction():
        store.save_users([ann, bob])
    with store.transaction():
        store.save_user(ann.model_copy(update={"conference_id": 2222222}))
        store.save_user(bob.model_copy(update={"conference_id": 1111111}))
    with store.transaction():
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 2222222) == ann.object_id
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1111111) == bob.object_id


def test_a_data_only_update_takes_back_a_seat_another_user_took(store: Store) -> None:
    ann = make_user("ann", bridge=CONFERENCE_BRIDGE.identity, conference_id=1111111)
    bob = make_user("bob", bridge=CONFERENCE_BRIDGE.identity, conference_id=2222222)
    with store.transaction():
        store.save_users([ann, bob])
    with pytest.raises(Boom), store.transaction():  # two users on one seat: rolled back, never committed
        store.save_user(ann.model_copy(update={"allow_toll_free_dial_in": True}))
        store.save_user(bob.model_copy(update={"conference_id": 1111111}))
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1111111) == bob.object_id
        store.save_user(ann.model_copy(update={"allow_toll_free_dial_in": False}))  # same keys, same seat
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1111111) == ann.object_id
        raise Boom


def test_listing_order_is_insertion_order_and_survives_updates(store: Store) -> None:
    users = [make_user(alias) for alias in ("ann", "bob", "cat")]
    with store.transaction():
        store.save_users(users)
    with store.transaction():
        store.save_user(users[0].model_copy(update={"display_name": "Ann B"}))
        assert [u.user_principal_name for u in store.users()] == [u.user_principal_name for u in users]
    with store.transaction():
        assert [u.user_principal_name for u in store.users()] == [u.user_principal_name for u in users]


def test_bridge_and_number_order_survives_updates(store: Store) -> None:
    with store.transaction():
        store.save_bridge(CONFERENCE_BRIDGE)
        store.save_bridge(EMEA_BRIDGE)
        store.save_service_number(ServiceNumber(number="14255550100"))
        store.save_service_number(ServiceNumber(number="12065550100"))
    with store.transaction():
        store.save_bridge(CONFERENCE_BRIDGE.model_copy(update={"name": "Renamed"}))
        store.save_service_number(ServiceNumber(number="14255550100", primary_language="de-DE"))
    with store.transaction():
        assert [b.name for b in store.bridges()] == ["Renamed", "EMEA Bridge"]
        assert [n.number for n in store.service_numbers()] == ["14255550100", "12065550100"]
        store.delete_service_number("14255550100")
        assert [n.number for n in store.service_numbers()] == ["12065550100"]


def test_failed_transaction_changes_nothing(store: Store) -> None:
    ann = make_user("ann")
    with store.transaction():
        store.save_user(ann)
        store.save_bridge(CONFERENCE_BRIDGE)
    with pytest.raises(Boom), store.transaction():
        store.save_user(ann.model_copy(update={"display_name": "Changed"}))
        store.save_user(make_user("bob"))
        store.delete_user(ann.object_id)
        store.save_bridge(CONFERENCE_BRIDGE.model_copy(update={"name": "Changed"}))
        store.save_settings(store.settings().model_copy(update={"pin_length": 9}))
        store.append_audit(audit_entry("x"))
        store.add_outbox(outbox_entry("x@contoso.com"))
        raise Boom
    with store.transaction():
        assert list(store.users()) == [ann]
        assert store.find_users("changed") == []
        assert store.bridges() == [CONFERENCE_BRIDGE]
        assert store.settings().pin_length == 5
        assert store.audit_entries() == [] and store.outbox() == []


def test_users_saved_in_a_batch_roll_back_with_later_changes_to_them(store: Store) -> None:
    ann, bob, cat = make_user("ann"), make_user("bob"), make_user("cat")
    with store.transaction():
        store.save_user(ann)
    with pytest.raises(Boom), store.transaction():
        renamed_bob = bob.model_copy(update={"display_name": "Bob Renamed"})  # the batch changes what it added
        store.save_users([bob, ann.model_copy(update={"display_name": "Ann Changed"}), renamed_bob, cat])
        store.save_user(bob.model_copy(update={"display_name": "Bob Changed"}))  # a later change to an added user
        with store.transaction():
            store.save_user(cat.model_copy(update={"display_name": "Cat Changed"}))
        raise Boom
    with store.transaction():
        assert list(store.users()) == [ann]
        assert store.find_users("bob@contoso.com") == store.find_users("bob renamed") == []
        assert store.find_users("ann changed") == [] and store.find_users("ann") == [ann]


def test_savepoints(store: Store) -> None:
    with store.transaction():
        store.save_user(make_user("ann"))
        with pytest.raises(Boom), store.transaction():
            store.save_user(make_user("bob"))
            store.append_audit(audit_entry("bob"))
            raise Boom
        with store.transaction():
            store.save_user(make_user("cat"))
            store.append_audit(audit_entry("cat"))
    with store.transaction():
        assert [u.user_principal_name for u in store.users()] == ["ann@contoso.com", "cat@contoso.com"]
        assert [(e.sequence, e.target) for e in store.audit_entries()] == [(1, "cat")]


def test_a_failed_savepoint_keeps_the_outer_transactions_writes_to_the_same_user(store: Store) -> None:
    """The transaction's own writes (made outside any savepoint) survive a savepoint that
    changes the same user and log, then fails."""
    ann = make_user("ann")
    renamed = ann.model_copy(update={"display_name": "Ann Outer"})
    with store.transaction():
        store.save_user(ann)
    with store.transaction():
        store.save_user(renamed)
        store.append_audit(audit_entry("outer"))
        with pytest.raises(Boom), store.transaction():
            store.save_user(renamed.model_copy(update={"display_name": "Ann Inner"}))
            store.append_audit(audit_entry("inner"))
            raise Boom
        assert store.find_users("ann outer") == [renamed] and store.find_users("ann inner") == []
    with store.transaction():
        assert list(store.users()) == [renamed]
        assert [e.target for e in store.audit_entries()] == ["outer"]


def test_outbox_numbers_continue_after_a_failed_savepoint(store: Store) -> None:
    """A message queued by a command that failed gives its number back; the next one takes it."""
    with store.transaction():
        assert store.add_outbox(outbox_entry("a@contoso.com")) == 1
        with pytest.raises(Boom), store.transaction():
            assert store.add_outbox(outbox_entry("b@contoso.com")) == 2
            raise Boom
        assert store.add_outbox(outbox_entry("c@contoso.com")) == 2
        store.update_outbox(store.outbox()[0].model_copy(update={"attempts": 1}))
        assert store.add_outbox(outbox_entry("d@contoso.com")) == 3
    with store.transaction():
        assert [(e.sequence, e.recipient) for e in store.outbox()] == [
            (1, "a@contoso.com"),
            (2, "c@contoso.com"),
            (3, "d@contoso.com"),
        ]


def test_logs_are_numbered(store: Store) -> None:
    user_id = uuid.uuid4()
    with store.transaction():
        store.append_audit(audit_entry("a"))
        assert store.add_outbox(outbox_entry("a@contoso.com")) == 1
        store.append_change(
            Change(at=NOW, command="Test", user_id=user_id, kinds=(ChangeKind.PIN_RESET,), new_pin="12345")
        )
    with store.transaction():
        store.append_audit(audit_entry("b"))
        assert store.add_outbox(outbox_entry("b@contoso.com")) == 2
        assert [(e.sequence, e.target) for e in store.audit_entries()] == [(1, "a"), (2, "b")]
        [change] = store.changes()
        assert change.kinds == (ChangeKind.PIN_RESET,)
        first, _ = store.outbox()
        assert (first.sequence, first.recipient, first.raw) == (1, "a@contoso.com", b"raw bytes")
        store.update_outbox(first.model_copy(update={"attempts": 1, "last_error": "refused"}))
    with store.transaction():
        assert (store.outbox()[0].attempts, store.outbox()[0].last_error) == (1, "refused")


def test_new_pin_never_reaches_the_store(store: Store, tenant: cs.Tenant) -> None:
    """Change.new_pin carries a PIN to the renderer; it is excluded from every dump."""
    with store.transaction():
        store.append_change(
            Change(at=NOW, command="Test", user_id=uuid.uuid4(), kinds=(ChangeKind.PIN_RESET,), new_pin="918273")
        )
    with store.transaction():
        assert all(change.new_pin is None for change in store.changes())


# --- tenant.transaction() -----------------------------------------------------------------------


def test_tenant_transaction_keeps_the_others_when_one_command_fails(tenant: cs.Tenant) -> None:
    with tenant.transaction():
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
        with pytest.raises(cs.PowerShellError):
            tenant.set_cs_online_dial_in_conferencing_user(KEN, service_number="442035550100")
        tenant.set_cs_online_dial_in_conferencing_user(PILAR, allow_toll_free_dial_in=False)
    assert [entry.target for entry in tenant.audit()] == [AMOS, PILAR]
    assert user_of(tenant, PILAR).allow_toll_free_dial_in is False
    assert [kind for _, kind, _ in snapshot(tenant)["outbox"]] == ["PinReset"]


def test_tenant_transaction_undone_by_an_exception(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    with pytest.raises(Boom), tenant.transaction():
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True)
        tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=9)
        tenant.add_user("new.user@contoso.com", "New User")
        raise Boom
    assert snapshot(tenant) == before


def test_a_long_transaction_rolls_back_to_where_it_began(tenant: cs.Tenant) -> None:
    """Each command's savepoint closes into the outermost transaction, which needs only the
    oldest state of each thing (MemoryStore compacts its undo log to that): rolling the whole
    transaction back after many commands must still restore everything."""
    before = snapshot(tenant)
    with pytest.raises(Boom), tenant.transaction():
        for pin_length in (6, 7, 8):
            tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True)
            tenant.set_cs_online_dial_in_conferencing_user(KEN, bridge_name="EMEA Bridge")
            tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=pin_length)
            tenant.add_user(f"user{pin_length}@contoso.com", f"User {pin_length}")
            tenant.remove_user(PILAR if pin_length == 6 else f"user{pin_length}@contoso.com")
            with pytest.raises(cs.PowerShellError):  # refused: rolls back alone, after the compactions
                tenant.set_cs_online_dial_in_conferencing_user(KEN, service_number="14255550100")
            tenant.set_cs_online_dial_in_conferencing_user(KEN, bridge_name="Conference Bridge")
        assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 8
        raise Boom
    assert snapshot(tenant) == before


def test_nested_tenant_transactions(tenant: cs.Tenant) -> None:
    with tenant.transaction():
        tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=6)
        with pytest.raises(Boom), tenant.transaction():
            tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=7)
            raise Boom
        assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 6
    assert [e.after["PinLength"] for e in tenant.audit() if e.after] == [6]


def test_reads_inside_a_transaction_see_its_changes(tenant: cs.Tenant) -> None:
    with tenant.transaction():
        tenant.set_cs_online_dial_in_conferencing_user(KEN, bridge_name="EMEA Bridge")
        assert [u.identity for u in tenant.get_cs_online_dial_in_conferencing_user(bridge_name="EMEA Bridge")] == [
            KEN,
            PILAR,
        ]
        assert [u.identity for u in tenant.get_cs_online_dial_in_conferencing_user()] == [AMOS, KEN, PILAR]


def test_audit_entries_are_plain_data(store: Store) -> None:
    entry = audit_entry("x")
    with store.transaction():
        store.append_audit(entry)
    with store.transaction():
        [stored] = store.audit_entries()
    assert stored.at == NOW and stored.at.tzinfo == dt.UTC
    if dataclasses.is_dataclass(stored):
        assert dataclasses.replace(stored, sequence=0) == dataclasses.replace(entry, sequence=0)
    else:
        assert stored.model_copy(update={"sequence": 0}) == entry.model_copy(update={"sequence": 0})


def test_the_memory_audit_log_keeps_each_value_as_it_was_given() -> None:
    """The in-memory log packs entries compactly; what it hands back is what it was given,
    of the same types (True is not 1, a GUID stays a GUID), and changing it changes nothing."""
    store = MemoryStore()
    guid = uuid.uuid5(uuid.NAMESPACE_DNS, "bridge")
    plain = dataclasses.replace(audit_entry("a"), parameters={"Count": 1, "Switch": True}, before={"Pin": None})
    odd = dataclasses.replace(audit_entry("b"), parameters={"BridgeId": guid}, after={"Provider": cs.Provider.NONE})
    with store.transaction():
        store.append_audit(plain)
        store.append_audit(odd)
    first, second = store.audit_entries()
    assert [type(value) for value in first.parameters.values()] == [int, bool]
    assert (first.parameters, first.before, first.after) == ({"Count": 1, "Switch": True}, {"Pin": None}, None)
    assert second.parameters == {"BridgeId": guid} and second.after == {"Provider": cs.Provider.NONE}
    assert type(second.after["Provider"]) is cs.Provider
    first.parameters["Count"] = 2
    second.parameters.clear()
    assert [entry.parameters for entry in store.audit_entries()] == [{"Count": 1, "Switch": True}, {"BridgeId": guid}]


def test_threads_share_a_tenant(tenant: cs.Tenant) -> None:
    import threading

    def work(upn: str) -> None:
        for _ in range(20):
            tenant.set_cs_online_dial_in_conferencing_user(upn, reset_leader_pin=True)

    threads = [threading.Thread(target=work, args=(upn,)) for upn in (AMOS, KEN)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = tenant.audit()
    assert len(entries) == 40 and [e.sequence for e in entries] == list(range(1, 41))
    assert len(snapshot(tenant)["outbox"]) == 40


def test_a_compacted_undo_log_keeps_one_step_per_thing_and_still_rolls_back() -> None:
    """What keeps a long in-memory transaction's memory flat: after each command, only the
    oldest state of each thing it changed is kept for the outermost rollback."""
    state = {"pin": 0, "name": "ann"}
    undo = CompactingUndoLog()

    def write(key: str, value: object) -> None:
        old = state[key]
        undo.record(lambda: state.__setitem__(key, old), key=key)
        state[key] = value

    for pin in range(1, 1_000):
        write("pin", pin)
        undo.compact()
    write("name", "bob")
    inner = undo.mark()
    write("pin", -1)
    undo.rollback_to(inner)  # an inner savepoint fails after the compactions
    assert state == {"pin": 999, "name": "bob"} and undo.mark() == 2
    undo.rollback_to(0)
    assert state == {"pin": 0, "name": "ann"}


def test_a_key_two_users_share_names_both_until_one_is_renamed(store: Store) -> None:
    ann, bob = make_user("ann"), make_user("bob")
    twin_ann = ann.model_copy(update={"display_name": "Shared Name"})
    twin_bob = bob.model_copy(update={"display_name": "Shared Name"})
    with store.transaction():
        store.save_users([twin_ann, twin_bob])
        assert sorted(u.user_principal_name for u in store.find_users("shared name")) == [
            "ann@contoso.com",
            "bob@contoso.com",
        ]
    with store.transaction():
        store.save_user(bob)  # renamed back: the shared key names Ann alone
        assert store.find_users("shared name") == [twin_ann] and store.find_users("bob") == [bob]
    with store.transaction():
        store.delete_user(ann.object_id)
        assert store.find_users("shared name") == [] and store.find_users("ann@contoso.com") == []


def test_an_identity_two_users_share_is_ambiguous(tenant: cs.Tenant) -> None:
    for upn in ("ann@contoso.com", "bob@contoso.com"):
        tenant.add_user(upn, "Shared Name")
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.get_cs_online_dial_in_conferencing_user("Shared Name")
    assert raised.value.error_record.fully_qualified_error_id.startswith("AmbiguousIdentity,")


def test_object_ids_and_distinguished_names_are_read_from_the_key(store: Store) -> None:
    """An index keys names only; an object ID (its canonical text) or a DN still names the user,
    inside the transaction that added or renamed it and after, and a DN whose display name holds
    a comma or the DN's own ``,CN=Users,DC=`` still names exactly its user."""
    ann = make_user("ann").model_copy(update={"display_name": "Marble, Ann"})
    odd = make_user("odd").model_copy(update={"display_name": "X,CN=Users,DC=evil"})
    with store.transaction():
        store.save_users([ann, odd])
        assert store.find_users(str(ann.object_id)) == [ann]
        assert store.find_users("cn=marble, ann,cn=users,dc=contoso,dc=com") == [ann]
    with store.transaction():
        for user in (ann, odd):
            assert store.find_users(user.distinguished_name.lower()) == [user]
            assert store.find_users(str(user.object_id)) == [user]
        assert store.find_users(str(ann.object_id).replace("-", "")) == []  # not the canonical text
        assert store.find_users(f"{{{ann.object_id}}}") == []
        assert store.find_users("cn=x,cn=users,dc=contoso,dc=com") == []
        assert store.find_users("cn=marble, ann,cn=users,dc=fabrikam,dc=com") == []
        renamed = ann.model_copy(update={"display_name": "Ann Renamed"})
        store.save_user(renamed)
        assert store.find_users(str(ann.object_id)) == [renamed]
        assert store.find_users("cn=ann renamed,cn=users,dc=contoso,dc=com") == [renamed]
        assert store.find_users("cn=marble, ann,cn=users,dc=contoso,dc=com") == []
        store.delete_user(ann.object_id)
        assert store.find_users(str(ann.object_id)) == []


def test_a_display_name_that_is_another_users_object_id_is_ambiguous(store: Store) -> None:
    ann = make_user("ann")
    bob = make_user("bob").model_copy(update={"display_name": str(ann.object_id).upper()})
    with store.transaction():
        store.save_users([ann, bob])
    with store.transaction():
        found = store.find_users(str(ann.object_id))
        assert sorted(u.user_principal_name for u in found) == ["ann@contoso.com", "bob@contoso.com"]


def test_saving_a_user_unchanged_takes_back_a_seat_another_user_took(store: Store) -> None:
    ann = make_user("ann", bridge=CONFERENCE_BRIDGE.identity, conference_id=1111111)
    bob = make_user("bob", bridge=CONFERENCE_BRIDGE.identity, conference_id=2222222)
    with store.transaction():
        store.save_users([ann, bob])
    with pytest.raises(Boom), store.transaction():
        store.save_user(bob.model_copy(update={"conference_id": 1111111}))
        store.save_user(ann)  # the very object the store holds
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1111111) == ann.object_id
        raise Boom
    with store.transaction():
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 1111111) == ann.object_id
        assert store.conference_id_owner(CONFERENCE_BRIDGE.identity, 2222222) == bob.object_id
