"""Signing in: Connect-/Disconnect-MicrosoftTeams, and Microsoft Graph PowerShell's
Connect-/Disconnect-MgGraph and Get-MgContext.

Against the emulated tenant any account is accepted and nothing is asked; what the scripts see
is what the real cmdlets write. Connect-MicrosoftTeams writes the signed-in account and tenant
(its table: ``Account Environment Tenant TenantId``). Connect-MgGraph writes its welcome
message unless ``-NoWelcome`` is given, and starts the Graph session Get-MgContext reports
(``$null`` until then, again after Disconnect-MgGraph, which writes the context it ends).
A Graph session belongs to the tenant object: one ``cscmdlets run``, one Python ``Tenant``.

References (Microsoft Learn): Connect-MicrosoftTeams
(https://learn.microsoft.com/en-us/powershell/module/teams/connect-microsoftteams), Connect-MgGraph
(https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.authentication/connect-mggraph),
Get-MgContext (…/microsoft.graph.authentication/get-mgcontext), Disconnect-MgGraph
(…/microsoft.graph.authentication/disconnect-mggraph).
"""

from __future__ import annotations

from typing import Any

from ..model.connections import GRAPH_COMMAND_LINE_TOOLS, MgContext, TeamsConnection
from ..powershell import types as t
from ..powershell.errors import ErrorCategory, ServiceError
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .licences import member_of

_AUTHENTICATION = "Microsoft.Graph.PowerShell.Authentication.Cmdlets"

# --- Microsoft Teams ---------------------------------------------------------------------------------

_APP = ("ServicePrincipalCertificate", "ServicePrincipalCertificateThumbprint")

CONNECT_TEAMS = CommandMetadata(
    name="Connect-MicrosoftTeams",
    synopsis="Signs in to Microsoft Teams (the emulated tenant: any account is accepted).",
    implementing_type="Microsoft.TeamsCmdlets.Powershell.Connect.ConnectMicrosoftTeams",
    default_parameter_set="UserCredential",
    supports_should_process=True,
    output_type=TeamsConnection,
    parameters=(
        Parameter(
            "TenantId",
            t.STRING,
            sets=(InSet("UserCredential"), *(InSet(s, mandatory=True) for s in _APP), InSet("AccessTokens")),
            help="The tenant's ID or domain.",
        ),
        Parameter("Credential", t.PSOBJECT, sets=(InSet("UserCredential"),), help="A PSCredential."),
        Parameter("AccountId", t.STRING, sets=(InSet("UserCredential"),), help="The account signing in."),
        Parameter("Certificate", t.PSOBJECT, sets=(InSet("ServicePrincipalCertificate", mandatory=True),)),
        Parameter(
            "CertificateThumbprint", t.STRING, sets=(InSet("ServicePrincipalCertificateThumbprint", mandatory=True),)
        ),
        Parameter("ApplicationId", t.STRING, sets=tuple(InSet(s, mandatory=True) for s in _APP), help="The app."),
        Parameter("AccessTokens", t.STRING_ARRAY, sets=(InSet("AccessTokens", mandatory=True),)),
        Parameter("LogLevel", t.STRING, help="Info, Error, Warning or None."),
        Parameter("LogFilePath", t.STRING, help="Accepted: nothing is logged."),
        Parameter(
            "TeamsEnvironmentName",
            t.STRING,
            sets=(InSet("UserCredential"),),
            help="TeamsGCCH, TeamsDOD or TeamsChina; the commercial cloud when left out.",
        ),
        Parameter("Identity", t.SWITCH, sets=(InSet("ManagedIdentity", mandatory=True),), help="A managed identity."),
        Parameter("UseDeviceAuthentication", t.SWITCH, sets=(InSet("UserCredential"),)),
        Parameter("DisableWAM", t.SWITCH, sets=(InSet("UserCredential"),)),
    ),
    examples=(
        Example(
            "$connection = Connect-MicrosoftTeams; $connection.TenantId",
            "Signs in and reads the tenant's ID from what the cmdlet wrote.",
        ),
    ),
)


@cmdlet(CONNECT_TEAMS)
def connect_microsoft_teams(call: Invocation) -> None:
    tenant = call.backend.tenant
    account = (
        call.get("ApplicationId", None)
        or call.get("AccountId", None)
        or _user_name(call.get("Credential", None))
        or f"admin@{tenant.default_domain}"
    )
    if not call.should_process(tenant.default_domain):
        return
    call.write_output(
        TeamsConnection(
            account=account,
            environment=call.get("TeamsEnvironmentName", None) or "AzureCloud",
            tenant=tenant.tenant_id,
            tenant_id=tenant.tenant_id,
        )
    )


