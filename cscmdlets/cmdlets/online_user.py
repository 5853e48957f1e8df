"""Get-CsOnlineUser and Get-CsTenant: the tenant's users and the tenant as Teams shows them.

Get-CsOnlineUser reference: https://learn.microsoft.com/en-us/powershell/module/microsoftteams/get-csonlineuser
(the list of filterable attributes is in its 2024-06-28 version, office-docs-powershell commit
337e2d0464552dfc7ad88ca9b15e506f646b2a5f).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from ..model import User
from ..model.neighbourhood import UNMODELLED_USER_POLICIES, AssignedPlan, CsTenant, OnlineUser, Policies
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .common import rule_one_of, with_unemulated
from .neighbourhood_errors import OpathFilterInvalid
from .opath import FilterSyntaxError, compile_filter
from .user_view import (
    POLICY_FIELDS,
    alias_of,
    assigned_policy,
    directory_users,
    effective_policy,
    enabled_plans,
    feature_types,
    resolve_online_user,
)

TEAMS_NAMESPACE = "Microsoft.Teams.ConfigAPI.Cmdlets"  # inferred


def teams_type(command_name: str) -> str:
    """``Get-CsOnlineUser`` → ``Microsoft.Teams.ConfigAPI.Cmdlets.GetCsOnlineUser`` (inferred)."""
    return f"{TEAMS_NAMESPACE}.{command_name.replace('-', '')}"


ACCOUNT_TYPES = ("User", "ResourceAccount", "Guest", "SfBOnPremUser", "IneligibleUser")

GET_ONLINE_USER = CommandMetadata(
    name="Get-CsOnlineUser",
    synopsis="Returns the tenant's users with their Teams and conferencing properties.",
    implementing_type=teams_type("Get-CsOnlineUser"),
    default_parameter_set="Identity",
    output_type=OnlineUser,
    parameters=(
        Parameter(
            "Identity",
            t.USER_ID,
            position=0,
            from_pipeline_by_property_name=True,
            help="One user: object ID, UPN, SIP address or alias.",
        ),
        Parameter("AccountType", t.STRING, help="User, ResourceAccount, Guest, SfBOnPremUser or IneligibleUser."),
        Parameter(
            "Filter",
            t.STRING,
            help="An OPATH filter: -eq -ne -like -notlike -contains -gt -lt -ge -le, -and -or -not.",
        ),
        Parameter(
            "Properties",
            t.STRING,
            help="A comma list of properties to return; Identity, UserPrincipalName, Alias, AccountEnabled "
            "and DisplayName always are.",
        ),
        Parameter("ResultSize", t.UINT32, help="At most this many users; 0 returns none."),
        Parameter("SkipUserPolicies", t.SWITCH, help="Leaves the policy properties empty."),
        Parameter(
            "SoftDeletedUser", t.SWITCH, help="Deleted users still restorable: none, the emulator deletes at once."
        ),
        Parameter("Sort", t.STRING, aliases=("OrderBy",), help='"<Property> asc|desc", e.g. "DisplayName asc".'),
    ),
    examples=(
        Example(
            "Get-CsOnlineUser -Filter \"Department -eq 'Sales' -and FeatureTypes -contains 'AudioConferencing'\"",
            "Lists the Sales users enabled for audio conferencing.",
        ),
        Example("Get-CsOnlineUser -Identity ken.myer@contoso.com", "Shows one user."),
    ),
)


def filterable(backend: Backend) -> dict[str, Callable[[User], Any]]:
    """A getter per filterable property, by lower-cased name (read straight from the stored
    user, so a filter builds no output object). Policy properties compare the direct
    assignment, ``None`` when unassigned, as the reference's filter examples do."""
    tenant_id = backend.tenant.tenant_id
    return {
        "identity": lambda u: str(u.object_id),
        "userprincipalname": lambda u: u.user_principal_name,
        "displayname": lambda u: u.display_name,
        "sipaddress": lambda u: u.sip_address,
        "alias": alias_of,
        "department": lambda u: u.department,
        "givenname": lambda u: _names(u)[0],
        "lastname": lambda u: _names(u)[1],
        "usagelocation": lambda u: u.usage_location,
        "country": lambda u: country_name(u.usage_location),
        "countryabbreviation": lambda u: u.usage_location,
        "sipproxyaddress": lambda u: u.sip_address,
        "proxyaddresses": _proxy_addresses,
        "hostingprovider": lambda u: HOSTING_PROVIDER,
        "interpretedusertype": lambda u: INTERPRETED_USER_TYPE,
        "teamsupgradeeffectivemode": lambda u: TEAMS_ONLY,
        "userdirsyncenabled": lambda u: False,
        "onprementerprisevoiceenabled": lambda u: False,
        "onpremsipenabled": lambda u: False,
        **dict.fromkeys(_ALWAYS_NONE, lambda u: None),
        "accountenabled": lambda u: u.account_enabled,
        "accounttype": lambda u: u.account_type,
        "assignedplan": lambda u: [plan.name for _, plan in enabled_plans(u)],
        "assignedplans": lambda u: [plan.name for _, plan in enabled_plans(u)],
        "featuretypes": feature_types,
        "enterprisevoiceenabled": lambda u: u.enterprise_voice_enabled,
        "lineuri": lambda u: u.line_uri,
        "issipenabled": lambda u: True,
        **{kind.lower(): _assigned_getter(kind) for kind in POLICY_FIELDS},
        **{kind.lower(): (lambda u: None) for kind in UNMODELLED_USER_POLICIES},
        "tenantid": lambda u: str(tenant_id),
    }


