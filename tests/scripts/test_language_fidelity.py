"""Language and output fidelity on admin-script idioms: what ``cscmdlets run`` prints as
PowerShell 7 prints it.

Sources: PowerShell's tokenizer.cs (ScanGenericToken), about_Parsing ("Argument mode"),
DotNetTypes_format_ps1xml.cs and TypeTable_Types_Ps1Xml.cs (DictionaryEntry),
ConsoleHostUserInterface.cs (WriteErrorLine), the System.Console reference on learn.microsoft.com.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_in_folder as run

import cscmdlets as cs

from .test_console_text import console


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        pytest.param('x"y z"', "xy z", id="double-quoted-tail"),
        pytest.param("x'y z'", "xy z", id="single-quoted-tail"),
        pytest.param('a"$v b"c', "aV bc", id="expandable-middle"),
        pytest.param("a`tb", "a\tb", id="backtick-escape"),
        pytest.param('C:\\"Program Files"\\x', "C:\\Program Files\\x", id="quoted-path-segment"),
        pytest.param('1"2"', "12", id="number-then-quote"),
    ],
)
def test_a_generic_token_takes_its_quotes_in(tmp_path: Path, argument: str, expected: str) -> None:
    """tokenizer.cs, ScanGenericToken: a quote inside a generic token scans the string into the
    same token, so ``x"y z"`` is one argument."""
    result = run(f"$v = 'V'\nWrite-Output {argument}", tmp_path)
    assert (result.errors, result.output) == ([], [expected])


def test_a_quoted_token_ends_at_its_quote(tmp_path: Path) -> None:
    """A token that starts with a quote is a string token: ``"a"b`` is two arguments."""
    result = run('Write-Output "a"b', tmp_path)
    assert result.output == ["a", "b"]


def test_a_colon_parameter_takes_the_whole_generic_token(capsys: pytest.CaptureFixture[str]) -> None:
    script = 'function f { param($Name) "[$Name]" }\nf -Name:x"y z"\nf -Name x"y z"'
    assert console(script, capsys) == ("[xy z]\n[xy z]\n", "")


# --- $h.GetEnumerator(): System.Collections.DictionaryEntry -------------------------------------
#
# One type whether a script enumerates a hashtable or the formatter does: the views of
# System.Collections.DictionaryEntry (DotNetTypes_format_ps1xml.cs: a Name/Value table, its Name
# column 30 wide, and a Name/Value list) and its type data (TypeTable_Types_Ps1Xml.cs: Name is
# an alias of Key).

ENTRIES = "$h = [ordered]@{a = 3; b = 1; c = 2}\n"


def test_enumerated_entries_show_in_the_dictionary_view(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = console(ENTRIES + "$h.GetEnumerator() | Sort-Object Value", capsys)
    rows = ["b                              1", "c                              2", "a                              3"]
    header = ["Name                           Value", "----                           -----"]
    assert (out, err) == ("\n".join(["", *header, *rows, "", ""]), "")
    assert console(ENTRIES + "$h", capsys)[0] == "\n".join(["", *header, rows[2], rows[0], rows[1], "", ""])


def test_enumerated_entries_format_list_shows_name_and_value(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = console(ENTRIES + "$h.GetEnumerator() | Select-Object -First 2 | Format-List", capsys)
    assert out == "\nName  : a\nValue : 3\n\nName  : b\nValue : 1\n\n"


def test_an_entry_has_name_key_and_value(tmp_path: Path) -> None:
    script = ENTRIES + (
        "$h.GetEnumerator() | ForEach-Object { '{0}={1} ({2})' -f $_.Key, $_.Value, $_.Name }\n"
        "($h.GetEnumerator() | Where-Object Value -GT 1 | Sort-Object Name -Descending).Key\n"
        '$e = @($h.GetEnumerator())[0]; $e.Value = 5; $e.Value; "$e"; $e.GetType().FullName\n'
        "($h.GetEnumerator() | Measure-Object -Property Value -Sum).Sum"
    )
    result = run(script, tmp_path)
    assert result.errors == []
    assert result.output == [
        *("a=3 (a)", "b=1 (b)", "c=2 (c)"),
        *("c", "a"),
        *(5, "System.Collections.DictionaryEntry", "System.Collections.DictionaryEntry"),
        6,
    ]


def test_an_entry_exports_all_three_properties(tmp_path: Path) -> None:
    """Select-Object * and Export-Csv see the alias first (extended members come before a .NET
    object's own); ConvertTo-Json writes the object's fields, then the alias (JsonObject.cs)."""
    script = ENTRIES + (
        "$h.GetEnumerator() | Select-Object -First 1 | ConvertTo-Csv -NoTypeInformation\n"
        "$h.GetEnumerator() | Select-Object -First 1 | ConvertTo-Json -Compress\n"
        "($h.GetEnumerator() | Select-Object -First 1 -Property *).PSObject.Properties.Name"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        ['"Name","Key","Value"', '"a","a","3"', '{"Key":"a","Value":3,"Name":"a"}', "Name", "Key", "Value"],
    )


def test_get_member_shows_the_name_alias(capsys: pytest.CaptureFixture[str]) -> None:
    script = ENTRIES + "$h.GetEnumerator() | Get-Member -MemberType Properties | ForEach-Object Definition"
    out, _ = console(script, capsys)
    assert out == "Name = Key\nSystem.Object Key {get;set;}\nSystem.Object Value {get;set;}\n"


# --- typed arrays: string[] and int[] keep their type's name; @() stays object[] -------------------


def test_a_typed_array_names_its_type(tmp_path: Path) -> None:
    """An array's ToString() is its type's name (Object.ToString); a cast, -split and
    String.Split give a string[] (about_Split), ``@()`` and ``+=`` an object[] (about_Arrays)."""
    script = (
        "[string[]]$s = 'a', 'b'\n"
        '$s.GetType().FullName; $s.ToString(); "$s"\n'
        "@(1, 2).GetType().FullName; @(1, 2).ToString()\n"
        "('a b' -split ' ').GetType().FullName; 'a,b'.Split(',').GetType().FullName\n"
        "([int[]]('1', '2')).GetType().FullName\n"
        "$grown = $s + 'c'; $grown.GetType().FullName\n"
        "$s -is [string[]]; @('a') -is [string[]]; $s -is [array]"
    )
    result = run(script, tmp_path)
    assert result.errors == []
    assert result.output == [
        *("System.String[]", "System.String[]", "a b"),
        *("System.Object[]", "System.Object[]"),
        *("System.String[]", "System.String[]"),
        "System.Int32[]",
        "System.Object[]",
        *(True, False, True),
    ]


def test_export_csv_writes_an_array_cell_as_its_type_name(tmp_path: Path) -> None:
    """A cell is the value's ToString() (CsvCommands.cs): ``System.String[]`` for a typed array,
    such as Get-CsOnlineUser's FeatureTypes, ``System.Object[]`` for a script's array."""
    script = (
        "[pscustomobject]@{A = [string[]]('x', 'y'); B = @(1, 2); C = [int[]](1, 2)} |"
        " ConvertTo-Csv -NoTypeInformation\n"
        "Get-CsOnlineUser -Identity amos.marble@contoso.com | Select-Object UserPrincipalName, FeatureTypes |"
        " Export-Csv users.csv -NoTypeInformation\n"
        "Get-Content users.csv\n"
        "(Get-CsOnlineUser -Identity amos.marble@contoso.com).FeatureTypes.GetType().FullName"
    )
    result = run(script, tmp_path)
    assert result.errors == []
    assert result.output == [
        '"A","B","C"',
        '"System.String[]","System.Object[]","System.Int32[]"',
        '"UserPrincipalName","FeatureTypes"',
        '"amos.marble@contoso.com","System.String[]"',
        "System.String[]",
    ]


def test_a_typed_array_keeps_its_fixed_size(tmp_path: Path) -> None:
    result = run("$parts = 'a b' -split ' '\n$parts.Add('c')", tmp_path)
    assert [e.fully_qualified_error_id for e in result.errors] == ["NotSupportedException"]


# --- the host's error line and System.Console ----------------------------------------------------

HOST_LINES = (
    'Write-Output "one"\n'
    '$Host.UI.WriteErrorLine("to stderr")\n'
    '$Host.UI.WriteErrorLine("")\n'
    '[Console]::Error.WriteLine("console err {0}", 5)\n'
    '[Console]::WriteLine("console out")\n'
    '[Console]::Write("a"); [Console]::WriteLine("b")\n'
    '[Console]::Out.WriteLine("out writer")\n'
    'Write-Output "two"\n'
)


def test_write_error_line_goes_to_stderr_in_a_real_process(tmp_path: Path) -> None:
    """Under ``pwsh -File`` with stderr redirected, WriteErrorLine writes to Console.Error and
    an empty one writes nothing (ConsoleHostUserInterface.cs); [Console]::Error is stderr."""
    (tmp_path / "lines.ps1").write_text(HOST_LINES)
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "run", "lines.ps1", "--state", "state.db", "--demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(cs.__file__).parent.parent)},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "one\nconsole out\nab\nout writer\ntwo\n",
        "to stderr\nconsole err 5\n",
    )


def test_write_error_line_goes_to_stderr_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert console(HOST_LINES, capsys) == ("one\nconsole out\nab\nout writer\ntwo\n", "to stderr\nconsole err 5\n")


def test_a_transcript_keeps_the_error_line(tmp_path: Path) -> None:
    script = "Start-Transcript t.txt | Out-Null\n$Host.UI.WriteErrorLine('bad')\nStop-Transcript | Out-Null"
    result = run(script, tmp_path)
    assert result.errors == []
    assert "\nbad\n" in (tmp_path / "t.txt").read_text()


# --- Format-Wide ----------------------------------------------------------------------------------
#
# Format-Wide.cs, FormatViewGenerator_Wide.cs (the value shown), BaseOutputtingCommand.cs
# (WideOutputContext: two columns by default; -AutoSize's fit), ColumnWidthManager.cs (the 120
# columns shared out from the left) and TableWriter.cs (cells padded but the row's last, "…").

USERS = "Get-CsOnlineUser | Sort-Object DisplayName | "


def test_format_wide_defaults_to_two_columns_of_the_display_name(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = console(USERS + "Select-Object DisplayName, Department -First 3 | Format-Wide", capsys)
    assert err == ""
    assert out.split("\n") == [
        "",
        "Alex Darrow".ljust(60) + " " + "Amos Marble",
        "David Longmuir".ljust(60) + " " + "",
        "",
        "",
    ]


def test_format_wide_column_and_property(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = console(USERS + "Format-Wide -Property DisplayName -Column 3", capsys)
    assert out.split("\n")[1:3] == [
        "Alex Darrow".ljust(40) + " " + "Amos Marble".ljust(39) + " " + "David Longmuir",
        "Ken Myer".ljust(40) + " " + "Pilar Ackerman".ljust(39) + " ",
    ]


def test_format_wide_autosize_fits_the_longest_value(capsys: pytest.CaptureFixture[str]) -> None:
    """The longest address is 26 characters: four fit in 120 (4 * 26 + 3), five do not."""
    out, _ = console(USERS + "Format-Wide UserPrincipalName -AutoSize", capsys)
    first = out.split("\n")[1]
    assert first.split() == [
        "alex.darrow@contoso.com",
        "amos.marble@contoso.com",
        "david.longmuir@contoso.com",
        "ken.myer@contoso.com",
    ]
    assert [first.index(name) for name in first.split()] == [0, 31, 61, 91]


def test_format_wide_cuts_a_long_value_and_takes_a_script_block(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = console(USERS + "Format-Wide { $_.DisplayName.ToUpper() + ' ' * 40 + '!' } -Column 4", capsys)
    first = out.split("\n")[1]
    assert first.startswith("ALEX DARROW" + " " * 18 + "… AMOS MARBLE")
    assert len(first) == 120 and first.endswith("…")


def test_format_wide_writes_primitives_as_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    assert console("1..3 | Format-Wide", capsys) == ("1\n2\n3\n", "")


def test_format_wide_refuses_autosize_with_column(tmp_path: Path) -> None:
    result = run("Get-CsOnlineUser | Format-Wide -AutoSize -Column 2\n'next'", tmp_path)
    assert [e.fully_qualified_error_id for e in result.errors] == [
        "FormatCannotSpecifyAutosizeAndColumns,Microsoft.PowerShell.Commands.FormatWideCommand"
    ]
    assert str(result.errors[0].message) == "Cmdlet parameters AutoSize and Column are mutually exclusive."
    assert result.output == ["next"]
    result = run("1 | Format-Wide -Column 0", tmp_path)
    assert [e.fully_qualified_error_id for e in result.errors] == [
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.FormatWideCommand"
    ]


# --- the sweep: admin-script idioms -------------------------------------------------------------


def test_switch_on_null_runs_once_and_on_nothing_never(tmp_path: Path) -> None:
    """Compiler.cs, VisitSwitchStatement: a value with no enumerator ($null too) is switched on
    as a one-element array; an empty array or no output enumerates nothing."""
    script = (
        "foreach ($n in 'none', $null) { switch -Regex ($n) { '^\\+' { 'number' } default { \"unknown [$n]\" } } }\n"
        "switch (@()) { default { 'empty array' } }\n"
        "function Get-Nothing {}\n"
        "switch (Get-Nothing) { default { 'no output' } }"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], ["unknown [none]", "unknown []"])


def test_measure_object_has_standard_deviation(capsys: pytest.CaptureFixture[str]) -> None:
    """GenericMeasureInfo (Measure-Object.cs): doubles, StandardDeviation before Property, the
    sample deviation; -AllStats measures all five."""
    out, _ = console("1..4 | Measure-Object -AllStats\n(1..3 | Measure-Object -Sum).Sum.GetType().Name", capsys)
    assert out == (
        "\nCount             : 4\nAverage           : 2.5\nSum               : 10\nMaximum           : 4\n"
        "Minimum           : 1\nStandardDeviation : 1.2909944487358056\nProperty          :\n\nDouble\n"
    )
    out, _ = console("(7 | Measure-Object -StandardDeviation).StandardDeviation", capsys)
    assert out == "0\n"


def test_group_object_shows_in_its_view(capsys: pytest.CaptureFixture[str]) -> None:
    """The GroupInfo table view: Count right-aligned in 5, Name in 25 (cut with …), Group; the
    groups in key order, as PowerShell 7 sorts keys of one type."""
    out, _ = console("'a', 'bb', 'a', 'a_very_long_department_name_x' | Group-Object", capsys)
    assert out.split("\n") == [
        "",
        "Count Name                      Group",
        "----- ----                      -----",
        "    2 a                         {a, a}",
        "    1 a_very_long_department_n… {a_very_long_department_name_x}",
        "    1 bb                        {bb}",
        "",
        "",
    ]


def test_a_primitive_amid_a_list_has_no_blank_lines_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    """A list starts with a blank line and each entry ends with one; a primitive is written as
    it comes, and the list adds nothing at its end (BaseOutputtingCommand.cs)."""
    entry = "[pscustomobject]@{ A = 1; B = 2; C = 3; D = 4; E = 5 }"
    block = "A : 1\nB : 2\nC : 3\nD : 4\nE : 5\n"
    assert console(f"{entry}; 'text'; {entry}; 'end'", capsys)[0] == f"\n{block}\ntext\n{block}\nend\n"
    out, _ = console(f"'first', {entry}, 'last' | Format-List", capsys)
    assert out == f"first\n\n{block}\nlast\n"
    out, _ = console("'a', 'b' | Format-List; 'c' | Format-Table", capsys)
    assert out == "a\nb\nc\n"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param("[math]::Round(0.015, 2)", 0.02, id="scaled-to-a-midpoint"),
        pytest.param("[math]::Round(2.345, 2)", 2.35, id="scaled-above"),
        pytest.param("[math]::Round(1.005, 2)", 1.0, id="scaled-below"),
        pytest.param("[math]::Round(0.125, 2)", 0.12, id="exact-midpoint-to-even"),
    ],
)
def test_math_round_with_digits_scales_as_dotnet_does(tmp_path: Path, call: str, expected: float) -> None:
    """Math.Round(double, int) is Round(value * 10^digits) / 10^digits, half to even
    (Math.cs in dotnet/runtime), not the correctly rounded decimal Python's round() gives."""
    result = run(call, tmp_path)
    assert (result.errors, result.output) == ([], [expected])


def test_timespan_from_statics(capsys: pytest.CaptureFixture[str]) -> None:
    script = "[timespan]::FromMinutes(90).TotalHours; [TimeSpan]::FromDays(1.5).Hours; [timespan]::FromSeconds(5).Ticks"
    assert console(script, capsys) == ("1.5\n12\n50000000\n", "")


def test_an_ordered_dictionary_is_its_own_type(tmp_path: Path) -> None:
    """[ordered]@{} is a System.Collections.Specialized.OrderedDictionary, which inserts and
    removes by index (about_Hash_Tables)."""
    script = (
        "$o = [ordered]@{ z = 26; y = 25 }\n"
        "$o.GetType().FullName\n"
        "$o.Insert(0, 'x', 24); $o.Keys -join ','\n"
        "$o.RemoveAt(1); $o.Keys -join ','\n"
        "@{}.GetType().FullName\n"
        "$o.Insert(5, 'w', 1)"
    )
    result = run(script, tmp_path)
    assert result.output == [
        "System.Collections.Specialized.OrderedDictionary",
        "x,z,y",
        "x,y",
        "System.Collections.Hashtable",
    ]
    assert [str(e.message) for e in result.errors] == [
        'Exception calling "Insert" with "3" argument(s): "index (\'5\') must be less than or equal to \'2\'.'
        " (Parameter 'index')\nActual value was 5.\""
    ]


def test_csv_writes_a_null_as_an_empty_unquoted_field(tmp_path: Path) -> None:
    """CsvCommands.cs, ConvertPSObjectToCSV: a $null value (or a missing property) is skipped,
    so its field is empty and unquoted; an empty string is quoted."""
    script = (
        "[pscustomobject]@{ A = 1; B = $null; C = ''; D = 'x,y' } | ConvertTo-Csv\n"
        "[pscustomobject]@{ A = 1; B = $null; C = ''; D = 'x,y' } | ConvertTo-Csv -UseQuotes AsNeeded"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        ['"A","B","C","D"', '"1",,"","x,y"', "A,B,C,D", '1,,,"x,y"'],
    )


def test_export_csv_append_takes_the_files_columns(tmp_path: Path) -> None:
    """-Append writes in the file's columns; an object without one of them is the terminating
    CannotAppendCsvWithMismatchedPropertyNames unless -Force (CsvCommands.cs)."""
    script = (
        "[pscustomobject]@{ Id = 1; Name = 'a'; X = 5 } | Export-Csv a.csv\n"
        "[pscustomobject]@{ Id = 2; Name = 'b' } | Export-Csv a.csv -Append\n"
        "[pscustomobject]@{ Name = 'c'; Id = 3; Extra = 9 } | Export-Csv a.csv -Append -Force\n"
        "[pscustomobject]@{ X = 7; Name = 'd'; Id = 4 } | Export-Csv a.csv -Append\n"
        "Get-Content a.csv"
    )
    result = run(script, tmp_path)
    assert result.output == ['"Id","Name","X"', '"1","a","5"', '"3","c",', '"4","d","7"']
    assert [(e.fully_qualified_error_id, str(e.message)) for e in result.errors] == [
        (
            "CannotAppendCsvWithMismatchedPropertyNames,Microsoft.PowerShell.Commands.ExportCsvCommand",
            "Cannot append CSV content to the following file: a.csv. The appended object does not have a "
            "property that corresponds to the following column: X. To continue with mismatched properties, "
            "add the -Force parameter, and then retry the command.",
        )
    ]


def test_an_objects_text_names_its_array_values_types(tmp_path: Path) -> None:
    """MshObject.cs, ToStringEmptyBaseObject: each value by its ToString(), not recursed into (an
    array is System.Object[]); an object without properties is the empty string."""
    script = (
        "$u = [pscustomobject]@{ Name = 'Ada'; Tags = @('x', 'y'); N = [pscustomobject]@{ B = @(1, 2) } }\n"
        '"$u"\n"[$([pscustomobject]@{})]"'
    )
    result = run(script, tmp_path)
    assert result.output == ["@{Name=Ada; Tags=System.Object[]; N=@{B=System.Object[]}}", "[]"]


def test_an_array_in_a_string_joins_with_ofs(tmp_path: Path) -> None:
    """about_Preference_Variables ($OFS): "$array" and "$(…)" join with it; a space when unset."""
    script = '$a = 1, 2, 3\n$OFS = \'-\'\n"$a|$(4, 5)"\nRemove-Variable OFS\n"$a"'
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], ["1-2-3|4-5", "1 2 3"])


