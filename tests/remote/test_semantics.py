"""PowerShell's pipeline semantics over PSRP, from the unmodified pypsrp client to ``serve``:
-ErrorAction, pipeline input, multi-command pipelines, NoLanguage, WSMan details, and what
a session (and the passthrough) does with them."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from pypsrp.client import Client
from pypsrp.complex_objects import PSInvocationState
from pypsrp.powershell import PowerShell, RunspacePool

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.binder import bind_keywords
from cscmdlets.remote import RemoteEngine
from cscmdlets.remote.serve import execute

from .conftest import PASSWORD, USER, Served, ServeFactory, wsman

AMOS = "amos.marble@contoso.com"
NOBODY = "nobody@contoso.com"


def toll_free(served: Served, identity: str = AMOS) -> bool:
    command = bind_keywords(find_command("Get-CsOnlineDialInConferencingUser"), {"Identity": identity})
    (user,) = served.tenant.engine.invoke(command).output
    return bool(user.allow_toll_free_dial_in)


def invoke(served: Served, build: Any, **kwargs: Any) -> PowerShell:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        build(ps)
        ps.invoke(**kwargs)
    return ps


def get_then_set(error_action: str | None) -> Any:
    def build(ps: PowerShell) -> None:
        ps.add_cmdlet("Get-CsOnlineDialInConferencingUser").add_parameter("Identity", NOBODY)
        if error_action is not None:
            ps.add_parameter("ErrorAction", error_action)
        ps.add_statement()
        ps.add_cmdlet("Set-CsOnlineDialInConferencingUser").add_parameter("Identity", AMOS)
        ps.add_parameter("AllowTollFreeDialIn", False)

    return build


# --- -ErrorAction ---------------------------------------------------------------------------------


def test_error_action_stop_fails_the_pipeline_and_stops_it(served: Served) -> None:
    ps = invoke(served, get_then_set("Stop"))
    assert ps.state == PSInvocationState.FAILED and ps.had_errors
    assert [str(e.fq_error).split(",")[0] for e in ps.streams.error] == ["UserNotFound"]
    assert toll_free(served) is True  # the next statement never ran


def test_without_stop_the_error_is_written_and_the_next_statement_runs(served: Served) -> None:
    ps = invoke(served, get_then_set(None))
    assert ps.state == PSInvocationState.COMPLETED
    assert [str(e.fq_error).split(",")[0] for e in ps.streams.error] == ["UserNotFound"]
    assert toll_free(served) is False


def test_silently_continue_writes_no_error(served: Served) -> None:
    ps = invoke(served, get_then_set("SilentlyContinue"))
    assert ps.state == PSInvocationState.COMPLETED and not ps.streams.error
    assert toll_free(served) is False


# --- pipeline input and multi-command pipelines ---------------------------------------------------


def test_input_that_binds_nothing_is_input_object_not_bound(served: Served) -> None:
    ps = invoke(served, lambda ps: ps.add_cmdlet("Get-CsOnlineDialInConferencingUser"), input=[AMOS])
    assert ps.output == []  # not every user, as when input was dropped
    assert [str(e.fq_error).split(",")[0] for e in ps.streams.error] == ["InputObjectNotBound"]


def test_input_objects_bind_by_property_name(served: Served) -> None:
    users = invoke(
        served, lambda ps: ps.add_cmdlet("Get-CsOnlineDialInConferencingUser").add_parameter("Identity", AMOS)
    )
    ps = invoke(
        served,
        lambda ps: ps.add_cmdlet("Set-CsOnlineDialInConferencingUser").add_parameter("AllowTollFreeDialIn", False),
        input=users.output,
    )
    assert not ps.streams.error and ps.state == PSInvocationState.COMPLETED
    assert toll_free(served) is False


def test_multi_command_pipelines_run(served: Served) -> None:
    ps = invoke(
        served,
        lambda ps: (
            ps.add_cmdlet("Get-CsOnlineDialInConferencingUser")
            .add_cmdlet("Sort-Object")
            .add_parameter("Property", "Identity")
            .add_cmdlet("Select-Object")
            .add_parameter("First", 2)
        ),
    )
    assert not ps.had_errors, ps.streams.error
    identities = [o.adapted_properties.get("Identity") or o.extended_properties.get("Identity") for o in ps.output]
    everyone = sorted(
        u.identity
        for u in served.tenant.engine.invoke(
            bind_keywords(find_command("Get-CsOnlineDialInConferencingUser"), {})
        ).output
    )
    assert identities == everyone[:2]


def test_get_piped_to_set_changes_each_user(served: Served) -> None:
    ps = invoke(
        served,
        lambda ps: (
            ps.add_cmdlet("Get-CsOnlineDialInConferencingUser")
            .add_parameter("Identity", AMOS)
            .add_cmdlet("Set-CsOnlineDialInConferencingUser")
            .add_parameter("AllowTollFreeDialIn", False)
        ),
    )
    assert ps.state == PSInvocationState.COMPLETED and not ps.streams.error
    assert toll_free(served) is False


# --- NoLanguage -----------------------------------------------------------------------------------


def test_execute_ps_fails_with_the_no_language_error(served: Served) -> None:
    client = Client(
        "127.0.0.1", port=served.port, ssl=False, auth="basic", encryption="never", username=USER, password=PASSWORD
    )
    _, streams, had_errors = client.execute_ps("Get-CsOnlineDialInConferencingUser")
    assert had_errors
    assert str(streams.error[-1]).startswith("The syntax is not supported by this runspace.")


# --- WSMan details --------------------------------------------------------------------------------


def test_max_envelope_size_not_a_number_is_a_schema_fault(served: Served) -> None:
    envelope = (
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
        'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"><s:Header>'
        "<a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action>"
        "<a:MessageID>uuid:1</a:MessageID><w:MaxEnvelopeSize>abc</w:MaxEnvelopeSize>"
        "<w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/config</w:ResourceURI>"
        "</s:Header><s:Body/></s:Envelope>"
    )
    response = requests.post(
        f"http://127.0.0.1:{served.port}/wsman", data=envelope.encode(), auth=(USER, PASSWORD), timeout=10
    )
    assert response.status_code == 400
    assert "SchemaValidationError" in response.text and "MaxEnvelopeSize" in response.text


def test_config_get_answers_max_envelope_size(served: Served) -> None:
    with wsman(served) as connection:
        connection.update_max_payload_size()
        assert connection.max_envelope_size == 500 * 1024
        with RunspacePool(connection) as pool:  # and the larger envelope is accepted
            ps = PowerShell(pool)
            ps.add_cmdlet("Get-CsOnlineDialInConferencingUser").add_parameter("Identity", AMOS)
            assert len(ps.invoke()) == 1


@pytest.mark.parametrize(
    ("configured", "given"),
    [
        pytest.param("admin@contoso.com", "admin@contoso.com", id="upn"),
        pytest.param("admin@contoso.com", "CONTOSO\\admin", id="down-level-for-upn"),
        pytest.param("CONTOSO\\admin", "CONTOSO\\admin", id="down-level"),
        pytest.param("CONTOSO\\admin", "admin@CONTOSO", id="upn-for-down-level"),
    ],
)
def test_ntlm_user_as_upn_or_down_level(serve_tenant: ServeFactory, configured: str, given: str) -> None:
    served = serve_tenant(auth="ntlm", username=configured)
    with RemoteEngine(served.host(username=given)) as engine:
        command = bind_keywords(find_command("Get-CsOnlineDialInConferencingUser"), {"Identity": AMOS})
        assert len(engine.invoke(command).output) == 1


# --- a remote session has what a tenant has -------------------------------------------------------


def test_remote_session_invoke_and_run_script(served: Served) -> None:
    session = cs.connect(remote=served.host())
    try:
        (user,) = session.invoke(f"Get-CsOnlineDialInConferencingUser -Identity {AMOS}")
        assert user.identity == AMOS
        run = cs.run_script(f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -AllowTollFreeDialIn $false")
        assert not run.errors
        assert [u.identity for u in cs.invoke(f"Get-CsOnlineDialInConferencingUser {AMOS}")] == [AMOS]
    finally:
        cs.disconnect()
    assert toll_free(served) is False


def test_passthrough_reads_errors_from_the_error_stream(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execute, "_is_merged", lambda flag: False)  # a host that ignores 2>&1
    with RemoteEngine(served.host()) as engine:
        command = bind_keywords(find_command("Get-CsOnlineDialInConferencingUser"), {"Identity": NOBODY})
        result = engine.invoke(command)
    assert [record.error_id for record in result.errors] == ["UserNotFound"]


def test_execute_ps_runs_in_the_sandbox_when_scripts_are_allowed(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(allow_scripts=True)
    client = Client(
        "127.0.0.1", port=served.port, ssl=False, auth="basic", encryption="never", username=USER, password=PASSWORD
    )
    output, streams, had_errors = client.execute_ps(f"(Get-CsOnlineDialInConferencingUser -Identity {AMOS}).Identity")
    assert not had_errors, streams.error
    assert output.strip() == AMOS
