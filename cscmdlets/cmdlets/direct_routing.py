"""Direct Routing configuration: the online PSTN usages (Get-/Set-CsOnlinePstnUsage), voice
routes (Get-/New-/Set-/Remove-CsOnlineVoiceRoute) and PSTN gateways, the tenant's Session
Border Controllers (Get-/New-/Set-/Remove-CsOnlinePSTNGateway).

Reference pages (Microsoft Learn, https://learn.microsoft.com/powershell/module/teams/<cmdlet>):
each of the cmdlets above. What they state and the emulator follows: voice routes exist only at
the global scope and their Identity is their name (-Name in the ParentAndRelativeKey set sets
both); "The PSTN usage must be an existing usage"; each gateway of a route's list "must be the
service Identity of the online PSTN gateway"; leaving a new route's usages or gateways empty
gives a warning; NumberPattern defaults to ``[0-9]{10}``; a gateway's Identity is its FQDN,
it is created disabled, SipSignalingPort is mandatory and between 1 and 65535, and the other
defaults are the ones New-CsOnlinePSTNGateway's page lists. List settings are PSListModifiers
(``@{Add=...}``, ``@{Remove=...}``, ``@{Replace=...}``, or a plain list).

Decided where the pages are silent: routes are kept in priority order and renumbered from 0 (a
new route without -Priority goes last; one with -Priority goes before the route holding that
priority); a usage a route or a voice routing policy uses, and a gateway a route lists, cannot
be removed; the texts of these errors and warnings are the emulator's own.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ..model.neighbourhood import DirectRouting, OnlinePstnGateway, OnlinePstnUsages, OnlineVoiceRoute
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .common import FORCE, TENANT
from .neighbourhood_errors import ConfigItemExists, ConfigItemInUse, ConfigItemNotFound, InvalidSipSignalingPort
from .online_user import teams_type
from .phone_numbers import rule_own_tenant
from .policies import matches_filter
from .teams_policies import VOICE_ROUTING, audited_parameters, model_parameters, rule_list_modifier, rule_not_null

Item = TypeVar("Item", OnlineVoiceRoute, OnlinePstnGateway)

_USAGES_TYPE = OnlinePstnUsages.ps_type_names[0]
_ROUTE_TYPE = OnlineVoiceRoute.ps_type_names[0]
_GATEWAY_TYPE = OnlinePstnGateway.ps_type_names[0]
_FILTER = Parameter("Filter", t.STRING, sets=(InSet("Filter"),), help="Wildcard over identities.")
_ROUTE_SETTINGS = model_parameters(OnlineVoiceRoute, skip=("identity", "name"))
_GATEWAY_SETTINGS = model_parameters(OnlinePstnGateway, skip=("identity", "fqdn", "sip_signaling_port"))
_PORT = Parameter("SipSignalingPort", t.INT32, help="The SBC's TLS listening port (1-65535).")


def _identity(help_text: str, **placement: Any) -> Parameter:
    return Parameter("Identity", t.STRING, from_pipeline_by_property_name=True, help=help_text, **placement)


def _instance(type_name: str) -> Parameter:
    return Parameter(
        "Instance", t.instance_type(type_name, (type_name,)), sets=(InSet("Instance"),), help="An object from Get-."
    )


GET_PSTN_USAGE = CommandMetadata(
    name="Get-CsOnlinePstnUsage",
    synopsis="Returns the tenant's online PSTN usages (one Global list).",
    implementing_type=teams_type("Get-CsOnlinePstnUsage"),
    default_parameter_set="Identity",
    output_type=OnlinePstnUsages,
    parameters=(
        Parameter("Identity", t.XDS_IDENTITY, sets=(InSet("Identity", position=0),), help="Global."),
        _FILTER,
        Parameter("LocalStore", t.SWITCH, help="Reserved for internal Microsoft use."),
        TENANT,
    ),
    examples=(Example("(Get-CsOnlinePstnUsage).Usage", "The usage names."),),
)
SET_PSTN_USAGE = CommandMetadata(
    name="Set-CsOnlinePstnUsage",
    synopsis="Adds or removes online PSTN usages.",
    implementing_type=teams_type("Set-CsOnlinePstnUsage"),
    default_parameter_set="Identity",
    supports_should_process=True,
    parameters=(
        Parameter("Identity", t.XDS_IDENTITY, sets=(InSet("Identity", position=0),), help="Global."),
        _instance(_USAGES_TYPE),
        Parameter("Usage", t.OBJECT, help='A list modifier: @{Add="Long Distance"}, @{Remove="Local"}.'),
        FORCE,
        TENANT,
    ),
    examples=(Example('Set-CsOnlinePstnUsage -Identity Global -Usage @{Add="Long Distance"}', "Adds a usage."),),
)
GET_VOICE_ROUTE = CommandMetadata(
    name="Get-CsOnlineVoiceRoute",
    synopsis="Returns the online voice routes, in priority order.",
    implementing_type=teams_type("Get-CsOnlineVoiceRoute"),
    default_parameter_set="Identity",
    output_type=OnlineVoiceRoute,
    parameters=(_identity("A route by name.", sets=(InSet("Identity", position=0),)), _FILTER),
    examples=(Example("Get-CsOnlineVoiceRoute", "Lists the routes."),),
)
NEW_VOICE_ROUTE = CommandMetadata(
    name="New-CsOnlineVoiceRoute",
    synopsis="Creates an online voice route: a number pattern, its PSTN usages and gateways.",
    implementing_type=teams_type("New-CsOnlineVoiceRoute"),
    default_parameter_set="Identity",
    supports_should_process=True,
    output_type=OnlineVoiceRoute,
    parameters=(
        _identity("The new route's name.", sets=(InSet("Identity", mandatory=True, position=0),)),
        Parameter("Name", t.STRING, sets=(InSet("ParentAndRelativeKey", mandatory=True),), help="The same."),
        *_ROUTE_SETTINGS,
    ),
    examples=(Example("New-CsOnlineVoiceRoute -Identity Route1", "A route with the default settings."),),
)
SET_VOICE_ROUTE = CommandMetadata(
    name="Set-CsOnlineVoiceRoute",
    synopsis="Changes an online voice route.",
    implementing_type=teams_type("Set-CsOnlineVoiceRoute"),
    default_parameter_set="Identity",
    supports_should_process=True,
    parameters=(
        _identity("The route, by name.", sets=(InSet("Identity", position=0),)),
        _instance(_ROUTE_TYPE),
        *_ROUTE_SETTINGS,
        FORCE,
    ),
    examples=(
        Example(
            "New-CsOnlineVoiceRoute -Identity Route1 -WarningAction SilentlyContinue | Out-Null; "
            "Set-CsOnlineVoiceRoute -Identity Route1 -Priority 0",
            "Makes Route1 the first route.",
        ),
    ),
)
REMOVE_VOICE_ROUTE = CommandMetadata(
    name="Remove-CsOnlineVoiceRoute",
    synopsis="Removes an online voice route.",
    implementing_type=teams_type("Remove-CsOnlineVoiceRoute"),
    supports_should_process=True,
    parameters=(_identity("The route, by name.", position=0, mandatory=True), FORCE),
    examples=(
        Example(
            "New-CsOnlineVoiceRoute -Identity Route1 -WarningAction SilentlyContinue | Out-Null; "
            "Remove-CsOnlineVoiceRoute -Identity Route1",
            "Creates and removes Route1.",
        ),
    ),
)
GET_GATEWAY = CommandMetadata(
    name="Get-CsOnlinePSTNGateway",
    synopsis="Returns the tenant's Session Border Controllers.",
    implementing_type=teams_type("Get-CsOnlinePSTNGateway"),
    default_parameter_set="Identity",
    output_type=OnlinePstnGateway,
    parameters=(_identity("An SBC by FQDN.", sets=(InSet("Identity", position=0),)), _FILTER),
    examples=(Example("Get-CsOnlinePSTNGateway | Select-Object Identity, Enabled", "The SBCs, enabled or not."),),
)
NEW_GATEWAY = CommandMetadata(
    name="New-CsOnlinePSTNGateway",
    synopsis="Adds a Session Border Controller (created disabled unless -Enabled $true).",
    implementing_type=teams_type("New-CsOnlinePSTNGateway"),
    default_parameter_set="Identity",
    supports_should_process=True,
    output_type=OnlinePstnGateway,
    parameters=(
        _identity("The SBC's FQDN.", sets=(InSet("Identity", mandatory=True, position=0),)),
        Parameter("Fqdn", t.STRING, sets=(InSet("ParentAndRelativeKey", mandatory=True),), help="The SBC's FQDN."),
        Parameter(_PORT.name, _PORT.type, mandatory=True, help=_PORT.help),
        *_GATEWAY_SETTINGS,
    ),
    examples=(Example("New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignalingPort 5061", "A disabled SBC."),),
)
SET_GATEWAY = CommandMetadata(
    name="Set-CsOnlinePSTNGateway",
    synopsis="Changes a Session Border Controller's settings.",
    implementing_type=teams_type("Set-CsOnlinePSTNGateway"),
    default_parameter_set="Identity",
    supports_should_process=True,
    parameters=(
        _identity("The SBC, by FQDN.", sets=(InSet("Identity", position=0),)),
        _instance(_GATEWAY_TYPE),
        _PORT,
        *_GATEWAY_SETTINGS,
        FORCE,
    ),
    examples=(
        Example(
            "New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignalingPort 5061 | Out-Null; "
            "Set-CsOnlinePSTNGateway -Identity sbc.contoso.com -Enabled $true",
            "Adds an SBC and puts it in service.",
        ),
    ),
)
REMOVE_GATEWAY = CommandMetadata(
    name="Remove-CsOnlinePSTNGateway",
    synopsis="Removes a Session Border Controller no voice route lists.",
    implementing_type=teams_type("Remove-CsOnlinePSTNGateway"),
    supports_should_process=True,
    parameters=(_identity("The SBC, by FQDN.", position=0, mandatory=True), FORCE),
    examples=(
        Example(
            "New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignalingPort 5061 | Out-Null; "
            "Remove-CsOnlinePSTNGateway -Identity sbc.contoso.com",
            "Adds an SBC and removes it.",
        ),
    ),
)
DIRECT_ROUTING_COMMANDS = (
    GET_PSTN_USAGE,
    SET_PSTN_USAGE,
    GET_VOICE_ROUTE,
    NEW_VOICE_ROUTE,
    SET_VOICE_ROUTE,
    REMOVE_VOICE_ROUTE,
    GET_GATEWAY,
    NEW_GATEWAY,
    SET_GATEWAY,
    REMOVE_GATEWAY,
)

# --- shared ---------------------------------------------------------------------------------------


def _settings(model: type[BaseModel], call: Invocation, base: BaseModel, skip: tuple[str, ...]) -> dict[str, Any]:
    """The settings the call gives, as fields; list settings are list modifiers over ``base``'s."""
    updates: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        alias = field.alias or name
        if name not in skip and call.has(alias):
            value = rule_not_null(alias, field.annotation, call.get(alias))
            if field.annotation == tuple[str, ...]:
                value = rule_list_modifier(alias, getattr(base, name), value)
            updates[name] = value
    return updates


