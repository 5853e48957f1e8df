"""The tenant around the dial-in family: licences (SKUs), policies, and the objects the
neighbouring cmdlets write (Get-CsOnlineUser, Microsoft Graph, MSOnline, AzureAD, phone numbers).

SKU part numbers and GUIDs are Microsoft's, from "Product names and service plan identifiers
for licensing" (https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference).
Pure data: no I/O, nothing imported from the rest of the package.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import Field

from .tenant import PSModel

# --- licences --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServicePlan:
    """A service plan inside a SKU: its name (``MCOMEETADV``) and GUID."""

    name: str
    plan_id: uuid.UUID
    #: The Teams feature the plan gives (Get-CsOnlineUser's FeatureTypes), if any.
    feature: str | None = None


@dataclass(frozen=True)
class Sku:
    """A licence product: part number (the String ID), GUID, name and service plans."""

    part_number: str
    sku_id: uuid.UUID
    product_name: str
    plans: tuple[ServicePlan, ...]

    @property
    def has_audio_conferencing(self) -> bool:
        return any(plan.name == AUDIO_CONFERENCING_PLAN.name for plan in self.plans)


def _plan(name: str, plan_id: str, feature: str | None = None) -> ServicePlan:
    return ServicePlan(name, uuid.UUID(plan_id), feature)


#: "Microsoft 365 Audio Conferencing", the plan that enables a user for dial-in conferencing.
AUDIO_CONFERENCING_PLAN = _plan("MCOMEETADV", "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40", "AudioConferencing")
_TEAMS = _plan("TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929", "Teams")
_SKYPE = _plan("MCOSTANDARD", "0feaeb32-d00e-4d66-bd5a-43b5b83db82c")
_PHONE_SYSTEM = _plan("MCOEV", "4828c8ec-dc2e-4779-b502-87ac9ce28ab7", "PhoneSystem")
_CREDITS = _plan("MCOPSTNC", "505e180f-f7e0-4b65-91d4-00d670bbd18c", "CommunicationCredits")

#: The SKUs the emulator knows, from Microsoft's licensing service plan reference.
SKUS: tuple[Sku, ...] = (
    Sku(
        "MCOMEETADV",
        uuid.UUID("0c266dff-15dd-4b49-8397-2bb16070ed52"),
        "Microsoft 365 Audio Conferencing",
        (AUDIO_CONFERENCING_PLAN,),
    ),
    Sku(
        "SPE_E5",
        uuid.UUID("06ebc4ee-1bb5-47dd-8120-11324bc54e06"),
        "Microsoft 365 E5",
        (AUDIO_CONFERENCING_PLAN, _PHONE_SYSTEM, _TEAMS, _SKYPE),
    ),
    Sku(
        "ENTERPRISEPREMIUM",
        uuid.UUID("c7df2760-2c81-4ef7-b578-5b5392b571df"),
        "Office 365 E5",
        (AUDIO_CONFERENCING_PLAN, _PHONE_SYSTEM, _TEAMS, _SKYPE),
    ),
    Sku("ENTERPRISEPACK", uuid.UUID("6fd2c87f-b296-42f0-b197-1e91e994b900"), "Office 365 E3", (_TEAMS, _SKYPE)),
    Sku("MCOEV", uuid.UUID("e43b5b99-8dfb-405f-9987-dc307f34bcbd"), "Microsoft Teams Phone Standard", (_PHONE_SYSTEM,)),
    Sku("MCOPSTNC", uuid.UUID("47794cd0-f0e5-45c5-9033-2eb6b5fc84e0"), "Communications Credits", (_CREDITS,)),
)
SKU_BY_PART_NUMBER: dict[str, Sku] = {sku.part_number.upper(): sku for sku in SKUS}
SKU_BY_ID: dict[uuid.UUID, Sku] = {sku.sku_id: sku for sku in SKUS}
AUDIO_CONFERENCING_SKU = SKUS[0]


class Subscription(PSModel):
    """A SKU the tenant has bought, and how many seats (the ``PrepaidUnits.Enabled`` count)."""

    part_number: str = Field(alias="SkuPartNumber")
    enabled_units: int = Field(alias="EnabledUnits", ge=0)


class Subscriptions(PSModel):
    """The tenant's subscriptions. A tenant stored before licences were modelled has the
    Audio Conferencing add-on only, so its licensed users keep a subscription."""

    skus: tuple[Subscription, ...] = Field(
        (Subscription(part_number="MCOMEETADV", enabled_units=1_000_000),), alias="Skus"
    )

    def units_of(self, part_number: str) -> int | None:
        found = next((s for s in self.skus if s.part_number.upper() == part_number.upper()), None)
        return None if found is None else found.enabled_units


# --- policies --------------------------------------------------------------------------------------

AUDIO_POLICY_TYPE = "Microsoft.Teams.Policy.Administration.Cmdlets.Core.TeamsAudioConferencingPolicy"


class AudioConferencingPolicy(PSModel):
    """A TeamsAudioConferencingPolicy instance (Identity ``Global`` or ``Tag:<name>``).

    Properties are the three the reference and Microsoft365DSC read.
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (AUDIO_POLICY_TYPE, "System.Object")  # inferred

    identity: str = Field(alias="Identity")
    allow_toll_free_dialin: bool = Field(True, alias="AllowTollFreeDialin")
    meeting_invite_phone_numbers: tuple[str, ...] = Field((), alias="MeetingInvitePhoneNumbers")

    @property
    def name(self) -> str:
        return policy_name(self.identity)


def policy_name(identity: str) -> str:
    """``Tag:EMEA`` → ``EMEA``; ``Global`` stays ``Global``."""
    return identity.split(":", 1)[1] if identity.lower().startswith("tag:") else identity


class GroupAssignment(PSModel):
    """A policy granted to a group, with its rank among the group assignments of that type."""

    policy_type: str = Field(alias="PolicyType")
    group: str = Field(alias="GroupId")
    policy_name: str | None = Field(alias="PolicyName")
    rank: int = Field(alias="Rank")


BUILT_IN_AUDIO_POLICIES = (
    AudioConferencingPolicy(identity="Global"),
    AudioConferencingPolicy(identity="Tag:AllowTollFreeDialinFalse", allow_toll_free_dialin=False),
)


# The other Teams policy families scripts grant beside the conferencing ones. Each has a Global
# instance and the preconfigured ``Tag:`` instances Microsoft creates in every tenant; the
# properties are the ones admin scripts read (the full lists are long).
_POLICY_TYPES = "Microsoft.Teams.Policy.Administration.Cmdlets.Core"  # inferred


class TeamsPolicy(PSModel):
    """A policy instance of one of the Teams policy families (Identity ``Global`` or ``Tag:<name>``)."""

    identity: str = Field(alias="Identity")
    description: str | None = Field(None, alias="Description")

    @property
    def name(self) -> str:
        return policy_name(self.identity)


