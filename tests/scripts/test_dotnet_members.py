"""The .NET values admin scripts use around the cmdlets, as PowerShell 7 on Linux gives them.

Sources: SwitchParameter.cs (System.Management.Automation), the System.Char, System.Text.Encoding,
System.Convert, System.Uri, System.Array and System.Collections.Generic.HashSet reference pages on
learn.microsoft.com/dotnet/api.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_in_folder as run

from .test_console_text import console

# --- [switch] parameters: System.Management.Automation.SwitchParameter ---------------------------


SWITCHED = 'function f { param([switch]$Force) $Force.IsPresent; [bool]$Force; "$Force"; $Force.ToBool() }\n'


@pytest.mark.parametrize(("call", "expected"), [("f", False), ("f -Force", True), ("f -Force:$false", False)])
def test_a_switch_parameter_is_a_switchparameter_bound_or_not(tmp_path: Path, call: str, expected: bool) -> None:
    """SwitchParameter.cs: an unbound switch is a SwitchParameter whose IsPresent is false, never
    ``$null``; its text is its truth, ToBool() its IsPresent."""
    result = run(SWITCHED + call, tmp_path)
    assert (result.errors, result.output) == ([], [expected, expected, str(expected), expected])


def test_a_switch_is_true_only_where_present_and_equals_a_bool(tmp_path: Path) -> None:
    script = (
        "function f([switch]$S) { if ($S) { 'on' } else { 'off' }; $S -eq $false; $true -eq $S;"
        " $S.GetType().FullName }\nf\nf -S"
    )
    result = run(script, tmp_path)
    assert result.output == [
        *("off", True, False, "System.Management.Automation.SwitchParameter"),
        *("on", False, True, "System.Management.Automation.SwitchParameter"),
    ]


def test_a_switch_passes_on_to_another_command_and_psboundparameters_holds_a_switchparameter(
    tmp_path: Path,
) -> None:
    """``-Force:$Force`` passes the switch on; ``$PSBoundParameters`` holds the SwitchParameter."""
    script = (
        'function inner([switch]$X) { "inner $X" }\n'
        "function outer { param([switch]$Force) $PSBoundParameters['Force'].IsPresent; inner -X:$Force }\n"
        "outer -Force\nouter"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [True, "inner True", None, "inner False"])


def test_a_switch_variable_keeps_its_type_when_assigned(tmp_path: Path) -> None:
    """A parameter is a type-constrained variable: ``$S = $true`` stores a SwitchParameter."""
    result = run("function f([switch]$S) { $S = $true; $S.IsPresent; $S.GetType().Name }\nf", tmp_path)
    assert result.output == [True, "SwitchParameter"]


# --- System.Char -----------------------------------------------------------------------------------


def test_a_char_is_a_character_as_text_and_its_code_as_a_number(tmp_path: Path) -> None:
    """Convert.ToChar and LanguagePrimitives: ``[char]65`` is ``A``, ``[int][char]'A'`` 65, a
    char plus a number a number; a string's item is a char; ``[char[]]`` splits a string."""
    script = (
        "[char]65; [int][char]'A'; [char]'a' + 1; -join (72, 105 | ForEach-Object { [char]$_ })\n"
        "$s = 'abc'; $s[0].GetType().FullName; [int]$s[1]; ([char[]]'xy').GetType().FullName\n"
        "$s.ToCharArray() -join '-'; [char]'a' -eq 'A'; $s[0] -is [char]; $s[0] -is [string]"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        ["A", 65, 98, "Hi", "System.Char", 98, "System.Char[]", "a-b-c", True, True, False],
    )


@pytest.mark.parametrize(
    ("cast", "message"),
    [
        (
            "[char]'ab'",
            'Cannot convert value "ab" to type "System.Char". Error: "String must be exactly one character long."',
        ),
        (
            "[char]70000",
            'Cannot convert value "70000" to type "System.Char". Error: "Value was either too large or too small for a '
            'character."',
        ),
        (
            "[byte]256",
            'Cannot convert value "256" to type "System.Byte". Error: "Value was either too large or too small for an '
            'unsigned byte."',
        ),
    ],
)
def test_a_char_or_byte_cast_out_of_range_is_invalid_cast_iconvertible(tmp_path: Path, cast: str, message: str) -> None:
    """LanguagePrimitives.cs ConvertIConvertible/ConvertNumeric: InvalidCastIConvertible."""
    result = run(f"try {{ {cast} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}", tmp_path)
    assert result.output == ["InvalidCastIConvertible", message]


