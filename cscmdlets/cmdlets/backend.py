"""The dial-in conferencing backend: the emulated service's state and its own rules.

One :class:`Backend` per tenant (moto's one backend per account) wraps the store with what
the service knows beyond storage: how an Identity names a user, how numbers are written,
how PINs and conference IDs are generated, and how every change is audited and recorded
as a :class:`~cscmdlets.model.Change` for the mail layer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import operator
import random
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..model import (
    AuditEntry,
    Bridge,
    Change,
    ConferencingUser,
    DialInSettings,
    ServiceNumber,
    TenantInfo,
    User,
    utc_now,
)
from ..store.base import Store
from .errors import (
    AmbiguousIdentity,
    BridgeNotFound,
    InvalidServiceNumber,
    ServiceNumberNotFound,
    UserNotFound,
)

if TYPE_CHECKING:
    from ..model.connections import MgContext

__all__ = ["Backend", "hash_pin", "normalize_number", "pin_matches", "random_digits"]

CONFERENCE_ID_DIGITS = 7


def normalize_number(value: str | None, parameter: str) -> str:
    """``14255550100``, ``+14255550100`` or ``tel:+14255550100`` → ``14255550100`` (-ServiceNumber's formats).

    Raises:
        InvalidServiceNumber: ``$null``, or not a possible E.164 number (checked with phonenumbers).
    """
    if value is None:
        raise InvalidServiceNumber("$null", parameter)
    text = value.strip()
    digits = text[4:] if text.lower().startswith("tel:") else text
    digits = digits.removeprefix("+")
    if not digits.isdigit() or not digits.isascii():
        raise InvalidServiceNumber(value, parameter)
    import phonenumbers  # loaded on the first number, not by `import cscmdlets`

    try:
        parsed = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        raise InvalidServiceNumber(value, parameter) from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidServiceNumber(value, parameter)
    return digits


def hash_pin(pin: str, salt: bytes) -> str:
    """``salt$sha256(salt + pin)`` in hex.

    The hash keeps the PIN out of the store, audit log and exports; no hash could protect a
    4-12 digit space against brute force, so a fast one keeps bulk resets fast.
    """
    return f"{salt.hex()}${hashlib.sha256(salt + pin.encode()).hexdigest()}"


def pin_matches(pin: str, stored: str) -> bool:
    salt_hex, _ = stored.split("$", 1)
    return hash_pin(pin, bytes.fromhex(salt_hex)) == stored


_ALIASES = {name: info.alias or name for name, info in User.model_fields.items() if name != "leader_pin_hash"}
_SHOWN = tuple(_ALIASES)
_shown = operator.itemgetter(*_SHOWN)  # a user's __dict__ → its shown values, in order
_POSITIONS = {name: position for position, name in enumerate(User.model_fields)}


def user_difference(
    before: User | None, after: User | None, changed: Collection[str] | None = None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """What the audit log keeps of a user change: the changed properties, before and after.

    A new or removed user is shown whole. The PIN hash is never shown; a PIN reset appears as
    ``LeaderPin: ***** → ***** (reset)``. ``changed``, when given, names every field in which
    ``after`` may differ from ``before`` (the update a command copied it with): only those are
    compared, as a Set of one flag changes one field of thirty.
    """
    if before is None or after is None:
        whole = before or after
        view = {alias: _plain(getattr(whole, name)) for name, alias in _ALIASES.items()} if whole else None
        return (view, None) if after is None else (None, view)
    old_view: dict[str, Any] = {}
    new_view: dict[str, Any] = {}
    if before is after:  # a Set that changes nothing, as a bulk script run again does
        return old_view, new_view
    old, new = before.__dict__, after.__dict__
    if changed is not None:
        names: Iterable[str] = sorted(changed, key=_POSITIONS.__getitem__) if len(changed) > 1 else changed
    else:
        # The copies share most values: the fields whose values are other objects are found in
        # C, and only those are compared (UUID's __eq__ is Python-level).
        names = itertools.compress(_SHOWN, map(operator.is_not, _shown(old), _shown(new)))
    for name in names:
        if name == "leader_pin_hash":
            continue  # shown masked, below
        was, now = old[name], new[name]
        if was != now:
            alias = _ALIASES[name]
            old_view[alias], new_view[alias] = _plain(was), _plain(now)
    if old["leader_pin_hash"] != new["leader_pin_hash"]:  # shown masked: a reset, never the PIN
        old_view["LeaderPin"] = _masked_pin(before)
        new_view["LeaderPin"] = f"{_masked_pin(after)} (reset)" if after.leader_pin_hash else None
    return old_view, new_view


def _masked_pin(user: User) -> str | None:
    return "*" * (user.leader_pin_length or 0) if user.leader_pin_hash else None


def _plain(value: Any) -> Any:
    """JSON-ready, so an entry reads the same from every store."""
    return str(value) if isinstance(value, uuid.UUID) else value


def random_digits(rng: random.Random, length: int) -> str:
    """``"".join(rng.choice("0123456789") for _ in range(length))``, the same digits from the
    same state, in a fraction of the time (it is drawn once per user of a generated tenant):
    ``choice`` draws ``getrandbits(4)`` until it is below 10 (``Random._randbelow``)."""
    getrandbits = rng.getrandbits
    number = 0
    for _ in range(length):
        while (drawn := getrandbits(4)) > 9:
            pass
        number = number * 10 + drawn
    return str(number).zfill(length) if length else ""


class _BridgeView(NamedTuple):
    """What a user's Get output shows of its bridge: its name and its default numbers."""

    name: str | None
    toll: str | None
    toll_free: str | None


@dataclass
class Backend:
    """The service side of one tenant: its store plus clock, randomness and actor."""

    store: Store
    random: random.Random = field(default_factory=random.Random)
    clock: Callable[[], dt.datetime] = utc_now
    actor: str = "admin"
    system_sender: tuple[str, str] | None = None
    #: The Microsoft Graph session Connect-MgGraph started (Get-MgContext), if any.
    graph_context: MgContext | None = None

    # --- reads -----------------------------------------------------------------------------------

    @property
    def tenant(self) -> TenantInfo:
        tenant = self.store.tenant()
        if tenant is None:
            raise BridgeNotFound("(no tenant)")
        return tenant

    @property
    def settings(self) -> DialInSettings:
        return self.store.settings()

    def resolve_user(self, identity: str) -> User:
        """The one user an Identity names: object ID, UPN, SIP address (with or without
        ``sip:``), ``domain\\logon``, display name or distinguished name (its -Identity)."""
        key = identity.strip().lower().removeprefix("sip:")
        matches = self.store.find_users(key)
        if not matches:
            raise UserNotFound(identity, target_object=identity)
        if len(matches) > 1:
            names = ", ".join(sorted(u.user_principal_name for u in matches))
            raise AmbiguousIdentity(identity, names, target_object=identity)
        return matches[0]

    def bridge(self, bridge_id: uuid.UUID | None) -> Bridge | None:
        return self.store.bridge(bridge_id)

    def bridge_by_id(self, bridge_id: uuid.UUID) -> Bridge:
        bridge = self.bridge(bridge_id)
        if bridge is None:
            raise BridgeNotFound(str(bridge_id), target_object=str(bridge_id))
        return bridge

    def bridge_by_name(self, name: str) -> Bridge:
        found = next((b for b in self.store.bridges() if b.name.lower() == name.lower()), None)
        if found is None:
            raise BridgeNotFound(name, target_object=name)
        return found

    def default_bridge(self) -> Bridge | None:
        bridges = self.store.bridges()
        return next((b for b in bridges if b.is_default), bridges[0] if bridges else None)

    def numbers_of(self, bridge_id: uuid.UUID | None) -> list[ServiceNumber]:
        return [n for n in self.store.service_numbers() if n.bridge_id == bridge_id and bridge_id]

    def service_number(self, value: str, parameter: str = "Identity") -> ServiceNumber:
        digits = normalize_number(value, parameter)
        found = next((n for n in self.store.service_numbers() if n.number == digits), None)
        if found is None:
            raise ServiceNumberNotFound(value, target_object=value)
        return found

    def conferencing_user(self, user: User, *, pin: str | None = None) -> ConferencingUser:
        """The Get-User output object; ``pin`` is shown once, right after a reset."""
        return self._conferencing_user(user, pin, self.tenant.tenant_id, self._bridge_view(user.bridge_id))

    def conferencing_users(self, users: Iterable[User]) -> Iterator[ConferencingUser]:
        """The Get-User output objects of ``users``: each bridge's name and default numbers are
        looked up once, not once per user (a Get of all users shows thousands on one bridge)."""
        tenant_id: uuid.UUID | None = None
        views: dict[uuid.UUID | None, _BridgeView] = {}
        for user in users:
            tenant_id = tenant_id or self.tenant.tenant_id  # no users, no tenant needed
            view = views.get(user.bridge_id)
            if view is None:
                view = views[user.bridge_id] = self._bridge_view(user.bridge_id)
            yield self._conferencing_user(user, None, tenant_id, view)

    def _bridge_view(self, bridge_id: uuid.UUID | None) -> _BridgeView:
        bridge = self.bridge(bridge_id)
        if bridge is None:
            return _BridgeView(None, None, None)
        return _BridgeView(bridge.name, bridge.default_service_number, self._bridge_toll_free(bridge))

    @staticmethod
    def _conferencing_user(user: User, pin: str | None, tenant_id: uuid.UUID, bridge: _BridgeView) -> ConferencingUser:
        masked = "*" * (user.leader_pin_length or 0) if user.leader_pin_hash else None
        default_toll_free = user.toll_free_service_number or bridge.toll_free
        return ConferencingUser.from_valid(  # every value comes from the validated user, bridge and tenant
            identity=user.user_principal_name,
            display_name=user.display_name,
            sip_address=user.sip_address,
            bridge_id=user.bridge_id,
            bridge_name=bridge.name,
            conference_id=user.conference_id,
            service_number=user.service_number,
            toll_free_service_number=user.toll_free_service_number,
            default_toll_number=user.service_number or bridge.toll,
            default_toll_free_number=default_toll_free if user.allow_toll_free_dial_in else None,
            leader_pin=pin or masked,
            allow_pstn_only_meeting=user.allow_pstn_only_meetings,
            allow_toll_free_dial_in=user.allow_toll_free_dial_in,
            tenant_id=tenant_id,
        )

    def default_numbers(self, user: User, bridge: Bridge | None) -> tuple[str | None, str | None]:
        """The toll and toll-free numbers that go into the user's invites: the user's own, else
        the bridge's default toll number and its first toll-free number."""
        toll = user.service_number or (bridge.default_service_number if bridge else None)
        return toll, user.toll_free_service_number or self._bridge_toll_free(bridge)

    def _bridge_toll_free(self, bridge: Bridge | None) -> str | None:
        if bridge is None:
            return None
        return next((n.number for n in self.numbers_of(bridge.identity) if n.is_toll_free), None)

    # --- generated values ------------------------------------------------------------------------

    def new_pin(self, length: int) -> tuple[str, str, int]:
        """A random PIN of ``length`` digits, its salted hash, and its length."""
        pin = random_digits(self.random, length)
        salt = self.random.getrandbits(128).to_bytes(16, "big")
        return pin, hash_pin(pin, salt), length

    def new_conference_id(self, bridge_id: uuid.UUID) -> int:
        """A 7-digit conference ID not yet used on the bridge."""
        while True:
            candidate = self.random.randrange(10 ** (CONFERENCE_ID_DIGITS - 1), 10**CONFERENCE_ID_DIGITS)
            if self.store.conference_id_owner(bridge_id, candidate) is None:
                return candidate

    def new_guid(self) -> uuid.UUID:
        return uuid.UUID(int=self.random.getrandbits(128), version=4)

    # --- writes ----------------------------------------------------------------------------------

    def audit(
        self,
        command: str,
        parameters: dict[str, Any],
        target: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> AuditEntry:
        # By position, in the fields' order: keywords cost twice as much, once per change.
        entry = AuditEntry(self.clock(), self.actor, command, parameters, target, before, after)
        self.store.append_audit(entry)
        return entry

    def commit_user(
        self,
        command: str,
        parameters: dict[str, Any],
        before: User | None,
        after: User | None,
        changed: Collection[str] | None = None,
    ) -> AuditEntry:
        """Save (or delete) a user and audit the change (``changed``: see ``user_difference``)."""
        store = self.store
        if after is not None:
            store.save_user(after)
            target = after.user_principal_name
        elif before is not None:
            store.delete_user(before.object_id)
            target = before.user_principal_name
        else:
            target = ""
        if before is after:  # a Set that changed nothing (user_difference's first answer, inline)
            old_view: dict[str, Any] | None = {}
            new_view: dict[str, Any] | None = {}
        else:
            old_view, new_view = user_difference(before, after, changed)
        # As audit() does, inline: it runs once per change.
        entry = AuditEntry(self.clock(), self.actor, command, parameters, target, old_view, new_view)
        store.append_audit(entry)
        return entry

    def record(self, change: Change) -> None:
        self.store.append_change(change)

    def change(self, command: str, user: User, kinds: Sequence[Any], **extra: Any) -> Change:
        change = Change(at=self.clock(), command=command, user_id=user.object_id, kinds=tuple(kinds), **extra)
        self.record(change)
        return change