def test_a_validation_attribute_checks_before_the_mandatory_empty_string(tmp_path: Path) -> None:
    """ParameterBinderBase.cs: the validation attributes run first, then a mandatory parameter's
    null-or-empty check."""
    script = "function f { param([Parameter(Mandatory)][ValidateNotNullOrEmpty()][string]$Dept) $Dept }\nf -Dept ''"
    result = run(script, tmp_path)
    assert [str(e.message) for e in result.errors] == [
        "Cannot validate argument on parameter 'Dept'. The argument is null or empty. Provide an argument "
        "that is not null or empty, and then try the command again."
    ]


def test_write_information_follows_its_preference(capsys: pytest.CaptureFixture[str]) -> None:
    """Write-Information shows only with the information action Continue: -InformationAction, else
    $InformationPreference (SilentlyContinue by default)."""
    script = (
        "Write-Information 'hidden'\n"
        "Write-Information 'shown' -InformationAction Continue\n"
        "$InformationPreference = 'Continue'\n"
        "Write-Information 'by preference'\n"
        "Write-Information 'silenced' -InformationAction SilentlyContinue"
    )
    assert console(script, capsys) == ("shown\nby preference\n", "")


def test_date_strings_use_the_en_us_patterns(tmp_path: Path) -> None:
    """DateTimeFormatInfo for en-US: ShortDatePattern M/d/yyyy, LongDatePattern dddd, MMMM d, yyyy,
    ShortTimePattern h:mm tt, LongTimePattern h:mm:ss tt (no leading zeros)."""
    script = (
        "$d = Get-Date -Year 2025 -Month 2 -Day 5 -Hour 9 -Minute 7 -Second 3\n"
        "$d.ToShortDateString(); $d.ToLongDateString(); $d.ToShortTimeString(); $d.ToLongTimeString()"
    )
    result = run(script, tmp_path)
    assert result.output == ["2/5/2025", "Wednesday, February 5, 2025", "9:07 AM", "9:07:03 AM"]