class TeamsMeetingPolicy(TeamsPolicy):
    """Get-CsTeamsMeetingPolicy output (https://learn.microsoft.com/powershell/module/teams/get-csteamsmeetingpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsMeetingPolicy", "System.Object")

    # The settings admin scripts read and set most (the full list is over a hundred), in the
    # order the real output lists them; defaults are a new tenant's Global (inferred where the
    # Set-CsTeamsMeetingPolicy page says "Default value: None").
    allow_channel_meeting_scheduling: bool = Field(True, alias="AllowChannelMeetingScheduling")
    allow_meet_now: bool = Field(True, alias="AllowMeetNow")
    allow_private_meet_now: bool = Field(True, alias="AllowPrivateMeetNow")
    meeting_chat_enabled_type: str = Field("Enabled", alias="MeetingChatEnabledType")
    live_captions_enabled_type: str = Field("DisabledUserOverride", alias="LiveCaptionsEnabledType")
    designated_presenter_role_mode: str = Field("EveryoneUserOverride", alias="DesignatedPresenterRoleMode")
    allow_ip_audio: bool = Field(True, alias="AllowIPAudio")
    allow_ip_video: bool = Field(True, alias="AllowIPVideo")
    allow_engagement_report: str = Field("Enabled", alias="AllowEngagementReport")
    allow_anonymous_users_to_dial_out: bool = Field(False, alias="AllowAnonymousUsersToDialOut")
    allow_anonymous_users_to_start_meeting: bool = Field(False, alias="AllowAnonymousUsersToStartMeeting")
    allow_private_meeting_scheduling: bool = Field(True, alias="AllowPrivateMeetingScheduling")
    auto_admitted_users: str = Field("EveryoneInCompanyExcludingGuests", alias="AutoAdmittedUsers")
    allow_cloud_recording: bool = Field(True, alias="AllowCloudRecording")
    allow_recording_storage_outside_region: bool = Field(False, alias="AllowRecordingStorageOutsideRegion")
    recording_storage_mode: str = Field("OneDriveForBusiness", alias="RecordingStorageMode")
    allow_outlook_add_in: bool = Field(True, alias="AllowOutlookAddIn")
    allow_power_point_sharing: bool = Field(True, alias="AllowPowerPointSharing")
    allow_participant_give_request_control: bool = Field(True, alias="AllowParticipantGiveRequestControl")
    allow_external_participant_give_request_control: bool = Field(
        False, alias="AllowExternalParticipantGiveRequestControl"
    )
    allow_shared_notes: bool = Field(True, alias="AllowSharedNotes")
    allow_whiteboard: bool = Field(True, alias="AllowWhiteboard")
    allow_transcription: bool = Field(False, alias="AllowTranscription")
    media_bit_rate_kb: int = Field(50000, alias="MediaBitRateKb")
    screen_sharing_mode: str = Field("EntireScreen", alias="ScreenSharingMode")
    video_filters_mode: str = Field("AllFilters", alias="VideoFiltersMode")
    allow_pstn_users_to_bypass_lobby: bool = Field(False, alias="AllowPSTNUsersToBypassLobby")
    allow_ndi_streaming: bool = Field(False, alias="AllowNDIStreaming")
    allow_breakout_rooms: bool = Field(True, alias="AllowBreakoutRooms")
    allow_meeting_reactions: bool = Field(True, alias="AllowMeetingReactions")
    allow_meeting_registration: bool = Field(True, alias="AllowMeetingRegistration")
    who_can_register: str = Field("Everyone", alias="WhoCanRegister")
    new_meeting_recording_expiration_days: int = Field(120, alias="NewMeetingRecordingExpirationDays")
    allow_anonymous_users_to_join_meeting: bool = Field(True, alias="AllowAnonymousUsersToJoinMeeting")


class TeamsCallingPolicy(TeamsPolicy):
    """Get-CsTeamsCallingPolicy output (https://learn.microsoft.com/powershell/module/teams/get-csteamscallingpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsCallingPolicy", "System.Object")

    # The settings of the Set-CsTeamsCallingPolicy syntax admin scripts set; defaults are a new
    # tenant's Global (inferred where the page gives none).
    allow_private_calling: bool = Field(True, alias="AllowPrivateCalling")
    allow_web_pstn_calling: bool = Field(True, alias="AllowWebPSTNCalling")
    allow_sip_devices_calling: bool = Field(False, alias="AllowSIPDevicesCalling")
    allow_voicemail: str = Field("UserOverride", alias="AllowVoicemail")
    allow_call_groups: bool = Field(True, alias="AllowCallGroups")
    allow_delegation: bool = Field(True, alias="AllowDelegation")
    allow_call_forwarding_to_user: bool = Field(True, alias="AllowCallForwardingToUser")
    allow_call_forwarding_to_phone: bool = Field(True, alias="AllowCallForwardingToPhone")
    prevent_toll_bypass: bool = Field(False, alias="PreventTollBypass")
    busy_on_busy_enabled_type: str = Field("Disabled", alias="BusyOnBusyEnabledType")
    music_on_hold_enabled_type: str = Field("Enabled", alias="MusicOnHoldEnabledType")
    allow_cloud_recording_for_calls: bool = Field(False, alias="AllowCloudRecordingForCalls")
    allow_transcription_for_calling: bool = Field(False, alias="AllowTranscriptionForCalling")
    live_captions_enabled_type_for_calling: str = Field(
        "DisabledUserOverride", alias="LiveCaptionsEnabledTypeForCalling"
    )
    auto_answer_enabled_type: str = Field("Disabled", alias="AutoAnswerEnabledType")
    spam_filtering_enabled_type: str = Field("Enabled", alias="SpamFilteringEnabledType")
    call_recording_expiration_days: int = Field(60, alias="CallRecordingExpirationDays")


class OnlineVoiceRoutingPolicy(TeamsPolicy):
    """Get-CsOnlineVoiceRoutingPolicy output: the PSTN usages a Direct Routing user's calls may take
    (https://learn.microsoft.com/powershell/module/teams/get-csonlinevoiceroutingpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.Voice.OnlineVoiceRoutingPolicy",  # inferred
        "System.Object",
    )

    online_pstn_usages: tuple[str, ...] = Field((), alias="OnlinePstnUsages")
    route_type: str = Field("BYOT", alias="RouteType")


class TenantDialPlan(TeamsPolicy):
    """Get-CsTenantDialPlan output (https://learn.microsoft.com/powershell/module/teams/get-cstenantdialplan)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.Voice.TenantDialPlan",  # inferred
        "System.Object",
    )

    simple_name: str = Field("DefaultTenantDialPlan", alias="SimpleName")
    normalization_rules: tuple[str, ...] = Field((), alias="NormalizationRules")


class TeamsIPPhonePolicy(TeamsPolicy):
    """Get-CsTeamsIPPhonePolicy output (https://learn.microsoft.com/powershell/module/teams/get-csteamsipphonepolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsIPPhonePolicy", "System.Object")

    sign_in_mode: str = Field("UserSignIn", alias="SignInMode")
    search_on_common_area_phone_mode: str = Field("Enabled", alias="SearchOnCommonAreaPhoneMode")


class OnlineVoicemailPolicy(TeamsPolicy):
    """Get-CsOnlineVoicemailPolicy output (https://learn.microsoft.com/powershell/module/teams/get-csonlinevoicemailpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.OnlineVoicemail.OnlineVoicemailPolicy",  # inferred
        "System.Object",
    )

    enable_transcription: bool = Field(True, alias="EnableTranscription")
    enable_transcription_profanity_masking: bool = Field(False, alias="EnableTranscriptionProfanityMasking")


class TeamsMeetingBroadcastPolicy(TeamsPolicy):
    """Get-CsTeamsMeetingBroadcastPolicy output
    (https://learn.microsoft.com/powershell/module/teams/get-csteamsmeetingbroadcastpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsMeetingBroadcastPolicy", "System.Object")

    allow_broadcast_scheduling: bool = Field(True, alias="AllowBroadcastScheduling")
    allow_broadcast_transcription: bool = Field(False, alias="AllowBroadcastTranscription")
    broadcast_attendee_visibility_mode: str = Field("EveryoneInCompany", alias="BroadcastAttendeeVisibilityMode")
    broadcast_recording_mode: str = Field("AlwaysEnabled", alias="BroadcastRecordingMode")


class TeamsMessagingPolicy(TeamsPolicy):
    """Get-CsTeamsMessagingPolicy output (https://learn.microsoft.com/powershell/module/teams/get-csteamsmessagingpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsMessagingPolicy", "System.Object")

    # The settings of the Set-CsTeamsMessagingPolicy syntax admin scripts set; defaults are a new
    # tenant's Global (inferred where the page gives none).
    allow_url_previews: bool = Field(True, alias="AllowUrlPreviews")
    allow_owner_delete_message: bool = Field(False, alias="AllowOwnerDeleteMessage")
    allow_user_edit_message: bool = Field(True, alias="AllowUserEditMessage")
    allow_user_delete_message: bool = Field(True, alias="AllowUserDeleteMessage")
    read_receipts_enabled_type: str = Field("UserPreference", alias="ReadReceiptsEnabledType")
    allow_user_chat: bool = Field(True, alias="AllowUserChat")
    allow_remove_user: bool = Field(True, alias="AllowRemoveUser")
    allow_giphy: bool = Field(True, alias="AllowGiphy")
    giphy_rating_type: str = Field("Moderate", alias="GiphyRatingType")
    allow_memes: bool = Field(True, alias="AllowMemes")
    allow_immersive_reader: bool = Field(True, alias="AllowImmersiveReader")
    allow_stickers: bool = Field(True, alias="AllowStickers")
    allow_user_translation: bool = Field(True, alias="AllowUserTranslation")
    allow_priority_messages: bool = Field(True, alias="AllowPriorityMessages")
    audio_message_enabled_type: str = Field("ChatsAndChannels", alias="AudioMessageEnabledType")
    channels_in_chat_list_enabled_type: str = Field("DisabledUserOverride", alias="ChannelsInChatListEnabledType")
    allow_smart_reply: bool = Field(True, alias="AllowSmartReply")


class CallingLineIdentity(TeamsPolicy):
    """Get-CsCallingLineIdentity output: the caller ID a user's PSTN calls show
    (https://learn.microsoft.com/powershell/module/teams/get-cscallinglineidentity)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.CallingLineIdentity.CallingLineIdentity",  # inferred
        "System.Object",
    )

    calling_id_substitute: str = Field("LineUri", alias="CallingIDSubstitute")
    service_number: str | None = Field(None, alias="ServiceNumber")
    resource_account: str | None = Field(None, alias="ResourceAccount")
    company_name: str | None = Field(None, alias="CompanyName")
    enable_user_override: bool = Field(False, alias="EnableUserOverride")
    block_incoming_pstn_caller_id: bool = Field(False, alias="BlockIncomingPstnCallerID")


class TeamsEmergencyCallingPolicy(TeamsPolicy):
    """Get-CsTeamsEmergencyCallingPolicy output: who is told of an emergency call and how
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-csteamsemergencycallingpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsEmergencyCallingPolicy", "System.Object")

    notification_group: str | None = Field(None, alias="NotificationGroup")
    notification_dial_out_number: str | None = Field(None, alias="NotificationDialOutNumber")
    external_location_lookup_mode: str = Field("Disabled", alias="ExternalLocationLookupMode")
    notification_mode: str = Field("NotificationOnly", alias="NotificationMode")
    enhanced_emergency_service_disclaimer: str | None = Field(None, alias="EnhancedEmergencyServiceDisclaimer")


class TeamsEmergencyCallRoutingPolicy(TeamsPolicy):
    """Get-CsTeamsEmergencyCallRoutingPolicy output: the emergency numbers and their routing
    (https://learn.microsoft.com/powershell/module/teams/get-csteamsemergencycallroutingpolicy)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsEmergencyCallRoutingPolicy", "System.Object")

    emergency_numbers: tuple[str, ...] = Field((), alias="EmergencyNumbers")
    allow_enhanced_emergency_services: bool = Field(False, alias="AllowEnhancedEmergencyServices")


class TeamsAppSetupPolicy(TeamsPolicy):
    """Get-CsTeamsAppSetupPolicy output: the apps pinned to the users' app bar
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-csteamsappsetuppolicy;
    "Manage app setup policies in Microsoft Teams",
    https://learn.microsoft.com/microsoftteams/teams-app-setup-policies). App lists hold app IDs."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_POLICY_TYPES}.TeamsAppSetupPolicy", "System.Object")

    app_preset_list: tuple[str, ...] = Field((), alias="AppPresetList")
    pinned_app_bar_apps: tuple[str, ...] = Field((), alias="PinnedAppBarApps")
    pinned_message_bar_apps: tuple[str, ...] = Field((), alias="PinnedMessageBarApps")
    allow_user_pinning: bool = Field(True, alias="AllowUserPinning")
    allow_side_loading: bool = Field(False, alias="AllowSideLoading")


class TeamsUpgradePolicy(TeamsPolicy):
    """Get-CsTeamsUpgradePolicy output: the mode of coexistence with Skype for Business
    (https://learn.microsoft.com/powershell/module/teams/get-csteamsupgradepolicy, Example 1)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.Teams.TeamsUpgradePolicy",  # inferred
        "System.Object",
    )

    mode: str = Field("TeamsOnly", alias="Mode")
    notify_sfb_users: bool = Field(False, alias="NotifySfbUsers")


class PolicySource(PSModel):
    """One assignment behind a user's effective policy: ``Direct``, or ``Group`` with the group."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.PolicySource",  # inferred
        "System.Object",
    )

    assignment_type: str = Field(alias="AssignmentType")
    policy_name: str = Field(alias="PolicyName")
    reference: str | None = Field(None, alias="Reference")

    def ps_to_string(self) -> str:
        """The policy name, as ``PolicySource : {Kiosk, Kiosk}`` shows the list."""  # inferred
        return self.policy_name


class EffectivePolicy(PSModel):
    """Get-CsUserPolicyAssignment output: a policy type's effective policy and its sources
    (https://learn.microsoft.com/powershell/module/teams/get-csuserpolicyassignment)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.EffectivePolicy",  # inferred
        "System.Object",
    )

    policy_type: str = Field(alias="PolicyType")
    policy_name: str = Field(alias="PolicyName")
    policy_source: tuple[PolicySource, ...] = Field(alias="PolicySource")


class PolicyPackage(PSModel):
    """Get-CsPolicyPackage output: a predefined package of policies for one user role, each policy
    named as the package (https://learn.microsoft.com/powershell/module/teams/get-cspolicypackage;
    "Manage policy packages in Microsoft Teams",
    https://learn.microsoft.com/microsoftteams/manage-policy-packages)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.PolicyPackage",  # inferred
        "System.Object",
    )

    name: str = Field(alias="Name")
    description: str = Field(alias="Description")
    #: The policy each type of the package becomes: PolicyType → policy name (the package's name).
    policies: dict[str, str] = Field(alias="Policies")


class Policies(PSModel):
    """The tenant's policy instances and its tenant-wide and group assignments.

    A user's own assignment is a field of the user; ``tenant_wide`` holds ``Grant-… -Global``.
    """

    audio_conferencing: tuple[AudioConferencingPolicy, ...] = Field(
        BUILT_IN_AUDIO_POLICIES, alias="TeamsAudioConferencingPolicies"
    )
    tenant_wide: dict[str, str] = Field(default_factory=dict, alias="TenantWide")
    groups: tuple[GroupAssignment, ...] = Field((), alias="GroupAssignments")
    #: The online voice routing policies, once New-CsOnlineVoiceRoutingPolicy has made one
    #: (``None``: only Global).
    voice_routing: tuple[OnlineVoiceRoutingPolicy, ...] | None = Field(None, alias="OnlineVoiceRoutingPolicies")
    #: Each other family's instances, once New-, Set- or Remove- has changed them (``None``: the
    #: preconfigured ones, which cscmdlets.cmdlets.teams_policies lists).
    meeting: tuple[TeamsMeetingPolicy, ...] | None = Field(None, alias="TeamsMeetingPolicies")
    calling: tuple[TeamsCallingPolicy, ...] | None = Field(None, alias="TeamsCallingPolicies")
    dial_plan: tuple[TenantDialPlan, ...] | None = Field(None, alias="TenantDialPlans")
    ip_phone: tuple[TeamsIPPhonePolicy, ...] | None = Field(None, alias="TeamsIPPhonePolicies")
    voicemail: tuple[OnlineVoicemailPolicy, ...] | None = Field(None, alias="OnlineVoicemailPolicies")
    broadcast: tuple[TeamsMeetingBroadcastPolicy, ...] | None = Field(None, alias="TeamsMeetingBroadcastPolicies")
    messaging: tuple[TeamsMessagingPolicy, ...] | None = Field(None, alias="TeamsMessagingPolicies")
    caller_id: tuple[CallingLineIdentity, ...] | None = Field(None, alias="CallingLineIdentities")
    emergency_calling: tuple[TeamsEmergencyCallingPolicy, ...] | None = Field(
        None, alias="TeamsEmergencyCallingPolicies"
    )
    emergency_call_routing: tuple[TeamsEmergencyCallRoutingPolicy, ...] | None = Field(
        None, alias="TeamsEmergencyCallRoutingPolicies"
    )
    app_setup: tuple[TeamsAppSetupPolicy, ...] | None = Field(None, alias="TeamsAppSetupPolicies")
    #: Each user's policy package (Grant-CsUserPolicyPackage), by the user's object ID.
    packages: dict[str, str] = Field(default_factory=dict, alias="UserPolicyPackages")


DIAL_OUT_POLICY_TYPE = "Microsoft.Rtc.Management.WritableConfig.Policy.OnlineDialOut.OnlineDialOutPolicy"


class DialOutPolicy(PSModel):
    """An OnlineDialOutPolicy: a predefined pair of restrictions, meetings' dial-out and the
    user's own PSTN calls."""

    ps_type_names: ClassVar[tuple[str, ...]] = (DIAL_OUT_POLICY_TYPE, "System.Object")  # inferred

    identity: str = Field(alias="Identity")
    allow_pstn_conferencing_dial_out_type: str = Field(alias="AllowPSTNConferencingDialOutType")
    allow_pstn_outbound_calls_type: str = Field(alias="AllowPSTNOutboundCallsType")


class DialinConferencingPolicy(PSModel):
    """An OnlineDialinConferencingPolicy instance (names and properties are not documented)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.OnlineDialinConferencing."
        "OnlineDialinConferencingPolicy",  # inferred
        "System.Object",
    )

    identity: str = Field(alias="Identity")


# --- output objects --------------------------------------------------------------------------------


class AssignedPlan(PSModel):
    """One entry of Get-CsOnlineUser's AssignedPlan (a JSON array since MicrosoftTeams 3.0.0),
    with the fields the reference's notes list: ServiceInstance, ServicePlanId and
    SubscribedPlanId (5.1.0), IsInGracePeriod and GracePeriodExpiryDate (6.0.0).

    Decided where no public source shows it: an entry's ToString() is its Capability (the plan
    name ``-Filter {AssignedPlan -eq 'MCOEV'}`` compares), so ``AssignedPlan : {MCOMEETADV,
    TEAMS1}`` lists the plans; AssignedTimestamp and ServiceInstance are ``$null`` (the emulated
    directory keeps neither).
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.AssignedPlan",  # inferred
        "System.Object",
    )

    assigned_timestamp: dt.datetime | None = Field(None, alias="AssignedTimestamp")
    capability: str = Field(alias="Capability")
    capability_status: str = Field("Enabled", alias="CapabilityStatus")
    grace_period_expiry_date: dt.datetime | None = Field(None, alias="GracePeriodExpiryDate")
    is_in_grace_period: bool = Field(False, alias="IsInGracePeriod")
    service_instance: str | None = Field(None, alias="ServiceInstance")
    service_plan_id: uuid.UUID = Field(alias="ServicePlanId")
    subscribed_plan_id: uuid.UUID = Field(alias="SubscribedPlanId")

    def ps_to_string(self) -> str:
        return self.capability


