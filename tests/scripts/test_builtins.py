"""The core cmdlets bind as PowerShell 7.4's do: parameters, positions, sets, aliases,
ValueFromRemainingArguments and enums from the command table, read alike by run and check.

Sources: the cmdlet reference pages (learn.microsoft.com/powershell/module/microsoft.powershell.utility/
and …/microsoft.powershell.management/) and the cmdlet classes in PowerShell/PowerShell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.errors import ErrorCategory
from cscmdlets.scripts.commands import BUILTINS, COMMANDS, Kind, lookup
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import Runner, RunResult


def run(text: str, folder: Path, **options: object) -> RunResult:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    return Runner(tenant.engine, resolve_command=find_command, base_dir=folder, **options).run(text)  # type: ignore[arg-type]


def check(text: str) -> list[str]:
    return [f"{d.line}:{d.column}:{d.error_id.split(',')[0]}" for d in check_script(text)]


@pytest.mark.parametrize(
    ("text", "host"),
    [
        pytest.param('Write-Host "Done" -ForegroundColor Green', "Done", id="console-color"),
        pytest.param("Write-Host Done -f yellow -BackgroundColor 4", "Done", id="prefix-lowercase-number"),
        pytest.param('$id = "amos"; Write-Host "Failed for " $id', "Failed for  amos", id="remaining-arguments"),
        pytest.param("Write-Host 'Total:' 3 'users'", "Total: 3 users", id="three-values"),
        pytest.param("Write-Host (1,2,3) -Separator ','", "1,2,3", id="separator"),
        pytest.param("'piped' | Write-Host", "piped", id="pipeline"),
    ],
)
def test_write_host_binds_as_powershell(tmp_path: Path, text: str, host: str) -> None:
    result = run(text, tmp_path)
    assert (result.errors, result.host) == ([], [host])
    assert check(text) == []


def test_write_host_rejects_a_colour_console_color_does_not_have(tmp_path: Path) -> None:
    result = run("Write-Host x -ForegroundColor Orange", tmp_path)
    record = result.errors[0]
    assert (
        record.fully_qualified_error_id
        == "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand"
    )
    assert record.message == (
        'Cannot bind parameter \'ForegroundColor\'. Cannot convert value "Orange" to type "System.ConsoleColor". '
        'Error: "Unable to match the identifier name Orange to a valid enumerator name. Specify one of the '
        "following enumerator names and try again:\nBlack, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, "
        'DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White"'
    )
    assert check("Write-Host x -ForegroundColor Orange") == ["1:31:CannotConvertArgumentNoMessage"]  # the value


def test_write_output_and_warning_remaining_arguments(tmp_path: Path) -> None:
    """Write-Output collects the remaining values; Write-Warning does not (Write.cs)."""
    assert run("Write-Output a b c", tmp_path).output == ["a", "b", "c"]
    assert [r.error_id for r in run("Write-Warning a b", tmp_path).errors] == ["PositionalParameterNotFound"]


def test_out_gridview_output_mode(tmp_path: Path) -> None:
    """Out-GridView's OutputMode/PassThru/Wait are three parameter sets (OutGridViewCommand.cs)."""
    result = run("1, 2, 3 | Out-GridView -OutputMode Single -Title Pick", tmp_path, answers=["2, 3"])
    assert result.output == [2] and result.errors == []
    both = run("1 | Out-GridView -PassThru -OutputMode Multiple", tmp_path)
    assert [r.error_id for r in both.errors] == ["AmbiguousParameterSet"]


@pytest.mark.parametrize(
    ("answers", "output"),
    [
        pytest.param(["3,1"], ["c", "a"], id="rows-in-grid-order"),
        pytest.param(["*"], ["c", "b", "a"], id="all"),
        pytest.param([""], [], id="none"),
    ],
)
def test_out_gridview_passes_on_the_rows_picked(tmp_path: Path, answers: list[str], output: list[str]) -> None:
    """The rows a person picks pass on: the run's answers name them (cscmdlets run --input)."""
    result = run("'c', 'b', 'a' | Out-GridView -PassThru", tmp_path, answers=answers)
    assert (result.stop, result.output) == (None, output)


