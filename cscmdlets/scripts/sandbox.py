"""What a script may touch outside the tenant: one folder and a few environment variables.

The script runner asks its :class:`Sandbox` before every file access (``Get-Content``,
``Import-Csv``, ``Export-Csv``, ``Out-File``, ``Set-Content``, ``Test-Path``, ``>``) and every
``$env:`` read. Without a sandbox (``cscmdlets run`` on one's own machine) nothing is
restricted. ``cscmdlets serve --allow-scripts`` always runs scripts in one, because a client
must not read the server's files or its ``$env:CSCMDLETS_SERVE_PASSWORD``:

* no root: no file commands at all; they fail as in a JEA session, which has no FileSystem
  provider ("Cannot find a provider with the name 'FileSystem'.", ProviderNotFound, see
  https://learn.microsoft.com/en-us/powershell/scripting/security/remoting/jea/role-capabilities);
* with a root: only relative paths that stay inside it, after ``..`` and symbolic links are
  resolved; absolute paths, drive- or provider-qualified paths (``C:\\x``, ``env:X``,
  ``FileSystem::/x``) are refused;
* ``$env:NAME`` reads only the names listed; any other name reads as ``$null``, as an unset
  variable does. Assignments to ``$env:`` stay inside the script.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..powershell.errors import ErrorCategory, ScriptRuntimeError

__all__ = ["PathOutsideRoot", "ProviderNotFound", "Sandbox", "SandboxPlatform"]


class ProviderNotFound(ScriptRuntimeError):
    error_id = "ProviderNotFound"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ProviderNotFoundException"
    qualify_id = True
    template = "Cannot find a provider with the name 'FileSystem'."


class PathOutsideRoot(ScriptRuntimeError):
    error_id = "PathOutsideScriptsRoot"  # inferred: a cscmdlets restriction, no PowerShell text
    category = ErrorCategory.PermissionDenied
    exception_type = "System.UnauthorizedAccessException"
    qualify_id = True
    template = (  # inferred
        "Access to the path '{0}' is denied: scripts on this server may use only relative paths "
        "inside their working folder."
    )


@dataclass(frozen=True)
class Sandbox:
    """The files and environment variables scripts may use.

    Args:
        root: the only folder scripts may read and write; ``None`` allows no file at all.
        environment: the names of the environment variables scripts may read.
    """

    root: str | os.PathLike[str] | None = None
    environment: tuple[str, ...] = ()

    def resolve(self, path: str) -> Path:
        """The real path for a script's ``path``.

        Raises:
            ProviderNotFound: there is no root.
            PathOutsideRoot: the path is absolute, qualified, or leads outside the root.
        """
        if self.root is None:
            raise ProviderNotFound(target_object=path)
        if _is_qualified(path):
            raise PathOutsideRoot(path, target_object=path)
        root = Path(self.root).resolve()
        resolved = (root / path.replace("\\", "/")).resolve()
        if not resolved.is_relative_to(root):
            raise PathOutsideRoot(path, target_object=path)
        return resolved

    def environment_variable(self, name: str) -> str | None:
        """The value of an allowed variable; ``None`` for any other name."""
        if name.lower() not in {allowed.lower() for allowed in self.environment}:
            return None
        return next((v for k, v in os.environ.items() if k.lower() == name.lower()), None)

    def platform(self) -> SandboxPlatform:
        """A script run's view of the sandbox (:class:`~.host.Platform`); its ``$env:``
        assignments stay in that run."""
        return SandboxPlatform(self)

    def describe(self) -> str:
        """One sentence for help texts: exactly what a script can reach."""
        files = (
            "no files (file commands fail)"
            if self.root is None
            else f"files under {Path(self.root).resolve()} only, by relative path"
        )
        names = ", ".join(self.environment) if self.environment else "none"
        return f"scripts reach {files}; environment variables: {names}"


def _is_qualified(path: str) -> bool:
    """Absolute (``/x``, ``\\\\server\\x``, ``C:\\x``) or provider-qualified (``env:x``, ``~``)."""
    return (
        PurePosixPath(path).is_absolute()
        or PureWindowsPath(path).is_absolute()
        or PureWindowsPath(path).drive != ""
        or path.startswith(("\\", "/", "~"))
        or ":" in path
    )


@dataclass
class SandboxPlatform:
    """One run's files and environment under a :class:`Sandbox` (a :class:`~.host.Platform`)."""

    sandbox: Sandbox
    _assigned: dict[str, str | None] = field(default_factory=dict)
    created: set[Path] = field(default_factory=set)
    location_stacks: dict[str, list[Path]] = field(default_factory=dict)
    #: The current location, relative to the root (Set-Location within it).
    _location: PurePosixPath = field(default_factory=PurePosixPath)

    def resolve(self, path: str) -> Path:
        if _is_qualified(path):
            return self.sandbox.resolve(path)  # refused, naming the path as given
        return self.sandbox.resolve(str(self._location / path.replace("\\", "/")))

    def set_location(self, folder: Path) -> None:
        root = Path(self.sandbox.root or ".").resolve()
        self._location = PurePosixPath(folder.relative_to(root).as_posix())

    def environment(self, name: str) -> str | None:
        lowered = name.lower()
        return self._assigned[lowered] if lowered in self._assigned else self.sandbox.environment_variable(name)

    def set_environment(self, name: str, value: str | None) -> None:
        self._assigned[name.lower()] = value
