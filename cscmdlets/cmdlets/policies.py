"""Policies around dial-in conferencing: TeamsAudioConferencingPolicy (Get/Set/New/Remove/Grant),
Get-CsOnlineDialinConferencingPolicy, and OnlineDialOutPolicy (Get-CsOnlineDialOutPolicy,
Grant-CsDialoutPolicy).

TeamsAudioConferencingPolicy decides which numbers go into the invites (and the service's
emails) of its users: ``MeetingInvitePhoneNumbers`` lists them, and ``AllowTollFreeDialin``
set to false keeps toll-free numbers out -- in today's module toll-free dial-in is managed only
by this policy ("Audio Conferencing toll-free number policy",
https://learn.microsoft.com/en-us/microsoftteams/audio-conferencing-toll-free-numbers-policy).
Precedence: the user's own assignment, then the best-ranked group assignment, then the
tenant-wide one (``-Global``), then Global. Dial-out instances are predefined and cannot be
changed ("Outbound calling restriction policies",
https://learn.microsoft.com/en-us/microsoftteams/outbound-calling-restriction-policies).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from ..model import ServiceNumber, User
from ..model.neighbourhood import (
    AUDIO_POLICY_TYPE,
    BUILT_IN_AUDIO_POLICIES,
    ApplicationInstance,
    AudioConferencingPolicy,
    DialinConferencingPolicy,
    DialOutPolicy,
    GroupAssignment,
    Policies,
    ResourceAccountPolicy,
    policy_name,
)
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend, normalize_number
from .base import Invocation, cmdlet
from .common import FORCE, in_sets, with_unemulated
from .errors import ServiceNumberNotFound, UserNotFound
from .neighbourhood_errors import (
    GrantedPolicyNotFound,
    GroupNotFound,
    InvalidPolicyName,
    PolicyAlreadyExists,
    PolicyInUse,
    PolicyNotFound,
)
from .online_user import online_user, teams_type
from .opath import wildcard
from .user_view import (
    AUDIO_POLICY,
    DIAL_OUT_POLICY,
    POLICY_FIELDS,
    assigned_policy,
    effective_policy,
    find_group,
    find_resource_account,
    resource_account_user,
    resource_accounts,
)

_INSTANCE = t.instance_type(AUDIO_POLICY_TYPE, (AUDIO_POLICY_TYPE,))


def _identity_parameter(*, mandatory: bool = False, sets: tuple[InSet, ...] = ()) -> Parameter:
    return Parameter(
        "Identity",
        t.STRING,
        position=None if sets else 0,
        mandatory=mandatory,
        sets=sets,
        from_pipeline_by_property_name=True,
        help='"Global", or a policy by name (with or without "Tag:").',
    )


_ALLOW_TOLL_FREE = Parameter(
    "AllowTollFreeDialin", t.BOOLEAN, help="Whether toll-free numbers can be used to join the users' meetings."
)
_INVITE_NUMBERS = Parameter(
    "MeetingInvitePhoneNumbers",
    t.OBJECT,
    help='The tenant\'s service numbers that go into invites, e.g. "+14255550100","+18005550100"; empty: by location.',
)
_FILTER = Parameter("Filter", t.STRING, sets=(InSet("Filter"),), help='Wildcard over identities, e.g. "Tag:*".')
_LOCAL_STORE = Parameter("LocalStore", t.SWITCH, help="Reserved for internal Microsoft use.")
_PASS_THRU = Parameter("PassThru", t.SWITCH, help="Writes the user (or nothing for -Global) to the pipeline.")

GET_AUDIO_POLICY = with_unemulated(
    CommandMetadata(
        name="Get-CsTeamsAudioConferencingPolicy",
        synopsis="Returns the audio conferencing policies: which numbers go into the users' invites.",
        implementing_type=teams_type("Get-CsTeamsAudioConferencingPolicy"),
        default_parameter_set="Identity",
        output_type=AudioConferencingPolicy,
        parameters=(_identity_parameter(sets=(InSet("Identity", position=0),)), _LOCAL_STORE, _FILTER),
        examples=(
            Example("Get-CsTeamsAudioConferencingPolicy -Identity Global", "Shows the organisation-wide policy."),
        ),
    )
)
SET_AUDIO_POLICY = with_unemulated(
    CommandMetadata(
        name="Set-CsTeamsAudioConferencingPolicy",
        synopsis="Changes an audio conferencing policy (without -Identity: Global).",
        implementing_type=teams_type("Set-CsTeamsAudioConferencingPolicy"),
        default_parameter_set="Identity",
        supports_should_process=True,
        parameters=(
            _ALLOW_TOLL_FREE,
            FORCE,
            _identity_parameter(sets=(InSet("Identity", position=0),)),
            _INVITE_NUMBERS,
            Parameter("Instance", _INSTANCE, sets=(InSet("Instance"),), help="A policy object from Get-."),
        ),
        examples=(
            Example(
                "Set-CsTeamsAudioConferencingPolicy -Identity Global -MeetingInvitePhoneNumbers '+14255550100'",
                "Puts the Redmond number into every invite that follows Global.",
            ),
        ),
    )
)
NEW_AUDIO_POLICY = with_unemulated(
    CommandMetadata(
        name="New-CsTeamsAudioConferencingPolicy",
        synopsis="Creates an audio conferencing policy.",
        implementing_type=teams_type("New-CsTeamsAudioConferencingPolicy"),
        supports_should_process=True,
        output_type=AudioConferencingPolicy,
        parameters=(
            _identity_parameter(mandatory=True),
            _ALLOW_TOLL_FREE,
            FORCE,
            Parameter("InMemory", t.SWITCH, help="Returns the policy without saving it."),
            _INVITE_NUMBERS,
        ),
        examples=(
            Example(
                "New-CsTeamsAudioConferencingPolicy -Identity 'EMEA Users' -AllowTollFreeDialin $false",
                "A policy whose users' invites carry no toll-free number.",
            ),
        ),
    )
)
REMOVE_AUDIO_POLICY = with_unemulated(
    CommandMetadata(
        name="Remove-CsTeamsAudioConferencingPolicy",
        synopsis="Removes a policy no one is assigned (Global is reset to its defaults).",
        implementing_type=teams_type("Remove-CsTeamsAudioConferencingPolicy"),
        supports_should_process=True,
        parameters=(_identity_parameter(mandatory=True), FORCE),
        examples=(Example("Remove-CsTeamsAudioConferencingPolicy -Identity Global", "Resets Global to its defaults."),),
    )
)
_POLICY_NAME = Parameter(
    "PolicyName", t.STRING, position=1, help="The policy (its name, without Tag:); $null removes the assignment."
)
GRANT_AUDIO_POLICY = with_unemulated(
    CommandMetadata(
        name="Grant-CsTeamsAudioConferencingPolicy",
        synopsis="Assigns an audio conferencing policy to a user, a group or the whole tenant.",
        implementing_type=teams_type("Grant-CsTeamsAudioConferencingPolicy"),
        default_parameter_set="GrantToTenant",
        supports_should_process=True,
        parameters=(
            Parameter(
                "Global", t.SWITCH, sets=(InSet("GrantToTenant"),), help="Tenant-wide, for users without their own."
            ),
            _PASS_THRU,
            _POLICY_NAME,
            Parameter("Group", t.STRING, sets=(InSet("GrantToGroup", mandatory=True),), help="A group, by name."),
            Parameter("Rank", t.INT32, sets=(InSet("GrantToGroup"),), help="The group assignment's rank (1 first)."),
            Parameter(
                "Identity",
                t.STRING,
                sets=(InSet("Identity", position=0),),
                from_pipeline_by_property_name=True,
                help="The user: SIP address, UPN, object ID or display name.",
            ),
        ),
        examples=(
            Example(
                "Grant-CsTeamsAudioConferencingPolicy -Identity ken.myer@contoso.com "
                "-PolicyName AllowTollFreeDialinFalse",
                "Keeps toll-free numbers out of Ken's invites.",
            ),
        ),
    )
)

GET_DIALIN_POLICY = with_unemulated(
    CommandMetadata(
        name="Get-CsOnlineDialinConferencingPolicy",
        synopsis="Returns the dial-in conferencing policy instances (only Global is known).",
        implementing_type=teams_type("Get-CsOnlineDialinConferencingPolicy"),
        default_parameter_set="Identity",
        output_type=DialinConferencingPolicy,
        parameters=(
            Parameter("Identity", t.XDS_IDENTITY, sets=(InSet("Identity", position=0),), help="Global."),
            _LOCAL_STORE,
            _FILTER,
        ),
        examples=(Example("Get-CsOnlineDialinConferencingPolicy", "Shows the tenant's instance."),),
    )
)

GET_DIAL_OUT_POLICY = with_unemulated(
    CommandMetadata(
        name="Get-CsOnlineDialOutPolicy",
        synopsis="Returns the predefined outbound calling restriction policies.",
        implementing_type=teams_type("Get-CsOnlineDialOutPolicy"),
        default_parameter_set="Identity",
        output_type=DialOutPolicy,
        parameters=(
            Parameter("Identity", t.STRING, sets=(InSet("Identity", position=0),), help="Global or a policy name."),
            _FILTER,
        ),
        examples=(Example('Get-CsOnlineDialOutPolicy -Filter "tag:*"', "Lists the per-user policies."),),
    )
)
GRANT_DIAL_OUT_POLICY = with_unemulated(
    CommandMetadata(
        name="Grant-CsDialoutPolicy",
        synopsis="Assigns an outbound calling restriction policy to a user or the whole tenant.",
        implementing_type=teams_type("Grant-CsDialoutPolicy"),
        default_parameter_set="Identity",
        supports_should_process=True,
        parameters=(
            Parameter(
                "Identity",
                t.STRING,
                sets=(InSet("Identity", position=0),),
                from_pipeline_by_property_name=True,
                help="The user: SIP address, UPN or object ID.",
            ),
            _POLICY_NAME,
            _PASS_THRU,
            in_sets(Parameter("Global", t.SWITCH, help="Tenant-wide."), InSet("GrantToTenant", mandatory=True)),
        ),
        examples=(
            Example(
                "Grant-CsDialoutPolicy -Identity ken.myer@contoso.com -PolicyName DialoutCPCandPSTNDomestic",
                "Ken's meetings dial out, and Ken calls, within the country only.",
            ),
        ),
    )
)

POLICY_COMMANDS = (
    GET_AUDIO_POLICY,
    SET_AUDIO_POLICY,
    NEW_AUDIO_POLICY,
    REMOVE_AUDIO_POLICY,
    GRANT_AUDIO_POLICY,
    GET_DIALIN_POLICY,
    GET_DIAL_OUT_POLICY,
    GRANT_DIAL_OUT_POLICY,
)

# --- audio conferencing policies ------------------------------------------------------------------


def _find(policies: Policies, identity: str) -> AudioConferencingPolicy | None:
    wanted = policy_name(identity).lower()
    return next((p for p in policies.audio_conferencing if p.name.lower() == wanted), None)


def rule_audio_policy(policies: Policies, identity: str) -> AudioConferencingPolicy:
    found = _find(policies, identity)
    if found is None:
        raise PolicyNotFound(identity, AUDIO_POLICY, target_object=identity)
    return found


_NAME = re.compile(r"^[\w\- ]{1,64}$")


def rule_policy_name(identity: str) -> str:
    """A new policy's name: at most 64 letters, digits, spaces, - and _ (the admin centre's rule)."""
    name = policy_name(identity)
    if not _NAME.match(name) or name.lower() == "global":
        raise InvalidPolicyName(name, target_object=identity)
    return name


def rule_invite_numbers(backend: Backend, value: Any) -> tuple[str, ...]:
    """Invite numbers are the tenant's service numbers, written ``+<E.164>``."""
    items = value if isinstance(value, list | tuple) else [] if value is None else t.ps_string(value).split(",")
    owned = {n.number for n in backend.store.service_numbers()}
    numbers = []
    for item in map(t.ps_string, items):  # ps_string: a 5,000-digit number is text too, not a crash
        digits = normalize_number(item, "MeetingInvitePhoneNumbers")
        if digits not in owned:
            raise ServiceNumberNotFound(item, target_object=item)
        numbers.append(f"+{digits}")
    return tuple(numbers)


