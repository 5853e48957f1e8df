"""Get-/Set-/Register-/Unregister-CsOnlineDialInConferencingServiceNumber and the supported
languages (their reference pages)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import AMOS, PILAR, Door, assert_fails, user_of

import cscmdlets as cs
from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE, EMEA_BRIDGE
from cscmdlets.model.tenant import NUMBER_TYPE
from cscmdlets.powershell.errors import ErrorCategory

GET = "Get-CsOnlineDialInConferencingServiceNumber"
SET = "Set-CsOnlineDialInConferencingServiceNumber"
REGISTER = "Register-CsOnlineDialInConferencingServiceNumber"
UNREGISTER = "Unregister-CsOnlineDialInConferencingServiceNumber"
LANGUAGES = "Get-CsOnlineDialInConferencingLanguagesSupported"


def numbers(door: Door, **params: Any) -> list[str]:
    return [number.number for number in door(GET, **params)]


def one(door: Door, number: str) -> cs.ServiceNumber:
    [found] = door(GET, number)
    assert isinstance(found, cs.ServiceNumber)
    return found


def test_all_numbers(door: Door) -> None:
    found = door(GET)
    assert [n.number for n in found] == [
        "14255550100",
        "12065550100",
        "18005550100",
        "442035550100",
        "74955550100",
        "448005550100",
    ]
    redmond = found[0].to_ps()
    assert redmond == {
        "Number": "14255550100",
        "Type": "Toll",
        "City": "Redmond",
        "PrimaryLanguage": "en-US",
        "SecondaryLanguages": [],
        "DefaultPrimaryLanguage": "en-US",
        "DefaultSecondaryLanguages": [],
        "BridgeId": str(CONFERENCE_BRIDGE.identity),
    }
    assert found[2].to_ps()["Type"] == "TollFree"
    assert type(found[0]).ps_type_names[0] == NUMBER_TYPE


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"BridgeName": "EMEA Bridge"}, ["442035550100", "74955550100", "448005550100"], id="bridge-name"),
        pytest.param(
            {"BridgeId": str(CONFERENCE_BRIDGE.identity)}, ["14255550100", "12065550100", "18005550100"], id="bridge-id"
        ),
        pytest.param({"City": "seattle"}, ["12065550100"], id="city"),
        pytest.param({"BridgeName": "EMEA Bridge", "City": "Moscow"}, ["74955550100"], id="bridge-and-city"),
        pytest.param({"ResultSize": 2}, ["14255550100", "12065550100"], id="result-size"),
    ],
)
def test_number_filters(door: Door, params: dict[str, Any], expected: list[str]) -> None:
    assert numbers(door, **params) == expected


@pytest.mark.parametrize("written", ["14255550100", "+14255550100", "tel:+14255550100"])
def test_one_number_in_each_format(door: Door, written: str) -> None:
    assert one(door, written).city == "Redmond"


def test_unknown_number(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(GET, "+14255550199"),
        "ServiceNumberNotFound",
        ErrorCategory.ObjectNotFound,
        'The service number "+14255550199" is not registered in this tenant.',
        GET,
    )


# --- languages -----------------------------------------------------------------------------------


def test_doc_example_sets_languages(door: Door) -> None:
    door(SET, Identity="+14255550100", PrimaryLanguage="de-de", SecondaryLanguages=["en-us", "ja-jp", "en-gb"])
    number = one(door, "14255550100")
    assert number.primary_language == "de-DE"
    assert number.secondary_languages == ("en-US", "ja-JP", "en-GB")  # the order given is kept


def test_four_secondary_languages_at_most(door: Door) -> None:
    door(SET, "14255550100", SecondaryLanguages=["fr-FR", "de-DE", "es-ES", "it-IT"])
    assert len(one(door, "14255550100").secondary_languages) == 4
    assert_fails(
        door.tenant,
        lambda: door(SET, "14255550100", SecondaryLanguages=["fr-FR", "de-DE", "es-ES", "it-IT", "ja-JP"]),
        "TooManySecondaryLanguages",
        ErrorCategory.InvalidArgument,
        "At most 4 secondary languages can be specified; 5 were given.",
        SET,
    )


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"PrimaryLanguage": "xx-XX"}, id="primary"),
        pytest.param({"SecondaryLanguages": ["en-US", "xx-XX"]}, id="secondary"),
    ],
)
def test_unsupported_language(door: Door, params: dict[str, Any]) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, "14255550100", **params),
        "UnsupportedLanguage",
        ErrorCategory.InvalidArgument,
        'The language "xx-XX" is not supported. Run Get-CsOnlineDialInConferencingLanguagesSupported to list '
        "the supported languages.",
        SET,
    )


def test_restore_default_languages(door: Door) -> None:
    door(SET, "442035550100", PrimaryLanguage="fr-FR", SecondaryLanguages=["de-DE"])
    door(SET, "442035550100", RestoreDefaultLanguages=True)
    number = one(door, "442035550100")
    assert (number.primary_language, number.secondary_languages) == ("en-GB", ())


def test_set_by_instance(door: Door) -> None:
    number = one(door, "12065550100")
    door(SET, Instance=number, PrimaryLanguage="es-MX")
    assert one(door, "12065550100").primary_language == "es-MX"


def test_supported_languages(door: Door) -> None:
    found = door(LANGUAGES)
    assert len(found) == 24
    assert found[0].to_ps() == {"Id": "ar-SA", "Name": "Arabic"}
    assert {"en-US", "en-GB", "ru-RU", "nb-NO", "uk-UA"} <= {language.id for language in found}


# --- register and unregister ------------------------------------------------------------------------


def test_register_a_new_number(door: Door) -> None:
    door(REGISTER, "+12065550101", BridgeName="Conference Bridge")
    registered = one(door, "12065550101")
    assert (registered.bridge_id, registered.number_type.value) == (CONFERENCE_BRIDGE.identity, "Toll")
    door(REGISTER, "tel:+18885550100", BridgeId=str(EMEA_BRIDGE.identity))
    toll_free = one(door, "18885550100")
    assert (toll_free.bridge_id, toll_free.number_type.value) == (EMEA_BRIDGE.identity, "TollFree")


def test_register_defaults_to_the_default_bridge(door: Door) -> None:
    door(REGISTER, "12065550102")
    assert one(door, "12065550102").bridge_id == CONFERENCE_BRIDGE.identity


def test_register_an_assigned_number(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(REGISTER, "442035550100", BridgeName="Conference Bridge"),
        "ServiceNumberAlreadyAssigned",
        ErrorCategory.ResourceExists,
        'The service number "442035550100" is already assigned to the conferencing bridge "EMEA Bridge".',
        REGISTER,
    )


def test_register_an_invalid_number(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(REGISTER, "12"),
        "InvalidServiceNumber",
        ErrorCategory.InvalidArgument,
        'The value "12" given for Identity is not a valid E.164 number. Use 14255550100, +14255550100 or '
        "tel:+14255550100.",
        REGISTER,
    )


def test_unregister_a_number(door: Door) -> None:
    door(UNREGISTER, "12065550100", BridgeName="Conference Bridge")
    assert "12065550100" not in numbers(door, BridgeName="Conference Bridge")
    assert one(door, "12065550100").bridge_id is None
    door(REGISTER, "12065550100", BridgeName="EMEA Bridge")  # released numbers can be registered again
    assert one(door, "12065550100").bridge_id == EMEA_BRIDGE.identity


def test_unregister_the_default_number_needs_the_switch(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(UNREGISTER, "+442035550100"),
        "DefaultServiceNumberCannotBeUnassigned",
        ErrorCategory.InvalidOperation,
        'The service number "442035550100" is the default number of the bridge "EMEA Bridge". Use '
        "-RemoveDefaultServiceNumber to unassign it.",
        UNREGISTER,
    )
    door(UNREGISTER, "+442035550100", RemoveDefaultServiceNumber=True)
    [emea] = door("Get-CsOnlineDialInConferencingBridge", Name="EMEA Bridge")
    assert emea.default_service_number is None


def test_unregister_releases_users_own_number(door: Door) -> None:
    assert user_of(door.tenant, PILAR).service_number == "74955550100"
    door(UNREGISTER, "74955550100", BridgeName="EMEA Bridge")
    assert user_of(door.tenant, PILAR).service_number is None
    assert door("Get-CsOnlineDialInConferencingUser", PILAR)[0].default_toll_number == "442035550100"
    assert [kind for _, kind, _ in _outbox(door)] == ["ConferenceDetailsChanged"]


def test_unregister_from_another_bridge_changes_nothing(door: Door) -> None:
    before = one(door, "12065550100")
    door(UNREGISTER, "12065550100", BridgeName="EMEA Bridge")
    assert one(door, "12065550100") == before


def test_number_changes_are_audited(door: Door) -> None:
    door(SET, "14255550100", PrimaryLanguage="fr-FR")
    door(REGISTER, "12065550101")
    door(UNREGISTER, "12065550101")
    entries = door.tenant.audit()
    assert [(e.command, e.target) for e in entries] == [
        (SET, "14255550100"),
        (REGISTER, "12065550101"),
        (UNREGISTER, "12065550101"),
    ]
    assert entries[0].before is not None and entries[0].after is not None
    assert (entries[0].before["PrimaryLanguage"], entries[0].after["PrimaryLanguage"]) == ("en-US", "fr-FR")
    assert entries[1].before is None and entries[2].after is None


def _outbox(door: Door) -> list[tuple[int, str, str]]:
    with door.tenant.store.transaction():
        return [(e.sequence, e.kind, e.recipient) for e in door.tenant.store.outbox()]


def test_amos_follows_the_bridge_default(door: Door) -> None:
    assert door("Get-CsOnlineDialInConferencingUser", AMOS)[0].default_toll_number == "14255550100"


@pytest.mark.parametrize("command", [GET, "Get-CsOnlineDialInConferencingUser"])
def test_negative_result_size_is_refused(door: Door, command: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(command, ResultSize=-1),
        "ParameterArgumentValidationError",
        ErrorCategory.InvalidData,
        "Cannot validate argument on parameter 'ResultSize'. The -1 argument is less than the minimum allowed "
        "range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
        command,
    )


def test_null_secondary_languages_clears_them(door: Door) -> None:
    door(SET, "14255550100", SecondaryLanguages=["de-DE", "fr-FR"])
    door(SET, "14255550100", SecondaryLanguages=None)
    assert one(door, "14255550100").secondary_languages == ()


def test_unregister_by_instance(door: Door) -> None:
    """-Instance is in the page's parameter list: a number object from Get-…ServiceNumber."""
    door(UNREGISTER, Instance=one(door, "12065550100"))
    assert one(door, "12065550100").bridge_id is None


