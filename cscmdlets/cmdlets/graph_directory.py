"""Microsoft Graph PowerShell's directory reads that Teams admin scripts make beside their Teams
calls: Get-MgOrganization (the tenant's name for a report's title) and Get-MgGroup (a group's
name from the object ID that Get-CsUserPolicyAssignment's PolicySource names).

Reference pages (MicrosoftDocs/microsoftgraph-docs-powershell): "Get-MgOrganization",
https://learn.microsoft.com/powershell/module/microsoft.graph.identity.directorymanagement/get-mgorganization,
and "Get-MgGroup", https://learn.microsoft.com/powershell/module/microsoft.graph.groups/get-mggroup.
The emulated directory's groups are those its users are members of; a group's ID is stable for
its name (``user_view.group_id``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from ..model.neighbourhood import MgGroup, MgOrganization, MgVerifiedDomain
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend
from .base import Invocation, cmdlet
from .licences import GRAPH_PAGE, GRAPH_PROPERTY, graph_type
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
GET_MG_GROUP = CommandMetadata(
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
GRAPH_DIRECTORY_COMMANDS = (GET_MG_ORGANIZATION, GET_MG_GROUP)


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
    limit = call.get("Top", None) if call.has("Top") else None if call.switch("All") else GRAPH_PAGE
    for group in itertools.islice(groups, limit):
        call.write_output(group)
