"""Get-CsOnlineVoiceUser: the voice users' numbers and locations.

Reference page (Microsoft Learn):
https://learn.microsoft.com/powershell/module/microsoftteams/get-csonlinevoiceuser. The page
says the cmdlet "is no longer supported on the public and GCC cloud instances" and lists, for
each parameter and output field, the Get-CsOnlineUser query that replaces it; admin scripts
still call it, so the emulator answers as the module 3.0 and later did, from exactly those
replacements:

- without -Identity: the enabled users (AccountType User) whose FeatureTypes contain PhoneSystem
  ("accurately returns users who are voice-enabled"; "The result size is not limited to 100
  users anymore");
- Number is LineUri without ``tel:+``; PstnConnectivity is Online with CallingPlan, else
  OnPremises; SipDomain is the SIP address's domain; TenantId and UsageLocation as
  Get-CsOnlineUser shows them.

Decided where the page is silent: DataCenter (from a RegistrarPool the emulated tenant does
not have) and Location (the tenant has no emergency locations) are ``$null``, and so
-CivicAddressId and -LocationId select no one; -First and -Skip page after the other filters;
the parameters the page calls deprecated are accepted and do nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from ..model import User
from ..model.neighbourhood import OnlineVoiceUser
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .common import DOMAIN_CONTROLLER, FORCE, TENANT, rule_one_of
from .phone_numbers import rule_own_tenant
from .user_view import feature_types, resolve_online_user

_DEPRECATED = "Deprecated from Teams PowerShell Module 3.0 (accepted, does nothing)."

GET_ONLINE_VOICE_USER = CommandMetadata(
    name="Get-CsOnlineVoiceUser",
    synopsis="Returns the voice users' telephone numbers and locations (no longer supported; see the notes).",
    implementing_type="Microsoft.Rtc.Management.Hosted.Bvd.GetCsOnlineVoiceUserCmdlet",  # inferred
    output_type=OnlineVoiceUser,
    parameters=(
        Parameter("CivicAddressId", t.STRING, help="Only users whose number has this civic address (none here)."),
        DOMAIN_CONTROLLER,
        Parameter("EnterpriseVoiceStatus", t.OBJECT, help="All, Enabled or Disabled."),
        Parameter("ExpandLocation", t.SWITCH, help="Shows the location with its value."),
        Parameter("First", t.UNLIMITED_UINT32, help="At most this many users."),
        Parameter("Force", FORCE.type, help=_DEPRECATED),
        Parameter("GetFromAAD", t.SWITCH, help=_DEPRECATED),
        Parameter("GetPendingUsers", t.SWITCH, help=_DEPRECATED),
        Parameter("Identity", t.USER_ID, help="One user: UPN, SIP address or object ID."),
        Parameter("LocationId", t.STRING, help="Only users whose number has this location (none here)."),
        Parameter("NumberAssigned", t.SWITCH, help="Only users with a phone number."),
        Parameter("NumberNotAssigned", t.SWITCH, help="Only users without a phone number."),
        Parameter("PSTNConnectivity", t.OBJECT, help="All, Online (Calling Plan) or OnPremises (Direct Routing)."),
        Parameter("SearchQuery", t.STRING, help=_DEPRECATED),
        Parameter("Skip", t.UNLIMITED_UINT32, help="Skips this many users first."),
        Parameter("Tenant", TENANT.type, help=_DEPRECATED),
    ),
    examples=(Example("Get-CsOnlineVoiceUser -Identity ken.myer@contoso.com", "Ken's number and location."),),
    notes="No longer supported on the public and GCC clouds; Get-CsOnlineUser and Get-CsPhoneNumberAssignment "
    "replace it (the reference page's tables).",
)
VOICE_USER_COMMANDS = (GET_ONLINE_VOICE_USER,)


def voice_user(backend: Backend, user: User) -> OnlineVoiceUser:
    """The page's output table, field by field, from what Get-CsOnlineUser shows."""
    features = feature_types(user) or ()
    return OnlineVoiceUser(
        name=user.display_name,
        id=user.object_id,
        sip_domain=user.sip_address.removeprefix("sip:").rpartition("@")[2] or None,
        tenant_id=backend.tenant.tenant_id,
        pstn_connectivity="Online" if "CallingPlan" in features else "OnPremises",
        usage_location=user.usage_location,
        enterprise_voice_enabled=user.enterprise_voice_enabled,
        number=user.line_uri.replace("tel:+", "") if user.line_uri else None,
    )


def _values(call: Invocation, parameter: str, allowed: tuple[str, ...]) -> set[str] | None:
    """A MultiValuedProperty of documented words: one or several; ``None`` when not given or All."""
    value = call.get(parameter, None)
    if value is None:
        return None
    items = value if isinstance(value, list | tuple) else [value]
    chosen = {rule_one_of(t.ps_string(item), parameter, allowed) for item in items}
    return None if "All" in chosen else chosen


def _is_voice_user(user: User) -> bool:
    return user.account_enabled and user.account_type == "User" and "PhoneSystem" in (feature_types(user) or ())


def _selected(call: Invocation, voice_users: Iterable[OnlineVoiceUser]) -> Iterable[OnlineVoiceUser]:
    status = _values(call, "EnterpriseVoiceStatus", ("All", "Enabled", "Disabled"))
    connectivity = _values(call, "PSTNConnectivity", ("All", "Online", "OnPremises"))
    located = call.has("CivicAddressId") or call.has("LocationId")
    for voice in voice_users:
        if status is not None and ("Enabled" if voice.enterprise_voice_enabled else "Disabled") not in status:
            continue
        if connectivity is not None and voice.pstn_connectivity not in connectivity:
            continue
        if (call.switch("NumberAssigned") and not voice.number) or (call.switch("NumberNotAssigned") and voice.number):
            continue
        if not located:
            yield voice


@cmdlet(GET_ONLINE_VOICE_USER)
def get_online_voice_user(call: Invocation) -> None:
    if call.has("Tenant"):
        rule_own_tenant(call)
    backend = call.backend
    identity = call.get("Identity", None)
    users = [resolve_online_user(backend, identity)] if identity is not None else backend.store.users()
    candidates = (voice_user(backend, u) for u in users if identity is not None or _is_voice_user(u))
    first, skip = call.get("First", None), call.get("Skip", None) or 0
    for voice in itertools.islice(_selected(call, candidates), skip, None if first is None else skip + first):
        call.write_output(voice)
