"""``cscmdlets check --target MicrosoftTeams [--fix]``: migrate a 2017-era script to today's module.

A script written for the Skype for Business Online connector breaks in the MicrosoftTeams
module on every line that calls a retired cmdlet or passes a parameter the module no longer
has. :func:`check_migration` lists those lines with the error the target module would raise
(decided by the target's module profile, ``cmdlets.profiles``, so it is the same error the
emulator raises when the line runs). :func:`migrate_script` rewrites what has a faithful
equivalent and leaves a ``# cscmdlets:`` comment above what has none:

- ``Enable-CsOnlineDialInConferencingUser`` → the Audio Conferencing licence (Graph
  ``Set-MgUserLicense``; the licence enables the user) + ``Set-CsOnlineDialInConferencingUser``
  with the settings today's module still has; ``Disable-…`` → removing the licence.
- ``-ConferenceId``/``-ResetConferenceId`` and the other removed parameters → removed, with a note.
- MSOnline and AzureAD (both retired) → Microsoft Graph PowerShell, as Microsoft's cmdlet map
  pairs them ("Find Azure AD PowerShell and MSOnline cmdlets in Microsoft Graph PowerShell",
  https://learn.microsoft.com/powershell/microsoftgraph/azuread-msoline-cmdlet-map):
  ``Connect-MsolService``/``Connect-AzureAD`` → ``Connect-MgGraph``; ``Set-MsolUserLicense``
  (AccountSkuIds, ``-LicenseOptions`` from ``New-MsolLicenseOptions``) and ``Set-AzureADUserLicense``
  → ``Set-MgUserLicense`` by the SKUs' and plans' IDs; ``Set-MsolUser`` → ``Update-MgUser``;
  ``Get-AzureADUser`` → ``Get-MgUser`` (``-ObjectId`` → ``-UserId``, ``-SearchString`` → a
  ``startsWith`` filter, ``-All $true`` → ``-All``, and ``-Property`` where the script reads what
  Graph leaves out by default); ``Get-AzureADSubscribedSku`` → ``Get-MgSubscribedSku``; their
  results' ``.ObjectId`` → ``.Id``; the AzureAD ``AssignedLicense(s)`` objects → hashtables.
- ``Import-Module SkypeOnlineConnector``, ``New-CsOnlineSession``/``Import-PSSession``/
  ``Remove-PSSession`` → ``Import-Module MicrosoftTeams``, ``Connect-MicrosoftTeams``,
  ``Disconnect-MicrosoftTeams`` (Microsoft's "Move from Skype for Business Online Connector to
  the Teams PowerShell module" page).

Sources: the retired cmdlets' reference pages ("assign or remove the license instead"), the
MicrosoftTeams release notes (removed parameters), and the licensing service-plan reference
("Product names and service plan identifiers for licensing", learn.microsoft.com) for the
Microsoft 365 Audio Conferencing SKU, part number MCOMEETADV, ID 0c266dff-15dd-4b49-8397-2bb16070ed52.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cmdlets import find_command
from ..cmdlets.profiles import ModuleProfile, listed_anywhere, modules_named
from ..model.neighbourhood import SKU_BY_PART_NUMBER, Sku
from ..powershell import parser as ast
from ..powershell.binder import match_parameter
from ..powershell.errors import AmbiguousParameter, NamedParameterNotFound, ParseError
from ..powershell.metadata import CommandMetadata, Parameter
from .linter import Diagnostic, Edit
from .runner import read_script

__all__ = ["AUDIO_CONFERENCING_SKU_ID", "check_migration", "migrate_command", "migrate_script"]

AUDIO_CONFERENCING_SKU_ID = "0c266dff-15dd-4b49-8397-2bb16070ed52"
_ADD_LICENCE = f"-AddLicenses @{{SkuId = '{AUDIO_CONFERENCING_SKU_ID}'}} -RemoveLicenses @()"
_REMOVE_LICENCE = f"-AddLicenses @() -RemoveLicenses @('{AUDIO_CONFERENCING_SKU_ID}')"
_NOTE = "# cscmdlets: "
_SET_USER = "Set-CsOnlineDialInConferencingUser"

#: Why a parameter is gone from today's module, for the note the migration leaves.
_WHY_REMOVED = {
    "ConferenceId": "static conference IDs are no longer supported; the service assigns them",
    "ResetConferenceId": "static conference IDs are no longer supported; the service assigns them",
    "AllowPSTNOnlyMeetings": "use AllowPSTNUsersToBypassLobby of Set-CsTeamsMeetingPolicy",
    "AllowPstnOnlyMeetings": "use AllowPSTNUsersToBypassLobby of Set-CsTeamsMeetingPolicy",
    "SendEmailFromAddress": "removed in MicrosoftTeams 4.8.0; the service's own sender is used",
    "SendEmailFromDisplayName": "removed in MicrosoftTeams 4.8.0; the service's own sender is used",
    "DomainController": "removed in MicrosoftTeams 5.9.0 (it was unused)",
    "Tenant": "internal; the connection's own tenant is used",
    "TenantDomain": "internal; the connection's own tenant is used",
    "TenantId": "a partner's customer tenant: sign in to it with Connect-MgGraph -TenantId",
    "ReplaceProvider": "third-party audio conferencing providers are retired; no equivalent",
}
#: Retired commands with no faithful equivalent, and what to use instead.
_NO_EQUIVALENT = {
    "get-csonlinedialinconferencinguserinfo": "Get-CsOnlineDialInConferencingUser lists Microsoft-provider users; "
    "no view of third-party users remains",
    "get-csonlinedialinconferencinguserstate": "Get-CsOnlineUser shows each user's licences (AssignedPlan)",
    "set-csonlinedialinconferencinguserdefaultnumber": "set each user's -ServiceNumber with "
    "Set-CsOnlineDialInConferencingUser, or the numbers in invites with a Teams audio conferencing policy",
    "get-msoluser": "Get-MgUser (Microsoft Graph) returns users with other property names",
    "get-msolaccountsku": "Get-MgSubscribedSku (Microsoft Graph)",
    "set-msoluser": "Update-MgUser (Microsoft Graph) takes the user and the properties as values",
    "new-msollicenseoptions": "Set-MgUserLicense takes DisabledPlans by ID; name the SKU and plans as text",
    "set-msoluserlicense": "Set-MgUserLicense takes SKU IDs; name the user and the AccountSkuIds as text",
    "set-azureaduserlicense": "put the AssignedLicenses in a variable; Set-MgUserLicense takes its AddLicenses "
    "and RemoveLicenses",
}


#: Where a retired AzureAD/MSOnline cmdlet without a migration here finds its successor.
_CMDLET_MAP = "Microsoft's cmdlet map names its Microsoft Graph PowerShell successor (azuread-msoline-cmdlet-map)"


@dataclass(frozen=True)
class _Call:
    """A command line taken apart: its values' source text by declared parameter name."""

    node: ast.Command
    metadata: CommandMetadata
    values: dict[str, str]
    #: Declared names as typed (for the error text), in order.
    typed: dict[str, str]


