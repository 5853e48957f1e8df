"""Our metadata, per module profile, against the syntax blocks of Microsoft's reference pages.

``reference_syntax.json`` holds the syntax of each page (MicrosoftDocs/office-docs-powershell,
the commit recorded with each page): today's MicrosoftTeams pages, and for SkypeOnlineConnector
the last Skype for Business Online pages (the retired cmdlets' last versions; Set-…User's last
version with -ConferenceId). The test fails on any difference not listed in ``DELIBERATE`` with
its reason, and on a listed difference that no longer exists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cscmdlets.cmdlets.profiles import MODULES
from cscmdlets.powershell.metadata import ALL_SETS, CommandMetadata, Parameter

REFERENCE = json.loads((Path(__file__).parent / "reference_syntax.json").read_text(encoding="utf-8"))
PAGES = [
    pytest.param(module, command, id=f"{module}:{command}")
    for module, commands in REFERENCE["modules"].items()
    for command in commands
]

_SET_USER_TODAY = (
    "removed from today's module: release notes 4.8.0 (-SendEmailFrom*), 5.9.0 (-DomainController) and the "
    "maintainers' 'remove unsupported params' revision of the page (PR #11686); the page still lists it"
)
_LOST_DC = "MicrosoftTeams 5.9.0 removed the unused -DomainController (release notes); the page still lists it"
_BODY = "documented in the page's PARAMETERS section though missing from its syntax block"
_ENUM = "an enum in the Skype Online syntax (EntryExitAnnouncementsType); the Teams page writes String"
_IDENTITY_XDS = "XdsIdentity in the page's yaml block and the Skype Online syntax; the Teams syntax writes String"
_OBJECT_LIST = "Object in the page; what it holds is a list of domain names"
_REMOVE_IDENTITY = "the syntax makes it mandatory yet the only example omits it: optional, Global"
_UNREGISTER_SETS = "-Instance (documented in the body) lives in its own set, as Set-…ServiceNumber's does"

#: (module, command) -> {difference: reason}. A difference is what ``differences`` reports.
DELIBERATE: dict[tuple[str, str], dict[str, str]] = {
    ("MicrosoftTeams", "Set-CsOnlineDialInConferencingUser"): {
        "missing -Tenant": _SET_USER_TODAY,
        "missing -TenantDomain": _SET_USER_TODAY,
        "missing -AllowPSTNOnlyMeetings": _SET_USER_TODAY,
        "missing -SendEmailFromAddress": _SET_USER_TODAY,
        "missing -SendEmailFromDisplayName": _SET_USER_TODAY,
        "missing -DomainController": _SET_USER_TODAY,
    },
    ("MicrosoftTeams", "Set-CsOnlineDialInConferencingTenantSettings"): {
        "extra -Tenant": _BODY,
        "extra -Instance": _BODY,
        "extra -Force": _BODY,
        "-EntryExitAnnouncementsType type: String documented, EntryExitAnnouncementsType here": _ENUM,
        "-Identity type: String documented, XdsIdentity here": _IDENTITY_XDS,
        "-AllowedDialOutExternalDomains type: Object documented, String[] here": _OBJECT_LIST,
        "default set: (none) documented, Identity here": "the Skype Online page's Identity/Instance sets",
    },
    ("MicrosoftTeams", "Remove-CsOnlineDialInConferencingTenantSettings"): {
        "-Identity mandatory: True documented, False here": _REMOVE_IDENTITY,
    },
    ("MicrosoftTeams", "Set-CsOnlineDialInConferencingBridge"): {"missing -DomainController": _LOST_DC},
    ("MicrosoftTeams", "Set-CsOnlineDialInConferencingServiceNumber"): {
        "missing -DomainController": _LOST_DC,
        "-SecondaryLanguages type: String documented, String[] here": "the example passes a list: en-us, ja-jp, en-gb",
    },
    ("MicrosoftTeams", "Register-CsOnlineDialInConferencingServiceNumber"): {"missing -DomainController": _LOST_DC},
    ("MicrosoftTeams", "Unregister-CsOnlineDialInConferencingServiceNumber"): {
        "missing -DomainController": _LOST_DC,
        "extra -Instance": _BODY,
        "default set: (none) documented, UniqueNumberParams here": _UNREGISTER_SETS,
    },
    ("SkypeOnlineConnector", "Set-CsOnlineDialInConferencingUser"): {
        "extra -AsJob": "in the 2017 and 2018 pages (and today's); the 2021 page dropped it",
        "-TenantDomain mandatory: True documented, False here": "optional since the 2023-03-15 page",
    },
    ("SkypeOnlineConnector", "Set-CsOnlineDialInConferencingServiceNumber"): {
        "-SecondaryLanguages type: String documented, String[] here": "the example passes a list: en-us, ja-jp, en-gb",
    },
    ("SkypeOnlineConnector", "Remove-CsOnlineDialInConferencingTenantSettings"): {
        "-Identity mandatory: True documented, False here": _REMOVE_IDENTITY,
    },
    ("SkypeOnlineConnector", "Unregister-CsOnlineDialInConferencingServiceNumber"): {
        "extra -Instance": _BODY,
        "default set: (none) documented, UniqueNumberParams here": _UNREGISTER_SETS,
    },
}


#: command -> {difference: reason}, for the neighbours' pages.
_GRANT_WHAT_IF = (
    "the page's syntax omits them, yet the Grant- cmdlets of the modernised generation share one template "
    "(release notes 2.6.2-preview/3.0.0: all Grant-Cs<Name>Policy cmdlets) and its siblings' pages "
    "(Grant-CsTeamsAudioConferencingPolicy, -IPPhonePolicy, -OnlineVoicemailPolicy) list them"
)
_AUTOREST = (
    "the generated REST client's transport parameters (proxy, HTTP pipeline, debugger break): nothing to emulate"
)
_SFB_SERVER = "a Skype for Business Server attribute; Teams users have none of it"
DELIBERATE_NEIGHBOURS: dict[str, dict[str, str]] = {
    "Grant-CsTeamsMeetingPolicy": {
        "-Group mandatory: False documented, True here": (
            "the page's PARAMETERS section says Required: True (GrantToGroup); the syntax block brackets it"
        ),
        "extra -WhatIf": _GRANT_WHAT_IF,
        "extra -Confirm": _GRANT_WHAT_IF,
    },
    **{
        command: {"extra -WhatIf": _GRANT_WHAT_IF, "extra -Confirm": _GRANT_WHAT_IF}
        for command in ("Grant-CsTeamsCallingPolicy", "Grant-CsOnlineVoiceRoutingPolicy", "Grant-CsTenantDialPlan")
    },
    "Get-CsTeamsIPPhonePolicy": {"missing -MsftInternalProcessingMode": "for internal Microsoft use (the page)"},
    "Grant-CsTeamsUpgradePolicy": {
        "extra -WhatIf": _GRANT_WHAT_IF,
        "extra -Confirm": _GRANT_WHAT_IF,
        "missing -MsftInternalProcessingMode": "for internal Microsoft use (the page)",
    },
    "Get-CsUserPolicyAssignment": {
        **{
            f"missing -{name}": _AUTOREST
            for name in (
                "Break",
                "HttpPipelineAppend",
                "HttpPipelinePrepend",
                "Proxy",
                "ProxyCredential",
                "ProxyUseDefaultCredentials",
            )
        },
        "missing -InputObject": "the identity-object set (GetViaIdentity) of the REST client; -Identity names the user",
    },
    "Set-CsUser": {
        f"missing -{name}": _SFB_SERVER
        for name in (
            "AcpInfo",
            "AudioVideoDisabled",
            "Enabled",
            "ExchangeArchivingPolicy",
            "LineServerURI",
            "PrivateLine",
            "RemoteCallControlTelephonyEnabled",
            "SipAddress",
        )
    },
}


def _type_name(parameter: Parameter) -> str:
    generic = parameter.type.dotnet_name.split("`", 1)[0]  # Unlimited`1[System.UInt32] is written Unlimited
    return "SwitchParameter" if parameter.is_switch else generic.rsplit(".", 1)[-1]


#: C# keyword spellings some pages use for the .NET type names.
_KEYWORD_TYPES = {"string": "String", "int": "Int32", "bool": "Boolean", "object": "Object"}


def _doc_type(written: str) -> str:
    name = written.removeprefix("System.").rsplit(".", 1)[-1]
    return _KEYWORD_TYPES.get(name, name)


def _documented(page: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per parameter: its type, and whether it is mandatory / positional in some set."""
    found: dict[str, dict[str, Any]] = {}
    for parameters in page["sets"].values():
        for p in parameters:
            entry = found.setdefault(p["name"], {"type": _doc_type(p["type"]), "mandatory": False, "positional": False})
            entry["mandatory"] |= p["mandatory"]
            entry["positional"] |= p["positional"]
    return found


