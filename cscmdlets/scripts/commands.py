"""The one command table of the script layer: every command a script may name, and what
cscmdlets does with it. The runner, the linter and the porter all read it.

Each :class:`Command` is one of three :class:`Kind` s:

- ``EMULATED``: bound by PowerShell's rules from its :class:`CommandMetadata` and run by a
  handler in :mod:`.builtins` (Write-Host, Import-Csv…), or, for the commands that pass objects
  on one at a time, by a pipeline stage there (ForEach-Object, Where-Object, Select-Object).
- ``NO_OP``: accepted with any arguments and does nothing, because against the emulator its
  job is already done (``New-CsOnlineSession``, ``Install-Module``: the session is the chosen tenant).
- ``REFUSED``: code the emulator cannot see into (``Invoke-Expression``, ``Start-Process``);
  reaching it is an emulator stop (:class:`~.errors.EmulatorStop`).

A name in none of these, and not a dial-in cmdlet, is an emulator stop as well: cscmdlets
cannot know what an unknown command would have done. The one exception is a near-miss of an
emulated cmdlet's name (``Set-CsOnlineDialInConferencingUsers``): that is a typo, and
PowerShell's own ``CommandNotFoundException`` (with a "Did you mean" hint) is the truth.

The parameters are PowerShell 7.4's, as its cmdlet classes declare them (PowerShell/PowerShell
``src/Microsoft.PowerShell.Commands.Utility/commands/utility/*.cs`` and ``…Management/…``;
learn.microsoft.com/powershell/module/microsoft.powershell.utility/ and
…/microsoft.powershell.management/): names, aliases, positions, parameter sets,
mandatory flags, ``ConsoleColor`` and other enums. ``remaining`` names the parameter with
``ValueFromRemainingArguments`` (``Write-Host a b c``). The handlers read pipeline input
themselves; a mandatory parameter that takes it is marked ``by_property`` so that binding leaves
it to the input (``'x' | Add-Content log.txt``). Where-Object's 30 comparison sets are one
set here (the handler reads the switch), because they differ only in which switch is present.
"""

from __future__ import annotations

import codecs
import enum
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..cmdlets.profiles import MODULES, load_module, module_of, module_stem
from ..powershell import parser as ast
from ..powershell import types as t
from ..powershell.binder import NamedArgument, PositionalArgument, match_parameter
from ..powershell.errors import CommandNotFound, ErrorCategory, PowerShellError, ValidationFailed
from ..powershell.metadata import (
    ALL_SETS,
    NOT_GIVEN,
    ActionPreference,
    CommandMetadata,
    ConfirmImpact,
    InSet,
    Parameter,
)
from . import builtins as b
from .errors import EmulatorStop, RuntimeFailure
from .script_cmdlet import CONSOLE_COLORS
from .validation import validated
from .values import PSObject, UnknownColor, Version, as_list, convert_to, to_string, wildcard

__all__ = [
    "ALIASES",
    "BUILTINS",
    "COMMANDS",
    "EMULATED_MODULES",
    "OPERATOR_SWITCHES",
    "PARAMETER_TYPES",
    "Command",
    "Kind",
    "canonical_name",
    "cli_argument",
    "function_metadata",
    "gather_remaining",
    "is_advanced",
    "lookup",
    "names_a_program",
    "unqualified",
]

Argument = NamedArgument | PositionalArgument


class Kind(enum.Enum):
    EMULATED = "emulated"
    NO_OP = "accepted-as-no-op"
    REFUSED = "refused"


@dataclass(frozen=True)
class Command:
    """One command: its metadata, what cscmdlets does with it, and how it runs."""

    metadata: CommandMetadata
    kind: Kind
    handler: b.Handler | None = None
    module: str = "Microsoft.PowerShell.Utility"
    aliases: tuple[str, ...] = ()
    #: The parameter with ValueFromRemainingArguments, which collects the extra positional values.
    remaining: str = ""
    #: For a command that streams: its pipeline stage, which takes the input one object at a time.
    stage: b.StageFactory | None = None

    @property
    def name(self) -> str:
        return self.metadata.name

    @property
    def is_emulated(self) -> bool:
        return self.kind is Kind.EMULATED


# --- parameter types ----------------------------------------------------------------------------


def enum_type(dotnet_name: str, names: Sequence[str]) -> t.ParamType:
    """A .NET enum parameter: a name (case-insensitive) or its number binds, as LanguagePrimitives."""

    def convert(value: Any, parameter: str) -> str:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(names):
            return names[value]
        text = to_string(value)
        for name in names:
            if name.lower() == text.strip().lower():
                return name
        raise t.ConversionError(
            f'Cannot convert value "{text}" to type "{dotnet_name}". Error: "Unable to match the identifier '
            f"name {text} to a valid enumerator name. Specify one of the following enumerator names and try "
            f'again:\n{", ".join(names)}"'
        )

    return t.ParamType(dotnet_name, "str", convert, accepts_null=False)


CONSOLE_COLOR = enum_type("System.ConsoleColor", CONSOLE_COLORS)


class InvalidColor(PowerShellError):
    """Write-Host given a ConsoleColor that is no colour (the -1 a Linux console reads): its
    parameter's setter refuses it (ConsoleColorCmdlet.cs, HostStrings.resx InvalidColorErrorTemplate)."""

    category = ErrorCategory.InvalidArgument
    exception_type = "System.ArgumentOutOfRangeException"
    template = "Cannot process the color because {0} is not a valid color. (Parameter 'value')\nActual value was {0}."


def _host_color(value: Any, parameter: str) -> Any:
    if isinstance(value, UnknownColor):
        error = InvalidColor(to_string(value))
        error.error_id = f"SetInvalid{parameter}"  # type: ignore[misc]
        raise error
    return CONSOLE_COLOR.converter(value, parameter)


#: Write-Host's -ForegroundColor/-BackgroundColor: a ConsoleColor, which must be one of the 16.
HOST_COLOR = replace(CONSOLE_COLOR, converter=_host_color)
ERROR_CATEGORY = enum_type(
    "System.Management.Automation.ErrorCategory",
    [
        "NotSpecified",
        "OpenError",
        "CloseError",
        "DeviceError",
        "DeadlockDetected",
        "InvalidArgument",
        "InvalidData",
        "InvalidOperation",
        "InvalidResult",
        "InvalidType",
        "MetadataError",
        "NotImplemented",
        "NotInstalled",
        "ObjectNotFound",
        "OperationStopped",
        "OperationTimeout",
        "SyntaxError",
        "ParserError",
        "PermissionDenied",
        "ResourceBusy",
        "ResourceExists",
        "ResourceUnavailable",
        "ReadError",
        "WriteError",
        "FromStdErr",
        "SecurityError",
        "ProtocolError",
        "ConnectionError",
        "AuthenticationError",
        "LimitsExceeded",
        "QuotaExceeded",
        "NotEnabled",
    ],
)
OUTPUT_MODE = enum_type("Microsoft.PowerShell.Commands.OutputModeOption", ("None", "Single", "Multiple"))
TEST_PATH_TYPE = enum_type("Microsoft.PowerShell.Commands.TestPathType", ("Any", "Container", "Leaf"))
DISPLAY_HINT = enum_type("Microsoft.PowerShell.Commands.DisplayHintType", ("Date", "Time", "DateTime"))
QUOTE_KIND = enum_type("Microsoft.PowerShell.Commands.BaseCsvWritingCommand+QuoteKind", ("Never", "Always", "AsNeeded"))


def _encoding(value: Any, parameter: str) -> str:
    """System.Text.Encoding through ArgumentToEncodingTransformation: a name, a code page number."""
    text = to_string(value)
    if text.lower() in b.ENCODINGS:
        return text
    try:
        codecs.lookup(f"cp{text}" if text.isdigit() else text)
    except LookupError:
        raise t.ConversionError(f"'{text}' is not a supported encoding name.") from None  # inferred
    return text


ENCODING = t.ParamType("System.Text.Encoding", "str", _encoding)


def _datetime(value: Any, parameter: str) -> Any:
    """System.DateTime: PowerShell's conversion; a failed one is the binding error
    ``Cannot bind parameter 'Date'. Cannot convert value "x" to type "System.DateTime". Error: …``."""
    try:
        return convert_to(value, "datetime")
    except RuntimeFailure as failure:
        raise t.ConversionError(failure.message) from None


DATETIME = t.ParamType("System.DateTime", "datetime.datetime", _datetime)
#: System.Management.Automation.PSMemberTypes: the kinds Add-Member -MemberType names.
MEMBER_TYPE = enum_type(
    "System.Management.Automation.PSMemberTypes",
    (
        "AliasProperty",
        "CodeProperty",
        "Property",
        "NoteProperty",
        "ScriptProperty",
        "Properties",
        "PropertySet",
        "Method",
        "CodeMethod",
        "ScriptMethod",
        "Methods",
        "ParameterizedProperty",
        "MemberSet",
        "Event",
        "Dynamic",
        "InferredProperty",
        "All",
    ),
)
#: The member types -NotePropertyName refuses, so that ``Add-Member NoteProperty Name Value``
#: binds its first word to -MemberType (AddMember.cs, ValidateNotePropertyNameAttribute).
_ADDABLE_MEMBER_TYPES = frozenset(
    name.lower()
    for name in (
        *("AliasProperty", "CodeMethod", "CodeProperty", "MemberSet"),
        *("NoteProperty", "PropertySet", "ScriptMethod", "ScriptProperty"),
    )
)


