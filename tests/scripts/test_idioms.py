"""Idioms of public Teams admin scripts that the emulator runs as PowerShell does: the
``.Where{ … }`` method call without parentheses, phone numbers through a custom numeric format,
and 64-bit ``[long]`` statics.

Sources: about_Arrays ("Where" and "ForEach": a script block argument needs no parentheses);
"Custom numeric format strings" (learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings);
the System.Int64 reference (MaxValue).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fixed_clock
from helpers import run_in_folder as run

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import Runner
from cscmdlets.scripts.values import to_string


def test_where_and_foreach_take_a_bare_script_block(tmp_path: Path) -> None:
    text = (
        "$users = Get-CsOnlineDialInConferencingUser\n"
        "$users.Where{ $_.ServiceNumber }.Identity\n"
        "(1, 2, 3).ForEach{ $_ * 10 }"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["pilar.ackerman@contoso.com", 10, 20, 30])
    assert check_script(text) == []


@pytest.mark.parametrize(
    ("form", "value", "text"),
    [
        pytest.param("(###) ###-####", 4255550100, "(425) 555-0100", id="us-phone"),
        pytest.param(r"+1\.###\.###\.####", 4255550100, "+1.425.555.0100", id="escaped-dots"),
        pytest.param("(###) ###-####", 5550100, "() 555-0100", id="missing-digits-stay-empty"),
        pytest.param("000-000", 42, "000-042", id="zero-placeholders"),
        pytest.param("'+'0", 7, "+7", id="quoted-literal"),
        pytest.param("##-##", 1234567, "12345-67", id="extra-digits-lead"),
        pytest.param("#,##0", 1234567, "1,234,567", id="thousands"),
    ],
)
def test_custom_numeric_format(tmp_path: Path, form: str, value: int, text: str) -> None:
    result = run(f"'{{0:{form.replace(chr(39), chr(39) * 2)}}}' -f {value}", tmp_path)
    assert (result.errors, result.output) == ([], [text])


def test_long_statics_are_64_bit(tmp_path: Path) -> None:
    result = run("[long]::MaxValue; [int64]::Parse('12065550100'); [int]::MaxValue", tmp_path)
    assert result.output == [2**63 - 1, 12065550100, 2**31 - 1]


def test_get_date_uformat(tmp_path: Path) -> None:
    """Get-Date -UFormat takes the UNIX date specifiers (Get-Date reference, "-UFormat")."""
    result = run("Get-Date -Date '2024-01-02 03:04:05' -UFormat '%Y%m%d-%H%M %d/%m/%y %j %A %Z %s'", tmp_path)
    assert result.output == ["20240102-0304 02/01/24 002 Tuesday +00 1704164645"]


def test_new_timespan(tmp_path: Path) -> None:
    """New-TimeSpan: -End minus -Start, either defaulting to now; or the parts (New-TimeSpan reference)."""
    result = run(
        "(New-TimeSpan -Start '2024-01-01' -End '2024-03-01').Days\n"
        "(New-TimeSpan -Hours 2 -Minutes 30).TotalMinutes\n"
        "(New-TimeSpan -Start (Get-Date).AddDays(-3)).Days\n"
        "(New-TimeSpan '2024-01-01' '2024-01-02').TotalHours\n"
        "(New-TimeSpan -Start '2026-11-01' -End (Get-Date)).Days",  # a typed date against the clock's
        tmp_path,
    )
    assert (result.errors, result.output) == ([], [60, 150, 3, 24, 24])


def test_script_psboundparameters(tmp_path: Path) -> None:
    """$PSBoundParameters holds the script's parameters that were given, not the defaults
    (about_Automatic_Variables)."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    runner = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path)
    text = "param([string]$Mode = 'x', [int]$Limit)\n$PSBoundParameters.ContainsKey('Mode'); $PSBoundParameters.Count"
    assert runner.run(text, ["-Limit", "5"]).output == [False, 1]
    assert run("$PSBoundParameters.Count", tmp_path).output == [0]


