"""Errors the dial-in service reports after binding succeeded.

The rules are the family's reference pages on Microsoft Learn (Set-CsOnlineDialInConferencingUser,
-TenantSettings, -Bridge, -ServiceNumber, Register-/Unregister-…ServiceNumber, …DefaultNumber).

Microsoft documents these rules but not their error texts; every text here is ``# inferred``:
written the way the service's other messages read, naming the value and the fix.
"""

from __future__ import annotations

from ..powershell.errors import ErrorCategory, ServiceError

# ruff: noqa: E501  (messages read better unbroken)


class UserNotFound(ServiceError):
    error_id = "UserNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'Management object not found for identity "{0}".'  # inferred (the SfB Online text)


class IdentityRequired(ServiceError):
    """Enable-/Disable-…User declare -Identity optional, yet act on one user (a 2017-era script bug
    real scripts contain: the call without -Identity)."""

    error_id = "IdentityRequired"
    category = ErrorCategory.InvalidArgument
    template = "The {0} cmdlet needs the -Identity of the user to act on."  # inferred


class AmbiguousIdentity(ServiceError):
    error_id = "AmbiguousIdentity"
    category = ErrorCategory.InvalidArgument
    template = 'The identity "{0}" matches more than one user ({1}). Use the user principal name, SIP address or object ID.'  # inferred


class UserNotLicensed(ServiceError):
    error_id = "UserNotLicensedForAudioConferencing"
    template = (
        'The user "{0}" is not enabled for audio conferencing: assign an Audio Conferencing license first.'  # inferred
    )


class ThirdPartyProvider(ServiceError):
    error_id = "UserProviderNotMicrosoft"
    template = 'The user "{0}" uses the audio conferencing provider "{1}". This cmdlet only manages users whose provider is Microsoft.'  # inferred


class TenantNotFound(ServiceError):
    """-Tenant/-TenantDomain name a tenant this connection cannot see: never another tenant's data."""

    error_id = "TenantNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The tenant "{0}" was not found.'  # inferred


class BridgeNotFound(ServiceError):
    error_id = "BridgeNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The conferencing bridge "{0}" was not found.'  # inferred


class BridgeMismatch(ServiceError):
    error_id = "BridgeIdAndNameMismatch"
    category = ErrorCategory.InvalidArgument
    template = 'BridgeId "{0}" and BridgeName "{1}" do not name the same bridge. Specify only one of them.'  # inferred


class InvalidServiceNumber(ServiceError):
    error_id = "InvalidServiceNumber"
    category = ErrorCategory.InvalidArgument
    template = 'The value "{0}" given for {1} is not a valid E.164 number. Use 14255550100, +14255550100 or tel:+14255550100.'  # inferred


class ServiceNumberNotFound(ServiceError):
    error_id = "ServiceNumberNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The service number "{0}" is not registered in this tenant.'  # inferred


class ServiceNumberNotOnBridge(ServiceError):
    error_id = "ServiceNumberNotOnBridge"
    category = ErrorCategory.InvalidArgument
    template = 'The service number "{0}" is not assigned to the conferencing bridge "{1}".'  # inferred


class ServiceNumberWrongType(ServiceError):
    error_id = "ServiceNumberTypeMismatch"
    category = ErrorCategory.InvalidArgument
    template = 'The service number "{0}" is a {1} number; {2} needs a {3} number.'  # inferred


class ServiceNumberAlreadyRegistered(ServiceError):
    error_id = "ServiceNumberAlreadyAssigned"
    category = ErrorCategory.ResourceExists
    template = 'The service number "{0}" is already assigned to the conferencing bridge "{1}".'  # inferred


class DefaultServiceNumberInUse(ServiceError):
    error_id = "DefaultServiceNumberCannotBeUnassigned"
    template = 'The service number "{0}" is the default number of the bridge "{1}". Use -RemoveDefaultServiceNumber to unassign it.'  # inferred


