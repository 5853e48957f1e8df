"""Get-/Set-/Remove-CsOnlineDialInConferencingTenantSettings and the tenant configuration
(their reference pages on learn.microsoft.com)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import KEN, Door, assert_fails, fixed_clock, snapshot

import cscmdlets as cs
from cscmdlets.model.tenant import SETTINGS_TYPE
from cscmdlets.powershell.errors import ErrorCategory


@pytest.fixture
def tenant(store: Any) -> cs.Tenant:
    """Today's module: the four dial-out settings came with the Teams module."""
    return cs.Tenant.demo(store=store, clock=fixed_clock(), module="MicrosoftTeams")


GET = "Get-CsOnlineDialInConferencingTenantSettings"
SET = "Set-CsOnlineDialInConferencingTenantSettings"
REMOVE = "Remove-CsOnlineDialInConferencingTenantSettings"
OVERRIDE_NEEDS_SENDER = (
    "SendEmailFromOverride can't be $true if SendEmailFromAddress and SendEmailFromDisplayName aren't specified."
)

DEFAULTS = {
    "Identity": "Global",
    "AllowedDialOutExternalDomains": [],
    "AllowFederatedUsersToDialOutToSelf": "No",
    "AllowFederatedUsersToDialOutToThirdParty": "Yes",
    "AllowPSTNOnlyMeetingsByDefault": False,
    "AutomaticallyMigrateUserMeetings": True,
    "AutomaticallyReplaceAcpProvider": True,
    "AutomaticallySendEmailsToUsers": True,
    "EnableDialOutJoinConfirmation": False,
    "EnableEntryExitNotifications": True,
    "EnableNameRecording": True,
    "EntryExitAnnouncementsType": "UseNames",
    "IncludeTollFreeNumberInMeetingInvites": True,
    "MaskPstnNumbersType": "MaskedForExternalUsers",
    "MigrateServiceNumbersOnCrossForestMove": True,
    "MsftInternalProcessingMode": None,
    "PinLength": 5,
    "SendEmailFromAddress": None,
    "SendEmailFromDisplayName": None,
    "SendEmailFromOverride": False,
    "UseUniqueConferenceIds": True,
}


def settings_of(door: Door) -> dict[str, Any]:
    [settings] = door(GET)
    assert isinstance(settings, cs.DialInSettings)
    return settings.to_ps()


def test_documented_defaults(door: Door) -> None:
    [settings] = door(GET)
    assert isinstance(settings, cs.DialInSettings)
    assert type(settings).ps_type_names[0] == SETTINGS_TYPE
    assert settings.to_ps() == DEFAULTS


def test_get_by_identity_and_filter(door: Door) -> None:
    assert door(GET, "Global")[0].identity == "Global"
    assert door(GET, Filter="*")[0].identity == "Global"


@pytest.mark.parametrize(
    ("params", "changed"),
    [
        pytest.param(
            {"EnableEntryExitNotifications": True, "EnableNameRecording": True, "PinLength": 7},
            {"PinLength": 7},
            id="doc-example-1",
        ),
        pytest.param(
            {"AllowPSTNOnlyMeetingsByDefault": True}, {"AllowPSTNOnlyMeetingsByDefault": True}, id="pstn-only"
        ),
        pytest.param(
            {"AutomaticallySendEmailsToUsers": False}, {"AutomaticallySendEmailsToUsers": False}, id="emails-off"
        ),
        pytest.param({"EnableNameRecording": 0}, {"EnableNameRecording": False}, id="bool-from-number"),
        pytest.param(
            {"MaskPstnNumbersType": "MaskedForAllUsers"}, {"MaskPstnNumbersType": "MaskedForAllUsers"}, id="mask-all"
        ),
        pytest.param({"MaskPstnNumbersType": "nomasking"}, {"MaskPstnNumbersType": "NoMasking"}, id="mask-any-case"),
        pytest.param(
            {"EntryExitAnnouncementsType": "ToneOnly"}, {"EntryExitAnnouncementsType": "ToneOnly"}, id="tone-only"
        ),
        pytest.param({"PinLength": 4}, {"PinLength": 4}, id="pin-min"),
        pytest.param({"PinLength": 12}, {"PinLength": 12}, id="pin-max"),
        pytest.param(
            {
                "SendEmailFromOverride": True,
                "SendEmailFromAddress": "admin@contoso.com",
                "SendEmailFromDisplayName": "Conferencing Administrator",
            },
            {
                "SendEmailFromOverride": True,
                "SendEmailFromAddress": "admin@contoso.com",
                "SendEmailFromDisplayName": "Conferencing Administrator",
            },
            id="doc-example-2",
        ),
        pytest.param(
            {"SendEmailFromAddress": "admin@contoso.com"},
            {"SendEmailFromAddress": "admin@contoso.com"},
            id="address-without-override",
        ),
    ],
)
def test_set_settings(door: Door, params: dict[str, Any], changed: dict[str, Any]) -> None:
    assert door(SET, **params) == []
    assert settings_of(door) == {**DEFAULTS, **changed}