def _note_property_name(value: Any, parameter: str) -> str:
    text = to_string(value)  # a number is a name too (NotePropertyTransformationAttribute)
    if text.strip().lower() in _ADDABLE_MEMBER_TYPES:
        raise ValidationFailed(
            parameter,
            "The parameter NotePropertyName cannot take values that could be converted to the type "
            "System.Management.Automation.PSMemberTypes. To define the name of a member with those values, "
            "use Add-Member, and specify the member type.",
        )
    return value if isinstance(value, str) else text


def _dictionary(value: Any, parameter: str) -> Any:
    if isinstance(value, dict):
        return value
    raise t.ConversionError(
        f'Cannot convert the "{to_string(value)}" value of type "{t.dotnet_value_type(value)}" to type '
        '"System.Collections.IDictionary".'
    )


DICTIONARY = t.ParamType("System.Collections.IDictionary", "Mapping[Any, Any]", _dictionary)
NOTE_PROPERTY_NAME = t.ParamType("System.String", "str", _note_property_name, is_string_like=True)
#: What a PSMemberTypes flag name stands for, as Get-Member -MemberType filters.
_PROPERTY_KINDS = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty")
_METHOD_KINDS = ("Method", "CodeMethod", "ScriptMethod")
_MEMBER_TYPE_GROUPS = {
    "properties": _PROPERTY_KINDS,
    "methods": _METHOD_KINDS,
    "all": (*_PROPERTY_KINDS, *_METHOD_KINDS, "PropertySet", "MemberSet", "Event", "ParameterizedProperty"),
}


def _member_type_flags(value: Any, parameter: str) -> frozenset[str]:
    """PSMemberTypes is a flags enum: ``NoteProperty, ScriptProperty`` or an array of names."""
    names = [part for item in as_list(value) for part in to_string(item).split(",")]
    kinds: set[str] = set()
    for name in names:
        single = MEMBER_TYPE.convert(name.strip(), parameter)
        kinds.update(_MEMBER_TYPE_GROUPS.get(single.lower(), (single,)))
    return frozenset(kinds)


MEMBER_TYPE_FLAGS = t.ParamType("System.Management.Automation.PSMemberTypes", "str", _member_type_flags)
#: Add-Member's parameter sets that take -InputObject (all four).
_SINGLE_NOTE, _MULTI_NOTE = "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet"
_MEMBER_SETS = ("TypeNameSet", "MemberSet", _SINGLE_NOTE, _MULTI_NOTE)
CHAR = t.STRING
SCRIPT_BLOCK = t.OBJECT
DOUBLE = t.OBJECT
INT64 = t.OBJECT


# --- declaring commands ---------------------------------------------------------------------------


def param(
    name: str,
    ptype: t.ParamType = t.OBJECT,
    position: int | None = None,
    *aliases: str,
    mandatory: bool = False,
    sets: tuple[InSet, ...] = (),
    by_property: bool = False,
) -> Parameter:
    return Parameter(
        name,
        ptype,
        position=position,
        aliases=aliases,
        mandatory=mandatory,
        sets=sets,
        from_pipeline_by_property_name=by_property,
    )


def in_sets(*names: str, position: int | None = None, mandatory: bool = False) -> tuple[InSet, ...]:
    return tuple(InSet(name, mandatory, position) for name in names)


def switch(name: str, *aliases: str, sets: tuple[InSet, ...] = ()) -> Parameter:
    return param(name, t.SWITCH, None, *aliases, sets=sets)


def metadata(
    name: str,
    *parameters: Parameter,
    default_set: str = "",
    should_process: bool = False,
    noun_type: str = "",
    type_name: str = "",
) -> CommandMetadata:
    """A builtin's metadata; its class is ``Microsoft.PowerShell.Commands.<type_name>``, by
    default the name without its dash, then ``Command`` (``noun_type`` replaces the name part)."""
    options: dict[str, Any] = {"default_parameter_set": default_set} if default_set else {}
    type_name = type_name or f"{noun_type or name.replace('-', '')}Command"
    return CommandMetadata(
        name=name,
        parameters=parameters,
        supports_should_process=should_process,
        implementing_type=f"Microsoft.PowerShell.Commands.{type_name}",
        **options,
    )


def emulated(
    meta: CommandMetadata,
    handler: b.Handler | None,
    *,
    module: str = "Microsoft.PowerShell.Utility",
    aliases: tuple[str, ...] = (),
    remaining: str = "",
    stage: b.StageFactory | None = None,
) -> Command:
    return Command(meta, Kind.EMULATED, handler, module, aliases, remaining, stage)


UTILITY = "Microsoft.PowerShell.Utility"
MANAGEMENT = "Microsoft.PowerShell.Management"
CORE = "Microsoft.PowerShell.Core"
SECURITY = "Microsoft.PowerShell.Security"
HOST = "Microsoft.PowerShell.Host"

_PATH_SETS = ("Path", "LiteralPath")


def _piped_paths() -> tuple[Parameter, ...]:
    """-Path and -LiteralPath of the item cmdlets, which a string or Get-ChildItem's items bind
    from the pipeline (ValueFromPipeline, ByPropertyName)."""
    path_set, literal_set = in_sets("Path", position=0, mandatory=True), in_sets("LiteralPath", mandatory=True)
    return (
        param("Path", t.STRING_ARRAY, 0, mandatory=True, sets=path_set, by_property=True),
        param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP", sets=literal_set, by_property=True),
    )


def _item_filters() -> tuple[Parameter, ...]:
    """-Filter, -Include and -Exclude of the item cmdlets: which of the items named they act on."""
    return param("Filter", t.STRING), param("Include", t.STRING_ARRAY), param("Exclude", t.STRING_ARRAY)


def _path_parameters() -> tuple[Parameter, ...]:
    return (
        param("Path", t.STRING_ARRAY, 0, mandatory=True, sets=in_sets("Path", position=0, mandatory=True)),
        param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP", sets=in_sets("LiteralPath", mandatory=True)),
    )


# --- the output streams (Write-*.md, Out-*.md) ---------------------------------------------------------

_WRITE = (
    emulated(
        metadata(
            "Write-Host",
            param("Object", t.OBJECT, 0, "Msg", "Message"),
            switch("NoNewline"),
            param("Separator", t.OBJECT),
            param("ForegroundColor", HOST_COLOR),
            param("BackgroundColor", HOST_COLOR),
            noun_type="WriteHost",
        ),
        b.write_host,
        remaining="Object",
    ),
    emulated(
        metadata("Write-Output", param("InputObject", t.OBJECT, 0), switch("NoEnumerate")),
        None,
        stage=b.WriteOutput,
        aliases=("echo", "write"),
        remaining="InputObject",
    ),
    *(
        emulated(
            metadata(f"Write-{kind}", param("Message", t.STRING, 0, "Msg", mandatory=True, by_property=True)), handler
        )
        for kind, handler in (("Warning", b.write_warning), ("Verbose", b.write_verbose), ("Debug", b.nothing))
    ),
    emulated(
        metadata(
            "Write-Information", param("MessageData", t.OBJECT, 0, "Msg", "Message"), param("Tags", t.STRING_ARRAY, 1)
        ),
        b.write_information,
    ),
    emulated(
        metadata(
            "Write-Progress",
            param("Activity", t.STRING, 0),
            param("Status", t.STRING, 1),
            param("Id", t.INT32, 2),
            param("PercentComplete", t.INT32),
            param("SecondsRemaining", t.INT32),
            param("CurrentOperation", t.STRING),
            param("ParentId", t.INT32),
            switch("Completed"),
            param("SourceId", t.INT32),
        ),
        b.write_progress,
    ),
    emulated(
        metadata(
            "Write-Error",
            param("Message", t.OBJECT, 0, "Msg"),
            param("Exception", t.OBJECT),
            param("ErrorRecord", t.OBJECT),
            param("Category", ERROR_CATEGORY),
            param("ErrorId", t.STRING),
            param("TargetObject", t.OBJECT),
            param("RecommendedAction", t.STRING),
            param("CategoryActivity", t.STRING, None, "Activity"),
            param("CategoryReason", t.STRING, None, "Reason"),
            param("CategoryTargetName", t.STRING, None, "TargetName"),
            param("CategoryTargetType", t.STRING, None, "TargetType"),
        ),
        b.write_error,
    ),
    emulated(
        metadata(
            "Out-File",
            param("FilePath", t.STRING, 0, "Path", sets=(InSet("ByPath", True, 0),)),
            param("LiteralPath", t.STRING, None, "PSPath", "LP", sets=(InSet("ByLiteralPath", True),)),
            param("Encoding", ENCODING, 1),
            switch("Append"),
            switch("Force"),
            switch("NoClobber", "NoOverwrite"),
            param("Width", t.INT32),
            switch("NoNewline"),
            param("InputObject", t.OBJECT),
            default_set="ByPath",
            should_process=True,
        ),
        b.out_file,
    ),
    emulated(
        metadata(
            "Tee-Object",
            param("InputObject", t.OBJECT),
            param("FilePath", t.STRING, 0, "Path", sets=in_sets("File", position=0, mandatory=True)),
            param("LiteralPath", t.STRING, None, "PSPath", "LP", sets=in_sets("LiteralFile", mandatory=True)),
            switch("Append", sets=in_sets("File")),
            param("Encoding", ENCODING, sets=in_sets("File", "LiteralFile")),
            param("Variable", t.STRING, sets=in_sets("Variable", mandatory=True)),
            default_set="File",
        ),
        b.tee_object,
        aliases=("tee",),
    ),
    emulated(metadata("Out-Null", param("InputObject", t.OBJECT)), b.nothing, module=CORE),
    emulated(
        metadata("Out-Host", switch("Paging"), param("InputObject", t.OBJECT)), b.out_host, module=CORE, aliases=("oh",)
    ),
    emulated(
        metadata(
            "Out-String",
            switch("Stream", sets=in_sets("StreamFormatting")),
            switch("NoNewline", sets=in_sets("NoNewLineFormatting")),
            param("Width", t.INT32),
            param("InputObject", t.OBJECT),
            default_set="NoNewLineFormatting",
        ),
        b.out_string,
    ),
    emulated(
        metadata(
            "Out-GridView",
            param("InputObject", t.OBJECT),
            param("Title", t.STRING),
            switch("Wait", sets=in_sets("Wait")),
            param("OutputMode", OUTPUT_MODE, sets=in_sets("OutputMode")),
            switch("PassThru", sets=in_sets("PassThru")),
            default_set="PassThru",
        ),
        b.out_gridview,
        aliases=("ogv",),
    ),
)