def test_pwd_and_get_location_name_the_folder_paths_resolve_from(tmp_path: Path) -> None:
    """``Join-Path $PWD 'reports'`` is how scripts build an output folder: $PWD is a PathInfo whose
    text is the path (about_Automatic_Variables)."""
    text = (
        "$out = Join-Path $PWD 'reports'; New-Item -ItemType Directory -Path $out | Out-Null\n"
        "Test-Path (Join-Path (Get-Location).Path 'reports'); \"$PWD\" -eq $PWD.Path; $PWD.GetType().FullName"
    )
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == [True, True, "System.Management.Automation.PathInfo"]
    assert (tmp_path / "reports").is_dir()
    assert run("$PWD | Out-String", tmp_path).output == [f"\nPath\n----\n{tmp_path}\n\n"]  # its table view


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("'abc' | % ToUpper", ["ABC"], id="method"),
        pytest.param("'a,b' | % Split ','", ["a", "b"], id="method-with-argument"),
        pytest.param("'abc' | ForEach-Object -MemberName Replace -ArgumentList 'a','z'", ["zbc"], id="argument-list"),
        pytest.param("'abc', 'de' | % Length", [3, 2], id="property"),
        pytest.param("7 | % GetType | % Name", ["Int32"], id="get-type"),
    ],
)
def test_foreach_object_member_name_calls_methods_too(tmp_path: Path, line: str, output: list[object]) -> None:
    """``% Name`` reads a property or calls a method, the words after the name being its
    arguments (ForEachObjectCommand.cs, the PropertyAndMethodSet)."""
    result = run(line, tmp_path)
    assert (result.output, result.errors) == (output, [])


def test_foreach_object_member_name_unknown_method_with_arguments(tmp_path: Path) -> None:
    [error] = run("'q' | % NoSuch 1; 'went on'", tmp_path).errors
    assert error.message == "Method invocation failed because [System.String] does not contain a method named 'NoSuch'."


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("'a','a','A','b','a' | Get-Unique", ["a", "A", "b", "a"], id="adjacent-case-sensitive"),
        pytest.param("'a','A','b' | Get-Unique -CaseInsensitive", ["a", "b"], id="case-insensitive"),
        pytest.param("1, 1, 2, '2', 3 | Get-Unique", [1, 2, 3], id="compares-as-powershell"),
        pytest.param("1, 'x', 2 | Get-Unique -OnType", [1, "x", 2], id="on-type"),
        pytest.param("5, 5, 6 | gu -AsString", ["5", "6"], id="as-string"),
    ],
)
def test_get_unique_drops_repeats_of_the_previous_object(tmp_path: Path, line: str, output: list[object]) -> None:
    """Get-Unique compares each object with the one just before it: unique output needs sorted
    input (GetUniqueCommand.cs)."""
    result = run(line, tmp_path)
    assert (result.output, result.errors) == (output, [])


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("$rows | Select-Object -ExpandProperty P -Unique", ["A", "B"], id="expanded-values"),
        pytest.param("($rows | Select-Object P -Unique).P", ["A", "B"], id="selected-properties"),
        pytest.param("'x', 'X', 'x' | Select-Object -Unique", ["x", "X"], id="case-sensitive"),
        pytest.param("'x', 'X' | Select-Object -Unique -CaseInsensitive", ["x"], id="case-insensitive"),
    ],
)
def test_select_object_unique_compares_what_it_writes(tmp_path: Path, line: str, output: list[object]) -> None:
    """-Unique drops repeats of the objects Select-Object writes (the expanded values, the
    selected properties), case-sensitively unless -CaseInsensitive (Select-Object.md, -Unique)."""
    rows = "$rows = @([pscustomobject]@{P='A'; U=1}, [pscustomobject]@{P='B'; U=2}, [pscustomobject]@{P='A'; U=3})\n"
    result = run(rows + line, tmp_path)
    assert (result.output, result.errors) == (output, [])


@pytest.mark.parametrize(
    "text",
    ["2024-01-15 10:30", "2024-01-15T10:30", "1/15/2024 10:30 AM", "15 Jan 2024 10:30:00", "January 15, 2024 10:30"],
)
def test_datetime_cast_reads_the_invariant_culture_forms(tmp_path: Path, text: str) -> None:
    """``[datetime]'…'`` parses with the invariant culture: ISO, US or month-name dates, times
    without seconds or with AM/PM (learn.microsoft.com/dotnet/standard/base-types/parsing-datetime)."""
    result = run(f"([datetime]'{text}').ToString('yyyy-MM-dd HH:mm')", tmp_path)
    assert (result.output, result.errors) == (["2024-01-15 10:30"], [])


