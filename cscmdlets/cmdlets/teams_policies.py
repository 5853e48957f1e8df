"""The other Teams policy families admin scripts grant around audio conferencing: meeting,
calling, online voice routing, tenant dial plan, IP phone, voicemail, live-event (meeting
broadcast), messaging, caller ID, upgrade, emergency calling and call routing, and app setup
policies -- ``Get-`` and ``Grant-`` of each, and ``New-``, ``Set-`` and ``Remove-`` of each but the
upgrade policy (today's module has none).

Each family is one :class:`PolicyFamily`: its noun, the Get-CsOnlineUser property its grant
shows in, the instances every tenant has, the Grant- default parameter set of its reference
page, and where the tenant keeps its instances. The CommandMetadata of its cmdlets is built
from it once (New- and Set- take one parameter per property of the family's output object),
so binding, help, docs, lint, port and remote read the same description. Reference pages
(Microsoft Learn, https://learn.microsoft.com/powershell/module/teams/<cmdlet>): Get-, Grant-,
New-, Set- and Remove- of CsTeamsMeetingPolicy, CsTeamsCallingPolicy, CsOnlineVoiceRoutingPolicy,
CsTenantDialPlan, CsTeamsIPPhonePolicy, CsOnlineVoicemailPolicy, CsTeamsMeetingBroadcastPolicy,
CsTeamsMessagingPolicy, CsCallingLineIdentity, CsTeamsEmergencyCallingPolicy,
CsTeamsEmergencyCallRoutingPolicy and CsTeamsAppSetupPolicy; Get- and Grant-CsTeamsUpgradePolicy.

The preconfigured instances: meeting policies "Manage meeting policies in Microsoft Teams"
(https://learn.microsoft.com/en-us/microsoftteams/meeting-policies-overview), calling policies
"Calling policies in Teams" (https://learn.microsoft.com/en-us/microsoftteams/teams-calling-policy),
voicemail policies the Get-CsOnlineVoicemailPolicy page (its TranscriptionDisabled example and
"Tag:* will return all preconfigured voicemail policy instances"). Assignment precedence is the
audio conferencing policy's (the user's own, the best-ranked group, the tenant-wide one, Global).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..model import User
from ..model.neighbourhood import (
    CallingLineIdentity,
    EffectivePolicy,
    OnlineVoicemailPolicy,
    OnlineVoiceRoutingPolicy,
    Policies,
    PolicySource,
    TeamsAppSetupPolicy,
    TeamsCallingPolicy,
    TeamsEmergencyCallingPolicy,
    TeamsEmergencyCallRoutingPolicy,
    TeamsIPPhonePolicy,
    TeamsMeetingBroadcastPolicy,
    TeamsMeetingPolicy,
    TeamsMessagingPolicy,
    TeamsPolicy,
    TeamsUpgradePolicy,
    TenantDialPlan,
    policy_name,
)
from ..powershell import types as t
from ..powershell.errors import NullNotAllowed
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .common import FORCE, TENANT, rule_one_of, with_unemulated
from .neighbourhood_errors import PolicyAlreadyExists, PolicyInUse, PolicyNotFound
from .online_user import teams_type
from .phone_numbers import rule_own_tenant
from .policies import (
    grant_to_group,
    grant_to_tenant,
    grant_to_user,
    matches_filter,
    rule_granted_policy_exists,
    rule_policy_name,
    users_assigned,
)
from .user_view import POLICY_FIELDS, assigned_policy, group_id, resolve_online_user


@dataclass(frozen=True)
class PolicyFamily:
    """One Teams policy family: what its Get-/Grant- cmdlets are built from."""

    #: The noun after the verb: ``CsTeamsMeetingPolicy``.
    noun: str
    #: The policy type: Get-CsOnlineUser's property and EffectivePolicyAssignments' PolicyType.
    policy_type: str
    #: The instances every tenant has, Global first.
    built_in: tuple[TeamsPolicy, ...]
    #: What the policy decides, for the synopses.
    about: str
    #: The default parameter set of the Grant- syntax on its reference page.
    grant_default: str = "Identity"
    #: A preconfigured policy for the Grant- example (``None``: the example unassigns, $null).
    example_name: str | None = "AllOff"
    #: The ``Policies`` field holding instances New- made (``None``: only the built-in ones).
    stored: str | None = None
    #: Grant-'s -Group is positional (``[-Group] <string>`` on the page), else named.
    group_positional: bool = True
    #: Get- has the Skype Online-era surface: -Identity an XdsIdentity, -Tenant and -LocalStore.
    xds_get: bool = False
    #: Grant- parameters of this family only (accepted; nothing in the emulated tenant uses them).
    grant_extra: tuple[Parameter, ...] = ()
    #: The family has its own New-CsXxx (``False``: New-CsOnlineVoiceRoutingPolicy, described apart).
    generic_new: bool = True

    @property
    def output_type(self) -> type[TeamsPolicy]:
        return type(self.built_in[0])

    def instances(self, policies: Policies) -> tuple[TeamsPolicy, ...]:
        stored: tuple[TeamsPolicy, ...] | None = getattr(policies, self.stored) if self.stored else None
        return stored if stored is not None else self.built_in

    def find(self, policies: Policies, identity: str) -> TeamsPolicy | None:
        wanted = policy_name(identity).lower()
        return next((p for p in self.instances(policies) if p.name.lower() == wanted), None)


def _tag(name: str, model: type[TeamsPolicy], **values: Any) -> TeamsPolicy:
    return model.model_validate({"Identity": f"Tag:{name}", **values})


_MEETING_OFF = {"AllowMeetNow": False, "AllowCloudRecording": False, "AllowAnonymousUsersToJoinMeeting": False}

MEETING = PolicyFamily(
    stored="meeting",
    noun="CsTeamsMeetingPolicy",
    policy_type="TeamsMeetingPolicy",
    about="which meeting features the users' meetings have",
    grant_default="GrantToTenant",
    xds_get=True,
    built_in=(
        TeamsMeetingPolicy(identity="Global"),
        _tag("AllOn", TeamsMeetingPolicy),
        _tag("RestrictedAnonymousAccess", TeamsMeetingPolicy, AllowAnonymousUsersToJoinMeeting=False),
        _tag("AllOff", TeamsMeetingPolicy, **_MEETING_OFF),
        _tag(
            "RestrictedAnonymousNoRecording",
            TeamsMeetingPolicy,
            AllowCloudRecording=False,
            AllowAnonymousUsersToJoinMeeting=False,
        ),
        _tag("Default", TeamsMeetingPolicy),
        _tag("Kiosk", TeamsMeetingPolicy, AllowMeetNow=False, AllowCloudRecording=False),  # inferred
    ),
)
CALLING = PolicyFamily(
    stored="calling",
    noun="CsTeamsCallingPolicy",
    policy_type="TeamsCallingPolicy",
    about="which calling features the users have",
    example_name="DisallowCalling",
    built_in=(
        TeamsCallingPolicy(identity="Global"),
        _tag("AllowCalling", TeamsCallingPolicy),
        _tag(
            "DisallowCalling",
            TeamsCallingPolicy,
            AllowPrivateCalling=False,
            AllowCallForwardingToPhone=False,
            AllowVoicemail="AlwaysDisabled",
        ),
        _tag("AllowCallingPreventTollBypass", TeamsCallingPolicy, PreventTollBypass=True),
        _tag("AllowCallingPreventForwardingtoPhone", TeamsCallingPolicy, AllowCallForwardingToPhone=False),
    ),
)
VOICE_ROUTING = PolicyFamily(
    noun="CsOnlineVoiceRoutingPolicy",
    policy_type="OnlineVoiceRoutingPolicy",
    about="the PSTN usages a Direct Routing user's calls may take",
    example_name=None,
    built_in=(OnlineVoiceRoutingPolicy(identity="Global"),),
    stored="voice_routing",
    generic_new=False,
)
DIAL_PLAN = PolicyFamily(
    stored="dial_plan",
    noun="CsTenantDialPlan",
    policy_type="TenantDialPlan",
    about="how the users' dialled numbers are normalized",
    grant_default="GrantToTenant",
    example_name=None,
    built_in=(TenantDialPlan(identity="Global"),),
)
IP_PHONE = PolicyFamily(
    stored="ip_phone",
    noun="CsTeamsIPPhonePolicy",
    policy_type="TeamsIPPhonePolicy",
    about="how the users sign in to Teams phones",
    group_positional=False,
    example_name=None,
    built_in=(TeamsIPPhonePolicy(identity="Global"),),
)
VOICEMAIL = PolicyFamily(
    stored="voicemail",
    noun="CsOnlineVoicemailPolicy",
    policy_type="OnlineVoicemailPolicy",
    about="the users' voicemail transcription",
    grant_default="GrantToTenant",
    example_name="TranscriptionDisabled",
    built_in=(
        OnlineVoicemailPolicy(identity="Global"),
        _tag("TranscriptionProfanityMaskingEnabled", OnlineVoicemailPolicy, EnableTranscriptionProfanityMasking=True),
        _tag("TranscriptionDisabled", OnlineVoicemailPolicy, EnableTranscription=False),
    ),
)
BROADCAST = PolicyFamily(
    stored="broadcast",
    noun="CsTeamsMeetingBroadcastPolicy",
    policy_type="TeamsMeetingBroadcastPolicy",
    about="whether the users may schedule live events",
    group_positional=False,
    xds_get=True,
    example_name="Default",
    built_in=(TeamsMeetingBroadcastPolicy(identity="Global"), _tag("Default", TeamsMeetingBroadcastPolicy)),
)

MESSAGING = PolicyFamily(
    stored="messaging",
    noun="CsTeamsMessagingPolicy",
    policy_type="TeamsMessagingPolicy",
    about="which chat features the users have",
    example_name="Default",
    group_positional=False,
    xds_get=True,
    built_in=(TeamsMessagingPolicy(identity="Global"), _tag("Default", TeamsMessagingPolicy)),  # inferred: Default
)
CALLER_ID = PolicyFamily(
    stored="caller_id",
    noun="CsCallingLineIdentity",
    policy_type="CallingLineIdentity",
    about="the caller ID the users' PSTN calls show",
    grant_default="GrantToTenant",
    example_name=None,
    built_in=(CallingLineIdentity(identity="Global"),),
)
_UPGRADE_MODES = (
    ("Islands", "Use either Skype for Business client or Teams client"),
    ("SfBOnly", "Use only Skype for Business"),
    ("SfBWithTeamsCollab", "Use Skype for Business and use Teams only for group collaboration"),
    ("SfBWithTeamsCollabAndMeetings", "Use Skype for Business and use Teams only for group collaboration"),
)
UPGRADE = PolicyFamily(
    noun="CsTeamsUpgradePolicy",
    policy_type="TeamsUpgradePolicy",
    about="the users' coexistence mode with Skype for Business",
    example_name="UpgradeToTeams",
    group_positional=False,
    xds_get=True,
    grant_extra=(
        Parameter("MigrateMeetingsToTeams", t.BOOLEAN, help="Moves Skype for Business meetings (none here)."),
        Parameter("Force", t.SWITCH, sets=(InSet("GrantToTenant"),), help="Suppresses the confirmation."),
    ),
    # The page's Example 1 lists these instances; Global is TeamsOnly since Skype for Business
    # Online's retirement upgraded every tenant ("Skype for Business Online retirement",
    # https://learn.microsoft.com/microsoftteams/skype-for-business-online-retirement).
    built_in=(
        TeamsUpgradePolicy(identity="Global", description="Use Teams Only"),  # inferred: TeamsOnly
        _tag("UpgradeToTeams", TeamsUpgradePolicy, Description="Use Teams Only"),
        *(
            _tag(f"{mode}{suffix}", TeamsUpgradePolicy, Description=text, Mode=mode, NotifySfbUsers=bool(suffix))
            for mode, text in _UPGRADE_MODES
            for suffix in ("", "WithNotify")
        ),
    ),
)

EMERGENCY_CALLING = PolicyFamily(
    noun="CsTeamsEmergencyCallingPolicy",
    policy_type="TeamsEmergencyCallingPolicy",
    stored="emergency_calling",
    about="who is notified of the users' emergency calls",
    grant_default="GrantToTenant",
    example_name=None,
    built_in=(TeamsEmergencyCallingPolicy(identity="Global"),),
)
EMERGENCY_CALL_ROUTING = PolicyFamily(
    noun="CsTeamsEmergencyCallRoutingPolicy",
    policy_type="TeamsEmergencyCallRoutingPolicy",
    stored="emergency_call_routing",
    about="the emergency numbers the users dial and how they are routed",
    grant_default="GrantToTenant",
    example_name=None,
    built_in=(TeamsEmergencyCallRoutingPolicy(identity="Global"),),
)
APP_SETUP = PolicyFamily(
    noun="CsTeamsAppSetupPolicy",
    policy_type="TeamsAppSetupPolicy",
    stored="app_setup",
    about="which apps are pinned to the users' app bar",
    example_name="FirstLineWorker",
    # The admin article's preset: "FirstLineWorker" for frontline workers (inferred name).
    built_in=(TeamsAppSetupPolicy(identity="Global"), _tag("FirstLineWorker", TeamsAppSetupPolicy)),
)

FAMILIES = (
    MEETING,
    CALLING,
    VOICE_ROUTING,
    DIAL_PLAN,
    IP_PHONE,
    VOICEMAIL,
    BROADCAST,
    MESSAGING,
    CALLER_ID,
    UPGRADE,
    EMERGENCY_CALLING,
    EMERGENCY_CALL_ROUTING,
    APP_SETUP,
)

# --- metadata, built from each family -------------------------------------------------------------


def _get_metadata(family: PolicyFamily) -> CommandMetadata:
    name = f"Get-{family.noun}"
    identity = Parameter(
        "Identity",
        t.XDS_IDENTITY if family.xds_get else t.STRING,
        sets=(InSet("Identity", position=0),),
        help='"Global" or a policy by name.',
    )
    legacy = (TENANT, Parameter("LocalStore", t.SWITCH, help="Reserved for internal Microsoft use.")) * family.xds_get
    return CommandMetadata(
        name=name,
        synopsis=f"Returns the {family.policy_type} instances: {family.about}.",
        implementing_type=teams_type(name),
        default_parameter_set="Identity",
        output_type=family.output_type,
        parameters=(
            *legacy,
            identity,
            Parameter("Filter", t.STRING, sets=(InSet("Filter"),), help='Wildcard over identities, e.g. "Tag:*".'),
        ),
        examples=(Example(f'{name} -Filter "Tag:*"', "Lists the per-user instances."),),
    )


def _grant_metadata(family: PolicyFamily) -> CommandMetadata:
    name = f"Grant-{family.noun}"
    return CommandMetadata(
        name=name,
        synopsis=f"Assigns a {family.policy_type} to a user, a group or the whole tenant.",
        implementing_type=teams_type(name),
        default_parameter_set=family.grant_default,
        supports_should_process=True,
        parameters=(
            Parameter(
                "Identity",
                t.STRING,
                sets=(InSet("Identity", position=0),),
                from_pipeline_by_property_name=True,
                help="The user: SIP address, UPN, object ID or display name.",
            ),
            Parameter(
                "PolicyName", t.STRING, position=1, help="The policy (its name, without Tag:); $null removes it."
            ),
            Parameter("PassThru", t.SWITCH, help="Writes the user (or nothing for -Global) to the pipeline."),
            Parameter(
                "Global", t.SWITCH, sets=(InSet("GrantToTenant"),), help="Tenant-wide, for users without their own."
            ),
            Parameter(
                "Group",
                t.STRING,
                sets=(InSet("GrantToGroup", mandatory=True, position=0 if family.group_positional else None),),
                help="A group, by name.",
            ),
            Parameter("Rank", t.INT32, sets=(InSet("GrantToGroup"),), help="The group assignment's rank (1 first)."),
            *family.grant_extra,
        ),
        examples=(_grant_example(name, family),),
    )


def _grant_example(name: str, family: PolicyFamily) -> Example:
    if family.example_name is None:
        return Example(
            f"{name} -Identity ken.myer@contoso.com -PolicyName $null",
            f"Removes Ken's own {family.policy_type}: Ken follows the tenant's again.",
        )
    return Example(
        f"{name} -Identity ken.myer@contoso.com -PolicyName {family.example_name}",
        f"Ken's {family.policy_type} becomes {family.example_name}.",
    )


#: Settings whose parameter is not the one their Python type suggests (the reference pages' types).
_SETTING_TYPES: dict[str, t.ParamType] = {"MediaBitRateKb": t.UINT32}
_ANNOTATION_TYPES: dict[Any, t.ParamType] = {
    bool: t.BOOLEAN,
    str: t.STRING,
    str | None: t.STRING,
    int: t.INT32,
    int | None: t.INT32,
}


def model_parameters(model: type[BaseModel], *, skip: tuple[str, ...] = ("identity",)) -> tuple[Parameter, ...]:
    """One named parameter per field of an output model (but ``skip``), named as the property
    and typed as the reference pages type it: a New-/Set- syntax lists the settings its Get-
    output shows (e.g. Set-CsTeamsMeetingPolicy -AllowMeetNow <Boolean>). A list setting takes
    one value, several, or a list modifier (@{Add=...})."""
    parameters = []
    for name, field in model.model_fields.items():
        alias = field.alias or name
        if name in skip:
            continue
        kind = _SETTING_TYPES.get(alias) or _ANNOTATION_TYPES.get(field.annotation, t.OBJECT)
        shown = "several values" if kind is t.OBJECT else kind.dotnet_name.removeprefix("System.")
        parameters.append(Parameter(alias, kind, help=f"The {alias} setting ({shown})."))
    return tuple(parameters)


def setting_parameters(family: PolicyFamily) -> tuple[Parameter, ...]:
    """The family's settings: every property of its output object but Identity."""
    return model_parameters(family.output_type)


