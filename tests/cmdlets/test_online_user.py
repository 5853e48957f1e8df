"""Get-CsOnlineUser (identity forms, OPATH -Filter, -ResultSize, -AccountType, the properties
scripts read) and Get-CsTenant, through both doors and on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ALEX, AMOS, DAVID, KEN, PILAR, TENANT_ID, Door, assert_fails, run_in_folder, user_of

import cscmdlets as cs
from cscmdlets.cmdlets.opath import FilterSyntaxError, compile_filter
from cscmdlets.powershell.errors import ErrorCategory
from cscmdlets.scripts.values import to_string

GET = "Get-CsOnlineUser"


def upns(door: Door, *positional: object, **params: object) -> list[str]:
    return [user.UserPrincipalName for user in door(GET, *positional, **params)]


@pytest.mark.parametrize(
    "identity",
    [
        pytest.param(KEN, id="upn"),
        pytest.param("sip:ken.myer@contoso.com", id="sip"),
        pytest.param("ken.myer", id="alias"),
        pytest.param("7825dcec-9ff2-5c67-9ccf-82841cc19e8a", id="object-id"),
    ],
)
def test_identity_forms(door: Door, identity: str) -> None:
    assert upns(door, identity) == [KEN]


def test_properties_scripts_read(door: Door) -> None:
    [ken] = door(GET, KEN)
    user = user_of(door.tenant, KEN)
    assert ken.Identity == user.object_id and ken.identity == user.object_id
    assert (ken.Alias, ken.DisplayName, ken.SipAddress) == ("ken.myer", "Ken Myer", "sip:ken.myer@contoso.com")
    assert (ken.Department, ken.UsageLocation, ken.AccountEnabled, ken.AccountType) == (
        "Engineering",
        "US",
        True,
        "User",
    )
    assert ken.FeatureTypes == ("AudioConferencing", "Teams")
    assert [plan.Capability for plan in ken.AssignedPlan] == ["MCOMEETADV", "TEAMS1", "MCOSTANDARD"]
    assert (ken.EnterpriseVoiceEnabled, ken.LineURI, ken.TeamsAudioConferencingPolicy) == (False, None, None)
    assert ken.TenantId == TENANT_ID
    assert ken.EffectivePolicyAssignments[0] == {
        "PolicyType": "TeamsAudioConferencingPolicy",
        "PolicyName": "Global",
        "AssignmentType": "Tenant",
    }


def test_unlicensed_user_has_no_audio_conferencing_feature(door: Door) -> None:
    [alex] = door(GET, ALEX)
    assert alex.FeatureTypes == ("Teams",)
    assert "MCOMEETADV" not in [plan.Capability for plan in alex.AssignedPlan]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Department -eq 'Sales'", [AMOS, PILAR], id="eq"),
        pytest.param("Department -ne 'Sales'", [KEN, ALEX, DAVID], id="ne-includes-null"),
        pytest.param("UserPrincipalName -like 'a*'", [AMOS, ALEX], id="like-trailing"),
        pytest.param("DisplayName -like '*er'", [KEN], id="like-leading"),
        pytest.param("FeatureTypes -contains 'AudioConferencing'", [AMOS, KEN, PILAR, DAVID], id="contains"),
        pytest.param("AssignedPlan -eq 'MCOMEETADV'", [AMOS, KEN, PILAR, DAVID], id="array-eq"),
        pytest.param("UsageLocation -eq 'RU' -or Department -eq 'Marketing'", [PILAR, ALEX], id="or"),
        pytest.param("Department -eq 'Sales' -and -not (UsageLocation -eq 'RU')", [AMOS], id="and-not-parentheses"),
        pytest.param("!(Department -like 'S*')", [KEN, ALEX, DAVID], id="bang"),
        pytest.param("AccountEnabled -eq $true -and Department -eq $null", [DAVID], id="constants"),
        pytest.param('{ Department -eq "Engineering" }', [KEN], id="script-block-text"),
        pytest.param("department -EQ 'sales'", [AMOS, PILAR], id="case-insensitive"),
        pytest.param("Department -ceq 'sales'", [], id="case-sensitive"),
    ],
)
def test_filter(door: Door, text: str, expected: list[str]) -> None:
    assert upns(door, Filter=text) == expected


def test_result_size_and_account_type(door: Door) -> None:
    assert upns(door, ResultSize=2) == [AMOS, KEN]
    assert upns(door, ResultSize=0) == []
    assert len(upns(door, AccountType="User")) == 5
    assert upns(door, AccountType="Guest") == []


def test_sort(door: Door) -> None:
    assert upns(door, Sort="DisplayName desc", ResultSize=2) == [PILAR, KEN]


def test_bad_filter_is_an_error_that_changes_nothing(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(GET, Filter="Department -eq"),
        "InvalidFilter",
        ErrorCategory.InvalidArgument,
        'The filter "Department -eq" is not valid: A value expected at the end of the filter.',
        GET,
    )


def test_unknown_property_in_filter(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(GET, Filter="Shoe -eq 'x'"),
        "InvalidFilter",
        ErrorCategory.InvalidArgument,
        "The filter \"Shoe -eq 'x'\" is not valid: 'Shoe' is not a filterable property.",
        GET,
    )


def test_unknown_identity(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(GET, "nobody@contoso.com"),
        "UserNotFound",
        ErrorCategory.ObjectNotFound,
        'Management object not found for identity "nobody@contoso.com".',
        GET,
    )


def test_filter_scales_with_the_demo_tenant() -> None:
    tenant = cs.Tenant.demo(users=35)
    found = tenant.get_cs_online_user(filter="Department -eq 'Finance' -and UsageLocation -eq 'GB'")
    # generated users take departments in turns of 5 and locations in turns of 7: index ≡ 3 (mod 5), ≡ 2 (mod 7)
    assert [u.UserPrincipalName for u in found] == ["user0000023@contoso.com"]


def test_compiled_filter_reads_plain_objects() -> None:
    predicate = compile_filter("Name -like 'a?c' -or Size -gt 10", {"name": lambda d: d["n"], "size": lambda d: d["s"]})
    assert [predicate({"n": n, "s": s}) for n, s in [("abc", 1), ("ab", 11), ("ab", 2)]] == [True, True, False]
    with pytest.raises(FilterSyntaxError, match="not a supported comparison operator"):
        compile_filter("Name -match 'x'", {"name": lambda d: d})


def test_get_cs_tenant(door: Door) -> None:
    [tenant] = door("Get-CsTenant")
    assert (tenant.TenantId, tenant.DisplayName, tenant.VerifiedDomains) == (TENANT_ID, "Contoso", ("contoso.com",))


def test_pipeline_into_grant(tenant: cs.Tenant) -> None:
    tenant.invoke(
        "Get-CsOnlineUser -Filter \"Department -eq 'Sales'\" | "
        "Grant-CsDialoutPolicy -PolicyName DialoutCPCandPSTNDomestic"
    )
    found = tenant.get_cs_online_user(filter="OnlineDialOutPolicy -eq 'DialoutCPCandPSTNDomestic'")
    assert [u.UserPrincipalName for u in found] == [AMOS, PILAR]


def test_properties_limits_what_is_returned(tenant: cs.Tenant) -> None:
    [ken] = tenant.invoke('Get-CsOnlineUser ken.myer -Properties "Department,LineURI"')
    assert (ken.UserPrincipalName, ken.Alias, ken.AccountEnabled, ken.DisplayName) == (
        KEN,
        "ken.myer",
        True,
        "Ken Myer",
    )
    assert (ken.Department, ken.UsageLocation, ken.FeatureTypes, ken.TenantId) == ("Engineering", None, None, None)


def test_soft_deleted_users_are_none(door: Door) -> None:
    assert door(GET, SoftDeletedUser=True) == []


def test_a_filter_script_block_is_not_linted_as_code() -> None:
    script = "Get-CsOnlineUser -Filter {Department -eq 'Sales'}\nGet-CsOnlineUser -Filter:{Alias -like 'a*'}\n"
    assert cs.check_script(script) == []
    assert [d.message for d in cs.check_script("Where-Object -FilterScript { Nope-Command }\n")] == [
        "cscmdlets run stops here: it does not emulate 'Nope-Command'."
    ]


#: Properties of MicrosoftTeams 6.x output a script may read (the reference's filterable list and
#: the attributes its notes add), each of which must exist on every user.
DOCUMENTED = [
    "AccountEnabled",
    "AccountType",
    "Alias",
    "AssignedPlan",
    "City",
    "Company",
    "Country",
    "CountryAbbreviation",
    "Department",
    "DisplayName",
    "EffectivePolicyAssignments",
    "EnterpriseVoiceEnabled",
    "ExternalAccessPolicy",
    "FeatureTypes",
    "GivenName",
    "HostingProvider",
    "Identity",
    "InterpretedUserType",
    "IsSipEnabled",
    "LastName",
    "LineURI",
    "OnPremEnterpriseVoiceEnabled",
    "OnPremHostingProvider",
    "OnPremLineURI",
    "OnPremSIPEnabled",
    "OnlineAudioConferencingRoutingPolicy",
    "OnlineDialOutPolicy",
    "OnlineVoiceRoutingPolicy",
    "OnlineVoicemailPolicy",
    "OwnerUrn",
    "PreferredDataLocation",
    "ProxyAddresses",
    "ShadowProxyAddresses",
    "SipAddress",
    "SipProxyAddress",
    "SoftDeletionTimestamp",
    "StateOrProvince",
    "Street",
    "TeamsAppPermissionPolicy",
    "TeamsAudioConferencingPolicy",
    "TeamsCallingPolicy",
    "TeamsChannelsPolicy",
    "TeamsMeetingPolicy",
    "TeamsUpgradeEffectiveMode",
    "TeamsUpgradePolicy",
    "TeamsVdiPolicy",
    "TenantDialPlan",
    "TenantId",
    "Title",
    "UsageLocation",
    "UserDirSyncEnabled",
    "UserPrincipalName",
    "UserValidationErrors",
    "WhenChanged",
    "WhenCreated",
]


def test_the_documented_properties_exist_with_directory_values(door: Door) -> None:
    [ken] = door(GET, KEN)
    assert set(DOCUMENTED) <= set(ken.to_ps())
    assert (ken.GivenName, ken.LastName, ken.SipProxyAddress) == ("Ken", "Myer", "sip:ken.myer@contoso.com")
    assert (ken.TeamsUpgradeEffectiveMode, ken.HostingProvider, ken.CountryAbbreviation) == (
        "TeamsOnly",
        "sipfed.online.lync.com",
        "US",
    )
    assert (ken.Country, ken.UsageLocation) == ("United States", "US")
    assert ken.ProxyAddresses == ("SMTP:ken.myer@contoso.com",)
    # nothing the emulated directory keeps: the documented $null
    assert (ken.City, ken.Company, ken.Title, ken.OnPremLineURI, ken.WhenCreated, ken.TeamsChannelsPolicy) == (
        None,
        None,
        None,
        None,
        None,
        None,
    )
    assert (ken.UserDirSyncEnabled, ken.OnPremSIPEnabled, ken.IsSipEnabled) == (False, False, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("GivenName -eq 'Ken'", [KEN], id="given-name"),
        pytest.param("Country -eq 'Russia' -and CountryAbbreviation -eq 'RU'", [PILAR], id="country"),
        pytest.param("LastName -like 'M*'", [AMOS, KEN], id="last-name"),
        pytest.param("ProxyAddresses -contains 'SMTP:pilar.ackerman@contoso.com'", [PILAR], id="proxy-contains"),
        pytest.param("HostingProvider -eq 'sipfed.online.lync.com' -and City -eq $null", [AMOS], id="hosting"),
        pytest.param("TeamsUpgradePolicy -eq $null -and TeamsChannelsPolicy -ne $null", [], id="unmodelled-policy"),
        pytest.param("WhenChanged -gt '1/25/2022 11:59:59 PM'", [], id="when-changed-unknown"),
    ],
)
def test_filter_on_the_directory_properties(door: Door, text: str, expected: list[str]) -> None:
    assert upns(door, Filter=text)[: 1 if "HostingProvider" in text else None] == expected


def test_assigned_plan_entries_show_their_capability(tmp_path: Path) -> None:
    """An entry is an object with the documented fields; a list shows each by its Capability."""
    result = run_in_folder(
        "$ken = Get-CsOnlineUser ken.myer\n"
        "$ken | Format-List AssignedPlan, FeatureTypes, ProxyAddresses\n"
        "$ken.AssignedPlan[1] | Format-List Capability, CapabilityStatus, IsInGracePeriod, ServicePlanId\n"
        "\"$($ken.AssignedPlan.Capability -join ',')\"\n",
        tmp_path,
    )
    text = "\n".join(to_string(value) for value in result.output)
    assert "AssignedPlan   : {MCOMEETADV, TEAMS1, MCOSTANDARD}" in text
    assert "ProxyAddresses : {SMTP:ken.myer@contoso.com}" in text
    assert "Capability       : TEAMS1\nCapabilityStatus : Enabled\nIsInGracePeriod  : False" in text
    assert "System.Object" not in text
    assert text.endswith("MCOMEETADV,TEAMS1,MCOSTANDARD")


def test_a_strict_report_reads_the_properties_and_exports_them(tmp_path: Path) -> None:
    """Under Set-StrictMode -Version Latest every property of production output reads (a value
    or $null); a property production dropped (ObjectId, 3.0.0) fails as it does there."""
    names = ", ".join(DOCUMENTED)
    result = run_in_folder(
        "Set-StrictMode -Version Latest\n"
        "$users = Get-CsOnlineUser -Filter \"Department -eq 'Sales'\"\n"
        f"foreach ($name in '{names}'.Split(', ', [System.StringSplitOptions]::RemoveEmptyEntries)) {{\n"
        "    $null = $users[0].$name\n"
        "}\n"
        "$users | Select-Object DisplayName, GivenName, LastName, City, TeamsUpgradeEffectiveMode |\n"
        "    Export-Csv -Path report.csv -NoTypeInformation\n"
        "'read'\n"
        "$users[0].ObjectId\n",
        tmp_path,
    )
    assert [to_string(value) for value in result.output] == ["read"]
    assert [record.error_id for record in result.errors] == ["PropertyNotFoundStrict"]
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").splitlines()[:2] == [
        '"DisplayName","GivenName","LastName","City","TeamsUpgradeEffectiveMode"',
        '"Amos Marble","Amos","Marble",,"TeamsOnly"',
    ]
