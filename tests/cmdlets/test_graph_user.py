"""Update-MgUser (Microsoft Graph PowerShell): available under every module profile, as Graph
PowerShell is a module of its own."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import ALEX, Door, assert_fails, user_of

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory


@pytest.mark.parametrize("module", ["MicrosoftTeams", "SkypeOnlineConnector"])
def test_update_writes_the_store_and_the_audit_log(door: Door, module: str) -> None:
    door.tenant.module = module
    assert list(door("Update-MgUser", UserId=ALEX, UsageLocation="gb", Department="Sales")) == []
    alex = user_of(door.tenant, ALEX)
    assert (alex.usage_location, alex.department) == ("GB", "Sales")
    entry = door.tenant.store.audit_entries()[-1]
    assert entry.command == "Update-MgUser" and entry.target == ALEX


def test_account_enabled_is_a_switch(tenant: cs.Tenant) -> None:
    assert tenant.run_script(f"Update-MgUser -UserId {ALEX} -AccountEnabled:$false").errors == []
    assert not user_of(tenant, ALEX).account_enabled
    assert tenant.run_script(f"Update-MgUser -UserId {ALEX} -AccountEnabled").errors == []
    assert user_of(tenant, ALEX).account_enabled


def test_body_parameter_hashtable(tenant: cs.Tenant) -> None:
    result = tenant.run_script(
        f"Update-MgUser -UserId {ALEX} -BodyParameter @{{usageLocation = 'DE'; displayName = 'Alex D.'}}"
    )
    assert result.errors == []
    alex = user_of(tenant, ALEX)
    assert (alex.usage_location, alex.display_name) == ("DE", "Alex D.")


def test_what_if_changes_nothing(tenant: cs.Tenant) -> None:
    before = user_of(tenant, ALEX)
    result = tenant.run_script(f"Update-MgUser -UserId {ALEX} -UsageLocation GB -WhatIf")
    assert result.errors == [] and user_of(tenant, ALEX) == before


BAD_CALLS = [
    pytest.param(
        {"UserId": "nobody@contoso.com", "UsageLocation": "GB"},
        "Request_ResourceNotFound",
        ErrorCategory.ObjectNotFound,
        "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects "
        "are not present.",
        id="unknown-user",
    ),
    pytest.param(
        {"UserId": ALEX, "UsageLocation": "Britain"},
        "Request_BadRequest",
        ErrorCategory.InvalidOperation,
        "Invalid value specified for property 'usageLocation' of resource 'User'.",
        id="bad-usage-location",
    ),
    pytest.param(
        {"UserId": ALEX, "BodyParameter": {"FavouriteColour": "blue"}},
        "Request_BadRequest",
        ErrorCategory.InvalidOperation,
        "Property 'FavouriteColour' does not exist on type 'microsoft.graph.user'.",
        id="unknown-property",
    ),
]


@pytest.mark.parametrize(("params", "error_id", "category", "message"), BAD_CALLS)
def test_failed_update_changes_nothing(
    tenant: cs.Tenant, params: dict[str, Any], error_id: str, category: ErrorCategory, message: str
) -> None:
    door = Door("python", tenant)
    assert_fails(tenant, lambda: door("Update-MgUser", **params), error_id, category, message)


def test_error_action_continues(tenant: cs.Tenant) -> None:
    result = tenant.run_script(
        "Update-MgUser -UserId nobody@contoso.com -UsageLocation GB -ErrorAction SilentlyContinue\n"
        f"Update-MgUser -UserId {ALEX} -UsageLocation GB"
    )
    assert result.errors == [] and user_of(tenant, ALEX).usage_location == "GB"


def test_a_cleared_usage_location_blocks_a_licence(tenant: cs.Tenant) -> None:
    tenant.module = "MicrosoftTeams"
    result = tenant.run_script(
        f"Update-MgUser -UserId {ALEX} -BodyParameter @{{UsageLocation = $null}}\n"
        f"Set-MgUserLicense -UserId {ALEX} -AddLicenses @{{SkuId = '0c266dff-15dd-4b49-8397-2bb16070ed52'}} "
        "-RemoveLicenses @()"
    )
    (error,) = result.errors
    assert error.message == "License assignment cannot be done for user with invalid usage location."
    assert not user_of(tenant, ALEX).licensed


def test_a_disabled_plan_must_be_a_plan_of_the_sku(tenant: cs.Tenant) -> None:
    """Teams (TEAMS1) is no plan of Teams Phone Standard: Graph refuses, nothing changes."""
    teams_plan = "57ff2da0-773e-42df-b2af-ffb7a2317929"
    door = Door("python", tenant)
    assert_fails(
        tenant,
        lambda: door(
            "Set-MgUserLicense",
            UserId=ALEX,
            AddLicenses=[{"SkuId": "e43b5b99-8dfb-405f-9987-dc307f34bcbd", "DisabledPlans": [teams_plan]}],
            RemoveLicenses=[],
        ),
        "Request_BadRequest",
        ErrorCategory.InvalidOperation,
        f"Invalid value specified for property 'disabledPlans' of resource 'AssignedLicense': {teams_plan}.",
    )


def test_disabled_plans_through_graph_show_in_msonline(tenant: cs.Tenant) -> None:
    """One record of the plans switched off, whichever module assigned the licence."""
    result = tenant.run_script(
        f"Set-MgUserLicense -UserId {ALEX} -AddLicenses @{{SkuId = '06ebc4ee-1bb5-47dd-8120-11324bc54e06'; "
        "DisabledPlans = @('4828c8ec-dc2e-4779-b502-87ac9ce28ab7')} -RemoveLicenses @()\n"
        f"((Get-MsolUser -UserPrincipalName {ALEX}).Licenses | Where-Object AccountSkuId -eq 'contoso:SPE_E5')"
        ".ServiceStatus | Where-Object ProvisioningStatus -eq Disabled | ForEach-Object { $_.ServicePlan.ServiceName }"
    )
    assert [o for o in result.output if isinstance(o, str)] == ["MCOEV"]
