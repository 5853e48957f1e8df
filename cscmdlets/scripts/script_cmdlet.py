"""``$PSCmdlet``: what an advanced function sees of the engine, as PowerShell's PSScriptCmdlet.

An advanced function (``[CmdletBinding()]``) gets ``$PSCmdlet``, whose methods follow
``MshCommandRuntime`` (PowerShell/PowerShell, src/System.Management.Automation/engine/
MshCommandRuntime.cs) and about_Functions_CmdletBindingAttribute,
about_Functions_Advanced_Methods and "Everything you wanted to know about ShouldProcess"
(learn.microsoft.com/powershell/scripting/learn/deep-dives/everything-about-shouldprocess):

- ``ShouldProcess(target)``, ``(target, action)``, ``(description, warning, caption)`` and
  ``(description, warning, caption, [ref]reason)``: under -WhatIf (or ``$WhatIfPreference``) the
  host shows ``What if: …`` and the answer is ``$false``; when the function's ConfirmImpact is
  at or above the effective ``$ConfirmPreference`` (``-Confirm`` makes it Low, ``-Confirm:$false``
  None) the host asks; otherwise ``$true`` (with ``-Verbose`` a ``Performing the operation …``
  verbose line). A host that cannot ask fails as ``pwsh -NonInteractive`` does, with a
  MethodInvocationException (``Exception calling "ShouldProcess" with "1" argument(s): …``).
- ``ShouldContinue(query, caption[, [ref]yesToAll, [ref]noToAll])`` always asks.
- ``WriteError(record)``: a non-terminating error, as ``-ErrorAction``/``$ErrorActionPreference``
  say; ``ThrowTerminatingError(record)``: ends the function, and is statement-terminating for the
  caller. Both record the error at the call of the function, with the FullyQualifiedErrorId
  ``<id>,<function name>`` (ErrorPackage.cs, ``FullyQualifiedErrorId`` and ``GetInvocationTypeName``).
- ``WriteObject(value[, enumerateCollection])``, ``WriteVerbose``, ``WriteWarning``,
  ``WriteDebug``; ``ParameterSetName``, ``MyInvocation``, ``GetVariableValue``,
  ``GetUnresolvedProviderPathFromPSPath``. Any other PSCmdlet member is an emulator stop.

``[System.Management.Automation.ErrorRecord]::new(exception, errorId, category, target)`` makes
the record these methods take (:func:`new_error_record`).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import Any, ClassVar, NoReturn, Protocol

from ..powershell.errors import ErrorCategory, ErrorRecord, InvocationInfo, PowerShellError
from ..powershell.metadata import ActionPreference, CommandMetadata, ConfirmImpact, should_process_message
from .errors import EmulatorStop, MethodInvocationFailure, RuntimeFailure, no_overload
from .values import ExceptionValue, PSObject, Reference, UnknownColor, is_true, to_string

__all__ = [
    "NON_INTERACTIVE",
    "HostUserInterface",
    "ScriptCmdlet",
    "ScriptCmdletError",
    "confirm_impact_of",
    "new_error_record",
    "record_argument",
    "written_by",
    "written_error",
]

#: ConsoleHostUserInterfaceStrings.resx, ReadFailsOnNonInteractiveFlag.
NON_INTERACTIVE = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
_PSCMDLET_TYPE = "System.Management.Automation.PSScriptCmdlet"


class CmdletHost(Protocol):
    """What ``$PSCmdlet`` needs of the runner running the function."""

    engine: Any

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None: ...

    def write_warning(self, text: str, action: ActionPreference | None = None) -> None: ...

    def write_verbose(self, text: str, forced: bool = False) -> None: ...

    def write_error(self, record: ErrorRecord, action: ActionPreference | None = None) -> None: ...

    def throw_terminating(self, record: ErrorRecord) -> NoReturn:
        """End the running advanced function with ``record``; statement-terminating for its caller."""
        ...

    def get_variable(self, name: str, scope: str = "") -> Any: ...

    def what_if_wanted(self, explicit: bool | None) -> bool: ...

    def resolve_path(self, path: str) -> str: ...


class Sink(Protocol):
    def append(self, value: Any, /) -> None: ...


class ScriptCmdletError(PowerShellError):
    """An error record a script made (``[ErrorRecord]::new(...)``), as written by an advanced
    function: its id, category and exception type are the script's."""

    def __init__(
        self,
        error_id: str,
        message: str,
        category: ErrorCategory,
        exception_type: str,
        *,
        target_object: Any = None,
        invocation: InvocationInfo | None = None,
    ) -> None:
        self.error_id = error_id  # type: ignore[misc]
        self.category = category  # type: ignore[misc]
        self.exception_type = exception_type  # type: ignore[misc]
        super().__init__(message=message, target_object=target_object, invocation=invocation)


