"""The admin centre's read model of the users: search, filters, sorting and paging.

The store answers "who is ``X``?" through its indexes, but a list page asks other questions
(names containing "ack", users on a bridge, sorted by conference ID, page 812 of 2000), and
answering them from the SQLite file is a scan of 100,000 JSON rows per request. So the page
reads a compact snapshot of the users: one tuple-like :class:`UserRow` per user, sorted once per
key and partitioned by bridge, provider and licence.

It stays current without reloading: when the file's ``PRAGMA data_version`` changes (another
connection wrote), the audit log after the last entry seen names the users that changed (every
cmdlet and directory operation audits the users it touches), and only their rows are read
again -- by the store's own identity index. A change of the user count the audit log does not
explain (a store written without auditing, such as a fresh seed) reloads everything.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SORT_KEYS", "Directory", "Page", "Query", "UserRow"]

SORT_KEYS = ("name", "upn", "conference_id", "bridge", "provider")
PAGE_SIZES = (25, 50, 100)


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
    search_text: str  # lower-cased name and UPN, one string: one `in` test per row

    @classmethod
    def from_json(cls, object_id: str, data: str) -> UserRow:
        user = json.loads(data)
        name, upn = user["display_name"], user["user_principal_name"]
        return cls(
            object_id,
            name,
            upn,
            user.get("bridge_id"),
            user.get("conference_id"),
            user.get("provider", "Microsoft"),
            bool(user.get("licensed", True)),
            user.get("service_number"),
            user.get("toll_free_service_number"),
            f"{name.lower()}\n{upn.lower()}",
        )


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


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class Directory:
    """The users of the tenant in ``path``, kept current as described in the module docstring.

    Args:
        path: the tenant's SQLite file.
        bridge_numbers: returns each bridge id's default toll and toll-free numbers, so a
            search by number finds the users who dial in on their bridge's defaults.
    """

    def __init__(self, path: str | Path) -> None:
        self._db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._version: int | None = None
        self._audit_seen = 0
        self._rows: dict[str, UserRow] = {}
        self._sorted: dict[str, list[UserRow]] = {}

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
            if not self._rows:
                self._reload()
                return
            self._apply_audit()

    def _reload(self) -> None:
        self._db.execute("BEGIN")
        try:
            (self._audit_seen,) = self._db.execute("SELECT coalesce(max(sequence), 0) FROM audit").fetchone()
            rows = self._db.execute("SELECT object_id, data FROM users").fetchall()
        finally:
            self._db.execute("COMMIT")
        self._rows = {object_id: UserRow.from_json(object_id, data) for object_id, data in rows}
        self._sorted.clear()

    def _apply_audit(self) -> None:
        self._db.execute("BEGIN")
        try:
            entries = self._db.execute(
                "SELECT sequence, json_extract(data, '$.target') FROM audit WHERE sequence > ? ORDER BY sequence",
                (self._audit_seen,),
            ).fetchall()
            targets = {str(target).lower() for _, target in entries if target}
            fresh = self._read_targets(targets)
            count = self._db.execute("SELECT count(*) FROM users").fetchone()[0]
        finally:
            self._db.execute("COMMIT")
        if entries:
            self._audit_seen = entries[-1][0]
        for object_id, row in fresh:
            if row is None:
                self._rows.pop(object_id, None)
            else:
                self._rows[object_id] = row
        if count != len(self._rows):
            self._reload()  # a change the audit log does not explain
            return
        if fresh:
            self._sorted.clear()

    def _read_targets(self, targets: Iterable[str]) -> list[tuple[str, UserRow | None]]:
        """The rows of the users an audit target names, by any identity form (the store's indexes);
        a target that names no one any more was removed, and its row goes."""
        found: list[tuple[str, UserRow | None]] = []
        for key in targets:
            rows = self._db.execute(
                "SELECT object_id, data FROM users "
                "WHERE object_id = :k OR upn = :k OR sip = :k OR logon = :k OR name = :k OR dn = :k",
                {"k": key.removeprefix("sip:")},
            ).fetchall()
            found.extend((object_id, UserRow.from_json(object_id, data)) for object_id, data in rows)
            if not rows:
                found.extend((row.object_id, None) for row in self._rows.values() if key in row.search_text.split("\n"))
        return found

    # --- answering -------------------------------------------------------------------------------

    def get(self, object_id: str) -> UserRow | None:
        self.refresh()
        return self._rows.get(object_id)

    def _in_order(self, key: str) -> list[UserRow]:
        """All rows sorted by ``key`` (then name), computed once per key until the next change."""
        if key not in self._sorted:
            by_key = {
                "name": lambda r: (r.display_name.lower(), r.upn),
                "upn": lambda r: (r.upn.lower(), ""),
                "conference_id": lambda r: (r.conference_id or 0, r.upn),
                "bridge": lambda r: (r.bridge_id or "", r.display_name.lower()),
                "provider": lambda r: (r.provider, r.display_name.lower()),
            }[key]
            self._sorted[key] = sorted(self._rows.values(), key=by_key)
        return self._sorted[key]

    def search(self, query: Query, numbers_by_bridge: dict[str, tuple[str, ...]] | None = None) -> Page:
        """One page of the users matching ``query``.

        Args:
            numbers_by_bridge: each bridge's default numbers (digits), so a number search also
                finds the users who use their bridge's defaults.
        """
        self.refresh()
        with self._lock:
            rows = self._in_order(query.sort if query.sort in SORT_KEYS else "name")
            matches = self._filtered(rows, query, numbers_by_bridge or {})
        if query.descending:
            matches.reverse()
        size = query.size if query.size in PAGE_SIZES else 50
        pages = max(1, -(-len(matches) // size))
        page = min(max(1, query.page), pages)
        return Page(matches[(page - 1) * size : page * size], len(matches), page, pages)

    @staticmethod
    def _filtered(rows: list[UserRow], query: Query, numbers_by_bridge: dict[str, tuple[str, ...]]) -> list[UserRow]:
        text, digits = query.search.strip().lower(), _digits(query.search)
        by_number = len(digits) >= 3 and len(digits) >= len(text.replace("+", "").replace(" ", "")) - 1
        bridges = {b for b, numbers in numbers_by_bridge.items() if any(digits in n for n in numbers)}
        licensed = {"licensed": True, "unlicensed": False}.get(query.licence)
        result = []
        for row in rows:
            if query.bridge and row.bridge_id != query.bridge:
                continue
            if query.provider and row.provider != query.provider:
                continue
            if licensed is not None and row.licensed is not licensed:
                continue
            if text and text not in row.search_text and not (by_number and _matches_number(row, digits, bridges)):
                continue
            result.append(row)
        return result


def _matches_number(row: UserRow, digits: str, bridges: set[str]) -> bool:
    own = (row.service_number or "", row.toll_free_service_number or "")
    if any(digits in number for number in own):
        return True
    if row.conference_id is not None and digits in str(row.conference_id):
        return True
    return row.bridge_id in bridges and not all(own)
