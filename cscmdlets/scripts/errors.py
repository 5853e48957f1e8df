"""Errors the script runner reports: PowerShell's runtime errors and the emulator's stops.

Hierarchy::

    ScriptRuntimeError (cscmdlets.powershell.errors)
    ├── RuntimeFailure        a RuntimeException PowerShell itself raises (MethodNotFound, …);
    │   │                     the error id is given per instance
    │   └── MethodInvocationFailure  a .NET method threw: ``Exception calling "M" with "N"
    │                         argument(s): …``, the id the inner exception's type name
    ├── Thrown                ``throw "text"``: the FQEID is the text, as PowerShell shows it
    └── NotEmulated           the record an emulator stop shows

    EmulatorStop              a plain Exception, on purpose: no PowerShell handler sees it.
                              Script code cscmdlets does not emulate (an unknown or refused
                              command, a module, a .NET call outside the safe list, New-Object
                              of an unknown type); the run ends there with EMULATOR_STOP_STATUS

Texts are PowerShell's where the engine has one; the emulator's own are marked ``# inferred``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..powershell.errors import ErrorCategory, ErrorRecord, InvocationInfo, ScriptRuntimeError

__all__ = [
    "ACTION_PREFERENCE_STOP",
    "EMULATOR_STOP_STATUS",
    "EmulatorStop",
    "MethodInvocationFailure",
    "NotEmulated",
    "RuntimeFailure",
    "Thrown",
    "matching_handler",
    "method_not_found",
    "names_stop_exception",
    "no_overload",
    "null_method",
    "property_not_found",
    "strict_index",
    "strict_property",
    "strict_variable",
]

#: The process exit status of a run that met code the emulator does not emulate. PowerShell's
#: own statuses are 0, 1 (an unhandled script-terminating error) and ``exit N``; 3 says "the
#: emulator stopped", so a scheduler never mistakes it for the script's own result.
EMULATOR_STOP_STATUS = 3


class RuntimeFailure(ScriptRuntimeError):
    """A RuntimeException from the PowerShell language itself (about_Error_Handling)."""

    category = ErrorCategory.InvalidOperation

    def __init__(
        self,
        error_id: str,
        message: str,
        *,
        category: ErrorCategory | None = None,
        exception_type: str | None = None,
        inner: tuple[tuple[str, str], ...] = (),
        target_object: Any = None,
        invocation: InvocationInfo | None = None,
    ) -> None:
        self.error_id = error_id  # type: ignore[misc]
        self.inner_exceptions = inner
        if category is not None:
            self.category = category  # type: ignore[misc]
        if exception_type is not None:
            self.exception_type = exception_type  # type: ignore[misc]
        super().__init__(message=message, target_object=target_object, invocation=invocation)


class MethodInvocationFailure(RuntimeFailure):
    """A .NET method threw: PowerShell wraps the exception in a MethodInvocationException whose
    record's id is the inner exception's type name, category NotSpecified (DotNetAdapter.cs)."""

    category = ErrorCategory.NotSpecified
    exception_type = "System.Management.Automation.MethodInvocationException"


#: The namespaces of the .NET exceptions methods throw, by their short names (else ``System``).
_EXCEPTION_NAMESPACES = {
    "FileNotFoundException": "System.IO",
    "DirectoryNotFoundException": "System.IO",
    "IOException": "System.IO",
    "PSInvalidOperationException": "System.Management.Automation",
}


def method_threw(method: str, args: Sequence[Any], exception: str, message: str) -> MethodInvocationFailure:
    """``Exception calling "M" with "n" argument(s): "message"`` around the .NET ``exception``
    (``$_.Exception.InnerException`` is it), as ExtendedTypeSystem.resx MethodInvocationException
    words it."""
    full = f"{_EXCEPTION_NAMESPACES.get(exception, 'System')}.{exception}"
    return MethodInvocationFailure(
        exception,
        f'Exception calling "{method}" with "{len(args)}" argument(s): "{message}"',
        inner=((full, message),),
    )


class Thrown(ScriptRuntimeError):
    """``throw "text"``: CategoryInfo ``OperationStopped: (text:String) [], RuntimeException``."""

    category = ErrorCategory.OperationStopped
    thrown = True

    def __init__(self, message: str, *, target_object: Any = None, invocation: InvocationInfo | None = None) -> None:
        self.error_id = message or "ScriptHalted"  # type: ignore[misc]
        super().__init__(message=message or "ScriptHalted", target_object=target_object, invocation=invocation)


class NotEmulated(ScriptRuntimeError):
    """The record an :class:`EmulatorStop` shows (the emulator's own error, not PowerShell's)."""

    error_id = "NotEmulated"  # inferred
    category = ErrorCategory.NotImplemented
    exception_type = "System.NotSupportedException"


class EmulatorStop(Exception):
    """The script reached code cscmdlets does not emulate: the run ends here, whatever the script.

    Deliberately not a :class:`~cscmdlets.powershell.errors.PowerShellError`: ``try``/``catch``,
    ``trap``, ``-ErrorAction`` and ``$ErrorActionPreference`` never see it, and ``finally``
    blocks do not run (they would run code after a point whose effect is unknown). Under real
    PowerShell the code would have done something; pretending otherwise (a caught error, exit 0)
    is the silent failure this stop exists to prevent.

    Args:
        what: what is not emulated, as the message names it (``'Get-CsOnlineUser'``).
        invocation: where; filled in by the runner when the raiser does not know.
    """

    def __init__(self, what: str, *, invocation: InvocationInfo | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.invocation = invocation or InvocationInfo()

    def at(self, invocation: InvocationInfo) -> EmulatorStop:
        if not self.invocation.has_position:
            self.invocation = invocation
        return self

    @property
    def where(self) -> str:
        """``file:line:col`` (``line:col`` for script text without a file)."""
        info = self.invocation
        place = f"{info.line_number}:{info.column}"
        return f"{info.script_name}:{place}" if info.script_name else place

    @property
    def record(self) -> ErrorRecord:
        message = f"cscmdlets does not emulate {self.what} (at {self.where}); the run stopped here."
        return NotEmulated(message=message, target_object=self.what, invocation=self.invocation).error_record


def method_not_found(type_name: str, method: str) -> RuntimeFailure:
    return RuntimeFailure(
        "MethodNotFound", f"Method invocation failed because [{type_name}] does not contain a method named '{method}'."
    )


def no_overload(name: str, count: int) -> RuntimeFailure:
    """A .NET method called with a number of arguments none of its overloads takes."""
    message = f'Cannot find an overload for "{name}" and the argument count: "{count}".'
    return RuntimeFailure("MethodCountCouldNotFindBest", message)


def null_method() -> RuntimeFailure:
    return RuntimeFailure("InvokeMethodOnNull", "You cannot call a method on a null-valued expression.")


# Strict mode's errors (Set-StrictMode, its examples; the ids as PowerShell's records show them).


def strict_variable(name: str) -> RuntimeFailure:
    message = f"The variable '${name}' cannot be retrieved because it has not been set."
    return RuntimeFailure("VariableIsUndefined", message, target_object=name)


def strict_property(name: str) -> RuntimeFailure:
    return RuntimeFailure(
        "PropertyNotFoundStrict",
        f"The property '{name}' cannot be found on this object. Verify that the property exists.",
        category=ErrorCategory.NotSpecified,
        exception_type="System.Management.Automation.PropertyNotFoundException",
    )


def strict_index() -> RuntimeFailure:
    return RuntimeFailure(
        "System.IndexOutOfRangeException",
        "Index was outside the bounds of the array.",
        category=ErrorCategory.OperationStopped,
        exception_type="System.IndexOutOfRangeException",
    )


def property_not_found(name: str) -> RuntimeFailure:
    return RuntimeFailure(
        "PropertyNotFound",
        f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
    )


_RUNTIME_EXCEPTION = "System.Management.Automation.RuntimeException"
_SMA = "system.management.automation."
#: Base classes of the exception types scripts meet, for ``catch [Base]`` (the .NET API reference).
_BASES: Mapping[str, tuple[str, ...]] = {
    "system.management.automation.runtimeexception": ("system.systemexception",),
    _SMA + "itemnotfoundexception": (_SMA + "sessionstateexception", _SMA + "runtimeexception"),
    _SMA + "sessionstateexception": (_SMA + "runtimeexception",),
    _SMA + "commandnotfoundexception": (_SMA + "runtimeexception",),
    _SMA + "parameterbindingexception": (_SMA + "runtimeexception",),
    _SMA + "psinvalidoperationexception": ("system.invalidoperationexception",),
    _SMA + "psargumentexception": ("system.argumentexception",),
    _SMA + "methodinvocationexception": (_SMA + "methodexception",),
    _SMA + "methodexception": (_SMA + "runtimeexception",),
    _SMA + "actionpreferencestopexception": (_SMA + "runtimeexception",),
    "system.io.filenotfoundexception": ("system.io.ioexception",),
    "system.io.directorynotfoundexception": ("system.io.ioexception",),
    "system.io.ioexception": ("system.systemexception",),
    "system.unauthorizedaccessexception": ("system.systemexception",),
    "system.invalidoperationexception": ("system.systemexception",),
    "system.argumentexception": ("system.systemexception",),
    "system.argumentnullexception": ("system.argumentexception",),
    "system.argumentoutofrangeexception": ("system.argumentexception",),
    "system.notsupportedexception": ("system.systemexception",),
    "system.systemexception": ("system.exception",),
    _SMA + "psinvalidcastexception": ("system.invalidcastexception",),
    "system.invalidcastexception": ("system.systemexception",),
    "system.formatexception": ("system.systemexception",),
    "system.dividebyzeroexception": ("system.arithmeticexception",),
    "system.arithmeticexception": ("system.systemexception",),
}


def _ancestry(type_name: str) -> list[str]:
    """``type_name`` and its base classes, most specific first; every type is an Exception."""
    found, pending = [], [type_name.lower()]
    while pending:
        current = pending.pop(0)
        if current not in found:
            found.append(current)
            pending.extend(_BASES.get(current, ()))
    return [*found, "system.exception"]


def _names_type(written: str, full_name: str) -> bool:
    """``[ItemNotFoundException]``, ``[System.Management.Automation.ItemNotFoundException]``…"""
    name = written.lower().removeprefix("system.")
    full = full_name.removeprefix("system.")
    return name == full or name == full.rsplit(".", 1)[-1]


#: What carries a non-terminating error that ``-ErrorAction Stop`` or ``$ErrorActionPreference =
#: 'Stop'`` made terminating (MshCommandRuntime.cs; ExecutionExceptions.cs).
ACTION_PREFERENCE_STOP = "System.Management.Automation.ActionPreferenceStopException"


def names_stop_exception(types: Sequence[str]) -> bool:
    """Whether a ``catch``/``trap`` names ActionPreferenceStopException: what it takes depends on
    how an error became terminating, not on the error's type alone."""
    full = ACTION_PREFERENCE_STOP.lower()
    return any(_names_type(written, full) for written in types)


def matching_handler(
    exception_type: str,
    handlers: Sequence[Sequence[str]],
    *,
    carrier: str = _RUNTIME_EXCEPTION,
    inner: Sequence[tuple[str, str]] = (),
) -> int | None:
    """Which ``catch`` (or ``trap``) handles an error of ``exception_type``, each handler given by
    the types it names (none: it takes anything): its index, or ``None``. The exception inside
    it (the first of ``inner``: ``[int]'x'``'s PSInvalidCastException, ``1/0``'s DivideByZeroException) is
    tried first, then the error's own type, then the exception that carries it: a
    RuntimeException for every terminating error in a script, an :data:`ACTION_PREFERENCE_STOP`
    for a Stop escalation (``carrier``); a typed handler matches its type or a base class
    (MiscOps.cs FindMatchingHandler)."""
    for candidate in (*(inner[0][:1] if inner else ()), exception_type, carrier):
        ancestry = _ancestry(candidate)
        for index, types in enumerate(handlers):
            if any(_names_type(written, base) for written in types for base in ancestry):
                return index
    return next((index for index, types in enumerate(handlers) if not types), None)