def _changed(call: Invocation, policy: AudioConferencingPolicy) -> AudioConferencingPolicy:
    updates: dict[str, Any] = {}
    if call.has("AllowTollFreeDialin"):
        updates["allow_toll_free_dialin"] = call.get("AllowTollFreeDialin")
    if call.has("MeetingInvitePhoneNumbers"):
        updates["meeting_invite_phone_numbers"] = rule_invite_numbers(
            call.backend, call.get("MeetingInvitePhoneNumbers")
        )
    return policy.model_copy(update=updates)


def _save_policy(
    call: Invocation, policies: Policies, before: AudioConferencingPolicy | None, after: AudioConferencingPolicy | None
) -> None:
    kept = [p for p in policies.audio_conferencing if before is None or p.identity != before.identity]
    if after is not None:
        index = policies.audio_conferencing.index(before) if before in policies.audio_conferencing else len(kept)
        kept.insert(index, after)
    call.backend.store.save_policies(policies.model_copy(update={"audio_conferencing": tuple(kept)}))
    subject = after or before
    target = subject.identity if subject is not None else ""
    parameters = {k: v for k, v in call.values.items() if k != "Instance"}
    call.audit(target, before.to_ps() if before else None, after.to_ps() if after else None, parameters)


def matches_filter(call: Invocation, identity: str) -> bool:
    pattern = call.get("Filter", None)
    return pattern is None or bool(wildcard(str(pattern)).match(identity))


