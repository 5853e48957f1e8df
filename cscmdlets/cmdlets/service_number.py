"""Get-/Set-/Register-/Unregister-CsOnlineDialInConferencingServiceNumber and
Get-CsOnlineDialInConferencingLanguagesSupported (their reference pages on learn.microsoft.com)."""

from __future__ import annotations

from ..model import Bridge, ChangeKind, ConferencingLanguage, NumberType, ServiceNumber
from ..model.tenant import NUMBER_TYPE
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import normalize_number
from .base import Invocation, cmdlet
from .common import DOMAIN_CONTROLLER, FORCE, TENANT, TENANT_DOMAIN, implementing_type, in_sets, rule_result_size
from .errors import (
    DefaultServiceNumberInUse,
    DuplicateLanguage,
    ServiceNumberAlreadyRegistered,
    TooManySecondaryLanguages,
    UnsupportedLanguage,
)

#: The 24 PSTN conferencing languages (the Set-…ServiceNumber page), by culture ID.
SUPPORTED_LANGUAGES: dict[str, str] = {
    "ar-SA": "Arabic",
    "zh-CN": "Chinese (Simplified)",
    "zh-TW": "Chinese (Traditional)",
    "da-DK": "Danish",
    "nl-NL": "Dutch",
    "en-AU": "English (Australia)",
    "en-GB": "English (United Kingdom)",
    "en-US": "English (United States)",
    "fi-FI": "Finnish",
    "fr-CA": "French (Canada)",
    "fr-FR": "French (France)",
    "de-DE": "German",
    "he-IL": "Hebrew",
    "it-IT": "Italian",
    "ja-JP": "Japanese",
    "ko-KR": "Korean",
    "nb-NO": "Norwegian (Bokmal)",
    "pt-BR": "Portuguese",
    "ru-RU": "Russian",
    "es-MX": "Spanish (Mexico)",
    "es-ES": "Spanish (Spain)",
    "sv-SE": "Swedish",
    "tr-TR": "Turkish",
    "uk-UA": "Ukrainian",
}
_INSTANCE = t.instance_type("Microsoft.Rtc.Management.Hosted.Bridge.ConferencingServiceNumber", (NUMBER_TYPE,))

GET_NUMBER = CommandMetadata(
    name="Get-CsOnlineDialInConferencingServiceNumber",
    synopsis="Returns the dial-in service numbers of the tenant's bridges.",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingServiceNumber"),
    default_parameter_set="FiltersParams",
    output_type=ServiceNumber,
    parameters=(
        Parameter(
            "Identity",
            t.STRING,
            sets=(InSet("UniqueNumberParams", mandatory=True, position=0),),
            help="One service number.",
        ),
        Parameter(
            "BridgeId", t.GUID, sets=(InSet("UniqueBridgeParams", mandatory=True),), help="All numbers of this bridge."
        ),
        Parameter(
            "BridgeName",
            t.STRING,
            sets=(InSet("FiltersParams"), InSet("TenantIdParams"), InSet("TenantDomainParams")),
            help="All numbers of this bridge.",
        ),
        Parameter(
            "City",
            t.STRING,
            sets=(
                InSet("FiltersParams"),
                InSet("UniqueBridgeParams"),
                InSet("TenantIdParams"),
                InSet("TenantDomainParams"),
            ),
            help="Only numbers of this city.",
        ),
        Parameter(
            "ResultSize",
            t.INT32,
            sets=(
                InSet("FiltersParams"),
                InSet("UniqueBridgeParams"),
                InSet("TenantIdParams"),
                InSet("TenantDomainParams"),
            ),
            help="At most this many numbers.",
        ),
        in_sets(TENANT, "UniqueNumberParams", InSet("TenantIdParams", mandatory=True)),
        in_sets(TENANT_DOMAIN, InSet("TenantDomainParams", mandatory=True)),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example("Get-CsOnlineDialInConferencingServiceNumber | fl", "Lists the organisation's service numbers."),
    ),
)

SET_NUMBER = CommandMetadata(
    name="Set-CsOnlineDialInConferencingServiceNumber",
    synopsis="Sets the primary and secondary prompt languages of a service number, or restores its defaults.",
    implementing_type=implementing_type("Set-CsOnlineDialInConferencingServiceNumber"),
    default_parameter_set="UniqueNumberParams",
    supports_should_process=True,
    parameters=(
        Parameter(
            "Identity",
            t.STRING,
            sets=(InSet("UniqueNumberParams", mandatory=True, position=0),),
            help="The service number (E.164, +E.164 or tel:).",
        ),
        Parameter(
            "Instance",
            _INSTANCE,
            sets=(InSet("InstanceParams", mandatory=True, position=0),),
            help="A service number object.",
        ),
        TENANT,
        Parameter("PrimaryLanguage", t.STRING, help="The prompts' language, e.g. de-DE."),
        Parameter(
            "SecondaryLanguages", t.STRING_ARRAY, help="Up to 4 alternative languages, in the order offered to callers."
        ),
        Parameter("RestoreDefaultLanguages", t.SWITCH, help="Restores the number's default languages."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            "Set-CsOnlineDialInConferencingServiceNumber -Identity +14255550100 -PrimaryLanguage de-de "
            "-SecondaryLanguages en-us, ja-jp, en-gb",
            "German prompts first; US English, Japanese and UK English offered as alternatives.",
        ),
    ),
)

