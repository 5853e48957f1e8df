"""Set-MsolUser and New-MsolLicenseOptions (MSOnline, the SkypeOnlineConnector generation), and
Set-MsolUserLicense -LicenseOptions: the disabled plans are recorded on the user's licence and
shown by Graph and AzureAD alike."""

from __future__ import annotations

import uuid

import pytest
from helpers import ALEX, AMOS, Door, assert_fails, snapshot, user_of

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory

E5 = "06ebc4ee-1bb5-47dd-8120-11324bc54e06"  # SPE_E5, Microsoft's licensing reference
PHONE_SYSTEM = uuid.UUID("4828c8ec-dc2e-4779-b502-87ac9ce28ab7")  # MCOEV
SKYPE = uuid.UUID("0feaeb32-d00e-4d66-bd5a-43b5b83db82c")  # MCOSTANDARD
MSOL = "Microsoft.Online.Administration.Automation"


def test_set_msol_user_writes_the_store_and_the_audit_log(door: Door) -> None:
    assert list(door("Set-MsolUser", UserPrincipalName=ALEX, UsageLocation="gb", Department="Sales")) == []
    alex = user_of(door.tenant, ALEX)
    assert (alex.usage_location, alex.department) == ("GB", "Sales")
    entry = door.tenant.store.audit_entries()[-1]
    assert entry.command == "Set-MsolUser" and entry.target == ALEX
    assert entry.parameters["UsageLocation"] == "GB"


def test_set_msol_user_by_object_id_blocks_sign_in(door: Door) -> None:
    amos = user_of(door.tenant, AMOS)
    door("Set-MsolUser", ObjectId=str(amos.object_id), BlockCredential=True, DisplayName="Amos M.")
    after = user_of(door.tenant, AMOS)
    assert not after.account_enabled and after.display_name == "Amos M."


def test_set_msol_user_unknown_user(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Set-MsolUser", UserPrincipalName="nobody@contoso.com", UsageLocation="GB"),
        f"{MSOL}.UserNotFoundException",
        ErrorCategory.OperationStopped,
        "User Not Found.  User: nobody@contoso.com.",
    )


def test_set_msol_user_refuses_a_usage_location_that_is_no_country_code(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Set-MsolUser", UserPrincipalName=ALEX, UsageLocation="Britain"),
        f"{MSOL}.PropertyValidationException",
        ErrorCategory.OperationStopped,
        "Invalid value for parameter.  Parameter Name: UsageLocation.",
    )


def test_set_msol_user_has_no_what_if(tenant: cs.Tenant) -> None:
    """MSOnline's cmdlets declare no ShouldProcess: -WhatIf is not a parameter of Set-MsolUser."""
    result = tenant.run_script(f"Set-MsolUser -UserPrincipalName {ALEX} -UsageLocation GB -WhatIf")
    assert [e.error_id for e in result.errors] == ["NamedParameterNotFound"]
    assert user_of(tenant, ALEX).usage_location == "US"


def test_error_action_continues_past_an_unknown_user(tenant: cs.Tenant) -> None:
    result = tenant.run_script(
        "Set-MsolUser -UserPrincipalName nobody@contoso.com -UsageLocation GB -ErrorAction SilentlyContinue\n"
        f"Set-MsolUser -UserPrincipalName {ALEX} -UsageLocation GB"
    )
    assert result.errors == [] and user_of(tenant, ALEX).usage_location == "GB"


def test_new_msol_license_options_is_made_locally(tenant: cs.Tenant) -> None:
    (option,) = tenant.new_msol_license_options(account_sku_id="contoso:SPE_E5", disabled_plans=["MCOEV"])
    assert option.AccountSkuId == "contoso:SPE_E5" and option.DisabledServicePlans == ("MCOEV",)
    assert option.ps_type_names[0] == "Microsoft.Online.Administration.LicenseOption"


def licence_with_options(tenant: cs.Tenant, user: str, plans: str, sku: str = "contoso:SPE_E5") -> cs.RunResult:
    return tenant.run_script(
        f"$options = New-MsolLicenseOptions -AccountSkuId {sku} -DisabledPlans {plans}\n"
        f"Set-MsolUserLicense -UserPrincipalName {user} -AddLicenses contoso:SPE_E5 -LicenseOptions $options"
    )


