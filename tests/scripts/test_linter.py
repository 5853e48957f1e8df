"""``check_script``: what real PowerShell would reject, from the same metadata and binder.

Each case asserts the full diagnostic line (``file:line:col: severity: message [FQEID]``) and,
where the fix is certain, the corrected text ``fix_script`` writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.linter import check_script, fix_script, write_fixed

USER = "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.SetCsOnlineDialInConferencingUserCmdlet"
SETTINGS = "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.SetCsOnlineDialInConferencingTenantSettingsCmdlet"


def lines(text: str) -> list[str]:
    return [str(d) for d in check_script(text, script_name="x.ps1")]


@pytest.mark.parametrize(
    ("text", "expected", "fixed"),
    [
        pytest.param(
            "Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true",
            "x.ps1:1:46: error: A parameter cannot be found that matches parameter name 'SendEmailOverride'. "
            f"Did you mean -SendEmailFromOverride? [NamedParameterNotFound,{SETTINGS}]",
            "Set-CsOnlineDialInConferencingTenantSettings -SendEmailFromOverride $true",
            id="send-email-override",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingTenantSetting -PinLength 7",
            "x.ps1:1:1: error: The term 'Set-CsOnlineDialInConferencingTenantSetting' is not recognized as a name of a "
            "cmdlet, function, script file, or executable program. Check the spelling of the name, or if a path was "
            "included, verify that the path is correct and try again. Did you mean "
            "Set-CsOnlineDialInConferencingTenantSettings? [CommandNotFoundException]",
            "Set-CsOnlineDialInConferencingTenantSettings -PinLength 7",
            id="tenant-setting-singular",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingTenantSettings -EnableNameRecording 'true'",
            "x.ps1:1:67: error: Cannot convert 'System.String' to the type 'System.Boolean' required by parameter "
            f"'EnableNameRecording'. Write $true, not a string. [CannotConvertArgument,{SETTINGS}]",
            "Set-CsOnlineDialInConferencingTenantSettings -EnableNameRecording $true",
            id="string-to-bool",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity amos -SendEmail $false",
            "x.ps1:1:62: error: A positional parameter cannot be found that accepts argument 'False'. -SendEmail is a "
            f"switch and takes no value; write -SendEmail:$false to turn it off. [PositionalParameterNotFound,{USER}]",
            "Set-CsOnlineDialInConferencingUser -Identity amos -SendEmail:$false",
            id="switch-given-a-value",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity amos -ResetLeaderPIN 8271964",
            "x.ps1:1:67: error: A positional parameter cannot be found that accepts argument '8271964'. -ResetLeaderPin "
            f"is a switch and takes no value; write -ResetLeaderPin:$false to turn it off. [PositionalParameterNotFound,"
            f"{USER}]",
            "Set-CsOnlineDialInConferencingUser -Identity amos -ResetLeaderPIN",
            id="stray-value-after-switch",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser user@contoso.com \u2013 AllowTollFreeDialIn $false",
            "x.ps1:1:53: error: A positional parameter cannot be found that accepts argument '\u2013'. The dash and "
            "'AllowTollFreeDialIn' are separated by a space; write -AllowTollFreeDialIn. "
            f"[PositionalParameterNotFound,{USER}]",
            "Set-CsOnlineDialInConferencingUser user@contoso.com -AllowTollFreeDialIn $false",
            id="en-dash-with-space",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity amos -ResetConferenceId",
            "x.ps1:1:51: error: A parameter cannot be found that matches parameter name 'ResetConferenceId'. "
            "(-ResetConferenceId is no longer in the MicrosoftTeams module: Removed from the documentation in March "
            f"2023.) [NamedParameterNotFound,{USER}]",
            "Set-CsOnlineDialInConferencingUser -Identity amos",
            id="removed-switch",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity amos -AllowPSTNOnlyMeetings $true -SendEmail",
            "x.ps1:1:51: error: A parameter cannot be found that matches parameter name 'AllowPSTNOnlyMeetings'. "
            f"(-AllowPSTNOnlyMeetings is no longer in the MicrosoftTeams module: Deprecated on Jan 31, 2022.) "
            f"[NamedParameterNotFound,{USER}]",
            "Set-CsOnlineDialInConferencingUser -Identity amos -SendEmail",
            id="removed-parameter-with-value",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity amos -Send",
            "x.ps1:1:51: error: Parameter cannot be processed because the parameter name 'Send' is ambiguous. Possible "
            "matches include: -SendEmailToAddress -SendEmailFromAddress -SendEmailFromDisplayName -SendEmail. "
            f"[AmbiguousParameter,{USER}]",
            None,
            id="ambiguous-prefix",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -ResetLeaderPin",
            "x.ps1:1:1: error: Cannot process command because of one or more missing mandatory parameters: Identity. "
            f"[MissingMandatoryParameter,{USER}]",
            None,
            id="missing-mandatory",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity amos -ResetLeaderPin -WhatIf",
            "x.ps1:1:67: warning: Set-CsOnlineDialInConferencingUser ignores -WhatIf: the real cmdlet does not "
            "implement it and makes the change (cscmdlets honours it). [WhatIfNotImplemented]",
            None,
            id="what-if-on-set-user",
        ),
        pytest.param(
            "Invoke-Expression $code",
            "x.ps1:1:1: warning: cscmdlets run stops here: it does not emulate 'Invoke-Expression'. [NotEmulated]",
            None,
            id="invoke-expression",
        ),
        pytest.param(
            "$rows | ForEach-Object -Para { $_ } -ThrottleLimit 5",
            "x.ps1:1:9: warning: cscmdlets run stops here: it does not emulate ForEach-Object -Parallel. [NotEmulated]",
            None,
            id="foreach-parallel",
        ),
        pytest.param(
            "$x = [System.IO.File]::Delete('a')",
            "x.ps1:1:6: warning: cscmdlets run stops here: it does not emulate the .NET call [System.IO.File]::Delete(). "
            "[NotEmulated]",
            None,
            id="dotnet-call",
        ),
        pytest.param(
            "Set-CsOnlineDialInConferencingTenantSettings -EnableEntryExitNotifications $true|$false",
            "x.ps1:1:82: error: Expressions are only allowed as the first element of a pipeline. "
            "[ExpressionsMustBeFirstInPipeline]",
            None,
            id="doc-notation-true-or-false",
        ),
    ],
)
def test_diagnostics_and_fixes(text: str, expected: str, fixed: str | None) -> None:
    assert lines(text) == [expected]
    if fixed is not None:
        assert fix_script(text) == fixed
        assert [d for d in check_script(fixed) if d.is_error] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com  -SendEmail", id="prefix-id"),
        pytest.param("Set-CsOnlineDialinConferencingUser -Identity a -TollFreeServiceNumber +18005550100", id="case"),
        pytest.param(
            "foreach ($u in $users) { Set-CsOnlineDialInConferencingUser -Identity $u.UPN -AllowTollFreeDialIn "
            "$u.Allow -SendEmail:$u.Notify }",
            id="run-time-values",
        ),
        pytest.param("$p = @{ Identity = $x; SendEmail = $true }\nSet-CsOnlineDialInConferencingUser @p", id="splat"),
        pytest.param("Set-CsOnlineDialInConferencingUser @unknown", id="unknown-splat"),
        pytest.param(
            "Get-CsOnlineDialInConferencingUser | Set-CsOnlineDialInConferencingUser -ResetLeaderPin",
            id="pipeline-input",
        ),
        pytest.param("function Go { param([Parameter(Mandatory)]$Name) }\nGo -Name x", id="script-function"),
        pytest.param("Import-Csv users.csv | Where-Object Enabled -eq 'yes' | Select-Object -First 3", id="builtins"),
        pytest.param("Connect-MicrosoftTeams -Credential $c -TenantId x", id="lenient-connection"),
        pytest.param(
            "$upn = $row.UserPrincipalName ?? $row.Mail\n$pin = $settings.PinLength -gt 5 ? 'long' : 'short'\n"
            "$upn ??= 'amos.marble@contoso.com'\n${user}?.Identity; ${user}?.Trim(); ${numbers}?[0]\n"
            "Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue || "
            'Write-Warning "missing $upn" && Write-Host done',
            id="powershell-7-operators",
        ),
    ],
)
def test_valid_lines_report_nothing(text: str) -> None:
    assert lines(text) == []


def test_splat_keys_are_checked() -> None:
    assert lines("$p = @{ Identity = 'a'; SendEmailOverride = $true }\nSet-CsOnlineDialInConferencingUser @p") == [
        "x.ps1:2:36: error: A parameter cannot be found that matches parameter name 'SendEmailOverride'. "
        f"[NamedParameterNotFound,{USER}]"
    ]


def test_several_problems_on_one_line_and_a_later_command() -> None:
    text = "Set-CsOnlineDialInConferencingTenantSetting -SendEmailOverride $true -PinLength 'x'\nGet-Mailbox amos\n"
    assert [(d.line, d.column, d.severity, d.error_id.split(",")[0]) for d in check_script(text)] == [
        (1, 1, "error", "CommandNotFoundException"),
        (1, 45, "error", "NamedParameterNotFound"),
        (1, 81, "error", "CannotConvertArgumentNoMessage"),  # at the value, as PowerShell underlines it
        (2, 1, "warning", "NotEmulated"),
    ]


def test_parse_errors_are_one_diagnostic() -> None:
    assert lines("$p = @{ Identity = }") == [
        "x.ps1:1:19: error: Missing statement after '=' in hash literal. [MissingStatementInHashLiteral]"
    ]


def test_write_fixed_writes_beside_the_script(tmp_path: Path) -> None:
    script = tmp_path / "reset.ps1"
    script.write_text("Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true\n", encoding="utf-8")
    target = write_fixed(script, resolve_command=find_command)
    assert target == tmp_path / "reset.fixed.ps1"
    fixed = "Set-CsOnlineDialInConferencingTenantSettings -SendEmailFromOverride $true\n"
    assert target.read_text(encoding="utf-8") == fixed
    assert str(check_script(script)[0]).startswith(f"{script}:1:46: error:")


def test_a_dsc_configuration_is_one_stop_not_one_per_keyword() -> None:
    """The runner stops where a DSC ``Configuration`` is defined (PowerShell 7 ships no
    PSDesiredStateConfiguration): its Node and resource keywords are not commands to report."""
    text = (
        "Configuration TeamsRoom {\n    Import-DscResource -ModuleName PSDesiredStateConfiguration\n"
        "    Node localhost {\n        File Log { DestinationPath = 'C:\\log.txt'; Contents = 'x' }\n    }\n}\n"
        "Get-Mailbox amos\n"
    )
    assert lines(text) == [
        "x.ps1:1:1: warning: cscmdlets run stops here: it does not emulate the DSC Configuration 'TeamsRoom'. "
        "[NotEmulated]",
        "x.ps1:7:1: warning: cscmdlets run stops here: it does not emulate 'Get-Mailbox'. [NotEmulated]",
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Get-CsOnlineUser -Filter {Department -eq 'Sales'}", id="filter-then-block"),
        pytest.param("Get-CsOnlineUser -Filter:{Department -eq 'Sales'}", id="filter-colon-block"),
    ],
)
def test_a_filter_block_is_filter_text_not_code(text: str) -> None:
    """Get-CsOnlineUser's -Filter is a string: ``{Department -eq 'Sales'}`` is not run, so the
    words in it are not commands (Get-CsOnlineUser reference, -Filter)."""
    assert lines(text) == []


def test_trap_bodies_are_checked_like_any_code() -> None:
    """about_Trap: a trap's statements run when it handles an error; they bind as any command."""
    assert lines("trap { Set-CsOnlineDialInConferencingUser -Identity $u -Nope 1; continue }\n'x'") == [
        f"x.ps1:1:56: error: A parameter cannot be found that matches parameter name 'Nope'. "
        f"[NamedParameterNotFound,{USER}]"
    ]


