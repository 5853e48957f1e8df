"""What script commands may ask of whoever runs them: the host protocol and its platforms.

The builtins (:mod:`.builtins`) and member calls (:mod:`.members`) never import the runner;
they call a :class:`ScriptHost` (the runner is one). All file-system and environment access
goes through the host's :class:`Platform`, so the caller decides what a script can touch:

- :class:`LocalPlatform` (``cscmdlets run``): relative paths resolve against a folder (default
  the current one), ``$env:X`` reads the process environment, writes stay in the run.
- :meth:`.sandbox.Sandbox.platform` (``cscmdlets serve``): relative paths inside one root
  folder only, and only the environment variables the server names.

Windows paths in scripts (``.\\users.csv``) are read with either slash, as PowerShell on
Windows reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..powershell.errors import ErrorRecord, InvocationInfo
from ..powershell.metadata import ActionPreference, CommandMetadata
from .pipeline import Sink

__all__ = ["LocalPlatform", "Platform", "ProgressRecord", "ScriptHost"]


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

    #: The files and folders this run created: the only ones Remove-Item may delete.
    created: set[Path]
    #: Push-Location's stacks by name ("" the default one), the latest location last.
    location_stacks: dict[str, list[Path]]

    def set_location(self, folder: Path) -> None:
        """Set-Location: relative paths resolve from ``folder`` (a folder ``resolve`` gave) from now on."""
        ...


@dataclass(frozen=True)
class ProgressRecord:
    """What Write-Progress wrote (System.Management.Automation.ProgressRecord's main fields)."""

    activity: str
    status: str
    id: int
    percent_complete: int
    current_operation: str
    completed: bool


class ScriptHost(Protocol):
    """What a builtin command needs from the runner (PowerShell's ``PSHost`` and session state)."""

    platform: Platform
    #: where the cmdlets run; its module profile changes on Import-Module (cmdlets.profiles)
    engine: Any
    #: a ``--what-if`` run: nothing changes, and what would is listed in the plan
    what_if: bool

    @property
    def caller_name(self) -> str:
        """The running function's name, else the script file's (empty for script text)."""
        ...

    def caller_invocation(self) -> InvocationInfo | None:
        """Where the running function was called (its $MyInvocation); ``None`` outside one."""
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

    def write_host(self, text: str, *, newline: bool = True, error: bool = False) -> None: ...

    def write_warning(self, text: str, action: ActionPreference | None = None) -> None: ...

    def write_verbose(self, text: str, forced: bool = False) -> None: ...

    def add_to_plan(self, entries: Sequence[Any]) -> None:
        """What a ``--what-if`` run would have changed or sent (changes, outbox entries)."""
        ...

    def write_error(self, record: ErrorRecord, action: ActionPreference | None = None) -> None: ...

    def counted(self, items: Sequence[Any]) -> AbstractContextManager[Iterator[Any]]:
        """``items`` one by one, counted while they pass (a host shows the count as progress)."""
        ...

    def write_progress(self, record: ProgressRecord) -> None:
        """Write-Progress: passed to a host that shows progress; not part of the result."""
        ...

    def run_block(self, block: Any, item: Any, out: Sink) -> None:
        """Run a ``{ … }`` value in the caller's scope with ``$_`` set to ``item``, writing its
        output into ``out`` as it runs."""
        ...

    def run_script_member(self, block: Any, this: Any, args: list[Any]) -> list[Any]:
        """Run a script property's getter or a script method with ``$this`` set to the object
        it belongs to (and ``$args`` to a method's arguments)."""
        ...

    def invocation(self, node: Any, command_name: str = "") -> InvocationInfo:
        """The script position of an AST node, for error records."""
        ...

    def should_process(self, explicit: bool | None, action: str, target: str) -> bool:
        """``True`` when a change may happen; under -WhatIf writes ``What if: …`` and says ``False``."""
        ...

    def get_variable(self, name: str, scope: str = "") -> Any: ...

    def set_strict_mode(self, version: int) -> None:
        """Set-StrictMode for the current scope and the scopes it calls (0: off)."""
        ...

    def set_variable(self, name: str, value: Any, scope: str = "") -> None: ...

    def has_variable(self, name: str, scope: str = "") -> bool:
        """Whether a variable of that name exists (``$x = $null`` exists; a name never set does not)."""
        ...

    def remove_variable(self, name: str, scope: str = "") -> bool:
        """Remove the variable from the nearest scope holding it; ``False`` when none does."""
        ...

    def now(self) -> dt.datetime: ...

    def new_guid(self) -> str:
        """A new Guid's text, from the tenant's seeded source ([guid]::NewGuid, New-Guid)."""
        ...

    @property
    def random(self) -> random.Random:
        """Get-Random's source of numbers."""
        ...

    def read_answer(self) -> str | None: ...


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]?")


def _posix_text(path: str) -> str:
    return path.replace("\\", "/") if os.sep == "/" else path


def _lowered(environ: Mapping[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in environ.items()}


class LocalPlatform:
    """The machine itself: relative paths from ``base_dir`` (default: the current folder).

    ``$env:`` assignments are kept in the run and never change the process environment.
    Files are written for real; Remove-Item deletes only what the run itself created.
    On a POSIX system a drive-letter path (``C:\\Temp\\x.csv``) is relative: it lands in a
    ``C:`` folder under ``base_dir`` instead of failing on the first line.
    """

    def __init__(self, base_dir: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None):
        self.base_dir = Path(base_dir) if base_dir is not None else None
        self._source = os.environ if environ is None else environ
        self._overlay: dict[str, str | None] = {}
        self.created: set[Path] = set()
        self.location_stacks: dict[str, list[Path]] = {}

    def set_location(self, folder: Path) -> None:
        self.base_dir = folder  # the process's own current folder stays as it is

    def resolve(self, path: str) -> Path:
        text = _posix_text(path)
        candidate = Path(os.path.expanduser(text) if text.startswith("~") else text)
        base = self.base_dir if self.base_dir is not None else Path.cwd()
        return candidate if candidate.is_absolute() else base / candidate

    @functools.cached_property
    def _environ(self) -> dict[str, str]:
        """The environment with lower-cased names, read when the run first asks: lowering it
        was the dearest part of starting a run, and most runs (a ``Tenant.invoke`` line) never do."""
        return _lowered(self._source)

    def environment(self, name: str) -> str | None:
        lowered = name.lower()
        return self._overlay[lowered] if lowered in self._overlay else self._environ.get(lowered)

    def set_environment(self, name: str, value: str | None) -> None:
        self._overlay[name.lower()] = value
