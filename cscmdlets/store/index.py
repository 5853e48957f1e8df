"""In-memory building blocks both stores use: a user index, an undo log and savepoints."""

from __future__ import annotations

import operator
import uuid
from collections.abc import Callable, Hashable, Iterable, Sequence
from types import TracebackType
from typing import Protocol

from ..model import User

__all__ = ["CompactingUndoLog", "Savepoint", "UndoLog", "UserIndex", "UserWrites", "same_identity"]

_IDENTITY_FIELDS = ("user_principal_name", "sip_address", "logon_name", "display_name")
_identity_fields = operator.attrgetter(*_IDENTITY_FIELDS)
#: Everything that places a user in the indexes: its identity keys and its seat.
_placement = operator.attrgetter(*_IDENTITY_FIELDS, "bridge_id", "conference_id")


def same_identity(old: User | None, new: User | None) -> bool:
    if old is None or new is None:
        return old is new
    return bool(_identity_fields(old) == _identity_fields(new))


def _seat(user: User | None) -> tuple[uuid.UUID, int] | None:
    """The (bridge, conference ID) a user holds, if any."""
    if user is None or user.bridge_id is None or user.conference_id is None:
        return None
    return user.bridge_id, user.conference_id


def _keys_of(user: User | None, stored: User | None) -> tuple[str, ...]:
    """The keys an index holds for ``user``: none where the store's own lookup finds it, by
    the same keys as its ``stored`` version."""
    if user is None or same_identity(stored, user):
        return ()
    return user.name_keys()


_DN_NAME_END = ",cn=users,dc="  # what follows the display name in a lower-cased distinguished name


