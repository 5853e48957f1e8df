"""Module profiles: which PowerShell module generation a tenant (or a script) is talking to.

A real admin script was written for one generation of the cmdlets:

- ``SkypeOnlineConnector`` -- the Skype for Business Online era (2017 to 2021, Windows
  PowerShell 5.1, ``Import-Module SkypeOnlineConnector`` + ``New-CsOnlineSession``): the full
  legacy Set-CsOnlineDialInConferencingUser with -ConferenceId, Enable-/Disable-…User,
  Get-…UserInfo/…UserState, Set-…UserDefaultNumber, and the licence cmdlets of the MSOnline and
  AzureAD modules that scripts of that era imported beside it.
- ``MicrosoftTeams`` -- today's module (PowerShell 7, ``Connect-MicrosoftTeams``): the retired
  cmdlets are gone and Set-CsOnlineDialInConferencingUser has its reduced surface.

The AzureAD module (Connect-AzureAD, Get-AzureADUser, Get-AzureADSubscribedSku,
Set-AzureADUserLicense) belongs to the connector's generation only. Microsoft deprecated AzureAD,
AzureADPreview and MSOnline on March 30, 2024, with security fixes only until March 30, 2025
("Azure AD PowerShell and MSOnline PowerShell migration FAQ",
https://learn.microsoft.com/en-us/powershell/azure/active-directory/migration-faq, and "Important:
Azure AD Graph Retirement and PowerShell Module Deprecation",
https://techcommunity.microsoft.com/blog/microsoft-entra-blog/important-azure-ad-graph-retirement-and-powershell-module-deprecation/3848270);
scripts for today's module assign licences with Microsoft Graph PowerShell instead. So under
MicrosoftTeams these commands are not found, and under SkypeOnlineConnector they work, as
``Import-Module AzureAD`` beside ``New-CsOnlineSession`` did.

A profile is data: for each module, the commands it has and, per command, the parameters it has
(``only``) or lacks (``without``). Under a profile a missing command fails as
``CommandNotFoundException`` in that module's PowerShell wording, and a missing parameter as
``NamedParameterNotFound`` -- exactly as the real module would, because the binder only ever
sees the profile's own metadata. Commands no profile lists (the emulator's own directory
operations) work under every profile. To put a new cmdlet in a module, list it in that
module's ``commands`` below.

Sources, MicrosoftDocs/office-docs-powershell and MicrosoftDocs/OfficeDocs-SkypeForBusiness:
- the retired pages: ``skype/skype-ps/skype/Enable-/Disable-CsOnlineDialInConferencingUser.md``
  (82f225fd611ae5e427dde828c5164120f4d12a10), ``…UserInfo.md``/``…UserState.md``
  (81d8d8550d3139a5fb23aafd3653eeca4e32a55d): "deprecated on December 31, 2021";
- ``Teams/teams-powershell-release-notes.md`` (010f1e4193565ec087ea13be80c0fdd370ea3f9b):
  4.6.0 removed the deprecated cmdlets; 4.8.0 removed -SendEmailFromAddress and
  -SendEmailFromDisplayName from Set-CsOnlineDialInConferencingUser; 5.9.0 removed the unused
  -DomainController from Set-…User, Set-…Bridge and Set/Register/Unregister-…ServiceNumber;
  6.4.1-preview deprecated Set-CsOnlineDialInConferencingUserDefaultNumber;
- ``Teams/teams-powershell-move-from-sfbo.md``: New-CsOnlineSession + Import-PSSession became
  Connect-MicrosoftTeams.

Set-CsOnlineDialInConferencingUser under MicrosoftTeams keeps Identity, BridgeId, BridgeName,
ServiceNumber, TollFreeServiceNumber, SendEmail, SendEmailToAddress, ResetLeaderPin,
AllowTollFreeDialIn, Force and AsJob. Its current reference page
(teams/teams-ps/MicrosoftTeams/Set-CsOnlineDialInConferencingUser.md at
93336da2bca96c31c0fc8acc52658a30ef8a6c94) still lists -Tenant, -TenantDomain,
-AllowPSTNOnlyMeetings, -SendEmailFrom* and -DomainController; the release notes above say the
last three were removed, and the maintainers' "remove unsupported params" revision of the page
(office-docs-powershell PR #11686) drops the others too. The reduced surface is the module as
it runs; ``tests/cmdlets/reference_syntax.json`` records each difference from the page.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..model import ModuleInfo
from ..powershell.binder import BoundCommand
from ..powershell.errors import CommandNotFound, NamedParameterNotFound
from ..powershell.metadata import CommandMetadata
from ..powershell.types import UNLIMITED_UINT32, ParamType

__all__ = [
    "AZUREAD_COMMANDS",
    "DEFAULT_MODULE",
    "MICROSOFT_TEAMS",
    "MODULES",
    "MSONLINE_COMMANDS",
    "RETIRED_COMMANDS",
    "SET_USER_TODAY",
    "SKYPE_ONLINE_CONNECTOR",
    "CommandNotFoundDesktop",
    "ModuleCommand",
    "ModuleProfile",
    "apply_requires",
    "default_module",
    "listed_anywhere",
    "load_module",
    "module_named_in",
    "module_of",
    "modules_named",
    "resolve_in_module",
]


class CommandNotFoundDesktop(CommandNotFound):
    """Windows PowerShell 5.1's wording, the host of the Skype Online connector."""

    template = (
        "The term '{0}' is not recognized as the name of a cmdlet, function, script file, or operable "
        "program. Check the spelling of the name, or if a path was included, verify that the path is "
        "correct and try again."
    )