def test_char_static_tests(tmp_path: Path) -> None:
    script = (
        "[char]::IsDigit('5'); [char]::IsDigit('a5', 1); [char]::IsLetter([char]'x'); [char]::IsUpper('a')\n"
        "[char]::IsWhiteSpace(' '); [char]::IsLetterOrDigit('_'); [char]::IsPunctuation('!'); [char]::ToUpper('q')"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [True, True, True, False, True, False, True, "Q"])


def test_a_password_generator_builds_its_text_from_chars(tmp_path: Path) -> None:
    """The common idiom: random codes cast to [char] and joined, then tested with [char]::IsDigit."""
    script = (
        "$p = -join ((48..57) + (65..90) | Get-Random -Count 12 | ForEach-Object { [char]$_ })\n"
        "$p.Length; ($p.ToCharArray() | Where-Object { [char]::IsDigit($_) -or [char]::IsUpper($_) }).Count"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [12, 12])


def test_a_char_argument_that_does_not_convert_is_a_method_exception(tmp_path: Path) -> None:
    """MiscOps.cs ConvertToArgumentConversionException (ExtendedTypeSystem.resx)."""
    result = run("try { [char]::IsDigit('ab') } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", tmp_path)
    assert result.output == [
        "MethodArgumentConversionInvalidCastArgument",
        'Cannot convert argument "c", with value: "ab", for "IsDigit" to type "System.Char": "Cannot convert value '
        '"ab" to type "System.Char". Error: "String must be exactly one character long.""',
    ]


# --- System.Text.Encoding and System.Convert -----------------------------------------------------------


def test_encoding_bytes_and_base64_round_trip(tmp_path: Path) -> None:
    """The Basic-authorization header idiom: UTF-8 bytes, Base-64 text, and back."""
    script = (
        "$b64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('user:pässword'))\n"
        "$b64; [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64))\n"
        "([Text.Encoding]::UTF8.GetBytes('hé') -join ','); [Text.Encoding]::UTF8.GetBytes('x').GetType().FullName\n"
        "[Text.Encoding]::ASCII.GetBytes('é')[0]; [Text.Encoding]::Unicode.GetBytes('A') -join ','\n"
        "[Text.Encoding]::ASCII.GetString([byte[]](104, 105, 200)); [Text.Encoding]::UTF8.WebName"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        ["dXNlcjpww6Rzc3dvcmQ=", "user:pässword", "104,195,169", "System.Byte[]", 63, "65,0", "hi?", "utf-8"],
    )


def test_from_base64_of_what_is_not_base64_is_a_format_exception(tmp_path: Path) -> None:
    result = run(
        "try { [Convert]::FromBase64String('a*b') } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", tmp_path
    )
    assert result.output == [
        "FormatException",
        'Exception calling "FromBase64String" with "1" argument(s): "The input is not a valid Base-64 string as it '
        "contains a non-base 64 character, more than two padding characters, or an illegal character among the "
        'padding characters."',
    ]


def test_convert_between_bases(tmp_path: Path) -> None:
    result = run(
        "[Convert]::ToString(255, 2); [Convert]::ToString(255, 16)\n"
        "[Convert]::ToInt32('ff', 16); [Convert]::ToInt32('-1', 10)",
        tmp_path,
    )
    assert result.output == ["11111111", "ff", 255, -1]


# --- URIs, arrays, HashSet, Environment ------------------------------------------------------------------


