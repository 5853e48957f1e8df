"""LocalEngine: runs bound commands on the emulated tenant, one transaction per command."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import OutboxEntry
from ..powershell.binder import BoundCommand
from ..powershell.engine import Result
from ..powershell.errors import PowerShellError, ServiceError
from ..store.base import StoreError
from .backend import Backend
from .base import IMPLEMENTATIONS, Host, Invocation, _Declined
from .common import refuse_other_tenants
from .errors import StoreUnavailable
from .profiles import ModuleProfile, default_module

__all__ = ["LocalEngine"]

Notifier = Callable[[Invocation], list[OutboxEntry]]


#: The parameters ``refuse_other_tenants`` checks: a call without them needs no check.
_TENANT_PARAMETERS = frozenset({"Tenant", "TenantDomain"})


class _RollBack(Exception):
    """Ends a command's transaction without keeping it (-WhatIf, or an error was written)."""


class LocalEngine:
    """The emulated tenant behind the :class:`~cscmdlets.powershell.engine.Engine` seam.

    Each command runs in its own transaction (a savepoint inside ``tenant.transaction()``):
    a command that writes an error, or is run with -WhatIf, leaves the tenant unchanged.
    Errors the service reports are written as non-terminating errors (PowerShell's WriteError),
    so -ErrorAction decides what follows; binding and host errors are statement-terminating.
    ``notify`` turns a command's changes into outbox entries inside the same transaction;
    ``after_commit`` runs once the outermost transaction has committed (email delivery).
    ``module`` is the module generation the tenant answers as (``cmdlets.profiles``): a command
    or parameter it does not have fails as it would there, whichever door the call came by.
    """

    def __init__(
        self,
        backend: Backend,
        *,
        host: Host | None = None,
        notify: Notifier | None = None,
        after_commit: Callable[[], None] | None = None,
        module: ModuleProfile | None = None,
    ) -> None:
        self.backend = backend
        self.module = module or default_module()
        self.host = host or Host()
        self.notify = notify
        self.after_commit = after_commit

    def invoke(self, command: BoundCommand) -> Result:
        call = Invocation(command, self.backend, self.host, policy_managed=self.module.admitted(command))
        implementation = IMPLEMENTATIONS[command.metadata.name]
        random_state = self.backend.random.getstate() if call.is_what_if else None
        try:
            with self.backend.store.transaction():
                self._run(call, implementation)
        except _RollBack:
            if random_state is not None:
                self.backend.random.setstate(random_state)  # a dry run draws no PIN for real
        except StoreError as error:
            raise self._attributed(call, StoreUnavailable(str(error))) from None
        except PowerShellError as error:
            raise self._attributed(call, error) from None
        else:
            if self.after_commit is not None:
                self.after_commit()
        return call.result

    def keep_mail(self, entries: Sequence[OutboxEntry]) -> None:
        """Put a script's own messages (Send-MailMessage) in the outbox, in a transaction inside
        the run's; delivery follows the commit, as for the service's emails."""
        store = self.backend.store
        try:
            with store.transaction():
                for entry in entries:
                    store.add_outbox(entry)
        except StoreError as error:
            raise StoreUnavailable(str(error)) from None
        if self.after_commit is not None:
            self.after_commit()

    def _run(self, call: Invocation, implementation: Callable[[Invocation], None]) -> None:
        outbox: list[OutboxEntry] = []
        try:
            if not call.values.keys().isdisjoint(_TENANT_PARAMETERS):
                refuse_other_tenants(call)
            implementation(call)
            if call.changes and self.notify is not None:  # no change, no email
                outbox = self.notify(call)
        except _Declined:
            raise _RollBack() from None
        except ServiceError as error:
            call.write_error(error)
        if call.result.errors:
            raise _RollBack()
        if call.is_what_if:
            call.result.plan.extend([*call.audit_entries, *outbox])
            call.result.output.clear()
            raise _RollBack()

    @staticmethod
    def _attributed(call: Invocation, error: PowerShellError) -> PowerShellError:
        return error.for_command(call.name, call.command.metadata.implementing_type)