@dataclass
class _Migrator:
    script: ast.Script
    target: ModuleProfile
    diagnostics: list[Diagnostic] = field(default_factory=list)
    parents: dict[int, Any] = field(default_factory=dict)
    #: ``.ObjectId`` → ``.Id`` on AzureAD results, applied inside any command the migration rewrites.
    renames: list[Edit] = field(default_factory=list)
    #: Variables holding New-MsolLicenseOptions results migrated to hashtables: name → SKU part number.
    options: dict[str, str] = field(default_factory=dict)
    #: The extents of the script's pipeline chains (``a && b``), which a rewrite must not cut apart.
    chains: list[ast.Extent] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.script.source.text

    def run(self) -> list[Diagnostic]:
        nodes = list(_walk(self.script.block, None))
        self.parents = {id(node): parent for node, parent in nodes}
        self.chains = [node.extent for node, _ in nodes if isinstance(node, ast.PipelineChain)]
        self.rename_object_ids(nodes)
        for node, parent in nodes:
            if isinstance(node, ast.Command) and node.name_text:
                self.check(node, parent)
            elif isinstance(node, ast.InvokeMember):
                _constructed(self, node)
        self.requires()
        return sorted(self.diagnostics, key=lambda d: (d.line, d.column))

    # --- reporting -------------------------------------------------------------------------------

    def report(
        self, extent: ast.Extent, message: str, error_id: str, fix: str, edits: list[Edit], severity: str = "error"
    ) -> None:
        if any(self.cuts_a_chain(edit) for edit in edits):
            fix = "no faithful equivalent inside a pipeline chain (&& or ||): migrate it by hand"
            edits = [self.note_above(extent.line, f"{fix}.")]
        text = f"{message.splitlines()[0]} -> {fix}"
        self.diagnostics.append(
            Diagnostic(self.script.source.name, extent.line, extent.column, severity, text, error_id, tuple(edits))
        )

    def not_found(self, node: ast.Command, fix: str, edits: list[Edit]) -> None:
        error = self.target.not_found(node.name_text)
        self.report(node.extent, error.message, error.error_id, fix, edits)

    def cuts_a_chain(self, edit: Edit) -> bool:
        """Whether ``edit`` puts a line break or a comment inside a pipeline chain: the chain's
        rest would then run apart from it, or not at all (about_Pipeline_Chain_Operators)."""
        breaks = "\n" in edit.replacement or edit.replacement.startswith(_NOTE)
        inside = any(chain.start <= edit.start and edit.end <= chain.end for chain in self.chains)
        return breaks and edit.end > edit.start and inside

    def note(self, node: ast.Node, text: str) -> Edit:
        """A comment line above the line ``node`` starts on, indented as that line."""
        return self.note_above(node.extent.line, text)

    def note_above(self, line: int, text: str) -> Edit:
        source = self.script.source
        start = source.line_starts[line - 1]
        indent = re.match(r"[ \t]*", self.text[start:]).group(0)  # type: ignore[union-attr]
        return Edit(start, start, f"{indent}{_NOTE}{text}\n")

    # --- commands ---------------------------------------------------------------------------------

    def check(self, node: ast.Command, parent: Any) -> None:
        lowered = node.name_text.lower()
        special = _SPECIAL.get(lowered)
        if special is not None:
            special(self, node, parent)
            return
        if re.match(r"^[a-z]+-(msol|azuread)", lowered):  # the retired modules' other cmdlets
            self.no_equivalent(node)
            return
        if not listed_anywhere(node.name_text):
            return  # not a module's command (Write-Host, a function of the script)
        if self.target.has_command(node.name_text):
            self.check_parameters(node)
            return
        rule = _RETIRED.get(lowered)
        if rule is not None and isinstance(parent, ast.Pipeline) and len(parent.elements) == 1:
            rule(self, self.take_apart(node), parent)
        else:
            self.no_equivalent(node)

    def no_equivalent(self, node: ast.Command) -> None:
        lowered = node.name_text.lower()
        retired = re.match(r"^[a-z]+-(msol|azuread)", lowered) is not None
        instead = _NO_EQUIVALENT.get(lowered, _CMDLET_MAP if retired else "no equivalent in today's module")
        text = f"{node.name_text} is not in {self.target.name}: {instead}"
        self.not_found(node, f"no faithful equivalent: {instead}", [self.note(node, text)])

    def take_apart(self, node: ast.Command) -> _Call:
        metadata = find_command(node.name_text)
        values: dict[str, str] = {}
        typed: dict[str, str] = {}
        elements = list(node.elements)
        positional = iter(metadata.ordered_positional_names)
        index = 0
        while index < len(elements):
            element = elements[index]
            if isinstance(element, ast.CommandParameter):
                parameter = _match(metadata, element.name)
                value, index = self.value_of(element, parameter, elements, index)
                if parameter is not None:
                    values[parameter.name], typed[parameter.name] = value, element.name
            else:
                name = next(positional, None)
                if name is not None:
                    values[name] = self.source_of(element)
            index += 1
        return _Call(node, metadata, values, typed)

    def value_of(
        self, element: ast.CommandParameter, parameter: Parameter | None, elements: list[Any], index: int
    ) -> tuple[str, int]:
        if element.argument is not None:
            return self.source_of(element.argument), index
        if parameter is not None and parameter.is_switch:
            return "", index
        following = elements[index + 1] if index + 1 < len(elements) else None
        if following is not None and not isinstance(following, ast.CommandParameter):
            return self.source_of(following), index + 1
        return "", index

    def statement_for(self, node: ast.Command) -> ast.Node:
        """The statement a command is: its pipeline, or the assignment the pipeline feeds."""
        pipeline = self.parents.get(id(node))
        holder = self.parents.get(id(pipeline))
        if isinstance(holder, ast.Assignment):
            return holder
        return pipeline if isinstance(pipeline, ast.Pipeline) else node

    def source_of(self, node: ast.Node) -> str:
        """The node's text, with the ``.ObjectId`` → ``.Id`` renames inside it made."""
        start, end = node.extent.start, node.extent.end
        text = self.text[start:end]
        for edit in sorted(self.renames, key=lambda e: e.start, reverse=True):
            if start <= edit.start and edit.end <= end:
                text = text[: edit.start - start] + edit.replacement + text[edit.end - start :]
        return text

    # --- AzureAD results: .ObjectId → .Id ---------------------------------------------------------

    def rename_object_ids(self, nodes: list[tuple[Any, Any]]) -> None:
        """Variables fed by Get-AzureADUser/Get-AzureADSubscribedSku (directly, or as a foreach
        variable over them), and ``$_`` in the pipeline after them, read ``.ObjectId``; the Graph
        objects that replace them call it ``Id``."""
        tracked: set[str] = set()
        for node, _ in nodes:
            if isinstance(node, ast.Assignment) and isinstance(node.target, ast.Variable):
                if _feeds_azuread(node.value, tracked):
                    tracked.add(node.target.name.lower())
            elif isinstance(node, ast.ForEach) and _feeds_azuread(node.iterable, tracked):
                tracked.add(node.variable.name.lower())
        for node, _ in nodes:
            if isinstance(node, ast.Pipeline) and _feeds_azuread(node, tracked):
                for element in node.elements[1:]:
                    self.rename_in(element, {"_", "psitem"})
        self.rename_in(self.script.block, tracked)

    def rename_in(self, root: ast.Node, names: set[str]) -> None:
        for node, _ in _walk(root, None):
            if not (isinstance(node, ast.Member) and isinstance(node.target, ast.Variable)):
                continue
            member = node.member
            if node.target.name.lower() not in names or not isinstance(member, ast.Constant):
                continue
            if str(member.value).lower() != "objectid":
                continue
            edit = Edit(member.extent.start, member.extent.end, "Id")
            if edit in self.renames:
                continue
            self.renames.append(edit)
            message = "The property 'ObjectId' cannot be found on this object. Verify that the property exists."
            self.report(
                node.extent, message, "PropertyNotFoundStrict", ".Id (the Graph object's name)", [edit], "warning"
            )

    # --- parameters of a command the target has ---------------------------------------------------

    def check_parameters(self, node: ast.Command) -> None:
        full = find_command(node.name_text)
        kept = {p.name for p in self.target.find_command(node.name_text).parameters}
        elements = list(node.elements)
        for index, element in enumerate(elements):
            if not isinstance(element, ast.CommandParameter):
                continue
            parameter = _match(full, element.name)
            if parameter is None or parameter.is_common or parameter.name in kept:
                continue
            why = _WHY_REMOVED.get(parameter.name, parameter.removed or "not in today's module")
            error = NamedParameterNotFound(element.name)
            edits = [self.removal(element, parameter, elements[index + 1 : index + 2])]
            edits.append(self.note(node, f"-{parameter.name} removed: {why}."))
            self.report(element.extent, error.message, error.error_id, f"removed ({why})", edits)

    def removal(self, element: ast.CommandParameter, parameter: Parameter, following: list[Any]) -> Edit:
        """Remove ``-Name value`` (or a switch), with the blanks before it."""
        end = element.extent.end
        takes_next = element.argument is None and not parameter.is_switch and following
        if takes_next and not isinstance(following[0], ast.CommandParameter):
            end = following[0].extent.end
        start = self.blank_before(element.extent.start)
        if self.text[max(start - 2, 0) : start] == "`\n":  # first on a continued line: join it back
            start = self.blank_before(start - 2)
        return Edit(start, end, "")

    def blank_before(self, offset: int) -> int:
        while offset > 0 and self.text[offset - 1] in " \t":
            offset -= 1
        return offset

    def requires(self) -> None:
        pattern = r"^[ \t]*#requires[^\n]*?(SkypeOnlineConnector|LyncOnlineConnector)"
        for match in re.finditer(pattern, self.text, re.IGNORECASE | re.MULTILINE):
            line, column = self.script.source.line_and_column(match.start(1))
            script = Path(self.script.source.name).name or "script"
            message = (
                f"The script '{script}' cannot be run because the following modules that are specified by "
                f'the "#requires" statements of the script are missing: {match.group(1)}.'
            )
            edit = Edit(match.start(1), match.end(1), "MicrosoftTeams")
            text = f"{message} -> #Requires -Modules MicrosoftTeams"
            name = self.script.source.name
            self.diagnostics.append(
                Diagnostic(name, line, column, "error", text, "ScriptRequiresMissingModules", (edit,))
            )