# --- objects in the pipeline ----------------------------------------------------------------------

_FORMAT_COMMON = (
    param("GroupBy", t.OBJECT),
    param("View", t.STRING),
    switch("ShowError"),
    switch("DisplayError"),
    switch("Force"),
    param("Expand", t.STRING),
    param("InputObject", t.OBJECT),
)

_PIPELINE = (
    emulated(
        metadata(
            "ForEach-Object",
            param("Process", t.OBJECT, 0),
            param("Begin", SCRIPT_BLOCK),
            param("End", SCRIPT_BLOCK),
            param("RemainingScripts", t.OBJECT),
            param("MemberName", t.STRING),
            param("ArgumentList", t.OBJECT, None, "Args"),
            param("InputObject", t.OBJECT),
            # PowerShell 7's runspaces: bound, so that a script using them stops plainly (ForEachObject's begin).
            param("Parallel", SCRIPT_BLOCK),
            param("ThrottleLimit", t.INT32),
            param("TimeoutSeconds", t.INT32),
            switch("AsJob"),
            switch("UseNewRunspace"),
            noun_type="ForEachObject",
        ),
        None,
        stage=b.ForEachObject,
        module=CORE,
        aliases=("%", "foreach"),
        remaining="Process",
    ),
    emulated(
        metadata(
            "Where-Object",
            param("Property", t.OBJECT, 0),
            param("Value", t.OBJECT, 1),
            param("FilterScript", SCRIPT_BLOCK),
            param("InputObject", t.OBJECT),
            *(switch(op, *((f"I{op}",) if not op.startswith("C") else ())) for op in b.WHERE_OPERATORS),
            switch("Is"),
            switch("IsNot"),
            switch("Not"),
        ),
        None,
        stage=b.WhereObject,
        module=CORE,
        aliases=("?", "where"),
    ),
    emulated(
        metadata(
            "Select-Object",
            param("Property", t.OBJECT, 0),
            param("ExcludeProperty", t.STRING_ARRAY),
            param("ExpandProperty", t.STRING),
            param("First", t.INT32),
            param("Last", t.INT32),
            param("Skip", t.INT32),
            param("SkipLast", t.INT32),
            param("Index", t.OBJECT),
            switch("Unique"),
            switch("CaseInsensitive"),
            switch("Wait"),
            param("InputObject", t.OBJECT),
        ),
        b.select_object,
        stage=b.select_stage,
        aliases=("select",),
    ),
    emulated(
        metadata(
            "Sort-Object",
            param("Property", t.OBJECT, 0),
            switch("Descending"),
            switch("Unique"),
            switch("CaseSensitive"),
            switch("Stable"),
            param("Culture", t.STRING),
            param("Top", t.INT32),
            param("Bottom", t.INT32),
            param("InputObject", t.OBJECT),
        ),
        b.sort_object,
        aliases=("sort",),
    ),
    emulated(
        metadata(
            "Get-Unique",
            param("InputObject", t.OBJECT),
            switch("AsString"),
            switch("OnType"),
            switch("CaseInsensitive"),
        ),
        b.get_unique,
        aliases=("gu",),
    ),
    emulated(
        metadata(
            "Group-Object",
            param("Property", t.OBJECT, 0),
            switch("NoElement"),
            switch("AsHashTable", "AHT"),
            switch("AsString"),
            switch("CaseSensitive"),
            param("Culture", t.STRING),
            param("InputObject", t.OBJECT),
        ),
        b.group_object,
        aliases=("group",),
    ),
    emulated(
        metadata(
            "Measure-Object",
            param("Property", t.OBJECT, 0),
            *(
                switch(name, sets=(InSet("GenericMeasure"),))
                for name in ("Sum", "Average", "Maximum", "Minimum", "StandardDeviation", "AllStats")
            ),
            *(switch(name, sets=(InSet("TextMeasure"),)) for name in ("Line", "Word", "Character", "IgnoreWhiteSpace")),
            param("InputObject", t.OBJECT),
            default_set="GenericMeasure",
        ),
        b.measure_object,
        aliases=("measure",),
    ),
    emulated(
        metadata(
            "Join-String",
            param("Property", t.OBJECT, 0),
            param("Separator", t.STRING, 1),
            param("OutputPrefix", t.STRING, None, "op"),
            param("OutputSuffix", t.STRING, None, "os"),
            switch("SingleQuote", sets=in_sets("SingleQuote")),
            switch("DoubleQuote", sets=in_sets("DoubleQuote")),
            param("FormatString", t.STRING, sets=in_sets("Format")),
            switch("UseCulture"),
            param("InputObject", t.OBJECT),
            default_set="default",
        ),
        b.join_string,
    ),
    emulated(
        metadata(
            "Compare-Object",
            param("ReferenceObject", t.OBJECT, 0, mandatory=True),
            param("DifferenceObject", t.OBJECT, 1, mandatory=True, by_property=True),
            param("SyncWindow", t.INT32),
            param("Property", t.OBJECT),
            switch("ExcludeDifferent"),
            switch("IncludeEqual"),
            switch("PassThru"),
            param("Culture", t.STRING),
            switch("CaseSensitive"),
        ),
        b.compare_object,
        aliases=("compare",),
    ),
    emulated(
        metadata(
            "Format-Table",
            param("Property", t.OBJECT, 0),
            *(switch(name) for name in ("AutoSize", "RepeatHeader", "HideTableHeaders", "Wrap")),
            *_FORMAT_COMMON,
        ),
        b.format_table_command,
        aliases=("ft",),
    ),
    emulated(
        metadata("Format-List", param("Property", t.OBJECT, 0), *_FORMAT_COMMON), b.format_list_command, aliases=("fl",)
    ),
    emulated(
        metadata(
            "Format-Wide", param("Property", t.OBJECT, 0), switch("AutoSize"), param("Column", t.INT32), *_FORMAT_COMMON
        ),
        b.format_wide_command,
        aliases=("fw",),
    ),
)

# --- CSV and JSON ----------------------------------------------------------------------------------