@dataclass(frozen=True)
class ModuleCommand:
    """A command of a module: all its parameters, ``only`` these, or all ``without`` these.
    ``provided_by`` names another module of the same generation that brings it (MSOnline)."""

    name: str
    only: tuple[str, ...] | None = None
    without: tuple[str, ...] = ()
    provided_by: str = ""
    #: Parameters the command still takes but whose setting a policy now owns.
    policy_managed: frozenset[str] = frozenset()
    #: Parameters this module declares with another type than today's metadata does.
    retyped: tuple[tuple[str, ParamType], ...] = ()

    def keeps(self, parameter: str) -> bool:
        if self.only is not None:
            return parameter in self.only
        return parameter not in self.without

    def keeps_all(self, parameters: Iterable[str]) -> bool:
        """Whether it keeps every one of ``parameters`` (one set operation: it runs per call)."""
        if self.only is not None:
            return self._only.issuperset(parameters)
        return not self.without or self._without.isdisjoint(parameters)

    @cached_property
    def _only(self) -> frozenset[str]:
        return frozenset(self.only or ())

    @cached_property
    def _without(self) -> frozenset[str]:
        return frozenset(self.without)


@dataclass(frozen=True)
class ModuleProfile:
    """One module generation: its name and version, its host's wording, and its commands."""

    name: str
    version: str
    description: str
    commands: tuple[ModuleCommand, ...]
    not_found: type[CommandNotFound] = CommandNotFound
    #: Other names that load this profile (``Import-Module LyncOnlineConnector``).
    aliases: tuple[str, ...] = ()
    #: Commands no module lists (they work under every profile) that this one declares otherwise.
    neighbours: tuple[ModuleCommand, ...] = ()
    _metadata: dict[str, CommandMetadata] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _by_name(self) -> dict[str, ModuleCommand]:
        return {command.name.lower(): command for command in self.commands}

    @cached_property
    def _seen(self) -> dict[str, ModuleCommand | None]:
        """The entry of each command name looked up so far, by the name as given: every call
        looks its command up, and the names are the metadata's own few."""
        return {}

    def _entry(self, name: str) -> ModuleCommand | None:
        seen = self._seen
        if name not in seen:
            seen[name] = self._by_name.get(name.lower())
        return seen[name]

    def has_command(self, name: str) -> bool:
        return name.lower() in self._by_name

    def brings(self, module: str) -> bool:
        """Whether scripts of this generation can import ``module`` (MSOnline beside the connector)."""
        return any(command.provided_by.lower() == module.lower() for command in self.commands if command.provided_by)

    def policy_managed(self, command: str) -> frozenset[str]:
        entry = self._entry(command)
        return entry.policy_managed if entry is not None else frozenset()

    def has_parameter(self, command: str, parameter: str) -> bool:
        entry = self._by_name.get(command.lower())
        return entry is not None and entry.keeps(parameter)

    @cached_property
    def _neighbours(self) -> dict[str, ModuleCommand]:
        return {command.name.lower(): command for command in self.neighbours}

    def metadata(self, full: CommandMetadata) -> CommandMetadata:
        """``full`` as this module declares it: the parameters it lacks are not there at all."""
        return self._declared(full, self._by_name[full.name.lower()])

    def _declared(self, full: CommandMetadata, entry: ModuleCommand) -> CommandMetadata:
        cached = self._metadata.get(full.name)
        if cached is None:
            types = dict(entry.retyped)
            kept = tuple(
                dataclasses.replace(p, type=types[p.name]) if p.name in types else p
                for p in full.parameters
                if entry.keeps(p.name)
            )
            cached = full if kept == full.parameters else dataclasses.replace(full, parameters=kept)
            self._metadata[full.name] = cached
        return cached

    @cached_property
    def _found(self) -> dict[str, CommandMetadata]:
        """Each command found so far, by the name as given: scripts and ``invoke`` look the same
        few names up again and again."""
        return {}

    def find_command(self, name: str) -> CommandMetadata:
        """The command ``name`` as this module has it, as PowerShell's command discovery.

        Raises:
            CommandNotFound: in this module's host wording, with the closest command as the hint.
        """
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self._discover(name)
        return found

    def _discover(self, name: str) -> CommandMetadata:
        from . import find_command

        if self.has_command(name):
            return self.metadata(find_command(name))
        if listed_anywhere(name):
            raise self._not_found(name)
        try:
            full = find_command(name)  # a command no module lists (the neighbourhood, the emulator's own)
        except CommandNotFound:
            raise self._not_found(name) from None
        return self._as_neighbour(full)

    def _as_neighbour(self, full: CommandMetadata) -> CommandMetadata:
        """A command no module lists, as this module declares it (most: as it is)."""
        neighbour = self._neighbours.get(full.name.lower())
        return full if neighbour is None else self._declared(full, neighbour)

    def _not_found(self, name: str) -> CommandNotFound:
        """A command of another module is not a typo: the hint names the migration instead."""
        if listed_anywhere(name):
            hint = f"It is not in the {self.name} module: cscmdlets check --target {self.name} migrates it."
        else:
            close = difflib.get_close_matches(name.lower(), self._by_name, n=1, cutoff=0.8)
            hint = f"Did you mean '{self._by_name[close[0]].name}'?" if close else ""
        return self.not_found(name, target_object=name, command_name=name, recommended_action=hint)

    def advertised(self, commands: Iterable[CommandMetadata]) -> list[CommandMetadata]:
        """What ``Get-Command`` lists under this module, of ``commands``: its own commands as it
        declares them and the commands no module lists; never another module's."""
        return [
            self.metadata(command) if self.has_command(command.name) else self._as_neighbour(command)
            for command in commands
            if self.has_command(command.name) or not listed_anywhere(command.name)
        ]

    def check(self, command: BoundCommand) -> None:
        """Refuse a command bound elsewhere (a Python call) that this module could not have bound.

        Raises:
            CommandNotFound: the module has no such command.
            NamedParameterNotFound: a bound parameter the module's command does not have.
        """
        name = command.metadata.name
        entry = self._entry(name)
        if entry is None:
            if listed_anywhere(name):
                raise self._not_found(name)
            return
        if entry.keeps_all(command.values):
            return
        for parameter in command.values:
            if not entry.keeps(parameter):
                error = NamedParameterNotFound(parameter)
                raise error.for_command(name, command.metadata.implementing_type)

    def admitted(self, command: BoundCommand) -> frozenset[str]:
        """``check(command)``, then the parameters of it a policy manages (``policy_managed``):
        both in one look-up of the command, as the engine asks them of every command."""
        entry = self._seen.get(command.metadata.name)
        if entry is None or not entry.keeps_all(command.values):
            self.check(command)  # raises, or the entry is not known yet
            entry = self._entry(command.metadata.name)
        return entry.policy_managed if entry is not None else frozenset()

    def info(self) -> ModuleInfo:
        """What ``Get-Module`` shows for this module."""
        return ModuleInfo(
            module_type="Script" if self.name == "MicrosoftTeams" else "Manifest",
            version=self.version,
            name=self.name,
            exported_commands=tuple(c.name for c in self.commands if not c.provided_by),
        )