@pytest.mark.parametrize("answers", [[], ["4"], ["two"]], ids=["nobody-picks", "no-such-row", "not-a-row"])
def test_out_gridview_stops_where_nobody_picks(tmp_path: Path, answers: list[str]) -> None:
    """Passing every row on would act on rows nobody chose: without a pick the run stops, before
    the loop that acts on them, and check warns of it."""
    text = "$picked = 'a', 'b', 'c' | Out-GridView -PassThru\nforeach ($p in $picked) { \"acting on $p\" }"
    result = run(text, tmp_path, answers=answers)
    assert result.stop is not None and "Out-GridView's pick" in result.stop.message
    assert result.output == []
    assert [d.error_id for d in check_script(text)] == ["NotEmulated"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "MicrosoftTeams\\Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com", id="teams"
        ),
        pytest.param("Microsoft.PowerShell.Utility\\Write-Output amos.marble@contoso.com", id="utility"),
    ],
)
def test_module_qualified_names_resolve(tmp_path: Path, text: str) -> None:
    result = run(f"@({text}).Count", tmp_path)
    assert (result.errors, result.stop, result.output) == ([], None, [1])
    assert check(text) == []


def test_export_module_member_outside_a_module(tmp_path: Path) -> None:
    result = run("Export-ModuleMember -Function Get-Report\n'after'", tmp_path)
    assert result.output == ["after"]
    record = result.errors[0]
    assert (record.fully_qualified_error_id, record.message) == (
        "Modules_CanOnlyExecuteExportModuleMemberInsideAModule,Microsoft.PowerShell.Commands.ExportModuleMemberCommand",
        "The Export-ModuleMember cmdlet can only be called from inside a module.",
    )


def test_modules_and_commands(tmp_path: Path) -> None:
    text = """
Import-Module MicrosoftTeams
if (-not (Get-Module -ListAvailable -Name MicrosoftTeams)) { 'missing' }
(Get-Command Get-CsOnlineDialInConferencingUser).Source
(Get-Command Write-Host).Source
Get-Command Get-Nothing
Get-Module -ListAvailable -Name ActiveDirectory
Import-Module ActiveDirectory
'never'
"""
    result = run(text, tmp_path)
    assert result.output == ["MicrosoftTeams", "Microsoft.PowerShell.Utility"]
    assert [r.fully_qualified_error_id for r in result.errors] == [
        "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand",
        "NotEmulated",
    ]
    assert result.stop is not None and "does not emulate the module 'ActiveDirectory'" in result.stop.message


def test_paths_and_items(tmp_path: Path) -> None:
    text = """
Join-Path 'C:\\Reports' 'Teams' 'users.csv'
Split-Path 'C:\\Reports\\users.csv' -Leaf
Split-Path 'C:\\Reports\\users.csv'
Split-Path 'users.csv' -Extension
Split-Path 'users.csv' -LeafBase
$null = New-Item -ItemType Directory -Path reports
New-Item -ItemType Directory -Path reports
(New-Item -Path reports -Name a.txt -Value 'hello').Name
Test-Path reports -PathType Container
Test-Path reports/a.txt -PathType Container
Get-Content reports/a.txt
"""
    result = run(text, tmp_path)
    assert result.output == [
        "C:\\Reports\\Teams\\users.csv",
        "users.csv",
        "C:\\Reports",
        ".csv",
        "users",
        "a.txt",
        True,
        False,
        "hello",
    ]
    assert [r.error_id for r in result.errors] == ["DirectoryExist"]


def test_foreach_object_positional_blocks_are_begin_process_end(tmp_path: Path) -> None:
    """ForEach-Object.md examples: several positional blocks are begin, process, end."""
    result = run("1, 2 | ForEach-Object { 'begin' } { $_ * 10 } { 'end' }", tmp_path)
    assert result.output == ["begin", 10, 20, "end"]


def test_read_host_joins_its_prompt(tmp_path: Path) -> None:
    result = run('$name = Read-Host Enter the name\n"Hello $name"', tmp_path, answers=["Amos"])
    assert (result.host, result.output) == (["Enter the name: Amos"], ["Hello Amos"])


def test_transcript(tmp_path: Path) -> None:
    """Start-Transcript.md: what the host shows goes to the file until Stop-Transcript."""
    text = "Start-Transcript -Path log.txt\nWrite-Host 'working'\nWrite-Warning 'careful'\nStop-Transcript\n" * 1
    text += "Stop-Transcript"
    result = run(text, tmp_path)
    assert result.output == [
        f"Transcript started, output file is {tmp_path / 'log.txt'}",
        f"Transcript stopped, output file is {tmp_path / 'log.txt'}",
    ]
    assert [r.message for r in result.errors] == [
        "An error occurred stopping transcription: The host is not currently transcribing."
    ]
    lines = (tmp_path / "log.txt").read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == ["PowerShell transcript start", "Start time: 20261125120000"]
    assert lines[4:7] == [f"Transcript started, output file is {tmp_path / 'log.txt'}", "working", "WARNING: careful"]
    assert lines[-3] == "PowerShell transcript end"


