"""Set-, New-, Get-, Clear- and Remove-Variable, as admin scripts use them to set a value by name,
read it back and clean up at the end.

Sources: the *-Variable references (learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable
and its siblings); PowerShell/PowerShell ``src/Microsoft.PowerShell.Commands.Utility/commands/utility/
Var.cs`` (VariableNotFound, VariableAlreadyExists, both non-terminating).
"""

from __future__ import annotations

from pathlib import Path

from helpers import run_in_folder as run

from cscmdlets.scripts.linter import check_script


def test_set_get_clear_remove(tmp_path: Path) -> None:
    text = (
        "Set-Variable -Name total -Value 3\n"
        "Get-Variable -Name total -ValueOnly; (Get-Variable total).Value\n"
        "'piped' | Set-Variable -Name p; $p\n"
        "Clear-Variable -Name p; $null -eq $p\n"
        "New-Variable -Name fresh -Value 5; $fresh\n"
        "Remove-Variable -Name total, fresh; $null -eq $total\n"
        "function Set-Both { Set-Variable g 'global' -Scope Global; Set-Variable l 'local' }\n"
        "Set-Both; $g; $null -eq $l"
    )
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], [3, 3, "piped", True, 5, True, "global", True])
    assert check_script(text) == []


def test_missing_and_existing_names_are_non_terminating_errors(tmp_path: Path) -> None:
    result = run(
        "$x = 1\nNew-Variable -Name x -Value 2\n$x\nGet-Variable -Name nope\nRemove-Variable nope\n'went on'",
        tmp_path,
    )
    assert result.output == [1, "went on"]
    assert [(r.fully_qualified_error_id, r.message) for r in result.errors] == [
        (
            "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand",
            "A variable with name 'x' already exists.",
        ),
        (
            "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand",
            "Cannot find a variable with the name 'nope'.",
        ),
        (
            "VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand",
            "Cannot find a variable with the name 'nope'.",
        ),
    ]
    assert result.errors[1].category.name == "ObjectNotFound"
