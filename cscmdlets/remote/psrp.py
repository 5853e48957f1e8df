"""One kept RunspacePool over pypsrp: open, setup, run a pipeline, recover, close.

``open`` runs the host's setup calls (``Import-Module``, ``Connect-MicrosoftTeams``…) once,
in the same runspace later pipelines use (min = max = 1 runspace, so state persists, as Microsoft's
Connect-MicrosoftTeams session does). A transport failure discards the pool; the next call opens a new one. A call
is resent automatically only when the server refused it unseen (its shell was gone).
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..powershell.errors import PowerShellError
from . import notes
from .clixml import begin_prepacked, pipeline_xml
from .errors import RemoteError, RemoteTimeout, error_from_record
from .host import RemoteHost
from .values import normalise
from .wsman import ERROR_SHELL_NOT_FOUND, open_wsman, transport_error

if TYPE_CHECKING:
    from pypsrp.powershell import PowerShell, RunspacePool
    from pypsrp.wsman import WSMan

__all__ = ["PoolSession"]

log = logging.getLogger(__name__)

Build = Callable[["PowerShell"], None]


def _needs_keys(value: Any) -> bool:
    """SecureStrings need the session key exchanged first ([MS-PSRP]: PUBLIC_KEY, ENCRYPTED_SESSION_KEY)."""
    from pypsrp.serializer import TaggedValue

    if isinstance(value, TaggedValue):
        return value.tag == "SS"
    if isinstance(value, list):
        return any(_needs_keys(item) for item in value)
    if isinstance(value, dict):
        return any(_needs_keys(item) for item in value.values())
    return False


class PoolSession:
    """A lazily opened, kept RunspacePool for one :class:`RemoteHost`. Thread-safe."""

    def __init__(self, host: RemoteHost) -> None:
        self.host = host
        self._wsman: WSMan | None = None
        self._pool: RunspacePool | None = None
        self._lock = threading.RLock()

    @property
    def is_open(self) -> bool:
        return self._pool is not None

    def open(self) -> RunspacePool:
        """Open the pool and run the setup calls; failures raise a remoting error."""
        with self._lock:
            if self._pool is not None:
                return self._pool
            attempts = max(1, self.host.retries + 1)
            for attempt in range(attempts):
                try:
                    return self._open_once()
                except PowerShellError as error:
                    self.discard()
                    if attempt + 1 == attempts or not _is_transient(error):
                        raise
                    log.info("opening %s failed, retrying: %s", self.host.endpoint, error)
            raise AssertionError("unreachable")

    def _open_once(self) -> RunspacePool:
        from pypsrp.powershell import RunspacePool

        self._wsman = open_wsman(self.host)
        pool = RunspacePool(self._wsman, configuration_name=self.host.configuration_name, no_profile=True)
        try:
            pool.open()
        except Exception as error:
            raise transport_error(error, self.host, opening=True) from None
        self._pool = pool
        if self.host.setup:
            self._run_setup(pool)
        return pool

    def _run_setup(self, pool: RunspacePool) -> None:
        """Setup calls, one statement each, in one round trip; any error fails the open."""
        calls = [(name, {key: normalise(value) for key, value in params}) for name, params in self.host.setup]
        log.info("remote setup: %s", ", ".join(name for name, _ in calls))  # names only: values may be secret

        def build(ps: PowerShell) -> None:
            for name, params in calls:
                ps.add_cmdlet(name).add_parameters(params).add_statement()

        ps = self._invoke(pool, build, opening=True)
        if ps.streams.error:
            raise error_from_record(ps.streams.error[-1], command_name=calls[-1][0])

    def run(self, build: Build) -> PowerShell:
        """Run one pipeline built by ``build`` and wait for it."""
        return self.run_many([build])[0]

    def run_many(self, builds: Sequence[Build]) -> list[PowerShell]:
        """Send every pipeline, then wait for each in order.

        The host runs them one after another; sending the next while the previous runs
        overlaps packing here with reading and running there. If the shell had gone away
        (idle timeout, restart), the pool is re-opened once: nothing had run.
        """
        with self._lock:
            try:
                started = [self._begin(self.open(), build, opening=False) for build in builds]
            except _ShellGone:
                self.discard()
                started = [self._begin(self.open(), build, opening=False) for build in builds]
            for ps in started:
                self._guarded(functools.partial(self._finish, ps), opening=False)
            return started

    def _invoke(self, pool: RunspacePool, build: Build, *, opening: bool) -> PowerShell:
        ps = self._begin(pool, build, opening=opening)
        self._guarded(lambda: self._finish(ps), opening=opening)
        return ps

    def _begin(self, pool: RunspacePool, build: Build, *, opening: bool) -> PowerShell:
        from pypsrp.exceptions import WSManFaultError
        from pypsrp.powershell import PowerShell

        ps = PowerShell(pool)
        build(ps)
        try:
            if any(_needs_keys(arg.value) for command in ps.commands for arg in command.args):
                pool.exchange_keys()
            prepacked = notes.PREPACKED.get(ps)
            if prepacked:
                begin_prepacked(ps, pipeline_xml(ps, prepacked))
            else:
                ps.begin_invoke()
        except UnicodeEncodeError as error:  # e.g. a lone surrogate: nothing was sent, the pool is fine
            raise RemoteError(
                message=f"A parameter value cannot be sent to {self.host.server}: it is not valid "
                f"text ({error.reason})."
            ) from None
        except WSManFaultError as error:
            if error.code == ERROR_SHELL_NOT_FOUND and ps.state == 0:
                raise _ShellGone() from None
            self.discard()
            raise transport_error(error, self.host, opening=opening) from None
        except Exception as error:
            self.discard()
            raise transport_error(error, self.host, opening=opening) from None
        limit = self.host.call_timeout
        notes.DEADLINE[ps] = None if limit is None else time.monotonic() + limit
        return ps

    def _guarded(self, step: Callable[[], None], *, opening: bool) -> None:
        """Run ``step``; a transport failure discards the pool and becomes a remoting error."""
        try:
            step()
        except RemoteTimeout:
            raise
        except Exception as error:
            self.discard()
            raise transport_error(error, self.host, opening=opening) from None

    def _finish(self, ps: PowerShell) -> None:
        """Wait for ``ps`` (``end_invoke``) within the call's deadline, then close it."""
        from pypsrp.complex_objects import PSInvocationState

        deadline = notes.DEADLINE.get(ps)
        while ps.state == PSInvocationState.RUNNING:
            if deadline is not None and time.monotonic() >= deadline:
                ps.stop()  # the host stops before its next statement; the pool stays usable
                raise RemoteTimeout(self.host.server, f"call_timeout {self.host.call_timeout} s")
            remaining = None if deadline is None else max(1, math.ceil(deadline - time.monotonic()))
            ps.poll_invoke(None if remaining is None else min(remaining, self.host.operation_timeout))
        ps.close()

    def discard(self) -> None:
        """Forget a pool whose connection broke. Nothing is sent: a dead server would make a
        Delete wait for the read timeout; the server closes the idle shell itself."""
        with self._lock:
            wsman, self._pool, self._wsman = self._wsman, None, None
        if wsman is not None:
            try:
                wsman.close()
            except Exception:  # closing a broken HTTP session may fail too; it is gone either way
                log.debug("closing a broken session failed", exc_info=True)

    def close(self) -> None:
        """Close the pool (WSMan Delete) and the HTTP session."""
        with self._lock:
            pool, wsman, self._pool, self._wsman = self._pool, self._wsman, None, None
        try:
            if pool is not None:
                pool.close()
        except Exception as error:
            log.info("closing the remote pool failed: %s", transport_error(error, self.host, opening=False))
        finally:
            if wsman is not None:
                wsman.close()


class _ShellGone(Exception):
    """The server no longer knows the shell: the call was refused before it ran."""


def _is_transient(error: PowerShellError) -> bool:
    """Worth another try at opening: the host was unreachable or slow, not refusing us."""
    from .errors import RemoteAccessDenied, RemoteCertificateInvalid, RemoteConnectionFailed, RemoteTimeout

    if isinstance(error, RemoteAccessDenied | RemoteCertificateInvalid):
        return False
    return isinstance(error, RemoteConnectionFailed | RemoteTimeout)
