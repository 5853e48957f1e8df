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

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import Runner, RunResult


def run(text: str, folder: Path) -> RunResult:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    return Runner(tenant.engine, resolve_command=find_command, base_dir=folder).run(text)


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