def test_transcript_is_written_when_the_run_ends_and_not_under_what_if(tmp_path: Path) -> None:
    run("Start-Transcript t.txt | Out-Null\nWrite-Host 'x'", tmp_path)
    assert "x" in (tmp_path / "t.txt").read_text(encoding="utf-8").splitlines()
    dry = run("Start-Transcript d.txt\nStop-Transcript", tmp_path, what_if=True)
    assert dry.errors == [] and not (tmp_path / "d.txt").exists()


def test_remove_item_deletes_what_the_run_wrote(tmp_path: Path) -> None:
    """The cleanup real scripts do: a report written, then removed (by name, by wildcard, piped
    from Get-ChildItem, a folder with -Recurse); -WhatIf keeps it and -Verbose says what goes."""
    text = """
Get-CsOnlineDialInConferencingUser | Select-Object DisplayName | Export-Csv report.csv -NoTypeInformation
Remove-Item report.csv -WhatIf
Test-Path report.csv
Remove-Item report.csv -Verbose
Test-Path report.csv
'a' | Out-File one.log; 'b' | Set-Content two.log
Remove-Item *.log
New-Item -ItemType Directory out\\daily | Out-Null
'c' | Out-File out\\daily\\x.txt
Get-ChildItem out -Filter daily | Remove-Item -Recurse
(Get-ChildItem).Count
"""
    result = run(text, tmp_path)
    assert (result.errors, result.stop, result.output) == ([], None, [True, False, 1])
    assert result.host == [f'What if: Performing the operation "Remove File" on target "{tmp_path / "report.csv"}".']
    assert result.verbose == [f'Performing the operation "Remove File" on target "{tmp_path / "report.csv"}".']
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the folder the run created is left


def test_remove_item_never_deletes_what_the_run_did_not_write(tmp_path: Path) -> None:
    """A file the run did not create ends the run as code cscmdlets does not emulate, and stays."""
    (tmp_path / "users.csv").write_text("UPN\n", encoding="utf-8")
    result = run("Remove-Item users.csv -ErrorAction SilentlyContinue\n'after'", tmp_path)
    assert result.stop is not None and result.output == []
    assert f"Remove-Item of '{tmp_path / 'users.csv'}', which this run did not create" in result.stop.message
    assert (tmp_path / "users.csv").exists()


def test_remove_item_errors_as_powershell(tmp_path: Path) -> None:
    """A missing path is non-terminating PathNotFound; a folder with items and no -Recurse asks
    first, which a host that cannot ask refuses (Navigation.cs, RemoveItemCommand)."""
    text = """
Remove-Item missing.txt
'next'
New-Item -ItemType Directory full | Out-Null
'x' | Out-File full\\x.txt
try { Remove-Item full } catch { $_.FullyQualifiedErrorId }
Test-Path full\\x.txt
"""
    result = run(text, tmp_path)
    (missing,) = result.errors
    assert missing.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"
    assert missing.category is ErrorCategory.ObjectNotFound
    assert missing.message == f"Cannot find path '{tmp_path / 'missing.txt'}' because it does not exist."
    assert result.output == ["next", "InvalidOperation,Microsoft.PowerShell.Commands.RemoveItemCommand", True]


def test_tee_object_passes_objects_on_and_keeps_a_copy(tmp_path: Path) -> None:
    """Tee-Object.cs: Out-File (-FilePath, -Append) or Set-Variable beside the pipeline."""
    text = """
$names = Get-CsOnlineDialInConferencingUser | ForEach-Object DisplayName | Tee-Object -Variable saved
"$($saved.Count) $($names.Count)"
1 | Tee-Object -Variable one | Out-Null
$one.GetType().Name
'first' | tee log.txt -Append | Out-Null
'second' | Tee-Object -Path log.txt -Append
"""
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["3 3", "Int32", "second"])
    assert (tmp_path / "log.txt").read_text(encoding="utf-8") == "first\nsecond\n"
    dry = run("'x' | Tee-Object t.txt", tmp_path, what_if=True)
    assert dry.output == ["x"] and not (tmp_path / "t.txt").exists()