def test_uri_escape_and_url_encode(tmp_path: Path) -> None:
    """Uri.EscapeDataString escapes all but RFC 3986's unreserved characters, upper-case hex;
    HttpUtility.UrlEncode writes a space as ``+`` and lower-case hex (System.Web is loaded in
    PowerShell 7); WebUtility.UrlEncode upper-case hex."""
    script = (
        "[uri]::EscapeDataString('a b&c/é~'); [System.Uri]::UnescapeDataString('a%20b')\n"
        "[System.Web.HttpUtility]::UrlEncode('a b&c/é'); [System.Net.WebUtility]::UrlEncode('a b/')\n"
        "[System.Web.HttpUtility]::UrlDecode('a+b%2f'); [System.Net.WebUtility]::HtmlEncode(\"<a href='x'>\")"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        ["a%20b%26c%2F%C3%A9~", "a b", "a+b%26c%2f%c3%a9", "a+b%2F", "a b/", "&lt;a href=&#39;x&#39;&gt;"],
    )


def test_array_statics(tmp_path: Path) -> None:
    """Array.IndexOf uses Equals (case-sensitive); Reverse and Sort work in place and write nothing."""
    script = (
        "$a = 'x', 'Y', 'z'; [array]::IndexOf($a, 'Y'); [array]::IndexOf($a, 'y')\n"
        "[System.Array]::IndexOf(@(1, 2), 2)\n"
        "[array]::Reverse($a); $a -join ','; $n = 3, 1, 2; [array]::Sort($n); $n -join ','"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [1, -1, 1, "z,Y,x", "1,2,3"])


def test_a_hash_set_keeps_one_of_each(tmp_path: Path) -> None:
    """HashSet[T]: Add returns whether it added; with an IgnoreCase comparer strings match in any case."""
    script = (
        "$s = [System.Collections.Generic.HashSet[string]]::new(); $s.Add('a'); $s.Add('a'); $s.Add('A')\n"
        "$s.Contains('a'); $s.Count; $s.Remove('a'); $s -join ','; $s.GetType().Name\n"
        "$i = New-Object 'System.Collections.Generic.HashSet[string]' ([StringComparer]::OrdinalIgnoreCase)\n"
        "[void]$i.Add('A'); $i.Add('a'); $i.Contains('a'); foreach ($x in $i) { \"item $x\" }"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        [True, False, True, True, 2, True, "A", "HashSet`1", False, True, "item A"],
    )


def test_os_version_is_unix_on_linux(tmp_path: Path) -> None:
    result = run(
        "$v = [Environment]::OSVersion; $v.Platform; $v.VersionString -like 'Unix *'; $v.Version.Major -ge 0", tmp_path
    )
    assert (result.errors, result.output) == ([], ["Unix", True, True])


# --- the host: $Host, Get-Host, [Console] colours, $PSVersionTable ------------------------------------


def test_host_is_the_console_host_of_pwsh_7_4(tmp_path: Path) -> None:
    """ConsoleHost.cs: Name ConsoleHost; Version the engine's, a System.Version; Get-Host is $Host."""
    script = (
        "$Host.Name; $Host.Version.Major; $Host.Version -ge [version]'5.1'; (Get-Host).Name\n"
        '[object]::ReferenceEquals; (Get-Host) -eq $Host; "$Host"; "$($Host.UI)"'
    )
    result = run(script.replace("[object]::ReferenceEquals; ", ""), tmp_path)
    assert (result.errors, result.output) == (
        [],
        [
            "ConsoleHost",
            7,
            True,
            "ConsoleHost",
            True,
            "System.Management.Automation.Internal.Host.InternalHost",
            "System.Management.Automation.Internal.Host.InternalHostUserInterface",
        ],
    )


def test_the_automatic_platform_variables_say_linux(tmp_path: Path) -> None:
    """about_Automatic_Variables: $IsLinux, $IsWindows, $IsMacOS, $IsCoreCLR; PSVersionInfo.cs."""
    script = "$IsLinux; $IsWindows; $IsMacOS; $IsCoreCLR; $PSVersionTable.Platform; $PSVersionTable.PSVersion.Major"
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [True, False, False, True, "Unix", 7])


