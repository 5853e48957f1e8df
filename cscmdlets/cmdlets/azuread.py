"""Licences through the retired AzureAD module: Connect-AzureAD, Get-AzureADUser,
Get-AzureADSubscribedSku and Set-AzureADUserLicense.

A licence change goes through the same rules and the same change as Set-MgUserLicense and
Set-MsolUserLicense (``licences.py``): assigning Audio Conferencing enables the user and sends
the "enabled" email, removing it sends the "removed" one. Scripts build the change as the
reference's example does::

    $license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense
    $license.SkuId = (Get-AzureADSubscribedSku | Where-Object SkuPartNumber -eq 'MCOMEETADV').SkuId
    $licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses
    $licenses.AddLicenses = $license
    Set-AzureADUserLicense -ObjectId alex.darrow@contoso.com -AssignedLicenses $licenses

References (Microsoft Learn, module AzureAD 2.0): Set-AzureADUserLicense
(https://learn.microsoft.com/en-us/powershell/module/azuread/set-azureaduserlicense),
Get-AzureADUser (https://learn.microsoft.com/en-us/powershell/module/azuread/get-azureaduser),
Get-AzureADSubscribedSku (https://learn.microsoft.com/en-us/powershell/module/azuread/get-azureadsubscribedsku),
Connect-AzureAD (https://learn.microsoft.com/en-us/powershell/module/azuread/connect-azuread).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..model import User
from ..model.neighbourhood import (
    AZUREAD_MODEL,
    SKU_BY_PART_NUMBER,
    AzureAdAssignedLicense,
    AzureAdConnection,
    AzureAdSubscribedSku,
    AzureAdUser,
    LicenseUnits,
    Sku,
)
from ..powershell import types as t
from ..powershell.errors import ErrorCategory, PowerShellError, ServiceError
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .connections import signed_in_account
from .errors import UserNotFound
from .licences import (
    LicenceChange,
    apply_licence_change,
    as_items,
    assigned_entry,
    assigned_licenses,
    check_change,
    consumed_units,
    graph_filterable,
    graph_sku,
    member_of,
    plan_infos,
)
from .neighbourhood_errors import GraphInvalidFilter, GraphResourceNotFound, graph_invalid_license, graph_not_assigned
from .odata import compile_odata
from .opath import FilterSyntaxError

AZUREAD_NAMESPACE = "Microsoft.Open.AzureAD16.PowerShell"


class AzureAdApiError(ServiceError):
    """What the AzureAD module writes for a failed directory call: the operation, then the
    directory's code and message (the Graph errors' texts)."""

    error_id = "Microsoft.Open.AzureAD16.Client.ApiException"  # inferred
    category = ErrorCategory.NotSpecified
    exception_type = "Microsoft.Open.AzureAD16.Client.ApiException"
    template = "Error occurred while executing {0}\nCode: {1}\nMessage: {2}"  # inferred


def azuread_error(operation: str, error: PowerShellError) -> AzureAdApiError:
    """``error`` (a Graph one: same directory, same codes) as the AzureAD module reports it."""
    return AzureAdApiError(operation, error.error_id, error.message, target_object=error.target_object)


def _resolve(backend: Backend, object_id: str, operation: str) -> User:
    """``-ObjectId``: the user's object ID or UPN."""
    try:
        return backend.resolve_user(object_id)
    except UserNotFound:
        raise azuread_error(operation, GraphResourceNotFound(object_id)) from None


def azuread_user(user: User) -> AzureAdUser:
    return AzureAdUser(
        object_id=str(user.object_id),
        account_enabled=user.account_enabled,
        assigned_licenses=tuple(
            AzureAdAssignedLicense(sku_id=str(lic.sku_id), disabled_plans=tuple(map(str, lic.disabled_plans)))
            for lic in assigned_licenses(user)
        ),
        department=user.department,
        display_name=user.display_name,
        mail=user.primary_smtp_address,
        preferred_language=user.preferred_language,
        usage_location=user.usage_location,
        user_principal_name=user.user_principal_name,
        user_type="Guest" if user.account_type == "Guest" else "Member",
    )


