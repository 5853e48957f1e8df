"""Errors of the passthrough: remote error records mapped back, and transport failures.

A remote record becomes the local class with the same ``error_id``
(``error_class_for``), carrying the remote message, FQEID and category, so
``except cs.UserNotFound`` works the same against the emulator and a real host.
A record with no local class becomes :class:`RemoteError`. Transport failures are
PowerShell's remoting errors; their messages never contain a password.

Hierarchy::

    PowerShellError
    ├── RemoteError                 (a remote record with no local class)
    └── RemotingError               (PSRemotingTransportException)
        ├── RemoteConnectionFailed  (CannotConnect,PSSessionOpenFailed)
        │   ├── RemoteAccessDenied  (AccessDenied,PSSessionOpenFailed)
        │   └── RemoteCertificateInvalid
        └── RemoteSessionBroken     (the connection dropped or timed out mid-call)
            └── RemoteTimeout
"""

from __future__ import annotations

from typing import Any

from ..powershell.errors import ErrorCategory, InvocationInfo, PowerShellError, error_class_for

__all__ = [
    "RemoteAccessDenied",
    "RemoteCertificateInvalid",
    "RemoteConnectionFailed",
    "RemoteError",
    "RemoteSessionBroken",
    "RemoteTimeout",
    "RemotingError",
    "error_from_record",
]

_TRANSPORT = "System.Management.Automation.Remoting.PSRemotingTransportException"


class RemoteError(PowerShellError):
    """A remote error record whose error id cscmdlets has no class for.

    ``error_id``, ``category`` and the FQEID are the remote ones, set per instance.
    """

    error_id = "RemoteError"
    template = "{message}"


class RemotingError(PowerShellError):
    category = ErrorCategory.OpenError
    exception_type = _TRANSPORT
    template = "Connecting to remote server {0} failed with the following error message : {1}"


class RemoteConnectionFailed(RemotingError):
    error_id = "CannotConnect"
    template = (
        "Connecting to remote server {0} failed with the following error message : {1} For more information, "
        "see the about_Remote_Troubleshooting Help topic."
    )


class RemoteAccessDenied(RemoteConnectionFailed):
    error_id = "AccessDenied"
    category = ErrorCategory.AuthenticationError  # inferred (PowerShell reports OpenError)
    template = (
        "Connecting to remote server {0} failed with the following error message : Access is denied. For more "
        "information, see the about_Remote_Troubleshooting Help topic."
    )


class RemoteCertificateInvalid(RemoteConnectionFailed):
    error_id = "CertificateValidationFailed"  # inferred (Windows reports 12175)
    category = ErrorCategory.SecurityError
    template = (
        "Connecting to remote server {0} failed with the following error message : The server certificate on "
        "the destination computer ({0}) could not be validated: {1} For more information, see the "
        "about_Remote_Troubleshooting Help topic."
    )


class RemoteSessionBroken(RemotingError):
    error_id = "PSSessionStateBroken"
    category = ErrorCategory.ConnectionError  # inferred
    qualify_id = False
    template = (
        "Processing data from remote server {0} failed with the following error message : {1} The call may or "
        "may not have run; the session was closed and the next call opens a new one."
    )


class RemoteTimeout(RemoteSessionBroken):
    error_id = "WinRMOperationTimeout"  # inferred
    category = ErrorCategory.OperationTimeout
    template = (
        "Processing data from remote server {0} failed with the following error message : The WinRM client "
        "cannot complete the operation within the time specified ({1}). The call may or may not have run; the "
        "session was closed and the next call opens a new one."
    )


def _message(record: Any) -> str:
    """The exception's Message, which is what PowerShell prints; ToString as a fallback."""
    exception = getattr(record, "exception", None)
    props = getattr(exception, "adapted_properties", None) or {}
    props = {**props, **(getattr(exception, "extended_properties", None) or {})}
    message = props.get("Message") or getattr(record, "details_message", None)
    return str(message) if message else str(record)


def _category(value: Any) -> ErrorCategory:
    try:
        return ErrorCategory(int(value))
    except (TypeError, ValueError):
        return ErrorCategory.NotSpecified


def error_from_record(record: Any, *, command_name: str = "") -> PowerShellError:
    """A pypsrp ErrorRecord as the PowerShellError the emulator would raise.

    Args:
        record: ``pypsrp`` ErrorRecord(Message) from ``streams.error`` or merged output.
        command_name: the command it belongs to (for the views).

    Returns:
        An instance of the class found by ``error_class_for(error_id)`` (else
        :class:`RemoteError`) whose message, FQEID and category are the remote ones.
    """
    fqeid = str(getattr(record, "fq_error", None) or "NotSpecified")
    error_id, _, implementing = fqeid.partition(",")
    cls = error_class_for(error_id) or RemoteError
    error = cls.__new__(cls)
    vars(error)["template"] = "{message}"  # the remote text, verbatim: no local re-formatting
    if cls is RemoteError or getattr(cls, "error_id", None) != error_id:
        vars(error)["error_id"] = error_id
    vars(error)["category"] = _category(getattr(record, "category", None))
    vars(error)["qualify_id"] = bool(implementing)
    exception_types = getattr(getattr(record, "exception", None), "types", None) or []
    if exception_types:
        vars(error)["exception_type"] = str(exception_types[0]).removeprefix("Deserialized.")
    target = getattr(record, "target_object", None)
    PowerShellError.__init__(
        error,
        message=_message(record),
        target_object=target,
        command_name=command_name,
        implementing_type=implementing,
        invocation=InvocationInfo(command_name=command_name),
    )
    return error
