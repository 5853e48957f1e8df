"""Get-/Set-CsOnlineDialInConferencingUser through both doors (their reference pages)."""

from __future__ import annotations

import pytest
from helpers import (
    ALEX,
    AMOS,
    DAVID,
    KEN,
    PILAR,
    TENANT_ID,
    Door,
    assert_fails,
    raw_store_text,
    snapshot,
    user_of,
)

import cscmdlets as cs
from cscmdlets.cmdlets.backend import pin_matches
from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE, EMEA_BRIDGE
from cscmdlets.functions import CmdletWarning
from cscmdlets.powershell.errors import ErrorCategory

SET_USER = "Set-CsOnlineDialInConferencingUser"
GET_USER = "Get-CsOnlineDialInConferencingUser"
CONFERENCE_ID = str(CONFERENCE_BRIDGE.identity)
EMEA_ID = str(EMEA_BRIDGE.identity)


def outbox_kinds(tenant: cs.Tenant) -> list[str]:
    with tenant.store.transaction():
        return [entry.kind for entry in tenant.store.outbox()]


# --- Get-CsOnlineDialInConferencingUser ----------------------------------------------------------


def test_get_user_shows_the_real_properties(door: Door) -> None:
    [user] = door(GET_USER, Identity=AMOS)
    assert isinstance(user, cs.ConferencingUser)
    properties = user.to_ps()
    assert list(properties) == [
        "Identity",
        "DisplayName",
        "SipAddress",
        "BridgeId",
        "BridgeName",
        "ConferenceId",
        "ServiceNumber",
        "TollFreeServiceNumber",
        "DefaultTollNumber",
        "DefaultTollFreeNumber",
        "LeaderPin",
        "AllowPstnOnlyMeeting",
        "AllowTollFreeDialIn",
        "TenantId",
    ]
    assert properties["Identity"] == AMOS
    assert properties["DisplayName"] == "Amos Marble"
    assert properties["SipAddress"] == f"sip:{AMOS}"
    assert properties["BridgeId"] == CONFERENCE_ID
    assert properties["BridgeName"] == "Conference Bridge"
    conference_id = properties["ConferenceId"]
    assert isinstance(conference_id, int) and 1_000_000 <= conference_id <= 9_999_999
    assert properties["ServiceNumber"] is None
    assert properties["DefaultTollNumber"] == "14255550100"
    assert properties["DefaultTollFreeNumber"] == "18005550100"
    assert properties["LeaderPin"] == "*****"
    assert properties["AllowPstnOnlyMeeting"] is False
    assert properties["AllowTollFreeDialIn"] is True
    assert properties["TenantId"] == str(TENANT_ID)
    assert type(user).ps_type_names[0] == "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.ConferencingUser"


@pytest.mark.parametrize(
    "identity",
    [
        pytest.param(AMOS, id="upn"),
        pytest.param("AMOS.MARBLE@CONTOSO.COM", id="upn-any-case"),
        pytest.param(f"sip:{AMOS}", id="sip"),
        pytest.param("contoso\\amos.marble", id="domain-logon"),
        pytest.param("Amos Marble", id="display-name"),
        pytest.param("CN=Amos Marble,CN=Users,DC=contoso,DC=com", id="distinguished-name"),
    ],
)
def test_identity_forms(door: Door, identity: str) -> None:
    [user] = door(GET_USER, identity)
    assert user.identity == AMOS


def test_identity_by_object_id(door: Door) -> None:
    object_id = str(user_of(door.tenant, AMOS).object_id)
    assert door(GET_USER, object_id)[0].identity == AMOS


def test_get_user_lists_microsoft_users_only(door: Door) -> None:
    """Unlicensed and third-party users are not returned (Get-CsOnlineDialInConferencingUser reference)."""
    assert [u.identity for u in door(GET_USER)] == [AMOS, KEN, PILAR]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"BridgeName": "EMEA Bridge"}, [PILAR], id="bridge-name"),
        pytest.param({"BridgeId": CONFERENCE_ID}, [AMOS, KEN], id="bridge-id"),
        pytest.param({"ServiceNumber": "tel:+74955550100"}, [PILAR], id="service-number"),
        pytest.param({"ServiceNumber": "14255550100"}, [AMOS, KEN], id="bridge-default-number"),
        pytest.param({"ResultSize": 1}, [AMOS], id="result-size"),
        pytest.param({"ResultSize": 0}, [], id="result-size-zero"),
    ],
)
def test_get_user_filters(door: Door, params: dict[str, object], expected: list[str]) -> None:
    assert [u.identity for u in door(GET_USER, **params)] == expected


