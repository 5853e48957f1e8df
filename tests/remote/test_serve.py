"""``serve`` on the wire: faults a Windows host sends, metadata, literal values, idle shells."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
import requests
from helpers import RecordingEngine
from pypsrp.complex_objects import PSInvocationState
from pypsrp.exceptions import WSManFaultError
from pypsrp.powershell import PowerShell, RunspacePool

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS, find_command
from cscmdlets.powershell.binder import BoundCommand
from cscmdlets.remote import RemoteEngine
from cscmdlets.remote.serve import ServeConfig, Server, UnsafeBind, execute
from cscmdlets.remote.serve.execute import plain

from .conftest import PASSWORD, USER, Served, ServeFactory, wsman

INJECTIONS = [
    "x'; Remove-Item C:\\ -Recurse #",
    'x"; $(Stop-Computer) "',
    "x; Get-Process",
    "$(Invoke-Expression 'evil')",
    "`$env:PATH` `n",
    "line1\nline2\r\n\tend",
    "@{a=1}; & calc.exe | Out-Null",
    "<Obj RefId='0'/>&amp;]]>",
    "_x000A_ \u2013Identity \u0000",
]


def post(served: Served, body: bytes, *, auth: tuple[str, str] = (USER, PASSWORD), path: str = "wsman") -> Any:
    return requests.post(
        f"http://127.0.0.1:{served.port}/{path}",
        data=body,
        auth=auth,
        timeout=10,
        headers={"Content-Type": "application/soap+xml;charset=UTF-8"},
    )


def test_unknown_command_is_command_not_found(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Get-CsOnlineNotACmdlet").add_parameter("Identity", "x")
        ps.invoke()
    assert ps.had_errors
    (record,) = ps.streams.error
    assert record.fq_error == "CommandNotFoundException"
    assert record.exception is not None
    assert "'Get-CsOnlineNotACmdlet' is not recognized" in str(record.exception.adapted_properties["Message"])


def test_script_text_is_never_run(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_script("Get-CsOnlineDialInConferencingUser; Remove-Item x")
        ps.invoke()
    assert ps.had_errors and ps.state == PSInvocationState.FAILED
    (record,) = ps.streams.error
    assert record.fq_error == "ScriptsNotAllowed"
    assert record.category == 17  # ParserError: how PowerShell's client recognises NoLanguage
    assert str(record) == (
        "The syntax is not supported by this runspace. This can occur if the runspace is in no-language mode."
    )


def test_scripts_run_with_the_emulators_runner_when_allowed(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(allow_scripts=True)
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_script("$u = Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com\n$u.Identity")
        assert ps.invoke() == ["amos.marble@contoso.com"]
        ps = PowerShell(pool)
        ps.add_script("Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com")
        ps.invoke()
        assert str(ps.streams.error[0].fq_error).startswith("UserNotFound")
        ps = PowerShell(pool)
        ps.add_script("Get-CsOnlineDialInConferencingUser -Identity 'unclosed")
        ps.invoke()
    assert ps.had_errors  # a parse error ends the pipeline, as a ParseException does


def test_typed_output_keeps_real_type_name_and_properties(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Get-CsOnlineDialInConferencingUser").add_parameter("Identity", "amos.marble@contoso.com")
        (obj,) = ps.invoke()
    (expected,) = (
        cs.Tenant.demo(users=20)
        .engine.invoke(_bound("Get-CsOnlineDialInConferencingUser", Identity="amos.marble@contoso.com"))
        .output
    )
    assert obj.types == list(cs.ConferencingUser.ps_type_names)
    assert obj.adapted_properties == expected.model_dump(by_alias=True)


def test_binding_errors_are_the_binders(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Set-CsOnlineDialInConferencingUser").add_parameter("Identity", "a@contoso.com")
        ps.add_parameter("NoSuchParameter", 1)
        ps.invoke()
    (record,) = ps.streams.error
    assert record.fq_error == "NamedParameterNotFound,Microsoft.Rtc.Management.Hosted.Bridge.SetOdcUserCmdlet" or str(
        record.fq_error
    ).startswith("NamedParameterNotFound")
    assert record.category == 5


def _advertised(served: Served, *patterns: str) -> dict[str, Any]:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        return {str(m.name): m for m in pool.get_command_metadata(list(patterns))}


def test_get_command_metadata_comes_from_the_metadata(served: Served) -> None:
    by_name = _advertised(served, "Set-CsOnlineDialInConferencing*")
    expected = {
        m.name
        for m in COMMANDS
        if m.name.startswith("Set-CsOnlineDialInConferencing") and served.tenant.module.has_command(m.name)
    }
    assert set(by_name) == expected
    parameters = by_name["Set-CsOnlineDialInConferencingUser"].parameters
    assert parameters is not None
    assert parameters["Identity"].parameter_type == "Microsoft.Rtc.Management.AD.UserIdParameter"
    assert parameters["SendEmail"].switch_parameter is True


MODULE_ONLY = {
    # command: (the module that has it, the one that lacks it)
    "Enable-CsOnlineDialInConferencingUser": ("SkypeOnlineConnector", "MicrosoftTeams"),
    "Set-CsOnlineDialInConferencingUserDefaultNumber": ("SkypeOnlineConnector", "MicrosoftTeams"),
    "Get-MsolUser": ("SkypeOnlineConnector", "MicrosoftTeams"),
}


@pytest.mark.parametrize("module", ["MicrosoftTeams", "SkypeOnlineConnector"])
def test_get_command_metadata_lists_exactly_the_modules_commands(serve_tenant: ServeFactory, module: str) -> None:
    served = serve_tenant(cs.Tenant.demo(users=3, module=module))
    by_name = _advertised(served, "*")
    profile = served.tenant.module
    expected = {m.name for m in profile.advertised(COMMANDS)}
    assert set(by_name) == expected
    for name, (has, lacks) in MODULE_ONLY.items():
        assert (name in by_name) == (module == has), (name, module, lacks)
    assert "Get-CsOnlineUser" in by_name  # a command of no one module is everyone's


@pytest.mark.parametrize(
    ("module", "has_domain_controller"), [("MicrosoftTeams", False), ("SkypeOnlineConnector", True)]
)
def test_get_command_metadata_shows_the_modules_parameters(
    serve_tenant: ServeFactory, module: str, has_domain_controller: bool
) -> None:
    served = serve_tenant(cs.Tenant.demo(users=3, module=module))
    parameters = _advertised(served, "Set-CsOnlineDialInConferencingUser")["Set-CsOnlineDialInConferencingUser"]
    assert ("DomainController" in parameters.parameters) is has_domain_controller
    assert ("SendEmailFromAddress" in parameters.parameters) is has_domain_controller
    assert "Identity" in parameters.parameters


def test_an_unadvertised_command_is_refused(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(cs.Tenant.demo(users=3, module="MicrosoftTeams"))
    assert "Get-MsolAccountSku" not in _advertised(served, "Get-Msol*")
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Get-MsolAccountSku")
        ps.invoke()
    (record,) = ps.streams.error
    assert str(record.fq_error).startswith("CommandNotFoundException")


def test_is_alive_uses_get(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        assert pool.is_alive()


def test_unknown_configuration_is_the_windows_fault(served: Served) -> None:
    with (
        pytest.raises(WSManFaultError) as raised,
        wsman(served) as connection,
        RunspacePool(connection, configuration_name="NoSuchEndpoint"),
    ):
        pass
    assert raised.value.code == 2150858811
    assert "Cannot find the NoSuchEndpoint session configuration" in raised.value.reason


def test_malformed_envelope_is_a_fault(served: Served) -> None:
    response = post(served, b"<s:Envelope this is not xml")
    assert response.status_code == 400
    assert b'Code="2150858817"' in response.content and b"SchemaValidationError" in response.content


def test_dtd_is_refused(served: Served) -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    assert post(served, body).status_code == 400


def test_unknown_shell_is_invalid_selectors(served: Served) -> None:
    envelope = f"""<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"
      xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"
      xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"><s:Header>
      <a:Action>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive</a:Action>
      <a:MessageID>uuid:{uuid.uuid4()}</a:MessageID>
      <w:SelectorSet><w:Selector Name="ShellId">{uuid.uuid4()}</w:Selector></w:SelectorSet>
      </s:Header><s:Body/></s:Envelope>""".encode()
    response = post(served, envelope)
    assert response.status_code == 500 and b'Code="2150858843"' in response.content


@pytest.mark.parametrize(
    ("auth", "path", "status"),
    [
        pytest.param((USER, "wrong"), "wsman", 401, id="wrong-password"),
        pytest.param(("nobody", PASSWORD), "wsman", 401, id="wrong-user"),
        pytest.param((USER, PASSWORD), "other", 404, id="wrong-path"),
    ],
)
def test_http_refusals(served: Served, auth: tuple[str, str], path: str, status: int) -> None:
    response = post(served, b"<x/>", auth=auth, path=path)
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"] == 'Basic realm="WSMAN"'


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "example.com"])
def test_refuses_non_loopback_without_tls(host: str) -> None:
    with pytest.raises(UnsafeBind):
        Server(cs.Tenant.demo().engine, find_command, COMMANDS, ServeConfig(host=host, port=0, password="x"))


def test_refuses_to_serve_without_a_password() -> None:
    with pytest.raises(UnsafeBind):
        Server(cs.Tenant.demo().engine, find_command, COMMANDS, ServeConfig(port=0))


def test_idle_shells_are_closed(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(idle_timeout=0.3)
    engine = RemoteEngine(served.host())
    command = _bound("Get-CsOnlineDialInConferencingLanguagesSupported")
    engine.invoke(command)
    assert len(served.server.service.shells) == 1
    deadline = time.monotonic() + 5
    while served.server.service.shells and time.monotonic() < deadline:
        time.sleep(0.05)  # the server's reaper closes it; no request needed
    assert served.server.service.shells == {}
    assert engine.invoke(command).output  # the next call opens a new pool
    engine.close()


# --- injection: every string parameter arrives as the literal value ------------------------------


def _string_parameters() -> list[Any]:
    cases = []
    for metadata in COMMANDS:
        for parameter in metadata.parameters:
            if parameter.type.dotnet_name in {
                "System.String",
                "System.String[]",
                "Microsoft.Rtc.Management.AD.UserIdParameter",
                "Microsoft.Rtc.Management.Xds.XdsIdentity",
            }:
                cases.append(pytest.param(metadata.name, parameter.name, id=f"{metadata.noun}-{parameter.name}"))
    return cases


def _bound(name: str, **values: Any) -> BoundCommand:
    metadata = find_command(name)
    return BoundCommand(metadata, metadata.default_parameter_set, values)


@pytest.mark.parametrize(("command", "parameter"), _string_parameters())
def test_injection_arrives_literally(
    serve_tenant: ServeFactory, monkeypatch: pytest.MonkeyPatch, command: str, parameter: str
) -> None:
    """What the server's binder is given, for every string parameter of every cmdlet."""
    received: list[Any] = []
    real = execute._arguments

    def recording(wire_command: Any) -> Any:
        arguments = real(wire_command)
        received.extend(a.value for a in arguments if getattr(a, "name", None) == parameter)
        return arguments

    monkeypatch.setattr(execute, "_arguments", recording)
    served = serve_tenant(engine=RecordingEngine())
    is_array = find_command(command).parameter(parameter).type.dotnet_name.endswith("[]")
    with RemoteEngine(served.host()) as engine, engine.batch(raise_errors=False):
        for value in INJECTIONS:
            engine.invoke(_bound(command, **{parameter: (value, value) if is_array else value}))
    assert received == [[v, v] if is_array else v for v in INJECTIONS]


