"""Which tenant a subcommand acts on: ``--state PATH``, ``--demo`` and :func:`open_tenant`.

A tenant file is created only when asked: the default state (``$CSCMDLETS_STATE``, else the
user data folder) is made with the demo tenant on first use, and ``--state PATH`` is made only
with ``--demo``; a mistyped path is an error naming it, never a silent new tenant.
"""

from __future__ import annotations

import argparse
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import StateNotFound

if TYPE_CHECKING:
    from ..tenant import Tenant

__all__ = ["OpenTenant", "add_state_options", "open_tenant"]


class OpenTenant(Protocol):
    """:func:`open_tenant`'s signature, for subcommands that take it as a parameter."""

    def __call__(
        self, state: str | None, *, create: bool = ..., read_only: bool = ...
    ) -> AbstractContextManager[Any]: ...


def add_state_options(parser: argparse.ArgumentParser) -> None:
    """``--state PATH`` and ``--demo``, as every subcommand that opens the tenant has them."""
    parser.add_argument(
        "--state",
        metavar="PATH",
        help="the tenant's SQLite file (default: $CSCMDLETS_STATE, else the user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="create the --state file with the demo tenant if it does not exist"
    )


def open_tenant(state: str | None, *, create: bool = False, read_only: bool = False) -> Tenant:
    """The tenant of ``--state`` (else the default state, seeded with the demo tenant if new).

    Args:
        state: the ``--state`` path, or ``None`` for the default state.
        create: create ``state`` (with the demo tenant) if it does not exist (``--demo``).
        read_only: only read: never wait for a process writing the file, and open a file this
            process may not write. A file that does not exist yet is created all the same.

    Raises:
        StateNotFound: ``state`` does not exist and ``create`` is false.
    """
    from ..tenant import Tenant

    if state:
        path = Path(state)
    else:
        from ..session import default_state_path

        path = default_state_path()
    exists = path.exists()
    if state and not exists and not create:
        raise StateNotFound(str(path), target_object=str(path))
    return Tenant.open(path, seed="demo", read_only=read_only and exists)