def test_unknown_identity(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, "nobody@contoso.com", SendEmail=True),
        "UserNotFound",
        ErrorCategory.ObjectNotFound,
        'Management object not found for identity "nobody@contoso.com".',
        SET_USER,
    )


# --- licence and provider ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identity", "error_id", "message"),
    [
        pytest.param(
            ALEX,
            "UserNotLicensedForAudioConferencing",
            f'The user "{ALEX}" is not enabled for audio conferencing: assign an Audio Conferencing license first.',
            id="unlicensed",
        ),
        pytest.param(
            DAVID,
            "UserProviderNotMicrosoft",
            f'The user "{DAVID}" uses the audio conferencing provider "ThirdParty". This cmdlet only manages '
            "users whose provider is Microsoft.",
            id="third-party",
        ),
    ],
)
def test_refused_users(door: Door, identity: str, error_id: str, message: str) -> None:
    error = assert_fails(
        door.tenant,
        lambda: door(SET_USER, identity, ResetLeaderPin=True),
        error_id,
        ErrorCategory.InvalidOperation,
        message,
        SET_USER,
    )
    assert error.target_object == identity


# --- service numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["12065550100", "+12065550100", "tel:+12065550100"])
def test_service_number_formats(door: Door, written: str) -> None:
    door(SET_USER, KEN, ServiceNumber=written)
    assert user_of(door.tenant, KEN).service_number == "12065550100"
    [user] = door(GET_USER, KEN)
    assert (user.service_number, user.default_toll_number) == ("12065550100", "12065550100")


def test_service_number_must_be_on_the_users_bridge(door: Door) -> None:
    error = assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ServiceNumber="+442035550100"),
        "ServiceNumberNotOnBridge",
        ErrorCategory.InvalidArgument,
        'The service number "+442035550100" is not assigned to the conferencing bridge "Conference Bridge".',
        SET_USER,
    )
    assert error.target_object == "+442035550100"


@pytest.mark.parametrize(
    "bridge",
    [
        pytest.param({"BridgeName": "EMEA Bridge"}, id="by-name"),
        pytest.param({"BridgeId": EMEA_ID}, id="by-id"),
        pytest.param({"BridgeName": "emea bridge", "BridgeId": EMEA_ID}, id="both"),
    ],
)
def test_service_number_on_the_bridge_named_in_the_same_call(door: Door, bridge: dict[str, str]) -> None:
    before = user_of(door.tenant, AMOS)
    door(SET_USER, AMOS, ServiceNumber="442035550100", **bridge)
    after = user_of(door.tenant, AMOS)
    assert after.bridge_id == EMEA_BRIDGE.identity
    assert after.service_number == "442035550100"
    assert after.conference_id == before.conference_id  # free on the new bridge: kept


def test_bridge_id_and_name_must_match(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, BridgeId=CONFERENCE_ID, BridgeName="EMEA Bridge"),
        "BridgeIdAndNameMismatch",
        ErrorCategory.InvalidArgument,
        f'BridgeId "{CONFERENCE_ID}" and BridgeName "EMEA Bridge" do not name the same bridge. Specify only one '
        "of them.",
        SET_USER,
    )


def test_unknown_bridge(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, BridgeName="Nowhere"),
        "BridgeNotFound",
        ErrorCategory.ObjectNotFound,
        'The conferencing bridge "Nowhere" was not found.',
        SET_USER,
    )


@pytest.mark.parametrize(
    ("number", "message"),
    [
        pytest.param(
            "12065550100x",
            'The value "12065550100x" given for ServiceNumber is not a valid E.164 number. '
            "Use 14255550100, +14255550100 or tel:+14255550100.",
            id="letters",
        ),
        pytest.param(
            "+1425",
            'The value "+1425" given for ServiceNumber is not a valid E.164 number. '
            "Use 14255550100, +14255550100 or tel:+14255550100.",
            id="too-short",
        ),
    ],
)
def test_invalid_service_number(door: Door, number: str, message: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ServiceNumber=number),
        "InvalidServiceNumber",
        ErrorCategory.InvalidArgument,
        message,
        SET_USER,
    )


def test_unregistered_service_number(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ServiceNumber="+14255550199"),
        "ServiceNumberNotFound",
        ErrorCategory.ObjectNotFound,
        'The service number "+14255550199" is not registered in this tenant.',
        SET_USER,
    )