def _policy_identity(family: PolicyFamily, **placement: Any) -> Parameter:
    return Parameter(
        "Identity",
        t.XDS_IDENTITY if family.xds_get else t.STRING,
        from_pipeline_by_property_name=True,
        help='"Global", or a policy by name (with or without "Tag:").',
        **placement,
    )


def _legacy(family: PolicyFamily) -> tuple[Parameter, ...]:
    return (TENANT,) * family.xds_get


def _new_metadata(family: PolicyFamily) -> CommandMetadata:
    name = f"New-{family.noun}"
    return CommandMetadata(
        name=name,
        synopsis=f"Creates a {family.policy_type} instance: {family.about}.",
        implementing_type=teams_type(name),
        supports_should_process=True,
        output_type=family.output_type,
        parameters=(
            _policy_identity(family, position=0, mandatory=True),
            *_legacy(family),
            *setting_parameters(family),
            Parameter("InMemory", t.SWITCH, help="Returns the policy without saving it."),
            FORCE,
        ),
        examples=(Example(f'{name} -Identity "Sales" -Description "Sales staff"', "Creates Tag:Sales."),),
    )


def _set_metadata(family: PolicyFamily) -> CommandMetadata:
    name = f"Set-{family.noun}"
    instance = t.instance_type(family.output_type.ps_type_names[0], (family.output_type.ps_type_names[0],))
    return CommandMetadata(
        name=name,
        synopsis=f"Changes a {family.policy_type} instance (without -Identity: Global).",
        implementing_type=teams_type(name),
        default_parameter_set="Identity",
        supports_should_process=True,
        parameters=(
            _policy_identity(family, sets=(InSet("Identity", position=0),)),
            Parameter("Instance", instance, sets=(InSet("Instance"),), help="A policy object from Get-."),
            *_legacy(family),
            *setting_parameters(family),
            FORCE,
        ),
        examples=(Example(f'{name} -Identity Global -Description "Everyone"', "Changes the Global instance."),),
    )