def _exception_parts(value: Any) -> tuple[str, str]:
    """(message, .NET type name) of an ErrorRecord constructor's exception argument: an exception
    the script made, ``$_.Exception``, or a string (converted by Exception's string constructor)."""
    if isinstance(value, ExceptionValue):
        return value.message, value.type_name
    if isinstance(value, PSObject) and value.has("Message"):
        type_name = value.get("TypeName") if value.has("TypeName") else None
        return to_string(value.get("Message")), to_string(type_name) or "System.Exception"
    if isinstance(value, ErrorRecord):
        return value.message, value.exception_type
    if isinstance(value, str):
        return value, "System.Exception"
    if value is None:  # ErrorRecord's constructor: ArgumentNullException (ErrorPackage.cs)
        raise MethodInvocationFailure(
            "ArgumentNullException",
            'Exception calling ".ctor" with "4" argument(s): "Value cannot be null. (Parameter \'exception\')"',
        )
    raise _cannot_convert(value, "System.Exception")


def _cannot_convert(value: Any, type_name: str) -> RuntimeFailure:
    return RuntimeFailure(
        "MethodArgumentConversionInvalidCastArgument",
        f'Cannot convert argument "exception", with value: "{to_string(value)}", for "ErrorRecord" to type '
        f'"{type_name}".',
    )


def error_category(value: Any) -> ErrorCategory:
    """An ErrorCategory from a value a script passes: the enum, its name or its number."""
    if isinstance(value, ErrorCategory):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in ErrorCategory._value2member_map_:
        return ErrorCategory(value)
    wanted = to_string(value).strip().lower()
    for member in ErrorCategory:
        if member.name.lower() == wanted:
            return member
    raise RuntimeFailure(
        "InvalidCastFromStringToEnum",
        f'Cannot convert value "{to_string(value)}" to type "System.Management.Automation.ErrorCategory". Error: '
        f'"Unable to match the identifier name {to_string(value)} to a valid enumerator name. Specify one of the '
        f'following enumerator names and try again:\n{", ".join(m.name for m in ErrorCategory)}"',
    )


def new_error_record(args: list[Any]) -> ErrorRecord:
    """``[System.Management.Automation.ErrorRecord]::new(exception, errorId, category, target)``
    (the ErrorRecord constructor, ErrorPackage.cs). Its FullyQualifiedErrorId is the id alone
    until a command writes it."""
    if len(args) != 4:
        raise no_overload("new", len(args))
    exception, error_id, category, target = args
    message, exception_type = _exception_parts(exception)
    error = ScriptCmdletError(to_string(error_id), message, error_category(category), exception_type)
    error.target_object = target
    return error.error_record


def written_by(record: ErrorRecord, function: str, invocation: InvocationInfo) -> ErrorRecord:
    """``record`` as the advanced function ``function`` writes it: positioned at its call, the
    FQEID ``<id>,<function>`` and the category's activity the function (SetInvocationInfo)."""
    error = written_error(record, function, invocation)
    return dataclasses.replace(error.error_record, exception_message=record.exception_message)


def written_error(record: ErrorRecord, function: str, invocation: InvocationInfo) -> ScriptCmdletError:
    """The error of :func:`written_by`'s record (a ported script raises it)."""
    error = ScriptCmdletError(
        record.error_id,
        record.message,
        record.category,
        record.exception_type,
        target_object=record.target_object,
        invocation=invocation,
    )
    error.implementing_type = function
    error.command_name = function
    return error


