"""Update-MgUser: a user's directory properties through Microsoft Graph PowerShell.

The successor of Set-MsolUser and Set-AzureADUser ("Find Azure AD PowerShell and MSOnline
cmdlets in Microsoft Graph PowerShell",
https://learn.microsoft.com/powershell/microsoftgraph/azuread-msoline-cmdlet-map). Scripts set
the usage location with it before Set-MgUserLicense, as a licence needs one. Boolean properties
are switches in Graph PowerShell (``-AccountEnabled:$false``); ``-BodyParameter`` takes the
same properties as a hashtable (``@{UsageLocation = 'GB'}``), by their Graph names. Like Graph's
PATCH, it writes nothing.

Reference: Update-MgUser
(https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.users/update-mguser).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import User
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .licences import graph_type, resolve_graph_user
from .neighbourhood_errors import GraphBadRequest

_EXPANDED, _BODY = "UpdateExpanded", "Update"

UPDATE_MG_USER = CommandMetadata(
    name="Update-MgUser",
    synopsis="Changes a user's directory properties (usage location, department, display name, sign-in).",
    implementing_type=graph_type("Update-MgUser", _EXPANDED),
    default_parameter_set=_EXPANDED,
    supports_should_process=True,
    parameters=(
        Parameter("UserId", t.STRING, mandatory=True, help="The user's id or UPN."),
        Parameter("UsageLocation", t.STRING, sets=(InSet(_EXPANDED),), help="Two-letter country code."),
        Parameter("Department", t.STRING, sets=(InSet(_EXPANDED),), help="The user's department."),
        Parameter("DisplayName", t.STRING, sets=(InSet(_EXPANDED),), help="The user's display name."),
        Parameter("AccountEnabled", t.SWITCH, sets=(InSet(_EXPANDED),), help="-AccountEnabled:$false blocks sign-in."),
        Parameter(
            "BodyParameter",
            t.OBJECT,
            sets=(InSet(_BODY, mandatory=True),),
            help="A hashtable of the user's properties by Graph name, e.g. @{UsageLocation = 'GB'}.",
        ),
    ),
    examples=(
        Example(
            "Update-MgUser -UserId alex.darrow@contoso.com -UsageLocation GB -Department Sales",
            "Moves Alex to Sales in Great Britain.",
        ),
    ),
)

#: The properties this cmdlet writes: Graph name → User field.
_FIELDS = {
    "usagelocation": ("UsageLocation", "usage_location"),
    "department": ("Department", "department"),
    "displayname": ("DisplayName", "display_name"),
    "accountenabled": ("AccountEnabled", "account_enabled"),
}
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


def graph_invalid_property(name: str, value: Any) -> GraphBadRequest:
    """Graph's 400 for a property value the directory refuses."""
    return GraphBadRequest(
        f"Invalid value specified for property '{name[0].lower()}{name[1:]}' of resource 'User'.",  # inferred
        target_object=value,
    )


def rule_user_properties(values: Mapping[str, Any]) -> dict[str, Any]:
    """The User fields ``values`` (Graph names, any case) set: a usage location is a two-letter
    country code (stored in capitals) or $null (none); a property this emulator does not keep
    is refused as Graph refuses one the resource lacks."""
    changes: dict[str, Any] = {}
    for key, value in values.items():
        known = _FIELDS.get(str(key).lower())
        if known is None:
            raise GraphBadRequest(
                f"Property '{key}' does not exist on type 'microsoft.graph.user'.",  # inferred
                target_object=key,
            )
        name, field_name = known
        if name == "UsageLocation":
            if value is not None and not _COUNTRY.match(str(value)):
                raise graph_invalid_property(name, value)
            value = "" if value is None else str(value).upper()
        elif name == "AccountEnabled":
            if not isinstance(value, bool):
                raise graph_invalid_property(name, value)
        elif value is not None:
            value = str(value)
        if name == "DisplayName" and not value:
            raise graph_invalid_property(name, value)
        changes[field_name] = value
    return changes


@cmdlet(UPDATE_MG_USER)
def update_mg_user(call: Invocation) -> None:
    if call.has("BodyParameter"):
        body = call.get("BodyParameter")
        if hasattr(body, "to_ps") and not isinstance(body, type):  # an object's properties, not a class's
            body = body.to_ps()
        if not isinstance(body, Mapping):
            raise GraphBadRequest("The request body is not a user object.", target_object=body)  # inferred
        values = dict(body)
    else:
        values = {name: call.get(name) for name, _ in _FIELDS.values() if call.has(name)}
    changes = rule_user_properties(values)
    before = resolve_graph_user(call.backend, call.get("UserId"))
    if not call.should_process(before.user_principal_name):
        return
    after: User = before.model_copy(update=changes)
    if after != before:
        call.save_user(before, after, {"UserId": call.get("UserId"), **values})


GRAPH_USER_COMMANDS = (UPDATE_MG_USER,)