def _match(metadata: CommandMetadata, typed: str) -> Parameter | None:
    try:
        return match_parameter(metadata, typed)
    except AmbiguousParameter:
        return None


# --- the retired family commands -------------------------------------------------------------------


def _identity(migrator: _Migrator, call: _Call) -> str | None:
    identity = call.values.get("Identity")
    if not identity:
        migrator.not_found(
            call.node,
            "no faithful equivalent: the original names no user",
            [migrator.note(call.node, f"{call.node.name_text} without -Identity acts on no user; no equivalent.")],
        )
    return identity


def _dropped(migrator: _Migrator, call: _Call, kept: set[str]) -> list[Edit]:
    return [
        migrator.note(call.node, f"-{name} dropped: {_WHY_REMOVED.get(name, 'not in today`s module')}.")
        for name in call.values
        if name not in kept and name != "Identity"
    ]


def _enable(migrator: _Migrator, call: _Call, parent: ast.Pipeline) -> None:
    """Enable- → the licence (which enables the user) + Set-…User with what still exists."""
    identity = _identity(migrator, call)
    if identity is None:
        return
    kept = {p.name for p in migrator.target.find_command(_SET_USER).parameters}
    settings = [_argument(name, value) for name, value in call.values.items() if name in kept and name != "Identity"]
    lines = [f"Set-MgUserLicense -UserId {identity} {_ADD_LICENCE}"]
    if settings:
        lines.append(f"{_SET_USER} -Identity {identity} {' '.join(settings)}")
    replacement = _joined(migrator, call.node, lines)
    edits = [Edit(call.node.extent.start, call.node.extent.end, replacement), *_dropped(migrator, call, kept)]
    fix = "the Audio Conferencing licence (Set-MgUserLicense)" + (f" + {_SET_USER}" if settings else "")
    migrator.not_found(call.node, fix, edits)