def test_script_common_parameters_become_its_preferences(tmp_path: Path) -> None:
    """``run report.ps1 -Verbose -ErrorAction Stop``: an advanced script's common parameters set
    its own preference variables, as a function's do (about_CommonParameters)."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    runner = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path)
    text = "[CmdletBinding()]\nparam()\nWrite-Verbose 'reading'\nGet-CsOnlineUser nobody@contoso.com\n'went on'"
    result = runner.run(text, ["-Verbose", "-ErrorAction", "Stop"])
    assert (result.verbose, result.output, len(result.errors)) == (["reading"], [], 1)
    result = Runner(tenant.engine, resolve_command=find_command, base_dir=tmp_path).run(text)
    assert (result.verbose, result.output, len(result.errors)) == ([], ["went on"], 1)


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("Compare-Object $a $b", ["=> c", "<= a"], id="differences-difference-side-first"),
        pytest.param("Compare-Object $a $b -IncludeEqual", ["== b", "== d", "=> c", "<= a"], id="include-equal"),
        pytest.param("$b | Compare-Object $a -ExcludeDifferent", ["== b", "== d"], id="pipeline-exclude-different"),
        pytest.param("Compare-Object $a $b -CaseSensitive", ["=> B", "=> c", "<= a", "<= b"], id="case-sensitive"),
        pytest.param("Compare-Object $a $b -SyncWindow 0", ["=> B", "<= a", "=> c", "<= b"], id="sync-window-0"),
    ],
)
def test_compare_object(tmp_path: Path, line: str, output: list[str]) -> None:
    """Compare-Object's matching within -SyncWindow (Compare-Object.cs, Process and EndProcessing)."""
    shown = "ForEach-Object { '{0} {1}' -f $_.SideIndicator, $_.InputObject }"
    text = f"$a = 'a', 'b', 'd'\n$b = 'B', 'c', 'd'\n{line} | {shown}"
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], output)
    assert check_script(text) == []


def test_compare_object_by_property_and_pass_thru(tmp_path: Path) -> None:
    result = run(
        "$want = [pscustomobject]@{ UPN = 'amos.marble@contoso.com' }, [pscustomobject]@{ UPN = 'new@contoso.com' }\n"
        "$have = Get-CsOnlineDialInConferencingUser | Select-Object @{ N = 'UPN'; E = { $_.Identity } }\n"
        "Compare-Object $want $have -Property UPN | ForEach-Object { $_.UPN + ' ' + $_.SideIndicator }\n"
        "(Compare-Object $want $have -Property UPN -PassThru | Where-Object SideIndicator -eq '<=').UPN",
        tmp_path,
    )
    assert result.errors == []
    assert result.output == [
        "ken.myer@contoso.com =>",
        "pilar.ackerman@contoso.com =>",
        "new@contoso.com <=",
        "new@contoso.com",
    ]


def test_regex_match_groups_and_matches(tmp_path: Path) -> None:
    """[regex]::Match/Matches/Split (System.Text.RegularExpressions.Regex reference): a Match's
    Success, Value and Groups by number or name; case-sensitive unless told IgnoreCase."""
    text = (
        "$m = [regex]::Match('tel:+14255550100;ext=100', '^tel:\\+(\\d+)(;ext=(?<ext>\\d+))?$')\n"
        "$m.Success; $m.Groups[1].Value; $m.Groups['ext'].Value; $m.Groups.Count\n"
        "$none = [regex]::Match('x', '\\d'); $none.Success; $none.Value\n"
        "([regex]::Matches('a1b22c333', '\\d+')).Value -join ','\n"
        "[regex]::Split('a, b;c', '[,;]\\s*') -join '|'\n"
        "[regex]::IsMatch('ABC', 'abc'); [regex]::Match('ABC', 'b', 'IgnoreCase').Index"
    )
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == [True, "14255550100", "100", 4, False, "", "1,22,333", "a|b|c", False, 1]
    assert check_script(text) == []