DISCONNECT_TEAMS = CommandMetadata(
    name="Disconnect-MicrosoftTeams",
    synopsis="Signs out of Microsoft Teams; writes nothing.",
    implementing_type="Microsoft.TeamsCmdlets.Powershell.Connect.DisconnectMicrosoftTeams",
    supports_should_process=True,
    parameters=(),
    examples=(Example("Disconnect-MicrosoftTeams", "Ends the session, as a script's last line."),),
)


@cmdlet(DISCONNECT_TEAMS)
def disconnect_microsoft_teams(call: Invocation) -> None:
    call.should_process(call.backend.tenant.default_domain)


def _user_name(credential: Any) -> str | None:
    name = member_of(credential, "UserName") if credential is not None else None
    return None if name is None else str(name)


# --- Microsoft Graph -------------------------------------------------------------------------------

_USER, _APP_CERTIFICATE, _IDENTITY = "UserParameterSet", "AppCertificateParameterSet", "IdentityParameterSet"
_SECRET, _TOKEN = "AppSecretCredentialParameterSet", "AccessTokenParameterSet"
_VARIABLES = "EnvironmentVariableParameterSet"
_TENANT_SETS = (_USER, _APP_CERTIFICATE, _SECRET)
_SCOPE_SETS = (_USER, _APP_CERTIFICATE, _IDENTITY, _SECRET, _VARIABLES)

CONNECT_MG_GRAPH = CommandMetadata(
    name="Connect-MgGraph",
    synopsis="Starts a Microsoft Graph session (the emulated tenant: any account is accepted).",
    implementing_type=f"{_AUTHENTICATION}.ConnectMgGraph",
    default_parameter_set=_USER,
    output_type=str,
    parameters=(
        Parameter("Scopes", t.STRING_ARRAY, sets=(InSet(_USER, position=0),), help="Delegated permissions."),
        Parameter(
            "ClientId",
            t.STRING,
            sets=(InSet(_USER, position=1), InSet(_APP_CERTIFICATE, True, 0), InSet(_IDENTITY)),
            aliases=("AppId", "ApplicationId"),
            help="The app to sign in with; Microsoft Graph Command Line Tools when left out.",
        ),
        Parameter(
            "CertificateSubjectName",
            t.STRING,
            sets=(InSet(_APP_CERTIFICATE, position=1),),
            aliases=("CertificateSubject", "CertificateName"),
        ),
        Parameter("CertificateThumbprint", t.STRING, sets=(InSet(_APP_CERTIFICATE, position=2),)),
        Parameter("SendCertificateChain", t.BOOLEAN, sets=(InSet(_APP_CERTIFICATE),)),
        Parameter("Certificate", t.PSOBJECT, sets=(InSet(_APP_CERTIFICATE),)),
        Parameter("ClientSecretCredential", t.PSOBJECT, sets=(InSet(_SECRET),), aliases=("SecretCredential",)),
        Parameter("AccessToken", t.PSOBJECT, sets=(InSet(_TOKEN, True, 0),), help="A SecureString token."),
        Parameter("TenantId", t.STRING, sets=tuple(InSet(s) for s in _TENANT_SETS), aliases=("Audience", "Tenant")),
        Parameter("ContextScope", t.STRING, sets=tuple(InSet(s) for s in _SCOPE_SETS), help="Process or CurrentUser."),
        Parameter("Environment", t.STRING, aliases=("EnvironmentName", "NationalCloud"), help="Global by default."),
        Parameter("UseDeviceCode", t.SWITCH, sets=(InSet(_USER),), aliases=("UseDeviceAuthentication", "DeviceCode")),
        Parameter("ClientTimeout", t.OBJECT, help="Seconds (a Double)."),
        Parameter(
            "Identity", t.SWITCH, sets=(InSet(_IDENTITY),), aliases=("ManagedIdentity", "ManagedServiceIdentity")
        ),
        Parameter("EnvironmentVariable", t.SWITCH, sets=(InSet(_VARIABLES),)),
        Parameter("NoWelcome", t.SWITCH, help="Leaves out the welcome message."),
    ),
    examples=(
        Example(
            "Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome",
            "Signs in for a licence script, without the welcome message.",
        ),
    ),
)

#: Each parameter set's AuthType and TokenCredentialType (Microsoft.Graph.Authentication's enums).
_AUTH_TYPES = {
    _USER: ("Delegated", "InteractiveBrowser"),
    _APP_CERTIFICATE: ("AppOnly", "ClientCertificate"),
    _SECRET: ("AppOnly", "ClientSecret"),
    _IDENTITY: ("ManagedIdentity", "ManagedIdentity"),
    _TOKEN: ("UserProvidedAccessToken", "UserProvidedAccessToken"),
    _VARIABLES: ("EnvironmentVariable", "EnvironmentVariable"),
}