def _remove_metadata(family: PolicyFamily) -> CommandMetadata:
    name = f"Remove-{family.noun}"
    return CommandMetadata(
        name=name,
        synopsis=f"Removes a {family.policy_type} instance no one is assigned (Global is reset to its defaults).",
        implementing_type=teams_type(name),
        supports_should_process=True,
        parameters=(_policy_identity(family, position=0, mandatory=True), *_legacy(family), FORCE),
        examples=(Example(f"{name} -Identity Global", "Resets Global to its defaults."),),
    )


NEW_VOICE_ROUTING = CommandMetadata(
    name="New-CsOnlineVoiceRoutingPolicy",
    synopsis="Creates an online voice routing policy: the PSTN usages its users' calls may take.",
    implementing_type=teams_type("New-CsOnlineVoiceRoutingPolicy"),
    supports_should_process=True,
    output_type=OnlineVoiceRoutingPolicy,
    parameters=(
        Parameter("Identity", t.STRING, position=0, mandatory=True, help="The new policy's name."),
        Parameter("Description", t.STRING, help="Free text."),
        Parameter("OnlinePstnUsages", t.OBJECT, help='The PSTN usages, e.g. "Long Distance","Local".'),
        Parameter("RouteType", t.STRING, help="Reserved for Microsoft internal use (BYOT)."),
    ),
    examples=(
        Example(
            'New-CsOnlineVoiceRoutingPolicy -Identity "Redmond" -OnlinePstnUsages "Long Distance"',
            "A policy whose users' calls take the Long Distance usage.",
        ),
    ),
)

