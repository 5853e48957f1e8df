"""Get-/Set-/Remove-CsOnlineDialInConferencingTenantSettings and the tenant configuration
(their reference pages on learn.microsoft.com)."""

from __future__ import annotations

from typing import Any

from ..model import (
    DialInSettings,
    DialOutPermission,
    EntryExitAnnouncementsType,
    MaskPstnNumbersType,
    TenantConfiguration,
)
from ..model.tenant import SETTINGS_TYPE
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .common import (
    FORCE,
    TENANT,
    implementing_type,
    rule_header_text,
    rule_one_of,
    rule_valid_address,
)
from .errors import OverrideNeedsSender, PinLengthOutOfRange, SettingsNotFound

_BOOLEAN_SETTINGS = (
    ("EnableEntryExitNotifications", "Whether entries and exits are announced (default $true)."),
    ("EnableNameRecording", "Whether callers' names are recorded on entry (default $true)."),
    ("IncludeTollFreeNumberInMeetingInvites", "Obsolete and not functional."),
    ("AllowPSTNOnlyMeetingsByDefault", "The AllowPstnOnlyMeetings value of users enabled later (default $false)."),
    ("AutomaticallySendEmailsToUsers", "Whether users get the automatic emails (default $true)."),
    ("SendEmailFromOverride", "Use SendEmailFromAddress/-DisplayName as the sender (default $false); needs both."),
    ("AutomaticallyReplaceAcpProvider", "Convert third-party ACP users when licensed."),
    ("UseUniqueConferenceIds", "Private meetings; not applicable to Teams."),
    ("AutomaticallyMigrateUserMeetings", "Reschedule meetings when dial-in coordinates change."),
    ("MigrateServiceNumbersOnCrossForestMove", "Not applicable to Teams."),
    ("EnableDialOutJoinConfirmation", "Callees confirm before joining; not applicable to Teams."),
)

#: An enum in the Skype Online reference syntax (``-EntryExitAnnouncementsType <EntryExitAnnouncementsType>``);
#: the namespace is the settings object's (inferred), the member order UseNames, ToneOnly as documented.
ENTRY_EXIT_ANNOUNCEMENTS_TYPE = t.enum_type(
    "Microsoft.Rtc.Management.WritableConfig.Settings.OnLineDialInConferencing.EntryExitAnnouncementsType",
    tuple(v.value for v in EntryExitAnnouncementsType),
)

#: String settings whose allowed values the docs give only in prose (the Set-…TenantSettings page).
_CHOICES: dict[str, tuple[str, ...]] = {
    "MaskPstnNumbersType": tuple(v.value for v in MaskPstnNumbersType),
    "AllowFederatedUsersToDialOutToSelf": tuple(v.value for v in DialOutPermission),
    "AllowFederatedUsersToDialOutToThirdParty": tuple(v.value for v in DialOutPermission),
}

SET_SETTINGS = CommandMetadata(
    name="Set-CsOnlineDialInConferencingTenantSettings",
    synopsis="Changes the tenant-level dial-in conferencing settings.",
    implementing_type=implementing_type("Set-CsOnlineDialInConferencingTenantSettings"),
    default_parameter_set="Identity",
    supports_should_process=True,
    parameters=(
        TENANT,
        *(Parameter(name, t.BOOLEAN, help=text) for name, text in _BOOLEAN_SETTINGS[:2]),
        Parameter("EntryExitAnnouncementsType", ENTRY_EXIT_ANNOUNCEMENTS_TYPE, help="UseNames or ToneOnly."),
        Parameter("PinLength", t.UINT32, help="Digits in newly generated PINs: 4 to 12 (default 5)."),
        *(Parameter(name, t.BOOLEAN, help=text) for name, text in _BOOLEAN_SETTINGS[2:6]),
        Parameter("SendEmailFromAddress", t.STRING, help="The From address of the emails (<alias>@<domain>)."),
        Parameter("SendEmailFromDisplayName", t.STRING, help="The From display name of the emails."),
        *(Parameter(name, t.BOOLEAN, help=text) for name, text in _BOOLEAN_SETTINGS[6:]),
        Parameter(
            "Identity",
            t.XDS_IDENTITY,
            sets=(InSet("Identity", position=0),),
            help="Reserved for internal Microsoft use; the only instance is Global.",
        ),
        Parameter(
            "Instance",
            t.instance_type("System.Management.Automation.PSObject", (SETTINGS_TYPE,)),
            sets=(InSet("Instance"),),
            help="A settings object whose values are applied.",
        ),
        Parameter(
            "MaskPstnNumbersType", t.STRING, help="MaskedForExternalUsers (default), MaskedForAllUsers or NoMasking."
        ),
        # Object in the docs; what it holds is a list of domain names.
        Parameter("AllowedDialOutExternalDomains", t.STRING_ARRAY, help="External domains allowed for dial-out."),
        Parameter("AllowFederatedUsersToDialOutToSelf", t.STRING, help="No, Yes or RequireSameEnterpriseUser."),
        Parameter("AllowFederatedUsersToDialOutToThirdParty", t.STRING, help="No, Yes or RequireSameEnterpriseUser."),
        Parameter("MsftInternalProcessingMode", t.STRING, help="Microsoft internal use."),
        FORCE,
    ),
    examples=(
        Example(
            "Set-CsOnlineDialInConferencingTenantSettings -EnableEntryExitNotifications $True "
            "-EnableNameRecording $True -PinLength 7",
            "Turns on entry/exit announcements with name recording and sets the PIN length to 7.",
        ),
        Example(
            "Set-CsOnlineDialInConferencingTenantSettings -SendEmailFromOverride $true -SendEmailFromAddress "
            'admin@contoso.com -SendEmailFromDisplayName "Conferencing Administrator"',
            "Sets the sender of the notification emails and turns the override on.",
        ),
    ),
)

