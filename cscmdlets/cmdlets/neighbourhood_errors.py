"""Errors of the commands around the dial-in family: users, licences, policies, numbers.

Texts Microsoft's pages or public transcripts show are marked with their source; the others
are ``# inferred``, written the way that service's other messages read.
"""

from __future__ import annotations

from ..powershell.errors import ErrorCategory, ServiceError


class GraphResourceNotFound(ServiceError):
    """Microsoft Graph's 404 for a user id (Request_ResourceNotFound)."""

    error_id = "Request_ResourceNotFound"
    category = ErrorCategory.ObjectNotFound
    template = "Resource '{0}' does not exist or one of its queried reference-property objects are not present."


class GraphBadRequest(ServiceError):
    """Graph's 400 (Request_BadRequest): one error id, the service's message in the text."""

    error_id = "Request_BadRequest"
    category = ErrorCategory.InvalidOperation
    template = "{0}"


def graph_invalid_license(sku_id: str) -> GraphBadRequest:
    """A SKU the tenant has no subscription to."""
    return GraphBadRequest(
        f"License {sku_id} does not correspond to a valid company License.", target_object=sku_id
    )  # inferred


def graph_not_assigned(sku_id: str) -> GraphBadRequest:
    return GraphBadRequest("User does not have a corresponding license.", target_object=sku_id)  # inferred


def graph_invalid_usage_location(upn: str) -> GraphBadRequest:
    """A user without usageLocation; the text is reported in
    github.com/microsoft/partner-center-dotnet-samples/issues/131."""
    return GraphBadRequest("License assignment cannot be done for user with invalid usage location.", target_object=upn)


def graph_count_violation(sku_id: str) -> GraphBadRequest:
    """licenseAssignmentState error CountViolation: no seat left in the subscription."""
    return GraphBadRequest(
        f"Subscription for license {sku_id} has no more available units.", target_object=sku_id
    )  # inferred


def graph_invalid_plan(value: str) -> GraphBadRequest:
    """A DisabledPlans entry that is not a service plan GUID."""
    return GraphBadRequest(
        f"Invalid value specified for property 'disabledPlans' of resource 'AssignedLicense': {value}.",  # inferred
        target_object=value,
    )


def graph_missing_parameter(name: str) -> GraphBadRequest:
    """assignLicense needs both lists in its body (the reference's examples pass the empty one as @())."""
    return GraphBadRequest(
        "One or more parameters of the operation 'assignLicense' are missing from the request payload. "
        f"The missing parameters are: {name}."
    )


class GraphUnsupportedQuery(ServiceError):
    """Graph's 400 for a query the directory answers only as an advanced query
    ("Advanced query capabilities on Microsoft Entra ID objects",
    https://learn.microsoft.com/en-us/graph/aad-advanced-queries)."""

    error_id = "Request_UnsupportedQuery"
    category = ErrorCategory.InvalidOperation
    template = "{0}"


#: $search without the ConsistencyLevel header, in Graph's words.
SEARCH_NEEDS_EVENTUAL = (
    "Request with $search query parameter only works through MSGraph with a special request header: "
    "'ConsistencyLevel: eventual'"
)
#: $orderby with $filter or $search, not sent as an advanced query.
SORTING_NOT_SUPPORTED = "Sorting not supported for current query."


class GraphInvalidFilter(ServiceError):
    error_id = "Request_UnsupportedQuery"
    category = ErrorCategory.InvalidArgument
    template = "Invalid filter clause: {0}"  # inferred


class MsolInvalidLicense(ServiceError):
    """MSOnline's answer to an AccountSkuId the tenant does not have."""

    error_id = "Microsoft.Online.Administration.Automation.InvalidLicenseConfigurationException"
    category = ErrorCategory.OperationStopped
    template = (
        "Unable to assign this license."  # the public transcript in gist.github.com/nervouswiggles/acdddc021e7b1eaa31a4
    )


class MsolAccessDenied(ServiceError):
    """MSOnline's answer for a -TenantId the signed-in admin has no rights on (another tenant)."""

    error_id = "Microsoft.Online.Administration.Automation.AccessDeniedException"
    category = ErrorCategory.OperationStopped
    template = "Access Denied. You do not have permissions to call this cmdlet."


class MsolUserNotFound(ServiceError):
    error_id = "Microsoft.Online.Administration.Automation.UserNotFoundException"
    category = ErrorCategory.OperationStopped
    template = "User Not Found.  User: {0}."  # inferred


class OpathFilterInvalid(ServiceError):
    error_id = "InvalidFilter"
    category = ErrorCategory.InvalidArgument
    template = 'The filter "{0}" is not valid: {1}'  # inferred


class PolicyNotFound(ServiceError):
    error_id = "PolicyNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'Cannot get policy "{0}" of type "{1}" because it does not exist.'  # inferred


class GrantedPolicyNotFound(ServiceError):
    """A Grant-Cs…Policy of the Teams module's ConfigApi generation given a policy name the tenant
    does not have. The policy service answers with a client error: users report the text
    ``[ClientError] : "<name>" not found`` for these Grant cmdlets in MicrosoftTeams 4.0.1, with
    the FullyQualifiedErrorId ``ClientError,Microsoft.Teams.ConfigApi.Cmdlets.Grant…`` and the
    category InvalidOperation
    (https://github.com/MicrosoftDocs/office-docs-powershell/issues/9103 and /issues/9229)."""

    error_id = "ClientError"
    category = ErrorCategory.InvalidOperation
    template = '[ClientError] : "{0}" not found'


class PolicyAlreadyExists(ServiceError):
    error_id = "PolicyAlreadyExists"
    category = ErrorCategory.ResourceExists
    template = 'A policy "{0}" of type "{1}" already exists.'  # inferred


