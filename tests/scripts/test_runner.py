"""The script runner: the language admin scripts use, on a recording engine and on the demo tenant.

Each test asserts what PowerShell would do: output objects, host lines, the error record's
id, full message, line and column, and the tenant's final state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell import types as t
from cscmdlets.powershell.binder import BoundCommand
from cscmdlets.powershell.engine import Result
from cscmdlets.powershell.errors import (
    CommandNotFound,
    ErrorRecord,
    NamedParameterNotFound,
    ParseError,
    PositionalParameterNotFound,
    ServiceError,
)
from cscmdlets.powershell.metadata import CommandMetadata, Parameter
from cscmdlets.scripts.errors import EMULATOR_STOP_STATUS
from cscmdlets.scripts.runner import Runner, RunResult, invoke_line, run_script
from cscmdlets.scripts.values import PSObject

AMOS = "amos.marble@contoso.com"
CLOCK = dt.datetime(2026, 3, 4, 5, 6, 7)

# --- a recording engine with hand-made metadata -------------------------------------------------------

SET_THING = CommandMetadata(
    name="Set-Thing",
    implementing_type="Tests.SetThingCommand",
    supports_should_process=True,
    parameters=(
        Parameter("Identity", t.STRING, position=0, mandatory=True, from_pipeline_by_property_name=True),
        Parameter("Count", t.INT32),
        Parameter("Enabled", t.BOOLEAN),
        Parameter("Force", t.SWITCH),
        Parameter("Names", t.STRING_ARRAY),
        Parameter("Value", t.OBJECT),
    ),
)
GET_THING = CommandMetadata(
    name="Get-Thing",
    implementing_type="Tests.GetThingCommand",
    parameters=(Parameter("Identity", t.STRING, position=0),),
)


class Failed(ServiceError):
    error_id = "ThingFailed"
    template = "Thing '{0}' failed."


@dataclass
class RecordingEngine:
    """Records every bound command; Get-Thing returns objects, Set-Thing on 'bad' writes an error."""

    calls: list[BoundCommand] = field(default_factory=list)

    def invoke(self, command: BoundCommand) -> Result:
        self.calls.append(command)
        result = Result()
        if command.metadata is GET_THING:
            result.output.extend(PSObject([("Identity", name), ("Count", n)]) for n, name in enumerate(("a", "b"), 1))
        elif command.get("Identity") == "bad":
            error = Failed("bad", target_object="bad").for_command("Set-Thing", "Tests.SetThingCommand")
            result.errors.append(error.error_record)
        elif command.common.what_if:
            result.host.append(f'What if: Performing the operation "Set-Thing" on target "{command.get("Identity")}".')
        else:
            result.output.append(dict(command.values))
        return result


def resolve(name: str) -> CommandMetadata:
    table = {"set-thing": SET_THING, "get-thing": GET_THING}
    if name.lower() not in table:
        raise CommandNotFound(name, target_object=name, command_name=name)
    return table[name.lower()]


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine()


@pytest.fixture
def run(engine: RecordingEngine) -> Callable[..., RunResult]:
    def go(text: str, **options: Any) -> RunResult:
        options.setdefault("clock", lambda: CLOCK)
        return Runner(engine, resolve_command=resolve, script_name="/s/x.ps1", **options).run(text)

    return go


def values_of(engine: RecordingEngine) -> list[dict[str, Any]]:
    return [dict(call.values) for call in engine.calls]


# --- one command line with literal arguments ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "values"),
    [
        pytest.param("Set-Thing \u201cAmos Marble\u201d", {"Identity": "Amos Marble"}, id="typographic-quotes"),
        pytest.param(
            "Set-Thing a -Count 7 -Names x,y,z",
            {"Identity": "a", "Count": 7, "Names": ("x", "y", "z")},
            id="number-and-array",
        ),
        pytest.param(
            "Set-Thing -Identity:a \u2013Enabled:$false -Force",
            {"Identity": "a", "Enabled": False, "Force": True},
            id="glued-and-en-dash",
        ),
        pytest.param("Set-Thing a -Value 14255550100", {"Identity": "a", "Value": 14255550100}, id="int64"),
        pytest.param("Set-Thing a -Value $null", {"Identity": "a", "Value": None}, id="null"),
        pytest.param("Set-Thing a -Value true", {"Identity": "a", "Value": "true"}, id="bareword-is-a-string"),
        pytest.param("Set-Thing -id a -f", {"Identity": "a", "Force": True}, id="prefixes"),
    ],
)
def test_invoke_line_binds_literal_arguments(engine: RecordingEngine, line: str, values: dict[str, Any]) -> None:
    assert invoke_line(engine, line, resolve) == [values]
    assert values_of(engine) == [values]


def test_invoke_line_raises_the_binding_error_at_the_token(engine: RecordingEngine) -> None:
    with pytest.raises(NamedParameterNotFound) as caught:
        invoke_line(engine, "Set-Thing a -Colour red", resolve)
    info = caught.value.invocation
    assert caught.value.message == "A parameter cannot be found that matches parameter name 'Colour'."
    assert (info.line_number, info.column, info.length, info.command_name) == (1, 13, 7, "Set-Thing")
    assert caught.value.fully_qualified_error_id == "NamedParameterNotFound,Tests.SetThingCommand"
    assert engine.calls == []


def test_invoke_line_raises_a_written_error(engine: RecordingEngine) -> None:
    with pytest.raises(Failed, match=r"Thing 'bad' failed\."):
        invoke_line(engine, "Set-Thing bad", resolve)


@pytest.mark.parametrize("line", ["Set-Thing bad", "Set-Thing bad -ErrorAction Stop", "Set-Thing -Identity bad"])
def test_invoke_line_raises_a_written_error_once_at_the_command(engine: RecordingEngine, line: str) -> None:
    with pytest.raises(Failed) as caught:
        invoke_line(engine, line, resolve)
    info = caught.value.invocation
    assert (info.line_number, info.column, info.length, info.line) == (1, 1, len(line), line)
    assert len(engine.calls) == 1  # the command ran once: its error is reported, not run again


@pytest.mark.parametrize("action", ["SilentlyContinue", "Ignore"])
def test_invoke_line_error_action_silences_a_written_error(engine: RecordingEngine, action: str) -> None:
    assert invoke_line(engine, f"Set-Thing bad -ErrorAction {action}", resolve) == []
    assert len(engine.calls) == 1


def test_invoke_line_error_variable_keeps_the_error(engine: RecordingEngine) -> None:
    line = "Set-Thing bad -ErrorVariable oops -ErrorAction SilentlyContinue; $oops.Count"
    assert invoke_line(engine, line, resolve) == [1]


def test_invoke_line_what_if_shows_the_plan_and_writes_nothing(
    engine: RecordingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert invoke_line(engine, "Set-Thing a -WhatIf", resolve) == []
    assert capsys.readouterr().out == 'What if: Performing the operation "Set-Thing" on target "a".\n'
    assert [call.common.what_if for call in engine.calls] == [True]


def test_invoke_line_raises_a_terminating_error_once_at_the_command() -> None:
    calls: list[BoundCommand] = []

    class Refusing:
        def invoke(self, command: BoundCommand) -> Result:
            calls.append(command)
            raise Failed("a")

    with pytest.raises(Failed) as caught:
        invoke_line(Refusing(), "Set-Thing  a", resolve)
    info = caught.value.invocation
    assert (info.line_number, info.column, info.length) == (1, 1, len("Set-Thing  a"))
    assert len(calls) == 1


def test_invoke_line_raises_parse_errors(engine: RecordingEngine) -> None:
    with pytest.raises(ParseError) as caught:
        invoke_line(engine, 'Set-Thing "a', resolve)
    assert caught.value.error_id == "TerminatorExpectedAtEndOfString"


def test_switch_given_a_value_leaves_it_positional(engine: RecordingEngine) -> None:
    with pytest.raises(PositionalParameterNotFound) as caught:
        invoke_line(engine, "Set-Thing a -Force $false", resolve)
    assert caught.value.message == "A positional parameter cannot be found that accepts argument 'False'."
    assert caught.value.invocation.column == 20


# --- variables, strings, collections -------------------------------------------------------------------


def test_variables_expansion_and_here_strings(run: Callable[..., RunResult]) -> None:
    result = run("""