def test_json_round_trip_and_select_string(tmp_path: Path) -> None:
    text = """
$json = @{ Name = 'EMEA'; Numbers = @('1', '2') } | ConvertTo-Json -Compress
$back = $json | ConvertFrom-Json
$back.Name; $back.Numbers.Count
'alpha', 'beta', 'gamma' | Select-String -Pattern 'a$' | ForEach-Object { "$($_.LineNumber):$($_.Line)" }
'id=7' | Select-String '(?<n>\\d+)' -Quiet
"""
    assert run(text, tmp_path).output == ["EMEA", 2, "1:alpha", "2:beta", "3:gamma", True]


def test_get_date_parts_and_format(tmp_path: Path) -> None:
    assert run("Get-Date -Year 2020 -Month 2 -Day 29 -Format 'yyyy-MM-dd'", tmp_path).output == ["2020-02-29"]


def test_the_table_holds_every_kind_once() -> None:
    """One table: each name once, every emulated command has a handler or a stage, aliases resolve."""
    names = [c.name.lower() for c in COMMANDS]
    assert len(names) == len(set(names)) == len(BUILTINS)
    assert all(c.handler is not None or c.stage is not None for c in COMMANDS if c.kind is not Kind.REFUSED)
    assert {c.kind for c in COMMANDS} == set(Kind)
    assert lookup("%") is BUILTINS["foreach-object"]
    assert lookup("Microsoft.PowerShell.Utility\\Write-Output") is BUILTINS["write-output"]
    assert lookup("iex") is not None and lookup("iex").kind is Kind.REFUSED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "output"),
    [
        pytest.param("1..5 | Select-Object -SkipLast 2", [1, 2, 3], id="select-skiplast"),
        pytest.param("1..5 | Select-Object -Index 0, 4", [1, 5], id="select-index"),
        pytest.param("5, 1, 4, 2 | Sort-Object -Top 2", [1, 2], id="sort-top"),
        pytest.param("5, 1, 4, 2 | Sort-Object -Bottom 1", [5], id="sort-bottom"),
        pytest.param("('a', 'b', 'a' | Group-Object -AsHashTable)['a'].Count", [2], id="group-hashtable"),
        pytest.param("('a', 'b', 'a' | Group-Object -NoElement)[0].Group", [], id="group-noelement"),
        # PowerShell 7 sorts keys of one type first (Group-Object.cs), case-insensitively.
        pytest.param("('b', 'a', 'C', 'A', 'b' | Group-Object).Name", ["a", "b", "C"], id="group-sorted"),
        pytest.param("3, 1, 2, 1 | Group-Object | % Count", [2, 1, 1], id="group-sorted-numbers"),
        pytest.param(
            "(@{K='x'}, @{K=$null}, @{K='a'} | % { [pscustomobject]$_ } | Group-Object K).Name",
            ["", "a", "x"],
            id="group-null-first",
        ),
        # Keys of mixed types keep the order they came in.
        pytest.param("('b', 2, 'a', 'b' | Group-Object).Name", ["b", "2", "a"], id="group-mixed-types"),
    ],
)
def test_pipeline_cmdlet_parameters(tmp_path: Path, text: str, output: list[object]) -> None:
    """Select-Object.md, Sort-Object.md, Group-Object.md: the parameters admin reports use."""
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], output)


@pytest.mark.parametrize(
    ("command", "data"),
    [
        pytest.param("'é' | Out-File o.txt", "é\n".encode(), id="default-utf8-no-bom"),
        pytest.param("'é' | Out-File o.txt -Encoding utf8BOM", b"\xef\xbb\xbf" + "é\n".encode(), id="utf8bom"),
        pytest.param("'é' | Out-File o.txt -Encoding Unicode", b"\xff\xfe" + "é\n".encode("utf-16-le"), id="unicode"),
        pytest.param("Set-Content o.txt 'é' -Encoding ascii", b"?\n", id="ascii-replaces"),
        pytest.param("'é' > o.txt", "é\n".encode(), id="redirection"),
        pytest.param(
            "'a' | Out-File o.txt -Encoding Unicode; 'b' | Out-File o.txt -Append -Encoding Unicode",
            b"\xff\xfe" + "a\nb\n".encode("utf-16-le"),
            id="one-bom-when-appending",
        ),
    ],
)
def test_file_encodings(tmp_path: Path, command: str, data: bytes) -> None:
    """Out-File.md -Encoding: UTF-8 without BOM by default in 7.x; a BOM once per file."""
    result = run(command + "\nGet-Content o.txt", tmp_path)
    assert (tmp_path / "o.txt").read_bytes() == data
    assert result.errors == [] and result.output[0] in ("é", "?", "a")