_CSV = (
    emulated(
        metadata(
            "Import-Csv",
            param("Path", t.STRING_ARRAY, 0),
            param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP"),
            param("Delimiter", CHAR, 1),
            switch("UseCulture"),
            param("Header", t.STRING_ARRAY),
            param("Encoding", ENCODING),
            noun_type="ImportCsv",
        ),
        b.import_csv,
        aliases=("ipcsv",),
    ),
    emulated(
        metadata(
            "Export-Csv",
            param("InputObject", t.OBJECT),
            param("Path", t.STRING, 0),
            param("LiteralPath", t.STRING, None, "PSPath", "LP"),
            param("Delimiter", CHAR, 1),
            switch("UseCulture"),
            switch("Force"),
            switch("Append"),
            switch("NoHeader"),
            switch("NoClobber", "NoOverwrite"),
            param("Encoding", ENCODING),
            switch("IncludeTypeInformation", "ITI"),
            switch("NoTypeInformation", "NTI"),
            param("QuoteFields", t.STRING_ARRAY, None, "QF"),
            param("UseQuotes", QUOTE_KIND, None, "UQ"),
            should_process=True,
            noun_type="ExportCsv",
        ),
        b.export_csv,
        aliases=("epcsv",),
    ),
    emulated(
        metadata(
            "Export-Clixml",
            param("Depth", t.INT32),
            param("Path", t.STRING, 0, sets=in_sets("ByPath", position=0, mandatory=True)),
            param("LiteralPath", t.STRING, None, "PSPath", "LP", sets=in_sets("ByLiteralPath", mandatory=True)),
            param("InputObject", t.OBJECT, mandatory=True, by_property=True),  # from the pipeline
            switch("Force"),
            switch("NoClobber", "NoOverwrite"),
            param("Encoding", ENCODING),
            default_set="ByPath",
            should_process=True,
            noun_type="ExportClixml",
        ),
        b.export_clixml,
    ),
    emulated(
        metadata(
            "Import-Clixml",
            param("Path", t.STRING_ARRAY, 0, sets=in_sets("ByPath", position=0, mandatory=True), by_property=True),
            param(
                "LiteralPath",
                t.STRING_ARRAY,
                None,
                "PSPath",
                "LP",
                sets=in_sets("ByLiteralPath", mandatory=True),
                by_property=True,
            ),
            switch("IncludeTotalCount"),
            param("Skip", INT64),
            param("First", INT64),
            default_set="ByPath",
            noun_type="ImportClixml",
        ),
        b.import_clixml,
    ),
    emulated(
        metadata(
            "ConvertTo-Csv",
            param("InputObject", t.OBJECT, 0),
            param("Delimiter", CHAR, 1),
            switch("UseCulture"),
            switch("IncludeTypeInformation", "ITI"),
            switch("NoTypeInformation", "NTI"),
            switch("NoHeader"),
            param("QuoteFields", t.STRING_ARRAY, None, "QF"),
            param("UseQuotes", QUOTE_KIND, None, "UQ"),
        ),
        b.convert_to_csv,
    ),
    emulated(
        metadata(
            "ConvertFrom-Csv",
            param("InputObject", t.OBJECT, 0),
            param("Delimiter", CHAR, 1),
            switch("UseCulture"),
            param("Header", t.STRING_ARRAY),
        ),
        b.convert_from_csv,
    ),
    emulated(
        metadata(
            "ConvertTo-Html",
            param("InputObject", t.OBJECT),
            param("Property", t.OBJECT, 0),
            param("Head", t.STRING_ARRAY, 1, sets=in_sets("Page", position=1)),
            param("Title", t.STRING, 2, sets=in_sets("Page", position=2)),
            param("Body", t.STRING_ARRAY, 3, sets=in_sets("Page", position=3)),
            param("As", enum_type("System.String", ("Table", "List"))),
            param("CssUri", t.STRING, None, "cu", "uri", sets=in_sets("Page")),
            switch("Fragment", sets=in_sets("Fragment")),
            param("PostContent", t.STRING_ARRAY),
            param("PreContent", t.STRING_ARRAY),
            param("Meta", t.OBJECT, sets=in_sets("Page")),
            param("Charset", t.STRING, sets=in_sets("Page")),
            switch("Transitional", sets=in_sets("Page")),
            default_set="Page",
        ),
        b.convert_to_html,
    ),
    emulated(
        metadata(
            "ConvertTo-Json",
            param("InputObject", t.OBJECT, 0),
            param("Depth", t.INT32),
            switch("Compress"),
            switch("EnumsAsStrings"),
            switch("AsArray"),
            param("EscapeHandling", t.STRING),
        ),
        b.convert_to_json,
    ),
    emulated(
        metadata(
            "ConvertFrom-Json",
            param("InputObject", t.OBJECT, 0),
            switch("AsHashtable"),
            param("Depth", t.INT32),
            switch("NoEnumerate"),
        ),
        b.convert_from_json,
    ),
)

_SELECT_STRING = emulated(
    metadata(
        "Select-String",
        param("Pattern", t.STRING_ARRAY, 0, mandatory=True),
        param("Path", t.STRING_ARRAY, 1, by_property=True),
        param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP"),
        param("InputObject", t.OBJECT),
        *(switch(name) for name in ("SimpleMatch", "CaseSensitive", "Quiet", "List", "NoEmphasis", "NotMatch")),
        *(switch(name) for name in ("AllMatches", "Raw")),
        param("Include", t.STRING_ARRAY),
        param("Exclude", t.STRING_ARRAY),
        param("Encoding", ENCODING),
        param("Context", t.OBJECT),
        param("Culture", t.STRING),
        noun_type="SelectString",
    ),
    b.select_string,
    aliases=("sls",),
)

# --- content, paths and items (Microsoft.PowerShell.Management) ----------------------------------------

_CONTENT_WRITE = (
    param("Value", t.OBJECT, 1, mandatory=True, by_property=True),
    switch("PassThru"),
    param("Filter", t.STRING),
    param("Include", t.STRING_ARRAY),
    param("Exclude", t.STRING_ARRAY),
    switch("Force"),
    param("Credential", t.OBJECT),
    param("Encoding", ENCODING),
    switch("NoNewline"),
    switch("AsByteStream"),
    param("Stream", t.STRING),
)