def test_toll_free_number(door: Door) -> None:
    door(SET_USER, AMOS, TollFreeServiceNumber="+18005550100")
    assert user_of(door.tenant, AMOS).toll_free_service_number == "18005550100"


def test_number_of_the_wrong_type(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ServiceNumber="18005550100"),
        "ServiceNumberTypeMismatch",
        ErrorCategory.InvalidArgument,
        'The service number "18005550100" is a toll-free number; ServiceNumber needs a toll number.',
        SET_USER,
    )
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, TollFreeServiceNumber="12065550100"),
        "ServiceNumberTypeMismatch",
        ErrorCategory.InvalidArgument,
        'The service number "12065550100" is a toll number; TollFreeServiceNumber needs a toll-free number.',
        SET_USER,
    )


def test_default_number_change_queues_the_details_email(door: Door) -> None:
    door(SET_USER, KEN, ServiceNumber="12065550100")
    assert outbox_kinds(door.tenant) == ["ConferenceDetailsChanged"]


# --- the SendEmail family --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "error_id", "message"),
    [
        pytest.param(
            {"SendEmailToAddress": "u@hotmail.com"},
            "SendEmailRequired",
            "The SendEmailToAddress parameter can only be used together with the SendEmail parameter.",
            id="to-address-needs-send-email",
        ),
        pytest.param(
            {"SendEmailFromAddress": "a@contoso.com", "SendEmailFromDisplayName": "A"},
            "SendEmailRequired",
            "The SendEmailFromAddress parameter can only be used together with the SendEmail parameter.",
            id="from-pair-needs-send-email",
        ),
        pytest.param(
            {"SendEmailFromAddress": "a@contoso.com", "SendEmail": True},
            "SendEmailFromPairIncomplete",
            "SendEmailFromAddress and SendEmailFromDisplayName must be specified together.",
            id="from-address-needs-display-name",
        ),
        pytest.param(
            {"SendEmailFromDisplayName": "A", "SendEmail": True},
            "SendEmailFromPairIncomplete",
            "SendEmailFromAddress and SendEmailFromDisplayName must be specified together.",
            id="display-name-needs-from-address",
        ),
        pytest.param(
            {"SendEmailToAddress": "u@hotmail.com", "SendEmail": False},
            "SendEmailRequired",
            "The SendEmailToAddress parameter can only be used together with the SendEmail parameter.",
            id="switch-off-is-not-send-email",
        ),
        pytest.param(
            {"SendEmail": True, "SendEmailToAddress": "not-an-address"},
            "InvalidEmailAddress",
            'The value "not-an-address" given for SendEmailToAddress is not a valid email address (<alias>@<domain>).',
            id="bad-address",
        ),
    ],
)
def test_send_email_rules(door: Door, params: dict[str, object], error_id: str, message: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ResetLeaderPin=True, **params),
        error_id,
        ErrorCategory.InvalidArgument,
        message,
        SET_USER,
    )


def test_send_email_queues_the_conference_info_email(door: Door) -> None:
    assert door(SET_USER, AMOS, SendEmail=True, SendEmailToAddress="u@hotmail.com") == []
    with door.tenant.store.transaction():
        [entry] = door.tenant.store.outbox()
    assert (entry.kind, entry.recipient) == ("ConferenceInfo", "u@hotmail.com")


def test_admin_article_line(door: Door) -> None:
    """``Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail`` (the send-info article)."""
    if door.kind == "powershell":
        door.tenant.invoke("Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com  -SendEmail")
    else:
        door.tenant.Set_CsOnlineDialInConferencingUser(id=AMOS, SendEmail=True)
    assert outbox_kinds(door.tenant) == ["ConferenceInfo"]


# --- the leader PIN (PIN article) ---------------------------------------------------------------------


def test_reset_leader_pin_shows_the_pin_once(door: Door) -> None:
    [shown] = door(SET_USER, AMOS, ResetLeaderPin=True)
    pin = shown.leader_pin
    assert pin is not None and pin.isdigit() and len(pin) == 5
    assert door(GET_USER, AMOS)[0].leader_pin == "*****"
    stored = user_of(door.tenant, AMOS)
    assert stored.leader_pin_hash is not None and pin_matches(pin, stored.leader_pin_hash)
    assert pin not in raw_store_text(door.tenant)  # only the salted hash is kept
    assert pin not in repr(door.tenant.audit())
    assert outbox_kinds(door.tenant) == ["PinReset"]


