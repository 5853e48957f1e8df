"""What every cmdlet shares: -WhatIf, -Confirm, -ErrorAction, command discovery, and the
PowerShell text door's lexical rules (PowerShell's parameter binder and tokenizer)."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from helpers import AMOS, KEN, Door, assert_fails, check_error, snapshot, user_of

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS, Host, find_command
from cscmdlets.cmdlets.demo import EMEA_BRIDGE
from cscmdlets.powershell.errors import ErrorCategory

SET_USER = "Set-CsOnlineDialInConferencingUser"
SET_SETTINGS = "Set-CsOnlineDialInConferencingTenantSettings"
NON_INTERACTIVE = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."

WHAT_IF_CASES = [
    pytest.param(SET_USER, (AMOS,), {"ResetLeaderPin": True, "SendEmail": True}, AMOS, id="set-user"),
    pytest.param(SET_SETTINGS, (), {"PinLength": 7}, "Global", id="set-settings"),
    pytest.param("Remove-CsOnlineDialInConferencingTenantSettings", (), {}, "Global", id="remove-settings"),
    pytest.param(
        "Set-CsOnlineDialInConferencingBridge",
        (),
        {"Name": "EMEA Bridge", "SetDefault": True},
        str(EMEA_BRIDGE.identity),
        id="set-bridge",
    ),
    pytest.param(
        "Set-CsOnlineDialInConferencingServiceNumber",
        ("+14255550100",),
        {"PrimaryLanguage": "de-DE"},
        "14255550100",
        id="set-service-number",
    ),
    pytest.param(
        "Set-CsOnlineDialInConferencingUserDefaultNumber",
        (),
        {"BridgeName": "Conference Bridge", "ToNumber": "12065550100", "NumberType": "Toll"},
        "Conference Bridge",
        id="set-user-default-number",
    ),
]


@pytest.mark.parametrize(("command", "positional", "params", "target"), WHAT_IF_CASES)
def test_what_if_prints_and_changes_nothing(
    door: Door, command: str, positional: tuple[Any, ...], params: dict[str, Any], target: str
) -> None:
    if command == SET_SETTINGS or command.startswith("Remove"):
        door(SET_SETTINGS, PinLength=9)  # so that Remove- would change something
    before = snapshot(door.tenant)
    random_state = door.tenant.random.getstate()
    streams = door.streams(command, *positional, WhatIf=True, **params)
    assert streams.host == [f'What if: Performing the operation "{command}" on target "{target}".']
    assert streams.output == []
    assert snapshot(door.tenant) == before
    assert door.tenant.random.getstate() == random_state  # a dry run draws no PIN


def test_what_if_goes_to_stdout_in_python(memory_tenant: cs.Tenant, capsys: pytest.CaptureFixture[str]) -> None:
    assert memory_tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, what_if=True) == []
    assert capsys.readouterr().out == (
        'What if: Performing the operation "Set-CsOnlineDialInConferencingUser" on target "amos.marble@contoso.com".\n'
    )


def test_what_if_false_runs(door: Door) -> None:
    door(SET_SETTINGS, PinLength=7, WhatIf=False)
    assert door("Get-CsOnlineDialInConferencingTenantSettings")[0].pin_length == 7


def test_confirm_fails_on_the_non_interactive_host(door: Door) -> None:
    error = assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ResetLeaderPin=True, Confirm=True),
        "InvalidOperation",
        ErrorCategory.InvalidOperation,
        NON_INTERACTIVE,
    )
    assert error.error_record.exception_type == "System.Management.Automation.PSInvalidOperationException"
    assert_fails(
        door.tenant,
        lambda: door(SET_SETTINGS, PinLength=7, Confirm=True),
        "InvalidOperation",
        ErrorCategory.InvalidOperation,
        NON_INTERACTIVE,
    )


def test_confirm_false_never_prompts(door: Door) -> None:
    [shown] = door(SET_USER, AMOS, ResetLeaderPin=True, Confirm=False)
    assert shown.leader_pin is not None and shown.leader_pin.isdigit()


def test_force_and_defaults_never_prompt(door: Door) -> None:
    """ConfirmImpact Medium is below the default $ConfirmPreference High."""
    door(SET_SETTINGS, PinLength=6, Force=True)
    door(SET_SETTINGS, EnableNameRecording=False)
    settings = door("Get-CsOnlineDialInConferencingTenantSettings")[0]
    assert (settings.pin_length, settings.enable_name_recording) == (6, False)


@pytest.mark.parametrize(
    ("answer", "changed"), [pytest.param(True, True, id="yes"), pytest.param(False, False, id="no")]
)
def test_confirm_on_an_interactive_host(answer: bool, changed: bool) -> None:
    prompts: list[tuple[str, str]] = []

    def confirm(caption: str, message: str) -> bool:
        prompts.append((caption, message))
        return answer

    tenant = cs.Tenant.demo(host=Host(confirm=confirm))
    before = snapshot(tenant)
    tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=7, confirm=True)
    assert prompts == [
        (
            "Confirm",
            "Are you sure you want to perform this action?\nPerforming the operation "
            '"Set-CsOnlineDialInConferencingTenantSettings" on target "Global".',
        )
    ]
    assert (snapshot(tenant) != before) is changed


@pytest.mark.parametrize("action", ["SilentlyContinue", "Ignore"])
def test_error_action_silences_service_errors(door: Door, action: str) -> None:
    before = snapshot(door.tenant)
    assert door(SET_USER, AMOS, ServiceNumber="442035550100", ErrorAction=action) == []
    assert snapshot(door.tenant) == before


def test_silenced_error_is_still_recorded_in_python(memory_tenant: cs.Tenant) -> None:
    output = memory_tenant.set_cs_online_dial_in_conferencing_user(
        AMOS, service_number="442035550100", error_action="SilentlyContinue"
    )
    [record] = output.result.errors
    assert record.error_id == "ServiceNumberNotOnBridge"


@pytest.mark.parametrize("action", ["Stop", "Continue"])
def test_error_action_stop_and_continue_raise(door: Door, action: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ServiceNumber="442035550100", ErrorAction=action),
        "ServiceNumberNotOnBridge",
        ErrorCategory.InvalidArgument,
        'The service number "442035550100" is not assigned to the conferencing bridge "Conference Bridge".',
        SET_USER,
    )


def test_error_action_does_not_silence_binding_errors(door: Door) -> None:
    """-ErrorAction governs non-terminating errors only."""
    assert_fails(
        door.tenant,
        lambda: door(SET_USER, AMOS, ServiceNumber=["1", "2"], ErrorAction="SilentlyContinue"),
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.Object[]' to the type 'System.String' required by parameter 'ServiceNumber'. "
        "Specified method is not supported.",
        SET_USER,
    )


# --- command discovery ----------------------------------------------------------------------------


COMMAND_NOT_FOUND = (
    "The term 'Set-CsOnlineDialInConferencingTenantSetting' is not recognized as a name of a cmdlet, function, "
    "script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that "
    "the path is correct and try again."
)


def test_misspelt_cmdlet_from_the_admin_articles(tenant: cs.Tenant) -> None:
    tenant.module = "MicrosoftTeams"  # PowerShell 7's wording (the Skype connector's host is 5.1)
    line = "Set-CsOnlineDialInConferencingTenantSetting -AutomaticallySendEmailsToUsers $false"
    error = assert_fails(
        tenant, lambda: tenant.invoke(line), "CommandNotFoundException", ErrorCategory.ObjectNotFound, COMMAND_NOT_FOUND
    )
    assert error.fully_qualified_error_id == "CommandNotFoundException"
    assert error.recommended_action == "Did you mean 'Set-CsOnlineDialInConferencingTenantSettings'?"
    record = error.error_record
    assert record.category_info == (
        "ObjectNotFound: (Set-CsOnlineDialInC\u2026encingTenantSetting:String) [], CommandNotFoundException"
    )
    assert record.concise_view() == (
        f"Set-CsOnlineDialInConferencingTenantSetting: {COMMAND_NOT_FOUND}\n"
        "  Recommendation: Did you mean 'Set-CsOnlineDialInConferencingTenantSettings'?"
    )


def test_find_command_is_case_insensitive() -> None:
    assert find_command("set-csonlinedialinconferencinguser").name == SET_USER
    assert find_command("Get-CsOnlineDialInConferencingTenantConfiguration").name == (
        "Get-CsOnlineDialinConferencingTenantConfiguration"
    )


def test_unknown_command_without_close_match() -> None:
    with pytest.raises(cs.PowerShellError) as info:
        find_command("Get-Nothing")
    check_error(
        info.value,
        "CommandNotFoundException",
        ErrorCategory.ObjectNotFound,
        COMMAND_NOT_FOUND.replace("Set-CsOnlineDialInConferencingTenantSetting", "Get-Nothing"),
    )
    assert info.value.recommended_action == ""


def test_admin_article_override_line(tenant: cs.Tenant) -> None:
    line = (
        "Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true -SendEmailFromAddress "
        'amos.marble@contoso.com -SendEmailFromDisplayName "Amos Marble"'
    )
    error = assert_fails(
        tenant,
        lambda: tenant.invoke(line),
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A parameter cannot be found that matches parameter name 'SendEmailOverride'.",
        SET_SETTINGS,
    )
    assert error.recommended_action == "Did you mean '-SendEmailFromOverride'?"


# --- PowerShell text: dashes, quotes, switches ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "Set-CsOnlineDialInConferencingUser \u2013Identity amos.marble@contoso.com \u2014SendEmail",
            id="en-and-em-dash",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser \u2015id amos.marble@contoso.com -SendEmail", id="horizontal-bar"
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity \u201camos.marble@contoso.com\u201d -SendEmail",
            id="typographic-double-quotes",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity \u2018Amos Marble\u2019 -SendEmail",
            id="typographic-single-quotes",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity:amos.marble@contoso.com -SendEmail:$true", id="glued-values"
        ),
        pytest.param("set-csonlinedialinconferencinguser AMOS.MARBLE@CONTOSO.COM -sendemail", id="any-case"),
    ],
)
def test_text_forms(tenant: cs.Tenant, line: str) -> None:
    assert tenant.invoke(line) == []
    with tenant.store.transaction():
        assert [entry.kind for entry in tenant.store.outbox()] == ["ConferenceInfo"]


def test_switch_given_false_after_a_space(tenant: cs.Tenant) -> None:
    assert_fails(
        tenant,
        lambda: tenant.invoke(f"Set-CsOnlineDialInConferencingUser {AMOS} -SendEmail $false"),
        "PositionalParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A positional parameter cannot be found that accepts argument 'False'.",
        SET_USER,
    )
    tenant.invoke(f"Set-CsOnlineDialInConferencingUser {AMOS} -ResetLeaderPin:$false -SendEmail:$false")
    assert snapshot(tenant)["outbox"] == []


def test_bool_given_a_string_in_text(tenant: cs.Tenant) -> None:
    assert_fails(
        tenant,
        lambda: tenant.invoke(f"{SET_SETTINGS} -SendEmailFromOverride 'true'"),
        "CannotConvertArgument",
        ErrorCategory.InvalidArgument,
        "Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'SendEmailFromOverride'. ",
        SET_SETTINGS,
    )


def test_missing_mandatory_in_text(tenant: cs.Tenant) -> None:
    assert_fails(
        tenant,
        lambda: tenant.invoke("Set-CsOnlineDialInConferencingUser -SendEmail"),
        "MissingMandatoryParameter",
        ErrorCategory.InvalidArgument,
        "Cannot process command because of one or more missing mandatory parameters: Identity.",
        SET_USER,
    )


def test_doc_line_with_en_dash_and_space_fails(tenant: cs.Tenant) -> None:
    """``user@contoso.com \u2013 AllowTollFreeDialIn $false``: a lone dash is an argument (an admin article's typo)."""
    line = f"Set-CsOnlineDialInConferencingUser {AMOS} \u2013 AllowTollFreeDialIn $false"
    error = assert_fails(
        tenant,
        lambda: tenant.invoke(line),
        "PositionalParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A positional parameter cannot be found that accepts argument '\u2013'.",
        SET_USER,
    )
    assert error.error_record.invocation.line == line


def test_number_arguments_keep_their_digits(tenant: cs.Tenant) -> None:
    tenant.invoke(f"Set-CsOnlineDialInConferencingUser -Identity {KEN} -ServiceNumber 12065550100")
    tenant.invoke(f"{SET_SETTINGS} -PinLength 12")
    assert user_of(tenant, KEN).service_number == "12065550100"
    assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 12


# --- the twins and module-level functions ------------------------------------------------------------


def test_twin_binds_like_powershell(memory_tenant: cs.Tenant) -> None:
    twin: Callable[..., Any] = memory_tenant.Set_CsOnlineDialInConferencingUser
    twin("amos.marble@contoso.com", SendEmail=True)
    twin(id=KEN, sendemail=True)
    assert len(memory_tenant.outbox) == 2


def test_module_functions_act_on_the_session(memory_tenant: cs.Tenant) -> None:
    cs.connect(memory_tenant)
    try:
        cs.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
        cs.Set_CsOnlineDialInConferencingUser(KEN, SendEmail=True)
        assert [u.identity for u in cs.get_cs_online_dial_in_conferencing_user()] == [
            AMOS,
            KEN,
            "pilar.ackerman@contoso.com",
        ]
    finally:
        cs.disconnect()
    assert [entry.command for entry in memory_tenant.audit()] == [SET_USER, SET_USER]


def test_what_if_is_checked_before_confirm(door: Door) -> None:
    before = snapshot(door.tenant)
    streams = door.streams(SET_SETTINGS, PinLength=7, WhatIf=True, Confirm=True)
    assert streams.host == [f'What if: Performing the operation "{SET_SETTINGS}" on target "Global".']
    assert snapshot(door.tenant) == before


def test_service_error_comes_before_what_if(door: Door) -> None:
    """The cmdlet validates first, then asks ShouldProcess: a dry run of a bad call still fails."""
    assert_fails(
        door.tenant,
        lambda: door.streams(SET_USER, AMOS, ServiceNumber="442035550100", WhatIf=True),
        "ServiceNumberNotOnBridge",
        ErrorCategory.InvalidArgument,
        'The service number "442035550100" is not assigned to the conferencing bridge "Conference Bridge".',
        SET_USER,
    )


def test_warning_action_silences_the_python_warning(memory_tenant: cs.Tenant) -> None:
    output = memory_tenant.set_cs_online_dial_in_conferencing_user(
        AMOS, conference_id=3542699, warning_action="SilentlyContinue"
    )
    assert output.result.warnings[0].startswith("The ConferenceId parameter is deprecated")  # still recorded


def test_verbose_records_the_operation(memory_tenant: cs.Tenant) -> None:
    output = memory_tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=7, verbose=True)
    assert output.result.verbose == [
        'Performing the operation "Set-CsOnlineDialInConferencingTenantSettings" on target "Global".'
    ]