#: A cloud user's SIP hosting, as Get-CsOnlineUser shows a TeamsOnly user (inferred).
HOSTING_PROVIDER = "sipfed.online.lync.com"
INTERPRETED_USER_TYPE = "PureOnlineTeamsOnlyUser"  # inferred
TEAMS_ONLY = "TeamsOnly"
#: Filterable properties the emulated directory keeps no value of (always $null here).
_ALWAYS_NONE = (
    "city",
    "company",
    "title",
    "street",
    "stateorprovince",
    "postalcode",
    "preferreddatalocation",
    "onpremhostingprovider",
    "onpremlineuri",
    "ownerurn",
    "softdeletiontimestamp",
    "whencreated",
    "whenchanged",
    "shadowproxyaddresses",
    "uservalidationerrors",
)


@functools.cache
def country_name(code: str | None) -> str | None:
    """Country: the English name of the usage location's country (``US`` → ``United States``),
    as Get-CsOnlineUser shows the directory's country since 4.2.0 replaced
    CountryOrRegionDisplayName with it (decided: the emulated directory keeps only the usage
    location, and the names are CLDR's, through Babel)."""
    if not code:
        return None
    from babel import Locale  # loaded with the first user shown

    name: str | None = Locale("en").territories.get(code.upper())
    return name or code


def _names(user: User) -> tuple[str | None, str | None]:
    """GivenName and LastName: the display name's first word and the rest (decided: the
    emulated directory keeps only the display name)."""
    first, _, rest = user.display_name.strip().partition(" ")
    return first or None, rest.strip() or None


def _proxy_addresses(user: User) -> tuple[str, ...]:
    return (f"SMTP:{user.primary_smtp_address or user.user_principal_name}",)


def _assigned_getter(policy_type: str) -> Callable[[User], Any]:
    return lambda user: assigned_policy(user, policy_type)


@functools.cache
def _defaults() -> dict[str, Any]:
    """Every OnlineUser field's default, in declared order (the required ones ``None``)."""
    return {name: None if info.is_required() else info.default for name, info in OnlineUser.model_fields.items()}


def _online_user(**values: Any) -> OnlineUser:
    """An OnlineUser of ``values`` (each already of its field's type) and the defaults, built
    without validation: a Get of thousands of users builds one per user."""
    return OnlineUser.from_valid(**{**_defaults(), **values})


def online_user(backend: Backend, policies: Policies, user: User, *, with_policies: bool = True) -> OnlineUser:
    """The Get-CsOnlineUser object of ``user``."""
    effective = []
    if with_policies:
        for policy_type in POLICY_FIELDS:
            name, source = effective_policy(policies, user, policy_type)
            effective.append({"PolicyType": policy_type, "PolicyName": name, "AssignmentType": source})
    given_name, last_name = _names(user)
    policies_of: dict[str, Any] = {f: getattr(user, f) if with_policies else None for f in POLICY_FIELDS.values()}
    return _online_user(
        identity=user.object_id,
        user_principal_name=user.user_principal_name,
        alias=alias_of(user),
        account_enabled=user.account_enabled,
        display_name=user.display_name,
        account_type=user.account_type,
        sip_address=user.sip_address,
        sip_proxy_address=user.sip_address,
        given_name=given_name,
        last_name=last_name,
        department=user.department,
        usage_location=user.usage_location,
        country=country_name(user.usage_location),
        country_abbreviation=user.usage_location,
        preferred_language=user.preferred_language,
        proxy_addresses=_proxy_addresses(user),
        hosting_provider=HOSTING_PROVIDER,
        assigned_plan=tuple(
            AssignedPlan(capability=plan.name, service_plan_id=plan.plan_id, subscribed_plan_id=sku.sku_id)
            for sku, plan in enabled_plans(user)
        ),
        feature_types=feature_types(user),
        enterprise_voice_enabled=user.enterprise_voice_enabled,
        line_uri=user.line_uri,
        effective_policy_assignments=tuple(effective),
        tenant_id=backend.tenant.tenant_id,
        **policies_of,
    )


