"""The emulated world: tenant, dial-in settings, bridges, service numbers and users.

Fields are snake_case with the PowerShell property name as alias; the properties are those the
cmdlet reference pages show (https://learn.microsoft.com/powershell/module/teams/).
This package imports nothing else from cscmdlets and does no I/O.
"""

from __future__ import annotations

import enum
import functools
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field

from .arrays import StringArray
from .display import html_table, text_default

# A frozen model refuses its own __setattr__; copies set their slots through object's.
_new, _set = object.__new__, object.__setattr__


@functools.cache
def _fields_by_alias(model: type[BaseModel]) -> dict[str, str]:
    """A model's field names by PowerShell name (exact case: Python attributes are case-sensitive)."""
    return {field.alias: name for name, field in model.model_fields.items() if field.alias}


class PSModel(BaseModel):
    """Base of every model: PowerShell names on the outside, snake_case inside.

    ``ps_type_names`` is the object's type hierarchy as PowerShell reports it (PSTypeNames),
    most derived first.
    """

    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="forbid", defer_build=True)
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Object",)
    #: The properties whose .NET type is ``string[]`` (a script sees ``System.String[]``).
    ps_string_arrays: ClassVar[tuple[str, ...]] = ()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """pydantic's ``model_copy`` (no validation either), faster for a shallow copy: a PSModel
        has no extra or private attributes to copy, and every Set-User makes one."""
        if deep:
            as_dict = None if update is None else dict(update)  # older pydantic types it as a dict
            return super().model_copy(update=as_dict, deep=True)
        update = update or {}
        copy = _new(self.__class__)
        fields_set = self.__pydantic_fields_set__
        if not fields_set.issuperset(update):
            fields_set = fields_set | update.keys()
        _set(copy, "__dict__", {**self.__dict__, **update})
        _set(copy, "__pydantic_fields_set__", fields_set)  # shared: a frozen model never changes it
        _set(copy, "__pydantic_extra__", None)
        _set(copy, "__pydantic_private__", None)
        return copy

    if not TYPE_CHECKING:  # type checkers see the typed snake_case fields only

        def __getattr__(self, name: str) -> Any:
            """``user.ConferenceId`` reads ``user.conference_id``: a model answers to its PowerShell
            property names too, as a ported script expects. Called only when no attribute of that
            name exists, so the snake_case fields cost nothing more."""
            field = _fields_by_alias(type(self)).get(name)
            if field is not None:
                return getattr(self, field)
            return super().__getattr__(name)

    @classmethod
    def from_valid(cls, **values: Any) -> Self:
        """The model of ``values`` — every field, in declared order, each already of its field's
        type (read from other models) — without validating them again, as a Get of thousands
        of users builds one object per user. Anything else is validated as usual."""
        names, every_field = _field_names(cls)
        if tuple(values) != names:
            return cls(**values)
        model = _new(cls)
        _set(model, "__dict__", values)
        _set(model, "__pydantic_fields_set__", every_field)  # shared, as model_copy shares it
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model

    def to_ps(self) -> dict[str, object]:
        """The object's PowerShell properties, by their PowerShell names, in declared order."""
        return self.model_dump(by_alias=True, mode="json")

    def ps_members(self, *, mode: str = "json") -> dict[str, object]:
        """:meth:`to_ps`, with nested objects kept as the objects they are (a bridge's
        ServiceNumbers, a SKU's PrepaidUnits), as a script reads and formats them and as
        the wire carries them (``mode="python"``: GUIDs and dates kept too)."""
        table = self.model_dump(by_alias=True, mode=mode)
        for name, field in _nested_fields(type(self)).items():
            value = getattr(self, field)
            table[name] = list(value) if isinstance(value, tuple) else value
        for name in self.ps_string_arrays:
            if table[name] is not None:
                table[name] = StringArray(table[name])
        return table

    def ps_to_string(self) -> str:
        """The object's ``ToString()``: its type name, as for a .NET object that keeps Object's."""
        return self.ps_type_names[0]

    def _repr_html_(self) -> str:
        """A notebook shows the object as a table of its PowerShell properties (model/display.py)."""
        return html_table([self])

    def __str__(self) -> str:
        """``print(obj)`` shows what PowerShell prints: a table up to four properties, else a list."""
        return text_default([self])


