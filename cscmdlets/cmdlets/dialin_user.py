"""Get-/Set-CsOnlineDialInConferencingUser, and the retired Enable-/Disable-…User.

Sources: the reference pages (learn.microsoft.com/powershell/module/microsoftteams/
set-csonlinedialinconferencinguser and get-csonlinedialinconferencinguser; the retired pages at
MicrosoftDocs/office-docs-powershell 82f225fd611ae5e427dde828c5164120f4d12a10).
"""

from __future__ import annotations

import operator
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from ..model import Bridge, ChangeKind, ConferencingUser, EmailRequest, Provider, ServiceNumber, User
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, Parameter
from .base import Invocation, cmdlet
from .common import (
    DOMAIN_CONTROLLER,
    FORCE,
    TENANT,
    TENANT_DOMAIN,
    implementing_type,
    in_sets,
    rule_header_text,
    rule_result_size,
    rule_valid_address,
)
from .directory import enabled, released
from .errors import (
    BridgeMismatch,
    ConferenceIdConflict,
    ConferenceIdInUse,
    IdentityRequired,
    InvalidConferenceId,
    SendEmailRequired,
    SenderPairIncomplete,
    ServiceNumberNotOnBridge,
    ServiceNumberWrongType,
    ThirdPartyProvider,
    UnsupportedParameter,
    UserNotLicensed,
)

SET_USER = CommandMetadata(
    name="Set-CsOnlineDialInConferencingUser",
    synopsis="Changes the audio conferencing properties of a user enabled for Microsoft's audio conferencing.",
    implementing_type=implementing_type("Set-CsOnlineDialInConferencingUser"),
    default_parameter_set="TenantIdParams",
    supports_should_process=True,
    parameters=(
        Parameter(
            "Identity",
            t.USER_ID,
            position=0,
            mandatory=True,
            from_pipeline_by_property_name=True,
            help="The user: SIP address, UPN, object ID, domain\\logon, display name or DN.",
        ),
        Parameter("BridgeId", t.GUID, help="The bridge to move the user to, by GUID."),
        Parameter("BridgeName", t.STRING, help="The bridge to move the user to, by name."),
        in_sets(TENANT, "TenantIdParams"),
        in_sets(TENANT_DOMAIN, "TenantDomainParams"),
        Parameter(
            "ServiceNumber",
            t.STRING,
            help="The user's default toll number; it must be on the user's bridge or the bridge named "
            "in the same call. 14255550100, +14255550100 or tel:+14255550100.",
        ),
        Parameter("TollFreeServiceNumber", t.STRING, help="The user's default toll-free number."),
        Parameter(
            "AllowPSTNOnlyMeetings",
            t.BOOLEAN,
            removed="Deprecated on Jan 31, 2022.",
            help="Whether unauthenticated callers can start the user's meetings.",
        ),
        FORCE,
        Parameter("ResetLeaderPin", t.SWITCH, help="Generates a new leader PIN of the tenant's PinLength."),
        Parameter(
            "AllowTollFreeDialIn",
            t.BOOLEAN,
            help="Whether the bridge's toll-free numbers can be used to join the user's meetings.",
        ),
        Parameter("SendEmailToAddress", t.STRING, help="Sends the email to this address; needs -SendEmail."),
        Parameter(
            "SendEmailFromAddress",
            t.STRING,
            help="The email's sender address; needs -SendEmailFromDisplayName and -SendEmail.",
        ),
        Parameter(
            "SendEmailFromDisplayName",
            t.STRING,
            help="The email's sender name; needs -SendEmailFromAddress and -SendEmail.",
        ),
        Parameter("SendEmail", t.SWITCH, help="Sends the user an email with their dial-in conferencing information."),
        DOMAIN_CONTROLLER,
        Parameter("AsJob", t.SWITCH, help="Accepted; the emulator always runs the command synchronously."),
        Parameter(
            "ConferenceId",
            t.INT32,
            aliases=("Passcode",),
            removed="Removed from the documentation in March 2023; static conference IDs are no longer supported.",
            help="Assigns a 7-digit conference ID, unique on the user's bridge.",
        ),
        Parameter(
            "ResetConferenceId",
            t.SWITCH,
            aliases=("ResetPasscode",),
            removed="Removed from the documentation in March 2023.",
            help="Generates a new conference ID.",
        ),
    ),
    examples=(
        Example(
            'Set-CsOnlineDialInConferencingUser -Identity "Ken Myer" -ResetLeaderPin -ServiceNumber 14255550100',
            "Resets the user's leader PIN and sets the default meeting phone number.",
        ),
        Example(
            'Set-CsOnlineDialInConferencingUser -Identity "Ken Myer" -BridgeName "Conference Bridge"',
            "Assigns the user to the named conference bridge.",
        ),
        Example(
            "Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail",
            "Sends the user their dial-in conferencing information by email.",
        ),
    ),
    notes="The real cmdlet documents -WhatIf as not implemented; the emulator honours it so a dry run "
    "never changes anything.",
)

