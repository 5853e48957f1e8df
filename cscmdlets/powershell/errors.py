"""PowerShell errors: exceptions that carry their FullyQualifiedErrorId, and ErrorRecords.

Every user-facing failure in cscmdlets is a :class:`PowerShellError`. Its class attributes
say what PowerShell shows (``error_id``, ``category``, ``template``, ``exception_type``);
the class name is for Python readers. Sources: PowerShell's ParameterBinderStrings.resx and
ErrorPackage.cs (PowerShell/PowerShell on GitHub), about_CommonParameters and about_Error_Handling.

Hierarchy::

    PowerShellError
    ├── ParameterBindingError            (ParameterBindingException, statement-terminating)
    │   ├── NamedParameterNotFound, AmbiguousParameter, ParameterAlreadyBound,
    │   │   MissingArgument, PositionalParameterNotFound, MissingMandatoryParameter,
    │   │   AmbiguousParameterSet, ParameterNotInParameterSet, CannotConvertArgument,
    │   │   CannotConvertArgumentNoMessage, InputObjectNotBound, InputObjectMissingMandatory,
    │   │   ParameterNotEmulated (the emulator's own: a real parameter it does not model)
    │   └── ParameterValidationError     (ParameterBindingValidationException)
    │       └── NullNotAllowed, EmptyStringNotAllowed, ValidationFailed
    ├── CommandNotFound                  (CommandNotFoundException)
    ├── NonInteractivePrompt             (PSInvalidOperationException)
    ├── ParseError                       (ParseException; raised by powershell.parser)
    ├── RuntimeError_                    (RuntimeException: throw, unsupported script code)
    └── ServiceError                     (errors the dial-in service itself reports)

An exception never formats itself for a console or a wire: :func:`ErrorRecord.from_error`
turns it into the one record that the console view, ``serve``, the passthrough and
``$Error`` all use.
"""

from __future__ import annotations

import enum
import textwrap
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

__all__ = [
    "AmbiguousParameter",
    "AmbiguousParameterSet",
    "BooleanNullNotAllowed",
    "CannotConvertArgument",
    "CannotConvertArgumentNoMessage",
    "CommandNotFound",
    "EmptyStringNotAllowed",
    "ErrorCategory",
    "ErrorRecord",
    "InputObjectMissingMandatory",
    "InputObjectNotBound",
    "InvocationInfo",
    "MissingArgument",
    "MissingMandatoryParameter",
    "NamedParameterNotFound",
    "NonInteractivePrompt",
    "NullNotAllowed",
    "ParameterAlreadyBound",
    "ParameterBindingError",
    "ParameterNotEmulated",
    "ParameterNotInParameterSet",
    "ParameterValidationError",
    "ParseError",
    "PositionalParameterNotFound",
    "PowerShellError",
    "ScriptRuntimeError",
    "ServiceError",
    "ValidationFailed",
    "error_class_for",
]


class ErrorCategory(enum.IntEnum):
    """System.Management.Automation.ErrorCategory, with the engine's numbers."""

    NotSpecified = 0
    OpenError = 1
    CloseError = 2
    DeviceError = 3
    DeadlockDetected = 4
    InvalidArgument = 5
    InvalidData = 6
    InvalidOperation = 7
    InvalidResult = 8
    InvalidType = 9
    MetadataError = 10
    NotImplemented = 11
    NotInstalled = 12
    ObjectNotFound = 13
    OperationStopped = 14
    OperationTimeout = 15
    SyntaxError = 16
    ParserError = 17
    PermissionDenied = 18
    ResourceBusy = 19
    ResourceExists = 20
    ResourceUnavailable = 21
    ReadError = 22
    WriteError = 23
    FromStdErr = 24
    SecurityError = 25
    ProtocolError = 26
    ConnectionError = 27
    AuthenticationError = 28
    LimitsExceeded = 29
    QuotaExceeded = 30
    NotEnabled = 31

    def __str__(self) -> str:
        """``InvalidArgument``, as PowerShell prints a category (``int(category)`` is the number)."""
        return self.name

    def __format__(self, spec: str) -> str:
        return format(self.name, spec)  # f"{category}" too


