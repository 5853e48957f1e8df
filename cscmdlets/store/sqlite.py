"""The durable store: one SQLite file in WAL mode.

A transaction starts with ``BEGIN IMMEDIATE``, so the write lock is taken before anything is
read: two processes on one file serialise instead of losing an update. Writes are kept in a
pending overlay (with an undo log, so nested transactions are savepoints) and written in one
batch when the outermost transaction commits — all of it, or, after a crash or error, none.
Reads see the overlay first, then the file; decoded rows are cached for as long as
``PRAGMA data_version`` says no other connection has written. ``synchronous=NORMAL`` in WAL
mode survives a killed process at any moment; only a power cut may lose the last commits,
never corrupt the file.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import sqlite3
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

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
from ..model.events import audit_adapter
from .base import SCHEMA_VERSION, StoreError
from .index import Savepoint, UndoLog, UserIndex, UserWrites, same_identity

if TYPE_CHECKING:
    from ..model.neighbourhood import DirectRouting, Policies, Subscriptions, VoiceApps, VoicemailSettings

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
CREATE TABLE IF NOT EXISTS audit (sequence INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (sequence INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (sequence INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL,
    data TEXT NOT NULL, raw BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox (status);
"""

# The logs have no AUTOINCREMENT: their rows are never deleted, so the largest sequence plus
# one (SQLite's rowid rule, https://www.sqlite.org/autoinc.html) numbers them alike, and a
# command's commit writes no sqlite_sequence page besides the log's own.
_USER_COLUMNS = "object_id, upn, sip, logon, name, dn, bridge_id, conference_id, data"
_UPSERT_USER = (
    f"INSERT INTO users ({_USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (object_id) DO UPDATE SET upn=excluded.upn, sip=excluded.sip, logon=excluded.logon, "
    "name=excluded.name, dn=excluded.dn, bridge_id=excluded.bridge_id, "
    "conference_id=excluded.conference_id, data=excluded.data"
)
_MOVE_SEAT = "UPDATE users SET bridge_id = ?, conference_id = ?, data = ? WHERE object_id = ?"
_FIND_USER = (  # one index per column (SQLite's multi-index OR), each row once
    "SELECT object_id, data FROM users "
    "WHERE object_id = :k OR upn = :k OR sip = :k OR logon = :k OR name = :k OR dn = :k"
)

_UNREAD = object()  # a user not read from the file yet (None: read, and absent)
_READ_BATCH = 500  # ids per query when saving many users (SQLite allows 32,766 parameters since 3.32)
_MANY_ROWS = 10_000  # decoding this many rows at once ends with a full collection (_decode_users_paused)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def _is_utf8(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _user_row(user: User) -> tuple[Any, ...]:
    object_id, upn, sip, logon, name, dn = user.identity_keys()
    bridge = str(user.bridge_id) if user.bridge_id else None
    return (object_id, upn, sip, logon, name, dn, bridge, user.conference_id, user.model_dump_json())


class _Pending:
    """The open transaction's writes, not yet in the file."""

    def __init__(self, stored_user: Callable[[uuid.UUID], User | None]) -> None:
        self.singletons: dict[str, BaseModel] = {}
        self.bridges: dict[uuid.UUID, Bridge] = {}
        self.numbers: dict[str, ServiceNumber | None] = {}
        self.index = UserIndex(stored_user)
        self.deleted: set[uuid.UUID] = set()
        # Logs are kept encoded: a bulk transaction holds one entry per change, and strings are
        # invisible to the cyclic garbage collector, which would otherwise scan them all again and again.
        self.audit: list[str] = []
        self.changes: list[str] = []
        self.outbox: dict[int, OutboxEntry] = {}
        # The highest outbox sequence, stored or added, once known (0: not read yet): taking
        # the maximum of ``outbox`` on each add made a bulk transaction quadratic.
        self.outbox_last = 0
        self.undo = UndoLog()

    def touches(self, object_id: uuid.UUID) -> bool:
        return object_id in self.index.users or object_id in self.deleted


def _seat(user: User) -> tuple[uuid.UUID | None, int | None]:
    return user.bridge_id, user.conference_id


def _holds_seat(stored: dict[uuid.UUID, User | None], object_id: uuid.UUID) -> bool:
    """Whether the file's row of a user may hold a (bridge, conference ID): yes unless it is
    known to hold none, or known not to exist."""
    if object_id not in stored:
        return True
    row = stored[object_id]
    return row is not None and row.conference_id is not None