def _disable(migrator: _Migrator, call: _Call, parent: ast.Pipeline) -> None:
    """Disable- → removing the licence (the conference ID is released, the user is told)."""
    identity = _identity(migrator, call)
    if identity is None:
        return
    replacement = f"Set-MgUserLicense -UserId {identity} {_REMOVE_LICENCE}"
    edits = [Edit(call.node.extent.start, call.node.extent.end, replacement)]
    dropped = [f"-{name}" for name in call.values if name != "Identity"]
    if dropped:
        note = "the service emails the user when the licence goes (AutomaticallySendEmailsToUsers)"
        edits.append(migrator.note(call.node, f"{', '.join(dropped)} dropped: {note}."))
    migrator.not_found(call.node, "remove the Audio Conferencing licence (Set-MgUserLicense)", edits)


def _argument(name: str, value: str) -> str:
    return f"-{name}" if value == "" else f"-{name} {value}"


def _joined(migrator: _Migrator, node: ast.Command, lines: list[str]) -> str:
    source = migrator.script.source
    start = source.line_starts[node.extent.line - 1]
    indent = re.match(r"[ \t]*", migrator.text[start:]).group(0)  # type: ignore[union-attr]
    return f"\n{indent}".join(lines)


_RETIRED: dict[str, Callable[[_Migrator, _Call, ast.Pipeline], None]] = {
    "enable-csonlinedialinconferencinguser": _enable,
    "disable-csonlinedialinconferencinguser": _disable,
}


