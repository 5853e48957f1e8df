"""``cscmdlets check``: what real PowerShell would reject in a script, without running it.

Every command in the script is bound, statically, by the same binder and CommandMetadata the
runner uses (about_Parameters, about_Parameter_Sets): literal arguments keep their real values
(so ``"true"`` given to a bool fails as it would), and values known only at run time become placeholders
that convert to whatever the parameter wants. Each binding error is reported at its token as
``file:line:col: error: message [FullyQualifiedErrorId]``, then the offending argument is set
aside and the command bound again, so one line can report several problems.

On top of the binder's errors the linter knows what the admin articles get wrong (the examples
of the Set-CsOnlineDialInConferencingUser and …TenantSettings reference pages,
learn.microsoft.com/powershell/module/teams/): parameters the current MicrosoftTeams module no
longer has (``Parameter.removed``), a value after a switch, ``-WhatIf`` that the real
Set-CsOnlineDialInConferencingUser ignores, and the en dash followed by a space. Where the fix
is certain it is recorded as a text edit; :func:`fix_script` applies them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cmdlets.profiles import ModuleProfile, module_named_in
from ..powershell import parser as ast
from ..powershell.binder import NamedArgument, PositionalArgument, bind, match_parameter
from ..powershell.errors import (
    AmbiguousParameter,
    CommandNotFound,
    InvocationInfo,
    NamedParameterNotFound,
    ParameterNotEmulated,
    ParseError,
    PowerShellError,
)
from ..powershell.metadata import NOT_GIVEN, CommandMetadata, Parameter
from . import builtins, commands
from .commands import Kind
from .members import CONSTRUCTORS, constructor_key, has_static_method, is_absent_type
from .runner import read_script
from .values import Hashtable

__all__ = ["Diagnostic", "Edit", "check_script", "fix_script", "write_fixed"]

Resolver = Callable[[str], CommandMetadata]
Argument = NamedArgument | PositionalArgument

#: Cmdlets whose real implementation ignores -WhatIf (their reference page calls it "not implemented").
WHATIF_IGNORED = frozenset({"set-csonlinedialinconferencinguser"})

#: Send-MailMessage: obsolete in PowerShell 7 (its warning's FQID), and never sent by the emulator.
MAIL_KEPT = (
    "Send-MailMessage is obsolete in PowerShell 7 and warns each time it runs; cscmdlets run keeps the "
    "message in the tenant's outbox (cscmdlets outbox) and never sends it to -SmtpServer."
)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Diagnostic:
    """One finding, printed as ``file:line:col: severity: message [FQEID]``."""

    file: str
    line: int
    column: int
    severity: str
    message: str
    error_id: str
    edits: tuple[Edit, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def fix(self) -> str:
        return "; ".join(e.replacement or "(remove)" for e in self.edits)

    def __str__(self) -> str:
        return f"{self.file or '<script>'}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.error_id}]"


class _Dynamic(str):
    """A value known only at run time (a variable, an expression): binds as anything."""


@dataclass
class Checker:
    script: ast.Script
    resolve: Resolver
    diagnostics: list[Diagnostic] = field(default_factory=list)
    functions: dict[str, CommandMetadata] = field(default_factory=dict)
    splats: dict[str, ast.HashLiteral] = field(default_factory=dict)
    #: The module the script loads: what it has is not "no longer in the module".
    module: ModuleProfile | None = None

    @property
    def source(self) -> ast.Source:
        return self.script.source

    def report(
        self, extent: ast.Extent, severity: str, message: str, error_id: str, edits: Sequence[Edit] = ()
    ) -> None:
        self.diagnostics.append(
            Diagnostic(self.source.name, extent.line, extent.column, severity, message, error_id, tuple(edits))
        )

    def report_stop(self, extent: ast.Extent, what: str) -> None:
        """Where ``cscmdlets run`` will reach code it does not emulate (the runner's EmulatorStop)."""
        self.report(extent, "warning", f"cscmdlets run stops here: it does not emulate {what}.", "NotEmulated")

    def report_error(
        self,
        error: PowerShellError,
        extent: ast.Extent,
        severity: str = "error",
        edits: Sequence[Edit] = (),
        note: str = "",
    ) -> None:
        info = error.invocation
        line, column = (info.line_number, info.column) if info.has_position else (extent.line, extent.column)
        message = error.message.replace("\n", " ")
        message = f"{message.rstrip()} {note}" if note else message
        self.diagnostics.append(
            Diagnostic(self.source.name, line, column, severity, message, error.fully_qualified_error_id, tuple(edits))
        )

    # --- walking -------------------------------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        self.collect()
        for node in walk(self.script.block):
            if isinstance(node, ast.Pipeline):
                for position, element in enumerate(node.elements):
                    if isinstance(element, ast.Command):
                        self.check_command(element, piped=position > 0)
            elif isinstance(node, ast.InvokeMember) and node.static:
                self.check_static(node)
            elif isinstance(node, ast.ConfigurationDefinition):
                self.report_stop(node.extent, f"the DSC Configuration '{node.name}'")
        return sorted(self.diagnostics, key=lambda d: (d.line, d.column))

    def collect(self) -> None:
        """The script's functions, and the hashtables assigned to variables (for splats)."""
        for node in walk(self.script.block):
            if isinstance(node, ast.FunctionDefinition):
                self.functions[node.name.lower()] = commands.function_metadata(node)
            elif isinstance(node, ast.Assignment) and isinstance(node.target, ast.Variable):
                table = _hash_literal_of(node.value)
                if table is not None:
                    self.splats[node.target.name.lower()] = table

    def check_static(self, node: ast.InvokeMember) -> None:
        type_name = node.target.type_name if isinstance(node.target, ast.TypeLiteral) else ""
        member = node.member.value if isinstance(node.member, ast.Constant) else ""
        if is_absent_type(type_name):  # PowerShell 7 fails here too: the type is not in .NET
            self.report(node.target.extent, "error", f"Unable to find type [{type_name}].", "TypeNotFound")
            return
        if not has_static_method(type_name, str(member)):
            self.report_stop(node.extent, f"the .NET call [{type_name}]::{member}()")

    # --- one command -----------------------------------------------------------------------------

    def check_command(self, node: ast.Command, *, piped: bool) -> None:
        if node.invocation_operator:
            self.check_invoked(node)
            return
        name = node.name_text
        lowered = commands.canonical_name(name)
        metadata = self.metadata_for(node, name, lowered)
        if metadata is None:
            return
        if lowered == "import-module":
            self.check_modules(node)
        if lowered == "new-object":
            self.check_new_object(node)
        if lowered == "add-type":
            self.check_add_type(node)
        if lowered == "foreach-object" and any(_names(e, "parallel") for e in node.elements):
            self.report_stop(node.extent, "ForEach-Object -Parallel")
        if lowered == "out-gridview" and _passes_rows_on(node):
            self.report_stop(node.extent, builtins.GRID_PICK)
        if lowered == "send-mailmessage":
            self.report(node.name.extent, "warning", MAIL_KEPT, "CommandObsolete")
        arguments, certain = self.static_arguments(node, metadata)
        command = commands.BUILTINS.get(lowered) if lowered not in self.functions else None
        if command is not None and command.remaining:
            arguments = commands.gather_remaining(command, arguments)  # as the runner binds them
        self.check_binding(node, metadata, arguments, piped=piped, certain=certain)
        self.check_conventions(node, metadata)

    def check_invoked(self, node: ast.Command) -> None:
        """``& 'x.exe'`` / ``. .\\other.ps1``: a script or program named by text stops the run."""
        if isinstance(node.name, ast.Constant | ast.ExpandableString):
            what = f"other scripts or external programs ('{self.source.text_of(node.name.extent)}')"
            self.report_stop(node.name.extent, what)

    def check_new_object(self, node: ast.Command) -> None:
        """New-Object of a type the emulator does not make stops the run."""
        first = next((e for e in node.elements if not isinstance(e, ast.CommandParameter)), None)
        if not isinstance(first, ast.Constant):
            return
        name = str(first.value)
        pscustomobject = name.lower().removeprefix("system.management.automation.") == "pscustomobject"
        if constructor_key(name) not in CONSTRUCTORS and not pscustomobject:  # that one fails as PowerShell's does
            self.report_stop(node.extent, f"New-Object {first.value}")

    def check_add_type(self, node: ast.Command) -> None:
        """Add-Type stops the run unless it only loads assemblies the emulator has the types of
        (the runner's :func:`.builtins.add_type`)."""
        expecting_names = False
        for element in node.elements:
            if isinstance(element, ast.CommandParameter):
                if not (_names(element, "assemblyname") or element.name.lower() == "an"):
                    self.report_stop(node.extent, f"Add-Type -{element.name}")
                    return
                expecting_names = element.argument is None
                if isinstance(element.argument, ast.Constant):
                    self.check_assembly(node, str(element.argument.value))
            elif not expecting_names:  # a positional argument is -TypeDefinition
                self.report_stop(node.extent, "Add-Type -TypeDefinition")
                return
            elif isinstance(element, ast.Constant):
                self.check_assembly(node, str(element.value))

    def check_assembly(self, node: ast.Command, name: str) -> None:
        if name.split(",", 1)[0].strip().lower() not in builtins.LOADABLE_ASSEMBLIES:
            self.report_stop(node.extent, f"Add-Type -AssemblyName {name}")

    def check_modules(self, node: ast.Command) -> None:
        """Import-Module of a module cscmdlets does not emulate stops the run."""
        for element in node.elements:
            if isinstance(element, ast.Constant) and str(element.value).lower() not in commands.EMULATED_MODULES:
                self.report_stop(node.name.extent, f"the module '{element.value}'")

    def metadata_for(self, node: ast.Command, name: str, lowered: str) -> CommandMetadata | None:
        if lowered in self.functions:
            return self.functions[lowered]
        command = commands.BUILTINS.get(lowered)
        if command is not None and command.kind is not Kind.REFUSED:
            return command.metadata if command.is_emulated else None
        if command is not None or commands.names_a_program(name):
            what = commands.refused_stop(command, name) if command else f"other scripts or external programs ('{name}')"
            self.report_stop(node.name.extent, what)
            return None
        try:
            metadata = self.resolve(commands.unqualified(name))
        except CommandNotFound as error:
            return self.command_not_found(node, error)
        if metadata.removed and not (self.module and self.module.has_command(metadata.name)):
            self.report(
                node.name.extent,
                "error",
                f"{metadata.name} is no longer in the MicrosoftTeams module: {metadata.removed}",
                "CommandNotFoundException",
            )
        return metadata

    def command_not_found(self, node: ast.Command, error: CommandNotFound) -> CommandMetadata | None:
        """Report an unknown command; with a close match, go on checking as that command."""
        suggestion = _suggested(error.recommended_action)
        if not suggestion and commands.is_typo_of_emulated(error):  # another module generation's command
            self.report_error(error, node.name.extent)
            return None
        if not suggestion:
            self.report_stop(node.name.extent, f"'{node.name_text}'")
            return None
        edit = Edit(node.name.extent.start, node.name.extent.end, suggestion)
        self.report_error(error, node.name.extent, "error", [edit], note=f"Did you mean {suggestion}?")
        try:
            return self.resolve(suggestion)
        except PowerShellError:
            return None

    def static_arguments(self, node: ast.Command, metadata: CommandMetadata) -> tuple[list[Argument], bool]:
        """The arguments with their literal values (placeholders for run-time values).

        ``certain`` is False when a splat could not be expanded, so missing-mandatory checks are off.
        """
        arguments: list[Argument] = []
        certain = True
        pending: str | None = None  # a `-Name` waiting for its value (the next element)
        for element in node.elements:
            where = self.source.invocation(element.extent)
            if isinstance(element, ast.CommandParameter):
                glued = element.argument
                value = NOT_GIVEN if glued is None else self.static_value(glued, metadata, element.name)
                value_where = None if glued is None else self.source.invocation(glued.extent)
                arguments.append(NamedArgument(element.name, value, element.text, where, value_where))
                target = _parameter_or_none(metadata, element.name) if element.argument is None else None
                pending = element.name if target is not None and not target.is_switch else None
            elif isinstance(element, ast.Splat):
                expanded = self.splatted(element, metadata, where)
                certain = certain and expanded is not None
                arguments.extend(expanded or [])
                pending = None
            else:
                arguments.append(PositionalArgument(self.static_value(element, metadata, pending), where))
                pending = None
        return arguments, certain

    def splatted(self, element: ast.Splat, metadata: CommandMetadata, where: InvocationInfo) -> list[Argument] | None:
        table = self.splats.get(element.name.lower())
        if table is None:
            return None
        arguments: list[Argument] = []
        for key, value in table.entries:
            if not isinstance(key, ast.Constant):
                return None
            name = str(key.value)
            expression = ast.single_expression(value)
            literal = self.static_value(expression, metadata, name) if expression is not None else _Dynamic("")
            arguments.append(NamedArgument(name, literal, f"-{name}", where))
        return arguments

    def static_value(self, node: ast.Expression, metadata: CommandMetadata, parameter: str | None) -> Any:
        literal = _literal(node)
        if literal is not _UNKNOWN:
            return literal
        return _placeholder(metadata, parameter, node)

    def check_binding(
        self, node: ast.Command, metadata: CommandMetadata, arguments: list[Argument], *, piped: bool, certain: bool
    ) -> None:
        invocation = self.source.invocation(node.extent, metadata.name)
        reported = False
        for _ in range(len(arguments) + 1):
            try:
                bind(metadata, arguments, invocation=invocation, expect_pipeline_input=piped)
                return
            except ParameterNotEmulated as error:  # the run stops here (the runner's EmulatorStop)
                element = _element_at(node, error.invocation)
                name, command = error.args_for_template
                self.report_stop(element.extent if element else node.extent, f"the parameter -{name} of {command}")
                return
            except PowerShellError as error:
                index = _argument_at(arguments, error)
                cascade = reported and error.error_id in ("MissingMandatoryParameter", "AmbiguousParameterSet")
                replacement = None
                if not cascade and not self.is_suppressed(error, arguments, index, certain):
                    replacement = self.binding_error(node, metadata, error)
                    reported = True
                if index is None:
                    return
                arguments = _without(arguments, index, replacement)

    def is_suppressed(
        self, error: PowerShellError, arguments: list[Argument], index: int | None, certain: bool
    ) -> bool:
        if error.error_id in ("MissingMandatoryParameter", "AmbiguousParameterSet") and not certain:
            return True
        if index is None or not error.error_id.startswith(("CannotConvert", "ParameterArgument")):
            return False
        value = arguments[index].value
        if value is NOT_GIVEN and index + 1 < len(arguments):
            value = arguments[index + 1].value  # `-Name value`: the value the name took
        return isinstance(value, _Dynamic)

    def binding_error(self, node: ast.Command, metadata: CommandMetadata, error: PowerShellError) -> Argument | None:
        """Report one binding error with its fix; returns what the argument should have been."""
        element = _element_at(node, error.invocation)
        edits: list[Edit] = []
        note = ""
        replacement: Argument | None = None
        if isinstance(error, NamedParameterNotFound) and isinstance(element, ast.CommandParameter):
            suggestion = _suggested(error.recommended_action)
            if suggestion:
                edits.append(Edit(element.extent.start, element.extent.end, suggestion))
                note = f"Did you mean {suggestion}?"
        elif error.error_id == "PositionalParameterNotFound" and element is not None:
            edits, note, replacement = self.stray_value(node, metadata, element)
        elif error.error_id == "CannotConvertArgument" and (owner := _parameter_taking(node, element)) is not None:
            edits, note = _bool_fix(node, owner)
        self.report_error(error, node.extent, "error", edits, note)
        return replacement

    def stray_value(
        self, node: ast.Command, metadata: CommandMetadata, element: ast.Expression | ast.CommandParameter
    ) -> tuple[list[Edit], str, Argument | None]:
        """A positional value nobody takes: after a switch, or an en dash with a space (reference examples)."""
        elements = list(node.elements)
        position = elements.index(element) if element in elements else -1
        before = elements[position - 1] if position > 0 else None
        after = elements[position + 1] if 0 <= position < len(elements) - 1 else None
        if _is_lone_dash(element) and isinstance(after, ast.Constant):
            parameter = _parameter_or_none(metadata, str(after.value))
            if parameter is not None:
                edit = Edit(element.extent.start, after.extent.end, f"-{parameter.name}")
                intended = NamedArgument(
                    parameter.name, NOT_GIVEN, f"-{parameter.name}", self.source.invocation(element.extent)
                )
                return (
                    [edit],
                    f"The dash and '{after.value}' are separated by a space; write -{parameter.name}.",
                    intended,
                )
        if isinstance(before, ast.CommandParameter) and before.argument is None:
            parameter = _parameter_or_none(metadata, before.name)
            if parameter is not None and parameter.is_switch:
                edits, note = self.switch_value_fix(before, element, parameter)
                return edits, note, None
        return [], "", None

    def switch_value_fix(
        self, switch: ast.CommandParameter, value: ast.Expression | ast.CommandParameter, parameter: Parameter
    ) -> tuple[list[Edit], str]:
        note = f"-{parameter.name} is a switch and takes no value; write -{parameter.name}:$false to turn it off."
        literal = _literal(value) if not isinstance(value, ast.CommandParameter) else _UNKNOWN
        if isinstance(literal, bool):
            glued = f"{switch.text}:{self.source.text_of(value.extent)}"
            return [Edit(switch.extent.start, value.extent.end, glued)], note
        return [Edit(switch.extent.end, value.extent.end, "")], note

    def check_conventions(self, node: ast.Command, metadata: CommandMetadata) -> None:
        elements = list(node.elements)
        for position, element in enumerate(elements):
            if not isinstance(element, ast.CommandParameter):
                continue
            parameter = _parameter_or_none(metadata, element.name)
            if parameter is None:
                continue
            if parameter.removed and not (self.module and self.module.has_parameter(metadata.name, parameter.name)):
                self.removed_parameter(node, element, parameter, elements[position + 1 : position + 2])
            elif parameter.name == "WhatIf" and self.ignores_what_if(metadata):
                self.report(
                    element.extent,
                    "warning",
                    f"{metadata.name} ignores -WhatIf: the real cmdlet does not "
                    "implement it and makes the change (cscmdlets honours it).",
                    "WhatIfNotImplemented",
                )
            elif self.may_take_a_bool(metadata, parameter, element) and position + 1 < len(elements):
                self.switch_followed_by_bool(element, parameter, elements[position + 1])

    @staticmethod
    def may_take_a_bool(metadata: CommandMetadata, parameter: Parameter, element: ast.CommandParameter) -> bool:
        """A bare switch whose next word looks like its value (Where-Object's operators excepted)."""
        return (
            parameter.is_switch and element.argument is None and metadata.name.lower() not in commands.OPERATOR_SWITCHES
        )

    @staticmethod
    def ignores_what_if(metadata: CommandMetadata) -> bool:
        return metadata.name.lower() in WHATIF_IGNORED or "WhatIf as not implemented" in metadata.notes

    def removed_parameter(
        self,
        node: ast.Command,
        element: ast.CommandParameter,
        parameter: Parameter,
        following: list[ast.Expression | ast.CommandParameter],
    ) -> None:
        end = element.extent.end
        if (
            element.argument is None
            and not parameter.is_switch
            and following
            and not isinstance(following[0], ast.CommandParameter)
        ):
            end = following[0].extent.end
        start = element.extent.start
        while start > 0 and self.source.text[start - 1] in " \t":
            start -= 1
        error = NamedParameterNotFound(element.name).for_command(node.name_text, self.resolve_type(node))
        error.at(self.source.invocation(element.extent))
        self.report_error(
            error,
            element.extent,
            "error",
            [Edit(start, end, "")],
            note=f"(-{parameter.name} is no longer in the MicrosoftTeams module: {parameter.removed})",
        )

    def resolve_type(self, node: ast.Command) -> str:
        try:
            return self.resolve(node.name_text).implementing_type
        except PowerShellError:
            return ""

    def switch_followed_by_bool(
        self, element: ast.CommandParameter, parameter: Parameter, following: ast.Expression | ast.CommandParameter
    ) -> None:
        literal = _literal(following) if not isinstance(following, ast.CommandParameter) else _UNKNOWN
        if not isinstance(literal, bool):
            return
        already = any(d.line == following.extent.line and d.column == following.extent.column for d in self.diagnostics)
        if already:
            return
        glued = f"{element.text}:{self.source.text_of(following.extent)}"
        self.report(
            following.extent,
            "warning",
            f"-{parameter.name} is a switch: "
            f"'{self.source.text_of(following.extent)}' is not its value but a positional argument; "
            f"write {glued}.",
            "SwitchParameterValue",
            [Edit(element.extent.start, following.extent.end, glued)],
        )


_UNKNOWN: Any = object()


def _literal(node: ast.Expression) -> Any:
    """The value of a literal argument, or ``_UNKNOWN``."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Variable) and not node.scope and node.name.lower() in ("true", "false", "null"):
        return {"true": True, "false": False, "null": None}[node.name.lower()]
    if isinstance(node, ast.ExpandableString):
        return _Dynamic("x")  # certainly a string, whatever it expands to
    if isinstance(node, ast.ArrayLiteral):
        items = [_literal(item) for item in node.items]
        return _UNKNOWN if any(i is _UNKNOWN for i in items) else items
    if isinstance(node, ast.HashLiteral):
        return Hashtable()
    return _UNKNOWN


_CANDIDATES: tuple[Any, ...] = (
    *(_Dynamic("placeholder"), True, 1, uuid.UUID(int=1), "contoso.com"),
    dt.datetime(2000, 1, 1),  # a [DateTime] parameter's (Get-Date -Date $d)
)


def _placeholder(metadata: CommandMetadata, parameter: str | None, node: ast.Expression) -> Any:
    """A value the parameter accepts, standing in for one known only at run time."""
    target: Parameter | None = None
    if parameter is not None:
        target = _parameter_or_none(metadata, parameter)
    if target is None:
        return _Dynamic("placeholder")
    for candidate in _CANDIDATES:
        try:
            target.type.convert(candidate, target.name)
        except PowerShellError:
            continue
        return candidate if not isinstance(candidate, str) else _Dynamic(candidate)
    return _Dynamic("placeholder")


def _parameter_or_none(metadata: CommandMetadata, name: str) -> Parameter | None:
    try:
        return match_parameter(metadata, name)
    except AmbiguousParameter:
        return None


def _is_lone_dash(element: ast.Expression | ast.CommandParameter) -> bool:
    return (
        isinstance(element, ast.Constant)
        and isinstance(element.value, str)
        and len(element.value) == 1
        and element.value in ast.DASHES
    )


def _suggested(recommendation: str) -> str:
    match = re.search(r"Did you mean '([^']+)'\?", recommendation)
    return match.group(1) if match else ""


def _bool_fix(node: ast.Command, element: ast.CommandParameter) -> tuple[list[Edit], str]:
    """``-Enabled "true"`` → ``-Enabled $true`` (a bool takes only $true/$false or numbers, about_Type_Conversion)."""
    elements = list(node.elements)
    position = elements.index(element)
    value = (
        element.argument
        if element.argument is not None
        else (elements[position + 1] if position + 1 < len(elements) else None)
    )
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        text = value.value.strip().lstrip("$").lower()
        if text in ("true", "false"):
            return [Edit(value.extent.start, value.extent.end, f"${text}")], f"Write ${text}, not a string."
    return [], ""


def _parameter_taking(
    node: ast.Command, element: ast.Expression | ast.CommandParameter | None
) -> ast.CommandParameter | None:
    """The ``-Name`` whose value ``element`` is (``-Name value`` or ``-Name:value``), if any."""
    elements = list(node.elements)
    for position, candidate in enumerate(elements):
        if not isinstance(candidate, ast.CommandParameter):
            continue
        if candidate.argument is element or (
            candidate.argument is None and position + 1 < len(elements) and elements[position + 1] is element
        ):
            return candidate
    return None


def _argument_at(arguments: list[Argument], error: PowerShellError) -> int | None:
    """The argument an error points at: by position, then (splats share one) by name. A value
    that did not convert or validate is underlined where it is: its ``-Name`` is the argument."""
    info = error.invocation
    if not info.has_position:
        return None
    spot = (info.line_number, info.column)
    at = [i for i, a in enumerate(arguments) if spot in (_spot(a.where), _spot(getattr(a, "value_where", None)))]
    typed = str(error.args_for_template[0]).lower() if error.args_for_template else None
    named = [i for i in at if isinstance(argument := arguments[i], NamedArgument) and argument.name.lower() == typed]
    found = named or at
    if not found:
        return None
    index = found[0]
    before = arguments[index - 1] if index > 0 else None
    value_error = error.error_id.startswith(("CannotConvert", "ParameterArgument"))
    taken = (
        isinstance(arguments[index], PositionalArgument) and isinstance(before, NamedArgument) and not before.is_glued
    )
    return index - 1 if value_error and taken else index


def _spot(where: InvocationInfo | None) -> tuple[int, int] | None:
    return None if where is None else (where.line_number, where.column)


def _without(arguments: list[Argument], index: int, replacement: Argument | None = None) -> list[Argument]:
    """Set the offending argument aside (with the value an unknown ``-Name`` was given), or,
    for the en dash typo, put the intended ``-Name`` in place of the dash and the name."""
    removed = arguments[index]
    if replacement is not None:
        return [*arguments[:index], replacement, *arguments[index + 2 :]]
    end = index + 1
    if (
        isinstance(removed, NamedArgument)
        and not removed.is_glued
        and end < len(arguments)
        and isinstance(arguments[end], PositionalArgument)
    ):
        end += 1
    return arguments[:index] + arguments[end:]


def _element_at(node: ast.Command, info: InvocationInfo) -> ast.Expression | ast.CommandParameter | None:
    for element in node.elements:
        if (element.extent.line, element.extent.column) == (info.line_number, info.column):
            return element
    return None


def _hash_literal_of(statement: ast.Statement) -> ast.HashLiteral | None:
    expression = ast.single_expression(statement)
    return expression if isinstance(expression, ast.HashLiteral) else None


def walk(node: ast.Node | ast.Script) -> Iterator[Any]:
    """Every AST node under ``node`` that the runner would run as code, depth first."""
    return ast.walk(node, _code_children)


def _code_children(node: ast.Node) -> Iterable[ast.Node]:
    """The parts of ``node`` that are code: all of them, except a script block given to a
    ``-Filter`` (Get-CsOnlineUser and the policy cmdlets read ``{Department -eq 'Sales'}`` as
    filter text) and the body of a DSC Configuration (the run stops on the block itself)."""
    if isinstance(node, ast.ConfigurationDefinition) or _is_filter_block(node, getattr(node, "argument", None)):
        return ()
    children = ast.child_nodes(node)
    return _without_filter_blocks(children) if isinstance(node, ast.Command) else children


def _without_filter_blocks(elements: Iterable[ast.Node]) -> Iterator[ast.Node]:
    """A command's parts but the ``{…}`` written after ``-Filter`` as its own argument."""
    previous: ast.Node | None = None
    for element in elements:
        if not _is_filter_block(previous, element):
            yield element
        previous = element


def _is_filter_block(parameter: Any, value: Any) -> bool:
    return (
        isinstance(parameter, ast.CommandParameter)
        and parameter.name.lower() == "filter"
        and isinstance(value, ast.ScriptBlockExpression)
    )


def check_script(
    path_or_text: str | os.PathLike[str], *, resolve_command: Resolver | None = None, script_name: str | None = None
) -> list[Diagnostic]:
    """Report what real PowerShell would reject in a script, without running anything.

    Args:
        path_or_text: a ``.ps1`` path, or script text.
        resolve_command: cmdlet metadata by name (default: the commands of the module the script
            loads, else ``cscmdlets.cmdlets.find_command``).
        script_name: the file name shown in diagnostics (default: the path).

    Returns:
        Diagnostics sorted by position; ``error`` ones are what PowerShell would reject.
        See about_Parameters, about_Type_Conversion and the cmdlets' reference examples.
    """
    text, name = read_script(path_or_text)
    name = script_name if script_name is not None else name
    module = module_named_in(text)  # a script that loads the Skype connector is checked against it
    try:
        script = ast.parse(text, name)
    except ParseError as error:
        info = error.invocation
        return [Diagnostic(name, info.line_number, info.column, "error", error.message, error.error_id)]
    if resolve_command is None:
        from ..cmdlets import find_command

        resolve_command = module.find_command if module is not None else find_command
    return Checker(script, resolve_command, module=module).run()


def fix_script(path_or_text: str | os.PathLike[str], *, resolve_command: Resolver | None = None) -> str:
    """The script with every certain fix applied (``cscmdlets check --fix``)."""
    text, _ = read_script(path_or_text)
    edits = sorted(
        {e for d in check_script(text, resolve_command=resolve_command) for e in d.edits},
        key=lambda e: e.start,
        reverse=True,
    )
    last_start = len(text) + 1
    for edit in edits:
        if edit.end > last_start:
            continue  # overlapping fixes: keep the later one
        text = text[: edit.start] + edit.replacement + text[edit.end :]
        last_start = edit.start
    return text


def write_fixed(path: str | os.PathLike[str], *, resolve_command: Resolver | None = None) -> Path:
    """Write the fixed script beside the original as ``NAME.fixed.ps1`` and return its path."""
    source = Path(path)
    target = source.with_name(f"{source.stem}.fixed{source.suffix or '.ps1'}")
    target.write_text(fix_script(source, resolve_command=resolve_command), encoding="utf-8")
    return target


def _passes_rows_on(node: ast.Command) -> bool:
    """Out-GridView -PassThru, or -OutputMode other than a constant None: a person picks rows."""
    elements = node.elements
    for index, element in enumerate(elements):
        if _names(element, "passthru"):
            return True
        if _names(element, "outputmode") and isinstance(element, ast.CommandParameter):
            given = elements[index + 1 : index + 2]
            mode = element.argument if element.argument is not None else (given[0] if given else None)
            return not (isinstance(mode, ast.Constant) and str(mode.value).lower() == "none")
    return False


def _names(element: ast.Node, parameter: str) -> bool:
    """Whether ``element`` is ``-parameter`` or a prefix of it, as PowerShell matches names."""
    return (
        isinstance(element, ast.CommandParameter)
        and len(element.name) > 1
        and parameter.startswith(element.name.lower())
    )