def test_convert_to_html_page_and_fragment(tmp_path: Path) -> None:
    """ConvertTo-Html's lines (ConvertTo-Html.cs, BeginProcessing/ProcessRecord/EndProcessing):
    the XHTML page around one table, header from the first object, values HTML-encoded."""
    text = (
        "$rows = [pscustomobject]@{ Name = 'a<b>&\"c\"'; City = 'Malmö' },\n"
        "    [pscustomobject]@{ Name = 'd'; City = $null }\n"
        "$rows | ConvertTo-Html -Title Report -PreContent '<h1>Users</h1>' -PostContent '<p>2</p>'\n"
        "$rows[1] | ConvertTo-Html -Fragment -As List -Property Name"
    )
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml">',
        "<head>",
        "<title>Report</title>",
        "</head><body>",
        "<h1>Users</h1>",
        "<table>",
        "<colgroup><col/><col/></colgroup>",
        "<tr><th>Name</th><th>City</th></tr>",
        "<tr><td>a&lt;b&gt;&amp;&quot;c&quot;</td><td>Malm&#246;</td></tr>",
        "<tr><td>d</td><td></td></tr>",
        "</table>",
        "<p>2</p>",
        "</body></html>",
        "<table>",
        "<tr><td>Name:</td><td>d</td></tr>",
        "</table>",
    ]
    assert check_script(text) == []


def test_string_builder_for_a_mail_body(tmp_path: Path) -> None:
    """System.Text.StringBuilder (its .NET reference): Append* return the builder, so scripts
    discard it with [void], $null = or Out-Null; "$sb" and ToString() give the text."""
    text = (
        "$sb = [System.Text.StringBuilder]::new()\n"
        "[void]$sb.AppendLine('Dial-in report')\n"
        "$null = $sb.Append('Users: ').Append(3).AppendLine()\n"
        "$sb.AppendFormat('{0} on {1}', 'amos', 'EMEA') | Out-Null\n"
        "$sb.ToString(); $sb.Length\n"
        "$other = New-Object System.Text.StringBuilder 'x'; \"[$other]\""
    )
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["Dial-in report\nUsers: 3\namos on EMEA", 36, "[x]"])
    assert check_script(text) == []


def test_a_script_block_binds_its_parameters_by_position(tmp_path: Path) -> None:
    """``& { param($a) … } 1 2``: $a is 1 and $args holds the rest (about_Script_Blocks)."""
    result = run('& { param($first) "$first|$args" } 1 2 3\n& { "$args" } a b', tmp_path)
    assert (result.errors, result.output) == ([], ["1|2 3", "a b"])


def test_parse_exact_reads_the_format_given(tmp_path: Path) -> None:
    """DateTime.ParseExact/TryParseExact (.NET reference): the text must be in the format, in
    the culture given ([cultureinfo]::InvariantCulture or $null); a FormatException otherwise."""
    text = (
        "[datetime]::ParseExact('25/11/2026', 'dd/MM/yyyy', $null).ToString('yyyy-MM-dd')\n"
        "[datetime]::ParseExact('2026-11-25 07:05', 'yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture).Hour\n"
        "[datetime]::ParseExact('1/2/2026', 'd/M/yyyy', [System.Globalization.CultureInfo]::InvariantCulture).Month\n"
        "[datetime]::TryParseExact('31-12-2026', 'dd-MM-yyyy', $null, [Globalization.DateTimeStyles]::None, [ref]$d)\n"
        "$d.Day\n"
        "[datetime]::ParseExact('13/13/2026', 'dd/MM/yyyy', $null)"
    )
    result = run(text, tmp_path)
    assert result.output == ["2026-11-25", 7, 2, True, 31]
    [record] = result.errors
    assert record.error_id == "FormatException"
    assert record.message == (
        'Exception calling "ParseExact" with "3" argument(s): '
        "\"String '13/13/2026' was not recognized as a valid DateTime.\""
    )
    assert check_script(text) == []