GET_USER = CommandMetadata(
    name="Get-CsOnlineDialInConferencingUser",
    synopsis="Shows the users enabled for dial-in conferencing with Microsoft as the provider.",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingUser"),
    output_type=ConferencingUser,
    parameters=(
        Parameter("BridgeName", t.STRING, help="Only users on this bridge."),
        Parameter("ServiceNumber", t.STRING, help="Only users whose default toll number is this one."),
        TENANT_DOMAIN,
        Parameter(
            "LdapFilter",
            t.STRING,
            removed="Deprecated in Teams PowerShell Module 3.0.",
            help="Not evaluated by the emulator: passing it is an error.",
        ),
        Parameter("Identity", t.USER_ID, position=0, help="One user."),
        TENANT,
        Parameter("BridgeId", t.GUID, help="Only users on this bridge."),
        Parameter("ResultSize", t.INT32, help="At most this many users (0..2147483647)."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            "Get-CsOnlineDialInConferencingUser -Identity Ken.Myer@contoso.com",
            "Shows the user's bridge, service number and conference ID.",
        ),
    ),
)


_SEND_EMAIL_PARAMETERS = (
    Parameter("SendEmailToAddress", t.STRING, help="Sends the email to this address; needs -SendEmail."),
    Parameter("SendEmailFromAddress", t.STRING, help="The sender address; needs -SendEmailFromDisplayName."),
    Parameter("SendEmailFromDisplayName", t.STRING, help="The sender name; needs -SendEmailFromAddress."),
    Parameter("SendEmail", t.SWITCH, help="Sends the user an email."),
)
_RETIRED = (
    "Deprecated on Dec 31, 2021 and removed with the Skype for Business Online connector: assign or "
    "remove the Audio Conferencing licence instead."
)
_OPTIONAL_IDENTITY = Parameter("Identity", t.USER_ID, position=0, help="The user (optional in the syntax; needed).")

ENABLE_USER = CommandMetadata(
    name="Enable-CsOnlineDialInConferencingUser",
    synopsis="Enables a licensed user for Microsoft audio conferencing (Skype for Business Online era).",
    implementing_type=implementing_type("Enable-CsOnlineDialInConferencingUser"),
    removed=_RETIRED,
    parameters=(
        Parameter("AllowPstnOnlyMeetings", t.BOOLEAN, help="Whether unauthenticated callers can start meetings."),
        Parameter("ServiceNumber", t.STRING, help="The user's default toll number (else the bridge's)."),
        _SEND_EMAIL_PARAMETERS[2],
        Parameter("ConferenceId", t.INT32, aliases=("Passcode",), help="A 7-digit conference ID."),
        TENANT_DOMAIN,
        Parameter("TollFreeServiceNumber", t.STRING, help="The user's default toll-free number."),
        _SEND_EMAIL_PARAMETERS[0],
        _SEND_EMAIL_PARAMETERS[1],
        _SEND_EMAIL_PARAMETERS[3],
        _OPTIONAL_IDENTITY,
        TENANT,
        Parameter("AllowTollFreeDialIn", t.BOOLEAN, help="Whether toll-free numbers join the user's meetings."),
        DOMAIN_CONTROLLER,
        Parameter("ReplaceProvider", t.SWITCH, help="Moves a user from a third-party provider to Microsoft."),
        FORCE,
    ),
    examples=(
        Example(
            'Enable-CsOnlineDialInConferencingUser -Identity "Ken Myer" -AllowPstnOnlyMeetings $false '
            "-ConferenceId 3659305 -ReplaceProvider -ServiceNumber 14255550100",
            "Enables the user, replacing a third-party provider, with a default number and a conference ID.",
        ),
    ),
)

