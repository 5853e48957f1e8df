"""Get-/Set-CsOnlineDialInConferencingBridge (their reference pages)."""

from __future__ import annotations

import pytest
from helpers import AMOS, KEN, Door, assert_fails, snapshot, user_of

import cscmdlets as cs
from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE, EMEA_BRIDGE
from cscmdlets.model import TenantInfo
from cscmdlets.model.tenant import BRIDGE_TYPE
from cscmdlets.powershell.errors import ErrorCategory

GET = "Get-CsOnlineDialInConferencingBridge"
SET = "Set-CsOnlineDialInConferencingBridge"


def bridges(door: Door) -> dict[str, cs.ConferencingBridge]:
    return {bridge.name: bridge for bridge in door(GET)}


def test_get_all_bridges(door: Door) -> None:
    found = door(GET)
    assert [{k: v for k, v in bridge.to_ps().items() if k != "ServiceNumbers"} for bridge in found] == [
        {
            "Identity": str(CONFERENCE_BRIDGE.identity),
            "Name": "Conference Bridge",
            "Region": "NOAM",
            "IsDefault": True,
            "IsShared": False,
            "DefaultServiceNumber": "14255550100",
        },
        {
            "Identity": str(EMEA_BRIDGE.identity),
            "Name": "EMEA Bridge",
            "Region": "EMEA",
            "IsDefault": False,
            "IsShared": False,
            "DefaultServiceNumber": "442035550100",
        },
    ]
    assert type(found[0]).ps_type_names[0] == BRIDGE_TYPE


def test_a_bridge_holds_its_service_numbers_as_objects(door: Door) -> None:
    """``$bridge.ServiceNumbers`` are the bridge's number objects, as
    Get-CsOnlineDialInConferencingServiceNumber writes them (scripts read ``.Number`` of each)."""
    emea = bridges(door)["EMEA Bridge"]
    numbers = door("Get-CsOnlineDialInConferencingServiceNumber", BridgeName="EMEA Bridge")
    assert [n.to_ps() for n in emea.service_numbers] == [n.to_ps() for n in numbers]
    assert [(n.number, n.primary_language, n.city) for n in emea.service_numbers] == [
        ("442035550100", "en-GB", "London"),
        ("74955550100", "ru-RU", "Moscow"),
        ("448005550100", "en-GB", None),
    ]


def test_get_one_bridge(door: Door) -> None:
    assert [b.name for b in door(GET, str(EMEA_BRIDGE.identity))] == ["EMEA Bridge"]
    assert [b.name for b in door(GET, Name="conference bridge")] == ["Conference Bridge"]


def test_get_unknown_bridge(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(GET, Name="Nowhere"),
        "BridgeNotFound",
        ErrorCategory.ObjectNotFound,
        'The conferencing bridge "Nowhere" was not found.',
        GET,
    )


def test_nothing_is_shown_when_pstn_conferencing_is_disabled(door: Door) -> None:
    store = door.tenant.store
    with store.transaction():
        info = store.tenant()
        assert info is not None
        store.save_tenant(
            TenantInfo(
                tenant_id=info.tenant_id,
                display_name=info.display_name,
                domains=info.domains,
                pstn_conferencing_enabled=False,
            )
        )
    assert door(GET) == []
    assert door("Get-CsOnlineDialinConferencingTenantConfiguration")[0].enabled is False


@pytest.mark.parametrize("number", ["12065550100", "+12065550100", "tel:+12065550100"])
def test_set_default_service_number(door: Door, number: str) -> None:
    """The reference: "when the default service number is changed, the service number of existing
    users will not be changed" -- their invites keep the old number and no email goes out; a user
    enabled later gets the new default."""

    def invite_numbers() -> list[str | None]:
        return [door("Get-CsOnlineDialInConferencingUser", upn)[0].default_toll_number for upn in (AMOS, KEN)]

    before = invite_numbers()
    door(SET, Name="Conference Bridge", DefaultServiceNumber=number)
    assert bridges(door)["Conference Bridge"].default_service_number == "12065550100"
    assert invite_numbers() == before
    assert snapshot(door.tenant)["outbox"] == []
    door.tenant.add_user("new.user@contoso.com", "New User")
    assert door("Get-CsOnlineDialInConferencingUser", "new.user@contoso.com")[0].default_toll_number == "12065550100"


def test_default_number_must_be_on_the_bridge(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, str(CONFERENCE_BRIDGE.identity), DefaultServiceNumber="442035550100"),
        "ServiceNumberNotOnBridge",
        ErrorCategory.InvalidArgument,
        'The service number "442035550100" is not assigned to the conferencing bridge "Conference Bridge".',
        SET,
    )


def test_set_default_bridge(door: Door) -> None:
    door(SET, Name="EMEA Bridge", SetDefault=True)
    found = bridges(door)
    assert (found["EMEA Bridge"].is_default, found["Conference Bridge"].is_default) == (True, False)


def test_rename_by_instance(door: Door) -> None:
    """Example 2 of Set-…Bridge: fetch, change Name, write back."""
    [bridge] = door(GET, Name="Conference Bridge")
    door(SET, Instance=bridge.model_copy(update={"name": "O365 Bridge"}))
    assert sorted(bridges(door)) == ["EMEA Bridge", "O365 Bridge"]
    assert door("Get-CsOnlineDialInConferencingUser", KEN)[0].bridge_name == "O365 Bridge"
    assert user_of(door.tenant, KEN).bridge_id == CONFERENCE_BRIDGE.identity


def test_rename_by_instance_as_the_doc_writes_it(tenant: cs.Tenant) -> None:
    tenant.invoke(
        '$bridge = Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge"\n'
        '$Bridge.Name = "O365 Bridge"\n'
        "Set-CsOnlineDialInConferencingBridge -Instance $bridge"
    )
    assert [b.name for b in tenant.get_cs_online_dial_in_conferencing_bridge()] == ["O365 Bridge", "EMEA Bridge"]


def test_set_bridge_is_audited(door: Door) -> None:
    door(SET, Name="EMEA Bridge", DefaultServiceNumber="74955550100")
    [entry] = door.tenant.audit()
    assert (entry.command, entry.target) == (SET, "EMEA Bridge")
    assert entry.before is not None and entry.after is not None
    assert (entry.before["DefaultServiceNumber"], entry.after["DefaultServiceNumber"]) == (
        "442035550100",
        "74955550100",
    )


def test_python_door_binds_a_positional_bridge_to_instance(memory_tenant: cs.Tenant) -> None:
    [bridge] = memory_tenant.get_cs_online_dial_in_conferencing_bridge(name="EMEA Bridge")
    memory_tenant.set_cs_online_dial_in_conferencing_bridge(bridge.model_copy(update={"name": "O365 Bridge"}))
    assert [b.name for b in memory_tenant.get_cs_online_dial_in_conferencing_bridge()] == [
        "Conference Bridge",
        "O365 Bridge",
    ]