# --- Connect-AzureAD --------------------------------------------------------------------------------

CONNECT_AZUREAD = CommandMetadata(
    name="Connect-AzureAD",
    synopsis="Signs in to the directory (the emulated tenant: any account is accepted).",
    implementing_type="Microsoft.Open.Azure.AD.CommonLibrary.ConnectAzureAD",
    default_parameter_set="UserCredential",
    supports_should_process=True,
    output_type=AzureAdConnection,
    parameters=(
        Parameter("AzureEnvironmentName", t.STRING, help="AzureCloud (the default) and the national clouds."),
        Parameter("TenantId", t.STRING, help="The tenant's ID or domain; the emulated tenant only."),
        Parameter("Credential", t.PSOBJECT, sets=(InSet("UserCredential"),), help="A PSCredential."),
        Parameter("AccountId", t.STRING, help="The account signing in."),
        Parameter(
            "CertificateThumbprint",
            t.STRING,
            sets=(InSet("ServicePrincipalCertificate", mandatory=True),),
            help="An app's certificate.",
        ),
        Parameter(
            "ApplicationId", t.STRING, sets=(InSet("ServicePrincipalCertificate", mandatory=True),), help="The app."
        ),
        Parameter("AadAccessToken", t.STRING, sets=(InSet("AccessToken", mandatory=True),), help="A token."),
        Parameter("MsAccessToken", t.STRING, sets=(InSet("AccessToken"),), help="A Microsoft Graph token."),
        Parameter("LogLevel", t.STRING, help="Info, Error or None."),
        Parameter("LogFile", t.STRING, help="Accepted: nothing is logged."),
    ),
    examples=(Example("Connect-AzureAD -AccountId admin@contoso.com", "Signs in; the emulated tenant needs nothing."),),
)


@cmdlet(CONNECT_AZUREAD)
def connect_azuread(call: Invocation) -> None:
    tenant = call.backend.tenant
    account = signed_in_account(call)
    if not call.should_process(tenant.default_domain):
        return
    call.write_output(
        AzureAdConnection(
            account=account,
            environment=call.get("AzureEnvironmentName", None) or "AzureCloud",
            tenant_id=tenant.tenant_id,
            tenant_domain=tenant.default_domain,
            account_type="ServicePrincipal" if call.has("ApplicationId") else "User",
        )
    )


# --- Get-AzureADUser --------------------------------------------------------------------------------

GET_AZUREAD_USER = CommandMetadata(
    name="Get-AzureADUser",
    synopsis="Returns users through the retired AzureAD module.",
    implementing_type=f"{AZUREAD_NAMESPACE}.GetUser",
    default_parameter_set="GetQuery",
    output_type=AzureAdUser,
    parameters=(
        Parameter("ObjectId", t.STRING, sets=(InSet("GetById", mandatory=True),), help="One user by ID or UPN."),
        Parameter(
            "SearchString",
            t.STRING,
            sets=(InSet("GetVague"),),
            help="Users whose display name or UPN starts with this.",
        ),
        Parameter(
            "Filter", t.STRING, sets=(InSet("GetQuery"),), help="An OData filter, e.g. \"department eq 'Sales'\"."
        ),
        Parameter("Top", t.INT32, sets=(InSet("GetQuery"),), help="At most this many users."),
        # A Boolean, not a switch: scripts write -All $true.
        Parameter("All", t.BOOLEAN, help="$true: every user (otherwise the first 100)."),
    ),
    examples=(
        Example(
            "Get-AzureADUser -All $true | Where-Object { $_.AssignedLicenses.SkuId -contains $sku.SkuId }",
            "Lists the users holding one SKU.",
        ),
    ),
)

#: What Get-AzureADUser returns without -All $true or -Top.
AZUREAD_PAGE = 100