_FILES = (
    emulated(
        metadata(
            "Get-Content",
            *_path_parameters(),
            param("ReadCount", INT64),
            param("TotalCount", INT64, None, "First", "Head"),
            param("Tail", t.INT32, None, "Last"),
            param("Filter", t.STRING),
            param("Include", t.STRING_ARRAY),
            param("Exclude", t.STRING_ARRAY),
            switch("Force"),
            param("Credential", t.OBJECT),
            param("Delimiter", t.STRING),
            switch("Wait"),
            switch("Raw"),
            param("Encoding", ENCODING),
            switch("AsByteStream"),
            param("Stream", t.STRING),
            default_set="Path",
        ),
        b.get_content,
        module=MANAGEMENT,
        aliases=("gc", "type", "cat"),
    ),
    emulated(
        metadata("Set-Content", *_path_parameters(), *_CONTENT_WRITE, default_set="Path", should_process=True),
        b.set_content,
        module=MANAGEMENT,
        aliases=("sc",),
    ),
    emulated(
        metadata("Add-Content", *_path_parameters(), *_CONTENT_WRITE, default_set="Path", should_process=True),
        b.add_content,
        module=MANAGEMENT,
        aliases=("ac",),
    ),
    emulated(
        metadata(
            "Test-Path",
            # Mandatory with AllowNull in PowerShell; the binder has no AllowNull, so $null reaches
            # the handler, which writes NullPathNotPermitted as TestPathCommand.cs does.
            param("Path", t.STRING_ARRAY, 0, sets=in_sets("Path", position=0)),
            param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP", sets=in_sets("LiteralPath", mandatory=True)),
            param("Filter", t.STRING),
            param("Include", t.STRING_ARRAY),
            param("Exclude", t.STRING_ARRAY),
            param("PathType", TEST_PATH_TYPE, None, "Type"),
            switch("IsValid"),
            param("Credential", t.OBJECT),
            param("OlderThan", t.OBJECT),
            param("NewerThan", t.OBJECT),
            default_set="Path",
        ),
        b.test_path,
        module=MANAGEMENT,
    ),
    emulated(
        metadata(
            "Get-Location",
            param("PSProvider", t.STRING_ARRAY),
            param("PSDrive", t.STRING_ARRAY),
            switch("Stack"),
            param("StackName", t.STRING_ARRAY),
        ),
        b.get_location,
        module=MANAGEMENT,
        aliases=("gl", "pwd"),
    ),
    emulated(
        metadata(
            "Set-Location",
            param("Path", t.STRING, 0, sets=in_sets("Path", position=0), by_property=True),
            param("LiteralPath", t.STRING, None, "PSPath", "LP", sets=in_sets("LiteralPath", mandatory=True)),
            switch("PassThru"),
            param("StackName", t.STRING, sets=in_sets("Stack")),
            default_set="Path",
        ),
        b.set_location,
        module=MANAGEMENT,
        aliases=("cd", "chdir", "sl"),
    ),
    emulated(
        metadata(
            "Push-Location",
            param("Path", t.STRING, 0, sets=in_sets("Path", position=0), by_property=True),
            param("LiteralPath", t.STRING, None, "PSPath", "LP", sets=in_sets("LiteralPath", mandatory=True)),
            switch("PassThru"),
            param("StackName", t.STRING),
            default_set="Path",
        ),
        b.push_location,
        module=MANAGEMENT,
        aliases=("pushd",),
    ),
    emulated(
        metadata("Pop-Location", switch("PassThru"), param("StackName", t.STRING)),
        b.pop_location,
        module=MANAGEMENT,
        aliases=("popd",),
    ),
    emulated(
        metadata(
            "Join-Path",
            param("Path", t.STRING_ARRAY, 0, "PSPath", mandatory=True, by_property=True),
            param("ChildPath", t.STRING, 1, mandatory=True),
            param("AdditionalChildPath", t.STRING_ARRAY, 2),
            switch("Resolve"),
            param("Credential", t.OBJECT),
        ),
        b.join_path,
        module=MANAGEMENT,
        remaining="AdditionalChildPath",
    ),
    emulated(
        metadata(
            "Split-Path",
            param("Path", t.STRING_ARRAY, 0),
            param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP"),
            *(switch(name) for name in ("Parent", "Leaf", "LeafBase", "Extension", "Qualifier", "NoQualifier")),
            switch("IsAbsolute"),
            switch("Resolve"),
            param("Credential", t.OBJECT),
        ),
        b.split_path,
        module=MANAGEMENT,
    ),
    emulated(
        metadata(
            "Get-ChildItem",
            param("Path", t.STRING_ARRAY, 0),
            param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP"),
            param("Filter", t.STRING, 1),
            param("Include", t.STRING_ARRAY),
            param("Exclude", t.STRING_ARRAY),
            switch("Recurse", "s"),
            param("Depth", t.UINT32),
            switch("Force"),
            switch("Name"),
            switch("File", "af"),
            switch("Directory", "ad", "d"),
            switch("Hidden", "ah", "h"),
            switch("ReadOnly", "ar"),
            switch("System", "as"),
            switch("FollowSymlink"),
            param("Attributes", t.STRING),
        ),
        b.get_child_item,
        module=MANAGEMENT,
        aliases=("gci", "ls", "dir"),
    ),
    emulated(
        metadata(
            "New-Item",
            param("Path", t.STRING_ARRAY, 0, sets=(InSet("pathSet", True, 0), InSet("nameSet", False, 0))),
            param("Name", t.STRING, sets=in_sets("nameSet", mandatory=True)),
            param("ItemType", t.STRING, None, "Type"),
            param("Value", t.OBJECT, None, "Target"),
            switch("Force"),
            param("Credential", t.OBJECT),
            default_set="pathSet",
            should_process=True,
        ),
        b.new_item,
        module=MANAGEMENT,
        aliases=("ni",),
    ),
    emulated(
        metadata(
            "Get-Item",
            *_piped_paths(),
            *_item_filters(),
            switch("Force"),
            param("Credential", t.OBJECT),
            param("Stream", t.STRING_ARRAY),
            default_set="Path",
        ),
        b.get_item,
        module=MANAGEMENT,
        aliases=("gi",),
    ),
    emulated(
        metadata(
            "Resolve-Path",
            *_piped_paths(),
            switch("Relative"),
            param("RelativeBasePath", t.STRING),
            param("Credential", t.OBJECT),
            switch("Force"),
            default_set="Path",
        ),
        b.resolve_path,
        module=MANAGEMENT,
        aliases=("rvpa",),
    ),
    emulated(
        metadata(
            "Copy-Item",
            *_piped_paths(),
            param("Destination", t.STRING, 1, by_property=True),
            switch("Container"),
            switch("Force"),
            *_item_filters(),
            switch("Recurse"),
            switch("PassThru"),
            param("Credential", t.OBJECT),
            default_set="Path",
            should_process=True,
        ),
        b.copy_item,
        module=MANAGEMENT,
        aliases=("copy", "cp", "cpi"),
    ),
    emulated(
        metadata(
            "Move-Item",
            *_piped_paths(),
            param("Destination", t.STRING, 1, by_property=True),
            switch("Force"),
            *_item_filters(),
            switch("PassThru"),
            param("Credential", t.OBJECT),
            default_set="Path",
            should_process=True,
        ),
        b.move_item,
        module=MANAGEMENT,
        aliases=("move", "mi", "mv"),
    ),
    emulated(
        metadata(
            "Rename-Item",
            param(
                "Path",
                t.STRING,
                0,
                mandatory=True,
                sets=in_sets("ByPath", position=0, mandatory=True),
                by_property=True,
            ),
            param(
                "LiteralPath",
                t.STRING,
                None,
                "PSPath",
                "LP",
                sets=in_sets("ByLiteralPath", mandatory=True),
                by_property=True,
            ),
            param("NewName", t.STRING, 1, mandatory=True, by_property=True),
            switch("Force"),
            switch("PassThru"),
            param("Credential", t.OBJECT),
            default_set="ByPath",
            should_process=True,
        ),
        b.rename_item,
        module=MANAGEMENT,
        aliases=("ren", "rni"),
    ),
    emulated(
        metadata(
            "Remove-Item",
            *_piped_paths(),
            *_item_filters(),
            switch("Recurse"),
            switch("Force"),
            param("Credential", t.OBJECT),
            param("Stream", t.STRING_ARRAY),
            default_set="Path",
            should_process=True,
        ),
        b.remove_item,
        module=MANAGEMENT,
        aliases=("rm", "del", "ri", "erase", "rd", "rmdir"),
    ),
)

# --- dates, prompts, objects -----------------------------------------------------------------------

_HOST = (
    emulated(metadata("Get-Host"), b.get_host),
    emulated(
        metadata(
            "Add-Type",
            param("TypeDefinition", t.STRING, 0),
            param("Name", t.STRING),
            param("MemberDefinition", t.STRING_ARRAY),
            param("Namespace", t.STRING, None, "NS"),
            param("UsingNamespace", t.STRING_ARRAY, None, "Using"),
            param("Path", t.STRING_ARRAY),
            param("LiteralPath", t.STRING_ARRAY, None, "PSPath", "LP"),
            param("AssemblyName", t.STRING_ARRAY, None, "AN"),
            param("Language", t.STRING),
            param("ReferencedAssemblies", t.STRING_ARRAY, None, "RA"),
            param("OutputAssembly", t.STRING, None, "OA"),
            param("OutputType", t.STRING, None, "OT"),
            switch("PassThru"),
            switch("IgnoreWarnings"),
            param("CompilerOptions", t.STRING_ARRAY),
        ),
        b.add_type,
    ),
    emulated(
        metadata("Get-Culture", param("Name", t.STRING, 0), switch("ListAvailable"), switch("NoUserOverrides")),
        b.get_culture,
    ),
    emulated(
        metadata(
            "Get-Date",
            param("Date", DATETIME, 0, "LastWriteTime"),
            param("UnixTimeSeconds", INT64, None, "UnixTime"),
            *(param(name, t.INT32) for name in ("Year", "Month", "Day", "Hour", "Minute", "Second", "Millisecond")),
            param("DisplayHint", DISPLAY_HINT),
            param("Format", t.STRING),
            param("UFormat", t.STRING),
            switch("AsUTC"),
        ),
        b.get_date,
    ),
    emulated(
        metadata(
            "Start-Sleep",
            param("Seconds", DOUBLE, 0, sets=(InSet("Seconds", True, 0),)),
            param("Milliseconds", t.INT32, None, "ms", sets=in_sets("Milliseconds", mandatory=True)),
            param("Duration", t.OBJECT, None, "ts", sets=in_sets("FromTimeSpan", mandatory=True)),
            default_set="Seconds",
        ),
        b.nothing,  # the emulator does not wait: nothing it talks to is eventually consistent
        aliases=("sleep",),
    ),
    emulated(
        metadata("Read-Host", param("Prompt", t.OBJECT, 0), switch("AsSecureString"), switch("MaskInput")),
        b.read_host,
        remaining="Prompt",
    ),
    emulated(metadata("Pause"), b.pause),
    emulated(
        metadata(
            "Get-Credential",
            param("Credential", t.OBJECT, 0, sets=in_sets("CredentialSet", position=0)),
            param("UserName", t.STRING, sets=in_sets("MessageSet", position=0)),
            param("Message", t.STRING, sets=in_sets("MessageSet")),
            param("Title", t.STRING, sets=in_sets("MessageSet")),
            default_set="CredentialSet",
        ),
        b.get_credential,
        module=SECURITY,
    ),
    emulated(
        metadata(
            "ConvertTo-SecureString",
            param("String", t.STRING, 0),
            switch("AsPlainText"),
            switch("Force"),
            param("Key", t.OBJECT),
            param("SecureKey", t.OBJECT),
        ),
        b.secure_string,
        module=SECURITY,
    ),
    emulated(
        metadata(
            "Add-Member",
            param("InputObject", t.OBJECT, None, mandatory=True, by_property=True, sets=in_sets(*_MEMBER_SETS)),
            param("MemberType", MEMBER_TYPE, None, "Type", sets=in_sets("MemberSet", position=0, mandatory=True)),
            param("Name", t.STRING, sets=in_sets("MemberSet", position=1, mandatory=True)),
            param("Value", t.OBJECT, sets=in_sets("MemberSet", position=2)),
            param("SecondValue", t.OBJECT, sets=in_sets("MemberSet", position=3)),
            param("TypeName", t.STRING, sets=(InSet("TypeNameSet", True, None), *in_sets(*_MEMBER_SETS[1:]))),
            switch("Force", sets=in_sets(*_MEMBER_SETS[1:])),
            switch("PassThru"),
            param(
                "NotePropertyName",
                NOTE_PROPERTY_NAME,
                sets=in_sets(_SINGLE_NOTE, position=0, mandatory=True),
            ),
            param(
                "NotePropertyValue", t.OBJECT, sets=in_sets("NotePropertySingleMemberSet", position=1, mandatory=True)
            ),
            param(
                "NotePropertyMembers",
                DICTIONARY,
                sets=in_sets("NotePropertyMultiMemberSet", position=0, mandatory=True),
            ),
            default_set="TypeNameSet",
        ),
        b.add_member_command,
    ),
    *(
        emulated(
            metadata(
                name,
                param("Name", t.STRING_ARRAY, 0, mandatory=name != "Get-Variable"),
                *((param("Value", t.OBJECT, 1),) if name in ("Set-Variable", "New-Variable") else ()),
                *((switch("ValueOnly"),) if name == "Get-Variable" else ()),
                *((switch("PassThru"),) if name != "Get-Variable" else ()),
                *((switch("Force"),) if name != "Get-Variable" else ()),
                param("Scope", t.STRING),
                param("Include", t.STRING_ARRAY),
                param("Exclude", t.STRING_ARRAY),
                param("Description", t.STRING),
                param("Option", t.OBJECT),
                param("Visibility", t.OBJECT),
            ),
            handler,
            aliases=aliases,
        )
        for name, handler, aliases in (
            ("Set-Variable", b.set_variable_command, ("sv", "set")),
            ("New-Variable", b.new_variable_command, ("nv",)),
            ("Get-Variable", b.get_variable_command, ("gv",)),
            ("Remove-Variable", b.remove_variable_command, ("rv",)),
            ("Clear-Variable", b.clear_variable_command, ("clv",)),
        )
    ),
    emulated(
        metadata(
            "Get-Random",
            param("SetSeed", t.INT32),
            param("Maximum", t.OBJECT, 0, sets=in_sets("RandomNumberParameterSet", position=0)),
            param("Minimum", t.OBJECT, sets=in_sets("RandomNumberParameterSet")),
            param(
                "InputObject",
                t.OBJECT,
                0,
                mandatory=True,
                by_property=True,
                sets=in_sets("RandomListItemParameterSet", "ShuffleParameterSet", position=0, mandatory=True),
            ),
            param("Count", t.INT32, sets=in_sets("RandomNumberParameterSet", "RandomListItemParameterSet")),
            switch("Shuffle", sets=(InSet("ShuffleParameterSet", True, None),)),
            default_set="RandomNumberParameterSet",
        ),
        b.get_random,
    ),
    emulated(
        metadata(
            "New-TimeSpan",
            param("Start", DATETIME, 0, "LastWriteTime", sets=in_sets("Date", position=0)),
            param("End", DATETIME, 1, sets=in_sets("Date", position=1)),
            *(param(name, t.INT32, sets=in_sets("Time")) for name in ("Days", "Hours", "Minutes", "Seconds")),
            param("Milliseconds", t.INT32, sets=in_sets("Time")),
            default_set="Date",
        ),
        b.new_timespan,
    ),
    emulated(
        metadata(
            "Get-Member",
            param("InputObject", t.OBJECT),
            param("Name", t.STRING_ARRAY, 0),
            param("MemberType", MEMBER_TYPE_FLAGS, None, "Type"),
            param("View", t.STRING),
            switch("Static"),
            switch("Force"),
        ),
        b.get_member_command,
        aliases=("gm",),
    ),
    emulated(
        metadata(
            "New-Object",
            param("TypeName", t.STRING, 0),
            param("ArgumentList", t.OBJECT, 1, "Args"),
            param("Property", t.OBJECT),
            param("ComObject", t.STRING),
            switch("Strict"),
        ),
        b.new_object,
    ),
    emulated(metadata("Clear-Host"), b.nothing, module=CORE, aliases=("cls",)),
    emulated(
        metadata(
            "Start-Transcript",
            param("Path", t.STRING, 0),
            param("LiteralPath", t.STRING, None, "PSPath", "LP"),
            param("OutputDirectory", t.STRING),
            *(switch(name) for name in ("Append", "Force", "IncludeInvocationHeader", "UseMinimalHeader")),
            switch("NoClobber", "NoOverwrite"),
            should_process=True,
        ),
        b.start_transcript,
        module=HOST,
    ),
    emulated(metadata("Stop-Transcript", should_process=True), b.stop_transcript, module=HOST),
    emulated(
        metadata(
            "Export-ModuleMember",
            param("Function", t.STRING_ARRAY, 0),
            param("Cmdlet", t.STRING_ARRAY),
            param("Variable", t.STRING_ARRAY),
            param("Alias", t.STRING_ARRAY),
        ),
        b.export_module_member,
        module=CORE,
    ),
)


