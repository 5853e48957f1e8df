"""The command line's own failures, as PowerShell words them, and the one place that turns any
exception leaving a subcommand into a one-line error (never a Python traceback).

The texts are PowerShell's (SessionStateStrings.resx ``PathNotFound`` and .NET's
``UnauthorizedAccessException``), so a missing script reads as ``Get-Content`` would say it.
"""

from __future__ import annotations

import errno
import logging
import sys

from ..powershell.errors import ErrorCategory, InvocationInfo, PowerShellError

__all__ = ["AccessDenied", "CliError", "PathNotFound", "StateNotFound", "as_powershell_error", "report"]

_LOG = logging.getLogger("cscmdlets.cli")


class CliError(PowerShellError):
    """A failure of the command line itself (a file, a folder, the tenant store)."""

    exception_type = "System.IO.IOException"
    error_id = "IOException"  # inferred
    category = ErrorCategory.WriteError


class PathNotFound(CliError):
    error_id = "PathNotFound"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ItemNotFoundException"
    template = "Cannot find path '{0}' because it does not exist."


class AccessDenied(CliError):
    error_id = "UnauthorizedAccessError"  # inferred
    category = ErrorCategory.PermissionDenied
    exception_type = "System.UnauthorizedAccessException"
    template = "Access to the path '{0}' is denied."


class StateNotFound(CliError):
    error_id = "TenantStoreNotFound"  # inferred
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ItemNotFoundException"
    template = (
        "Cannot find the tenant store '{0}' because it does not exist. "
        "Check the path, or add --demo to create it with the demo tenant."
    )


class InternalError(CliError):
    error_id = "InternalError"  # inferred
    category = ErrorCategory.NotSpecified
    exception_type = "System.Exception"
    template = "{0} (run with -v to see where)"


def _from_os_error(error: OSError, command_name: str) -> PowerShellError:
    path = error.filename if error.filename is not None else ""
    if isinstance(error, FileNotFoundError):
        return PathNotFound(path, command_name=command_name, target_object=path)
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return AccessDenied(path, command_name=command_name, target_object=path)
    text = f"{error.strerror or error}: '{path}'." if path else f"{error.strerror or error}."
    return CliError(message=text, command_name=command_name, target_object=path or None)


def as_powershell_error(error: Exception, command_name: str) -> PowerShellError:
    """The PowerShell error to show for ``error``, raised while ``command_name`` ran."""
    from ..store.base import StoreError

    if isinstance(error, PowerShellError):
        if not error.invocation.command_name and not error.invocation.has_position:
            error.at(InvocationInfo(command_name=command_name))  # the label of the concise view
        return error
    if isinstance(error, OSError):
        return _from_os_error(error, command_name)
    if isinstance(error, StoreError):
        from ..cmdlets.errors import StoreUnavailable

        return StoreUnavailable(str(error), command_name=command_name)
    _LOG.debug("unexpected error in %s", command_name, exc_info=error)
    return InternalError(f"{type(error).__name__}: {error}", command_name=command_name)


def report(error: Exception, command_name: str) -> int:
    """Print ``error`` in PowerShell's concise view on stderr; return the exit status (1)."""
    print(as_powershell_error(error, command_name).error_record.concise_view(), file=sys.stderr)
    return 1
