"""Policy packages: Get-CsPolicyPackage lists them, Grant-CsUserPolicyPackage creates a package's
policies (named as the package) and assigns them, Get-CsUserPolicyPackage shows a user's package;
errors change nothing, -WhatIf changes nothing, the assignment survives reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AMOS, KEN, PILAR, Door, assert_fails, snapshot

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory

PACKAGE_TYPES = ["TeamsMessagingPolicy", "TeamsMeetingPolicy", "TeamsCallingPolicy", "TeamsMeetingBroadcastPolicy"]


def test_the_packages(door: Door) -> None:
    names = [p.Name for p in door("Get-CsPolicyPackage")]
    assert names[:4] == [
        "Education_HigherEducationStudent",
        "Education_PrimaryStudent",
        "Education_SecondaryStudent",
        "Education_Teacher",
    ]
    assert "PublicSafety_Officer" in names
    [one] = door("Get-CsPolicyPackage", "education_primarystudent")
    assert one.Name == "Education_PrimaryStudent"
    assert list(one.Policies) == PACKAGE_TYPES


def test_grant_creates_the_policies_and_assigns_them(door: Door) -> None:
    door("Grant-CsUserPolicyPackage", [AMOS, KEN], "Education_Teacher")
    for upn in (AMOS, KEN):
        [user] = door("Get-CsOnlineUser", upn)
        assert [getattr(user, policy_type) for policy_type in PACKAGE_TYPES] == ["Education_Teacher"] * 4
        [package] = door("Get-CsUserPolicyPackage", upn)
        assert package.Name == "Education_Teacher"
    [meeting] = door("Get-CsTeamsMeetingPolicy", "Education_Teacher")
    assert (meeting.Identity, meeting.Description) == (
        "Tag:Education_Teacher",
        "This is an Education_Teacher policy package",
    )
    assert door("Get-CsUserPolicyPackage", PILAR) == []
    entries = [e for e in door.tenant.audit() if e.command == "Grant-CsUserPolicyPackage"]
    assert [e.target for e in entries][-2:] == [AMOS, KEN]


def test_a_customised_package_policy_is_kept_and_a_deleted_one_comes_back(tenant: cs.Tenant) -> None:
    tenant.invoke(f"Grant-CsUserPolicyPackage -Identity {AMOS} -PackageName Frontline_Worker")
    tenant.invoke("Set-CsTeamsMessagingPolicy -Identity Frontline_Worker -AllowGiphy $false")
    tenant.invoke(f"Grant-CsTeamsCallingPolicy -Identity {AMOS} -PolicyName $null")
    tenant.invoke("Remove-CsTeamsCallingPolicy -Identity Frontline_Worker")
    tenant.invoke(f"Grant-CsUserPolicyPackage {KEN} Frontline_Worker")
    assert tenant.invoke("Get-CsTeamsMessagingPolicy -Identity Frontline_Worker")[0].AllowGiphy is False
    assert tenant.invoke("Get-CsTeamsCallingPolicy -Identity Frontline_Worker")[0].Identity == "Tag:Frontline_Worker"


@pytest.mark.parametrize(
    ("command", "error_id", "category", "message"),
    [
        pytest.param(
            f"Grant-CsUserPolicyPackage -Identity {KEN} -PackageName Nope",
            "PolicyPackageNotFound",
            ErrorCategory.ObjectNotFound,
            'The policy package "Nope" was not found. Get-CsPolicyPackage lists the packages.',
            id="unknown-package",
        ),
        pytest.param(
            f"Grant-CsUserPolicyPackage -Identity {KEN},nobody@contoso.com -PackageName Education_Teacher",
            "UserNotFound",
            ErrorCategory.ObjectNotFound,
            None,
            id="one-unknown-user-changes-no-one",
        ),
        pytest.param(
            "Grant-CsUserPolicyPackage -Identity (1..21 | ForEach-Object { 'u' + $_ }) -PackageName Education_Teacher",
            "TooManyUsers",
            ErrorCategory.InvalidArgument,
            "A policy package can be applied to at most 20 users at a time (21 given); "
            "use New-CsBatchPolicyPackageAssignmentOperation for more.",
            id="more-than-twenty",
        ),
        pytest.param(
            "Get-CsPolicyPackage -Identity Nope",
            "PolicyPackageNotFound",
            ErrorCategory.ObjectNotFound,
            None,
            id="get-unknown",
        ),
        pytest.param(
            "Get-CsUserPolicyPackage -Identity nobody@contoso.com",
            "UserNotFound",
            ErrorCategory.ObjectNotFound,
            None,
            id="user-unknown",
        ),
    ],
)
def test_errors_change_nothing(
    tenant: cs.Tenant, command: str, error_id: str, category: ErrorCategory, message: str | None
) -> None:
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(command)
    assert (raised.value.error_id, raised.value.category) == (error_id, category)
    if message is not None:
        assert raised.value.message == message
    assert snapshot(tenant) == before


def test_the_fqeid_names_the_cmdlet(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Grant-CsUserPolicyPackage", KEN, "Nope"),
        "PolicyPackageNotFound",
        ErrorCategory.ObjectNotFound,
        'The policy package "Nope" was not found. Get-CsPolicyPackage lists the packages.',
        "Grant-CsUserPolicyPackage",
    )


def test_what_if_changes_nothing(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    result = tenant.run_script(
        f"Grant-CsUserPolicyPackage -Identity {AMOS},{KEN} -PackageName Education_Teacher -WhatIf"
    )
    assert result.errors == []
    assert result.host == [f'What if: Performing the operation "Apply Education_Teacher" on target "{AMOS}, {KEN}".']
    assert snapshot(tenant) == before


def test_the_package_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        tenant.invoke(f"Grant-CsUserPolicyPackage -Identity {KEN} -PackageName Healthcare_ClinicalWorker")
    with cs.Tenant.open(path) as reopened:
        assert reopened.invoke(f"Get-CsUserPolicyPackage {KEN}")[0].Name == "Healthcare_ClinicalWorker"
        assert reopened.get_cs_online_user(KEN)[0].TeamsMeetingPolicy == "Healthcare_ClinicalWorker"
