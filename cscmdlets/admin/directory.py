"""The admin centre's read model of the users: search, filters, sorting and paging.

The store answers "who is ``X``?" through its indexes, but a list page asks other questions
(names containing "ack", users on a bridge, sorted by conference ID, page 812 of 2000), and
answering them from the SQLite file is a scan of 100,000 JSON rows per request (a third of a
second). So the page reads a compact snapshot of the users: one :class:`UserRow` per user,
kept sorted by each key the list offers.

It stays current without reloading: when the file's ``PRAGMA data_version`` changes (another
connection wrote), the audit log after the last entry seen names the users that changed (every
cmdlet and directory operation audits the users it touches); only their rows are read again,
through the store's identity index, and moved to their places in each sorted order. A change
of the user count the audit log does not explain (a store written without auditing, such as a
fresh seed) reloads everything.

It reads the file through a read-only connection of its own, by the ``users`` and ``audit``
tables of :mod:`cscmdlets.store.sqlite` (its indexed columns, and the JSON of the models);
``tests/admin/test_directory.py`` checks it against a store written by the cmdlets.
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["PAGE_SIZES", "SORT_KEYS", "Directory", "Page", "Query", "UserRow"]

PAGE_SIZES = (25, 50, 100)
#: More users changed than this since the last look: read them all again.
_MOST_TARGETS = 2_000

_COLUMNS = (
    "SELECT object_id, json_extract(data, '$.display_name'), json_extract(data, '$.user_principal_name'), "
    "bridge_id, conference_id, json_extract(data, '$.provider'), json_extract(data, '$.licensed'), "
    "json_extract(data, '$.service_number'), json_extract(data, '$.toll_free_service_number') FROM users"
)
_BY_IDENTITY = _COLUMNS + " WHERE object_id = :k OR upn = :k OR sip = :k OR logon = :k OR name = :k OR dn = :k"


@dataclass(frozen=True, slots=True)
class UserRow:
    """What the list shows of a user, and what it searches and sorts by."""

    object_id: str
    display_name: str
    upn: str
    bridge_id: str | None
    conference_id: int | None
    provider: str
    licensed: bool
    service_number: str | None
    toll_free_service_number: str | None
    search_text: str  # lower-cased name and UPN: one `in` test per row
    number_text: str  # own numbers and conference ID, digits only

    @classmethod
    def from_columns(cls, row: tuple[Any, ...]) -> UserRow:
        object_id, name, upn, bridge, conference_id, provider, licensed, toll, toll_free = row
        numbers = f"{toll or ''}\n{toll_free or ''}\n{conference_id or ''}"
        return cls(
            object_id,
            name,
            upn,
            bridge,
            conference_id,
            provider or "Microsoft",
            bool(licensed),
            toll,
            toll_free,
            f"{name.lower()}\n{upn.lower()}",
            numbers,
        )

    @property
    def has_own_numbers(self) -> bool:
        return bool(self.service_number and self.toll_free_service_number)


SortKey = Callable[[UserRow], tuple[Any, ...]]
SORTS: dict[str, SortKey] = {
    "name": lambda r: (r.display_name.lower(), r.object_id),
    "upn": lambda r: (r.upn.lower(), r.object_id),
    "conference_id": lambda r: (r.conference_id or 0, r.object_id),
    "bridge": lambda r: (r.bridge_id or "", r.display_name.lower(), r.object_id),
    "provider": lambda r: (r.provider, r.display_name.lower(), r.object_id),
}
SORT_KEYS = tuple(SORTS)


@dataclass(frozen=True, slots=True)
class Query:
    """One list request: search text, filters, sort key and direction, page."""

    search: str = ""
    bridge: str = ""  # a bridge id, or "" for any
    provider: str = ""  # Microsoft, ThirdParty, None, or "" for any
    licence: str = ""  # "licensed", "unlicensed", or "" for any
    sort: str = "name"
    descending: bool = False
    page: int = 1
    size: int = 50


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[UserRow]
    total: int
    page: int
    pages: int


class _Order:
    """All rows sorted by one key (the key ends with the object id, so keys are unique),
    with the keys alongside, so one changed row moves by bisection instead of a new sort."""

    def __init__(self, rows: Iterable[UserRow], key: SortKey) -> None:
        self.key = key
        self.rows = sorted(rows, key=key)
        self.keys = [key(row) for row in self.rows]

    def remove(self, row: UserRow) -> None:
        at = bisect.bisect_left(self.keys, self.key(row))
        del self.rows[at], self.keys[at]

    def add(self, row: UserRow) -> None:
        key = self.key(row)
        at = bisect.bisect_left(self.keys, key)
        self.rows.insert(at, row)
        self.keys.insert(at, key)


class Directory:
    """The users of the tenant in the SQLite file ``path``, kept current (module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self._db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._version: int | None = None
        self._audit_seen = 0
        self._rows: dict[str, UserRow] = {}
        self._orders: dict[str, _Order] = {}

    def close(self) -> None:
        self._db.close()

    # --- keeping current -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Catch up with the file, if another connection wrote since the last look."""
        with self._lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if version == self._version:
                return
            self._version = version
            if self._rows:
                self._apply_audit()
            else:
                self._reload()

    def _reload(self) -> None:
        with self._read():
            (self._audit_seen,) = self._db.execute("SELECT coalesce(max(sequence), 0) FROM audit").fetchone()
            rows = self._db.execute(_COLUMNS).fetchall()
        self._rows = {row[0]: UserRow.from_columns(row) for row in rows}
        self._orders.clear()

    def _read(self) -> Any:
        """One read transaction: the audit log and the users seen at the same moment."""
        db = self._db

        class Snapshot:
            def __enter__(self) -> None:
                db.execute("BEGIN")

            def __exit__(self, *exc_info: object) -> None:
                db.execute("COMMIT")

        return Snapshot()

    def _apply_audit(self) -> None:
        with self._read():
            entries = self._db.execute(
                "SELECT sequence, json_extract(data, '$.target') FROM audit WHERE sequence > ? ORDER BY sequence",
                (self._audit_seen,),
            ).fetchall()
            targets = {str(target).lower() for _, target in entries if target}
            bulk = len(targets) > _MOST_TARGETS  # one pass over the table beats a lookup per user
            fresh = [] if bulk else self._read_targets(targets)
            (count,) = self._db.execute("SELECT count(*) FROM users").fetchone()
        if entries:
            self._audit_seen = entries[-1][0]
        for object_id, row in fresh:
            self._replace(object_id, row)
        if bulk or count != len(self._rows):
            self._reload()  # a bulk run, or a change the audit log does not explain

    def _replace(self, object_id: str, row: UserRow) -> None:
        old = self._rows.get(object_id)
        if old == row:
            return
        for order in self._orders.values():
            if old is not None:
                order.remove(old)
            order.add(row)
        self._rows[object_id] = row

    def _read_targets(self, targets: Iterable[str]) -> list[tuple[str, UserRow]]:
        """The rows of the users audit targets name, by any identity form (the store's indexes).
        A target naming no user (the settings' "Global", a bridge, a removed user) finds none;
        a removed user shows as a changed count, which reloads."""
        found: list[tuple[str, UserRow]] = []
        for key in targets:
            rows = self._db.execute(_BY_IDENTITY, {"k": key.removeprefix("sip:")}).fetchall()
            found.extend((row[0], UserRow.from_columns(row)) for row in rows)
        return found

    def warm(self) -> None:
        """Load the users and sort them by every key, so no request pays for it."""
        self.refresh()
        with self._lock:
            for key in SORTS:
                self._order(key)

    # --- answering -------------------------------------------------------------------------------

    def _order(self, key: str) -> list[UserRow]:
        if key not in self._orders:
            self._orders[key] = _Order(self._rows.values(), SORTS[key])
        return self._orders[key].rows

    def search(self, query: Query, numbers_by_bridge: dict[str, tuple[str, ...]] | None = None) -> Page:
        """One page of the users matching ``query``.

        Args:
            numbers_by_bridge: each bridge's default numbers, so a number search also finds
                the users who dial in on their bridge's defaults.
        """
        self.refresh()
        with self._lock:
            rows = self._order(query.sort if query.sort in SORTS else "name")
            matches = _filtered(rows, query, numbers_by_bridge or {})
        size = query.size if query.size in PAGE_SIZES else 50
        pages = max(1, -(-len(matches) // size))
        page = min(max(1, query.page), pages)
        start = (page - 1) * size
        if query.descending:
            chosen = matches[len(matches) - start - size if len(matches) > start + size else 0 : len(matches) - start]
            chosen.reverse()
        else:
            chosen = matches[start : start + size]
        return Page(chosen, len(matches), page, pages)


def _filtered(rows: list[UserRow], query: Query, numbers_by_bridge: dict[str, tuple[str, ...]]) -> list[UserRow]:
    """The rows matching the query, in ``rows``' order: one comprehension per condition given
    (each a C-speed loop over a list that only gets shorter)."""
    if query.bridge:
        rows = [r for r in rows if r.bridge_id == query.bridge]
    if query.provider:
        rows = [r for r in rows if r.provider == query.provider]
    if query.licence in ("licensed", "unlicensed"):
        wanted = query.licence == "licensed"
        rows = [r for r in rows if r.licensed is wanted]
    text = query.search.strip().lower()
    if not text:
        return rows
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) < 3 or len(text) - len(digits) > text.count(" ") + text.count("+") + text.count("-"):
        return [r for r in rows if text in r.search_text]
    # A number: the user's own numbers, conference ID, or their bridge's defaults if they use them.
    bridges = {bridge for bridge, numbers in numbers_by_bridge.items() if any(digits in n for n in numbers)}
    return [
        r
        for r in rows
        if text in r.search_text or digits in r.number_text or (r.bridge_id in bridges and not r.has_own_numbers)
    ]