DISABLE_USER = CommandMetadata(
    name="Disable-CsOnlineDialInConferencingUser",
    synopsis="Disables a user's Microsoft audio conferencing; the conference ID is released for reuse.",
    implementing_type=implementing_type("Disable-CsOnlineDialInConferencingUser"),
    supports_should_process=True,
    removed=_RETIRED,
    parameters=(
        _SEND_EMAIL_PARAMETERS[2],
        TENANT_DOMAIN,
        _SEND_EMAIL_PARAMETERS[0],
        _SEND_EMAIL_PARAMETERS[1],
        _SEND_EMAIL_PARAMETERS[3],
        _OPTIONAL_IDENTITY,
        TENANT,
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            'Disable-CsOnlineDialInConferencingUser -Identity "Pilar Ackerman"',
            "Disables the user; the conference ID is released for reuse.",
        ),
    ),
)


@dataclass(slots=True)
class UserPlan:
    """The user as the command will leave it, and which service triggers that fires."""

    user: User
    kinds: list[ChangeKind] = field(default_factory=list)
    new_pin: str | None = None
    #: Every field in which ``user`` may differ from the user before (None: not known).
    changed: Collection[str] | None = None


# --- rules (the Set-…User reference page) ------------------------------------------------------------------


_EMAIL_PARAMETERS = ("SendEmail", "SendEmailToAddress", "SendEmailFromAddress", "SendEmailFromDisplayName")


def rule_send_email_family(call: Invocation) -> EmailRequest | None:
    """-SendEmailToAddress needs -SendEmail; each From value needs the other and -SendEmail."""
    if not call.has_any(_EMAIL_PARAMETERS):
        return None
    has_from = [call.has(name) for name in ("SendEmailFromAddress", "SendEmailFromDisplayName")]
    if any(has_from) and not all(has_from):
        raise SenderPairIncomplete()
    for name in ("SendEmailToAddress", "SendEmailFromAddress", "SendEmailFromDisplayName"):
        if call.has(name) and not call.switch("SendEmail"):
            raise SendEmailRequired(name)
    to_address = rule_valid_address(call, "SendEmailToAddress")
    from_address = rule_valid_address(call, "SendEmailFromAddress")
    rule_header_text(call, "SendEmailFromDisplayName", display_name=True)
    if not call.switch("SendEmail"):
        return None
    return EmailRequest(
        to_address=to_address, from_address=from_address, from_display_name=call.get("SendEmailFromDisplayName", None)
    )


def rule_enabled_user(user: User, identity: str) -> None:
    """The cmdlet checks the licence and refuses third-party-provider users (its reference page)."""
    if not user.licensed:
        raise UserNotLicensed(identity, target_object=identity)
    if not user.is_conferencing_enabled:
        raise ThirdPartyProvider(identity, user.provider.value, target_object=identity)


def rule_target_bridge(call: Invocation, user: User) -> Bridge | None:
    """BridgeId and BridgeName together must name the same bridge (inferred: the page is silent)."""
    backend = call.backend
    by_id = backend.bridge_by_id(call.get("BridgeId")) if call.has("BridgeId") else None
    name = call.get("BridgeName", None)  # $null names no bridge
    by_name = backend.bridge_by_name(name) if name is not None else None
    if by_id and by_name and by_id.identity != by_name.identity:
        raise BridgeMismatch(str(by_id.identity), by_name.name)
    return by_id or by_name or backend.bridge(user.bridge_id) or backend.default_bridge()


def rule_number_on_bridge(call: Invocation, parameter: str, bridge: Bridge, toll_free: bool) -> ServiceNumber:
    """The number must be on the user's bridge, or the bridge named in the same call (-ServiceNumber's text)."""
    value = call.get(parameter)
    number = call.backend.service_number(value, parameter)
    if number.bridge_id != bridge.identity:
        raise ServiceNumberNotOnBridge(value, bridge.name, target_object=value)
    if number.is_toll_free != toll_free:
        expected = ("toll-free", "toll") if toll_free else ("toll", "toll-free")
        raise ServiceNumberWrongType(value, expected[1], parameter, expected[0], target_object=value)
    return number


