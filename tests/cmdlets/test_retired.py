"""The Skype for Business Online era's retired cmdlets, under the SkypeOnlineConnector profile:
Enable-/Disable-CsOnlineDialInConferencingUser, Get-…UserInfo and Get-…UserState (their last
reference pages: deprecated Dec 31, 2021). Under MicrosoftTeams they are not found
(test_profiles.py)."""

from __future__ import annotations

import pytest
from helpers import ALEX, AMOS, DAVID, KEN, PILAR, Door, assert_fails, snapshot, user_of

from cscmdlets.powershell.errors import ErrorCategory

ENABLE = "Enable-CsOnlineDialInConferencingUser"
DISABLE = "Disable-CsOnlineDialInConferencingUser"
INFO = "Get-CsOnlineDialInConferencingUserInfo"
STATE = "Get-CsOnlineDialInConferencingUserState"


def emails(door: Door) -> list[tuple[str, str]]:
    return [(kind, recipient) for _, kind, recipient in snapshot(door.tenant)["outbox"]]


def test_disable_releases_everything_and_tells_the_user(door: Door) -> None:
    door(DISABLE, PILAR)
    user = user_of(door.tenant, PILAR)
    assert (user.provider.value, user.conference_id, user.service_number, user.leader_pin_hash) == (
        "None",
        None,
        None,
        None,
    )
    assert door("Get-CsOnlineDialInConferencingUser", PILAR) == []
    assert emails(door) == [("ConferencingRemoved", PILAR)]


def test_enable_after_disable_is_a_welcome_with_a_new_pin(door: Door) -> None:
    door(DISABLE, KEN)
    door(ENABLE, KEN, ServiceNumber="12065550100", ConferenceId=3659305)
    [user] = door("Get-CsOnlineDialInConferencingUser", KEN)
    assert (user.conference_id, user.service_number, user.bridge_name) == (3659305, "12065550100", "Conference Bridge")
    assert emails(door) == [("ConferencingRemoved", KEN), ("ConferencingEnabled", KEN)]


def test_enable_a_third_party_user_needs_replace_provider(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(ENABLE, DAVID),
        "UserProviderNotMicrosoft",
        ErrorCategory.InvalidOperation,
        f'The user "{DAVID}" uses the audio conferencing provider "ThirdParty". This cmdlet only manages users '
        "whose provider is Microsoft.",
        ENABLE,
    )
    door(ENABLE, DAVID, ReplaceProvider=True, AllowPstnOnlyMeetings=True)
    [user] = door("Get-CsOnlineDialInConferencingUser", DAVID)
    assert (user.allow_pstn_only_meeting, user.conference_id is not None) == (True, True)
    assert emails(door) == [("ConferencingEnabled", DAVID)]


def test_enable_an_unlicensed_user_fails(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(ENABLE, ALEX),
        "UserNotLicensedForAudioConferencing",
        ErrorCategory.InvalidOperation,
        f'The user "{ALEX}" is not enabled for audio conferencing: assign an Audio Conferencing license first.',
        ENABLE,
    )


def test_enable_an_enabled_user_keeps_pin_and_id_and_applies_settings(door: Door) -> None:
    before = user_of(door.tenant, AMOS)
    door(ENABLE, AMOS, ServiceNumber="12065550100", SendEmail=True)
    after = user_of(door.tenant, AMOS)
    assert (after.leader_pin_hash, after.conference_id) == (before.leader_pin_hash, before.conference_id)
    assert after.service_number == "12065550100"
    assert emails(door) == [("ConferenceDetailsChanged", AMOS)]  # one email per command: the details one


def test_enable_without_identity(door: Door) -> None:
    """One 2017-era script omits -Identity: the syntax allows it, the cmdlet cannot act."""
    assert_fails(
        door.tenant,
        lambda: door(ENABLE, ServiceNumber="14255550100"),
        "IdentityRequired",
        ErrorCategory.InvalidArgument,
        f"The {ENABLE} cmdlet needs the -Identity of the user to act on.",
        ENABLE,
    )


def test_disable_honours_what_if(door: Door) -> None:
    before = snapshot(door.tenant)
    door(DISABLE, PILAR, WhatIf=True)
    assert snapshot(door.tenant) == before


def test_user_info_shows_every_provider(door: Door) -> None:
    found = {info.user_principal_name: (info.provider, info.default_toll_number) for info in door(INFO)}
    assert found[DAVID] == ("ThirdParty", None)
    assert found[PILAR] == ("Microsoft", "74955550100")
    assert [i.user_principal_name for i in door(INFO, Select="ConferencingProviderOther")] == [DAVID]
    assert [i.display_name for i in door(INFO, First=2, SortDescending=True)] == ["Pilar Ackerman", "Ken Myer"]


def test_user_info_select_is_an_enum(door: Door) -> None:
    error = assert_fails(
        door.tenant,
        lambda: door(INFO, Select="Everyone"),
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        "Cannot bind parameter 'Select'. Cannot convert value \"Everyone\" to type "
        '"Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.FilterSelection". Error: "Unable to match '
        "the identifier name Everyone to a valid enumerator name. Specify one of the following enumerator names "
        "and try again:\nDialInConferencingOn, DialInConferencingOff, ConferencingProviderMS, "
        'ConferencingProviderOther, ReadyForMigrationToCPC, NoFilter"',
        INFO,
    )
    assert error.error_id == "CannotConvertArgumentNoMessage"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"Provider": "ThirdParty"}, [DAVID], id="third-party"),
        pytest.param({"LicenseState": ["NoLicense"]}, [ALEX], id="unlicensed"),
        pytest.param({"Identity": KEN}, [KEN], id="one"),
    ],
)
def test_user_state(door: Door, params: dict[str, object], expected: list[str]) -> None:
    assert [s.identity.removeprefix("sip:") for s in door(STATE, **params)] == expected
