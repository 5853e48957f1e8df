"""Form values become PowerShell source that reads back as the same value, never as code."""

from __future__ import annotations

import pytest

from cscmdlets.admin.commands import command_line, field_errors, literal
from cscmdlets.powershell.errors import PowerShellError
from cscmdlets.tenant import Tenant


@pytest.mark.parametrize(
    ("value", "source"),
    [
        (True, "$true"),
        (None, "$null"),
        ("7", "7"),
        ("14255550100", "14255550100"),
        ("0123", "'0123'"),
        ("O'Brien", "'O''Brien'"),
        ("x\u2019; Remove-Item C:\\", "'x\u2019\u2019; Remove-Item C:\\'"),
        ("$(Get-Date) `n", "'$(Get-Date) `n'"),
    ],
)
def test_literal(value: object, source: str) -> None:
    assert literal(value) == source


def test_a_command_line_binds_the_values_it_was_made_of() -> None:
    hostile = "a'b\u2018c; Invoke-Expression 'x' # $env:PATH"
    line = command_line("Get-CsOnlineDialInConferencingUser", [("Identity", hostile)])
    with pytest.raises(PowerShellError) as raised:
        Tenant.demo().invoke(line)
    assert raised.value.error_id == "UserNotFound" and f'"{hostile}"' in raised.value.message


def test_errors_go_to_the_field_they_name_first() -> None:
    messages = [
        "SendEmailFromOverride can't be $true if SendEmailFromAddress and SendEmailFromDisplayName aren't specified.",
        "The PinLength value 3 is not valid.",
        "Something else.",
    ]
    fields = ["SendEmailFromAddress", "SendEmailFromOverride", "PinLength"]
    assert field_errors(messages, fields) == {
        "SendEmailFromOverride": [messages[0]],
        "PinLength": [messages[1]],
        "": [messages[2]],
    }
