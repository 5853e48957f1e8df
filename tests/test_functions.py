"""The Python doors built from metadata: keyword names, positionals, recommendations."""

from __future__ import annotations

import pytest

import cscmdlets as cs


def test_a_misspelt_keyword_is_a_powershell_error_naming_the_fix() -> None:
    tenant = cs.Tenant.demo()
    with pytest.raises(cs.PowerShellError) as info:
        tenant.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", alow_toll_free_dial_in=False)
    assert info.value.error_id == "NamedParameterNotFound"
    assert str(info.value) == "A parameter cannot be found that matches parameter name 'alow_toll_free_dial_in'."
    assert info.value.recommended_action == "Did you mean 'allow_toll_free_dial_in'?"
    assert tenant.audit() == []


def test_what_if_is_no_keyword_of_a_command_without_should_process() -> None:
    with pytest.raises(cs.PowerShellError) as info:
        cs.Tenant.demo().register_cs_online_dial_in_conferencing_service_number("12065550123", what_if=True)
    assert info.value.error_id == "NamedParameterNotFound"