def _ours(metadata: CommandMetadata) -> dict[str, dict[str, Any]]:
    found = {}
    for p in metadata.parameters:
        sets = p.sets or ()
        found[p.name] = {
            "type": _type_name(p),
            "mandatory": p.mandatory or any(s.mandatory for s in sets),
            "positional": p.position is not None or any(s.position is not None for s in sets),
        }
    if metadata.supports_should_process:
        for name in ("WhatIf", "Confirm"):
            found[name] = {"type": "SwitchParameter", "mandatory": False, "positional": False}
    return found


def differences(module: str, command: str, *, pages: str = "modules") -> set[str]:
    page = REFERENCE[pages][module][command]
    metadata = MODULES[module.lower()].find_command(command)
    documented, ours = _documented(page), _ours(metadata)
    found = {f"missing -{name}" for name in documented.keys() - ours.keys()}
    found |= {f"extra -{name}" for name in ours.keys() - documented.keys()}
    for name in documented.keys() & ours.keys():
        for aspect in ("type", "mandatory", "positional"):
            if documented[name][aspect] != ours[name][aspect]:
                found.add(f"-{name} {aspect}: {documented[name][aspect]} documented, {ours[name][aspect]} here")
    our_default = None if metadata.default_parameter_set == ALL_SETS else metadata.default_parameter_set
    if len(metadata.parameter_sets) == 1 and not page["default_set"]:
        our_default = None  # one set: nothing to choose between
    if page["default_set"] != our_default:
        found.add(f"default set: {page['default_set'] or '(none)'} documented, {our_default or '(none)'} here")
    return found