_FAMILY = (
    "Get-CsOnlineDialInConferencingUser",
    "Get-CsOnlineDialInConferencingTenantSettings",
    "Set-CsOnlineDialInConferencingTenantSettings",
    "Remove-CsOnlineDialInConferencingTenantSettings",
    "Get-CsOnlineDialInConferencingBridge",
    "Get-CsOnlineDialInConferencingServiceNumber",
    "Get-CsOnlineDialInConferencingLanguagesSupported",
    "Get-CsOnlineDialinConferencingTenantConfiguration",
)
_LOST_DOMAIN_CONTROLLER = (  # MicrosoftTeams 5.9.0
    "Set-CsOnlineDialInConferencingBridge",
    "Set-CsOnlineDialInConferencingServiceNumber",
    "Register-CsOnlineDialInConferencingServiceNumber",
    "Unregister-CsOnlineDialInConferencingServiceNumber",
)
#: The four settings that appeared with the Teams module (not in the Skype Online syntax).
_TEAMS_ONLY_SETTINGS = (
    "AllowedDialOutExternalDomains",
    "AllowFederatedUsersToDialOutToSelf",
    "AllowFederatedUsersToDialOutToThirdParty",
    "MsftInternalProcessingMode",
)
RETIRED_COMMANDS = (
    "Enable-CsOnlineDialInConferencingUser",
    "Disable-CsOnlineDialInConferencingUser",
    "Get-CsOnlineDialInConferencingUserInfo",
    "Get-CsOnlineDialInConferencingUserState",
    "Set-CsOnlineDialInConferencingUserDefaultNumber",
)
#: The MSOnline licence cmdlets 2017-era scripts used beside the connector (retired with MSOnline;
#: Microsoft Graph PowerShell replaces them). Listed here, they are not found under MicrosoftTeams.
MSONLINE_COMMANDS = (
    "Connect-MsolService",
    "Get-MsolUser",
    "Set-MsolUser",
    "Set-MsolUserLicense",
    "New-MsolLicenseOptions",
    "Get-MsolAccountSku",
)
#: The AzureAD module's licence cmdlets, the other module of that generation's scripts (see the
#: module docstring for why only the connector's generation has them).
AZUREAD_COMMANDS = ("Connect-AzureAD", "Get-AzureADUser", "Get-AzureADSubscribedSku", "Set-AzureADUserLicense")
SET_USER_TODAY = (
    "Identity",
    "BridgeId",
    "BridgeName",
    "ServiceNumber",
    "TollFreeServiceNumber",
    "SendEmail",
    "SendEmailToAddress",
    "ResetLeaderPin",
    "AllowTollFreeDialIn",
    "Force",
    "AsJob",
)