def test_pin_length_applies_to_new_pins_only(door: Door) -> None:
    door("Set-CsOnlineDialInConferencingTenantSettings", PinLength=8)
    assert door(GET_USER, KEN)[0].leader_pin == "*****"  # the existing PIN keeps its 5 digits
    [shown] = door(SET_USER, KEN, ResetLeaderPin=True)
    assert len(shown.leader_pin) == 8
    assert door(GET_USER, KEN)[0].leader_pin == "********"


def test_pins_come_from_the_seeded_random() -> None:
    first = cs.Tenant.demo(seed=7).set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
    second = cs.Tenant.demo(seed=7).set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
    assert first[0].leader_pin == second[0].leader_pin


# --- conference ID (2018 reference) --------------------------------------------------------------------


CONFERENCE_ID_DEPRECATED = (
    "The ConferenceId parameter is deprecated: Removed from the documentation in March 2023; static conference IDs "
    "are no longer supported."
)


def test_conference_id_is_set_with_a_deprecation_warning(door: Door) -> None:
    assert door.streams(SET_USER, AMOS, ConferenceId=3542699).warnings == [CONFERENCE_ID_DEPRECATED]
    assert user_of(door.tenant, AMOS).conference_id == 3542699
    assert outbox_kinds(door.tenant) == ["ConferenceDetailsChanged"]


@pytest.mark.parametrize("conference_id", [123456, 12345678, 0])
def test_conference_id_has_seven_digits(door: Door, conference_id: int) -> None:
    assert_fails(
        door.tenant,
        lambda: door.streams(SET_USER, AMOS, ConferenceId=conference_id),
        "InvalidConferenceId",
        ErrorCategory.InvalidArgument,
        f'The conference ID "{conference_id}" is not valid. A conference ID has exactly 7 digits.',
        SET_USER,
    )


def test_conference_id_unique_per_bridge(door: Door) -> None:
    taken = user_of(door.tenant, KEN).conference_id
    assert_fails(
        door.tenant,
        lambda: door.streams(SET_USER, AMOS, ConferenceId=taken),
        "ConferenceIdAlreadyInUse",
        ErrorCategory.ResourceExists,
        f'The conference ID {taken} is already in use on the conferencing bridge "Conference Bridge".',
        SET_USER,
    )
    door.streams(SET_USER, PILAR, ConferenceId=taken)  # another bridge: allowed
    assert user_of(door.tenant, PILAR).conference_id == taken


def test_python_door_warns_with_cmdlet_warning(memory_tenant: cs.Tenant) -> None:
    with pytest.warns(CmdletWarning, match="^The ConferenceId parameter is deprecated"):
        memory_tenant.set_cs_online_dial_in_conferencing_user(AMOS, conference_id=3542699)
    with (
        pytest.warns(CmdletWarning, match="^The ConferenceId parameter is deprecated"),
        pytest.raises(cs.PowerShellError),
    ):
        memory_tenant.set_cs_online_dial_in_conferencing_user(AMOS, conference_id=123)


def test_conference_id_and_reset_are_exclusive(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door.streams(SET_USER, AMOS, ConferenceId=3542699, ResetConferenceId=True),
        "ConferenceIdAndResetConferenceIdConflict",
        ErrorCategory.InvalidArgument,
        "ConferenceId and ResetConferenceId cannot be used together.",
        SET_USER,
    )


def test_reset_conference_id(door: Door) -> None:
    before = user_of(door.tenant, AMOS).conference_id
    [warning] = door.streams(SET_USER, AMOS, ResetConferenceId=True).warnings
    assert warning.startswith("The ResetConferenceId parameter is deprecated")
    after = user_of(door.tenant, AMOS).conference_id
    assert after is not None and after != before and 1_000_000 <= after <= 9_999_999


def test_moving_to_a_bridge_where_the_conference_id_is_taken_draws_a_new_one(door: Door) -> None:
    pilar_id = user_of(door.tenant, PILAR).conference_id
    door.streams(SET_USER, AMOS, ConferenceId=pilar_id)
    door(SET_USER, AMOS, BridgeName="EMEA Bridge")
    moved = user_of(door.tenant, AMOS)
    assert moved.bridge_id == EMEA_BRIDGE.identity and moved.conference_id != pilar_id


# --- flags ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(False, False), (0, False), (True, True)])
def test_allow_toll_free_dial_in(door: Door, value: object, expected: bool) -> None:
    door(SET_USER, AMOS, AllowTollFreeDialIn=value)
    [user] = door(GET_USER, AMOS)
    assert user.allow_toll_free_dial_in is expected
    assert user.default_toll_free_number == ("18005550100" if expected else None)


