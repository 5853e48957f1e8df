"""Licences: Microsoft Graph PowerShell (Get-MgUser, Get-MgUserLicenseDetail, Set-MgUserLicense,
Get-MgSubscribedSku) and MSOnline (Get-MsolUser, Set-MsolUserLicense, Get-MsolAccountSku).

Assigning a SKU with the Audio Conferencing plan enables the user for Microsoft's dial-in
conferencing and removing the last one disables it -- the replacement Microsoft documents for
the retired Enable-/Disable-CsOnlineDialInConferencingUser
(https://learn.microsoft.com/en-us/microsoftteams/teams-powershell-supported-versions). Both
changes fire the same service emails as the directory's own licence operations
(``directory.assign_license``/``remove_license``): "enabled" with the conference ID and PIN,
"removed" with the dial-in details released. Add and remove in one call are atomic.

References: Set-MgUserLicense
(https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.users.actions/set-mguserlicense),
Get-MgUser (https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.users/get-mguser),
Set-MsolUserLicense (https://learn.microsoft.com/en-us/powershell/module/msonline/set-msoluserlicense).
"""

from __future__ import annotations

import base64
import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ..model import ChangeKind, Provider, User
from ..model.neighbourhood import (
    AUDIO_CONFERENCING_PLAN,
    SKU_BY_ID,
    SKU_BY_PART_NUMBER,
    GraphAssignedLicense,
    LicenseUnits,
    MgLicenseDetail,
    MgSubscribedSku,
    MgUser,
    MsolAccountSku,
    MsolLicense,
    MsolServicePlan,
    MsolServiceStatus,
    MsolUser,
    ServicePlanInfo,
    Sku,
)
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .common import with_unemulated
from .directory import enabled, released
from .errors import UserNotFound
from .neighbourhood_errors import (
    SEARCH_NEEDS_EVENTUAL,
    SORTING_NOT_SUPPORTED,
    GraphBadRequest,
    GraphInvalidFilter,
    GraphResourceNotFound,
    GraphUnsupportedQuery,
    MsolAccessDenied,
    MsolInvalidLicense,
    MsolUserNotFound,
    graph_count_violation,
    graph_invalid_license,
    graph_invalid_plan,
    graph_invalid_usage_location,
    graph_missing_parameter,
    graph_not_assigned,
)
from .odata import compile_odata, compile_search, order_key, sorted_by
from .opath import FilterSyntaxError
from .user_view import skus_of

GRAPH_NAMESPACE = "Microsoft.Graph.PowerShell.Cmdlets"
MSOL_NAMESPACE = "Microsoft.Online.Administration.Automation"


def graph_type(command_name: str, parameter_set: str) -> str:
    """``Get-MgUser`` in set ``List1`` → ``Microsoft.Graph.PowerShell.Cmdlets.GetMgUser_List1``,
    the form Graph PowerShell's error records show."""
    return f"{GRAPH_NAMESPACE}.{command_name.replace('-', '')}_{parameter_set}"


# --- the licence change itself ---------------------------------------------------------------------


@dataclass(frozen=True)
class LicenceChange:
    """What one Set-MgUserLicense/Set-MsolUserLicense call asks: SKUs to add (with the plans
    disabled in each) and SKUs to remove."""

    add: tuple[tuple[Sku, frozenset[uuid.UUID]], ...]
    remove: tuple[Sku, ...]


def rule_subscribed(backend: Backend, skus: Iterable[Sku], error: Callable[[Sku], Exception]) -> None:
    """Only SKUs the tenant subscribes to can be assigned."""
    subscriptions = backend.store.subscriptions()
    for sku in skus:
        if subscriptions.units_of(sku.part_number) is None:
            raise error(sku)


def rule_usage_location(user: User) -> None:
    """A user needs a usage location before a licence can be assigned (Graph answers 400)."""
    if not user.usage_location:
        raise graph_invalid_usage_location(user.user_principal_name)


#: Subscriptions at least this large are not counted: counting scans every user, and the
#: emulator's large subscriptions (the demo's, a stored tenant's default) have a seat per user.
SEAT_COUNT_LIMIT = 10_000


def rule_seats_left(backend: Backend, user: User, skus: Iterable[Sku]) -> None:
    """A SKU whose seats are all taken cannot be assigned (licenseAssignmentState CountViolation).
    Subscriptions of ``SEAT_COUNT_LIMIT`` seats or more are not counted."""
    subscriptions, users = backend.store.subscriptions(), None
    held = skus_of(user)
    for sku in skus:
        units = subscriptions.units_of(sku.part_number) or 0
        if sku in held or units >= SEAT_COUNT_LIMIT:
            continue
        users = users if users is not None else list(backend.store.users())
        if sum(sku in skus_of(u) for u in users) >= units:
            raise graph_count_violation(str(sku.sku_id))