class OnlineVoiceUser(PSModel):
    """Get-CsOnlineVoiceUser output: a voice user's number and location, in the order of the
    output table of its reference page
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-csonlinevoiceuser). Its
    OUTPUTS name the type as a remoting client sees it (Deserialized.…LacUser); remoting adds
    the prefix."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.Hosted.Bvd.Types.LacUser",
        "System.Object",
    )

    name: str = Field(alias="Name")
    id: uuid.UUID = Field(alias="Id")
    sip_domain: str | None = Field(None, alias="SipDomain")
    data_center: str | None = Field(None, alias="DataCenter")
    tenant_id: uuid.UUID = Field(alias="TenantId")
    pstn_connectivity: str = Field(alias="PstnConnectivity")
    usage_location: str | None = Field(None, alias="UsageLocation")
    enterprise_voice_enabled: bool = Field(alias="EnterpriseVoiceEnabled")
    number: str | None = Field(None, alias="Number")
    location: str | None = Field(None, alias="Location")


class OnlineUser(PSModel):
    """Get-CsOnlineUser output, the property set of MicrosoftTeams 6.x
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-csonlineuser: its filterable
    attributes, the attributes its notes add, rename and drop), so a script reading any of them
    under ``Set-StrictMode -Version Latest`` gets a value or ``$null`` as it would in production,
    and one reading a dropped attribute (ObjectId, Enabled, HostedVoiceMail) fails as it would.

    ``identity`` is the Entra object ID (MicrosoftTeams 3.0.0 renamed ObjectId to Identity).
    Policy properties hold the directly assigned policy, ``None`` when unassigned (4.4.1);
    ``effective_policy_assignments`` names what applies, and where it comes from. The policy
    families the emulator does not model (TeamsChannelsPolicy, ExternalAccessPolicy, …) are
    never assigned, so always ``None``.

    Decided where the emulated directory keeps nothing: City, Company, Title, Street,
    StateOrProvince, PostalCode, PreferredDataLocation, WhenCreated and WhenChanged are
    ``None``; GivenName and LastName are the display name's first word and the rest; Country is
    the English name of the usage location's country, CountryAbbreviation its code; a cloud
    user of a TeamsOnly tenant has HostingProvider ``sipfed.online.lync.com``, no on-premises
    values and ProxyAddresses ``SMTP:<mail>`` (MicrosoftTeams 3.x keeps only SMTP addresses there).
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.User",  # inferred
        "System.Object",
    )
    #: inferred: a generated model's string[] properties.
    ps_string_arrays: ClassVar[tuple[str, ...]] = ("FeatureTypes", "ProxyAddresses", "ShadowProxyAddresses")

    identity: uuid.UUID = Field(alias="Identity")
    user_principal_name: str = Field(alias="UserPrincipalName")
    alias: str = Field(alias="Alias")
    account_enabled: bool = Field(alias="AccountEnabled")
    display_name: str = Field(alias="DisplayName")
    account_type: str = Field(alias="AccountType")
    #: How Teams sees the user: a cloud user of a TeamsOnly tenant (reports filter on it).
    interpreted_user_type: str = Field("PureOnlineTeamsOnlyUser", alias="InterpretedUserType")  # inferred
    sip_address: str = Field(alias="SipAddress")
    sip_proxy_address: str | None = Field(None, alias="SipProxyAddress")
    is_sip_enabled: bool = Field(True, alias="IsSipEnabled")
    given_name: str | None = Field(None, alias="GivenName")
    last_name: str | None = Field(None, alias="LastName")
    title: str | None = Field(None, alias="Title")
    department: str | None = Field(None, alias="Department")
    company: str | None = Field(None, alias="Company")
    street: str | None = Field(None, alias="Street")
    city: str | None = Field(None, alias="City")
    state_or_province: str | None = Field(None, alias="StateOrProvince")
    postal_code: str | None = Field(None, alias="PostalCode")
    usage_location: str | None = Field(None, alias="UsageLocation")
    country: str | None = Field(None, alias="Country")
    country_abbreviation: str | None = Field(None, alias="CountryAbbreviation")
    preferred_language: str | None = Field(None, alias="PreferredLanguage")
    preferred_data_location: str | None = Field(None, alias="PreferredDataLocation")
    proxy_addresses: tuple[str, ...] | None = Field(None, alias="ProxyAddresses")
    shadow_proxy_addresses: tuple[str, ...] | None = Field(None, alias="ShadowProxyAddresses")
    hosting_provider: str | None = Field(None, alias="HostingProvider")
    user_dir_sync_enabled: bool = Field(False, alias="UserDirSyncEnabled")
    on_prem_enterprise_voice_enabled: bool = Field(False, alias="OnPremEnterpriseVoiceEnabled")
    on_prem_hosting_provider: str | None = Field(None, alias="OnPremHostingProvider")
    on_prem_line_uri: str | None = Field(None, alias="OnPremLineURI")
    on_prem_sip_enabled: bool = Field(False, alias="OnPremSIPEnabled")
    owner_urn: str | None = Field(None, alias="OwnerUrn")
    teams_upgrade_effective_mode: str = Field("TeamsOnly", alias="TeamsUpgradeEffectiveMode")
    user_validation_errors: tuple[str, ...] = Field((), alias="UserValidationErrors")
    soft_deletion_timestamp: dt.datetime | None = Field(None, alias="SoftDeletionTimestamp")
    when_created: dt.datetime | None = Field(None, alias="WhenCreated")
    when_changed: dt.datetime | None = Field(None, alias="WhenChanged")
    assigned_plan: tuple[AssignedPlan, ...] = Field((), alias="AssignedPlan")
    feature_types: tuple[str, ...] | None = Field(None, alias="FeatureTypes")
    enterprise_voice_enabled: bool = Field(False, alias="EnterpriseVoiceEnabled")
    line_uri: str | None = Field(None, alias="LineURI")
    teams_audio_conferencing_policy: str | None = Field(None, alias="TeamsAudioConferencingPolicy")
    online_dial_out_policy: str | None = Field(None, alias="OnlineDialOutPolicy")
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
    # The policy families the emulator does not model: never assigned here.
    external_access_policy: str | None = Field(None, alias="ExternalAccessPolicy")
    online_audio_conferencing_routing_policy: str | None = Field(None, alias="OnlineAudioConferencingRoutingPolicy")
    teams_ai_policy: str | None = Field(None, alias="TeamsAIPolicy")
    teams_app_permission_policy: str | None = Field(None, alias="TeamsAppPermissionPolicy")
    teams_byod_and_desks_policy: str | None = Field(None, alias="TeamsBYODAndDesksPolicy")
    teams_call_hold_policy: str | None = Field(None, alias="TeamsCallHoldPolicy")
    teams_call_park_policy: str | None = Field(None, alias="TeamsCallParkPolicy")
    teams_channels_policy: str | None = Field(None, alias="TeamsChannelsPolicy")
    teams_compliance_recording_policy: str | None = Field(None, alias="TeamsComplianceRecordingPolicy")
    teams_cortana_policy: str | None = Field(None, alias="TeamsCortanaPolicy")
    teams_education_assignments_app_policy: str | None = Field(None, alias="TeamsEducationAssignmentsAppPolicy")
    teams_events_policy: str | None = Field(None, alias="TeamsEventsPolicy")
    teams_feedback_policy: str | None = Field(None, alias="TeamsFeedbackPolicy")
    teams_files_policy: str | None = Field(None, alias="TeamsFilesPolicy")
    teams_media_connectivity_policy: str | None = Field(None, alias="TeamsMediaConnectivityPolicy")
    teams_media_logging_policy: str | None = Field(None, alias="TeamsMediaLoggingPolicy")
    teams_meeting_branding_policy: str | None = Field(None, alias="TeamsMeetingBrandingPolicy")
    teams_meeting_template_permission_policy: str | None = Field(None, alias="TeamsMeetingTemplatePermissionPolicy")
    teams_mobility_policy: str | None = Field(None, alias="TeamsMobilityPolicy")
    teams_notification_and_feeds_policy: str | None = Field(None, alias="TeamsNotificationAndFeedsPolicy")
    teams_owners_policy: str | None = Field(None, alias="TeamsOwnersPolicy")
    teams_shared_calling_routing_policy: str | None = Field(None, alias="TeamsSharedCallingRoutingPolicy")
    teams_shifts_app_policy: str | None = Field(None, alias="TeamsShiftsAppPolicy")
    teams_shifts_policy: str | None = Field(None, alias="TeamsShiftsPolicy")
    teams_survivable_branch_appliance_policy: str | None = Field(None, alias="TeamsSurvivableBranchAppliancePolicy")
    teams_synthetic_automated_call_policy: str | None = Field(None, alias="TeamsSyntheticAutomatedCallPolicy")
    teams_targeting_policy: str | None = Field(None, alias="TeamsTargetingPolicy")
    teams_template_permission_policy: str | None = Field(None, alias="TeamsTemplatePermissionPolicy")
    teams_update_management_policy: str | None = Field(None, alias="TeamsUpdateManagementPolicy")
    teams_upgrade_override_policy: str | None = Field(None, alias="TeamsUpgradeOverridePolicy")
    teams_vdi_policy: str | None = Field(None, alias="TeamsVdiPolicy")
    teams_vertical_package_policy: str | None = Field(None, alias="TeamsVerticalPackagePolicy")
    teams_video_interop_service_policy: str | None = Field(None, alias="TeamsVideoInteropServicePolicy")
    teams_virtual_appointments_policy: str | None = Field(None, alias="TeamsVirtualAppointmentsPolicy")
    teams_voice_applications_policy: str | None = Field(None, alias="TeamsVoiceApplicationsPolicy")
    teams_work_load_policy: str | None = Field(None, alias="TeamsWorkLoadPolicy")
    teams_work_location_detection_policy: str | None = Field(None, alias="TeamsWorkLocationDetectionPolicy")
    effective_policy_assignments: tuple[dict[str, str], ...] = Field((), alias="EffectivePolicyAssignments")
    tenant_id: uuid.UUID = Field(alias="TenantId")


