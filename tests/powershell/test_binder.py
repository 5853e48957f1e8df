"""The binder against PowerShell's ParameterBinderStrings.resx: every error of the catalogue, name matching,
switches, positionals, parameter sets and pipeline binding by property name."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest
from helpers import AMOS, KEN, assert_fails, check_error

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.binder import (
    NamedArgument,
    PositionalArgument,
    bind,
    bind_keywords,
    bind_pipeline_object,
    match_parameter,
)
from cscmdlets.powershell.errors import ErrorCategory, PowerShellError
from cscmdlets.powershell.metadata import ActionPreference

SET_USER = "Set-CsOnlineDialInConferencingUser"
SET_SETTINGS = "Set-CsOnlineDialInConferencingTenantSettings"
GET_BRIDGE = "Get-CsOnlineDialInConferencingBridge"
SET_BRIDGE = "Set-CsOnlineDialInConferencingBridge"
GET_NUMBER = "Get-CsOnlineDialInConferencingServiceNumber"
SET_NUMBER = "Set-CsOnlineDialInConferencingServiceNumber"
GUID = "d9696ed0-60d8-5f26-89a6-dc879172e9aa"
BAD_GUID = "72dfe128-d079-46f8-8tr0-gb12369p167c"  # the Get-…ServiceNumber page's own example


def n(name: str, value: Any = ...) -> NamedArgument:
    """``-name`` (no value) or ``-name:value`` (glued)."""
    return NamedArgument(name) if value is ... else NamedArgument(name, value)


def p(value: Any) -> PositionalArgument:
    return PositionalArgument(value)


def bind_error(command: str, *arguments: Any) -> PowerShellError:
    with pytest.raises(PowerShellError) as info:
        bind(find_command(command), list(arguments))
    return info.value


AMBIGUOUS_SET = (
    "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
    "cannot be used together or an insufficient number of parameters were provided."
)
ALREADY_BOUND = (
    "Cannot bind parameter because parameter '{}' is specified more than once. To provide multiple values to "
    'parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".'
)

CATALOGUE = [
    pytest.param(
        SET_SETTINGS,
        [n("SendEmailOverride"), p(True)],
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A parameter cannot be found that matches parameter name 'SendEmailOverride'.",
        id="named-not-found",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("Send"), p("x")],
        "AmbiguousParameter",
        ErrorCategory.InvalidArgument,
        "Parameter cannot be processed because the parameter name 'Send' is ambiguous. Possible matches include: "
        "-SendEmailToAddress -SendEmailFromAddress -SendEmailFromDisplayName -SendEmail.",
        id="ambiguous-prefix",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("W")],
        "AmbiguousParameter",
        ErrorCategory.InvalidArgument,
        "Parameter cannot be processed because the parameter name 'W' is ambiguous. Possible matches include: "
        "-WarningAction -WarningVariable -WhatIf.",
        id="ambiguous-common-only",
    ),
    pytest.param(
        SET_USER,
        [n("id"), p("a"), n("Identity"), p("b")],
        "ParameterAlreadyBound",
        ErrorCategory.InvalidArgument,
        ALREADY_BOUND.format("Identity"),
        id="already-bound-prefix-then-name",
    ),
    pytest.param(
        SET_USER,
        [n("Identity"), p("a"), n("id"), p("b")],
        "ParameterAlreadyBound",
        ErrorCategory.InvalidArgument,
        ALREADY_BOUND.format("id"),
        id="already-bound-shows-typed-name",
    ),
    pytest.param(
        SET_USER,
        [n("Identity")],
        "MissingArgument",
        ErrorCategory.InvalidArgument,
        "Missing an argument for parameter 'Identity'. Specify a parameter of type "
        "'Microsoft.Rtc.Management.AD.UserIdParameter' and try again.",
        id="missing-argument-at-end",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("BridgeName"), n("SendEmail")],
        "MissingArgument",
        ErrorCategory.InvalidArgument,
        "Missing an argument for parameter 'BridgeName'. Specify a parameter of type 'System.String' and try again.",
        id="missing-argument-before-parameter",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("BridgeName"), n("SendEmail", True)],
        "MissingArgument",
        ErrorCategory.InvalidArgument,
        "Missing an argument for parameter 'BridgeName'. Specify a parameter of type 'System.String' and try again.",
        id="missing-argument-before-glued",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("Force"), p(False)],
        "PositionalParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A positional parameter cannot be found that accepts argument 'False'.",
        id="switch-then-stray-false",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), p("ken.myer@contoso.com")],
        "PositionalParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A positional parameter cannot be found that accepts argument 'ken.myer@contoso.com'.",
        id="second-positional",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), p(None)],
        "PositionalParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A positional parameter cannot be found that accepts argument '$null'.",
        id="stray-null",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("ResetConferenceID"), p(8271964)],
        "PositionalParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A positional parameter cannot be found that accepts argument '8271964'.",
        id="doc-reset-conference-id-with-value",
    ),
    pytest.param(
        SET_USER,
        [n("SendEmail")],
        "MissingMandatoryParameter",
        ErrorCategory.InvalidArgument,
        "Cannot process command because of one or more missing mandatory parameters: Identity.",
        id="missing-mandatory",
    ),
    pytest.param(
        GET_NUMBER,
        [n("Tenant"), p(GUID), n("TenantDomain"), p("contoso.com")],
        "AmbiguousParameterSet",
        ErrorCategory.InvalidArgument,
        AMBIGUOUS_SET,
        id="ambiguous-set",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("Tenant"), p(GUID), n("TenantDomain"), p("contoso.com")],
        "AmbiguousParameterSet",
        ErrorCategory.InvalidArgument,
        AMBIGUOUS_SET,
        id="ambiguous-set-tenant-and-domain",
    ),
    pytest.param(
        SET_SETTINGS,
        [n("SendEmailFromOverride"), p("true")],
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'SendEmailFromOverride'. ",
        id="string-to-bool",
    ),
    pytest.param(
        SET_SETTINGS,
        [n("EnableNameRecording"), p("$true")],
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'EnableNameRecording'. ",
        id="quoted-true-to-bool",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("SendEmail", "false")],
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.String' to the type 'System.Management.Automation.SwitchParameter' required by "
        "parameter 'SendEmail'. ",
        id="string-to-switch",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("BridgeName"), p(["a", "b"])],
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.Object[]' to the type 'System.String' required by parameter 'BridgeName'. "
        "Specified method is not supported.",
        id="array-to-string",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("BridgeId"), p(BAD_GUID)],
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        f'Cannot bind parameter \'BridgeId\'. Cannot convert value "{BAD_GUID}" to type "System.Guid". '
        'Error: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."',
        id="bad-guid",
    ),
    pytest.param(
        SET_SETTINGS,
        [n("PinLength"), p("abc")],
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        'Cannot bind parameter \'PinLength\'. Cannot convert value "abc" to type "System.UInt32". '
        "Error: \"The input string 'abc' was not in a correct format.\"",
        id="uint32-from-letters",
    ),
    pytest.param(
        SET_SETTINGS,
        [n("PinLength"), p(-1)],
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        'Cannot bind parameter \'PinLength\'. Cannot convert value "-1" to type "System.UInt32". '
        'Error: "Value was either too large or too small for a UInt32."',
        id="uint32-negative",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("ConferenceId"), p("12345678901")],
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        'Cannot bind parameter \'ConferenceId\'. Cannot convert value "12345678901" to type "System.Int32". '
        'Error: "Value was either too large or too small for an Int32."',
        id="int32-overflow",
    ),
    pytest.param(
        SET_SETTINGS,
        [n("EnableNameRecording"), p(None)],
        "ParameterArgumentValidationErrorNullNotAllowed",
        ErrorCategory.InvalidArgument,
        "Cannot bind argument to parameter 'EnableNameRecording' because it is null.",
        id="null-to-bool",
    ),
    pytest.param(
        SET_USER,
        [n("Identity"), p(None)],
        "ParameterArgumentValidationErrorNullNotAllowed",
        ErrorCategory.InvalidData,
        "Cannot bind argument to parameter 'Identity' because it is null.",
        id="null-to-mandatory",
    ),
    pytest.param(
        SET_USER,
        [p("")],
        "ParameterArgumentValidationErrorEmptyStringNotAllowed",
        ErrorCategory.InvalidData,
        "Cannot bind argument to parameter 'Identity' because it is an empty string.",
        id="empty-mandatory-string",
    ),
    pytest.param(
        SET_USER,
        [p(AMOS), n("ErrorAction"), p("Sometimes")],
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        "Cannot bind parameter 'ErrorAction'. Cannot convert value \"Sometimes\" to type "
        '"System.Management.Automation.ActionPreference". Error: "Unable to match the identifier name Sometimes '
        "to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
        'SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend, Break"',
        id="bad-error-action",
    ),
]


@pytest.mark.parametrize(("command", "arguments", "error_id", "category", "message"), CATALOGUE)
def test_binding_error_catalogue(
    command: str, arguments: list[Any], error_id: str, category: ErrorCategory, message: str
) -> None:
    error = bind_error(command, *arguments)
    check_error(error, error_id, category, message, command)
    assert error.target_object is None  # binding errors have no target: CategoryInfo shows (:)
    activity = command if len(command) <= 40 else f"{command[:19]}\u2026{command[-19:]}"
    assert error.error_record.category_info.startswith(f"{category.name}: (:) [{activity}], Parameter")


def test_binding_errors_are_parameter_binding_exceptions() -> None:
    record = bind_error(SET_SETTINGS, n("SendEmailOverride"), p(True)).error_record
    assert record.exception_type == "System.Management.Automation.ParameterBindingException"
    assert record.category_info == (
        "InvalidArgument: (:) [Set-CsOnlineDialInC\u2026ncingTenantSettings], ParameterBindingException"
    )
    validation = bind_error(SET_USER, p("")).error_record
    assert validation.exception_type == "System.Management.Automation.ParameterBindingValidationException"


def test_send_email_override_names_the_fix() -> None:
    error = bind_error(
        SET_SETTINGS,
        n("SendEmailOverride"),
        p(True),
        n("SendEmailFromAddress"),
        p("amos.marble@contoso.com"),
        n("SendEmailFromDisplayName"),
        p("Amos Marble"),
    )
    assert str(error) == "A parameter cannot be found that matches parameter name 'SendEmailOverride'."
    assert error.recommended_action == "Did you mean '-SendEmailFromOverride'?"
    assert error.error_record.concise_view() == (
        "Set-CsOnlineDialInConferencingTenantSettings: A parameter cannot be found that matches parameter name "
        "'SendEmailOverride'.\n  Recommendation: Did you mean '-SendEmailFromOverride'?"
    )


def test_unknown_parameter_far_from_any_name_has_no_recommendation() -> None:
    assert bind_error(SET_USER, p(AMOS), n("Colour"), p("red")).recommended_action == ""


def test_binding_error_leaves_tenant_unchanged(tenant: cs.Tenant) -> None:
    twin = tenant.Set_CsOnlineDialInConferencingUser
    assert_fails(
        tenant,
        lambda: twin(AMOS, SendEmailOverride=True),
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A parameter cannot be found that matches parameter name 'SendEmailOverride'.",
        SET_USER,
    )
    assert_fails(
        tenant,
        lambda: twin(AMOS, ResetLeaderPin=True, Force="yes"),
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.String' to the type "
        "'System.Management.Automation.SwitchParameter' required by parameter 'Force'. ",
        SET_USER,
    )


# --- name matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "typed", "expected"),
    [
        pytest.param(SET_USER, "id", "Identity", id="prefix-id"),
        pytest.param(SET_USER, "IDENTITY", "Identity", id="case-insensitive"),
        pytest.param(SET_USER, "DC", "DomainController", id="alias-DC"),
        pytest.param(SET_USER, "dc", "DomainController", id="alias-lower-dc"),
        pytest.param(SET_USER, "D", "DomainController", id="own-beats-common-Debug"),
        pytest.param(SET_USER, "wi", "WhatIf", id="alias-wi"),
        pytest.param(SET_USER, "cf", "Confirm", id="alias-cf"),
        pytest.param(SET_USER, "ea", "ErrorAction", id="alias-ea"),
        pytest.param(SET_USER, "Passcode", "ConferenceId", id="alias-Passcode"),
        pytest.param(SET_USER, "ResetPasscode", "ResetConferenceId", id="alias-ResetPasscode"),
        pytest.param(SET_USER, "SendEmail", "SendEmail", id="exact-match-wins"),
        pytest.param(SET_USER, "ResetLeaderPIN", "ResetLeaderPin", id="doc-case"),
        pytest.param(SET_USER, "Ver", "Verbose", id="unique-common-prefix"),
        pytest.param(SET_SETTINGS, "PinL", "PinLength", id="settings-prefix"),
        pytest.param(
            "Set-CsOnlineDialInConferencingUserDefaultNumber", "Country", "CountryOrRegion", id="doc-country-prefix"
        ),
    ],
)
def test_match_parameter(command: str, typed: str, expected: str) -> None:
    parameter = match_parameter(find_command(command), typed)
    assert parameter is not None and parameter.name == expected


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("db", "Debug"),
        ("ea", "ErrorAction"),
        ("ev", "ErrorVariable"),
        ("infa", "InformationAction"),
        ("iv", "InformationVariable"),
        ("ov", "OutVariable"),
        ("ob", "OutBuffer"),
        ("pv", "PipelineVariable"),
        ("proga", "ProgressAction"),
        ("vb", "Verbose"),
        ("wa", "WarningAction"),
        ("wv", "WarningVariable"),
    ],
)
def test_common_parameter_aliases(alias: str, expected: str) -> None:
    parameter = match_parameter(find_command(GET_BRIDGE), alias)
    assert parameter is not None and parameter.name == expected and parameter.is_common


def test_match_parameter_unknown_is_none() -> None:
    assert match_parameter(find_command(SET_USER), "SendEmailOverride") is None


def test_admin_article_line_binds() -> None:
    """``Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail`` (the send-info article)."""
    bound = bind(find_command(SET_USER), [n("id"), p(AMOS), n("SendEmail")])
    assert dict(bound.values) == {"Identity": AMOS, "SendEmail": True}
    assert bound.parameter_set == "TenantIdParams"


def test_common_parameters_by_alias() -> None:
    bound = bind(
        find_command(SET_USER),
        [p(AMOS), n("DC"), p("atl-cs-001"), n("wi"), n("cf", False), n("ea"), p("SilentlyContinue"), n("vb")],
    )
    assert dict(bound.values) == {"Identity": AMOS, "DomainController": "atl-cs-001"}
    assert bound.common.what_if is True
    assert bound.common.confirm is False
    assert bound.common.error_action is ActionPreference.SilentlyContinue
    assert bound.common.verbose is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Stop", ActionPreference.Stop, id="name"),
        pytest.param("silentlycontinue", ActionPreference.SilentlyContinue, id="name-any-case"),
        pytest.param(4, ActionPreference.Ignore, id="number"),
    ],
)
def test_error_action_by_name_or_number(value: Any, expected: ActionPreference) -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), n("ea"), p(value)])
    assert bound.common.error_action is expected


# --- switches and booleans -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        pytest.param(n("SendEmail"), True, id="present"),
        pytest.param(n("SendEmail", True), True, id="colon-true"),
        pytest.param(n("SendEmail", False), False, id="colon-false"),
        pytest.param(n("SendEmail", 0), False, id="colon-zero"),
        pytest.param(n("SendEmail", 1), True, id="colon-one"),
        pytest.param(n("SendEmail", None), True, id="colon-null-is-present"),
    ],
)
def test_switch_forms(argument: NamedArgument, expected: bool) -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), argument])
    assert bound.values["SendEmail"] is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(True, True, id="true"),
        pytest.param(False, False, id="false"),
        pytest.param(0, False, id="zero"),
        pytest.param(2, True, id="two"),
        pytest.param(-1, True, id="minus-one"),
        pytest.param(0.0, False, id="double-zero"),
        pytest.param(1.5, True, id="double"),
    ],
)
def test_bool_parameters_take_bools_and_numbers(value: Any, expected: bool) -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), n("AllowTollFreeDialIn"), p(value)])
    assert bound.values["AllowTollFreeDialIn"] is expected


@pytest.mark.parametrize(
    ("command", "name", "expected"),
    [
        pytest.param(SET_SETTINGS, "PinLength", 0, id="uint32"),
        pytest.param(SET_USER, "ConferenceId", 0, id="int32"),
        pytest.param(SET_USER, "BridgeId", uuid.UUID(int=0), id="guid"),
        pytest.param(SET_USER, "BridgeName", None, id="string"),
    ],
)
def test_null_to_an_optional_parameter(command: str, name: str, expected: Any) -> None:
    """Reference types get $null, value types their default (about_Type_Conversion)."""
    arguments: list[NamedArgument | PositionalArgument] = (
        [n(name), p(None)] if command == SET_SETTINGS else [p(AMOS), n(name), p(None)]
    )
    assert bind(find_command(command), arguments).values[name] == expected


def test_dash_token_that_names_no_parameter_is_a_value() -> None:
    """``Set-X -Name -foo`` binds Name = "-foo" (ParameterBinderController.cs)."""
    bound = bind(find_command(SET_USER), [p(AMOS), n("BridgeName"), NamedArgument("foo", text="-foo")])
    assert bound.values["BridgeName"] == "-foo"


def test_number_binds_to_string_parameter_as_digits() -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), n("ServiceNumber"), p(14255550100)])
    assert bound.values["ServiceNumber"] == "14255550100"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("7", 7, id="string"),
        pytest.param("", 0, id="empty-is-zero"),
        pytest.param("0x0C", 12, id="hex"),
        pytest.param("3.5", 4, id="bankers-rounding-up"),
        pytest.param("4.5", 4, id="bankers-rounding-down"),
        pytest.param(8, 8, id="int"),
    ],
)
def test_uint32_conversions(value: Any, expected: int) -> None:
    bound = bind(find_command(SET_SETTINGS), [n("PinLength"), p(value)])
    assert bound.values["PinLength"] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GUID, id="D"),
        pytest.param(GUID.replace("-", ""), id="N"),
        pytest.param("{" + GUID.upper() + "}", id="B-upper"),
        pytest.param("(" + GUID + ")", id="P"),
    ],
)
def test_guid_forms(text: str) -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), n("BridgeId"), p(text)])
    assert bound.values["BridgeId"] == uuid.UUID(GUID)


# --- positionals and parameter sets -----------------------------------------------------------------


def test_positional_identity() -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), n("ResetLeaderPin")])
    assert dict(bound.values) == {"Identity": AMOS, "ResetLeaderPin": True}


def test_doc_unregister_example_binds_number_positionally() -> None:
    """``-RemoveDefaultServiceNumber 1234`` is a switch then a positional Identity (its reference page)."""
    bound = bind(
        find_command("Unregister-CsOnlineDialInConferencingServiceNumber"),
        [n("BridgeName"), p("Conference Bridge"), n("RemoveDefaultServiceNumber"), p(1234)],
    )
    assert dict(bound.values) == {
        "BridgeName": "Conference Bridge",
        "RemoveDefaultServiceNumber": True,
        "Identity": "1234",
    }


@pytest.mark.parametrize(
    ("command", "arguments", "expected_set", "expected_values"),
    [
        pytest.param(GET_BRIDGE, [], "EmptySet", {}, id="get-bridge-all"),
        pytest.param(
            GET_BRIDGE,
            [p(GUID)],
            "UniqueBridgeParams",
            {"Identity": uuid.UUID(GUID)},
            id="get-bridge-positional-identity",
        ),
        pytest.param(
            GET_BRIDGE,
            [n("Name"), p("Conference Bridge")],
            "BridgeNameParams",
            {"Name": "Conference Bridge"},
            id="get-bridge-by-name",
        ),
        pytest.param(GET_BRIDGE, [n("Force")], "EmptySet", {"Force": True}, id="get-bridge-common-set-only"),
        pytest.param(
            SET_BRIDGE,
            [p(GUID), n("SetDefault")],
            "UniqueBridgeParams",
            {"Identity": uuid.UUID(GUID), "SetDefault": True},
            id="set-bridge-positional-identity",
        ),
        pytest.param(
            SET_BRIDGE,
            [n("Name"), p("EMEA Bridge"), n("DefaultServiceNumber"), p("442035550100")],
            "BridgeNameParams",
            {"Name": "EMEA Bridge", "DefaultServiceNumber": "442035550100"},
            id="set-bridge-by-name",
        ),
        pytest.param(GET_NUMBER, [], "FiltersParams", {}, id="get-number-all"),
        pytest.param(
            GET_NUMBER,
            [p("14255550100")],
            "UniqueNumberParams",
            {"Identity": "14255550100"},
            id="get-number-positional",
        ),
        pytest.param(
            GET_NUMBER,
            [n("BridgeId"), p(GUID)],
            "UniqueBridgeParams",
            {"BridgeId": uuid.UUID(GUID)},
            id="get-number-by-bridge-id",
        ),
        pytest.param(
            GET_NUMBER,
            [n("BridgeName"), p("EMEA Bridge"), n("City"), p("London")],
            "FiltersParams",
            {"BridgeName": "EMEA Bridge", "City": "London"},
            id="get-number-filters",
        ),
        pytest.param(
            GET_NUMBER,
            [n("Tenant"), p(GUID)],
            "TenantIdParams",
            {"Tenant": uuid.UUID(GUID)},
            id="get-number-tenant-set-by-mandatory",
        ),
        pytest.param(
            GET_NUMBER,
            [n("TenantDomain"), p("contoso.com")],
            "TenantDomainParams",
            {"TenantDomain": "contoso.com"},
            id="get-number-tenant-domain-set",
        ),
        pytest.param(SET_SETTINGS, [], "Identity", {}, id="settings-default-set"),
        pytest.param(
            SET_SETTINGS,
            [p("Global"), n("PinLength"), p(7)],
            "Identity",
            {"Identity": "Global", "PinLength": 7},
            id="settings-positional-identity",
        ),
        pytest.param(
            SET_USER,
            [p(AMOS), n("TenantDomain"), p("contoso.com")],
            "TenantDomainParams",
            {"Identity": AMOS, "TenantDomain": "contoso.com"},
            id="set-user-tenant-domain-set",
        ),
    ],
)
def test_parameter_sets(command: str, arguments: list[Any], expected_set: str, expected_values: dict[str, Any]) -> None:
    bound = bind(find_command(command), arguments)
    assert bound.parameter_set == expected_set
    assert dict(bound.values) == expected_values


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        pytest.param(GET_BRIDGE, [n("Identity"), p(GUID), n("Name"), p("x")], id="get-bridge-identity-and-name"),
        pytest.param(SET_BRIDGE, [n("Identity"), p(GUID), n("Name"), p("x")], id="set-bridge-identity-and-name"),
        pytest.param(
            GET_NUMBER, [n("Identity"), p("14255550100"), n("BridgeId"), p(GUID)], id="get-number-identity-and-bridge"
        ),
        pytest.param(GET_NUMBER, [n("BridgeId"), p(GUID), n("BridgeName"), p("x")], id="get-number-bridge-id-and-name"),
    ],
)
def test_exclusive_parameter_sets(command: str, arguments: list[Any]) -> None:
    check_error(
        bind_error(command, *arguments), "AmbiguousParameterSet", ErrorCategory.InvalidArgument, AMBIGUOUS_SET, command
    )


def test_set_bridge_needs_identity_name_or_instance() -> None:
    check_error(
        bind_error(SET_BRIDGE, n("SetDefault")),
        "MissingMandatoryParameter",
        ErrorCategory.InvalidArgument,
        "Cannot process command because of one or more missing mandatory parameters: Identity.",
        SET_BRIDGE,
    )


def test_settings_identity_versus_instance(memory_tenant: cs.Tenant) -> None:
    settings = memory_tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0]
    metadata = find_command(SET_SETTINGS)
    assert bind(metadata, [n("Instance"), p(settings)]).parameter_set == "Instance"
    check_error(
        bind_error(SET_SETTINGS, n("Identity"), p("Global"), n("Instance"), p(settings)),
        "AmbiguousParameterSet",
        ErrorCategory.InvalidArgument,
        AMBIGUOUS_SET,
        SET_SETTINGS,
    )


def test_instance_of_the_wrong_type(memory_tenant: cs.Tenant) -> None:
    bridge = memory_tenant.get_cs_online_dial_in_conferencing_bridge(name="Conference Bridge")[0]
    error = bind_error(SET_NUMBER, n("Instance"), p(bridge))
    assert error.error_id == "CannotConvertArgumentNoMessage"
    assert str(error).startswith("Cannot bind parameter 'Instance'. Cannot convert the \"")
    assert str(error).endswith(
        '" value of type "Microsoft.Rtc.Management.Hosted.Bridge.ConferencingBridge" to type '
        '"Microsoft.Rtc.Management.Hosted.Bridge.ConferencingServiceNumber".'
    )


def test_default_number_sets_from_the_docs() -> None:
    metadata = find_command("Set-CsOnlineDialInConferencingUserDefaultNumber")
    by_bridge_id = bind(
        metadata,
        [
            n("FromNumber"),
            p(14255550100),
            n("ToNumber"),
            p(14255550101),
            n("NumberType"),
            p("Toll"),
            n("RescheduleMeetings"),
            n("BridgeId"),
            p(GUID),
        ],
    )
    assert by_bridge_id.parameter_set == "UniqueBridgeParams"
    by_country = bind(
        metadata,
        [
            n("Country"),
            p("US"),
            n("ToNumber"),
            p("+18005551234"),
            n("NumberType"),
            p("TollFree"),
            n("BridgeId"),
            p(GUID),
        ],
    )
    assert by_country.parameter_set == "FilterByUsageLocation"
    missing_dash = bind_error(
        "Set-CsOnlineDialInConferencingUserDefaultNumber",
        n("FromNumber"),
        p("+14255551234"),
        n("ToNumber"),
        p("+12065555678"),
        p("NumberType"),
        p("TollFree"),
        n("BridgeId"),
        p(GUID),
    )
    assert missing_dash.error_id == "PositionalParameterNotFound"
    assert str(missing_dash) == "A positional parameter cannot be found that accepts argument 'NumberType'."


# --- Python keywords ---------------------------------------------------------------------------------


def test_bind_keywords_uses_the_same_rules() -> None:
    metadata = find_command(SET_USER)
    assert dict(bind_keywords(metadata, {"Identity": AMOS, "SendEmail": True}).values) == {
        "Identity": AMOS,
        "SendEmail": True,
    }
    with pytest.raises(PowerShellError) as info:
        bind_keywords(metadata, {"SendEmail": True})
    check_error(
        info.value,
        "MissingMandatoryParameter",
        ErrorCategory.InvalidArgument,
        "Cannot process command because of one or more missing mandatory parameters: Identity.",
        SET_USER,
    )


# --- pipeline input by property name (about_Pipelines)------------------------------------------------------


def test_pipeline_binds_identity_by_property_name(memory_tenant: cs.Tenant) -> None:
    pending = bind(find_command(SET_USER), [n("SendEmail")], expect_pipeline_input=True)
    assert "Identity" not in pending.values
    user = memory_tenant.get_cs_online_dial_in_conferencing_user(KEN)[0]
    bound = bind_pipeline_object(pending, user)
    assert dict(bound.values) == {"SendEmail": True, "Identity": KEN}
    assert dict(bind_pipeline_object(pending, {"identity": AMOS}).values) == {"SendEmail": True, "Identity": AMOS}
    assert "Identity" not in pending.values  # each input object binds afresh


def test_pipeline_object_without_matching_property() -> None:
    pending = bind(find_command(SET_USER), [n("SendEmail")], expect_pipeline_input=True)
    with pytest.raises(PowerShellError) as info:
        bind_pipeline_object(pending, {"Name": "Amos"})
    check_error(
        info.value,
        "InputObjectNotBound",
        ErrorCategory.InvalidArgument,
        "The input object cannot be bound to any parameters for the command either because the command "
        "does not take pipeline input or the input and its properties do not match any of the parameters "
        "that take pipeline input.",
        SET_USER,
    )
    assert info.value.target_object == {"Name": "Amos"}


def test_pipeline_binding_error_targets_the_input() -> None:
    pending = bind(find_command(SET_USER), [n("SendEmail")], expect_pipeline_input=True)
    with pytest.raises(PowerShellError) as info:
        bind_pipeline_object(pending, {"Identity": ""})
    check_error(
        info.value,
        "ParameterArgumentValidationErrorEmptyStringNotAllowed",
        ErrorCategory.InvalidData,
        "Cannot bind argument to parameter 'Identity' because it is an empty string.",
        SET_USER,
    )
    assert info.value.target_object == {"Identity": ""}


def test_command_line_identity_is_not_rebound_from_pipeline() -> None:
    bound = bind(find_command(SET_USER), [p(AMOS), n("SendEmail")], expect_pipeline_input=True)
    with pytest.raises(PowerShellError) as info:
        bind_pipeline_object(bound, {"Identity": KEN})
    assert info.value.error_id == "InputObjectNotBound"


def test_positional_object_binds_to_instance(memory_tenant: cs.Tenant) -> None:
    """-Identity and -Instance share position 0: the value that needs no conversion decides (positional binding)."""
    [bridge] = memory_tenant.get_cs_online_dial_in_conferencing_bridge(name="Conference Bridge")
    [number] = memory_tenant.get_cs_online_dial_in_conferencing_service_number("14255550100")
    assert bind(find_command(SET_BRIDGE), [p(bridge)]).parameter_set == "InstanceParams"
    assert bind(find_command(SET_BRIDGE), [p(str(bridge.identity))]).parameter_set == "UniqueBridgeParams"
    assert bind(find_command(SET_NUMBER), [p(number)]).parameter_set == "InstanceParams"
    assert bind(find_command(SET_NUMBER), [p("14255550100")]).parameter_set == "UniqueNumberParams"
    assert bind(find_command(SET_NUMBER), [p(14255550100)]).parameter_set == "UniqueNumberParams"
    memory_tenant.Set_CsOnlineDialInConferencingBridge(bridge.model_copy(update={"name": "O365 Bridge"}))
    assert memory_tenant.get_cs_online_dial_in_conferencing_bridge()[0].name == "O365 Bridge"


@pytest.mark.parametrize("parameter", ["WhatIf", "Confirm", "wi"])
def test_no_should_process_parameters_without_support(parameter: str) -> None:
    """Register-/Unregister-…ServiceNumber document no -WhatIf or -Confirm (their reference pages)."""
    error = bind_error("Register-CsOnlineDialInConferencingServiceNumber", p("12065550101"), n(parameter))
    assert (error.error_id, str(error)) == (
        "NamedParameterNotFound",
        f"A parameter cannot be found that matches parameter name '{parameter}'.",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(["a", "b"], "System.Object[]", id="array"),
        pytest.param({"a": 1}, "System.Collections.Hashtable", id="hashtable"),
        pytest.param(3.5, "3.5", id="double"),
        pytest.param(True, "True", id="bool"),
    ],
)
def test_stray_positional_is_shown_as_to_string(value: Any, shown: str) -> None:
    error = bind_error(SET_USER, p(AMOS), p(value))
    assert str(error) == f"A positional parameter cannot be found that accepts argument '{shown}'."


def test_stray_object_is_shown_by_its_type_name(memory_tenant: cs.Tenant) -> None:
    [bridge] = memory_tenant.get_cs_online_dial_in_conferencing_bridge(name="EMEA Bridge")
    error = bind_error(SET_USER, p(AMOS), p(bridge))
    assert str(error) == (
        "A positional parameter cannot be found that accepts argument "
        "'Microsoft.Rtc.Management.Hosted.Bridge.ConferencingBridge'."
    )


def test_object_given_to_a_guid_is_named_by_its_type(memory_tenant: cs.Tenant) -> None:
    [bridge] = memory_tenant.get_cs_online_dial_in_conferencing_bridge(name="EMEA Bridge")
    error = bind_error(SET_USER, p(AMOS), n("BridgeId"), p(bridge))
    assert str(error) == (
        "Cannot bind parameter 'BridgeId'. Cannot convert value \"Microsoft.Rtc.Management.Hosted.Bridge."
        'ConferencingBridge" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes '
        '(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."'
    )


# --- keyword binding: the second call of a shape binds from the cached shape ----------------------

KEYWORD_CASES = [
    pytest.param(SET_USER, {"Identity": AMOS, "AllowTollFreeDialIn": 0, "ErrorAction": "Stop"}, id="binds"),
    pytest.param(SET_USER, {"Identity": None}, id="null-mandatory"),
    pytest.param(SET_USER, {"Identity": "", "SendEmail": True}, id="empty-mandatory"),
    pytest.param(SET_USER, {"Identity": AMOS, "AllowTollFreeDialIn": "yes"}, id="string-to-bool"),
    pytest.param(SET_USER, {"Identity": AMOS, "ErrorAction": "Loud"}, id="bad-common-value"),
    pytest.param(SET_USER, {"SendEmail": True}, id="missing-mandatory"),
    pytest.param(SET_BRIDGE, {"Identity": GUID, "Instance": None}, id="ambiguous-set"),
    pytest.param(SET_BRIDGE, {"Name": "x"}, id="set-by-default"),
]


def _outcome(binding: Any) -> Any:
    try:
        bound = binding()
    except PowerShellError as error:
        return error.fully_qualified_error_id, error.category, str(error)
    return bound.parameter_set, dict(bound.values), bound.common, bound.candidate_sets


@pytest.mark.parametrize(("command", "values"), KEYWORD_CASES)
def test_keyword_binding_from_a_known_shape_matches_the_binder(command: str, values: dict[str, Any]) -> None:
    """bind_keywords works out each combination of names once and then only converts values:
    first and later calls must bind (or fail) exactly as the step-by-step binder does."""
    metadata = dataclasses.replace(find_command(command))  # a fresh copy: no shape known yet
    step_by_step = _outcome(lambda: bind(metadata, [NamedArgument(name, value) for name, value in values.items()]))
    assert _outcome(lambda: bind_keywords(metadata, values)) == step_by_step
    assert tuple(values) in metadata.keyword_shapes
    assert _outcome(lambda: bind_keywords(metadata, values)) == step_by_step
