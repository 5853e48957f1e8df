"""The Python doors built from metadata: keyword names, positionals, recommendations."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from helpers import AMOS, KEN, RecordingEngine

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.functions import _bind_python, _keyword_values, make_pythonic, run_bound
from cscmdlets.powershell.metadata import NOT_GIVEN


def test_a_misspelt_keyword_is_a_powershell_error_naming_the_fix() -> None:
    tenant = cs.Tenant.demo()
    with pytest.raises(cs.PowerShellError) as info:
        tenant.set_cs_online_dial_in_conferencing_user(
            "amos.marble@contoso.com",
            alow_toll_free_dial_in=False,  # type: ignore[call-arg]  # the refused keyword is the point
        )
    assert info.value.error_id == "NamedParameterNotFound"
    assert str(info.value) == "A parameter cannot be found that matches parameter name 'alow_toll_free_dial_in'."
    assert info.value.recommended_action == "Did you mean 'allow_toll_free_dial_in'?"
    assert tenant.audit() == []


def test_what_if_is_no_keyword_of_a_command_without_should_process() -> None:
    with pytest.raises(cs.PowerShellError) as info:
        cs.Tenant.demo().register_cs_online_dial_in_conferencing_service_number(
            "12065550123",
            what_if=True,  # type: ignore[call-arg]  # the refused keyword is the point
        )
    assert info.value.error_id == "NamedParameterNotFound"


# --- a Pythonic call binds from its form's route exactly as through the general binder ------------


def _outcome(call: Callable[[], object], recorder: RecordingEngine) -> object:
    try:
        call()
    except cs.PowerShellError as error:
        return error.fully_qualified_error_id, error.category, str(error)
    bound = recorder.calls.pop()
    return bound.parameter_set, dict(bound.values), bound.common, bound.candidate_sets


BRIDGE_ID = "d9696ed0-60d8-5f26-89a6-dc879172e9aa"
PYTHON_CALLS = [
    pytest.param("Set-CsOnlineDialInConferencingUser", (AMOS,), {"allow_toll_free_dial_in": 0}, id="binds"),
    pytest.param("Set-CsOnlineDialInConferencingUser", (AMOS,), {"send_email": False}, id="switch-off"),
    pytest.param(
        "Set-CsOnlineDialInConferencingUser",
        (AMOS,),
        {"send_email": True, "reset_leader_pin": False},
        id="one-switch-off",
    ),
    pytest.param(
        "Set-CsOnlineDialInConferencingUser",
        (AMOS,),
        {"bridge_name": NOT_GIVEN, "verbose": False},
        id="not-given-and-common-switch-off",
    ),
    pytest.param("Set-CsOnlineDialInConferencingUser", (AMOS,), {"identity": KEN}, id="given-twice"),
    pytest.param("Set-CsOnlineDialInConferencingUser", (AMOS, "extra"), {}, id="too-many-positionals"),
    pytest.param("Set-CsOnlineDialInConferencingUser", (None,), {}, id="null-mandatory"),
    pytest.param(
        "Set-CsOnlineDialInConferencingUser", (), {"identity": AMOS, "error_action": "Loud"}, id="bad-common-value"
    ),
    pytest.param("Set-CsOnlineDialInConferencingUser", (), {"allow_toll_free_dial_in": True}, id="missing-mandatory"),
    pytest.param("Set-CsOnlineDialInConferencingUser", (AMOS,), {"alow_toll_free_dial_in": True}, id="unknown-name"),
    pytest.param("Set-CsOnlineDialInConferencingBridge", (BRIDGE_ID,), {"name": "x"}, id="position-by-type"),
]


@pytest.mark.parametrize(("command", "args", "kwargs"), PYTHON_CALLS)
def test_a_python_call_binds_from_its_route_as_the_general_binder_does(
    command: str, args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    """The first call of a form works its route out, later ones reuse it: both must bind (or
    fail) exactly as the general path, which maps names and then binds step by step."""
    metadata = dataclasses.replace(find_command(command))  # a fresh copy: no shape known yet
    recorder = RecordingEngine()
    function = make_pythonic(metadata, lambda owner: recorder)
    general = _outcome(
        lambda: run_bound(recorder, _bind_python(metadata, args, _keyword_values(metadata, kwargs))), recorder
    )
    assert _outcome(lambda: function(*args, **kwargs), recorder) == general
    assert _outcome(lambda: function(*args, **kwargs), recorder) == general