#: The policy properties of Get-CsOnlineUser whose families the emulator does not model.
UNMODELLED_USER_POLICIES: tuple[str, ...] = (
    "ExternalAccessPolicy",
    "OnlineAudioConferencingRoutingPolicy",
    "TeamsAIPolicy",
    "TeamsAppPermissionPolicy",
    "TeamsBYODAndDesksPolicy",
    "TeamsCallHoldPolicy",
    "TeamsCallParkPolicy",
    "TeamsChannelsPolicy",
    "TeamsComplianceRecordingPolicy",
    "TeamsCortanaPolicy",
    "TeamsEducationAssignmentsAppPolicy",
    "TeamsEventsPolicy",
    "TeamsFeedbackPolicy",
    "TeamsFilesPolicy",
    "TeamsMediaConnectivityPolicy",
    "TeamsMediaLoggingPolicy",
    "TeamsMeetingBrandingPolicy",
    "TeamsMeetingTemplatePermissionPolicy",
    "TeamsMobilityPolicy",
    "TeamsNotificationAndFeedsPolicy",
    "TeamsOwnersPolicy",
    "TeamsSharedCallingRoutingPolicy",
    "TeamsShiftsAppPolicy",
    "TeamsShiftsPolicy",
    "TeamsSurvivableBranchAppliancePolicy",
    "TeamsSyntheticAutomatedCallPolicy",
    "TeamsTargetingPolicy",
    "TeamsTemplatePermissionPolicy",
    "TeamsUpdateManagementPolicy",
    "TeamsUpgradeOverridePolicy",
    "TeamsVdiPolicy",
    "TeamsVerticalPackagePolicy",
    "TeamsVideoInteropServicePolicy",
    "TeamsVirtualAppointmentsPolicy",
    "TeamsVoiceApplicationsPolicy",
    "TeamsWorkLoadPolicy",
    "TeamsWorkLocationDetectionPolicy",
)


