"""Licences through Microsoft Graph PowerShell and MSOnline: what they show, what they change,
and the service emails an Audio Conferencing assignment or removal sends -- delivered to a real
SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import ALEX, AMOS, DAVID, KEN, TENANT_ID, Door, SmtpInbox, assert_fails, user_of

import cscmdlets as cs
from cscmdlets.model import ChangeKind
from cscmdlets.powershell.errors import ErrorCategory

AUDIO = "0c266dff-15dd-4b49-8397-2bb16070ed52"  # MCOMEETADV, Microsoft's licensing reference
E5 = "06ebc4ee-1bb5-47dd-8120-11324bc54e06"  # SPE_E5
AUDIO_PLAN = "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40"
SET_MG = "Set-MgUserLicense"


def outbox(tenant: cs.Tenant) -> list[tuple[str, str]]:
    with tenant.store.transaction():
        return [(entry.kind, entry.recipient) for entry in tenant.store.outbox()]


def changes(tenant: cs.Tenant) -> list[tuple[str, tuple[ChangeKind, ...]]]:
    with tenant.store.transaction():
        return [(change.command, change.kinds) for change in tenant.store.changes()]


# --- Graph --------------------------------------------------------------------------------------


def set_mg(door: Door, user: str, add: list[dict[str, Any]], remove: list[str]) -> Any:
    """Set-MgUserLicense through either door; PowerShell writes the lists as @(...) (``@()`` when empty)."""
    if door.kind == "python":
        return door(SET_MG, UserId=user, AddLicenses=add, RemoveLicenses=remove)
    tables = ",".join(
        "@{" + "; ".join(f"{k} = {_ps_list(v) if isinstance(v, list) else repr(v)}" for k, v in t.items()) + "}"
        for t in add
    )
    return door.tenant.invoke(
        f"Set-MgUserLicense -UserId {user} -AddLicenses @({tables}) -RemoveLicenses {_ps_list(remove)}"
    )


def _ps_list(values: list[str]) -> str:
    return "@(" + ",".join(repr(v) for v in values) + ")"


def test_assigning_audio_conferencing_enables_and_emails(door: Door) -> None:
    [row] = set_mg(door, ALEX, [{"SkuId": AUDIO}], [])
    assert (row.UserPrincipalName, row.UserType, row.AccountEnabled) == (ALEX, "Member", None)
    alex = user_of(door.tenant, ALEX)
    assert alex.licensed and alex.conference_id is not None and alex.leader_pin_hash is not None
    assert changes(door.tenant) == [(SET_MG, (ChangeKind.LICENSE_ASSIGNED,))]
    assert outbox(door.tenant) == [("ConferencingEnabled", ALEX)]
    [detail] = [d for d in door("Get-MgUserLicenseDetail", UserId=ALEX) if d.SkuPartNumber == "MCOMEETADV"]
    assert str(detail.SkuId) == AUDIO and detail.ServicePlans[0].ProvisioningStatus == "Success"


def test_removing_it_releases_the_details_and_emails(door: Door) -> None:
    set_mg(door, KEN, [], [AUDIO])
    ken = user_of(door.tenant, KEN)
    assert (ken.licensed, ken.conference_id, ken.leader_pin_hash) == (False, None, None)
    assert outbox(door.tenant) == [("ConferencingRemoved", KEN)]
    assert [d.SkuPartNumber for d in door("Get-MgUserLicenseDetail", UserId=KEN)] == ["ENTERPRISEPACK"]


def test_a_suite_with_the_plan_enables_and_a_disabled_plan_does_not(door: Door) -> None:
    set_mg(door, ALEX, [{"SkuId": E5, "DisabledPlans": [AUDIO_PLAN]}], [])
    assert not user_of(door.tenant, ALEX).licensed and outbox(door.tenant) == []
    [e5] = [d for d in door("Get-MgUserLicenseDetail", UserId=ALEX) if d.SkuPartNumber == "SPE_E5"]
    assert {p.ServicePlanName: p.ProvisioningStatus for p in e5.ServicePlans}["MCOMEETADV"] == "Disabled"
    set_mg(door, ALEX, [{"SkuId": E5}], [])
    assert user_of(door.tenant, ALEX).licensed and outbox(door.tenant) == [("ConferencingEnabled", ALEX)]


def test_third_party_user_gets_the_licence_without_being_enabled(door: Door) -> None:
    set_mg(door, DAVID, [{"SkuId": E5}], [AUDIO])
    assert user_of(door.tenant, DAVID).licensed and outbox(door.tenant) == []


def test_what_if_changes_nothing(tenant: cs.Tenant) -> None:
    tenant.set_mg_user_license(user_id=ALEX, add_licenses=[{"SkuId": AUDIO}], remove_licenses=[], what_if=True)
    assert not user_of(tenant, ALEX).licensed and outbox(tenant) == []


def test_powershell_hashtable_syntax(tenant: cs.Tenant) -> None:
    tenant.invoke(f"Set-MgUserLicense -UserId {ALEX} -AddLicenses @{{SkuId = '{AUDIO}'}} -RemoveLicenses @()")
    assert outbox(tenant) == [("ConferencingEnabled", ALEX)]


def test_the_request_body_assigns_as_the_parameters_do(tenant: cs.Tenant) -> None:
    """-BodyParameter (the Assign1 set) takes the request body itself, its keys in any case."""
    script = f"""
    $sku = Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq 'MCOMEETADV'
    $body = @{{ addLicenses = @(@{{ skuId = $sku.SkuId }}); removeLicenses = @() }}
    Set-MgUserLicense -UserId {ALEX} -BodyParameter $body | Select-Object -ExpandProperty UserPrincipalName
    Set-MgUserLicense -UserId {KEN} -BodyParameter @{{ AddLicenses = @() }}
    """
    result = tenant.run_script(script)
    assert result.output == [ALEX] and outbox(tenant) == [("ConferencingEnabled", ALEX)]
    [error] = result.errors
    assert error.message.endswith("The missing parameters are: removeLicenses.")
    assert user_of(tenant, KEN).licensed


def test_the_body_and_the_expanded_parameters_are_separate_sets(tenant: cs.Tenant) -> None:
    with pytest.raises(cs.PowerShellError) as info:
        tenant.invoke(f"Set-MgUserLicense -UserId {ALEX} -BodyParameter @{{}} -RemoveLicenses @()")
    assert info.value.error_id == "AmbiguousParameterSet"
    assert not user_of(tenant, ALEX).licensed


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param(
            {"AddLicenses": [{"SkuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}], "RemoveLicenses": []},
            "License c7df2760-2c81-4ef7-b578-5b5392b571df does not correspond to a valid company License.",
            id="not-subscribed",
        ),
        pytest.param(
            {"AddLicenses": [{"SkuId": "11111111-1111-1111-1111-111111111111"}], "RemoveLicenses": []},
            "License 11111111-1111-1111-1111-111111111111 does not correspond to a valid company License.",
            id="unknown-sku",
        ),
        pytest.param(
            {"AddLicenses": [], "RemoveLicenses": [AUDIO]},
            "User does not have a corresponding license.",
            id="remove-not-held",
        ),
        pytest.param(
            {"AddLicenses": [{"SkuId": AUDIO}]},
            "One or more parameters of the operation 'assignLicense' are missing from the request payload. "
            "The missing parameters are: removeLicenses.",
            id="remove-licenses-missing",
        ),
    ],
)
def test_graph_licence_errors(door: Door, params: dict[str, Any], message: str) -> None:
    call = (
        (lambda: set_mg(door, ALEX, params["AddLicenses"], params["RemoveLicenses"]))
        if len(params) == 2
        else (lambda: door(SET_MG, UserId=ALEX, **params))
    )
    assert_fails(
        door.tenant,
        call,
        "Request_BadRequest",
        ErrorCategory.InvalidOperation,
        message,
        SET_MG,
    )


def test_unknown_graph_user(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Get-MgUser", UserId="nobody@contoso.com"),
        "Request_ResourceNotFound",
        ErrorCategory.ObjectNotFound,
        "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects "
        "are not present.",
        "Get-MgUser",
    )


def test_seats_run_out(tenant: cs.Tenant) -> None:
    tenant.set_mg_user_license(user_id=ALEX, add_licenses=[{"SkuId": E5}], remove_licenses=[])
    for user in (AMOS, KEN, "pilar.ackerman@contoso.com", DAVID):
        tenant.set_mg_user_license(user_id=user, add_licenses=[{"SkuId": E5}], remove_licenses=[])
    tenant.add_user("extra@contoso.com", "Extra")
    with pytest.raises(cs.PowerShellError, match="has no more available units"):
        tenant.set_mg_user_license(user_id="extra@contoso.com", add_licenses=[{"SkuId": E5}], remove_licenses=[])


def test_get_mg_user_default_properties_filter_and_paging(door: Door) -> None:
    [ken] = door("Get-MgUser", UserId=KEN)
    assert (ken.Id, ken.DisplayName, ken.Department, ken.AssignedLicenses) == (
        str(user_of(door.tenant, KEN).object_id),
        "Ken Myer",
        None,
        None,
    )
    found = door(
        "Get-MgUser",
        Filter=f"assignedLicenses/any(x:x/skuId eq {AUDIO}) and department eq 'sales'",
        Property=["DisplayName", "Department", "AssignedLicenses"],
        All=True,
    )
    assert [(u.DisplayName, u.Department) for u in found] == [("Amos Marble", "Sales"), ("Pilar Ackerman", "Sales")]
    assert str(found[0].AssignedLicenses[0].SkuId) == AUDIO
    assert [u.DisplayName for u in door("Get-MgUser", Filter="startsWith(displayName,'a')", All=True)] == [
        "Amos Marble",
        "Alex Darrow",
    ]
    assert len(door("Get-MgUser", Top=2)) == 2


def test_get_mg_user_filters_on_a_collection_count(door: Door) -> None:
    """``assignedLicenses/$count eq 1``, the advanced query admins use for (un)licensed users
    (learn.microsoft.com/graph/aad-advanced-queries)."""
    one = door("Get-MgUser", Filter="assignedLicenses/$count eq 1", ConsistencyLevel="eventual", All=True)
    assert [u.DisplayName for u in one] == ["Alex Darrow"]
    assert door("Get-MgUser", Filter="assignedLicenses/$count eq 0", ConsistencyLevel="eventual", All=True) == []


def test_get_mg_user_search_finds_words_beginning_with_the_terms(door: Door) -> None:
    """``-Search '"displayName:ken"'`` with ``-ConsistencyLevel eventual`` ("Use the $search query
    parameter"): each term begins a word of the property, case-insensitively; clauses join with
    AND/OR."""

    def names(search: str) -> list[str]:
        return [u.DisplayName for u in door("Get-MgUser", Search=search, ConsistencyLevel="eventual", All=True)]

    assert names('"displayName:ken"') == ["Ken Myer"]
    assert names('"displayName:AMOS MAR"') == ["Amos Marble"]
    assert names('"displayName:mar"') == ["Amos Marble"]  # a word's beginning, not any part
    assert names('"displayName:amos" OR "mail:ken"') == ["Amos Marble", "Ken Myer"]
    assert names('"displayName:amos" AND "mail:ken"') == []


def test_get_mg_user_sort_orders_and_advanced_queries_need_eventual_and_count(door: Door) -> None:
    """-Sort ($orderby, alias OrderBy) with ``desc``; with -Filter or -Search Graph sorts only an
    advanced query (ConsistencyLevel eventual and $count), and $search needs the header
    (learn.microsoft.com/graph/aad-advanced-queries)."""
    assert [u.DisplayName for u in door("Get-MgUser", Sort=["displayName desc"], Top=2)] == [
        "Pilar Ackerman",
        "Ken Myer",
    ]
    us = "usageLocation eq 'US'"
    sorted_us = door("Get-MgUser", Filter=us, Sort=["displayName"], ConsistencyLevel="eventual", CountVariable="n")
    assert [u.DisplayName for u in sorted_us] == ["Alex Darrow", "Amos Marble", "David Longmuir", "Ken Myer"]
    for call, message in (
        (lambda: door("Get-MgUser", Filter=us, Sort=["displayName"]), "Sorting not supported for current query."),
        (
            lambda: door("Get-MgUser", Search='"displayName:ken"'),
            "Request with $search query parameter only works through MSGraph with a special request header: "
            "'ConsistencyLevel: eventual'",
        ),
    ):
        assert_fails(
            door.tenant, call, "Request_UnsupportedQuery", ErrorCategory.InvalidOperation, message, "Get-MgUser"
        )


def test_count_variable_receives_every_match_in_the_script(tenant: cs.Tenant) -> None:
    """``-CountVariable c -ConsistencyLevel eventual`` sets ``$c`` in the calling script to the
    number of matching users (Graph's ``$count``), whatever page ``-Top`` returns (Get-MgUser
    reference, "Advanced query" examples)."""
    result = tenant.run_script(
        "$first = Get-MgUser -Filter \"department eq 'Sales'\" -ConsistencyLevel eventual -CountVariable c -Top 1\n"
        '"$c sales users, $(@($first).Count) shown"'
    )
    assert (result.output, result.errors) == (["2 sales users, 1 shown"], [])


def test_graph_page_without_all() -> None:
    tenant = cs.Tenant.demo(users=150)
    assert len(tenant.get_mg_user()) == 100 and len(tenant.get_mg_user(all=True)) == 155


def test_subscribed_skus(door: Door) -> None:
    skus = {s.SkuPartNumber: s for s in door("Get-MgSubscribedSku", All=True)}
    audio = skus["MCOMEETADV"]
    assert (str(audio.SkuId), audio.ConsumedUnits, audio.PrepaidUnits.Enabled) == (AUDIO, 4, 10_000)
    assert audio.Id == f"{TENANT_ID}_{AUDIO}"
    assert [p.ServicePlanName for p in skus["SPE_E5"].ServicePlans] == ["MCOMEETADV", "MCOEV", "TEAMS1", "MCOSTANDARD"]


def test_find_the_sku_then_assign_it_in_a_script(tenant: cs.Tenant) -> None:
    result = tenant.run_script(
        """
        Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All
        $sku = Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq 'MCOMEETADV'
        Set-MgUserLicense -UserId alex.darrow@contoso.com -AddLicenses @{SkuId = $sku.SkuId} -RemoveLicenses @()
        """
    )
    assert result.errors == [] and outbox(tenant) == [("ConferencingEnabled", ALEX)]


# --- MSOnline ------------------------------------------------------------------------------------


def test_msol_assign_and_read(door: Door) -> None:
    door("Set-MsolUserLicense", UserPrincipalName=ALEX, AddLicenses=["contoso:MCOMEETADV"])
    assert outbox(door.tenant) == [("ConferencingEnabled", ALEX)]
    [alex] = door("Get-MsolUser", UserPrincipalName=ALEX)
    assert sorted(lic.AccountSkuId for lic in alex.Licenses) == ["contoso:ENTERPRISEPACK", "contoso:MCOMEETADV"]
    assert alex.isLicensed is True


def test_msol_script_idiom(tenant: cs.Tenant) -> None:
    found = tenant.invoke(
        "Get-MsolUser -All | Where-Object { ($_.Licenses).AccountSkuId -match 'MCOMEETADV' } | "
        "Select-Object -ExpandProperty UserPrincipalName"
    )
    assert list(found) == [AMOS, KEN, "pilar.ackerman@contoso.com", DAVID]


def test_msol_other_tenants_sku_is_refused(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Set-MsolUserLicense", UserPrincipalName=ALEX, AddLicenses=["fabrikam:MCOMEETADV"]),
        "Microsoft.Online.Administration.Automation.InvalidLicenseConfigurationException",
        ErrorCategory.OperationStopped,
        "Unable to assign this license.",
        "Set-MsolUserLicense",
    )


def test_msol_account_skus(door: Door) -> None:
    skus = {s.AccountSkuId: s for s in door("Get-MsolAccountSku")}
    assert (skus["contoso:MCOMEETADV"].ActiveUnits, skus["contoso:MCOMEETADV"].ConsumedUnits) == (10_000, 4)


def test_msol_filters(door: Door) -> None:
    assert [u.UserPrincipalName for u in door("Get-MsolUser", Department="Sales")] == [
        AMOS,
        "pilar.ackerman@contoso.com",
    ]


# --- the emails, delivered -----------------------------------------------------------------------


def test_licence_emails_reach_the_smtp_server(smtp_inbox: tuple[SmtpInbox, int], tmp_path: Path) -> None:
    inbox, port = smtp_inbox
    with cs.Tenant.open(tmp_path / "contoso.db", seed="demo", smtp=f"smtp://127.0.0.1:{port}") as tenant:
        tenant.invoke(f"Set-MgUserLicense -UserId {ALEX} -AddLicenses @{{SkuId = '{AUDIO}'}} -RemoveLicenses @()")
        tenant.invoke(f"Set-MsolUserLicense -UserPrincipalName {KEN} -RemoveLicenses contoso:MCOMEETADV")
    assert [(m["To"], m["Subject"]) for m in inbox.messages] == [
        ("Alex Darrow <alex.darrow@contoso.com>", "You're set up for audio conferencing"),
        ("Ken Myer <ken.myer@contoso.com>", "Audio conferencing is no longer available to you"),
    ]
    welcome = next(p for p in inbox.messages[0].walk() if p.get_content_type() == "text/plain")
    body = welcome.get_payload(decode=True)
    assert isinstance(body, bytes)  # a text part decodes to its bytes
    assert "Conference ID:" in body.decode() and "PIN:" in body.decode()


def test_a_disabled_plan_must_be_a_guid(tenant: cs.Tenant) -> None:
    assert_fails(
        tenant,
        lambda: tenant.set_mg_user_license(
            user_id=ALEX, add_licenses=[{"SkuId": E5, "DisabledPlans": ["MCOMEETADV"]}], remove_licenses=[]
        ),
        "Request_BadRequest",
        ErrorCategory.InvalidOperation,
        "Invalid value specified for property 'disabledPlans' of resource 'AssignedLicense': MCOMEETADV.",
        SET_MG,
    )


def test_msol_another_tenant_is_access_denied(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Get-MsolAccountSku", TenantId="11111111-2222-3333-4444-555555555555"),
        "Microsoft.Online.Administration.Automation.AccessDeniedException",
        ErrorCategory.OperationStopped,
        "Access Denied. You do not have permissions to call this cmdlet.",
        "Get-MsolAccountSku",
    )
    assert [u.UserPrincipalName for u in door("Get-MsolUser", UserPrincipalName=KEN, TenantId=str(TENANT_ID))] == [KEN]