def test_console_colours_are_minus_one_until_set_and_shared_with_rawui(tmp_path: Path) -> None:
    """On Linux .NET cannot read the terminal's colours: Console.ForegroundColor and
    $Host.UI.RawUI.ForegroundColor are -1 until set. Setting one sets the other; ResetColor()
    forgets both; the emulator's output is no terminal, so nothing prints differently."""
    script = (
        "[Console]::ForegroundColor; $old = [Console]::ForegroundColor\n"
        "[Console]::ForegroundColor = 'red'; [Console]::ForegroundColor; $Host.UI.RawUI.ForegroundColor\n"
        "$Host.UI.RawUI.BackgroundColor = [ConsoleColor]::DarkBlue; [Console]::BackgroundColor\n"
        "[Console]::ForegroundColor = $old; [Console]::ForegroundColor; [Console]::ResetColor()\n"
        "[Console]::BackgroundColor; 'plain'"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [-1, "Red", "Red", "DarkBlue", -1, -1, "plain"])


def test_a_colour_that_is_no_console_color_fails_the_property_set(tmp_path: Path) -> None:
    """ExtendedTypeSystem.resx ExceptionWhenSetting around the enum conversion's message."""
    script = "try { [Console]::ForegroundColor = 'Purple' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    result = run(script, tmp_path)
    assert result.output == [
        "ExceptionWhenSetting",
        'Exception setting "ForegroundColor": "Cannot convert value "Purple" to type "System.ConsoleColor". Error: '
        '"Unable to match the identifier name Purple to a valid enumerator name. Specify one of the following '
        "enumerator names and try again:\nBlack, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, "
        'Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White""',
    ]


@pytest.mark.parametrize(
    "command", ["Test-Connection outlook.office365.com -Count 1 -Quiet", "Find-Module MicrosoftTeams"]
)
def test_a_command_that_reaches_the_network_is_an_emulator_stop_that_says_so(tmp_path: Path, command: str) -> None:
    """No network: a ping or a gallery's answer the emulator made up would not be the script's."""
    result = run(f"'before'\n{command}\n'after'", tmp_path)
    name = command.split()[0]
    assert result.output == ["before"]
    assert result.stop is not None
    assert result.stop.message == (
        f"cscmdlets does not emulate '{name}', which reaches the network (the emulator has none) (at 2:1); "
        "the run stopped here."
    )


# --- Out-Default: one document, the first object's view ------------------------------------------------

HASH_THEN_OBJECT = "@{a = 1}; [pscustomobject]@{x = 1; y = 2}; @{b = 2}"
HASH_THEN_OBJECT_TEXT = (
    "\nName                           Value\n----                           -----\na                              1\n"
    "\nx : 1\ny : 2\n\nb                              2\n"
)


def test_an_object_of_another_type_than_a_format_view_is_written_as_a_list_inside_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """BaseFormattingCommand.cs ProcessOutOfBandObjectInsideDocumentSequence: the first object's
    view (a hashtable's DictionaryEntry table, from its format file) holds; an object it does not
    apply to is written in list form between blank lines (BaseOutputtingCommand.cs
    ProcessOutOfBandPayload), and the table goes on under its header."""
    out, err = console(HASH_THEN_OBJECT, capsys)
    assert (out, err) == (HASH_THEN_OBJECT_TEXT + "\n", "")


def test_out_string_writes_the_same_document(tmp_path: Path) -> None:
    result = run(f"$({HASH_THEN_OBJECT}) | Out-String", tmp_path)
    assert result.output == [HASH_THEN_OBJECT_TEXT + "\n"]


def test_a_generated_table_takes_every_later_object_under_its_columns(capsys: pytest.CaptureFixture[str]) -> None:
    """FormatViewGenerator.cs IsObjectApplicable: with no format view every object belongs; a
    property the first object lacked is not shown, one it had is blank."""
    out, _ = console(
        "[pscustomobject]@{a = 1}; [pscustomobject]@{b = 2}; Get-Culture; [pscustomobject]@{a = 3}", capsys
    )
    assert out == "\na\n-\n1\n\n\n3\n\n"


def test_a_date_then_an_object_shows_the_object_as_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    """A date's view is its format file's custom control: an object after it is out of band."""
    out, _ = console(
        "Get-Date -Year 2026 -Month 12 -Day 3 -Hour 13 -Minute 0 -Second 0; [pscustomobject]@{a = 1}", capsys
    )
    assert out == "\nThursday, December 3, 2026 1:00:00 PM\n\na : 1\n\n\n"