#: The namespace of the Graph SDK's model types.
_GRAPH_MODELS = "Microsoft.Graph.PowerShell.Models"


class GraphAssignedLicense(PSModel):
    """microsoft.graph.assignedLicense: a SKU GUID and the plans switched off in it."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphAssignedLicense", "System.Object")

    disabled_plans: tuple[uuid.UUID, ...] = Field((), alias="DisabledPlans")
    sku_id: uuid.UUID = Field(alias="SkuId")


class MgUser(PSModel):
    """Get-MgUser output (IMicrosoftGraphUser). Without -Property, Graph returns its default
    set; the other properties are then ``None``."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.Graph.PowerShell.Models.MicrosoftGraphUser", "System.Object")
    #: The Graph SDK's table view of a user (Microsoft.Graph.Users' format file).
    ps_table_view: ClassVar[tuple[str, ...]] = ("DisplayName", "Id", "Mail", "UserPrincipalName")

    id: str = Field(alias="Id")
    display_name: str | None = Field(None, alias="DisplayName")
    mail: str | None = Field(None, alias="Mail")
    user_principal_name: str | None = Field(None, alias="UserPrincipalName")
    preferred_language: str | None = Field(None, alias="PreferredLanguage")
    account_enabled: bool | None = Field(None, alias="AccountEnabled")
    department: str | None = Field(None, alias="Department")
    usage_location: str | None = Field(None, alias="UsageLocation")
    user_type: str | None = Field(None, alias="UserType")
    assigned_licenses: tuple[GraphAssignedLicense, ...] | None = Field(None, alias="AssignedLicenses")