class UserIndex:
    """Users by object ID, by every identity key, and by (bridge, conference ID).

    ``keys`` holds the name keys (``User.name_keys``: UPN, SIP address, logon name, display
    name); an object ID or a distinguished name is read from the key looked up (the user by
    that ID; the users of the DN's display name whose DN it is), so the index keeps neither
    string: a third less memory per user, and less work to index each.

    Given ``stored`` (a user as the store's file holds it, or ``None``), the index is an
    overlay on the store: it keys only the users whose identity keys differ from their stored
    version, because the store's own lookup finds the others. A bulk update of many users then
    builds no keys at all.
    """

    def __init__(self, stored: Callable[[uuid.UUID], User | None] | None = None) -> None:
        self.users: dict[uuid.UUID, User] = {}
        #: Each key's user, or the IDs of the users who share it: a lookup by name reads the
        #: user itself (hashing a UUID runs Python code, and each step is a cache miss in a
        #: big tenant), so an update repoints the user's keys.
        self.keys: dict[str, User | set[uuid.UUID]] = {}
        self.conference_ids: dict[tuple[uuid.UUID, int], uuid.UUID] = {}
        #: In an overlay: the users it keys (new ones, and those whose identity keys changed).
        self.keyed: set[uuid.UUID] = set()
        #: Users whose seat another user has taken since they were last put (in a transaction
        #: that swaps conference IDs, say): any other user still holds the seat it has, so an
        #: update that keeps keys and seat needs no look at ``conference_ids``.
        self.displaced: set[uuid.UUID] = set()
        self._stored = stored

    def find(self, identity_key: str) -> list[User]:
        """The indexed users ``identity_key`` names (in an overlay: only those whose keys changed)."""
        named = self.keys.get(identity_key)
        if named is None:
            found = []
        elif isinstance(named, set):
            found = [self.users[object_id] for object_id in named]
        else:
            found = [named]
        if len(identity_key) == 36 or identity_key.startswith("cn="):  # maybe an object ID or a DN
            for user in self._by_id_or_dn(identity_key):
                if not any(user is seen for seen in found):
                    found.append(user)
        return found

    def _by_id_or_dn(self, identity_key: str) -> list[User]:
        """The users whose object ID or distinguished name (lower-cased) is ``identity_key``."""
        found = []
        if len(identity_key) == 36:
            try:
                object_id = uuid.UUID(identity_key)
            except ValueError:
                object_id = None
            # Only the canonical text names a user, as str(object_id) did as a key.
            if object_id is not None and str(object_id) == identity_key:
                user = self.users.get(object_id)
                if user is not None and (self._stored is None or object_id in self.keyed):
                    found.append(user)
        if identity_key.startswith("cn="):
            # CN=<display name>,CN=Users,DC=…: the name may hold that text too, so try each end.
            end = identity_key.find(_DN_NAME_END)
            while end >= 0:
                for user in self._named(identity_key[3:end]):
                    if user.distinguished_name.lower() == identity_key:
                        found.append(user)
                end = identity_key.find(_DN_NAME_END, end + 1)
        return found

    def _named(self, key: str) -> list[User]:
        named = self.keys.get(key)
        if named is None:
            return []
        if isinstance(named, set):
            return [self.users[object_id] for object_id in named]
        return [named]

    def put(self, object_id: uuid.UUID, user: User | None) -> None:
        """Replace (or, with ``None``, remove) a user, keeping both indexes exact."""
        self.replace(object_id, self.users.get(object_id), user)

    def replace(self, object_id: uuid.UUID, old: User | None, user: User | None) -> None:
        """``put``, given the user's indexed version ``old`` (``None``: none), which the
        caller has just read."""
        if old is not None:
            if (
                user is not None
                and _placement(old) == _placement(user)
                and (not self.displaced or object_id not in self.displaced)
            ):
                self.users[object_id] = user  # the usual update: same keys, and it keeps its seat
                if self._stored is None or object_id in self.keyed:
                    self._repoint(old.name_keys(), old, user)
                return
        elif user is not None and self._stored is None:
            self.add(object_id, user)
            return
        stored = self._stored(object_id) if self._stored is not None else None
        if (
            old is None
            and user is not None
            and stored is not None
            and self._first_change_in_place(object_id, stored, user)
        ):
            return
        old_keys, new_keys = _keys_of(old, stored), _keys_of(user, stored)
        if old_keys != new_keys:
            for key in old_keys:
                self._unkey(key, object_id)
            if user is not None:
                for key in new_keys:
                    self._key(key, user)
        elif old is not None and user is not None and new_keys:
            self._repoint(new_keys, old, user)
        if self._stored is not None:
            (self.keyed.add if new_keys else self.keyed.discard)(object_id)
        if user is None:
            self.users.pop(object_id, None)
        else:
            self.users[object_id] = user  # in place: a changed user keeps its place in users()
        held, seat = _seat(old), _seat(user)
        if held is not None and self.conference_ids.get(held) == object_id:  # another may have taken it
            del self.conference_ids[held]
        if seat is not None:
            self._seat_user(seat, object_id)
        self.displaced.discard(object_id)  # it holds its seat now, if it has one

    def _first_change_in_place(self, object_id: uuid.UUID, stored: User, user: User) -> bool:
        """In an overlay, a stored user's first change that keeps its keys and seat (a command
        per transaction makes only these): the store's lookup still finds it by its stored keys,
        so it needs no keys, just its seat (which the file's row no longer vouches for)."""
        if _placement(stored) != _placement(user) or (self.displaced and object_id in self.displaced):
            return False
        self.users[object_id] = user
        if user.conference_id is not None and user.bridge_id is not None:
            self._seat_user((user.bridge_id, user.conference_id), object_id)
        return True

    def add(self, object_id: uuid.UUID, user: User) -> None:
        """A user not indexed yet: keyed by each of its keys, seated. (Not in an overlay:
        there ``put`` decides what to key.)"""
        self.users[object_id] = user
        self._key_and_seat(object_id, user)

    def add_all(self, users: Iterable[User], added: list[uuid.UUID], known: Callable[[User], None]) -> None:
        """Add each user not indexed yet, in order, appending its object ID to ``added``, as a
        tenant loads; ``known(user)`` saves one already indexed, at its place in the order."""
        indexed, keys, seats = self.users, self.keys, self.conference_ids
        for user in users:  # _key_and_seat, inline: a tenant of a million users runs this a million times
            object_id = user.object_id
            size = len(indexed)
            indexed.setdefault(object_id, user)  # one hash of the ID (a Python-level __hash__), not two
            if len(indexed) == size:
                known(user)
                continue
            added.append(object_id)
            for key in user.name_keys():
                if keys.setdefault(key, user) is not user:
                    self._key(key, user)  # a key another user has too
            if user.conference_id is not None and user.bridge_id is not None:
                seat = (user.bridge_id, user.conference_id)
                if seats.setdefault(seat, object_id) is not object_id:
                    self._seat_user(seat, object_id)  # a seat another user holds

    def _key_and_seat(self, object_id: uuid.UUID, user: User) -> None:
        keys = self.keys
        for key in user.name_keys():
            if keys.setdefault(key, user) is not user:
                self._key(key, user)  # a key another user has too
        if user.conference_id is not None and user.bridge_id is not None:
            self._seat_user((user.bridge_id, user.conference_id), object_id)

    def _seat_user(self, seat: tuple[uuid.UUID, int], object_id: uuid.UUID) -> None:
        """Give ``seat`` to ``object_id``; a user who held it no longer does (``displaced``)."""
        holder = self.conference_ids.setdefault(seat, object_id)
        if holder is not object_id and holder != object_id:
            self.displaced.add(holder)
            self.conference_ids[seat] = object_id

    def _key(self, key: str, user: User) -> None:
        named = self.keys.setdefault(key, user)
        if named is user:
            return
        if isinstance(named, set):
            named.add(user.object_id)
        elif named.object_id == user.object_id:
            self.keys[key] = user  # its older version
        else:
            self.keys[key] = {named.object_id, user.object_id}

    def _unkey(self, key: str, object_id: uuid.UUID) -> None:
        named = self.keys.get(key)
        if isinstance(named, set):
            named.discard(object_id)
            if len(named) == 1:
                self.keys[key] = self.users[next(iter(named))]
            elif not named:
                del self.keys[key]
        elif named is not None and named.object_id == object_id:
            del self.keys[key]

    def _repoint(self, keys: tuple[str, ...], old: User, user: User) -> None:
        """Point the keys that name ``old`` at ``user``, its new version (a shared key names IDs)."""
        named = self.keys
        for key in keys:
            if named.get(key) is old:
                named[key] = user


