"""The in-memory store: dictionaries plus an undo log for transactions and savepoints."""

from __future__ import annotations

import datetime as dt
import functools
import marshal
import threading
import uuid
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

from ..model import (
    AuditEntry,
    Bridge,
    Change,
    DeliveryStatus,
    DialInSettings,
    OutboxEntry,
    ServiceNumber,
    TenantInfo,
    User,
)
from ..model.neighbourhood import DirectRouting, Policies, Subscriptions, VoiceApps, VoicemailSettings
from .index import CompactingUndoLog, UserIndex, UserWrites

__all__ = ["MemoryStore"]


class MemoryStore(UserWrites):
    """A :class:`~cscmdlets.store.base.Store` held in dictionaries.

    Writes record how to undo themselves; a failed transaction (or savepoint) replays the undo
    log back to where it started, so a failed command changes nothing. One lock serialises
    transactions between threads.
    """

    def __init__(self) -> None:
        self._tenant: TenantInfo | None = None
        self._settings = DialInSettings()
        self._subscriptions = Subscriptions()
        self._policies = Policies()
        self._voice_apps = VoiceApps()
        self._direct_routing = DirectRouting()
        self._voicemail_settings = VoicemailSettings()
        self._bridges: dict[uuid.UUID, Bridge] = {}
        self._numbers: dict[str, ServiceNumber] = {}
        self._index = UserIndex()
        self._audit = AuditColumns()
        self._changes: list[Change] = []
        self._outbox: list[OutboxEntry] = []
        self._undo = CompactingUndoLog()
        self._depth = 0
        self._lock = threading.RLock()
        #: Each open savepoint's undo mark, innermost last (the lock keeps it to one thread).
        self._marks: list[int] = []
        #: The audit log's length as each open savepoint began: a failed one cuts the log back
        #: to it, so an audit entry (one per change) records no undo step of its own.
        self._audit_lengths: list[int] = []
        self._transaction = _Transaction(self)

    def transaction(self) -> _Transaction:
        return self._transaction

    def open_savepoint(self) -> int:
        self._lock.acquire()
        self._depth += 1
        self._audit_lengths.append(len(self._audit.at))
        return self._undo.mark()

    def close_savepoint(self, mark: int, *, failed: bool) -> None:
        try:
            self._depth -= 1
            audit_length = self._audit_lengths.pop()
            if failed:
                self._undo.rollback_to(mark)
                self._audit.truncate(audit_length)
            elif self._depth == 0:
                self._undo.clear()
            elif self._depth == 1:
                # Only the outermost transaction can roll back now, to each thing's oldest state:
                # a long one (a bulk run) keeps one undo step per thing, not one per write.
                self._undo.compact()
        finally:
            self._lock.release()

    def close(self) -> None:
        """Nothing to release."""

    # --- tenant and settings ---------------------------------------------------------------------

    def tenant(self) -> TenantInfo | None:
        return self._tenant

    def save_tenant(self, tenant: TenantInfo) -> None:
        self._remember_attribute("_tenant")
        self._tenant = tenant

    def settings(self) -> DialInSettings:
        return self._settings

    def save_settings(self, settings: DialInSettings) -> None:
        self._remember_attribute("_settings")
        self._settings = settings

    def subscriptions(self) -> Subscriptions:
        return self._subscriptions

    def save_subscriptions(self, subscriptions: Subscriptions) -> None:
        self._remember_attribute("_subscriptions")
        self._subscriptions = subscriptions

    def policies(self) -> Policies:
        return self._policies

    def save_policies(self, policies: Policies) -> None:
        self._remember_attribute("_policies")
        self._policies = policies

    def voice_apps(self) -> VoiceApps:
        return self._voice_apps

    def save_voice_apps(self, apps: VoiceApps) -> None:
        self._remember_attribute("_voice_apps")
        self._voice_apps = apps

    def direct_routing(self) -> DirectRouting:
        return self._direct_routing

    def save_direct_routing(self, config: DirectRouting) -> None:
        self._remember_attribute("_direct_routing")
        self._direct_routing = config

    def voicemail_settings(self) -> VoicemailSettings:
        return self._voicemail_settings

    def save_voicemail_settings(self, settings: VoicemailSettings) -> None:
        self._remember_attribute("_voicemail_settings")
        self._voicemail_settings = settings

    def _remember_attribute(self, name: str) -> None:
        old = getattr(self, name)
        self._undo.record(lambda: setattr(self, name, old), key=name)

    # --- bridges and numbers ---------------------------------------------------------------------

    def bridges(self) -> list[Bridge]:
        return list(self._bridges.values())

    def bridge(self, identity: uuid.UUID | None) -> Bridge | None:
        return None if identity is None else self._bridges.get(identity)

    def save_bridge(self, bridge: Bridge) -> None:
        self._remember_item(self._bridges, bridge.identity)
        self._bridges[bridge.identity] = bridge

    def service_numbers(self) -> list[ServiceNumber]:
        return list(self._numbers.values())

    def save_service_number(self, number: ServiceNumber) -> None:
        self._remember_item(self._numbers, number.number)
        self._numbers[number.number] = number

    def delete_service_number(self, number: str) -> None:
        self._remember_item(self._numbers, number)
        self._numbers.pop(number, None)

    def _remember_item(self, table: dict[Any, Any], key: object) -> None:
        if key in table:
            old = table[key]
            self._undo.record(lambda: table.__setitem__(key, old), key=(id(table), key))
        else:
            self._undo.record(lambda: table.pop(key, None), key=(id(table), key))

    # --- users -----------------------------------------------------------------------------------

    def user(self, object_id: uuid.UUID) -> User | None:
        return self._index.users.get(object_id)

    def find_users(self, identity_key: str) -> list[User]:
        return self._index.find(identity_key)

    def users(self) -> Iterator[User]:
        return iter(list(self._index.users.values()))

    def count_users(self) -> int:
        return len(self._index.users)

    def conference_id_owner(self, bridge_id: uuid.UUID, conference_id: int) -> uuid.UUID | None:
        return self._index.conference_ids.get((bridge_id, conference_id))

    def save_users(self, users: Sequence[User]) -> None:
        """Many users at once, as a tenant loads: the new ones share one undo step."""
        added: list[uuid.UUID] = []
        # Recorded first, so it is undone last: after the undo of a later change to an added user.
        self._undo.record(functools.partial(_remove_users, self._index, added))
        self._index.add_all(users, added, self.save_user)

    def save_user(self, user: User) -> None:
        index = self._index
        # The very user the store holds (a Set that changed nothing): no write, nothing to undo.
        # Asked of the index by UPN, which the command has just looked up, not by object ID.
        if index.keys.get(user.user_principal_name) is user and not index.displaced:
            return
        object_id = user.object_id
        old = index.users.get(object_id)
        if old is user and not index.displaced:
            return
        self._undo.record(lambda: index.put(object_id, old), key=object_id)
        index.replace(object_id, old, user)

    def _put_user(self, object_id: uuid.UUID, user: User | None) -> None:
        old = self._index.users.get(object_id)
        self._undo.record(lambda: self._index.put(object_id, old), key=object_id)
        self._index.put(object_id, user)

    # --- what happened ---------------------------------------------------------------------------

    def append_audit(self, entry: AuditEntry) -> None:
        self._audit.append(entry)  # undone by the savepoint that fails (close_savepoint), not by a step

    def audit_entries(self) -> list[AuditEntry]:
        return self._audit.entries()

    def append_change(self, change: Change) -> None:
        # As SQLite does, keep no new PIN: Change.new_pin is only for the email of this command.
        self._append(self._changes, change.model_copy(update={"new_pin": None}) if change.new_pin else change)

    def changes(self) -> list[Change]:
        return list(self._changes)

    def add_outbox(self, entry: OutboxEntry) -> int:
        sequence = len(self._outbox) + 1
        self._append(self._outbox, entry.model_copy(update={"sequence": sequence}))
        return sequence

    def outbox(self, status: DeliveryStatus | None = None) -> list[OutboxEntry]:
        return [entry for entry in self._outbox if status is None or entry.status is status]

    def outbox_entry(self, sequence: int) -> OutboxEntry | None:
        return self._outbox[sequence - 1] if 0 < sequence <= len(self._outbox) else None

    def update_outbox(self, entry: OutboxEntry) -> None:
        index = entry.sequence - 1
        old = self._outbox[index]
        self._undo.record(lambda: self._outbox.__setitem__(index, old), key=(id(self._outbox), index))
        self._outbox[index] = entry

    def _append(self, log: list[Any], item: object) -> None:
        self._undo.record(functools.partial(_truncate, log, len(log)), key=id(log))
        log.append(item)


