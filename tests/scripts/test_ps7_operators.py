"""PowerShell 7's operators in admin scripts, run on the demo tenant as PowerShell 7.4 runs them:
``??`` and ``??=``, ``c ? a : b`` and ``?.``/``?[]`` (about_Operators, about_Assignment_Operators)
and the pipeline chains ``&&`` and ``||`` (about_Pipeline_Chain_Operators)."""

from __future__ import annotations

import pytest
from helpers import snapshot

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.runner import RunResult, run_script

AMOS = "amos.marble@contoso.com"
KEN = "ken.myer@contoso.com"


def run(tenant: cs.Tenant, text: str) -> RunResult:
    return run_script(tenant.engine, text, resolve_command=find_command)


def test_null_coalescing_picks_the_first_column_that_has_a_value(memory_tenant: cs.Tenant) -> None:
    result = run(
        memory_tenant,
        f"""
$rows = @(
    [pscustomobject]@{{ UserPrincipalName = $null; Mail = '{AMOS}' }}
    [pscustomobject]@{{ UserPrincipalName = '{KEN}'; Mail = 'ken@fabrikam.com' }}
)
foreach ($row in $rows) {{
    $upn = $row.UserPrincipalName ?? $row.Mail
    Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin -SendEmail | Out-Null
    "reset $upn"
}}
""",
    )
    assert result.errors == []
    assert result.output == [f"reset {AMOS}", f"reset {KEN}"]
    assert [entry.recipient for entry in memory_tenant.outbox][-2:] == [AMOS, KEN]


def test_the_right_of_null_coalescing_runs_only_for_null(memory_tenant: cs.Tenant) -> None:
    """about_Operators: the right-hand operand is evaluated only when the left is $null; an empty
    string or 0 is a value."""
    before = snapshot(memory_tenant)
    result = run(
        memory_tenant,
        f"""
$upn = '{AMOS}'
$who = $upn ?? (Set-CsOnlineDialInConferencingUser -Identity '{AMOS}' -ResetLeaderPin)
$empty = '' ?? 'fallback'
$zero = 0 ?? 5
$nothing = $null ?? $null ?? 'last'
$who, "[$empty]", $zero, $nothing
""",
    )
    assert result.output == [AMOS, "[]", 0, "last"]
    assert snapshot(memory_tenant) == before


def test_null_coalescing_assignment_sets_only_a_null_variable(memory_tenant: cs.Tenant) -> None:
    result = run(
        memory_tenant,
        f"""
$settings = @{{ Region = 'EMEA' }}
$settings.Region ??= 'NOAM'
$settings.Language ??= 'en-US'
$identity ??= '{AMOS}'
$identity ??= Get-CsOnlineDialInConferencingUser -Identity '{KEN}'
"$($settings.Region) $($settings.Language) $identity"
""",
    )
    assert result.output == [f"EMEA en-US {AMOS}"]


def test_ternary_on_the_tenant_settings(memory_tenant: cs.Tenant) -> None:
    memory_tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=7)
    memory_tenant.set_cs_online_dial_in_conferencing_user(KEN, allow_toll_free_dial_in=False)
    result = run(
        memory_tenant,
        f"""
$settings = Get-CsOnlineDialInConferencingTenantSettings
$pin = $settings.PinLength -gt 5 ? 'long' : 'short'
$user = Get-CsOnlineDialInConferencingUser -Identity '{KEN}'
$dialIn = $user.AllowTollFreeDialIn ? 'toll-free' : $user.DefaultTollNumber ? 'toll' : 'none'
"$pin $dialIn"
""",
    )
    assert result.output == ["long toll"]


def test_only_the_chosen_branch_of_a_ternary_runs(memory_tenant: cs.Tenant) -> None:
    before = snapshot(memory_tenant)
    result = run(
        memory_tenant,
        f"$dryRun = $true\n$dryRun ? 'would reset' : (Set-CsOnlineDialInConferencingUser '{AMOS}' -ResetLeaderPin)",
    )
    assert result.output == ["would reset"]
    assert snapshot(memory_tenant) == before


def test_null_conditional_member_method_and_index(memory_tenant: cs.Tenant) -> None:
    """``?.`` and ``?[]`` give $null for a $null target, without evaluating a method's arguments."""
    before = snapshot(memory_tenant)
    result = run(
        memory_tenant,
        f"""
$found = Get-CsOnlineDialInConferencingUser -Identity '{AMOS}'
$missing = Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ErrorAction SilentlyContinue
"[$(${{found}}?.DisplayName)] [$(${{missing}}?.DisplayName)]"
"[$(${{found}}?.Identity.ToUpper())] [$(${{missing}}?.ToUpper())]"
$numbers = $null
"[$(${{numbers}}?[0])] [$(${{missing}}?.Trim((Set-CsOnlineDialInConferencingUser '{KEN}' -ResetLeaderPin)))]"
""",
    )
    assert result.errors == []
    assert result.output == ["[Amos Marble] []", f"[{AMOS.upper()}] []", "[] []"]
    assert snapshot(memory_tenant) == before  # the reset in the skipped method's argument never ran