GET_USER_POLICY_ASSIGNMENT = with_unemulated(
    CommandMetadata(
        name="Get-CsUserPolicyAssignment",
        synopsis="Returns a user's policies that come from a direct or a group assignment, and their sources.",
        implementing_type=teams_type("Get-CsUserPolicyAssignment"),
        default_parameter_set="Get",
        output_type=EffectivePolicy,
        parameters=(
            Parameter("Identity", t.STRING, mandatory=True, help="The user: object ID or UPN."),
            Parameter("PolicyType", t.STRING, help="Only this policy type, e.g. TeamsMeetingPolicy."),
        ),
        examples=(
            Example(
                "Get-CsUserPolicyAssignment -Identity ken.myer@contoso.com -PolicyType TeamsMeetingPolicy "
                "| Select-Object -ExpandProperty PolicySource",
                "Where Ken's meeting policy comes from.",
            ),
        ),
    )
)

GETS = {family.noun: with_unemulated(_get_metadata(family)) for family in FAMILIES}
GRANTS = {family.noun: with_unemulated(_grant_metadata(family)) for family in FAMILIES}
#: The families an admin can change: New- (unless described apart), Set- and Remove-.
WRITABLE = tuple(family for family in FAMILIES if family.stored)
NEWS = {family.noun: with_unemulated(_new_metadata(family)) for family in WRITABLE if family.generic_new}
SETS = {family.noun: with_unemulated(_set_metadata(family)) for family in WRITABLE}
REMOVES = {family.noun: with_unemulated(_remove_metadata(family)) for family in WRITABLE}
TEAMS_POLICY_COMMANDS = (
    *(command for family in FAMILIES for command in (GETS[family.noun], GRANTS[family.noun])),
    NEW_VOICE_ROUTING,
    *NEWS.values(),
    *SETS.values(),
    *REMOVES.values(),
    GET_USER_POLICY_ASSIGNMENT,
)

