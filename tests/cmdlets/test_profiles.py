"""Module profiles: MicrosoftTeams (today's module, the default) and SkypeOnlineConnector (the
2017 era). Under a profile a missing command or parameter fails as it would in that module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import AMOS, Door, assert_fails, fixed_clock

import cscmdlets as cs
from cscmdlets.cli.main import main
from cscmdlets.cmdlets import COMMANDS
from cscmdlets.cmdlets.profiles import MICROSOFT_TEAMS, SET_USER_TODAY, SKYPE_ONLINE_CONNECTOR
from cscmdlets.powershell.errors import ErrorCategory

SET_USER = "Set-CsOnlineDialInConferencingUser"
PS7_NOT_FOUND = (
    "The term '{0}' is not recognized as a name of a cmdlet, function, script file, or executable program.\n"
    "Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
)
PS51_NOT_FOUND = (
    "The term '{0}' is not recognized as the name of a cmdlet, function, script file, or operable program. "
    "Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
)


@pytest.fixture
def teams_door(door: Door) -> Door:
    door.tenant.module = "MicrosoftTeams"
    return door


def test_default_is_today_s_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSCMDLETS_MODULE")
    assert cs.Tenant.demo().module is MICROSOFT_TEAMS
    assert cs.Tenant.demo(module="skypeonlineconnector").module is SKYPE_ONLINE_CONNECTOR


def test_open_takes_a_module(tmp_path: Path) -> None:
    with cs.Tenant.open(tmp_path / "t.db", seed="demo", module="MicrosoftTeams") as tenant:
        assert tenant.module.name == "MicrosoftTeams"
        assert [m.name for m in tenant.invoke("Get-Module")] == ["MicrosoftTeams"]


def test_unknown_module_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown module 'AzureAD'"):
        cs.Tenant.demo(module="AzureAD")


def test_set_user_surface_today() -> None:
    """The reduced surface, plus -WhatIf/-Confirm from SupportsShouldProcess."""
    metadata = MICROSOFT_TEAMS.find_command(SET_USER)
    assert [p.name for p in metadata.parameters] == [
        name for name in [p.name for p in cs.cmdlets.find_command(SET_USER).parameters] if name in SET_USER_TODAY
    ]
    assert sorted(p.name for p in metadata.parameters) == sorted(SET_USER_TODAY)
    assert metadata.supports_should_process


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        pytest.param({"ConferenceId": 1234567}, "ConferenceId", id="conference-id"),
        pytest.param({"ResetConferenceId": True}, "ResetConferenceId", id="reset-conference-id"),
        pytest.param({"AllowPSTNOnlyMeetings": True}, "AllowPSTNOnlyMeetings", id="pstn-only"),
        pytest.param({"DomainController": "dc1.contoso.com"}, "DomainController", id="domain-controller"),
        pytest.param({"TenantDomain": "contoso.com"}, "TenantDomain", id="tenant-domain"),
    ],
)
def test_legacy_parameter_is_not_found_today(teams_door: Door, params: dict[str, Any], shown: str) -> None:
    assert_fails(
        teams_door.tenant,
        lambda: teams_door(SET_USER, AMOS, **params),
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        f"A parameter cannot be found that matches parameter name '{shown}'.",
        SET_USER,
    )


def test_alias_of_a_legacy_parameter_shows_as_typed(memory_tenant: cs.Tenant) -> None:
    memory_tenant.module = "MicrosoftTeams"
    assert_fails(
        memory_tenant,
        lambda: memory_tenant.invoke(f"Set-CsOnlineDialInConferencingUser {AMOS} -Passcode 1234567"),
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A parameter cannot be found that matches parameter name 'Passcode'.",
        SET_USER,
    )


@pytest.mark.parametrize(
    "command",
    [
        "Enable-CsOnlineDialInConferencingUser",
        "Disable-CsOnlineDialInConferencingUser",
        "Get-CsOnlineDialInConferencingUserInfo",
        "Get-CsOnlineDialInConferencingUserState",
        "Set-CsOnlineDialInConferencingUserDefaultNumber",
    ],
)
def test_retired_command_is_not_found_today(teams_door: Door, command: str) -> None:
    arguments: dict[str, Any] = {"Identity": AMOS} if "User" in command and "Default" not in command else {}
    if "Default" in command:
        arguments = {"BridgeName": "Conference Bridge", "ToNumber": "14255550100", "NumberType": "Toll"}
    error = assert_fails(
        teams_door.tenant,
        lambda: teams_door(command, **arguments),
        "CommandNotFoundException",
        ErrorCategory.ObjectNotFound,
        PS7_NOT_FOUND.format(command),
    )
    assert error.fully_qualified_error_id == "CommandNotFoundException"
    assert error.recommended_action == (
        "It is not in the MicrosoftTeams module: cscmdlets check --target MicrosoftTeams migrates it."
    )


def test_legacy_host_wording(memory_tenant: cs.Tenant) -> None:
    """The Skype connector ran on Windows PowerShell 5.1: its not-found text is one line. (A
    near-miss of a cmdlet: a name cscmdlets does not know at all is an emulator stop instead.)"""
    assert_fails(
        memory_tenant,
        lambda: memory_tenant.invoke("Get-CsOnlineDialInConferencingUsr"),
        "CommandNotFoundException",
        ErrorCategory.ObjectNotFound,
        PS51_NOT_FOUND.format("Get-CsOnlineDialInConferencingUsr"),
    )


def test_teams_only_settings_are_not_in_the_connector(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Set-CsOnlineDialInConferencingTenantSettings", MsftInternalProcessingMode="x"),
        "NamedParameterNotFound",
        ErrorCategory.InvalidArgument,
        "A parameter cannot be found that matches parameter name 'MsftInternalProcessingMode'.",
        "Set-CsOnlineDialInConferencingTenantSettings",
    )


def test_what_stays_works_today(teams_door: Door) -> None:
    [user] = teams_door(SET_USER, AMOS, ResetLeaderPin=True, SendEmail=True)
    assert user.leader_pin is not None and "*" not in user.leader_pin


# --- chosen by the script ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        pytest.param("Import-Module SkypeOnlineConnector", id="import-module"),
        pytest.param("Import-Module -Name 'C:\\Program Files\\SkypeOnlineConnector.psd1'", id="import-path"),
        pytest.param("#Requires -Version 5.1 -Modules SkypeOnlineConnector", id="requires"),
        pytest.param(
            "#Requires -Modules @{ModuleName='SkypeOnlineConnector'; ModuleVersion='7.0'}", id="requires-hash"
        ),
        pytest.param("$s = New-CsOnlineSession -Credential $cred\nImport-PSSession $s", id="new-csonlinesession"),
    ],
)
def test_the_script_loads_the_legacy_module(opening: str) -> None:
    tenant = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    result = tenant.run_script(
        f"{opening}\n(Get-Module).Name\nSet-CsOnlineDialInConferencingUser -Identity {AMOS} -ConferenceId 3542699"
    )
    assert result.errors == []
    assert result.output == ["SkypeOnlineConnector"]
    assert tenant.get_cs_online_dial_in_conferencing_user(AMOS)[0].conference_id == 3542699


def test_import_module_microsoft_teams_goes_back(memory_tenant: cs.Tenant) -> None:
    result = memory_tenant.run_script(
        "Import-Module MicrosoftTeams\nConnect-MicrosoftTeams\n"
        f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ConferenceId 3542699"
    )
    [record] = result.errors
    assert record.error_id == "NamedParameterNotFound"
    assert (record.invocation.line_number, memory_tenant.module.name) == (3, "MicrosoftTeams")


def test_get_module_list_available(memory_tenant: cs.Tenant) -> None:
    found = memory_tenant.invoke("Get-Module -ListAvailable")
    assert [(m.name, m.module_type) for m in found] == [
        ("MicrosoftTeams", "Script"),
        ("SkypeOnlineConnector", "Manifest"),
    ]
    assert "Enable-CsOnlineDialInConferencingUser" in found[1].exported_commands
    assert "Enable-CsOnlineDialInConferencingUser" not in found[0].exported_commands


# --- the CLI -------------------------------------------------------------------------------------------


def test_cli_module_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = str(tmp_path / "t.db")
    line = f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ConferenceId 3542699"
    assert main(["run", "-c", line, "--state", state, "--demo", "--module", "microsoftteams"]) == 1
    assert "A parameter cannot be found that matches parameter name 'ConferenceId'." in capsys.readouterr().err
    assert main(["run", "-c", line, "--state", state, "--module", "SkypeOnlineConnector"]) == 0
    assert main(["run", "-c", "(Get-Module).Name", "--state", state, "--module", "SkypeOnlineConnector"]) == 0
    assert capsys.readouterr().out.strip() == "SkypeOnlineConnector"


# --- the linter reads the module the script loads ---------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "errors"),
    [
        pytest.param("Import-Module MicrosoftTeams\n", ["CommandNotFoundException"], id="today"),
        pytest.param(
            "#Requires -Modules SkypeOnlineConnector\nImport-Module MicrosoftTeams\n",
            ["CommandNotFoundException"],
            id="last-wins",
        ),
        pytest.param("Import-Module SkypeOnlineConnector\n", [], id="import-module"),
        pytest.param("$s = New-CsOnlineSession\n", [], id="new-csonlinesession"),
        pytest.param("#Requires -Modules SkypeOnlineConnector\n", [], id="requires"),
    ],
)
def test_check_reads_the_module_the_script_loads(
    monkeypatch: pytest.MonkeyPatch, opening: str, errors: list[str]
) -> None:
    monkeypatch.delenv("CSCMDLETS_MODULE")
    found = cs.check_script(f"{opening}Enable-CsOnlineDialInConferencingUser -Identity {AMOS}\n")
    assert [d.error_id for d in found] == errors


# --- every command of each module runs under it ----------------------------------------------------------


KNOWN = {metadata.name.lower() for metadata in COMMANDS}
PROFILE_EXAMPLES = [
    pytest.param(module.name, example.code, id=f"{module.name}:{command.name}-{number}")
    for module in (MICROSOFT_TEAMS, SKYPE_ONLINE_CONNECTOR)
    for command in module.commands
    if command.name.lower() in KNOWN  # a module may list a command another branch brings
    for number, example in enumerate(cs.cmdlets.find_command(command.name).examples, 1)
]


@pytest.mark.parametrize(("module", "code"), PROFILE_EXAMPLES)
def test_every_example_runs_under_each_module_that_has_the_command(module: str, code: str) -> None:
    tenant = cs.Tenant.demo(clock=fixed_clock(), module=module)
    tenant.invoke(code)
    assert tenant.module.name == module


def test_msonline_is_not_found_today(memory_tenant: cs.Tenant) -> None:
    """MSOnline came beside the connector; today's scripts use Microsoft Graph PowerShell."""
    memory_tenant.module = "MicrosoftTeams"
    assert_fails(
        memory_tenant,
        lambda: memory_tenant.invoke("Get-MsolUser -All"),
        "CommandNotFoundException",
        ErrorCategory.ObjectNotFound,
        PS7_NOT_FOUND.format("Get-MsolUser"),
    )


