"""Errors the script runner reports: PowerShell's runtime errors and the emulator's refusals.

Hierarchy (all under :class:`~cscmdlets.powershell.errors.ScriptRuntimeError`)::

    ScriptRuntimeError
    ├── RuntimeFailure        a RuntimeException PowerShell itself raises (MethodNotFound, …);
    │                         the error id is given per instance
    ├── Thrown                ``throw "text"``: the FQEID is the text, as PowerShell shows it
    └── NotSupported          script code cscmdlets will not run (Invoke-Expression, external
                              programs, .NET calls outside the safe list) — script-terminating

Texts are PowerShell's where the engine has one; the emulator's own are marked ``# inferred``.
"""

from __future__ import annotations

from typing import Any

from ..powershell.errors import ErrorCategory, InvocationInfo, ScriptRuntimeError

__all__ = ["NotSupported", "RuntimeFailure", "Thrown", "method_not_found", "null_method", "property_not_found"]


class RuntimeFailure(ScriptRuntimeError):
    """A RuntimeException from the PowerShell language itself (spec/powershell.md §A4)."""

    category = ErrorCategory.InvalidOperation

    def __init__(
        self,
        error_id: str,
        message: str,
        *,
        category: ErrorCategory | None = None,
        target_object: Any = None,
        invocation: InvocationInfo | None = None,
    ) -> None:
        self.error_id = error_id  # type: ignore[misc]
        if category is not None:
            self.category = category  # type: ignore[misc]
        super().__init__(message=message, target_object=target_object, invocation=invocation)


class Thrown(ScriptRuntimeError):
    """``throw "text"``: CategoryInfo ``OperationStopped: (text:String) [], RuntimeException``."""

    category = ErrorCategory.OperationStopped

    def __init__(self, message: str, *, target_object: Any = None, invocation: InvocationInfo | None = None) -> None:
        self.error_id = message or "ScriptHalted"  # type: ignore[misc]
        super().__init__(message=message or "ScriptHalted", target_object=target_object, invocation=invocation)


class NotSupported(ScriptRuntimeError):
    """Code the emulator refuses to run; the script stops here (issue 4)."""

    error_id = "NotSupportedByEmulator"  # inferred
    category = ErrorCategory.NotImplemented
    exception_type = "System.NotSupportedException"

    def __init__(self, what: str, *, invocation: InvocationInfo | None = None) -> None:
        super().__init__(
            message=f"cscmdlets does not run {what} in scripts; the script was stopped here.", invocation=invocation
        )


def method_not_found(type_name: str, method: str) -> RuntimeFailure:
    return RuntimeFailure(
        "MethodNotFound", f"Method invocation failed because [{type_name}] does not contain a method named '{method}'."
    )


def null_method() -> RuntimeFailure:
    return RuntimeFailure("InvokeMethodOnNull", "You cannot call a method on a null-valued expression.")


def property_not_found(name: str) -> RuntimeFailure:
    return RuntimeFailure(
        "PropertyNotFound",
        f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
    )
