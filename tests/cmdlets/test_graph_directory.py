"""Get-MgOrganization and Get-MgGroup: the organization's name and domains, and the directory's
groups with stable IDs (the IDs Get-CsUserPolicyAssignment's PolicySource names)."""

from __future__ import annotations

import uuid

import pytest
from helpers import AMOS, Door, assert_fails

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