def _find(items: tuple[Item, ...], identity: str) -> Item | None:
    return next((item for item in items if item.identity.lower() == identity.strip().lower()), None)


def rule_exists(items: tuple[Item, ...], identity: str, kind: str) -> Item:
    found = _find(items, identity)
    if found is None:
        raise ConfigItemNotFound(identity, kind, target_object=identity)
    return found


def _save(call: Invocation, config: DirectRouting, target: str, before: Any, after: Any, **update: Any) -> None:
    """Stores the changed configuration and audits the change (``before``/``after`` as shown)."""
    call.backend.store.save_direct_routing(config.model_copy(update=update))
    subject = next(
        (item for item in (*update.get("routes", ()), *update.get("gateways", ())) if item.identity == target), None
    )
    parameters = audited_parameters(call, subject, Usage=update.get("usages", ()))
    call.audit(target, before, after, parameters)


def _write_matching(call: Invocation, items: tuple[Item, ...], kind: str) -> None:
    identity = call.get("Identity", None)
    if identity is not None:
        call.write_output(rule_exists(items, identity, kind))
        return
    for item in items:
        if matches_filter(call, item.identity):
            call.write_output(item)


# --- PSTN usages ----------------------------------------------------------------------------------


def rule_global(identity: Any) -> None:
    if identity is not None and str(identity).lower() != "global":
        raise ConfigItemNotFound(identity, "online PSTN usage list", target_object=identity)