def test_get_random(tmp_path: Path) -> None:
    """Get-Random (GetRandomCommand.cs): [Minimum, Maximum), items of -InputObject, -SetSeed
    repeats; a seeded tenant repeats the run; Minimum >= Maximum is an InvalidArgument error."""
    text = (
        "$n = Get-Random -Minimum 1 -Maximum 10; ($n -ge 1) -and ($n -lt 10)\n"
        "'a', 'b', 'c' -contains ('a', 'b', 'c' | Get-Random)\n"
        "(Get-Random -InputObject (1..10) -Count 3 | Sort-Object -Unique).Count\n"
        "(1..5 | Get-Random -Shuffle | Measure-Object -Sum).Sum\n"
        "(Get-Random -SetSeed 42 -Maximum 1000) -eq (Get-Random -SetSeed 42 -Maximum 1000)\n"
        "(Get-Random -Minimum 0.5 -Maximum 1.0) -is [double]\n"
        "Get-Random -Minimum 5 -Maximum 5"
    )
    result = run(text, tmp_path)
    assert result.output == [True, True, 3, 15, True, True]
    assert [r.fully_qualified_error_id for r in result.errors] == [
        "MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand"
    ]
    assert run("Get-Random", tmp_path).output == run("Get-Random", tmp_path).output  # the seeded demo tenant
    assert check_script(text) == []


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param("$text | Measure-Object -Line -Word -Character", "2|5|10|", id="all-three"),
        pytest.param("'ab cd', ' e ' | Measure-Object -Character -IgnoreWhiteSpace", "||5|", id="no-space"),
        pytest.param("'x' | Measure-Object -Word", "|1||", id="only-asked-counts"),
        pytest.param("@() | Measure-Object -Line", "0|||", id="no-input"),
    ],
)
def test_measure_object_text(tmp_path: Path, line: str, output: str) -> None:
    """Measure-Object's TextMeasure set (Measure-Object.cs, TextCountUtilities): a trailing newline
    ends a line rather than starting one; unmeasured counts stay $null."""
    shown = "ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Lines, $_.Words, $_.Characters, $_.Property }"
    result = run(f'$text = "a b`nc d e`n"\n{line} | {shown}', tmp_path)
    assert (result.errors, result.output) == ([], [output])
    assert check_script(line) == []


def test_measure_object_text_and_generic_switches_cannot_mix(tmp_path: Path) -> None:
    [error] = run("1 | Measure-Object -Sum -Line", tmp_path).errors
    assert error.fully_qualified_error_id == "AmbiguousParameterSet,Microsoft.PowerShell.Commands.MeasureObjectCommand"


def test_temp_path_ends_with_a_separator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[System.IO.Path]::GetTempPath() (learn.microsoft.com/dotnet/api/system.io.path.gettemppath):
    TMPDIR with a trailing separator, then Join-Path/Combine build on it as scripts do."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    result = run("$t = [System.IO.Path]::GetTempPath(); $t; [System.IO.Path]::Combine($t, 'report.csv')", tmp_path)
    assert result.output == [f"{tmp_path}/", f"{tmp_path}/report.csv"]


def test_doubles_in_strings_as_dotnet_writes_them(tmp_path: Path) -> None:
    """A double in a string is its invariant ToString(): ``E`` exponents, no ``.0``."""
    result = run('"$(1e20) $(7.0) $(2.5)"', tmp_path)
    assert (result.output, result.errors) == (["1E+20 7 2.5"], [])


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        pytest.param(
            "'a b  c'.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)", ["a", "b", "c"], id="remove-empty"
        ),
        pytest.param(
            "' a , b ,, c'.Split(',', [System.StringSplitOptions]::TrimEntries)", ["a", "b", "", "c"], id="trim"
        ),
        pytest.param("'a b  c'.Split()", ["a", "b", "", "c"], id="white-space-keeps-empty-parts"),
        pytest.param("'a,b,c'.Split(',', 2)", ["a", "b,c"], id="count"),
    ],
)
def test_string_split_overloads(tmp_path: Path, line: str, parts: list[str]) -> None:
    """String.Split's count and StringSplitOptions overloads; with no separator it splits at
    each white-space character (learn.microsoft.com/dotnet/api/system.string.split)."""
    result = run(line, tmp_path)
    assert (result.output, result.errors) == (parts, [])


