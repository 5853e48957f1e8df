"""Tenant: an emulated Microsoft 365 tenant — its store, backend, engine and outbox.

``Tenant()`` is empty and in memory, ``Tenant.demo()`` is the Contoso demo tenant in memory,
``Tenant.open(path)`` is durable (SQLite). Every cmdlet is a method of a tenant, under its
Pythonic name and its exact-name twin; ``tenant.invoke("…")`` runs a PowerShell command line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cmdlets import Backend, Host, LocalEngine, find_command
from .cmdlets._index import FUNCTIONS, MODULES
from .cmdlets.directory import ADD_USER, ASSIGN_LICENSE, REMOVE_LICENSE, REMOVE_USER, SET_PROVIDER
from .cmdlets.errors import StoreUnavailable
from .cmdlets.notify import queue_emails
from .cmdlets.profiles import ModuleProfile, modules_named, resolve_in_module
from .functions import PSOutput, make_pythonic, make_twin, run_bound
from .model import Provider, TenantInfo, utc_now
from .model.display import Table
from .powershell.binder import BoundCommand, bind_keywords
from .powershell.engine import Engine, Replayed, Result, surface
from .powershell.metadata import NOT_GIVEN, CommandMetadata
from .powershell.simple_command import SimpleLine, bind_line
from .powershell.simple_command import read as read_simple
from .store.base import Store, StoreError

if TYPE_CHECKING:
    from ._api import TenantCmdlets as _CmdletMethods  # the methods made below, for type checkers
    from .mail import Outbox
    from .scripts import RunResult

    _MakesCmdletMethods = type
else:
    _CmdletMethods = object

    class _MakesCmdletMethods(type):
        """Makes a cmdlet method of ``Tenant`` on its first use (``Tenant.set_cs_…``), so that a
        tenant used for one cmdlet loads only that cmdlet's module (``cmdlets/_index.py``)."""

        def __getattr__(cls, name: str) -> Any:
            if name not in FUNCTIONS:
                raise AttributeError(f"type object {cls.__name__!r} has no attribute {name!r}")
            _add_methods(find_command(FUNCTIONS[name]))
            return type.__getattribute__(cls, name)

        def __dir__(cls) -> list[str]:
            return sorted({*super().__dir__(), *FUNCTIONS})


__all__ = ["Tenant"]


