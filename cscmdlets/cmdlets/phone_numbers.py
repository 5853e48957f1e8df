"""Phone numbers: Get-CsOnlineTelephoneNumber (legacy), Get-/Set-/Remove-CsPhoneNumberAssignment.

One inventory: the conferencing service numbers are the bridges' own (the store's service
numbers, ConferenceAssigned to their bridge), and a user's number is the user's LineURI.
A service number cannot be assigned to a user; assigning a number sets EnterpriseVoiceEnabled
and unassigning clears it (Set-CsPhoneNumberAssignment reference,
https://learn.microsoft.com/en-us/powershell/module/microsoftteams/set-csphonenumberassignment).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from ..model import ServiceNumber, User
from ..model.neighbourhood import ApplicationInstance, OnlineTelephoneNumber, PhoneNumberAssignment
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend, normalize_number
from .base import Invocation, cmdlet
from .common import DOMAIN_CONTROLLER, FORCE, TENANT, rule_one_of, with_unemulated
from .errors import UserNotFound
from .neighbourhood_errors import ForeignTenant, NumberAlreadyAssigned, NumberNotFound, NumberNotUserAssignable
from .online_user import teams_type
from .user_view import find_resource_account

NUMBER_TYPES = ("DirectRouting", "CallingPlan", "OperatorConnect")
_CONFERENCE_CAPABILITIES = ("ConferenceAssignment",)
_USER_CAPABILITIES = ("UserAssignment",)
_VOICE_APP_CAPABILITIES = ("VoiceApplicationAssignment",)


def _region(backend: Backend, number: ServiceNumber) -> str | None:
    import phonenumbers  # loaded on the first number, as the backend does

    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse("+" + number.number))
    except phonenumbers.NumberParseException:
        return None


def _service_assignment(backend: Backend, number: ServiceNumber) -> PhoneNumberAssignment:
    return PhoneNumberAssignment(
        telephone_number=f"+{number.number}",
        number_type="CallingPlan",
        assigned_pstn_target_id=str(number.bridge_id) if number.bridge_id else None,
        capability=_CONFERENCE_CAPABILITIES,
        city=number.city,
        iso_country_code=_region(backend, number),
        pstn_assignment_status="ConferenceAssigned" if number.bridge_id else "Unassigned",
    )


def _user_assignment(user: User) -> PhoneNumberAssignment:
    digits = (user.line_uri or "").removeprefix("tel:").removeprefix("+")
    return PhoneNumberAssignment(
        telephone_number=f"+{digits}",
        number_type="CallingPlan",
        assigned_pstn_target_id=str(user.object_id),
        assignment_category="Primary",
        capability=_USER_CAPABILITIES,
        pstn_assignment_status="UserAssigned",
    )


def _resource_account_assignment(instance: ApplicationInstance) -> PhoneNumberAssignment:
    return PhoneNumberAssignment(
        telephone_number=f"+{_digits(instance.phone_number or '')}",
        number_type="CallingPlan",
        assigned_pstn_target_id=str(instance.object_id),
        assignment_category="Primary",
        capability=_VOICE_APP_CAPABILITIES,
        pstn_assignment_status="VoiceApplicationAssigned",
    )


def assignments(backend: Backend) -> list[PhoneNumberAssignment]:
    """Every number of the tenant, sorted by TelephoneNumber as the cmdlet returns them."""
    found = [_service_assignment(backend, n) for n in backend.store.service_numbers()]
    found += [_user_assignment(u) for u in backend.store.users() if u.line_uri]
    instances = backend.store.voice_apps().application_instances
    found += [_resource_account_assignment(i) for i in instances if i.phone_number]
    return sorted(found, key=lambda a: a.telephone_number)


_TELEPHONE_NUMBER = Parameter(
    "TelephoneNumber", t.STRING, aliases=("PhoneNumber",), help="+14255550100 (the + is optional)."
)

GET_ASSIGNMENT = with_unemulated(
    CommandMetadata(
        name="Get-CsPhoneNumberAssignment",
        synopsis="Returns the tenant's phone numbers: conferencing service numbers and users' numbers.",
        implementing_type=teams_type("Get-CsPhoneNumberAssignment"),
        output_type=PhoneNumberAssignment,
        parameters=(
            Parameter("AssignedPstnTargetId", t.STRING, help="Numbers assigned to this user or bridge."),
            Parameter("CapabilitiesContain", t.STRING, help="e.g. ConferenceAssignment."),
            Parameter("IsoCountryCode", t.STRING, help="e.g. US."),
            Parameter("NumberType", t.STRING, aliases=("PhoneNumberType",), help="DirectRouting, CallingPlan..."),
            Parameter("PstnAssignmentStatus", t.STRING, help="e.g. ConferenceAssigned, UserAssigned, Unassigned."),
            Parameter("Skip", t.INT32, help="Skips this many numbers."),
            _TELEPHONE_NUMBER,
            Parameter("TelephoneNumberStartsWith", t.STRING, help="Numbers starting with these digits."),
            Parameter("Top", t.INT32, help="At most this many numbers (default 500)."),
        ),
        examples=(
            Example(
                "Get-CsPhoneNumberAssignment -CapabilitiesContain ConferenceAssignment",
                "Lists the conferencing service numbers.",
            ),
        ),
    )
)


def _digits(text: str) -> str:
    return text.strip().removeprefix("tel:").removeprefix("+")


def _selected(call: Invocation, numbers: list[PhoneNumberAssignment]) -> Iterator[PhoneNumberAssignment]:
    target = call.get("AssignedPstnTargetId", None)
    if target is not None:
        try:
            target = str(resolve_number_owner(call.backend, target).object_id)
        except Exception:  # a bridge id or an unknown target: compared as given
            target = target.lower()
    tests: dict[str, Callable[[PhoneNumberAssignment, Any], bool]] = {
        "CapabilitiesContain": lambda a, v: all(
            c.strip().lower() in {x.lower() for x in a.capability} for c in v.split(",")
        ),
        "IsoCountryCode": lambda a, v: (a.iso_country_code or "").lower() == v.lower(),
        "NumberType": lambda a, v: a.number_type.lower() == v.lower(),
        "PstnAssignmentStatus": lambda a, v: a.pstn_assignment_status.lower() == v.lower(),
        "TelephoneNumber": lambda a, v: _digits(a.telephone_number) == _digits(v),
        "TelephoneNumberStartsWith": lambda a, v: _digits(a.telephone_number).startswith(_digits(v)),
    }
    for number in numbers:
        if target is not None and (number.assigned_pstn_target_id or "").lower() != target:
            continue
        if all(test(number, call.get(name)) for name, test in tests.items() if call.has(name)):
            yield number


@cmdlet(GET_ASSIGNMENT)
def get_assignment(call: Invocation) -> None:
    skip = call.get("Skip", 0)
    top = call.get("Top", 500)
    for number in itertools.islice(_selected(call, assignments(call.backend)), skip, skip + top):
        call.write_output(number)


#: Who holds a number: a user or a resource account (Set-/Remove-CsPhoneNumberAssignment).
_ASSIGNEE = Parameter(
    "Identity", t.STRING, mandatory=True, help="The user or resource account: object ID, SIP address or UPN."
)

SET_ASSIGNMENT = with_unemulated(
    CommandMetadata(
        name="Set-CsPhoneNumberAssignment",
        synopsis="Assigns a phone number to a user or resource account (not a conferencing service number), "
        "or sets EnterpriseVoiceEnabled.",
        implementing_type=teams_type("Set-CsPhoneNumberAssignment"),
        default_parameter_set="Assignment",
        parameters=(
            _ASSIGNEE,
            Parameter(
                "TelephoneNumber",
                t.STRING,
                aliases=("PhoneNumber",),
                sets=(InSet("Assignment", mandatory=True),),
                help="+14255551234.",
            ),
            Parameter(
                "NumberType",
                t.STRING,
                aliases=("PhoneNumberType",),
                sets=(InSet("Assignment", mandatory=True),),
                help="DirectRouting, CallingPlan or OperatorConnect.",
            ),
            Parameter("LocationId", t.STRING, sets=(InSet("Assignment"),), help="Emergency location."),
            Parameter("AssignmentCategory", t.STRING, sets=(InSet("Assignment"),), help="Primary or Private."),
            Parameter(
                "EnterpriseVoiceEnabled", t.BOOLEAN, sets=(InSet("Attribute", mandatory=True),), help="Voice on or off."
            ),
            Parameter("Notify", t.SWITCH, sets=(InSet("Assignment"),), help="Emails the user (best effort)."),
        ),
        examples=(
            Example(
                "Set-CsPhoneNumberAssignment -Identity ken.myer@contoso.com -PhoneNumber +14255551234 "
                "-PhoneNumberType CallingPlan",
                "Gives Ken a Calling Plan number; EnterpriseVoiceEnabled becomes true.",
            ),
        ),
    )
)


def rule_user_number(
    backend: Backend, owner: User | ApplicationInstance, value: str, parameter: str = "TelephoneNumber"
) -> str:
    """A user's or resource account's number is a valid E.164 number, not a conferencing
    service number, and not another user's or resource account's."""
    digits = normalize_number(value, parameter)
    if any(n.number == digits for n in backend.store.service_numbers()):
        raise NumberNotUserAssignable(f"+{digits}", target_object=value)
    holders = [(u.object_id, u.user_principal_name, u.line_uri) for u in backend.store.users()]
    instances = backend.store.voice_apps().application_instances
    holders += [(a.object_id, a.user_principal_name, a.phone_number) for a in instances]
    holder = next((h for h in holders if _digits(h[2] or "") == digits), None)
    if holder is not None and holder[0] != owner.object_id:
        raise NumberAlreadyAssigned(f"+{digits}", holder[1], target_object=value)
    return digits


def resolve_number_owner(backend: Backend, identity: str) -> User | ApplicationInstance:
    """The user or resource account -Identity names (object ID, SIP address or UPN: the
    reference's "user or resource account")."""
    try:
        return backend.resolve_user(identity)
    except UserNotFound:
        instance = find_resource_account(backend, identity)
        if instance is None:
            raise
        return instance


def _save_owner(
    call: Invocation, owner: User | ApplicationInstance, line_uri: str | None, voice: bool | None = None
) -> None:
    """Saves the owner's number (a user's LineURI and EnterpriseVoiceEnabled; a resource
    account's PhoneNumber, its EnterpriseVoiceEnabled following it)."""
    if isinstance(owner, User):
        enabled = (line_uri is not None) if voice is None else voice
        after = owner.model_copy(update={"line_uri": line_uri, "enterprise_voice_enabled": enabled})
        call.save_user(owner, after, dict(call.values))
        return
    store = call.backend.store
    updated = owner.model_copy(update={"phone_number": line_uri})
    apps = store.voice_apps()
    instances = tuple(updated if a.object_id == owner.object_id else a for a in apps.application_instances)
    store.save_voice_apps(apps.model_copy(update={"application_instances": instances}))
    call.audit(owner.user_principal_name, owner.to_ps(), updated.to_ps(), dict(call.values))


@cmdlet(SET_ASSIGNMENT)
def set_assignment(call: Invocation) -> None:
    """Decided: -EnterpriseVoiceEnabled on a resource account changes nothing (a resource
    account is voice-enabled exactly while it has a number)."""
    backend = call.backend
    owner = resolve_number_owner(backend, call.get("Identity"))
    current = owner.line_uri if isinstance(owner, User) else owner.phone_number
    if call.has("EnterpriseVoiceEnabled"):
        if isinstance(owner, User):
            _save_owner(call, owner, current, call.get("EnterpriseVoiceEnabled"))
        return
    rule_one_of(call.get("NumberType"), "NumberType", NUMBER_TYPES)
    digits = rule_user_number(backend, owner, call.get("TelephoneNumber"))
    _save_owner(call, owner, f"tel:+{digits}", True)


REMOVE_ASSIGNMENT = with_unemulated(
    CommandMetadata(
        name="Remove-CsPhoneNumberAssignment",
        synopsis="Unassigns a user's or resource account's number (it stays in the tenant); EnterpriseVoiceEnabled "
        "becomes false.",
        implementing_type=teams_type("Remove-CsPhoneNumberAssignment"),
        default_parameter_set="RemoveSome",
        parameters=(
            _ASSIGNEE,
            Parameter(
                "TelephoneNumber",
                t.STRING,
                aliases=("PhoneNumber",),
                sets=(InSet("RemoveSome", mandatory=True),),
                help="The number.",
            ),
            Parameter(
                "NumberType",
                t.STRING,
                aliases=("PhoneNumberType",),
                sets=(InSet("RemoveSome", mandatory=True),),
                help="DirectRouting, CallingPlan or OperatorConnect.",
            ),
            Parameter(
                "RemoveAll", t.SWITCH, sets=(InSet("RemoveAll", mandatory=True),), help="Every number of the user."
            ),
            Parameter("Notify", t.SWITCH, help="Emails the user (best effort)."),
        ),
        examples=(
            Example("Remove-CsPhoneNumberAssignment -Identity ken.myer@contoso.com -RemoveAll", "Takes Ken's number."),
        ),
    )
)


@cmdlet(REMOVE_ASSIGNMENT)
def remove_assignment(call: Invocation) -> None:
    backend = call.backend
    owner = resolve_number_owner(backend, call.get("Identity"))
    current = owner.line_uri if isinstance(owner, User) else owner.phone_number
    if call.has("TelephoneNumber"):
        rule_one_of(call.get("NumberType"), "NumberType", NUMBER_TYPES)
        wanted = _digits(call.get("TelephoneNumber"))
        if _digits(current or "") != wanted:
            raise NumberNotFound(f"+{wanted}", target_object=call.get("TelephoneNumber"))
    _save_owner(call, owner, None, False)


GET_TELEPHONE_NUMBER = with_unemulated(
    CommandMetadata(
        name="Get-CsOnlineTelephoneNumber",
        synopsis="Returns the tenant's telephone numbers (deprecated: use Get-CsPhoneNumberAssignment).",
        implementing_type=teams_type("Get-CsOnlineTelephoneNumber"),
        removed="Deprecated in 2022; Get-CsPhoneNumberAssignment replaces it.",
        parameters=(
            Parameter("ActivationState", t.STRING, help="Activated..."),
            Parameter("Assigned", t.STRING, help="caa (conferencing) or user; case-sensitive."),
            DOMAIN_CONTROLLER,
            FORCE,
            Parameter("InventoryType", t.STRING, help="Service (conferencing) or Subscriber; case-sensitive."),
            Parameter("IsNotAssigned", t.SWITCH, help="Only numbers assigned to nothing."),
            Parameter("ResultSize", t.UINT32, help="At most this many (default 500)."),
            Parameter("TelephoneNumber", t.STRING, help="One number, digits only."),
            Parameter("TelephoneNumberStartsWith", t.STRING, help="Up to nine leading digits."),
            TENANT,
        ),
        output_type=OnlineTelephoneNumber,
        examples=(Example("Get-CsOnlineTelephoneNumber -InventoryType Service", "Lists the conferencing numbers."),),
    )
)


def legacy_numbers(backend: Backend) -> list[OnlineTelephoneNumber]:
    tenant_id = backend.tenant.tenant_id
    found = [
        OnlineTelephoneNumber(
            inventory_type="Service",
            id=n.number,
            location=n.city,
            target_type="caa" if n.bridge_id else None,
            tenant_id=tenant_id,
            bridge_number=n.number if n.bridge_id else None,
        )
        for n in backend.store.service_numbers()
    ]
    found += [
        OnlineTelephoneNumber(
            inventory_type="Subscriber",
            id=_digits(u.line_uri or ""),
            target_type="user",
            tenant_id=tenant_id,
            user_id=str(u.object_id),
        )
        for u in backend.store.users()
        if u.line_uri
    ]
    return found


def rule_own_tenant(call: Invocation) -> None:
    """-Tenant, when given, is this tenant's ID: another tenant's numbers are not here."""
    tenant = call.get("Tenant", None)
    if tenant is not None and tenant != call.backend.tenant.tenant_id:
        raise ForeignTenant(str(tenant), target_object=str(tenant))


@cmdlet(GET_TELEPHONE_NUMBER)
def get_telephone_number(call: Invocation) -> None:
    rule_own_tenant(call)
    tests: dict[str, Callable[[OnlineTelephoneNumber, Any], bool]] = {  # case-sensitive, as the reference says
        "Assigned": lambda n, v: n.target_type == v,
        "InventoryType": lambda n, v: n.inventory_type == v,
        "TelephoneNumber": lambda n, v: n.id == _digits(v),
        "TelephoneNumberStartsWith": lambda n, v: n.id.startswith(_digits(v)),
        "IsNotAssigned": lambda n, v: not v or n.target_type is None,
        "ActivationState": lambda n, v: n.activation_state.lower() == v.lower(),
    }
    found = (
        n
        for n in legacy_numbers(call.backend)
        if all(test(n, call.get(name)) for name, test in tests.items() if call.has(name))
    )
    for number in itertools.islice(found, call.get("ResultSize", 500)):
        call.write_output(number)


NUMBER_COMMANDS = (GET_TELEPHONE_NUMBER, GET_ASSIGNMENT, SET_ASSIGNMENT, REMOVE_ASSIGNMENT)