def rule_assigned(user: User, skus: Iterable[Sku], error: Callable[[Sku], Exception]) -> None:
    """Only a SKU the user holds can be removed."""
    held = skus_of(user)
    for sku in skus:
        if sku not in held:
            raise error(sku)


def licensed_after(user: User, change: LicenceChange) -> bool:
    """Whether the audio conferencing plan is on once ``change`` is made: an added SKU carries
    it (not disabled), or the user had it and a SKU that carries it remains."""
    for sku, disabled in change.add:
        if sku.has_audio_conferencing and AUDIO_CONFERENCING_PLAN.plan_id not in disabled:
            return True
    removed = set(change.remove)
    kept = [sku for sku in skus_of(user) if sku not in removed and sku not in {s for s, _ in change.add}]
    return user.licensed and any(sku.has_audio_conferencing for sku in kept)


def apply_licence_change(call: Invocation, before: User, change: LicenceChange, parameters: dict[str, Any]) -> User:
    """Save the user with the change made, audit it, and record the service trigger it fires."""
    removed = {sku.part_number for sku in change.remove}
    names = [sku.part_number for sku in skus_of(before) if sku.part_number not in removed]
    names += [sku.part_number for sku, _ in change.add if sku.part_number not in names]
    licensed = licensed_after(before, change)
    disabled = disabled_after(before, change)
    after = before.model_copy(update={"licenses": tuple(names), "licensed": licensed, "disabled_plans": disabled})
    kind, pin = None, ""
    if licensed and not before.licensed and after.provider is Provider.MICROSOFT:
        after, pin = enabled(call, after)
        kind = ChangeKind.LICENSE_ASSIGNED
    elif before.licensed and not licensed:
        kind = ChangeKind.LICENSE_REMOVED if before.is_conferencing_enabled else None
        after = released(after)
    call.save_user(before, after, parameters)
    if kind is not None:
        call.record_change(after, [kind], new_pin=pin or None)
    return after


# --- Microsoft Graph ------------------------------------------------------------------------------


def resolve_graph_user(backend: Backend, user_id: str) -> User:
    """``-UserId``: the user's object ID or UPN, as Graph's ``/users/{id | userPrincipalName}``."""
    try:
        return backend.resolve_user(user_id)
    except UserNotFound:
        raise GraphResourceNotFound(user_id, target_object=user_id) from None


def assigned_licenses(user: User) -> tuple[GraphAssignedLicense, ...]:
    return tuple(
        GraphAssignedLicense(sku_id=sku.sku_id, disabled_plans=_disabled_plans(user, sku)) for sku in skus_of(user)
    )


def _disabled_plans(user: User, sku: Sku) -> tuple[uuid.UUID, ...]:
    """The plans switched off in ``sku``: those recorded with it, and Audio Conferencing when
    ``licensed`` is off (the flag stands for that plan)."""
    prefix = f"{sku.part_number.upper()}/"
    recorded = [uuid.UUID(entry[len(prefix) :]) for entry in user.disabled_plans if entry.upper().startswith(prefix)]
    ordered = [plan.plan_id for plan in sku.plans if plan.plan_id in recorded]
    if sku.has_audio_conferencing and not user.licensed:
        ordered.insert(0, AUDIO_CONFERENCING_PLAN.plan_id)
    return tuple(dict.fromkeys(ordered))


def disabled_after(user: User, change: LicenceChange) -> tuple[str, ...]:
    """``User.disabled_plans`` once ``change`` is made: a removed SKU's entries go, an added
    SKU's are replaced by the plans the change switches off in it (an assignment states them all)."""
    touched = {sku.part_number.upper() for sku in change.remove} | {sku.part_number.upper() for sku, _ in change.add}
    kept = [entry for entry in user.disabled_plans if entry.split("/", 1)[0].upper() not in touched]
    for sku, disabled in change.add:
        kept += [
            f"{sku.part_number}/{plan.plan_id}"
            for plan in sku.plans
            if plan.plan_id in disabled and plan is not AUDIO_CONFERENCING_PLAN
        ]
    return tuple(kept)


#: What Graph returns for a user without $select (Graph's default property set).
_DEFAULT_PROPERTIES = ("Id", "DisplayName", "Mail", "UserPrincipalName", "PreferredLanguage")