def test_an_unknown_encoding_is_a_binding_error(tmp_path: Path) -> None:
    result = run("'x' | Out-File o.txt -Encoding klingon", tmp_path)
    assert [r.error_id for r in result.errors] == ["CannotConvertArgumentNoMessage"]
    assert not (tmp_path / "o.txt").exists()


@pytest.mark.parametrize(
    ("text", "output"),
    [
        pytest.param("$a = New-Object System.Collections.ArrayList; $a.Add('x'); $a.Count", [0, 1], id="arraylist-add"),
        pytest.param(
            "$l = [System.Collections.Generic.List[string]]::new(); $l.Add('x'); $l.Count", [1], id="list-add"
        ),
        pytest.param("(New-Object PSObject -Property @{ Name = 'n' }).Name", ["n"], id="new-object-property"),
        pytest.param("Split-Path -Parent $MyInvocation.MyCommand.Path", ["/s"], id="myinvocation-script"),
        pytest.param("function F { $MyInvocation.MyCommand.Name }; F", ["F"], id="myinvocation-function"),
        pytest.param(
            "Split-Path -Parent $MyInvocation.MyCommand.Definition", ["/s"], id="script-definition-is-its-path"
        ),
        pytest.param(
            "$Host.UI.RawUI.WindowTitle = 'Dial-in report'; $Host.UI.RawUI.WindowTitle", ["Dial-in report"], id="title"
        ),
        pytest.param(
            '$PSVersionTable.PSVersion.Major -ge 7; "$($PSVersionTable.PSVersion)"', [True, "7.4.0"], id="psversion"
        ),
    ],
)
def test_objects_scripts_make_and_read(tmp_path: Path, text: str, output: list[object]) -> None:
    """about_Automatic_Variables ($MyInvocation, $PSVersionTable) and the .NET collections admins use."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    result = Runner(tenant.engine, resolve_command=find_command, script_name="/s/x.ps1", base_dir=tmp_path).run(text)
    assert (result.errors, result.output) == ([], output)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            "Go -Level Debug",
            'The argument "Debug" does not belong to the set "INFO,WARN" specified by the ValidateSet attribute. '
            "Supply an argument that is in the set and then try the command again.",
            id="validate-set",
        ),
        pytest.param(
            "Go -Count 11",
            "The 11 argument is greater than the maximum allowed range of 10. Supply an argument that is less than "
            "or equal to 10 and then try the command again.",
            id="validate-range",
        ),
        pytest.param(
            "Go -Upn nobody",
            'The argument "nobody" does not match the "@contoso\\.com$" pattern. Supply an argument that matches '
            '"@contoso\\.com$" and try the command again.',
            id="validate-pattern",
        ),
        pytest.param(
            "Go -Name ''",
            "The argument is null or empty. Provide an argument that is not null or empty, and then try the "
            "command again.",
            id="validate-not-null-or-empty",
        ),
    ],
)
def test_validation_attributes_of_script_functions(tmp_path: Path, call: str, message: str) -> None:
    """about_Functions_Advanced_Parameters: a value that fails validation is a binding error."""
    text = """