_WELCOME = (
    "Welcome to Microsoft Graph!\n\n"
    "Connected via {auth_type} access using {client_id}\n"
    "Readme: https://aka.ms/graph/sdk/powershell\n"
    "SDK Docs: https://aka.ms/graph/sdk/powershell/docs\n"
    "API Docs: https://aka.ms/graph/docs\n\n"
    "NOTE: You can use the -NoWelcome parameter to suppress this message.\n"
)


@cmdlet(CONNECT_MG_GRAPH)
def connect_mg_graph(call: Invocation) -> None:
    context = _graph_context(call)
    call.backend.graph_context = context
    if not call.switch("NoWelcome"):
        call.write_output(_WELCOME.format(auth_type=context.auth_type.lower(), client_id=context.client_id))


def _graph_context(call: Invocation) -> MgContext:
    tenant, parameter_set = call.backend.tenant, call.command.parameter_set
    auth_type, credential_type = _AUTH_TYPES[parameter_set]
    if parameter_set == _USER and call.switch("UseDeviceCode"):
        credential_type = "DeviceCode"
    client_id = call.get("ClientId", None) or _user_name(call.get("ClientSecretCredential", None))
    delegated = auth_type in ("Delegated", "UserProvidedAccessToken")
    return MgContext(
        client_id=client_id or str(GRAPH_COMMAND_LINE_TOOLS),
        tenant_id=str(tenant.tenant_id),
        scopes=_scopes(call.get("Scopes", None)) if delegated else None,
        auth_type=auth_type,
        token_credential_type=credential_type,
        certificate_thumbprint=call.get("CertificateThumbprint", None),
        certificate_subject_name=call.get("CertificateSubjectName", None),
        send_certificate_chain=bool(call.get("SendCertificateChain", False)),
        account=f"admin@{tenant.default_domain}" if delegated else None,
        app_name="Microsoft Graph Command Line Tools" if client_id is None else None,
        context_scope=call.get("ContextScope", None) or ("CurrentUser" if parameter_set == _USER else "Process"),
        environment=call.get("Environment", None) or "Global",
    )


def _scopes(asked: list[str] | None) -> tuple[str, ...]:
    """The token's scopes: those asked for (commas split, as Connect-MgGraph splits them) and
    the sign-in's own, in the order the token lists them (alphabetical)."""
    named = {s.strip() for scope in asked or () for s in scope.split(",") if s.strip()}
    return tuple(sorted(named | {"openid", "profile", "User.Read"}, key=str.lower))


GET_MG_CONTEXT = CommandMetadata(
    name="Get-MgContext",
    synopsis="The Microsoft Graph session Connect-MgGraph started; nothing before it.",
    implementing_type=f"{_AUTHENTICATION}.GetMgContext",
    default_parameter_set="UserParameterSet",
    output_type=MgContext,
    parameters=(),
    examples=(
        Example(
            "if (-not (Get-MgContext)) { Connect-MgGraph -Scopes User.Read.All -NoWelcome }",
            "Signs in only when the script has no Graph session yet.",
        ),
    ),
)


@cmdlet(GET_MG_CONTEXT)
def get_mg_context(call: Invocation) -> None:
    if call.backend.graph_context is not None:
        call.write_output(call.backend.graph_context)


class NoGraphSession(ServiceError):
    """Disconnect-MgGraph without a session."""

    error_id = f"{_AUTHENTICATION}.DisconnectMgGraph"  # inferred: the cmdlet's type, as its other errors
    category = ErrorCategory.InvalidOperation  # inferred
    exception_type = "System.Exception"  # inferred
    template = "No application to sign out from."


DISCONNECT_MG_GRAPH = CommandMetadata(
    name="Disconnect-MgGraph",
    synopsis="Ends the Microsoft Graph session and writes its context.",
    implementing_type=f"{_AUTHENTICATION}.DisconnectMgGraph",
    output_type=MgContext,
    parameters=(),
    examples=(
        Example(
            "Connect-MgGraph -NoWelcome; Disconnect-MgGraph | Out-Null",
            "Ends the session without showing its context.",
        ),
    ),
)


@cmdlet(DISCONNECT_MG_GRAPH)
def disconnect_mg_graph(call: Invocation) -> None:
    context = call.backend.graph_context
    if context is None:
        raise NoGraphSession()
    call.backend.graph_context = None
    call.write_output(context)


CONNECTION_COMMANDS = (CONNECT_TEAMS, DISCONNECT_TEAMS, CONNECT_MG_GRAPH, GET_MG_CONTEXT, DISCONNECT_MG_GRAPH)