def test_tee_object_passes_its_input_on(tmp_path: Path) -> None:
    """Tee-Object (Tee-Object.cs): the input goes on, and to a file as Out-File writes it, or into
    a variable as Set-Variable takes it (one object as itself, more as an array)."""
    script = (
        "'a', 'b' | Tee-Object -FilePath tee.txt | ForEach-Object { \"got $_\" }\n"
        "Get-Content tee.txt\n"
        "5 | tee -Variable one | Out-Null; $one.GetType().Name\n"
        "'x', 'y' | Tee-Object -Variable two | Out-Null; $two.Count"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], ["got a", "got b", "a", "b", "Int32", 2])


def test_get_member_shows_in_its_grouped_view(capsys: pytest.CaptureFixture[str]) -> None:
    """The MemberDefinition table view (PowerShellCore_format_ps1xml.cs): grouped by TypeName,
    each group under a ``   TypeName: …`` line, with Name, MemberType and Definition."""
    script = (
        "[pscustomobject]@{ a = 1 } | Get-Member -MemberType NoteProperty\n"
        "@{ k = 1 }.GetEnumerator() | Get-Member -MemberType Properties"
    )
    expected = [
        "",
        "   TypeName: System.Management.Automation.PSCustomObject",
        "",
        "Name MemberType   Definition",
        "---- ----------   ----------",
        "a    NoteProperty int a=1",
        "",
        "   TypeName: System.Collections.DictionaryEntry",
        "",
        "Name  MemberType    Definition",
        "----  ----------    ----------",
        "Name  AliasProperty Name = Key",
        "Key   Property      System.Object Key {get;set;}",
        "Value Property      System.Object Value {get;set;}",
        "",
        "",
    ]
    assert console(script, capsys)[0].split("\n") == expected
    result = run_events(script)
    assert result.split("\n") == expected