def test_license_options_record_the_disabled_plans(tenant: cs.Tenant) -> None:
    assert licence_with_options(tenant, ALEX, "MCOEV,MCOSTANDARD").errors == []
    alex = user_of(tenant, ALEX)
    assert alex.licensed  # Audio Conferencing stays on: E5 carries it
    (e5,) = [
        lic
        for lic in tenant.get_mg_user(user_id=ALEX, property=["AssignedLicenses"])[0].AssignedLicenses
        if str(lic.SkuId) == E5
    ]
    assert set(e5.DisabledPlans) == {PHONE_SYSTEM, SKYPE}
    details = {d.SkuPartNumber: d for d in tenant.get_mg_user_license_detail(user_id=ALEX)}
    status = {p.ServicePlanName: p.ProvisioningStatus for p in details["SPE_E5"].ServicePlans}
    assert status == {"MCOMEETADV": "Success", "MCOEV": "Disabled", "TEAMS1": "Success", "MCOSTANDARD": "Disabled"}


def test_license_options_can_switch_audio_conferencing_off(tenant: cs.Tenant) -> None:
    assert licence_with_options(tenant, ALEX, "MCOMEETADV").errors == []
    assert not user_of(tenant, ALEX).licensed


def test_license_options_alone_change_a_held_licence(tenant: cs.Tenant) -> None:
    assert licence_with_options(tenant, ALEX, "MCOEV").errors == []
    result = tenant.run_script(
        "$options = New-MsolLicenseOptions -AccountSkuId contoso:SPE_E5 -DisabledPlans MCOSTANDARD\n"
        f"Set-MsolUserLicense -UserPrincipalName {ALEX} -LicenseOptions $options"
    )
    assert result.errors == []
    assert user_of(tenant, ALEX).disabled_plans == (f"SPE_E5/{SKYPE}",)


@pytest.mark.parametrize(
    ("plans", "sku"),
    [
        pytest.param("NOSUCHPLAN", "contoso:SPE_E5", id="unknown-plan"),
        pytest.param("MCOEV", "contoso:MCOEV", id="sku-not-added-or-held"),
        pytest.param("MCOEV", "fabrikam:SPE_E5", id="another-tenant"),
    ],
)
def test_bad_license_options_change_nothing(tenant: cs.Tenant, plans: str, sku: str) -> None:
    before = snapshot(tenant)
    (error,) = licence_with_options(tenant, ALEX, plans, sku).errors
    assert error.fully_qualified_error_id == (f"{MSOL}.InvalidLicenseConfigurationException,{MSOL}.SetUserLicense")
    assert error.message == "Unable to assign this license."
    assert snapshot(tenant) == before


def test_a_licence_needs_a_usage_location(tenant: cs.Tenant) -> None:
    """Graph's rule, through MSOnline: no usage location, no licence."""
    tenant.update_mg_user(user_id=ALEX, body_parameter={"UsageLocation": None})
    before = snapshot(tenant)
    (error,) = licence_with_options(tenant, ALEX, "MCOEV").errors
    assert error.message == "License assignment cannot be done for user with invalid usage location."
    assert snapshot(tenant) == before


def test_not_found_under_microsoft_teams(tenant: cs.Tenant) -> None:
    tenant.module = "MicrosoftTeams"
    result = tenant.run_script(f"Set-MsolUser -UserPrincipalName {ALEX} -UsageLocation GB")
    assert [e.error_id for e in result.errors] == ["CommandNotFoundException"]
    assert user_of(tenant, ALEX).usage_location == "US"


def test_disabled_plans_leave_the_teams_features(tenant: cs.Tenant) -> None:
    """Get-CsOnlineUser shows what the enabled plans give: E5 without Phone System gives no PhoneSystem."""
    assert licence_with_options(tenant, ALEX, "MCOEV").errors == []
    (user,) = tenant.get_cs_online_user(identity=ALEX)
    assert "PhoneSystem" not in (user.FeatureTypes or ()) and "AudioConferencing" in (user.FeatureTypes or ())


def test_get_msol_user_shows_the_disabled_plans(tenant: cs.Tenant) -> None:
    """The idiom scripts use to keep a user's disabled plans when they change a licence."""
    assert licence_with_options(tenant, ALEX, "MCOEV,MCOSTANDARD").errors == []
    result = tenant.run_script(
        f"(Get-MsolUser -UserPrincipalName {ALEX}).Licenses | Where-Object AccountSkuId -eq 'contoso:SPE_E5' | "
        "ForEach-Object { $_.ServiceStatus } | Where-Object { $_.ProvisioningStatus -eq 'Disabled' } | "
        "ForEach-Object { $_.ServicePlan.ServiceName }"
    )
    assert result.errors == [] and list(result.output) == ["MCOEV", "MCOSTANDARD"]