class MgVerifiedDomain(PSModel):
    """microsoft.graph.verifiedDomain: one of the organization's domains."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphVerifiedDomain", "System.Object")

    name: str = Field(alias="Name")
    is_default: bool = Field(False, alias="IsDefault")
    is_initial: bool = Field(False, alias="IsInitial")


class MgOrganization(PSModel):
    """Get-MgOrganization output (microsoft.graph.organization), the properties scripts read."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphOrganization", "System.Object")
    ps_table_view: ClassVar[tuple[str, ...]] = ("Id", "DisplayName")

    id: str = Field(alias="Id")
    display_name: str = Field(alias="DisplayName")
    verified_domains: tuple[MgVerifiedDomain, ...] = Field((), alias="VerifiedDomains")


class MgGroup(PSModel):
    """Get-MgGroup output (microsoft.graph.group): the directory groups the users are members of."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphGroup", "System.Object")
    ps_table_view: ClassVar[tuple[str, ...]] = ("Id", "DisplayName", "Description", "GroupTypes")

    id: str = Field(alias="Id")
    display_name: str = Field(alias="DisplayName")
    description: str | None = Field(None, alias="Description")
    group_types: tuple[str, ...] = Field((), alias="GroupTypes")
    mail_enabled: bool = Field(False, alias="MailEnabled")
    security_enabled: bool = Field(True, alias="SecurityEnabled")


class MgDirectoryObject(PSModel):
    """Get-MgGroupMember output (microsoft.graph.directoryObject): the member's ID, and the rest
    of what Graph returned in ``AdditionalProperties`` (keys as Graph spells them, with
    ``@odata.type``), which is where scripts read a member's ``userPrincipalName``."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphDirectoryObject", "System.Object")
    ps_table_view: ClassVar[tuple[str, ...]] = ("Id", "DeletedDateTime")

    id: str = Field(alias="Id")
    deleted_date_time: dt.datetime | None = Field(None, alias="DeletedDateTime")
    additional_properties: dict[str, Any] = Field(default_factory=dict, alias="AdditionalProperties")


class ServicePlanInfo(PSModel):
    """microsoft.graph.servicePlanInfo."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphServicePlanInfo", "System.Object")

    applies_to: str = Field("User", alias="AppliesTo")
    provisioning_status: str = Field(alias="ProvisioningStatus")
    service_plan_id: uuid.UUID = Field(alias="ServicePlanId")
    service_plan_name: str = Field(alias="ServicePlanName")

    def __str__(self) -> str:
        return self.service_plan_name


class MgLicenseDetail(PSModel):
    """Get-MgUserLicenseDetail output (microsoft.graph.licenseDetails)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Graph.PowerShell.Models.MicrosoftGraphLicenseDetails",
        "System.Object",
    )

    id: str = Field(alias="Id")
    service_plans: tuple[ServicePlanInfo, ...] = Field(alias="ServicePlans")
    sku_id: uuid.UUID = Field(alias="SkuId")
    sku_part_number: str = Field(alias="SkuPartNumber")


class LicenseUnits(PSModel):
    """microsoft.graph.licenseUnitsDetail."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_GRAPH_MODELS}.MicrosoftGraphLicenseUnitsDetail", "System.Object")

    enabled: int = Field(alias="Enabled")
    suspended: int = Field(0, alias="Suspended")
    warning: int = Field(0, alias="Warning")


class MgSubscribedSku(PSModel):
    """Get-MgSubscribedSku output (microsoft.graph.subscribedSku)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Graph.PowerShell.Models.MicrosoftGraphSubscribedSku",
        "System.Object",
    )

    applies_to: str = Field("User", alias="AppliesTo")
    capability_status: str = Field("Enabled", alias="CapabilityStatus")
    consumed_units: int = Field(alias="ConsumedUnits")
    id: str = Field(alias="Id")
    prepaid_units: LicenseUnits = Field(alias="PrepaidUnits")
    service_plans: tuple[ServicePlanInfo, ...] = Field(alias="ServicePlans")
    sku_id: uuid.UUID = Field(alias="SkuId")
    sku_part_number: str = Field(alias="SkuPartNumber")


class MsolServicePlan(PSModel):
    """Microsoft.Online.Administration.ServicePlan: a plan of a licence, by name."""

    service_name: str = Field(alias="ServiceName")
    service_plan_id: uuid.UUID = Field(alias="ServicePlanId")
    target_class: str = Field("User", alias="TargetClass")

    def __str__(self) -> str:
        return self.service_name


class MsolServiceStatus(PSModel):
    """One plan of an MSOnline licence and whether it is on (``Success``) or switched off (``Disabled``)."""

    service_plan: MsolServicePlan = Field(alias="ServicePlan")
    provisioning_status: str = Field(alias="ProvisioningStatus")


class MsolLicense(PSModel):
    """One entry of an MSOnline user's Licenses: the AccountSkuId and its plans' ServiceStatus
    (scripts keep a user's disabled plans by reading ``ProvisioningStatus -eq 'Disabled'``)."""

    account_sku_id: str = Field(alias="AccountSkuId")
    service_status: tuple[MsolServiceStatus, ...] = Field((), alias="ServiceStatus")

    def __str__(self) -> str:
        return self.account_sku_id


class MsolUser(PSModel):
    """Get-MsolUser output (Microsoft.Online.Administration.User), the properties scripts read."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.Online.Administration.User", "System.Object")

    user_principal_name: str = Field(alias="UserPrincipalName")
    display_name: str = Field(alias="DisplayName")
    is_licensed: bool = Field(alias="isLicensed")
    licenses: tuple[MsolLicense, ...] = Field(alias="Licenses")
    object_id: uuid.UUID = Field(alias="ObjectId")
    department: str | None = Field(None, alias="Department")
    usage_location: str | None = Field(None, alias="UsageLocation")
    block_credential: bool = Field(False, alias="BlockCredential")


class MsolLicenseOption(PSModel):
    """New-MsolLicenseOptions output (Microsoft.Online.Administration.LicenseOption): the plans of
    one AccountSkuId to switch off when Set-MsolUserLicense assigns it."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.Online.Administration.LicenseOption", "System.Object")

    account_sku_id: str = Field(alias="AccountSkuId")
    disabled_service_plans: tuple[str, ...] = Field((), alias="DisabledServicePlans")


class MsolAccountSku(PSModel):
    """Get-MsolAccountSku output (Microsoft.Online.Administration.AccountSKU)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.Online.Administration.AccountSKU", "System.Object")

    account_name: str = Field(alias="AccountName")
    account_object_id: uuid.UUID = Field(alias="AccountObjectId")
    account_sku_id: str = Field(alias="AccountSkuId")
    active_units: int = Field(alias="ActiveUnits")
    consumed_units: int = Field(alias="ConsumedUnits")
    sku_id: uuid.UUID = Field(alias="SkuId")
    sku_part_number: str = Field(alias="SkuPartNumber")
    suspended_units: int = Field(0, alias="SuspendedUnits")
    target_class: str = Field("User", alias="TargetClass")
    warning_units: int = Field(0, alias="WarningUnits")


AZUREAD_MODEL = "Microsoft.Open.AzureAD.Model"


class AzureAdAssignedLicense(PSModel):
    """Microsoft.Open.AzureAD.Model.AssignedLicense: a SKU GUID (a string in this module) and
    the plans switched off in it."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{AZUREAD_MODEL}.AssignedLicense", "System.Object")

    disabled_plans: tuple[str, ...] = Field((), alias="DisabledPlans")
    sku_id: str | None = Field(None, alias="SkuId")