def run_events(script: str) -> str:
    """What the runner's events print through console.print_events (``cscmdlets port``'s path)."""
    import io
    from contextlib import redirect_stdout

    from helpers import fixed_clock

    from cscmdlets.cmdlets import find_command
    from cscmdlets.scripts.console import print_events
    from cscmdlets.scripts.runner import Runner

    result = Runner(cs.Tenant.demo(clock=fixed_clock()).engine, resolve_command=find_command).run(script)
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        print_events(result.events)
    return buffer.getvalue()


def test_a_type_constrained_variable_converts_every_assignment(tmp_path: Path) -> None:
    """about_Variables ("type constraints"): ``[int]$n = 0`` keeps converting later values, a
    typed parameter too (its default included); one that does not convert is a MetadataError
    and leaves the variable as it was. An unconstrained variable takes any value."""
    script = (
        "[int]$n = 0; $n = '5'; $n + 1\n"
        "[string[]]$s = 'a'; $s += 'b'; $s.GetType().FullName\n"
        "function f { param([int]$Count = '3') $Count + 1; $Count = '7'; $Count + 1 }\n"
        "f\n"
        "[int]$bad = 1; $bad = 'abc'; \"bad is $bad\"\n"
        "$plain = 1; $plain = 'text'; $plain"
    )
    result = run(script, tmp_path)
    assert result.output == [6, "System.String[]", 4, 8, "bad is 1", "text"]
    assert [(e.category.name, str(e.message)) for e in result.errors] == [
        (
            "MetadataError",
            'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a '
            'correct format."',
        )
    ]


