"""Advanced functions and ``$PSCmdlet``, as admin scripts use them.

Sources: about_Functions_CmdletBindingAttribute, about_Functions_Advanced_Methods,
about_Parameter_Sets, about_Error_Handling, "Everything you wanted to know about ShouldProcess"
(learn.microsoft.com/powershell/scripting/learn/deep-dives/everything-about-shouldprocess), and
PowerShell's MshCommandRuntime.cs (ShouldProcess, WriteError, ThrowTerminatingError) and
ErrorPackage.cs (FullyQualifiedErrorId).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fixed_clock, snapshot
from helpers import run_in_folder as run

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.cmdlets.base import Host
from cscmdlets.powershell.errors import ErrorCategory
from cscmdlets.scripts.runner import Runner, RunResult, run_script

AMOS = "amos.marble@contoso.com"

#: A function in the shape of the Teams admin scripts: ShouldProcess around a real cmdlet call.
RESET_PIN = """
function Reset-LeaderPin {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, ValueFromPipeline)][string]$Identity)
    process {
        if ($PSCmdlet.ShouldProcess($Identity, 'Reset leader PIN')) {
            $null = Set-CsOnlineDialInConferencingUser -Identity $Identity -ResetLeaderPin
            "reset $Identity"
        }
    }
}
"""

#: An error record the way public scripts build one for ThrowTerminatingError/WriteError.
NOT_FOUND = """
function Get-Owner {
    [CmdletBinding()]
    param([string]$Name, [switch]$Fatal)
    $exception = [System.Management.Automation.ItemNotFoundException]::new("No owner named '$Name'.")
    $record = [System.Management.Automation.ErrorRecord]::new(
        $exception, 'OwnerNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Name)
    if ($Fatal) { $PSCmdlet.ThrowTerminatingError($record) }
    $PSCmdlet.WriteError($record)
    'after WriteError'
}
"""


def run_file(text: str, folder: Path, tenant: cs.Tenant | None = None) -> RunResult:
    """Run ``text`` as the script file ``admin.ps1``, so errors are framed as ``cscmdlets run`` shows them."""
    script = folder / "admin.ps1"
    script.write_text(text, encoding="utf-8")
    tenant = tenant or cs.Tenant.demo(clock=fixed_clock())
    return run_script(tenant.engine, script, resolve_command=find_command)


# --- ShouldProcess, -WhatIf, -Confirm ---------------------------------------------------------------


def test_what_if_prints_the_operation_and_changes_nothing(tmp_path: Path) -> None:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = snapshot(tenant)
    runner = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path)
    result = runner.run(RESET_PIN + f"Reset-LeaderPin -Identity {AMOS} -WhatIf\n'done'")
    assert result.host == [f'What if: Performing the operation "Reset leader PIN" on target "{AMOS}".']
    assert (result.errors, result.output) == ([], ["done"])
    assert snapshot(tenant) == before


def test_without_what_if_the_wrapped_cmdlet_runs(tmp_path: Path) -> None:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = snapshot(tenant)
    result = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path).run(
        RESET_PIN + f"'{AMOS}' | Reset-LeaderPin"
    )
    assert (result.errors, result.host, result.output) == ([], [], [f"reset {AMOS}"])
    assert snapshot(tenant) != before


@pytest.mark.parametrize(
    ("call", "line"),
    [
        pytest.param(
            "$PSCmdlet.ShouldProcess('ken.myer@contoso.com')",
            'What if: Performing the operation "Remove-Member" on target "ken.myer@contoso.com".',
            id="target-only-names-the-function",
        ),
        pytest.param(
            "$PSCmdlet.ShouldProcess('Team A', 'Remove member')",
            'What if: Performing the operation "Remove member" on target "Team A".',
            id="target-and-action",
        ),
        pytest.param(
            "$PSCmdlet.ShouldProcess('Removing 3 members from Team A', 'Remove 3 members?', 'Confirm removal')",
            "What if: Removing 3 members from Team A",
            id="description-warning-caption",
        ),
    ],
)
def test_should_process_overloads_under_what_if(tmp_path: Path, call: str, line: str) -> None:
    text = (
        "function Remove-Member { [CmdletBinding(SupportsShouldProcess)] param()\n"
        f"  if ({call}) {{ 'removed' }} else {{ 'skipped' }} }}\n"
        "Remove-Member -WhatIf"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.host, result.output) == ([], [line], ["skipped"])


def test_what_if_preference_reaches_functions_and_what_if_false_overrides_it(tmp_path: Path) -> None:
    text = (
        "function Clear-Cache { [CmdletBinding(SupportsShouldProcess)] param()\n"
        "  if ($PSCmdlet.ShouldProcess('cache')) { 'cleared' } }\n"
        "$WhatIfPreference = $true\nClear-Cache\nClear-Cache -WhatIf:$false"
    )
    result = run(text, tmp_path)
    assert result.host == ['What if: Performing the operation "Clear-Cache" on target "cache".']
    assert result.output == ["cleared"]


def test_confirm_on_a_non_interactive_host_fails_the_statement_not_the_function(tmp_path: Path) -> None:
    """A prompt on a host that cannot prompt: the ShouldProcess call throws (a method exception,
    statement-terminating inside the function), as ``pwsh -NonInteractive`` does."""
    result = run_file(
        "function Stop-Bridge { [CmdletBinding(SupportsShouldProcess)] param([string]$Name)\n"
        "  if ($PSCmdlet.ShouldProcess($Name)) { 'stopped' }\n"
        "  'went on' }\n"
        "Stop-Bridge -Name Main -Confirm\n"
        "'next'\n",
        tmp_path,
    )
    assert result.output == ["went on", "next"]
    [error] = result.errors
    assert error.message == (
        'Exception calling "ShouldProcess" with "1" argument(s): "PowerShell is in NonInteractive mode. '
        'Read and Prompt functionality is not available."'
    )
    assert (error.fully_qualified_error_id, error.category) == (
        "PSInvalidOperationException",
        ErrorCategory.NotSpecified,
    )
    assert error.category_info == "NotSpecified: (:) [], MethodInvocationException"
    assert (error.invocation.line_number, error.invocation.column) == (2, 7)
    assert error.concise_view().splitlines()[0] == f"MethodInvocationException: {tmp_path / 'admin.ps1'}:2"


@pytest.mark.parametrize(
    ("impact", "preference", "asked"),
    [
        pytest.param("High", "High", True, id="high-impact-default-preference-asks"),
        pytest.param("Medium", "High", False, id="medium-impact-default-preference-runs"),
        pytest.param("Medium", "Medium", True, id="preference-lowered-to-medium-asks"),
        pytest.param("Low", "Medium", False, id="low-impact-below-medium"),
        pytest.param("High", "None", False, id="preference-none-never-asks"),
    ],
)
def test_confirm_impact_against_confirm_preference(tmp_path: Path, impact: str, preference: str, asked: bool) -> None:
    """CanShouldProcessAutoConfirm: ask when ConfirmImpact >= $ConfirmPreference, never at None."""
    prompts: list[tuple[str, str]] = []

    def confirm(caption: str, message: str) -> bool:
        prompts.append((caption, message))
        return False

    tenant = cs.Tenant.demo(clock=fixed_clock(), host=Host(confirm=confirm))
    text = (
        f"function Remove-Policy {{ [CmdletBinding(SupportsShouldProcess, ConfirmImpact = '{impact}')] param()\n"
        "  if ($PSCmdlet.ShouldProcess('Global')) { 'removed' } else { 'kept' } }\n"
        f"$ConfirmPreference = '{preference}'\nRemove-Policy"
    )
    result = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path).run(text)
    assert result.output == (["kept"] if asked else ["removed"])
    expected = (
        'Are you sure you want to perform this action?\nPerforming the operation "Remove-Policy" on target "Global".'
    )
    assert prompts == ([("Confirm", expected)] if asked else [])


def test_confirm_switch_asks_and_confirm_false_does_not(tmp_path: Path) -> None:
    answers = iter([True])
    tenant = cs.Tenant.demo(clock=fixed_clock(), host=Host(confirm=lambda caption, message: next(answers)))
    text = (
        "function Remove-Policy { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param()\n"
        "  if ($PSCmdlet.ShouldProcess('Global')) { 'removed' } }\n"
        "Remove-Policy -Confirm\nRemove-Policy -Confirm:$false"
    )
    result = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path).run(text)
    assert (result.errors, result.output) == ([], ["removed", "removed"])


def test_what_if_needs_supports_should_process(tmp_path: Path) -> None:
    result = run("function Get-Plain { [CmdletBinding()] param() 'x' }\nGet-Plain -WhatIf", tmp_path)
    [error] = result.errors
    assert error.fully_qualified_error_id == "NamedParameterNotFound,Get-Plain"
    assert error.message == "A parameter cannot be found that matches parameter name 'WhatIf'."


def test_verbose_shows_the_operation_when_no_prompt_is_needed(tmp_path: Path) -> None:
    text = (
        "function Sync-Users { [CmdletBinding(SupportsShouldProcess)] param()\n"
        "  if ($PSCmdlet.ShouldProcess('all users', 'Sync')) { $PSCmdlet.WriteVerbose('synced') } }\n"
        "Sync-Users -Verbose"
    )
    assert run(text, tmp_path).verbose == ['Performing the operation "Sync" on target "all users".', "synced"]


def test_should_continue_without_a_host_to_ask(tmp_path: Path) -> None:
    text = (
        "function Remove-All { [CmdletBinding()] param()\n"
        "  if ($PSCmdlet.ShouldContinue('Remove every bridge?', 'Remove-All')) { 'gone' } }\n"
        "Remove-All"
    )
    [error] = run(text, tmp_path).errors
    assert error.message.startswith('Exception calling "ShouldContinue" with "2" argument(s): "PowerShell is in')


# --- WriteError and ThrowTerminatingError ----------------------------------------------------------


def test_write_error_is_non_terminating_and_named_after_the_function(tmp_path: Path) -> None:
    result = run_file(NOT_FOUND + "Get-Owner -Name Fabrikam\n'next'", tmp_path)
    assert result.output == ["after WriteError", "next"]
    [error] = result.errors
    assert error.fully_qualified_error_id == "OwnerNotFound,Get-Owner"
    assert error.category_info == "ObjectNotFound: (Fabrikam:String) [Get-Owner], ItemNotFoundException"
    assert error.concise_view() == (
        f"Get-Owner: {tmp_path / 'admin.ps1'}:12\n"
        "Line |\n"
        "  12 |  Get-Owner -Name Fabrikam\n"
        "     |  ~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "     | No owner named 'Fabrikam'."
    )


def test_write_error_follows_error_action_and_fills_error_variable(tmp_path: Path) -> None:
    result = run(
        NOT_FOUND + "Get-Owner -Name A -ErrorAction SilentlyContinue -ErrorVariable failed\n"
        "$failed.Count; $failed[0].FullyQualifiedErrorId; $Error.Count\n"
        "Get-Owner -Name B -ErrorAction Ignore; $Error.Count",
        tmp_path,
    )
    assert result.errors == []
    assert result.output == ["after WriteError", 1, "OwnerNotFound,Get-Owner", 1, "after WriteError", 1]


def test_write_error_with_stop_ends_the_function_only(tmp_path: Path) -> None:
    """-ErrorAction Stop on an advanced function: the escalation is statement-terminating for the
    caller (about_Error_Handling, "How escalation works")."""
    result = run(NOT_FOUND + "Get-Owner -Name A -ErrorAction Stop\n'next'", tmp_path)
    assert result.output == ["next"]
    assert [e.fully_qualified_error_id for e in result.errors] == ["OwnerNotFound,Get-Owner"]


def test_throw_terminating_error_uncaught_goes_on_at_the_next_statement(tmp_path: Path) -> None:
    result = run_file(NOT_FOUND + "Get-Owner -Name Fabrikam -Fatal; 'same line'\n'next line'", tmp_path)
    assert result.output == ["same line", "next line"]
    [error] = result.errors
    assert error.fully_qualified_error_id == "OwnerNotFound,Get-Owner"
    assert error.category == ErrorCategory.ObjectNotFound
    assert error.exception_type == "System.Management.Automation.ItemNotFoundException"
    assert error.normal_view().splitlines()[:2] == [
        "Get-Owner : No owner named 'Fabrikam'.",
        f"At {tmp_path / 'admin.ps1'}:12 char:1",
    ]
    assert result.status == 0  # statement-terminating: the script went on, so pwsh -File exits 0


def test_throw_terminating_error_ignores_error_action_but_not_the_callers_preference(tmp_path: Path) -> None:
    """The asymmetry of about_Error_Handling: -ErrorAction does not reach it, $ErrorActionPreference does."""
    ignored = run(NOT_FOUND + "Get-Owner -Name A -Fatal -ErrorAction SilentlyContinue; 'x'", tmp_path)
    assert (len(ignored.errors), ignored.output) == (1, ["x"])
    silenced = run(NOT_FOUND + "$ErrorActionPreference = 'SilentlyContinue'\nGet-Owner -Name A -Fatal; 'x'", tmp_path)
    assert (silenced.errors, silenced.output) == ([], ["x"])


def test_throw_terminating_error_is_caught_with_the_record(tmp_path: Path) -> None:
    result = run(
        NOT_FOUND + "try { Get-Owner -Name Fabrikam -Fatal; 'not here' }\n"
        "catch [System.Management.Automation.ItemNotFoundException] {\n"
        '  $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.TargetObject; "$_" }',
        tmp_path,
    )
    assert result.errors == []
    assert result.output == ["OwnerNotFound,Get-Owner", "ObjectNotFound", "Fabrikam", "No owner named 'Fabrikam'."]


def test_catch_rethrown_with_throw_terminating_error_names_the_function(tmp_path: Path) -> None:
    """The common ``catch { $PSCmdlet.ThrowTerminatingError($_) }``: the caller sees the inner
    error's id, now qualified by the function (ErrorRecord.FullyQualifiedErrorId)."""
    text = (
        "function Set-Pin { [CmdletBinding()] param([string]$Identity)\n"
        "  try { Set-CsOnlineDialInConferencingUser -Identity $Identity -ResetLeaderPin -ErrorAction Stop }\n"
        "  catch { $PSCmdlet.ThrowTerminatingError($_) } }\n"
        "Set-Pin -Identity nobody@contoso.com\n'next'"
    )
    result = run(text, tmp_path)
    assert result.output == ["next"]
    [error] = result.errors
    assert error.fully_qualified_error_id == "UserNotFound,Set-Pin"
    assert error.category_info == "ObjectNotFound: (nobody@contoso.com:String) [Set-Pin], InvalidOperationException"
    assert error.invocation.line_number == 4


def test_new_object_error_record_and_write_object(tmp_path: Path) -> None:
    text = (
        "function Get-Pair { [CmdletBinding()] param()\n"
        "  $PSCmdlet.WriteObject(@(1, 2))\n"
        "  $PSCmdlet.WriteObject(@(3, 4), $true)\n"
        "  $e = New-Object System.Management.Automation.ErrorRecord("
        "(New-Object System.ArgumentException 'bad pair'), 'BadPair', 'InvalidArgument', $null)\n"
        "  $PSCmdlet.WriteError($e) }\n"
        "$out = Get-Pair 2>&1\n"
        "$out.Count; $out[0].Count; $out[3].FullyQualifiedErrorId; $out[3].CategoryInfo.Category"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], [4, 2, "BadPair,Get-Pair", "InvalidArgument"])