@dataclass(frozen=True)
class InvocationInfo:
    """Where a command was invoked: the parts of PowerShell's InvocationInfo the views use.

    ``column`` is 1-based, like PowerShell's ``OffsetInLine``; ``length`` is the width of
    the ``~~~`` underline (the offending token).
    """

    command_name: str = ""
    script_name: str = ""
    line_number: int = 0
    column: int = 0
    line: str = ""
    length: int = 0

    @property
    def has_position(self) -> bool:
        return self.line_number > 0


class PowerShellError(Exception):
    """Base of every error cscmdlets reports: an ErrorRecord waiting to be written.

    Attributes:
        fully_qualified_error_id: ``"{error_id},{implementing type}"`` as PowerShell shows it.
        category: the :class:`ErrorCategory`.
        target_object: the object the error is about (``None`` for binding errors).
        error_record: the :class:`ErrorRecord` built from this error.

    ``str(error)`` is the PowerShell message, exactly.
    """

    error_id: ClassVar[str] = "NotSpecified"
    category: ClassVar[ErrorCategory] = ErrorCategory.NotSpecified
    template: ClassVar[str] = "{message}"
    exception_type: ClassVar[str] = "System.Management.Automation.RuntimeException"
    #: Errors whose FQEID has no ",TypeName" suffix (CommandNotFoundException, parse errors).
    qualify_id: ClassVar[bool] = True
    #: Raised by a script's ``throw`` (the exception's WasThrownFromThrowStatement).
    thrown: ClassVar[bool] = False
    #: The exceptions inside this one, outermost first, as (type full name, message): what
    #: ``$_.Exception.InnerException`` reads and ``catch [Type]`` also matches.
    inner_exceptions: tuple[tuple[str, str], ...] = ()

    def __init__(
        self,
        *args: Any,
        target_object: Any = None,
        command_name: str = "",
        implementing_type: str = "",
        recommended_action: str = "",
        invocation: InvocationInfo | None = None,
        **values: Any,
    ) -> None:
        self.args_for_template = args
        self.values = values
        self.target_object = target_object
        self.command_name = command_name
        self.implementing_type = implementing_type
        self.recommended_action = recommended_action
        self.invocation = invocation or InvocationInfo(command_name=command_name)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(*self.args_for_template, **self.values)

    def __str__(self) -> str:
        return self.message

    @property
    def fully_qualified_error_id(self) -> str:
        if self.qualify_id and self.implementing_type:  # no comma around an empty part (ErrorPackage.cs)
            return ",".join(part for part in (self.error_id, self.implementing_type) if part)
        return self.error_id

    @property
    def error_record(self) -> ErrorRecord:
        return ErrorRecord.from_error(self)

    def at(self, invocation: InvocationInfo) -> PowerShellError:
        """Attach the position of the offending token (keeps the command name if unset)."""
        if not invocation.command_name and self.invocation.command_name:
            invocation = replace(invocation, command_name=self.invocation.command_name)
        self.invocation = invocation
        return self

    def for_command(self, command_name: str, implementing_type: str) -> PowerShellError:
        """Attribute the error to a command, as the engine does when the command runs."""
        self.command_name = self.command_name or command_name
        self.implementing_type = self.implementing_type or implementing_type
        if not self.invocation.command_name:
            self.invocation = replace(self.invocation, command_name=self.command_name)
        return self


# --- parameter binding (ParameterBinderStrings.resx) -------------------------------------------


class ParameterBindingError(PowerShellError):
    category = ErrorCategory.InvalidArgument
    exception_type = "System.Management.Automation.ParameterBindingException"


class NamedParameterNotFound(ParameterBindingError):
    error_id = "NamedParameterNotFound"
    template = "A parameter cannot be found that matches parameter name '{0}'."


class ParameterNotEmulated(ParameterBindingError):
    """A parameter the real cmdlet has (its reference page) but the emulator does not model:
    ``cscmdlets run`` stops there (an emulator stop); other doors raise this."""

    error_id = "ParameterNotEmulated"  # the emulator's own
    category = ErrorCategory.NotImplemented
    template = "cscmdlets does not emulate the parameter -{0} of {1}."


class AmbiguousParameter(ParameterBindingError):
    error_id = "AmbiguousParameter"
    template = (
        "Parameter cannot be processed because the parameter name '{0}' is ambiguous. Possible matches include:{1}."
    )