# --- modules and commands ---------------------------------------------------------------------------

#: Modules an emulated session has: importing them does nothing, and module-qualified names
#: (``MicrosoftTeams\\Set-CsOnline…``) resolve through them.
EMULATED_MODULES = {
    "microsoftteams": ("MicrosoftTeams", "6.7.0"),
    "skypeonlineconnector": ("SkypeOnlineConnector", "7.0.0"),
    "microsoft.powershell.utility": (UTILITY, "7.0.0.0"),
    "microsoft.powershell.management": (MANAGEMENT, "7.0.0.0"),
    "microsoft.powershell.core": (CORE, "7.4.0"),
    "microsoft.powershell.security": (SECURITY, "7.0.0.0"),
    "microsoft.powershell.host": (HOST, "7.0.0.0"),
}


def _module_info(name: str, version: str) -> PSObject:
    return PSObject(
        [("Name", name), ("Version", version), ("ModuleType", "Script" if "." not in name else "Manifest")],
        ("System.Management.Automation.PSModuleInfo",),
    )


def import_module(call: b.Call) -> list[Any]:
    """An emulated module imports as nothing, but a module generation (MicrosoftTeams,
    SkypeOnlineConnector) becomes the tenant's profile; a module the loaded generation brings
    along (MSOnline beside the connector) imports too. Any other module is an emulator stop: the
    script expects what that module would do (AzureAD…), and the emulator cannot do it."""
    out: list[Any] = []
    profile = module_of(call.host.engine)
    for name in (to_string(n) for n in as_list(call.get("Name"))):
        known = EMULATED_MODULES.get(module_stem(name))
        if known is None and not (profile is not None and profile.brings(module_stem(name))):
            raise EmulatorStop(f"the module '{name}'", invocation=call.host.invocation(call.node, call.name))
        profile = load_module(call.host.engine, [name]) or profile
        if call.switch("PassThru") and known is not None:
            out.append(_module_info(*known))
    return out


def get_module(call: b.Call) -> list[Any]:
    """``-ListAvailable``: the module generations the emulator has; else the one loaded."""
    wanted = [to_string(n).lower() for n in as_list(call.get("Name"))]
    if call.switch("ListAvailable"):
        found = [profile.info() for profile in dict.fromkeys(MODULES.values())]
    else:
        profile = module_of(call.host.engine)
        found = [] if profile is None else [profile.info()]
    return [module for module in found if not wanted or module.name.lower() in wanted]


#: The gallery modules an emulated machine has installed: today's module generation.
_GALLERY = {
    "microsoftteams": (
        "MicrosoftTeams",
        "6.7.0",
        "Microsoft Teams cmdlets module for Windows PowerShell and PowerShell Core",
    )
}


def get_installed_module(call: b.Call) -> list[Any]:
    """PowerShellGet's Get-InstalledModule: MicrosoftTeams, as installed from the PowerShell
    Gallery; a name (wildcards too) that matches none is PackageManagement's non-terminating
    NoMatchFound, so the usual ``if (-not (Get-InstalledModule X -ErrorAction SilentlyContinue))``
    takes its branch."""
    out: list[Any] = []
    for name in [to_string(n) for n in as_list(call.get("Name"))] or ["*"]:
        pattern = wildcard(name)
        found = [entry for key, entry in _GALLERY.items() if pattern.match(key)]
        if not found and not any(c in name for c in "*?["):
            call.write_error(b.NoModuleMatch(name, target_object=name, implementing_type=_GET_PACKAGE))
        out.extend(_installed(*entry) for entry in found)
    return out


class _RepositoryItem(PSObject):
    """PSRepositoryItemInfo, shown by PowerShellGet's table view (PSGet.Format.ps1xml)."""

    __slots__ = ()
    ps_table_view = ("Version", "Name", "Repository", "Description")


def _installed(name: str, version: str, description: str) -> PSObject:
    fields = [("Version", Version(version)), ("Name", name), ("Repository", "PSGallery"), ("Description", description)]
    return _RepositoryItem(
        [*fields, ("Type", "Module"), ("Author", "Microsoft Corporation")],
        ("Microsoft.PowerShell.Commands.PSRepositoryItemInfo", "System.Object"),
    )


#: The cmdlet PowerShellGet's Get-InstalledModule calls, which names its errors.
_GET_PACKAGE = "Microsoft.PowerShell.PackageManagement.Cmdlets.GetPackage"


def get_command(call: b.Call) -> list[Any]:
    """A CommandInfo per name the emulator runs; an unknown name is written, not thrown."""
    out: list[Any] = []
    for name in (to_string(n) for n in as_list(call.get("Name"))):
        found = _command_info(name, call.host.resolve_command)
        if found is None:
            call.write_error(b.CommandNotFoundWritten(name, target_object=name))
        else:
            out.append(found)
    return out