def rule_usages_unused(call: Invocation, config: DirectRouting, removed: set[str]) -> None:
    """A usage a voice route or an online voice routing policy uses stays."""
    policies = VOICE_ROUTING.instances(call.backend.store.policies())
    users = [(r.identity, r.online_pstn_usages) for r in config.routes] + [
        (p.identity, p.online_pstn_usages)  # type: ignore[attr-defined]
        for p in policies
    ]
    for usage in sorted(removed):
        holders = [name for name, usages in users if usage.lower() in {u.lower() for u in usages}]
        if holders:
            raise ConfigItemInUse(usage, "online PSTN usage", ", ".join(holders), target_object=usage)


@cmdlet(GET_PSTN_USAGE)
def get_pstn_usage(call: Invocation) -> None:
    if call.has("Tenant"):
        rule_own_tenant(call)
    rule_global(call.get("Identity", None))
    if matches_filter(call, "Global"):
        call.write_output(OnlinePstnUsages(usage=call.backend.store.direct_routing().usages))


@cmdlet(SET_PSTN_USAGE)
def set_pstn_usage(call: Invocation) -> None:
    if call.has("Tenant"):
        rule_own_tenant(call)
    rule_global(call.get("Identity", None))
    config = call.backend.store.direct_routing()
    usages = config.usages
    if call.has("Usage"):
        usages = rule_list_modifier("Usage", usages, call.get("Usage"))
    kept = {u.lower() for u in usages}
    rule_usages_unused(call, config, {u for u in config.usages if u.lower() not in kept})
    if call.should_process("Global"):
        _save(call, config, "Global", {"Usage": list(config.usages)}, {"Usage": list(usages)}, usages=usages)