def record_argument(record: Any, method: str) -> ErrorRecord:
    """The ErrorRecord argument of ``$PSCmdlet.WriteError``/``ThrowTerminatingError``, or the
    error PowerShell gives for a ``$null`` or another value."""
    if isinstance(record, ErrorRecord):
        return record
    if record is None:
        raise MethodInvocationFailure(
            "ArgumentNullException",
            f'Exception calling "{method}" with "1" argument(s): "Value cannot be null. (Parameter \'errorRecord\')"',
        )
    raise RuntimeFailure(
        "MethodArgumentConversionInvalidCastArgument",
        f'Cannot convert argument "errorRecord", with value: "{to_string(record)}", for "{method}" to type '
        '"System.Management.Automation.ErrorRecord": "Cannot convert the "'
        f'{to_string(record)}" value of type "{type(record).__name__}" to type '
        '"System.Management.Automation.ErrorRecord"."',
    )


def confirm_impact_of(value: Any) -> ConfirmImpact:
    """A ``$ConfirmPreference`` value as a ConfirmImpact; anything else reads as the default, High.
    Every cmdlet a script runs reads it, so the usual value (a name) is one dictionary look-up."""
    if isinstance(value, ConfirmImpact):
        return value
    if isinstance(value, enum.Enum):
        value = value.name
    wanted = value if type(value) is str else to_string(value)
    return _IMPACTS.get(wanted.strip().lower(), ConfirmImpact.HIGH)


_IMPACTS = {impact.name.lower(): impact for impact in ConfirmImpact}


#: System.ConsoleColor, in enum order (learn.microsoft.com/dotnet/api/system.consolecolor).
CONSOLE_COLORS = (
    "Black",
    "DarkBlue",
    "DarkGreen",
    "DarkCyan",
    "DarkRed",
    "DarkMagenta",
    "DarkYellow",
    "Gray",
    "DarkGray",
    "Blue",
    "Green",
    "Cyan",
    "Red",
    "Magenta",
    "Yellow",
    "White",
)

#: Where a run keeps the console's colours once a script set them (its ``statics``).
CONSOLE_FOREGROUND = "console.foregroundcolor"
CONSOLE_BACKGROUND = "console.backgroundcolor"
#: What .NET on Linux reads for a colour nobody set: ConsolePal.Unix cannot ask the terminal, so
#: Console.ForegroundColor and $Host.UI.RawUI.ForegroundColor are (ConsoleColor)-1, by design
#: (learn.microsoft.com/powershell/scripting/whats-new/differences-from-windows-powershell).
UNKNOWN_COLOR = UnknownColor(-1)


def console_color(name: str, value: Any) -> Any:
    """A value for a console colour property: a ConsoleColor's name (any case) or number, or the
    -1 read back from it; anything else is PowerShell's failed property set (ExtendedTypeSystem.resx
    ExceptionWhenSetting around the enum conversion's message)."""
    if isinstance(value, UnknownColor):
        return UNKNOWN_COLOR
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(CONSOLE_COLORS):
        return CONSOLE_COLORS[value]
    text = to_string(value)
    found = next((color for color in CONSOLE_COLORS if color.lower() == text.strip().lower()), None)
    if found is not None:
        return found
    inner = (
        f'Cannot convert value "{text}" to type "System.ConsoleColor". Error: "Unable to match the identifier '
        f"name {text} to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
        f'{", ".join(CONSOLE_COLORS)}"'
    )
    raise RuntimeFailure(
        "ExceptionWhenSetting",
        f'Exception setting "{name}": "{inner}"',
        category=ErrorCategory.NotSpecified,
        exception_type="System.Management.Automation.SetValueInvocationException",
        inner=(("System.Management.Automation.PSInvalidCastException", inner),),
    )