# --- parameter sets, MyInvocation, $PSBoundParameters ----------------------------------------------

PARAMETER_SETS = """
function Get-Bridge {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Position = 0)][string]$Name,
        [Parameter(ParameterSetName = 'ById', Mandatory)][guid]$Id,
        [Parameter(ParameterSetName = 'All')][switch]$All,
        [int]$Top
    )
    "$($PSCmdlet.ParameterSetName) $($PSCmdlet.MyInvocation.MyCommand.Name) $($PSBoundParameters.Keys -join ',')"
}
"""


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("Get-Bridge Main", "ByName Get-Bridge Name", id="positional-in-default-set"),
        pytest.param("Get-Bridge", "ByName Get-Bridge ", id="nothing-given-default-set"),
        pytest.param(
            "Get-Bridge -Id 6f1b6b4c-2e8a-4a43-9d1b-3f6d2b1c0a11 -Top 2", "ById Get-Bridge Id,Top", id="by-id"
        ),
        pytest.param("Get-Bridge -All", "All Get-Bridge All", id="switch-of-its-own-set"),
    ],
)
def test_parameter_sets_resolve_as_powershell_does(tmp_path: Path, line: str, output: str) -> None:
    result = run(PARAMETER_SETS + line, tmp_path)
    assert (result.errors, result.output) == ([], [output])