def test_parsed_dates_compare_and_subtract_with_get_date(tmp_path: Path) -> None:
    """A date read from text compares with Get-Date's and subtracts from it by the wall clock
    (.NET compares DateTime ticks whatever the Kind); a string on the right of a date's
    comparison is read as a date (about_Comparison_Operators)."""
    text = (
        "$cutoff = (Get-Date).Date.AddDays(-30)\n"
        "[datetime]'2026-11-20 09:15' -lt $cutoff\n"
        "(Get-Date) -gt '2020-01-01'\n"
        "((Get-Date) - [datetime]'2026-11-20').Days"
    )
    result = run(text, tmp_path)
    assert (result.output, result.errors) == ([False, True, 5], [])


@pytest.mark.parametrize(
    ("form", "text"),
    [
        pytest.param("d", "1/5/2026", id="short-date"),
        pytest.param("g", "1/5/2026 3:04 PM", id="general"),
        pytest.param("D", "Monday, January 5, 2026", id="long-date"),
        pytest.param("M/d/yyyy h:mm tt", "1/5/2026 3:04 PM", id="single-letter-specifiers"),
        pytest.param("d MMM yyyy", "5 Jan 2026", id="day-without-zero"),
        pytest.param("'Week' dd, HH:mm:ss.fff", "Week 05, 15:04:09.000", id="quoted-literal"),
    ],
)
def test_date_formats_as_en_us_writes_them(tmp_path: Path, form: str, text: str) -> None:
    """Standard and custom date formats as .NET's en-US writes them: ``d`` is ``M/d/yyyy``, single
    letters are unpadded (learn.microsoft.com/dotnet/standard/base-types/custom-date-and-time-format-strings)."""
    quoted = form.replace("'", "''")
    result = run(f"([datetime]'2026-01-05 15:04:09').ToString('{quoted}')", tmp_path)
    assert (result.output, result.errors) == ([text], [])


def test_a_date_alone_formats_in_the_current_culture(tmp_path: Path) -> None:
    """``ToString()`` and ``-f`` use the current culture (en-US); a string holds the invariant form."""
    result = run("$d = [datetime]'2026-01-05 15:04:09'\n$d.ToString()\n'{0}' -f $d\n\"$d\"", tmp_path)
    assert result.output == ["1/5/2026 3:04:09 PM", "1/5/2026 3:04:09 PM", "01/05/2026 15:04:09"]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        pytest.param("'AMOS@x'.StartsWith('amos', [StringComparison]::OrdinalIgnoreCase)", True, id="starts-with"),
        pytest.param("'AMOS@x'.StartsWith('amos')", False, id="case-sensitive-by-default"),
        pytest.param("'Ken'.Equals('KEN', 'OrdinalIgnoreCase')", True, id="name-of-the-member"),
        pytest.param("'a.b.c'.IndexOf('.', 2)", 3, id="index-of-from"),
        pytest.param(
            "'tel:+1'.Contains('TEL', [System.StringComparison]::InvariantCultureIgnoreCase)", True, id="contains"
        ),
    ],
)
def test_string_methods_take_a_string_comparison(tmp_path: Path, line: str, value: object) -> None:
    """StartsWith/EndsWith/Contains/IndexOf/Equals overloads with a [StringComparison] (the odd
    members ignore case) or a start index (learn.microsoft.com/dotnet/api/system.string)."""
    result = run(line, tmp_path)
    assert (result.output, result.errors) == ([value], [])


def test_percent_format_as_en_us_writes_it(tmp_path: Path) -> None:
    """``P`` in en-US (ICU's data, which .NET 5+ uses): no space before the sign, grouped digits."""
    result = run("(2/3).ToString('P'); '{0:P0}' -f 0.5; '{0:P1}' -f 12.3456", tmp_path)
    assert result.output == ["66.67%", "50%", "1,234.6%"]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        pytest.param("'{0:C}' -f 9.5", "$9.50", id="currency"),
        pytest.param("'{0,9:C}' -f -1234.5", "-$1,234.50", id="negative-currency-aligned"),
        pytest.param("(1234.5).ToString('C0')", "$1,235", id="currency-no-decimals"),
        pytest.param("'{0:N0}' -f 2.5", "3", id="tie-away-from-zero"),
        pytest.param("'{0:F2}' -f 0.125", "0.13", id="exact-tie"),
        pytest.param("'{0:F2}' -f 1.005", "1.00", id="not-a-tie-in-binary"),
        pytest.param("(-0.4).ToString('N0')", "-0", id="negative-zero"),
    ],
)
def test_number_formats_round_and_show_currency_as_dotnet(tmp_path: Path, line: str, text: str) -> None:
    """.NET's standard number formats round a tie away from zero (Python's rounds it to even)
    and ``C`` is en-US currency as ICU has it (learn.microsoft.com, "Standard numeric format
    strings")."""
    assert run(line, tmp_path).output == [text]


