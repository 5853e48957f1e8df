"""Voice apps, read-only: the demo tenant's resource accounts, call queue and auto attendant,
their lookups, filters and paging, and the errors, through both doors and a report script."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from helpers import AMOS, PILAR, Door, assert_fails, run_in_folder, snapshot

import cscmdlets as cs
from cscmdlets.cmdlets.demo import demo_id
from cscmdlets.powershell.errors import ErrorCategory
from cscmdlets.scripts.values import to_string

MAIN, SALES = "mainline@contoso.com", "salesqueue@contoso.com"
AA_APP, CQ_APP = uuid.UUID("ce933385-9390-45d1-9512-c8d228074e07"), uuid.UUID("11cd3e2e-fccb-42ad-ad00-878b93575e07")


def test_resource_accounts(door: Door) -> None:
    accounts = door("Get-CsOnlineApplicationInstance")
    assert [(a.UserPrincipalName, a.ApplicationId, a.PhoneNumber) for a in accounts] == [
        (MAIN, AA_APP, "tel:+14255550199"),
        (SALES, CQ_APP, None),
    ]
    assert list(accounts[0].to_ps()) == [
        "ObjectId",
        "TenantId",
        "UserPrincipalName",
        "ApplicationId",
        "DisplayName",
        "PhoneNumber",
    ]
    [main] = door("Get-CsOnlineApplicationInstance", MAIN.upper())
    assert main.DisplayName == "Contoso Main Line"
    [sales] = door("Get-CsOnlineApplicationInstance", Identity=str(demo_id(SALES)))
    assert sales.UserPrincipalName == SALES
    both = door("Get-CsOnlineApplicationInstance", Identities=f"{SALES},{MAIN}")
    assert [a.UserPrincipalName for a in both] == [SALES, MAIN]


def test_call_queue(door: Door) -> None:
    [queue] = door("Get-CsCallQueue")
    assert (queue.Name, queue.RoutingMethod, queue.Statistics) == ("Sales Queue", "Attendant", "Current queue size = 0")
    assert [(a.ObjectId, a.OptIn) for a in queue.Agents] == [(demo_id(AMOS), True), (demo_id(PILAR), True)]
    assert queue.ApplicationInstances == (demo_id(SALES),)
    assert door("Get-CsCallQueue", Identity=str(queue.Identity))[0].Name == "Sales Queue"
    assert door("Get-CsCallQueue", NameFilter="sales")[0].Name == "Sales Queue"
    assert door("Get-CsCallQueue", NameFilter="Support") == []
    assert door("Get-CsCallQueue", Skip=1) == []


def test_auto_attendant(door: Door) -> None:
    [attendant] = door("Get-CsAutoAttendant")
    assert (attendant.Name, attendant.LanguageId, attendant.TimeZoneId) == (
        "Contoso Main Line",
        "en-US",
        "Pacific Standard Time",
    )
    assert attendant.ApplicationInstances == (demo_id(MAIN),)
    assert door("Get-CsAutoAttendant", Identity=attendant.Identity, IncludeStatus=True)[0].Name == "Contoso Main Line"
    assert door("Get-CsAutoAttendant", Sort="LanguageId", Descending=True)[0].Name == "Contoso Main Line"


@pytest.mark.parametrize(
    ("command", "error_id", "category", "message"),
    [
        pytest.param(
            "Get-CsOnlineApplicationInstance -Identity nobody@contoso.com",
            "ApplicationInstanceNotFound",
            ErrorCategory.ObjectNotFound,
            'The application instance "nobody@contoso.com" was not found.',
            id="unknown-account",
        ),
        pytest.param(
            "Get-CsCallQueue -Identity 5e3a575e-1faa-49ff-83c2-5cf1c36c0e01",
            "NotFound",
            ErrorCategory.ObjectNotFound,
            'The call queue "5e3a575e-1faa-49ff-83c2-5cf1c36c0e01" was not found.',
            id="unknown-queue",
        ),
        pytest.param(
            "Get-CsAutoAttendant -Identity nope",
            "NotFound",
            ErrorCategory.ObjectNotFound,
            'The auto attendant "nope" was not found.',
            id="unknown-attendant",
        ),
        pytest.param(
            "Get-CsCallQueue -First 101",
            "BadRequest",
            ErrorCategory.InvalidArgument,
            "-First can be at most 100 (101 given).",
            id="first-above-100",
        ),
        pytest.param(
            "Get-CsCallQueue -Identity not-a-guid",
            "CannotConvertArgumentNoMessage",
            ErrorCategory.InvalidArgument,
            None,
            id="identity-not-a-guid",
        ),
    ],
)
def test_errors(tenant: cs.Tenant, command: str, error_id: str, category: ErrorCategory, message: str | None) -> None:
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(command)
    assert (raised.value.error_id, raised.value.category) == (error_id, category)
    if message is not None:
        assert raised.value.message == message
    assert snapshot(tenant) == before


def test_an_empty_tenant_has_no_voice_apps() -> None:
    tenant = cs.Tenant()
    assert tenant.invoke("Get-CsCallQueue") == []
    assert tenant.invoke("Get-CsOnlineApplicationInstance") == []


def test_queue_agents_report(tenant: cs.Tenant) -> None:
    result = tenant.run_script(
        "foreach ($q in Get-CsCallQueue -WarningAction SilentlyContinue) {\n"
        "  foreach ($a in $q.Agents) {\n"
        "    $u = Get-CsOnlineUser -Identity $a.ObjectId\n"
        "    '{0}: {1}' -f $q.Name, $u.DisplayName\n"
        "  }\n"
        "}\n"
        "Get-CsAutoAttendant | ForEach-Object { $_.ApplicationInstances } |"
        " ForEach-Object { (Get-CsOnlineApplicationInstance -Identity $_).PhoneNumber }"
    )
    assert result.errors == []
    assert result.output == ["Sales Queue: Amos Marble", "Sales Queue: Pilar Ackerman", "tel:+14255550199"]


def test_new_and_set_resource_account(door: Door) -> None:
    [made] = door("New-CsOnlineApplicationInstance", "helpdesk@contoso.com", CQ_APP, "Helpdesk")
    assert (made.UserPrincipalName, made.ApplicationId, made.DisplayName, made.PhoneNumber) == (
        "helpdesk@contoso.com",
        CQ_APP,
        "Helpdesk",
        None,
    )
    door(
        "Set-CsOnlineApplicationInstance",
        "HELPDESK@contoso.com",
        DisplayName="Help desk",
        OnpremPhoneNumber="+14255550177",
    )
    [account] = door("Get-CsOnlineApplicationInstance", "helpdesk@contoso.com")
    assert (account.DisplayName, account.PhoneNumber, account.ObjectId) == (
        "Help desk",
        "tel:+14255550177",
        made.ObjectId,
    )
    [entry] = [e for e in door.tenant.audit() if e.command == "New-CsOnlineApplicationInstance"]
    assert (entry.target, entry.before) == ("helpdesk@contoso.com", None)
    [standalone] = door("New-CsOnlineApplicationInstance", UserPrincipalName="lobby@contoso.com")
    assert (standalone.DisplayName, str(standalone.ApplicationId)) == ("lobby", "0e9f2f6b-3b9a-4b1a-9c77-6a3e2d4c5f81")


@pytest.mark.parametrize(
    ("command", "error_id", "message"),
    [
        pytest.param(
            "New-CsOnlineApplicationInstance -UserPrincipalName ken.myer@contoso.com",
            "ObjectAlreadyExists",
            'The user or resource account "ken.myer@contoso.com" already exists.',
            id="upn-of-a-user",
        ),
        pytest.param(
            f"New-CsOnlineApplicationInstance -UserPrincipalName {MAIN}",
            "ObjectAlreadyExists",
            f'The user or resource account "{MAIN}" already exists.',
            id="upn-of-a-resource-account",
        ),
        pytest.param(
            "New-CsOnlineApplicationInstance -UserPrincipalName aa@fabrikam.com",
            "InvalidUserPrincipalName",
            'The user principal name "aa@fabrikam.com" is not on one of the tenant\'s domains.',
            id="foreign-domain",
        ),
        pytest.param(
            "Set-CsOnlineApplicationInstance -Identity nobody@contoso.com -DisplayName x",
            "ApplicationInstanceNotFound",
            'The application instance "nobody@contoso.com" was not found.',
            id="set-unknown",
        ),
    ],
)
def test_resource_account_errors_change_nothing(tenant: cs.Tenant, command: str, error_id: str, message: str) -> None:
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(command)
    assert (raised.value.error_id, raised.value.message) == (error_id, message)
    assert snapshot(tenant) == before


def test_what_if_creates_no_resource_account(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    result = tenant.run_script("New-CsOnlineApplicationInstance -UserPrincipalName lobby@contoso.com -WhatIf")
    assert result.errors == []
    assert result.host == [
        'What if: Performing the operation "New-CsOnlineApplicationInstance" on target "lobby@contoso.com".'
    ]
    assert snapshot(tenant) == before


# --- resource accounts as Get-CsOnlineUser and the number cmdlets see them ---------------------


def test_get_cs_online_user_lists_resource_accounts_when_asked(door: Door) -> None:
    by_type = door("Get-CsOnlineUser", AccountType="ResourceAccount")
    assert [(u.UserPrincipalName, u.AccountType, u.LineURI, u.EnterpriseVoiceEnabled) for u in by_type] == [
        (MAIN, "ResourceAccount", "tel:+14255550199", True),
        (SALES, "ResourceAccount", None, False),
    ]
    assert by_type[0].Identity == demo_id(MAIN) and by_type[0].DisplayName == "Contoso Main Line"
    filtered = door("Get-CsOnlineUser", Filter="AccountType -eq 'ResourceAccount' -and LineURI -ne $null")
    assert [u.UserPrincipalName for u in filtered] == [MAIN]
    [sales] = door("Get-CsOnlineUser", "salesqueue")  # by alias, as a user is found
    assert (sales.Identity, sales.FeatureTypes, sales.AssignedPlan) == (demo_id(SALES), None, ())
    everyone = [u.UserPrincipalName for u in door("Get-CsOnlineUser")]
    assert MAIN not in everyone and len(everyone) == 5  # decided: a plain listing is the users


def test_assign_and_remove_a_resource_account_number(door: Door) -> None:
    door(
        "New-CsOnlineApplicationInstance",
        UserPrincipalName="cq1@contoso.com",
        ApplicationId=CQ_APP,
        DisplayName="CQ One",
    )
    number_type = "DirectRouting"
    door(
        "Set-CsPhoneNumberAssignment",
        Identity="cq1@contoso.com",
        TelephoneNumber="+14255551225",
        NumberType=number_type,
    )
    [account] = door("Get-CsOnlineApplicationInstance", "cq1@contoso.com")
    assert account.PhoneNumber == "tel:+14255551225"
    [user] = door("Get-CsOnlineUser", Filter="AccountType -eq 'ResourceAccount' -and DisplayName -eq 'CQ One'")
    assert (user.LineURI, user.EnterpriseVoiceEnabled) == ("tel:+14255551225", True)
    [number] = door("Get-CsPhoneNumberAssignment", AssignedPstnTargetId="cq1@contoso.com")
    assert (number.TelephoneNumber, number.PstnAssignmentStatus, number.AssignedPstnTargetId) == (
        "+14255551225",
        "VoiceApplicationAssigned",
        str(account.ObjectId),
    )
    door("Remove-CsPhoneNumberAssignment", Identity=str(account.ObjectId), RemoveAll=True)
    [account] = door("Get-CsOnlineApplicationInstance", "cq1@contoso.com")
    assert account.PhoneNumber is None
    assert door("Get-CsPhoneNumberAssignment", AssignedPstnTargetId="cq1@contoso.com") == []


@pytest.mark.parametrize(
    ("identity", "number", "holder"),
    [
        pytest.param(SALES, "+14255550199", MAIN, id="resource-account-number-to-resource-account"),
        pytest.param(AMOS, "+14255550199", MAIN, id="resource-account-number-to-user"),
    ],
)
def test_a_number_held_by_a_resource_account_is_not_given_twice(
    tenant: cs.Tenant, identity: str, number: str, holder: str
) -> None:
    assert_fails(
        tenant,
        lambda: tenant.invoke(
            f"Set-CsPhoneNumberAssignment -Identity {identity} -PhoneNumber {number} -NumberType CallingPlan"
        ),
        "TelephoneNumberAlreadyAssigned",
        ErrorCategory.ResourceExists,
        f"The telephone number {number} is already assigned to {holder}.",
        "Set-CsPhoneNumberAssignment",
    )


def test_a_resource_account_number_script_runs_to_its_end(tmp_path: Path) -> None:
    """The shape of the public onboarding scripts: create the account, give it a number, then
    report every resource account with its number."""
    result = run_in_folder(
        "Set-StrictMode -Version Latest\n"
        "$upn = 'hotline@contoso.com'\n"
        "New-CsOnlineApplicationInstance -UserPrincipalName $upn -ApplicationId ce933385-9390-45d1-9512-c8d228074e07"
        " -DisplayName 'Hotline' | Out-Null\n"
        "Set-CsPhoneNumberAssignment -Identity $upn -PhoneNumber '+14255550777' -PhoneNumberType CallingPlan\n"
        "Get-CsOnlineUser -AccountType ResourceAccount | Sort-Object DisplayName |\n"
        "    ForEach-Object { '{0};{1}' -f $_.DisplayName, ($_.LineURI -replace '^tel:') }\n",
        tmp_path,
    )
    assert result.errors == []
    assert [to_string(v) for v in result.output] == [
        "Contoso Main Line;+14255550199",
        "Hotline;+14255550777",
        "Sales Queue;",
    ]


def test_a_direct_routing_resource_account_takes_a_voice_routing_policy(tenant: cs.Tenant) -> None:
    """The Direct Routing set-up of a resource account: a number, then a voice routing policy,
    granted by UPN or object ID, shown and filtered as a user's; a policy it holds cannot be
    removed; $null takes the grant back."""
    tenant.invoke("New-CsOnlineVoiceRoutingPolicy -Identity US-Unrestricted")
    tenant.invoke(
        f"Set-CsPhoneNumberAssignment -Identity {SALES} -PhoneNumber '+14255550160' -PhoneNumberType DirectRouting"
    )
    tenant.invoke(f"Grant-CsOnlineVoiceRoutingPolicy -Identity {demo_id(SALES)} -PolicyName US-Unrestricted")
    [sales] = tenant.get_cs_online_user(SALES)
    assert (sales.LineURI, sales.OnlineVoiceRoutingPolicy) == ("tel:+14255550160", "US-Unrestricted")
    entry = next(e for e in sales.EffectivePolicyAssignments if e["PolicyType"] == "OnlineVoiceRoutingPolicy")
    assert (entry["PolicyName"], entry["AssignmentType"]) == ("US-Unrestricted", "Direct")
    found = tenant.get_cs_online_user(
        filter="AccountType -eq 'ResourceAccount' -and OnlineVoiceRoutingPolicy -ne $null"
    )
    assert [u.UserPrincipalName for u in found] == [SALES]
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke("Remove-CsOnlineVoiceRoutingPolicy -Identity US-Unrestricted")
    assert raised.value.error_id == "PolicyInUse"
    tenant.invoke(f"Grant-CsOnlineVoiceRoutingPolicy -Identity {SALES} -PolicyName $null")
    [sales] = tenant.get_cs_online_user(SALES)
    assert sales.OnlineVoiceRoutingPolicy is None
    tenant.invoke("Remove-CsOnlineVoiceRoutingPolicy -Identity US-Unrestricted")


def test_onprem_phone_number_follows_the_number_rules(tenant: cs.Tenant) -> None:
    """Set-CsOnlineApplicationInstance -OnpremPhoneNumber cannot take a number someone holds."""
    assert_fails(
        tenant,
        lambda: tenant.invoke(f"Set-CsOnlineApplicationInstance -Identity {SALES} -OnpremPhoneNumber '+14255550199'"),
        "TelephoneNumberAlreadyAssigned",
        ErrorCategory.ResourceExists,
        f"The telephone number +14255550199 is already assigned to {MAIN}.",
        "Set-CsOnlineApplicationInstance",
    )
