"""Get-CsOnlineTelephoneNumber and Get-/Set-/Remove-CsPhoneNumberAssignment: one inventory with
the bridges' service numbers, and users' numbers as their LineURI."""

from __future__ import annotations

from pathlib import Path

from helpers import AMOS, KEN, Door, assert_fails, run_in_folder, user_of

import cscmdlets as cs
from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE
from cscmdlets.powershell.errors import ErrorCategory

SET, REMOVE, GET = "Set-CsPhoneNumberAssignment", "Remove-CsPhoneNumberAssignment", "Get-CsPhoneNumberAssignment"


def test_service_numbers_are_conference_assigned(door: Door) -> None:
    found = door(GET, CapabilitiesContain="ConferenceAssignment")
    assert [n.TelephoneNumber for n in found] == [
        "+12065550100",
        "+14255550100",
        "+18005550100",
        "+442035550100",
        "+448005550100",
        "+74955550100",
    ]
    redmond = found[1]
    assert (redmond.PstnAssignmentStatus, redmond.AssignedPstnTargetId, redmond.City, redmond.IsoCountryCode) == (
        "ConferenceAssigned",
        str(CONFERENCE_BRIDGE.identity),
        "Redmond",
        "US",
    )
    assert [n.TelephoneNumber for n in door(GET, TelephoneNumberStartsWith="+44")] == ["+442035550100", "+448005550100"]
    # the main line's resource account holds +14255550199 (VoiceApplicationAssigned)
    assert [n.TelephoneNumber for n in door(GET, Skip=1, Top=2)] == ["+14255550100", "+14255550199"]


def test_a_registered_number_shows_up_in_the_same_inventory(door: Door) -> None:
    door("Unregister-CsOnlineDialInConferencingServiceNumber", "12065550100", BridgeName="Conference Bridge")
    [seattle] = door(GET, TelephoneNumber="+12065550100")
    assert (seattle.PstnAssignmentStatus, seattle.AssignedPstnTargetId) == ("Unassigned", None)


def test_assign_and_remove_a_user_number(door: Door) -> None:
    door(SET, Identity=KEN, TelephoneNumber="+14255551234", NumberType="CallingPlan")
    ken = user_of(door.tenant, KEN)
    assert (ken.line_uri, ken.enterprise_voice_enabled) == ("tel:+14255551234", True)
    [mine] = door(GET, AssignedPstnTargetId=KEN)
    assert (mine.TelephoneNumber, mine.PstnAssignmentStatus) == ("+14255551234", "UserAssigned")
    [legacy] = door("Get-CsOnlineTelephoneNumber", InventoryType="Subscriber")
    assert (legacy.Id, legacy.TargetType, legacy.UserId) == ("14255551234", "user", str(ken.object_id))
    door(REMOVE, Identity=KEN, TelephoneNumber="+14255551234", NumberType="CallingPlan")
    ken = user_of(door.tenant, KEN)
    assert (ken.line_uri, ken.enterprise_voice_enabled) == (None, False)


def test_enterprise_voice_attribute(door: Door) -> None:
    door(SET, Identity=AMOS, EnterpriseVoiceEnabled=True)
    assert door("Get-CsOnlineUser", AMOS)[0].EnterpriseVoiceEnabled is True


def test_a_service_number_cannot_go_to_a_user(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, Identity=KEN, TelephoneNumber="+14255550100", NumberType="CallingPlan"),
        "TelephoneNumberNotUserAssignable",
        ErrorCategory.InvalidOperation,
        "The telephone number +14255550100 is a conferencing service number and cannot be assigned to a user.",
        SET,
    )


def test_one_number_one_user(door: Door) -> None:
    door(SET, Identity=KEN, TelephoneNumber="+14255551234", NumberType="CallingPlan")
    assert_fails(
        door.tenant,
        lambda: door(SET, Identity=AMOS, TelephoneNumber="+14255551234", NumberType="DirectRouting"),
        "TelephoneNumberAlreadyAssigned",
        ErrorCategory.ResourceExists,
        "The telephone number +14255551234 is already assigned to ken.myer@contoso.com.",
        SET,
    )


def test_number_type_is_checked(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, Identity=KEN, TelephoneNumber="+14255551234", NumberType="Mobile"),
        "InvalidSettingValue",
        ErrorCategory.InvalidArgument,
        'The value "Mobile" is not valid for NumberType. '
        "Valid values are: DirectRouting, CallingPlan, OperatorConnect.",
        SET,
    )


def test_legacy_service_numbers(door: Door) -> None:
    found = door("Get-CsOnlineTelephoneNumber", InventoryType="Service", Assigned="caa")
    assert [n.Id for n in found][:2] == ["14255550100", "12065550100"]
    assert door("Get-CsOnlineTelephoneNumber", InventoryType="service") == []  # case-sensitive, as documented


def test_the_legacy_cmdlet_is_linted_as_retired() -> None:
    report = cs.check_script("Get-CsOnlineTelephoneNumber -InventoryType Service\n")
    assert any("Get-CsOnlineTelephoneNumber" in d.message for d in report)


def test_the_references_example_with_its_aliases(tenant: cs.Tenant) -> None:
    tenant.invoke(f"{SET} -Identity {KEN} -PhoneNumber +14255551234 -PhoneNumberType CallingPlan")
    assert user_of(tenant, KEN).line_uri == "tel:+14255551234"
    tenant.invoke(f"{REMOVE} -Identity {KEN} -RemoveAll")
    assert user_of(tenant, KEN).line_uri is None


def test_legacy_numbers_of_another_tenant_are_not_found(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Get-CsOnlineTelephoneNumber", Tenant="11111111-2222-3333-4444-555555555555"),
        "TenantNotFound",
        ErrorCategory.ObjectNotFound,
        'The tenant "11111111-2222-3333-4444-555555555555" was not found.',
        "Get-CsOnlineTelephoneNumber",
    )


def test_a_real_parameter_the_emulator_lacks_stops_a_run(tmp_path: Path) -> None:
    """-ReverseNumberLookup is on the Set-CsPhoneNumberAssignment page but not modelled."""
    result = run_in_folder(
        f"Set-CsPhoneNumberAssignment -Identity {KEN} -PhoneNumber '+14255550123' -PhoneNumberType CallingPlan"
        " -ReverseNumberLookup SkipInternalVoip\n'not reached'\n",
        tmp_path,
    )
    assert result.output == []
    assert result.stop is not None
    assert result.stop.message.startswith(
        "cscmdlets does not emulate the parameter -ReverseNumberLookup of Set-CsPhoneNumberAssignment (at 1:"
    )