@pytest.mark.parametrize(
    ("params", "error_id", "message"),
    [
        pytest.param(
            {"PinLength": 3},
            "PinLengthOutOfRange",
            "The PinLength value 3 is not valid. The minimum value is 4 and the maximum value is 12.",
            id="pin-3",
        ),
        pytest.param(
            {"PinLength": 13},
            "PinLengthOutOfRange",
            "The PinLength value 13 is not valid. The minimum value is 4 and the maximum value is 12.",
            id="pin-13",
        ),
        pytest.param(
            {"SendEmailFromOverride": True},
            "SendEmailFromOverrideRequiresSender",
            OVERRIDE_NEEDS_SENDER,
            id="override-alone",
        ),
        pytest.param(
            {"SendEmailFromOverride": True, "SendEmailFromAddress": "admin@contoso.com"},
            "SendEmailFromOverrideRequiresSender",
            OVERRIDE_NEEDS_SENDER,
            id="override-without-name",
        ),
        pytest.param(
            {"SendEmailFromOverride": True, "SendEmailFromDisplayName": "Admin"},
            "SendEmailFromOverrideRequiresSender",
            OVERRIDE_NEEDS_SENDER,
            id="override-without-address",
        ),
        pytest.param(
            {
                "SendEmailFromOverride": True,
                "SendEmailFromAddress": "amos.marble",
                "SendEmailFromDisplayName": "Amos Marble",
            },
            "InvalidEmailAddress",
            'The value "amos.marble" given for SendEmailFromAddress is not a valid email address (<alias>@<domain>).',
            id="doc-address-without-domain",
        ),
        pytest.param(
            {"MaskPstnNumbersType": "Sometimes"},
            "InvalidSettingValue",
            'The value "Sometimes" is not valid for MaskPstnNumbersType. Valid values are: '
            "MaskedForExternalUsers, MaskedForAllUsers, NoMasking.",
            id="mask-unknown",
        ),
        pytest.param(
            {"SendEmailFromDisplayName": "Admin\r\nBcc: x@evil.example"},
            "InvalidEmailHeaderValue",
            "The value given for SendEmailFromDisplayName contains a line break, a control character or an "
            "encoded word, which an email header cannot hold.",
            id="header-injection",
        ),
    ],
)
def test_set_settings_rules(door: Door, params: dict[str, Any], error_id: str, message: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, EnableNameRecording=False, **params),
        error_id,
        ErrorCategory.InvalidArgument,
        message,
        SET,
    )


def test_entry_exit_announcements_type_is_an_enum(door: Door) -> None:
    """An enum in the reference syntax: a bad name fails with PowerShell's enum conversion error."""
    door(SET, EntryExitAnnouncementsType="tONEoNLY")  # member names match case-insensitively
    assert settings_of(door)["EntryExitAnnouncementsType"] == "ToneOnly"
    assert_fails(
        door.tenant,
        lambda: door(SET, EntryExitAnnouncementsType="Beep"),
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        "Cannot bind parameter 'EntryExitAnnouncementsType'. Cannot convert value \"Beep\" to type "
        '"Microsoft.Rtc.Management.WritableConfig.Settings.OnLineDialInConferencing.EntryExitAnnouncementsType". '
        'Error: "Unable to match the identifier name Beep to a valid enumerator name. Specify one of the '
        'following enumerator names and try again:\nUseNames, ToneOnly"',
        SET,
    )


def test_override_stays_valid_once_both_values_are_stored(door: Door) -> None:
    door(SET, SendEmailFromAddress="admin@contoso.com", SendEmailFromDisplayName="Admin")
    door(SET, SendEmailFromOverride=True)
    assert settings_of(door)["SendEmailFromOverride"] is True
    assert_fails(
        door.tenant,
        lambda: door(SET, SendEmailFromAddress=None),
        "SendEmailFromOverrideRequiresSender",
        ErrorCategory.InvalidArgument,
        OVERRIDE_NEEDS_SENDER,
        SET,
    )


def test_set_by_instance(door: Door) -> None:
    [settings] = door(GET)
    door(SET, Instance=settings.model_copy(update={"pin_length": 9, "enable_name_recording": False}))
    assert settings_of(door) == {**DEFAULTS, "PinLength": 9, "EnableNameRecording": False}


def test_instance_values_are_checked_too(door: Door) -> None:
    [settings] = door(GET)
    bad = settings.model_copy(update={"send_email_from_override": True})
    assert_fails(
        door.tenant,
        lambda: door(SET, Instance=bad),
        "SendEmailFromOverrideRequiresSender",
        ErrorCategory.InvalidArgument,
        OVERRIDE_NEEDS_SENDER,
        SET,
    )