$name = 'Amos'; ${odd name} = 2
$list = @(1, 2); $list += 3
"Hi $name, $($list.Count) items, ${odd name}, `$name"
@"
Dear $name,
  total: $($list -join '+')
"@
'$name stays'
""")
    assert result.output == ["Hi Amos, 3 items, 2, $name", "Dear Amos,\n  total: 1+2+3", "$name stays"]


def test_hashtables_objects_and_member_access(run: Callable[..., RunResult]) -> None:
    result = run("""
$h = @{ Identity = 'a'; Count = 2 }
$h.count; $h['IDENTITY']; $h.Keys.Count
$h.Extra = 'x'; $h.ContainsKey('extra')
$o = [pscustomobject]@{ UPN = 'A@Contoso.com'; Tags = @('x', 'y') }
$o.upn.ToLower(); $o.Tags[-1]; $o.PSObject.Properties.Name -join ','
$objects = @($o, [pscustomobject]@{ UPN = 'b@contoso.com' })
$objects.UPN -join ';'
""")
    assert result.output == [2, "a", 2, True, "a@contoso.com", "y", "UPN,Tags", "A@Contoso.com;b@contoso.com"]


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("'a@b.com'.Split('@')[0]", "a"),
        ("'  x '.Trim()", "x"),
        ("'abc'.Replace('b', 'X').ToUpper()", "AXC"),
        ("'Contoso'.StartsWith('Con')", True),
        ("'Contoso'.Contains('tos')", True),
        ("'abc'.Length", 3),
        ("'A' -eq 'a'", True),
        ("'A' -ceq 'a'", False),
        ("'amos@contoso.com' -like '*@CONTOSO.com'", True),
        ("'x1' -match '^x(\\d)$'", True),
        ("1, 2, 3 -gt 1", [2, 3]),
        ("@(1, 2) -contains '2'", True),
        ("'b' -in 'a','b'", True),
        ("'b' -notin 'a','b'", False),
        ("-not $null", True),
        ("!(1 -eq 1)", False),
        ("'a-b-c' -split '-'", ["a", "b", "c"]),
        ("'user@x.com' -replace '@.*$', ''", "user"),
        ("'{0:N2} {1,-3}|' -f 1234.5, 'ab'", "1,234.50 ab |"),
        ("7 / 2", 3.5),
        ("6 / 2", 3),
        ("7 % 3", 1),
        ("'5' + 1", "51"),
        ("5 + '1'", 6),
        ("1..3", [1, 2, 3]),
        ("[int]'42' + 1", 43),
        ("'x' * 3", "xxx"),
        ("$true -and $false -or $true", True),
        ("[string]::IsNullOrEmpty('')", True),
        ("[math]::Round(2.5)", 2.0),
        ("(1, 2, 3 | Measure-Object -Sum).Sum", 6),
        ("'a,b' -split ',' | Sort-Object -Descending", ["b", "a"]),
        ("@().Count", 0),
        pytest.param("$null.Count", 0, id="null-count"),  # about_Properties: intrinsic members (PowerShell 3.0+)
        pytest.param("$null.Length", 0, id="null-length"),
        pytest.param("(@()).Count", 0, id="empty-array-count"),
        pytest.param("(5).Count", 1, id="scalar-count"),
        pytest.param("(Get-Date).Length", 1, id="object-length"),
        pytest.param("$null -eq $nothing.Name", True, id="member-of-null"),
        ("$null -eq $x", True),
        ("(Get-Date).Year", 2026),
        ("Get-Date -Format 'yyyy-MM-dd'", "2026-03-04"),
        ("(Get-Date).AddDays(-4).ToString('dd/MM')", "28/02"),
        ("'5' -as [int]", 5),
        ("'x' -is [string]", True),
    ],
)
def test_expressions(run: Callable[..., RunResult], expression: str, value: Any) -> None:
    result = run(f"$r = {expression}\n$r")
    assert not result.errors, result.errors[0].message if result.errors else ""
    assert result.output == (value if isinstance(value, list) else [value])


# --- control flow ----------------------------------------------------------------------------------------


def test_if_foreach_for_while_do(run: Callable[..., RunResult]) -> None:
    result = run("""
