"""Directory operations a real tenant has but the cmdlet family does not cover: adding and
removing users, assigning and removing the Audio Conferencing licence, changing a user's
provider. They trigger the automatic emails ("Emails sent to users when their settings change"), so they run through the
same engine as the cmdlets: one transaction, an audit entry and a Change each.

Their metadata is internal: these commands are not PowerShell cmdlets and
``find_command`` does not know them.
"""

from __future__ import annotations

from ..model import ChangeKind, Provider, User
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Parameter
from .base import Invocation, cmdlet
from .common import rule_header_text, rule_one_of, rule_valid_address
from .errors import UserAlreadyExists

_IDENTITY = Parameter("Identity", t.USER_ID, position=0, mandatory=True)

ADD_USER = CommandMetadata(
    name="Add-EmulatedUser",
    synopsis="Adds a user to the emulated directory (licensed users are enabled for audio conferencing).",
    parameters=(
        Parameter("UserPrincipalName", t.STRING, position=0, mandatory=True),
        Parameter("DisplayName", t.STRING, position=1, mandatory=True),
        Parameter("PrimarySmtpAddress", t.STRING),
        Parameter("PreferredLanguage", t.STRING),
        Parameter("UsageLocation", t.STRING),
        Parameter("Licensed", t.BOOLEAN),
        Parameter("Provider", t.STRING),
    ),
)
REMOVE_USER = CommandMetadata(name="Remove-EmulatedUser", synopsis="Removes a user.", parameters=(_IDENTITY,))
ASSIGN_LICENSE = CommandMetadata(
    name="Add-EmulatedAudioConferencingLicense",
    synopsis="Assigns the Audio Conferencing licence.",
    parameters=(_IDENTITY,),
)
REMOVE_LICENSE = CommandMetadata(
    name="Remove-EmulatedAudioConferencingLicense",
    synopsis="Removes the Audio Conferencing licence.",
    parameters=(_IDENTITY,),
)
SET_PROVIDER = CommandMetadata(
    name="Set-EmulatedConferencingProvider",
    synopsis="Changes a user's audio conferencing provider: Microsoft, ThirdParty or None.",
    parameters=(_IDENTITY, Parameter("Provider", t.STRING, position=1, mandatory=True)),
)
DIRECTORY_COMMANDS = (ADD_USER, REMOVE_USER, ASSIGN_LICENSE, REMOVE_LICENSE, SET_PROVIDER)
_PROVIDERS = tuple(p.value for p in Provider)


def enabled(call: Invocation, user: User) -> tuple[User, str]:
    """The user enabled on Microsoft's service: default bridge, a conference ID and a PIN."""
    backend = call.backend
    bridge = backend.bridge(user.bridge_id) or backend.default_bridge()
    if bridge is None:
        return user, ""
    settings = backend.settings
    pin, pin_hash, length = backend.new_pin(settings.pin_length)
    updates = {
        "bridge_id": bridge.identity,
        "leader_pin_hash": pin_hash,
        "leader_pin_length": length,
        "conference_id": backend.new_conference_id(bridge.identity),
        "allow_pstn_only_meetings": settings.allow_pstn_only_meetings_by_default,
    }
    return user.model_copy(update=updates), pin


def released(user: User) -> User:
    """Dial-in details removed: the conference ID is released for reuse (the reference of
    Disable-CsOnlineDialInConferencingUser)."""
    return user.model_copy(
        update={
            "conference_id": None,
            "leader_pin_hash": None,
            "leader_pin_length": None,
            "service_number": None,
            "toll_free_service_number": None,
        }
    )


def _save(call: Invocation, before: User | None, after: User, kind: ChangeKind | None, pin: str = "") -> None:
    call.save_user(before, after, dict(call.command.values))
    if kind is not None:
        call.record_change(after, [kind], new_pin=pin or None)


@cmdlet(ADD_USER)
def add_user(call: Invocation) -> None:
    backend = call.backend
    upn = rule_valid_address(call, "UserPrincipalName") or ""
    rule_header_text(call, "DisplayName", display_name=True)
    if backend.store.find_users(upn.lower()):
        raise UserAlreadyExists(upn, target_object=upn)
    user = _new_user(call, upn)
    if user.is_conferencing_enabled:
        user, pin = enabled(call, user)
        _save(call, None, user, ChangeKind.LICENSE_ASSIGNED, pin)
    else:
        _save(call, None, user, ChangeKind.USER_ADDED)
    call.write_output(backend.conferencing_user(user))


def _new_user(call: Invocation, upn: str) -> User:
    alias, domain = upn.split("@", 1)
    provider = rule_one_of(call.get("Provider", "Microsoft"), "Provider", _PROVIDERS)
    return User(
        object_id=call.backend.new_guid(),
        user_principal_name=upn,
        sip_address=f"sip:{upn}",
        display_name=call.get("DisplayName"),
        logon_name=f"{domain.split('.')[0]}\\{alias}",
        primary_smtp_address=rule_valid_address(call, "PrimarySmtpAddress") or upn,
        preferred_language=call.get("PreferredLanguage", "en-US"),
        usage_location=call.get("UsageLocation", "US"),
        licensed=call.get("Licensed", True),
        provider=Provider(provider),
    )


@cmdlet(REMOVE_USER)
def remove_user(call: Invocation) -> None:
    user = call.backend.resolve_user(call.get("Identity"))
    call.save_user(user, None, {})
    call.record_change(user, [ChangeKind.USER_REMOVED])


@cmdlet(ASSIGN_LICENSE)
def assign_license(call: Invocation) -> None:
    before = call.backend.resolve_user(call.get("Identity"))
    if before.licensed:
        return
    after = before.model_copy(update={"licensed": True})
    if after.provider is Provider.MICROSOFT:
        after, pin = enabled(call, after)
        _save(call, before, after, ChangeKind.LICENSE_ASSIGNED, pin)
    else:
        _save(call, before, after, None)


@cmdlet(REMOVE_LICENSE)
def remove_license(call: Invocation) -> None:
    before = call.backend.resolve_user(call.get("Identity"))
    if not before.licensed:
        return
    kind = ChangeKind.LICENSE_REMOVED if before.is_conferencing_enabled else None
    _save(call, before, released(before.model_copy(update={"licensed": False})), kind)


@cmdlet(SET_PROVIDER)
def set_provider(call: Invocation) -> None:
    before = call.backend.resolve_user(call.get("Identity"))
    provider = Provider(rule_one_of(call.get("Provider"), "Provider", _PROVIDERS))
    if provider is before.provider:
        return
    after = before.model_copy(update={"provider": provider})
    if after.is_conferencing_enabled:
        after, pin = enabled(call, after)
        _save(call, before, after, ChangeKind.PROVIDER_CHANGED_TO_MICROSOFT, pin)
    elif before.is_conferencing_enabled:
        _save(call, before, released(after), ChangeKind.PROVIDER_CHANGED_FROM_MICROSOFT)
    else:
        _save(call, before, after, None)