function Go {
    param(
        [ValidateSet('INFO', 'WARN')][string]$Level = 'INFO',
        [ValidateRange(1, 10)][int]$Count = 1,
        [ValidatePattern('@contoso\\.com$')][string]$Upn = 'a@contoso.com',
        [ValidateNotNullOrEmpty()][string]$Name = 'x'
    )
    'ran'
}
Go -Level warn -Count 10
"""
    result = run(text + call, tmp_path)
    assert result.output == ["ran"]
    record = result.errors[0]
    assert record.fully_qualified_error_id == "ParameterArgumentValidationError,Go"
    assert record.message.split(". ", 1)[1] == message
    assert check(text + call)[-1].endswith("ParameterArgumentValidationError")


def test_get_child_item_lists_the_working_folder(tmp_path: Path) -> None:
    """Get-ChildItem.md: -Filter, -File, -Name, -Recurse; a missing path is a non-terminating error."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").write_text("UPN\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "old").mkdir()
    (tmp_path / "in" / "old" / "c.csv").write_text("UPN\n", encoding="utf-8")
    text = """
Get-ChildItem -Path in -Filter *.csv | ForEach-Object { $_.BaseName }
(Get-ChildItem in -File).Name -join ','
Get-ChildItem in -Recurse -Filter *.csv -Name
Get-ChildItem nowhere
'after'
"""
    result = run(text, tmp_path)
    assert result.output == ["a", "a.csv,b.txt", "a.csv", "old/c.csv", "after"]
    assert [r.fully_qualified_error_id for r in result.errors] == [
        "PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"
    ]


def test_get_child_item_of_a_wildcard_path_gives_the_items_it_matches(tmp_path: Path) -> None:
    """SessionStateContainer.cs, GetChildItems: a globbed path without -Recurse gives the matched
    items themselves (a folder as an item, not its children) and no error when none matches; with
    -Recurse, every item under the parent whose name matches. -LiteralPath takes ``*`` as is."""
    (tmp_path / "in").mkdir()
    for name in ("a.csv", "b.txt", "csv.d/c.csv"):
        (tmp_path / "in" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text("", encoding="utf-8")
    text = """
(Get-ChildItem in/*.csv).Name -join ','
(Get-ChildItem in/csv*).Name -join ','
Get-ChildItem in/*.csv -Recurse -Name
Get-ChildItem in/*.xlsx
Get-ChildItem -LiteralPath in/*.csv
'after'
"""
    result = run(text, tmp_path)
    assert result.output == ["a.csv", "csv.d", "a.csv", "csv.d/c.csv", "after"]
    assert [r.fully_qualified_error_id for r in result.errors] == [
        "PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"
    ]


def test_sort_object_calculated_directions(tmp_path: Path) -> None:
    """Sort-Object.md example: each hashtable property sorts in its own direction."""
    text = """
$rows = @(
    [pscustomobject]@{ Bridge = 'EMEA'; Users = 2 }
    [pscustomobject]@{ Bridge = 'NOAM'; Users = 5 }
    [pscustomobject]@{ Bridge = 'APAC'; Users = 2 }
)
($rows | Sort-Object @{ Expression = 'Users'; Descending = $true }, Bridge).Bridge -join ','
($rows | Sort-Object Users, Bridge -Descending).Bridge -join ','
"""
    assert run(text, tmp_path).output == ["NOAM,APAC,EMEA", "NOAM,EMEA,APAC"]


@pytest.mark.parametrize(
    ("options", "lines"),
    [
        pytest.param("", ['"Name","Note"', '"Amos","a, b"'], id="always"),
        pytest.param("-UseQuotes AsNeeded", ["Name,Note", 'Amos,"a, b"'], id="as-needed"),
        pytest.param("-UseQuotes Never", ["Name,Note", "Amos,a, b"], id="never"),
        pytest.param("-NoHeader", ['"Amos","a, b"'], id="no-header"),
    ],
)
def test_csv_quoting(tmp_path: Path, options: str, lines: list[str]) -> None:
    """Export-Csv.md -UseQuotes and -NoHeader (PowerShell 7)."""
    run(f"[pscustomobject]@{{ Name = 'Amos'; Note = 'a, b' }} | Export-Csv out.csv {options}", tmp_path)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines() == lines


GROUPED_TABLE = """
   BridgeName: Conference Bridge

DisplayName Identity
----------- --------
Amos Marble amos.marble@contoso.com
Ken Myer    ken.myer@contoso.com

   BridgeName: EMEA Bridge

DisplayName    Identity
-----------    --------
Pilar Ackerman pilar.ackerman@contoso.com
"""

GROUPED_LIST = """
   Bridge: Conference Bridge

DisplayName : Amos Marble

DisplayName : Ken Myer

   Bridge: EMEA Bridge

DisplayName : Pilar Ackerman
"""


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param("Format-Table DisplayName, Identity -GroupBy BridgeName", GROUPED_TABLE, id="table"),
        pytest.param(
            "Format-List DisplayName -GroupBy @{Label='Bridge'; Expression={ $_.BridgeName }}", GROUPED_LIST, id="list"
        ),
    ],
)
def test_format_group_by_writes_a_header_per_run(tmp_path: Path, command: str, expected: str) -> None:
    """``-GroupBy``: a ``   Name: value`` header, then that run's own table or list, for each run
    of equal values (about_Format.ps1xml; the input is grouped as it comes, not sorted)."""
    result = run(f"Get-CsOnlineDialInConferencingUser | Sort-Object BridgeName | {command} | Out-String", tmp_path)
    assert result.errors == []
    assert result.output == [expected + "\n"]