class AzureAdUser(PSModel):
    """Get-AzureADUser output (Microsoft.Open.AzureAD.Model.User), the properties scripts read."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        f"{AZUREAD_MODEL}.User",
        f"{AZUREAD_MODEL}.DirectoryObject",
        "System.Object",
    )

    object_id: str = Field(alias="ObjectId")
    object_type: str = Field("User", alias="ObjectType")
    account_enabled: bool = Field(alias="AccountEnabled")
    assigned_licenses: tuple[AzureAdAssignedLicense, ...] = Field((), alias="AssignedLicenses")
    department: str | None = Field(None, alias="Department")
    display_name: str = Field(alias="DisplayName")
    mail: str | None = Field(None, alias="Mail")
    preferred_language: str | None = Field(None, alias="PreferredLanguage")
    usage_location: str | None = Field(None, alias="UsageLocation")
    user_principal_name: str = Field(alias="UserPrincipalName")
    user_type: str = Field("Member", alias="UserType")


class AzureAdSubscribedSku(PSModel):
    """Get-AzureADSubscribedSku output (Microsoft.Open.AzureAD.Model.SubscribedSku)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{AZUREAD_MODEL}.SubscribedSku", "System.Object")

    object_id: str = Field(alias="ObjectId")
    applies_to: str = Field("User", alias="AppliesTo")
    capability_status: str = Field("Enabled", alias="CapabilityStatus")
    consumed_units: int = Field(alias="ConsumedUnits")
    prepaid_units: LicenseUnits = Field(alias="PrepaidUnits")
    service_plans: tuple[ServicePlanInfo, ...] = Field(alias="ServicePlans")
    sku_id: str = Field(alias="SkuId")
    sku_part_number: str = Field(alias="SkuPartNumber")


class AzureAdConnection(PSModel):
    """What Connect-AzureAD writes: the signed-in account and its tenant."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Open.Azure.AD.CommonLibrary.PSAzureContext",
        "System.Object",
    )

    account: str = Field(alias="Account")
    environment: str = Field("AzureCloud", alias="Environment")
    tenant_id: uuid.UUID = Field(alias="TenantId")
    tenant_domain: str = Field(alias="TenantDomain")
    account_type: str = Field("User", alias="AccountType")


class PhoneNumberAssignment(PSModel):
    """Get-CsPhoneNumberAssignment output, the documented fields scripts read."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.SkypeTelephoneNumberMgmtCmdletAcquiredTelephoneNumber",
        "System.Object",
    )

    telephone_number: str = Field(alias="TelephoneNumber")
    number_type: str = Field(alias="NumberType")
    activation_state: str = Field("Activated", alias="ActivationState")
    assigned_pstn_target_id: str | None = Field(None, alias="AssignedPstnTargetId")
    assignment_category: str | None = Field(None, alias="AssignmentCategory")
    capability: tuple[str, ...] = Field(alias="Capability")
    city: str | None = Field(None, alias="City")
    iso_country_code: str | None = Field(None, alias="IsoCountryCode")
    pstn_assignment_status: str = Field(alias="PstnAssignmentStatus")
    pstn_partner_name: str = Field("Microsoft", alias="PstnPartnerName")
    number_source: str = Field("Online", alias="NumberSource")


class OnlineTelephoneNumber(PSModel):
    """Get-CsOnlineTelephoneNumber output (the legacy BVD number), the documented fields."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Skype.EnterpriseVoice.BVDClient.Number",
        "System.Object",
    )

    activation_state: str = Field("Activated", alias="ActivationState")
    bridge_number: str | None = Field(None, alias="BridgeNumber")
    inventory_type: str = Field(alias="InventoryType")
    city_code: str | None = Field(None, alias="CityCode")
    id: str = Field(alias="Id")
    location: str | None = Field(None, alias="Location")
    target_type: str | None = Field(None, alias="TargetType")
    tenant_id: uuid.UUID = Field(alias="TenantId")
    user_id: str | None = Field(None, alias="UserId")


class CsTenant(PSModel):
    """Get-CsTenant output, the properties admin scripts read (the full list is long)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.Tenant",  # inferred
        "System.Object",
    )

    tenant_id: uuid.UUID = Field(alias="TenantId")
    display_name: str = Field(alias="DisplayName")
    verified_domains: tuple[str, ...] = Field(alias="VerifiedDomains")
    sip_domain: tuple[str, ...] = Field(alias="SipDomain")
    country_abbreviation: str = Field("US", alias="CountryAbbreviation")
    teams_upgrade_effective_mode: str = Field("TeamsOnly", alias="TeamsUpgradeEffectiveMode")


# --- voice applications: resource accounts, call queues, auto attendants ----------------------------

#: The ApplicationId of a resource account for each kind of voice app (the
#: New-CsOnlineApplicationInstance reference page:
#: https://learn.microsoft.com/powershell/module/teams/new-csonlineapplicationinstance).
AUTO_ATTENDANT_APP_ID = uuid.UUID("ce933385-9390-45d1-9512-c8d228074e07")
CALL_QUEUE_APP_ID = uuid.UUID("11cd3e2e-fccb-42ad-ad00-878b93575e07")
STANDALONE_APP_ID = uuid.UUID("0e9f2f6b-3b9a-4b1a-9c77-6a3e2d4c5f81")


class ApplicationInstance(PSModel):
    """Get-CsOnlineApplicationInstance output: a resource account
    (https://learn.microsoft.com/powershell/module/teams/get-csonlineapplicationinstance)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.Hosted.Online.Models.ApplicationInstance",  # inferred
        "System.Object",
    )

    object_id: uuid.UUID = Field(alias="ObjectId")
    tenant_id: uuid.UUID = Field(alias="TenantId")
    user_principal_name: str = Field(alias="UserPrincipalName")
    application_id: uuid.UUID = Field(alias="ApplicationId")
    display_name: str = Field(alias="DisplayName")
    phone_number: str | None = Field(None, alias="PhoneNumber")


class CallQueueAgent(PSModel):
    """One agent of a call queue: the user's object ID and whether the agent takes calls."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.Hosted.CallQueue.Models.Agent",  # inferred
        "System.Object",
    )

    object_id: uuid.UUID = Field(alias="ObjectId")
    opt_in: bool = Field(True, alias="OptIn")


class CallQueue(PSModel):
    """Get-CsCallQueue output, the properties named as New-CsCallQueue's parameters
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-cscallqueue; its OUTPUTS:
    Microsoft.Rtc.Management.Hosted.CallQueue.Models.CallQueue)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.Hosted.CallQueue.Models.CallQueue",
        "System.Object",
    )

    identity: uuid.UUID = Field(alias="Identity")
    name: str = Field(alias="Name")
    routing_method: str = Field("Attendant", alias="RoutingMethod")
    distribution_lists: tuple[uuid.UUID, ...] = Field((), alias="DistributionLists")
    users: tuple[uuid.UUID, ...] = Field((), alias="Users")
    agents: tuple[CallQueueAgent, ...] = Field((), alias="Agents")
    allow_opt_out: bool = Field(True, alias="AllowOptOut")
    conference_mode: bool = Field(True, alias="ConferenceMode")
    presence_based_routing: bool = Field(False, alias="PresenceBasedRouting")
    agent_alert_time: int = Field(30, alias="AgentAlertTime")
    language_id: str = Field("en-US", alias="LanguageId")
    overflow_threshold: int = Field(50, alias="OverflowThreshold")
    overflow_action: str = Field("DisconnectWithBusy", alias="OverflowAction")
    overflow_action_target: str | None = Field(None, alias="OverflowActionTarget")
    timeout_threshold: int = Field(1200, alias="TimeoutThreshold")
    timeout_action: str = Field("Disconnect", alias="TimeoutAction")
    timeout_action_target: str | None = Field(None, alias="TimeoutActionTarget")
    use_default_music_on_hold: bool = Field(True, alias="UseDefaultMusicOnHold")
    application_instances: tuple[uuid.UUID, ...] = Field((), alias="ApplicationInstances")
    #: "Current queue size = 0" (the page's notice: this line goes on August 28, 2026).
    statistics: str | None = Field(None, alias="Statistics")


class AutoAttendant(PSModel):
    """Get-CsAutoAttendant output: the properties admin reports read
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-csautoattendant)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.Hosted.OAA.Models.AutoAttendant",  # inferred
        "System.Object",
    )

    identity: str = Field(alias="Identity")
    name: str = Field(alias="Name")
    language_id: str = Field("en-US", alias="LanguageId")
    voice_id: str = Field("Female", alias="VoiceId")
    time_zone_id: str = Field("Pacific Standard Time", alias="TimeZoneId")
    voice_response_enabled: bool = Field(False, alias="VoiceResponseEnabled")
    operator: str | None = Field(None, alias="Operator")
    application_instances: tuple[uuid.UUID, ...] = Field((), alias="ApplicationInstances")