EXAMPLES = [
    pytest.param(example.code, id=f"{metadata.name}-{number}")
    for metadata in COMMANDS
    for number, example in enumerate(metadata.examples, 1)
]


@pytest.mark.parametrize("code", EXAMPLES)
def test_every_help_example_runs_on_the_demo_tenant(memory_tenant: cs.Tenant, code: str) -> None:
    with warnings.catch_warnings():  # an example may warn (Set-CsUser's deprecated parameters); it must not fail
        warnings.simplefilter("ignore", cs.CmdletWarning)
        memory_tenant.invoke(code)


def test_default_number_example_changes_the_users_it_describes(memory_tenant: cs.Tenant) -> None:
    memory_tenant.invoke(
        "Set-CsOnlineDialInConferencingUserDefaultNumber -FromNumber 14255550100 -ToNumber "
        '12065550100 -NumberType Toll -BridgeName "Conference Bridge"'
    )
    assert [user_of(memory_tenant, upn).service_number for upn in (AMOS, KEN)] == ["12065550100"] * 2


def test_invoke_with_what_if_returns_nothing_and_changes_nothing(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    assert tenant.invoke(f"Set-CsOnlineDialInConferencingUser {AMOS} -ResetLeaderPin -SendEmail -wi") == []
    assert snapshot(tenant) == before


def test_a_call_leaves_no_reference_cycles(tenant: cs.Tenant) -> None:
    """Every object a call makes is freed by reference counting. A cycle (once: Result <-> its
    output list) leaves each call's objects to the cyclic collector, whose passes over a large
    tenant cost the hot path several microseconds per call. (Emails are left out: the standard
    library's header classes are made per message and are cyclic.)"""
    setter, getter = tenant.set_cs_online_dial_in_conferencing_user, tenant.get_cs_online_dial_in_conferencing_user
    getter(AMOS)  # caches warm
    gc.collect()
    for flag in (True, False, True):
        setter(KEN, allow_toll_free_dial_in=flag)
        tenant.invoke(f"{SET_USER} -Identity {AMOS} -AllowTollFreeDialIn ${flag}")
        output = getter(KEN)
    assert output.result.errors == [] and output[0].allow_toll_free_dial_in  # the output still knows its streams
    assert gc.collect() == 0