def test_received_values_are_plain_python() -> None:
    from psrpcore.types import PSGuid, PSInt, PSString

    value = plain([PSString("a"), PSInt(1), PSGuid(int=1), True])
    assert value == ["a", 1, uuid.UUID(int=1), True]
    assert [type(v) for v in value] == [str, int, uuid.UUID, bool]


@pytest.mark.parametrize(("module", "listed"), [("MicrosoftTeams", False), ("SkypeOnlineConnector", True)])
def test_a_scripts_get_command_sees_only_the_modules_commands(
    serve_tenant: ServeFactory, module: str, listed: bool
) -> None:
    served = serve_tenant(cs.Tenant.demo(users=3, module=module), allow_scripts=True)
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_script("(Get-Command Enable-CsOnlineDialInConferencingUser).Name")
        ps.invoke()
    # a missing command's .Name is one $null, as PowerShell's member binder gives it
    assert list(ps.output) == (["Enable-CsOnlineDialInConferencingUser"] if listed else [None])
    assert [str(r.fq_error).split(",")[0] for r in ps.streams.error] == ([] if listed else ["CommandNotFoundException"])


def test_a_parameter_the_module_lacks_is_not_bound(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(cs.Tenant.demo(users=3, module="MicrosoftTeams"))
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Set-CsOnlineDialInConferencingUser").add_parameters(
            {"Identity": "amos.marble@contoso.com", "DomainController": "dc1.contoso.com"}
        )
        ps.invoke()
    (record,) = ps.streams.error
    assert str(record.fq_error).startswith("NamedParameterNotFound")
    assert str(record) == "A parameter cannot be found that matches parameter name 'DomainController'."
