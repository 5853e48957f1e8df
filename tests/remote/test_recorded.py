"""The passthrough client against recorded responses of a server cscmdlets did not write.

Each scenario of ``exchanges.SCENARIOS`` was recorded against an independent WSMan/PSRP
server (``recorded/README.md``). Here a replaying server on 127.0.0.1 answers the client's
requests with those responses, in order, and checks each request is the recorded action
carrying the recorded PSRP message types; the tests then assert what the client made of
the answers, as pypsrp's tests replay ``responses/*.yml``.
"""

from __future__ import annotations

import uuid

import pytest

from cscmdlets.model import ConferencingUser
from cscmdlets.powershell.engine import Result
from cscmdlets.powershell.errors import ErrorCategory

from .exchanges import AMOS, KEN, MISSING, SCENARIOS, ReplayServer, load, run_scenario

pytest.importorskip("pypsrp")


def replay(name: str) -> list[Result]:
    """Run scenario ``name`` against its recording; every recorded exchange must be used."""
    exchanges = load(name)
    with ReplayServer(exchanges) as server:
        results = run_scenario(name, server.port)
    assert server.mismatches == []
    assert server.answered == len(exchanges)
    return results


def test_every_scenario_has_a_recording() -> None:
    for name in SCENARIOS:
        assert load(name), name


def test_object_output_becomes_the_model() -> None:
    (result,) = replay("get_user")
    assert result.errors == []
    (user,) = result.output
    assert isinstance(user, ConferencingUser)
    assert (user.identity, user.display_name, user.sip_address) == (KEN, "Ken Myer", f"sip:{KEN}")
    assert (user.conference_id, user.service_number, user.default_toll_number) == (
        123456789,
        "14255550100",
        "+14255550100",
    )
    assert user.bridge_id == uuid.UUID("3a1c9a55-5c4e-4b7c-9d9b-123456789abc")
    assert user.tenant_id == uuid.UUID("bf19b7db-6960-41e5-a139-2aa373474354")
    assert (user.allow_toll_free_dial_in, user.allow_pstn_only_meeting, user.leader_pin) == (True, False, None)


def test_error_record_becomes_the_local_error() -> None:
    (result,) = replay("get_missing_user")
    assert list(result.output) == []
    (record,) = result.errors
    assert record.error_id == "UserNotFound"
    assert record.fully_qualified_error_id == (
        "UserNotFound,Microsoft.Teams.ConfigAPI.Cmdlets.GetCsOnlineDialInConferencingUser"
    )
    assert record.message == f'Management object not found for identity "{MISSING}".'
    assert record.category == ErrorCategory.ObjectNotFound


def test_warning_record_is_a_warning() -> None:
    (result,) = replay("set_user_with_warning")
    assert (list(result.output), result.errors) == ([], [])
    assert result.warnings == [f"Toll-free dial-in for {AMOS} is off; meetings show toll numbers only."]


def test_failed_pipeline_is_a_terminating_error() -> None:
    (result,) = replay("set_user_failing")
    (record,) = result.errors
    assert record.error_id == "FakeTerminatingError"
    assert record.message == "The remote service is unavailable; try again later."


def test_batch_results_go_to_their_calls() -> None:
    """The reference server writes the second call's error to the error stream (it does not
    merge streams as the client asks): the client gives it to the call whose -Identity is the
    record's target, not to the first Set- call of the batch."""
    set_ken, set_missing, get_amos = replay("batch")
    assert (list(set_ken.output), set_ken.errors) == ([], [])
    assert [record.error_id for record in set_missing.errors] == ["UserNotFound"]
    assert list(set_missing.output) == []
    assert [user.identity for user in get_amos.output] == [AMOS]
    assert get_amos.errors == []
