"""The .NET values admin scripts use around the cmdlets, as PowerShell 7 on Linux gives them.

Sources: SwitchParameter.cs (System.Management.Automation), the System.Char, System.Text.Encoding,
System.Convert, System.Uri, System.Array and System.Collections.Generic.HashSet reference pages on
learn.microsoft.com/dotnet/api.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_in_folder as run

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