@pytest.mark.parametrize(("module", "command"), PAGES)
def test_metadata_matches_the_reference_page(module: str, command: str) -> None:
    deliberate = DELIBERATE.get((module, command), {})
    assert differences(module, command) == set(deliberate), "an undocumented difference, or a stale reason"
    assert all(deliberate.values()), "every deliberate difference says why"


def test_every_command_of_each_profile_has_its_page() -> None:
    for name, module in {m.name: m for m in MODULES.values()}.items():
        assert {c.name for c in module.commands if not c.provided_by} == set(REFERENCE["modules"][name]), name


def test_pages_name_their_commit() -> None:
    for commands in REFERENCE["modules"].values():
        for page in commands.values():
            assert len(page["commit"]) == 40 and page["path"].endswith(".md")


#: The neighbouring cmdlets' pages (the Teams policy families, Get-CsUserPolicyAssignment,
#: Set-CsUser), checked against today's module.
NEIGHBOUR_PAGES = [
    pytest.param(module, command, id=f"{module}:{command}")
    for module, commands in REFERENCE["neighbours"].items()
    if module != "about"
    for command in commands
]


@pytest.mark.parametrize(("module", "command"), NEIGHBOUR_PAGES)
def test_neighbour_metadata_matches_the_reference_page(module: str, command: str) -> None:
    deliberate = DELIBERATE_NEIGHBOURS.get(command, {})
    assert differences(module, command, pages="neighbours") == set(deliberate), "an undocumented difference"
    assert all(deliberate.values()), "every deliberate difference says why"