def test_parameters_of_two_sets_cannot_be_resolved(tmp_path: Path) -> None:
    result = run(PARAMETER_SETS + "Get-Bridge -Name Main -All\n'next'", tmp_path)
    assert result.output == ["next"]
    [error] = result.errors
    assert error.fully_qualified_error_id == "AmbiguousParameterSet,Get-Bridge"
    assert error.message.startswith("Parameter set cannot be resolved using the specified named parameters.")


def test_pipeline_bound_parameters_are_in_psboundparameters(tmp_path: Path) -> None:
    text = (
        "function Show-Upn { [CmdletBinding()] param([Parameter(ValueFromPipeline)][string]$Upn, [string]$Tag)\n"
        "  process { \"$($PSBoundParameters['Upn']) $($PSBoundParameters.ContainsKey('Tag'))\" } }\n"
        "'a@contoso.com', 'b@contoso.com' | Show-Upn\n"
        "Get-CsOnlineDialInConferencingUser | Select-Object -First 1 @{ N = 'Upn'; E = { $_.Identity } } | "
        "Show-Upn -Tag x"
    )
    result = run(text, tmp_path)
    assert result.output == ["a@contoso.com False", "b@contoso.com False", f"{AMOS} True"]


# --- ActionPreferenceStopException ------------------------------------------------------------------


