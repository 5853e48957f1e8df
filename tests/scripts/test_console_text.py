"""What ``cscmdlets run`` prints, to the character, as PowerShell 7.4 in en-US prints it: dates
in each of their forms, Format-Table's alignment, the exceptions inside a runtime error."""

from __future__ import annotations

import argparse
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cli import scripts_cmd
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.console import print_events
from cscmdlets.scripts.porter import port_script
from cscmdlets.scripts.runner import Runner

#: Get-Date of one moment, with a fraction of a second that has trailing zeros.
DATE = "$d = Get-Date -Year 2026 -Month 12 -Day 3 -Hour 13 -Minute 13 -Second 14 -Millisecond 120\n"


def console(script: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """``cscmdlets run -c SCRIPT`` on the demo tenant: what it writes to stdout and stderr."""

    @contextmanager
    def open_tenant(state: str | None) -> Iterator[cs.Tenant]:
        yield cs.Tenant.demo(clock=fixed_clock())

    top = argparse.ArgumentParser(prog="cscmdlets")
    run = top.add_subparsers(dest="subcommand").add_parser("run")
    run.add_argument("-c", "--command")
    run.add_argument("--format", choices=("table", "json"), default="table")
    run.add_argument("--state")
    scripts_cmd.add_run_arguments(run)
    scripts_cmd.run_script_command(top.parse_args(["run", "-c", script]), open_tenant)
    out, err = capsys.readouterr()
    return out, err


def printed(script: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What a script's port prints (``cscmdlets port``, then the Python run); and the runner's
    events through console.print_events, which a port that keeps the script prints with."""
    result = Runner(cs.Tenant.demo(clock=fixed_clock()).engine, resolve_command=find_command).run(script)
    print_events(result.events)
    by_runner = capsys.readouterr().out
    module = types.ModuleType("ported")
    exec(compile(port_script(script, script_name="s.ps1"), "ported.py", "exec"), module.__dict__)
    cs.connect(cs.Tenant.demo(clock=fixed_clock()))
    try:
        module.main([])
    finally:
        cs.disconnect()
    by_port = capsys.readouterr().out
    assert by_port == by_runner
    return by_port


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param("$d", "\nThursday, December 3, 2026 1:13:14 PM\n\n", id="console-view"),
        pytest.param(
            "$d; $d.AddDays(1)",
            "\nThursday, December 3, 2026 1:13:14 PM\nFriday, December 4, 2026 1:13:14 PM\n\n",
            id="one-run-of-dates",
        ),
        pytest.param('"$d"', "12/03/2026 13:13:14\n", id="interpolation-is-invariant"),
        pytest.param("[string]$d", "12/03/2026 13:13:14\n", id="string-cast-is-invariant"),
        pytest.param("$d.ToString()", "12/3/2026 1:13:14 PM\n", id="tostring-is-current-culture"),
        pytest.param("'{0}' -f $d", "12/3/2026 1:13:14 PM\n", id="format-operator-is-current-culture"),
        pytest.param("'{0:yyyy-MM-dd HH:mm:ss.fff}' -f $d", "2026-12-03 13:13:14.120\n", id="custom-format"),
        pytest.param("$d.DateTime", "Thursday, December 3, 2026 1:13:14 PM\n", id="datetime-property"),
        pytest.param("Write-Host $d 1", "12/3/2026 1:13:14 PM 1\n", id="write-host-is-tostring"),
        pytest.param("@($d, 1) -join ';'", "12/03/2026 13:13:14;1\n", id="join-is-invariant"),
        pytest.param(
            "[pscustomobject]@{When = $d; N = 1}",
            "\nWhen                 N\n----                 -\n12/3/2026 1:13:14 PM 1\n\n",
            id="table-cell",
        ),
        pytest.param(
            "[pscustomobject]@{When = $d} | Format-List",
            "\nWhen : 12/3/2026 1:13:14 PM\n\n",
            id="format-list",
        ),
        pytest.param(
            "[pscustomobject]@{When = $d} | Format-Table | Out-String",
            "\nWhen\n----\n12/3/2026 1:13:14 PM\n\n\n",
            id="out-string",
        ),
        pytest.param("$d | ConvertTo-Json", '"2026-12-03T13:13:14.12+00:00"\n', id="json-iso-with-offset"),
        pytest.param(
            "[pscustomobject]@{When = [datetime]'2026-01-02 03:04:05'} | ConvertTo-Json -Compress",
            '{"When":"2026-01-02T03:04:05"}\n',
            id="json-unspecified-kind-whole-second",
        ),
        pytest.param(
            "[pscustomobject]@{When = $d} | ConvertTo-Csv",
            '"When"\n"12/3/2026 1:13:14 PM"\n',
            id="csv-is-current-culture",
        ),
        pytest.param("Get-Date -Date $d -DisplayHint Date", "\nThursday, December 3, 2026\n\n", id="display-hint-date"),
        pytest.param("(Get-Date -Date $d -DisplayHint Time).DisplayHint", "Time\n", id="display-hint-note"),
    ],
)
def test_a_date_shows_as_powershell_shows_it(script: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    out, err = console(DATE + script, capsys)
    assert (out, err) == (expected, "")
    assert printed(DATE + script, capsys) == expected  # a ported script prints the same


def test_a_collection_shows_its_first_four_items_and_an_ellipsis(capsys: pytest.CaptureFixture[str]) -> None:
    """PSObjectHelper.SmartToString (MshObjectUtil.cs): ``$global:FormatEnumerationLimit`` items
    (4; negative: all), then ``…``; a null item is ``$null``. A formatter reads the limit as it
    starts (BaseFormattingCommand.cs): Out-Default at the run's first object, Format-List at its
    own. At the top of command text the variable is the global one."""
    row = "[pscustomobject]@{List = 1..6; Few = 1, $null}"
    out, err = console(f"{row}; $FormatEnumerationLimit = -1; {row}; {row} | Format-List", capsys)
    assert err == ""
    assert out == (
        "\nList          Few\n----          ---\n{1, 2, 3, 4…} {1, $null}\n{1, 2, 3, 4…} {1, $null}\n\n"
        "\nList : {1, 2, 3, 4, 5, 6}\nFew  : {1, $null}\n\n"
    )
    out, _ = console(f"$FormatEnumerationLimit = 0; {row}", capsys)
    assert out == "\nList Few\n---- ---\n{…}  {…}\n\n"


def test_a_script_file_sets_the_enumeration_limit_only_globally() -> None:
    """A script file runs in its own scope: ``$FormatEnumerationLimit = -1`` there is a script
    variable the formatter never reads (it reads ``$global:``), a known surprise of PowerShell's."""
    text = (
        "$FormatEnumerationLimit = -1\n"
        "[pscustomobject]@{L = 1..6} | Format-List | Out-String\n"
        "$global:FormatEnumerationLimit = 5\n"
        "[pscustomobject]@{L = 1..6} | Format-List | Out-String\n"
    )
    runner = Runner(cs.Tenant.demo(clock=fixed_clock()).engine, resolve_command=find_command, script_name="r.ps1")
    assert runner.run(text).output == ["\nL : {1, 2, 3, 4…}\n\n", "\nL : {1, 2, 3, 4, 5…}\n\n"]


def test_format_table_aligns_a_calculated_column_as_its_alignment_key_says(capsys: pytest.CaptureFixture[str]) -> None:
    """``Align`` is a prefix of the ``Alignment`` key, ``'r'`` one of ``right``; a centred cell
    has the odd space on its right (TableWriter.cs); the header and its rule align alike."""
    out, err = console(
        "$rows = [pscustomobject]@{Name='Amos'; Pins=3}, [pscustomobject]@{Name='Pilar Ackerman'; Pins=12}\n"
        "$rows | Format-Table @{Name='Name'; Expression={$_.Name}; Align='r'},"
        " @{n='Pins'; e={$_.Pins}; a='Left'},"
        " @{Label='Initials'; Expression={$_.Name.Substring(0,2)}; Alignment='center'}",
        capsys,
    )
    assert err == ""
    assert out == (
        "\n"
        "          Name Pins Initials\n"
        "          ---- ---- --------\n"
        "          Amos 3       Am\n"
        "Pilar Ackerman 12      Pi\n"
        "\n"
    )


INNER = (
    "try { EXPR } catch {\n"
    "  $e = $_.Exception\n"
    "  $e.GetType().FullName; $e.Message\n"
    "  $e.InnerException.GetType().FullName; $e.InnerException.Message\n"
    "  $e.InnerException.InnerException.GetType().FullName\n"
    "  $_.FullyQualifiedErrorId; [string]$_.CategoryInfo.Category\n"
    "}\n"
)
CAST_INT = (
    'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."'
)
CAST_DATE = (
    'Cannot convert value "not a date" to type "System.DateTime". Error: "The string \'not a date\' was not '
    "recognized as a valid DateTime. There is an unknown word starting at index '0'.\""
)
CAST = "System.Management.Automation.PSInvalidCastException"
RUNTIME = "System.Management.Automation.RuntimeException"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param(
            "[int]'abc'",
            [
                *(RUNTIME, CAST_INT, CAST, CAST_INT),
                *("System.FormatException", "InvalidCastFromStringToInteger", "InvalidArgument"),
            ],
            id="int-cast",
        ),
        pytest.param(
            "$zero = 0; 1 / $zero",
            [
                RUNTIME,
                "Attempted to divide by zero.",
                "System.DivideByZeroException",
                "Attempted to divide by zero.",
                "RuntimeException",
                "NotSpecified",
            ],
            id="divide-by-zero",
        ),
        pytest.param(
            "[datetime]'not a date'",
            [
                RUNTIME,
                CAST_DATE,
                CAST,
                CAST_DATE,
                "System.FormatException",
                "InvalidCastParseTargetInvocationWithFormatProvider",
                "InvalidArgument",
            ],
            id="datetime-cast",
        ),
    ],
)
def test_a_runtime_error_holds_the_exception_that_failed(
    expression: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """PSInvalidCastException is no RuntimeException: the script catches a RuntimeException
    around it (MiscOps.cs ConvertToRuntimeException); ``1/0`` throws a RuntimeException around
    .NET's DivideByZeroException (NumericOps.cs). An absent InnerException's GetType() fails,
    as ``$null.GetType()`` does: the divide-by-zero case writes that error."""
    out, err = console(INNER.replace("EXPR", expression), capsys)
    assert out.splitlines() == expected
    assert printed(INNER.replace("EXPR", expression), capsys) == out
    assert err.count("You cannot call a method on a null-valued expression.") == (expression.startswith("$zero"))


@pytest.mark.parametrize(
    ("expression", "caught"),
    [
        pytest.param("[int]'abc'", "[System.Management.Automation.PSInvalidCastException]", id="cast-by-inner-type"),
        pytest.param("[int]'abc'", "[InvalidCastException]", id="cast-by-inner-base"),
        pytest.param("$zero = 0; 1 / $zero", "[System.DivideByZeroException]", id="divide-by-inner-type"),
        pytest.param("$zero = 0; 1 % $zero", "[ArithmeticException]", id="modulo-by-inner-base"),
    ],
)
def test_a_typed_catch_takes_the_inner_exception(
    expression: str, caught: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = f"try {{ {expression} }} catch {caught} {{ 'caught' }} catch {{ 'other' }}"
    assert console(script, capsys) == ("caught\n", "")
    assert printed(script, capsys) == "caught\n"


@pytest.mark.parametrize(
    ("expression", "label", "message"),
    [
        pytest.param("[int]'abc'", "InvalidArgument", CAST_INT, id="int-cast"),
        pytest.param("$zero = 0; 1 / $zero", "RuntimeException", "Attempted to divide by zero.", id="divide-by-zero"),
        pytest.param(
            "[datetime]'13/45/2026'",
            "InvalidArgument",
            'Cannot convert value "13/45/2026" to type "System.DateTime". Error: "String \'13/45/2026\' was not '
            'recognized as a valid DateTime."',
            id="datetime-out-of-range",
        ),
    ],
)
def test_an_uncaught_runtime_error_shows_its_category_or_its_type(
    expression: str, label: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """ConciseView's label is the category, or the exception's type for NotSpecified
    (PowerShellCore_format_ps1xml.cs: ``elseif ($err.CategoryInfo.Category)``)."""
    assert console(expression, capsys) == ("", f"{label}: {message}\n")


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param("$u.NoSuch | ForEach-Object { 'x' }", "x\n", id="missing-member-sends-null"),
        pytest.param("$u.Empty | ForEach-Object { 'x' }", "x\n", id="null-member-sends-null"),
        pytest.param("@($u.NoSuch).Count", "1\n", id="missing-member-in-array"),
        pytest.param("1; $u.NoSuch; 2", "1\n2\n", id="out-default-shows-no-null"),
        pytest.param("$r = $u.NoSuch; $r | ForEach-Object { 'x' }; @($r).Count", "x\n1\n", id="via-a-variable"),
        pytest.param("@(@().NoSuch).Count", "1\n", id="member-of-empty-array-is-null"),
        pytest.param("$e = @(); $e | ForEach-Object { 'x' }; @($e).Count", "0\n", id="empty-array-sends-nothing"),
        pytest.param(
            "$t = 'a'\nforeach ($i in 1, 2) { @($t).Count; $t = $null }", "1\n1\n", id="null-assigned-in-a-loop"
        ),
    ],
)
def test_a_property_read_sends_its_null_down_the_pipeline(
    script: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing property reads as $null, not AutomationNull (Binders.cs PSGetMemberBinder), so
    it is one object in a pipeline or ``@()``; so is a ``$null`` a loop brings back to ``@($t)``.
    The port prints the same."""
    script = "$u = [pscustomobject]@{ Name = 'a'; Empty = $null }\n" + script
    assert console(script, capsys) == (expected, "")
    assert printed(script, capsys) == expected


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param(
            "Get-Culture",
            "\nLCID             Name             DisplayName\n----             ----             -----------\n"
            "1033             en-US            English (United States)\n\n",
            id="culture-table-view",
        ),
        pytest.param(
            '$c = Get-Culture; $c.Name; $c.DisplayName; $c.DateTimeFormat.ShortDatePattern; "$c"',
            "en-US\nEnglish (United States)\nM/d/yyyy\nen-US\n",
            id="culture-members",
        ),
        pytest.param(
            "(Get-Culture -Name '').Name.Length; [cultureinfo]::CurrentCulture.LCID", "0\n1033\n", id="cultures"
        ),
        pytest.param(
            "$r = [regex]'a(\\d)'; $r.Match('xa1').Groups[1].Value; $r.IsMatch('XA1'); \"$r\"; $r.GetType().FullName",
            "1\nFalse\na(\\d)\nSystem.Text.RegularExpressions.Regex\n",
            id="regex-cast-is-case-sensitive",
        ),
        pytest.param(
            "'abc' -match [regex]'B'; 'abc' -match 'B'; 'a1b2' -replace [regex]'\\d', '#'",
            "False\nTrue\na#b#\n",
            id="regex-operand-keeps-its-options",
        ),
        pytest.param(
            "([regex]::new('B', 'IgnoreCase')).IsMatch('abc'); ([regex]'\\d').Matches('a1b22').Count",
            "True\n3\n",
            id="regex-new-and-matches",
        ),
        pytest.param("[regex]::Escape('a.b*c d]e}#-&~')", "a\\.b\\*c\\ d]e}\\#-&~\n", id="regex-escape-as-dotnet"),
    ],
)
def test_emulated_culture_and_regex(script: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert console(script, capsys) == (expected, "")


def test_get_folder_path_is_dotnet_8s_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """MyDocuments and Desktop: the xdg-user-dirs folder, else one under $HOME (.NET 8's
    "GetFolderPath behavior on Unix"); UserProfile is $HOME; other folders stop the run."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    script = (
        "[Environment]::GetFolderPath('MyDocuments')\n"
        "[Environment]::GetFolderPath([Environment+SpecialFolder]::Desktop)\n"
        "[Environment]::GetFolderPath('UserProfile')"
    )
    assert console(script, capsys) == (f"{tmp_path}/Documents\n{tmp_path}/Desktop\n{tmp_path}\n", "")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Docs"\n', encoding="utf-8")
    assert console(script, capsys)[0] == f"{tmp_path}/Docs\n{tmp_path}/Desktop\n{tmp_path}\n"
    _, err = console("[Environment]::GetFolderPath('Windows')", capsys)
    assert "cscmdlets does not emulate [Environment]::GetFolderPath('Windows')" in err


def test_a_date_bound_to_a_string_parameter_is_invariant(capsys: pytest.CaptureFixture[str]) -> None:
    """Binding converts with the invariant culture, as ``[string]`` does (LanguagePrimitives.cs)."""
    assert console(DATE + "Write-Warning $d", capsys) == ("", "WARNING: 12/03/2026 13:13:14\n")


@pytest.mark.parametrize(
    ("script", "parameter", "command"),
    [
        pytest.param("Get-Date -Date 'not a date'", "Date", "GetDateCommand", id="get-date"),
        pytest.param("New-TimeSpan -Start 'not a date'", "Start", "NewTimeSpanCommand", id="new-timespan"),
    ],
)
def test_a_bad_date_argument_is_a_binding_error(
    script: str, parameter: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A compiled cmdlet's [DateTime] parameter: CannotConvertArgumentNoMessage around the cast's text."""
    assert console(script, capsys) == ("", f"{script.split()[0]}: Cannot bind parameter '{parameter}'. {CAST_DATE}\n")
    out, _ = console(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}", capsys)
    assert out == f"CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.{command}\n"


TIMESPAN_LIST = (
    "\nDays              : 0\nHours             : 1\nMinutes           : 30\nSeconds           : 0\n"
    "Milliseconds      : 0\nTicks             : 54000000000\nTotalDays         : 0.0625\n"
    "TotalHours        : 1.5\nTotalMinutes      : 90\nTotalSeconds      : 5400\n"
    "TotalMilliseconds : 5400000\n\n"
)


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param("$ts", TIMESPAN_LIST, id="alone-its-list"),
        pytest.param('"$ts"', "01:30:00\n", id="in-a-string"),
        pytest.param("$ts.ToString()", "01:30:00\n", id="tostring"),
        pytest.param("'{0:hh\\:mm}' -f $ts", "01:30\n", id="custom-format"),
        pytest.param("$ts.ToString('g'); $ts.ToString('G')", "1:30:00\n0:01:30:00.0000000\n", id="g-and-G"),
        pytest.param(
            "$n = (New-TimeSpan -Seconds 0) - $ts; $n.ToString(); $n.Hours; ($ts + $ts).TotalHours; (-$ts).Minutes",
            "-01:30:00\n-1\n3\n-30\n",
            id="negative-and-sums",
        ),
        pytest.param("[pscustomobject]@{Took = $ts}", "\nTook\n----\n01:30:00\n\n", id="in-a-cell"),
        pytest.param(
            "(New-TimeSpan -Days 2 -Seconds 5 -Milliseconds 250).ToString()", "2.00:00:05.2500000\n", id="days-fraction"
        ),
    ],
)
def test_a_timespan_shows_as_dotnet_writes_it(script: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A TimeSpan alone at the console is the list of its parts; its text is .NET's constant
    form ``[-][d.]hh:mm:ss[.fffffff]``; ``g``/``G`` and custom formats as "Standard/Custom
    TimeSpan format strings" (learn.microsoft.com/dotnet) describe them."""
    assert printed("$ts = New-TimeSpan -Minutes 90\n" + script, capsys) == expected
