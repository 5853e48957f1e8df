"""Get-CsOnlineDialInConferencingUserInfo and Get-CsOnlineDialInConferencingUserState: the
Skype for Business Online era's views of every user, whatever their provider. Both were
deprecated on Dec 31, 2021 (their last reference pages, MicrosoftDocs/office-docs-powershell
``skype/skype-ps/skype/Get-CsOnlineDialInConferencingUserInfo.md`` and ``…UserState.md`` at
81d8d8550d3139a5fb23aafd3653eeca4e32a55d) and are gone from the MicrosoftTeams module.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import ConferencingUserInfo, ConferencingUserState, Provider, User
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .common import (
    DOMAIN_CONTROLLER,
    FORCE,
    TENANT,
    TENANT_DOMAIN,
    implementing_type,
    in_sets,
    rule_one_of,
    rule_result_size,
)
from .errors import UnsupportedParameter

_RETIRED = "Deprecated on Dec 31, 2021: use Get-CsOnlineDialInConferencingUser (Microsoft-provider users only)."

SELECTIONS = (
    "DialInConferencingOn",
    "DialInConferencingOff",
    "ConferencingProviderMS",
    "ConferencingProviderOther",
    "ReadyForMigrationToCPC",
    "NoFilter",
)
_FILTER_SELECTION = t.enum_type("Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.FilterSelection", SELECTIONS)
_PROVIDER_TYPE = t.enum_type(
    "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.ProviderType",
    ("AllProviders", "NoProviders", "Microsoft", "ThirdParty"),
)
_TENANT_SET = "TenantIdParams"
_LICENSE_STATES = ("NoLicense", "Licensed")

GET_USER_INFO = CommandMetadata(
    name="Get-CsOnlineDialInConferencingUserInfo",
    synopsis="Lists users enabled for audio conferencing with Microsoft or a third-party provider.",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingUserInfo"),
    output_type=ConferencingUserInfo,
    removed=_RETIRED,
    parameters=(
        Parameter("Identity", t.USER_ID, sets=(InSet("IdentityParams", mandatory=True, position=0),), help="One user."),
        in_sets(TENANT, _TENANT_SET),
        Parameter("Skip", t.INT32, sets=(InSet(_TENANT_SET),), help="Skips this many users."),
        Parameter("First", t.INT32, sets=(InSet(_TENANT_SET),), help="Returns this many users (default 100)."),
        Parameter("SearchQuery", t.STRING, sets=(InSet(_TENANT_SET),), help="Users whose names contain this text."),
        Parameter(
            "Select", _FILTER_SELECTION, sets=(InSet(_TENANT_SET),), help="Which users: " + ", ".join(SELECTIONS)
        ),
        Parameter("Filter", t.STRING, sets=(InSet(_TENANT_SET),), help="Not evaluated by the emulator: an error."),
        Parameter("SortDescending", t.SWITCH, sets=(InSet(_TENANT_SET),), help="Sorts by name, descending."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            "Get-CsOnlineDialInConferencingUserInfo -Select ConferencingProviderOther",
            "Returns the users whose provider is not Microsoft.",
        ),
    ),
)

GET_USER_STATE = CommandMetadata(
    name="Get-CsOnlineDialInConferencingUserState",
    synopsis="Shows each user's dial-in conferencing provider and licence state.",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingUserState"),
    output_type=ConferencingUserState,
    removed=_RETIRED,
    parameters=(
        Parameter("Identity", t.USER_ID, position=0, from_pipeline_by_property_name=True, help="One user."),
        TENANT,
        TENANT_DOMAIN,
        Parameter("Provider", _PROVIDER_TYPE, help="AllProviders, NoProviders, Microsoft or ThirdParty."),
        Parameter("LicenseState", t.STRING_ARRAY, help="NoLicense and/or Licensed."),
        Parameter("ResultSize", t.UNLIMITED_UINT32, help="At most this many users, or Unlimited."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(Example("Get-CsOnlineDialInConferencingUserState", "The dial-in state of every user."),),
)

_SELECTED: dict[str, Callable[[User], bool]] = {
    "DialInConferencingOn": lambda u: u.is_conferencing_enabled,
    "DialInConferencingOff": lambda u: not u.is_conferencing_enabled,
    "ConferencingProviderMS": lambda u: u.provider is Provider.MICROSOFT,
    "ConferencingProviderOther": lambda u: u.provider is Provider.THIRD_PARTY,
    "ReadyForMigrationToCPC": lambda u: u.provider is Provider.THIRD_PARTY and u.licensed,
    "NoFilter": lambda u: True,
}


def _users(call: Invocation) -> list[User]:
    if call.get("Identity", None) is not None:
        return [call.backend.resolve_user(call.get("Identity"))]
    return list(call.backend.store.users())


def _user_info(call: Invocation, user: User) -> ConferencingUserInfo:
    bridge = call.backend.bridge(user.bridge_id) if user.is_conferencing_enabled else None
    toll, toll_free = call.backend.default_numbers(user, bridge) if bridge else (None, None)
    return ConferencingUserInfo(
        identity=user.sip_address,
        display_name=user.display_name,
        user_principal_name=user.user_principal_name,
        provider=user.provider.value,
        domain=user.user_principal_name.split("@", 1)[1],
        conference_id=user.conference_id if bridge else None,
        default_toll_number=toll,
        default_toll_free_number=toll_free,
        bridge_name=bridge.name if bridge else None,
    )


@cmdlet(GET_USER_INFO)
def get_user_info(call: Invocation) -> None:
    """Users of every provider; without -First, the first 100 (the reference)."""
    if call.has("Filter"):
        raise UnsupportedParameter("Filter")
    selected = _SELECTED[call.get("Select", "NoFilter")]
    query = str(call.get("SearchQuery", "") or "").lower()
    users = [
        u
        for u in _users(call)
        if u.provider is not Provider.NONE
        and selected(u)
        and query in f"{u.display_name} {u.user_principal_name}".lower()
    ]
    users.sort(key=lambda u: u.display_name.lower(), reverse=call.switch("SortDescending"))
    skip = max(call.get("Skip", 0) or 0, 0)
    first = call.get("First", 100)
    for user in users[skip : skip + max(first, 0)]:
        call.write_output(_user_info(call, user))


def rule_license_states(call: Invocation) -> set[str]:
    """LicenseState takes NoLicense and/or Licensed (the reference)."""
    given = call.get("LicenseState", None) or _LICENSE_STATES
    return {rule_one_of(value, "LicenseState", _LICENSE_STATES) for value in given}


def _has_provider(user: User, provider: str) -> bool:
    if provider == "NoProviders":
        return user.provider is Provider.NONE
    return provider == "AllProviders" or user.provider.value == provider


@cmdlet(GET_USER_STATE)
def get_user_state(call: Invocation) -> None:
    states = rule_license_states(call)
    provider = call.get("Provider", "AllProviders")
    limit = rule_result_size(call)
    found = [
        ConferencingUserState(
            identity=u.sip_address,
            display_name=u.display_name,
            provider=u.provider.value,
            license_state="Licensed" if u.licensed else "NoLicense",
        )
        for u in _users(call)
        if _has_provider(u, provider) and ("Licensed" if u.licensed else "NoLicense") in states
    ]
    for state in found[:limit]:
        call.write_output(state)