# --- behaviour ------------------------------------------------------------------------------------


def rule_policy(family: PolicyFamily, policies: Policies, identity: str) -> TeamsPolicy:
    """An -Identity names an instance the tenant has."""
    found = family.find(policies, identity)
    if found is None:
        raise PolicyNotFound(identity, family.policy_type, target_object=identity)
    return found


def _get(family: PolicyFamily) -> Callable[[Invocation], None]:
    def get_policy(call: Invocation) -> None:
        if call.has("Tenant"):
            rule_own_tenant(call)
        policies = call.backend.store.policies()
        identity = call.get("Identity", None)
        if identity is not None:
            call.write_output(rule_policy(family, policies, identity))
            return
        for policy in family.instances(policies):
            if matches_filter(call, policy.identity):
                call.write_output(policy)

    return get_policy


def _grant(family: PolicyFamily) -> Callable[[Invocation], None]:
    def grant_policy(call: Invocation) -> None:
        name = call.get("PolicyName", None)
        if name is not None:
            found = family.find(call.backend.store.policies(), name)
            name = rule_granted_policy_exists(name, found.name if found else None)
            name = None if name == "Global" else name
        if call.has("Identity"):
            grant_to_user(call, family.policy_type, name)
        elif call.has("Group"):
            grant_to_group(call, family.policy_type, name)
        else:
            grant_to_tenant(call, family.policy_type, name)

    return grant_policy


