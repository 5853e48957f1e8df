"""Microsoft Graph PowerShell's directory reads that Teams admin scripts make beside their Teams
calls: Get-MgOrganization (the tenant's name for a report's title), Get-MgGroup (a group's
name from the object ID that Get-CsUserPolicyAssignment's PolicySource names) and
Get-MgGroupMember (the users a script licenses or configures by group).

Reference pages (MicrosoftDocs/microsoftgraph-docs-powershell): "Get-MgOrganization",
https://learn.microsoft.com/powershell/module/microsoft.graph.identity.directorymanagement/get-mgorganization,
"Get-MgGroup", https://learn.microsoft.com/powershell/module/microsoft.graph.groups/get-mggroup,
and "Get-MgGroupMember", https://learn.microsoft.com/powershell/module/microsoft.graph.groups/get-mggroupmember.
The emulated directory's groups are those its users are members of; a group's ID is stable for
its name (``user_view.group_id``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import User
from ..model.neighbourhood import MgDirectoryObject, MgGroup, MgOrganization, MgVerifiedDomain
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .common import with_unemulated
from .licences import GRAPH_PROPERTY, graph_page, graph_type, mg_user
from .neighbourhood_errors import GraphInvalidFilter, GraphResourceNotFound
from .odata import compile_odata
from .opath import FilterSyntaxError
from .user_view import find_group, group_id, group_names

GET_MG_ORGANIZATION = CommandMetadata(
    name="Get-MgOrganization",
    synopsis="Returns the organization: its ID, name and verified domains.",
    implementing_type=graph_type("Get-MgOrganization", "List1"),
    default_parameter_set="List1",
    output_type=MgOrganization,
    parameters=(
        Parameter("OrganizationId", t.STRING, sets=(InSet("Get1", mandatory=True),), help="The tenant ID."),
        GRAPH_PROPERTY,
        Parameter("All", t.SWITCH, sets=(InSet("List1"),), help="List all pages."),
    ),
    examples=(Example("(Get-MgOrganization).DisplayName", "The organization's name, for a report's title."),),
)
GET_MG_GROUP = with_unemulated(
    CommandMetadata(
        name="Get-MgGroup",
        synopsis="Returns the directory's groups, or one by its ID.",
        implementing_type=graph_type("Get-MgGroup", "List"),
        default_parameter_set="List",
        output_type=MgGroup,
        parameters=(
            Parameter("GroupId", t.STRING, sets=(InSet("Get1", mandatory=True),), help="key: id of group."),
            GRAPH_PROPERTY,
            Parameter("Filter", t.STRING, sets=(InSet("List"),), help="OData, e.g. \"DisplayName eq 'Sales'\"."),
            Parameter("Top", t.INT32, aliases=("Limit",), sets=(InSet("List"),), help="Only the first n."),
            Parameter("All", t.SWITCH, sets=(InSet("List"),), help="List all pages."),
            Parameter("ConsistencyLevel", t.STRING, sets=(InSet("List"),), help="eventual, for advanced queries."),
        ),
        examples=(Example("Get-MgGroup -Filter \"DisplayName eq 'Sales'\"", "The Sales group and its ID."),),
    )
)
GET_MG_GROUP_MEMBER = with_unemulated(
    CommandMetadata(
        name="Get-MgGroupMember",
        synopsis="Returns a group's direct members, as directory objects.",
        implementing_type=graph_type("Get-MgGroupMember", "List"),
        default_parameter_set="List",
        output_type=MgDirectoryObject,
        parameters=(
            Parameter("GroupId", t.STRING, mandatory=True, help="key: id of group."),
            GRAPH_PROPERTY,
            Parameter("Top", t.INT32, aliases=("Limit",), help="Only the first n."),
            Parameter("All", t.SWITCH, help="List all pages."),
            Parameter("ConsistencyLevel", t.STRING, help="eventual, for advanced queries."),
            Parameter("PageSize", t.INT32, help="Accepted: paging is not visible here."),
        ),
        examples=(
            Example(
                "$sales = Get-MgGroup -Filter \"DisplayName eq 'Sales'\"\n"
                "Get-MgGroupMember -GroupId $sales.Id -All |\n"
                "    ForEach-Object { $_.AdditionalProperties.userPrincipalName }",
                "The user names of the Sales group's members.",
            ),
        ),
    )
)
GRAPH_DIRECTORY_COMMANDS = (GET_MG_ORGANIZATION, GET_MG_GROUP, GET_MG_GROUP_MEMBER)


def organization(backend: Backend) -> MgOrganization:
    tenant = backend.tenant
    domains = tuple(
        MgVerifiedDomain(
            name=name, is_default=name == tenant.default_domain, is_initial=name.endswith(".onmicrosoft.com")
        )
        for name in tenant.domains
    )
    return MgOrganization(id=str(tenant.tenant_id), display_name=tenant.display_name, verified_domains=domains)


@cmdlet(GET_MG_ORGANIZATION)
def get_mg_organization(call: Invocation) -> None:
    found = organization(call.backend)
    wanted = call.get("OrganizationId", None)
    if wanted is not None and str(wanted).lower() != found.id:
        raise GraphResourceNotFound(str(wanted), target_object=wanted)
    call.write_output(found)


def mg_group(backend: Backend, name: str) -> MgGroup:
    return MgGroup(id=group_id(backend, name), display_name=name)


@cmdlet(GET_MG_GROUP)
def get_mg_group(call: Invocation) -> None:
    backend = call.backend
    wanted = call.get("GroupId", None)
    if wanted is not None:
        name = find_group(backend, str(wanted))
        if name is None or group_id(backend, name) != str(wanted).lower():  # Graph keys groups by ID only
            raise GraphResourceNotFound(str(wanted), target_object=wanted)
        call.write_output(mg_group(backend, name))
        return
    groups: Iterable[MgGroup] = (mg_group(backend, name) for name in group_names(backend))
    text = call.get("Filter", None)
    if text:
        try:
            predicate = compile_odata(str(text), {"displayname": lambda g: g.display_name, "id": lambda g: g.id})
        except FilterSyntaxError as error:
            raise GraphInvalidFilter(str(error), target_object=text) from None
        groups = filter(predicate, groups)
    for group in graph_page(call, groups):
        call.write_output(group)


@cmdlet(GET_MG_GROUP_MEMBER)
def get_mg_group_member(call: Invocation) -> None:
    """The members of the group with that ID (Graph keys groups by ID only), in directory order;
    each user's default Graph properties are in AdditionalProperties, as Graph returns them."""
    backend = call.backend
    wanted = str(call.get("GroupId"))
    name = find_group(backend, wanted)
    if name is None or group_id(backend, name) != wanted.lower():
        raise GraphResourceNotFound(wanted, target_object=wanted)
    members = (user for user in backend.store.users() if name.lower() in {g.lower() for g in user.member_of})
    for user in graph_page(call, members):
        call.write_output(directory_object(user))


def directory_object(user: User) -> MgDirectoryObject:
    """A user as a directory object: Graph's default user properties, by Graph's names."""
    shown = mg_user(user)
    additional: dict[str, Any] = {
        "@odata.type": "#microsoft.graph.user",
        "businessPhones": [],
        "displayName": shown.display_name,
        "givenName": None,
        "jobTitle": None,
        "mail": shown.mail,
        "mobilePhone": None,
        "officeLocation": None,
        "preferredLanguage": shown.preferred_language,
        "surname": None,
        "userPrincipalName": shown.user_principal_name,
    }
    return MgDirectoryObject(id=str(user.object_id), additional_properties=additional)