def rule_conference_id(call: Invocation, bridge: Bridge, user: User) -> int | None:
    """7 digits, unique on the bridge, exclusive with -ResetConferenceId (the page until March 2023)."""
    if call.has("ConferenceId") and call.switch("ResetConferenceId"):
        raise ConferenceIdConflict()
    if not call.has("ConferenceId"):
        return None
    conference_id: int = call.get("ConferenceId")
    if not 1_000_000 <= conference_id <= 9_999_999:
        raise InvalidConferenceId(conference_id, target_object=conference_id)
    owner = call.backend.store.conference_id_owner(bridge.identity, conference_id)
    if owner is not None and owner != user.object_id:
        raise ConferenceIdInUse(conference_id, bridge.name, target_object=conference_id)
    return conference_id


# --- Set-CsOnlineDialInConferencingUser ----------------------------------------------------------


@cmdlet(SET_USER)
def set_user(call: Invocation) -> None:
    # Each rule is called only when the call gives it something to check: this runs once per
    # user of a bulk script, and a Python call costs more than the test.
    values = call.values
    if not values.keys().isdisjoint(_LEGACY_NAMES):
        _warn_legacy(call)  # written as the command starts, so a rejected call still shows it
    if call.policy_managed:
        rule_policy_managed(call)
    email = None if values.keys().isdisjoint(_EMAIL_PARAMETERS) else rule_send_email_family(call)
    identity = values["Identity"]  # mandatory: always bound
    before = call.backend.resolve_user(identity)
    if not (before.licensed and before.provider is Provider.MICROSOFT):  # User.is_conferencing_enabled
        rule_enabled_user(before, identity)
    if values.keys() <= _FLAGS_ONLY and call.backend.store.bridge(before.bridge_id) is not None:
        # plan_user_changes's first branch (_changes_flags_only), inline and to the end: no
        # email, no other change; Invocation.save_user, inline.
        flags = _flag_updates(call, before)
        if call.should_process(identity):
            parameters = dict(values)
            del parameters["Identity"]  # the audit entry's target
            after = before.model_copy(update=flags) if flags else before
            entry = call.backend.commit_user(SET_USER.name, parameters, before, after, flags.keys())
            call.audit_entries.append(entry)
        return
    plan = plan_user_changes(call, before)
    if not call.should_process(identity):
        return
    if email is not None:
        plan.kinds.append(ChangeKind.CONFERENCE_INFO_REQUESTED)
    parameters = dict(values)
    del parameters["Identity"]  # the audit entry's target
    call.save_user(before, plan.user, parameters, plan.changed)
    if plan.kinds:
        call.record_change(plan.user, plan.kinds, email=email, new_pin=plan.new_pin)
    if plan.new_pin is not None:
        call.write_output(call.backend.conferencing_user(plan.user, pin=plan.new_pin))


#: The parameters that change no more than the user's own flags (and those that change nothing).
_FLAGS_ONLY = frozenset(
    {"Identity", "AllowTollFreeDialIn", "AllowPSTNOnlyMeetings", "Force", "DomainController", "AsJob", "Tenant"}
    | {"TenantDomain"}
)


def _changes_flags_only(call: Invocation, user: User) -> bool:
    """The usual bulk change: flags of a user on an existing bridge. No bridge, number,
    conference ID or PIN rule applies then and no email is due, so only the flags are read."""
    return call.values.keys() <= _FLAGS_ONLY and call.backend.store.bridge(user.bridge_id) is not None


def plan_user_changes(call: Invocation, user: User) -> UserPlan:
    """Validate every parameter against the tenant, then compute the user's new state."""
    if _changes_flags_only(call, user):
        flags = _flag_updates(call, user)
        return UserPlan(user.model_copy(update=flags) if flags else user, changed=flags.keys())
    bridge = rule_target_bridge(call, user)
    updates: dict[str, Any] = {}
    if bridge is not None and bridge.identity != user.bridge_id:
        updates.update(_move_to_bridge(call, user, bridge))
    if bridge is not None:
        updates.update(_number_updates(call, bridge))
        conference_id = rule_conference_id(call, bridge, user)
        if conference_id is not None:
            updates["conference_id"] = conference_id
        elif call.switch("ResetConferenceId"):
            updates["conference_id"] = call.backend.new_conference_id(bridge.identity)
    updates.update(_flag_updates(call, user))
    plan = UserPlan(user.model_copy(update=updates))
    if call.switch("ResetLeaderPin"):
        pin, pin_hash, length = call.backend.new_pin(call.backend.settings.pin_length)
        plan.user = plan.user.model_copy(update={"leader_pin_hash": pin_hash, "leader_pin_length": length})
        plan.new_pin = pin
        plan.kinds.append(ChangeKind.PIN_RESET)
    plan.kinds[:0] = _detail_kinds(call, user, plan.user)
    return plan


