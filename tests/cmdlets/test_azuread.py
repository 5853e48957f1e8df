"""Licences through the retired AzureAD module, under the SkypeOnlineConnector profile (the
generation whose scripts imported it): Connect-AzureAD, Get-AzureADUser, Get-AzureADSubscribedSku
and Set-AzureADUserLicense, whose licence changes send the same emails as Set-MgUserLicense.
Under MicrosoftTeams none of them is found."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import ALEX, AMOS, KEN, TENANT_ID, Door, assert_fails, snapshot, user_of

import cscmdlets as cs
from cscmdlets.model import ChangeKind
from cscmdlets.powershell.errors import ErrorCategory

AUDIO = "0c266dff-15dd-4b49-8397-2bb16070ed52"  # MCOMEETADV, Microsoft's licensing reference
OFFICE_E5 = "c7df2760-2c81-4ef7-b578-5b5392b571df"  # ENTERPRISEPREMIUM: the demo tenant has no subscription
ENTERPRISEPACK = "6fd2c87f-b296-42f0-b197-1e91e994b900"
API_ERROR = "Microsoft.Open.AzureAD16.Client.ApiException"
PS7_NOT_FOUND = (
    "The term '{0}' is not recognized as a name of a cmdlet, function, script file, or executable program.\n"
    "Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
)


def emails(tenant: cs.Tenant) -> list[tuple[str, str]]:
    return [(kind, recipient) for _, kind, recipient in snapshot(tenant)["outbox"]]


def set_licence(door: Door, user: str, add: list[str], remove: list[str]) -> Any:
    """Set-AzureADUserLicense: from Python a mapping; from PowerShell the reference's idiom,
    New-Object of AssignedLicense and AssignedLicenses."""
    if door.kind == "python":
        assigned = {"AddLicenses": [{"SkuId": sku} for sku in add], "RemoveLicenses": remove}
        return door("Set-AzureADUserLicense", ObjectId=user, AssignedLicenses=assigned)
    lines = ["$licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses"]
    for index, sku in enumerate(add):
        lines += [
            f"$license{index} = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense",
            f"$license{index}.SkuId = '{sku}'",
        ]
    lines.append("$licenses.AddLicenses = @(" + ",".join(f"$license{i}" for i in range(len(add))) + ")")
    lines.append("$licenses.RemoveLicenses = @(" + ",".join(f"'{sku}'" for sku in remove) + ")")
    lines.append(f"Set-AzureADUserLicense -ObjectId {user} -AssignedLicenses $licenses")
    return door.tenant.invoke("\n".join(lines))


# --- Set-AzureADUserLicense ----------------------------------------------------------------------


def test_assigning_audio_conferencing_enables_and_emails(door: Door) -> None:
    assert list(set_licence(door, ALEX, [AUDIO], [])) == []  # the cmdlet writes nothing
    alex = user_of(door.tenant, ALEX)
    assert alex.licensed and alex.conference_id is not None and alex.leader_pin_hash is not None
    assert [kinds for _, _, kinds in _changes(door.tenant)] == [(ChangeKind.LICENSE_ASSIGNED,)]
    assert emails(door.tenant) == [("ConferencingEnabled", ALEX)]


def test_removing_it_releases_the_details_and_emails(door: Door) -> None:
    set_licence(door, KEN, [], [AUDIO])
    ken = user_of(door.tenant, KEN)
    assert (ken.licensed, ken.conference_id, ken.leader_pin_hash) == (False, None, None)
    assert emails(door.tenant) == [("ConferencingRemoved", KEN)]


def _changes(tenant: cs.Tenant) -> list[tuple[str, Any, tuple[ChangeKind, ...]]]:
    with tenant.store.transaction():
        return [(change.command, change.user_id, change.kinds) for change in tenant.store.changes()]


def test_the_reference_example_runs_as_written(tenant: cs.Tenant) -> None:
    """Set-AzureADUserLicense's Example 1, with the Audio Conferencing SKU: add, then remove."""
    result = tenant.run_script(
        """
        Import-Module AzureAD
        Connect-AzureAD -AccountId admin@contoso.com
        $planName = 'MCOMEETADV'
        $license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense
        $license.SkuId = (Get-AzureADSubscribedSku | Where-Object -Property SkuPartNumber -Value $planName -EQ).SkuID
        $licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses
        $licenses.AddLicenses = $license
        Set-AzureADUserLicense -ObjectId alex.darrow@contoso.com -AssignedLicenses $licenses
        $licenses.AddLicenses = @()
        $licenses.RemoveLicenses = $license.SkuId
        Set-AzureADUserLicense -ObjectId alex.darrow@contoso.com -AssignedLicenses $licenses
        """
    )
    assert result.errors == []
    assert emails(tenant) == [("ConferencingEnabled", ALEX), ("ConferencingRemoved", ALEX)]
    assert not user_of(tenant, ALEX).licensed