@cmdlet(GET_AZUREAD_USER)
def get_azuread_user(call: Invocation) -> None:
    object_id = call.get("ObjectId", None)
    if object_id is not None:
        call.write_output(azuread_user(_resolve(call.backend, object_id, "GetUser")))
        return
    users: Iterable[User] = filter(_selection(call), call.backend.store.users())
    limit = call.get("Top", None) if call.has("Top") else None if call.get("All", False) else AZUREAD_PAGE
    for user in itertools.islice(users, limit):
        call.write_output(azuread_user(user))


def _selection(call: Invocation) -> Callable[[User], bool]:
    """-SearchString (a prefix of the display name or UPN) or -Filter (OData), else everyone."""
    search = call.get("SearchString", None)
    if search is not None:
        text = str(search).lower()
        return lambda u: u.user_principal_name.lower().startswith(text) or u.display_name.lower().startswith(text)
    text = call.get("Filter", None)
    if not text:
        return lambda u: True
    try:
        return compile_odata(str(text), graph_filterable())
    except FilterSyntaxError as error:
        raise azuread_error("GetUsers", GraphInvalidFilter(str(error), target_object=text)) from None


# --- Get-AzureADSubscribedSku -----------------------------------------------------------------------

GET_AZUREAD_SUBSCRIBED_SKU = CommandMetadata(
    name="Get-AzureADSubscribedSku",
    synopsis="Returns the tenant's subscriptions through the retired AzureAD module.",
    implementing_type=f"{AZUREAD_NAMESPACE}.GetSubscribedSku",
    output_type=AzureAdSubscribedSku,
    parameters=(Parameter("ObjectId", t.STRING, help="<tenantId>_<skuId>: one subscription."),),
    examples=(
        Example(
            "Get-AzureADSubscribedSku | Where-Object -Property SkuPartNumber -Value 'MCOMEETADV' -EQ",
            "Finds the Audio Conferencing subscription and its SkuId.",
        ),
    ),
)


@cmdlet(GET_AZUREAD_SUBSCRIBED_SKU)
def get_azuread_subscribed_sku(call: Invocation) -> None:
    backend = call.backend
    tenant_id, used = backend.tenant.tenant_id, consumed_units(backend)
    wanted = call.get("ObjectId", None)
    for subscription in backend.store.subscriptions().skus:
        sku = SKU_BY_PART_NUMBER[subscription.part_number.upper()]
        key = f"{tenant_id}_{sku.sku_id}"
        if wanted is not None and str(wanted).lower() != key:
            continue
        call.write_output(
            AzureAdSubscribedSku(
                object_id=key,
                consumed_units=used.get(sku.part_number, 0),
                prepaid_units=LicenseUnits(enabled=subscription.enabled_units),
                service_plans=plan_infos(None, sku),
                sku_id=str(sku.sku_id),
                sku_part_number=sku.part_number,
            )
        )
    if wanted is not None and not call.result.output:
        raise azuread_error("GetSubscribedSku", GraphResourceNotFound(str(wanted), target_object=wanted))


# --- Set-AzureADUserLicense -------------------------------------------------------------------------

ASSIGNED_LICENSES_TYPE = f"{AZUREAD_MODEL}.AssignedLicenses"


def _assigned_licenses(value: Any, parameter: str) -> Any:
    """-AssignedLicenses binds an AssignedLicenses object, or a hashtable of its properties
    (PowerShell builds an object of a type with a default constructor from one: about_Object_Creation);
    anything else -- a SKU string, a lone AssignedLicense -- fails to convert, as PowerShell's
    ``LanguagePrimitives`` reports it."""
    names = getattr(value, "ps_type_names", ())
    if ASSIGNED_LICENSES_TYPE in {str(n).removeprefix("Deserialized.") for n in names}:
        return value
    if isinstance(value, Mapping):
        unknown = next((str(k) for k in value if str(k).lower() not in ("addlicenses", "removelicenses")), None)
        if unknown is None:
            return value
        raise t.ConversionError(  # ExtendedTypeSystem's PropertyNotFoundForObject, inferred for this type
            f'Cannot create object of type "{ASSIGNED_LICENSES_TYPE}". The {unknown} property was not found for '
            f"the {ASSIGNED_LICENSES_TYPE} object. The available property is: "
            f"[AddLicenses <System.Collections.Generic.List`1[{AZUREAD_MODEL}.AssignedLicense]>] , "
            "[RemoveLicenses <System.Collections.Generic.List`1[System.String]>]"
        )
    if names:  # a script's object (a lone AssignedLicense): its ToString() is taken as its type name
        shown = kind = str(names[0])
    else:
        kind = t.dotnet_value_type(value)
        shown = kind if isinstance(value, list | tuple) else t.ps_string(value)
    raise t.ConversionError(f'Cannot convert the "{shown}" value of type "{kind}" to type "{ASSIGNED_LICENSES_TYPE}".')