@cmdlet(GET_AUDIO_POLICY)
def get_audio_policy(call: Invocation) -> None:
    policies = call.backend.store.policies()
    identity = call.get("Identity", None)
    if identity is not None:
        call.write_output(rule_audio_policy(policies, identity))
        return
    for policy in policies.audio_conferencing:
        if matches_filter(call, policy.identity):
            call.write_output(policy)


@cmdlet(SET_AUDIO_POLICY)
def set_audio_policy(call: Invocation) -> None:
    policies = call.backend.store.policies()
    instance = call.get("Instance", None)
    identity = instance.identity if instance is not None else call.get("Identity", None) or "Global"
    before = rule_audio_policy(policies, identity)
    after = _changed(call, instance if instance is not None else before).model_copy(
        update={"identity": before.identity}
    )
    if call.should_process(before.identity):
        _save_policy(call, policies, before, after)


@cmdlet(NEW_AUDIO_POLICY)
def new_audio_policy(call: Invocation) -> None:
    policies = call.backend.store.policies()
    name = rule_policy_name(call.get("Identity"))
    if _find(policies, name) is not None:
        raise PolicyAlreadyExists(f"Tag:{name}", AUDIO_POLICY, target_object=name)
    policy = _changed(call, AudioConferencingPolicy(identity=f"Tag:{name}"))
    if not call.switch("InMemory") and call.should_process(policy.identity):
        _save_policy(call, policies, None, policy)
    call.write_output(policy)