@pytest.mark.parametrize(
    ("add", "remove", "user", "message"),
    [
        pytest.param(
            [OFFICE_E5],
            [],
            ALEX,
            f"License {OFFICE_E5} does not correspond to a valid company License.",
            id="not-subscribed",
        ),
        pytest.param(
            ["11111111-1111-1111-1111-111111111111"],
            [],
            ALEX,
            "License 11111111-1111-1111-1111-111111111111 does not correspond to a valid company License.",
            id="unknown-sku",
        ),
        pytest.param([], [AUDIO], ALEX, "User does not have a corresponding license.", id="remove-not-held"),
        pytest.param(
            [AUDIO],
            [],
            "nobody@contoso.com",
            "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects "
            "are not present.",
            id="unknown-user",
        ),
    ],
)
def test_licence_errors(door: Door, add: list[str], remove: list[str], user: str, message: str) -> None:
    code = "Request_ResourceNotFound" if "nobody" in user else "Request_BadRequest"
    assert_fails(
        door.tenant,
        lambda: set_licence(door, user, add, remove),
        API_ERROR,
        ErrorCategory.NotSpecified,
        f"Error occurred while executing SetUserLicenses\nCode: {code}\nMessage: {message}",
        "Set-AzureADUserLicense",
    )


# --- Get-AzureADUser, Get-AzureADSubscribedSku, Connect-AzureAD ----------------------------------


def test_get_user_by_object_id_or_upn(door: Door) -> None:
    [alex] = door("Get-AzureADUser", ObjectId=ALEX)
    assert (alex.UserPrincipalName, alex.UserType, alex.ObjectType) == (ALEX, "Member", "User")
    assert [lic.SkuId for lic in alex.AssignedLicenses] == [ENTERPRISEPACK]
    [again] = door("Get-AzureADUser", ObjectId=alex.ObjectId)
    assert again.UserPrincipalName == ALEX


def test_get_user_search_filter_top_and_all(door: Door) -> None:
    assert [u.UserPrincipalName for u in door("Get-AzureADUser", SearchString="Amos")] == [AMOS]
    sales = [u.UserPrincipalName for u in door("Get-AzureADUser", Filter="usageLocation eq 'US'")]
    assert sales and all(user_of(door.tenant, upn).usage_location == "US" for upn in sales)
    assert len(door("Get-AzureADUser", Top=2)) == 2
    everyone = len(snapshot(door.tenant)["users"])
    assert len(door("Get-AzureADUser", All=True)) == everyone


def test_get_user_unknown(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Get-AzureADUser", ObjectId="nobody@contoso.com"),
        API_ERROR,
        ErrorCategory.NotSpecified,
        "Error occurred while executing GetUser\nCode: Request_ResourceNotFound\nMessage: Resource "
        "'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
        "Get-AzureADUser",
    )


def test_get_user_first_page_without_all() -> None:
    tenant = cs.Tenant.demo(users=150, module="SkypeOnlineConnector")
    assert len(tenant.get_azure_ad_user()) == 100
    assert len(tenant.get_azure_ad_user(all=True)) > 150


def test_subscribed_skus(door: Door) -> None:
    skus = {s.SkuPartNumber: s for s in door("Get-AzureADSubscribedSku")}
    audio = skus["MCOMEETADV"]
    assert (audio.SkuId, audio.ObjectId) == (AUDIO, f"{TENANT_ID}_{AUDIO}")
    assert (audio.PrepaidUnits.Enabled, audio.ConsumedUnits) == (10_000, 4)
    [one] = door("Get-AzureADSubscribedSku", ObjectId=f"{TENANT_ID}_{AUDIO}")
    assert one.SkuPartNumber == "MCOMEETADV"


def test_connect_shows_the_account_and_tenant(door: Door) -> None:
    [connection] = door("Connect-AzureAD", AccountId="admin@contoso.com")
    assert (connection.Account, connection.TenantId, connection.TenantDomain) == (
        "admin@contoso.com",
        TENANT_ID,
        "contoso.com",
    )
    assert connection.Environment == "AzureCloud"


# --- the module generation ------------------------------------------------------------------------

TODAY_CALLS = [
    pytest.param("Connect-AzureAD", {"AccountId": "admin@contoso.com"}, id="connect"),
    pytest.param("Get-AzureADUser", {"ObjectId": ALEX}, id="get-user"),
    pytest.param("Get-AzureADSubscribedSku", {}, id="get-sku"),
    pytest.param(
        "Set-AzureADUserLicense",
        {"ObjectId": ALEX, "AssignedLicenses": {"AddLicenses": [{"SkuId": AUDIO}], "RemoveLicenses": []}},
        id="set-licence",
    ),
]


