"""Get-/Set-CsOnlineDialInConferencingBridge (their reference pages on learn.microsoft.com)."""

from __future__ import annotations

from ..model import Bridge, ConferencingBridge
from ..model.tenant import BRIDGE_TYPE
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import normalize_number
from .base import Invocation, cmdlet
from .common import DOMAIN_CONTROLLER, FORCE, TENANT, TENANT_DOMAIN, implementing_type
from .errors import ServiceNumberNotOnBridge

_TENANT_PARAMETERS = (TENANT, TENANT_DOMAIN)

GET_BRIDGE = CommandMetadata(
    name="Get-CsOnlineDialInConferencingBridge",
    synopsis="Shows the tenant's audio conferencing bridges (nothing when PSTN conferencing is disabled).",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingBridge"),
    default_parameter_set="EmptySet",
    output_type=ConferencingBridge,
    parameters=(
        Parameter(
            "Identity",
            t.GUID,
            sets=(InSet("UniqueBridgeParams", mandatory=True, position=0),),
            help="The bridge's GUID.",
        ),
        Parameter("Name", t.STRING, sets=(InSet("BridgeNameParams", mandatory=True),), help="The bridge's name."),
        *_TENANT_PARAMETERS,
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example("Get-CsOnlineDialInConferencingBridge | fl", "Lists every bridge as a formatted list."),
        Example('Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge"', "Shows one bridge by name."),
    ),
)

SET_BRIDGE = CommandMetadata(
    name="Set-CsOnlineDialInConferencingBridge",
    synopsis="Changes a bridge's default dial-in number, name, or makes it the tenant's default bridge.",
    implementing_type=implementing_type("Set-CsOnlineDialInConferencingBridge"),
    default_parameter_set="UniqueBridgeParams",
    supports_should_process=True,
    parameters=(
        Parameter(
            "Identity",
            t.GUID,
            sets=(InSet("UniqueBridgeParams", mandatory=True, position=0),),
            help="The bridge to change, by GUID.",
        ),
        Parameter(
            "Name", t.STRING, sets=(InSet("BridgeNameParams", mandatory=True),), help="The bridge to change, by name."
        ),
        Parameter(
            "Instance",
            t.instance_type("Microsoft.Rtc.Management.Hosted.Bridge.ConferencingBridge", (BRIDGE_TYPE,)),
            sets=(InSet("InstanceParams", mandatory=True, position=0),),
            help="A bridge object (from Get-…Bridge) with changed properties, e.g. a new Name.",
        ),
        *_TENANT_PARAMETERS,
        Parameter(
            "DefaultServiceNumber",
            t.STRING,
            help="The bridge's default number; it must already be assigned to the bridge. Users' own "
            "numbers do not change.",
        ),
        Parameter("SetDefault", t.SWITCH, help="Makes this bridge the tenant's default bridge (inferred)."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            'Set-CsOnlineDialInConferencingBridge -Name "Conference Bridge" -DefaultServiceNumber 14255550100',
            "Sets the default dial-in number of the bridge.",
        ),
    ),
)


@cmdlet(GET_BRIDGE)
def get_bridge(call: Invocation) -> None:
    backend = call.backend
    if not backend.tenant.pstn_conferencing_enabled:
        return
    if call.has("Identity"):
        bridges = [backend.bridge_by_id(call.get("Identity"))]
    elif call.has("Name"):
        bridges = [backend.bridge_by_name(call.get("Name"))]
    else:
        bridges = backend.store.bridges()
    for bridge in bridges:
        call.write_output(ConferencingBridge.of(bridge, tuple(backend.numbers_of(bridge.identity))))


def _target(call: Invocation) -> Bridge:
    backend = call.backend
    if call.has("Instance"):
        return backend.bridge_by_id(call.get("Instance").identity)
    if call.has("Name"):
        return backend.bridge_by_name(call.get("Name"))
    return backend.bridge_by_id(call.get("Identity"))


def rule_default_number_on_bridge(call: Invocation, bridge: Bridge) -> str:
    """The default number must already be assigned to the bridge (-DefaultServiceNumber's text)."""
    value = call.get("DefaultServiceNumber")
    digits = normalize_number(value, "DefaultServiceNumber")
    if digits not in {n.number for n in call.backend.numbers_of(bridge.identity)}:
        raise ServiceNumberNotOnBridge(value, bridge.name, target_object=value)
    return digits


@cmdlet(SET_BRIDGE)
def set_bridge(call: Invocation) -> None:
    before = _target(call)
    after = before
    if call.has("Instance"):
        after = after.model_copy(update={"name": call.get("Instance").name})
    if call.has("DefaultServiceNumber"):
        after = after.model_copy(update={"default_service_number": rule_default_number_on_bridge(call, before)})
    if call.switch("SetDefault"):
        after = after.model_copy(update={"is_default": True})
    if not call.should_process(str(before.identity)):
        return
    if after.is_default and not before.is_default:
        _clear_other_defaults(call, after)
    if after.default_service_number != before.default_service_number:
        _keep_existing_users_number(call, before)
    call.backend.store.save_bridge(after)
    call.audit(before.name, before.to_ps(), after.to_ps(), dict(call.command.values))


def _keep_existing_users_number(call: Invocation, bridge: Bridge) -> None:
    """The reference (Set-CsOnlineDialInConferencingBridge, -DefaultServiceNumber): "when the
    default service number is changed, the service number of existing users will not be changed".
    A user who followed the bridge's default keeps the old one as their own number, so their
    invites do not change and no email goes out; users enabled later get the new default."""
    if bridge.default_service_number is None:
        return
    for user in list(call.backend.store.users()):
        if user.bridge_id == bridge.identity and user.is_conferencing_enabled and user.service_number is None:
            after = user.model_copy(update={"service_number": bridge.default_service_number})
            call.save_user(user, after, dict(call.command.values))


def _clear_other_defaults(call: Invocation, new_default: Bridge) -> None:
    for bridge in call.backend.store.bridges():
        if bridge.is_default and bridge.identity != new_default.identity:
            call.backend.store.save_bridge(bridge.model_copy(update={"is_default": False}))
