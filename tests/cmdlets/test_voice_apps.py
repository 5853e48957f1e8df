"""Voice apps, read-only: the demo tenant's resource accounts, call queue and auto attendant,
their lookups, filters and paging, and the errors, through both doors and a report script."""

from __future__ import annotations

import uuid

import pytest
from helpers import AMOS, PILAR, Door, snapshot

import cscmdlets as cs
from cscmdlets.cmdlets.demo import demo_id
from cscmdlets.powershell.errors import ErrorCategory

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