def test_psboundparameters_holds_the_common_parameters_given(tmp_path: Path) -> None:
    """``$PSBoundParameters.ContainsKey('Verbose')``: the common parameters a call gave are
    bound parameters too, after the function's own (about_Automatic_Variables)."""
    script = """
    function Test-It { [CmdletBinding(SupportsShouldProcess)] param($Name) $PSBoundParameters.Keys -join ',' }
    Test-It -Name a -Verbose -ErrorAction SilentlyContinue -WhatIf
    Test-It b
    """
    assert run(script, tmp_path).output == ["Name,Verbose,ErrorAction,WhatIf", "Name"]


def test_host_ui_writes_lines_and_its_prompts_fail_as_non_interactive(tmp_path: Path) -> None:
    """``$Host.UI``: WriteLine (with or without colours), Write and WriteWarningLine write host
    lines; PromptForChoice and ReadLine fail as on ``pwsh -NonInteractive``: a
    MethodInvocationException whose id is the inner PSInvalidOperationException's."""
    script = """
    $host.UI.Write('no newline, '); $host.UI.WriteLine('then this')
    $host.UI.WriteLine([ConsoleColor]::Green, [ConsoleColor]::Black, 'in green')
    $host.UI.WriteWarningLine('careful')
    try { $host.UI.PromptForChoice('Confirm', 'Apply?', @('&Yes', '&No'), 1) }
    catch { "$($_.FullyQualifiedErrorId) | $($_.Exception.Message)" }
    $host.UI.ReadLine()
    'after'
    """
    result = run(script, tmp_path)
    assert result.host == ["no newline, then this", "in green", "WARNING: careful"]
    prompt = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
    assert result.output == [
        f'PSInvalidOperationException | Exception calling "PromptForChoice" with "4" argument(s): "{prompt}"',
        "after",
    ]
    [error] = result.errors
    assert (error.fully_qualified_error_id, error.message) == (
        "PSInvalidOperationException",
        f'Exception calling "ReadLine" with "0" argument(s): "{prompt}"',
    )


def test_pause_reads_an_answer_or_fails_as_read_host() -> None:
    """Pause is PowerShell's function ``$null = Read-Host 'Press Enter to continue...'``."""
    answered = Runner(cs.Tenant.demo().engine, answers=[""]).run("'a'; Pause; 'b'")
    assert (answered.output, answered.host, answered.errors) == (["a", "b"], ["Press Enter to continue...: "], [])
    alone = Runner(cs.Tenant.demo().engine).run("'a'; Pause; 'b'")
    [error] = alone.errors
    assert alone.output == ["a", "b"]
    assert error.fully_qualified_error_id == "InvalidOperation,Microsoft.PowerShell.Commands.ReadHostCommand"


def test_a_dash_before_a_variable_or_parenthesis_is_the_minus_operator(tmp_path: Path) -> None:
    """At a statement's start ``-$x``, ``-(…)`` and ``-[int]…`` negate: a parameter name cannot
    follow the dash, so the tokenizer reads an operator, not a command name."""
    result = run('$x = 5; -$x; (-$x) + 1; -(1 + 2); -[int]"7"; (-(New-TimeSpan -Minutes 90)).Minutes', tmp_path)
    assert (result.output, result.errors) == ([-5, -4, -3, -7, -30], [])