def mg_user(user: User, properties: Iterable[str] | None = None) -> MgUser:
    """The Graph user; properties outside ``properties`` (default: Graph's set) are ``None``."""
    full: dict[str, Any] = {
        "Id": str(user.object_id),
        "DisplayName": user.display_name,
        "Mail": user.primary_smtp_address,
        "UserPrincipalName": user.user_principal_name,
        "PreferredLanguage": user.preferred_language,
        "AccountEnabled": user.account_enabled,
        "Department": user.department,
        "UsageLocation": user.usage_location,
        "UserType": "Guest" if user.account_type == "Guest" else "Member",
    }
    wanted = {p.lower() for p in (properties or _DEFAULT_PROPERTIES)} | {"id"}
    if "*" in wanted or "assignedlicenses" in wanted:  # built only when shown: Set-MgUserLicense's reply has none
        full["AssignedLicenses"] = assigned_licenses(user)
    if "*" in wanted:
        return MgUser.model_validate(full)
    return MgUser.model_validate({name: value for name, value in full.items() if name.lower() in wanted})


def graph_filterable() -> dict[str, Callable[[User], Any]]:
    return {
        "id": lambda u: str(u.object_id),
        "displayname": lambda u: u.display_name,
        "userprincipalname": lambda u: u.user_principal_name,
        "mail": lambda u: u.primary_smtp_address,
        "department": lambda u: u.department,
        "usagelocation": lambda u: u.usage_location,
        "accountenabled": lambda u: u.account_enabled,
        "usertype": lambda u: "Guest" if u.account_type == "Guest" else "Member",
        "preferredlanguage": lambda u: u.preferred_language,
        "assignedlicenses": lambda u: [
            {"skuid": str(lic.sku_id), "disabledplans": lic.disabled_plans} for lic in assigned_licenses(u)
        ],
    }


#: -Property ($select) of the Graph Get- cmdlets.
GRAPH_PROPERTY = Parameter(
    "Property", t.STRING_ARRAY, aliases=("Select",), help="The properties to return ($select); * for all."
)
_LIST = "List1"

GET_MG_USER = with_unemulated(
    CommandMetadata(
        name="Get-MgUser",
        synopsis="Returns users from Microsoft Graph (the emulated directory).",
        implementing_type=graph_type("Get-MgUser", _LIST),
        default_parameter_set=_LIST,
        output_type=MgUser,
        parameters=(
            Parameter("UserId", t.STRING, sets=(InSet("Get1", mandatory=True),), help="The user's id or UPN."),
            GRAPH_PROPERTY,
            Parameter(
                "Filter", t.STRING, sets=(InSet(_LIST),), help="An OData $filter, e.g. \"department eq 'Sales'\"."
            ),
            Parameter(
                "Search",
                t.STRING,
                sets=(InSet(_LIST),),
                help="A $search, e.g. '\"displayName:ken\"' (words beginning so); needs -ConsistencyLevel eventual.",
            ),
            Parameter(
                "Sort",
                t.STRING_ARRAY,
                aliases=("OrderBy",),
                sets=(InSet(_LIST),),
                help="$orderby: properties, each optionally 'desc'; with -Filter or -Search an advanced query.",
            ),
            Parameter("All", t.SWITCH, sets=(InSet(_LIST),), help="Every user (otherwise the first page, 100)."),
            Parameter("Top", t.INT32, aliases=("Limit",), sets=(InSet(_LIST),), help="At most this many users."),
            Parameter("ConsistencyLevel", t.STRING, sets=(InSet(_LIST),), help="Accepted (eventual)."),
            Parameter(
                "CountVariable",
                t.STRING,
                aliases=("CV",),
                sets=(InSet(_LIST),),
                help="The variable that receives the number of matching users (all of them, whatever -Top).",
                names_variable=True,
            ),
            Parameter("PageSize", t.INT32, sets=(InSet(_LIST),), help="Accepted: paging is not visible here."),
        ),
        examples=(
            Example(
                "Get-MgUser -Filter \"department eq 'Sales'\" -All -Property Id,DisplayName,AssignedLicenses",
                "Lists the Sales users with their licences.",
            ),
        ),
    )
)

T = TypeVar("T")

#: Graph's default page: what a call without -All or -Top returns.
GRAPH_PAGE = 100


def graph_page(call: Invocation, items: Iterable[T]) -> Iterator[T]:
    """What a Graph list cmdlet returns of ``items``: -Top's first n, -All every one, else the
    first page (Graph pages its lists; the cmdlets follow the pages only with -All)."""
    limit = call.get("Top", None) if call.has("Top") else None if call.switch("All") else GRAPH_PAGE
    return itertools.islice(items, limit)