@pytest.mark.parametrize(("command", "params"), TODAY_CALLS)
def test_not_found_under_microsoft_teams(door: Door, command: str, params: dict[str, Any]) -> None:
    """AzureAD was deprecated on March 30, 2024; today's scripts use Microsoft Graph PowerShell."""
    door.tenant.module = "MicrosoftTeams"
    if door.kind == "python":
        call = lambda: door(command, **params)  # noqa: E731
    else:
        call = lambda: door.tenant.invoke(f"{command} -ObjectId {ALEX}" if "User" in command else command)  # noqa: E731
    error = assert_fails(
        door.tenant, call, "CommandNotFoundException", ErrorCategory.ObjectNotFound, PS7_NOT_FOUND.format(command)
    )
    assert error.recommended_action == (
        "It is not in the MicrosoftTeams module: cscmdlets check --target MicrosoftTeams migrates it."
    )
    assert emails(door.tenant) == []


def test_the_connector_generation_imports_azuread(tenant: cs.Tenant) -> None:
    modules = tenant.run_script(
        "Import-Module AzureAD; (Get-AzureADUser -ObjectId amos.marble@contoso.com).DisplayName"
    )
    assert modules.errors == [] and list(modules.output) == ["Amos Marble"]


WRONG_VALUES = [
    pytest.param("text", '"text" value of type "System.String"', id="a-string"),
    pytest.param({"SkuId": AUDIO}, None, id="a-licence-table"),
]
NO_SKU_ID = (
    "Cannot bind parameter 'AssignedLicenses'. Cannot create object of type "
    '"Microsoft.Open.AzureAD.Model.AssignedLicenses". The SkuId property was not found for the '
    "Microsoft.Open.AzureAD.Model.AssignedLicenses object. The available property is: "
    "[AddLicenses <System.Collections.Generic.List`1[Microsoft.Open.AzureAD.Model.AssignedLicense]>] , "
    "[RemoveLicenses <System.Collections.Generic.List`1[System.String]>]"
)


@pytest.mark.parametrize(("value", "shown"), WRONG_VALUES)
def test_assigned_licenses_of_the_wrong_type_fail_to_bind(door: Door, value: Any, shown: str | None) -> None:
    """-AssignedLicenses takes an AssignedLicenses object (or a hashtable of its properties);
    anything else fails in binding, as PowerShell's conversion reports it."""
    if door.kind == "python":
        call = lambda: door("Set-AzureADUserLicense", ObjectId=ALEX, AssignedLicenses=value)  # noqa: E731
    else:
        argument = "'text'" if isinstance(value, str) else f"@{{SkuId = '{AUDIO}'}}"
        call = lambda: door.tenant.invoke(f"Set-AzureADUserLicense -ObjectId {ALEX} -AssignedLicenses {argument}")  # noqa: E731
    assert_fails(
        door.tenant,
        call,
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        NO_SKU_ID
        if shown is None
        else f"Cannot bind parameter 'AssignedLicenses'. Cannot convert the {shown} to type "
        '"Microsoft.Open.AzureAD.Model.AssignedLicenses".',
    )
    assert emails(door.tenant) == []


def test_a_lone_assigned_license_is_the_wrong_type(tenant: cs.Tenant) -> None:
    """The reference's idiom wraps the AssignedLicense in AssignedLicenses; passing it alone fails."""
    script = (
        "$license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense\n"
        f"$license.SkuId = '{AUDIO}'\n"
        f"Set-AzureADUserLicense -ObjectId {ALEX} -AssignedLicenses $license"
    )
    before = user_of(tenant, ALEX)
    (error,) = tenant.run_script(script).errors
    assert error.error_id == "CannotConvertArgumentNoMessage"
    assert 'of type "Microsoft.Open.AzureAD.Model.AssignedLicense" to type' in error.message
    assert user_of(tenant, ALEX) == before


def test_a_hashtable_of_its_properties_binds(tenant: cs.Tenant) -> None:
    """PowerShell builds the object from a hashtable of its properties."""
    result = tenant.run_script(
        f"Set-AzureADUserLicense -ObjectId {ALEX} -AssignedLicenses @{{AddLicenses = @(@{{SkuId = '{AUDIO}'}})}}"
    )
    assert result.errors == [] and user_of(tenant, ALEX).licensed


def test_disabled_plans_are_kept_on_the_licence(tenant: cs.Tenant) -> None:
    """The reference's AssignedLicense.DisabledPlans: Phone System off in Microsoft 365 E5."""
    phone_system = "4828c8ec-dc2e-4779-b502-87ac9ce28ab7"
    result = tenant.run_script(
        "$license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense\n"
        "$license.SkuId = '06ebc4ee-1bb5-47dd-8120-11324bc54e06'\n"
        f"$license.DisabledPlans.Add('{phone_system}')\n"
        "$licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses\n"
        "$licenses.AddLicenses = $license\n"
        f"Set-AzureADUserLicense -ObjectId {ALEX} -AssignedLicenses $licenses\n"
        f"(Get-AzureADUser -ObjectId {ALEX}).AssignedLicenses | Where-Object SkuId -eq $license.SkuId | "
        "ForEach-Object { $_.DisabledPlans }"
    )
    assert result.errors == [] and list(result.output) == [phone_system]
    assert user_of(tenant, ALEX).licensed  # Audio Conferencing, also in E5, stays on