@functools.cache
def _nested_fields(model: type[PSModel]) -> dict[str, str]:
    """PowerShell name -> field of the fields that hold models or tuples of models."""
    found: dict[str, str] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        inner = getattr(annotation, "__args__", ())
        kinds = [annotation, *inner, *(a for arg in inner for a in getattr(arg, "__args__", ()))]
        if any(isinstance(kind, type) and issubclass(kind, PSModel) for kind in kinds):
            found[info.alias or name] = name
    return found


@functools.cache
def _field_names(model: type[PSModel]) -> tuple[tuple[str, ...], set[str]]:
    """The model's field names in declared order, and as the fields-set of a model given them all."""
    return tuple(model.model_fields), set(model.model_fields)


class Provider(enum.StrEnum):
    """A user's audio-conferencing provider (ProviderType, as Get-CsOnlineDialInConferencingUserState showed it)."""

    MICROSOFT = "Microsoft"
    THIRD_PARTY = "ThirdParty"
    NONE = "None"


class NumberType(enum.StrEnum):
    TOLL = "Toll"
    TOLL_FREE = "TollFree"


class MaskPstnNumbersType(enum.StrEnum):
    MASKED_FOR_EXTERNAL_USERS = "MaskedForExternalUsers"
    MASKED_FOR_ALL_USERS = "MaskedForAllUsers"
    NO_MASKING = "NoMasking"


class EntryExitAnnouncementsType(enum.StrEnum):
    USE_NAMES = "UseNames"
    TONE_ONLY = "ToneOnly"


class DialOutPermission(enum.StrEnum):
    NO = "No"
    YES = "Yes"
    REQUIRE_SAME_ENTERPRISE_USER = "RequireSameEnterpriseUser"


class TenantInfo(PSModel):
    """The tenant itself: id, name, verified domains, whether PSTN conferencing is on."""

    tenant_id: uuid.UUID = Field(alias="TenantId")
    display_name: str = Field(alias="DisplayName")
    domains: tuple[str, ...] = Field(alias="Domains")
    pstn_conferencing_enabled: bool = Field(True, alias="Enabled")

    @property
    def default_domain(self) -> str:
        return self.domains[0]


SETTINGS_TYPE = (
    "Microsoft.Rtc.Management.WritableConfig.Settings.OnLineDialInConferencing.OnLineDialInConferencingTenantSettings"
)