def test_toll_free_dial_in_is_the_policy_s_today(teams_door: Door) -> None:
    """-AllowTollFreeDialIn "can ONLY be managed using the TeamsAudioConferencingPolicy" (its page):
    accepted, not applied, and a warning says where it lives."""
    before = teams_door("Get-CsOnlineDialInConferencingUser", AMOS)[0].allow_toll_free_dial_in
    streams = teams_door.streams(SET_USER, AMOS, AllowTollFreeDialIn=False)
    assert streams.warnings == [
        "AllowTollFreeDialIn is managed by the Teams audio conferencing policy and was not changed: grant the "
        "user a policy with AllowTollFreeDialin set (Grant-CsTeamsAudioConferencingPolicy)."
    ]
    assert teams_door("Get-CsOnlineDialInConferencingUser", AMOS)[0].allow_toll_free_dial_in is before is True


def test_toll_free_dial_in_was_per_user_in_2017(door: Door) -> None:
    door(SET_USER, AMOS, AllowTollFreeDialIn=False)
    assert door("Get-CsOnlineDialInConferencingUser", AMOS)[0].allow_toll_free_dial_in is False


def test_result_size_unlimited_is_the_connector_s(memory_tenant: cs.Tenant) -> None:
    """The connector's -ResultSize is ``Unlimited`1[System.UInt32]`` (skype-ps reference pages):
    ``Unlimited`` means every user. MicrosoftTeams 4.0 made Get-CsOnlineUser's a UInt32, and the
    same line fails there."""
    everyone = len(memory_tenant.invoke("Get-CsOnlineUser"))
    assert len(memory_tenant.invoke("Get-CsOnlineUser -ResultSize Unlimited")) == everyone
    assert len(memory_tenant.invoke("Get-CsOnlineUser -ResultSize 2")) == 2
    assert len(memory_tenant.invoke("Get-CsOnlineDialInConferencingUserState -ResultSize unlimited")) == everyone
    memory_tenant.module = "MicrosoftTeams"
    assert_fails(
        memory_tenant,
        lambda: memory_tenant.invoke("Get-CsOnlineUser -ResultSize Unlimited"),
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        'Cannot bind parameter \'ResultSize\'. Cannot convert value "Unlimited" to type "System.UInt32". '
        "Error: \"The input string 'Unlimited' was not in a correct format.\"",
    )
