"""TeamsAudioConferencingPolicy (Get/Set/New/Remove/Grant to a user, a group, the tenant) and
the numbers it puts into the service's emails; Get-CsOnlineDialinConferencingPolicy;
Get-CsOnlineDialOutPolicy and Grant-CsDialoutPolicy."""

from __future__ import annotations

import email

import pytest
from helpers import ALEX, AMOS, KEN, PILAR, Door, assert_fails, snapshot, user_of

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory

GET, SET, NEW = (
    "Get-CsTeamsAudioConferencingPolicy",
    "Set-CsTeamsAudioConferencingPolicy",
    "New-CsTeamsAudioConferencingPolicy",
)
REMOVE, GRANT = "Remove-CsTeamsAudioConferencingPolicy", "Grant-CsTeamsAudioConferencingPolicy"


def last_email_text(tenant: cs.Tenant) -> str:
    with tenant.store.transaction():
        raw = tenant.store.outbox()[-1].raw
    part = next(p for p in email.message_from_bytes(raw).walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)  # a text part decodes to its bytes
    return payload.decode()


def effective(tenant: cs.Tenant, upn: str) -> tuple[str, str]:
    [user] = tenant.get_cs_online_user(upn)
    entry = user.EffectivePolicyAssignments[0]
    return entry["PolicyName"], entry["AssignmentType"]


def test_built_in_policies(door: Door) -> None:
    assert [(p.Identity, p.AllowTollFreeDialin, p.MeetingInvitePhoneNumbers) for p in door(GET)] == [
        ("Global", True, ()),
        ("Tag:AllowTollFreeDialinFalse", False, ()),
    ]
    assert [p.Identity for p in door(GET, Filter="Tag:*")] == ["Tag:AllowTollFreeDialinFalse"]


def test_new_set_grant_remove(door: Door) -> None:
    [made] = door(NEW, "EMEA Users", AllowTollFreeDialin=False)
    assert made.Identity == "Tag:EMEA Users"
    door(SET, "Tag:EMEA Users", MeetingInvitePhoneNumbers=["+442035550100", "+448005550100"])
    [got] = door(GET, "EMEA Users")
    assert got.MeetingInvitePhoneNumbers == ("+442035550100", "+448005550100")
    door(GRANT, KEN, "EMEA Users")
    assert door("Get-CsOnlineUser", KEN)[0].TeamsAudioConferencingPolicy == "EMEA Users"
    assert effective(door.tenant, KEN) == ("EMEA Users", "Direct")
    assert_fails(
        door.tenant,
        lambda: door(REMOVE, "EMEA Users"),
        "PolicyInUse",
        ErrorCategory.InvalidOperation,
        'The policy "Tag:EMEA Users" is assigned to 1 user(s). Assign those users another policy before removing it.',
        REMOVE,
    )
    door(GRANT, KEN, None)
    door(REMOVE, "EMEA Users")
    assert [p.Identity for p in door(GET)] == ["Global", "Tag:AllowTollFreeDialinFalse"]


def test_set_without_identity_changes_global_and_remove_resets_it(door: Door) -> None:
    door(SET, AllowTollFreeDialin=False)
    assert door(GET, "Global")[0].AllowTollFreeDialin is False
    door(REMOVE, "Global")
    assert door(GET, "Global")[0].AllowTollFreeDialin is True


def test_invite_numbers_must_be_the_tenants(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, "Global", MeetingInvitePhoneNumbers=["+15555550123"]),
        "ServiceNumberNotFound",
        ErrorCategory.ObjectNotFound,
        'The service number "+15555550123" is not registered in this tenant.',
        SET,
    )


def test_numbers_too_long_for_python_are_still_powershell_errors(tenant: cs.Tenant) -> None:
    """A 5,000-digit number from Python is past its int-to-text limit: bad input, never a crash."""
    huge = 10**5000
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as info:
        tenant.Set_CsTeamsAudioConferencingPolicy("Global", MeetingInvitePhoneNumbers=huge)
    assert info.value.fully_qualified_error_id.startswith("InvalidServiceNumber,")
    with pytest.raises(cs.PowerShellError) as info:
        tenant.Set_CsTeamsAudioConferencingPolicy(Instance=[huge])
    assert 'Cannot convert the "System.Object[]" value of type "System.Object[]"' in str(info.value)
    assert snapshot(tenant) == before


@pytest.mark.parametrize(
    ("call", "error_id", "category", "message"),
    [
        pytest.param(
            (GRANT, KEN, "Nope"),
            "ClientError",
            ErrorCategory.InvalidOperation,
            '[ClientError] : "Nope" not found',
            id="grant-unknown",
        ),
        pytest.param(
            (NEW, "AllowTollFreeDialinFalse"),
            "PolicyAlreadyExists",
            ErrorCategory.ResourceExists,
            'A policy "Tag:AllowTollFreeDialinFalse" of type "TeamsAudioConferencingPolicy" already exists.',
            id="new-existing",
        ),
        pytest.param(
            (NEW, "bad/name"),
            "InvalidPolicyName",
            ErrorCategory.InvalidArgument,
            'The policy name "bad/name" is not valid: use at most 64 letters, digits, spaces, "-" and "_".',
            id="new-bad-name",
        ),
    ],
)
def test_policy_errors(door: Door, call: tuple[str, ...], error_id: str, category: ErrorCategory, message: str) -> None:
    command, *arguments = call
    assert_fails(door.tenant, lambda: door(command, *arguments), error_id, category, message, command)


