"""The current session: which engine the module-level cmdlet functions use.

``cs.connect(tenant)`` points them at a tenant; ``cs.connect(remote=cs.RemoteHost(…))`` at a
real PowerShell host over PSRP. Without ``connect``, the first call opens the default state
(``$CSCMDLETS_STATE``, else ``tenant.db`` in the user's data folder), seeded with the demo
tenant — the same tenant ``cscmdlets run`` uses, so a ported script acts where the
original ran.

A session has what a tenant has for PowerShell text: ``invoke`` (one command line) and
``run_script``. On a remote host the text is parsed and bound here and each command goes to the
host as a typed command (never as text), so a remote session needs no script support on the
host; module-level ``cs.invoke``/``cs.run_script`` use the current session.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .powershell.engine import Engine
from .tenant import Tenant

if TYPE_CHECKING:
    from .functions import PSOutput
    from .remote import RemoteHost
    from .scripts import RunResult

__all__ = [
    "Session",
    "connect",
    "current_session",
    "default_state_path",
    "disconnect",
    "invoke",
    "run_script",
    "session_functions",
]


def default_state_path() -> Path:
    """``$CSCMDLETS_STATE``, else ``<user data dir>/cscmdlets/tenant.db`` (platformdirs)."""
    configured = os.environ.get("CSCMDLETS_STATE")
    if configured:
        return Path(configured)
    import platformdirs

    return platformdirs.user_data_path("cscmdlets", appauthor=False) / "tenant.db"


@dataclass(repr=False)
class Session:
    """What the module-level functions act on: an engine, and the tenant behind it if local."""

    engine: Engine
    tenant: Tenant | None = None

    def __repr__(self) -> str:
        """Where the session points, and nothing of its setup or credentials."""
        endpoint = getattr(getattr(self.engine, "host", None), "endpoint", None)
        return f"Session(remote={endpoint!r})" if endpoint else f"Session(tenant={self.tenant!r})"

    def invoke(self, command_line: str) -> PSOutput:
        """Run one PowerShell command line on the session's tenant or host.

        Raises:
            PowerShellError: a parse or binding error, or the first error record written.
        """
        if self.tenant is not None:
            return self.tenant.invoke(command_line)
        from .cmdlets import find_command
        from .functions import PSOutput
        from .scripts.runner import invoke_line

        return PSOutput(invoke_line(self.engine, command_line, find_command))

    def run_script(
        self,
        path_or_text: str | os.PathLike[str],
        *,
        arguments: Sequence[str] = (),
        what_if: bool = False,
        answers: Sequence[str] | None = None,
    ) -> RunResult:
        """Run a PowerShell script (a path, or its text) on the session's tenant or host.

        A local tenant runs it in one transaction (see :meth:`Tenant.run_script`); a remote
        host gets each command as it is reached, as the script would send it.
        """
        from .scripts.runner import run_script

        scope = self.tenant.transaction() if self.tenant is not None else contextlib.nullcontext()
        with scope:
            return run_script(
                self.engine,
                path_or_text,
                arguments=arguments,
                what_if=what_if,
                answers=list(answers) if answers is not None else None,
            )

    @contextmanager
    def batch(self) -> Iterator[Any]:
        """Many calls, one round trip: a remote batch, or one transaction on a local tenant.

        Each call inside the block returns its own output list; on a remote host it fills when
        the block ends, and the first error is raised then.
        """
        if self.tenant is not None:
            with self.tenant.transaction():
                yield self.tenant
            return
        with self.engine.batch() as batch:  # type: ignore[attr-defined]
            yield batch

    def close(self) -> None:
        closer = self.tenant if self.tenant is not None else self.engine
        close = getattr(closer, "close", None)
        if close is not None:
            close()


_current: Session | None = None


def connect(tenant: Tenant | None = None, *, remote: RemoteHost | None = None) -> Session:
    """Make ``tenant`` (or the remote host) the target of the module-level functions.

    Args:
        tenant: an emulated tenant; default: the default state (see module docstring).
        remote: a real PowerShell host reached over PSRP (needs ``cscmdlets[remote]``).
    """
    global _current
    if remote is not None:
        from .remote import RemoteEngine

        engine = RemoteEngine(remote)
        engine.open()  # a wrong password or an unreachable host fails here, not at the first call
        _current = Session(engine)
    else:
        tenant = tenant or Tenant.open(default_state_path(), seed="demo")
        _current = Session(tenant.engine, tenant)
    return _current


def disconnect() -> None:
    """Close the current session (the tenant's store, or the remote pool)."""
    global _current
    if _current is not None:
        _current.close()
    _current = None


def current_session() -> Session:
    return _current if _current is not None else connect()


def invoke(command_line: str) -> PSOutput:
    """:meth:`Session.invoke` on the current session."""
    return current_session().invoke(command_line)


def run_script(
    path_or_text: str | os.PathLike[str],
    *,
    arguments: Sequence[str] = (),
    what_if: bool = False,
    answers: Sequence[str] | None = None,
) -> RunResult:
    """:meth:`Session.run_script` on the current session."""
    return current_session().run_script(path_or_text, arguments=arguments, what_if=what_if, answers=answers)


def session_engine(_: Any) -> Engine:
    return current_session().engine


def session_functions(*names: str) -> dict[str, Callable[..., PSOutput]]:
    """The module-level cmdlet functions, by name: each Pythonic function and its exact-name
    twin, acting on the current session; of the cmdlets ``names`` (default: every cmdlet)."""
    from .cmdlets import COMMANDS, find_command
    from .functions import make_pythonic, make_twin

    made = {}
    for metadata in [find_command(name) for name in names] if names else COMMANDS:
        made[metadata.python_name] = make_pythonic(metadata, session_engine)
        made[metadata.twin_name] = make_twin(metadata, session_engine)
    return made