class ParameterAlreadyBound(ParameterBindingError):
    error_id = "ParameterAlreadyBound"
    template = (
        "Cannot bind parameter because parameter '{0}' is specified more than once. To provide "
        "multiple values to parameters that can accept multiple values, use the array syntax. "
        'For example, "-parameter value1,value2,value3".'
    )


class MissingArgument(ParameterBindingError):
    error_id = "MissingArgument"
    template = "Missing an argument for parameter '{0}'. Specify a parameter of type '{1}' and try again."


class PositionalParameterNotFound(ParameterBindingError):
    error_id = "PositionalParameterNotFound"
    template = "A positional parameter cannot be found that accepts argument '{0}'."


class MissingMandatoryParameter(ParameterBindingError):
    error_id = "MissingMandatoryParameter"
    template = "Cannot process command because of one or more missing mandatory parameters:{0}."


class AmbiguousParameterSet(ParameterBindingError):
    error_id = "AmbiguousParameterSet"
    template = (
        "Parameter set cannot be resolved using the specified named parameters. One or more "
        "parameters issued cannot be used together or an insufficient number of parameters "
        "were provided."
    )


class ParameterNotInParameterSet(ParameterBindingError):
    error_id = "ParameterNotInParameterSet"
    template = "Parameter '{0}' cannot be specified in parameter set '{1}'."


class CannotConvertArgument(ParameterBindingError):
    """A bool/switch given a non-numeric value, or a collection given to a scalar.

    The message ends in a space when the detail is empty, as PowerShell's does.
    """

    error_id = "CannotConvertArgument"
    template = "Cannot convert '{1}' to the type '{2}' required by parameter '{0}'. {3}"


class CannotConvertArgumentNoMessage(ParameterBindingError):
    error_id = "CannotConvertArgumentNoMessage"
    template = "Cannot bind parameter '{0}'. {1}"


class InputObjectNotBound(ParameterBindingError):
    error_id = "InputObjectNotBound"
    template = (
        "The input object cannot be bound to any parameters for the command either because the "
        "command does not take pipeline input or the input and its properties do not match any "
        "of the parameters that take pipeline input."
    )


class InputObjectMissingMandatory(ParameterBindingError):
    error_id = "InputObjectMissingMandatory"
    template = (
        "The input object cannot be bound because it did not contain the information required "
        "to bind all mandatory parameters: {0}"
    )


class ParameterValidationError(ParameterBindingError):
    category = ErrorCategory.InvalidData
    exception_type = "System.Management.Automation.ParameterBindingValidationException"


class NullNotAllowed(ParameterValidationError):
    error_id = "ParameterArgumentValidationErrorNullNotAllowed"
    template = "Cannot bind argument to parameter '{0}' because it is null."


class BooleanNullNotAllowed(NullNotAllowed):
    """A bool parameter given ``$null``: the same error, but InvalidArgument (ParameterBinderBase.cs:1361)."""

    category = ErrorCategory.InvalidArgument


class EmptyStringNotAllowed(ParameterValidationError):
    error_id = "ParameterArgumentValidationErrorEmptyStringNotAllowed"
    template = "Cannot bind argument to parameter '{0}' because it is an empty string."


class ValidationFailed(ParameterValidationError):
    error_id = "ParameterArgumentValidationError"
    template = "Cannot validate argument on parameter '{0}'. {1}"


# --- command discovery and host ---------------------------------------------------------------


class CommandNotFound(PowerShellError):
    """PS 7 wording (DiscoveryExceptions.resx); the FQEID has no type suffix."""

    error_id = "CommandNotFoundException"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.CommandNotFoundException"
    qualify_id = False
    template = (
        "The term '{0}' is not recognized as a name of a cmdlet, function, script file, or "
        "executable program.\nCheck the spelling of the name, or if a path was included, verify "
        "that the path is correct and try again."
    )


class NonInteractivePrompt(PowerShellError):
    """A prompt (-Confirm, Read-Host) on a host that cannot prompt."""

    #: The host throws a bare PSInvalidOperationException (ConsoleHostUserInterface.cs
    #: HandleThrowOnReadAndPrompt), whose record's id is its default, InvalidOperation
    #: (PSInvalidOperationException.cs); the cmdlet's invocation adds the command's type.
    error_id = "InvalidOperation"
    category = ErrorCategory.InvalidOperation
    exception_type = "System.Management.Automation.PSInvalidOperationException"
    template = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."


