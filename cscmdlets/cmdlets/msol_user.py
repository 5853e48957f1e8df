"""Users through the retired MSOnline module: Connect-MsolService, Set-MsolUser and
New-MsolLicenseOptions.

2017-era new-starter scripts set the usage location with Set-MsolUser before
Set-MsolUserLicense, since "you can assign licenses only to user accounts that have the
UsageLocation property set" ("Assign licenses to user accounts with Office 365 PowerShell"),
and built the plans to leave off with New-MsolLicenseOptions. MSOnline's cmdlets declare no
ShouldProcess: neither takes -WhatIf, as the reference's syntax shows.

References (Microsoft Learn, module MSOnline): Connect-MsolService
(https://learn.microsoft.com/en-us/powershell/module/msonline/connect-msolservice), Set-MsolUser
(https://learn.microsoft.com/en-us/powershell/module/msonline/set-msoluser),
New-MsolLicenseOptions (https://learn.microsoft.com/en-us/powershell/module/msonline/new-msollicenseoptions).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import User
from ..model.neighbourhood import MsolLicenseOption
from ..powershell import types as t
from ..powershell.errors import ErrorCategory, ServiceError
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .licences import msol_key, msol_type, resolve_msol_user, rule_msol_tenant

_TENANT_ID = Parameter("TenantId", t.GUID, help="The tenant (a partner's customer); the emulated tenant only.")
_BY_ID, _BY_UPN = "SetUser__0", "SetUserByUpn__0"


class MsolInvalidValue(ServiceError):
    """MSOnline's answer to a property value the directory refuses (a usage location that is
    not a two-letter country code)."""

    error_id = "Microsoft.Online.Administration.Automation.PropertyValidationException"  # inferred
    category = ErrorCategory.OperationStopped
    template = "Invalid value for parameter.  Parameter Name: {0}."  # inferred


SET_MSOL_USER = CommandMetadata(
    name="Set-MsolUser",
    synopsis="Changes a user's directory properties through the retired MSOnline module.",
    implementing_type=msol_type("Set-MsolUser"),
    default_parameter_set=_BY_ID,
    parameters=(
        Parameter(
            "ObjectId",
            t.GUID,
            sets=(InSet(_BY_ID, mandatory=True),),
            from_pipeline_by_property_name=True,
            help="The user by object ID.",
        ),
        Parameter(
            "UserPrincipalName",
            t.STRING,
            sets=(InSet(_BY_UPN, mandatory=True),),
            from_pipeline_by_property_name=True,
            help="The user by UPN.",
        ),
        Parameter("UsageLocation", t.STRING, help="Two-letter country code (ISO 3166-1), needed for licences."),
        Parameter("DisplayName", t.STRING, help="The user's display name."),
        Parameter("Department", t.STRING, help="The user's department."),
        Parameter("BlockCredential", t.BOOLEAN, help="$true: the user cannot sign in."),
        _TENANT_ID,
    ),
    examples=(
        Example(
            "Set-MsolUser -UserPrincipalName alex.darrow@contoso.com -UsageLocation GB",
            "Sets Alex's usage location, which a licence assignment needs.",
        ),
    ),
)

#: ISO 3166-1 alpha-2: what the directory takes as a usage location.
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
#: Set-MsolUser's parameters and the User fields they write.
_FIELDS = {"UsageLocation": "usage_location", "DisplayName": "display_name", "Department": "department"}


def rule_usage_location_code(value: str) -> str:
    """A usage location is a two-letter country code; the directory stores it in capitals."""
    if not _COUNTRY.match(value):
        raise MsolInvalidValue("UsageLocation", target_object=value)
    return value.upper()


@cmdlet(SET_MSOL_USER)
def set_msol_user(call: Invocation) -> None:
    rule_msol_tenant(call)
    before = resolve_msol_user(call, msol_key(call) or "")  # each parameter set makes one mandatory
    changes: dict[str, Any] = {}
    parameters: dict[str, Any] = {"UserPrincipalName": before.user_principal_name}
    for name, field_name in _FIELDS.items():
        if call.has(name):
            value = call.get(name)
            value = rule_usage_location_code(str(value)) if name == "UsageLocation" else value
            changes[field_name] = value
            parameters[name] = value
    if call.has("BlockCredential"):
        changes["account_enabled"] = not call.get("BlockCredential")
        parameters["BlockCredential"] = call.get("BlockCredential")
    after: User = before.model_copy(update=changes)
    if after != before:
        call.save_user(before, after, parameters)


NEW_MSOL_LICENSE_OPTIONS = CommandMetadata(
    name="New-MsolLicenseOptions",
    synopsis="Makes the licence options (plans to switch off) for Set-MsolUserLicense -LicenseOptions.",
    implementing_type=msol_type("New-MsolLicenseOptions"),
    output_type=MsolLicenseOption,
    parameters=(
        Parameter("AccountSkuId", t.STRING, mandatory=True, help="The SKU, e.g. contoso:ENTERPRISEPACK."),
        Parameter("DisabledPlans", t.STRING_ARRAY, help="Service plan names to switch off."),
    ),
    examples=(
        Example(
            "$options = New-MsolLicenseOptions -AccountSkuId contoso:SPE_E5 -DisabledPlans MCOEV; "
            "Set-MsolUserLicense -UserPrincipalName alex.darrow@contoso.com -AddLicenses contoso:SPE_E5 "
            "-LicenseOptions $options",
            "Assigns Microsoft 365 E5 without Phone System.",
        ),
    ),
)


@cmdlet(NEW_MSOL_LICENSE_OPTIONS)
def new_msol_license_options(call: Invocation) -> None:
    """Made locally: Set-MsolUserLicense checks the SKU and the plan names when it assigns them."""
    call.write_output(
        MsolLicenseOption(
            account_sku_id=str(call.get("AccountSkuId")),
            disabled_service_plans=tuple(call.get("DisabledPlans", None) or ()),
        )
    )


CONNECT_MSOL_SERVICE = CommandMetadata(
    name="Connect-MsolService",
    synopsis="Signs in to the directory (the emulated tenant: any account is accepted).",
    implementing_type=msol_type("Connect-MsolService"),
    parameters=(
        Parameter("Credential", t.PSOBJECT, position=0, help="A PSCredential."),
        Parameter("AccessToken", t.STRING, help="An access token."),
        Parameter("AzureEnvironment", t.STRING, help="AzureCloud (the default) and the national clouds."),
        Parameter("AdGraphAccessToken", t.STRING, help="An Azure AD Graph token."),
        Parameter("MsGraphAccessToken", t.STRING, help="A Microsoft Graph token."),
    ),
    examples=(Example("Connect-MsolService", "Signs in; the emulated tenant needs nothing."),),
)


@cmdlet(CONNECT_MSOL_SERVICE)
def connect_msol_service(call: Invocation) -> None:
    """Nothing to do against the emulated tenant; a cmdlet all the same, so that under today's
    module (MSOnline retired) it is not found, as the module's other cmdlets are not."""


MSOL_USER_COMMANDS = (CONNECT_MSOL_SERVICE, SET_MSOL_USER, NEW_MSOL_LICENSE_OPTIONS)