#: A statement's parameter rows (never none: a statement without rows is not listed).
Rows = Iterable[tuple[Any, ...]]


def _column(values: list[str]) -> Rows:
    """One-column rows (of at least one value), made one at a time as SQLite takes them: a bulk
    commit writes a log of 100,000s of entries, and a list of that many fresh tuples costs a
    collection or two."""
    if len(values) == 1:
        return [(values[0],)]
    return zip(values)


_INSERT_SINGLETON = "INSERT OR REPLACE INTO singletons VALUES (?, ?)"
# Upserts, not INSERT OR REPLACE: a replaced row gets a new rowid and moves in the listing.
_UPSERT_BRIDGE = "INSERT INTO bridges VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data=excluded.data"
_DELETE_NUMBER = "DELETE FROM service_numbers WHERE number = ?"
_UPSERT_NUMBER = "INSERT INTO service_numbers VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET data=excluded.data"
_DELETE_USER = "DELETE FROM users WHERE object_id = ?"
_UPDATE_DATA = "UPDATE users SET data = ? WHERE object_id = ?"
_FREE_SEAT = "UPDATE users SET conference_id = NULL WHERE object_id = ?"
_INSERT_AUDIT = "INSERT INTO audit (data) VALUES (?)"
_INSERT_CHANGE = "INSERT INTO changes (data) VALUES (?)"
_PUT_OUTBOX = "INSERT OR REPLACE INTO outbox (sequence, status, data, raw) VALUES (?, ?, ?, ?)"


def _statements(pending: _Pending, stored: dict[uuid.UUID, User | None]) -> list[tuple[str, Rows]]:
    """The SQL that writes ``pending`` into the file, in an order the constraints accept; only
    the statements with rows (a command commits two or three of the eleven), listed in one
    pass. ``stored`` holds decoded rows as they are in the file (a user changed only in its
    data, the usual change, is written with one cheap UPDATE)."""
    statements: list[tuple[str, Rows]] = []
    add = statements.append
    if pending.singletons:
        add((_INSERT_SINGLETON, [(name, value.model_dump_json()) for name, value in pending.singletons.items()]))
    if pending.bridges:
        add((_UPSERT_BRIDGE, [(str(b.identity), b.model_dump_json()) for b in pending.bridges.values()]))
    if pending.numbers:
        numbers = pending.numbers.items()
        deleted = [(n,) for n, value in numbers if value is None]
        upserted = [(n, v.model_dump_json()) for n, v in numbers if v is not None]
        if deleted:
            add((_DELETE_NUMBER, deleted))
        if upserted:
            add((_UPSERT_NUMBER, upserted))
    if pending.deleted:
        add((_DELETE_USER, [(str(i),) for i in pending.deleted]))
    if pending.index.users:
        _user_statements(pending, stored, add)
    if pending.audit:
        add((_INSERT_AUDIT, _column(pending.audit)))
    if pending.changes:
        add((_INSERT_CHANGE, _column(pending.changes)))
    if pending.outbox:
        outbox = pending.outbox.items()
        add((_PUT_OUTBOX, [(s, e.status.value, e.model_dump_json(exclude={"raw"}), e.raw) for s, e in outbox]))
    return statements


def _user_statements(
    pending: _Pending, stored: dict[uuid.UUID, User | None], add: Callable[[tuple[str, Rows]], None]
) -> None:
    data_only: list[tuple[uuid.UUID, User]] = []
    seated: list[tuple[uuid.UUID, User]] = []  # identity as stored, another seat: as a licence assigns one
    moved: list[tuple[uuid.UUID, User]] = []
    for object_id, user in pending.index.users.items():
        row = stored.get(object_id)
        if row is None or not same_identity(row, user):
            moved.append((object_id, user))
        else:
            (data_only if _seat(row) == _seat(user) else seated).append((object_id, user))
    if data_only:
        add((_UPDATE_DATA, [(u.model_dump_json(), str(i)) for i, u in data_only]))
    if not seated and not moved:
        return
    # Free every seat the changed users hold first: a batch may swap IDs between users.
    freed = [(str(i),) for i, _ in itertools.chain(seated, moved) if _holds_seat(stored, i)]
    if freed:
        add((_FREE_SEAT, freed))
    # Only the seat's columns and index change: an upsert would rewrite every identity index too.
    if seated:
        add((_MOVE_SEAT, [_seated_row(i, u) for i, u in seated]))
    if moved:
        add((_UPSERT_USER, [_user_row(u) for _, u in moved]))