def test_catch_action_preference_stop_exception_takes_escalated_errors_only(tmp_path: Path) -> None:
    """A non-terminating error made terminating by Stop travels in an ActionPreferenceStopException;
    ``$_`` is still the original record (about_Try_Catch_Finally; ExecutionExceptions.cs)."""
    text = (
        "$stop = [System.Management.Automation.ActionPreferenceStopException]\n"
        "try { Get-Content missing.txt -ErrorAction Stop }\n"
        "catch [System.Management.Automation.ActionPreferenceStopException] { 'stop: ' + $_.FullyQualifiedErrorId }\n"
        "$ErrorActionPreference = 'Stop'\n"
        "try { Get-Content missing.txt }\n"
        "catch [System.Management.Automation.ActionPreferenceStopException] { 'stop again' }\n"
        "try { throw 'plain' }\n"
        "catch [System.Management.Automation.ActionPreferenceStopException] { 'wrong' }\n"
        "catch { 'other: ' + $_ }"
    )
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == [
        "stop: PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand",
        "stop again",
        "other: plain",
    ]


def test_trap_of_action_preference_stop_exception(tmp_path: Path) -> None:
    text = (
        "trap [System.Management.Automation.ActionPreferenceStopException] { 'trapped'; continue }\n"
        "Get-Content missing.txt -ErrorAction Stop\n'after'"
    )
    assert run(text, tmp_path).output == ["trapped", "after"]


