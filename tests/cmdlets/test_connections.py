"""Signing in: Connect-MicrosoftTeams writes the account and tenant; Connect-MgGraph writes its
welcome message (unless -NoWelcome) and starts the session Get-MgContext reports;
Disconnect-MgGraph ends it, writing its context, and fails without one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import TENANT_ID, Door, assert_fails

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory

GRAPH_TOOLS = "14d82eec-204b-4c2f-b7e8-296a70dab67e"
APP = "11112222-bbbb-3333-cccc-4444dddd5555"
WELCOME = (
    "Welcome to Microsoft Graph!\n\n"
    f"Connected via delegated access using {GRAPH_TOOLS}\n"
    "Readme: https://aka.ms/graph/sdk/powershell\n"
    "SDK Docs: https://aka.ms/graph/sdk/powershell/docs\n"
    "API Docs: https://aka.ms/graph/docs\n\n"
    "NOTE: You can use the -NoWelcome parameter to suppress this message.\n"
)


def test_connect_microsoft_teams_writes_the_account_and_tenant(door: Door) -> None:
    [connection] = door("Connect-MicrosoftTeams")
    assert (connection.Account, connection.Environment) == ("admin@contoso.com", "AzureCloud")
    assert str(connection.Tenant) == str(connection.TenantId) == str(TENANT_ID)
    [named] = door("Connect-MicrosoftTeams", AccountId="ops@contoso.com", TeamsEnvironmentName="TeamsGCCH")
    assert (named.Account, named.Environment) == ("ops@contoso.com", "TeamsGCCH")


def test_connect_microsoft_teams_as_an_app_needs_the_tenant(door: Door) -> None:
    app = {"ApplicationId": APP, "CertificateThumbprint": "AB" * 20}
    [connection] = door("Connect-MicrosoftTeams", **app, TenantId="contoso.com")
    assert connection.Account == APP
    with pytest.raises(cs.PowerShellError) as info:
        door("Connect-MicrosoftTeams", **app)
    assert info.value.error_id == "MissingMandatoryParameter"


def test_get_mg_context_is_empty_until_connect_mg_graph(door: Door) -> None:
    assert list(door("Get-MgContext")) == []
    assert list(door("Connect-MgGraph", Scopes=["User.Read.All,Organization.Read.All"], NoWelcome=True)) == []
    [context] = door("Get-MgContext")
    assert (context.ClientId, context.TenantId, context.AuthType) == (GRAPH_TOOLS, str(TENANT_ID), "Delegated")
    assert list(context.Scopes) == ["openid", "Organization.Read.All", "profile", "User.Read", "User.Read.All"]
    assert (context.Account, context.AppName, context.ContextScope) == (
        "admin@contoso.com",
        "Microsoft Graph Command Line Tools",
        "CurrentUser",
    )


def test_connect_mg_graph_as_an_app_is_app_only_in_the_process_scope(door: Door) -> None:
    door("Connect-MgGraph", ClientId=APP, TenantId="contoso.com", CertificateThumbprint="AB" * 20, NoWelcome=True)
    [context] = door("Get-MgContext")
    assert (context.AuthType, context.TokenCredentialType, context.ContextScope) == (
        "AppOnly",
        "ClientCertificate",
        "Process",
    )
    assert (context.ClientId, context.Account, context.Scopes, context.AppName) == (APP, None, None, None)


def test_disconnect_mg_graph_writes_the_context_it_ends_then_fails(door: Door) -> None:
    door("Connect-MgGraph", NoWelcome=True)
    [ended] = door("Disconnect-MgGraph")
    assert ended.AuthType == "Delegated"
    assert list(door("Get-MgContext")) == []
    assert_fails(
        door.tenant,
        lambda: door("Disconnect-MgGraph"),
        "Microsoft.Graph.PowerShell.Authentication.Cmdlets.DisconnectMgGraph",
        ErrorCategory.InvalidOperation,
        "No application to sign out from.",
    )


def test_the_welcome_message_is_output_so_out_null_hides_it() -> None:
    tenant = cs.Tenant.demo()
    shown = tenant.run_script("Connect-MgGraph -Scopes User.Read.All")
    assert shown.output == [WELCOME]
    hidden = cs.Tenant.demo().run_script("Connect-MgGraph -Scopes User.Read.All | Out-Null; (Get-MgContext).AuthType")
    assert hidden.output == ["Delegated"]


def test_a_graph_script_signs_in_only_when_it_has_no_session() -> None:
    script = """
    $signedIn = 0
    foreach ($pass in 1..2) {
        if (-not (Get-MgContext)) { Connect-MgGraph -Scopes User.Read.All -NoWelcome; $signedIn++ }
    }
    if ((Get-MgContext).Scopes -notcontains 'User.ReadWrite.All') { "read-only session, signed in $signedIn time(s)" }
    """
    assert cs.Tenant.demo().run_script(script).output == ["read-only session, signed in 1 time(s)"]


def test_a_script_shows_the_sign_in_table_and_runs_the_same_under_what_if(tmp_path: Path) -> None:
    script = tmp_path / "report.ps1"
    script.write_text(
        "Connect-MicrosoftTeams\n"
        "Connect-MgGraph -Scopes User.Read.All\n"
        'Write-Host "Signed in as $((Get-MgContext).Account)"\n'
        "Disconnect-MicrosoftTeams\n",
        encoding="utf-8",
    )
    state = tmp_path / "state.db"
    base = [sys.executable, "-m", "cscmdlets", "run", "--state", str(state), "--demo", str(script)]
    plain = {"NO_COLOR": "1"}
    real = subprocess.run(base, capture_output=True, text=True, check=False, env=plain)
    assert real.returncode == 0, real.stderr
    lines = real.stdout.splitlines()
    assert lines[1].split() == ["Account", "Environment", "Tenant", "TenantId"]
    assert lines[3].split() == ["admin@contoso.com", "AzureCloud", str(TENANT_ID), str(TENANT_ID)]
    assert WELCOME in real.stdout and real.stdout.rstrip().endswith("Signed in as admin@contoso.com")
    dry = subprocess.run([*base, "--what-if"], capture_output=True, text=True, check=False, env=plain)
    assert (dry.returncode, dry.stdout) == (0, real.stdout)
