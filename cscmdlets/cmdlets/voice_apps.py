"""Voice apps, read-only: Get-CsOnlineApplicationInstance (resource accounts), Get-CsCallQueue
and Get-CsAutoAttendant.

Reference pages (Microsoft Learn): Get-CsOnlineApplicationInstance
(https://learn.microsoft.com/powershell/module/teams/get-csonlineapplicationinstance),
Get-CsCallQueue and Get-CsAutoAttendant
(https://learn.microsoft.com/powershell/module/microsoftteams/get-cscallqueue, …/get-csautoattendant).
The ApplicationId of each kind of resource account is the New-CsOnlineApplicationInstance page's.

Decided where the pages are silent or say a parameter does nothing: the demo tenant has one
auto attendant and one call queue, each behind its resource account (the emulator keeps them
apart from the users; Get-CsOnlineUser lists them when asked, user_view.resource_accounts);
-ResultSize and
-Skip of Get-CsOnlineApplicationInstance are accepted and ignored ("currently not working");
-ExcludeContent and -IncludeStatus are accepted and change nothing; -NameFilter matches names
containing the text, case-insensitively; -Sort names an output property (default Name).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from ..model.neighbourhood import STANDALONE_APP_ID, ApplicationInstance, AutoAttendant, CallQueue
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, Parameter
from .base import Invocation, cmdlet
from .common import FORCE, TENANT, with_unemulated
from .neighbourhood_errors import (
    ApplicationInstanceNotFound,
    ConfigItemExists,
    FirstTooLarge,
    InvalidResourceAccountUpn,
    VoiceAppNotFound,
)
from .online_user import teams_type
from .phone_numbers import rule_own_tenant, rule_user_number

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


NEW_APPLICATION_INSTANCE = CommandMetadata(
    name="New-CsOnlineApplicationInstance",
    synopsis="Creates a resource account (an application instance) for an auto attendant or a call queue.",
    implementing_type=teams_type("New-CsOnlineApplicationInstance"),
    supports_should_process=True,
    output_type=ApplicationInstance,
    parameters=(
        Parameter("UserPrincipalName", t.STRING, position=0, mandatory=True, help="Its UPN, on a tenant domain."),
        Parameter("ApplicationId", t.GUID, position=1, help="Auto attendant ce933385-…, call queue 11cd3e2e-…."),
        Parameter("DisplayName", t.STRING, position=2, help="The display name."),
        FORCE,
    ),
    examples=(
        Example(
            "New-CsOnlineApplicationInstance -UserPrincipalName helpdesk@contoso.com "
            "-ApplicationId 11cd3e2e-fccb-42ad-ad00-878b93575e07 -DisplayName Helpdesk",
            "A resource account for a call queue.",
        ),
    ),
)
SET_APPLICATION_INSTANCE = CommandMetadata(
    name="Set-CsOnlineApplicationInstance",
    synopsis="Changes a resource account's application or display name.",
    implementing_type=teams_type("Set-CsOnlineApplicationInstance"),
    supports_should_process=True,
    parameters=(
        Parameter("Identity", t.STRING, position=0, mandatory=True, help="The resource account: UPN or object ID."),
        Parameter("OnpremPhoneNumber", t.STRING, position=1, help="Deprecated: use Set-CsPhoneNumberAssignment."),
        Parameter("ApplicationId", t.GUID, position=2, help="The application ID."),
        Parameter("AcsResourceId", t.GUID, position=3, help="An Azure Communication Services resource (none here)."),
        Parameter("DisplayName", t.STRING, position=4, help="The display name."),
        FORCE,
    ),
    examples=(
        Example(
            "Set-CsOnlineApplicationInstance -Identity mainline@contoso.com -DisplayName 'Main Line'", "Renames it."
        ),
    ),
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
GET_AUTO_ATTENDANT = with_unemulated(
    CommandMetadata(
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
)
VOICE_APP_COMMANDS = (
    GET_APPLICATION_INSTANCE,
    NEW_APPLICATION_INSTANCE,
    SET_APPLICATION_INSTANCE,
    GET_CALL_QUEUE,
    GET_AUTO_ATTENDANT,
)


def rule_application_instance(instances: Sequence[ApplicationInstance], key: str) -> ApplicationInstance:
    found = _find_instance(instances, key)
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


# --- resource accounts: New- and Set- ------------------------------------------------------------


def rule_resource_upn(call: Invocation, upn: str) -> str:
    """The UPN "should have an online domain" (the page): one of the tenant's; and no user or
    resource account may have it already."""
    backend = call.backend
    domain = upn.rpartition("@")[2].lower()
    if "@" not in upn or domain not in {d.lower() for d in backend.tenant.domains}:
        raise InvalidResourceAccountUpn(upn, target_object=upn)
    taken = backend.store.find_users(upn.lower()) or _find_instance(
        backend.store.voice_apps().application_instances, upn
    )
    if taken:
        raise ConfigItemExists(upn, "user or resource account", target_object=upn)
    return upn


def _find_instance(instances: Sequence[ApplicationInstance], key: str) -> ApplicationInstance | None:
    wanted = key.strip().lower()
    return next((a for a in instances if wanted in (a.user_principal_name.lower(), str(a.object_id))), None)


def _save_instances(
    call: Invocation, instances: tuple[ApplicationInstance, ...], target: str, before: Any, after: Any
) -> None:
    store = call.backend.store
    store.save_voice_apps(store.voice_apps().model_copy(update={"application_instances": instances}))
    call.audit(target, before, after, dict(call.values))


@cmdlet(NEW_APPLICATION_INSTANCE)
def new_application_instance(call: Invocation) -> None:
    """Decided where the page is silent: without -ApplicationId the account is standalone (the
    page's Standalone ID), without -DisplayName it shows the UPN's name part."""
    backend = call.backend
    upn = rule_resource_upn(call, call.get("UserPrincipalName") or "")
    instance = ApplicationInstance(
        object_id=backend.new_guid(),
        tenant_id=backend.tenant.tenant_id,
        user_principal_name=upn,
        application_id=call.get("ApplicationId", None) or STANDALONE_APP_ID,
        display_name=call.get("DisplayName", None) or upn.partition("@")[0],
    )
    if call.should_process(upn):
        instances = backend.store.voice_apps().application_instances
        _save_instances(call, (*instances, instance), upn, None, instance.to_ps())
    call.write_output(instance)


@cmdlet(SET_APPLICATION_INSTANCE)
def set_application_instance(call: Invocation) -> None:
    """-OnpremPhoneNumber sets PhoneNumber (``tel:+`` and the digits), as the deprecated
    parameter did, under Set-CsPhoneNumberAssignment's rules (not a conferencing number, not one
    a user or another resource account holds); -AcsResourceId is accepted and kept nowhere (no
    Azure Communication Services)."""
    instances = call.backend.store.voice_apps().application_instances
    before = rule_application_instance(instances, call.get("Identity") or "")
    updates: dict[str, Any] = {}
    if call.get("ApplicationId", None) is not None:
        updates["application_id"] = call.get("ApplicationId")
    if call.get("DisplayName", None) is not None:
        updates["display_name"] = call.get("DisplayName")
    if call.has("OnpremPhoneNumber"):
        number = call.get("OnpremPhoneNumber")
        digits = rule_user_number(call.backend, before, number, "OnpremPhoneNumber") if number else None
        updates["phone_number"] = f"tel:+{digits}" if digits else None
    after = before.model_copy(update=updates)
    if call.should_process(before.user_principal_name):
        kept = tuple(after if a is before else a for a in instances)
        _save_instances(call, kept, before.user_principal_name, before.to_ps(), after.to_ps())