# --- enums and statics -----------------------------------------------------------------------------


def test_enums_show_their_names_and_compare_by_name(tmp_path: Path) -> None:
    text = (
        "$p = [System.Management.Automation.ActionPreference]::Stop\n"
        "\"$p\"; $p.ToString(); $p -eq 'stop'; $p -eq 'Continue'; [int]$p\n"
        "[System.Management.Automation.ErrorCategory]::InvalidArgument -eq 'INVALIDARGUMENT'\n"
        "$ErrorActionPreference = [System.Management.Automation.ActionPreference]::SilentlyContinue\n"
        "Get-Content missing.txt; 'quiet'"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["Stop", "Stop", True, False, 1, True, "quiet"])


# --- an advanced script ------------------------------------------------------------------------------

ADVANCED_SCRIPT = """[CmdletBinding(SupportsShouldProcess)]
param([string]$Identity = 'amos.marble@contoso.com')
if ($PSCmdlet.ShouldProcess($Identity)) {
    $null = Set-CsOnlineDialInConferencingUser -Identity $Identity -ResetLeaderPin
    "reset $Identity"
}
$record = New-Object System.Management.Automation.ErrorRecord (
    (New-Object System.InvalidOperationException 'stopping here'), 'Stopped', 'OperationStopped', $Identity)
$PSCmdlet.ThrowTerminatingError($record)
'not reached'
"""


