"""Get-MgOrganization, Get-MgGroup and Get-MgGroupMember: the organization's name and domains, the
directory's groups with stable IDs (the IDs Get-CsUserPolicyAssignment's PolicySource names) and
their members."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from helpers import AMOS, Door, assert_fails, run_in_folder

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory


def test_organization(door: Door) -> None:
    [org] = door("Get-MgOrganization")
    assert org.DisplayName == "Contoso"
    assert uuid.UUID(org.Id) == door.tenant.get_cs_tenant()[0].TenantId
    assert [d.Name for d in org.VerifiedDomains if d.IsDefault] == ["contoso.com"]
    assert door("Get-MgOrganization", OrganizationId=org.Id)[0].Id == org.Id


def test_groups_have_stable_ids_and_filter(door: Door) -> None:
    groups = door("Get-MgGroup")
    assert [g.DisplayName for g in groups] == ["Sales", "Engineering", "Marketing"]
    assert all(uuid.UUID(g.Id) for g in groups)
    [sales] = door("Get-MgGroup", Filter="DisplayName eq 'Sales'")
    assert door("Get-MgGroup", GroupId=sales.Id)[0].DisplayName == "Sales"
    assert door("Get-MgGroup", GroupId=sales.Id)[0].Id == door("Get-MgGroup", Filter="DisplayName eq 'Sales'")[0].Id


def test_a_group_is_found_by_id_only(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Get-MgGroup", GroupId="Sales"),
        "Request_ResourceNotFound",
        ErrorCategory.ObjectNotFound,
        "Resource 'Sales' does not exist or one of its queried reference-property objects are not present.",
        "Get-MgGroup",
    )


def test_group_members_are_directory_objects_with_the_users_in_additional_properties(door: Door) -> None:
    """Get-MgGroupMember (microsoft.graph.directoryObject): a member's ID, and Graph's default
    user properties under AdditionalProperties, where scripts read its userPrincipalName."""
    [sales] = door("Get-MgGroup", Filter="DisplayName eq 'Sales'")
    members = door("Get-MgGroupMember", GroupId=sales.Id, All=True)
    assert [m.AdditionalProperties["userPrincipalName"] for m in members] == [AMOS, "pilar.ackerman@contoso.com"]
    assert members[0].Id == door("Get-MgUser", UserId=AMOS)[0].Id
    assert members[0].AdditionalProperties["@odata.type"] == "#microsoft.graph.user"
    assert len(door("Get-MgGroupMember", GroupId=sales.Id, Top=1)) == 1
    assert_fails(
        door.tenant,
        lambda: door("Get-MgGroupMember", GroupId="Sales"),
        "Request_ResourceNotFound",
        ErrorCategory.ObjectNotFound,
        "Resource 'Sales' does not exist or one of its queried reference-property objects are not present.",
        "Get-MgGroupMember",
    )


def test_a_script_licenses_a_group_s_members(tenant: cs.Tenant) -> None:
    """The usual script: the group's members by UPN, from AdditionalProperties, one call each."""
    result = tenant.run_script(
        "$group = Get-MgGroup -Filter \"DisplayName eq 'Engineering'\"\n"
        "foreach ($member in Get-MgGroupMember -GroupId $group.Id -All) {\n"
        "    $upn = $member.AdditionalProperties.userPrincipalName\n"
        "    (Get-MgUser -UserId $upn).DisplayName\n"
        "}"
    )
    assert (result.errors, result.output) == ([], ["Ken Myer"])


def test_policy_source_names_the_group_by_id(tenant: cs.Tenant) -> None:
    [sales] = tenant.get_mg_group(filter="DisplayName eq 'Sales'")
    tenant.invoke(f"Grant-CsTeamsMeetingPolicy -Group {sales.Id} -PolicyName AllOn")  # a group by its ID, too
    [entry] = tenant.get_cs_user_policy_assignment(identity=AMOS, policy_type="TeamsMeetingPolicy")
    [source] = entry.PolicySource
    assert (source.AssignmentType, source.Reference) == ("Group", sales.Id)
    assert tenant.get_mg_group(group_id=source.Reference)[0].DisplayName == "Sales"


@pytest.mark.parametrize("upn", [AMOS])
def test_online_user_is_a_teams_only_cloud_user(tenant: cs.Tenant, upn: str) -> None:
    assert tenant.get_cs_online_user(upn)[0].InterpretedUserType == "PureOnlineTeamsOnlyUser"


@pytest.mark.parametrize(
    ("line", "parameter", "command"),
    [
        ("Get-MgUser -UserId ken.myer@contoso.com -ExpandProperty manager", "ExpandProperty", "Get-MgUser"),
        ("Get-MgGroup -Search '\"displayName:sa\"' -ConsistencyLevel eventual", "Search", "Get-MgGroup"),
        ("Get-MgGroupMember -GroupId x -Filter \"id eq 'x'\"", "Filter", "Get-MgGroupMember"),
    ],
)
def test_a_real_graph_parameter_not_modelled_stops_the_run(
    tmp_path: Path, line: str, parameter: str, command: str
) -> None:
    """A parameter the Graph reference page has and the emulator does not model stops the run,
    naming it: NamedParameterNotFound would be a failure production never gives."""
    result = run_in_folder(f"try {{ {line} }} catch {{ 'caught' }}\n'not reached'", tmp_path)
    assert result.output == [] and result.stop is not None
    assert result.stop.message.startswith(f"cscmdlets does not emulate the parameter -{parameter} of {command} ")