# --- voice routes ---------------------------------------------------------------------------------


def rule_route_references(call: Invocation, config: DirectRouting, route: OnlineVoiceRoute) -> list[str]:
    """Usages must exist; each gateway must be a gateway's Identity; empty lists warn."""
    known = {u.lower() for u in config.usages}
    for usage in route.online_pstn_usages:
        if usage.lower() not in known:
            raise ConfigItemNotFound(usage, "online PSTN usage", target_object=usage)
    for gateway in route.online_pstn_gateway_list:
        rule_exists(config.gateways, gateway, "online PSTN gateway")
    warnings = []
    if not route.online_pstn_usages:
        warnings.append(f"The voice route {route.identity} has no online PSTN usages: no user's calls take it.")
    if not route.online_pstn_gateway_list and route.bridge_source_phone_number is None:
        warnings.append(f"The voice route {route.identity} has no online PSTN gateways: calls on it cannot go out.")
    return warnings


def _placed(
    routes: list[OnlineVoiceRoute], route: OnlineVoiceRoute, priority: int | None
) -> tuple[OnlineVoiceRoute, ...]:
    """``route`` at ``priority`` (last when ``None``), every route renumbered from 0."""
    ordered = [r for r in routes if r.identity != route.identity]
    index = len(ordered) if priority is None else max(0, min(priority, len(ordered)))
    ordered.insert(index, route)
    return tuple(r.model_copy(update={"priority": n}) for n, r in enumerate(ordered))


@cmdlet(GET_VOICE_ROUTE)
def get_voice_route(call: Invocation) -> None:
    _write_matching(call, call.backend.store.direct_routing().routes, "online voice route")


@cmdlet(NEW_VOICE_ROUTE)
def new_voice_route(call: Invocation) -> None:
    config = call.backend.store.direct_routing()
    name = call.get("Identity", None) or call.get("Name")
    if _find(config.routes, name) is not None:
        raise ConfigItemExists(name, "online voice route", target_object=name)
    route = OnlineVoiceRoute(identity=name, name=name)
    route = route.model_copy(update=_settings(OnlineVoiceRoute, call, route, ("identity", "name")))
    for text in rule_route_references(call, config, route):
        call.write_warning(text)
    routes = _placed(list(config.routes), route, call.get("Priority", None))
    made = next(r for r in routes if r.identity == name)
    if call.should_process(name):
        _save(call, config, name, None, made.to_ps(), routes=routes)
    call.write_output(made)