class SendEmailRequired(ServiceError):
    error_id = "SendEmailRequired"
    category = ErrorCategory.InvalidArgument
    template = "The {0} parameter can only be used together with the SendEmail parameter."  # inferred


class SenderPairIncomplete(ServiceError):
    error_id = "SendEmailFromPairIncomplete"
    category = ErrorCategory.InvalidArgument
    template = "SendEmailFromAddress and SendEmailFromDisplayName must be specified together."  # inferred


class InvalidEmailAddress(ServiceError):
    error_id = "InvalidEmailAddress"
    category = ErrorCategory.InvalidArgument
    template = 'The value "{0}" given for {1} is not a valid email address (<alias>@<domain>).'  # inferred


class InvalidHeaderValue(ServiceError):
    error_id = "InvalidEmailHeaderValue"
    category = ErrorCategory.InvalidArgument
    template = (
        "The value given for {0} contains a line break, a control character or an encoded word, "
        "which an email header cannot hold."  # inferred
    )


class OverrideNeedsSender(ServiceError):
    error_id = "SendEmailFromOverrideRequiresSender"
    category = ErrorCategory.InvalidArgument
    template = "SendEmailFromOverride can't be $true if SendEmailFromAddress and SendEmailFromDisplayName aren't specified."  # the cmdlet doc's own words


class PinLengthOutOfRange(ServiceError):
    error_id = "PinLengthOutOfRange"
    category = ErrorCategory.InvalidArgument
    template = "The PinLength value {0} is not valid. The minimum value is 4 and the maximum value is 12."  # inferred


class InvalidSettingValue(ServiceError):
    error_id = "InvalidSettingValue"
    category = ErrorCategory.InvalidArgument
    template = 'The value "{0}" is not valid for {1}. Valid values are: {2}.'  # inferred


class InvalidConferenceId(ServiceError):
    error_id = "InvalidConferenceId"
    category = ErrorCategory.InvalidArgument
    template = 'The conference ID "{0}" is not valid. A conference ID has exactly 7 digits.'  # inferred


class ConferenceIdInUse(ServiceError):
    error_id = "ConferenceIdAlreadyInUse"
    category = ErrorCategory.ResourceExists
    template = 'The conference ID {0} is already in use on the conferencing bridge "{1}".'  # inferred


class ConferenceIdConflict(ServiceError):
    error_id = "ConferenceIdAndResetConferenceIdConflict"
    category = ErrorCategory.InvalidArgument
    template = "ConferenceId and ResetConferenceId cannot be used together."  # inferred


class TooManySecondaryLanguages(ServiceError):
    error_id = "TooManySecondaryLanguages"
    category = ErrorCategory.InvalidArgument
    template = "At most 4 secondary languages can be specified; {0} were given."  # inferred


class DuplicateLanguage(ServiceError):
    error_id = "DuplicateLanguage"
    category = ErrorCategory.InvalidArgument
    template = 'The language "{0}" is given more than once: the primary language and each secondary language must differ.'  # inferred


class UnsupportedLanguage(ServiceError):
    error_id = "UnsupportedLanguage"
    category = ErrorCategory.InvalidArgument
    template = 'The language "{0}" is not supported. Run Get-CsOnlineDialInConferencingLanguagesSupported to list the supported languages.'  # inferred


class UserAlreadyExists(ServiceError):
    error_id = "UserAlreadyExists"
    category = ErrorCategory.ResourceExists
    template = 'A user with the identity "{0}" already exists.'  # inferred


class SettingsNotFound(ServiceError):
    error_id = "SettingsNotFound"
    category = ErrorCategory.ObjectNotFound
    template = 'The tenant has only the "Global" instance of these settings; "{0}" does not exist.'  # inferred


class UnsupportedParameter(ServiceError):
    error_id = "ParameterNotSupported"
    category = ErrorCategory.NotImplemented
    template = "The {0} parameter is deprecated and is not evaluated by the emulated tenant."  # inferred


class StoreUnavailable(ServiceError):
    error_id = "TenantStoreUnavailable"
    category = ErrorCategory.WriteError
    template = "{0}"