def test_write_error_in_a_function_points_at_the_call(capsys: pytest.CaptureFixture[str]) -> None:
    """Write-Error's record takes the caller's $MyInvocation (Write.cs): from a function, the
    error is shown under the function's name at the line that called it (about_Automatic_Variables,
    the ``$?`` example); MyCommand is a CommandInfo whose text is its name."""
    script = (
        "function Test-WriteError {\n"
        "    Write-Error 'Bad'\n"
        "}\n"
        "Test-WriteError\n"
        "$ErrorActionPreference = 'Stop'\n"
        'try { Test-WriteError } catch { $_.InvocationInfo.MyCommand.Name; "$($_.InvocationInfo.MyCommand)" }'
    )
    out, err = console(script, capsys)
    assert (out, err) == ("Test-WriteError\nTest-WriteError\n", "Test-WriteError: Bad\n")
    record = run(script, Path.cwd()).errors[0]
    assert (record.invocation.command_name, record.invocation.line_number, record.invocation.line) == (
        "Test-WriteError",
        4,
        "Test-WriteError",
    )


def test_format_table_calculated_format_string_and_width(capsys: pytest.CaptureFixture[str]) -> None:
    """A Format-Table calculated property's FormatString shows each value as {0:format} would,
    numbers still right-aligned; its Width fixes the column, a longer value or name cut with …
    and the rule under the name no longer than the column (Format-Table.md; TableWriter.cs)."""
    script = (
        "[pscustomobject]@{ Name = 'alpha'; Size = 1234.5678 }, [pscustomobject]@{ Name = 'b'; Size = 2 } |"
        " Format-Table @{ n = 'Name'; e = { $_.Name }; Width = 3 }, @{ n = 'Size'; e = { $_.Size }; f = 'N2' }"
    )
    out, _ = console(script, capsys)
    assert out.split("\n") == ["", "Na…     Size", "---     ----", "al… 1,234.57", "b       2.00", "", ""]