class _Transaction:
    """``with store.transaction():`` — one object per store, entered once per savepoint (the
    marks are the store's): every command opens one, and making none is cheaper still than
    ``index.Savepoint``."""

    __slots__ = ("_store",)

    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    def __enter__(self) -> None:
        store = self._store
        store._lock.acquire()  # open_savepoint, inline
        store._depth += 1
        store._audit_lengths.append(len(store._audit.at))
        store._marks.append(store._undo.mark())

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        store = self._store
        mark = store._marks.pop()
        if kind is None and store._depth == 1:  # close_savepoint of the usual command, inline
            try:
                store._depth = 0
                store._audit_lengths.pop()
                store._undo.clear()
            finally:
                store._lock.release()
            return
        store.close_savepoint(mark, failed=kind is not None)


class AuditColumns:
    """The audit log as one list per field, each entry's parameters and before/after views
    marshalled into one ``bytes``: an entry adds no object the cyclic garbage collector tracks.

    A log of dataclasses and dicts would grow by four tracked objects per change, so the
    collector would run every couple of hundred commands and scan every user changed since its
    last run, which costs more than the changes themselves (strings and bytes it never scans,
    as the SQLite store's pending log relies on too). Views hold plain values (``marshal``
    keeps their exact types); anything else (an enum, a GUID parameter) is kept as it is.
    """

    def __init__(self) -> None:
        self.at: list[dt.datetime] = []  # each entry's time; its length is the log's
        self._actor: list[str] = []
        self._command: list[str] = []
        self._target: list[str] = []
        self._details: list[bytes | tuple[Any, Any, Any]] = []

    def __len__(self) -> int:
        return len(self.at)

    def append(self, entry: AuditEntry) -> None:
        details = entry.parameters, entry.before, entry.after
        try:
            packed: bytes | tuple[Any, Any, Any] = marshal.dumps(details)
        except ValueError:  # a value marshal does not know (it raises before writing anything)
            packed = details
        self.at.append(entry.at)
        self._actor.append(entry.actor)
        self._command.append(entry.command)
        self._target.append(entry.target)
        self._details.append(packed)

    def truncate(self, length: int) -> None:
        for column in (self.at, self._actor, self._command, self._target, self._details):
            del column[length:]

    def entries(self) -> list[AuditEntry]:
        """Fresh entries, numbered from 1: changing one leaves the log as it was."""
        rows = zip(self.at, self._actor, self._command, self._target, self._details, strict=True)
        entries = []
        for number, (at, actor, command, target, details) in enumerate(rows, 1):
            parameters, before, after = _unpacked(details)
            entries.append(AuditEntry(at, actor, command, parameters, target, before, after, sequence=number))
        return entries


def _unpacked(details: bytes | tuple[Any, Any, Any]) -> tuple[Any, Any, Any]:
    """An entry's parameters, before and after, as new dicts."""
    if isinstance(details, bytes):
        parameters, before, after = marshal.loads(details)
        return parameters, before, after
    parameters, before, after = (None if view is None else dict(view) for view in details)
    return parameters, before, after


def _remove_users(index: UserIndex, object_ids: list[uuid.UUID]) -> None:
    for object_id in reversed(object_ids):
        index.put(object_id, None)


def _truncate(log: list[Any], length: int) -> None:
    del log[length:]