MICROSOFT_TEAMS = ModuleProfile(
    name="MicrosoftTeams",
    version="6.7.0",  # inferred: a current release; the stored release notes stop at 6.4.1-preview
    description="Microsoft Teams cmdlet module (PowerShell 7; Connect-MicrosoftTeams).",
    commands=(
        *(ModuleCommand(name) for name in _FAMILY),
        # "This setting can ONLY be managed using the TeamsAudioConferencingPolicy" (-AllowTollFreeDialIn).
        ModuleCommand(
            "Set-CsOnlineDialInConferencingUser",
            only=SET_USER_TODAY,
            policy_managed=frozenset({"AllowTollFreeDialIn"}),
        ),
        *(ModuleCommand(name, without=("DomainController",)) for name in _LOST_DOMAIN_CONTROLLER),
    ),
)
SKYPE_ONLINE_CONNECTOR = ModuleProfile(
    name="SkypeOnlineConnector",
    version="7.0.0",  # inferred: the last Download Center release
    description="Skype for Business Online connector (Windows PowerShell 5.1; New-CsOnlineSession).",
    commands=(
        *(ModuleCommand(name) for name in _FAMILY if name != "Set-CsOnlineDialInConferencingTenantSettings"),
        ModuleCommand("Set-CsOnlineDialInConferencingTenantSettings", without=_TEAMS_ONLY_SETTINGS),
        ModuleCommand("Set-CsOnlineDialInConferencingUser"),
        *(ModuleCommand(name) for name in _LOST_DOMAIN_CONTROLLER),
        *(ModuleCommand(name) for name in RETIRED_COMMANDS),
        *(ModuleCommand(name, provided_by="MSOnline") for name in MSONLINE_COMMANDS),
        *(ModuleCommand(name, provided_by="AzureAD") for name in AZUREAD_COMMANDS),
    ),
    # `-ResultSize Unlimited` worked until MicrosoftTeams 4.0 made it a UInt32 (a docs issue of
    # March 2022 on the Get-CsOnlineUser page reports it).
    neighbours=(ModuleCommand("Get-CsOnlineUser", retyped=(("ResultSize", UNLIMITED_UINT32),)),),
    not_found=CommandNotFoundDesktop,
    aliases=("LyncOnlineConnector",),
)

