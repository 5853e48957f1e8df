"""The in-memory store: dictionaries plus an undo log for transactions and savepoints."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from ..model import AuditEntry, Bridge, Change, DialInSettings, OutboxEntry, ServiceNumber, TenantInfo, User

__all__ = ["MemoryStore"]

_IDENTITY_FIELDS = ("user_principal_name", "sip_address", "logon_name", "display_name")


def _same_identity(old: User | None, new: User | None) -> bool:
    if old is None or new is None:
        return old is new
    old_values, new_values = old.__dict__, new.__dict__
    return all(old_values[name] == new_values[name] for name in _IDENTITY_FIELDS)


class MemoryStore:
    """A :class:`~cscmdlets.store.base.Store` held in dictionaries.

    Writes record how to undo themselves; a failed transaction (or savepoint) replays the undo
    log back to where it started, so a failed command changes nothing. One lock serialises
    transactions between threads.
    """

    def __init__(self) -> None:
        self._tenant: TenantInfo | None = None
        self._settings = DialInSettings()
        self._bridges: dict[uuid.UUID, Bridge] = {}
        self._numbers: dict[str, ServiceNumber] = {}
        self._users: dict[uuid.UUID, User] = {}
        self._keys: dict[str, set[uuid.UUID]] = {}
        self._conference_ids: dict[tuple[uuid.UUID, int], uuid.UUID] = {}
        self._audit: list[AuditEntry] = []
        self._changes: list[Change] = []
        self._outbox: list[OutboxEntry] = []
        self._undo: list[Callable[[], None]] = []
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            mark = len(self._undo)
            try:
                yield
            except BaseException:
                self._rollback_to(mark)
                raise
            if mark == 0:
                self._undo.clear()

    def _rollback_to(self, mark: int) -> None:
        while len(self._undo) > mark:
            self._undo.pop()()

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

    def _remember_attribute(self, name: str) -> None:
        old = getattr(self, name)
        self._undo.append(lambda: setattr(self, name, old))

    # --- bridges and numbers ---------------------------------------------------------------------

    def bridges(self) -> list[Bridge]:
        return list(self._bridges.values())

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

    def _remember_item(self, table: dict, key: object) -> None:  # type: ignore[type-arg]
        if key in table:
            old = table[key]
            self._undo.append(lambda: table.__setitem__(key, old))
        else:
            self._undo.append(lambda: table.pop(key, None))

    # --- users -----------------------------------------------------------------------------------

    def user(self, object_id: uuid.UUID) -> User | None:
        return self._users.get(object_id)

    def find_users(self, identity_key: str) -> list[User]:
        return [self._users[object_id] for object_id in self._keys.get(identity_key, ())]

    def users(self) -> Iterator[User]:
        return iter(list(self._users.values()))

    def count_users(self) -> int:
        return len(self._users)

    def conference_id_owner(self, bridge_id: uuid.UUID, conference_id: int) -> uuid.UUID | None:
        return self._conference_ids.get((bridge_id, conference_id))

    def save_user(self, user: User) -> None:
        old = self._users.get(user.object_id)
        self._undo.append(lambda: self._put_user(user.object_id, old))
        self._put_user(user.object_id, user)

    def save_users(self, users: Sequence[User]) -> None:
        for user in users:
            self.save_user(user)

    def delete_user(self, object_id: uuid.UUID) -> None:
        old = self._users.get(object_id)
        self._undo.append(lambda: self._put_user(object_id, old))
        self._put_user(object_id, None)

    def _put_user(self, object_id: uuid.UUID, user: User | None) -> None:
        """Replace (or remove) a user and keep the identity and conference-ID indexes exact."""
        old = self._users.pop(object_id, None)
        if not _same_identity(old, user):
            old_keys = old.identity_keys() if old is not None else ()
            new_keys = user.identity_keys() if user is not None else ()
            for key in old_keys:
                self._keys[key].discard(object_id)
            for key in new_keys:
                self._keys.setdefault(key, set()).add(object_id)
        if old is not None and old.bridge_id is not None and old.conference_id is not None:
            self._conference_ids.pop((old.bridge_id, old.conference_id), None)
        if user is not None:
            self._users[object_id] = user
            if user.bridge_id is not None and user.conference_id is not None:
                self._conference_ids[(user.bridge_id, user.conference_id)] = object_id

    # --- what happened ---------------------------------------------------------------------------

    def append_audit(self, entry: AuditEntry) -> None:
        self._append(self._audit, entry)

    def audit_entries(self) -> list[AuditEntry]:
        return [replace(entry, sequence=number) for number, entry in enumerate(self._audit, 1)]

    def append_change(self, change: Change) -> None:
        self._append(self._changes, change)

    def changes(self) -> list[Change]:
        return list(self._changes)

    def add_outbox(self, entry: OutboxEntry) -> int:
        sequence = len(self._outbox) + 1
        self._append(self._outbox, entry.model_copy(update={"sequence": sequence}))
        return sequence

    def outbox(self) -> list[OutboxEntry]:
        return list(self._outbox)

    def update_outbox(self, entry: OutboxEntry) -> None:
        index = entry.sequence - 1
        old = self._outbox[index]
        self._undo.append(lambda: self._outbox.__setitem__(index, old))
        self._outbox[index] = entry

    def _append(self, log: list, item: object) -> None:  # type: ignore[type-arg]
        log.append(item)
        self._undo.append(log.pop)
