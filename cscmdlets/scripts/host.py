"""What script commands may ask of whoever runs them: the host protocol and its platforms.

The builtins (:mod:`.builtins`) and member calls (:mod:`.members`) never import the runner;
they call a :class:`ScriptHost` (the runner is one). All file-system and environment access
goes through the host's :class:`Platform`, so the caller decides what a script can touch:

- :class:`LocalPlatform` (``cscmdlets run``): relative paths resolve against a folder (default
  the current one), ``$env:X`` reads the process environment, writes stay in the run.
- :class:`Sandbox` (for a remote endpoint): every path must resolve inside one root folder
  (else PowerShell's ``Access to the path '…' is denied.``) and no process variable is visible.

Windows paths in scripts (``.\\users.csv``) are read with either slash, as PowerShell on
Windows reads them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from ..powershell.errors import ErrorCategory, ErrorRecord, InvocationInfo, PowerShellError
from ..powershell.metadata import ActionPreference, CommandMetadata

__all__ = ["AccessDenied", "LocalPlatform", "Platform", "Sandbox", "ScriptHost"]


class Platform(Protocol):
    """Where a script's files and environment variables come from."""

    def resolve(self, path: str) -> Path:
        """The file ``path`` names, as an absolute path; raises a PowerShellError if refused."""
        ...

    def environment(self, name: str) -> str | None:
        """``$env:name`` (case-insensitive, as on Windows), ``None`` when unset."""
        ...

    def set_environment(self, name: str, value: str | None) -> None:
        """``$env:name = value`` for the rest of the run (``None`` removes it)."""
        ...


class ScriptHost(Protocol):
    """What a builtin command needs from the runner (PowerShell's ``PSHost`` and session state)."""

    platform: Platform

    @property
    def caller_name(self) -> str:
        """The running function's name, else the script file's (empty for script text)."""
        ...

    def start_transcript(self, path: Path, *, append: bool) -> None:
        """Start-Transcript: write what the run shows from now on to ``path``."""
        ...

    def stop_transcript(self) -> Path | None:
        """Stop-Transcript: write the file; ``None`` when no transcript is running."""
        ...

    def resolve_command(self, name: str) -> CommandMetadata:
        """A cmdlet's metadata by name; raises CommandNotFound."""
        ...

    def write_host(self, text: str, *, newline: bool = True) -> None: ...

    def write_warning(self, text: str, action: ActionPreference | None = None) -> None: ...

    def write_verbose(self, text: str, forced: bool = False) -> None: ...

    def write_error(self, record: ErrorRecord, action: ActionPreference | None = None) -> None: ...

    def run_block(self, block: Any, item: Any) -> list[Any]:
        """Run a ``{ … }`` value in the caller's scope with ``$_`` set to ``item``."""
        ...

    def invocation(self, node: Any, command_name: str = "") -> InvocationInfo:
        """The script position of an AST node, for error records."""
        ...

    def should_process(self, explicit: bool | None, action: str, target: str) -> bool:
        """``True`` when a change may happen; under -WhatIf writes ``What if: …`` and says ``False``."""
        ...

    def get_variable(self, name: str, scope: str = "") -> Any: ...

    def now(self) -> dt.datetime: ...

    def read_answer(self) -> str | None: ...


class AccessDenied(PowerShellError):
    """A path outside the sandbox: .NET's UnauthorizedAccessException text."""

    error_id = "UnauthorizedAccessError"  # inferred
    category = ErrorCategory.PermissionDenied
    exception_type = "System.UnauthorizedAccessException"
    template = "Access to the path '{0}' is denied."


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]?")


def _posix_text(path: str) -> str:
    return path.replace("\\", "/") if os.sep == "/" else path


class LocalPlatform:
    """The machine itself: relative paths from ``base_dir`` (default: the current folder).

    ``$env:`` assignments are kept in the run and never change the process environment.
    On a POSIX system a drive-letter path (``C:\\Temp\\x.csv``) is relative: it lands in a
    ``C:`` folder under ``base_dir`` instead of failing on the first line.
    """

    def __init__(self, base_dir: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None):
        self.base_dir = Path(base_dir) if base_dir is not None else None
        self._environ = {k.lower(): v for k, v in (os.environ if environ is None else environ).items()}
        self._overlay: dict[str, str | None] = {}

    def resolve(self, path: str) -> Path:
        text = _posix_text(path)
        candidate = Path(os.path.expanduser(text) if text.startswith("~") else text)
        base = self.base_dir if self.base_dir is not None else Path.cwd()
        return candidate if candidate.is_absolute() else base / candidate

    def environment(self, name: str) -> str | None:
        lowered = name.lower()
        return self._overlay[lowered] if lowered in self._overlay else self._environ.get(lowered)

    def set_environment(self, name: str, value: str | None) -> None:
        self._overlay[name.lower()] = value


class Sandbox:
    """One root folder and no process environment: what a remote caller's script may touch.

    Paths resolve inside ``root`` (``C:\\x`` and ``/x`` both mean ``root/x``); a path that
    leaves it (``..\\..\\etc``) is :class:`AccessDenied`. Environment variables exist only
    once the script sets them.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self._environ: dict[str, str | None] = {}

    def resolve(self, path: str) -> Path:
        text = _DRIVE.sub("/", path).replace("\\", "/")
        inside = PurePosixPath("/", text.lstrip("/"))
        resolved = (self.root / inside.relative_to("/")).resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise AccessDenied(path, target_object=path)
        return resolved

    def environment(self, name: str) -> str | None:
        return self._environ.get(name.lower())

    def set_environment(self, name: str, value: str | None) -> None:
        self._environ[name.lower()] = value