def test_scripts_may_set_the_tls_protocols_before_they_connect(tmp_path: Path) -> None:
    """The line at the top of many admin scripts: ServicePointManager.SecurityProtocol takes
    SecurityProtocolType flags (a value, ``-bor`` of two, or their names) and reads back as
    .NET writes a flags value (learn.microsoft.com/dotnet/api/system.net.securityprotocoltype)."""
    text = (
        "[Net.ServicePointManager]::SecurityProtocol\n"
        "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12\n"
        "[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor "
        "[Net.SecurityProtocolType]::Tls13\n"
        '"$([System.Net.ServicePointManager]::SecurityProtocol)"\n'
        "[System.Net.ServicePointManager]::SecurityProtocol = 'Tls, Tls12'\n"
        "[int][Net.ServicePointManager]::SecurityProtocol\n"
        "[Net.ServicePointManager]::SecurityProtocol = 'Tls99'\n"
    )
    result = run(text, tmp_path)
    assert to_string(result.output[0]) == "SystemDefault"
    assert result.output[1:] == ["Tls12, Tls13", 3264]
    (error,) = result.errors
    assert error.error_id == "InvalidCastFromStringToEnum" and "System.Net.SecurityProtocolType" in error.message
    assert check_script(text) == []


def test_setting_another_static_property_is_an_emulator_stop(tmp_path: Path) -> None:
    result = run("[Environment]::CurrentDirectory = '/tmp'\n'after'", tmp_path)
    assert result.stop is not None and "setting the .NET member [Environment]::CurrentDirectory" in result.stop.message
    assert result.output == []


def test_a_credential_gives_its_network_credential(tmp_path: Path) -> None:
    """PSCredential (New-Object, [pscredential]::new) and GetNetworkCredential(): a
    ``DOMAIN\\user`` name splits, a UPN stays whole, the password reads back (PSCredential.cs);
    Read-Host -AsSecureString echoes stars and makes a SecureString."""
    text = (
        "$pw = ConvertTo-SecureString 'P@ss w0rd' -AsPlainText -Force\n"
        "$pw.Length\n"
        "$upn = New-Object System.Management.Automation.PSCredential('admin@contoso.com', $pw)\n"
        "$net = $upn.GetNetworkCredential()\n"
        "$net.UserName, $net.Domain, $net.Password\n"
        "$down = [pscredential]::new('CONTOSO\\svc', (Read-Host 'Password' -AsSecureString))\n"
        "$down.GetNetworkCredential().Domain, $down.GetNetworkCredential().UserName\n"
        "$down.GetNetworkCredential().Password\n"
    )
    result = run(text, tmp_path, answers=["s3cret"])
    assert (result.errors, result.stop) == ([], None)
    assert result.output == [9, "admin@contoso.com", "", "P@ss w0rd", "CONTOSO", "svc", "s3cret"]
    assert result.host == ["Password: ******"]


def test_version_casts_and_compares_as_system_version(tmp_path: Path) -> None:
    """``[version]`` parses two to four numbers (Version.Parse); a Version compares with text by
    converting it, part by part (6.10 is after 6.9)."""
    text = (
        "[version]'6.10' -gt [version]'6.9'\n"
        "([version]'1.2.3').Build\n"
        "$PSVersionTable.PSVersion -ge '7.2'\n"
        "[version]'5'\n"
    )
    result = run(text, tmp_path)
    assert result.output == [True, 3, True]
    (error,) = result.errors
    assert error.error_id == "InvalidCastParseTargetInvocation"
    assert error.message == (
        'Cannot convert value "5" to type "System.Version". Error: '
        "\"Version string portion was too short or too long. (Parameter 'input')\""
    )


def test_a_guid_is_a_system_guid(tmp_path: Path) -> None:
    """New-Guid, [guid]::NewGuid(), [guid]::Parse, [guid]::Empty and the cast give a System.Guid,
    whose Guid property is its text; [string]$null is the empty string."""
    text = (
        "(New-Guid).Guid.Length; [guid]::NewGuid().GetType().FullName\n"
        "([guid]'d9696ed0-60d8-5f26-89a6-dc879172e9aa').Guid; [guid]::Empty.Guid\n"
        "(New-Guid -Empty).Guid -eq [guid]::Empty.Guid; [guid]::Parse('D9696ED0-60D8-5F26-89A6-DC879172E9AA').Guid\n"
        "$null -eq [string]$null\n"
    )
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output == [
        36,
        "System.Guid",
        "d9696ed0-60d8-5f26-89a6-dc879172e9aa",
        "00000000-0000-0000-0000-000000000000",
        True,
        "d9696ed0-60d8-5f26-89a6-dc879172e9aa",
        False,
    ]