$out = @()
foreach ($n in 1..6) {
    if ($n -eq 2) { continue } elseif ($n -ge 5) { break } else { $out += $n }
}
for ($i = 0; $i -lt 3; $i++) { $out += "i$i" }
$k = 0
while ($true) { $k++; if ($k -gt 2) { break } }
do { $k-- } until ($k -le 0)
$out -join ','
$k
""")
    assert result.output == ["1,3,4,i0,i1,i2", 0]


def test_switch(run: Callable[..., RunResult]) -> None:
    result = run("""
foreach ($a in 'reset', 'NUMBER', 'x', 7) {
    switch ($a) {
        'reset' { "R $_" }
        number { 'N'; break }
        7 { 'seven' }
        { $_ -is [int] } { 'int' }
        default { "D $_" }
    }
}
switch -Wildcard ('amos@contoso.com', 'x@fabrikam.com') { '*@contoso.com' { 'contoso' } default { 'other' } }
switch -Regex -CaseSensitive ('abc', 'ABC') { '^a' { 'lower a'; continue } 'b' { 'has b' } }
""")
    assert result.output == ["R reset", "N", "D x", "seven", "int", "contoso", "other", "lower a"]


def test_assigning_to_several_variables(run: Callable[..., RunResult]) -> None:
    """about_Assignment_Operators, "Assigning multiple variables": one value each in turn, the
    rest to the last variable, $null to those the values do not reach."""
    result = run(
        "$a, $b, $c = 1, 2, 3, 4\n\"$a|$b|$($c -join '+')\"\n"
        "$user, $domain = 'amos@contoso.com' -split '@'\n\"$user at $domain\"\n"
        '$x, $y = 7\n"[$x][$y]"'
    )
    assert result.output == ["1|2|3+4", "amos at contoso.com", "[7][]"]


def test_a_chained_assignment_sets_every_variable(run: Callable[..., RunResult]) -> None:
    """about_Assignment_Operators, "Assigning multiple variables": ``$a = $b = 0`` sets both."""
    result = run(
        "$total = $failed = 0\n$total; $failed\n$first = $last = 'amos@contoso.com', 'ken@contoso.com'\n$first.Count"
    )
    assert result.output == [0, 0, 2]


@pytest.mark.parametrize(
    ("call", "value"),
    [
        pytest.param("$n.Where({ $_ -gt 2 })", [3, 4, 5, 6], id="default"),
        pytest.param("$n.Where({ $_ -gt 2 }, 'Default', 2)", [3, 4], id="default-count"),
        pytest.param("$n.Where({ $_ -gt 2 }, 'First')", [3], id="first"),
        pytest.param("$n.Where({ $_ -gt 2 }, 'Last', 2)", [5, 6], id="last"),
        pytest.param("$n.Where({ $_ -gt 3 }, 'Until')", [1, 2, 3], id="until"),
        pytest.param("$n.Where({ $_ -gt 3 }, 'SkipUntil', 2)", [4, 5], id="skip-until"),
        pytest.param("$n.Where({ $_ % 2 }, 'Split')", [[1, 3, 5], [2, 4, 6]], id="split"),
    ],
)
def test_where_method_modes(run: Callable[..., RunResult], call: str, value: list[Any]) -> None:
    """about_Arrays, "Where": the selection modes and the count that limits them."""
    result = run(f"$n = 1..6\n$r = {call}\n,$r")
    assert result.output == [value]


def test_switch_file_reads_the_lines_of_a_file(run: Callable[..., RunResult], tmp_path: Path) -> None:
    """about_Switch: ``-File`` switches on each line of the file; break leaves the file."""
    (tmp_path / "upns.txt").write_text("# header\namos@contoso.com\n\nken@contoso.com\nEND\nlate@contoso.com\n")
    result = run(
        "$name = 'upns.txt'\n"
        "switch -Regex -File $name { '^#|^$' { continue } '^END$' { break } '@' { \"user $_\" } }\n"
        "switch -File .\\upns.txt { 'END' { 'end seen' } }",
        base_dir=tmp_path,
    )
    assert result.output == ["user amos@contoso.com", "user ken@contoso.com", "end seen"]


def test_switch_file_on_a_missing_file_is_path_not_found(run: Callable[..., RunResult], tmp_path: Path) -> None:
    """about_Switch with SwitchOps.ResolveFilePath: the path is resolved as Get-Content resolves it,
    and a missing file is a terminating ItemNotFoundException: catch sees it, else the next statement runs."""
    result = run(
        "try { switch -File nope.txt { default { $_ } } }\n"
        'catch [System.Management.Automation.ItemNotFoundException] { "caught $($_.FullyQualifiedErrorId)" }\n'
        "switch -File nope.txt { default { $_ } }\n'after'",
        base_dir=tmp_path,
    )
    assert result.output == ["caught PathNotFound", "after"]
    assert [(r.error_id, r.message) for r in result.errors] == [
        ("PathNotFound", f"Cannot find path '{tmp_path / 'nope.txt'}' because it does not exist.")
    ]
    assert result.errors[0].invocation.line_number == 3


def test_functions_with_param_blocks(run: Callable[..., RunResult]) -> None:
    result = run("""