class RawUserInterface(PSObject):
    """``$Host.UI.RawUI``: the window title, and the console's colours, which are
    ``[Console]::ForegroundColor``/``BackgroundColor`` (one value, kept in the run's ``statics``)."""

    __slots__ = ("_statics",)
    _COLORS: ClassVar[dict[str, str]] = {
        "foregroundcolor": CONSOLE_FOREGROUND,
        "backgroundcolor": CONSOLE_BACKGROUND,
    }

    def __init__(self, statics: dict[str, Any]) -> None:
        super().__init__(  # before _statics is set: these are its properties' names
            [("ForegroundColor", UNKNOWN_COLOR), ("BackgroundColor", UNKNOWN_COLOR), ("WindowTitle", "")],
            ("System.Management.Automation.Internal.Host.InternalHostRawUserInterface",),
        )
        self._statics = statics

    def get(self, name: str) -> Any:
        key = self._COLORS.get(name.lower())
        return self._statics.get(key, UNKNOWN_COLOR) if key else super().get(name)

    def set(self, name: str, value: Any) -> None:
        key = self._COLORS.get(name.lower())
        if key is None or not hasattr(self, "_statics"):
            super().set(name, value)
            return
        color = console_color(name[0].upper() + name[1:], value)
        if color == UNKNOWN_COLOR:
            self._statics.pop(key, None)
        else:
            self._statics[key] = color

    def to_ps(self) -> dict[str, Any]:
        return {name: self.get(name) for name in super().to_ps()}

    def __repr__(self) -> str:
        return self.type_names[0]

    def methods(self) -> dict[str, Callable[[list[Any]], Any]]:
        """ReadKey: the console host reads a key with Console.ReadKey (ConsoleHostRawUserInterface.cs),
        which fails when input is redirected, as the emulator's is (its answers come from a file);
        FlushInputBuffer has nothing to flush."""
        return {"readkey": no_key_to_read, "flushinputbuffer": lambda a: None}


def no_key_to_read(args: list[Any]) -> NoReturn:
    """Console.ReadKey with input redirected: .NET's InvalidOperationException, in PowerShell's
    MethodInvocationException."""
    message = (
        "Cannot read keys when either application does not have a console or when console input has been "
        "redirected. Try Console.Read."
    )
    raise MethodInvocationFailure(
        "InvalidOperationException",
        f'Exception calling "ReadKey" with "{len(args)}" argument(s): "{message}"',
        inner=(("System.InvalidOperationException", message),),
    )


class HostUserInterface(PSObject):
    """``$Host.UI``: ``RawUI`` (the window title and colours a script may read and set; nothing
    shows them), the Write…Line methods, which write host lines, and the prompts, which fail as
    on ``pwsh -NonInteractive`` (PSHostUserInterface on learn.microsoft.com)."""

    __slots__ = ("_host",)

    _PROMPTS = ("prompt", "promptforchoice", "promptforcredential", "readline", "readlineassecurestring")
    #: Each Write method's prefix; ``None`` for the plain ones (Write writes no newline).
    _WRITERS: ClassVar[dict[str, str | None]] = {
        "write": None,
        "writeline": None,
        "writeerrorline": None,
        "writewarningline": "WARNING: ",
        "writeverboseline": "VERBOSE: ",
        "writedebugline": "DEBUG: ",
        "writeinformation": None,
    }

    def __init__(self, host: CmdletHost, statics: dict[str, Any]) -> None:
        raw = RawUserInterface(statics)
        super().__init__([("RawUI", raw)], ("System.Management.Automation.Internal.Host.InternalHostUserInterface",))
        self._host = host

    def __repr__(self) -> str:
        return self.type_names[0]

    def call_member(self, name: str, args: list[Any]) -> Any:
        lowered = name.lower()
        if lowered in self._PROMPTS:
            raise MethodInvocationFailure(
                "PSInvalidOperationException",
                f'Exception calling "{name}" with "{len(args)}" argument(s): "{NON_INTERACTIVE}"',
            )
        if lowered not in self._WRITERS:
            raise EmulatorStop(f"the .NET call $Host.UI.{name}()")
        text = to_string(args[-1]) if args else ""  # every overload ends in the text (colours first)
        if lowered == "writeerrorline":
            # the console host writes it to stderr when that is redirected and nothing is
            # read from a prompt, as under `pwsh -File`; an empty line writes nothing
            # (ConsoleHostUserInterface.cs, WriteErrorLine)
            if text:
                self._host.write_host(text, error=True)
            return None
        self._host.write_host((self._WRITERS[lowered] or "") + text, newline=lowered != "write")
        return None