@cmdlet(GET_MG_USER)
def get_mg_user(call: Invocation) -> None:
    properties = call.get("Property", None)
    user_id = call.get("UserId", None)
    if user_id is not None:
        call.write_output(mg_user(resolve_graph_user(call.backend, user_id), properties))
        return
    users: Iterable[User] = call.backend.store.users()
    for query in _queries(call):
        users = filter(query, users)
    if call.has("Sort"):
        users = _sorted(call, list(users))
    if call.has("CountVariable"):  # Graph's @odata.count: every match, not just the page returned
        users = list(users)
        call.set_variable(str(call.get("CountVariable")), len(users))
    for user in graph_page(call, users):
        call.write_output(mg_user(user, properties))


def _queries(call: Invocation) -> list[Callable[[User], bool]]:
    """The predicates of -Filter and -Search. A search is an advanced query: without
    ``-ConsistencyLevel eventual`` Graph refuses it."""
    queries = []
    text = call.get("Filter", None)
    if text:
        try:
            queries.append(compile_odata(str(text), graph_filterable()))
        except FilterSyntaxError as error:
            raise GraphInvalidFilter(str(error), target_object=text) from None
    search = call.get("Search", None)
    if search:
        if not _advanced(call):
            raise GraphUnsupportedQuery(SEARCH_NEEDS_EVENTUAL, target_object=search)
        try:
            queries.append(compile_search(str(search), graph_filterable()))
        except FilterSyntaxError as error:
            raise GraphBadRequest(str(error), target_object=search) from None
    return queries


def _sorted(call: Invocation, users: list[User]) -> list[User]:
    """-Sort ($orderby). Sorting what -Filter or -Search chose is an advanced query: it needs
    -ConsistencyLevel eventual and $count (-CountVariable), as aad-advanced-queries lists."""
    if (call.get("Filter", None) or call.get("Search", None)) and not (_advanced(call) and call.has("CountVariable")):
        raise GraphUnsupportedQuery(SORTING_NOT_SUPPORTED)
    try:
        return sorted_by(users, order_key(list(call.get("Sort")), graph_filterable()))
    except FilterSyntaxError as error:
        raise GraphBadRequest(str(error)) from None


def _advanced(call: Invocation) -> bool:
    return str(call.get("ConsistencyLevel", "")).lower() == "eventual"


GET_MG_LICENSE_DETAIL = CommandMetadata(
    name="Get-MgUserLicenseDetail",
    synopsis="Returns the licences assigned to a user, with their service plans.",
    implementing_type=graph_type("Get-MgUserLicenseDetail", "List"),
    default_parameter_set="List",
    output_type=MgLicenseDetail,
    parameters=(
        Parameter("UserId", t.STRING, mandatory=True, help="The user's id or UPN."),
        GRAPH_PROPERTY,
        Parameter("All", t.SWITCH, help="Every licence (a user has few)."),
    ),
    examples=(Example("Get-MgUserLicenseDetail -UserId ken.myer@contoso.com", "Shows Ken's licences."),),
)


def _detail_id(user: User, sku: Sku) -> str:
    """The opaque licence-details id: Graph's is base64 text; this one encodes user and SKU."""
    return base64.urlsafe_b64encode(user.object_id.bytes + sku.sku_id.bytes).decode().rstrip("=")


def plan_infos(user: User | None, sku: Sku) -> tuple[ServicePlanInfo, ...]:
    """The SKU's plans, each ``Disabled`` where ``user`` has it switched off."""
    disabled = _disabled_plans(user, sku) if user is not None else ()
    return tuple(
        ServicePlanInfo(
            provisioning_status="Disabled" if plan.plan_id in disabled else "Success",
            service_plan_id=plan.plan_id,
            service_plan_name=plan.name,
        )
        for plan in sku.plans
    )


@cmdlet(GET_MG_LICENSE_DETAIL)
def get_mg_license_detail(call: Invocation) -> None:
    user = resolve_graph_user(call.backend, call.get("UserId"))
    for sku in skus_of(user):
        call.write_output(
            MgLicenseDetail(
                id=_detail_id(user, sku),
                service_plans=plan_infos(user, sku),
                sku_id=sku.sku_id,
                sku_part_number=sku.part_number,
            )
        )


_EXPANDED, _BODY = "AssignExpanded1", "Assign1"