def test_or_chain_warns_for_each_missing_user(memory_tenant: cs.Tenant) -> None:
    """``-ErrorAction SilentlyContinue`` hides the error but ``$?`` is still ``$false``
    (about_Automatic_Variables), so ``||`` runs its right side."""
    result = run(
        memory_tenant,
        f"""
foreach ($u in '{AMOS}', 'nobody@contoso.com') {{
    Get-CsOnlineDialInConferencingUser -Identity $u -ErrorAction SilentlyContinue | Out-Null ||
        Write-Warning "missing $u"
}}
""",
    )
    assert (result.errors, result.output) == ([], [])
    assert result.warnings == ["missing nobody@contoso.com"]


def test_and_chain_mails_only_after_a_change_that_worked(memory_tenant: cs.Tenant) -> None:
    result = run(
        memory_tenant,
        f"""
foreach ($u in 'nobody@contoso.com', '{KEN}') {{
    Set-CsOnlineDialInConferencingUser -Identity $u -ResetLeaderPin -ErrorAction SilentlyContinue | Out-Null &&
        Write-Output "reset $u"
}}
""",
    )
    assert result.output == [f"reset {KEN}"]
    assert [entry.recipient for entry in memory_tenant.outbox] == [KEN]


@pytest.mark.parametrize(
    ("chain", "output"),
    [
        pytest.param("Write-Output 'First' && Write-Output 'Second'", ["First", "Second"], id="and-after-success"),
        pytest.param("Write-Error 'Bad' && Write-Output 'Second'", [], id="and-after-error"),
        pytest.param("Write-Output 'First' || Write-Output 'Second'", ["First"], id="or-after-success"),
        pytest.param("Write-Error 'Bad' || Write-Output 'Second'", ["Second"], id="or-after-error"),
        pytest.param(
            "Write-Error 'Bad' || Write-Output 'Second' && Write-Output 'Third'", ["Second", "Third"], id="left"
        ),
        pytest.param("$false && 'expression succeeded'", [False, "expression succeeded"], id="an-expression-succeeds"),
    ],
)
def test_pipeline_chain_examples_of_the_reference_page(
    memory_tenant: cs.Tenant, chain: str, output: list[object]
) -> None:
    """The examples of about_Pipeline_Chain_Operators: ``$?`` after the left pipeline decides."""
    assert run(memory_tenant, chain).output == output


def test_a_binding_error_ends_only_its_pipeline_and_the_chain_goes_on(memory_tenant: cs.Tenant) -> None:
    result = run(memory_tenant, f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS}' -Bogus || 'fallback'\n$?")
    assert result.output == ["fallback", True]
    assert [error.error_id for error in result.errors] == ["NamedParameterNotFound"]


def test_a_throw_ends_the_chain(memory_tenant: cs.Tenant) -> None:
    """about_Pipeline_Chain_Operators, "Error interaction": a script-terminating error is not absorbed."""
    result = run(memory_tenant, "try { $(throw 'Bad') || Write-Output '2' } catch { \"Caught: $_\" }\n'Done'")
    assert result.output == ["Caught: Bad", "Done"]


def test_assigning_a_chain_keeps_all_its_output(memory_tenant: cs.Tenant) -> None:
    result = run(
        memory_tenant,
        f"$result = Get-CsOnlineDialInConferencingUser -Identity '{AMOS}' && Write-Output 'looked up'\n"
        "$result.Count, $result[0].Identity, $result[1]",
    )
    assert result.output == [2, AMOS, "looked up"]


def test_null_conditional_guards_one_access_only(memory_tenant: cs.Tenant) -> None:
    """The access after ``?.Name`` is an ordinary one: on $null it fails as PowerShell's does
    (Compiler.cs wraps only the ``?.`` access itself in the $null test)."""
    result = run(memory_tenant, "$missing = $null\n${missing}?.Identity.ToUpper()\n'next'")
    assert result.output == ["next"]
    assert [error.error_id for error in result.errors] == ["InvokeMethodOnNull"]


NOT_TWO = """
function Test-NotTwo {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Input)
    process {
        if ($Input -ne 2) { return $Input }
        $exception = [System.Exception]::new('Input is 2')
        $record = [System.Management.Automation.ErrorRecord]::new($exception, 'InputTwo', 'InvalidData', $null)
        $PSCmdlet.WriteError($record)
    }
}
function Test-TerminatingError {
    [CmdletBinding()]
    param()
    $exception = [System.Exception]::new('BAD')
    $record = [System.Management.Automation.ErrorRecord]::new($exception, 'BAD', 'NotSpecified', $null)
    $PSCmdlet.ThrowTerminatingError($record)
}
"""


def test_chaining_pipelines_rather_than_commands(memory_tenant: cs.Tenant) -> None:
    """about_Pipeline_Chain_Operators: an error written by any command of the left pipeline makes
    ``$?`` false, and an error that terminates only a pipeline lets the chain go on."""
    result = run(
        memory_tenant,
        NOT_TWO + "1,2,3 | Test-NotTwo && Write-Output 'All done!'\nTest-TerminatingError || Write-Output 'Second'",
    )
    assert result.output == [1, 3, "Second"]
    assert [error.error_id for error in result.errors] == ["InputTwo", "BAD"]
