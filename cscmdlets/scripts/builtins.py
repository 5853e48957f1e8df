"""The handlers of the script-language commands: Write-Host, Import-Csv, ForEach-Object…

Each handler takes a :class:`Call` (the bound command, the pipeline input and the
:class:`~.host.ScriptHost`) and returns the objects it writes to the pipeline; the runner
gives it all its input at once, through :class:`Collecting`. The commands that pass objects
on one at a time (ForEach-Object, Where-Object, Select-Object, Write-Output) are
:class:`Streaming` stages instead (:mod:`.pipeline`), writing each object as they make it. Their
parameters are data in :mod:`.commands` (one table that the runner, linter and porter read);
this module never imports the runner, and reaches files and ``$env:`` only through the host's
platform.

Errors follow PowerShell's kinds (about_Error_Handling): a handler *writes* a non-terminating
error with :func:`Call.write_error` (Get-Content on a missing file) and *raises* a
statement-terminating one (Import-Csv on a missing file, Out-File into a missing folder), each
with the record PowerShell's own cmdlet writes.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import statistics
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cmdlets.profiles import load_module
from ..model.culture import JSON_DATE, HintedDate, date_text, format_date
from ..model.display import (
    DictionaryEntry,
    FormattedText,
    cell_text,
    entries_of,
    is_out_of_band,
    text_wide,
    wide_columns,
)
from ..powershell import parser as ast
from ..powershell.binder import BoundCommand, NamedArgument, PositionalArgument
from ..powershell.errors import (
    ErrorCategory,
    NonInteractivePrompt,
    NullNotAllowed,
    PowerShellError,
    ValidationFailed,
)
from ..powershell.formatting import format_list, format_table
from ..powershell.metadata import NOT_GIVEN, ActionPreference, should_process_message
from ..powershell.types import ps_string
from . import clixml
from .errors import EmulatorStop, RuntimeFailure
from .extended import AddedMember, add_member, added_members, find_added, has_member, member_names, with_added
from .host import Platform, ProgressRecord, ScriptHost
from .members import CREDENTIAL, call_method, construct, current_culture, get_member, type_loaded
from .out_default import out_default_text
from .pipeline import Sink, Stage, StopUpstream
from .values import (
    Hashtable,
    PathInfo,
    PSObject,
    ScriptBlockValue,
    SecureString,
    as_list,
    compare,
    convert_to,
    dotnet_regex,
    format_operator,
    format_value,
    is_true,
    to_number,
    to_string,
    type_name_of,
    wildcard,
)

__all__ = [
    "ENCODINGS",
    "Call",
    "Collecting",
    "ForEachObject",
    "Handler",
    "SelectObject",
    "StageFactory",
    "Streaming",
    "WhereObject",
    "WriteOutput",
    "comparable",
    "csv_lines",
    "csv_rows",
    "decode",
    "file_text",
    "open_failure",
    "render",
    "select_stage",
    "transcript_text",
    "write_text",
]

Argument = NamedArgument | PositionalArgument


@dataclass
class Call:
    """One builtin invocation: the host, the bound command, the raw arguments, the pipeline
    input (``None`` when the command is first) and the AST node (for error positions)."""

    host: ScriptHost
    bound: BoundCommand
    arguments: list[Argument]
    input: list[Any] | None
    node: ast.Command

    @property
    def name(self) -> str:
        return self.bound.metadata.name

    def get(self, name: str, default: Any = None) -> Any:
        value = self.bound.values.get(name, NOT_GIVEN)
        return default if value is NOT_GIVEN else value

    def given(self, name: str) -> bool:
        return self.bound.values.get(name, NOT_GIVEN) is not NOT_GIVEN

    def switch(self, name: str) -> bool:
        return bool(self.get(name, False))

    def items(self, parameter: str = "InputObject") -> list[Any]:
        """The pipeline input, else the ``-InputObject`` value."""
        if self.input is not None:
            return self.input
        return as_list(self.get(parameter))

    def objects(self) -> list[Any]:
        """The input objects, ``$null`` left out, as the ProcessRecord of Select-, Sort-, Group- and
        Measure-Object and of the CSV commands skips it (Measure-Object.cs, CsvCommands.cs)."""
        return [item for item in self.items() if item is not None]

    def error(self, error: PowerShellError) -> PowerShellError:
        """``error`` as this command's: its FQEID suffix and the script position."""
        error.for_command(self.name, self.bound.metadata.implementing_type)
        return error.at(self.host.invocation(self.node, self.name))

    def write_error(self, error: PowerShellError) -> None:
        """A non-terminating error; ``-ErrorAction``/``$ErrorActionPreference`` decide the rest."""
        self.host.write_error(self.error(error).error_record, self.bound.common.error_action)

    def should_process(self, action: str, target: str) -> bool:
        """ShouldProcess: ``False`` under -WhatIf; with -Verbose the operation is written."""
        if not self.host.should_process(self.bound.common.what_if, action, target):
            return False
        if self.bound.common.verbose:
            self.host.write_verbose(should_process_message(action, target), forced=True)
        return True

    def path(self, name: str = "Path") -> Path:
        return self.host.platform.resolve(self.path_text(name))

    def path_text(self, name: str = "Path") -> str:
        value = self.get(name)
        if value is None:
            value = self.get("LiteralPath")
        return to_string(value[0] if isinstance(value, list | tuple) and value else value)


Handler = Callable[[Call], list[Any]]
#: A command that is a pipeline stage of its own: made from its call and where it writes.
StageFactory = Callable[[Call, Sink], Stage]


class Streaming:
    """A command that takes its input one object at a time and writes as it goes (a cmdlet's
    BeginProcessing, ProcessRecord, EndProcessing): subclasses write :meth:`one` objects."""

    def __init__(self, call: Call, out: Sink) -> None:
        self.call = call
        self.out = out

    def begin(self) -> None:
        pass

    def process(self, item: Any) -> None:
        """One input object; as the first command, each ``-InputObject`` value instead."""
        for each in self.call.items() if item is NOT_GIVEN else [item]:
            self.one(each)

    def one(self, item: Any) -> None:
        raise NotImplementedError

    def end(self) -> None:
        pass


class Collecting(Streaming):
    """A command that needs all its input before it writes (Sort-Object, Export-Csv…): the
    handler runs at the end with the input collected, or at once as the first command. What it
    writes is counted as it flows on (the progress of a pipeline it starts)."""

    def __init__(self, call: Call, out: Sink, handler: Handler) -> None:
        super().__init__(call, out)
        self.handler = handler

    def process(self, item: Any) -> None:
        if self.call.input is None:
            self._write(self.handler(self.call))
        else:
            self.call.input.append(item)

    def end(self) -> None:
        if self.call.input is not None:
            self._write(self.handler(self.call))

    def _write(self, values: list[Any]) -> None:
        with self.call.host.counted(values) as each:
            self.out.extend(each)


# --- errors the file and module cmdlets write ------------------------------------------------------


class PathNotFound(PowerShellError):
    """Get-Content on a missing path: non-terminating (SessionStateStrings.resx PathNotFound)."""

    error_id = "PathNotFound"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ItemNotFoundException"
    template = "Cannot find path '{0}' because it does not exist."


class ClixmlUnreadable(PowerShellError):
    """Import-Clixml of a file that is not serialized objects (Deserializer: XmlException)."""

    error_id = "System.Xml.XmlException"  # inferred
    category = ErrorCategory.NotSpecified
    exception_type = "System.Xml.XmlException"
    template = "The file '{0}' does not hold serialized PowerShell objects: {1}."  # inferred


class LocationStackNotFound(PowerShellError):
    """Pop-Location -StackName of a stack never pushed (SessionStateStrings.resx StackNotFound)."""

    error_id = "Argument"
    category = ErrorCategory.InvalidArgument
    exception_type = "System.Management.Automation.PSArgumentException"
    template = "Cannot find location stack '{0}'. It does not exist or it is not a container."


class NoModuleMatch(PowerShellError):
    """Get-InstalledModule of a module not installed (PackageManagement's GetPackage)."""

    error_id = "NoMatchFound"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Exception"
    template = "No match was found for the specified search criteria and module names '{0}'."


class ContainerContent(PowerShellError):
    error_id = "GetContainerContentException"
    category = ErrorCategory.InvalidOperation
    exception_type = "System.Management.Automation.PSInvalidOperationException"
    template = "Unable to get content because it is a directory: '{0}'. Please use 'Get-ChildItem' instead."


class FileOpenFailure(PowerShellError):
    """Import-Csv, Out-File, Export-Csv, ``>``: statement-terminating (PathUtils.cs)."""

    error_id = "FileOpenFailure"
    category = ErrorCategory.OpenError
    exception_type = "System.IO.DirectoryNotFoundException"


class WriterDirectoryNotFound(PowerShellError):
    """Set-Content/Add-Content into a missing folder: non-terminating."""

    error_id = "GetContentWriterDirectoryNotFoundError"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.IO.DirectoryNotFoundException"
    template = "Could not find a part of the path '{0}'."


class TypeNotFound(PowerShellError):
    """New-Object of a type no loaded assembly has: statement-terminating (NewObjectCommand.cs,
    BeginProcessing; NewObjectStrings.resx TypeNotFound)."""

    error_id = "TypeNotFound"
    category = ErrorCategory.InvalidType
    exception_type = "System.Management.Automation.PSArgumentException"
    template = "Cannot find type [{0}]: verify that the assembly containing this type is loaded."


class NoClobber(PowerShellError):
    error_id = "NoClobber"
    category = ErrorCategory.ResourceExists
    exception_type = "System.IO.IOException"
    template = "File {0} already exists and NoClobber was specified."


class NewItemExists(PowerShellError):
    error_id = "NewItemIOError"
    category = ErrorCategory.WriteError
    exception_type = "System.IO.IOException"
    template = "The file '{0}' already exists."


class RenameTargetExists(NewItemExists):
    """Rename-Item onto a name in use (FileSystemProvider.RenameItem: the move's IOException)."""

    error_id = "RenameItemIOError"


class DirectoryExists(PowerShellError):
    error_id = "DirectoryExist"
    category = ErrorCategory.ResourceExists
    exception_type = "System.IO.IOException"
    template = "An item with the specified name {0} already exists."


class NullPath(PowerShellError):
    error_id = "NullPathNotPermitted"
    category = ErrorCategory.InvalidArgument
    exception_type = "System.ArgumentNullException"
    template = "Value cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')"


class OutsideModule(PowerShellError):
    error_id = "Modules_CanOnlyExecuteExportModuleMemberInsideAModule"
    category = ErrorCategory.PermissionDenied
    exception_type = "System.InvalidOperationException"
    template = "The Export-ModuleMember cmdlet can only be called from inside a module."


class NotTranscribing(PowerShellError):
    error_id = "InvalidOperation"
    category = ErrorCategory.InvalidOperation
    exception_type = "System.Management.Automation.PSInvalidOperationException"
    template = "An error occurred stopping transcription: The host is not currently transcribing."


class CommandNotFoundWritten(PowerShellError):
    """Get-Command on an unknown exact name: written, not thrown (GetCommandCommand.cs)."""

    error_id = "CommandNotFoundException"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.CommandNotFoundException"
    template = (
        "The term '{0}' is not recognized as a name of a cmdlet, function, script file, or "
        "executable program.\nCheck the spelling of the name, or if a path was included, verify "
        "that the path is correct and try again."
    )


class FileReadFailure(PowerShellError):
    """A file that exists but cannot be read (no permission, not text)."""

    error_id = "ReadError"  # inferred
    category = ErrorCategory.ReadError
    exception_type = "System.IO.IOException"
    template = "{0}"


def open_failure(path: Path, *, missing_file: bool = False) -> FileOpenFailure:
    if missing_file:
        error = FileOpenFailure(message=f"Could not find file '{path}'.")
        error.exception_type = "System.IO.FileNotFoundException"  # type: ignore[misc]
        return error
    return FileOpenFailure(message=f"Could not find a part of the path '{path}'.")


# --- output streams --------------------------------------------------------------------------------


def host_text(value: Any, separator: str) -> str:
    """Write-Host's text: collections unrolled and joined with ``-Separator``, each object its
    ToString() (a date in the current culture, not ``"$d"``'s invariant one: WriteConsoleCmdlet.cs)."""
    if isinstance(value, list | tuple):
        return separator.join(host_text(item, separator) for item in value)
    return date_text(value) if isinstance(value, dt.datetime) else to_string(value)


def write_host(call: Call) -> list[Any]:
    separator = to_string(call.get("Separator", " "))
    values = call.input if call.input is not None else call.get("Object", "")
    call.host.write_host(host_text(values, separator), newline=not call.switch("NoNewline"))
    return []


class WriteOutput(Streaming):
    """Each input object passes on; as the first command, ``-InputObject`` unrolled unless
    ``-NoEnumerate``."""

    def process(self, item: Any) -> None:
        if item is not NOT_GIVEN:
            self.out.append(item)
        elif self.call.given("InputObject"):
            value = self.call.get("InputObject")
            unrolled = isinstance(value, list | tuple) and not self.call.switch("NoEnumerate")
            self.out.extend(value if unrolled else [value])


def write_warning(call: Call) -> list[Any]:
    for text in call.input if call.input is not None else [call.get("Message")]:
        call.host.write_warning(to_string(text), call.bound.common.warning_action)
    return []


def write_verbose(call: Call) -> list[Any]:
    call.host.write_verbose(to_string(call.get("Message")), forced=call.bound.common.verbose)
    return []


