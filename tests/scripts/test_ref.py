"""``[ref]`` passes a variable by reference: to a .NET ``TryParse`` and to a script function,
whose ``$x.Value = …`` changes the caller's variable.

Sources: about_Ref (learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_ref);
the .NET ``Int32.TryParse``, ``DateTime.TryParse`` and ``Guid.TryParse`` reference pages (the
result is the type's default when the text does not parse); PowerShell/PowerShell
``src/System.Management.Automation/engine/CoreAdapter.cs`` (NonRefArgumentToRefParameter).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_in_folder as run

from cscmdlets.scripts.linter import check_script


@pytest.mark.parametrize(
    ("call", "output"),
    [
        pytest.param("[int]::TryParse(' 42 ', [ref]$n)", [True, 42], id="int"),
        pytest.param("[int]::TryParse('4x2', [ref]$n)", [False, 0], id="int-fails"),
        pytest.param("[int]::TryParse('3000000000', [ref]$n)", [False, 0], id="int-overflows"),
        pytest.param("[long]::TryParse('12065550100', [ref]$n)", [True, 12065550100], id="long"),
        pytest.param("[double]::TryParse('1,234.5', [ref]$n)", [True, 1234.5], id="double"),
        pytest.param("[bool]::TryParse('TRUE', [ref]$n)", [True, True], id="bool"),
        pytest.param("[int]::TryParse($null, [ref]$n)", [False, 0], id="null-text"),
    ],
)
def test_try_parse_sets_the_variable(tmp_path: Path, call: str, output: list[object]) -> None:
    """A variable that does not exist yet is made by ``[ref]$n`` (no ``$n = 0`` first)."""
    text = f"{call}\n$n"
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], output)
    assert check_script(text) == []


def test_datetime_and_guid_try_parse(tmp_path: Path) -> None:
    result = run(
        "if ([datetime]::TryParse('2024-05-01', [ref]$when)) { $when.Year }\n"
        "[datetime]::TryParse('soon', [ref]$when); $when.Year\n"
        "[guid]::TryParse('{0f8fad5b-d9cb-469f-a165-70867728950e}', [ref]$id); \"$id\"\n"
        "[guid]::TryParse('nope', [ref]$id); \"$id\"",
        tmp_path,
    )
    assert result.errors == []
    assert result.output == [
        2024,
        False,
        1,
        True,
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        False,
        "00000000-0000-0000-0000-000000000000",
    ]


def test_a_function_sets_the_callers_variable(tmp_path: Path) -> None:
    """about_Ref: "changes to the Value property of the reference are made to the variable"."""
    result = run(
        "function Get-Parts([string]$Upn, [ref]$User, [ref]$Domain) {\n"
        "    $User.Value, $Domain.Value = $Upn -split '@'\n"
        "}\n"
        "function Add-One([ref]$Count) { $Count.Value++ }\n"
        "$u = $null; $d = $null; $total = 1\n"
        "Get-Parts -Upn amos@contoso.com -User ([ref]$u) -Domain ([ref]$d)\n"
        "Add-One ([ref]$total); Add-One ([ref]$total)\n"
        '"$u at $d, $total"',
        tmp_path,
    )
    assert (result.errors, result.output) == ([], ["amos at contoso.com, 3"])


def test_ref_finds_the_scope_that_holds_the_variable(tmp_path: Path) -> None:
    """``[ref]$x`` inside a function refers to the script's ``$x`` when the function has none."""
    result = run(
        "$seen = 'no'\nfunction Mark { $r = [ref]$seen; $r.Value = 'yes' }\nMark\n$seen",
        tmp_path,
    )
    assert result.output == ["yes"]


def test_try_parse_without_ref_is_a_method_error(tmp_path: Path) -> None:
    result = run("[int]::TryParse('5', $n)", tmp_path)
    [record] = result.errors
    assert record.error_id == "NonRefArgumentToRefParameterMsg"
    assert record.message == "Argument: '2' should be a System.Management.Automation.PSReference. Use [ref]."