def users_assigned(backend: Backend, policy_type: str, name: str) -> list[User]:
    """The users and resource accounts ``name`` of ``policy_type`` is granted to."""
    wanted = name.lower()
    return [
        u
        for u in itertools.chain(backend.store.users(), resource_accounts(backend))
        if (assigned_policy(u, policy_type) or "").lower() == wanted
    ]


@cmdlet(REMOVE_AUDIO_POLICY)
def remove_audio_policy(call: Invocation) -> None:
    backend = call.backend
    policies = backend.store.policies()
    policy = rule_audio_policy(policies, call.get("Identity"))
    if policy.identity == "Global":  # Global cannot be removed: its settings go back to the defaults
        if call.should_process(policy.identity):
            _save_policy(call, policies, policy, BUILT_IN_AUDIO_POLICIES[0])
        return
    holders = len(users_assigned(backend, AUDIO_POLICY, policy.name))
    holders += sum(1 for g in policies.groups if (g.policy_name or "").lower() == policy.name.lower())
    if holders:
        raise PolicyInUse(policy.identity, holders, target_object=policy.identity)
    if call.should_process(policy.identity):
        _save_policy(call, policies, policy, None)


# --- granting -------------------------------------------------------------------------------------


def grant_to_user(call: Invocation, policy_type: str, name: str | None) -> None:
    """Assigns ``name`` of ``policy_type`` to the -Identity user (``None`` removes the assignment)."""
    backend = call.backend
    field = POLICY_FIELDS[policy_type]
    identity = call.get("Identity") or ""  # $null names no user
    try:
        before = backend.resolve_user(identity)
    except UserNotFound:
        instance = find_resource_account(backend, identity) if identity else None
        if instance is None:
            raise
        grant_to_resource_account(call, instance, policy_type, name)
        return
    if not call.should_process(before.user_principal_name):
        return
    after = before.model_copy(update={field: name})
    call.save_user(before, after, {"Identity": identity, "PolicyName": name})
    if call.switch("PassThru"):
        call.write_output(online_user(backend, backend.store.policies(), after))