class WrittenError(PowerShellError):
    """``Write-Error "text"``: FQEID ``Microsoft.PowerShell.Commands.WriteErrorException,<caller>``."""

    error_id = "Microsoft.PowerShell.Commands.WriteErrorException"
    category = ErrorCategory.NotSpecified
    exception_type = "Microsoft.PowerShell.Commands.WriteErrorException"


def write_error(call: Call) -> list[Any]:
    from ..powershell.errors import ErrorRecord

    record = call.get("ErrorRecord", call.get("Message"))
    if isinstance(record, ErrorRecord):
        call.host.write_error(record, call.bound.common.error_action)
        return []
    category = call.get("Category")
    error = WrittenError(message=to_string(record), target_object=call.get("TargetObject"), command_name="Write-Error")
    if call.get("ErrorId"):
        error.error_id = to_string(call.get("ErrorId"))  # type: ignore[misc]
    if category is not None:
        error.category = ErrorCategory[to_string(category)]  # type: ignore[misc]
    # The FQEID names the caller, not Write-Error: the function or script file; inside a function
    # the record points where the function was called, under its name (Write.cs,
    # WriteOrThrowErrorCommand uses the caller's $MyInvocation; about_Automatic_Variables, $?).
    where = call.host.caller_invocation() or call.host.invocation(call.node, "Write-Error")
    error.implementing_type = call.host.caller_name
    call.host.write_error(error.at(where).error_record, call.bound.common.error_action)
    return []


def write_information(call: Call) -> list[Any]:
    """Write-Information: shown only when the information action is Continue: -InformationAction,
    else $InformationPreference, SilentlyContinue unless a script sets it (Write-Information's
    reference page; about_Preference_Variables)."""
    action = call.bound.common.information_action
    if action is None:
        preference = call.host.get_variable("InformationPreference")
        action = preference if isinstance(preference, ActionPreference) else _ACTIONS.get(to_string(preference).lower())
    if action == ActionPreference.Continue:
        call.host.write_host(to_string(call.get("MessageData")))
    return []


_ACTIONS = {member.name.lower(): member for member in ActionPreference}


def nothing(call: Call) -> list[Any]:
    return []


def measure_command(call: Call) -> list[Any]:
    """Measure-Command: the script block's run time as a TimeSpan; what the block writes is
    dropped, as Measure-Command.cs sends it nowhere. ``$_`` is each input object in turn."""
    block, started = call.get("Expression"), time.perf_counter()
    for item in call.items() or [None]:
        call.host.run_block(block, item, [])
    return [dt.timedelta(seconds=time.perf_counter() - started)]


def new_guid(call: Call) -> list[Any]:
    """New-Guid: a new Guid (from the run's seeded source), ``-Empty`` the zero one, or
    ``-InputObject`` text read as one."""
    if call.switch("Empty"):
        return [uuid.UUID(int=0)]
    if call.given("InputObject") or call.input is not None:
        return [convert_to(text, "guid") for text in call.items()]
    return [uuid.UUID(call.host.new_guid())]


def get_execution_policy(call: Call) -> list[Any]:
    """Unrestricted, set at LocalMachine: on non-Windows computers PowerShell's execution policy
    is Unrestricted and cannot be changed (about_Execution_Policies)."""

    def policy(scope: str) -> str:
        return "Unrestricted" if scope == "LocalMachine" else "Undefined"

    if call.switch("List"):
        scopes = ("MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine")
        return [PSObject([("Scope", scope), ("ExecutionPolicy", policy(scope))]) for scope in scopes]
    return [policy(to_string(call.get("Scope", "LocalMachine")))]


# --- pipeline commands ------------------------------------------------------------------------------


def write_progress(call: Call) -> list[Any]:
    call.host.write_progress(
        ProgressRecord(
            activity=to_string(call.get("Activity", "")),
            status=to_string(call.get("Status", "Processing")),
            id=int(call.get("Id", 0)),
            percent_complete=int(call.get("PercentComplete", -1)),
            current_operation=to_string(call.get("CurrentOperation", "")),
            completed=call.switch("Completed"),
        )
    )
    return []


class ForEachObject(Streaming):
    """``-Begin``/``-Process``/``-End``; several positional blocks are begin, process…, end.
    Each block's output is written as it runs (ForEachObjectCommand.cs)."""

    def begin(self) -> None:
        if self.call.given("Parallel"):  # script blocks in runspaces of their own, with $using: variables
            raise EmulatorStop("ForEach-Object -Parallel")
        blocks = as_list(self.call.get("Process", self.call.get("MemberName")))
        self.arguments = as_list(self.call.get("ArgumentList"))
        if blocks and not isinstance(blocks[0], ScriptBlockValue):  # a member name, then its arguments
            blocks, self.arguments = blocks[:1], blocks[1:] + self.arguments
        start, self.finish = self.call.get("Begin"), self.call.get("End")
        if len(blocks) > 1 and start is None:
            start, blocks = blocks[0], blocks[1:]
        if len(blocks) > 1 and self.finish is None:
            blocks, self.finish = blocks[:-1], blocks[-1]
        self.blocks = blocks
        if isinstance(start, ScriptBlockValue):
            self.call.host.run_block(start, None, self.out)

    def one(self, item: Any) -> None:
        for block in self.blocks:
            if isinstance(block, ScriptBlockValue):
                self.call.host.run_block(block, item, self.out)
            else:  # -MemberName
                self.out.extend(as_list(self._member(item, to_string(block))))

    def _member(self, item: Any, name: str) -> Any:
        """``% Name``: a property's value; ``% ToUpper``, ``% Split ','``: the method called with
        -ArgumentList (or the words after the name)."""
        arguments = self.arguments
        value = None if arguments else get_member(item, name)
        if value is not None or item is None:
            return value
        try:
            return call_method(item, name, arguments)
        except PowerShellError:
            if arguments:
                raise
            return None  # neither a property with a value nor a method: nothing, as for $x.Name

    def end(self) -> None:
        if isinstance(self.finish, ScriptBlockValue):
            self.call.host.run_block(self.finish, None, self.out)


WHERE_OPERATORS = (
    "EQ",
    "NE",
    "GT",
    "GE",
    "LT",
    "LE",
    "Like",
    "NotLike",
    "Match",
    "NotMatch",
    "Contains",
    "NotContains",
    "In",
    "NotIn",
    "CEQ",
    "CNE",
    "CGT",
    "CGE",
    "CLT",
    "CLE",
    "CLike",
    "CNotLike",
    "CMatch",
    "CNotMatch",
    "CContains",
    "CNotContains",
    "CIn",
    "CNotIn",
)


class WhereObject(Streaming):
    """The objects that pass the script block or the comparison statement."""

    def begin(self) -> None:
        self.test = _where_test(self.call)

    def one(self, item: Any) -> None:
        if self.test(item):
            self.out.append(item)


def _where_test(call: Call) -> Callable[[Any], bool]:
    script, prop = call.get("FilterScript"), call.get("Property")
    if isinstance(prop, ScriptBlockValue):
        script, prop = prop, None
    if isinstance(script, ScriptBlockValue):
        return lambda item: is_true(_block_output(call, script, item))
    name = to_string(prop)
    if call.switch("Not"):
        return lambda item: not is_true(get_member(item, name))
    operator = next((op for op in WHERE_OPERATORS if call.switch(op)), None)
    if operator is None and not call.given("Value"):
        return lambda item: is_true(get_member(item, name))
    value, test = call.get("Value"), (operator or "EQ").lower()
    return lambda item: is_true(compare(test, get_member(item, name), value))


def _block_output(call: Call, block: ScriptBlockValue, item: Any) -> list[Any]:
    out: list[Any] = []
    call.host.run_block(block, item, out)
    return out


def _property_spec(spec: Any) -> tuple[str, Callable[[Any], Any]]:
    """A Select-Object property: a name, or ``@{Name=…; Expression={…}}`` (calculated)."""
    if isinstance(spec, dict):
        name = next((to_string(v) for k, v in spec.items() if to_string(k).lower() in ("name", "n", "label", "l")), "")
        expression = next((v for k, v in spec.items() if to_string(k).lower() in ("expression", "e")), None)
        if isinstance(expression, ScriptBlockValue):
            block = expression
            return name, lambda item: _single(block.invoke(item))
        return name, lambda item: get_member(item, to_string(expression))
    if isinstance(spec, ScriptBlockValue):  # `Sort-Object { [datetime]$_.When }`: its value per object
        return to_string(spec), lambda item: _single(spec.invoke(item))
    text = to_string(spec)
    return text, lambda item: get_member(item, text)