for _family in FAMILIES:
    cmdlet(GETS[_family.noun])(_get(_family))
    cmdlet(GRANTS[_family.noun])(_grant(_family))


def rule_pstn_usages(value: Any) -> tuple[str, ...]:
    """-OnlinePstnUsages: one usage or a list of them (the page's examples pass both), each a
    string the store can hold (a lone surrogate is refused as a string parameter refuses it)."""
    items = value if isinstance(value, list | tuple) else [] if value is None else [value]
    return tuple(t.STRING.convert(t.ps_string(item), "OnlinePstnUsages") for item in items)


@cmdlet(NEW_VOICE_ROUTING)
def new_voice_routing_policy(call: Invocation) -> None:
    store = call.backend.store
    policies = store.policies()
    name = rule_policy_name(call.get("Identity"))
    if VOICE_ROUTING.find(policies, name) is not None:
        raise PolicyAlreadyExists(f"Tag:{name}", VOICE_ROUTING.policy_type, target_object=name)
    policy = OnlineVoiceRoutingPolicy(
        identity=f"Tag:{name}",
        description=call.get("Description", None),
        online_pstn_usages=rule_pstn_usages(call.get("OnlinePstnUsages", None)),
        route_type=call.get("RouteType", None) or "BYOT",
    )
    if call.should_process(policy.identity):
        existing = VOICE_ROUTING.instances(policies)
        store.save_policies(policies.model_copy(update={"voice_routing": (*existing, policy)}))
        parameters = dict(call.values)
        if "OnlinePstnUsages" in parameters:  # any object binds to it: the audit keeps the usages it became
            parameters["OnlinePstnUsages"] = list(policy.online_pstn_usages)
        call.audit(policy.identity, None, policy.to_ps(), parameters)
    call.write_output(policy)