#: Every profile by lower-cased module name and alias.
MODULES: dict[str, ModuleProfile] = {
    key.lower(): profile
    for profile in (MICROSOFT_TEAMS, SKYPE_ONLINE_CONNECTOR)
    for key in (profile.name, *profile.aliases)
}
DEFAULT_MODULE = MICROSOFT_TEAMS


def listed_anywhere(name: str) -> bool:
    """Whether some module profile has the command (else it belongs to no module)."""
    return any(profile.has_command(name) for profile in MODULES.values())


def modules_named(name: str | ModuleProfile | None) -> ModuleProfile:
    """The profile called ``name`` (case-insensitive); ``None`` is :func:`default_module`.

    Raises:
        ValueError: no module of that name.
    """
    if isinstance(name, ModuleProfile):
        return name
    if name is None:
        return default_module()
    profile = MODULES.get(name.strip().lower())
    if profile is None:
        known = ", ".join(p.name for p in (MICROSOFT_TEAMS, SKYPE_ONLINE_CONNECTOR))
        raise ValueError(f"unknown module {name!r}: use one of {known}")
    return profile


def default_module() -> ModuleProfile:
    """``$CSCMDLETS_MODULE`` if set, else today's MicrosoftTeams."""
    configured = os.environ.get("CSCMDLETS_MODULE")
    return modules_named(configured) if configured else DEFAULT_MODULE


def module_of(engine: Any) -> ModuleProfile | None:
    """The profile an engine runs under; ``None`` for an engine without one (a real host)."""
    module = getattr(engine, "module", None)
    return module if isinstance(module, ModuleProfile) else None


def resolve_in_module(engine: Any, name: str) -> CommandMetadata:
    """A script's command lookup: the engine's current module (it changes on Import-Module)."""
    module = module_of(engine)
    if module is not None:
        return module.find_command(name)
    from . import find_command

    return find_command(name)


def module_stem(name: str) -> str:
    """A module's name as Import-Module takes it, lower-cased: a path names the module its file
    is named after (``C:\\Modules\\SkypeOnlineConnector.psd1``)."""
    stem = re.split(r"[\\/]", name.strip().strip("'\""))[-1]
    return re.sub(r"\.ps[dm]1$", "", stem, flags=re.IGNORECASE).lower()


def load_module(engine: Any, names: Iterable[str]) -> ModuleProfile | None:
    """``Import-Module``: the first of ``names`` that is a known module becomes the engine's
    profile (a path loads the module its file is named after); others are ignored."""
    for name in names:
        profile = MODULES.get(module_stem(name))
        if profile is not None and hasattr(engine, "module"):
            engine.module = profile
            return profile
    return None


_REQUIRES = re.compile(r"^\s*#requires\s[^\n]*?-modules?\s+([^\n]+)$", re.IGNORECASE | re.MULTILINE)
_MODULE_NAME = re.compile(r"ModuleName\s*=\s*['\"]?([\w.\\/-]+)|([\w.\\/-]+)", re.IGNORECASE)


def apply_requires(engine: Any, text: str) -> ModuleProfile | None:
    """``#Requires -Modules SkypeOnlineConnector`` loads that module before the script runs."""
    loaded = None
    for match in _REQUIRES.finditer(text):
        names = [a or b for a, b in _MODULE_NAME.findall(match.group(1))]
        loaded = load_module(engine, [n for n in names if n.lower() not in ("moduleversion", "requiredversion")])
    return loaded


_LOADS_MODULE = re.compile(
    r"^\s*#requires[^\n]*-modules?[^\n]*|\bImport-Module\b[^\n]*|\bNew-CsOnlineSession\b", re.IGNORECASE | re.MULTILINE
)


def module_named_in(text: str) -> ModuleProfile | None:
    """The module a script loads, read without running it (for the linter): the last module its
    ``#Requires``/``Import-Module`` lines name, the connector if it calls New-CsOnlineSession;
    ``None`` if it names none."""
    chosen = None
    for match in _LOADS_MODULE.finditer(text):
        line = match.group(0)
        if line.lower() == "new-csonlinesession":
            chosen = SKYPE_ONLINE_CONNECTOR
            continue
        named = [profile for key, profile in MODULES.items() if re.search(rf"\b{re.escape(key)}\b", line, re.I)]
        chosen = named[-1] if named else chosen
    return chosen