def test_a_script_started_by_a_relative_path_knows_its_full_path(tmp_path: Path) -> None:
    """$PSScriptRoot, $PSCommandPath and $MyInvocation.MyCommand.Path are full paths, however
    the script was started (about_Automatic_Variables)."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    runner = Runner(tenant.engine, resolve_command=find_command, script_name="report.ps1", base_dir=tmp_path)
    result = runner.run("$PSScriptRoot; $PSCommandPath; Split-Path -Parent $MyInvocation.MyCommand.Path")
    assert result.output == [str(tmp_path), str(tmp_path / "report.ps1"), str(tmp_path)]


def test_format_list_wildcard_properties_show_what_they_match(tmp_path: Path) -> None:
    """``Format-List DisplayName, Bridge*``: a wildcard names every property it matches (Format-List.md, -Property)."""
    result = run(
        "Get-CsOnlineDialInConferencingUser amos.marble@contoso.com | Format-List DisplayName, Bridge*", tmp_path
    )
    [text] = result.output
    assert [line.split(" :")[0].strip() for line in text.strip().splitlines()] == [
        "DisplayName",
        "BridgeId",
        "BridgeName",
    ]


def test_csv_cells_hold_a_date_in_the_current_culture(tmp_path: Path) -> None:
    """Export-Csv and ConvertTo-Csv write each value's ToString(): a date as en-US writes it,
    where "$date" is invariant (CsvCommands.cs, GetToStringValueForProperty)."""
    result = run("[pscustomobject]@{ When = [datetime]'2026-01-05 15:04:09' } | ConvertTo-Csv", tmp_path)
    assert result.output == ['"When"', '"1/5/2026 3:04:09 PM"']


def test_an_array_keeps_its_size_where_an_arraylist_grows(tmp_path: Path) -> None:
    """``@().Add(x)`` fails, "Collection was of a fixed size." (about_Arrays); an ArrayList, a
    List[T] and a variable cast to one grow."""
    text = (
        "$arr = @(); $arr.Add('x')\n"
        "$al = New-Object System.Collections.ArrayList; $al.Add('x')\n"
        "[System.Collections.ArrayList]$typed = @(); $typed.Add('y')\n"
        "$list = [System.Collections.Generic.List[string]]@('a'); $list.Add('b'); $list.Count\n"
        "$arr.Count"
    )
    result = run(text, tmp_path)
    [error] = result.errors
    assert error.message == 'Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."'
    assert (error.error_id, error.category) == ("NotSupportedException", ErrorCategory.NotSpecified)
    assert result.output == [0, 0, 2, 0]


def test_error_is_an_arraylist_a_script_may_trim(tmp_path: Path) -> None:
    """$Error is an ArrayList (about_Automatic_Variables): RemoveAt works on it."""
    result = run(
        "Get-CsOnlineUser nobody@x.com -ErrorAction SilentlyContinue; $Error.RemoveAt(0); $Error.Count", tmp_path
    )
    assert result.output == [0]


def test_format_table_hide_table_headers_leaves_out_names_and_rule(tmp_path: Path) -> None:
    """-HideTableHeaders omits the column headings (Format-Table.md)."""
    result = run(
        "Get-CsOnlineDialInConferencingUser | Format-Table DisplayName, BridgeName -HideTableHeaders", tmp_path
    )
    [text] = result.output
    assert text.strip().splitlines()[0] == "Amos Marble    Conference Bridge"


def test_set_location_moves_relative_paths_and_pwd(tmp_path: Path) -> None:
    """Set-Location/cd, Push-Location/Pop-Location (Navigation.cs): relative paths and $PWD follow;
    a missing folder and an unknown location stack are non-terminating errors."""
    (tmp_path / "reports").mkdir()
    text = """