def test_new_object_pscustomobject_has_no_constructor(tmp_path: Path) -> None:
    """PSCustomObject's constructor is not public: New-Object's terminating CannotFindAppropriateCtor
    (New-Object.cs; NewObjectStrings.resx)."""
    result = run("New-Object -TypeName PSCustomObject\n'next'", tmp_path)
    assert result.output == ["next"]
    assert [(e.fully_qualified_error_id, str(e.message)) for e in result.errors] == [
        (
            "CannotFindAppropriateCtor,Microsoft.PowerShell.Commands.NewObjectCommand",
            "A constructor was not found. Cannot find an appropriate constructor for type PSCustomObject.",
        )
    ]


def test_collections_name_their_types(tmp_path: Path) -> None:
    """An ArrayList's and a List[T]'s ToString() and CSV cell are their type's name; a
    constructed generic type's FullName names its argument's assembly, its Name does not."""
    script = (
        "$a = [System.Collections.ArrayList]::new(); $a.GetType().FullName; $a.ToString()\n"
        "$g = [System.Collections.Generic.List[string]]::new(); $g.Add('x'); $g.GetType().Name; $g.ToString()\n"
        "$g.GetType().FullName\n"
        "[pscustomobject]@{ L = $g } | ConvertTo-Csv"
    )
    result = run(script, tmp_path)
    assert result.output == [
        *("System.Collections.ArrayList", "System.Collections.ArrayList"),
        *("List`1", "System.Collections.Generic.List`1[System.String]"),
        "System.Collections.Generic.List`1[[System.String, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, "
        "PublicKeyToken=7cec85d7bea7798e]]",
        *('"L"', '"System.Collections.Generic.List`1[System.String]"'),
    ]


