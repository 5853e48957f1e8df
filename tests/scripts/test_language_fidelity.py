"""Language and output fidelity on admin-script idioms: what ``cscmdlets run`` prints as
PowerShell 7 prints it.

Sources: PowerShell's tokenizer.cs (ScanGenericToken), about_Parsing ("Argument mode").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_in_folder as run

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