class PolicyInUse(ServiceError):
    """The admin article: a policy with users assigned cannot be deleted; reassign first."""

    error_id = "PolicyInUse"
    category = ErrorCategory.InvalidOperation
    template = (
        'The policy "{0}" is assigned to {1} user(s). Assign those users another policy before removing it.'  # inferred
    )


class InvalidPolicyName(ServiceError):
    """The admin centre's rule: no special characters, at most 64 characters."""

    error_id = "InvalidPolicyName"
    category = ErrorCategory.InvalidArgument
    template = 'The policy name "{0}" is not valid: use at most 64 letters, digits, spaces, "-" and "_".'  # inferred


class GroupNotFound(ServiceError):
    error_id = "GroupNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The group "{0}" was not found in the directory.'  # inferred


class PolicyTypeNotGroupAssignable(ServiceError):
    error_id = "GroupAssignmentNotSupported"
    category = ErrorCategory.InvalidOperation
    template = "Group policy assignment is not supported for the policy type {0}."  # inferred


class ForeignTenant(ServiceError):
    """-Tenant names a tenant other than the one signed in to: never this tenant's data."""

    error_id = "TenantNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The tenant "{0}" was not found.'  # inferred


class NumberNotFound(ServiceError):
    error_id = "TelephoneNumberNotFound"
    category = ErrorCategory.ObjectNotFound
    template = "The telephone number {0} was not found in the tenant."  # inferred


class NumberNotUserAssignable(ServiceError):
    error_id = "TelephoneNumberNotUserAssignable"
    category = ErrorCategory.InvalidOperation
    template = "The telephone number {0} is a conferencing service number and cannot be assigned to a user."  # inferred


class NumberAlreadyAssigned(ServiceError):
    error_id = "TelephoneNumberAlreadyAssigned"
    category = ErrorCategory.ResourceExists
    template = "The telephone number {0} is already assigned to {1}."  # inferred


class PolicyPackageNotFound(ServiceError):
    """Grant-CsUserPolicyPackage -PackageName names a package Get-CsPolicyPackage does not list."""

    error_id = "PolicyPackageNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The policy package "{0}" was not found. Get-CsPolicyPackage lists the packages.'  # inferred


class TooManyPackageUsers(ServiceError):
    """The Grant-CsUserPolicyPackage page: "there is a limit of 20 users you can apply the package
    to at a time"; more users are New-CsBatchPolicyPackageAssignmentOperation's job."""

    error_id = "TooManyUsers"
    category = ErrorCategory.InvalidArgument
    template = (
        "A policy package can be applied to at most 20 users at a time ({0} given); "  # inferred
        "use New-CsBatchPolicyPackageAssignmentOperation for more."
    )


class ApplicationInstanceNotFound(ServiceError):
    """Get-CsOnlineApplicationInstance -Identity names no resource account."""

    error_id = "ApplicationInstanceNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The application instance "{0}" was not found.'  # inferred


class VoiceAppNotFound(ServiceError):
    """Get-CsCallQueue/Get-CsAutoAttendant -Identity names no such app ("If no Call Queue exists
    with the identity ..., then this example generates an error": the Get-CsCallQueue page)."""

    error_id = "NotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The {0} "{1}" was not found.'  # inferred


class FirstTooLarge(ServiceError):
    """Get-CsCallQueue -First above 100: "If a number greater than 100 is supplied, the request
    will fail" (its reference page)."""

    error_id = "BadRequest"
    category = ErrorCategory.InvalidArgument
    template = "-First can be at most 100 ({0} given)."  # inferred


class ConfigItemNotFound(ServiceError):
    """A Direct Routing item (voice route, PSTN gateway, usage) an -Identity or a list names."""

    error_id = "ObjectNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The {1} "{0}" does not exist.'  # inferred


class ConfigItemExists(ServiceError):
    error_id = "ObjectAlreadyExists"
    category = ErrorCategory.ResourceExists
    template = 'The {1} "{0}" already exists.'  # inferred


class ConfigItemInUse(ServiceError):
    """A usage or gateway something still refers to cannot be removed."""

    error_id = "ObjectInUse"
    category = ErrorCategory.InvalidOperation
    template = 'The {1} "{0}" is used by {2}; remove it from there first.'  # inferred


class InvalidSipSignalingPort(ServiceError):
    """New-CsOnlinePSTNGateway -SipSignalingPort: "Must be value between 1 and 65535"."""

    error_id = "InvalidSipSignalingPort"
    category = ErrorCategory.InvalidArgument
    template = "The SIP signaling port {0} is not valid: use a value between 1 and 65535."  # inferred


class InvalidResourceAccountUpn(ServiceError):
    """New-CsOnlineApplicationInstance: "The user principal name should have an online domain"."""

    error_id = "InvalidUserPrincipalName"
    category = ErrorCategory.InvalidArgument
    template = 'The user principal name "{0}" is not on one of the tenant\'s domains.'  # inferred


class InvalidTransferTarget(ServiceError):
    """Set-CsOnlineVoicemailUserSettings -TransferTarget: "a SIP URI of another user in your
    organization" or, for a user enabled for Enterprise Voice, "a valid telephone number"."""

    error_id = "InvalidTransferTarget"
    category = ErrorCategory.InvalidArgument
    template = (
        'The transfer target "{0}" is not valid: use the SIP URI of another user of the organization, '
        "or a telephone number for a user enabled for Enterprise Voice."
    )  # inferred


class TransferTargetRequired(ServiceError):
    """A call answer rule that transfers needs somewhere to transfer to."""

    error_id = "TransferTargetRequired"
    category = ErrorCategory.InvalidArgument
    template = "The call answer rule {0} needs a TransferTarget."  # inferred