def test_group_and_tenant_precedence(tenant: cs.Tenant) -> None:
    tenant.invoke(f"{NEW} -Identity SalesNumbers -MeetingInvitePhoneNumbers '+12065550100'")
    tenant.invoke(f"{GRANT} -Group Sales -PolicyName SalesNumbers")
    tenant.grant_cs_teams_audio_conferencing_policy(policy_name="AllowTollFreeDialinFalse", global_=True)
    tenant.invoke(f"{GRANT} -Identity {AMOS} -PolicyName AllowTollFreeDialinFalse")
    assert effective(tenant, AMOS) == ("AllowTollFreeDialinFalse", "Direct")
    assert effective(tenant, PILAR) == ("SalesNumbers", "Group")
    assert effective(tenant, KEN) == ("AllowTollFreeDialinFalse", "Tenant")
    with pytest.raises(cs.PowerShellError, match='The group "Nobody" was not found'):
        tenant.invoke(f"{GRANT} -Group Nobody -PolicyName SalesNumbers")


def test_policy_decides_the_numbers_in_the_email(tenant: cs.Tenant) -> None:
    tenant.invoke(f"{GRANT} -Identity {AMOS} -PolicyName AllowTollFreeDialinFalse")
    tenant.set_cs_online_dial_in_conferencing_user(AMOS, send_email=True)
    text = last_email_text(tenant)
    assert "Dial-in number: +1 425-555-0100" in text and "toll-free" not in text.lower()
    tenant.invoke(f"{NEW} -Identity London -MeetingInvitePhoneNumbers '+442035550100','+448005550100'")
    tenant.invoke(f"{GRANT} {KEN} London")
    tenant.set_cs_online_dial_in_conferencing_user(KEN, send_email=True)
    text = last_email_text(tenant)
    assert "Dial-in number: +44 20 3555 0100 (London)" in text
    assert "Toll-free number: +44 800 555 0100" in text and "425" not in text


def test_licence_email_follows_the_policy(tenant: cs.Tenant) -> None:
    tenant.invoke(f"{GRANT} -Identity {ALEX} -PolicyName AllowTollFreeDialinFalse")
    tenant.assign_license(ALEX)
    assert "toll-free" not in last_email_text(tenant).lower()


def test_what_if_grants_nothing(tenant: cs.Tenant) -> None:
    tenant.invoke(f"{GRANT} -Identity {KEN} -PolicyName AllowTollFreeDialinFalse -WhatIf")
    assert user_of(tenant, KEN).teams_audio_conferencing_policy is None


def test_dialin_conferencing_policy(door: Door) -> None:
    assert [p.Identity for p in door("Get-CsOnlineDialinConferencingPolicy")] == ["Global"]
    with pytest.raises(cs.PowerShellError, match="does not exist"):
        door("Get-CsOnlineDialinConferencingPolicy", "Tag:Other")


def test_dial_out_policies(door: Door) -> None:
    every = door("Get-CsOnlineDialOutPolicy")
    assert len(every) == 13 and every[0].Identity == "Global"
    [one] = door("Get-CsOnlineDialOutPolicy", "DialoutCPCDomesticPSTNDisabled")
    assert (one.AllowPSTNConferencingDialOutType, one.AllowPSTNOutboundCallsType) == ("Domestic", "Disabled")
    assert len(door("Get-CsOnlineDialOutPolicy", Filter="tag:*")) == 12
    door("Grant-CsDialoutPolicy", KEN, "DialoutCPCZoneAPSTNDomestic")
    assert door("Get-CsOnlineUser", KEN)[0].OnlineDialOutPolicy == "DialoutCPCZoneAPSTNDomestic"
    assert_fails(
        door.tenant,
        lambda: door("Grant-CsDialoutPolicy", KEN, "Whatever"),
        "ClientError",
        ErrorCategory.InvalidOperation,
        '[ClientError] : "Whatever" not found',
        "Grant-CsDialoutPolicy",
    )


def test_dial_out_has_no_group_assignment(tenant: cs.Tenant) -> None:
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke("Grant-CsDialoutPolicy -Group Sales -PolicyName DialoutCPCandPSTNDomestic")
    assert raised.value.error_id == "NamedParameterNotFound"


def test_policies_survive_reopening(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "t.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        tenant.invoke(f"{NEW} -Identity Kept -AllowTollFreeDialin $false")
        tenant.invoke(f"{GRANT} -Group Sales -PolicyName Kept")
    with cs.Tenant.open(path) as reopened:
        assert effective(reopened, AMOS) == ("Kept", "Group")


def test_set_by_instance(tenant: cs.Tenant) -> None:
    result = tenant.run_script(
        f"""
        $policy = {GET} -Identity Global
        $policy.AllowTollFreeDialin = $false
        {SET} -Instance $policy
        """
    )
    assert result.errors == []
    assert tenant.get_cs_teams_audio_conferencing_policy("Global")[0].AllowTollFreeDialin is False


def test_granting_an_unknown_policy_changes_nothing_even_under_what_if(tenant: cs.Tenant) -> None:
    """The name is checked before anything is planned: a dry run reports the same client error the
    run meets, writes no What-if line, and neither changes the user."""
    before = snapshot(tenant)
    for what_if in ("", " -WhatIf"):
        result = tenant.run_script(
            f"Grant-CsTeamsAudioConferencingPolicy -PolicyName NoSuch -Identity {KEN}{what_if}\n'next'"
        )
        assert [r.fully_qualified_error_id for r in result.errors] == [
            "ClientError,Microsoft.Teams.ConfigAPI.Cmdlets.GrantCsTeamsAudioConferencingPolicy"
        ]
        assert (result.output, result.host) == (["next"], [])
    assert snapshot(tenant) == before
