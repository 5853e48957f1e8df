"""The deterministic demo tenant "Contoso" that the README, examples and tests use.

Seeded straight into the store (no audit entries, no emails): a new demo tenant starts with
an empty outbox and an empty audit log. Identifiers are derived from names (uuid5) and
secrets from the tenant's seeded random, so every demo tenant is identical.
"""

from __future__ import annotations

import functools
import random
import uuid
from typing import Any

from ..model import Bridge, NumberType, Provider, ServiceNumber, TenantInfo, User
from ..model.neighbourhood import Subscription, Subscriptions
from ..store.base import Store
from .backend import Backend

DEMO_TENANT_ID = uuid.UUID("38aad667-af54-4397-aaa7-e94c79ec2308")
_NAMESPACE = uuid.UUID("6d3c1f0e-8d55-4a8e-9a43-9a61f3e7c0de")


def demo_id(name: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, name)


_CONFERENCE, _EMEA = "Conference Bridge", "EMEA Bridge"
_BRIDGES = (
    # name, region, tenant default, default number
    (_CONFERENCE, "NOAM", True, "14255550100"),
    (_EMEA, "EMEA", False, "442035550100"),
)


@functools.cache
def demo_bridges() -> dict[str, Bridge]:
    """The demo bridges by name (built on first use: models cost time at import)."""
    return {
        name: Bridge(
            identity=demo_id(name), name=name, region=region, is_default=default, default_service_number=number
        )
        for name, region, default, number in _BRIDGES
    }


