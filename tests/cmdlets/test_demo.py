"""``Tenant.demo()`` is exactly the documented demo tenant (README), and ``Tenant.demo(users=N)``."""

from __future__ import annotations

from helpers import ALEX, AMOS, DAVID, KEN, PILAR, TENANT_ID, snapshot, user_of

import cscmdlets as cs
from cscmdlets.model import Provider, User


def test_tenant(tenant: cs.Tenant) -> None:
    info = tenant.info
    assert (info.tenant_id, info.display_name, info.domains, info.pstn_conferencing_enabled) == (
        TENANT_ID,
        "Contoso",
        ("contoso.com",),
        True,
    )


def test_bridges(tenant: cs.Tenant) -> None:
    bridges = tenant.get_cs_online_dial_in_conferencing_bridge()
    assert [(b.name, b.region, b.is_default, b.default_service_number) for b in bridges] == [
        ("Conference Bridge", "NOAM", True, "14255550100"),
        ("EMEA Bridge", "EMEA", False, "442035550100"),
    ]


def test_service_numbers(tenant: cs.Tenant) -> None:
    bridge_names = {b.identity: b.name for b in tenant.get_cs_online_dial_in_conferencing_bridge()}
    numbers = tenant.get_cs_online_dial_in_conferencing_service_number()
    assert [
        (n.number, n.number_type.value, n.city, n.primary_language, bridge_names[n.bridge_id]) for n in numbers
    ] == [
        ("14255550100", "Toll", "Redmond", "en-US", "Conference Bridge"),
        ("12065550100", "Toll", "Seattle", "en-US", "Conference Bridge"),
        ("18005550100", "TollFree", None, "en-US", "Conference Bridge"),
        ("442035550100", "Toll", "London", "en-GB", "EMEA Bridge"),
        ("74955550100", "Toll", "Moscow", "ru-RU", "EMEA Bridge"),
        ("448005550100", "TollFree", None, "en-GB", "EMEA Bridge"),
    ]


def test_users(tenant: cs.Tenant) -> None:
    rows = []
    for upn in (AMOS, KEN, PILAR, ALEX, DAVID):
        user = user_of(tenant, upn)
        rows.append(
            (
                user.user_principal_name,
                user.display_name,
                user.licensed,
                user.provider,
                user.preferred_language,
                user.service_number,
                user.primary_smtp_address,
            )
        )
    assert rows == [
        (AMOS, "Amos Marble", True, Provider.MICROSOFT, "en-US", None, AMOS),
        (KEN, "Ken Myer", True, Provider.MICROSOFT, "en-US", None, KEN),
        (PILAR, "Pilar Ackerman", True, Provider.MICROSOFT, "ru-RU", "74955550100", PILAR),
        (ALEX, "Alex Darrow", False, Provider.MICROSOFT, "en-US", None, ALEX),
        (DAVID, "David Longmuir", True, Provider.THIRD_PARTY, "en-US", None, DAVID),
    ]
    shown = {u.identity: u for u in tenant.get_cs_online_dial_in_conferencing_user()}
    assert {upn: u.bridge_name for upn, u in shown.items()} == {
        AMOS: "Conference Bridge",
        KEN: "Conference Bridge",
        PILAR: "EMEA Bridge",
    }
    assert shown[PILAR].default_toll_number == "74955550100"
    assert shown[AMOS].default_toll_number == "14255550100"
    ids = [(u.bridge_id, u.conference_id) for u in shown.values()]
    assert len(set(ids)) == 3 and all(cid is not None and 1_000_000 <= cid <= 9_999_999 for _, cid in ids)
    assert all(u.leader_pin == "*****" for u in shown.values())


def test_starts_with_empty_audit_and_outbox(tenant: cs.Tenant) -> None:
    assert tenant.audit() == []
    assert len(tenant.outbox) == 0


def test_deterministic() -> None:
    assert snapshot(cs.Tenant.demo()) == snapshot(cs.Tenant.demo())


def test_generated_users() -> None:
    tenant = cs.Tenant.demo(users=250)
    with tenant.store.transaction():
        assert tenant.store.count_users() == 255
    users = tenant.get_cs_online_dial_in_conferencing_user()
    assert len(users) == 253
    generated = [u for u in users if u.identity.startswith("user")]
    assert generated[0].identity == "user0000001@contoso.com" and generated[-1].identity == "user0000250@contoso.com"
    assert {u.bridge_name for u in generated} == {"Conference Bridge"}
    conference_ids = [u.conference_id for u in users if u.bridge_name == "Conference Bridge"]
    assert len(set(conference_ids)) == len(conference_ids)  # unique per bridge
    tenant.set_cs_online_dial_in_conferencing_user("user0000100@contoso.com", reset_leader_pin=True)


def test_generated_users_are_valid_models_with_their_own_values() -> None:
    """Generated users share their groups, licences and fields set (memory); each is still the
    model its values validate to, and a copy with another group does not change the others."""
    stored = list(cs.Tenant.demo(users=12).store.users())[5:]
    for user in stored:
        assert User.model_validate(user.model_dump()) == user
        assert user.member_of == (user.department,) and user.licenses == ("MCOMEETADV", "ENTERPRISEPACK")
    assert [u.department for u in stored[:5]] == ["Engineering", "Marketing", "Finance", "Support", "Sales"]
    moved = stored[0].model_copy(update={"member_of": ("Finance",)})
    assert stored[0].member_of == ("Engineering",) and moved.member_of == ("Finance",)
    assert stored[5].member_of == ("Engineering",)


def test_open_seeds_a_new_file_only(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "state" / "tenant.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=9)
    with cs.Tenant.open(path, seed="demo") as tenant:  # not seeded again
        assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 9
        assert len(tenant.get_cs_online_dial_in_conferencing_user()) == 3
    with cs.Tenant.open(Path(str(tmp_path)) / "empty.db") as tenant:
        assert tenant.get_cs_online_dial_in_conferencing_user() == []


def test_empty_tenant() -> None:
    tenant = cs.Tenant()
    assert tenant.get_cs_online_dial_in_conferencing_user() == []
    assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 5