def test_an_advanced_script_takes_what_if_and_names_its_errors_by_file(tmp_path: Path) -> None:
    """A script with [CmdletBinding()] is itself the command: -WhatIf on its command line reaches
    ShouldProcess, whose default action is the file's name; ThrowTerminatingError ends it."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = snapshot(tenant)
    script = tmp_path / "Reset-Pins.ps1"
    script.write_text(ADVANCED_SCRIPT, encoding="utf-8")
    result = run_script(tenant.engine, script, arguments=["-WhatIf"], resolve_command=find_command)
    assert result.host == [f'What if: Performing the operation "Reset-Pins.ps1" on target "{AMOS}".']
    assert result.output == []
    [error] = result.errors
    assert (error.fully_qualified_error_id, error.category_info) == (
        "Stopped,Reset-Pins.ps1",
        f"OperationStopped: ({AMOS}:String) [Reset-Pins.ps1], InvalidOperationException",
    )
    assert (result.status, snapshot(tenant)) == (1, before)
    changed = run_script(tenant.engine, script, resolve_command=find_command)
    assert changed.output == [f"reset {AMOS}"]
    assert snapshot(tenant) != before


def test_error_record_cast_and_category_info_text(tmp_path: Path) -> None:
    text = (
        "$category = [System.Management.Automation.ErrorCategory]'objectnotfound'\n"
        "$e = [System.Management.Automation.ErrorRecord]::new('no such user', 'NoUser', $category, 'x@contoso.com')\n"
        '"$($e.CategoryInfo)"; $e.FullyQualifiedErrorId; $category.GetType().FullName\n'
        "[System.Management.Automation.ActionPreference]'Bogus'"
    )
    result = run(text, tmp_path)
    assert result.output == [
        "ObjectNotFound: (x@contoso.com:String) [], Exception",
        "NoUser",
        "System.Management.Automation.ErrorCategory",
    ]
    [error] = result.errors
    assert error.message.startswith(
        'Cannot convert value "Bogus" to type "System.Management.Automation.ActionPreference".'
    )


def test_confirm_on_a_function_reaches_the_cmdlets_it_calls(tmp_path: Path) -> None:
    """-Confirm makes the function's $ConfirmPreference Low, which the Set- cmdlet inside reads:
    it asks too (and, answered No, changes nothing); $ConfirmPreference = 'None' asks nothing."""
    prompts: list[str] = []

    def confirm(caption: str, message: str) -> bool:
        prompts.append(message.splitlines()[-1])
        return len(prompts) == 1  # Yes to the function's ShouldProcess, No to the cmdlet's

    tenant = cs.Tenant.demo(clock=fixed_clock(), host=Host(confirm=confirm))
    before = snapshot(tenant)
    runner = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path)
    result = runner.run(RESET_PIN + f"Reset-LeaderPin -Identity {AMOS} -Confirm")
    assert prompts == [
        f'Performing the operation "Reset leader PIN" on target "{AMOS}".',
        f'Performing the operation "Set-CsOnlineDialInConferencingUser" on target "{AMOS}".',
    ]
    assert snapshot(tenant) == before
    assert result.errors == []
    prompts.clear()
    quiet = runner.run(RESET_PIN + f"$ConfirmPreference = 'None'\nReset-LeaderPin -Identity {AMOS}")
    assert (prompts, quiet.output) == ([], [f"reset {AMOS}"])


def test_should_process_reason_try_get_value_and_variable_value(tmp_path: Path) -> None:
    """ShouldProcess's fourth argument says why it answered ($false under -WhatIf: WhatIf);
    TryGetValue and GetVariableValue as proxy functions and preference helpers use them."""
    text = (
        "function Set-Thing { [CmdletBinding(SupportsShouldProcess)] param([int]$Top)\n"
        "  $why = $null\n"
        "  $PSCmdlet.ShouldProcess('d', 'w', 'c', [ref]$why); \"$why\"\n"
        "  $top = 0; $PSBoundParameters.TryGetValue('Top', [ref]$top); $top\n"
        "  $PSCmdlet.GetVariableValue('WhatIfPreference'); $PSCmdlet.GetVariableValue('Nope', 'fallback') }\n"
        "Set-Thing -Top 5 -WhatIf"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.host) == ([], ["What if: d"])
    assert result.output == [False, "WhatIf", True, 5, True, "fallback"]


def test_a_pscmdlet_member_cscmdlets_lacks_stops_the_run(tmp_path: Path) -> None:
    result = run("function F { [CmdletBinding()] param() $PSCmdlet.WriteProgress($null) }\nF\n'never'", tmp_path)
    assert result.output == []
    assert result.stop is not None
    assert "does not emulate the .NET call $PSCmdlet.WriteProgress()" in result.stop.message


def test_error_details_replace_the_message_the_views_show(tmp_path: Path) -> None:
    """``$record.ErrorDetails = 'text'``: the views and ``"$_"`` show the details, the exception
    keeps its own message (ErrorRecord.ToString; ErrorDetails(string))."""
    text = (
        "function Stop-Job2 { [CmdletBinding()] param()\n"
        "  $record = New-Object System.Management.Automation.ErrorRecord("
        "([System.InvalidOperationException]::new('inner')), 'Oops', 'InvalidOperation', $null)\n"
        "  $record.ErrorDetails = 'Could not stop the job.'\n"
        "  $PSCmdlet.ThrowTerminatingError($record) }\n"
        'try { Stop-Job2 } catch { "$_"; $_.Exception.Message; $_.ErrorDetails.Message }\n'
        "Stop-Job2"
    )
    result = run(text, tmp_path)
    assert result.output == ["Could not stop the job.", "inner", "Could not stop the job."]
    [error] = result.errors
    assert (error.message, error.fully_qualified_error_id) == ("Could not stop the job.", "Oops,Stop-Job2")
