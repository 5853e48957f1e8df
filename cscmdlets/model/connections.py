"""What the connection cmdlets write: a Teams sign-in (Connect-MicrosoftTeams) and a Microsoft
Graph session (Connect-MgGraph, Get-MgContext). Pure data: nothing imported from the rest of
the package but the base model.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import Field

from .tenant import PSModel

#: The app Microsoft Graph PowerShell signs in with unless told another ("Microsoft Graph
#: Command Line Tools"; the welcome message of Connect-MgGraph names it).
GRAPH_COMMAND_LINE_TOOLS = uuid.UUID("14d82eec-204b-4c2f-b7e8-296a70dab67e")


class TeamsConnection(PSModel):
    """What Connect-MicrosoftTeams writes: its table is ``Account Environment Tenant TenantId``
    (https://learn.microsoft.com/en-us/powershell/module/teams/connect-microsoftteams)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.TeamsCmdlets.Powershell.Connect.Models.PSAzureContext",
        "System.Object",
    )

    account: str = Field(alias="Account")
    environment: str = Field("AzureCloud", alias="Environment")
    tenant: uuid.UUID = Field(alias="Tenant")
    tenant_id: uuid.UUID = Field(alias="TenantId")


class MgContext(PSModel):
    """Get-MgContext's ``AuthContext``, its properties in the order Microsoft Graph PowerShell 2
    lists them (https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.authentication/get-mgcontext)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Graph.PowerShell.Authentication.AuthContext",
        "System.Object",
    )

    client_id: str = Field(alias="ClientId")
    tenant_id: str = Field(alias="TenantId")
    scopes: tuple[str, ...] | None = Field(None, alias="Scopes")
    auth_type: str = Field("Delegated", alias="AuthType")
    token_credential_type: str = Field("InteractiveBrowser", alias="TokenCredentialType")
    certificate_thumbprint: str | None = Field(None, alias="CertificateThumbprint")
    certificate_subject_name: str | None = Field(None, alias="CertificateSubjectName")
    send_certificate_chain: bool = Field(False, alias="SendCertificateChain")
    account: str | None = Field(None, alias="Account")
    app_name: str | None = Field(None, alias="AppName")
    context_scope: str = Field("CurrentUser", alias="ContextScope")
    certificate: str | None = Field(None, alias="Certificate")
    ps_host_version: str = Field("7.4.0", alias="PSHostVersion")
    managed_identity_id: str | None = Field(None, alias="ManagedIdentityId")
    client_secret: str | None = Field(None, alias="ClientSecret")
    environment: str = Field("Global", alias="Environment")