# --- New-, Set-, Remove- --------------------------------------------------------------------------


def rule_setting_values(family: PolicyFamily, call: Invocation, base: TeamsPolicy | None = None) -> dict[str, Any]:
    """The settings the call gives, as model fields; a list setting takes one value or several
    (-OnlinePstnUsages "Local" or "Local","Long Distance"), or a list modifier over ``base``'s."""
    updates: dict[str, Any] = {}
    for name, field in family.output_type.model_fields.items():
        alias = field.alias or name
        if name != "identity" and call.has(alias):
            value = rule_not_null(alias, field.annotation, call.get(alias))
            if field.annotation == tuple[str, ...]:
                value = rule_list_modifier(alias, getattr(base, name, ()), value)
            updates[name] = value
    return updates


def rule_not_null(parameter: str, annotation: Any, value: Any) -> Any:
    """A setting the output object always has (a string, not ``$null``) takes no ``$null``:
    PowerShell's own error for a parameter that rejects null (decided: the pages are silent)."""
    if value is None and annotation is str:
        raise NullNotAllowed(parameter)
    return value


def rule_list_modifier(parameter: str, current: tuple[str, ...], value: Any) -> tuple[str, ...]:
    """A list setting is a PSListModifier: a value or list replaces the list, and a hashtable
    @{Add=...}, @{Remove=...} or @{Replace=...} changes it (the Set-CsOnlineVoiceRoutingPolicy
    page's examples: ``-OnlinePstnUsages @{Add="Long Distance"}``, ``@{Remove="Local"}``)."""
    if not isinstance(value, Mapping):
        return rule_pstn_usages(value)
    result = list(current)
    for key, items in value.items():
        action = rule_one_of(t.ps_string(key), parameter, ("Add", "Remove", "Replace"))
        listed = rule_pstn_usages(items)
        if action == "Replace":
            result = list(listed)
        elif action == "Add":
            result += [item for item in listed if item not in result]
        else:
            result = [item for item in result if item.lower() not in {x.lower() for x in listed}]
    return tuple(result)


def save_instances(
    call: Invocation, family: PolicyFamily, policies: Policies, before: TeamsPolicy | None, after: TeamsPolicy | None
) -> None:
    """Stores the family's instances with ``before`` replaced by ``after`` (in its place; a new one
    last; ``None`` removes) and audits the change."""
    assert family.stored is not None
    instances = list(family.instances(policies))
    if before is None and after is not None:
        instances.append(after)
    elif before is not None:
        index = instances.index(before)
        instances[index : index + 1] = [after] if after is not None else []
    call.backend.store.save_policies(policies.model_copy(update={family.stored: tuple(instances)}))
    subject = after or before
    target = subject.identity if subject is not None else ""
    parameters = audited_parameters(call, subject)
    call.audit(target, before.to_ps() if before else None, after.to_ps() if after else None, parameters)


def audited_parameters(call: Invocation, subject: BaseModel | None, **lists: tuple[str, ...]) -> dict[str, Any]:
    """The call's parameters for the audit log: any object binds to a list setting (a list, a
    modifier hashtable, anything), so such a parameter is logged as the list it made ``subject``
    (or as ``lists`` gives it); -Instance is the object itself, not logged."""
    parameters = {k: v for k, v in call.values.items() if k != "Instance"}
    fields = type(subject).model_fields.items() if subject is not None else ()
    made = {(f.alias or n): getattr(subject, n) for n, f in fields if f.annotation == tuple[str, ...]}
    for alias in parameters.keys() & (made.keys() | lists.keys()):
        parameters[alias] = list(lists.get(alias, made.get(alias, ())))
    return parameters


def _new(family: PolicyFamily) -> Callable[[Invocation], None]:
    def new_policy(call: Invocation) -> None:
        """A new ``Tag:<name>`` instance with the defaults of Global's settings and the ones given.
        A name taken by any instance of the family (built-in ones included) is PolicyAlreadyExists;
        -InMemory returns the instance unsaved, as the reference pages describe."""
        if call.has("Tenant"):
            rule_own_tenant(call)
        policies = call.backend.store.policies()
        name = rule_policy_name(call.get("Identity"))
        if family.find(policies, name) is not None:
            raise PolicyAlreadyExists(f"Tag:{name}", family.policy_type, target_object=name)
        policy = family.output_type(identity=f"Tag:{name}")
        policy = policy.model_copy(update=rule_setting_values(family, call, policy))
        if not call.switch("InMemory") and call.should_process(policy.identity):
            save_instances(call, family, policies, None, policy)
        call.write_output(policy)

    return new_policy


