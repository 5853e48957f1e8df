"""Get-/Set-CsOnlineVoicemailUserSettings (defaults, partial changes, the rules on the call answer
rule, language and transfer target, -WhatIf, audit, both stores) and Get-CsOnlineLisLocation's
empty answer, through both doors and a script."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AMOS, KEN, PILAR, Door, assert_fails, run_in_folder, snapshot

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory
from cscmdlets.scripts.values import to_string

GET, SET = "Get-CsOnlineVoicemailUserSettings", "Set-CsOnlineVoicemailUserSettings"


def test_a_user_who_changed_nothing_has_the_defaults(door: Door) -> None:
    [settings] = door(GET, f"sip:{KEN}")
    assert settings.to_ps() == {
        "CallAnswerRule": "RegularVoicemail",
        "DefaultGreetingPromptOverwrite": None,
        "DefaultOofGreetingPromptOverwrite": None,
        "OofGreetingEnabled": False,
        "OofGreetingFollowAutomaticRepliesEnabled": False,
        "OofGreetingFollowCalendarEnabled": False,
        "PromptLanguage": "en-US",
        "ShareData": False,
        "TransferTarget": None,
        "VoicemailEnabled": True,
    }


def test_set_changes_only_what_it_is_given_and_returns_the_settings(door: Door) -> None:
    [after] = door(SET, Identity=KEN, PromptLanguage="fr-fr", OofGreetingFollowCalendarEnabled=True)
    assert (after.PromptLanguage, after.OofGreetingFollowCalendarEnabled, after.VoicemailEnabled) == (
        "fr-FR",
        True,
        True,
    )
    [after] = door(SET, Identity=KEN, CallAnswerRule="PromptOnlyWithTransfer", TransferTarget=f"sip:{AMOS}")
    assert (after.CallAnswerRule, after.TransferTarget, after.PromptLanguage) == (
        "PromptOnlyWithTransfer",
        f"sip:{AMOS}",
        "fr-FR",
    )
    [kept] = door(GET, KEN)
    assert kept == after
    [other] = door(GET, PILAR)
    assert other.CallAnswerRule == "RegularVoicemail"


def test_a_number_transfer_target_needs_a_voice_user(tenant: cs.Tenant) -> None:
    call = f"{SET} -Identity {KEN} -CallAnswerRule VoicemailWithTransferOption -TransferTarget '+14255551234'"
    assert_fails(
        tenant,
        lambda: tenant.invoke(call),
        "InvalidTransferTarget",
        ErrorCategory.InvalidArgument,
        'The transfer target "+14255551234" is not valid: use the SIP URI of another user of the organization, '
        "or a telephone number for a user enabled for Enterprise Voice.",
        SET,
    )
    tenant.invoke(f"Set-CsPhoneNumberAssignment -Identity {KEN} -PhoneNumber +14255550123 -PhoneNumberType CallingPlan")
    [after] = tenant.invoke(call)
    assert (after.CallAnswerRule, after.TransferTarget) == ("VoicemailWithTransferOption", "+14255551234")


@pytest.mark.parametrize(
    ("arguments", "error_id", "message"),
    [
        pytest.param(
            "-CallAnswerRule Ring",
            "InvalidSettingValue",
            'The value "Ring" is not valid for CallAnswerRule. Valid values are: DeclineCall, PromptOnly, '
            "PromptOnlyWithTransfer, RegularVoicemail, VoicemailWithTransferOption.",
            id="rule",
        ),
        pytest.param(
            "-CallAnswerRule PromptOnlyWithTransfer",
            "TransferTargetRequired",
            "The call answer rule PromptOnlyWithTransfer needs a TransferTarget.",
            id="transfer-without-target",
        ),
        pytest.param(
            "-TransferTarget sip:nobody@contoso.com",
            "InvalidTransferTarget",
            'The transfer target "sip:nobody@contoso.com" is not valid: use the SIP URI of another user of the '
            "organization, or a telephone number for a user enabled for Enterprise Voice.",
            id="unknown-target",
        ),
        pytest.param(
            f"-TransferTarget sip:{KEN}",
            "InvalidTransferTarget",
            f'The transfer target "sip:{KEN}" is not valid: use the SIP URI of another user of the '
            "organization, or a telephone number for a user enabled for Enterprise Voice.",
            id="self",
        ),
    ],
)
def test_set_errors_change_nothing(tenant: cs.Tenant, arguments: str, error_id: str, message: str) -> None:
    assert_fails(
        tenant,
        lambda: tenant.invoke(f"{SET} -Identity {KEN} -VoicemailEnabled $false {arguments}"),
        error_id,
        ErrorCategory.InvalidArgument,
        message,
        SET,
    )


def test_an_unknown_language_is_refused_and_changes_nothing(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(f"{SET} -Identity {KEN} -PromptLanguage xx-XX")
    assert snapshot(tenant) == before
    assert (raised.value.error_id, raised.value.category) == ("InvalidSettingValue", ErrorCategory.InvalidArgument)
    assert str(raised.value).startswith('The value "xx-XX" is not valid for PromptLanguage. Valid values are: ar-EG,')


def test_what_if_changes_nothing_and_a_change_is_audited(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    assert tenant.invoke(f"{SET} -Identity {KEN} -VoicemailEnabled $false -WhatIf") == []
    assert snapshot(tenant) == before
    tenant.invoke(f"{SET} -Identity {KEN} -VoicemailEnabled $false")
    [entry] = tenant.store.audit_entries()[-1:]
    assert (entry.command, entry.target) == (SET, KEN)
    assert entry.before is not None and entry.after is not None
    assert (entry.before["VoicemailEnabled"], entry.after["VoicemailEnabled"]) == (True, False)


def test_lis_location_answers_an_empty_tenant(door: Door) -> None:
    assert door("Get-CsOnlineLisLocation") == []
    assert door("Get-CsOnlineLisLocation", City="Seattle", ResultSize=25, ValidationStatus="Validated") == []
    assert door("Get-CsOnlineLisLocation", Location="3rd Floor Cafe") == []


def test_a_voicemail_report_script_runs_to_its_end(tmp_path: Path) -> None:
    """The shape of public voicemail scripts: set a rule for the users of a department, then
    report every user's settings; then look up an emergency location, which the tenant lacks."""
    result = run_in_folder(
        "Set-StrictMode -Version Latest\n"
        "$sales = Get-CsOnlineUser -Filter \"Department -eq 'Sales'\"\n"
        "foreach ($user in $sales) {\n"
        "    Set-CsOnlineVoicemailUserSettings -Identity $user.SipAddress -OofGreetingEnabled $true | Out-Null\n"
        "}\n"
        "Get-CsOnlineUser | ForEach-Object {\n"
        "    $vm = Get-CsOnlineVoicemailUserSettings -Identity $_.Identity\n"
        "    '{0};{1};{2}' -f $_.Alias, $vm.CallAnswerRule, $vm.OofGreetingEnabled\n"
        "}\n"
        "if (-not (Get-CsOnlineLisLocation -Location 'Head office')) { 'no location' }\n",
        tmp_path,
    )
    assert result.errors == []
    assert [to_string(v) for v in result.output] == [
        "amos.marble;RegularVoicemail;True",
        "ken.myer;RegularVoicemail;False",
        "pilar.ackerman;RegularVoicemail;True",
        "alex.darrow;RegularVoicemail;False",
        "david.longmuir;RegularVoicemail;False",
        "no location",
    ]
