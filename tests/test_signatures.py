"""Each Pythonic function's signature is its metadata, and the name mapping is pinned."""

from __future__ import annotations

import inspect

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS
from cscmdlets.powershell.metadata import NOT_GIVEN, CommandMetadata, pascal_to_snake, python_name, twin_name


@pytest.mark.parametrize(
    ("pascal", "snake"),
    [
        ("SendEmailToAddress", "send_email_to_address"),
        ("Identity", "identity"),
        ("AllowPSTNOnlyMeetings", "allow_pstn_only_meetings"),
        ("AllowPSTNOnlyMeetingsByDefault", "allow_pstn_only_meetings_by_default"),
        ("DomainController", "domain_controller"),
        ("ResetLeaderPin", "reset_leader_pin"),
        ("MaskPstnNumbersType", "mask_pstn_numbers_type"),
        ("SendEmail", "send_email"),
    ],
)
def test_parameter_names(pascal: str, snake: str) -> None:
    assert pascal_to_snake(pascal) == snake


@pytest.mark.parametrize(
    ("command", "pythonic", "twin"),
    [
        (
            "Set-CsOnlineDialInConferencingUser",
            "set_cs_online_dial_in_conferencing_user",
            "Set_CsOnlineDialInConferencingUser",
        ),
        (
            "Get-CsOnlineDialinConferencingTenantConfiguration",
            "get_cs_online_dialin_conferencing_tenant_configuration",
            "Get_CsOnlineDialinConferencingTenantConfiguration",
        ),
        (
            "Remove-CsOnlineDialInConferencingTenantSettings",
            "remove_cs_online_dial_in_conferencing_tenant_settings",
            "Remove_CsOnlineDialInConferencingTenantSettings",
        ),
    ],
)
def test_command_names(command: str, pythonic: str, twin: str) -> None:
    assert (python_name(command), twin_name(command)) == (pythonic, twin)


def expected_parameters(metadata: CommandMetadata) -> list[tuple[str, inspect._ParameterKind, object, str]]:
    positional = metadata.positional_parameters
    expected: list[tuple[str, inspect._ParameterKind, object, str]] = [
        (p.python_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, NOT_GIVEN, p.type.annotation) for p in positional
    ]
    expected += [
        (p.python_name, inspect.Parameter.KEYWORD_ONLY, False if p.is_switch else NOT_GIVEN, p.type.annotation)
        for p in metadata.parameters
        if p not in positional
    ]
    common = {"error_action": "ActionPreference | str", "warning_action": "ActionPreference | str", "verbose": "bool"}
    if metadata.supports_should_process:
        common |= {"what_if": "bool", "confirm": "bool"}
    return expected + [(name, inspect.Parameter.KEYWORD_ONLY, NOT_GIVEN, kind) for name, kind in common.items()]


def actual_parameters(function: object) -> list[tuple[str, inspect._ParameterKind, object, str]]:
    rows = []
    for parameter in inspect.signature(function).parameters.values():  # type: ignore[arg-type]
        annotation = "" if parameter.annotation is inspect.Parameter.empty else parameter.annotation
        rows.append((parameter.name, parameter.kind, parameter.default, annotation))
    return rows


@pytest.mark.parametrize("metadata", COMMANDS, ids=[m.name for m in COMMANDS])
def test_module_function_signature(metadata: CommandMetadata) -> None:
    assert actual_parameters(getattr(cs, metadata.python_name)) == expected_parameters(metadata)


@pytest.mark.parametrize("metadata", COMMANDS, ids=[m.name for m in COMMANDS])
def test_tenant_method_signature(metadata: CommandMetadata) -> None:
    method = getattr(cs.Tenant, metadata.python_name)
    [self_row, *rest] = actual_parameters(method)
    assert self_row[0] == "self"
    assert rest == expected_parameters(metadata)
    assert method.__name__ == metadata.python_name
    assert getattr(cs.Tenant, metadata.twin_name).__name__ == metadata.twin_name


@pytest.mark.parametrize("metadata", COMMANDS, ids=[m.name for m in COMMANDS])
def test_python_names_map_back(metadata: CommandMetadata) -> None:
    """snake_case ↔ PascalCase is one-to-one within each command, common parameters included."""
    for parameter in metadata.all_parameters:
        assert metadata.by_python_name[parameter.python_name] is parameter
    assert len(metadata.by_python_name) == len(metadata.all_parameters)


def test_set_user_signature_as_documented() -> None:
    """``cs.set_cs_online_dial_in_conferencing_user(identity, *, send_email=False, …)``."""
    signature = inspect.signature(cs.set_cs_online_dial_in_conferencing_user)
    identity, send_email = signature.parameters["identity"], signature.parameters["send_email"]
    assert next(iter(signature.parameters)) == "identity"
    assert identity.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert (send_email.kind, send_email.default) == (inspect.Parameter.KEYWORD_ONLY, False)
    assert signature.parameters["send_email_to_address"].annotation == "str"
    assert signature.parameters["bridge_id"].annotation == "uuid.UUID | str"


def test_docstrings_name_every_parameter() -> None:
    for metadata in COMMANDS:
        doc = getattr(cs, metadata.python_name).__doc__ or ""
        assert doc.startswith(f"{metadata.name}: ")
        for parameter in metadata.parameters:
            assert f"    {parameter.python_name} (" in doc


def test_unknown_keyword_is_refused(memory_tenant: cs.Tenant) -> None:
    with pytest.raises(cs.PowerShellError) as info:
        memory_tenant.set_cs_online_dial_in_conferencing_user(
            "amos.marble@contoso.com",
            send_email_override=True,  # type: ignore[call-arg]  # the refused keyword is the point
        )
    assert info.value.error_id == "NamedParameterNotFound"