def _set(family: PolicyFamily) -> Callable[[Invocation], None]:
    def set_policy(call: Invocation) -> None:
        """Changes the named instance (no -Identity: Global; -Instance: the object's Identity, with
        its settings as the base). Writes nothing, as the reference pages' OUTPUTS say."""
        if call.has("Tenant"):
            rule_own_tenant(call)
        policies = call.backend.store.policies()
        instance = call.get("Instance", None)
        identity = instance.identity if instance is not None else call.get("Identity", None) or "Global"
        before = rule_policy(family, policies, identity)
        base = instance if instance is not None else before
        after = base.model_copy(update={**rule_setting_values(family, call, base), "identity": before.identity})
        if call.should_process(before.identity):
            save_instances(call, family, policies, before, after)

    return set_policy


def rule_not_in_use(call: Invocation, family: PolicyFamily, policies: Policies, policy: TeamsPolicy) -> None:
    """A policy that users or groups are assigned cannot be removed: reassign them first (as for
    audio conferencing policies; the Remove-CsTeamsMeetingTemplatePermissionPolicy page shows the
    service refusing such a removal)."""
    holders = len(users_assigned(call.backend, family.policy_type, policy.name))
    holders += sum(
        1
        for g in policies.groups
        if g.policy_type == family.policy_type and (g.policy_name or "").lower() == policy.name.lower()
    )
    holders += policies.tenant_wide.get(family.policy_type, "").lower() == policy.name.lower()
    if holders:
        raise PolicyInUse(policy.identity, holders, target_object=policy.identity)


def _remove(family: PolicyFamily) -> Callable[[Invocation], None]:
    def remove_policy(call: Invocation) -> None:
        """Removes the instance; Global "cannot actually be removed. Instead, all the policy
        properties will be reset to their default values" (the Remove- reference pages). The
        preconfigured Tag: instances are removed like the tenant's own (undocumented; decided)."""
        if call.has("Tenant"):
            rule_own_tenant(call)
        policies = call.backend.store.policies()
        policy = rule_policy(family, policies, call.get("Identity"))
        if policy.identity == "Global":
            if call.should_process(policy.identity):
                save_instances(call, family, policies, policy, family.built_in[0])
            return
        rule_not_in_use(call, family, policies, policy)
        if call.should_process(policy.identity):
            save_instances(call, family, policies, policy, None)

    return remove_policy


for _family in WRITABLE:
    if _family.generic_new:
        cmdlet(NEWS[_family.noun])(_new(_family))
    cmdlet(SETS[_family.noun])(_set(_family))
    cmdlet(REMOVES[_family.noun])(_remove(_family))


def policy_sources(backend: Backend, policies: Policies, user: User, policy_type: str) -> tuple[PolicySource, ...]:
    """The user's own assignment, then each group assignment of a group the user is in, best rank
    first (the first one is the effective policy; Reference is the group's object ID); the
    tenant-wide one and Global are not sources."""
    own = assigned_policy(user, policy_type)
    sources = [PolicySource(assignment_type="Direct", policy_name=own)] if own else []
    groups = {group.lower() for group in user.member_of}
    ranked = sorted(
        (g for g in policies.groups if g.policy_type == policy_type and g.group.lower() in groups),
        key=lambda g: g.rank,
    )
    sources += [
        PolicySource(
            assignment_type="Group", policy_name=g.policy_name or "Global", reference=group_id(backend, g.group)
        )
        for g in ranked
    ]
    return tuple(sources)


@cmdlet(GET_USER_POLICY_ASSIGNMENT)
def get_user_policy_assignment(call: Invocation) -> None:
    backend = call.backend
    user = resolve_online_user(backend, call.get("Identity") or "")
    policies = backend.store.policies()
    wanted = call.get("PolicyType", None)
    for policy_type in POLICY_FIELDS:
        if wanted is not None and policy_type.lower() != str(wanted).lower():
            continue
        sources = policy_sources(backend, policies, user, policy_type)
        if sources:
            call.write_output(
                EffectivePolicy(policy_type=policy_type, policy_name=sources[0].policy_name, policy_source=sources)
            )
