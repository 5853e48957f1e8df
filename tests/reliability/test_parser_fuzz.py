"""Fuzzing the script parser: random and mutated scripts end in a parse result or a
ParseError, never another exception.

Three sources: random text over the characters PowerShell gives meaning to (quotes of every
kind, dashes, sigils, brackets, backticks, comments, newlines); random sequences of real
tokens; and mutations (deletion, insertion, duplication, swap, truncation, nesting) of a
corpus of valid admin scripts. Each ParseError must carry its id, message and a position
inside the text; parsing the same text twice gives the same result.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cscmdlets.cmdlets import COMMANDS
from cscmdlets.powershell import parser
from cscmdlets.powershell.errors import ParseError

from .support import FIGURES, examples

CORPUS = (
    *(example.code for command in COMMANDS for example in command.examples),
    "$users = Import-Csv .\\users.csv\nforeach ($u in $users) {\n"
    "    Set-CsOnlineDialInConferencingUser -Identity $u.UPN -ServiceNumber $u.Number -ResetLeaderPin\n}",
    "Get-CsOnlineDialInConferencingUser | Where-Object { $_.ServiceNumber -eq '14255550100' } |\n"
    "    ForEach-Object { Set-CsOnlineDialInConferencingUser -Identity $_.Identity -SendEmail }",
    "try {\n  Set-CsOnlineDialInConferencingUser -Identity 'x' -ErrorAction Stop\n}\n"
    'catch [System.Exception] { Write-Host "Failed: $($_.Exception.Message)" }\nfinally { $done = $true }',
    "$params = @{ Identity = 'amos.marble@contoso.com'; SendEmail = $true }\n"
    "Set-CsOnlineDialInConferencingUser @params",
    "param([string]$Path = 'users.csv', [switch]$WhatIf)\n"
    "function Reset-Pin { param($Id) Set-CsOnlineDialInConferencingUser -Identity $Id -ResetLeaderPin }\n"
    "Import-Csv $Path | % { Reset-Pin -Id $_.UPN }",
    "$text = @\"\nHello $($user.DisplayName)\nYour number: ${number}\n\"@\n$raw = @'\nno $expansion here\n'@",
    "for ($i = 0; $i -lt 10; $i++) { if ($i % 2 -eq 0) { continue } elseif ($i -gt 7) { break } else { $i } }",
    "while ($true) { $n += 1; if ($n -ge 3) { break } }\ndo { $m-- } until ($m -le 0)",
    "$list = @(1, 2, 3) + ,4\n$h = [ordered]@{ a = 1 }\n$h['b'] = [int]'2' * 0x10 + 1kb\n"
    "$s = 'it''s' -replace 'i', 'I'\n$x = $list[0..1] -join ','",
    "Set-CsOnlineDialInConferencingUser \u2013Identity \u201cKen Myer\u201d "
    "\u2014ServiceNumber \u2018+14255550100\u2019",
    "# comment\n<# block\ncomment #>\nWrite-Output `\n  'continued'; exit 0",
    '$r = [math]::Round(2.5); $d = (Get-Date).AddDays(-1); "$env:USERNAME" > out.txt 2>&1',
    "Set-CsOnlineDialInConferencingTenantSettings -PinLength:7 -SendEmailFromOverride:$false -WhatIf",
)
SPECIAL = "'\"`$@(){}[]|;,.:=+-*/%!<>#&\n\r\t \u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2013\u2014\u2015\u00a0\ufeff"
TOKENS = (
    "Set-CsOnlineDialInConferencingUser",
    "Get-CsOnlineDialInConferencingUser",
    "ForEach-Object",
    "%",
    "?",
    "-Identity",
    "-SendEmail",
    "-ResetLeaderPin:",
    "-eq",
    "-and",
    "-not",
    "-f",
    "-replace",
    "--",
    "--%",
    "&&",
    "||",
    "$_",
    "$x",
    "${a b}",
    "$env:X",
    "$global:y",
    "@x",
    "@(",
    "@{",
    "$(",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "[int]",
    "[string[]]",
    "::",
    ".",
    "..",
    ",",
    ";",
    "|",
    "\n",
    "`",
    "`n",
    "'a'",
    "'it''s'",
    '"a$($x)b"',
    '"`"',
    "@'\n",
    "\n'@",
    '@"\n',
    '\n"@',
    "#c\n",
    "<#",
    "#>",
    "if",
    "elseif",
    "else",
    "foreach",
    "in",
    "for",
    "while",
    "do",
    "until",
    "try",
    "catch",
    "finally",
    "throw",
    "return",
    "exit",
    "break",
    "continue",
    "function",
    "param",
    "switch",
    "class",
    "1",
    "0x1F",
    "1kb",
    "1.5e3",
    "-1",
    "1d",
    "=",
    "+=",
    "++",
    ">",
    ">>",
    "2>&1",
    "*>",
    "<",
    "\u201cq\u201d",
    "\u2018q\u2019",
    "\u2013Identity",
    "\U0001f600",
    "\x00",
    "\\",
    "~",
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        mutation = draw(st.sampled_from(("delete", "insert", "duplicate", "swap", "truncate", "nest", "token")))
        if mutation == "delete":
            text = text[:i] + text[j:]
        elif mutation == "insert":
            text = text[:i] + draw(st.text(alphabet=SPECIAL, min_size=1, max_size=3)) + text[i:]
        elif mutation == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif mutation == "swap" and j < len(text):
            text = text[:i] + text[j] + text[i + 1 : j] + text[i] + text[j + 1 :]
        elif mutation == "truncate":
            text = text[:i]
        elif mutation == "nest":
            opener, closer = draw(st.sampled_from((("(", ")"), ("{", "}"), ("@(", ")"), ("$(", ")"), ("[", "]"))))
            depth = draw(st.integers(1, 300))
            text = text[:i] + opener * depth + text[i:j] + closer * draw(st.integers(0, depth)) + text[j:]
        else:
            text = text[:i] + " " + draw(st.sampled_from(TOKENS)) + " " + text[i:]
    return text


SCRIPTS = {
    "random-text": st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters()), max_size=200),
    "token-soup": st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    "mutated-corpus": mutated(),
}


def check_parse(text: str, family: str) -> None:
    FIGURES[f"parser fuzz: scripts parsed ({family})"] += 1
    try:
        result: Any = parser.parse(text, "fuzz.ps1")
    except ParseError as error:
        assert error.error_id and str(error), "a ParseError carries its id and message"
        where = error.invocation
        assert 0 <= where.line_number <= text.count("\n") + text.count("\r") + 1, (where, text)
        FIGURES["parser fuzz: parse errors"] += 1
        return
    except Exception as error:
        raise AssertionError(f"parse({text!r}) raised {type(error).__name__}: {error}") from error
    assert isinstance(result, parser.Script)
    again = parser.parse(text, "fuzz.ps1")
    try:
        same = again.block == result.block
    except RecursionError:  # dataclass __eq__ recurses once per level: compare the top level only
        same = [s.extent for s in again.statements] == [s.extent for s in result.statements]
    assert same, "parsing is deterministic"


def test_the_corpus_parses() -> None:
    for text in CORPUS:
        assert isinstance(parser.parse(text), parser.Script), text


@examples(1_500)
@given(text=SCRIPTS["random-text"])
def test_random_text_parses_or_is_a_parse_error(text: str) -> None:
    check_parse(text, "random text")


@examples(1_500)
@given(text=SCRIPTS["token-soup"])
def test_token_soup_parses_or_is_a_parse_error(text: str) -> None:
    check_parse(text, "token soup")


@examples(2_000)
@given(text=SCRIPTS["mutated-corpus"])
def test_mutated_scripts_parse_or_are_parse_errors(text: str) -> None:
    check_parse(text, "mutated corpus")