def rule_filter(call: Invocation, backend: Backend) -> Callable[[User], bool] | None:
    """-Filter compiles before anything is read; a filter it cannot read is an error."""
    text = call.get("Filter", None)
    if text is None:
        return None
    try:
        return compile_filter(str(text), filterable(backend))
    except FilterSyntaxError as error:
        raise OpathFilterInvalid(text, str(error), target_object=text) from None


def rule_lists_resource_accounts(call: Invocation) -> bool:
    """Resource accounts are listed when the call names them: ``-AccountType ResourceAccount``
    (the reference's example) or a -Filter comparing AccountType with ResourceAccount;
    -Identity finds one by UPN, SIP address, object ID or alias.

    Decided: the service lists them in every unfiltered Get-CsOnlineUser too; the emulator
    does not, so a script piping every user into a Grant- or Set- cmdlet acts on users only.
    """
    if str(call.get("AccountType", None) or "").lower() == "resourceaccount":
        return True
    return "resourceaccount" in str(call.get("Filter", None) or "").lower()


def rule_sort(call: Invocation) -> tuple[str, bool] | None:
    """-Sort "DisplayName asc|desc": the property and whether descending."""
    text = call.get("Sort", None)
    if not text:
        return None
    name, _, direction = str(text).strip().partition(" ")
    return name.lower(), direction.strip().lower() == "desc"


def _selected(call: Invocation, users: Iterable[User], predicate: Callable[[User], bool] | None) -> Iterable[User]:
    account_type = call.get("AccountType", None)
    if account_type is not None:
        wanted = rule_one_of(account_type, "AccountType", ACCOUNT_TYPES)
        users = (u for u in users if u.account_type == wanted)
    return users if predicate is None else (u for u in users if predicate(u))


#: What -Properties always returns (the reference's list).
ALWAYS_RETURNED = ("Identity", "UserPrincipalName", "Alias", "AccountEnabled", "DisplayName")


def rule_properties(call: Invocation) -> set[str] | None:
    """-Properties "Department,LineURI": the names asked for plus the ones always returned."""
    text = call.get("Properties", None)
    if text is None:
        return None
    return {name.strip().lower() for name in (*str(text).split(","), *ALWAYS_RETURNED) if name.strip()}


def _only(user: OnlineUser, names: set[str] | None) -> OnlineUser:
    if names is None:
        return user
    cleared = {
        field: None for field, info in OnlineUser.model_fields.items() if (info.alias or field).lower() not in names
    }
    return user.model_copy(update=cleared)  # no validation: the unasked properties are $null, as shown


@cmdlet(GET_ONLINE_USER)
def get_online_user(call: Invocation) -> None:
    backend = call.backend
    policies = backend.store.policies()
    predicate = rule_filter(call, backend)
    sort = rule_sort(call)
    identity = call.get("Identity", None)
    users: Iterable[User] = (
        [resolve_online_user(backend, identity)]
        if identity is not None
        else directory_users(backend, with_resource_accounts=rule_lists_resource_accounts(call))
    )
    found: Iterable[User] = _selected(call, users, predicate)
    if sort is not None:
        getter: Callable[[User], Any] = filterable(backend).get(sort[0], lambda u: u.display_name)
        found = sorted(found, key=lambda u: str(getter(u) or ""), reverse=sort[1])
    size = 0 if call.switch("SoftDeletedUser") else call.get("ResultSize", None)
    with_policies, names = not call.switch("SkipUserPolicies"), rule_properties(call)
    for user in itertools.islice(found, size):
        call.write_output(_only(online_user(backend, policies, user, with_policies=with_policies), names))


GET_CS_TENANT = with_unemulated(
    CommandMetadata(
        name="Get-CsTenant",
        synopsis="Returns the tenant: its ID, name and verified domains.",
        implementing_type=teams_type("Get-CsTenant"),
        output_type=CsTenant,
        parameters=(),
        examples=(Example("Get-CsTenant", "Shows the tenant."),),
    )
)


@cmdlet(GET_CS_TENANT)
def get_cs_tenant(call: Invocation) -> None:
    tenant = call.backend.tenant
    call.write_output(
        CsTenant(
            tenant_id=tenant.tenant_id,
            display_name=tenant.display_name,
            verified_domains=tenant.domains,
            sip_domain=tenant.domains,
        )
    )