def _single(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else (values or None)


def _property_names(item: Any) -> list[str]:
    if callable(getattr(item, "to_ps", None)):
        return member_names(item)
    return list(item.keys()) if isinstance(item, dict) else []


def shown(items: Sequence[Any]) -> list[Any]:
    """Objects as the formatter and ConvertTo-Json see them: members a script added included."""
    return [with_added(item, get_member) for item in items]


def _select_one(item: Any, specs: list[Any], exclude: list[str]) -> PSObject:
    fields: list[tuple[str, Any]] = []
    for spec in specs:
        if spec == "*":
            fields.extend((n, get_member(item, n)) for n in _property_names(item))
            continue
        if isinstance(spec, str) and any(c in spec for c in "*?"):
            pattern = wildcard(spec)
            fields.extend((n, get_member(item, n)) for n in _property_names(item) if pattern.match(n))
            continue
        name, getter = _property_spec(spec)
        fields.append((name, getter(item)))
    names = [getattr(item, "ps_type_names", ("System.Object",))[0]]
    return PSObject([f for f in fields if f[0].lower() not in exclude], tuple(f"Selected.{n}" for n in names))


def select_object(call: Call) -> list[Any]:
    """Select-Object on all its input at once (-Last, -SkipLast and -Index need it all)."""
    items = call.objects()
    skip = int(call.get("Skip", 0))
    items = items[skip:]
    if call.get("First") is not None:
        items = items[: int(call.get("First"))]
    if call.get("Last") is not None:
        items = items[-int(call.get("Last")) :] if int(call.get("Last")) else []
    if call.get("SkipLast") is not None:
        items = items[: len(items) - int(call.get("SkipLast"))]
    if call.get("Index") is not None:
        items = [items[int(i)] for i in as_list(call.get("Index")) if -len(items) <= int(i) < len(items)]
    shape = _selection(call)
    written = [value for item in items for value in shape(item)]
    return _unique(written, _case_op(call)) if call.switch("Unique") else written


def _selection(call: Call) -> Callable[[Any], list[Any]]:
    """What Select-Object writes for one object: its -ExpandProperty values, the -Property
    object, or the object itself."""
    expand = call.get("ExpandProperty")
    if expand is not None:
        return lambda item: as_list(get_member(item, to_string(expand)))
    specs = as_list(call.get("Property"))
    if not specs:
        return lambda item: [item]
    exclude = [to_string(e).lower() for e in as_list(call.get("ExcludeProperty"))]
    return lambda item: [_select_one(item, specs, exclude)]


def select_stage(call: Call, out: Sink) -> Stage:
    """Select-Object streams unless it needs the end of its input (-Last, -SkipLast, -Index)."""
    if any(call.given(name) for name in ("Last", "SkipLast", "Index")):
        return Collecting(call, out, select_object)
    return SelectObject(call, out)


class SelectObject(Streaming):
    """-Unique, -Skip and -First one object at a time. Once -First has its objects, the
    commands before it stop (unless -Wait), as Select-Object's StopUpstreamCommandsException
    stops them (Select-Object.md, -First and -Wait)."""

    def begin(self) -> None:
        self.seen: list[Any] | None = [] if self.call.switch("Unique") else None
        self.op = _case_op(self.call)
        self.skip = int(self.call.get("Skip", 0))
        first = self.call.get("First")
        self.first = int(first) if first is not None else None
        self.taken = 0
        self.shape = _selection(self.call)

    def one(self, item: Any) -> None:
        if item is None:  # Select-Object.cs ProcessRecord skips $null
            return
        if self.skip:
            self.skip -= 1
        elif self.first is None or self.taken < self.first:
            self.taken += 1
            self.out.extend(self._new(self.shape(item)))
        if self.taken == self.first and not self.call.switch("Wait"):
            raise StopUpstream

    def _new(self, values: list[Any]) -> list[Any]:
        if self.seen is None:
            return values
        fresh = _unique(values, self.op, self.seen)
        self.seen.extend(fresh)
        return fresh


def _case_op(call: Call) -> str:
    """-Unique is case-sensitive unless -CaseInsensitive (Select-Object.md, -Unique)."""
    return "eq" if call.switch("CaseInsensitive") else "ceq"


def _same(op: str, item: Any, other: Any) -> bool:
    """Select-Object -Unique compares what it writes: a selected object by each of its
    properties, anything else as a whole (SelectObjectCommand.cs, FilteredWriteObject)."""
    if isinstance(item, PSObject) and isinstance(other, PSObject):
        mine, theirs = item.to_ps(), other.to_ps()
        return [n.lower() for n in mine] == [n.lower() for n in theirs] and all(
            compare(op, a, b) is True for a, b in zip(mine.values(), theirs.values(), strict=True)
        )
    return compare(op, item, other) is True


def _unique(items: list[Any], op: str, seen: Sequence[Any] = ()) -> list[Any]:
    kept: list[Any] = []
    for item in items:
        if not any(_same(op, item, other) for other in (*seen, *kept)):
            kept.append(item)
    return kept


def get_unique(call: Call) -> list[Any]:
    """Drops each object equal to the one just before it, so sorted input comes out unique:
    case-sensitive unless -CaseInsensitive; -AsString compares the text, -OnType the type
    (GetUniqueCommand.cs)."""
    as_string, on_type = call.switch("AsString"), call.switch("OnType")
    op = "eq" if call.switch("CaseInsensitive") else "ceq"

    def same(item: Any, previous: Any) -> bool:
        if on_type:
            return type_name_of(item) == type_name_of(previous)
        if as_string:
            return bool(compare(op, to_string(item), to_string(previous)))
        return compare(op, item, previous) is True

    out: list[Any] = []
    for index, item in enumerate(items := call.items()):
        if index == 0 or not same(item, items[index - 1]):
            out.append(to_string(item) if as_string else item)
    return out


def _sort_key(specs: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    getters = [_property_spec(spec)[1] for spec in specs] or [lambda item: item]

    def key(item: Any) -> tuple[Any, ...]:
        return tuple(comparable(getter(item)) for getter in getters)

    return key


def _descending(spec: Any) -> bool:
    """A calculated sort property's own direction (``Descending``/``Ascending`` keys)."""
    if not isinstance(spec, dict):
        return False
    flags = {to_string(k).lower(): is_true(v) for k, v in spec.items()}
    return flags.get("descending", False) or flags.get("ascending", True) is False


def comparable(value: Any) -> tuple[int, Any]:
    """Sort-Object's key: ``$null`` first, numbers by value, anything else as case-insensitive text."""
    if value is None:
        return (0, "")
    if isinstance(value, bool | int | float):
        return (1, value)
    return (2, to_string(value).lower())


# --- Compare-Object (Compare-Object.cs) -------------------------------------------------------------


@dataclass
class _Compared:
    """One object being compared, with the values it is compared by (OrderByPropertyEntry)."""

    item: Any
    keys: list[Any]


class _ObjectComparison:
    """Compare-Object's matching: each difference object against the next reference object, then
    against the unmatched ones within -SyncWindow (Compare-Object.cs, ``Process``)."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self.specs = as_list(call.get("Property"))
        self.operator = "ceq" if call.switch("CaseSensitive") else "eq"
        self.window = int(call.get("SyncWindow", 2**31 - 1))
        excluding = call.switch("ExcludeDifferent")
        self.include_equal = call.get("IncludeEqual", excluding) if excluding else call.switch("IncludeEqual")
        self.references: list[_Compared] = []
        self.backlogs: dict[str, list[_Compared]] = {"<=": [], "=>": []}
        self.out: list[Any] = []

    def entry(self, item: Any) -> _Compared:
        return _Compared(item, [_property_spec(spec)[1](item) for spec in self.specs] if self.specs else [item])

    def same(self, first: _Compared, second: _Compared) -> bool:
        return all(is_true(compare(self.operator, a, b)) for a, b in zip(first.keys, second.keys, strict=True))

    def take_match(self, entry: _Compared | None, side: str) -> _Compared | None:
        backlog = self.backlogs[side]
        found = next((other for other in backlog if entry is not None and self.same(entry, other)), None)
        if found is not None:
            backlog.remove(found)
        return found

    def process(self, difference: _Compared | None) -> None:
        reference = self.references.pop(0) if self.references else None
        if reference is not None and difference is not None and self.same(reference, difference):
            self.emit(reference, "==")
            return
        matched = self.take_match(difference, "<=")
        if matched is not None:
            self.emit(matched, "==")
            difference = None
        if reference is not None and self.take_match(reference, "=>") is not None:
            self.emit(reference, "==")
            reference = None
        self.keep(difference, "=>")
        self.keep(reference, "<=")

    def keep(self, entry: _Compared | None, side: str) -> None:
        if entry is None:
            return
        backlog = self.backlogs[side]
        if self.window <= 0:
            self.emit(entry, side)
            return
        while len(backlog) >= self.window:
            self.emit(backlog.pop(0), side)
        backlog.append(entry)

    def emit(self, entry: _Compared, side: str) -> None:
        if (side == "==" and not self.include_equal) or (side != "==" and self.call.switch("ExcludeDifferent")):
            return
        if self.call.switch("PassThru"):
            self.out.append(_with_side(entry.item, side))
            return
        names = [_property_spec(spec)[0] for spec in self.specs] or ["InputObject"]
        self.out.append(PSObject([*zip(names, entry.keys, strict=True), ("SideIndicator", side)]))

    def run(self, references: list[Any], differences: list[Any]) -> list[Any]:
        self.references = [self.entry(item) for item in references]
        for item in differences:
            self.process(self.entry(item))
        while self.references:
            self.process(None)
        for side in ("=>", "<="):
            for entry in self.backlogs[side]:
                self.emit(entry, side)
        return self.out


def _with_side(item: Any, side: str) -> Any:
    """-PassThru: the object itself, with a SideIndicator note where it can hold one."""
    if isinstance(item, PSObject) or callable(getattr(item, "to_ps", None)):
        add_member(item, AddedMember("SideIndicator", "NoteProperty", side))
    return item


def compare_object(call: Call) -> list[Any]:
    differences = call.input if call.input is not None else as_list(call.get("DifferenceObject"))
    return _ObjectComparison(call).run(as_list(call.get("ReferenceObject")), differences)


def sort_object(call: Call) -> list[Any]:
    """Sorted by the properties, each ``@{Expression=…; Descending=$true}`` in its own direction;
    ``-Top n``/``-Bottom n`` keep the first/last n (Sort-Object.md)."""
    items = list(call.objects())
    specs = as_list(call.get("Property")) or [None]
    for spec in reversed(specs):  # a stable sort per key, the last key first
        key = _sort_key([spec] if spec is not None else [])
        items.sort(key=key, reverse=call.switch("Descending") != _descending(spec))
    items = _unique(items, "eq") if call.switch("Unique") else items
    if call.get("Top") is not None:
        return items[: int(call.get("Top"))]
    if call.get("Bottom") is not None:
        return items[-int(call.get("Bottom")) :]
    return items


def measure_object(call: Call) -> list[Any]:
    items = call.objects()
    prop = call.get("Property")
    values = [get_member(i, to_string(prop)) for i in items] if prop is not None else items
    if call.bound.parameter_set == "TextMeasure":
        return [_text_measure(call, [to_string(v) for v in values], prop)]
    every = call.switch("AllStats")  # -AllStats: all five (Measure-Object.cs)
    wanted = {s: every or call.switch(s) for s in ("Sum", "Average", "Maximum", "Minimum", "StandardDeviation")}
    numbers = [float(to_number(v)) for v in values if v is not None] if any(wanted.values()) else []
    fields = [  # GenericMeasureInfo's properties: doubles, StandardDeviation the sample one
        ("Count", len(values)),
        ("Average", sum(numbers) / len(numbers) if wanted["Average"] and numbers else None),
        ("Sum", float(sum(numbers)) if wanted["Sum"] else None),
        ("Maximum", max(numbers) if wanted["Maximum"] and numbers else None),
        ("Minimum", min(numbers) if wanted["Minimum"] and numbers else None),
        ("StandardDeviation", _sample_deviation(numbers) if wanted["StandardDeviation"] else None),
        ("Property", to_string(prop) if prop is not None else None),
    ]
    return [PSObject(fields, ("Microsoft.PowerShell.Commands.GenericMeasureInfo",))]


def join_string(call: Call) -> list[Any]:
    """Join-String (PowerShell 7): each object (or its -Property) as a string, quoted or through
    -FormatString, joined by -Separator, else by $OFS -- the empty string when it is unset --
    between -OutputPrefix and -OutputSuffix; one string, also for no input (Join-String.cs)."""
    spec = call.get("Property")
    getter = _property_spec(spec)[1] if spec is not None else None
    separator = call.get("Separator")
    if separator is None:
        separator = call.host.get_variable("OFS")
    quote = "'" if call.switch("SingleQuote") else '"' if call.switch("DoubleQuote") else ""
    form = call.get("FormatString")
    parts = []
    for item in call.objects():
        value = getter(item) if getter is not None else item
        if quote:
            parts.append(quote + to_string(value) + quote)
        elif form:
            parts.append(format_operator(to_string(form), [value]))
        else:
            parts.append(to_string(value))
    text = to_string(separator).join(parts)
    return [to_string(call.get("OutputPrefix")) + text + to_string(call.get("OutputSuffix"))]


def _sample_deviation(numbers: list[float]) -> float:
    """Measure-Object -StandardDeviation: the sample deviation (n - 1), 0 for fewer than two
    values (Measure-Object.cs keeps a running variance only from the second value)."""
    return statistics.stdev(numbers) if len(numbers) > 1 else 0.0


def _text_measure(call: Call, texts: list[str], prop: Any) -> PSObject:
    """Measure-Object -Line/-Word/-Character: TextMeasureInfo, counted as Measure-Object.cs's
    TextCountUtilities count (a line per ``\n``, plus one unless the text ends with it; a word
    starts after white space; -IgnoreWhiteSpace leaves white space out of the characters)."""
    lines = sum(text.count("\n") + (not text.endswith("\n")) for text in texts if text)
    words = sum(len(text.split()) for text in texts)
    blank = call.switch("IgnoreWhiteSpace")
    characters = sum(sum(1 for c in text if not c.isspace()) if blank else len(text) for text in texts)
    fields = [
        ("Lines", lines if call.switch("Line") else None),
        ("Words", words if call.switch("Word") else None),
        ("Characters", characters if call.switch("Character") else None),
        ("Property", to_string(prop) if prop is not None else None),
    ]
    return PSObject(fields, ("Microsoft.PowerShell.Commands.TextMeasureInfo",))


def group_object(call: Call) -> list[Any]:
    """Groups of equal keys. PowerShell 7 sorts the objects by their keys first when every key
    value is of one type (``$null`` aside), so the groups come out in key order; objects of
    mixed types are grouped in the order they came (Group-Object.cs, EndProcessing)."""
    specs = as_list(call.get("Property"))
    getters = [_property_spec(s)[1] for s in specs] or [lambda item: item]
    rows = [(item, [getter(item) for getter in getters]) for item in call.objects()]
    if _one_type_per_key(values for _, values in rows):
        rows.sort(key=lambda row: tuple(comparable(v) for v in row[1]))  # stable, as OrderBy
    groups: dict[Any, list[Any]] = {}
    names: dict[Any, str] = {}
    for item, values in rows:
        k = tuple(comparable(v) for v in values)
        groups.setdefault(k, []).append(item)
        names.setdefault(k, ", ".join(to_string(v) for v in values))
    if call.switch("AsHashTable"):
        return [Hashtable((names[k], v) for k, v in groups.items())]
    if call.switch("NoElement"):
        return [_GroupNoElement([("Count", len(v)), ("Name", names[k]), ("Group", [])]) for k, v in groups.items()]
    return [_GroupInfo([("Count", len(v)), ("Name", names[k]), ("Group", v)]) for k, v in groups.items()]


_GROUP_INFO = "Microsoft.PowerShell.Commands.GroupInfo"


def _one_type_per_key(rows: Iterable[list[Any]]) -> bool:
    """Whether each key's values share one type, ``$null`` aside (UpdateOrderPropertyTypeInfo)."""
    types: list[type | None] | None = None
    for values in rows:
        if types is None:
            types = [None if v is None else type(v) for v in values]
            continue
        for index, value in enumerate(values):
            if value is None:
                continue
            if types[index] is None:
                types[index] = type(value)
            elif type(value) is not types[index]:
                return False
    return True


class _GroupInfo(PSObject):
    """Group-Object's GroupInfo, shown by its table view: Count right-aligned in 5 columns, Name
    in 25, then Group (PowerShellCore_format_ps1xml.cs, the views of GroupInfo)."""

    __slots__ = ()
    ps_table_view: tuple[str, ...] = ("Count", "Name", "Group")
    ps_table_widths: tuple[int | None, ...] = (5, 25, None)
    ps_table_align: tuple[tuple[str, str], ...] = (("Count", "right"), ("Name", "left"), ("Group", "left"))

    def __init__(self, properties: list[tuple[str, Any]]) -> None:
        super().__init__(properties, (_GROUP_INFO,))


class _GroupNoElement(_GroupInfo):
    """Group-Object -NoElement's GroupInfoNoElement: its Group is an empty collection
    (Group-Object.cs), which its table view leaves out."""

    __slots__ = ()
    ps_table_view = ("Count", "Name")

    def __init__(self, properties: list[tuple[str, Any]]) -> None:
        PSObject.__init__(self, properties, (_GROUP_INFO + "NoElement", _GROUP_INFO))


def _selected(call: Call) -> tuple[list[Any], list[str] | None]:
    specs = as_list(call.get("Property"))
    items = entries_of(call.items())  # a hashtable is formatted as its entries
    if not specs:
        return shown(items), None
    selected = [_select_one(i, specs, []) for i in items]
    if any(isinstance(s, str) and any(c in s for c in "*?") for s in specs):
        return selected, None  # the columns are the properties the wildcards matched
    return selected, [_property_spec(s)[0] for s in specs] or None


def format_table_command(call: Call) -> list[Any]:
    items, columns = _selected(call)
    specs = as_list(call.get("Property"))
    hide, align = call.switch("HideTableHeaders"), _alignments(specs)
    fixed = {
        _property_spec(spec)[0]: int(to_number(width))
        for spec in specs
        if isinstance(spec, dict) and (width := _spec_key(spec, "width")) is not None
    }
    _apply_format_strings(items, specs, align)
    render = lambda group: _table(group, columns, hide=hide, align=align, fixed=fixed)  # noqa: E731
    return [_grouped(call, items, render)] if items else []


def _spec_key(spec: dict[Any, Any], full: str) -> Any:
    """A calculated property's key by any prefix of its name (``FormatString``, ``f``)."""
    for key, value in spec.items():
        typed = to_string(key).lower()
        if typed and full.startswith(typed):
            return value
    return None


def _apply_format_strings(items: list[Any], specs: list[Any], align: dict[str, str]) -> None:
    """A calculated property's ``FormatString``: each value shown as ``{0:format}`` would show it;
    a column of numbers stays right-aligned (BaseFormattingCommandParameters.cs,
    FormatStringDefinition; TableViewGenerator aligns by the value's type)."""
    for spec in specs:
        form = _spec_key(spec, "formatstring") if isinstance(spec, dict) else None
        if form is None:
            continue
        name = _property_spec(spec)[0]
        first = next((get_member(item, name) for item in items if isinstance(item, PSObject)), None)
        if isinstance(first, int | float) and not isinstance(first, bool):
            align.setdefault(name, "right")
        for item in items:
            if isinstance(item, PSObject) and (value := item.get(name)) is not None:
                item.set(name, format_value(value, to_string(form)))


_ALIGNMENTS = ("left", "center", "right")


def _alignments(specs: list[Any]) -> dict[str, str]:
    """The columns a calculated property aligns: its ``Alignment`` key (any prefix, ``Align``)
    holds a prefix of left, center or right, in any case (BaseFormattingCommandParameters.cs,
    AlignmentEntryDefinition)."""
    aligned: dict[str, str] = {}
    for spec in specs:
        value = _spec_key(spec, "alignment") if isinstance(spec, dict) else None
        wanted = to_string(value).lower()
        legal = next((a for a in _ALIGNMENTS if wanted and a.startswith(wanted)), None)
        if legal:
            aligned[_property_spec(spec)[0]] = legal
    return aligned


def _table(
    items: list[Any], columns: list[str] | None, *, hide: bool, align: dict[str, str], fixed: dict[str, int]
) -> str:
    """A table; -HideTableHeaders leaves out the names and their rule (Format-Table.md); a
    calculated property's ``Width`` fixes its column's width."""
    text = format_table(items, columns, align=align, fixed=fixed)
    if not hide:
        return text
    lines = text.split("\n")
    return "\n".join([lines[0], *lines[3:]])


class AutoSizeAndColumn(PowerShellError):
    """Format-Wide given both -AutoSize and -Column (Format-Wide.cs; FormatAndOut_format_xxx.resx)."""

    error_id = "FormatCannotSpecifyAutosizeAndColumns"
    category = ErrorCategory.InvalidArgument
    exception_type = "System.IO.InvalidDataException"
    template = "Cmdlet parameters AutoSize and Column are mutually exclusive."


#: What Format-Wide shows of an object without -Property: the first property matching each
#: pattern in turn, else its first property (PSObjectHelper.GetDisplayNameExpression in
#: ``FormatAndOutput/common/Utilities/MshObjectUtil.cs``; FormatViewGenerator_Wide.cs).
_DISPLAY_NAMES = tuple(wildcard(p) for p in ("name", "id", "key", "*key", "*name", "*id"))


def _wide_value(item: Any, spec: Any) -> str:
    if spec is not None:
        if isinstance(spec, str) and any(c in spec for c in "*?"):
            pattern = wildcard(spec)
            names = [n for n in _property_names(item) if pattern.match(n)]
            return cell_text(get_member(item, names[0])) if names else ""
        return cell_text(_property_spec(spec)[1](item))
    names = _property_names(item)
    for pattern in _DISPLAY_NAMES:
        found = next((n for n in names if pattern.match(n)), None)
        if found is not None:
            return cell_text(get_member(item, found))
    return cell_text(get_member(item, names[0])) if names else ""


def format_wide_command(call: Call) -> list[Any]:
    """Format-Wide: one property of each object, in columns (Format-Wide.cs): two by default,
    ``-Column``, or with ``-AutoSize`` as many as the longest value allows; a primitive is
    written as itself, out of band (BaseFormattingCommand.cs)."""
    column = call.get("Column")
    if call.switch("AutoSize") and column is not None:
        raise call.error(AutoSizeAndColumn())
    if column is not None and int(column) < 1:
        raise call.error(
            ValidationFailed(
                "Column",
                f"The {column} argument is less than the minimum allowed range of 1. Supply an argument "
                "that is greater than or equal to 1 and then try the command again.",
            )
        )
    spec = call.get("Property")
    items = entries_of(call.items())

    def render(group: list[Any]) -> str:
        cells = [
            (cell_text(item), True) if is_out_of_band(item) else (_wide_value(item, spec), False)
            for item in shown(group)
        ]
        count = int(column) if column is not None else 2
        if call.switch("AutoSize"):
            count = wide_columns(max((len(text) for text, scalar in cells if not scalar), default=0))
        return text_wide(cells, count)

    return [_grouped(call, items, render)] if items else []


def format_list_command(call: Call) -> list[Any]:
    items, columns = _selected(call)
    return [_grouped(call, items, lambda group: format_list(group, columns))] if items else []


def _grouped(call: Call, items: list[Any], render: Callable[[list[Any]], str]) -> str:
    """``-GroupBy``: each run of objects with the same value under a ``   Name: value`` line of
    its own, a table (or list) per run, as PowerShell's formatter writes group headers
    (about_Format.ps1xml, GroupBy). Runs are consecutive: the input is not sorted first."""
    spec = call.get("GroupBy")
    if spec is None:
        return FormattedText(render(items))
    label, key = _property_spec(spec)
    lines: list[str] = []
    for value, group in _runs(call.items(), items, key):
        lines += ["", f"   {label}: {to_string(value)}", *render(group).split("\n")[:-1]]
    return FormattedText("\n".join([*lines, ""]))


def _runs(originals: list[Any], shown_items: list[Any], key: Callable[[Any], Any]) -> list[tuple[Any, list[Any]]]:
    """The shown objects in runs of equal keys, each key read from the object as it came in."""
    runs: list[tuple[Any, list[Any]]] = []
    for original, item in zip(originals, shown_items, strict=True):
        value = key(original)
        if runs and to_string(runs[-1][0]) == to_string(value):
            runs[-1][1].append(item)
        else:
            runs.append((value, [item]))
    return runs


def out_string(call: Call) -> list[Any]:
    """One string, or with ``-Stream`` one string per line (Out-String.cs)."""
    text = render(call.items())
    return text.splitlines() if call.switch("Stream") else [text + "\n"]


def render(items: Sequence[Any]) -> str:
    """What Out-Default/Out-File print for objects: strings as-is, objects as tables/lists."""
    return out_default_text(shown(items)) if items else ""


def out_host(call: Call) -> list[Any]:
    text = render(call.items())
    for line in text.splitlines():
        call.host.write_host(line)
    return []


def out_gridview(call: Call) -> list[Any]:
    """Shown as a table on the host. ``-PassThru``/``-OutputMode`` pass on the rows a person
    picks: the run's next answer (``--input``) names them, 1-based row numbers such as ``1,3``
    (``*`` all, an empty line none; Single keeps the first). With no answer the run stops here:
    passing every row on would act on rows nobody picked."""
    items = call.items()
    out_host(call)
    mode = to_string(call.get("OutputMode", "None")).lower()
    if not call.switch("PassThru") and mode not in ("single", "multiple"):
        return []
    picked = _picked_rows(call.host.read_answer(), items)
    return picked[:1] if mode == "single" else picked


_PICK_HELP = "give the rows to pick with --input: numbers such as 1,3, * for all, an empty line for none"
#: What an Out-GridView that passes rows on stops at when no answer names them (``check`` warns of it).
GRID_PICK = f"Out-GridView's pick, which a person makes ({_PICK_HELP})"


def _picked_rows(answer: str | None, items: list[Any]) -> list[Any]:
    if answer is None:
        raise EmulatorStop(GRID_PICK)
    if answer.strip() == "*":
        return list(items)
    try:
        rows = [int(part) for part in answer.replace(" ", "").split(",") if part]
    except ValueError:
        rows = [0]
    if not all(1 <= row <= len(items) for row in rows):
        raise EmulatorStop(f"Out-GridView's pick '{answer}' of {len(items)} rows ({_PICK_HELP})")
    return [items[row - 1] for row in sorted(set(rows))]


# --- files ---------------------------------------------------------------------------------------

#: -Encoding names (case-insensitive) → (Python codec, byte order mark), as PowerShell 7's
#: ArgumentToEncodingTransformation maps them (EncodingUtils.cs; Out-File.md ``-Encoding``).
#: ``utf8`` means no BOM in 7.x; ``ansi``/``oem`` are the en-US code pages.
ENCODINGS: dict[str, tuple[str, bytes]] = {
    "utf8nobom": ("utf-8", b""),
    "utf8": ("utf-8", b""),
    "default": ("utf-8", b""),
    "utf8bom": ("utf-8", codecs.BOM_UTF8),
    "ascii": ("ascii", b""),
    "ansi": ("cp1252", b""),
    "oem": ("cp437", b""),
    "unicode": ("utf-16-le", codecs.BOM_UTF16_LE),
    "string": ("utf-16-le", codecs.BOM_UTF16_LE),
    "unknown": ("utf-16-le", codecs.BOM_UTF16_LE),
    "bigendianunicode": ("utf-16-be", codecs.BOM_UTF16_BE),
    "utf32": ("utf-32-le", codecs.BOM_UTF32_LE),
    "bigendianutf32": ("utf-32-be", codecs.BOM_UTF32_BE),
    "utf7": ("utf-7", b""),
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encoding_of(call: Call, default: str = "utf8") -> tuple[str, bytes]:
    """The bound -Encoding (already checked by the binder), UTF-8 without BOM by default."""
    return ENCODINGS.get(to_string(call.get("Encoding", default)).lower()) or _code_page(call.get("Encoding"))


def _code_page(value: Any) -> tuple[str, bytes]:
    """An integer code page (1251) or a registered name (windows-1251)."""
    text = to_string(value)
    return (f"cp{text}" if text.isdigit() else codecs.lookup(text).name, b"")


def decode(data: bytes, codec: str) -> str:
    """A file's text: a byte order mark wins over -Encoding, as PowerShell's reader does."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_codec)
    return data.decode(codec)


def write_text(path: Path, text: str, encoding: tuple[str, bytes] = ENCODINGS["utf8"], *, append: bool) -> None:
    """Write or append ``text``; the BOM only at the start of the file. ``ascii`` writes ``?`` for
    what it cannot encode, as .NET's ASCIIEncoding does."""
    codec, bom = encoding
    starts = not (append and path.exists() and path.stat().st_size)
    data = (bom if starts else b"") + text.encode(codec, errors="replace")
    with path.open("ab" if append else "wb") as handle:
        handle.write(data)


def file_lines(path: Path) -> list[str]:
    """A text file's lines (``switch -File``); a missing file raises PathNotFound."""
    if not path.is_file():
        raise PathNotFound(str(path), target_object=str(path))
    return decode(path.read_bytes(), ENCODINGS["utf8"][0]).splitlines()


def _read_text(call: Call, path: Path) -> str | None:
    """The file's text; ``None`` after a non-terminating error (missing, a folder, unreadable)."""
    if path.is_dir():
        call.write_error(ContainerContent(str(path), target_object=str(path)))
        return None
    try:
        return decode(path.read_bytes(), encoding_of(call)[0])
    except FileNotFoundError:
        call.write_error(PathNotFound(str(path), target_object=str(path)))
    except (OSError, UnicodeDecodeError) as failure:
        call.write_error(FileReadFailure(_reason(failure, path), target_object=str(path)))
    return None


def _reason(failure: Exception, path: Path) -> str:
    if isinstance(failure, PermissionError):
        return f"Access to the path '{path}' is denied."
    if isinstance(failure, UnicodeDecodeError):
        return f"The file '{path}' is not text in the encoding it was read with."  # inferred
    return f"{getattr(failure, 'strerror', None) or failure} : '{path}'"


def import_csv(call: Call) -> list[Any]:
    """Rows as objects; a missing file is statement-terminating FileOpenFailure (CsvCommands.cs)."""
    out: list[Any] = []
    for text in as_list(call.get("Path")) or [call.get("LiteralPath")]:
        content = _opened_text(call, call.host.platform.resolve(to_string(text)))
        out.extend(csv_rows(content, to_string(call.get("Delimiter", ",")) or ",", call.get("Header")))
    return out


def _opened_text(call: Call, path: Path) -> str:
    """A file as PathUtils.OpenFileStream opens it: missing or unreadable is statement-terminating."""
    if not path.is_file():
        raise call.error(open_failure(path, missing_file=path.parent.is_dir()))
    try:
        return decode(path.read_bytes(), encoding_of(call)[0])
    except (OSError, UnicodeDecodeError) as failure:
        raise call.error(FileReadFailure(_reason(failure, path), target_object=str(path))) from None


def csv_rows(text: str, delimiter: str, header: Any) -> list[PSObject]:
    """Import-Csv's rows of ``text``: a ``#TYPE`` line skipped, a short row's missing cells ``$null``."""
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows and rows[0] and rows[0][0].startswith("#TYPE"):
        rows = rows[1:]
    names = [to_string(h) for h in as_list(header)] or (rows.pop(0) if rows else [])
    return [
        PSObject(zip(names, row + [None] * (len(names) - len(row)), strict=False))
        for row in rows
        if any(cell.strip() for cell in row)
    ]


def convert_from_csv(call: Call) -> list[Any]:
    text = "\n".join(to_string(line) for line in call.items())
    return list(csv_rows(text, to_string(call.get("Delimiter", ",")) or ",", call.get("Header")))


#: -UseQuotes (QuoteKind): Always (the default), AsNeeded (fields holding the delimiter, a quote
#: or a line break), Never.
def csv_lines(
    items: list[Any], delimiter: str, header: bool, *, quotes: str = "Always", names: list[str] | None = None
) -> list[str]:
    """Export-Csv's lines: names from the first object (or ``names``, a file's columns when
    appending), one line per object, each field quoted as -UseQuotes says; a ``$null`` value or a
    missing property is an empty field, never quoted (CsvCommands.cs, ConvertPSObjectToCSV)."""
    if not items:
        return []
    names = names or _property_names(items[0]) or ["Length"]
    kind = quotes.lower()
    rows: list[list[str | None]] = [list(names)] if header else []
    for item in items:
        rows.append([None if (value := get_member(item, name)) is None else _csv_cell(value) for name in names])
    return [delimiter.join(_csv_field(cell, delimiter, kind) for cell in row) for row in rows]


def _csv_field(value: str | None, delimiter: str, kind: str) -> str:
    """One field: ``Always`` quotes it (doubling its quotes), ``AsNeeded`` when it holds the
    delimiter, a line feed or a quote, ``Never`` writes it as it is (CsvCommands.cs)."""
    if value is None:
        return ""
    if kind == "never" or (kind == "asneeded" and delimiter not in value and "\n" not in value and '"' not in value):
        return value
    return '"' + value.replace('"', '""') + '"'


def _csv_cell(value: Any) -> str:
    """A cell is the value's ToString(): a date in the current culture, unlike "$date"
    (CsvCommands.cs, GetToStringValueForProperty)."""
    if isinstance(value, list | tuple):
        return ps_string(value)  # an array's type name: System.Object[], System.String[]
    if isinstance(value, dt.datetime):
        return date_text(value)
    return to_string(value)


def _writable(call: Call, path: Path) -> None:
    """Out-File/Export-Csv/``>``: a missing folder or ``-NoClobber`` is statement-terminating."""
    if not path.parent.is_dir():
        raise call.error(open_failure(path))
    if call.switch("NoClobber") and path.exists() and not call.switch("Append"):
        raise call.error(NoClobber(str(path), target_object=str(path)))


def _write(call: Call, path: Path, text: str, *, append: bool) -> None:
    new = not path.exists()
    try:
        write_text(path, text, encoding_of(call), append=append)
    except OSError as failure:
        raise call.error(FileReadFailure(_reason(failure, path), target_object=str(path))) from None
    if new:
        call.host.platform.created.add(path)


def export_csv(call: Call) -> list[Any]:
    path = call.path()
    _writable(call, path)
    if not call.should_process("Export-Csv", str(path)):
        return []
    delimiter = to_string(call.get("Delimiter", ",")) or ","
    existing = _csv_header(call, path, delimiter) if call.switch("Append") else None
    append = existing is not None  # an empty file is written afresh, header and all
    header = not append and not call.switch("NoHeader")
    quotes = to_string(call.get("UseQuotes", "Always"))
    items = call.objects()
    if existing is not None and items and not call.switch("Force"):
        given = {name.lower() for name in (_property_names(items[0]) or ["Length"])}
        for name in existing:
            if name.lower() not in given:
                raise call.error(
                    AppendMismatch(name, to_string(call.get("Path", call.get("LiteralPath"))), target_object=name)
                )
    lines = csv_lines(items, delimiter, header, quotes=quotes, names=existing)
    _write(call, path, "".join(line + "\n" for line in lines), append=append)
    return []


class AppendMismatch(PowerShellError):
    """Export-Csv -Append of an object without one of the file's columns (CsvCommands.cs,
    ReconcilePreexistingPropertyNames; CsvCommandStrings.resx)."""

    error_id = "CannotAppendCsvWithMismatchedPropertyNames"
    category = ErrorCategory.InvalidData
    exception_type = "System.InvalidOperationException"
    template = (
        "Cannot append CSV content to the following file: {1}. The appended object does not have a property "
        "that corresponds to the following column: {0}. To continue with mismatched properties, add the -Force "
        "parameter, and then retry the command."
    )


def _csv_header(call: Call, path: Path, delimiter: str) -> list[str] | None:
    """The columns of the file Export-Csv -Append adds to (its header, after a ``#TYPE`` line);
    ``None`` when there is no file or it is empty (CsvCommands.cs, BeginProcessing)."""
    if not path.is_file():
        return None
    try:
        text = decode(path.read_bytes(), encoding_of(call)[0])
    except (OSError, UnicodeDecodeError) as failure:
        raise call.error(FileReadFailure(_reason(failure, path), target_object=str(path))) from None
    if not text:
        return None
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row][:2]
    if rows and rows[0][0].startswith("#TYPE"):
        rows = rows[1:]
    return rows[0] if rows else None


def convert_to_csv(call: Call) -> list[Any]:
    delimiter = to_string(call.get("Delimiter", ",")) or ","
    return list(
        csv_lines(
            call.objects(), delimiter, not call.switch("NoHeader"), quotes=to_string(call.get("UseQuotes", "Always"))
        )
    )


def get_content(call: Call) -> list[Any]:
    """Lines of each file; a missing file is a non-terminating PathNotFound (ContentCommandBase.cs)."""
    out: list[Any] = []
    for text in as_list(call.get("Path")) or [call.get("LiteralPath")]:
        content = _read_text(call, call.host.platform.resolve(to_string(text)))
        if content is None:
            continue
        if call.switch("Raw"):
            out.append(content)
            continue
        lines = content.splitlines()
        if call.get("TotalCount") is not None:
            lines = lines[: int(call.get("TotalCount"))]
        if call.get("Tail") is not None:
            lines = lines[-int(call.get("Tail")) :] if int(call.get("Tail")) else []
        out.extend(lines)
    return out


def set_content(call: Call, *, append: bool = False) -> list[Any]:
    """Set-Content/Add-Content: a missing folder is a non-terminating error (FileSystemProvider.cs)."""
    values = call.input if call.input is not None else as_list(call.get("Value"))
    text = "".join(to_string(v) + ("" if call.switch("NoNewline") else "\n") for v in values)
    for path_text in as_list(call.get("Path")) or [call.get("LiteralPath")]:
        path = call.host.platform.resolve(to_string(path_text))
        if not path.parent.is_dir():
            call.write_error(WriterDirectoryNotFound(str(path), target_object=str(path)))
            continue
        if call.should_process("Add Content" if append else "Set Content", f"Path: {path}"):
            _write(call, path, text, append=append)
    return []


def add_content(call: Call) -> list[Any]:
    return set_content(call, append=True)


def out_file(call: Call) -> list[Any]:
    path = call.path("FilePath")
    _writable(call, path)
    if call.should_process("Output to File", str(path)):
        _write(call, path, file_text(call.items()), append=call.switch("Append"))
    return []


def tee_object(call: Call) -> list[Any]:
    """Tee-Object: the input passes on, and also goes to a file as Out-File writes it (its
    ShouldProcess too, under -WhatIf or ``$WhatIfPreference``), or into a variable, as
    Set-Variable takes pipeline input: one object as itself, more as an array (Tee-Object.cs)."""
    items = call.items()
    if call.bound.parameter_set == "Variable":
        call.host.set_variable(to_string(call.get("Variable")), items[0] if len(items) == 1 else list(items) or None)
        return items
    path = call.path("FilePath" if call.bound.parameter_set == "File" else "LiteralPath")
    _writable(call, path)
    if call.should_process("Output to File", str(path)):
        _write(call, path, file_text(items), append=call.switch("Append"))
    return items


def export_clixml(call: Call) -> list[Any]:
    """The input objects serialized to a file, ``-Depth`` levels deep (2), as XmlCommands.cs
    writes them; ShouldProcess names the path as given."""
    path = call.path()
    _writable(call, path)
    if call.should_process("Export-Clixml", call.path_text()):
        _write(call, path, clixml.dumps(call.items(), int(call.get("Depth", 2)) or 2), append=False)
    return []


def import_clixml(call: Call) -> list[Any]:
    """The objects a file holds, each as one object (a collection stays one), deserialized; a
    missing file is statement-terminating, as Import-Csv's (PathUtils.OpenFileStream)."""
    out: list[Any] = []
    for text in as_list(call.get("Path")) or as_list(call.get("LiteralPath")):
        path = call.host.platform.resolve(to_string(text))
        content = _opened_text(call, path)
        try:
            out.extend(clixml.loads(content))
        except ValueError as failure:
            raise call.error(ClixmlUnreadable(str(path), str(failure), target_object=str(path))) from None
    return out


def file_text(items: list[Any]) -> str:
    """What Out-File and ``>`` write: strings line by line, objects as the console shows them."""
    if not items:
        return ""
    text = "\n".join(to_string(i) for i in items) if all(isinstance(i, str) for i in items) else render(items)
    return text + "\n"


_STRICT_VERSIONS = {"1": 1, "1.0": 1, "2": 2, "2.0": 2, "3": 3, "3.0": 3, "latest": 3}


def set_strict_mode(call: Call) -> list[Any]:
    """Version 1 refuses unset variables (outside strings), 2 also in strings and missing
    properties, 3 ("Latest") also indexes past the end (Set-StrictMode's reference page)."""
    if call.switch("Off"):
        call.host.set_strict_mode(0)
        return []
    text = to_string(call.get("Version")).strip().lower()
    if text not in _STRICT_VERSIONS:
        raise call.error(
            ValidationFailed("Version", f"The value {text} is not a valid version: use 1.0, 2.0, 3.0 or Latest.")
        )  # inferred
    call.host.set_strict_mode(_STRICT_VERSIONS[text])
    return []


def current_location(platform: Platform) -> PathInfo | None:
    """``$PWD``: the folder relative paths resolve from (``None`` where the host refuses paths)."""
    try:
        return PathInfo(str(platform.resolve(".")))
    except PowerShellError:
        return None


def get_location(call: Call) -> list[Any]:
    location = current_location(call.host.platform)
    return [] if location is None else [location]


def set_location(call: Call) -> list[Any]:
    """Set-Location (cd): relative paths and ``$PWD`` follow; no path is the home folder; a
    missing one is a non-terminating PathNotFound (Navigation.cs, SetLocationCommand)."""
    return _move_to(call, _location_given(call))


def push_location(call: Call) -> list[Any]:
    """Push-Location (pushd): the current location onto the stack ``-StackName`` names, then
    Set-Location to the path, if one is given."""
    platform = call.host.platform
    here = platform.resolve(".")
    target = _location_given(call) if call.given("Path") or call.given("LiteralPath") else None
    if target is not None and not target.is_dir():
        _location_missing(call, target)
        return []
    platform.location_stacks.setdefault(to_string(call.get("StackName", "")), []).append(here)
    return [] if target is None else _move_to(call, target)


def pop_location(call: Call) -> list[Any]:
    """Pop-Location (popd): back to the location last pushed; an empty default stack does
    nothing, an unknown named one is a non-terminating error (SessionStateLocationAPIs.cs,
    PopLocation; Navigation.cs writes it)."""
    name = to_string(call.get("StackName", ""))
    stack = call.host.platform.location_stacks.get(name)
    if not stack:
        if name:
            call.write_error(LocationStackNotFound(name, target_object=name))
        return []
    return _move_to(call, stack.pop())


def _location_given(call: Call) -> Path:
    text = call.get("LiteralPath", call.get("Path"))
    home = call.host.platform.environment("HOME") or "~"
    return call.host.platform.resolve(to_string(text) if text is not None else home)


def _move_to(call: Call, folder: Path) -> list[Any]:
    if not folder.is_dir():
        _location_missing(call, folder)
        return []
    folder = folder.resolve()
    call.host.platform.set_location(folder)
    location = current_location(call.host.platform)
    call.host.set_variable("PWD", location, "global")
    return [location] if call.switch("PassThru") else []


def _location_missing(call: Call, folder: Path) -> None:
    call.write_error(PathNotFound(str(folder), target_object=str(folder)))


def test_path(call: Call) -> list[Any]:
    """``$false`` for a missing or empty path; ``$null`` is NullPathNotPermitted (TestPathCommand.cs)."""
    paths = call.get("Path", call.get("LiteralPath"))
    if paths is None or paths == []:
        call.write_error(NullPath())
        return []
    kind = to_string(call.get("PathType", "Any")).lower()
    out: list[Any] = []
    for text in as_list(paths):
        if not to_string(text).strip():
            out.append(False)
            continue
        path = call.host.platform.resolve(to_string(text))
        out.append(path.is_dir() if kind == "container" else path.is_file() if kind == "leaf" else path.exists())
    return out


def join_path(call: Call) -> list[Any]:
    children = [to_string(call.get("ChildPath")), *(to_string(c) for c in as_list(call.get("AdditionalChildPath")))]
    out = []
    for parent in as_list(call.get("Path")):
        joined = to_string(parent)
        separator = "\\" if "\\" in joined or not joined.startswith("/") else "/"
        for child in children:
            joined = joined.rstrip("\\/") + separator + child.lstrip("\\/") if joined else child
        out.append(joined)
    return out


def split_path(call: Call) -> list[Any]:
    out = []
    for path in (to_string(p) for p in as_list(call.get("Path", call.get("LiteralPath")))):
        leaf = re.split(r"[\\/]", path)[-1]
        stem, dot, extension = leaf.rpartition(".")
        if call.switch("Leaf"):
            out.append(leaf)
        elif call.switch("LeafBase"):
            out.append(stem if dot else leaf)
        elif call.switch("Extension"):
            out.append(dot + extension if dot else "")
        elif call.switch("IsAbsolute"):
            out.append(bool(re.match(r"^([A-Za-z]:)?[\\/]", path)))
        else:
            out.append(path[: max(len(path) - len(leaf) - 1, 0)])
    return out


def get_child_item(call: Call) -> list[Any]:
    """Files and folders of each path (``-Filter``/``-Include`` wildcards, ``-Recurse``,
    ``-File``/``-Directory``, ``-Name``); a missing path is a non-terminating PathNotFound."""
    out: list[Any] = []
    globbing = not call.given("LiteralPath")
    for text in as_list(call.get("Path")) or as_list(call.get("LiteralPath")) or ["."]:
        path = call.host.platform.resolve(to_string(text))
        if globbing and any(c in path.name for c in "*?["):
            out.extend(_globbed_children(call, path))
            continue
        if not path.exists():
            call.write_error(PathNotFound(str(path), target_object=str(path)))
            continue
        found = sorted(path.rglob("*") if call.switch("Recurse") else path.iterdir()) if path.is_dir() else [path]
        out.extend(_item_view(item, path, call) for item in found if _item_wanted(item, call))
    return out


def _globbed_children(call: Call, path: Path) -> list[Any]:
    """Get-ChildItem of a path whose last part is a wildcard (SessionStateContainer.cs,
    GetChildItems): the items it matches themselves, not their children, and no error when none
    does; with -Recurse, every item under the parent whose name matches (``dir tem* -rec`` is
    ``dir -include tem* -rec``)."""
    parent, pattern = path.parent, wildcard(path.name)
    if not parent.is_dir():
        return []
    found = parent.rglob("*") if call.switch("Recurse") else parent.iterdir()
    return [
        _item_view(item, parent, call)
        for item in sorted(found)
        if pattern.match(item.name) and _item_wanted(item, call)
    ]


def _item_wanted(item: Path, call: Call) -> bool:
    patterns = [to_string(p) for p in (as_list(call.get("Filter")) + as_list(call.get("Include")))]
    if patterns and not any(wildcard(p).match(item.name) for p in patterns):
        return False
    return not (call.switch("File") and item.is_dir()) and not (call.switch("Directory") and not item.is_dir())


def _item_view(item: Path, base: Path, call: Call) -> Any:
    if call.switch("Name"):
        return str(item.relative_to(base)) if item != base else item.name
    folder = item.is_dir()
    return PSObject(
        [
            ("Name", item.name),
            ("FullName", str(item)),
            ("BaseName", item.name if folder else item.stem),
            ("Extension", "" if folder else item.suffix),
            ("Length", None if folder else item.stat().st_size),
            ("LastWriteTime", dt.datetime.fromtimestamp(item.stat().st_mtime)),
            ("PSIsContainer", folder),
        ],
        ("System.IO.DirectoryInfo",) if folder else ("System.IO.FileInfo",),
    )


def new_item(call: Call) -> list[Any]:
    """New-Item files and folders; an existing one is a non-terminating error without -Force."""
    kind = to_string(call.get("ItemType", "File")).lower()
    out: list[Any] = []
    for base in as_list(call.get("Path")) or ["."]:
        path = call.host.platform.resolve(to_string(base))
        if call.given("Name"):
            path = path / to_string(call.get("Name"))
        out.extend(_new_one(call, path, directory=kind == "directory"))
    return out


def _new_one(call: Call, path: Path, *, directory: bool) -> list[Any]:
    if path.exists() and not call.switch("Force"):
        error: PowerShellError = DirectoryExists(str(path)) if directory else NewItemExists(str(path))
        error.target_object = str(path)
        call.write_error(error)
        return []
    action = "Create Directory" if directory else "Create File"
    if not call.should_process(action, f"Destination: {path}"):
        return []
    created = call.host.platform.created
    if directory:
        created.update(folder for folder in (path, *path.parents) if not folder.exists())
        path.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        call.write_error(WriterDirectoryNotFound(str(path), target_object=str(path)))
        return []
    else:
        if not path.exists():
            created.add(path)
        path.write_text(to_string(call.get("Value")), encoding="utf-8")
    return [PSObject([("Name", path.name), ("FullName", str(path))], ("System.IO.FileInfo",))]


def remove_item(call: Call) -> list[Any]:
    """Remove-Item of files and folders (a ``*``/``?`` name matches in its folder). Only what
    this run created is deleted: any other existing item is an emulator stop, because deleting
    files on the machine that runs the emulator is not its to do. A missing path is a
    non-terminating PathNotFound; a folder with items, without -Recurse, asks first
    (RemoveItemCommand, Navigation.cs)."""
    for path in _named_items(call):
        _remove_one(call, path)
    return []


def piped_path(item: Any) -> tuple[str, bool]:
    """The path an input object names: an item's FullName (its PSPath, bound to -LiteralPath),
    else the object's text bound to -Path."""
    full_name = get_member(item, "FullName") if isinstance(item, PSObject) else None
    return (to_string(full_name), True) if full_name is not None else (to_string(item), False)


def _items_named(call: Call, text: str, *, literal: bool) -> list[Path]:
    path = call.host.platform.resolve(text)
    if not literal and any(c in path.name for c in "*?["):
        pattern = wildcard(path.name)
        parent = path.parent
        return sorted(p for p in parent.iterdir() if pattern.match(p.name)) if parent.is_dir() else []
    if not path.exists():
        call.write_error(PathNotFound(str(path), target_object=str(path)))
        return []
    return [path]


def _remove_one(call: Call, path: Path) -> None:
    created = call.host.platform.created
    if path not in created:
        raise EmulatorStop(f"Remove-Item of '{path}', which this run did not create")
    folder = path.is_dir()
    if folder and any(path.iterdir()) and not call.switch("Recurse") and not _confirmed(call):
        return
    if not call.should_process("Remove Directory" if folder else "Remove File", str(path)):
        return
    inside = [p for p in path.rglob("*") if p not in created] if folder else []
    if inside:
        raise EmulatorStop(f"Remove-Item of '{inside[0]}', which this run did not create")
    if folder:
        shutil.rmtree(path)
    else:
        path.unlink()
    created.difference_update([path, *(p for p in created if path in p.parents)])


def get_item(call: Call) -> list[Any]:
    """Get-Item: the FileInfo/DirectoryInfo of each path (a ``*`` name matches in its folder); a
    missing one is a non-terminating PathNotFound."""
    return [_item_view(path, path.parent, call) for path in _named_items(call)]


def resolve_path(call: Call) -> list[Any]:
    """Resolve-Path: each path's PathInfo, or with ``-Relative`` its text from the current
    location (``./x``); a missing one is a non-terminating PathNotFound."""
    here = call.host.platform.resolve(".")
    if call.switch("Relative"):
        return [_relative_text(path, here) for path in _named_items(call)]
    return [PathInfo(str(path)) for path in _named_items(call)]


def _relative_text(path: Path, base: Path) -> str:
    relative = os.path.relpath(path, base)
    return relative if relative.startswith("..") else f".{os.sep}{relative}"


def _named_items(call: Call) -> list[Path]:
    literal = call.given("LiteralPath")
    texts = as_list(call.get("LiteralPath" if literal else "Path"))
    named = [(to_string(t), literal) for t in texts] or [piped_path(item) for item in call.items()]
    found = [path for text, is_literal in named for path in _items_named(call, text, literal=is_literal)]
    keep = [wildcard(to_string(p)) for p in as_list(call.get("Filter")) + as_list(call.get("Include"))]
    drop = [wildcard(to_string(p)) for p in as_list(call.get("Exclude"))]
    return [
        path
        for path in found
        if (not keep or any(k.match(path.name) for k in keep)) and not any(d.match(path.name) for d in drop)
    ]


def copy_item(call: Call) -> list[Any]:
    """Copy-Item of files (and, with -Recurse, folders) to a file or into a folder; what it
    makes is the run's own, so a later Remove-Item may delete it."""
    copies = []
    for source in _named_items(call):
        target = _destination(call, source)
        what = "Copy Directory" if source.is_dir() else "Copy File"
        if not call.should_process(what, f"Item: {source} Destination: {target}"):
            continue
        if source.is_dir():
            if not call.switch("Recurse"):
                target.mkdir(exist_ok=True)  # without -Recurse a folder copies empty
            else:
                shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
        call.host.platform.created.update([target, *(target.rglob("*") if target.is_dir() else [])])
        copies.append(target)
    return [_item_view(target, target.parent, call) for target in copies] if call.switch("PassThru") else []


def move_item(call: Call) -> list[Any]:
    """Move-Item of what the run itself created (moving anything else deletes it where it was:
    an emulator stop, as for Remove-Item); Rename-Item is a move within the folder."""
    moved = []
    for source in _named_items(call):
        target = _destination(call, source)
        _owned(call, source, "Move-Item")
        if call.should_process("Move File", f"Item: {source} Destination: {target}"):
            moved.append(_moved(call, source, target))
    return [_item_view(target, target.parent, call) for target in moved] if call.switch("PassThru") else []


def rename_item(call: Call) -> list[Any]:
    renamed = []
    for source in _named_items(call):
        target = source.with_name(to_string(call.get("NewName")))
        _owned(call, source, "Rename-Item")
        if target.exists():
            call.write_error(RenameTargetExists(str(target), target_object=str(target)))
            continue
        if call.should_process("Rename File", f"Item: {source} Destination: {target}"):
            renamed.append(_moved(call, source, target))
    return [_item_view(target, target.parent, call) for target in renamed] if call.switch("PassThru") else []


def _destination(call: Call, source: Path) -> Path:
    given = call.get("Destination")
    target = call.host.platform.resolve(to_string(given)) if given is not None else call.host.platform.resolve(".")
    return target / source.name if target.is_dir() else target


def _owned(call: Call, path: Path, command: str) -> None:
    if path not in call.host.platform.created:
        raise EmulatorStop(f"{command} of '{path}', which this run did not create")


def _moved(call: Call, source: Path, target: Path) -> Path:
    created = call.host.platform.created
    inside = [p for p in created if source in p.parents]
    shutil.move(source, target)
    created.difference_update([source, *inside])
    created.update([target, *(target / p.relative_to(source) for p in inside)])
    return target


def _confirmed(call: Call) -> bool:
    """ShouldContinue's answer: Yes or Yes to All go on; a host that cannot ask fails as
    ``pwsh -NonInteractive`` does."""
    answer = call.host.read_answer()
    if answer is None:
        raise call.error(NonInteractivePrompt())
    return answer.strip().lower() in ("y", "a", "yes", "yes to all")


def select_string(call: Call) -> list[Any]:
    """MatchInfo objects (Line, LineNumber, Path, Pattern, Matches) for .NET-regex matches in
    files or input strings; ``-Quiet`` says whether any matched (MatchString.cs)."""
    patterns = [to_string(p) for p in as_list(call.get("Pattern"))]
    compiled = [
        dotnet_regex(re.escape(p) if call.switch("SimpleMatch") else p, call.switch("CaseSensitive")) for p in patterns
    ]
    found: list[Any] = []
    for source, number, line in _select_string_lines(call):
        hits = [m for c in compiled for m in (c.finditer(line) if call.switch("AllMatches") else [c.search(line)]) if m]
        if bool(hits) != call.switch("NotMatch"):
            pattern = patterns[compiled.index(hits[0].re)] if hits else patterns[0]
            found.append(_match_info(source, number, line, pattern, hits))
    if call.switch("Quiet"):
        return [bool(found)]
    return found[:1] if call.switch("List") else found


def _select_string_lines(call: Call) -> list[tuple[str, int, str]]:
    if call.input is not None or call.given("InputObject"):
        return [("InputStream", n, to_string(v)) for n, v in enumerate(call.items(), start=1)]
    lines: list[tuple[str, int, str]] = []
    for text in as_list(call.get("Path")) or [call.get("LiteralPath")]:
        path = call.host.platform.resolve(to_string(text))
        content = _read_text(call, path)
        lines.extend((str(path), n, line) for n, line in enumerate((content or "").splitlines(), start=1))
    return lines


def _match_info(source: str, number: int, line: str, pattern: str, hits: list[Any]) -> PSObject:
    matches = [PSObject([("Value", m.group(0)), ("Index", m.start()), ("Length", len(m.group(0)))]) for m in hits]
    return PSObject(
        [
            ("LineNumber", number),
            ("Line", line),
            ("Filename", source.rsplit("/", 1)[-1]),
            ("Path", source),
            ("Pattern", pattern),
            ("Matches", matches),
        ],
        ("Microsoft.PowerShell.Commands.MatchInfo",),
    )


# --- values and the host --------------------------------------------------------------------------


#: Assemblies ``Add-Type -AssemblyName`` loads on PowerShell 7 for Linux whose types the emulator
#: has (System.Web: HttpUtility); loading one changes nothing a script can see here.
LOADABLE_ASSEMBLIES = frozenset({"system.web", "system.net.http", "system.collections", "system.text.encoding"})


def add_type(call: Call) -> list[Any]:
    """Add-Type: ``-AssemblyName`` of an assembly on :data:`LOADABLE_ASSEMBLIES` loads it (nothing
    to do); compiling code or loading any other assembly is an emulator stop (Add-Type.md)."""
    names = [to_string(name) for name in as_list(call.get("AssemblyName"))]
    given = [name for name in call.bound.values if name.lower() not in ("assemblyname",)]
    if given or not names:
        raise EmulatorStop("Add-Type" + (f" -{given[0]}" if given else ""))
    for name in names:
        if name.split(",", 1)[0].strip().lower() not in LOADABLE_ASSEMBLIES:
            raise EmulatorStop(f"Add-Type -AssemblyName {name}")
    return []


def get_host(call: Call) -> list[Any]:
    """Get-Host: the host object, the one ``$Host`` holds (Get-Host.md)."""
    return [call.host.get_variable("Host", "global")]


def get_culture(call: Call) -> list[Any]:
    """Get-Culture: en-US, the culture scripts run in (``-Name en-US`` too, ``-Name ''`` the
    invariant culture); other cultures and ``-ListAvailable`` are not emulated (Get-Culture.md)."""
    name = to_string(call.get("Name")) if call.given("Name") else "en-US"
    if call.switch("ListAvailable"):
        raise EmulatorStop("Get-Culture -ListAvailable")
    if name.lower() not in ("en-us", ""):
        raise EmulatorStop(f"Get-Culture -Name {name}")
    return [current_culture(invariant=not name)]


_DATE_PARTS = ("Year", "Month", "Day", "Hour", "Minute", "Second")


def get_date(call: Call) -> list[Any]:
    value = call.get("Date")
    moment = convert_to(value, "datetime") if value is not None else call.host.now()
    parts: dict[str, Any] = {name.lower(): int(call.get(name)) for name in _DATE_PARTS if call.given(name)}
    if call.given("Millisecond"):  # and no ticks below it (GetDateCommand.cs)
        parts["microsecond"] = int(call.get("Millisecond")) * 1000
    moment = moment.replace(**parts)
    if call.switch("AsUTC"):
        moment = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    form, unix_form = call.get("Format"), call.get("UFormat")
    if unix_form is not None:
        return [_uformat(moment, to_string(unix_form))]
    if form is not None:
        return [format_date(moment, to_string(form))]
    hint = to_string(call.get("DisplayHint", "DateTime"))
    return [moment if hint == "DateTime" else HintedDate.of(moment, hint)]


_UFORMAT_TOKEN = re.compile(r"%(.)", re.S)


def _uformat(moment: dt.datetime, form: str) -> str:
    """Get-Date -UFormat: the UNIX ``date`` specifiers (Get-Date.md, "-UFormat"); ``%Z`` is the
    UTC offset in hours and ``%s`` the seconds since 1970, as PowerShell writes them."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        offset = moment.utcoffset() or dt.timedelta()
        if code == "Z":
            return f"{'-' if offset < dt.timedelta() else '+'}{abs(int(offset.total_seconds())) // 3600:02d}"
        if code == "s":
            return str(int((moment.replace(tzinfo=None) - offset - dt.datetime(1970, 1, 1)).total_seconds()))
        return moment.strftime("%" + code)

    return _UFORMAT_TOKEN.sub(one, form)


def new_timespan(call: Call) -> list[Any]:
    """New-TimeSpan: -End minus -Start (each defaulting to now), or the parts given (New-TimeSpan.md)."""
    if call.bound.parameter_set == "Time":
        parts = {name.lower(): float(to_number(call.get(name, 0))) for name in ("Days", "Hours", "Minutes", "Seconds")}
        return [dt.timedelta(**parts, milliseconds=float(to_number(call.get("Milliseconds", 0))))]
    start = convert_to(call.get("Start"), "datetime") if call.given("Start") else call.host.now()
    end = convert_to(call.get("End"), "datetime") if call.given("End") else call.host.now()
    # a date typed in the script has no zone: it is in the clock's, as a local DateTime is
    zone = end.tzinfo or start.tzinfo
    return [end.replace(tzinfo=end.tzinfo or zone) - start.replace(tzinfo=start.tzinfo or zone)]


# --- the *-Variable cmdlets (VariableCommands.cs) --------------------------------------------------


class VariableNotFound(PowerShellError):
    """Get-/Remove-/Clear-Variable of a name no scope holds: non-terminating."""

    error_id = "VariableNotFound"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ItemNotFoundException"
    template = "Cannot find a variable with the name '{0}'."


class VariableAlreadyExists(PowerShellError):
    """New-Variable of a name that exists, without -Force: non-terminating."""

    error_id = "VariableAlreadyExists"
    category = ErrorCategory.ResourceExists
    exception_type = "System.Management.Automation.SessionStateException"
    template = "A variable with name '{0}' already exists."


def _variable_scope(call: Call) -> str:
    """-Scope: Global and Script are the script's scope here, Local (or 0) the current one."""
    scope = to_string(call.get("Scope", "")).lower()
    if scope in ("global", "script"):
        return "script"
    if scope not in ("", "local", "0"):
        raise EmulatorStop(f"{call.name} -Scope {call.get('Scope')}")
    return ""


def _variable_names(call: Call) -> list[str]:
    names = [to_string(name) for name in as_list(call.get("Name"))]
    if any(c in name for name in names for c in "*?["):
        raise EmulatorStop(f"{call.name} with a wildcard name")
    return names


def _variable_view(call: Call, name: str) -> PSObject:
    value = call.host.get_variable(name, _variable_scope(call))
    return PSObject([("Name", name), ("Value", value)], ("System.Management.Automation.PSVariable",))


def set_variable_command(call: Call, *, new: bool = False) -> list[Any]:
    """Set-Variable/New-Variable: -Value, else the pipeline input (one object, or all of them)."""
    value = call.get("Value") if call.given("Value") or call.input is None else _single(call.input)
    out: list[Any] = []
    for name in _variable_names(call):
        if new and not call.switch("Force") and call.host.has_variable(name, _variable_scope(call)):
            call.write_error(VariableAlreadyExists(name, target_object=name))
            continue
        call.host.set_variable(name, value, _variable_scope(call))
        out += [_variable_view(call, name)] if call.switch("PassThru") else []
    return out


def new_variable_command(call: Call) -> list[Any]:
    return set_variable_command(call, new=True)


def get_variable_command(call: Call) -> list[Any]:
    out: list[Any] = []
    for name in _variable_names(call):
        if not call.host.has_variable(name, _variable_scope(call)):
            call.write_error(VariableNotFound(name, target_object=name))
            continue
        view = _variable_view(call, name)
        out.append(view.get("Value") if call.switch("ValueOnly") else view)
    return out


def remove_variable_command(call: Call) -> list[Any]:
    for name in _variable_names(call):
        if not call.host.remove_variable(name, _variable_scope(call)):
            call.write_error(VariableNotFound(name, target_object=name))
    return []


def clear_variable_command(call: Call) -> list[Any]:
    out: list[Any] = []
    for name in _variable_names(call):
        if not call.host.has_variable(name, _variable_scope(call)):
            call.write_error(VariableNotFound(name, target_object=name))
            continue
        call.host.set_variable(name, None, _variable_scope(call))
        out += [_variable_view(call, name)] if call.switch("PassThru") else []
    return out


# --- Get-Random (GetRandomCommand.cs) ----------------------------------------------------------------


class MinGreaterThanOrEqualMax(PowerShellError):
    error_id = "MinGreaterThanOrEqualMax"
    category = ErrorCategory.InvalidArgument
    exception_type = "System.ArgumentException"
    template = "The Minimum value ({0}) cannot be greater than or equal to the Maximum value ({1})."


def get_random(call: Call) -> list[Any]:
    """Get-Random: a number in [-Minimum, -Maximum) (doubles when either bound is one), or items
    of -InputObject (-Count distinct ones, -Shuffle all); -SetSeed makes the run repeat."""
    source = call.host.random
    if call.given("SetSeed"):
        source.seed(int(to_number(call.get("SetSeed"))))
    if call.input is not None or call.given("InputObject"):
        items = call.items()
        count = len(items) if call.switch("Shuffle") else int(to_number(call.get("Count", 1)))
        return source.sample(items, min(count, len(items)))
    low, high = to_number(call.get("Minimum", 0)), to_number(call.get("Maximum", 2**31 - 1))
    if low >= high:
        raise call.error(MinGreaterThanOrEqualMax(to_string(low), to_string(high)))
    if isinstance(low, float) or isinstance(high, float):
        return [low + source.random() * (high - low) for _ in range(int(to_number(call.get("Count", 1))))]
    return [source.randrange(int(low), int(high)) for _ in range(int(to_number(call.get("Count", 1))))]


def read_host(call: Call) -> list[Any]:
    """The run's next answer; -AsSecureString makes it a SecureString, and it and -MaskInput
    echo a ``*`` per character, as the console does."""
    answer = call.host.read_answer()
    if answer is None:
        raise call.error(NonInteractivePrompt())
    secure = call.switch("AsSecureString")
    prompt = call.get("Prompt")
    if prompt is not None:
        echo = "*" * len(answer) if secure or call.switch("MaskInput") else answer
        call.host.write_host(f"{host_text(prompt, ' ')}: {echo}")
    return [SecureString(answer) if secure else answer]


def pause(call: Call) -> list[Any]:
    """Pause, PowerShell's own function ``$null = Read-Host 'Press Enter to continue...'``: its
    Read-Host answers, or fails as on ``pwsh -NonInteractive``."""
    answer = call.host.read_answer()
    if answer is None:
        error = NonInteractivePrompt().for_command("Read-Host", "Microsoft.PowerShell.Commands.ReadHostCommand")
        raise error.at(call.host.invocation(call.node, "Read-Host"))
    call.host.write_host(f"Press Enter to continue...: {answer}")
    return []


class NoConstructor(PowerShellError):
    """New-Object of a type with no public constructor to call (New-Object.cs; NewObjectStrings.resx)."""

    error_id = "CannotFindAppropriateCtor"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.PSArgumentException"
    template = "A constructor was not found. Cannot find an appropriate constructor for type {0}."


def new_object(call: Call) -> list[Any]:
    """New-Object of a type on the safe list (:data:`.members.CONSTRUCTORS`); ``-Property``
    sets the new object's properties."""
    type_name = to_string(call.get("TypeName"))
    if type_name.lower().removeprefix("system.management.automation.") == "pscustomobject":
        raise call.error(NoConstructor(type_name))  # its constructor is not public
    if not type_loaded(type_name, call.host.engine):
        raise call.error(TypeNotFound(type_name))
    made = construct(type_name, as_list(call.get("ArgumentList")))
    for name, value in (call.get("Property") or {}).items():
        if isinstance(made, PSObject):
            made.set(to_string(name), value)
        else:
            made[name] = value
    return [made]


# --- Add-Member (AddMember.cs, AddMember.resx) ---------------------------------------------------


class MemberAlreadyExists(PowerShellError):
    """Add-Member of a name the object already has, without -Force: non-terminating."""

    error_id = "MemberAlreadyExists"
    category = ErrorCategory.InvalidOperation
    exception_type = "System.InvalidOperationException"
    template = (
        'Cannot add a member with the name "{0}" because a member with that name already exists. '
        "To overwrite the member anyway, add the Force parameter to your command."
    )


class CannotRemoveTypeDataMember(PowerShellError):
    """Add-Member -Force over a property of the object's type (a cmdlet output's own): non-terminating."""

    error_id = "CannotRemoveTypeDataMember"
    category = ErrorCategory.InvalidOperation
    exception_type = "System.InvalidOperationException"
    template = (
        'Cannot force the member with name "{0}" and type "{1}" to be added. A member with that name '
        "and type already exists, and the existing member is not an instance extension."
    )


def _script_member(call: Call, kind: str, block: Any) -> Callable[[Any, list[Any]], Any]:
    """A script property's getter or a script method: the block, with ``$this`` (and ``$args``)."""
    if not isinstance(block, ScriptBlockValue):
        raise EmulatorStop(f"Add-Member -MemberType {kind} with a -Value that is not a script block")
    return lambda this, args: _single(call.host.run_script_member(block, this, args))


def _members_to_add(call: Call) -> list[AddedMember]:
    """The members the bound parameter set describes; none for -TypeName alone."""
    chosen = call.bound.parameter_set
    if chosen == "NotePropertyMultiMemberSet":
        return [AddedMember(to_string(k), "NoteProperty", v) for k, v in call.get("NotePropertyMembers").items()]
    if chosen == "NotePropertySingleMemberSet":
        return [AddedMember(to_string(call.get("NotePropertyName")), "NoteProperty", call.get("NotePropertyValue"))]
    if chosen != "MemberSet":
        return []
    kind, name, value = to_string(call.get("MemberType")), to_string(call.get("Name")), call.get("Value")
    if kind in ("ScriptProperty", "ScriptMethod"):
        return [AddedMember(name, kind, _script_member(call, kind, value), script=repr(value))]
    if kind == "AliasProperty":
        return [AddedMember(name, kind, to_string(value))]
    if kind != "NoteProperty":
        raise EmulatorStop(f"Add-Member -MemberType {kind}")
    return [AddedMember(name, kind, value)]


def _add_one(call: Call, item: Any, member: AddedMember) -> bool:
    """Add ``member`` to ``item`` unless it has one of that name (-Force replaces an added one)."""
    existing = has_member(item, member.name)
    if existing is not None and not call.switch("Force"):
        call.write_error(MemberAlreadyExists(member.name, target_object=item))
        return False
    if isinstance(existing, str) and not isinstance(item, PSObject):
        call.write_error(CannotRemoveTypeDataMember(member.name, "Property", target_object=item))
        return False
    add_member(item, member)
    return True


def _extensible(item: Any) -> Any:
    """An object Add-Member can extend here: a PSObject, a hashtable or a cmdlet's output."""
    if item is None:
        raise NullNotAllowed("InputObject")
    if not isinstance(item, PSObject | Hashtable) and not callable(getattr(item, "to_ps", None)):
        raise EmulatorStop(f"Add-Member on a {type_name_of(item)} value")
    return item


def add_member_command(call: Call) -> list[Any]:
    """Add-Member: each input object gets the members; -PassThru writes it on when one was added
    (or, with -TypeName alone, always)."""
    members = _members_to_add(call)
    type_name = call.get("TypeName")
    out: list[Any] = []
    # -InputObject is one object, even a list or $null (AddMember.cs binds a PSObject)
    for item in call.input if call.input is not None else [call.get("InputObject")]:
        try:
            target = _extensible(item)
        except NullNotAllowed as error:
            if call.input is None:  # -InputObject $null: the statement fails
                raise call.error(error) from None
            call.write_error(error)  # a $null from the pipeline: that item fails
            continue
        added = [member for member in members if _add_one(call, target, member)]
        if members and not added:
            continue
        if type_name is not None and isinstance(target, PSObject):
            target.type_names = (to_string(type_name), *target.type_names)
        if call.switch("PassThru"):
            out.append(target)
    return out


# --- Get-Member (GetMember.cs) ---------------------------------------------------------------------


class NoObjectInGetMember(PowerShellError):
    """Get-Member given no object at all: written when it ends (GetMember.cs, EndProcessing)."""

    error_id = "NoObjectInGetMember"
    category = ErrorCategory.CloseError
    exception_type = "System.InvalidOperationException"
    template = "You must specify an object for the Get-Member cmdlet."


#: The methods every object has (System.Object's), as Get-Member defines them.
_OBJECT_METHODS = (
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
)
#: How a member definition names a value's type (ToStringCodeMethods.Type: C# keywords).
_SHORT_TYPES = {
    "System.String": "string",
    "System.Int32": "int",
    "System.Int64": "long",
    "System.Boolean": "bool",
    "System.Double": "double",
    "System.DateTime": "datetime",
    "System.Guid": "guid",
    "System.Collections.Hashtable": "hashtable",
}


def _short_type(value: Any) -> str:
    if value is None:
        return "object"
    full = type_name_of(value)
    return _SHORT_TYPES.get(full, full.removeprefix("System."))


def _definition(item: Any, name: str, kind: str) -> str:
    """How Get-Member defines a property (PSNoteProperty/PSAliasProperty/PSScriptProperty.ToString)."""
    added = find_added(item, name)
    if kind == "NoteProperty":
        value = get_member(item, name)
        return f"{_short_type(value)} {name}={'null' if value is None else to_string(value)}"
    if kind == "AliasProperty" and added is not None:
        return f"{name} = {added.value}"
    if kind == "ScriptProperty" and added is not None:
        return f"System.Object {name} {{get={added.script};}}"
    return f"{_short_type(get_member(item, name))} {name} {{get;set;}}"


def member_definitions(item: Any) -> list[tuple[str, str, str]]:
    """Every member Get-Member shows for ``item``: (name, member type, definition)."""
    own = "NoteProperty" if isinstance(item, PSObject) else "Property"
    found = [(name, "Method", definition) for name, definition in _OBJECT_METHODS]
    if isinstance(item, DictionaryEntry):  # two object fields and the type data's alias of Key
        found += [("Key", own, "System.Object Key {get;set;}"), ("Value", own, "System.Object Value {get;set;}")]
        return sorted([*found, ("Name", "AliasProperty", "Name = Key")], key=lambda m: (m[1].lower(), m[0].lower()))
    for name in _property_names(item):
        added = find_added(item, name)
        kind = added.member_type if added is not None else own
        found.append((name, kind, _definition(item, name, kind)))
    scripts = [m for m in added_members(item) if m.member_type == "ScriptMethod"]
    found += [(m.name, m.member_type, f"System.Object {m.name}();") for m in scripts]
    return sorted(found, key=lambda member: (member[1].lower(), member[0].lower()))


def _check_listable(item: Any, type_name: str, kinds: Any, names: Any) -> None:
    """What Get-Member can list truly: a PSObject's members; an object's properties and the
    methods every object has, but not the full method list of a .NET type (a stop instead)."""
    if isinstance(item, PSObject):
        return
    if not callable(getattr(item, "to_ps", None)):
        raise EmulatorStop(f"Get-Member of a {type_name} value")
    wants_methods = kinds is None or "Method" in kinds
    wildcarded = names is None or any(c in to_string(n) for n in as_list(names) for c in "*?[")
    if wants_methods and wildcarded:
        raise EmulatorStop(f"Get-Member listing the methods of {type_name} (use -MemberType Properties)")


class _MemberDefinition(PSObject):
    """Get-Member's MemberDefinition, shown by its table view: Name, MemberType and Definition,
    grouped under a ``TypeName:`` line per type (PowerShellCore_format_ps1xml.cs)."""

    __slots__ = ()
    ps_table_view = ("Name", "MemberType", "Definition")
    ps_group_by = "TypeName"

    def __init__(self, fields: list[tuple[str, Any]]) -> None:
        super().__init__(fields, ("Microsoft.PowerShell.Commands.MemberDefinition",))


def get_member_command(call: Call) -> list[Any]:
    """Get-Member: the members of the first object of each type, sorted by member type and name;
    -Name takes wildcards, -MemberType names the kinds (GetMember.cs, MemberComparer)."""
    if call.switch("Static"):
        raise EmulatorStop("Get-Member -Static")
    patterns = [wildcard(to_string(name)) for name in as_list(call.get("Name", "*"))]
    kinds = call.get("MemberType")
    seen: dict[str, None] = {}
    out: list[Any] = []
    for item in call.input if call.input is not None else as_list(call.get("InputObject")):
        type_name = to_string(getattr(item, "ps_type_names", (type_name_of(item),))[0])
        if item is None or type_name in seen:
            continue
        seen[type_name] = None
        _check_listable(item, type_name, kinds, call.get("Name"))
        for name, kind, definition in member_definitions(item):
            if (kinds is None or kind in kinds) and any(p.match(name) for p in patterns):
                fields = [("TypeName", type_name), ("Name", name), ("MemberType", kind), ("Definition", definition)]
                out.append(_MemberDefinition(fields))
    if not seen:
        call.write_error(NoObjectInGetMember())
    return out


def secure_string(call: Call) -> list[Any]:
    return [SecureString(to_string(call.get("String")))]


def get_credential(call: Call) -> list[Any]:
    user = call.get("UserName", call.get("Credential"))
    if isinstance(user, PSObject):
        return [user]
    return [
        PSObject([("UserName", to_string(user) if user is not None else "admin"), ("Password", None)], (CREDENTIAL,))
    ]


# --- ConvertTo-Html (ConvertTo-Html.cs) --------------------------------------------------------------

_STRICT_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
)
_TRANSITIONAL_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"  '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)


def html_encode(text: str) -> str:
    """WebUtility.HtmlEncode: the five markup characters, and U+00A0-U+00FF as numbers."""
    named = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    return "".join(named.get(c) or (f"&#{ord(c)};" if 160 <= ord(c) <= 255 else c) for c in text)


def _html_cell(value: Any) -> str:
    return "" if value is None else html_encode(_csv_cell(value))


def _html_head(call: Call) -> list[str]:
    doctype = _TRANSITIONAL_DOCTYPE if call.switch("Transitional") else _STRICT_DOCTYPE
    head = [to_string(line) for line in as_list(call.get("Head"))] or [
        f"<title>{to_string(call.get('Title', 'HTML TABLE'))}</title>"
    ]
    css = [f'<link rel="stylesheet" type="text/css" href="{to_string(call.get("CssUri"))}" />'] * call.given("CssUri")
    body = [to_string(line) for line in as_list(call.get("Body"))]
    return [doctype, '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>", *head, *css, "</head><body>", *body]


def _html_rows(items: list[Any], specs: list[Any], as_list_view: bool) -> list[str]:
    """The table's lines: columns and header from the first object, then a row per object
    (``-As List``: a name/value row per property, objects apart by a rule)."""
    shown_items = [item for item in items if item is not None]
    if not shown_items:
        return []
    first = shown_items[0]
    names = [n for spec in specs for n in (_property_names(first) if spec == "*" else [spec])] or ["Length"]
    columns = [_property_spec(name) for name in names]
    if as_list_view:
        lines: list[str] = []
        for number, item in enumerate(shown_items):
            lines += ["<tr><td><hr></td></tr>"] if number else []
            lines += [f"<tr><td>{label}:</td><td>{_html_cell(get(item))}</td></tr>" for label, get in columns]
        return lines
    header = "<tr>" + "".join(f"<th>{label}</th>" for label, _ in columns) + "</tr>"
    body = [
        "<tr>" + "".join(f"<td>{_html_cell(get(item))}</td>" for _, get in columns) + "</tr>" for item in shown_items
    ]
    return ["<colgroup>" + "<col/>" * len(columns) + "</colgroup>", header, *body]


def convert_to_html(call: Call) -> list[Any]:
    """ConvertTo-Html: one string per line of an XHTML page (``-Fragment``: the table alone)."""
    specs = as_list(call.get("Property")) or ["*"]
    as_list_view = to_string(call.get("As", "Table")).lower() == "list"
    lines = [] if call.switch("Fragment") else _html_head(call)
    lines += [to_string(line) for line in as_list(call.get("PreContent"))]
    lines += ["<table>", *_html_rows(call.items(), specs, as_list_view), "</table>"]
    lines += [to_string(line) for line in as_list(call.get("PostContent"))]
    return lines if call.switch("Fragment") else [*lines, "</body></html>"]


def convert_to_json(call: Call) -> list[Any]:
    items = call.items()
    value: Any = items[0] if len(items) == 1 and not call.switch("AsArray") else items
    indent = None if call.switch("Compress") else 2
    separators = (",", ":") if call.switch("Compress") else (",", ": ")
    depth = int(call.get("Depth", 2))
    return [json.dumps(_json_value(value, depth), indent=indent, separators=separators, ensure_ascii=False)]


def _json_value(value: Any, depth: int) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        return format_date(value, JSON_DATE)
    if depth < 0:
        return to_string(value)
    if isinstance(value, list | tuple):
        return [_json_value(v, depth - 1) for v in value]
    # a .NET object's own properties, then the type data's (JsonObject.cs, ProcessCustomObject
    # and AppendPsProperties): an entry's Name alias comes last
    names = ["Key", "Value", "Name"] if isinstance(value, DictionaryEntry) else _property_names(value)
    if isinstance(value, dict):
        return {to_string(k): _json_value(v, depth - 1) for k, v in value.items()}
    if names:
        return {n: _json_value(get_member(value, n), depth - 1) for n in names}
    return to_string(value)


def convert_from_json(call: Call) -> list[Any]:
    text = "\n".join(to_string(line) for line in call.items())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as failure:
        raise call.error(
            RuntimeFailure("System.ArgumentException", f"Conversion from JSON failed with error: {failure.msg}")
        ) from None
    value = _from_json(data, call.switch("AsHashtable"))
    return [value] if call.switch("NoEnumerate") or not isinstance(value, list) else value


def _from_json(data: Any, as_hashtable: bool) -> Any:
    if isinstance(data, list):
        return [_from_json(v, as_hashtable) for v in data]
    if isinstance(data, dict):
        pairs = [(k, _from_json(v, as_hashtable)) for k, v in data.items()]
        return Hashtable(pairs) if as_hashtable else PSObject(pairs)
    return data


# --- sessions, modules, transcripts ------------------------------------------------------------------


def new_session(call: Call) -> list[Any]:
    """New-CsOnlineSession: the 2017 way in, so the tenant answers as SkypeOnlineConnector."""
    load_module(call.host.engine, ["SkypeOnlineConnector"])
    return [
        PSObject(
            [("Id", 1), ("Name", "cscmdlets"), ("State", "Opened")],
            ("System.Management.Automation.Runspaces.PSSession",),
        )
    ]


def export_module_member(call: Call) -> list[Any]:
    raise call.error(OutsideModule())


def start_transcript(call: Call) -> list[Any]:
    """Start-Transcript: from here on, what the run shows is also written to the file (at
    Stop-Transcript, or when the run ends); ``-OutputDirectory`` gets a dated file name. Output
    objects show as they are written, so all written before Stop-Transcript runs are in it."""
    if call.given("OutputDirectory"):
        stamp = call.host.now().strftime("%Y%m%d%H%M%S")
        path = call.path("OutputDirectory") / f"PowerShell_transcript.cscmdlets.{stamp}.txt"
    else:
        path = call.path() if call.given("Path") or call.given("LiteralPath") else Path("PowerShell_transcript.txt")
        path = call.host.platform.resolve(str(path)) if not path.is_absolute() else path
    _writable(call, path)
    if not call.should_process("Start-Transcript", str(path)):
        return []
    if not path.exists():
        call.host.platform.created.add(path)
    call.host.start_transcript(path, append=call.switch("Append"))
    return [f"Transcript started, output file is {path}"]


def stop_transcript(call: Call) -> list[Any]:
    if not call.should_process("Stop-Transcript", "transcript"):
        return []
    path = call.host.stop_transcript()
    if path is None:
        raise call.error(NotTranscribing())
    return [f"Transcript stopped, output file is {path}"]


def transcript_text(events: Sequence[tuple[str, Any]], started: str, ended: str) -> str:
    """A transcript file: PowerShell's header and footer around what the host showed."""
    rule = "*" * 22
    lines = [rule, "PowerShell transcript start", f"Start time: {started}", rule]
    pending: list[Any] = []
    for kind, item in [*events, ("end", None)]:
        if kind == "output":
            pending.append(item)
            continue
        if pending:
            lines.extend(render(pending).splitlines())
            pending = []
        lines.extend(_transcript_line(kind, item))
    lines += [rule, "PowerShell transcript end", f"End time: {ended}", rule]
    return "\n".join(lines) + "\n"


def _transcript_line(kind: str, item: Any) -> list[str]:
    prefixes = {"host": "", "host-error": "", "warning": "WARNING: ", "verbose": "VERBOSE: "}
    if kind in prefixes:
        return [prefixes[kind] + to_string(item)]
    if kind == "error":
        return str(item.concise_view()).splitlines()
    return []