SET_MG_USER_LICENSE = CommandMetadata(
    name="Set-MgUserLicense",
    synopsis="Adds and removes a user's licences (Audio Conferencing enables dial-in and sends its email).",
    implementing_type=graph_type("Set-MgUserLicense", "AssignExpanded1"),
    default_parameter_set=_EXPANDED,
    supports_should_process=True,
    output_type=MgUser,
    parameters=(
        Parameter("UserId", t.STRING, mandatory=True, help="The user's id or UPN."),
        Parameter(
            "AddLicenses",
            t.OBJECT,
            sets=(InSet(_EXPANDED),),
            help="Hashtables @{SkuId = '<guid>'; DisabledPlans = @('<servicePlanId>')}; @() for none.",
        ),
        Parameter(
            "RemoveLicenses", t.STRING_ARRAY, sets=(InSet(_EXPANDED),), help="SKU GUIDs to remove; @() for none."
        ),
        Parameter(
            "BodyParameter",
            t.OBJECT,
            sets=(InSet(_BODY, mandatory=True),),
            help="The request body: @{addLicenses = @(@{skuId = '<guid>'}); removeLicenses = @()}.",
        ),
    ),
    examples=(
        Example(
            "Set-MgUserLicense -UserId alex.darrow@contoso.com "
            "-AddLicenses @{SkuId = '0c266dff-15dd-4b49-8397-2bb16070ed52'} -RemoveLicenses @()",
            "Assigns the Audio Conferencing add-on: Alex is enabled and gets the welcome email.",
        ),
    ),
)


def as_items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def member_of(table: Any, name: str) -> Any:
    """A property of a hashtable, a script's object (``to_ps()``) or a model, by name ignoring case."""
    if hasattr(table, "to_ps") and not isinstance(table, type):
        table = table.to_ps()
    if isinstance(table, Mapping):
        return next((v for k, v in table.items() if str(k).lower() == name.lower()), None)
    return getattr(table, name, None)


def graph_sku(value: Any) -> Sku:
    try:
        sku_id = uuid.UUID(str(value))
    except ValueError:
        raise graph_invalid_license(str(value)) from None
    sku = SKU_BY_ID.get(sku_id)
    if sku is None:
        raise graph_invalid_license(str(sku_id))
    return sku