# --- List[T], Guid.ToString(format), Dictionary[K, V] ---------------------------------------------------


def test_a_list_sorts_and_reverses_in_place_and_its_array_keeps_its_type(tmp_path: Path) -> None:
    """List[T].Sort (the default comparer: en-US order for strings), Reverse, ToArray (a T[])."""
    script = (
        "$l = [System.Collections.Generic.List[string]]::new(); 'b', 'B', 'a' | ForEach-Object { $l.Add($_) }\n"
        "$l.Sort(); $l -join ','; $l.ToArray().GetType().FullName; $l.Reverse(); $l -join ','\n"
        "$a = [System.Collections.ArrayList]@(3, 1, 2); $a.Sort(); $a -join ','"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], ["a,b,B", "System.String[]", "B,b,a", "1,2,3"])


def test_guid_to_string_formats(tmp_path: Path) -> None:
    """Guid.ToString(format): N, D, B, P, X; any other is a FormatException."""
    script = (
        "$g = [guid]'0f8fad5b-d9cb-469f-a165-70867728950e'\n"
        "$g.ToString('N'); $g.ToString('B'); $g.ToString('P'); $g.ToString('X')\n"
        "try { $g.ToString('Q') } catch { $_.FullyQualifiedErrorId }"
    )
    result = run(script, tmp_path)
    assert result.output == [
        "0f8fad5bd9cb469fa16570867728950e",
        "{0f8fad5b-d9cb-469f-a165-70867728950e}",
        "(0f8fad5b-d9cb-469f-a165-70867728950e)",
        "{0x0f8fad5b,0xd9cb,0x469f,{0xa1,0x65,0x70,0x86,0x77,0x28,0x95,0x0e}}",
        "FormatException",
    ]


def test_a_generic_dictionary(tmp_path: Path) -> None:
    """Dictionary[K, V]: keys compare with case; Add of a key it has is .NET's ArgumentException;
    Remove says whether it removed; its text names its type arguments."""
    script = (
        "$d = [System.Collections.Generic.Dictionary[string, object]]::new(); $d['a'] = 1; $d.Add('b', 2)\n"
        "$d.ContainsKey('a'); $d.ContainsKey('A'); $d.Count; $d.b; $d.Remove('a'); $d.Remove('zz'); \"$d\"\n"
        "$e = New-Object 'System.Collections.Generic.Dictionary[string,string]'; $e.Add('k', 'v'); $e['k']\n"
        '$d.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }\n'
        "try { $d.Add('b', 3) } catch { $_.Exception.Message }"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        [
            True,
            False,
            2,
            2,
            True,
            False,
            "System.Collections.Generic.Dictionary`2[System.String,System.Object]",
            "v",
            "b=2",
            'Exception calling "Add" with "2" argument(s): "An item with the same key has already been added. Key: b"',
        ],
    )


# --- System.IO.File and Directory, and a few more statics ------------------------------------------------


def test_file_reads_and_writes_text(tmp_path: Path) -> None:
    """File.WriteAllText writes UTF-8 without a byte order mark unless given an encoding that has
    one ([Text.Encoding]::UTF8 has; a UTF8Encoding made with $false has not); WriteAllLines ends
    each line with Environment.NewLine (``\\n`` on Linux); ReadAllLines splits them again."""
    script = (
        "[IO.File]::WriteAllText('plain.txt', 'héllo'); [IO.File]::ReadAllText('plain.txt')\n"
        "[IO.File]::WriteAllText('bom.txt', 'x', [Text.Encoding]::UTF8)\n"
        "[IO.File]::WriteAllText('nobom.txt', 'y', (New-Object System.Text.UTF8Encoding $false))\n"
        "[IO.File]::WriteAllLines('lines.txt', [string[]]('a', 'b')); [IO.File]::AppendAllText('lines.txt', 'c')\n"
        "$l = [System.IO.File]::ReadAllLines('lines.txt'); $l.Count; $l.GetType().Name\n"
        "try { [IO.File]::ReadAllText('missing.txt') } catch { $_.FullyQualifiedErrorId }"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], ["héllo", 3, "String[]", "FileNotFoundException"])
    assert (tmp_path / "plain.txt").read_bytes() == "héllo".encode()
    assert (tmp_path / "bom.txt").read_bytes() == b"\xef\xbb\xbfx"
    assert (tmp_path / "nobom.txt").read_bytes() == b"y"
    assert (tmp_path / "lines.txt").read_text() == "a\nb\nc"