class UndoLog:
    """How to undo each write since the transaction began; a savepoint is a mark in it."""

    def __init__(self) -> None:
        self._steps: list[Callable[[], None]] = []

    def record(self, step: Callable[[], None]) -> None:
        self._steps.append(step)

    def mark(self) -> int:
        return len(self._steps)

    def rollback_to(self, mark: int) -> None:
        while len(self._steps) > mark:
            self._steps.pop()()

    def clear(self) -> None:
        self._steps.clear()


class CompactingUndoLog(UndoLog):
    """An undo log whose steps name what they restore (``key``: a user, a log's length).

    Once only the outermost transaction can still roll back, it needs just the oldest state of
    each thing: ``compact`` then drops every later step of a key, so a long transaction keeps
    one step per thing it changed rather than one per write.
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[Hashable] = []  # each step's key, or None
        self._compacted = 0  # the steps before this hold one step per key
        self._compacted_keys: set[Hashable] = set()

    def record(self, step: Callable[[], None], key: Hashable = None) -> None:
        self._steps.append(step)  # not through super(): a step is recorded per write
        self._keys.append(key)

    def rollback_to(self, mark: int) -> None:
        super().rollback_to(mark)
        del self._keys[mark:]
        if mark < self._compacted:
            self._compacted = mark
            self._compacted_keys = {key for key in self._keys if key is not None}

    def compact(self) -> None:
        """Keep only the first step of each key (and every step without one)."""
        fresh = list(zip(self._keys[self._compacted :], self._steps[self._compacted :], strict=True))
        del self._keys[self._compacted :], self._steps[self._compacted :]
        for key, step in fresh:
            if key is None or key not in self._compacted_keys:
                self._keys.append(key)
                self._steps.append(step)
                if key is not None:
                    self._compacted_keys.add(key)
        self._compacted = len(self._steps)

    def clear(self) -> None:
        if self._steps:  # a command that wrote nothing (a Get) leaves nothing to clear
            self._steps.clear()
            self._keys.clear()
            self._compacted = 0
            self._compacted_keys.clear()


class Savepoints(Protocol):
    def open_savepoint(self) -> int:
        """Take the store's lock, begin (the outermost) transaction; return an undo mark."""
        ...

    def close_savepoint(self, mark: int, *, failed: bool) -> None:
        """Undo back to ``mark`` or keep the writes (committing the outermost); release the lock."""
        ...


class Savepoint:
    """``with store.transaction():`` — a class, not ``@contextmanager``: it wraps every command,
    and a generator-based context manager costs four times as much."""

    __slots__ = ("_mark", "_store")

    def __init__(self, store: Savepoints) -> None:
        self._store = store
        self._mark = 0

    def __enter__(self) -> None:
        self._mark = self._store.open_savepoint()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._store.close_savepoint(self._mark, failed=kind is not None)


class UserWrites:
    """The Store's user writes, for a store that implements ``_put_user`` (``None`` deletes)."""

    def _put_user(self, object_id: uuid.UUID, user: User | None) -> None:
        raise NotImplementedError

    def save_user(self, user: User) -> None:
        self._put_user(user.object_id, user)

    def save_users(self, users: Sequence[User]) -> None:
        for user in users:
            self.save_user(user)

    def delete_user(self, object_id: uuid.UUID) -> None:
        self._put_user(object_id, None)