class ConsoleHostWriter(Protocol):
    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None: ...


class ConsoleWriter(PSObject):
    """``[Console]::Out`` and ``[Console]::Error``: TextWriters on the process's stdout and
    stderr; their ``Write``/``WriteLine`` (text, or a composite format and its arguments)
    write a host line (learn.microsoft.com/dotnet/api/system.console.error)."""

    __slots__ = ("_error", "_host")

    def __init__(self, host: ConsoleHostWriter, *, error: bool) -> None:
        super().__init__([], ("System.IO.TextWriter", "System.MarshalByRefObject", "System.Object"))
        self._host, self._error = host, error

    def call_member(self, name: str, args: list[Any]) -> Any:
        lowered = name.lower()
        if lowered not in ("write", "writeline"):
            raise EmulatorStop(f"the .NET call [Console]::{'Error' if self._error else 'Out'}.{name}()")
        self._host.write_host(console_text(args), newline=lowered == "writeline", error=self._error)
        return None


def console_text(args: list[Any]) -> str:
    """What ``Console.WriteLine(args)`` writes: a composite format with its arguments, or one
    value's text (learn.microsoft.com/dotnet/api/system.console.writeline)."""
    if len(args) > 1:
        from .values import format_operator

        return format_operator(to_string(args[0]), list(args[1:]))
    return to_string(args[0]) if args else ""