def test_join_string(tmp_path: Path) -> None:
    """Join-String (Join-String.cs): the separator is -Separator, else $OFS, which does not exist
    by default (about_Preference_Variables), so nothing; quotes, -FormatString, prefix and suffix."""
    script = (
        "1, 2, 3 | Join-String\n"
        '"[$OFS]"\n'
        "1, 2, 3 | Join-String -Separator ', '\n"
        "'a', 'b' | Join-String -SingleQuote -Separator ','\n"
        "1.5, 2 | Join-String -FormatString '[{0:N2}]'\n"
        "@() | Join-String -OutputPrefix '<' -OutputSuffix '>'\n"
        "1..3 | Join-String { $_ * 2 } -Separator '+'\n"
        "$OFS = '-'; 1, 2 | Join-String"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        ["123", "[]", "1, 2, 3", "'a','b'", "[1.50][2.00]", "<>", "2+4+6", "1-2"],
    )


def test_a_ported_switch_on_null_runs_once(tmp_path: Path) -> None:
    from cscmdlets.scripts import ported

    assert (ported.switch_values(None), ported.switch_values([1, 2]), ported.switch_values(3)) == ([None], [1, 2], [3])


def test_an_unbound_typed_parameter_holds_null_as_its_type(tmp_path: Path) -> None:
    """A script's unbound [string] parameter is '' and an [int] one 0 ($null converted to the
    type, as PowerShell binds it), so ``$null -eq $s`` is false; an untyped or array one stays
    $null. The port's signature says the same."""
    script = (
        "function f { param([string]$s, [int]$n, [bool]$b, $o, [string[]]$a)"
        " ($null -eq $s), $n, $b, ($null -eq $o), ($null -eq $a) }\nf"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [False, 0, False, True, True])
    from cscmdlets.scripts.porter import port_script

    (tmp_path / "f.ps1").write_text(script)
    assert "def f(s='', n=0, b=False, o=None, a=None)" in port_script(tmp_path / "f.ps1")


