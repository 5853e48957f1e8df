"""Setup calls run once per pool (typed, secrets as SecureString), and ``cscmdlets serve``."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from pydantic import SecretStr

import cscmdlets as cs
from cscmdlets.cli import serve_cmd
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.binder import bind_keywords
from cscmdlets.powershell.engine import Result
from cscmdlets.remote import RemoteEngine
from cscmdlets.remote.serve import execute

from .conftest import ServeFactory

SETTINGS = find_command("Get-CsOnlineDialInConferencingTenantSettings")


def test_setup_runs_once_on_connect(serve_tenant: ServeFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[Any]] = []

    def connect(values: list[Any], data: list[Any] | None) -> Result:
        seen.append(values)
        return Result()

    monkeypatch.setitem(execute.BUILTINS, "connect-microsoftteams", connect)
    served = serve_tenant()
    setup = [
        ("Import-Module", {"Name": "MicrosoftTeams"}),
        ("Connect-MicrosoftTeams", {"CertificateThumbprint": "ABCDEF0123", "AccessTokens": SecretStr("t0k3n")}),
        ("Set-CsOnlineDialInConferencingTenantSettings", {"PinLength": 9}),
    ]
    with RemoteEngine(served.host(setup=setup)) as engine:
        for _ in range(2):
            (settings,) = engine.invoke(bind_keywords(SETTINGS, {})).output
            assert settings.pin_length == 9
    (values,) = seen
    thumbprint, token = values
    assert thumbprint == "ABCDEF0123"
    assert token.decrypt() == "t0k3n"  # sent as a SecureString after the session key exchange


def test_setup_failure_is_raised_with_the_remote_error(serve_tenant: ServeFactory) -> None:
    served = serve_tenant()
    host = served.host(setup=[("Import-Module", {"Name": "NoSuchModule"})])
    with pytest.raises(cs.PowerShellError) as raised, RemoteEngine(host) as engine:
        engine.invoke(bind_keywords(SETTINGS, {}))
    assert (
        raised.value.fully_qualified_error_id
        == "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"
    )
    assert "'NoSuchModule' was not loaded" in str(raised.value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cscmdlets")
    serve_cmd.add_subcommand(parser.add_subparsers(dest="subcommand"))
    return parser


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(
            ["serve", "--demo", "--host", "0.0.0.0", "--password", "x", "--port", "0"], id="no-tls-off-loopback"
        ),
        pytest.param(["serve", "--demo", "--port", "0"], id="no-password"),
    ],
)
def test_cli_refuses_unsafe_settings(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(serve_cmd.PASSWORD_ENV, raising=False)
    args = _parser().parse_args(argv)
    assert args.handler(args) == 2
    assert capsys.readouterr().err.startswith("cscmdlets serve: ")


def test_cli_defaults() -> None:
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.auth, args.tls_cert) == ("127.0.0.1", None, "basic", None)


def test_serve_entry_point_in_a_thread() -> None:
    from cscmdlets.remote.serve import serve

    tenant = cs.Tenant.demo()
    server = serve(tenant, port=0, username="admin", password="pw-for-test", block=False)
    try:
        host = cs.RemoteHost(
            "127.0.0.1",
            port=server.port,
            username="admin",
            password="pw-for-test",
            auth="basic",
            ssl=False,
            encryption="never",
        )
        with RemoteEngine(host) as engine:
            assert engine.invoke(bind_keywords(SETTINGS, {})).output
    finally:
        server.close()