# --- sessions, modules and MSOnline ----------------------------------------------------------------


def _new_session(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    named = _named_values(migrator, node)
    credential = next((v for k, v in named.items() if "credential".startswith(k) and v), None)
    positional = [e for e in node.elements if not isinstance(e, ast.CommandParameter)]
    if credential is None and positional and not named:
        credential = migrator.source_of(positional[0])  # -Credential is positional (position 1)
    replacement = "Connect-MicrosoftTeams" + (f" -Credential {credential}" if credential else "")
    statement = migrator.statement_for(node)
    migrator.not_found(node, replacement, [Edit(statement.extent.start, node.extent.end, replacement)])


#: What Import-PSSession/Remove-PSSession say when New-CsOnlineSession made no session ($null).
_NULL_SESSION = (
    "Cannot validate argument on parameter 'Session'. The argument is null. Provide a valid value for "
    "the argument, and then try running the command again."
)


def _import_session(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    statement = migrator.statement_for(node)
    note = "Import-PSSession removed: Connect-MicrosoftTeams loads the cmdlets."
    edits = [Edit(statement.extent.start, statement.extent.end, f"{_NOTE}{note}")]
    error_id = "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ImportPSSessionCommand"
    migrator.report(node.extent, _NULL_SESSION, error_id, "removed", edits)


def _remove_session(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    """``Remove-PSSession $s`` fails on the $null session; ``Get-PSSession | Remove-PSSession``
    finds none and runs on (a warning: nothing breaks, the migration still disconnects)."""
    pipeline = parent if isinstance(parent, ast.Pipeline) else node
    edits = [Edit(pipeline.extent.start, pipeline.extent.end, "Disconnect-MicrosoftTeams")]
    if node.elements:
        error_id = "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.RemovePSSessionCommand"
        migrator.report(node.extent, _NULL_SESSION, error_id, "Disconnect-MicrosoftTeams", edits)
    else:
        message = "Remove-PSSession finds no session: Connect-MicrosoftTeams made none."
        migrator.report(node.extent, message, "NoPSSession", "Disconnect-MicrosoftTeams", edits, "warning")


#: Retired modules: the connector's successor is imported instead; MSOnline's import goes, since
#: Microsoft Graph PowerShell loads its modules on first use (Connect-MgGraph).
_MODULE_SUCCESSORS = {"skypeonlineconnector": "MicrosoftTeams", "lynconlineconnector": "MicrosoftTeams"}
_MODULE_NOT_FOUND = "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"


def _import_module(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    for element in node.elements:
        target = element.argument if isinstance(element, ast.CommandParameter) else element
        if target is None:
            continue
        name = migrator.source_of(target).strip("'\"")
        if name.lower() in ("msonline", "azuread", "azureadpreview"):
            statement = migrator.statement_for(node)
            note = f"{_NOTE}Import-Module {name} removed: Microsoft Graph PowerShell loads on first use."
            edits = [Edit(statement.extent.start, statement.extent.end, note)]
            fix = "removed (Connect-MgGraph)"
        elif name.lower() in _MODULE_SUCCESSORS:
            fix = f"Import-Module {_MODULE_SUCCESSORS[name.lower()]}"
            edits = [Edit(target.extent.start, target.extent.end, _MODULE_SUCCESSORS[name.lower()])]
        else:
            continue
        message = (
            f"The specified module '{name}' was not loaded because no valid module file was found in any "
            "module directory."
        )
        migrator.report(node.extent, message, _MODULE_NOT_FOUND, fix, edits)


def _connect_msol(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    replacement = "Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome"
    edits = [Edit(node.extent.start, node.extent.end, replacement)]
    if any(isinstance(e, ast.CommandParameter) for e in node.elements):
        edits.append(migrator.note(node, "Connect-MgGraph signs in interactively or as an app; -Credential is gone."))
    migrator.not_found(node, replacement, edits)


_ACCOUNT_SKU = re.compile(r"^[\w.-]+:(\w+)$")
_LITERAL = re.compile(r"""^(?:'([^']*)'|"([^"$`]*)"|([\w.:-]+))$""")


def _literals(text: str) -> list[str] | None:
    """``"a", "b"``, ``@('a','b')`` or ``a`` → the strings; ``None`` if any item is not a literal."""
    text = text.strip()
    if text.startswith("@(") and text.endswith(")"):
        text = text[2:-1]
    items = []
    for item in (part.strip() for part in text.split(",")) if text.strip() else ():
        match = _LITERAL.match(item)
        if match is None:
            return None
        items.append(next(group for group in match.groups() if group is not None))
    return items


def _skus(text: str | None) -> list[Sku] | None:
    """AccountSkuIds (``contoso:SPE_E5``) → SKUs; ``None`` for an unknown SKU or a computed value."""
    if text is None:
        return []
    names = _literals(text)
    if names is None:
        return None
    found = [_ACCOUNT_SKU.match(name) for name in names]
    skus = [SKU_BY_PART_NUMBER.get(match.group(1).upper()) if match else None for match in found]
    return None if any(sku is None for sku in skus) else [sku for sku in skus if sku is not None]


def _array(items: list[str]) -> str:
    return items[0] if len(items) == 1 and items[0].startswith(("@{", "$")) else f"@({', '.join(items)})"


def _rewrite(migrator: _Migrator, node: ast.Node, replacement: str) -> Edit:
    """Replace the node's text, keeping the blanks its extent ends with (before a ``|``)."""
    source = migrator.text[node.extent.start : node.extent.end]
    return Edit(node.extent.start, node.extent.end, replacement + source[len(source.rstrip()) :])


def _set_msol_licence(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    """AccountSkuIds → SKU IDs; -LicenseOptions → the migrated New-MsolLicenseOptions hashtable
    (its SkuId and DisabledPlans), which an assignment or a held licence's change takes."""
    call = migrator.take_apart(node)
    user = call.values.get("UserPrincipalName") or call.values.get("ObjectId")
    add, remove = _skus(call.values.get("AddLicenses")), _skus(call.values.get("RemoveLicenses"))
    options = [v.strip() for v in call.values.get("LicenseOptions", "").split(",") if v.strip()]
    if user is None or add is None or remove is None or not (add or remove or options):
        migrator.no_equivalent(node)
        return
    if any(name.lstrip("$").lower() not in migrator.options for name in options):
        text = "-LicenseOptions not made by a migrated New-MsolLicenseOptions; no equivalent"
        migrator.not_found(node, f"no faithful equivalent: {text}", [migrator.note(node, f"{text}.")])
        return
    by_sku = {migrator.options[name.lstrip("$").lower()]: name for name in options}
    added = [by_sku.pop(sku.part_number, f"@{{SkuId = '{sku.sku_id}'}}") for sku in add] + list(by_sku.values())
    removed = [f"'{sku.sku_id}'" for sku in remove]
    replacement = f"Set-MgUserLicense -UserId {user} -AddLicenses {_array(added)} -RemoveLicenses {_array(removed)}"
    edits = [_rewrite(migrator, node, replacement)]
    edits += _dropped(
        migrator, call, {"UserPrincipalName", "ObjectId", "AddLicenses", "RemoveLicenses", "LicenseOptions"}
    )
    migrator.not_found(node, replacement, edits)


def _new_msol_options(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    """``$o = New-MsolLicenseOptions -AccountSkuId contoso:SPE_E5 -DisabledPlans MCOEV`` → the
    hashtable Set-MgUserLicense takes, by the SKU's and plans' IDs."""
    call = migrator.take_apart(node)
    statement = migrator.statement_for(node)
    skus = _skus(call.values.get("AccountSkuId"))
    plans = _literals(call.values.get("DisabledPlans", ""))
    target = statement.target if isinstance(statement, ast.Assignment) else None
    if not isinstance(target, ast.Variable) or not skus or len(skus) != 1 or plans is None:
        migrator.no_equivalent(node)
        return
    by_name = {plan.name.upper(): plan.plan_id for plan in skus[0].plans}
    if any(name.upper() not in by_name for name in plans):
        migrator.no_equivalent(node)
        return
    migrator.options[target.name.lower()] = skus[0].part_number
    disabled = ", ".join(f"'{by_name[name.upper()]}'" for name in plans)
    replacement = f"@{{SkuId = '{skus[0].sku_id}'; DisabledPlans = @({disabled})}}"
    migrator.not_found(node, "a hashtable for Set-MgUserLicense -AddLicenses", [_rewrite(migrator, node, replacement)])


def _set_msol_user(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    """Set-MsolUser → Update-MgUser: the same properties; -BlockCredential is -AccountEnabled reversed."""
    call = migrator.take_apart(node)
    user = call.values.get("UserPrincipalName") or call.values.get("ObjectId")
    settings = [
        f"-{name} {call.values[name]}" for name in ("UsageLocation", "DisplayName", "Department") if name in call.values
    ]
    block = call.values.get("BlockCredential")
    if block:
        enabled = {"$true": ":$false", "$false": ""}.get(block.strip().lower(), f":(-not ({block}))")
        settings.append(f"-AccountEnabled{enabled}")
    if user is None or not settings or block == "":  # -BlockCredential without its value: no binding
        migrator.no_equivalent(node)
        return
    replacement = f"Update-MgUser -UserId {user} {' '.join(settings)}"
    kept = {"UserPrincipalName", "ObjectId", "UsageLocation", "DisplayName", "Department", "BlockCredential"}
    edits = [_rewrite(migrator, node, replacement), *_dropped(migrator, call, kept)]
    migrator.not_found(node, replacement, edits)


# --- AzureAD ------------------------------------------------------------------------------------------

#: What Get-MgUser returns without -Property (Graph's default set, ``licences.mg_user``) and what
#: else an AzureAD user had, which a migrated script asks for by name when it reads it.
_GRAPH_DEFAULT = ("Id", "DisplayName", "Mail", "UserPrincipalName", "PreferredLanguage")
_GRAPH_OTHERS = ("AccountEnabled", "AssignedLicenses", "Department", "UsageLocation", "UserType")


def _get_azuread_user(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    call = migrator.take_apart(node)
    parts = ["Get-MgUser"]
    if "ObjectId" in call.values:
        parts.append(f"-UserId {call.values['ObjectId']}")
    if "SearchString" in call.values:
        text = _odata_text(call.values["SearchString"])
        clauses = " or ".join(f"startsWith({name},'{text}')" for name in ("displayName", "userPrincipalName"))
        parts.append(f'-Filter "{clauses}" -ConsistencyLevel eventual')
    if "Filter" in call.values:
        parts.append(f"-Filter {call.values['Filter']}")
    if "Top" in call.values:
        parts.append(f"-Top {call.values['Top']}")
    every = call.values.get("All", "").strip().lower()
    if every and every != "$false":
        parts.append("-All" if every == "$true" else f"-All:{call.values['All']}")
    read = [name for name in _GRAPH_OTHERS if _reads(migrator.text, name)]
    if read:
        parts.append(f"-Property {', '.join((*_GRAPH_DEFAULT, *read))}")
    replacement = " ".join(parts)
    migrator.not_found(node, replacement, [_rewrite(migrator, node, replacement)])


#: Commands that name properties as bare words (``Select-Object DisplayName, UsageLocation``).
_PROPERTY_COMMANDS = (
    r"(?:Select-Object|Format-Table|Format-List|Sort-Object|Group-Object|Where-Object|select|ft|fl|sort|where|\?)"
)


def _reads(text: str, name: str) -> bool:
    """Whether the script reads property ``name``: ``.Name`` (not a type's ``Model.Name``), or a
    bare word after a command that takes property names."""
    member = rf"(?<!Model)\.{name}\b"
    named = rf"(?<![\w-]){_PROPERTY_COMMANDS}\s[^\n|]*(?<![\w-]){name}\b"
    return re.search(member, text, re.IGNORECASE) is not None or re.search(named, text, re.IGNORECASE) is not None


def _odata_text(value: str) -> str:
    """A -SearchString value inside the OData string of a double-quoted filter."""
    match = _LITERAL.match(value.strip())
    if match is not None:
        literal = next(group for group in match.groups() if group is not None)
        return literal.replace("'", "''").replace("`", "``").replace("$", "`$").replace('"', '`"')
    if re.fullmatch(r"\$\w+", value.strip()):
        return value.strip()
    return f"$({value})"


def _get_azuread_sku(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    call = migrator.take_apart(node)
    one = call.values.get("ObjectId")
    replacement = f"Get-MgSubscribedSku -SubscribedSkuId {one}" if one else "Get-MgSubscribedSku -All"
    migrator.not_found(node, replacement, [_rewrite(migrator, node, replacement)])


def _set_azuread_licence(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    """The AssignedLicenses object (a hashtable once migrated) gives both of Graph's lists."""
    call = migrator.take_apart(node)
    user, licences = call.values.get("ObjectId"), call.values.get("AssignedLicenses")
    if not user or not licences or not re.fullmatch(r"\$\w+", licences.strip()):
        migrator.no_equivalent(node)  # an expression would run twice, once for each list
        return
    holder = licences.strip()
    replacement = (
        f"Set-MgUserLicense -UserId {user} -AddLicenses {holder}.AddLicenses -RemoveLicenses {holder}.RemoveLicenses"
    )
    migrator.not_found(node, replacement, [_rewrite(migrator, node, replacement)])


_AZUREAD_TYPES = ("microsoft.open.azuread.model.assignedlicense", "microsoft.open.azuread.model.assignedlicenses")


def _new_object(migrator: _Migrator, node: ast.Command, parent: Any) -> None:
    """New-Object of AzureAD's AssignedLicense(s) → a hashtable with the same members (a list
    where the script adds to one), which Set-MgUserLicense takes."""
    named = {k: v for k, v in _named_values(migrator, node).items() if "typename".startswith(k)}
    positional = [e for e in node.elements if not isinstance(e, ast.CommandParameter)]
    typed = next(iter(named.values()), None) or (migrator.source_of(positional[0]) if positional else "")
    type_name = typed.strip("'\"")
    if type_name.lower() not in _AZUREAD_TYPES:
        return
    replacement = _licence_table(migrator, type_name)
    message = f"Cannot find type [{type_name}]: verify that the assembly containing this type is loaded."
    error_id = "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand"
    edits = [_rewrite(migrator, node, replacement)]
    migrator.report(node.extent, message, error_id, f"a hashtable for Set-MgUserLicense ({replacement})", edits)


def _constructed(migrator: _Migrator, node: ast.InvokeMember) -> None:
    """``[Microsoft.Open.AzureAD.Model.AssignedLicense]::new()``: as New-Object of the type."""
    target, member = node.target, node.member
    if not (node.static and isinstance(target, ast.TypeLiteral) and isinstance(member, ast.Constant)):
        return
    type_name = target.type_name.strip()
    if type_name.lower() not in _AZUREAD_TYPES or str(member.value).lower() != "new" or node.arguments:
        return
    replacement = _licence_table(migrator, type_name)
    message = f"Unable to find type [{type_name}]."
    edits = [Edit(node.extent.start, node.extent.end, replacement)]
    migrator.report(node.extent, message, "TypeNotFound", f"a hashtable for Set-MgUserLicense ({replacement})", edits)


def _licence_table(migrator: _Migrator, type_name: str) -> str:
    """The hashtable standing for an AssignedLicense(s): its lists, as lists where the script adds to them."""
    plural = type_name.lower().endswith("licenses")
    members = ("AddLicenses", "RemoveLicenses") if plural else ("DisabledPlans",)
    entries = []
    for member in members:
        if re.search(rf"\.{member}\.Add\(", migrator.text, re.IGNORECASE):
            item = "object" if member == "AddLicenses" else "string"
            entries.append(f"{member} = [System.Collections.Generic.List[{item}]]::new()")
        elif member != "DisabledPlans":
            entries.append(f"{member} = @()")
    return f"@{{{'; '.join(entries)}}}"


def _feeds_azuread(node: Any, tracked: set[str]) -> bool:
    """Whether a statement's value comes from Get-AzureADUser/Get-AzureADSubscribedSku, or from a
    variable that holds their results."""
    if isinstance(node, ast.Pipeline) and node.elements:
        first = node.elements[0]
        if isinstance(first, ast.Command):
            return first.name_text.lower() in ("get-azureaduser", "get-azureadsubscribedsku")
        expression = getattr(first, "expression", None)
        if isinstance(expression, ast.Paren):  # ($u = Get-AzureADUser …) and (Get-AzureADUser …)
            return _feeds_azuread(expression.statement, tracked)
        if isinstance(expression, ast.Member):  # $template.AssignedLicenses: not a user
            return False
        return isinstance(expression, ast.Variable) and expression.name.lower() in tracked
    return False


def _named_values(migrator: _Migrator, node: ast.Command) -> dict[str, str]:
    values: dict[str, str] = {}
    elements = list(node.elements)
    for index, element in enumerate(elements):
        if isinstance(element, ast.CommandParameter):
            value, _ = migrator.value_of(element, None, elements, index)
            values[element.name.lower()] = value
    return values


_SPECIAL: dict[str, Callable[[_Migrator, ast.Command, Any], None]] = {
    "new-csonlinesession": _new_session,
    "import-pssession": _import_session,
    "remove-pssession": _remove_session,
    "import-module": _import_module,
    "connect-msolservice": _connect_msol,
    "connect-azuread": _connect_msol,
    "set-msoluserlicense": _set_msol_licence,
    "new-msollicenseoptions": _new_msol_options,
    "set-msoluser": _set_msol_user,
    "get-azureaduser": _get_azuread_user,
    "get-azureadsubscribedsku": _get_azuread_sku,
    "set-azureaduserlicense": _set_azuread_licence,
    "new-object": _new_object,
}


# --- walking -----------------------------------------------------------------------------------------


def _walk(node: ast.Node, parent: ast.Node | None) -> Iterator[tuple[Any, Any]]:
    """Every AST node with its parent, depth first (the syntax tree's own child order)."""
    yield node, parent
    for child in ast.child_nodes(node):
        yield from _walk(child, node)


# --- entry points ------------------------------------------------------------------------------------


def check_migration(
    path_or_text: str | os.PathLike[str], target: str = "MicrosoftTeams", *, script_name: str | None = None
) -> list[Diagnostic]:
    """Every line of the script that breaks under ``target``, with the error it raises there and
    what the migration does (``-> fix``)."""
    text, name = read_script(path_or_text)
    try:
        script = ast.parse(text, script_name if script_name is not None else name)
    except ParseError as error:
        info = error.invocation
        return [Diagnostic(name, info.line_number, info.column, "error", error.message, error.error_id)]
    return _Migrator(script, modules_named(target)).run()


def migrate_script(path_or_text: str | os.PathLike[str], target: str = "MicrosoftTeams") -> str:
    """The script migrated to ``target``: faithful equivalents applied, comments elsewhere."""
    text, _ = read_script(path_or_text)
    edits = _outermost([e for d in check_migration(text, target) for e in d.edits])
    # Apply from the end; inserts (notes) at one offset keep their order, above the line.
    ordered = sorted(enumerate(dict.fromkeys(edits)), key=lambda item: (item[1].start, item[1].end, item[0]))
    for _, edit in reversed(ordered):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def _outermost(edits: list[Edit]) -> list[Edit]:
    """Drop the edits inside another one's replaced text (a rename inside a rewritten command,
    whose replacement has it made already); inserts keep their place."""
    spans = [e for e in edits if e.end > e.start]
    return [
        e
        for e in edits
        if not any(
            b is not e
            and b.start <= e.start
            and e.end <= b.end
            and (b.start, b.end) != (e.start, e.end)
            and not (e.start == e.end == b.start)
            for b in spans
        )
    ]


def migrate_command(path: Path, target: str, *, fix: bool) -> int:
    """``cscmdlets check SCRIPT --target NAME [--fix]``: print the findings; exit 1 if any."""
    diagnostics = check_migration(path, target)
    for diagnostic in diagnostics:
        print(diagnostic)
    if fix:
        written = path.with_name(f"{path.stem}.fixed{path.suffix or '.ps1'}")
        written.write_text(migrate_script(path, target), encoding="utf-8")
        print(f"wrote {written} ({len(diagnostics)} line(s) migrated)", file=sys.stderr)
    return 1 if diagnostics else 0
