"""Voice apps, read-only: Get-CsOnlineApplicationInstance (resource accounts), Get-CsCallQueue
and Get-CsAutoAttendant.

Reference pages (Microsoft Learn): Get-CsOnlineApplicationInstance
(https://learn.microsoft.com/powershell/module/teams/get-csonlineapplicationinstance),
Get-CsCallQueue and Get-CsAutoAttendant
(https://learn.microsoft.com/powershell/module/microsoftteams/get-cscallqueue, …/get-csautoattendant).
The ApplicationId of each kind of resource account is the New-CsOnlineApplicationInstance page's.

Decided where the pages are silent or say a parameter does nothing: the demo tenant has one
auto attendant and one call queue, each behind its resource account (the emulator keeps them
apart from the users, so Get-CsOnlineUser does not list resource accounts); -ResultSize and
-Skip of Get-CsOnlineApplicationInstance are accepted and ignored ("currently not working");
-ExcludeContent and -IncludeStatus are accepted and change nothing; -NameFilter matches names
containing the text, case-insensitively; -Sort names an output property (default Name).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TypeVar

from ..model.neighbourhood import ApplicationInstance, AutoAttendant, CallQueue
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, Parameter
from .base import Invocation, cmdlet
from .common import FORCE, TENANT
from .neighbourhood_errors import ApplicationInstanceNotFound, FirstTooLarge, VoiceAppNotFound
from .online_user import teams_type
from .phone_numbers import rule_own_tenant

App = TypeVar("App", CallQueue, AutoAttendant)

GET_APPLICATION_INSTANCE = CommandMetadata(
    name="Get-CsOnlineApplicationInstance",
    synopsis="Returns the tenant's resource accounts (application instances), or some of them.",
    implementing_type=teams_type("Get-CsOnlineApplicationInstance"),
    supports_should_process=True,
    output_type=ApplicationInstance,
    parameters=(
        Parameter("Identity", t.STRING, position=0, help="One resource account: UPN or object ID."),
        Parameter("Identities", t.STRING, position=1, help="Several, comma-separated."),
        Parameter("ResultSize", t.INT32, position=2, help="Currently not working (the reference page)."),
        Parameter("Skip", t.INT32, position=3, help="Currently not working (the reference page)."),
        FORCE,
    ),
    examples=(Example("Get-CsOnlineApplicationInstance -Identity mainline@contoso.com", "The main line's account."),),
)


def _paging_parameters(kind: str) -> tuple[Parameter, ...]:
    return (
        TENANT,
        Parameter("First", t.INT32, help=f"At most this many {kind}s (100 at most; 100 when not given)."),
        Parameter("Skip", t.INT32, help=f"Skips this many {kind}s first."),
        Parameter("ExcludeContent", t.SWITCH, help="Only Name and Identity (the emulator shows everything)."),
        Parameter("Sort", t.STRING, help="The property to sort by (Name when not given)."),
        Parameter("Descending", t.SWITCH, help="Sorts in descending order."),
        Parameter("NameFilter", t.STRING, help=f"Only {kind}s whose name contains this text."),
    )


GET_CALL_QUEUE = CommandMetadata(
    name="Get-CsCallQueue",
    synopsis="Returns the call queues: their agents, routing, overflow and timeout handling.",
    implementing_type="Microsoft.Rtc.Management.Hosted.CallQueue.GetCallQueueCmdlet",  # inferred
    output_type=CallQueue,
    parameters=(Parameter("Identity", t.GUID, help="One call queue, by its GUID."), *_paging_parameters("call queue")),
    examples=(Example("Get-CsCallQueue -NameFilter Sales", "The call queues with Sales in their names."),),
)
GET_AUTO_ATTENDANT = CommandMetadata(
    name="Get-CsAutoAttendant",
    synopsis="Returns the auto attendants: language, time zone, operator and resource accounts.",
    implementing_type="Microsoft.Rtc.Management.Hosted.OAA.GetAutoAttendantCmdlet",  # inferred
    output_type=AutoAttendant,
    parameters=(
        Parameter("Identity", t.STRING, help="One auto attendant, by its identity."),
        *_paging_parameters("auto attendant"),
        Parameter("IncludeStatus", t.SWITCH, help="Adds the provisioning status (nothing to add here)."),
    ),
    examples=(Example("Get-CsAutoAttendant -NameFilter Main", "The auto attendants with Main in their names."),),
)
VOICE_APP_COMMANDS = (GET_APPLICATION_INSTANCE, GET_CALL_QUEUE, GET_AUTO_ATTENDANT)


def rule_application_instance(instances: Sequence[ApplicationInstance], key: str) -> ApplicationInstance:
    wanted = key.strip().lower()
    found = next((a for a in instances if wanted in (a.user_principal_name.lower(), str(a.object_id))), None)
    if found is None:
        raise ApplicationInstanceNotFound(key, target_object=key)
    return found


@cmdlet(GET_APPLICATION_INSTANCE)
def get_application_instance(call: Invocation) -> None:
    instances = call.backend.store.voice_apps().application_instances
    keys = [call.get("Identity")] if call.get("Identity", None) is not None else []
    keys += [k for k in str(call.get("Identities", None) or "").split(",") if k.strip()]
    found = [rule_application_instance(instances, key) for key in keys] if keys else list(instances)
    for instance in found:
        call.write_output(instance)


def rule_first(call: Invocation) -> int:
    first: int = call.get("First", None) or 100
    if first > 100:
        raise FirstTooLarge(first, target_object=first)
    return first


def _sort_field(model: type[CallQueue | AutoAttendant], name: str) -> str:
    """The field of the output property -Sort names (Name when it names none)."""
    wanted = name.lower()
    return next((field for field, info in model.model_fields.items() if (info.alias or "").lower() == wanted), "name")


def _listed(call: Invocation, apps: Iterable[App]) -> list[App]:
    """-NameFilter, then -Sort/-Descending, then -Skip and -First (the pages' paging)."""
    first = rule_first(call)
    text = str(call.get("NameFilter", None) or "").lower()
    chosen = [app for app in apps if text in app.name.lower()]
    key = _sort_field(type(chosen[0]) if chosen else CallQueue, str(call.get("Sort", None) or "Name"))
    chosen.sort(key=lambda app: str(getattr(app, key)).lower(), reverse=call.switch("Descending"))
    skip = call.get("Skip", None) or 0
    return list(itertools.islice(chosen, skip, skip + first))


def _one(call: Invocation, apps: Sequence[App], kind: str) -> App:
    wanted = str(call.get("Identity")).lower()
    found = next((app for app in apps if str(app.identity).lower() == wanted), None)
    if found is None:
        raise VoiceAppNotFound(kind, call.get("Identity"), target_object=call.get("Identity"))
    return found


def _get_apps(call: Invocation, apps: Sequence[App], kind: str) -> None:
    if call.has("Tenant"):
        rule_own_tenant(call)
    if call.get("Identity", None) is not None:
        call.write_output(_one(call, apps, kind))
        return
    for app in _listed(call, apps):
        call.write_output(app)


@cmdlet(GET_CALL_QUEUE)
def get_call_queue(call: Invocation) -> None:
    _get_apps(call, call.backend.store.voice_apps().call_queues, "call queue")


@cmdlet(GET_AUTO_ATTENDANT)
def get_auto_attendant(call: Invocation) -> None:
    _get_apps(call, call.backend.store.voice_apps().auto_attendants, "auto attendant")
