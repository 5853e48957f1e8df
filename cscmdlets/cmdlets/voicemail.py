"""A user's online voicemail settings (Get-/Set-CsOnlineVoicemailUserSettings) and the emergency
locations (Get-CsOnlineLisLocation, read-only).

Reference pages (Microsoft Learn, https://learn.microsoft.com/powershell/module/microsoftteams/<cmdlet>):
Get-CsOnlineVoicemailUserSettings, Set-CsOnlineVoicemailUserSettings, Get-CsOnlineLisLocation.
What they state and the emulator follows: -Identity is a SIP URI or an object ID (the examples
also use a UPN); Set- changes only what it is given and returns the new settings; CallAnswerRule is
one of DeclineCall, PromptOnly, PromptOnlyWithTransfer, RegularVoicemail and
VoicemailWithTransferOption; PromptLanguage is one of the page's languages; TransferTarget is the
SIP URI of another user of the organization or, for a user enabled for Enterprise Voice, a
telephone number.

Decided where the pages are silent: a user who never changed a setting has voicemail on,
RegularVoicemail and prompts in the user's preferred language; a rule that transfers
(PromptOnlyWithTransfer, VoicemailWithTransferOption) needs a transfer target, given or kept; the
error texts are the emulator's own. The emulated tenant keeps no emergency addresses or
locations, so Get-CsOnlineLisLocation returns none, whatever it is asked (New-/Set-CsOnline-
LisLocation are not emulated: a run stops there).
"""

from __future__ import annotations

from typing import Any

from ..model import User
from ..model.neighbourhood import StoredVoicemailSettings, VoicemailUserSettings
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .backend import Backend, normalize_number
from .base import Invocation, cmdlet
from .common import FORCE, rule_one_of
from .errors import UserNotFound
from .neighbourhood_errors import InvalidTransferTarget, TransferTargetRequired
from .online_user import teams_type

CALL_ANSWER_RULES = (
    "DeclineCall",
    "PromptOnly",
    "PromptOnlyWithTransfer",
    "RegularVoicemail",
    "VoicemailWithTransferOption",
)
_TRANSFERRING = frozenset({"PromptOnlyWithTransfer", "VoicemailWithTransferOption"})
#: The prompt languages the Set-CsOnlineVoicemailUserSettings page lists.
PROMPT_LANGUAGES = (
    "ar-EG",
    "ar-SA",
    "bg-BG",
    "ca-ES",
    "cy-GB",
    "cs-CZ",
    "da-DK",
    "de-AT",
    "de-CH",
    "de-DE",
    "el-GR",
    "en-AU",
    "en-CA",
    "en-GB",
    "en-IE",
    "en-IN",
    "en-PH",
    "en-US",
    "en-ZA",
    "es-ES",
    "es-MX",
    "et-EE",
    "fi-FI",
    "fr-BE",
    "fr-CA",
    "fr-CH",
    "fr-FR",
    "he-IL",
    "hi-IN",
    "hr-HR",
    "hu-HU",
    "id-ID",
    "it-IT",
    "ja-JP",
    "ko-KR",
    "lt-LT",
    "lv-LV",
    "nl-BE",
    "nl-NL",
    "nb-NO",
    "pl-PL",
    "pt-BR",
    "pt-PT",
    "ro-RO",
    "ru-RU",
    "sk-SK",
    "sl-SI",
    "sv-SE",
    "th-TH",
    "tr-TR",
    "vi-VN",
    "zh-CN",
    "zh-TW",
    "zh-HK",
)

_IDENTITY = Parameter(
    "Identity", t.STRING, position=0, mandatory=True, help="The user: SIP URI (sip:ken.myer@contoso.com) or object ID."
)