def grant_to_resource_account(
    call: Invocation, instance: ApplicationInstance, policy_type: str, name: str | None
) -> None:
    """A resource account takes a policy as a user does (a Direct Routing resource account's
    voice routing policy); ``None`` removes the assignment."""
    backend = call.backend
    upn = instance.user_principal_name
    if not call.should_process(upn):
        return
    apps = backend.store.voice_apps()
    kept = tuple(
        p for p in apps.resource_account_policies if (p.object_id, p.policy_type) != (instance.object_id, policy_type)
    )
    old = next((p.policy_name for p in apps.resource_account_policies if p not in kept), None)
    added = (
        ()
        if name is None
        else (ResourceAccountPolicy(object_id=instance.object_id, policy_type=policy_type, policy_name=name),)
    )
    backend.store.save_voice_apps(apps.model_copy(update={"resource_account_policies": (*kept, *added)}))
    call.audit(upn, {policy_type: old}, {policy_type: name}, {"Identity": call.get("Identity"), "PolicyName": name})
    if call.switch("PassThru"):
        after = resource_account_user(instance, (*kept, *added))
        call.write_output(online_user(backend, backend.store.policies(), after))


def grant_to_tenant(call: Invocation, policy_type: str, name: str | None) -> None:
    """Grants ``name`` tenant-wide (``Grant-… -Global``); ``None`` goes back to Global."""
    if not call.switch("Global"):
        call.write_warning(f"No -Global: {policy_type} {name or 'Global'} is granted to the whole tenant.")
    if not call.should_process("Global"):
        return
    store = call.backend.store
    policies = store.policies()
    tenant_wide = {k: v for k, v in policies.tenant_wide.items() if k != policy_type}
    if name is not None:
        tenant_wide[policy_type] = name
    store.save_policies(policies.model_copy(update={"tenant_wide": tenant_wide}))
    call.audit("Global", {policy_type: policies.tenant_wide.get(policy_type)}, {policy_type: name}, dict(call.values))


def rule_group(backend: Backend, group: str) -> str:
    """The group must exist (by name or object ID): the emulated directory's groups are those its
    users are members of."""
    found = find_group(backend, group)
    if found is None:
        raise GroupNotFound(group, target_object=group)
    return found


def grant_to_group(call: Invocation, policy_type: str, name: str | None) -> None:
    """Grants ``name`` to the -Group's members at -Rank (else after the others); ``None`` removes it."""
    store = call.backend.store
    group = rule_group(call.backend, call.get("Group"))
    policies = store.policies()
    others = [g for g in policies.groups if not (g.policy_type == policy_type and g.group == group)]
    ranks = [g.rank for g in others if g.policy_type == policy_type]
    rank = call.get("Rank", None) or max(ranks, default=0) + 1
    if not call.should_process(group):
        return
    assignment = GroupAssignment(policy_type=policy_type, group=group, policy_name=name, rank=rank)
    groups = tuple(others) if name is None else (*others, assignment)
    store.save_policies(policies.model_copy(update={"groups": groups}))
    call.audit(group, None, assignment.to_ps() if name is not None else None, dict(call.values))


def rule_granted_policy_exists(name: str, found: str | None) -> str:
    """A Grant names an existing policy, else the service's client error (GrantedPolicyNotFound).

    The name is checked before the What-if line: ``-WhatIf`` (and ``run --what-if``) reports the
    error the run would meet and changes nothing. The real ConfigApi cmdlet asks the service only
    after ShouldProcess, so a real ``-WhatIf`` prints its What-if line instead; a dry run that
    hides the failure would not show what the run will do, so the emulator reports it."""
    if found is None:
        raise GrantedPolicyNotFound(name, target_object=name)
    return found


@cmdlet(GRANT_AUDIO_POLICY)
def grant_audio_policy(call: Invocation) -> None:
    name = call.get("PolicyName", None)
    if name is not None:
        found = _find(call.backend.store.policies(), name)
        name = rule_granted_policy_exists(name, found.name if found else None)
        name = None if name == "Global" else name
    if call.has("Identity"):
        grant_to_user(call, AUDIO_POLICY, name)
    elif call.has("Group"):
        grant_to_group(call, AUDIO_POLICY, name)
    else:
        grant_to_tenant(call, AUDIO_POLICY, name)


# --- the invites: which numbers a user's meetings show --------------------------------------------