def _move_to_bridge(call: Invocation, user: User, bridge: Bridge) -> dict[str, Any]:
    """A move keeps the conference ID if it is free on the new bridge; numbers of the old
    bridge no longer apply, so the user follows the new bridge's defaults."""
    updates: dict[str, Any] = {"bridge_id": bridge.identity, "service_number": None, "toll_free_service_number": None}
    taken = user.conference_id is None or call.backend.store.conference_id_owner(
        bridge.identity, user.conference_id
    ) not in (None, user.object_id)
    if taken:
        updates["conference_id"] = call.backend.new_conference_id(bridge.identity)
    return updates


def _number_updates(call: Invocation, bridge: Bridge) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    for name, field_name, toll_free in (
        ("ServiceNumber", "service_number", False),
        ("TollFreeServiceNumber", "toll_free_service_number", True),
    ):
        if not call.has(name):
            continue
        # $null clears the user's own number: the bridge's default applies again.
        updates[field_name] = (
            None if call.get(name) is None else rule_number_on_bridge(call, name, bridge, toll_free).number
        )
    return updates


_FLAGS = {"AllowTollFreeDialIn": "allow_toll_free_dial_in", "AllowPSTNOnlyMeetings": "allow_pstn_only_meetings"}


def _flag_updates(call: Invocation, user: User) -> dict[str, Any]:
    """The flags given that differ from the user's (a bulk script run again changes none)."""
    updates = {}
    values, current = call.values, user.__dict__
    for name, field_name in _FLAGS.items():  # a loop: a comprehension's own frame costs more, once per call
        if name in values and name not in call.policy_managed:
            value = values[name]
            if value is not current[field_name] and value != current[field_name]:
                updates[field_name] = value
    return updates


def rule_policy_managed(call: Invocation) -> None:
    """Today's module: -AllowTollFreeDialIn "can ONLY be managed using the
    TeamsAudioConferencingPolicy" (its reference page). The value is not applied; a warning says
    where the setting lives."""
    if not call.policy_managed:  # the usual call: nothing of this command is left to a policy
        return
    for name in sorted(call.policy_managed & call.values.keys()):
        call.write_warning(
            f"{name} is managed by the Teams audio conferencing policy and was not changed: grant the user a "
            "policy with AllowTollFreeDialin set (Grant-CsTeamsAudioConferencingPolicy)."  # inferred
        )


_number_fields = operator.attrgetter("bridge_id", "service_number", "toll_free_service_number")


def _detail_kinds(call: Invocation, before: User, after: User) -> list[ChangeKind]:
    """Conference ID or default number changed: an automatic email (the admin article "Emails sent
    to users when their settings change")."""
    kinds = []
    if before.conference_id != after.conference_id:
        kinds.append(ChangeKind.CONFERENCE_ID_CHANGED)
    if _number_fields(before) == _number_fields(after):
        return kinds
    backend = call.backend
    old = backend.default_numbers(before, backend.bridge(before.bridge_id))
    new = backend.default_numbers(after, backend.bridge(after.bridge_id))
    if old != new:
        kinds.append(ChangeKind.DEFAULT_NUMBER_CHANGED)
    return kinds


def _warn_legacy(call: Invocation) -> None:
    for parameter in call.command.metadata.removed_parameters:
        if parameter.name in call.values:
            call.write_warning(f"The {parameter.name} parameter is deprecated: {parameter.removed}")


#: Set-…User's removed parameters: a call that gives none of them needs no look at each.
_LEGACY_NAMES = frozenset(parameter.name for parameter in SET_USER.removed_parameters)