function Get-Greeting {
    param([Parameter(Mandatory)][string]$Name, [int]$Times = 1, [switch]$Loud)
    $text = ("Hi $Name " * $Times).Trim()
    if ($Loud) { return $text.ToUpper() }
    $text
}
Get-Greeting Amos
Get-Greeting -Name Ken -Times 2 -Loud
function Add($a, $b) { $a + $b }
Add 2 3
Get-Greeting
""")
    assert result.output == ["Hi Amos", "HI KEN HI KEN", 5]
    record = result.errors[0]
    assert record.error_id == "MissingMandatoryParameter"
    assert record.fully_qualified_error_id == "MissingMandatoryParameter,Get-Greeting"
    assert record.invocation.line_number == 12


def test_foreach_object_and_where_object_forms(run: Callable[..., RunResult]) -> None:
    result = run("""
$rows = 1..4 | ForEach-Object { [pscustomobject]@{ N = $_; Even = ($_ % 2 -eq 0) } }
($rows | Where-Object Even | ForEach-Object N) -join ','
($rows | ? { $_.N -gt 2 } | % { $_.N * 10 }) -join ','
($rows | Where-Object N -GE 3 | Select-Object -ExpandProperty N) -join ','
$sum = 0; $rows | ForEach-Object -Begin { $sum = 100 } -Process { $sum += $_.N } -End { "sum $sum" }
""")
    assert result.output == ["2,4", "30,40", "3,4", "sum 110"]


def test_select_sort_measure_group(run: Callable[..., RunResult]) -> None:
    result = run("""