ASSIGNED_LICENSES = t.ParamType(ASSIGNED_LICENSES_TYPE, "Any", _assigned_licenses, accepts_null=False)

SET_AZUREAD_USER_LICENSE = CommandMetadata(
    name="Set-AzureADUserLicense",
    synopsis="Adds and removes a user's licences through the retired AzureAD module.",
    implementing_type=f"{AZUREAD_NAMESPACE}.SetUserLicenses",
    parameters=(
        Parameter(
            "ObjectId",
            t.STRING,
            mandatory=True,
            from_pipeline_by_property_name=True,
            help="The user's object ID or UPN.",
        ),
        Parameter(
            "AssignedLicenses",
            ASSIGNED_LICENSES,
            mandatory=True,
            help="A Microsoft.Open.AzureAD.Model.AssignedLicenses: AddLicenses (AssignedLicense objects "
            "with SkuId and DisabledPlans) and RemoveLicenses (SKU GUIDs).",
        ),
    ),
    examples=(
        Example(
            "$license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense; "
            "$license.SkuId = '0c266dff-15dd-4b49-8397-2bb16070ed52'; "
            "$licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses; "
            "$licenses.AddLicenses = $license; "
            "Set-AzureADUserLicense -ObjectId alex.darrow@contoso.com -AssignedLicenses $licenses",
            "Assigns the Audio Conferencing add-on: Alex is enabled and gets the welcome email.",
        ),
    ),
)


def rule_assigned_licenses(value: Any) -> LicenceChange:
    """The AssignedLicenses object: AddLicenses entries carry a known SkuId (and DisabledPlans
    GUIDs); RemoveLicenses names SKU GUIDs. Either may be empty or a single item."""
    add = [assigned_entry(entry) for entry in as_items(member_of(value, "AddLicenses"))]
    remove = tuple(graph_sku(sku_id) for sku_id in as_items(member_of(value, "RemoveLicenses")))
    return LicenceChange(tuple(add), remove)


def _not_subscribed(sku: Sku) -> PowerShellError:
    return graph_invalid_license(str(sku.sku_id))


def _not_held(sku: Sku) -> PowerShellError:
    return graph_not_assigned(str(sku.sku_id))


@cmdlet(SET_AZUREAD_USER_LICENSE)
def set_azuread_user_license(call: Invocation) -> None:
    backend = call.backend
    try:
        change = rule_assigned_licenses(call.get("AssignedLicenses"))
    except ServiceError as error:
        raise azuread_error("SetUserLicenses", error) from None
    user = _resolve(backend, call.get("ObjectId"), "SetUserLicenses")
    try:
        check_change(backend, user, change, _not_subscribed, _not_held)
    except ServiceError as error:  # a SKU not subscribed or not held, no usage location, no seat left
        raise azuread_error("SetUserLicenses", error) from None
    parameters = {
        "ObjectId": call.get("ObjectId"),
        "AddLicenses": [str(sku.sku_id) for sku, _ in change.add],
        "RemoveLicenses": [str(sku.sku_id) for sku in change.remove],
    }
    apply_licence_change(call, user, change, parameters)


AZUREAD_COMMANDS = (CONNECT_AZUREAD, GET_AZUREAD_USER, GET_AZUREAD_SUBSCRIBED_SKU, SET_AZUREAD_USER_LICENSE)