@pytest.mark.parametrize(
    ("script", "output", "host"),
    [
        pytest.param("$a = 1\n($a++) + $a", [3], [], id="increment-then-read"),
        pytest.param("(Write-Host L) -eq (Write-Host R)", [True], ["L", "R"], id="host-lines"),
        pytest.param("$t = 'int'\n$(Write-Host L; 5) -is $t", [True], ["L"], id="type-by-name"),
    ],
)
def test_a_binary_operator_evaluates_its_left_side_first(
    tmp_path: Path, script: str, output: list[object], host: list[str]
) -> None:
    """A binary expression compiles to one dynamic operation on (left, right), which .NET's
    expression trees evaluate in that order (Compiler.cs, VisitBinaryExpression)."""
    result = run(script, tmp_path)
    assert (result.errors, result.output, result.host) == ([], output, host)


@pytest.mark.parametrize(
    ("line", "underlined"),
    [
        pytest.param("F -Level DEBUG", "DEBUG", id="validate-set"),
        pytest.param("F -Level:DEBUG", "DEBUG", id="glued"),
        pytest.param("F DEBUG", "DEBUG", id="positional"),
        pytest.param("F -Count x", "x", id="conversion"),
        pytest.param("F -Level INFO -Level WARN", "-Level", id="bound-twice"),
        pytest.param("F -Level", "-Level", id="missing-argument"),
    ],
)
def test_a_binding_error_underlines_the_value_unless_the_name_is_at_fault(
    tmp_path: Path, line: str, underlined: str
) -> None:
    """A value that does not convert or validate is underlined where it is typed, glued or not
    (CommandParameterInternal.ErrorExtent, ParameterBinderBase.cs); a parameter given twice or
    given no value, at its name (ParameterExtent)."""
    script = "function F { param([ValidateSet('INFO', 'WARN')][string]$Level, [int]$Count) }\n" + line
    [record] = run(script, tmp_path).errors
    where = record.invocation
    assert (where.line_number, line[where.column - 1 : where.column - 1 + where.length]) == (2, underlined)