def test_a_file_in_a_missing_folder_is_directory_not_found(tmp_path: Path) -> None:
    script = "try { [IO.File]::ReadAllText('nope/x.txt') } catch { $_.Exception.Message }"
    result = run(script, tmp_path)
    assert result.output == [
        f'Exception calling "ReadAllText" with "1" argument(s): "Could not find a part of the path '
        f"'{tmp_path / 'nope' / 'x.txt'}'.\"",
    ]


def test_directory_create_path_and_parse_statics(tmp_path: Path) -> None:
    script = (
        "([IO.Directory]::CreateDirectory('a/b')).Name; Test-Path a/b; [IO.Path]::ChangeExtension('r.txt', 'csv')\n"
        "[string]::new('-', 5); [bool]::Parse('TRUE'); [double]::Parse('1.5'); [decimal]::Round(2.345, 2)\n"
        "[System.Threading.Thread]::Sleep(10); [IO.Path]::GetRandomFileName().Length\n"
        "try { [bool]::Parse('x') } catch { $_.Exception.Message }"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        [
            *("b", True, "r.csv", "-----", True, 1.5, 2.34, 12),
            'Exception calling "Parse" with "1" argument(s): "String \'x\' was not recognized as a valid Boolean."',
        ],
    )


def test_enum_names_values_and_parse(tmp_path: Path) -> None:
    """Enum.GetNames/GetValues/Parse (case-sensitive unless its third argument says otherwise)."""
    script = (
        "[enum]::GetNames([System.ConsoleColor]).Count; [enum]::GetValues([ConsoleColor])[12]\n"
        "[enum]::Parse([System.Management.Automation.ActionPreference], 'stop', $true)\n"
        "try { [enum]::Parse([ConsoleColor], 'red') } catch { $_.Exception.InnerException.Message }"
    )
    result = run(script, tmp_path)
    assert [to_text(value) for value in result.output] == ["16", "Red", "Stop", "Requested value 'red' was not found."]


def test_membership_generate_password_is_not_in_powershell_7(tmp_path: Path) -> None:
    """System.Web.Security.Membership was .NET Framework's (System.Web.dll): pwsh cannot find it,
    so a password generator that calls it fails there, and in the emulator, with TypeNotFound."""
    script = (
        "try { [System.Web.Security.Membership]::GeneratePassword(12, 2) }"
        " catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    )
    result = run(script, tmp_path)
    assert result.output == ["TypeNotFound", "Unable to find type [System.Web.Security.Membership]."]


def to_text(value: object) -> str:
    from cscmdlets.scripts.values import to_string

    return to_string(value)


def test_a_range_of_characters(tmp_path: Path) -> None:
    """parserutils.cs RangeOperator: two one-character bounds make chars, except digits."""
    script = "('a'..'e') -join ''; ('e'..'c') -join ''; ('a'..'b')[0].GetType().Name; ('1'..'2')[0].GetType().Name"
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], ["abcde", "edc", "Char", "Int32"])


def test_setting_the_console_title_is_kept_quietly(tmp_path: Path) -> None:
    """Console.Title on Linux writes the terminal's title (the emulator's output is none)."""
    result = run("[Console]::Title = 'Teams admin'; 'ok'", tmp_path)
    assert (result.errors, result.output) == ([], ["ok"])