Push-Location reports
'x' | Out-File inside.txt
Split-Path $PWD -Leaf
Pop-Location
Test-Path reports/inside.txt
cd reports; (Get-Location).Path -eq (Join-Path $PSScriptRoot reports); cd ..
Set-Location missing
Pop-Location -StackName nightly
Pop-Location
(Get-Location).Path -eq $PSScriptRoot
"""
    result = run(text, tmp_path, script_name=str(tmp_path / "s.ps1"))
    assert result.output == ["reports", True, True, True]
    assert [e.fully_qualified_error_id for e in result.errors] == [
        "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand",
        "Argument,Microsoft.PowerShell.Commands.PopLocationCommand",
    ]
    assert (tmp_path / "reports" / "inside.txt").exists()


def test_measure_command_times_a_block_and_drops_its_output(tmp_path: Path) -> None:
    text = (
        "$elapsed = Measure-Command { 'dropped'; Write-Host 'shown'; $script:ran = $true }\n"
        "$elapsed.GetType().FullName; $elapsed.TotalMilliseconds -ge 0; $ran"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.host, result.output) == ([], ["shown"], ["System.TimeSpan", True, True])


def test_execution_policy_is_unrestricted_as_on_linux(tmp_path: Path) -> None:
    """The boilerplate ``if ((Get-ExecutionPolicy) -eq 'Restricted') { Set-ExecutionPolicy … }``."""
    text = (
        "Get-ExecutionPolicy; Get-ExecutionPolicy -Scope CurrentUser\n"
        "if ((Get-ExecutionPolicy) -eq 'Restricted') { 'change' } else { 'fine' }"
    )
    assert run(text, tmp_path).output == ["Unrestricted", "Undefined", "fine"]


def test_get_installed_module_answers_the_install_boilerplate(tmp_path: Path) -> None:
    """PowerShellGet's Get-InstalledModule: MicrosoftTeams is installed (its Version a
    System.Version, compared with text or [version]); another name is PackageManagement's
    non-terminating NoMatchFound, which -ErrorAction SilentlyContinue hides."""
    text = """
if (-not (Get-InstalledModule -Name Microsoft.Graph -ErrorAction SilentlyContinue)) { 'install graph' }
$teams = Get-InstalledModule MicrosoftTeams
$teams.Version -ge '5.0.0'; $teams.Version -lt [version]'10.0'; $teams.Repository
Get-InstalledModule Nope
"""
    result = run(text, tmp_path)
    assert result.output == ["install graph", True, True, "PSGallery"]
    (error,) = result.errors
    assert error.fully_qualified_error_id == "NoMatchFound,Microsoft.PowerShell.PackageManagement.Cmdlets.GetPackage"
    assert error.message == "No match was found for the specified search criteria and module names 'Nope'."


def test_item_cmdlets_archive_a_report_the_run_wrote(tmp_path: Path) -> None:
    """Get-Item, Resolve-Path (-Relative), Copy-Item, Move-Item and Rename-Item on the report a
    run wrote; an input file is copied, never moved (moving deletes it where it was)."""
    (tmp_path / "archive").mkdir()
    (tmp_path / "input.csv").write_text("UPN\n", encoding="utf-8")
    text = """
'x' | Out-File report.txt
(Get-Item report.txt).Length -gt 0
Resolve-Path report.txt -Relative
Copy-Item report.txt backup.txt -WhatIf
Copy-Item input.csv archive -PassThru | ForEach-Object Name
Move-Item report.txt archive\\report-1.txt
Copy-Item archive\\report-1.txt again.txt; Rename-Item again.txt renamed.txt
Get-ChildItem archive -Name
Resolve-Path missing.txt
Move-Item input.csv archive
"""
    result = run(text, tmp_path)
    assert result.output == [True, "./report.txt", "input.csv", "input.csv", "report-1.txt"]
    assert result.host == [
        f'What if: Performing the operation "Copy File" on target "Item: {tmp_path / "report.txt"} '
        f'Destination: {tmp_path / "backup.txt"}".'
    ]
    assert result.errors[0].fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"
    assert result.stop is not None and "Move-Item of" in result.stop.message
    assert (tmp_path / "input.csv").exists() and (tmp_path / "renamed.txt").exists()
    assert not (tmp_path / "report.txt").exists() and not (tmp_path / "backup.txt").exists()


def test_item_cmdlets_act_only_on_the_items_their_filters_admit(tmp_path: Path) -> None:
    text = """
'a' | Out-File keep.log; 'b' | Out-File drop.csv; 'c' | Out-File drop2.csv
Remove-Item * -Include *.csv -Exclude drop2*
(Get-ChildItem -Name) -join ','
"""
    assert run(text, tmp_path).output == ["drop2.csv,keep.log"]
