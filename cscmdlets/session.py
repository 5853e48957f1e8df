"""The current session: which engine the module-level cmdlet functions use.

``cs.connect(tenant)`` points them at a tenant; ``cs.connect(remote=cs.RemoteHost(…))`` at a
real PowerShell host over PSRP. Without ``connect``, the first call opens the default state
(``$CSCMDLETS_STATE``, else ``tenant.db`` in the user's data folder), seeded with the demo
tenant — the same tenant ``cscmdlets run`` uses, so a ported script acts where the
original ran.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .powershell.engine import Engine
from .tenant import Tenant

if TYPE_CHECKING:
    from .remote import RemoteHost

__all__ = ["Session", "connect", "current_session", "default_state_path", "disconnect"]


def default_state_path() -> Path:
    """``$CSCMDLETS_STATE``, else ``<user data dir>/cscmdlets/tenant.db`` (platformdirs)."""
    configured = os.environ.get("CSCMDLETS_STATE")
    if configured:
        return Path(configured)
    import platformdirs

    return platformdirs.user_data_path("cscmdlets", appauthor=False) / "tenant.db"


@dataclass
class Session:
    """What the module-level functions act on: an engine, and the tenant behind it if local."""

    engine: Engine
    tenant: Tenant | None = None

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


def session_engine(_: Any) -> Engine:
    return current_session().engine
