"""The durable store: one SQLite file in WAL mode.

Every transaction starts with ``BEGIN IMMEDIATE``, so the write lock is taken before anything
is read: two processes on one file serialise instead of losing an update. Nested
transactions are savepoints. ``synchronous=NORMAL`` in WAL mode survives a killed process at
any moment (SQLite's guarantee); only a power cut may lose the last commits, never corrupt
the file.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..model.events import audit_adapter
from ..model import AuditEntry, Bridge, Change, DialInSettings, OutboxEntry, ServiceNumber, TenantInfo, User
from .base import SCHEMA_VERSION, StoreError

__all__ = ["SqliteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS singletons (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bridges (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS service_numbers (number TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    object_id TEXT PRIMARY KEY, upn TEXT NOT NULL UNIQUE, sip TEXT NOT NULL, logon TEXT NOT NULL,
    name TEXT NOT NULL, dn TEXT NOT NULL, bridge_id TEXT, conference_id INTEGER, data TEXT NOT NULL,
    UNIQUE (bridge_id, conference_id));
CREATE INDEX IF NOT EXISTS users_sip ON users (sip);
CREATE INDEX IF NOT EXISTS users_logon ON users (logon);
CREATE INDEX IF NOT EXISTS users_name ON users (name);
CREATE INDEX IF NOT EXISTS users_dn ON users (dn);
CREATE TABLE IF NOT EXISTS audit (sequence INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (sequence INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (sequence INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL,
    raw BLOB NOT NULL);
"""

_USER_COLUMNS = "object_id, upn, sip, logon, name, dn, bridge_id, conference_id, data"
_UPSERT_USER = (
    f"INSERT INTO users ({_USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (object_id) DO UPDATE SET upn=excluded.upn, sip=excluded.sip, logon=excluded.logon, "
    "name=excluded.name, dn=excluded.dn, bridge_id=excluded.bridge_id, "
    "conference_id=excluded.conference_id, data=excluded.data"
)
_FIND_USER = (
    "SELECT data FROM users WHERE object_id = :k UNION SELECT data FROM users WHERE upn = :k "
    "UNION SELECT data FROM users WHERE sip = :k UNION SELECT data FROM users WHERE logon = :k "
    "UNION SELECT data FROM users WHERE name = :k UNION SELECT data FROM users WHERE dn = :k"
)

M = TypeVar("M", bound=BaseModel)


def _user_row(user: User) -> tuple[Any, ...]:
    object_id, upn, sip, logon, name, dn = user.identity_keys()
    bridge = str(user.bridge_id) if user.bridge_id else None
    return (object_id, upn, sip, logon, name, dn, bridge, user.conference_id, user.model_dump_json())