def _command_info(name: str, resolve: Callable[[str], CommandMetadata]) -> PSObject | None:
    command = lookup(name)
    if command is not None and command.kind is not Kind.REFUSED:
        module, meta = command.module, command.metadata
    else:
        try:
            meta, module = resolve(canonical_name(name)), "MicrosoftTeams"
        except CommandNotFound:
            return None
    return PSObject(
        [("CommandType", "Cmdlet"), ("Name", meta.name), ("Version", ""), ("Source", module), ("ModuleName", module)],
        ("System.Management.Automation.CmdletInfo",),
    )


_MODULES = (
    emulated(
        metadata(
            "Set-StrictMode",
            param("Version", t.STRING, None, "v", sets=in_sets("Version", mandatory=True)),
            switch("Off", sets=in_sets("Off", mandatory=True)),
            default_set="Version",
        ),
        b.set_strict_mode,
        module=CORE,
    ),
    emulated(
        metadata(
            "Import-Module",
            param("Name", t.STRING_ARRAY, 0),
            param("FullyQualifiedName", t.OBJECT),
            switch("Global"),
            switch("Force"),
            switch("PassThru"),
            switch("AsCustomObject"),
            switch("DisableNameChecking"),
            param("Prefix", t.STRING),
            *(param(name, t.STRING_ARRAY) for name in ("Function", "Cmdlet", "Variable", "Alias")),
            param("ArgumentList", t.OBJECT, None, "Args"),
            switch("NoClobber", "NoOverwrite"),
            param("Scope", t.STRING),
            param("MinimumVersion", t.STRING, None, "Version"),
            param("MaximumVersion", t.STRING),
            param("RequiredVersion", t.STRING),
            switch("SkipEditionCheck"),
            switch("UseWindowsPowerShell", "UseWinPS"),
        ),
        import_module,
        module=CORE,
        aliases=("ipmo",),
    ),
    emulated(
        metadata(
            "Get-Module",
            param("Name", t.STRING_ARRAY, 0),
            param("FullyQualifiedName", t.OBJECT),
            switch("All"),
            switch("ListAvailable"),
            param("PSEdition", t.STRING),
            switch("SkipEditionCheck"),
            switch("Refresh"),
        ),
        get_module,
        module=CORE,
        aliases=("gmo",),
    ),
    emulated(
        metadata(
            "Get-InstalledModule",
            param("Name", t.STRING_ARRAY, 0),
            param("MinimumVersion", t.STRING),
            param("RequiredVersion", t.STRING),
            param("MaximumVersion", t.STRING),
            switch("AllVersions"),
            switch("AllowPrerelease"),
        ),
        get_installed_module,
        module="PowerShellGet",
    ),
    emulated(
        metadata(
            "Get-Command",
            param("Name", t.STRING_ARRAY, 0),
            param("Verb", t.STRING_ARRAY),
            param("Noun", t.STRING_ARRAY),
            param("Module", t.STRING_ARRAY, None, "PSSnapin"),
            param("CommandType", t.STRING, None, "Type"),
            param("TotalCount", t.INT32),
            switch("Syntax"),
            switch("All"),
            switch("ListImported"),
            param("ParameterName", t.STRING_ARRAY),
            param("ArgumentList", t.OBJECT, 1, "Args"),
        ),
        get_command,
        module=CORE,
        aliases=("gcm",),
    ),
)

# --- accepted as no-op, refused ----------------------------------------------------------------------

#: Connection, session and policy commands: against the emulator their job is already done.
_POLICY_SCOPES = ("MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine")
_POLICY_AND_TIMING = (
    emulated(
        metadata(
            "New-Guid",
            switch("Empty", sets=in_sets("Empty")),
            param("InputObject", t.STRING, None, sets=in_sets("InputObject", mandatory=True), by_property=True),
            default_set="Default",
        ),
        b.new_guid,
    ),
    emulated(
        metadata(
            "Measure-Command", param("Expression", SCRIPT_BLOCK, 0, mandatory=True), param("InputObject", t.OBJECT)
        ),
        b.measure_command,
    ),
    emulated(
        metadata(
            "Get-ExecutionPolicy",
            param("Scope", enum_type("Microsoft.PowerShell.ExecutionPolicyScope", _POLICY_SCOPES), 0),
            switch("List"),
        ),
        b.get_execution_policy,
        module=SECURITY,
    ),
)

MAIL_PRIORITY = enum_type("System.Net.Mail.MailPriority", ("Normal", "Low", "High"))
DELIVERY_NOTIFICATION = enum_type(
    "System.Net.Mail.DeliveryNotificationOptions", ("None", "OnSuccess", "OnFailure", "Delay", "Never")
)
#: Send-MailMessage's parameters (Send-MailMessage.cs); the class has no ``Command`` suffix.
_MAIL = (
    emulated(
        metadata(
            "Send-MailMessage",
            param("Attachments", t.STRING_ARRAY, None, "PsPath", by_property=True),
            param("Bcc", t.STRING_ARRAY, by_property=True),
            param("Body", t.STRING, 2, by_property=True),
            param("BodyAsHtml", t.SWITCH, None, "BAH", by_property=True),
            param("Encoding", ENCODING, None, "BE", by_property=True),
            param("Cc", t.STRING_ARRAY, by_property=True),
            param("DeliveryNotificationOption", DELIVERY_NOTIFICATION, None, "DNO", by_property=True),
            param("From", t.STRING, None, mandatory=True, by_property=True),
            param("SmtpServer", t.STRING, 3, "ComputerName", by_property=True),
            param("Priority", MAIL_PRIORITY, by_property=True),
            param("ReplyTo", t.STRING_ARRAY, by_property=True),
            param("Subject", t.STRING, 1, "sub", by_property=True),
            param("To", t.STRING_ARRAY, 0, mandatory=True, by_property=True),
            param("Credential", t.OBJECT, by_property=True),
            param("UseSsl", t.SWITCH, by_property=True),
            param("Port", t.INT32, by_property=True),
            type_name="SendMailMessage",
        ),
        lambda call: _send_mail_message(call),
    ),
)


def _send_mail_message(call: b.Call) -> list[Any]:
    from .send_mail import send_mail_message  # the mail package (jinja2, babel) loads with the first message

    return send_mail_message(call)


NO_OP_COMMANDS = {
    "New-CsOnlineSession": "SkypeOnlineConnector",
    "Import-PSSession": UTILITY,
    "Remove-PSSession": CORE,
    "Get-PSSession": CORE,
    "Set-ExecutionPolicy": SECURITY,
    "Install-Module": "PowerShellGet",
    "Update-Module": "PowerShellGet",
    "Remove-Module": CORE,
}

#: Commands that would run code or programs, or touch systems, the emulator cannot see into.
REFUSED_COMMANDS = {
    "Invoke-Expression": ("iex",),
    "Invoke-Command": ("icm",),
    "Start-Process": ("start", "saps"),
    "Invoke-WebRequest": ("iwr", "curl", "wget"),
    "Invoke-RestMethod": ("irm",),
    "Start-Job": (),
    "Invoke-Item": ("ii",),
    "Test-Connection": (),
    "Find-Module": (),
    "Find-Script": (),
}
#: Refused commands that reach other machines: the emulator has no network, and any answer it
#: made up (a ping that worked, a gallery's newest version) would not be true of the script's.
NETWORK_COMMANDS = frozenset(
    {"invoke-webrequest", "invoke-restmethod", "test-connection", "find-module", "find-script"}
)


def refused_stop(command: Command, name: str) -> str:
    """What the emulator stop of a refused command says it does not emulate: ``'name'``, and why
    when the command would reach the network."""
    if command.metadata.name.lower() in NETWORK_COMMANDS:
        return f"'{name}', which reaches the network (the emulator has none)"
    return f"'{name}'"


def _no_op(name: str, module: str) -> Command:
    handler = b.new_session if name == "New-CsOnlineSession" else b.nothing
    return Command(metadata(name), Kind.NO_OP, handler, module)


COMMANDS: tuple[Command, ...] = (
    *_WRITE,
    *_PIPELINE,
    *_CSV,
    _SELECT_STRING,
    *_FILES,
    *_HOST,
    *_MODULES,
    *_POLICY_AND_TIMING,
    *_MAIL,
    *(_no_op(name, module) for name, module in NO_OP_COMMANDS.items()),
    *(Command(metadata(name), Kind.REFUSED, aliases=aliases) for name, aliases in REFUSED_COMMANDS.items()),
)

#: Commands whose switches are followed by a value for another parameter: ``Where-Object
#: Enabled -EQ $true`` (Where-Object.md, the comparison-statement syntax).
OPERATOR_SWITCHES = frozenset({"where-object"})

#: Every command by lower-case name.
BUILTINS: Mapping[str, Command] = {command.name.lower(): command for command in COMMANDS}
#: Lower-case alias → lower-case command name (about_Aliases; the ones this table's commands define).
ALIASES: Mapping[str, str] = {alias: command.name.lower() for command in COMMANDS for alias in command.aliases}

_QUALIFIED = re.compile(r"^(?P<module>[A-Za-z][\w.]*)\\(?P<name>[A-Za-z]+-[A-Za-z]\w*)$")


@functools.lru_cache(maxsize=1024)  # a script names the same few commands again and again
def unqualified(name: str) -> str:
    """``name`` without a known module's qualifier (``MicrosoftTeams\\Get-CsTenant`` → ``Get-CsTenant``)."""
    qualified = _QUALIFIED.match(name)
    return qualified["name"] if qualified and qualified["module"].lower() in EMULATED_MODULES else name