class DialInSettings(PSModel):
    """Tenant dial-in conferencing settings, one instance ("Global") per tenant.

    Defaults are the documented ones (the parameter table of
    https://learn.microsoft.com/powershell/module/teams/set-csonlinedialinconferencingtenantsettings);
    an undocumented default is the value the admin centre shows for a new tenant.
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (SETTINGS_TYPE, "System.Object")

    identity: str = Field("Global", alias="Identity")
    allowed_dial_out_external_domains: tuple[str, ...] = Field((), alias="AllowedDialOutExternalDomains")
    allow_federated_users_to_dial_out_to_self: DialOutPermission = Field(
        DialOutPermission.NO, alias="AllowFederatedUsersToDialOutToSelf"
    )
    allow_federated_users_to_dial_out_to_third_party: DialOutPermission = Field(
        DialOutPermission.YES, alias="AllowFederatedUsersToDialOutToThirdParty"
    )
    allow_pstn_only_meetings_by_default: bool = Field(False, alias="AllowPSTNOnlyMeetingsByDefault")
    automatically_migrate_user_meetings: bool = Field(True, alias="AutomaticallyMigrateUserMeetings")
    automatically_replace_acp_provider: bool = Field(True, alias="AutomaticallyReplaceAcpProvider")
    automatically_send_emails_to_users: bool = Field(True, alias="AutomaticallySendEmailsToUsers")
    enable_dial_out_join_confirmation: bool = Field(False, alias="EnableDialOutJoinConfirmation")
    enable_entry_exit_notifications: bool = Field(True, alias="EnableEntryExitNotifications")
    enable_name_recording: bool = Field(True, alias="EnableNameRecording")
    entry_exit_announcements_type: EntryExitAnnouncementsType = Field(
        EntryExitAnnouncementsType.USE_NAMES, alias="EntryExitAnnouncementsType"
    )
    include_toll_free_number_in_meeting_invites: bool = Field(True, alias="IncludeTollFreeNumberInMeetingInvites")
    mask_pstn_numbers_type: MaskPstnNumbersType = Field(
        MaskPstnNumbersType.MASKED_FOR_EXTERNAL_USERS, alias="MaskPstnNumbersType"
    )
    migrate_service_numbers_on_cross_forest_move: bool = Field(True, alias="MigrateServiceNumbersOnCrossForestMove")
    msft_internal_processing_mode: str | None = Field(None, alias="MsftInternalProcessingMode")
    pin_length: int = Field(5, alias="PinLength", ge=4, le=12)
    send_email_from_address: str | None = Field(None, alias="SendEmailFromAddress")
    send_email_from_display_name: str | None = Field(None, alias="SendEmailFromDisplayName")
    send_email_from_override: bool = Field(False, alias="SendEmailFromOverride")
    use_unique_conference_ids: bool = Field(True, alias="UseUniqueConferenceIds")


BRIDGE_TYPE = "Microsoft.Rtc.Management.Hosted.Bridge.ConferencingBridge"  # inferred namespace


class Bridge(PSModel):
    """An audio-conferencing bridge: Identity, Name and DefaultServiceNumber are documented
    (https://learn.microsoft.com/powershell/module/teams/get-csonlinedialinconferencingbridge); Region,
    IsDefault and IsShared are as users have posted its output."""

    ps_type_names: ClassVar[tuple[str, ...]] = (BRIDGE_TYPE, "System.Object")

    identity: uuid.UUID = Field(alias="Identity")
    name: str = Field(alias="Name")
    region: str = Field("NOAM", alias="Region")
    is_default: bool = Field(False, alias="IsDefault")
    is_shared: bool = Field(False, alias="IsShared")
    default_service_number: str | None = Field(None, alias="DefaultServiceNumber")


NUMBER_TYPE = "Microsoft.Rtc.Management.Hosted.Bridge.ConferencingServiceNumber"  # inferred namespace


class ServiceNumber(PSModel):
    """A dial-in service number on a bridge
    (https://learn.microsoft.com/powershell/module/teams/get-csonlinedialinconferencingservicenumber).

    ``number`` is E.164 without the ``+`` (the form the cmdlets' examples use).
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (NUMBER_TYPE, "System.Object")

    number: str = Field(alias="Number")
    number_type: NumberType = Field(NumberType.TOLL, alias="Type")
    city: str | None = Field(None, alias="City")
    primary_language: str = Field("en-US", alias="PrimaryLanguage")
    secondary_languages: tuple[str, ...] = Field((), alias="SecondaryLanguages", max_length=4)
    default_primary_language: str = Field("en-US", alias="DefaultPrimaryLanguage")
    default_secondary_languages: tuple[str, ...] = Field((), alias="DefaultSecondaryLanguages")
    bridge_id: uuid.UUID | None = Field(None, alias="BridgeId")

    @property
    def is_toll_free(self) -> bool:
        return self.number_type is NumberType.TOLL_FREE

    def ps_to_string(self) -> str:
        """The number, as a bridge's ``ServiceNumbers : {14255550100, …}`` lists it."""  # inferred
        return self.number


class User(PSModel):
    """A user of the tenant, as the directory and the conferencing service know them.

    ``leader_pin_hash`` is ``salt$sha256`` hex; the PIN itself is never stored.
    ``service_number``/``toll_free_service_number`` are the user's own defaults; ``None``
    means "the bridge's default".
    """

    object_id: uuid.UUID = Field(alias="ObjectId")
    user_principal_name: str = Field(alias="UserPrincipalName")
    sip_address: str = Field(alias="SipAddress")
    display_name: str = Field(alias="DisplayName")
    logon_name: str = Field(alias="LogonName")
    primary_smtp_address: str | None = Field(None, alias="PrimarySmtpAddress")
    preferred_language: str = Field("en-US", alias="PreferredLanguage")
    usage_location: str = Field("US", alias="UsageLocation")
    licensed: bool = Field(True, alias="AudioConferencingLicensed")
    provider: Provider = Field(Provider.MICROSOFT, alias="Provider")
    bridge_id: uuid.UUID | None = Field(None, alias="BridgeId")
    service_number: str | None = Field(None, alias="ServiceNumber")
    toll_free_service_number: str | None = Field(None, alias="TollFreeServiceNumber")
    conference_id: int | None = Field(None, alias="ConferenceId")
    leader_pin_hash: str | None = Field(None, alias="LeaderPinHash")
    leader_pin_length: int | None = Field(None, alias="LeaderPinLength")
    allow_pstn_only_meetings: bool = Field(False, alias="AllowPstnOnlyMeetings")
    allow_toll_free_dial_in: bool = Field(True, alias="AllowTollFreeDialIn")
    # The directory and Teams attributes the neighbouring cmdlets read and write (Get-CsOnlineUser,
    # licences, policies, phone numbers). Defaults keep stores written before them readable.
    department: str | None = Field(None, alias="Department")
    account_enabled: bool = Field(True, alias="AccountEnabled")
    account_type: str = Field("User", alias="AccountType")
    member_of: tuple[str, ...] = Field((), alias="MemberOf")
    #: SKU part numbers assigned besides the Audio Conferencing add-on ``licensed`` stands for.
    licenses: tuple[str, ...] = Field((), alias="Licenses")
    #: Service plans switched off in an assigned SKU, ``<part number>/<plan GUID>`` (the Audio
    #: Conferencing plan never: ``licensed`` says whether it is on).
    disabled_plans: tuple[str, ...] = Field((), alias="DisabledPlans")
    teams_audio_conferencing_policy: str | None = Field(None, alias="TeamsAudioConferencingPolicy")
    online_dial_out_policy: str | None = Field(None, alias="OnlineDialOutPolicy")
    # The user's own assignments of the other Teams policy families (None: unassigned).
    online_voice_routing_policy: str | None = Field(None, alias="OnlineVoiceRoutingPolicy")
    online_voicemail_policy: str | None = Field(None, alias="OnlineVoicemailPolicy")
    teams_calling_policy: str | None = Field(None, alias="TeamsCallingPolicy")
    teams_ip_phone_policy: str | None = Field(None, alias="TeamsIPPhonePolicy")
    teams_meeting_broadcast_policy: str | None = Field(None, alias="TeamsMeetingBroadcastPolicy")
    teams_meeting_policy: str | None = Field(None, alias="TeamsMeetingPolicy")
    tenant_dial_plan: str | None = Field(None, alias="TenantDialPlan")
    teams_messaging_policy: str | None = Field(None, alias="TeamsMessagingPolicy")
    calling_line_identity: str | None = Field(None, alias="CallingLineIdentity")
    teams_upgrade_policy: str | None = Field(None, alias="TeamsUpgradePolicy")
    teams_emergency_calling_policy: str | None = Field(None, alias="TeamsEmergencyCallingPolicy")
    teams_emergency_call_routing_policy: str | None = Field(None, alias="TeamsEmergencyCallRoutingPolicy")
    teams_app_setup_policy: str | None = Field(None, alias="TeamsAppSetupPolicy")
    line_uri: str | None = Field(None, alias="LineURI")
    enterprise_voice_enabled: bool = Field(False, alias="EnterpriseVoiceEnabled")

    @property
    def is_conferencing_enabled(self) -> bool:
        """Enabled for Microsoft's audio conferencing: licensed, with Microsoft as provider."""
        return self.licensed and self.provider is Provider.MICROSOFT

    @property
    def distinguished_name(self) -> str:
        domain_parts = self.user_principal_name.rsplit("@", 1)[-1].split(".")
        return f"CN={self.display_name},CN=Users," + ",".join([f"DC={part}" for part in domain_parts])

    def identity_keys(self) -> tuple[str, ...]:
        """Every lower-cased form by which an Identity parameter can name this user (UPN, SIP address,
        logon name, display name, distinguished name, object ID: the -Identity text of
        https://learn.microsoft.com/powershell/module/teams/set-csonlinedialinconferencinguser)."""
        upn = _lowered(self.user_principal_name)
        sip = self.sip_address.lower().removeprefix("sip:")
        return (
            str(self.object_id),
            upn,
            upn if sip == upn else sip,  # one string, not two equal ones: an index holds a million
            _lowered(self.logon_name),
            self.display_name.lower(),
            self.distinguished_name.lower(),
        )

    def name_keys(self) -> tuple[str, ...]:
        """The identity keys that are names (UPN, SIP address unless it is the UPN, logon name,
        display name), each once: what an in-memory index keys. The object ID and the
        distinguished name are read from the Identity itself, so an index of a million users
        holds neither string."""
        upn = _lowered(self.user_principal_name)
        sip = self.sip_address.lower().removeprefix("sip:")
        logon = _lowered(self.logon_name)
        name = self.display_name.lower()
        if sip == upn:
            return (upn, logon, name)
        return (upn, sip, logon, name)


def _lowered(text: str) -> str:
    """``text.lower()``, the same string object when it is lower case already."""
    lowered = text.lower()
    return text if lowered == text else lowered
