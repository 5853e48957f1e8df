"""What the neighbouring cmdlets read from a user: licences, plans, features and policies.

The Audio Conferencing licence has always been ``User.licensed`` (the dial-in family's own
flag, which enables the user); ``User.licenses`` holds the other SKUs. A user licensed
before SKUs were modelled therefore shows the Audio Conferencing add-on (MCOMEETADV), and
a SKU that includes the audio conferencing plan (Microsoft 365 E5) shows that plan
``Disabled`` while ``licensed`` is off.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from ..model import User
from ..model.neighbourhood import (
    AUDIO_CONFERENCING_PLAN,
    AUDIO_CONFERENCING_SKU,
    SKU_BY_PART_NUMBER,
    ApplicationInstance,
    Policies,
    ResourceAccountPolicy,
    ServicePlan,
    Sku,
)
from ..powershell.errors import PowerShellError
from .backend import Backend
from .errors import UserNotFound

AUDIO_POLICY = "TeamsAudioConferencingPolicy"
DIAL_OUT_POLICY = "OnlineDialOutPolicy"

#: The user field holding each policy type's own assignment (Get-CsOnlineUser's property of
#: the same name), in the order Get-CsOnlineUser's EffectivePolicyAssignments lists them.
POLICY_FIELDS: dict[str, str] = {
    AUDIO_POLICY: "teams_audio_conferencing_policy",
    DIAL_OUT_POLICY: "online_dial_out_policy",
    "OnlineVoiceRoutingPolicy": "online_voice_routing_policy",
    "OnlineVoicemailPolicy": "online_voicemail_policy",
    "TeamsCallingPolicy": "teams_calling_policy",
    "TeamsIPPhonePolicy": "teams_ip_phone_policy",
    "TeamsMeetingBroadcastPolicy": "teams_meeting_broadcast_policy",
    "TeamsMeetingPolicy": "teams_meeting_policy",
    "TenantDialPlan": "tenant_dial_plan",
    "TeamsMessagingPolicy": "teams_messaging_policy",
    "CallingLineIdentity": "calling_line_identity",
    "TeamsUpgradePolicy": "teams_upgrade_policy",
    "TeamsEmergencyCallingPolicy": "teams_emergency_calling_policy",
    "TeamsEmergencyCallRoutingPolicy": "teams_emergency_call_routing_policy",
    "TeamsAppSetupPolicy": "teams_app_setup_policy",
}


def assigned_policy(user: User, policy_type: str) -> str | None:
    """The user's own assignment of ``policy_type`` (``None``: unassigned)."""
    value: str | None = getattr(user, POLICY_FIELDS[policy_type])
    return value


def skus_of(user: User) -> list[Sku]:
    """The SKUs assigned to ``user``, the Audio Conferencing add-on first when it stands alone."""
    skus = [SKU_BY_PART_NUMBER[name.upper()] for name in user.licenses if name.upper() in SKU_BY_PART_NUMBER]
    if not user.licensed:  # the add-on stands for the licence: without it, it is not held
        return [sku for sku in skus if sku is not AUDIO_CONFERENCING_SKU]
    if not any(sku.has_audio_conferencing for sku in skus):
        skus.insert(0, AUDIO_CONFERENCING_SKU)
    return skus


def is_plan_enabled(user: User, plan: ServicePlan, sku: Sku | None = None) -> bool:
    """Audio Conferencing is on while ``licensed`` is; another plan unless switched off in
    ``sku`` (``User.disabled_plans``: a licence assigned with DisabledPlans or -LicenseOptions)."""
    if plan is AUDIO_CONFERENCING_PLAN:
        return user.licensed
    return sku is None or f"{sku.part_number}/{plan.plan_id}".upper() not in {p.upper() for p in user.disabled_plans}


def enabled_plans(user: User) -> list[tuple[Sku, ServicePlan]]:
    """Every enabled service plan of the user's SKUs, each once, with the SKU it comes from."""
    seen: set[str] = set()
    plans = []
    for sku in skus_of(user):
        for plan in sku.plans:
            if plan.name not in seen and is_plan_enabled(user, plan, sku):
                seen.add(plan.name)
                plans.append((sku, plan))
    return plans


def feature_types(user: User) -> tuple[str, ...] | None:
    """Get-CsOnlineUser's FeatureTypes: what the plans give, sorted; ``None`` when nothing (as shown)."""
    features = sorted({plan.feature for _, plan in enabled_plans(user) if plan.feature})
    return tuple(features) or None