$people = @(
  [pscustomobject]@{ Name = 'b'; Dept = 'IT'; Age = 40 }
  [pscustomobject]@{ Name = 'a'; Dept = 'HR'; Age = 30 }
  [pscustomobject]@{ Name = 'c'; Dept = 'IT'; Age = 20 }
)
($people | Sort-Object Age | Select-Object -First 2 -Property Name).Name -join ','
$m = $people | Measure-Object -Property Age -Average -Maximum
"$($m.Count) $($m.Average) $($m.Maximum)"
($people | Group-Object Dept | Sort-Object Count -Descending | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ';'
$people | Select-Object Name, @{ Name = 'Older'; Expression = { $_.Age + 1 } } | Sort-Object Name -Descending |
    Select-Object -First 1 | ForEach-Object { "$($_.Name) $($_.Older)" }
""")
    assert result.output == ["c,a", "3 30 40", "IT=2;HR=1", "c 21"]


# --- errors --------------------------------------------------------------------------------------------------


def test_try_catch_finally_and_throw(run: Callable[..., RunResult]) -> None:
    result = run("""
try { Set-Thing bad -ErrorAction Stop; 'not here' }
catch [System.InvalidOperationException] { "caught $($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
finally { 'finally' }
try { throw 'boom' } catch { "thrown $_ / $($_.CategoryInfo.Reason)" }
$Error.Count
""")
    assert result.output == [
        "caught ThingFailed,Tests.SetThingCommand: Thing 'bad' failed.",
        "finally",
        "thrown boom / RuntimeException",
        2,
    ]
    assert result.errors == []
    assert result.status == 0


def test_non_terminating_errors_continue_and_set_dollar_question(run: Callable[..., RunResult]) -> None:
    result = run(
        "Set-Thing bad\n$?\n'next'\nSet-Thing bad -ErrorAction SilentlyContinue\n$Error.Count\n"
        "Set-Thing bad -ea Ignore\n$Error.Count"
    )
    assert result.output == [False, "next", 2, 2]
    assert len(result.errors) == 1
    record = result.errors[0]
    info = record.invocation
    assert (info.line_number, info.column, info.script_name) == (1, 1, "/s/x.ps1")
    assert record.concise_view().splitlines()[0] == "Set-Thing: /s/x.ps1:1"
    assert result.status == 0  # pwsh -File: errors the script went on from leave the status 0


@pytest.mark.parametrize(
    ("statement", "status"),
    [
        pytest.param("'text'", True, id="expression"),
        pytest.param("$n = 1", True, id="assignment-of-an-expression"),
        pytest.param("$a = $b = 2", True, id="chained-assignment"),
        pytest.param("$n += 1", True, id="compound-assignment"),
        pytest.param("('text')", True, id="paren-of-an-expression"),
        pytest.param("@()", True, id="empty-array-expression"),
        pytest.param("(Set-Thing bad)", False, id="paren-of-a-command"),
        pytest.param("$(Set-Thing bad)", False, id="subexpression"),
        pytest.param("@(Set-Thing bad)", False, id="array-expression"),
        pytest.param("$r = Set-Thing bad", False, id="assignment-of-a-command"),
        pytest.param("$r = (Set-Thing bad)", False, id="assignment-of-a-paren-command"),
    ],
)
def test_dollar_question_after_a_statement_of_one_expression(
    run: Callable[..., RunResult], statement: str, status: bool
) -> None:
    """PowerShell 7 sets ``$?`` to ``$true`` after a statement of one pure expression (an
    assignment of one too), but ``(…)``, ``$(…)`` and ``@(…)`` around a command keep what it
    left (Compiler.cs, ShouldSetExecutionStatusToSuccess; about_Automatic_Variables)."""
    script = f"$n = 0\nSet-Thing bad -ErrorAction SilentlyContinue\n$null = {statement}\n{statement}"
    result = run(script + "\n$?")
    assert result.output[-1] is status
    as_command = run(script, command=True)  # pwsh -Command: the exit status is $? of the last statement
    assert (as_command.status, as_command.file_status) == (0 if status else 1, 0)


def test_error_action_preference_stop_ends_the_script(run: Callable[..., RunResult]) -> None:
    result = run("$ErrorActionPreference = 'Stop'\nSet-Thing bad\n'never'")
    assert result.output == []
    assert [r.error_id for r in result.errors] == ["ThingFailed"]


def test_statement_terminating_error_ends_only_the_statement(run: Callable[..., RunResult]) -> None:
    result = run("Set-Thing a -Nope 1; 'same line'\n'next line'")
    assert result.output == ["same line", "next line"]
    assert result.errors[0].error_id == "NamedParameterNotFound"


def test_uncaught_throw_stops_the_script(run: Callable[..., RunResult]) -> None:
    result = run("'before'\nthrow \"Stopped: $(1 + 1)\"\n'after'")
    assert result.output == ["before"]
    record = result.errors[0]
    assert (record.message, record.fully_qualified_error_id, record.invocation.line_number) == (
        "Stopped: 2",
        "Stopped: 2",
        2,
    )
    assert record.category_info == "OperationStopped: (Stopped: 2:String) [], RuntimeException"


@pytest.mark.parametrize(
    ("text", "what", "column"),
    [
        pytest.param("'a'\nInvoke-Expression 'Remove-Thing'", "'Invoke-Expression'", 1, id="invoke-expression"),
        pytest.param("'a'\n  iex $code", "'iex'", 3, id="iex-alias"),
        pytest.param(
            "'a'\n& C:\\tools\\x.exe /q",
            "other scripts or external programs ('C:\\tools\\x.exe')",
            3,
            id="external-program",
        ),
        pytest.param(
            "'a'\n$x = [System.IO.File]::Delete('x')",
            "the .NET call [System.IO.File]::Delete()",
            6,
            id="dotnet-call",
        ),
        pytest.param("'a'\nGet-Mailbox -Identity x", "'Get-Mailbox'", 1, id="unknown-cmdlet"),
        pytest.param("'a'\nGet-CsOnlineUser | Set-Thing", "'Get-CsOnlineUser'", 1, id="unemulated-teams-cmdlet"),
        pytest.param(
            "'a'\n$x = New-Object System.Net.WebClient", "New-Object System.Net.WebClient", 6, id="new-object"
        ),
        pytest.param(
            "'a'\n$u | ForEach-Object -Parallel { $using:t } -ThrottleLimit 4",
            "ForEach-Object -Parallel",
            6,
            id="foreach-parallel",
        ),
    ],
)
def test_unemulated_code_is_an_emulator_stop_with_its_position(
    run: Callable[..., RunResult], text: str, what: str, column: int
) -> None:
    """The run ends at code cscmdlets does not emulate: no error record of the script's own, an
    exit status of its own (3), and the message names what and where (file:line:col)."""
    result = run(text + "\n'after'")
    assert result.output == ["a"]
    assert result.stop is not None and result.errors == [result.stop]
    assert result.stop.message == f"cscmdlets does not emulate {what} (at /s/x.ps1:2:{column}); the run stopped here."
    assert (result.stop.error_id, result.status) == ("NotEmulated", EMULATOR_STOP_STATUS)
    assert (result.stop.invocation.line_number, result.stop.invocation.column) == (2, column)


@pytest.mark.parametrize(
    "handler",
    [
        pytest.param("try { Get-CsOnlineUser -Identity x } catch { 'caught' }", id="catch"),
        pytest.param("try { Get-CsOnlineUser } catch [Exception] { 'caught' } finally { 'finally' }", id="finally"),
        pytest.param("Get-CsOnlineUser -ErrorAction SilentlyContinue", id="error-action"),
        pytest.param("$ErrorActionPreference = 'SilentlyContinue'\nGet-CsOnlineUser", id="preference"),
        pytest.param("function Get-All { try { Get-CsOnlineUser } catch { 'caught' } }\nGet-All", id="in-function"),
    ],
)
def test_no_handler_in_the_script_swallows_an_emulator_stop(run: Callable[..., RunResult], handler: str) -> None:
    """Today's silent failure was a caught stop and exit 0: the stop is the host's, not the script's."""
    result = run(handler + "\n'after'")
    assert result.output == []
    assert result.stop is not None and result.status == EMULATOR_STOP_STATUS


def test_a_typo_of_an_emulated_cmdlet_is_powershells_command_not_found() -> None:
    """about_Try_Catch_Finally: CommandNotFoundException is an ordinary terminating error."""
    result = Runner(cs.Tenant.demo().engine, resolve_command=find_command).run(
        "try { Get-CsOnlineDialInConferencingUsers } catch [System.Management.Automation.CommandNotFoundException] "
        '{ "CNF: $($_.TargetObject)" }'
    )
    assert result.output == ["CNF: Get-CsOnlineDialInConferencingUsers"]
    assert result.stop is None and result.status == 0


def test_method_errors_are_statement_terminating(run: Callable[..., RunResult]) -> None:
    result = run("$x = $null\n$x.Trim()\n'abc'.Nope()\n'after'")
    assert result.output == ["after"]
    assert [(r.error_id, r.message) for r in result.errors] == [
        ("InvokeMethodOnNull", "You cannot call a method on a null-valued expression."),
        ("MethodNotFound", "Method invocation failed because [System.String] does not contain a method named 'Nope'."),
    ]
    assert [r.invocation.line_number for r in result.errors] == [2, 3]


# --- pipelines, splatting, what-if -------------------------------------------------------------------------


def test_pipeline_binds_identity_by_property_name(run: Callable[..., RunResult], engine: RecordingEngine) -> None:
    result = run("Get-Thing | Set-Thing -Count 5")
    assert result.output == [{"Count": 5, "Identity": "a"}, {"Count": 5, "Identity": "b"}]
    assert [call.metadata.name for call in engine.calls] == ["Get-Thing", "Set-Thing", "Set-Thing"]


def test_pipeline_input_that_does_not_bind_is_a_written_error(run: Callable[..., RunResult]) -> None:
    result = run("'plain' | Set-Thing -Count 1\n'after'")
    assert result.output == ["after"]
    record = result.errors[0]
    assert record.error_id == "InputObjectNotBound"
    assert record.target_object == "plain"


def test_splatting_hashtables_and_arrays(run: Callable[..., RunResult], engine: RecordingEngine) -> None:
    run("$p = @{ Identity = 'a'; Force = $false; Count = '3' }\nSet-Thing @p\n$q = @('b')\nSet-Thing @q -Force")
    assert values_of(engine) == [{"Identity": "a", "Force": False, "Count": 3}, {"Identity": "b", "Force": True}]


def test_what_if_applies_to_every_command(run: Callable[..., RunResult]) -> None:
    result = run("Set-Thing a\nSet-Thing b -WhatIf:$false", what_if=True)
    assert result.host == ['What if: Performing the operation "Set-Thing" on target "a".']
    assert result.output == [{"Identity": "b"}]


# --- files, host and connection commands -----------------------------------------------------------------


def test_csv_and_content_round_trip(run: Callable[..., RunResult], tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("UPN,Pin\namos@contoso.com,12345\n\nken@contoso.com,\n", encoding="utf-8")
    result = run(
        """
$rows = Import-Csv in.csv
$rows | Select-Object UPN, @{ n = 'HasPin'; e = { [bool]$_.Pin } } | Export-Csv out.csv -NoTypeInformation
Set-Content -Path log.txt -Value 'one'
'two' | Add-Content log.txt
Get-Content log.txt
"$($rows.Count) rows" | Out-File summary.txt
$rows | Format-Table UPN | Out-File table.txt -Append
Test-Path missing.txt
""",
        base_dir=tmp_path,
    )
    assert result.output == ["one", "two", False]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == (
        '"UPN","HasPin"\n"amos@contoso.com","True"\n"ken@contoso.com","False"\n'
    )
    assert (tmp_path / "summary.txt").read_text(encoding="utf-8") == "2 rows\n"
    assert "amos@contoso.com" in (tmp_path / "table.txt").read_text(encoding="utf-8")


def test_missing_file_is_an_error_with_position(run: Callable[..., RunResult], tmp_path: Path) -> None:
    result = run("$rows = Import-Csv nope.csv\n'after'", base_dir=tmp_path)
    assert result.output == ["after"]
    assert result.errors[0].fully_qualified_error_id == "FileOpenFailure,Microsoft.PowerShell.Commands.ImportCsvCommand"
    assert result.errors[0].message == f"Could not find file '{tmp_path / 'nope.csv'}'."


def test_write_streams(run: Callable[..., RunResult]) -> None:
    result = run("""
Write-Host 'Processing' 3 'users'
Write-Output 'out'
Write-Warning 'careful'
Write-Verbose 'quiet'
Write-Verbose 'loud' -Verbose
Write-Error 'custom failure'
Write-Progress -Activity x -PercentComplete 50
""")
    assert result.host == ["Processing 3 users"]
    assert result.output == ["out"]
    assert result.warnings == ["careful"]
    assert result.verbose == ["loud"]
    record = result.errors[0]
    assert (record.message, record.fully_qualified_error_id) == (
        "custom failure",
        "Microsoft.PowerShell.Commands.WriteErrorException,x.ps1",  # the caller's name (Write.cs)
    )
    assert [kind for kind, _ in result.events] == ["host", "output", "warning", "verbose", "error"]


def test_read_host_answers_and_non_interactive_host(run: Callable[..., RunResult]) -> None:
    answered = run("$who = Read-Host 'User'\n\"chose $who\"", answers=["amos"])
    assert answered.output == ["chose amos"]
    assert answered.host == ["User: amos"]
    refused = run("$who = Read-Host 'User'\n'after'")
    assert refused.output == ["after"]
    assert refused.errors[0].message == (
        "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
    )


def test_read_host_in_a_parameter_default_on_a_non_interactive_host(run: Callable[..., RunResult]) -> None:
    """Read-Host: a script that asks for what it was not given takes the answer; a host that
    cannot ask raises the console host's PSInvalidOperationException (ConsoleHostUserInterface.cs),
    a terminating error of the script, never a Python exception out of the run."""
    text = "param($Path = $(Read-Host 'CSV path'))\n\"using $Path\""
    assert run(text, answers=["users.csv"]).output == ["using users.csv"]
    refused = run(text)
    assert refused.output == []
    record = refused.errors[0]
    assert (record.fully_qualified_error_id, record.message) == (
        "InvalidOperation,Microsoft.PowerShell.Commands.ReadHostCommand",
        "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
    )
    assert (record.invocation.line_number, record.invocation.column) == (1, 17)
    assert refused.status == 1


def test_throw_in_a_parameter_default_makes_the_parameter_required(run: Callable[..., RunResult]) -> None:
    """about_Throw: ``param($Path = $(throw 'Path is required'))`` ends the script before its body
    when the argument is missing."""
    result = run("param($Path = $(throw 'Path is required'))\n'body ran'")
    assert (result.output, [r.message for r in result.errors], result.status) == ([], ["Path is required"], 1)


def test_session_and_module_commands_are_accepted(
    run: Callable[..., RunResult], engine: RecordingEngine, tmp_path: Path
) -> None:
    result = run(
        """
Import-Module MicrosoftTeams -MinimumVersion 5.0
$cred = Get-Credential admin@contoso.com
$s = New-CsOnlineSession -Credential $cred; Import-PSSession $s -AllowClobber | Out-Null
Start-Transcript -Path t.log; Start-Sleep -Seconds 30; Stop-Transcript
Set-Thing a
Remove-PSSession $s
""",
        base_dir=tmp_path,
    )
    assert result.errors == []
    assert values_of(engine) == [{"Identity": "a"}]
    assert (tmp_path / "t.log").exists()


def test_script_parameters_from_the_command_line(engine: RecordingEngine) -> None:
    text = (
        "param([Parameter(Mandatory)][string]$Who, [int]$Count = 1, [switch]$Force)\n"
        "Set-Thing $Who -Count $Count -Force:$Force"
    )
    Runner(engine, resolve_command=resolve).run(text, ["-Who", "a", "-Count", "4", "-Force"])
    assert values_of(engine) == [{"Identity": "a", "Count": 4, "Force": True}]
    missing = Runner(engine, resolve_command=resolve).run(text)
    assert missing.errors[0].error_id == "MissingMandatoryParameter"


def test_exit_sets_the_status(run: Callable[..., RunResult]) -> None:
    result = run("'a'\nexit 3\n'b'")
    assert (result.output, result.status) == (["a"], 3)


# --- on the demo tenant ----------------------------------------------------------------------------------


def test_get_set_pipeline_on_the_demo_tenant(memory_tenant: cs.Tenant) -> None:
    before = memory_tenant.get_cs_online_dial_in_conferencing_user(AMOS)[0]
    result = run_script(
        memory_tenant.engine,
        """
Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com |
    Set-CsOnlineDialInConferencingUser -ResetLeaderPin -SendEmail
""",
        resolve_command=find_command,
    )
    assert result.errors == []
    after = memory_tenant.get_cs_online_dial_in_conferencing_user(AMOS)[0]
    assert after.conference_id == before.conference_id
    assert [entry.recipient for entry in memory_tenant.outbox][-1:] == [AMOS]


def test_what_if_run_leaves_the_tenant_unchanged(memory_tenant: cs.Tenant) -> None:
    from helpers import snapshot

    before = snapshot(memory_tenant)
    result = run_script(
        memory_tenant.engine,
        "Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -ResetLeaderPin -SendEmail",
        what_if=True,
    )
    assert result.errors == []
    assert result.host == [
        'What if: Performing the operation "Set-CsOnlineDialInConferencingUser" on target "amos.marble@contoso.com".'
    ]
    assert result.plan
    assert snapshot(memory_tenant) == before


def test_admin_article_typo_lines(memory_tenant: cs.Tenant) -> None:
    result = run_script(
        memory_tenant.engine,
        """
Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true -SendEmailFromAddress amos.marble@contoso.com -SendEmailFromDisplayName "Amos Marble"
Set-CsOnlineDialInConferencingUser -Identity "Amos Marble" -ResetConferenceID 8271964
""",
    )
    first, second = result.errors
    assert (first.error_id, first.invocation.line_number, first.invocation.column) == ("NamedParameterNotFound", 2, 46)
    assert (second.error_id, second.message) == (
        "PositionalParameterNotFound",
        "A positional parameter cannot be found that accepts argument '8271964'.",
    )


def test_error_records_are_reused_in_catch(memory_tenant: cs.Tenant) -> None:
    result = run_script(
        memory_tenant.engine,
        """
try { Set-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ResetLeaderPin -ErrorAction Stop }
catch { $_ }
""",
    )
    record = result.output[0]
    assert isinstance(record, ErrorRecord)
    assert record.invocation.line_number == 2


def test_changing_a_property_of_a_cmdlet_object_then_passing_it_back(memory_tenant: cs.Tenant) -> None:
    """Example 2 of Set-CsOnlineDialInConferencingBridge, as the reference writes it."""
    result = run_script(
        memory_tenant.engine,
        '$bridge = Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge"\n'
        '$Bridge.Name = "O365 Bridge"\nSet-CsOnlineDialInConferencingBridge -Instance $bridge',
    )
    assert result.errors == []
    assert [b.name for b in memory_tenant.get_cs_online_dial_in_conferencing_bridge()] == ["O365 Bridge", "EMEA Bridge"]


def test_a_value_the_subset_cannot_handle_is_an_error_not_a_traceback(run: Callable[..., RunResult]) -> None:
    result = run("$x = [math]::Pow(10, 400)\n'after'")
    assert result.output == ["after"]
    record = result.errors[0]
    assert (record.error_id, record.invocation.line_number) == ("RuntimeException", 1)
    assert record.message.startswith("The operation failed: ")


def test_redirection_writes_the_file_except_under_what_if(run: Callable[..., RunResult], tmp_path: Path) -> None:
    result = run("'one', 'two' > out.txt\n'three' >> out.txt\n'kept'", base_dir=tmp_path)
    assert result.output == ["kept"]
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "one\ntwo\nthree\n"
    dry = run("'four' > dry.txt", base_dir=tmp_path, what_if=True)
    assert dry.host == [f'What if: Performing the operation "Output to File" on target "{tmp_path / "dry.txt"}".']
    assert not (tmp_path / "dry.txt").exists()


def test_output_is_shown_between_the_host_lines_around_it(run: Callable[..., RunResult]) -> None:
    """Out-Default shows each pipeline's output when it ends, not when the whole loop ends."""
    result = run('foreach ($x in 1, 2) { Write-Host "processing $x"; "done $x" }\nreturn')
    assert result.events == [
        ("host", "processing 1"),
        ("output", "done 1"),
        ("host", "processing 2"),
        ("output", "done 2"),
    ]
    assert result.output == ["done 1", "done 2"]


def test_a_statement_the_runner_does_not_know_is_an_emulator_stop(run: Callable[..., RunResult]) -> None:
    """A syntax tree node the parser learns before the runner does stops honestly, at its position."""
    from dataclasses import dataclass as node_class

    from cscmdlets.powershell import parser

    @node_class(frozen=True)
    class Novel(parser.Node):
        pass

    script = parser.parse("'before'\n'placeholder'\n'after'")
    placeholder = script.statements[1]
    statements = (script.statements[0], Novel(placeholder.extent))
    # A node outside parser.Statement is the point: the union does not know it yet.
    block = parser.ScriptBlock(script.block.extent, None, statements)  # type: ignore[arg-type]
    changed = parser.Script(block, script.source)
    result = Runner(RecordingEngine(), resolve_command=resolve).run_parsed(changed)
    assert result.output == ["before"]
    assert result.stop is not None and result.stop.message.startswith("cscmdlets does not emulate the Novel statement")


def test_env_reads_the_process_environment_as_it_is_in_each_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """``$env:`` names are case-insensitive; each run sees the environment's changes since the
    last, and one run's ``$env:`` assignment stays in that run (about_Environment_Variables)."""
    tenant = cs.Tenant.demo(users=1)
    monkeypatch.setenv("CsCmdlets_Probe", "one")
    assert list(tenant.invoke("$env:CSCMDLETS_PROBE")) == ["one"]
    monkeypatch.setenv("CsCmdlets_Probe", "two")
    assert list(tenant.invoke("$env:CSCMDLETS_PROBE = 'mine'; $env:cscmdlets_probe")) == ["mine"]
    assert list(tenant.invoke("$env:CSCMDLETS_PROBE")) == ["two"]
    monkeypatch.delenv("CsCmdlets_Probe")
    assert list(tenant.invoke("$null -eq $env:CSCMDLETS_PROBE")) == [True]