def test_unregister_by_instance_through_the_pipeline_text(tenant: cs.Tenant) -> None:
    tenant.invoke(
        "$number = Get-CsOnlineDialInConferencingServiceNumber -Identity 12065550100\n"
        "Unregister-CsOnlineDialInConferencingServiceNumber $number"  # positional: bound by its type
    )
    assert tenant.get_cs_online_dial_in_conferencing_service_number("12065550100")[0].bridge_id is None


def test_register_has_no_default_parameter_set(door: Door) -> None:
    """Neither -Identity nor -Instance: with no default set PowerShell cannot choose between them."""
    assert_fails(
        door.tenant,
        lambda: door(REGISTER, BridgeName="Conference Bridge"),
        "AmbiguousParameterSet",
        ErrorCategory.InvalidArgument,
        "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
        "cannot be used together or an insufficient number of parameters were provided.",
        REGISTER,
    )


@pytest.mark.parametrize(
    ("params", "language"),
    [
        pytest.param({"SecondaryLanguages": ["fr-FR", "fr-fr"]}, "fr-FR", id="secondary-twice"),
        pytest.param({"SecondaryLanguages": ["fr-FR", "en-US"]}, "en-US", id="primary-as-secondary"),
        pytest.param({"PrimaryLanguage": "de-DE", "SecondaryLanguages": ["de-DE"]}, "de-DE", id="new-primary"),
    ],
)
def test_each_language_is_offered_once(door: Door, params: dict[str, Any], language: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, "14255550100", **params),
        "DuplicateLanguage",
        ErrorCategory.InvalidArgument,
        f'The language "{language}" is given more than once: the primary language and each secondary language '
        "must differ.",
        SET,
    )
