"""Parameters and rules several nouns share (Tenant, DomainController, Force, the From pair)."""

from __future__ import annotations

from dataclasses import replace

from ..model.addresses import header_text_problem, normalized_address
from ..powershell import types as t
from ..powershell.errors import ValidationFailed
from ..powershell.metadata import CommandMetadata, InSet, Parameter
from .base import Invocation, given
from .errors import InvalidEmailAddress, InvalidHeaderValue, InvalidSettingValue, TenantNotFound

IMPLEMENTING_NAMESPACE = "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing"  # inferred


def implementing_type(command_name: str) -> str:
    """``Set-CsOnlineDialInConferencingUser`` → ``…SetCsOnlineDialInConferencingUserCmdlet`` (inferred)."""
    return f"{IMPLEMENTING_NAMESPACE}.{command_name.replace('-', '')}Cmdlet"


TENANT = Parameter("Tenant", t.GUID, help="Reserved for internal Microsoft use.")
TENANT_DOMAIN = Parameter("TenantDomain", t.STRING, help="Reserved for internal Microsoft use.")
DOMAIN_CONTROLLER = Parameter(
    "DomainController",
    t.FQDN,
    aliases=("DC",),
    help="Reserved for internal use: an FQDN (atl-cs-001.Contoso.com) or a computer name (atl-cs-001).",
)
FORCE = Parameter("Force", t.SWITCH, help="Suppresses warning and confirmation messages.")


def refuse_other_tenants(call: Invocation) -> None:
    """-Tenant/-TenantDomain are "reserved for internal Microsoft use" (the reference pages): they
    address a tenant, and the only tenant an admin session sees is its own. Any other tenant is not
    found, rather than silently answered with this tenant's data."""
    values = call.values  # read directly: this runs before every command
    given_id = values.get("Tenant")
    if given_id is not None and given_id != call.backend.tenant.tenant_id:
        raise TenantNotFound(str(given_id), target_object=str(given_id))
    domain = values.get("TenantDomain")
    if domain is not None and domain.strip().lower() not in {d.lower() for d in call.backend.tenant.domains}:
        raise TenantNotFound(domain, target_object=domain)


def in_sets(parameter: Parameter, *sets: str | InSet) -> Parameter:
    """``parameter`` limited to the named parameter sets."""
    return replace(parameter, sets=tuple(s if isinstance(s, InSet) else InSet(s) for s in sets))


def rule_valid_address(call: Invocation, parameter: str) -> str | None:
    """Every address passes email-validator (syntax only) before anything changes."""
    value = call.get(parameter)
    if not given(value) or value is None:
        return None
    if header_text_problem(value):
        raise InvalidHeaderValue(parameter, target_object=value)
    normalized = normalized_address(value)
    if normalized is None:
        raise InvalidEmailAddress(value, parameter, target_object=value)
    return normalized


def rule_header_text(call: Invocation, parameter: str, *, display_name: bool = False) -> None:
    """A value that goes into an email header must not be able to break out of it."""
    value = call.get(parameter)
    if given(value) and value is not None and header_text_problem(value, display_name=display_name):
        raise InvalidHeaderValue(parameter, target_object=value)


def rule_result_size(call: Invocation) -> int | None:
    """ResultSize is 0..2147483647; 0 runs and returns nothing (Get-CsOnlineDialInConferencingUser and
    -ServiceNumber references)."""
    size: int | None = call.get("ResultSize", None)
    if size is not None and size < 0:
        raise ValidationFailed(  # inferred: the text of PowerShell's ValidateRange
            "ResultSize",
            f"The {size} argument is less than the minimum allowed range of 0. Supply an "
            "argument that is greater than or equal to 0 and then try the command again.",
        )
    return size


def rule_one_of(value: str, parameter: str, allowed: tuple[str, ...]) -> str:
    """A string parameter whose allowed values are documented only in prose."""
    for candidate in allowed:
        if candidate.lower() == value.lower():
            return candidate
    raise InvalidSettingValue(value, parameter, ", ".join(allowed), target_object=value)


def with_unemulated(metadata: CommandMetadata) -> CommandMetadata:
    """``metadata`` with the real parameters its reference page lists and it does not model
    (``unemulated_parameters``): naming one stops a run instead of NamedParameterNotFound."""
    from .unemulated_parameters import UNEMULATED_PARAMETERS

    real = UNEMULATED_PARAMETERS.get(metadata.name, ())
    missing = tuple(name for name in real if name.lower() not in metadata.by_name)
    return replace(metadata, unemulated_parameters=missing) if missing else metadata