#: The reference names no default set for Register-: with neither -Identity nor -Instance the set
#: cannot be resolved (AmbiguousParameterSet), as PowerShell binds a command without a default.
REGISTER_NUMBER = CommandMetadata(
    name="Register-CsOnlineDialInConferencingServiceNumber",
    synopsis="Assigns a service number the tenant has acquired to a conferencing bridge.",
    implementing_type=implementing_type("Register-CsOnlineDialInConferencingServiceNumber"),
    parameters=(
        Parameter(
            "Identity",
            t.STRING,
            sets=(InSet("UniqueNumberParams", mandatory=True, position=0),),
            help="The number to register.",
        ),
        Parameter(
            "Instance",
            _INSTANCE,
            sets=(InSet("InstanceParams", mandatory=True, position=0),),
            help="A service number object.",
        ),
        Parameter("BridgeId", t.GUID, help="The bridge (default: the tenant's default bridge)."),
        Parameter("BridgeName", t.STRING, help="The bridge, by name."),
        TENANT,
        TENANT_DOMAIN,
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            'Register-CsOnlineDialInConferencingServiceNumber -Identity +12065550101 -BridgeName "Conference Bridge"',
            "Adds a number to the bridge.",
        ),
    ),
)

UNREGISTER_NUMBER = CommandMetadata(
    name="Unregister-CsOnlineDialInConferencingServiceNumber",
    synopsis="Unassigns a service number from its conferencing bridge.",
    implementing_type=implementing_type("Unregister-CsOnlineDialInConferencingServiceNumber"),
    default_parameter_set="UniqueNumberParams",
    parameters=(
        Parameter(
            "Identity",
            t.STRING,
            sets=(InSet("UniqueNumberParams", mandatory=True, position=0),),
            help="The number to unassign.",
        ),
        # Documented in the page's parameter list (Position 1), though not in its syntax block.
        Parameter(
            "Instance",
            _INSTANCE,
            sets=(InSet("InstanceParams", mandatory=True, position=0),),
            help="A service number object (from Get-…ServiceNumber).",
        ),
        Parameter("BridgeId", t.GUID, help="The bridge it is on."),
        Parameter("BridgeName", t.STRING, help="The bridge it is on, by name."),
        TENANT,
        TENANT_DOMAIN,
        Parameter("RemoveDefaultServiceNumber", t.SWITCH, help="Allows unassigning the bridge's default number."),
        DOMAIN_CONTROLLER,
        FORCE,
    ),
    examples=(
        Example(
            'Unregister-CsOnlineDialInConferencingServiceNumber -Identity 12065550100 -BridgeName "Conference Bridge"',
            "Unassigns the number from the bridge.",
        ),
    ),
)

GET_LANGUAGES = CommandMetadata(
    name="Get-CsOnlineDialInConferencingLanguagesSupported",
    synopsis="Lists the languages supported for dial-in prompts.",
    implementing_type=implementing_type("Get-CsOnlineDialInConferencingLanguagesSupported"),
    output_type=ConferencingLanguage,
    parameters=(DOMAIN_CONTROLLER, FORCE),
    examples=(Example("Get-CsOnlineDialInConferencingLanguagesSupported | fl", "Lists the supported languages."),),
)


@cmdlet(GET_NUMBER)
def get_numbers(call: Invocation) -> None:
    backend = call.backend
    if call.has("Identity"):
        numbers = [backend.service_number(call.get("Identity"))]
    else:
        numbers = backend.store.service_numbers()
    bridge = _named_bridge(call)
    city = call.get("City", None)
    selected = [
        n
        for n in numbers
        if (bridge is None or n.bridge_id == bridge.identity)
        and (city is None or (n.city or "").lower() == city.lower())
    ]
    limit = rule_result_size(call)
    for number in selected[:limit]:
        call.write_output(number)


def _named_bridge(call: Invocation) -> Bridge | None:
    if call.has("BridgeId"):
        return call.backend.bridge_by_id(call.get("BridgeId"))
    if call.get("BridgeName", None) is not None:  # $null names no bridge
        return call.backend.bridge_by_name(call.get("BridgeName"))
    return None


def rule_supported_language(language: str | None) -> str:
    """A language must be one of the 24 PSTN conferencing languages (the Set-…ServiceNumber page), by culture ID."""
    if language is None:
        raise UnsupportedLanguage("$null")
    for culture in SUPPORTED_LANGUAGES:
        if culture.lower() == language.lower():
            return culture
    raise UnsupportedLanguage(language, target_object=language)