class SqliteStore:
    """A :class:`~cscmdlets.store.base.Store` in one SQLite file (created if absent)."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._depth = 0
            with self.transaction():
                self._migrate()
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open the tenant store '{self.path}': {error}.") from None

    def _migrate(self) -> None:
        version = self._schema_version()
        if version is None:
            # executescript() would COMMIT the open transaction: run statements one by one.
            for statement in filter(str.strip, _SCHEMA.split(";")):
                self._db.execute(statement)
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(version) > SCHEMA_VERSION:
            raise StoreError(f"The store '{self.path}' has schema {version}; this cscmdlets reads "
                             f"up to {SCHEMA_VERSION}. Upgrade cscmdlets.")

    def _schema_version(self) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else str(row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        savepoint = f"sp{self._depth}"
        self._execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            self._undo(savepoint)
            raise
        self._depth -= 1
        self._execute("COMMIT" if self._depth == 0 else f"RELEASE {savepoint}")

    def _undo(self, savepoint: str) -> None:
        try:
            if self._depth == 0:
                self._db.execute("ROLLBACK")
            else:
                self._db.execute(f"ROLLBACK TO {savepoint}")
                self._db.execute(f"RELEASE {savepoint}")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo

    def _execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            raise StoreError(f"The tenant store '{self.path}' cannot be used: {error}.") from None

    def close(self) -> None:
        self._db.close()

    # --- generic helpers -------------------------------------------------------------------------

    def _singleton(self, name: str, model: type[M]) -> M | None:
        row = self._execute("SELECT data FROM singletons WHERE name = ?", (name,)).fetchone()
        return None if row is None else model.model_validate_json(row[0])

    def _save_singleton(self, name: str, value: BaseModel) -> None:
        self._execute("INSERT OR REPLACE INTO singletons VALUES (?, ?)", (name, value.model_dump_json()))

    def _all(self, sql: str, model: type[M]) -> list[M]:
        return [model.model_validate_json(row[0]) for row in self._execute(sql)]

    # --- tenant and settings ---------------------------------------------------------------------

    def tenant(self) -> TenantInfo | None:
        return self._singleton("tenant", TenantInfo)

    def save_tenant(self, tenant: TenantInfo) -> None:
        self._save_singleton("tenant", tenant)

    def settings(self) -> DialInSettings:
        return self._singleton("settings", DialInSettings) or DialInSettings()

    def save_settings(self, settings: DialInSettings) -> None:
        self._save_singleton("settings", settings)

    # --- bridges and numbers ---------------------------------------------------------------------

    def bridges(self) -> list[Bridge]:
        return self._all("SELECT data FROM bridges ORDER BY rowid", Bridge)

    def save_bridge(self, bridge: Bridge) -> None:
        self._execute("INSERT INTO bridges VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data=excluded.data",
                      (str(bridge.identity), bridge.model_dump_json()))

    def service_numbers(self) -> list[ServiceNumber]:
        return self._all("SELECT data FROM service_numbers ORDER BY rowid", ServiceNumber)

    def save_service_number(self, number: ServiceNumber) -> None:
        self._execute(
            "INSERT INTO service_numbers VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET data=excluded.data",
            (number.number, number.model_dump_json()),
        )

    def delete_service_number(self, number: str) -> None:
        self._execute("DELETE FROM service_numbers WHERE number = ?", (number,))

    # --- users -----------------------------------------------------------------------------------

    def user(self, object_id: uuid.UUID) -> User | None:
        row = self._execute("SELECT data FROM users WHERE object_id = ?", (str(object_id),)).fetchone()
        return None if row is None else User.model_validate_json(row[0])

    def find_users(self, identity_key: str) -> list[User]:
        return [User.model_validate_json(row[0]) for row in self._execute(_FIND_USER, {"k": identity_key})]

    def users(self) -> Iterator[User]:
        rows = self._execute("SELECT data FROM users ORDER BY rowid").fetchall()
        return (User.model_validate_json(row[0]) for row in rows)

    def count_users(self) -> int:
        return int(self._execute("SELECT count(*) FROM users").fetchone()[0])

    def conference_id_owner(self, bridge_id: uuid.UUID, conference_id: int) -> uuid.UUID | None:
        row = self._execute("SELECT object_id FROM users WHERE bridge_id = ? AND conference_id = ?",
                            (str(bridge_id), conference_id)).fetchone()
        return None if row is None else uuid.UUID(row[0])

    def save_user(self, user: User) -> None:
        self._execute(_UPSERT_USER, _user_row(user))

    def save_users(self, users: Sequence[User]) -> None:
        try:
            self._db.executemany(_UPSERT_USER, [_user_row(user) for user in users])
        except sqlite3.Error as error:
            raise StoreError(f"The tenant store '{self.path}' cannot be used: {error}.") from None

    def delete_user(self, object_id: uuid.UUID) -> None:
        self._execute("DELETE FROM users WHERE object_id = ?", (str(object_id),))

    # --- what happened ---------------------------------------------------------------------------

    def append_audit(self, entry: AuditEntry) -> None:
        self._execute("INSERT INTO audit (data) VALUES (?)", (audit_adapter().dump_json(entry),))

    def audit_entries(self) -> list[AuditEntry]:
        rows = self._execute("SELECT sequence, data FROM audit ORDER BY sequence")
        return [replace(audit_adapter().validate_json(data), sequence=seq) for seq, data in rows]

    def append_change(self, change: Change) -> None:
        self._execute("INSERT INTO changes (data) VALUES (?)", (change.model_dump_json(),))

    def changes(self) -> list[Change]:
        return self._all("SELECT data FROM changes ORDER BY sequence", Change)

    def add_outbox(self, entry: OutboxEntry) -> int:
        cursor = self._execute("INSERT INTO outbox (data, raw) VALUES (?, ?)",
                               (entry.model_dump_json(exclude={"raw"}), entry.raw))
        return int(cursor.lastrowid or 0)

    def outbox(self) -> list[OutboxEntry]:
        rows = self._execute("SELECT sequence, data, raw FROM outbox ORDER BY sequence")
        return [OutboxEntry.model_validate_json(data).model_copy(update={"sequence": seq, "raw": raw})
                for seq, data, raw in rows]

    def update_outbox(self, entry: OutboxEntry) -> None:
        self._execute("UPDATE outbox SET data = ? WHERE sequence = ?",
                      (entry.model_dump_json(exclude={"raw"}), entry.sequence))