def __getattr__(name: str) -> Bridge:
    """``CONFERENCE_BRIDGE`` and ``EMEA_BRIDGE``, the demo bridges, built on first use."""
    bridges = {"CONFERENCE_BRIDGE": _CONFERENCE, "EMEA_BRIDGE": _EMEA}
    if name in bridges:
        return demo_bridges()[bridges[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NUMBERS = (
    # number, type, city, language, bridge
    ("14255550100", NumberType.TOLL, "Redmond", "en-US", _CONFERENCE),
    ("12065550100", NumberType.TOLL, "Seattle", "en-US", _CONFERENCE),
    ("18005550100", NumberType.TOLL_FREE, None, "en-US", _CONFERENCE),
    ("442035550100", NumberType.TOLL, "London", "en-GB", _EMEA),
    ("74955550100", NumberType.TOLL, "Moscow", "ru-RU", _EMEA),
    ("448005550100", NumberType.TOLL_FREE, None, "en-GB", _EMEA),
)

_USERS = (
    # upn alias, display name, bridge, language, licensed, provider, own toll number
    ("amos.marble", "Amos Marble", _CONFERENCE, "en-US", True, Provider.MICROSOFT, None),
    ("ken.myer", "Ken Myer", _CONFERENCE, "en-US", True, Provider.MICROSOFT, None),
    ("pilar.ackerman", "Pilar Ackerman", _EMEA, "ru-RU", True, Provider.MICROSOFT, "74955550100"),
    ("alex.darrow", "Alex Darrow", None, "en-US", False, Provider.MICROSOFT, None),
    ("david.longmuir", "David Longmuir", None, "en-US", True, Provider.THIRD_PARTY, None),
)
#: The named users' departments (each also a group the user is a member of, for -Group grants).
_DEPARTMENTS = {
    "amos.marble": "Sales",
    "ken.myer": "Engineering",
    "pilar.ackerman": "Sales",
    "alex.darrow": "Marketing",
}
#: Generated users take these in turn, so a report over N users has something to group by.
_GENERATED_DEPARTMENTS = ("Sales", "Engineering", "Marketing", "Finance", "Support")
_GENERATED_LOCATIONS = ("US", "US", "GB", "DE", "FR", "CA", "AU")
#: Every demo user has Office 365 E3 (Teams); a ``licensed`` one has the Audio Conferencing add-on too.
_BASE_LICENSES = ("ENTERPRISEPACK",)
_CONFERENCING_LICENSES = ("MCOMEETADV", *_BASE_LICENSES)


def _subscriptions(users: int) -> Subscriptions:
    """Seats for every user and some to spare (at least 10,000: large subscriptions are not
    counted on each assignment), and a few of E5, Phone System and credits."""
    seats = max(10_000, len(_USERS) + users + 20)
    return Subscriptions(
        skus=(
            Subscription(part_number="MCOMEETADV", enabled_units=seats),
            Subscription(part_number="ENTERPRISEPACK", enabled_units=seats),
            Subscription(part_number="SPE_E5", enabled_units=5),
            Subscription(part_number="MCOEV", enabled_units=10),
            Subscription(part_number="MCOPSTNC", enabled_units=1),
        )
    )


def seed_demo(store: Store, *, users: int = 0) -> None:
    """Write the demo tenant into an empty store, plus ``users`` generated licensed users.

    Its own seeded random makes every demo tenant identical, whatever the tenant's seed.
    """
    backend = Backend(store, random.Random(0))
    with store.transaction():
        store.save_tenant(TenantInfo(tenant_id=DEMO_TENANT_ID, display_name="Contoso", domains=("contoso.com",)))
        store.save_subscriptions(_subscriptions(users))
        bridges = demo_bridges()
        for bridge in bridges.values():
            store.save_bridge(bridge)
        for number, kind, city, language, bridge_name in _NUMBERS:
            bridge = bridges[bridge_name]
            store.save_service_number(
                ServiceNumber(
                    number=number,
                    number_type=kind,
                    city=city,
                    primary_language=language,
                    default_primary_language=language,
                    bridge_id=bridge.identity,
                )
            )
        taken: set[tuple[uuid.UUID, int]] = set()
        store.save_users([_demo_user(backend, row, taken) for row in _USERS])
        for start in range(0, users, 10_000):
            batch = range(start + 1, min(start + 10_000, users) + 1)
            store.save_users([_generated_user(backend, index, taken) for index in batch])


def _demo_user(backend: Backend, row: tuple, taken: set[tuple[uuid.UUID, int]]) -> User:  # type: ignore[type-arg]
    alias, name, bridge, language, licensed, provider, number = row
    user = _user(alias, name, language, licensed, provider)
    if not user.is_conferencing_enabled:
        return user
    return _enabled(backend, user.model_copy(update={"service_number": number}), bridge, taken)


def _generated_user(backend: Backend, index: int, taken: set[tuple[uuid.UUID, int]]) -> User:
    user = _user(f"user{index:07d}", f"User {index:07d}", "en-US", True, Provider.MICROSOFT)
    department = _GENERATED_DEPARTMENTS[index % len(_GENERATED_DEPARTMENTS)]
    location = _GENERATED_LOCATIONS[index % len(_GENERATED_LOCATIONS)]
    placed = {"department": department, "member_of": (department,), "usage_location": location}
    return _enabled(backend, user, _CONFERENCE, taken, placed)


def _user(alias: str, name: str, language: str, licensed: bool, provider: Provider) -> User:
    upn = f"{alias}@contoso.com"
    department = _DEPARTMENTS.get(alias)
    return User(
        object_id=demo_id(upn),
        user_principal_name=upn,
        sip_address=f"sip:{upn}",
        display_name=name,
        logon_name=f"contoso\\{alias}",
        primary_smtp_address=upn,
        preferred_language=language,
        usage_location="RU" if language == "ru-RU" else "US",
        licensed=licensed,
        provider=provider,
        department=department,
        member_of=(department,) if department else (),
        licenses=_CONFERENCING_LICENSES if licensed else _BASE_LICENSES,
    )


def _enabled(
    backend: Backend,
    user: User,
    bridge_name: str,
    taken: set[tuple[uuid.UUID, int]],
    updates: dict[str, Any] | None = None,
) -> User:
    """Bridge, a conference ID unique on it, and a PIN of the default length; ``updates`` are
    the caller's own changes, made in the same copy (a generated tenant copies each user once)."""
    bridge = demo_bridges()[bridge_name]
    while (conference_id := backend.random.randrange(1_000_000, 10_000_000)) and (
        (bridge.identity, conference_id) in taken
    ):
        continue
    taken.add((bridge.identity, conference_id))
    _, pin_hash, length = backend.new_pin(backend.settings.pin_length)
    return user.model_copy(
        update={
            **(updates or {}),
            "bridge_id": bridge.identity,
            "conference_id": conference_id,
            "leader_pin_hash": pin_hash,
            "leader_pin_length": length,
        }
    )