class ScriptCmdlet:
    """``$PSCmdlet`` of one call of an advanced function.

    Args:
        host: the runner.
        metadata: the function's CommandMetadata (its name, ConfirmImpact).
        parameter_set: the parameter set the binder chose.
        confirm: ``-Confirm`` as given (``None`` when it was not).
        verbose: whether ``-Verbose`` was given.
        invocation: where the function was called (where its errors point).
        my_invocation: ``$MyInvocation`` of the call.
        out: the function's output (``WriteObject`` writes there).
    """

    ps_type_names = (_PSCMDLET_TYPE, "System.Management.Automation.PSCmdlet", "System.Management.Automation.Cmdlet")

    def __init__(
        self,
        host: CmdletHost,
        metadata: CommandMetadata,
        parameter_set: str,
        *,
        confirm: bool | None,
        verbose: bool,
        invocation: InvocationInfo,
        my_invocation: PSObject,
        out: Sink,
    ) -> None:
        self.host = host
        self.metadata = metadata
        self.parameter_set = parameter_set
        self.confirm = confirm
        self.verbose = verbose
        self.invocation = invocation
        self.my_invocation = my_invocation
        self.out = out
        self._methods: dict[str, Callable[[list[Any]], Any]] = {
            "shouldprocess": self.should_process,
            "shouldcontinue": self.should_continue,
            "writeerror": self.write_error,
            "throwterminatingerror": self.throw_terminating_error,
            "writeobject": self.write_object,
            "writeverbose": lambda a: self.host.write_verbose(to_string(a[0])),
            "writewarning": lambda a: self.host.write_warning(to_string(a[0])),
            "writedebug": lambda a: None,  # as Write-Debug: the emulator has no debug stream to show
            "getunresolvedproviderpathfrompspath": lambda a: self.host.resolve_path(to_string(a[0])),
            "getvariablevalue": self.get_variable_value,
            "tostring": lambda a: self.metadata.name,
        }

    def to_ps(self) -> dict[str, Any]:
        return {
            "ParameterSetName": self.parameter_set,
            "MyInvocation": self.my_invocation,
            "CommandOrigin": "Runspace",
        }

    def __str__(self) -> str:
        return self.metadata.name

    def call_member(self, name: str, args: list[Any]) -> Any:
        """``$PSCmdlet.Name(args)``; a PSCmdlet method the emulator does not have stops the run."""
        method = self._methods.get(name.lower())
        if method is None:
            raise EmulatorStop(f"the .NET call $PSCmdlet.{name}()")
        try:
            return method(args)
        except IndexError:
            raise no_overload(name, len(args)) from None

    # --- ShouldProcess (MshCommandRuntime.DoShouldProcess) ------------------------------------------

    def should_process(self, args: list[Any]) -> bool:
        if not 1 <= len(args) <= 4:
            raise IndexError
        caption = None
        if len(args) <= 2:
            action = to_string(args[1]) if len(args) == 2 else self.metadata.name
            description = should_process_message(action, to_string(args[0]))
            warning = ""
        else:
            description, warning, caption = (to_string(a) for a in args[:3])
        reason = args[3] if len(args) == 4 else None
        if isinstance(reason, Reference):
            reason.value = "None"
        if self.host.what_if_wanted(None):
            if isinstance(reason, Reference):
                reason.value = "WhatIf"
            self.host.write_host(f"What if: {description}")
            return False
        if self._auto_confirmed():
            if self.verbose:  # the -Verbose flag itself, not $VerbosePreference (DoShouldProcess)
                self.host.write_verbose(description, forced=True)
            return True
        message = warning or f"Are you sure you want to perform this action?\n{description}"
        return self._ask("ShouldProcess", len(args), caption or "Confirm", message)

    def _auto_confirmed(self) -> bool:
        """CanShouldProcessAutoConfirm: no prompt when the threshold is None or above the impact."""
        if self.confirm is not None:
            threshold = ConfirmImpact.LOW if self.confirm else ConfirmImpact.NONE
        else:
            threshold = confirm_impact_of(self.host.get_variable("ConfirmPreference"))
        return threshold is ConfirmImpact.NONE or threshold > self.metadata.confirm_impact

    def _ask(self, method: str, count: int, caption: str, message: str) -> bool:
        confirm = getattr(getattr(self.host.engine, "host", None), "confirm", None)
        if not callable(confirm):
            raise MethodInvocationFailure(
                "PSInvalidOperationException",
                f'Exception calling "{method}" with "{count}" argument(s): "{NON_INTERACTIVE}"',
            )
        return bool(confirm(caption, message))

    def should_continue(self, args: list[Any]) -> bool:
        """ShouldContinue(query, caption[, hasSecurityImpact], [ref]yesToAll, [ref]noToAll): always
        asks, unless a Yes/No to All already answered (Cmdlet.ShouldContinue)."""
        if len(args) not in (2, 4, 5):
            raise IndexError
        query, caption = to_string(args[0]), to_string(args[1])
        references = [a for a in args[2:] if isinstance(a, Reference)]
        if len(references) == 2:
            yes_to_all, no_to_all = references
            if is_true(yes_to_all.value):
                return True
            if is_true(no_to_all.value):
                return False
        return self._ask("ShouldContinue", len(args), caption, query)

    def get_variable_value(self, args: list[Any]) -> Any:
        """GetVariableValue(name[, default]): the variable as the function sees it (PSCmdlet)."""
        if not 1 <= len(args) <= 2:
            raise IndexError
        value = self.host.get_variable(to_string(args[0]))
        return args[1] if value is None and len(args) == 2 else value

    # --- output and errors ----------------------------------------------------------------------

    def write_object(self, args: list[Any]) -> None:
        if not 1 <= len(args) <= 2:
            raise IndexError
        value = args[0]
        if len(args) == 2 and is_true(args[1]) and isinstance(value, list | tuple):
            for item in value:
                self.out.append(item)
        else:
            self.out.append(value)

    def _record(self, args: list[Any], method: str) -> ErrorRecord:
        if len(args) != 1:
            raise IndexError
        return written_by(record_argument(args[0], method), self.metadata.name, self.invocation)

    def write_error(self, args: list[Any]) -> None:
        self.host.write_error(self._record(args, "WriteError"))

    def throw_terminating_error(self, args: list[Any]) -> NoReturn:
        self.host.throw_terminating(self._record(args, "ThrowTerminatingError"))
