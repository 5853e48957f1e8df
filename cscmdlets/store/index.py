"""In-memory building blocks both stores use: a user index and an undo log."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from ..model import User

__all__ = ["UndoLog", "UserIndex", "UserWrites", "same_identity"]

_IDENTITY_FIELDS = ("user_principal_name", "sip_address", "logon_name", "display_name")


def same_identity(old: User | None, new: User | None) -> bool:
    if old is None or new is None:
        return old is new
    old_values, new_values = old.__dict__, new.__dict__
    return all(old_values[name] == new_values[name] for name in _IDENTITY_FIELDS)


class UserIndex:
    """Users by object ID, by every identity key, and by (bridge, conference ID)."""

    def __init__(self) -> None:
        self.users: dict[uuid.UUID, User] = {}
        self.keys: dict[str, set[uuid.UUID]] = {}
        self.conference_ids: dict[tuple[uuid.UUID, int], uuid.UUID] = {}

    def find(self, identity_key: str) -> list[User]:
        return [self.users[object_id] for object_id in self.keys.get(identity_key, ())]

    def put(self, object_id: uuid.UUID, user: User | None) -> None:
        """Replace (or, with ``None``, remove) a user, keeping both indexes exact."""
        old = self.users.get(object_id)
        if not same_identity(old, user):
            for key in old.identity_keys() if old is not None else ():
                self.keys[key].discard(object_id)
            for key in user.identity_keys() if user is not None else ():
                self.keys.setdefault(key, set()).add(object_id)
        if old is not None and old.bridge_id is not None and old.conference_id is not None:
            held = (old.bridge_id, old.conference_id)
            if self.conference_ids.get(held) == object_id:  # another user may have taken it since
                del self.conference_ids[held]
        if user is None:
            self.users.pop(object_id, None)
        else:
            self.users[object_id] = user  # in place: a changed user keeps its place in users()
            if user.bridge_id is not None and user.conference_id is not None:
                self.conference_ids[(user.bridge_id, user.conference_id)] = object_id


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