class ParseError(PowerShellError):
    """A script or command line PowerShell's parser would reject (ParseException).

    The error id varies (``TerminatorExpectedAtEndOfString``, ``MissingEndCurlyBrace``, …), so
    it is given per instance; the FQEID has no type suffix, as PowerShell shows it.
    """

    category = ErrorCategory.ParserError
    exception_type = "System.Management.Automation.ParseException"
    qualify_id = False

    def __init__(self, error_id: str, message: str, *, invocation: InvocationInfo | None = None) -> None:
        self.error_id = error_id  # type: ignore[misc]
        super().__init__(message=message, invocation=invocation)


class ScriptRuntimeError(PowerShellError):
    """``throw`` in a script, and script code cscmdlets refuses to run."""

    error_id = "RuntimeException"
    category = ErrorCategory.OperationStopped
    qualify_id = False


class ServiceError(PowerShellError):
    """An error the dial-in service reports after binding succeeded.

    Subclasses in ``cscmdlets.cmdlets`` set ``error_id``, ``category`` and ``template``;
    texts the spec calls undocumented are marked ``# inferred`` there.
    """

    category = ErrorCategory.InvalidOperation
    exception_type = "System.InvalidOperationException"


def _all_subclasses(cls: type[PowerShellError]) -> list[type[PowerShellError]]:
    found: list[type[PowerShellError]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found


def error_class_for(error_id: str) -> type[PowerShellError] | None:
    """The error class whose ``error_id`` is ``error_id`` (used to map remote records back)."""
    for cls in _all_subclasses(PowerShellError):
        if cls.error_id == error_id and "error_id" in cls.__dict__:
            return cls
    return None


# --- ErrorRecord and its views (ErrorPackage.cs, about_Error_Handling) ----------------------------

_ELLIPSIS_LIMIT = 40


def _ellipsize(text: str) -> str:
    if len(text) <= _ELLIPSIS_LIMIT:
        return text
    return f"{text[:19]}\u2026{text[-19:]}"


def dotnet_type_name(value: Any) -> str:
    """The short .NET type name PowerShell shows for a target object (CategoryInfo.TargetType)."""
    names = {
        str: "String",
        bool: "Boolean",
        int: "Int32",
        float: "Double",
        list: "Object[]",
        tuple: "Object[]",
        dict: "Hashtable",
    }
    if value is None:
        return ""
    for python_type, name in names.items():
        if type(value) is python_type:
            return name
    return type(value).__name__


_POSITION_WIDTH = 69  # room for "+ ", "... " and " ..." on an 80-column console


def position_excerpt(line: str, column: int, length: int) -> tuple[str, str]:
    """The source line and its ``~~~`` underline as PositionMessage shows them: tabs expanded,
    and a line longer than 69 characters cut around the error, marked with ``...``
    (Position.cs ``VerboseMessage``)."""
    line, before, width = line.rstrip(), column - 1, length
    if "\t" in line:
        head, error, tail = (
            part.replace("\t", "    ")
            for part in (line[:before], line[before : before + width], line[before + width :])
        )
        line, before, width = head + error + tail, len(head), len(error)
    cut_before = cut_after = False
    if len(line) > _POSITION_WIDTH:
        before, width, start, cut_before, cut_after = _cut_around(len(line), before, width)
        line = line[start : start + _POSITION_WIDTH]
    shown = ("... " if cut_before else "") + line + (" ..." if cut_after else "")
    return shown, " " * (before + (4 if cut_before else 0)) + "~" * max(width, 1)


def _cut_around(size: int, before: int, width: int) -> tuple[int, int, int, bool, bool]:
    """Keep the error with up to 12 characters before it and 8 after, then widen the context
    (before first) to 69 characters. Returns the new before/width, the start, and the cuts."""
    total_prefix, total_suffix = before, size - width - before
    prefix, suffix = min(total_prefix, 12), min(total_suffix, 8)
    if prefix + width + suffix >= _POSITION_WIDTH:
        width = min(width, _POSITION_WIDTH - prefix)
        cut_after = True
    else:
        prefix += min(total_prefix - prefix, _POSITION_WIDTH - (prefix + width + suffix))
        suffix += min(total_suffix - suffix, max(_POSITION_WIDTH - (prefix + width + suffix), 0))
        cut_after = suffix < total_suffix
    start = max(before - prefix, 0)
    before = min(before, prefix)
    return before, min(width, _POSITION_WIDTH - before), start, prefix < total_prefix, cut_after


@dataclass(frozen=True)
class ErrorRecord:
    """System.Management.Automation.ErrorRecord, as the views and the wire need it."""

    message: str
    error_id: str
    fully_qualified_error_id: str
    category: ErrorCategory
    exception_type: str
    target_object: Any = None
    invocation: InvocationInfo = field(default_factory=InvocationInfo)
    recommended_action: str = ""
    error: PowerShellError | None = field(default=None, compare=False, repr=False)
    #: The exception's own message when ErrorDetails replaced ``message`` (what views and
    #: ``"$_"`` show: ErrorRecord.ToString); ``None`` when no ErrorDetails was set.
    exception_message: str | None = None

    @classmethod
    def from_error(cls, error: PowerShellError) -> ErrorRecord:
        return cls(
            message=error.message,
            error_id=error.error_id,
            fully_qualified_error_id=error.fully_qualified_error_id,
            category=error.category,
            exception_type=error.exception_type,
            target_object=error.target_object,
            invocation=error.invocation,
            recommended_action=error.recommended_action,
            error=error,
        )

    @property
    def reason(self) -> str:
        return self.exception_type.rsplit(".", 1)[-1]

    @property
    def category_info(self) -> str:
        """``{Category}: ({TargetName}:{TargetType}) [{Activity}], {Reason}``."""
        target = self.target_object
        target_name = "" if target is None else str(target)
        return (
            f"{self.category.name}: ({_ellipsize(target_name)}:{_ellipsize(dotnet_type_name(target))}) "
            f"[{_ellipsize(self.activity)}], {self.reason}"
        )

    @property
    def activity(self) -> str:
        """CategoryInfo.Activity: the command's name; empty when no command raised the error
        (an unknown command, a parse error, ``throw``), as its FQEID has no type suffix."""
        if self.error is not None and not self.error.qualify_id:
            return ""
        return self.invocation.command_name

    @property
    def concise_label(self) -> str:
        """What ConciseView puts before the message (PowerShellCore_format_ps1xml.cs): a
        ``throw``'s "Exception", else the command, else the category, else the exception type."""
        if self.error is not None and self.error.thrown:
            return "Exception"
        if self.invocation.command_name:
            return self.invocation.command_name
        return self.category.name if self.category is not ErrorCategory.NotSpecified else self.reason

    def concise_view(self, *, width: int = 120) -> str:
        """PowerShell 7's default view: one line interactively, a framed excerpt for scripts."""
        label = self.concise_label
        info = self.invocation
        if not (info.has_position and info.script_name):
            text = f"{label}: {self.message}"
        else:
            text = self._framed_view(label, width)
        if self.recommended_action:
            text += f"\n  Recommendation: {self.recommended_action}"
        return text

    def _framed_view(self, label: str, width: int) -> str:
        info = self.invocation
        gutter = f"{info.line_number:>4}"
        underline = " " * (info.column - 1) + "~" * max(info.length, 1)
        wrapped = textwrap.wrap(self.message, max(width - 7, 20)) or [""]
        lines = [
            f"{label}: {info.script_name}:{info.line_number}",
            "Line |",
            f"{gutter} |  {info.line}",
            f"     |  {underline}",
            *(f"     | {part}" for part in wrapped),
        ]
        return "\n".join(lines)

    def normal_view(self) -> str:
        """Windows PowerShell 5.1's NormalView, with the position message."""
        info = self.invocation
        lines = [f"{info.command_name} : {self.message}" if info.command_name else self.message]
        if info.has_position:
            where = info.script_name or "line"
            lines.append(f"At {where}:{info.line_number} char:{info.column}")
            shown, underline = position_excerpt(info.line, info.column, info.length)
            lines += [f"+ {shown}", f"+ {underline}"]
        lines.append(f"    + CategoryInfo          : {self.category_info}")
        lines.append(f"    + FullyQualifiedErrorId : {self.fully_qualified_error_id}")
        return "\n".join(lines)

    def category_view(self) -> str:
        return self.category_info
