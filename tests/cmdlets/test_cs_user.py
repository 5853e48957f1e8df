"""Set-CsUser: Enterprise Voice and the user's number, the deprecated way older scripts set them."""

from __future__ import annotations

import pytest
from helpers import AMOS, KEN, Door, assert_fails, snapshot

import cscmdlets as cs
from cscmdlets.functions import CmdletWarning
from cscmdlets.powershell.errors import ErrorCategory

DEPRECATION = "is deprecated for Microsoft Teams users: use Set-CsPhoneNumberAssignment."


def test_enterprise_voice_and_number(door: Door) -> None:
    with pytest.warns(CmdletWarning, match="deprecated"):
        door("Set-CsUser", KEN, EnterpriseVoiceEnabled=True, HostedVoiceMail=True, OnPremLineURI="tel:+14255551297")
    [user] = door("Get-CsOnlineUser", KEN)
    assert (user.EnterpriseVoiceEnabled, user.LineURI) == (True, "tel:+14255551297")
    [entry] = [e for e in door.tenant.audit() if e.command == "Set-CsUser"]
    assert entry.target == KEN


def test_warns_that_the_parameters_are_deprecated(tenant: cs.Tenant) -> None:
    result = tenant.run_script(f"Set-CsUser -Identity {KEN} -EnterpriseVoiceEnabled $true -LineURI tel:+14255551297")
    assert result.warnings == [f"Set-CsUser -EnterpriseVoiceEnabled, -LineURI {DEPRECATION}"]


def test_what_if_changes_nothing(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    result = tenant.run_script(f"Set-CsUser {KEN} -EnterpriseVoiceEnabled $true -WhatIf")
    assert result.errors == [] and snapshot(tenant) == before


def test_pass_thru_writes_the_user(tenant: cs.Tenant) -> None:
    with pytest.warns(CmdletWarning, match="deprecated"):
        [user] = tenant.invoke(f"Set-CsUser {KEN} -EnterpriseVoiceEnabled $false -PassThru")
    assert (user.UserPrincipalName, user.EnterpriseVoiceEnabled) == (KEN, False)


@pytest.mark.parametrize(
    ("line_uri", "error_id"),
    [pytest.param("tel:+14255550100", "TelephoneNumberNotUserAssignable", id="service-number")],
)
def test_a_conferencing_number_is_not_a_users(tenant: cs.Tenant, line_uri: str, error_id: str) -> None:
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(f"Set-CsUser {AMOS} -LineURI {line_uri}")
    assert raised.value.error_id == error_id
    assert snapshot(tenant) == before


def test_unknown_user(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Set-CsUser", "nobody@contoso.com", PassThru=True),
        "UserNotFound",
        ErrorCategory.ObjectNotFound,
        'Management object not found for identity "nobody@contoso.com".',
        "Set-CsUser",
    )