def _seated_row(object_id: uuid.UUID, user: User) -> tuple[Any, ...]:
    bridge = str(user.bridge_id) if user.bridge_id else None
    return (bridge, user.conference_id, user.model_dump_json(), str(object_id))


def _encoded_audit(entry: AuditEntry) -> str:
    # The adapter's serializer itself: dump_json's keyword handling costs a third as much again.
    # Text, not bytes: SQLite binds it faster, and the column holds text.
    return audit_adapter().serializer.to_json(entry).decode()


def _encoded_change(change: Change) -> str:
    return change.model_dump_json()


def _outbox_entry(sequence: int, data: str, raw: bytes) -> OutboxEntry:
    return OutboxEntry.model_validate_json(data).model_copy(update={"sequence": sequence, "raw": raw})


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """Open ``path`` for reading only (``mode=ro``). A file in a folder this process may not
    write has no ``-shm`` file to share with writers; it is opened ``immutable`` (no writer
    can be there), as https://www.sqlite.org/uri.html describes."""
    uri = path.resolve().as_uri()
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        if not path.is_file() or os.access(path.parent, os.W_OK):
            raise
        db = sqlite3.connect(
            f"{uri}?immutable=1", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
        )
    return db


class SqliteStore(UserWrites):
    """A :class:`~cscmdlets.store.base.Store` in one SQLite file (created if absent)."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._pending = _Pending(self._stored_user)
        self._depth = 0
        self._data_version: int | None = None
        self._cache: defaultdict[str, Any] = defaultdict(dict)  # users, keys, ids, singletons, bridges, numbers
        self._lock = threading.RLock()  # one connection: threads take turns, a transaction at a time
        # A reader's transaction is a snapshot (plain BEGIN): in WAL mode it never waits for a writer.
        self._begin_statement = "BEGIN" if read_only else "BEGIN IMMEDIATE"
        try:
            self._db = _connect_read_only(self.path, timeout) if read_only else self._connect_writable(timeout)
            self._check_schema()
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open the tenant store '{self.path}': {error}.") from None

    def _connect_writable(self, timeout: float) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _check_schema(self) -> None:
        """Create the tables of a new file; refuse a newer schema. The write lock is taken only
        to create the tables, so opening a file another process is writing does not wait."""
        version = self._schema_version()
        if version is None and not self.read_only:
            self._db.execute("BEGIN IMMEDIATE")
            self._migrate()
            self._db.execute("COMMIT")
        elif version is None:
            raise StoreError(f"The file '{self.path}' is not a tenant store.")
        elif int(version) > SCHEMA_VERSION:
            raise StoreError(
                f"The store '{self.path}' has schema {version}; this cscmdlets reads "
                f"up to {SCHEMA_VERSION}. Upgrade cscmdlets."
            )

    def _migrate(self) -> None:
        if self._schema_version() is not None:
            return  # another process created the tables while we waited for the lock
        # executescript() would COMMIT the open transaction: run statements one by one.
        for statement in filter(str.strip, _SCHEMA.split(";")):
            self._db.execute(statement)
        self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _schema_version(self) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else str(row[0])

    # --- transactions ----------------------------------------------------------------------------

    def transaction(self) -> Savepoint:
        return Savepoint(self)

    def open_savepoint(self) -> int:
        self._lock.acquire()
        try:
            if self._depth == 0:
                self._begin()
        except BaseException:
            self._lock.release()
            raise
        self._depth += 1
        return self._pending.undo.mark()

    def close_savepoint(self, mark: int, *, failed: bool) -> None:
        try:
            self._depth -= 1
            if failed and self._depth == 0:
                self._end("ROLLBACK")
            elif failed:
                self._pending.undo.rollback_to(mark)
            elif self._depth == 0:
                self._commit()
            elif self._depth == 1:
                # Only the outermost transaction is left, and its rollback drops the whole
                # overlay: the undo steps are no longer needed (a bulk run would pile them up).
                self._pending.undo.clear()
        finally:
            self._lock.release()

    def _begin(self) -> None:
        self._execute(self._begin_statement)
        version = self._execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            self._cache.clear()  # another connection wrote since we last looked
            self._data_version = version

    def _commit(self) -> None:
        pending, self._pending = self._pending, _Pending(self._stored_user)
        try:
            self._flush(pending)
            self._db.execute("COMMIT")
        except Exception as error:  # sqlite3.Error, or a value that cannot be encoded (a lone surrogate)
            self._end("ROLLBACK")
            raise StoreError(f"The tenant store '{self.path}' cannot be written: {error}.") from None
        except BaseException:
            self._end("ROLLBACK")  # never keep the write lock, whatever interrupted the commit
            raise
        self._update_cache(pending)

    def _end(self, statement: str) -> None:
        self._pending = _Pending(self._stored_user)
        # SQLite may already have rolled back (e.g. after SQLITE_FULL): nothing is left to undo.
        with contextlib.suppress(sqlite3.Error):
            self._db.execute(statement)

    def _execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            raise StoreError(f"The tenant store '{self.path}' cannot be used: {error}.") from None

    def close(self) -> None:
        self._db.close()

    def _flush(self, pending: _Pending) -> None:
        db = self._db
        for sql, rows in _statements(pending, self._cache["users"]):
            if isinstance(rows, list) and len(rows) == 1:
                db.execute(sql, rows[0])  # a command's usual row: execute skips executemany's iteration
            else:
                db.executemany(sql, rows)

    def _update_cache(self, pending: _Pending) -> None:
        """After a commit the file holds the pending writes: keep decoded rows that are still true."""
        users = self._cache["users"]
        # The overlay keys exactly the users whose identity differs from the file's: new or renamed.
        if pending.deleted or pending.index.keyed:
            self._cache.pop("keys", None)
        for object_id in pending.deleted:
            users.pop(object_id, None)
        users.update(pending.index.users)
        for name in ("singletons", "bridges", "numbers"):
            if getattr(pending, name):
                self._cache.pop(name, None)

    def _record(self, step: Any) -> None:
        if self._depth > 1:  # the outermost transaction's rollback drops the whole overlay, step or not
            self._pending.undo.record(step)

    # --- tenant and settings ---------------------------------------------------------------------

    def _singleton(self, name: str, model: type[M]) -> M | None:
        if name in self._pending.singletons:
            return self._pending.singletons[name]  # type: ignore[return-value]
        cache = self._cache["singletons"]
        if name not in cache:
            row = self._execute("SELECT data FROM singletons WHERE name = ?", (name,)).fetchone()
            cache[name] = None if row is None else model.model_validate_json(row[0])
        return cache[name]  # type: ignore[no-any-return]

    def _singleton_or_default(self, name: str, model: type[M]) -> M:
        """A singleton with a default when the file has none; the default is built once and cached
        as the stored value (models are frozen), not once per read (a bulk command reads the
        settings several times per user)."""
        value = self._singleton(name, model)
        if value is None:
            value = self._cache["singletons"][name] = model()
        return value

    def _save_singleton(self, name: str, value: BaseModel) -> None:
        self._remember(self._pending.singletons, name)
        self._pending.singletons[name] = value

    def _remember(self, table: dict[Any, Any], key: Any) -> None:
        if key in table:
            old = table[key]
            self._record(lambda: table.__setitem__(key, old))
        else:
            self._record(lambda: table.pop(key, None))

    def tenant(self) -> TenantInfo | None:
        return self._singleton("tenant", TenantInfo)

    def save_tenant(self, tenant: TenantInfo) -> None:
        self._save_singleton("tenant", tenant)

    def settings(self) -> DialInSettings:
        return self._singleton_or_default("settings", DialInSettings)

    def save_settings(self, settings: DialInSettings) -> None:
        self._save_singleton("settings", settings)

    def subscriptions(self) -> Subscriptions:
        from ..model.neighbourhood import Subscriptions  # loaded when first read

        return self._singleton_or_default("subscriptions", Subscriptions)

    def save_subscriptions(self, subscriptions: Subscriptions) -> None:
        self._save_singleton("subscriptions", subscriptions)

    def policies(self) -> Policies:
        from ..model.neighbourhood import Policies  # loaded when first read

        return self._singleton_or_default("policies", Policies)

    def save_policies(self, policies: Policies) -> None:
        self._save_singleton("policies", policies)

    def voice_apps(self) -> VoiceApps:
        from ..model.neighbourhood import VoiceApps  # loaded when first read

        return self._singleton_or_default("voice_apps", VoiceApps)

    def save_voice_apps(self, apps: VoiceApps) -> None:
        self._save_singleton("voice_apps", apps)

    def direct_routing(self) -> DirectRouting:
        from ..model.neighbourhood import DirectRouting  # loaded when first read

        return self._singleton_or_default("direct_routing", DirectRouting)

    def save_direct_routing(self, config: DirectRouting) -> None:
        self._save_singleton("direct_routing", config)

    def voicemail_settings(self) -> VoicemailSettings:
        from ..model.neighbourhood import VoicemailSettings  # loaded when first read

        return self._singleton_or_default("voicemail_settings", VoicemailSettings)

    def save_voicemail_settings(self, settings: VoicemailSettings) -> None:
        self._save_singleton("voicemail_settings", settings)

    # --- bridges and numbers ---------------------------------------------------------------------

    def _stored(self, name: str, sql: str, model: type[M]) -> list[M]:
        if name not in self._cache:
            self._cache[name] = [model.model_validate_json(row[0]) for row in self._execute(sql)]
        return list(self._cache[name])

    def _stored_bridges(self) -> dict[uuid.UUID, Bridge]:
        if "bridges" not in self._cache:
            rows = self._execute("SELECT data FROM bridges ORDER BY rowid")
            self._cache["bridges"] = {b.identity: b for b in (Bridge.model_validate_json(row[0]) for row in rows)}
        return self._cache["bridges"]  # type: ignore[no-any-return]

    def bridges(self) -> list[Bridge]:
        return list({**self._stored_bridges(), **self._pending.bridges}.values())

    def bridge(self, identity: uuid.UUID | None) -> Bridge | None:
        if identity is None:
            return None
        pending = self._pending.bridges
        if pending and identity in pending:  # a bridge is seldom changed: skip hashing its ID twice
            return pending[identity]
        return self._stored_bridges().get(identity)

    def save_bridge(self, bridge: Bridge) -> None:
        self._remember(self._pending.bridges, bridge.identity)
        self._pending.bridges[bridge.identity] = bridge

    def service_numbers(self) -> list[ServiceNumber]:
        sql = "SELECT data FROM service_numbers ORDER BY rowid"
        stored = self._stored("numbers", sql, ServiceNumber)
        if not self._pending.numbers:
            return stored  # a fresh list: each email of a bulk command reads the numbers again
        merged: dict[str, ServiceNumber | None] = {n.number: n for n in stored}
        merged.update(self._pending.numbers)
        return [n for n in merged.values() if n is not None]

    def save_service_number(self, number: ServiceNumber) -> None:
        self._remember(self._pending.numbers, number.number)
        self._pending.numbers[number.number] = number

    def delete_service_number(self, number: str) -> None:
        self._remember(self._pending.numbers, number)
        self._pending.numbers[number] = None

    # --- users -----------------------------------------------------------------------------------

    def _stored_user(self, object_id: uuid.UUID) -> User | None:
        users: dict[uuid.UUID, User | None] = self._cache["users"]
        user = users.get(object_id, _UNREAD)  # one lookup: a UUID's hash is Python code, run on each
        if user is _UNREAD:
            row = self._execute("SELECT data FROM users WHERE object_id = ?", (str(object_id),)).fetchone()
            user = users[object_id] = None if row is None else User.model_validate_json(row[0])
        return user  # type: ignore[return-value]

    def save_users(self, users: Sequence[User]) -> None:
        """Save many users, reading the stored rows of those not read yet in a few queries
        rather than one each (a new user's absence included)."""
        cached: dict[uuid.UUID, User | None] = self._cache["users"]
        ids: dict[str, uuid.UUID] = self._cache["ids"]
        unread = {user.object_id for user in users if user.object_id not in cached}
        texts = [str(object_id) for object_id in unread]
        for start in range(0, len(texts), _READ_BATCH):
            batch = texts[start : start + _READ_BATCH]
            marks = ", ".join("?" * len(batch))
            for text, data in self._execute(f"SELECT object_id, data FROM users WHERE object_id IN ({marks})", batch):
                user = User.model_validate_json(data)
                cached[user.object_id] = user
                ids[text] = user.object_id
                unread.discard(user.object_id)
        for object_id in unread:
            cached[object_id] = None  # read, and absent
        super().save_users(users)

    def user(self, object_id: uuid.UUID) -> User | None:
        pending = self._pending
        if pending.touches(object_id):
            return pending.index.users.get(object_id)
        return self._stored_user(object_id)

    def _stored_ids(self, identity_key: str) -> list[uuid.UUID]:
        keys: dict[str, list[uuid.UUID]] = self._cache["keys"]
        if identity_key not in keys:
            if not _is_utf8(identity_key):
                return []  # a lone surrogate cannot be stored, so it names no stored user (as in memory)
            users: dict[uuid.UUID, User | None] = self._cache["users"]
            ids: dict[str, uuid.UUID] = self._cache["ids"]
            found = []
            for text, data in self._execute(_FIND_USER, {"k": identity_key}):
                object_id = ids.get(text)
                if object_id is None:
                    user = users.get(uuid.UUID(text))
                    if user is None:  # decoding is the costly part: once per user
                        user = User.model_validate_json(data)
                        users[user.object_id] = user
                    object_id = ids[text] = user.object_id  # the user's own UUID, not a second one
                found.append(object_id)
            keys[identity_key] = found
        return keys[identity_key]

    def find_users(self, identity_key: str) -> list[User]:
        pending, users = self._pending, self._cache["users"]  # _stored_ids has decoded what it found
        stored_ids = self._stored_ids(identity_key)
        if not pending.index.users and not pending.deleted:
            return [users[object_id] for object_id in stored_ids]  # a command's first lookup: nothing written yet
        found = []
        for object_id in stored_ids:
            changed = pending.index.users.get(object_id)
            if changed is None and object_id not in pending.deleted:
                found.append(users[object_id])
            elif changed is not None and object_id not in pending.index.keyed:
                found.append(changed)  # changed, and still named by its stored keys
        return found + pending.index.find(identity_key)  # new users, and users whose keys changed

    def users(self) -> Iterator[User]:
        pending = self._pending
        stored = self._stored_users()
        if not pending.index.users and not pending.deleted:
            return iter(stored)  # nothing written in this transaction: the file's users, as they are
        # A user changed in this transaction keeps its place (as after the commit); new ones come last.
        listed = [pending.index.users.get(u.object_id) if pending.touches(u.object_id) else u for u in stored]
        known = {u.object_id for u in stored}
        added = [u for object_id, u in pending.index.users.items() if object_id not in known]
        return iter([u for u in listed if u is not None] + added)

    def _stored_users(self) -> list[User]:
        """Every stored user in file order. Rows decoded before are not read again: listing the
        users again (another Get-CsOnlineUser -Filter) reads their ids only."""
        decoded: dict[uuid.UUID, User | None] = self._cache["users"]
        ids: dict[str, uuid.UUID] = self._cache["ids"]  # a row's id text → its decoded user's object_id
        texts = [row[0] for row in self._execute("SELECT object_id FROM users ORDER BY rowid")]
        if not all(text in ids for text in texts):
            self._decode_users_paused(decoded, ids)
        return [decoded[ids[text]] for text in texts]  # type: ignore[misc]

    def _decode_users_paused(self, decoded: dict[uuid.UUID, User | None], ids: dict[str, uuid.UUID]) -> None:
        """:meth:`_decode_users` with Python's cyclic garbage collector paused. Decoded users hold
        no reference cycles, so collecting frees nothing; yet their allocations trigger
        collections again and again, full ones included, each walking every user decoded so far.
        After many rows, one full collection walks them once: the collector runs a full one when
        the objects no full collection has walked reach a quarter of those one has, so without
        it the next command would pay for it."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            if self._decode_users(decoded, ids) >= _MANY_ROWS and enabled:
                gc.collect()  # while still paused: re-enabled first, it would walk them in a young collection too
        finally:
            if enabled:
                gc.enable()

    def _decode_users(self, decoded: dict[uuid.UUID, User | None], ids: dict[str, uuid.UUID]) -> int:
        """Decode every stored row not decoded yet, and note each row's id. The id kept is the
        decoded user's own ``object_id``: a second UUID per user would be one more object for
        the cyclic collector to walk on each full collection. Returns how many rows it decoded."""
        count = 0
        for text, data in self._execute("SELECT object_id, data FROM users"):
            if text in ids:
                continue
            user = decoded.get(uuid.UUID(text)) if decoded else None  # decoded by a lookup before
            if user is None:
                user = User.model_validate_json(data)
                decoded[user.object_id] = user
                count += 1
            ids[text] = user.object_id
        return count

    def count_users(self) -> int:
        pending = self._pending
        touched = [str(i) for i in (*pending.index.users, *pending.deleted)]
        stored_touched = sum(self._stored_user(uuid.UUID(i)) is not None for i in touched)
        total = int(self._execute("SELECT count(*) FROM users").fetchone()[0])
        return total - stored_touched + len(pending.index.users)

    def conference_id_owner(self, bridge_id: uuid.UUID, conference_id: int) -> uuid.UUID | None:
        pending = self._pending
        owner = pending.index.conference_ids.get((bridge_id, conference_id))
        if owner is not None:
            return owner
        row = self._execute(
            "SELECT object_id FROM users WHERE bridge_id = ? AND conference_id = ?", (str(bridge_id), conference_id)
        ).fetchone()
        if row is None or pending.touches(uuid.UUID(row[0])):
            return None  # no one, or its holder has changed it in this transaction
        return uuid.UUID(row[0])

    def _put_user(self, object_id: uuid.UUID, user: User | None) -> None:
        index, deleted = self._pending.index, self._pending.deleted  # not _pending: no reference cycle
        if self._depth > 1:  # a savepoint inside the transaction: it may undo just this
            old, was_deleted = index.users.get(object_id), object_id in deleted

            def undo() -> None:
                index.put(object_id, old)
                (deleted.add if was_deleted else deleted.discard)(object_id)

            self._record(undo)
        index.put(object_id, user)
        if user is None:
            deleted.add(object_id)
        elif deleted:
            deleted.discard(object_id)

    # --- what happened ---------------------------------------------------------------------------

    def _append(self, log: list[str], encode: Callable[[T], str], entry: T) -> None:
        try:
            log.append(encode(entry))
        except ValueError as error:  # a lone surrogate cannot be encoded
            raise StoreError(f"The tenant store '{self.path}' cannot be written: {error}.") from None
        self._record(log.pop)

    def append_audit(self, entry: AuditEntry) -> None:
        self._append(self._pending.audit, _encoded_audit, entry)

    def audit_entries(self) -> list[AuditEntry]:
        rows = self._execute("SELECT sequence, data FROM audit ORDER BY sequence").fetchall()
        last = rows[-1][0] if rows else 0
        numbered = [*rows, *enumerate(self._pending.audit, last + 1)]
        return [replace(audit_adapter().validate_json(data), sequence=sequence) for sequence, data in numbered]

    def append_change(self, change: Change) -> None:
        self._append(self._pending.changes, _encoded_change, change)

    def changes(self) -> list[Change]:
        rows = self._execute("SELECT data FROM changes ORDER BY sequence")
        return [Change.model_validate_json(data) for data in [*(row[0] for row in rows), *self._pending.changes]]

    def add_outbox(self, entry: OutboxEntry) -> int:
        pending = self._pending
        # Stored rows do not change under the transaction: the file is read once, on its first message.
        last = pending.outbox_last or int(self._execute("SELECT coalesce(max(sequence), 0) FROM outbox").fetchone()[0])
        sequence = last + 1
        self._remember(pending.outbox, sequence)
        previous = pending.outbox_last
        self._record(lambda: setattr(pending, "outbox_last", previous))
        pending.outbox_last = sequence
        pending.outbox[sequence] = entry.model_copy(update={"sequence": sequence})
        return sequence

    def outbox(self, status: DeliveryStatus | None = None) -> list[OutboxEntry]:
        where, parameters = ("", ()) if status is None else ("WHERE status = ?", (status.value,))
        rows = self._execute(f"SELECT sequence, data, raw FROM outbox {where} ORDER BY sequence", parameters)
        merged = {seq: _outbox_entry(seq, data, raw) for seq, data, raw in rows}
        merged.update(self._pending.outbox)
        return [merged[seq] for seq in sorted(merged) if status is None or merged[seq].status is status]

    def outbox_entry(self, sequence: int) -> OutboxEntry | None:
        if sequence in self._pending.outbox:
            return self._pending.outbox[sequence]
        row = self._execute("SELECT data, raw FROM outbox WHERE sequence = ?", (sequence,)).fetchone()
        return None if row is None else _outbox_entry(sequence, *row)

    def update_outbox(self, entry: OutboxEntry) -> None:
        self._remember(self._pending.outbox, entry.sequence)
        self._pending.outbox[entry.sequence] = entry
