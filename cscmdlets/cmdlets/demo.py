"""The deterministic demo tenant "Contoso" that the README, examples and tests use.

Seeded straight into the store (no audit entries, no emails): a new demo tenant starts with
an empty outbox and an empty audit log. Identifiers are derived from names (uuid5) and
secrets from the tenant's seeded random, so every demo tenant is identical.
"""

from __future__ import annotations

import functools
import random
import uuid

from ..model import Bridge, NumberType, Provider, ServiceNumber, TenantInfo, User
from ..model.neighbourhood import (
    AUTO_ATTENDANT_APP_ID,
    CALL_QUEUE_APP_ID,
    ApplicationInstance,
    AutoAttendant,
    CallQueue,
    CallQueueAgent,
    Subscription,
    Subscriptions,
    VoiceApps,
)
from ..store.base import Store
from .backend import Backend, hash_pin, random_digits

_set = object.__setattr__  # a frozen model's slots are set through object's

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
        taken: dict[uuid.UUID, set[int]] = {bridge.identity: set() for bridge in bridges.values()}
        pin_length = store.settings().pin_length
        store.save_users([_demo_user(backend, row, taken, pin_length) for row in _USERS])
        for start in range(0, users, 10_000):
            batch = range(start + 1, min(start + 10_000, users) + 1)
            store.save_users(_generated_users(backend, batch, taken, pin_length))
        store.save_voice_apps(demo_voice_apps())


#: The demo's voice apps: a main-line auto attendant that forwards to a Sales call queue whose
#: agents are the Sales users; each behind its own resource account.
_MAIN_LINE, _SALES_QUEUE = "mainline@contoso.com", "salesqueue@contoso.com"


def demo_voice_apps() -> VoiceApps:
    main, sales = demo_id(_MAIN_LINE), demo_id(_SALES_QUEUE)
    agents = [alias for alias, department in _DEPARTMENTS.items() if department == "Sales"]
    return VoiceApps(
        application_instances=(
            ApplicationInstance(
                object_id=main,
                tenant_id=DEMO_TENANT_ID,
                user_principal_name=_MAIN_LINE,
                application_id=AUTO_ATTENDANT_APP_ID,
                display_name="Contoso Main Line",
                phone_number="tel:+14255550199",
            ),
            ApplicationInstance(
                object_id=sales,
                tenant_id=DEMO_TENANT_ID,
                user_principal_name=_SALES_QUEUE,
                application_id=CALL_QUEUE_APP_ID,
                display_name="Sales Queue",
            ),
        ),
        call_queues=(
            CallQueue(
                identity=demo_id("call queue:Sales Queue"),
                name="Sales Queue",
                agents=tuple(CallQueueAgent(object_id=demo_id(f"{alias}@contoso.com")) for alias in agents),
                users=tuple(demo_id(f"{alias}@contoso.com") for alias in agents),
                application_instances=(sales,),
                statistics="Current queue size = 0",
            ),
        ),
        auto_attendants=(
            AutoAttendant(
                identity=str(demo_id("auto attendant:Contoso Main Line")),
                name="Contoso Main Line",
                operator=str(demo_id(f"{agents[0]}@contoso.com")),
                application_instances=(main,),
            ),
        ),
    )


def _demo_user(backend: Backend, row: tuple, taken: dict[uuid.UUID, set[int]], pin_length: int) -> User:  # type: ignore[type-arg]
    alias, name, bridge, language, licensed, provider, number = row
    user = _user(alias, name, language, licensed, provider)
    if not user.is_conferencing_enabled:
        return user
    bridge_id = demo_bridges()[bridge].identity
    conference_id, pin_hash, length = _seat_and_pin(backend, taken[bridge_id], pin_length)
    return user.model_copy(
        update={
            "service_number": number,
            "bridge_id": bridge_id,
            "conference_id": conference_id,
            "leader_pin_hash": pin_hash,
            "leader_pin_length": length,
        }
    )


def _generated_users(backend: Backend, indexes: range, taken: dict[uuid.UUID, set[int]], pin_length: int) -> list[User]:
    """Generated licensed users on the default bridge, each validated once, as it is made:
    a tenant of a million users makes a million of them."""
    bridge_id = demo_bridges()[_CONFERENCE].identity
    seats = taken[bridge_id]
    rng = backend.random
    randrange, getrandbits = rng.randrange, rng.getrandbits
    # User(**fields) without its __init__: the same validation, a third less time per user.
    validate = User.__pydantic_validator__.validate_python
    # The groups and licences tuples, and the set of fields given, are the same for every
    # generated user: validated once (the first user's), then shared, so a million users hold
    # one copy of each rather than three containers each for the collector to track.
    groups = {department: (department,) for department in _GENERATED_DEPARTMENTS}
    given: set[str] | None = None
    users = []
    for index in indexes:
        # _seat_and_pin, inline: a conference ID, then the PIN and its salt, in that order.
        while (conference_id := randrange(1_000_000, 10_000_000)) in seats:
            continue
        seats.add(conference_id)
        pin = random_digits(rng, pin_length)
        pin_hash = hash_pin(pin, getrandbits(128).to_bytes(16, "big"))
        alias = f"user{index:07d}"
        upn = f"{alias}@contoso.com"
        department = _GENERATED_DEPARTMENTS[index % len(_GENERATED_DEPARTMENTS)]
        fields = {
            "object_id": demo_id(upn),
            "user_principal_name": upn,
            "sip_address": f"sip:{upn}",
            "display_name": f"User {index:07d}",
            "logon_name": f"contoso\\{alias}",
            "primary_smtp_address": upn,
            "usage_location": _GENERATED_LOCATIONS[index % len(_GENERATED_LOCATIONS)],
            "department": department,
            "bridge_id": bridge_id,
            "conference_id": conference_id,
            "leader_pin_hash": pin_hash,
            "leader_pin_length": pin_length,
        }
        if given is None:  # the first user: every field validated, and the shared ones checked
            user = validate({**fields, "member_of": groups[department], "licenses": _CONFERENCING_LICENSES})
            given = user.__pydantic_fields_set__ | _DEFAULTS_GIVEN
            if (user.member_of, user.licenses) != (groups[department], _CONFERENCING_LICENSES):
                raise AssertionError("the demo's groups or licences do not validate as themselves")
        else:
            user = validate(fields)
        values = user.__dict__  # not yet seen by anyone: its shared values go in before it is kept
        values["member_of"], values["licenses"] = groups[department], _CONFERENCING_LICENSES
        _set(user, "__pydantic_fields_set__", given)  # shared, as PSModel.from_valid shares it
        users.append(user)
    return users


#: Fields a generated user leaves at their defaults that _user() gives (as its fields set shows).
_DEFAULTS_GIVEN = frozenset({"preferred_language", "licensed", "provider"})


def _seat_and_pin(backend: Backend, seats: set[int], pin_length: int) -> tuple[int, str, int]:
    """A conference ID unique on the bridge whose IDs ``seats`` holds, then a PIN's hash and
    length, drawn in that order from the demo's random."""
    randrange = backend.random.randrange
    while (conference_id := randrange(1_000_000, 10_000_000)) in seats:
        continue
    seats.add(conference_id)
    _, pin_hash, length = backend.new_pin(pin_length)
    return conference_id, pin_hash, length


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