GET_VOICEMAIL_USER_SETTINGS = CommandMetadata(
    name="Get-CsOnlineVoicemailUserSettings",
    synopsis="Returns a user's online voicemail settings.",
    implementing_type=teams_type("Get-CsOnlineVoicemailUserSettings"),
    output_type=VoicemailUserSettings,
    parameters=(_IDENTITY, FORCE),
    examples=(Example("Get-CsOnlineVoicemailUserSettings -Identity sip:ken.myer@contoso.com", "Ken's settings."),),
)
SET_VOICEMAIL_USER_SETTINGS = CommandMetadata(
    name="Set-CsOnlineVoicemailUserSettings",
    synopsis="Changes a user's online voicemail settings and returns them.",
    implementing_type=teams_type("Set-CsOnlineVoicemailUserSettings"),
    supports_should_process=True,
    output_type=VoicemailUserSettings,
    parameters=(
        _IDENTITY,
        Parameter("CallAnswerRule", t.OBJECT, help=", ".join(CALL_ANSWER_RULES) + "."),
        Parameter("DefaultGreetingPromptOverwrite", t.STRING, help="Played instead of the default greeting."),
        Parameter("DefaultOofGreetingPromptOverwrite", t.STRING, help="Played instead of the default OOF greeting."),
        FORCE,
        Parameter("OofGreetingEnabled", t.BOOLEAN, help="Plays the out-of-office greeting."),
        Parameter(
            "OofGreetingFollowAutomaticRepliesEnabled", t.BOOLEAN, help="... while Outlook's automatic replies are on."
        ),
        Parameter("OofGreetingFollowCalendarEnabled", t.BOOLEAN, help="... while an out-of-office event is on."),
        Parameter("PromptLanguage", t.STRING, help="The prompts' language, e.g. en-US."),
        Parameter("ShareData", t.BOOLEAN, help="Shares voicemail and transcription data to improve the service."),
        Parameter("TransferTarget", t.STRING, help="Another user's SIP URI, or a number for a voice user."),
        Parameter("VoicemailEnabled", t.BOOLEAN, help="Voicemail on or off."),
    ),
    examples=(
        Example(
            "Set-CsOnlineVoicemailUserSettings -Identity ken.myer@contoso.com -CallAnswerRule PromptOnlyWithTransfer "
            "-TransferTarget sip:amos.marble@contoso.com",
            "Ken's callers hear his greeting and can be transferred to Amos.",
        ),
    ),
)


def _user(backend: Backend, identity: str) -> User:
    return backend.resolve_user(identity)


def settings_of(backend: Backend, user: User) -> VoicemailUserSettings:
    """The user's settings: the ones kept, else the defaults."""
    kept = next((s.settings for s in backend.store.voicemail_settings().users if s.user_id == user.object_id), None)
    return kept or VoicemailUserSettings(prompt_language=user.preferred_language)


@cmdlet(GET_VOICEMAIL_USER_SETTINGS)
def get_voicemail_user_settings(call: Invocation) -> None:
    backend = call.backend
    call.write_output(settings_of(backend, _user(backend, call.get("Identity"))))


def rule_transfer_target(backend: Backend, user: User, value: str) -> str:
    """Another user's SIP URI (the tenant's), or a number when the user is enabled for
    Enterprise Voice (the page's -TransferTarget)."""
    text = value.strip()
    if text.lower().startswith("sip:"):
        try:
            target = backend.resolve_user(text)
        except UserNotFound:
            raise InvalidTransferTarget(value, target_object=value) from None
        if target.object_id == user.object_id:
            raise InvalidTransferTarget(value, target_object=value)
        return f"sip:{target.sip_address.removeprefix('sip:')}"
    if not user.enterprise_voice_enabled:
        raise InvalidTransferTarget(value, target_object=value)
    return f"+{normalize_number(text, 'TransferTarget')}"


_SETTINGS = {
    "DefaultGreetingPromptOverwrite": "default_greeting_prompt_overwrite",
    "DefaultOofGreetingPromptOverwrite": "default_oof_greeting_prompt_overwrite",
    "OofGreetingEnabled": "oof_greeting_enabled",
    "OofGreetingFollowAutomaticRepliesEnabled": "oof_greeting_follow_automatic_replies_enabled",
    "OofGreetingFollowCalendarEnabled": "oof_greeting_follow_calendar_enabled",
    "ShareData": "share_data",
    "VoicemailEnabled": "voicemail_enabled",
}