def invite_view(backend: Backend, user: User, numbers: Sequence[ServiceNumber]) -> tuple[User, list[ServiceNumber]]:
    """The user and bridge numbers as the user's invites (and emails) show them under the
    user's effective TeamsAudioConferencingPolicy: its MeetingInvitePhoneNumbers replace the
    bridge's numbers (the first toll and toll-free ones become the defaults), and
    AllowTollFreeDialin false removes toll-free numbers."""
    policies = backend.store.policies()
    name, _ = effective_policy(policies, user, AUDIO_POLICY)
    policy = _find(policies, name) or BUILT_IN_AUDIO_POLICIES[0]
    shown = list(numbers)
    updates: dict[str, Any] = {}
    if policy.meeting_invite_phone_numbers:
        owned = {n.number: n for n in backend.store.service_numbers()}
        listed = [n.removeprefix("+") for n in policy.meeting_invite_phone_numbers]
        shown = [owned[digits] for digits in listed if digits in owned]
        updates["service_number"] = next((n.number for n in shown if not n.is_toll_free), user.service_number)
        updates["toll_free_service_number"] = next((n.number for n in shown if n.is_toll_free), None)
    if not policy.allow_toll_free_dialin:
        updates["allow_toll_free_dial_in"] = False
    return (user.model_copy(update=updates) if updates else user), shown


# --- dial-in and dial-out policies ----------------------------------------------------------------


@cmdlet(GET_DIALIN_POLICY)
def get_dialin_policy(call: Invocation) -> None:
    identity = call.get("Identity", None)
    if identity is not None and identity.lower() != "global":
        raise PolicyNotFound(identity, "OnlineDialinConferencingPolicy", target_object=identity)
    if matches_filter(call, "Global"):
        call.write_output(DialinConferencingPolicy(identity="Global"))


_DIAL_OUT_NAMES = (
    "DialoutCPCandPSTNInternational",
    "DialoutCPCDomesticPSTNInternational",
    "DialoutCPCDisabledPSTNInternational",
    "DialoutCPCInternationalPSTNDomestic",
    "DialoutCPCInternationalPSTNDisabled",
    "DialoutCPCandPSTNDomestic",
    "DialoutCPCDomesticPSTNDisabled",
    "DialoutCPCDisabledPSTNDomestic",
    "DialoutCPCandPSTNDisabled",
    "DialoutCPCZoneAPSTNInternational",
    "DialoutCPCZoneAPSTNDomestic",
    "DialoutCPCZoneAPSTNDisabled",
)


def _dial_out(identity: str, name: str) -> DialOutPolicy:
    """``DialoutCPC<meetings>PSTN<calls>``; ``CPCandPSTN<x>`` sets both to x."""
    meetings, calls = name.removeprefix("DialoutCPC").split("PSTN")
    return DialOutPolicy(
        identity=identity,
        allow_pstn_conferencing_dial_out_type=calls if meetings == "and" else meetings,
        allow_pstn_outbound_calls_type=calls,
    )


def dial_out_policies() -> list[DialOutPolicy]:
    """Global (both international, the default) and the twelve per-user instances."""
    return [_dial_out("Global", "DialoutCPCandPSTNInternational")] + [
        _dial_out(f"tag:{name}", name) for name in _DIAL_OUT_NAMES
    ]


def _dial_out_name(name: str) -> str | None:
    wanted = policy_name(name).lower()
    return next((n for n in ("Global", *_DIAL_OUT_NAMES) if n.lower() == wanted), None)


def rule_dial_out_name(name: str) -> str:
    found = _dial_out_name(name)
    if found is None:
        raise PolicyNotFound(name, DIAL_OUT_POLICY, target_object=name)
    return found


@cmdlet(GET_DIAL_OUT_POLICY)
def get_dial_out_policy(call: Invocation) -> None:
    identity = call.get("Identity", None)
    wanted = None if identity is None else rule_dial_out_name(identity).lower()
    for policy in dial_out_policies():
        if (wanted is None or policy_name(policy.identity).lower() == wanted) and matches_filter(call, policy.identity):
            call.write_output(policy)


@cmdlet(GRANT_DIAL_OUT_POLICY)
def grant_dial_out_policy(call: Invocation) -> None:
    name = call.get("PolicyName", None)
    if name is not None:
        name = rule_granted_policy_exists(name, _dial_out_name(name))
        name = None if name == "Global" else name
    if call.has("Identity"):
        grant_to_user(call, DIAL_OUT_POLICY, name)
    else:
        grant_to_tenant(call, DIAL_OUT_POLICY, name)