def test_allow_pstn_only_meetings(door: Door) -> None:
    [warning] = door.streams(SET_USER, AMOS, AllowPSTNOnlyMeetings=True).warnings
    assert warning == "The AllowPSTNOnlyMeetings parameter is deprecated: Deprecated on Jan 31, 2022."
    assert door(GET_USER, AMOS)[0].allow_pstn_only_meeting is True


# --- a failed call changes nothing ------------------------------------------------------------------


def test_failure_after_other_valid_parameters_changes_nothing(door: Door) -> None:
    """The PIN reset and the bridge move are valid; the number is not: nothing is kept."""
    random_before = door.tenant.random.getstate()
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, BridgeName="EMEA Bridge", ResetLeaderPin=True, ServiceNumber="14255550100"),
        "ServiceNumberNotOnBridge",
        ErrorCategory.InvalidArgument,
        'The service number "14255550100" is not assigned to the conferencing bridge "EMEA Bridge".',
        SET_USER,
    )
    assert door.tenant.random.getstate() == random_before


def test_audit_of_a_set_user(door: Door) -> None:
    before = user_of(door.tenant, KEN)
    door(SET_USER, KEN, BridgeName="EMEA Bridge")
    [entry] = door.tenant.audit()
    assert (entry.actor, entry.command, entry.target) == ("admin", SET_USER, KEN)
    assert entry.parameters == {"BridgeName": "EMEA Bridge"}
    assert entry.before == {"BridgeId": str(before.bridge_id)}
    assert entry.after == {"BridgeId": str(EMEA_BRIDGE.identity)}
    assert entry.at.tzinfo is not None


def test_nothing_changes_without_parameters(door: Door) -> None:
    before = snapshot(door.tenant)
    door(SET_USER, AMOS)
    after = snapshot(door.tenant)
    assert after["users"] == before["users"] and after["outbox"] == before["outbox"]


def test_unrelated_users_untouched(door: Door) -> None:
    others = [user_of(door.tenant, u) for u in (KEN, PILAR, ALEX, DAVID)]
    door(SET_USER, AMOS, ResetLeaderPin=True, ServiceNumber="12065550100")
    assert [user_of(door.tenant, u) for u in (KEN, PILAR, ALEX, DAVID)] == others


def test_null_service_number_clears_the_users_own(door: Door) -> None:
    assert user_of(door.tenant, PILAR).service_number == "74955550100"
    door(SET_USER, PILAR, ServiceNumber=None)
    assert user_of(door.tenant, PILAR).service_number is None
    assert door(GET_USER, PILAR)[0].default_toll_number == "442035550100"  # the bridge's default again


@pytest.mark.parametrize(
    "params",
    [pytest.param({"BridgeName": None}, id="bridge-name"), pytest.param({"ServiceNumber": None}, id="service-number")],
)
def test_null_filter_filters_nothing(door: Door, params: dict[str, object]) -> None:
    assert [u.identity for u in door(GET_USER, **params)] == [AMOS, KEN, PILAR]


def test_null_bridge_name_moves_nobody(door: Door) -> None:
    door(SET_USER, KEN, BridgeName=None, AllowTollFreeDialIn=False)
    assert user_of(door.tenant, KEN).bridge_id == CONFERENCE_BRIDGE.identity


def test_ldap_filter_is_not_evaluated(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(GET_USER, LdapFilter="Department=Finance"),
        "ParameterNotSupported",
        ErrorCategory.NotImplemented,
        "The LdapFilter parameter is deprecated and is not evaluated by the emulated tenant.",
        GET_USER,
    )


@pytest.mark.parametrize("identity", [ALEX, DAVID])
def test_get_user_does_not_return_users_off_microsofts_service(door: Door, identity: str) -> None:
    assert door(GET_USER, identity) == []


def test_conference_id_checked_on_the_bridge_the_user_moves_to(door: Door) -> None:
    pilar_id = user_of(door.tenant, PILAR).conference_id
    assert_fails(
        door.tenant,
        lambda: door.streams(SET_USER, AMOS, BridgeName="EMEA Bridge", ConferenceId=pilar_id),
        "ConferenceIdAlreadyInUse",
        ErrorCategory.ResourceExists,
        f'The conference ID {pilar_id} is already in use on the conferencing bridge "EMEA Bridge".',
        SET_USER,
    )