@cmdlet(SET_VOICEMAIL_USER_SETTINGS)
def set_voicemail_user_settings(call: Invocation) -> None:
    backend = call.backend
    user = _user(backend, call.get("Identity"))
    before = settings_of(backend, user)
    updates: dict[str, Any] = {field: call.get(name) for name, field in _SETTINGS.items() if call.has(name)}
    if call.has("CallAnswerRule"):
        updates["call_answer_rule"] = rule_one_of(str(call.get("CallAnswerRule")), "CallAnswerRule", CALL_ANSWER_RULES)
    if call.has("PromptLanguage"):
        updates["prompt_language"] = rule_one_of(call.get("PromptLanguage"), "PromptLanguage", PROMPT_LANGUAGES)
    if call.has("TransferTarget"):
        target = call.get("TransferTarget")
        updates["transfer_target"] = rule_transfer_target(backend, user, target) if target else None
    after = before.model_copy(update=updates)
    if after.call_answer_rule in _TRANSFERRING and not after.transfer_target:
        raise TransferTargetRequired(after.call_answer_rule, target_object=call.get("Identity"))
    if call.should_process(user.user_principal_name):
        store = backend.store
        kept = tuple(s for s in store.voicemail_settings().users if s.user_id != user.object_id)
        entry = StoredVoicemailSettings(user_id=user.object_id, settings=after)
        store.save_voicemail_settings(store.voicemail_settings().model_copy(update={"users": (*kept, entry)}))
        call.audit(user.user_principal_name, before.to_ps(), after.to_ps(), dict(call.values))
        call.write_output(after)  # the new settings (the page); -WhatIf changes nothing and writes nothing


# --- emergency locations ---------------------------------------------------------------------------

_LOCATION_FILTERS = (
    Parameter("AssignmentStatus", t.STRING, help="Assigned or Unassigned."),
    Parameter("City", t.STRING, help="Locations in this city."),
    Parameter("CountryOrRegion", t.STRING, help="Locations in this country (two letters)."),
    Parameter("Description", t.STRING, help="Locations with this description."),
    FORCE,
    Parameter("NumberOfResultsToSkip", t.INT32, help="Skips this many locations."),
    Parameter("PopulateNumberOfTelephoneNumbers", t.SWITCH, help="Counts each location's numbers."),
    Parameter("PopulateNumberOfVoiceUsers", t.SWITCH, help="Counts each location's voice users."),
    Parameter("ResultSize", t.INT64, help="At most this many locations."),
    Parameter("ValidationStatus", t.STRING, help="Validated, Invalid or Notvalidated."),
)

GET_LIS_LOCATION = CommandMetadata(
    name="Get-CsOnlineLisLocation",
    synopsis="Returns the tenant's emergency locations (none in the emulated tenant).",
    implementing_type=teams_type("Get-CsOnlineLisLocation"),
    default_parameter_set="GetByLocationID",
    parameters=(
        Parameter("CivicAddressId", t.GUID, sets=(InSet("UseCivicAddressId", mandatory=True),), help="One address."),
        Parameter("Location", t.STRING, sets=(InSet("UseLocation", mandatory=True),), help="A location's name."),
        Parameter("LocationId", t.GUID, sets=(InSet("UseLocationId"),), help="One location, by its ID."),
        *_LOCATION_FILTERS,
    ),
    examples=(
        Example(
            "Get-CsOnlineLisLocation -City Seattle -ResultSize 25 -ValidationStatus Validated",
            "At most 25 validated locations in Seattle.",
        ),
    ),
)


@cmdlet(GET_LIS_LOCATION)
def get_lis_location(call: Invocation) -> None:
    """Writes nothing: the emulated tenant keeps no emergency locations."""


VOICEMAIL_COMMANDS = (GET_VOICEMAIL_USER_SETTINGS, SET_VOICEMAIL_USER_SETTINGS, GET_LIS_LOCATION)