@functools.lru_cache(maxsize=1024)
def canonical_name(name: str) -> str:
    """The lower-case command a script name means: aliases resolved, a known module's qualifier
    dropped (``Microsoft.PowerShell.Utility\\Write-Output`` → ``write-output``)."""
    lowered = unqualified(name).lower()
    return ALIASES.get(lowered, lowered)


def lookup(name: str) -> Command | None:
    """The table's command for a script name, else ``None`` (a cmdlet, a function, unknown)."""
    return BUILTINS.get(canonical_name(name))


@functools.lru_cache(maxsize=1024)
def names_a_program(name: str) -> bool:
    """A path or a program (``.\\other.ps1``, ``C:\\tools\\x.exe``, ``robocopy.exe``), not a command."""
    if _QUALIFIED.match(name) and name.split("\\", 1)[0].lower() in EMULATED_MODULES:
        return False
    return any(c in name for c in "\\/") or name.lower().endswith((".ps1", ".exe", ".cmd", ".bat"))


def is_typo_of_emulated(error: CommandNotFound) -> bool:
    """``CommandNotFound`` with a hint: a near-miss of a cmdlet the emulator has ("Did you mean"),
    or a cmdlet of another module generation than the one loaded (cmdlets.profiles): PowerShell's
    own error in both cases, not a command the emulator lacks."""
    return bool(error.recommended_action)


# --- arguments ---------------------------------------------------------------------------------------


def gather_remaining(command: Command, arguments: list[Argument]) -> list[Argument]:
    """ValueFromRemainingArguments: the positional values from the parameter's position on
    become one array (``Write-Host a b c`` binds ``-Object @('a','b','c')``). A value that
    follows ``-Name`` (a non-switch parameter) is that parameter's, not a positional one."""
    meta = command.metadata
    parameter = meta.parameter(command.remaining)
    named: set[str] = set()
    positional: list[PositionalArgument] = []
    waiting = False
    for argument in arguments:
        if isinstance(argument, NamedArgument):
            target = _parameter_named(meta, argument.name)
            named.add(target.name if target is not None else argument.name)
            waiting = argument.value is NOT_GIVEN and target is not None and not target.is_switch
        elif waiting:
            waiting = False
        else:
            positional.append(argument)
    position = parameter.position or 0
    keep = sum(1 for q in meta.positional_parameters if (q.position or 0) < position and q.name not in named)
    if len(positional) - keep <= 1 or parameter.name in named:
        return arguments
    rest = positional[keep:]
    dropped = {id(a) for a in rest}
    return [a for a in arguments if id(a) not in dropped] + [PositionalArgument([a.value for a in rest], rest[0].where)]


def _parameter_named(meta: CommandMetadata, typed: str) -> Parameter | None:
    try:
        return match_parameter(meta, typed)
    except PowerShellError:
        return None  # ambiguous: the binder reports it


#: The parameter types a script function may declare (``[string]$Name``), by lower-cased name.
PARAMETER_TYPES: Mapping[str, t.ParamType] = {
    "string": t.STRING,
    "int": t.INT32,
    "int32": t.INT32,
    "uint32": t.UINT32,
    "bool": t.BOOLEAN,
    "boolean": t.BOOLEAN,
    "switch": t.SWITCH,
    "string[]": t.STRING_ARRAY,
    "guid": t.GUID,
    "consolecolor": CONSOLE_COLOR,
    "management.automation.errorcategory": ERROR_CATEGORY,
    "management.automation.actionpreference": enum_type(
        "System.Management.Automation.ActionPreference", [member.name for member in ActionPreference]
    ),
}


def _flag(value: ast.Expression | None) -> bool:
    """An attribute's named argument as a bool: bare (``Mandatory``) or ``=$true`` is true."""
    if value is None:
        return True
    if isinstance(value, ast.Variable):
        return value.name.lower() == "true"
    if isinstance(value, ast.Constant):
        return bool(value.value)
    return False


def _word(value: ast.Expression | None) -> str:
    """A named argument's name-like value: ``'High'`` or ``[ConfirmImpact]::High``."""
    if isinstance(value, ast.Constant):
        return to_string(value.value)
    if isinstance(value, ast.Member) and isinstance(value.member, ast.Constant):
        return to_string(value.member.value)
    return ""


def _named(attribute: ast.Attribute) -> dict[str, ast.Expression | None]:
    return {key.lower(): value for key, value in attribute.named}


def _declared(decl: ast.ParameterDecl, position: int | None) -> Parameter:
    """One parameter of a ``param()`` block. Each ``[Parameter(ParameterSetName = 'X')]`` puts it
    in set X with that attribute's Mandatory and Position; one without a set name puts it in every
    set (about_Functions_Advanced_Parameters; about_Parameter_Sets)."""
    attributes = [_named(a) for a in decl.attributes if a.name.lower() == "parameter"]
    for named in attributes:
        explicit = named.get("position")
        if isinstance(explicit, ast.Constant) and isinstance(explicit.value, int):
            position = explicit.value
            break
    ptype = validated(PARAMETER_TYPES.get(decl.type_name.lower().removeprefix("system."), t.OBJECT), decl.attributes)
    aliases = tuple(
        to_string(getattr(arg, "value", ""))
        for a in decl.attributes
        if a.name.lower() == "alias"
        for arg in a.positional
    )
    sets: list[InSet] = []
    mandatory = decl.is_mandatory
    in_every_set = not attributes
    for named in attributes:
        set_name = _word(named.get("parametersetname"))
        if not set_name or set_name == ALL_SETS:
            in_every_set = True
            mandatory = "mandatory" in named and _flag(named["mandatory"])
            continue
        explicit = named.get("position")
        set_position = (
            explicit.value if isinstance(explicit, ast.Constant) and isinstance(explicit.value, int) else None
        )
        if set_position is None and not ptype.is_switch:
            set_position = position
        sets.append(InSet(set_name, "mandatory" in named and _flag(named["mandatory"]), set_position))
    flags = {key for named in attributes for key, value in named.items() if _flag(value)}
    return Parameter(
        decl.name,
        ptype,
        position=None if ptype.is_switch else position,
        mandatory=mandatory,
        sets=() if in_every_set else tuple(sets),
        aliases=aliases,
        # Parameter has no ValueFromPipeline flag: a by-value parameter is marked here too, so that
        # binding leaves it to the input; the runner then gives it each input object itself.
        from_pipeline_by_property_name=bool({"valuefrompipelinebypropertyname", "valuefrompipeline"} & flags),
    )


def is_advanced(block: ast.ScriptBlock) -> bool:
    """``[CmdletBinding()]`` or a ``[Parameter()]`` attribute makes a function advanced
    (about_Functions_Advanced)."""
    params = block.params
    if params is None:
        return False
    attributes = [*params.attributes, *(a for decl in params.parameters for a in decl.attributes)]
    return any(a.name.lower() in ("cmdletbinding", "parameter") for a in attributes)


def function_metadata(node: ast.FunctionDefinition) -> CommandMetadata:
    """A script function's (or the script's own) CommandMetadata from its ``param()`` block:
    parameters are positional in declaration order, as PowerShell's default PositionalBinding;
    ``[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High', DefaultParameterSetName = 'X')]``
    gives it -WhatIf/-Confirm, its impact and its default set (about_Functions_CmdletBindingAttribute;
    ConfirmImpact is Medium unless it says otherwise)."""
    block = node.body.params
    params = block.parameters if block else ()
    binding = next((_named(a) for a in (block.attributes if block else ()) if a.name.lower() == "cmdletbinding"), {})
    positional = "positionalbinding" not in binding or _flag(binding["positionalbinding"])
    declared = []
    position = 0
    for decl in params:
        parameter = _declared(decl, position if positional else None)
        if parameter.position is not None and positional:
            position += 1
        declared.append(parameter)
    impact = _word(binding.get("confirmimpact")).upper() or "MEDIUM"
    return CommandMetadata(
        name=node.name,
        parameters=tuple(declared),
        implementing_type=node.name,
        default_parameter_set=_word(binding.get("defaultparametersetname")) or ALL_SETS,
        supports_should_process="supportsshouldprocess" in binding and _flag(binding["supportsshouldprocess"]),
        confirm_impact=ConfirmImpact.__members__.get(impact, ConfirmImpact.MEDIUM),
    )


def cli_argument(text: str) -> Argument:
    """One command-line word for a script (``-CsvPath``, ``-Force:$false``, ``users.csv``)."""
    match = re.fullmatch(r"[-\u2013\u2014\u2015]([^\W\d][\w-]*)(?::(.*))?", text)
    if match is None:
        number = re.fullmatch(r"[+-]?\d+", text)
        return PositionalArgument(int(text) if number else text)
    if match.group(2) is None:
        return NamedArgument(match.group(1), NOT_GIVEN, text)
    value: Any = {"$true": True, "$false": False, "$null": None}.get(match.group(2).lower(), match.group(2))
    return NamedArgument(match.group(1), value, text)