GET_SETTINGS = CommandMetadata(
    name="Get-CsOnlineDialInConferencingTenantSettings",
    synopsis="Retrieves the tenant-level dial-in conferencing settings.",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingTenantSettings"),
    default_parameter_set="Identity",
    output_type=DialInSettings,
    parameters=(
        TENANT,
        Parameter("Identity", t.XDS_IDENTITY, sets=(InSet("Identity", position=0),), help="Internal; Global."),
        Parameter("Filter", t.STRING, sets=(InSet("Filter"),), help="Internal; a wildcard over identities."),
        Parameter("LocalStore", t.SWITCH, help="Reads the local replica (no effect in the emulator)."),
    ),
    examples=(
        Example(
            "Get-CsOnlineDialInConferencingTenantSettings", "Returns the organisation's dial-in conferencing settings."
        ),
    ),
)

REMOVE_SETTINGS = CommandMetadata(
    name="Remove-CsOnlineDialInConferencingTenantSettings",
    synopsis="Reverts the tenant dial-in conferencing settings to their defaults.",
    implementing_type=implementing_type("Remove-CsOnlineDialInConferencingTenantSettings"),
    supports_should_process=True,
    parameters=(
        TENANT,
        # Mandatory per the syntax, yet the only example omits it: optional, Global (inferred).
        Parameter("Identity", t.XDS_IDENTITY, position=0, help="Internal; defaults to Global."),
        FORCE,
    ),
    examples=(
        Example(
            "Remove-CsOnlineDialInConferencingTenantSettings", "Reverts the tenant-level settings to their defaults."
        ),
    ),
)

GET_CONFIGURATION = CommandMetadata(
    name="Get-CsOnlineDialinConferencingTenantConfiguration",
    synopsis="Shows whether dial-in conferencing is enabled for the tenant.",
    implementing_type=implementing_type("Get-CsOnlineDialinConferencingTenantConfiguration"),
    default_parameter_set="Identity",
    output_type=TenantConfiguration,
    parameters=GET_SETTINGS.parameters,
    examples=(
        Example(
            "Get-CsOnlineDialinConferencingTenantConfiguration",
            "Returns the dial-in conferencing configuration of the organisation.",
        ),
    ),
)

_NAMES = {p.name: p.python_name for p in SET_SETTINGS.parameters}
_NOT_SETTINGS = {"Tenant", "Identity", "Instance", "Force"}


def _requested_values(call: Invocation) -> dict[str, Any]:
    """The settings the call changes, by field name: an -Instance first, then parameters."""
    values: dict[str, Any] = {}
    if call.has("Instance"):
        values.update(call.get("Instance").model_dump(exclude={"identity"}))
    for name, value in call.command.values.items():
        if name in _NOT_SETTINGS:
            continue
        if name in _CHOICES:
            value = rule_one_of("" if value is None else value, name, _CHOICES[name])
        elif name == "AllowedDialOutExternalDomains":
            value = _domain_list(value)
        values[_NAMES[name]] = value
    return values


def _domain_list(value: Any) -> tuple[str, ...]:
    """An Object parameter holding a list: ``$null`` clears it, one domain is a list of one."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else [value]
    return tuple(t.ps_string(item) for item in items)


def rule_pin_length(values: dict[str, Any]) -> None:
    """PinLength is 4..12; a change applies to new PINs only (the Set-…TenantSettings page)."""
    length = values.get("pin_length")
    if length is not None and not 4 <= length <= 12:
        raise PinLengthOutOfRange(length, target_object=length)


def rule_override_needs_sender(settings: DialInSettings) -> None:
    """The override cannot be $true without both From values (the Set-…TenantSettings page)."""
    if settings.send_email_from_override and not (
        settings.send_email_from_address and settings.send_email_from_display_name
    ):
        raise OverrideNeedsSender()


def rule_global_identity(call: Invocation) -> None:
    """There is exactly one instance per tenant, Global (the …TenantSettings pages): another
    Identity names nothing."""
    identity = call.get("Identity", None)
    if identity is not None and identity.strip().lower() != "global":
        raise SettingsNotFound(identity, target_object=identity)


@cmdlet(SET_SETTINGS)
def set_settings(call: Invocation) -> None:
    rule_global_identity(call)
    values = _requested_values(call)
    rule_pin_length(values)
    if call.has("SendEmailFromAddress"):
        values["send_email_from_address"] = rule_valid_address(call, "SendEmailFromAddress")
    rule_header_text(call, "SendEmailFromDisplayName", display_name=True)
    before = call.backend.settings
    after = DialInSettings.model_validate({**before.model_dump(), **values})
    rule_override_needs_sender(after)
    if call.should_process("Global"):
        call.backend.store.save_settings(after)
        call.audit("Global", before.to_ps(), after.to_ps(), dict(call.command.values))


@cmdlet(GET_SETTINGS)
def get_settings(call: Invocation) -> None:
    rule_global_identity(call)
    call.write_output(call.backend.settings)


@cmdlet(REMOVE_SETTINGS)
def remove_settings(call: Invocation) -> None:
    rule_global_identity(call)
    before = call.backend.settings
    if call.should_process(call.get("Identity", None) or "Global"):
        call.backend.store.save_settings(DialInSettings())
        call.audit("Global", before.to_ps(), DialInSettings().to_ps(), {})


@cmdlet(GET_CONFIGURATION)
def get_configuration(call: Invocation) -> None:
    call.write_output(TenantConfiguration(enabled=call.backend.tenant.pstn_conferencing_enabled))