def _audited_parameters(call: Invocation) -> dict[str, Any]:
    parameters = dict(call.command.values)
    del parameters["Identity"]  # the audit entry's target
    return parameters


# --- Get-CsOnlineDialInConferencingUser ----------------------------------------------------------


@cmdlet(GET_USER)
def get_user(call: Invocation) -> None:
    backend = call.backend
    if call.has("LdapFilter"):
        raise UnsupportedParameter("LdapFilter")
    limit = rule_result_size(call)
    users = _selected_users(call)
    for count, shown in enumerate(backend.conferencing_users(users)):
        if limit is not None and count >= limit:
            break
        call.write_output(shown)


def _selected_users(call: Invocation) -> list[User]:
    backend = call.backend
    if call.has("Identity") and call.get("Identity") is not None:
        candidates = [backend.resolve_user(call.get("Identity"))]
    else:
        candidates = list(backend.store.users())
    bridge_ids = set()
    if call.has("BridgeId"):
        bridge_ids.add(backend.bridge_by_id(call.get("BridgeId")).identity)
    if call.get("BridgeName", None) is not None:  # a $null filter filters nothing
        bridge_ids.add(backend.bridge_by_name(call.get("BridgeName")).identity)
    number = None
    if call.get("ServiceNumber", None) is not None:
        number = backend.service_number(call.get("ServiceNumber"), "ServiceNumber").number
    return [
        user
        for user in candidates
        if user.is_conferencing_enabled
        and (not bridge_ids or user.bridge_id in bridge_ids)
        and (number is None or backend.conferencing_user(user).default_toll_number == number)
    ]


# --- Enable-/Disable-CsOnlineDialInConferencingUser (retired) ------------------------------------


def rule_identity_given(call: Invocation) -> str:
    """-Identity is optional in the syntax, but the cmdlet acts on one user."""
    identity = call.get("Identity", None)
    if identity is None:
        raise IdentityRequired(call.name)
    return str(identity)


@cmdlet(ENABLE_USER)
def enable_user(call: Invocation) -> None:
    """Validates the licence; a third-party user needs -ReplaceProvider; the user joins the
    default bridge with a conference ID and a PIN (the welcome email).

    A user already on Microsoft's service "succeeds but no changes are made" (the reference):
    read as "not enabled again" -- no new PIN or conference ID, no welcome email -- while the
    settings given (-ServiceNumber, -ConferenceId, -SendEmail…) apply as Set-…User applies
    them, which is what the 2017-era bulk scripts that call Enable on every user expect.
    """
    identity = rule_identity_given(call)
    email = rule_send_email_family(call)
    before = call.backend.resolve_user(identity)
    if not before.licensed:
        raise UserNotLicensed(identity, target_object=identity)
    if before.provider is Provider.THIRD_PARTY and not call.switch("ReplaceProvider"):
        raise ThirdPartyProvider(identity, before.provider.value, target_object=identity)
    user, pin = before, ""
    if not before.is_conferencing_enabled:
        user, pin = enabled(call, before.model_copy(update={"provider": Provider.MICROSOFT}))
    plan = plan_user_changes(call, user)
    if call.has("AllowPstnOnlyMeetings"):
        plan.user = plan.user.model_copy(update={"allow_pstn_only_meetings": call.get("AllowPstnOnlyMeetings")})
    kinds = [ChangeKind.PROVIDER_CHANGED_TO_MICROSOFT] if pin else plan.kinds
    if email is not None:
        kinds.append(ChangeKind.CONFERENCE_INFO_REQUESTED)
    call.save_user(before, plan.user, _audited_parameters(call))
    if kinds:
        call.record_change(plan.user, kinds, email=email, new_pin=pin or None)


@cmdlet(DISABLE_USER)
def disable_user(call: Invocation) -> None:
    """The user must be on Microsoft's service; all dial-in details are removed and the
    conference ID is released (the provider becomes None)."""
    identity = rule_identity_given(call)
    email = rule_send_email_family(call)
    before = call.backend.resolve_user(identity)
    rule_enabled_user(before, identity)
    if not call.should_process(identity):
        return
    after = released(before.model_copy(update={"provider": Provider.NONE}))
    call.save_user(before, after, _audited_parameters(call))
    call.record_change(after, [ChangeKind.PROVIDER_CHANGED_FROM_MICROSOFT], email=email)