def alias_of(user: User) -> str:
    return user.user_principal_name.split("@", 1)[0]


def effective_policy(policies: Policies, user: User, policy_type: str) -> tuple[str, str]:
    """The policy that applies to ``user`` and where it comes from: the user's own assignment,
    else the best-ranked group assignment of a group the user is in, else the tenant-wide one
    (``Grant-… -Global``), else Global (the order Teams documents for policy precedence)."""
    own = assigned_policy(user, policy_type)
    if own:
        return own, "Direct"
    groups = {group.lower() for group in user.member_of}
    ranked = sorted(
        (g for g in policies.groups if g.policy_type == policy_type and g.group.lower() in groups),
        key=lambda g: g.rank,
    )
    if ranked:
        return ranked[0].policy_name or "Global", "Group"
    return policies.tenant_wide.get(policy_type, "Global"), "Tenant"


RESOURCE_ACCOUNT = "ResourceAccount"


def resource_account_user(instance: ApplicationInstance, policies: tuple[ResourceAccountPolicy, ...] = ()) -> User:
    """A resource account as the directory holds it: an unlicensed account of AccountType
    ResourceAccount whose LineURI is the application instance's PhoneNumber, with the policies
    granted to it (the emulator keeps resource accounts with the voice apps,
    Get-CsOnlineApplicationInstance's objects)."""
    upn = instance.user_principal_name
    number = instance.phone_number
    granted = {
        POLICY_FIELDS[p.policy_type]: p.policy_name
        for p in policies
        if p.object_id == instance.object_id and p.policy_type in POLICY_FIELDS
    }
    return User(
        object_id=instance.object_id,
        user_principal_name=upn,
        sip_address=f"sip:{upn}",
        display_name=instance.display_name,
        logon_name=upn,
        primary_smtp_address=upn,
        licensed=False,
        account_type=RESOURCE_ACCOUNT,
        line_uri=number,
        enterprise_voice_enabled=number is not None,
        **granted,
    )


def resource_accounts(backend: Backend) -> list[User]:
    """The tenant's resource accounts, as users."""
    apps = backend.store.voice_apps()
    return [resource_account_user(i, apps.resource_account_policies) for i in apps.application_instances]


def find_resource_account(backend: Backend, identity: str) -> ApplicationInstance | None:
    """The resource account ``identity`` names: object ID, UPN or SIP address."""
    key = identity.strip().lower().removeprefix("sip:")
    instances = backend.store.voice_apps().application_instances
    return next((a for a in instances if key in (a.user_principal_name.lower(), str(a.object_id))), None)


def directory_users(backend: Backend, *, with_resource_accounts: bool) -> Iterator[User]:
    """The accounts Get-CsOnlineUser lists: the users, then (when asked) the resource accounts."""
    yield from backend.store.users()
    if with_resource_accounts:
        yield from resource_accounts(backend)


def resolve_online_user(backend: Backend, identity: str) -> User:
    """A user or resource account named by object ID, UPN, SIP address or alias
    (Get-CsOnlineUser's -Identity forms)."""
    try:
        return backend.resolve_user(identity)
    except UserNotFound:
        instance = find_resource_account(backend, identity)
        if instance is not None:
            return resource_account_user(instance, backend.store.voice_apps().resource_account_policies)
        if "@" in identity or "\\" in identity:
            raise
        domain = backend.tenant.default_domain.split(".")[0]
        try:
            return backend.resolve_user(f"{domain}\\{identity}")
        except PowerShellError:
            alias = next((u for u in resource_accounts(backend) if alias_of(u).lower() == identity.lower()), None)
            if alias is not None:
                return alias
            raise UserNotFound(identity, target_object=identity) from None


def group_names(backend: Backend) -> list[str]:
    """The directory's groups: those its users are members of, each once, in first-seen order."""
    seen: dict[str, str] = {}
    for user in backend.store.users():
        for name in user.member_of:
            seen.setdefault(name.lower(), name)
    return list(seen.values())


def group_id(backend: Backend, name: str) -> str:
    """A group's object ID: stable for the tenant and the group's name (the emulated directory
    keeps groups by name, Entra ID by GUID)."""
    return str(uuid.uuid5(backend.tenant.tenant_id, f"group:{name.lower()}"))


def find_group(backend: Backend, key: str) -> str | None:
    """The group named, or with the object ID, ``key``."""
    wanted = key.lower()
    return next((name for name in group_names(backend) if wanted in (name.lower(), group_id(backend, name))), None)
