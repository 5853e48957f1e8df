"""ErrorRecords and their views (ErrorPackage.cs, about_Error_Handling)."""

from __future__ import annotations

import pytest

from cscmdlets.powershell.errors import (
    CommandNotFound,
    ErrorCategory,
    ErrorRecord,
    InvocationInfo,
    NamedParameterNotFound,
    NullNotAllowed,
    PowerShellError,
    ServiceError,
    error_class_for,
)

SET_USER = "Set-CsOnlineDialInConferencingUser"
TYPE = "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.SetCsOnlineDialInConferencingUserCmdlet"
LINE = "Set-CsOnlineDialInConferencingUser -SendEmailOverride $true"
MESSAGE = "A parameter cannot be found that matches parameter name 'SendEmailOverride'."


def positioned(script_name: str = "", line_number: int = 1) -> PowerShellError:
    error = NamedParameterNotFound("SendEmailOverride").for_command(SET_USER, TYPE)
    return error.at(InvocationInfo(script_name=script_name, line_number=line_number, column=36, line=LINE, length=18))


def test_fully_qualified_error_id() -> None:
    error = positioned()
    assert error.fully_qualified_error_id == f"NamedParameterNotFound,{TYPE}"
    assert error.invocation.command_name == SET_USER
    assert str(error) == MESSAGE


def test_normal_view_as_windows_powershell_shows_it() -> None:
    assert positioned().error_record.normal_view() == (
        f"{SET_USER} : {MESSAGE}\n"
        "At line:1 char:36\n"
        f"+ {LINE}\n"
        "+                                    ~~~~~~~~~~~~~~~~~~\n"
        f"    + CategoryInfo          : InvalidArgument: (:) [{SET_USER}], ParameterBindingException\n"
        f"    + FullyQualifiedErrorId : NamedParameterNotFound,{TYPE}"
    )


def test_concise_view_interactive() -> None:
    assert positioned().error_record.concise_view() == f"{SET_USER}: {MESSAGE}"


def test_concise_view_in_a_script() -> None:
    assert positioned("/scripts/x.ps1", 3).error_record.concise_view() == (
        f"{SET_USER}: /scripts/x.ps1:3\n"
        "Line |\n"
        f"   3 |  {LINE}\n"
        "     |                                     ~~~~~~~~~~~~~~~~~~\n"
        f"     | {MESSAGE}"
    )


def test_concise_view_wraps_long_messages() -> None:
    error = ServiceError(message="word " * 40)
    error.for_command(SET_USER, TYPE).at(
        InvocationInfo(script_name="x.ps1", line_number=1, column=1, line="x", length=1)
    )
    lines = error.error_record.concise_view(width=60).splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert sum(line.startswith("     | word") for line in lines) > 1


def test_category_info_shortens_long_parts() -> None:
    error = ServiceError(message="m", target_object="x" * 50)
    error.for_command("Set-CsOnlineDialInConferencingTenantSettings", "T")
    record = error.error_record
    assert record.category_info == (
        f"InvalidOperation: ({'x' * 19}\u2026{'x' * 19}:String) [Set-CsOnlineDialInC\u2026ncingTenantSettings], "
        "InvalidOperationException"
    )
    assert record.category_view() == record.category_info


def test_command_not_found_has_no_type_suffix_nor_activity() -> None:
    error = CommandNotFound("Get-Nothing", target_object="Get-Nothing", command_name="Get-Nothing")
    record = error.error_record
    assert record.fully_qualified_error_id == "CommandNotFoundException"
    assert record.category_info == "ObjectNotFound: (Get-Nothing:String) [], CommandNotFoundException"
    assert record.concise_view().startswith("Get-Nothing: The term 'Get-Nothing' is not recognized")


def test_record_is_built_once_from_the_error() -> None:
    error = positioned()
    record = ErrorRecord.from_error(error)
    assert (record.error_id, record.category, record.exception_type, record.error) == (
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        "System.Management.Automation.ParameterBindingException",
        error,
    )
    assert record.reason == "ParameterBindingException"


@pytest.mark.parametrize(
    ("error_id", "expected"),
    [
        ("NamedParameterNotFound", NamedParameterNotFound),
        ("ParameterArgumentValidationErrorNullNotAllowed", NullNotAllowed),
        ("CommandNotFoundException", CommandNotFound),
        ("NoSuchError", None),
    ],
)
def test_error_class_for_maps_ids_back(error_id: str, expected: type[PowerShellError] | None) -> None:
    assert error_class_for(error_id) is expected


def test_service_errors_are_mapped_back_too() -> None:
    from cscmdlets.cmdlets.errors import ServiceNumberNotOnBridge

    assert error_class_for("ServiceNumberNotOnBridge") is ServiceNumberNotOnBridge


def test_every_catalogue_template_is_exact() -> None:
    """Spot checks against the texts of ParameterBinderStrings.resx."""
    from cscmdlets.powershell import errors as e

    assert e.MissingMandatoryParameter(" Identity Name").message == (
        "Cannot process command because of one or more missing mandatory parameters: Identity Name."
    )
    assert e.ParameterNotInParameterSet("Name", "UniqueBridgeParams").message == (
        "Parameter 'Name' cannot be specified in parameter set 'UniqueBridgeParams'."
    )
    assert e.ValidationFailed("X", "detail").message == "Cannot validate argument on parameter 'X'. detail"
    assert e.InputObjectMissingMandatory(" Identity").message == (
        "The input object cannot be bound because it did not contain the information required to bind all "
        "mandatory parameters:  Identity"
    )
    assert e.CannotConvertArgument(
        "Force", "System.String", "System.Management.Automation.SwitchParameter", ""
    ).message.endswith("required by parameter 'Force'. ")


LONG = (
    "Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true -SendEmailFromAddress "
    "amos.marble@contoso.com"
)


@pytest.mark.parametrize(
    ("line", "column", "length", "shown", "underline"),
    [
        pytest.param(LINE, 36, 18, LINE, " " * 35 + "~" * 18, id="short-line-whole"),
        pytest.param(
            LONG,
            46,
            18,
            "... t-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true - ...",
            " " * 47 + "~" * 18,
            id="long-line-cut-both-sides",
        ),
        pytest.param(LONG, 1, 44, LONG[:69] + " ...", "~" * 44, id="error-at-the-start"),
        pytest.param(LONG, 93, 23, "... " + LONG[-69:], " " * (4 + 46) + "~" * 23, id="error-at-the-end"),
        pytest.param("x" * 100, 2, 90, "x" * 69 + " ...", " " + "~" * 68, id="error-wider-than-the-line"),
        pytest.param("\tSet-X -Foo", 8, 4, "    Set-X -Foo", " " * 10 + "~~~~", id="tab-expanded"),
        pytest.param("Set-X -Foo", 11, 0, "Set-X -Foo", " " * 10 + "~", id="at-the-end-one-tilde"),
    ],
)
def test_position_message_excerpt(line: str, column: int, length: int, shown: str, underline: str) -> None:
    from cscmdlets.powershell.errors import position_excerpt

    assert position_excerpt(line, column, length) == (shown, underline)
    assert len(shown.removeprefix("... ").removesuffix(" ...")) <= 69


def test_normal_view_of_a_long_line() -> None:
    error = NamedParameterNotFound("SendEmailOverride").for_command(SET_USER, TYPE)
    error.at(InvocationInfo(line_number=1, column=46, line=LONG, length=18))
    lines = error.error_record.normal_view().splitlines()
    assert lines[1:4] == [
        "At line:1 char:46",
        "+ ... t-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true - ...",
        "+ " + " " * 47 + "~" * 18,
    ]
