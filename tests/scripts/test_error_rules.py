"""Errors as PowerShell 7.4 handles them, one rule per test, each citing the about_ page it follows
(learn.microsoft.com/powershell/module/microsoft.powershell.core/about/<page>).

Scripts run on the demo tenant with the real command table, in a temporary working folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.errors import PowerShellError
from cscmdlets.scripts.errors import EMULATOR_STOP_STATUS
from cscmdlets.scripts.host import LocalPlatform
from cscmdlets.scripts.runner import Runner, RunResult
from cscmdlets.scripts.sandbox import Sandbox

AMOS = "amos.marble@contoso.com"
USER_NOT_FOUND = (
    "UserNotFound,Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.SetCsOnlineDialInConferencingUserCmdlet"
)


def run(text: str, folder: Path, **options: object) -> RunResult:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    options.setdefault("base_dir", folder)
    return Runner(tenant.engine, resolve_command=find_command, script_name="rules.ps1", **options).run(text)  # type: ignore[arg-type]


def ids(result: RunResult) -> list[str]:
    return [record.error_id for record in result.errors]


# --- about_Try_Catch_Finally ------------------------------------------------------------------------


def test_a_non_terminating_error_does_not_reach_catch(tmp_path: Path) -> None:
    """about_Try_Catch_Finally: catch sees terminating errors only; Get-Content on a missing file
    writes a non-terminating PathNotFound and the try block goes on."""
    result = run("try { Get-Content nofile.txt; 'still in try' } catch { 'caught' }\n'after'", tmp_path)
    assert result.output == ["still in try", "after"]
    assert [r.fully_qualified_error_id for r in result.errors] == [
        "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"
    ]
    assert result.status == 0


@pytest.mark.parametrize(
    "escalation",
    [
        pytest.param("Get-Content nofile.txt -ErrorAction Stop", id="error-action-stop"),
        pytest.param("$ErrorActionPreference = 'Stop'; Get-Content nofile.txt", id="preference-stop"),
    ],
)
def test_stop_escalates_to_catch_with_the_original_record(tmp_path: Path, escalation: str) -> None:
    """about_Try_Catch_Finally and about_CommonParameters (-ErrorAction Stop): $_ is the original
    record (its FQEID and message), and the error is not shown."""
    result = run(f'try {{ {escalation}; "not here" }} catch {{ $_.FullyQualifiedErrorId; "$_" }}', tmp_path)
    assert result.output == [
        "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand",
        f"Cannot find path '{tmp_path / 'nofile.txt'}' because it does not exist.",
    ]
    assert result.errors == [] and result.status == 0


def test_import_csv_on_a_missing_file_is_statement_terminating(tmp_path: Path) -> None:
    """about_Error_Handling: a statement-terminating error reaches catch without -ErrorAction, and
    outside try only its statement ends (Import-Csv's FileOpenFailure, CsvCommands.cs)."""
    result = run("try { Import-Csv nope.csv; 'no' } catch { 'caught' }\n$rows = Import-Csv nope.csv; 'next'", tmp_path)
    assert result.output == ["caught", "next"]
    assert ids(result) == ["FileOpenFailure"]


def test_finally_runs_after_catch_and_before_an_uncaught_error_leaves(tmp_path: Path) -> None:
    """about_Try_Catch_Finally: finally runs after the handling catch, and before an unhandled
    error propagates; the rethrown error is not lost."""
    text = """
try {
    try { throw 'inner' } finally { 'inner finally' }
} catch { "outer caught $_" } finally { 'outer finally' }
"""
    assert run(text, tmp_path).output == ["inner finally", "outer caught inner", "outer finally"]


def test_finally_runs_when_exit_leaves_a_catch(tmp_path: Path) -> None:
    """about_Try_Catch_Finally: finally runs even when exit runs inside catch."""
    result = run("try { throw 'x' } catch { exit 4 } finally { 'cleanup' }\n'never'", tmp_path)
    assert (result.output, result.status) == (["cleanup"], 4)


def test_catch_by_type_name(tmp_path: Path) -> None:
    """about_Try_Catch_Finally: a typed catch takes the errors of that type; the first match wins."""
    text = (
        "try { Get-Content nofile.txt -ErrorAction Stop } "
        "catch [System.Management.Automation.ItemNotFoundException] { 'not found' } catch { 'other' }"
    )
    assert run(text, tmp_path).output == ["not found"]


# --- about_Throw ---------------------------------------------------------------------------------------


def test_bare_throw_in_catch_rethrows_the_caught_error(tmp_path: Path) -> None:
    """about_Throw: inside catch, throw without an argument rethrows the current error."""
    text = "try { try { Import-Csv nope.csv } catch { 'logged'; throw } } catch { $_.FullyQualifiedErrorId }"
    assert run(text, tmp_path).output == ["logged", "FileOpenFailure,Microsoft.PowerShell.Commands.ImportCsvCommand"]


def test_bare_throw_outside_catch_is_script_halted(tmp_path: Path) -> None:
    """about_Throw: without an argument outside catch, throw raises ScriptHalted; it ends the script."""
    result = run("function Fail { throw }\ntry { throw 'x' } catch { Fail }\n'never'", tmp_path)
    assert result.output == []
    assert [(r.error_id, r.message) for r in result.errors] == [("ScriptHalted", "ScriptHalted")]
    assert result.status == 1


# --- about_Trap ------------------------------------------------------------------------------------------


def test_a_trap_handles_errors_of_its_list_even_before_it_and_the_list_goes_on(tmp_path: Path) -> None:
    """about_Trap: a trap may stand anywhere in its script block (it is hoisted); after its body
    the error is written to the error stream and the statement after the failed one runs."""
    result = run("'start'\nImport-Csv nope.csv\n'next'\ntrap { \"trapped $($_.FullyQualifiedErrorId)\" }", tmp_path)
    assert result.output == ["start", "trapped FileOpenFailure,Microsoft.PowerShell.Commands.ImportCsvCommand", "next"]
    assert ids(result) == ["FileOpenFailure"]
    assert [kind for kind, _ in result.events] == ["output", "output", "error", "output"]


def test_an_error_in_a_loop_continues_after_the_loop(tmp_path: Path) -> None:
    """about_Trap, "Trapping errors in a scriptblock": the rest of the foreach is skipped and the
    script goes on with the statement after it."""
    text = "trap { 'An error occurred!' }\nforeach ($x in 2..-1) { \"1/$x = $(1/$x)\" }\n'after loop'"
    result = run(text, tmp_path)
    assert result.output == ["1/2 = 0.5", "1/1 = 1", "An error occurred!", "after loop"]
    assert [(r.error_id, r.message) for r in result.errors] == [("RuntimeException", "Attempted to divide by zero.")]


def test_a_trap_outside_a_function_does_not_go_back_into_it(tmp_path: Path) -> None:
    """about_Trap, "Trapping errors and scope": an error in a function without a trap reaches the
    caller's trap, and the caller goes on after the call; a trap inside the function resumes it."""
    text = """
function Inner { throw 'inner failed'; 'inner completed' }
function Own { trap { 'own trap' }; throw 'own failed'; 'own completed' }
trap { "outer trap: $_" }
Inner
'after inner'
Own
"""
    result = run(text, tmp_path)
    assert result.output == ["outer trap: inner failed", "after inner", "own trap", "own completed"]
    assert [r.message for r in result.errors] == ["inner failed", "own failed"]


def test_continue_in_a_trap_drops_the_error_and_break_ends_the_script(tmp_path: Path) -> None:
    """about_Trap, "Using the break and continue keywords": continue goes on silently; break
    writes the error and stops the function or script that holds the trap."""
    quiet = run("trap { 'noted'; continue }\n1/$null\n'goes on'", tmp_path)
    assert (quiet.output, quiet.errors, quiet.status) == (["noted", "goes on"], [], 0)
    loud = run("trap { 'trapped'; break }\n1/$null\n'never'", tmp_path)
    assert loud.output == ["trapped"]
    assert [r.message for r in loud.errors] == ["Attempted to divide by zero."]
    assert loud.status == 1
    stopped = run("function Stop-Here { trap { break }; 1/$null; 'not here' }\nStop-Here\n'never'", tmp_path)
    assert (stopped.output, [r.message for r in stopped.errors]) == ([], ["Attempted to divide by zero."])


def test_a_trap_in_a_loop_body_handles_each_item(tmp_path: Path) -> None:
    """about_Trap: a trap in the foreach body belongs to the body's script block: the error of one
    item is trapped there, the body goes on after the failed statement, and the loop goes on."""
    text = """
foreach ($upn in 'amos.marble@contoso.com', 'gone@contoso.com', 'ken.myer@contoso.com') {
    trap { "failed $upn"; continue }
    Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin -ErrorAction Stop | Out-Null
    "next $upn"
}
'done'
"""
    result = run(text, tmp_path)
    assert result.output == [
        "next amos.marble@contoso.com",
        "failed gone@contoso.com",
        "next gone@contoso.com",
        "next ken.myer@contoso.com",
        "done",
    ]
    assert result.errors == []


def test_the_most_specific_trap_wins_then_the_first_written(tmp_path: Path) -> None:
    """about_Trap, "Trapping specified errors": the trap of the most specific type handles the
    error; of traps for the same condition the first one written runs."""
    text = """
trap { 'general'; continue }
trap [System.Management.Automation.ItemNotFoundException] { 'not found'; continue }
trap [System.Management.Automation.ItemNotFoundException] { 'second not found'; continue }
Get-Content nofile.txt -ErrorAction Stop
throw 'other'
"""
    assert run(text, tmp_path).output == ["not found", "general"]


def test_a_trap_body_runs_in_a_child_scope_with_the_error_record(tmp_path: Path) -> None:
    """about_Trap and about_Scopes: $_ is the ErrorRecord; a variable set in the trap is the
    trap's own, so scripts count failures with a scope modifier."""
    text = """
$failed = 0; $last = 'none'
trap { $script:failed++; $last = $_.CategoryInfo.Category; continue }
Import-Csv a.csv
Import-Csv b.csv
"failed=$failed last=$last"
"""
    assert run(text, tmp_path).output == ["failed=2 last=none"]


def test_a_trap_sees_terminating_errors_only(tmp_path: Path) -> None:
    """about_Trap and about_Error_Handling: a non-terminating error is written and never trapped."""
    result = run("trap { 'trapped'; continue }\nGet-Content nofile.txt\n'after'", tmp_path)
    assert result.output == ["after"]
    assert ids(result) == ["PathNotFound"]


def test_no_trap_swallows_an_emulator_stop(tmp_path: Path) -> None:
    """The emulator's own stop is no PowerShell error: a trap, like catch, never sees it."""
    result = run("trap { 'trapped'; continue }\nGet-Mailbox -Identity x\n'after'", tmp_path)
    assert result.output == []
    assert result.stop is not None and result.status == EMULATOR_STOP_STATUS


# --- about_Preference_Variables ($ErrorActionPreference) ------------------------------------------------


def test_silently_continue_preference_even_swallows_throw(tmp_path: Path) -> None:
    """about_Preference_Variables / about_Throw: SilentlyContinue suppresses a throw; $Error keeps it."""
    result = run("$ErrorActionPreference = 'SilentlyContinue'\nthrow 'boom'\n'after'\n$Error[0].ToString()", tmp_path)
    assert result.output == ["after", "boom"]
    assert result.errors == []


def test_stop_preference_makes_a_statement_terminating_error_end_the_script(tmp_path: Path) -> None:
    """about_Preference_Variables: with Stop, a binding error is no longer only statement-terminating."""
    result = run("$ErrorActionPreference = 'Stop'\nWrite-Host -Nope 1\n'after'", tmp_path)
    assert result.output == [] and ids(result) == ["NamedParameterNotFound"] and result.status == 1


def test_error_action_does_not_touch_a_binding_error(tmp_path: Path) -> None:
    """about_CommonParameters: -ErrorAction applies to non-terminating errors; binding fails before."""
    result = run("Write-Host -Nope 1 -ErrorAction SilentlyContinue\n'after'", tmp_path)
    assert result.output == ["after"] and ids(result) == ["NamedParameterNotFound"]


# --- about_CommonParameters -------------------------------------------------------------------------


def test_error_action_on_a_builtin(tmp_path: Path) -> None:
    """about_CommonParameters: SilentlyContinue hides but records in $Error; Ignore records nowhere."""
    result = run(
        "Get-Content a.txt -ErrorAction SilentlyContinue\nGet-Content b.txt -ErrorAction Ignore\n$Error.Count\n$?",
        tmp_path,
    )
    assert result.errors == []
    assert result.output == [1, True]


def test_error_variable_collects_and_plus_appends(tmp_path: Path) -> None:
    """about_CommonParameters (-ErrorVariable): set to a new list when the command starts, even
    empty; +name appends; $Error is still updated."""
    text = """
Get-Content a.txt -ErrorAction SilentlyContinue -ErrorVariable problems
Get-Content b.txt -ErrorAction SilentlyContinue -ErrorVariable +problems
Write-Output 'fine' -ErrorVariable clean
$problems.Count; $clean.Count; $Error.Count
"""
    assert run(text, tmp_path).output == ["fine", 2, 0, 2]


def test_error_variable_on_a_cmdlet_and_stop(tmp_path: Path) -> None:
    """about_CommonParameters: the variable is filled even when Stop ends the command, with the
    ActionPreferenceStopException that carries the error, while $Error and ``$_`` have the record
    (PowerShell's own ActionPreference.Tests.ps1; MshCommandRuntime.cs ManageException)."""
    text = """
try {
    Set-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ServiceNumber 1 -ErrorAction Stop -ev failed
}
catch { $_.FullyQualifiedErrorId }
$failed.Count; $failed[0].GetType().Name; $failed[0].ErrorRecord.FullyQualifiedErrorId; $Error[0].FullyQualifiedErrorId
"""
    result = run(text, tmp_path)
    assert result.output == [USER_NOT_FOUND, 1, "ActionPreferenceStopException", USER_NOT_FOUND, USER_NOT_FOUND]


def test_warning_variable_keeps_a_hidden_warning(tmp_path: Path) -> None:
    """about_CommonParameters (-WarningVariable): stored even when -WarningAction hides it."""
    result = run("Write-Warning 'careful' -WarningAction SilentlyContinue -WarningVariable w\n$w", tmp_path)
    assert (result.warnings, result.output) == ([], ["careful"])


# --- about_Automatic_Variables ----------------------------------------------------------------------


def test_dollar_question_mark_follows_the_last_command(tmp_path: Path) -> None:
    """about_Automatic_Variables ($?): $false after an error, $true after a success."""
    result = run("Get-Content nofile.txt -ErrorAction SilentlyContinue\n$?\nWrite-Output x | Out-Null\n$?", tmp_path)
    assert result.output == [False, True]


def test_error_is_newest_first(tmp_path: Path) -> None:
    """about_Automatic_Variables ($Error): the newest error is $Error[0]."""
    text = "Get-Content a.txt -ea 0\n$null = Import-Csv b.csv -ea 0\ntry { throw 'c' } catch {}\n$Error | % { \"$_\" }"
    output = run(text, tmp_path).output
    assert [line.split(" ")[0] for line in output] == ["c", "Could", "Cannot"]


RESET_PINS = """
foreach ($upn in 'amos.marble@contoso.com', 'nobody@contoso.com') {
    try { Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin -ErrorAction Stop }
    catch { Write-Host "failed: $($_.FullyQualifiedErrorId.Split(',')[0])" }
}
Write-Host "errors so far: $($Error.Count)"
Set-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ResetLeaderPin -ErrorAction Stop
Write-Host 'never'
"""


def test_a_stop_that_ends_the_script_leaves_its_exception_above_the_record(tmp_path: Path) -> None:
    """about_Preference_Variables ($ErrorActionPreference, Stop): a Stop escalation that ends the
    script leaves $Error[0] the ActionPreferenceStopException (its ErrorRecord the original) and
    $Error[1] the original record; one caught by ``catch`` leaves the record only, and ``$_`` is
    the record (MshCommandRuntime.cs AppendDollarError: bare exceptions at the top level only)."""
    runner = Runner(cs.Tenant.demo(clock=fixed_clock()).engine, resolve_command=find_command, base_dir=tmp_path)
    ended = runner.run(RESET_PINS)
    assert (ended.host, ids(ended), ended.status) == (["failed: UserNotFound", "errors so far: 1"], ["UserNotFound"], 1)
    after = runner.run(
        "$Error.Count; $Error[0].GetType().Name; $Error[0].Message; $Error[0].ErrorRecord.FullyQualifiedErrorId\n"
        "$null -eq $Error[0].FullyQualifiedErrorId; $Error[1].FullyQualifiedErrorId; $Error[2].FullyQualifiedErrorId"
    )
    assert after.output == [
        3,
        "ActionPreferenceStopException",
        'The running command stopped because the preference variable "ErrorActionPreference" or common '
        'parameter is set to Stop: Management object not found for identity "nobody@contoso.com".',
        USER_NOT_FOUND,
        True,
        USER_NOT_FOUND,
        USER_NOT_FOUND,
    ]


def test_a_throw_that_ends_the_script_leaves_its_record_only(tmp_path: Path) -> None:
    """CommandProcessorBase.cs ManageScriptException: a ``throw`` is in $Error as its record alone;
    a statement-terminating error that Stop made end the script leaves its own exception above it."""
    runner = Runner(cs.Tenant.demo(clock=fixed_clock()).engine, resolve_command=find_command, base_dir=tmp_path)
    runner.run("throw 'no CSV given'")
    runner.run("$ErrorActionPreference = 'Stop'\n$port = [int]'x'")
    after = runner.run(
        "$ErrorActionPreference = 'Continue'; $Error.Count; $Error[0].GetType().Name\n"
        '$Error[0].Message -eq $Error[1].Exception.Message; $Error[1].FullyQualifiedErrorId; "$($Error[2])"'
    )
    assert after.output == [3, "RuntimeException", True, "InvalidCastFromStringToInteger", "no CSV given"]


@pytest.mark.parametrize(
    ("statement", "status"),
    [
        pytest.param("exit 5", 5, id="code"),
        pytest.param("exit", 0, id="none"),
        pytest.param("exit 'x'", 0, id="not-a-number"),
        pytest.param("exit -2", 254, id="negative-on-posix"),
        pytest.param("function Leave { exit 7 }\nLeave", 7, id="from-a-function"),
    ],
)
def test_exit_sets_the_status(tmp_path: Path, statement: str, status: int) -> None:
    """about_Language_Keywords (exit) and about_Automatic_Variables ($LASTEXITCODE: $null until a
    program or script sets it; a variable holding $null writes it)."""
    result = run(f"$LASTEXITCODE\n{statement}\n'never'", tmp_path)
    assert (result.output, result.status) == ([None], status)


def test_matches_belong_to_one_runner_and_scope(tmp_path: Path) -> None:
    """about_Automatic_Variables ($Matches): set by a successful scalar -match in the current scope
    only, with .NET named groups; another session's $Matches is its own."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    first, second = (Runner(tenant.engine, resolve_command=find_command) for _ in range(2))
    first.run("$null = 'amos.marble@contoso.com' -match '^(?<user>[^@]+)@(?<domain>.+)$'")
    result = second.run("$null = 'x' -match 'y'; $Matches")
    assert result.output == [None]
    text = """
$null = 'amos.marble@contoso.com' -match '^(?<user>[^@]+)@(?<domain>.+)$'
function Inner { $null = 'zzz' -match '(z)' ; $Matches[1] }
Inner
$Matches['user']; $Matches.domain; $Matches[0]
@('a1', 'b2') -match '\\d'
$Matches.user
"""
    assert first.run(text).output == [
        "z",
        "amos.marble",
        "contoso.com",
        "amos.marble@contoso.com",
        "a1",
        "b2",
        "amos.marble",
    ]


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        pytest.param("'John Smith' -replace '(?<f>\\w+) (?<l>\\w+)', '${l}, ${f}'", "Smith, John", id="named"),
        pytest.param("'5.72' -replace '(.+)', '$$$1'", "$5.72", id="dollar-dollar"),
        pytest.param("'a' -replace 'a', '\\t'", "\\t", id="backslash-literal"),
        pytest.param("'ab' -replace 'a', '$9'", "$9b", id="missing-group-literal"),
        pytest.param("'ABC' -creplace 'b', 'x'", "ABC", id="case-sensitive"),
        pytest.param("('a1b22c' -split '\\d+') -join ','", "a,b,c", id="split"),
        pytest.param("'line\n' -match 'line\\Z'", True, id="z-before-final-newline"),
        pytest.param("'Привет' -match '^\\p{L}+$'", True, id="unicode-category"),
        pytest.param("'aaab' -match '(?<=a+)b'", True, id="variable-lookbehind"),
    ],
)
def test_dotnet_regular_expressions(tmp_path: Path, expression: str, value: object) -> None:
    """about_Regular_Expressions and about_Comparison_Operators (-replace substitutions)."""
    result = run(expression, tmp_path)
    assert result.errors == [] and result.output == [value]


def test_switch_regex_sets_matches(tmp_path: Path) -> None:
    """about_Switch (-Regex) and about_Automatic_Variables ($Matches)."""
    text = "switch -Regex ('id=42') { 'id=(?<n>\\d+)' { $Matches.n } }"
    assert run(text, tmp_path).output == ["42"]


# --- discarding output (about_Automatic_Variables $null, about_Redirection) ------------------------------


def test_four_ways_to_discard_output(tmp_path: Path) -> None:
    """$null = …, [void](…), | Out-Null and > $null discard; errors still show."""
    text = "$null = Write-Output a\n[void](Write-Output b)\nWrite-Output c | Out-Null\nWrite-Output d > $null\n'e'"
    result = run(text, tmp_path)
    assert (result.output, result.errors) == (["e"], [])


def test_error_redirection_to_null_hides_but_records(tmp_path: Path) -> None:
    """about_Redirection: 2>$null hides the error stream; $Error still has the record."""
    result = run("Get-Content nofile.txt 2>$null\n$Error.Count", tmp_path)
    assert (result.errors, result.output) == ([], [1])


# --- -WhatIf: one decision (about_Preference_Variables $WhatIfPreference, about_Redirection) -------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        pytest.param("'x' | Out-File a.txt", False, id="out-file"),
        pytest.param("'x' > a.txt", False, id="redirection"),
        pytest.param("Set-Content a.txt 'x'", False, id="set-content"),
        pytest.param("New-Item a.txt -ItemType File", False, id="new-item"),
        pytest.param("'x' | Out-File a.txt -WhatIf:$false", True, id="whatif-false-wins"),
    ],
)
def test_what_if_preference_is_one_decision(tmp_path: Path, text: str, written: bool) -> None:
    """$WhatIfPreference = $true makes every ShouldProcess command and redirection a dry run;
    -WhatIf:$false on the command overrides it."""
    result = run(f"$WhatIfPreference = $true\n{text}", tmp_path)
    assert (tmp_path / "a.txt").exists() is written
    assert result.errors == []
    if not written:
        assert result.host[0].startswith("What if: Performing the operation ")


def test_run_what_if_and_redirection_agree(tmp_path: Path) -> None:
    """`cscmdlets run --what-if` is $WhatIfPreference = $true for the run: Out-File and > agree."""
    result = run("'x' | Out-File a.txt\n'y' > b.txt", tmp_path, what_if=True)
    assert [line.split(" on target ")[0] for line in result.host] == [
        'What if: Performing the operation "Output to File"'
    ] * 2
    assert not (tmp_path / "a.txt").exists() and not (tmp_path / "b.txt").exists()


# --- never a traceback ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fqeid"),
    [
        pytest.param("'x' | Out-File missing/out.txt", "FileOpenFailure,Microsoft.PowerShell.Commands.OutFileCommand"),
        pytest.param("'x' > missing/out.txt", "FileOpenFailure,Microsoft.PowerShell.Commands.OutFileCommand"),
        pytest.param(
            "Get-Process | Export-Csv missing/x.csv",
            None,
            id="emulator-stop-first",
        ),
        pytest.param(
            "Set-Content missing/x.txt 'v'",
            "GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.SetContentCommand",
        ),
        pytest.param("Get-Content .", "GetContainerContentException,Microsoft.PowerShell.Commands.GetContentCommand"),
        pytest.param(
            "Join-Path $env:NO_SUCH_VARIABLE 'x.csv'",
            "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.JoinPathCommand",
        ),
        pytest.param("Test-Path $null", "NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand"),
        pytest.param("Write-Host 'x' -ForegroundColor Orange", "CannotConvertArgumentNoMessage"),
    ],
)
def test_wrong_scripts_get_powershell_errors(tmp_path: Path, text: str, fqeid: str | None) -> None:
    """Never a Python traceback: each mistake gets the record PowerShell writes (about_Redirection
    for ``>``; the cmdlets' own records otherwise)."""
    result = run(text + "\n'after'", tmp_path)
    if fqeid is None:
        assert result.status == EMULATOR_STOP_STATUS
        return
    assert result.output == ["after"]
    assert [r.fully_qualified_error_id.split(",Microsoft.PowerShell.Commands.WriteHost")[0] for r in result.errors] == [
        fqeid
    ]


def test_an_unreadable_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\xfa\x00\x81")
    result = run("Get-Content binary.txt\n'after'", tmp_path)
    assert result.output == ["after"] and ids(result) == ["ReadError"]


def test_home_and_env_come_from_the_platform(tmp_path: Path) -> None:
    """$env: and $HOME read the host's platform; a sandbox shows no process variable it was not
    told to, and keeps files inside its root."""
    local = run("$env:CSCMDLETS_X = 'set'; $env:CSCMDLETS_X; $HOME", tmp_path, platform=LocalPlatform(tmp_path, {}))
    assert local.output == ["set", None]  # no HOME on this platform: $HOME is $null
    sandbox = Sandbox(root=tmp_path).platform()
    result = run(
        "$env:PATH; 'x' | Out-File ../../escape.txt\n'x' | Out-File .\\inside.txt\n'after'", tmp_path, platform=sandbox
    )
    assert result.output == [None, "after"]  # the sandbox has no PATH: $env:PATH is $null
    assert ids(result) == ["PathOutsideScriptsRoot"]
    assert (tmp_path / "inside.txt").read_text(encoding="utf-8") == "x\n"


def test_tenant_invoke_raises_an_emulator_stop() -> None:
    """The Python door says it too: no silent empty result for a command cscmdlets does not emulate."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    with pytest.raises(PowerShellError) as raised:
        tenant.invoke("Get-CsOnlineLisPort -Identity amos.marble@contoso.com")
    assert raised.value.error_id == "NotEmulated"
    assert str(raised.value) == "cscmdlets does not emulate 'Get-CsOnlineLisPort' (at 1:1); the run stopped here."


@pytest.mark.parametrize(
    "command",
    [
        pytest.param("Get-Content ../outside.txt", id="get-content"),
        pytest.param("Import-Csv ../outside.txt", id="import-csv"),
        pytest.param("Set-Content ../outside.txt 'x'", id="set-content"),
        pytest.param("'x' | Export-Csv ../outside.txt", id="export-csv"),
        pytest.param("'x' > ../outside.txt", id="redirection"),
        pytest.param("New-Item ../made -ItemType Directory", id="new-item"),
        pytest.param("Test-Path ../outside.txt", id="test-path"),
        pytest.param("Get-ChildItem ..", id="get-child-item"),
        pytest.param("Select-String x -Path ../outside.txt", id="select-string"),
        pytest.param("[System.IO.File]::Exists('../outside.txt')", id="dotnet-file"),
        pytest.param("switch -File ../outside.txt { default { $_ } }", id="switch-file"),
        pytest.param("Set-Location ..", id="set-location"),
        pytest.param("'x' | Export-Clixml ../outside.txt", id="export-clixml"),
        pytest.param("Remove-Item ../outside.txt", id="remove-item"),
    ],
)
def test_every_file_command_stays_in_the_sandbox(tmp_path: Path, command: str) -> None:
    """Builtins reach files only through the host's platform: a Sandbox confines all of them."""
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("secret\n", encoding="utf-8")
    result = run(command + "\n'after'", root, platform=Sandbox(root=root).platform())
    assert result.output == ["after"]
    assert ids(result) == ["PathOutsideScriptsRoot"]
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "secret\n"
    assert not (tmp_path / "made").exists()


def test_a_sandboxed_script_moves_only_within_its_root(tmp_path: Path) -> None:
    """Set-Location inside the sandbox: relative paths follow, and a way out is still refused."""
    (tmp_path / "sub").mkdir()
    text = "cd sub\n'x' | Out-File in.txt\n'y' | Out-File ../../out.txt\nSplit-Path $PWD -Leaf"
    result = run(text, tmp_path, platform=Sandbox(root=tmp_path).platform())
    assert (tmp_path / "sub" / "in.txt").exists() and not (tmp_path.parent / "out.txt").exists()
    assert ids(result) == ["PathOutsideScriptsRoot"] and result.output == ["sub"]


def test_error_stream_merged_into_output(tmp_path: Path) -> None:
    """about_Redirection: 2>&1 sends the error records to the success stream; $? is still $false."""
    text = (
        "$out = Get-Content nofile.txt 2>&1\n$?\n"
        "$out -is [System.Management.Automation.ErrorRecord]\n$out.FullyQualifiedErrorId"
    )
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == [False, True, "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"]


def test_common_parameters_of_an_advanced_function(tmp_path: Path) -> None:
    """about_CommonParameters: -ErrorAction on a function is its $ErrorActionPreference (so it
    even silences throw inside it); -ErrorVariable collects what it and its commands write."""
    text = """
function Update-One {
    [CmdletBinding()]
    param([string]$Path)
    Get-Content $Path
    throw 'inside'
    'after throw'
}
Update-One -Path nofile.txt -ErrorAction SilentlyContinue -ErrorVariable problems
$problems.Count
"""
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == ["after throw", 2]


@pytest.mark.parametrize(
    ("binding", "output"),
    [
        pytest.param("", [], id="plain-function-ends-the-script"),
        pytest.param("[CmdletBinding()]", ["after"], id="advanced-function-ends-the-statement"),
    ],
)
def test_stop_escalation_scope(tmp_path: Path, binding: str, output: list[str]) -> None:
    """about_Error_Handling ("How escalation works"): Stop inside a non-advanced function is
    script-terminating; out of an advanced one it is statement-terminating for the caller."""
    text = f"function Go {{ {binding} param() $ErrorActionPreference = 'Stop'; Get-Content nofile.txt }}\nGo\n'after'"
    result = run(text, tmp_path)
    assert result.output == output
    assert ids(result) == ["PathNotFound"]


def test_write_error_names_its_caller(tmp_path: Path) -> None:
    """Write-Error's record belongs to the caller: FQEID ``…WriteErrorException,<function or script>``."""
    text = "function Check-User { Write-Error 'bad user' }\nCheck-User\nWrite-Error 'bad script'"
    fqeids = [r.fully_qualified_error_id for r in run(text, tmp_path).errors]
    assert fqeids == [
        "Microsoft.PowerShell.Commands.WriteErrorException,Check-User",
        "Microsoft.PowerShell.Commands.WriteErrorException,rules.ps1",
    ]


def test_throw_a_dotnet_exception(tmp_path: Path) -> None:
    """about_Throw: a thrown exception keeps its type (a typed catch and its bases match it) and
    its message is the error id; a catch for another type lets it pass."""
    text = """
try { throw [System.ArgumentNullException]::new('UPN is empty') }
catch [System.IO.IOException] { 'io' }
catch [System.ArgumentException] { "$($_.Exception.Message) / $($_.FullyQualifiedErrorId)" }
try { throw (New-Object System.InvalidOperationException 'not now') } catch { $_.Exception.GetType().FullName }
"""
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == ["UPN is empty / UPN is empty", "System.InvalidOperationException"]


@pytest.mark.parametrize("common", ["-ErrorVariable true", "-ev True", "-OutVariable true", "-WarningVariable false"])
def test_a_variable_that_cannot_be_written_fails_the_command_before_it_runs(common: str) -> None:
    """about_CommonParameters: the -XVariable variables are set up as the command starts
    (MshCommandRuntime.SetupVariable), so a constant one stops it before it changes anything."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = len(tenant.audit())
    with pytest.raises(PowerShellError) as raised:
        tenant.invoke(f"Set-CsOnlineDialInConferencingTenantSettings -PinLength 7 {common}")
    assert raised.value.error_id == "VariableNotWritable"
    assert len(tenant.audit()) == before
    assert tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0].pin_length == 5