class Tenant(_CmdletMethods, metaclass=_MakesCmdletMethods):
    """An emulated tenant. Thread-safe per store; one SQLite file may be shared by processes.

    Args:
        store: where the tenant lives (default: a new in-memory store).
        seed: seeds ``tenant.random`` (PINs, conference IDs, GUIDs) for reproducible runs.
        clock: returns the current time (default: UTC now).
        actor: who the audit log names as making the changes.
        system_sender: ``(address, display name)`` of the service's own emails (default:
            ``no-reply@<first domain>``, "Microsoft 365").
        smtp: an ``smtp://``, ``smtp+starttls://`` or ``smtps://`` URL; messages are then
            delivered as each command commits (default: ``$CSCMDLETS_SMTP_URL``, else kept).
        host: the PowerShell host (non-interactive by default).
        module: the module generation the tenant answers as: ``"MicrosoftTeams"`` (today's,
            the default; ``$CSCMDLETS_MODULE`` overrides it) or ``"SkypeOnlineConnector"``
            (the 2017 era). A script's ``Import-Module``/``#Requires -Modules`` switches it.
    """

    def __init__(
        self,
        store: Store | None = None,
        *,
        seed: int | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        actor: str = "admin",
        system_sender: tuple[str, str] | None = None,
        smtp: str | None = None,
        host: Host | None = None,
        module: str | ModuleProfile | None = None,
    ) -> None:
        if store is None:
            from .store.memory import MemoryStore

            store = MemoryStore()
        self.store: Store = store
        self.backend = Backend(self.store, random.Random(seed), clock, actor, system_sender)
        self._smtp_url = smtp if smtp is not None else os.environ.get("CSCMDLETS_SMTP_URL")
        self._outbox: Outbox | None = None
        self._depth = 0
        self.engine = LocalEngine(
            self.backend,
            host=host,
            notify=queue_emails,
            after_commit=self._after_commit,
            module=modules_named(module),
        )

    # --- construction ----------------------------------------------------------------------------

    @classmethod
    def demo(cls, users: int = 0, *, seed: int = 0, store: Store | None = None, **options: Any) -> Tenant:
        """The deterministic Contoso demo tenant, plus ``users`` generated licensed users."""
        from .cmdlets.demo import seed_demo

        tenant = cls(store, seed=seed, **options)
        seed_demo(tenant.store, users=users)
        return tenant

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, seed: str | None = None, read_only: bool = False, **options: Any
    ) -> Tenant:
        """A durable tenant in the SQLite file ``path`` (created if absent, unless ``read_only``).

        Args:
            seed: ``"demo"`` seeds a new, empty store with the demo tenant.
            read_only: only read ``path``: never wait for a process writing it (each command
                reads a snapshot), and a file this process may not write can be opened.
        """
        try:
            if not read_only:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            from .store.sqlite import SqliteStore  # sqlite3 loads only for a durable tenant

            store = SqliteStore(Path(path), read_only=read_only)
        except OSError as error:
            raise StoreUnavailable(f"Cannot create the tenant store '{path}': {error.strerror}.") from None
        except StoreError as error:
            raise StoreUnavailable(str(error)) from None
        tenant = cls(store, **options)
        if seed == "demo" and not read_only and store.tenant() is None:
            from .cmdlets.demo import seed_demo

            seed_demo(tenant.store)
        return tenant

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Tenant:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    if not TYPE_CHECKING:  # type checkers read the methods from _api.pyi

        def __getattr__(self, name: str) -> Any:
            """A cmdlet method not made yet (the class makes it, then it is a plain method)."""
            if name not in FUNCTIONS:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            return getattr(type(self), name).__get__(self)

    # --- the service's parts ---------------------------------------------------------------------

    @property
    def random(self) -> random.Random:
        return self.backend.random

    @property
    def module(self) -> ModuleProfile:
        """The module generation the tenant answers as; set it by name or profile."""
        return self.engine.module

    @module.setter
    def module(self, module: str | ModuleProfile) -> None:
        self.engine.module = modules_named(module)

    @property
    def info(self) -> TenantInfo:
        return self.backend.tenant

    @property
    def outbox(self) -> Outbox:
        """The emails the service sent or queued (``cscmdlets.mail.Outbox``)."""
        if self._outbox is None:
            from .mail import Outbox, transport_from_url

            transport = transport_from_url(self._smtp_url) if self._smtp_url else None
            self._outbox = Outbox(self.store, transport, clock=self.backend.clock)
        return self._outbox

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several commands in one transaction: all of them are kept, or none.

        A command that fails inside the block undoes only itself; an exception leaving the
        block undoes everything the block did. Email delivery waits for the commit.
        """
        self._depth += 1
        try:
            with self.store.transaction():
                yield
        except StoreError as error:
            raise StoreUnavailable(str(error)) from None
        finally:
            self._depth -= 1
        self._after_commit()

    def _after_commit(self) -> None:
        if self._depth == 0 and self._smtp_url:
            self.outbox.flush()

    def audit(
        self, *, target: str | None = None, command: str | None = None, since: dt.datetime | None = None
    ) -> Table:
        """The audit log (a list of :class:`AuditEntry`, shown as a table), oldest first,
        optionally filtered by target, command or time."""
        with self.store.transaction():
            entries = self.store.audit_entries()
        return Table(
            e
            for e in entries
            if (target is None or e.target.lower() == target.lower())
            and (command is None or e.command.lower() == command.lower())
            and (since is None or e.at >= since)
        )

    # --- PowerShell text -------------------------------------------------------------------------

    def invoke(self, command_line: str) -> PSOutput:
        """Run one PowerShell command line on this tenant and return its output objects.

        Raises:
            PowerShellError: a parse or binding error, or the first error record written.
        """
        engine = self.engine
        ran = run_simple_line(engine, command_line)
        if ran is None:
            return _invoke_in_full(engine, command_line)
        bound, outcome = ran
        if isinstance(outcome, Exception) or outcome.errors:  # -ErrorAction and positions: the runner's
            return _invoke_in_full(Replayed(engine, outcome), command_line)
        surface(outcome, warning_action=bound.common.warning_action, stacklevel=3)  # the caller's line
        return outcome.output

    def run_script(
        self,
        path_or_text: str | os.PathLike[str],
        *,
        arguments: Sequence[str] = (),
        what_if: bool = False,
        answers: Sequence[str] | None = None,
        transaction: bool = True,
    ) -> RunResult:
        """Run a PowerShell script (a path, or the script's text) on this tenant.

        Args:
            arguments: the script's own parameters, as on a command line (``["-CsvPath", "u.csv"]``).
            what_if: apply -WhatIf to every command; ``RunResult.plan`` lists what would change.
            answers: what ``Read-Host`` reads, in order (a non-interactive host otherwise).
            transaction: the whole script in one transaction (the default), or each command
                in its own.

        Returns:
            The script's output, error records, host lines, warnings, plan and exit status.
            ``status`` is the one ``cscmdlets run`` gives the same input (about_Pwsh): for a
            path ``pwsh -File``'s (``exit N``; else 1 only when a script-terminating error ended
            the script; else 0), for text ``pwsh -Command``'s (``exit N``; else 0 or 1 from
            ``$?`` of the last command); ``file_status`` and ``command_status`` give either rule.
        """
        from .scripts.runner import run_script

        scope = self.transaction() if transaction else contextlib.nullcontext()
        with scope:
            return run_script(
                self.engine,
                path_or_text,
                arguments=arguments,
                what_if=what_if,
                answers=list(answers) if answers is not None else None,
            )

    # --- directory operations (not cmdlets; they trigger the automatic emails) ------------------

    def _run(self, metadata: CommandMetadata, **values: Any) -> PSOutput:
        given = {name: value for name, value in values.items() if value is not NOT_GIVEN}
        return run_bound(self.engine, bind_keywords(metadata, given))

    def add_user(
        self,
        user_principal_name: str,
        display_name: str,
        *,
        licensed: bool = True,
        provider: Provider | str = Provider.MICROSOFT,
        preferred_language: str = "en-US",
        usage_location: str = "US",
        primary_smtp_address: str | None = None,
    ) -> PSOutput:
        """Add a user; a licensed Microsoft-provider user is enabled and gets the welcome email."""
        return self._run(
            ADD_USER,
            UserPrincipalName=user_principal_name,
            DisplayName=display_name,
            Licensed=licensed,
            Provider=str(provider),
            PreferredLanguage=preferred_language,
            UsageLocation=usage_location,
            PrimarySmtpAddress=primary_smtp_address or NOT_GIVEN,
        )

    def remove_user(self, identity: str) -> None:
        self._run(REMOVE_USER, Identity=identity)

    def assign_license(self, identity: str) -> None:
        """Assign the Audio Conferencing licence (email: conference ID, number and PIN)."""
        self._run(ASSIGN_LICENSE, Identity=identity)

    def remove_license(self, identity: str) -> None:
        """Remove the licence; the conference ID is released (email: remove dial-in details)."""
        self._run(REMOVE_LICENSE, Identity=identity)

    def set_provider(self, identity: str, provider: Provider | str) -> None:
        """Change the conferencing provider: Microsoft, ThirdParty or None."""
        self._run(SET_PROVIDER, Identity=identity, Provider=str(provider))


def _tenant_engine(tenant: Tenant) -> LocalEngine:
    return tenant.engine


def _add_methods(metadata: CommandMetadata) -> None:
    """The two methods of one cmdlet: its Pythonic name and its exact-name twin."""
    setattr(Tenant, metadata.python_name, make_pythonic(metadata, _tenant_engine, method=True))
    setattr(Tenant, metadata.twin_name, make_twin(metadata, _tenant_engine, method=True))


def _invoke_in_full(engine: Engine, command_line: str) -> PSOutput:
    """The line parsed and run as the script runner runs a line (scripts.runner.invoke_line)."""
    from .scripts.runner import invoke_line

    return PSOutput(invoke_line(engine, command_line))


def _bound_simple(engine: Engine, line: SimpleLine) -> BoundCommand | None:
    """A simple command line (simple_command.read) bound as the runner binds it alone
    (scripts.runner.invoke_line): a cmdlet of the engine's module, no -XVariable. ``None``
    for anything else, and for a line that does not bind: the runner then runs it and
    raises its error, with its position."""
    if not _names_a_cmdlet(line.name):
        return None
    try:
        metadata = resolve_in_module(engine, line.name)
    except Exception:  # CommandNotFound…: the runner's to raise and position
        return None
    bound = bind_line(metadata, line)
    if bound is None:
        return None
    common = bound.common
    return None if common.error_variable or common.warning_variable or common.out_variable else bound


def run_simple_line(engine: Engine, command_line: str) -> tuple[BoundCommand, Result | Exception] | None:
    """The usual command line (one cmdlet, literal arguments) run without the script layer:
    its bound command and what it gave (its result, or the exception it raised). ``None``
    when the line is anything else, for the script runner (nothing has run then). A caller
    that gets errors or an exception hands the line to the runner on a
    :class:`~cscmdlets.powershell.engine.Replayed` engine, for -ErrorAction and positions."""
    line = read_simple(command_line)  # the usual line, read without the parser
    bound = None if line is None else _bound_simple(engine, line)
    if bound is None:
        return None
    try:
        return bound, engine.invoke(bound)
    except Exception as failure:  # the runner raises it, as from a call of its own
        return bound, failure


def _names_a_cmdlet(name: str) -> bool:
    """A cmdlet of the index (any case): not a builtin the runner runs itself (Write-Output,
    ForEach-Object…) nor a program; a test keeps the builtins' names out of the index."""
    return name.lower() in _CMDLET_NAMES


_CMDLET_NAMES = frozenset(name.lower() for name in MODULES)