@cmdlet(SET_VOICE_ROUTE)
def set_voice_route(call: Invocation) -> None:
    config = call.backend.store.direct_routing()
    instance = call.get("Instance", None)
    before = rule_exists(config.routes, instance.identity if instance else call.get("Identity"), "online voice route")
    base = instance or before
    after = base.model_copy(
        update={**_settings(OnlineVoiceRoute, call, base, ("identity", "name")), "identity": before.identity}
    )
    rule_route_references(call, config, after)
    priority = call.get("Priority", None) if call.has("Priority") else before.priority
    routes = _placed(list(config.routes), after, priority)
    if call.should_process(before.identity):
        _save(call, config, before.identity, before.to_ps(), after.to_ps(), routes=routes)


@cmdlet(REMOVE_VOICE_ROUTE)
def remove_voice_route(call: Invocation) -> None:
    config = call.backend.store.direct_routing()
    route = rule_exists(config.routes, call.get("Identity"), "online voice route")
    kept = [r for r in config.routes if r is not route]
    routes = tuple(r.model_copy(update={"priority": n}) for n, r in enumerate(kept))
    if call.should_process(route.identity):
        _save(call, config, route.identity, route.to_ps(), None, routes=routes)


# --- PSTN gateways --------------------------------------------------------------------------------


def rule_port(port: int) -> int:
    if not 1 <= port <= 65535:
        raise InvalidSipSignalingPort(port, target_object=port)
    return port


def rule_gateway_unused(config: DirectRouting, gateway: OnlinePstnGateway) -> None:
    holders = [
        r.identity for r in config.routes if gateway.identity.lower() in {g.lower() for g in r.online_pstn_gateway_list}
    ]
    if holders:
        raise ConfigItemInUse(
            gateway.identity, "online PSTN gateway", ", ".join(holders), target_object=gateway.identity
        )


@cmdlet(GET_GATEWAY)
def get_gateway(call: Invocation) -> None:
    _write_matching(call, call.backend.store.direct_routing().gateways, "online PSTN gateway")


@cmdlet(NEW_GATEWAY)
def new_gateway(call: Invocation) -> None:
    config = call.backend.store.direct_routing()
    fqdn = call.get("Identity", None) or call.get("Fqdn")
    if _find(config.gateways, fqdn) is not None:
        raise ConfigItemExists(fqdn, "online PSTN gateway", target_object=fqdn)
    gateway = OnlinePstnGateway(identity=fqdn, fqdn=fqdn, sip_signaling_port=rule_port(call.get("SipSignalingPort")))
    gateway = gateway.model_copy(
        update=_settings(OnlinePstnGateway, call, gateway, ("identity", "fqdn", "sip_signaling_port"))
    )
    if call.should_process(fqdn):
        _save(call, config, fqdn, None, gateway.to_ps(), gateways=(*config.gateways, gateway))
    call.write_output(gateway)


@cmdlet(SET_GATEWAY)
def set_gateway(call: Invocation) -> None:
    config = call.backend.store.direct_routing()
    instance = call.get("Instance", None)
    before = rule_exists(
        config.gateways, instance.identity if instance else call.get("Identity"), "online PSTN gateway"
    )
    base = instance or before
    after = base.model_copy(
        update={**_settings(OnlinePstnGateway, call, base, ("identity", "fqdn")), "identity": before.identity}
    )
    rule_port(after.sip_signaling_port)
    gateways = tuple(after if g is before else g for g in config.gateways)
    if call.should_process(before.identity):
        _save(call, config, before.identity, before.to_ps(), after.to_ps(), gateways=gateways)


@cmdlet(REMOVE_GATEWAY)
def remove_gateway(call: Invocation) -> None:
    config = call.backend.store.direct_routing()
    gateway = rule_exists(config.gateways, call.get("Identity"), "online PSTN gateway")
    rule_gateway_unused(config, gateway)
    if call.should_process(gateway.identity):
        kept = tuple(g for g in config.gateways if g is not gateway)
        _save(call, config, gateway.identity, gateway.to_ps(), None, gateways=kept)