class ResourceAccountPolicy(PSModel):
    """A policy granted to a resource account (Grant-CsOnlineVoiceRoutingPolicy -Identity <it>)."""

    object_id: uuid.UUID = Field(alias="ObjectId")
    policy_type: str = Field(alias="PolicyType")
    policy_name: str = Field(alias="PolicyName")


class VoiceApps(PSModel):
    """The tenant's resource accounts, call queues and auto attendants (none unless seeded), and
    the policies granted to resource accounts."""

    application_instances: tuple[ApplicationInstance, ...] = Field((), alias="ApplicationInstances")
    call_queues: tuple[CallQueue, ...] = Field((), alias="CallQueues")
    auto_attendants: tuple[AutoAttendant, ...] = Field((), alias="AutoAttendants")
    resource_account_policies: tuple[ResourceAccountPolicy, ...] = Field((), alias="ResourceAccountPolicies")


# --- Direct Routing: online PSTN usages, voice routes, PSTN gateways (SBCs) -------------------------


class OnlinePstnUsages(PSModel):
    """Get-CsOnlinePstnUsage output: the tenant's one (Global) list of online PSTN usages
    (https://learn.microsoft.com/powershell/module/teams/get-csonlinepstnusage)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.Voice.OnlinePstnUsages",  # inferred
        "System.Object",
    )

    identity: str = Field("Global", alias="Identity")
    usage: tuple[str, ...] = Field((), alias="Usage")


class OnlineVoiceRoute(PSModel):
    """Get-CsOnlineVoiceRoute output: which numbers (a regular expression) go out through which
    gateways, for the users whose voice routing policy has one of its usages
    (https://learn.microsoft.com/powershell/module/teams/new-csonlinevoiceroute)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Policy.Voice.OnlineRoute",  # inferred
        "System.Object",
    )

    identity: str = Field(alias="Identity")
    priority: int = Field(0, alias="Priority")
    description: str | None = Field(None, alias="Description")
    number_pattern: str = Field("[0-9]{10}", alias="NumberPattern")
    online_pstn_usages: tuple[str, ...] = Field((), alias="OnlinePstnUsages")
    online_pstn_gateway_list: tuple[str, ...] = Field((), alias="OnlinePstnGatewayList")
    bridge_source_phone_number: str | None = Field(None, alias="BridgeSourcePhoneNumber")
    name: str = Field(alias="Name")


class OnlinePstnGateway(PSModel):
    """Get-CsOnlinePSTNGateway output: a Session Border Controller's settings, defaults as the
    New-CsOnlinePSTNGateway page gives them
    (https://learn.microsoft.com/powershell/module/teams/new-csonlinepstngateway)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.WritableConfig.Hosted.PstnGateway",  # inferred
        "System.Object",
    )

    identity: str = Field(alias="Identity")
    inbound_teams_number_translation_rules: tuple[str, ...] = Field((), alias="InboundTeamsNumberTranslationRules")
    inbound_pstn_number_translation_rules: tuple[str, ...] = Field((), alias="InboundPstnNumberTranslationRules")
    outbound_teams_number_translation_rules: tuple[str, ...] = Field((), alias="OutboundTeamsNumberTranslationRules")
    outbound_pstn_number_translation_rules: tuple[str, ...] = Field((), alias="OutboundPstnNumberTranslationRules")
    fqdn: str = Field(alias="Fqdn")
    sip_signaling_port: int = Field(alias="SipSignalingPort")
    failover_time_seconds: int = Field(10, alias="FailoverTimeSeconds")
    forward_call_history: bool = Field(False, alias="ForwardCallHistory")
    forward_pai: bool = Field(False, alias="ForwardPai")
    send_sip_options: bool = Field(True, alias="SendSipOptions")
    max_concurrent_sessions: int | None = Field(None, alias="MaxConcurrentSessions")
    enabled: bool = Field(False, alias="Enabled")
    media_bypass: bool = Field(False, alias="MediaBypass")
    gateway_site_id: str | None = Field(None, alias="GatewaySiteId")
    gateway_site_lbr_enabled: bool = Field(False, alias="GatewaySiteLbrEnabled")
    gateway_lbr_enabled_user_override: bool = Field(False, alias="GatewayLbrEnabledUserOverride")
    failover_response_codes: str = Field("408,503,504", alias="FailoverResponseCodes")
    pidf_lo_supported: bool = Field(False, alias="PidfLoSupported")
    media_relay_routing_location_override: str | None = Field(None, alias="MediaRelayRoutingLocationOverride")
    proxy_sbc: str | None = Field(None, alias="ProxySbc")
    bypass_mode: str = Field("None", alias="BypassMode")
    description: str | None = Field(None, alias="Description")
    ip_address_version: str = Field("IPv4", alias="IPAddressVersion")


class DirectRouting(PSModel):
    """The tenant's Direct Routing configuration (empty in a new tenant)."""

    usages: tuple[str, ...] = Field((), alias="OnlinePstnUsages")
    routes: tuple[OnlineVoiceRoute, ...] = Field((), alias="OnlineVoiceRoutes")
    gateways: tuple[OnlinePstnGateway, ...] = Field((), alias="OnlinePstnGateways")


# --- online voicemail: a user's own settings ------------------------------------------------------


class VoicemailUserSettings(PSModel):
    """Get-/Set-CsOnlineVoicemailUserSettings output
    (https://learn.microsoft.com/powershell/module/microsoftteams/get-csonlinevoicemailusersettings;
    its OUTPUTS: Microsoft.Rtc.Management.Hosted.Voicemail.Models.VoicemailUserSettings). Its
    properties are Set-'s parameters (the page lists no output table: decided); the defaults are
    a user who never changed them: voicemail on, RegularVoicemail, prompts in the user's language."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Rtc.Management.Hosted.Voicemail.Models.VoicemailUserSettings",
        "System.Object",
    )

    call_answer_rule: str = Field("RegularVoicemail", alias="CallAnswerRule")
    default_greeting_prompt_overwrite: str | None = Field(None, alias="DefaultGreetingPromptOverwrite")
    default_oof_greeting_prompt_overwrite: str | None = Field(None, alias="DefaultOofGreetingPromptOverwrite")
    oof_greeting_enabled: bool = Field(False, alias="OofGreetingEnabled")
    oof_greeting_follow_automatic_replies_enabled: bool = Field(False, alias="OofGreetingFollowAutomaticRepliesEnabled")
    oof_greeting_follow_calendar_enabled: bool = Field(False, alias="OofGreetingFollowCalendarEnabled")
    prompt_language: str | None = Field(None, alias="PromptLanguage")
    share_data: bool = Field(False, alias="ShareData")
    transfer_target: str | None = Field(None, alias="TransferTarget")
    voicemail_enabled: bool = Field(True, alias="VoicemailEnabled")


class StoredVoicemailSettings(PSModel):
    """One user's voicemail settings as the tenant keeps them."""

    user_id: uuid.UUID = Field(alias="UserId")
    settings: VoicemailUserSettings = Field(alias="Settings")


class VoicemailSettings(PSModel):
    """The voicemail settings users (or their admins) changed; a user not here has the defaults."""

    users: tuple[StoredVoicemailSettings, ...] = Field((), alias="Users")
