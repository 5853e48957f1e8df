"""Set-StrictMode: a script that fails under strict mode in PowerShell fails here too, with the
same error, and one that runs there runs here (the cmdlet's reference page and its examples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_in_folder as run

from cscmdlets.powershell.errors import ErrorCategory


def test_version_1_refuses_an_unset_variable_outside_strings(tmp_path: Path) -> None:
    result = run("Set-StrictMode -Version 1.0\n\"[$a]\"\n$a -gt 5\n'went on'", tmp_path)
    assert result.output == ["[]", "went on"]  # statement-terminating: the next statement runs
    [error] = result.errors
    assert error.message == "The variable '$a' cannot be retrieved because it has not been set."
    assert (error.fully_qualified_error_id, error.category) == ("VariableIsUndefined", ErrorCategory.InvalidOperation)
    assert error.concise_label == "InvalidOperation"


def test_version_2_refuses_unset_variables_in_strings_and_missing_properties(tmp_path: Path) -> None:
    text = (
        "Set-StrictMode -Version 2\n"
        "$o = [pscustomobject]@{ Name = 'x'; Empty = $null }\n"
        "$o.Name; $null -eq $o.Empty; @{}.Missing -eq $null; 'abc'.Length\n"
        "$o.Nope\n"
        "'This is a string.'.Month\n"
        '"[$unset]"'
    )
    result = run(text, tmp_path)
    assert result.output == ["x", True, True, 3]
    assert [e.fully_qualified_error_id for e in result.errors] == [
        "PropertyNotFoundStrict",
        "PropertyNotFoundStrict",
        "VariableIsUndefined",
    ]
    missing = "The property 'Month' cannot be found on this object. Verify that the property exists."
    assert result.errors[1].message == missing
    assert result.errors[1].concise_label == "PropertyNotFoundException"


def test_latest_refuses_an_index_past_the_end(tmp_path: Path) -> None:
    result = run("Set-StrictMode -Version Latest\n$a = 1, 2\n$a[-1]\n$a[5]", tmp_path)
    assert result.output == [2]
    [error] = result.errors
    assert error.message == "Index was outside the bounds of the array."
    assert error.category == ErrorCategory.OperationStopped


def test_scope_off_and_what_is_always_set(tmp_path: Path) -> None:
    """It holds in the scopes the setting scope calls; -Off ends it; automatic and preference
    variables PowerShell always has are never refused; a script that sets its variables runs."""
    text = (
        "function Inner { $inner }\n"
        "function Strict {\n"
        "  Set-StrictMode -Version 1; $x = 1; $x; $ProgressPreference = 'SilentlyContinue'; $IsWindows -or $true\n"
        "}\n"
        "Strict\n"
        "Inner\n"
        "Set-StrictMode -Version 1\n"
        "Inner\n"
        "Set-StrictMode -Off\n"
        "$unset; 'done'"
    )
    result = run(text, tmp_path)
    assert result.output == [1, True, None, None, "done"]  # the first Inner's $inner, then $unset: $null
    [error] = result.errors  # only the second Inner, called from the strict script scope
    assert error.message == "The variable '$inner' cannot be retrieved because it has not been set."


@pytest.mark.parametrize("version", ["1", "2.0", "3.0", "latest"])
def test_accepted_versions(tmp_path: Path, version: str) -> None:
    assert run(f"Set-StrictMode -Version {version}; 'ok'", tmp_path).output == ["ok"]


def test_throw_shows_as_exception(tmp_path: Path) -> None:
    """ConciseView labels a ``throw`` "Exception", whatever its category."""
    [error] = run("throw 'boom'", tmp_path).errors
    assert (error.concise_label, error.category) == ("Exception", ErrorCategory.OperationStopped)