def test_pin_length_does_not_touch_existing_pins(door: Door) -> None:
    users_before = snapshot(door.tenant)["users"]
    door(SET, PinLength=10)
    assert snapshot(door.tenant)["users"] == users_before
    assert door("Get-CsOnlineDialInConferencingUser", KEN)[0].leader_pin == "*****"


def test_remove_restores_the_defaults(door: Door) -> None:
    door(
        SET,
        PinLength=8,
        MaskPstnNumbersType="NoMasking",
        SendEmailFromAddress="admin@contoso.com",
        SendEmailFromDisplayName="Admin",
        SendEmailFromOverride=True,
    )
    assert door(REMOVE) == []
    assert settings_of(door) == DEFAULTS
    door(REMOVE, "Global")
    assert settings_of(door) == DEFAULTS


def test_settings_changes_are_audited(door: Door) -> None:
    door(SET, PinLength=7)
    door(REMOVE)
    set_entry, remove_entry = door.tenant.audit()
    assert (set_entry.command, set_entry.target, set_entry.parameters) == (SET, "Global", {"PinLength": 7})
    assert set_entry.before is not None and set_entry.after is not None
    assert (set_entry.before["PinLength"], set_entry.after["PinLength"]) == (5, 7)
    assert (remove_entry.command, remove_entry.target) == (REMOVE, "Global")
    assert remove_entry.before is not None and remove_entry.after == DEFAULTS
    assert remove_entry.before["PinLength"] == 7


def test_emails_off_sends_no_automatic_email(door: Door) -> None:
    door(SET, AutomaticallySendEmailsToUsers=False)
    door("Set-CsOnlineDialInConferencingUser", KEN, ResetLeaderPin=True)
    assert snapshot(door.tenant)["outbox"] == []
    door("Set-CsOnlineDialInConferencingUser", KEN, SendEmail=True)  # the requested one still goes (the admin article)
    assert [kind for _, kind, _ in snapshot(door.tenant)["outbox"]] == ["ConferenceInfo"]


def test_tenant_configuration(door: Door) -> None:
    [configuration] = door("Get-CsOnlineDialinConferencingTenantConfiguration")
    assert isinstance(configuration, cs.TenantConfiguration)
    assert configuration.to_ps() == {"Identity": "Global", "Enabled": True}
    assert type(configuration).ps_type_names[0] == (
        "Microsoft.Rtc.Management.WritableConfig.Settings.OnLineDialInConferencing."
        "OnLineDialInConferencingTenantConfiguration"
    )


def test_instance_through_a_script_variable(tenant: cs.Tenant) -> None:
    tenant.invoke(
        "$s = Get-CsOnlineDialInConferencingTenantSettings\n"
        "Set-CsOnlineDialInConferencingTenantSettings -Instance $s -PinLength 6"
    )
    assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 6


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("contoso.com", ["contoso.com"], id="one-domain"),
        pytest.param(["contoso.com", "fabrikam.com"], ["contoso.com", "fabrikam.com"], id="two-domains"),
        pytest.param(None, [], id="null-clears"),
    ],
)
def test_allowed_dial_out_external_domains(door: Door, value: Any, expected: list[str]) -> None:
    door(SET, AllowedDialOutExternalDomains=["old.example"])
    door(SET, AllowedDialOutExternalDomains=value)
    assert settings_of(door)["AllowedDialOutExternalDomains"] == expected


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("MaskPstnNumbersType", "MaskedForExternalUsers, MaskedForAllUsers, NoMasking"),
        ("AllowFederatedUsersToDialOutToSelf", "No, Yes, RequireSameEnterpriseUser"),
    ],
)
def test_null_for_a_setting_with_fixed_values(door: Door, name: str, allowed: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, **{name: None}),
        "InvalidSettingValue",
        ErrorCategory.InvalidArgument,
        f'The value "" is not valid for {name}. Valid values are: {allowed}.',
        SET,
    )


def test_null_pin_length_is_zero_and_refused(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, PinLength=None),
        "PinLengthOutOfRange",
        ErrorCategory.InvalidArgument,
        "The PinLength value 0 is not valid. The minimum value is 4 and the maximum value is 12.",
        SET,
    )


@pytest.mark.parametrize("command", [GET, SET, REMOVE])
def test_only_the_global_instance_exists(door: Door, command: str) -> None:
    """One instance per tenant (Global): another Identity must not silently change Global."""
    assert_fails(
        door.tenant,
        lambda: door(command, Identity="Tag:Other"),
        "SettingsNotFound",
        ErrorCategory.ObjectNotFound,
        'The tenant has only the "Global" instance of these settings; "Tag:Other" does not exist.',
        command,
    )
    assert door(GET, Identity="global")[0].identity == "Global"