def test_date_time_offset_and_unix_time(tmp_path: Path) -> None:
    """DateTimeOffset.FromUnixTimeSeconds and ToUnixTimeSeconds (a token's expiry); Now is the
    run's clock, as [datetime]::Now."""
    script = (
        "$exp = [DateTimeOffset]::FromUnixTimeSeconds(1764590400); $exp.ToUnixTimeSeconds()\n"
        "$exp.UtcDateTime.ToString('yyyy-MM-dd HH:mm'); \"$exp\"; $exp.AddHours(1).ToUnixTimeSeconds()\n"
        "$epoch = [datetime]::UtcNow.Subtract([datetime]'1970-01-01').TotalSeconds\n"
        "[math]::Abs([DateTimeOffset]::Now.ToUnixTimeSeconds() - $epoch) -lt 5"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        [1764590400, "2025-12-01 12:00", "12/1/2025 12:00:00 PM +00:00", 1764594000, True],
    )


def test_add_type_loads_system_web_and_stops_at_compiling_code(tmp_path: Path) -> None:
    """``Add-Type -AssemblyName System.Web`` (before HttpUtility) loads on PowerShell 7: nothing to
    do here. Compiling C# or loading an assembly the emulator lacks the types of is a stop."""
    result = run("Add-Type -AssemblyName System.Web; [System.Web.HttpUtility]::UrlEncode('a b')", tmp_path)
    assert (result.errors, result.output) == ([], ["a+b"])
    for line, what in [
        ("Add-Type -AssemblyName System.Windows.Forms", "Add-Type -AssemblyName System.Windows.Forms"),
        ("Add-Type -TypeDefinition 'public class X {}'", "Add-Type -TypeDefinition"),
    ]:
        stopped = run(line, tmp_path)
        assert stopped.stop is not None
        assert stopped.stop.message == f"cscmdlets does not emulate {what} (at 1:1); the run stopped here."


def test_press_any_key_fails_as_with_redirected_input(tmp_path: Path) -> None:
    """ConsoleHostRawUserInterface.ReadKey is Console.ReadKey, which cannot read a key when input is
    redirected (the emulator's answers come from a file): the statement fails, the script goes on."""
    script = "Write-Host 'Press any key'; $null = $Host.UI.RawUI.ReadKey('NoEcho,IncludeKeyDown'); 'after'"
    result = run(script, tmp_path)
    assert result.output == ["after"]
    assert [error.fully_qualified_error_id for error in result.errors] == ["InvalidOperationException"]
    assert result.errors[0].message == (
        'Exception calling "ReadKey" with "1" argument(s): "Cannot read keys when either application does not have '
        'a console or when console input has been redirected. Try Console.Read."'
    )


def test_is_psobject_and_the_collection_interfaces(tmp_path: Path) -> None:
    """``-is``: a [pscustomobject] is a PSObject; a hashtable an IDictionary; an array, a hashtable
    and a string are IEnumerable, a number is not (but is a ValueType)."""
    script = (
        "[pscustomobject]@{a = 1} -is [psobject]; @{} -is [System.Collections.IDictionary]\n"
        "@(1) -is [System.Collections.IEnumerable]; 'x' -is [System.Collections.IEnumerable]\n"
        "1 -is [System.Collections.IEnumerable]; 5 -is [ValueType]; 'x' -is [psobject]"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == ([], [True, True, True, True, False, True, False])


def test_write_host_refuses_the_colour_a_linux_console_reads(tmp_path: Path) -> None:
    """``Write-Host -ForegroundColor $Host.UI.RawUI.ForegroundColor`` fails on Linux: the colour is
    (ConsoleColor)-1, which ConsoleColorCmdlet's setter refuses (HostStrings.resx InvalidColorErrorTemplate)."""
    script = (
        "$fg = $Host.UI.RawUI.ForegroundColor; $fg.GetType().FullName\n"
        "try { Write-Host 'hello' -ForegroundColor $fg } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }\n"
        "Write-Host 'green' -ForegroundColor Green; 'after'"
    )
    result = run(script, tmp_path)
    assert (result.errors, result.output) == (
        [],
        [
            "System.ConsoleColor",
            "SetInvalidForegroundColor,Microsoft.PowerShell.Commands.WriteHostCommand",
            "Cannot process the color because -1 is not a valid color. (Parameter 'value')\nActual value was -1.",
            "after",
        ],
    )