@cmdlet(SET_NUMBER)
def set_number(call: Invocation) -> None:
    before = call.backend.service_number(_number_value(call))
    after = _languages_update(call, before)
    if call.should_process(before.number):
        call.backend.store.save_service_number(after)
        call.audit(before.number, before.to_ps(), after.to_ps(), _parameters(call))


def _languages_update(call: Invocation, number: ServiceNumber) -> ServiceNumber:
    if call.switch("RestoreDefaultLanguages"):
        number = number.model_copy(
            update={
                "primary_language": number.default_primary_language,
                "secondary_languages": number.default_secondary_languages,
            }
        )
    if call.has("PrimaryLanguage"):
        number = number.model_copy(update={"primary_language": rule_supported_language(call.get("PrimaryLanguage"))})
    if call.has("SecondaryLanguages"):
        given = call.get("SecondaryLanguages") or ()  # $null clears them
        languages = tuple(rule_supported_language(language) for language in given)
        if len(languages) > 4:
            raise TooManySecondaryLanguages(len(languages))
        number = number.model_copy(update={"secondary_languages": languages})
    rule_distinct_languages(number)
    return number


def rule_distinct_languages(number: ServiceNumber) -> None:
    """Each language is offered once: no secondary twice, and not the primary as a secondary
    (the reference: one primary plus up to 4 alternatives, in the order offered)."""
    seen = {number.primary_language} if number.primary_language else set()
    for language in number.secondary_languages:
        if language in seen:
            raise DuplicateLanguage(language, target_object=language)
        seen.add(language)


def _number_value(call: Invocation) -> str:
    """The number an -Identity or an -Instance names."""
    return str(call.get("Instance").number) if call.has("Instance") else str(call.get("Identity"))


def _parameters(call: Invocation) -> dict[str, object]:
    return {k: v for k, v in call.command.values.items() if k != "Instance"}


@cmdlet(REGISTER_NUMBER)
def register_number(call: Invocation) -> None:
    backend = call.backend
    value = _number_value(call)
    digits = normalize_number(value, "Identity")
    bridge = _named_bridge(call) or backend.default_bridge()
    existing = next((n for n in backend.store.service_numbers() if n.number == digits), None)
    if existing is not None and existing.bridge_id is not None:
        raise ServiceNumberAlreadyRegistered(value, _bridge_name(call, existing), target_object=value)
    number = (existing or _acquired_number(digits)).model_copy(update={"bridge_id": bridge and bridge.identity})
    backend.store.save_service_number(number)
    call.audit(number.number, existing and existing.to_ps(), number.to_ps(), _parameters(call))


def _bridge_name(call: Invocation, number: ServiceNumber) -> str:
    bridge = call.backend.bridge(number.bridge_id)
    return bridge.name if bridge else str(number.bridge_id)


def _acquired_number(digits: str) -> ServiceNumber:
    """A number the tenant acquired: its type from phonenumbers, no city known."""
    import phonenumbers

    parsed = phonenumbers.parse("+" + digits)
    toll_free = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.TOLL_FREE
    return ServiceNumber(number=digits, number_type=NumberType.TOLL_FREE if toll_free else NumberType.TOLL)


@cmdlet(UNREGISTER_NUMBER)
def unregister_number(call: Invocation) -> None:
    backend = call.backend
    number = backend.service_number(_number_value(call))
    bridge = _named_bridge(call) or backend.bridge(number.bridge_id)
    if bridge is None or number.bridge_id != bridge.identity:
        return  # not on that bridge: nothing to unassign
    if bridge.default_service_number == number.number:
        if not call.switch("RemoveDefaultServiceNumber"):
            raise DefaultServiceNumberInUse(number.number, bridge.name, target_object=number.number)
        backend.store.save_bridge(bridge.model_copy(update={"default_service_number": None}))
    _release_users_of(call, number)
    backend.store.save_service_number(number.model_copy(update={"bridge_id": None}))
    call.audit(number.number, number.to_ps(), None, _parameters(call))


def _release_users_of(call: Invocation, number: ServiceNumber) -> None:
    """Users whose own default was this number go back to the bridge's default."""
    field_name = "toll_free_service_number" if number.is_toll_free else "service_number"
    for user in list(call.backend.store.users()):
        if getattr(user, field_name) == number.number:
            after = user.model_copy(update={field_name: None})
            call.save_user(user, after, _parameters(call))
            call.record_change(after, [ChangeKind.DEFAULT_NUMBER_CHANGED])


@cmdlet(GET_LANGUAGES)
def get_languages(call: Invocation) -> None:
    for culture, name in SUPPORTED_LANGUAGES.items():
        call.write_output(ConferencingLanguage(id=culture, name=name))