def plan_id_of(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise graph_invalid_plan(str(value)) from None


def rule_graph_change(call: Invocation) -> LicenceChange:
    """Both addLicenses and removeLicenses are given (``@()`` for none), as parameters or as
    the keys of -BodyParameter (the request body itself, its names in any case); the entries of
    the first carry a known SkuId (and DisabledPlans GUIDs), the second names SKU GUIDs."""
    body = call.get("BodyParameter", None)
    given: dict[str, Any] = {}
    for name in ("AddLicenses", "RemoveLicenses"):
        value = member_of(body, name) if call.has("BodyParameter") else call.get(name, None)
        if value is None and (call.has("BodyParameter") or not call.has(name)):
            raise graph_missing_parameter(name[0].lower() + name[1:])
        given[name] = value
    add = [assigned_entry(entry) for entry in as_items(given["AddLicenses"])]
    remove = tuple(graph_sku(value) for value in as_items(given["RemoveLicenses"]))
    return LicenceChange(tuple(add), remove)


def assigned_entry(entry: Any) -> tuple[Sku, frozenset[uuid.UUID]]:
    """One assignedLicense: a known SkuId and DisabledPlans GUIDs, each a plan of that SKU."""
    sku = graph_sku(member_of(entry, "SkuId"))
    disabled = frozenset(plan_id_of(p) for p in as_items(member_of(entry, "DisabledPlans")))
    foreign = sorted(disabled - {plan.plan_id for plan in sku.plans}, key=str)
    if foreign:
        raise graph_invalid_plan(str(foreign[0]))
    return sku, disabled


@cmdlet(SET_MG_USER_LICENSE)
def set_mg_user_license(call: Invocation) -> None:
    backend = call.backend
    change = rule_graph_change(call)
    user = resolve_graph_user(backend, call.get("UserId"))
    check_change(
        backend,
        user,
        change,
        lambda sku: graph_invalid_license(str(sku.sku_id)),
        lambda sku: graph_not_assigned(str(sku.sku_id)),
    )
    if not call.should_process(user.user_principal_name):
        return
    parameters = {
        "UserId": call.get("UserId"),
        "AddLicenses": [str(sku.sku_id) for sku, _ in change.add],
        "RemoveLicenses": [str(sku.sku_id) for sku in change.remove],
    }
    after = apply_licence_change(call, user, change, parameters)
    call.write_output(mg_user(after, ("Id", "DisplayName", "Mail", "UserPrincipalName", "UserType")))


def check_change(
    backend: Backend,
    user: User,
    change: LicenceChange,
    not_subscribed: Callable[[Sku], Exception],
    not_assigned: Callable[[Sku], Exception],
) -> None:
    rule_subscribed(backend, [sku for sku, _ in change.add], not_subscribed)
    rule_assigned(user, change.remove, not_assigned)
    if change.add:
        rule_usage_location(user)
        rule_seats_left(backend, user, [sku for sku, _ in change.add])


GET_MG_SUBSCRIBED_SKU = CommandMetadata(
    name="Get-MgSubscribedSku",
    synopsis="Returns the tenant's subscriptions: SKU, seats bought and seats used.",
    implementing_type=graph_type("Get-MgSubscribedSku", "List"),
    default_parameter_set="List",
    output_type=MgSubscribedSku,
    parameters=(
        Parameter("SubscribedSkuId", t.STRING, sets=(InSet("Get", mandatory=True),), help="<tenantId>_<skuId>."),
        GRAPH_PROPERTY,
        Parameter("All", t.SWITCH, sets=(InSet("List"),), help="Every subscription."),
    ),
    examples=(
        Example(
            "Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq 'MCOMEETADV'",
            "Finds the Audio Conferencing subscription and its SkuId.",
        ),
    ),
)


def consumed_units(backend: Backend) -> dict[str, int]:
    """Seats used per SKU part number, counted over the users."""
    counts: dict[str, int] = {}
    for user in backend.store.users():
        for sku in skus_of(user):
            counts[sku.part_number] = counts.get(sku.part_number, 0) + 1
    return counts


@cmdlet(GET_MG_SUBSCRIBED_SKU)
def get_mg_subscribed_sku(call: Invocation) -> None:
    backend = call.backend
    tenant_id, used = backend.tenant.tenant_id, consumed_units(backend)
    wanted = call.get("SubscribedSkuId", None)
    for subscription in backend.store.subscriptions().skus:
        sku = SKU_BY_PART_NUMBER[subscription.part_number.upper()]
        sku_key = f"{tenant_id}_{sku.sku_id}"
        if wanted is not None and wanted.lower() != sku_key:
            continue
        call.write_output(
            MgSubscribedSku(
                consumed_units=used.get(sku.part_number, 0),
                id=sku_key,
                prepaid_units=LicenseUnits(enabled=subscription.enabled_units),
                service_plans=plan_infos(None, sku),
                sku_id=sku.sku_id,
                sku_part_number=sku.part_number,
            )
        )
    if wanted is not None and not call.result.output:
        raise GraphResourceNotFound(wanted, target_object=wanted)


# --- MSOnline -------------------------------------------------------------------------------------


def msol_type(command_name: str) -> str:
    """``Set-MsolUserLicense`` → ``Microsoft.Online.Administration.Automation.SetUserLicense``."""
    verb, noun = command_name.split("-", 1)
    return f"{MSOL_NAMESPACE}.{verb}{noun.removeprefix('Msol')}"


def account_name(backend: Backend) -> str:
    """The AccountSkuId prefix: the tenant's initial domain label (``contoso`` in ``contoso:MCOMEETADV``)."""
    return backend.tenant.default_domain.split(".")[0]


def msol_user(backend: Backend, user: User) -> MsolUser:
    prefix = account_name(backend)
    return MsolUser(
        user_principal_name=user.user_principal_name,
        display_name=user.display_name,
        is_licensed=bool(skus_of(user)),
        licenses=tuple(
            MsolLicense(
                account_sku_id=f"{prefix}:{sku.part_number}",
                service_status=tuple(
                    MsolServiceStatus(
                        service_plan=MsolServicePlan(
                            service_name=info.service_plan_name, service_plan_id=info.service_plan_id
                        ),
                        provisioning_status=info.provisioning_status,
                    )
                    for info in plan_infos(user, sku)
                ),
            )
            for sku in skus_of(user)
        ),
        object_id=user.object_id,
        department=user.department,
        usage_location=user.usage_location,
        block_credential=not user.account_enabled,
    )


_TENANT_ID = Parameter("TenantId", t.GUID, help="The tenant (a partner's customer); the emulated tenant only.")

GET_MSOL_USER = CommandMetadata(
    name="Get-MsolUser",
    synopsis="Returns users through the retired MSOnline module.",
    implementing_type=msol_type("Get-MsolUser"),
    default_parameter_set="ListUsers__0",
    output_type=MsolUser,
    parameters=(
        Parameter("ObjectId", t.GUID, sets=(InSet("GetUser__0", mandatory=True),), help="One user by object ID."),
        Parameter(
            "UserPrincipalName", t.STRING, sets=(InSet("GetUserByUpn__0", mandatory=True),), help="One user by UPN."
        ),
        Parameter("All", t.SWITCH, sets=(InSet("All__0", mandatory=True),), help="Every user (not with -MaxResults)."),
        Parameter("Department", t.STRING, sets=(InSet("ListUsers__0"), InSet("All__0")), help="Only this department."),
        Parameter("UsageLocation", t.STRING, sets=(InSet("ListUsers__0"), InSet("All__0")), help="Only this country."),
        Parameter(
            "UnlicensedUsersOnly",
            t.SWITCH,
            sets=(InSet("ListUsers__0"), InSet("All__0")),
            help="Only unlicensed users.",
        ),
        Parameter(
            "SearchString",
            t.STRING,
            sets=(InSet("ListUsers__0"), InSet("All__0")),
            help="UPN or name starts with this.",
        ),
        Parameter("MaxResults", t.INT32, sets=(InSet("ListUsers__0"),), help="At most this many (default 500)."),
        _TENANT_ID,
    ),
    examples=(
        Example(
            "Get-MsolUser -All | Where-Object { ($_.Licenses).AccountSkuId -match 'MCOMEETADV' }",
            "Lists the users with the Audio Conferencing add-on.",
        ),
    ),
)

#: MSOnline's default result size without -All or -MaxResults.
MSOL_PAGE = 500


def _msol_filters(call: Invocation) -> list[Callable[[User], bool]]:
    tests: list[Callable[[User], bool]] = []
    if (department := call.get("Department", None)) is not None:
        tests.append(lambda u: (u.department or "").lower() == department.lower())
    if (location := call.get("UsageLocation", None)) is not None:
        tests.append(lambda u: (u.usage_location or "").lower() == location.lower())
    if call.switch("UnlicensedUsersOnly"):
        tests.append(lambda u: not skus_of(u))
    if (search := call.get("SearchString", None)) is not None:
        text = search.lower()
        tests.append(
            lambda u: u.user_principal_name.lower().startswith(text) or u.display_name.lower().startswith(text)
        )
    return tests


def rule_msol_tenant(call: Invocation) -> None:
    """-TenantId names the emulated tenant; another tenant's data is never this one's."""
    tenant_id = call.get("TenantId", None)
    if tenant_id is not None and tenant_id != call.backend.tenant.tenant_id:
        raise MsolAccessDenied(target_object=str(tenant_id))


def msol_key(call: Invocation) -> str | None:
    """What -ObjectId or -UserPrincipalName names, ``None`` when neither is given."""
    key = call.get("ObjectId", None) or call.get("UserPrincipalName", None)
    return None if key is None else str(key)


def resolve_msol_user(call: Invocation, key: str) -> User:
    try:
        return call.backend.resolve_user(key)
    except UserNotFound:
        raise MsolUserNotFound(key, target_object=key) from None


@cmdlet(GET_MSOL_USER)
def get_msol_user(call: Invocation) -> None:
    backend = call.backend
    rule_msol_tenant(call)
    key = msol_key(call)
    if key is not None:
        call.write_output(msol_user(backend, resolve_msol_user(call, key)))
        return
    tests = _msol_filters(call)
    found = (u for u in backend.store.users() if all(test(u) for test in tests))
    limit = None if call.switch("All") else call.get("MaxResults", MSOL_PAGE)
    for user in itertools.islice(found, limit):
        call.write_output(msol_user(backend, user))


SET_MSOL_USER_LICENSE = CommandMetadata(
    name="Set-MsolUserLicense",
    synopsis="Adds and removes a user's licences through the retired MSOnline module.",
    implementing_type=msol_type("Set-MsolUserLicense"),
    default_parameter_set="SetUserLicenses__0",
    parameters=(
        Parameter(
            "ObjectId",
            t.GUID,
            sets=(InSet("SetUserLicenses__0", mandatory=True),),
            from_pipeline_by_property_name=True,
            help="The user by object ID.",
        ),
        Parameter(
            "UserPrincipalName",
            t.STRING,
            sets=(InSet("SetUserLicensesByUpn__0", mandatory=True),),
            from_pipeline_by_property_name=True,
            help="The user by UPN.",
        ),
        Parameter("AddLicenses", t.STRING_ARRAY, help="AccountSkuIds to add, e.g. contoso:MCOMEETADV."),
        Parameter("RemoveLicenses", t.STRING_ARRAY, help="AccountSkuIds to remove."),
        Parameter("LicenseOptions", t.OBJECT, help="Disabled plans per SKU (New-MsolLicenseOptions objects)."),
        _TENANT_ID,
    ),
    examples=(
        Example(
            "Set-MsolUserLicense -UserPrincipalName alex.darrow@contoso.com -AddLicenses contoso:MCOMEETADV",
            "Assigns the Audio Conferencing add-on the MSOnline way.",
        ),
    ),
)


def _msol_sku(backend: Backend, account_sku_id: str) -> Sku:
    """``contoso:MCOMEETADV`` → the SKU; another tenant's prefix or an unknown part number fails."""
    prefix, _, part = account_sku_id.partition(":")
    sku = SKU_BY_PART_NUMBER.get(part.upper())
    if sku is None or prefix.lower() != account_name(backend).lower():
        raise MsolInvalidLicense(target_object=account_sku_id)
    return sku


def rule_license_options(
    backend: Backend, user: User, added: list[Sku], options: Any
) -> dict[Sku, frozenset[uuid.UUID]]:
    """-LicenseOptions: each option names an AccountSkuId this call adds or the user holds (the
    options then change its plans) and plan names of that SKU; the plans are switched off in it
    ("Set-MsolUserLicense", example 3; the options come from New-MsolLicenseOptions)."""
    plans: dict[Sku, frozenset[uuid.UUID]] = {}
    for option in as_items(options):
        account_sku_id = member_of(option, "AccountSkuId")
        sku = _msol_sku(backend, str(account_sku_id or ""))
        if sku not in added and sku not in skus_of(user):
            raise MsolInvalidLicense(target_object=str(account_sku_id))
        by_name = {plan.name.upper(): plan.plan_id for plan in sku.plans}
        names = [str(name) for name in as_items(member_of(option, "DisabledServicePlans"))]
        if any(name.upper() not in by_name for name in names):
            raise MsolInvalidLicense(target_object=str(account_sku_id))
        plans[sku] = frozenset(by_name[name.upper()] for name in names)
    return plans


@cmdlet(SET_MSOL_USER_LICENSE)
def set_msol_user_license(call: Invocation) -> None:
    backend = call.backend
    rule_msol_tenant(call)
    added = [_msol_sku(backend, value) for value in call.get("AddLicenses", None) or ()]
    remove = tuple(_msol_sku(backend, value) for value in call.get("RemoveLicenses", None) or ())
    user = resolve_msol_user(call, msol_key(call) or "")  # each parameter set makes one of the two mandatory
    options = rule_license_options(backend, user, added, call.get("LicenseOptions", None))
    # An option for a SKU the user holds and this call does not add re-assigns it with those plans off.
    added += [sku for sku in options if sku not in added]
    change = LicenceChange(tuple((sku, options.get(sku, frozenset())) for sku in added), remove)
    invalid = lambda *_: MsolInvalidLicense(target_object=user.user_principal_name)  # noqa: E731
    check_change(backend, user, change, invalid, invalid)
    parameters: dict[str, Any] = {
        "UserPrincipalName": user.user_principal_name,
        "AddLicenses": list(call.get("AddLicenses", None) or ()),
        "RemoveLicenses": list(call.get("RemoveLicenses", None) or ()),
    }
    if options:
        parameters["LicenseOptions"] = {
            f"{account_name(backend)}:{sku.part_number}": sorted(p.name for p in sku.plans if p.plan_id in plans)
            for sku, plans in options.items()
        }
    apply_licence_change(call, user, change, parameters)


GET_MSOL_ACCOUNT_SKU = CommandMetadata(
    name="Get-MsolAccountSku",
    synopsis="Returns the tenant's subscriptions through the retired MSOnline module.",
    implementing_type=msol_type("Get-MsolAccountSku"),
    output_type=MsolAccountSku,
    parameters=(_TENANT_ID,),
    examples=(Example("Get-MsolAccountSku", "Lists the AccountSkuIds to assign, e.g. contoso:MCOMEETADV."),),
)


@cmdlet(GET_MSOL_ACCOUNT_SKU)
def get_msol_account_sku(call: Invocation) -> None:
    backend = call.backend
    rule_msol_tenant(call)
    prefix, tenant_id, used = account_name(backend), backend.tenant.tenant_id, consumed_units(backend)
    for subscription in backend.store.subscriptions().skus:
        sku = SKU_BY_PART_NUMBER[subscription.part_number.upper()]
        call.write_output(
            MsolAccountSku(
                account_name=prefix,
                account_object_id=tenant_id,
                account_sku_id=f"{prefix}:{sku.part_number}",
                active_units=subscription.enabled_units,
                consumed_units=used.get(sku.part_number, 0),
                sku_id=sku.sku_id,
                sku_part_number=sku.part_number,
            )
        )


LICENCE_COMMANDS = (
    GET_MG_USER,
    GET_MG_LICENSE_DETAIL,
    SET_MG_USER_LICENSE,
    GET_MG_SUBSCRIBED_SKU,
    GET_MSOL_USER,
    SET_MSOL_USER_LICENSE,
    GET_MSOL_ACCOUNT_SKU,
)