def test_both_sides_of_a_pipeline_chain_are_checked() -> None:
    text = (
        "Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue ||\n"
        "    Set-CsOnlineDialInConferencingUser -Identity $upn -SendEmailOverride"
    )
    assert lines(text) == [
        "x.ps1:2:55: error: A parameter cannot be found that matches parameter name 'SendEmailOverride'. "
        f"[NamedParameterNotFound,{USER}]"
    ]


def test_the_dotnet_calls_scripts_use_around_the_cmdlets_report_nothing() -> None:
    """The linter agrees with the runner on the .NET calls it now emulates; one it does not is a stop."""
    text = (
        "[char]::IsDigit('5'); [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('x'))\n"
        "[uri]::EscapeDataString('a b'); [System.Web.HttpUtility]::UrlEncode('a b'); [array]::IndexOf(@(1), 1)\n"
        "[IO.File]::WriteAllText('x.txt', 'y'); [IO.File]::ReadAllText('x.txt'); Get-Host\n"
        "$s = [System.Collections.Generic.HashSet[string]]::new(); [Console]::ResetColor()\n"
        "$d = [System.Collections.Generic.Dictionary[string, int]]::new(); [string]::new('-', 3)\n"
        "Add-Type -AssemblyName System.Web"
    )
    assert lines(text) == []
    assert lines("Add-Type -AssemblyName PresentationFramework\nAdd-Type 'public class X {}'") == [
        "x.ps1:1:1: warning: cscmdlets run stops here: it does not emulate Add-Type -AssemblyName "
        "PresentationFramework. [NotEmulated]",
        "x.ps1:2:1: warning: cscmdlets run stops here: it does not emulate Add-Type -TypeDefinition. [NotEmulated]",
    ]
    assert lines("Test-Connection x") == [
        "x.ps1:1:1: warning: cscmdlets run stops here: it does not emulate 'Test-Connection', which reaches the "
        "network (the emulator has none). [NotEmulated]"
    ]
