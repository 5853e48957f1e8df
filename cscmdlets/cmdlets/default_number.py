"""Set-CsOnlineDialInConferencingUserDefaultNumber (retired in 2024; its last reference page,
MicrosoftDocs/office-docs-powershell teams/teams-ps/teams/ at a5ace75f49562b42f3e358e3b6bea39c7d675b7e).

Replaces the default toll or toll-free number of every user of a bridge who has a given
default number (or none, with ``-FromNumber $null``), or who is located in a country.
"""

from __future__ import annotations

from ..model import Bridge, ChangeKind, User
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import normalize_number
from .base import Invocation, cmdlet
from .common import DOMAIN_CONTROLLER, FORCE, TENANT, TENANT_DOMAIN, implementing_type, rule_one_of
from .dialin_user import rule_number_on_bridge

_SETS = ("BridgeNameParams", "FilterByUsageLocation", "UniqueBridgeParams")

SET_DEFAULT_NUMBER = CommandMetadata(
    name="Set-CsOnlineDialInConferencingUserDefaultNumber",
    synopsis="Replaces the default toll or toll-free number of a group of users.",
    implementing_type=implementing_type("Set-CsOnlineDialInConferencingUserDefaultNumber"),
    supports_should_process=True,
    removed="Not available after July 7, 2024: use Set-CsOnlineDialInConferencingUser.",
    parameters=(
        TENANT_DOMAIN,
        TENANT,
        Parameter(
            "BridgeName",
            t.STRING,
            sets=(InSet("BridgeNameParams", mandatory=True), InSet("FilterByUsageLocation")),
            help="The users' bridge.",
        ),
        Parameter(
            "BridgeId",
            t.GUID,
            sets=(InSet("FilterByUsageLocation", mandatory=True), InSet("UniqueBridgeParams", mandatory=True)),
            help="The users' bridge.",
        ),
        Parameter(
            "FromNumber",
            t.STRING,
            sets=(InSet("BridgeNameParams"), InSet("UniqueBridgeParams", mandatory=True)),
            # Mandatory, yet the documented "$null means users with no number defined" (and the
            # example `-FromNumber $null … -BridgeId …`) needs it to take $null: [AllowNull()].
            allow_null=True,
            help="The current default number to replace; $null selects users without one.",
        ),
        Parameter(
            "ToNumber",
            t.STRING,
            sets=tuple(InSet(s, mandatory=True) for s in _SETS),
            help="The new default number; it must be on the bridge.",
        ),
        Parameter(
            "NumberType", t.STRING, sets=tuple(InSet(s, mandatory=True) for s in _SETS), help="Toll or TollFree."
        ),
        Parameter(
            "CountryOrRegion",
            t.STRING,
            sets=(InSet("BridgeNameParams"), InSet("FilterByUsageLocation", mandatory=True)),
            help="Only users whose usage location is this country or region.",
        ),
        Parameter(
            "AreaOrState",
            t.STRING,
            sets=(InSet("BridgeNameParams"), InSet("FilterByUsageLocation")),
            help="Accepted; the emulated directory has no area or state.",
        ),
        Parameter(
            "CapitalOrMajorCity",
            t.STRING,
            sets=(InSet("BridgeNameParams"), InSet("FilterByUsageLocation")),
            help="Accepted; the emulated directory has no city.",
        ),
        Parameter("RescheduleMeetings", t.SWITCH, help="Resends the users' meeting invites."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            "Set-CsOnlineDialInConferencingUserDefaultNumber -FromNumber 14255550100 -ToNumber "
            '12065550100 -NumberType Toll -BridgeName "Conference Bridge"',
            "Every user whose default toll number is 14255550100 gets 12065550100.",
        ),
    ),
)


@cmdlet(SET_DEFAULT_NUMBER)
def set_default_number(call: Invocation) -> None:
    backend = call.backend
    bridge = (
        backend.bridge_by_id(call.get("BridgeId"))
        if call.has("BridgeId")
        else backend.bridge_by_name(call.get("BridgeName"))
    )
    toll_free = rule_one_of(call.get("NumberType"), "NumberType", ("Toll", "TollFree")) == "TollFree"
    to_number = rule_number_on_bridge(call, "ToNumber", bridge, toll_free).number
    field_name = "toll_free_service_number" if toll_free else "service_number"
    selected = [
        u for u in backend.store.users() if u.bridge_id == bridge.identity and _matches(call, u, bridge, toll_free)
    ]
    if not call.should_process(bridge.name):
        return
    for user in selected:
        after = user.model_copy(update={field_name: to_number})
        call.save_user(user, after, dict(call.command.values))
        call.record_change(after, [ChangeKind.DEFAULT_NUMBER_CHANGED])


def _matches(call: Invocation, user: User, bridge: Bridge, toll_free: bool) -> bool:
    if not user.is_conferencing_enabled:
        return False
    if call.has("CountryOrRegion") and user.usage_location.lower() != str(call.get("CountryOrRegion")).lower():
        return False
    if not call.has("FromNumber"):
        return True
    from_number = call.get("FromNumber")
    if from_number is None:  # "$null means users with no number defined"
        return getattr(user, "toll_free_service_number" if toll_free else "service_number") is None
    # The user's default number is the one in their invites: their own, else the bridge's.
    current = call.backend.default_numbers(user, bridge)[1 if toll_free else 0]
    return current == normalize_number(from_number, "FromNumber")
