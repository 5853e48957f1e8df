"""The endpoint's limits, with the defaults a Windows host ships, and the failed-logon throttle.

Defaults and their sources:

* WinRM ("Installation and configuration for Windows Remote Management",
  https://learn.microsoft.com/en-us/windows/win32/winrm/installation-and-configuration-for-windows-remote-management,
  and "Quotas for Windows Remote Management",
  https://learn.microsoft.com/en-us/windows/win32/winrm/quotas): ``MaxShellsPerUser`` 30,
  ``MaxConcurrentOperationsPerUser`` 1500, ``MaxConnections`` 300, ``MaxEnvelopeSizekb`` 500
  (what current hosts report; the installation page still lists 150), shell ``IdleTimeout``
  7200000 ms (``New-PSSessionOption``'s documented default).
* HTTP.sys, which parses every request before WinRM sees it ("Timeouts",
  https://learn.microsoft.com/en-us/windows/win32/http/server-timeouts-property, and "Http.sys
  registry settings for Windows",
  https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/httpsys-registry-windows):
  ``TimerHeaderWait`` 120 s, ``EntityBody`` 120 s (re-armed as body data arrives),
  ``IdleConnection`` 120 s, ``MaxRequestBytes`` 16384 for the request line and headers.
* Failed logons: WinRM itself has none; Windows' account lockout policy does
  (https://learn.microsoft.com/en-us/windows/security/threat-protection/security-policy-settings/account-lockout-threshold).
  The throttle uses the values Windows 11 22H2 ships: 10 failures, 10 minutes locked. It counts
  per (client address, account), so a flood from one address does not lock the account out
  for everyone, and a locked pair gets the same 401 as a wrong password (nothing to probe).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Limits", "LogonThrottle"]


@dataclass(frozen=True)
class Limits:
    """Every bound the server enforces; each is configurable (``cscmdlets serve --help``)."""

    max_shells_per_user: int = 30
    max_operations_per_user: int = 1500
    max_connections: int = 300
    max_envelope_kb: int = 500
    header_timeout: float = 120.0
    body_timeout: float = 120.0
    connection_idle_timeout: float = 120.0
    max_request_header_bytes: int = 16384
    logon_failures: int = 10
    lockout_seconds: float = 600.0
    #: PowerShell's MaximumReceivedDataSizePerCommandMB (Register-PSSessionConfiguration).
    max_received_mb_per_command: int = 50

    @property
    def max_body(self) -> int:
        """The largest request body accepted: the envelope limit plus room for the
        multipart framing of WinRM message encryption."""
        return self.max_envelope_kb * 1024 + 1024


@dataclass
class LogonThrottle:
    """Counts failed logons per (address, account); ``logon_failures`` of them within
    ``lockout_seconds`` lock the pair for ``lockout_seconds``. Thread-safe. At most
    ``max_tracked`` pairs are remembered (the oldest go first), so inventing account names
    cannot grow it without bound."""

    failures: int = 10
    lockout_seconds: float = 600.0
    max_tracked: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _recent: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def is_locked(self, address: str, account: str) -> bool:
        if self.failures <= 0:
            return False
        with self._lock:
            return len(self._window(address, account.lower())) >= self.failures

    def failed(self, address: str, account: str) -> None:
        if self.failures <= 0:
            return
        key = (address, account.lower())
        with self._lock:
            recent = [*self._window(*key), self.clock()][-self.failures :]
            self._recent.pop(key, None)  # re-inserted last: dict order is then oldest first
            self._recent[key] = recent
            while len(self._recent) > self.max_tracked:
                del self._recent[next(iter(self._recent))]

    def succeeded(self, address: str, account: str) -> None:
        with self._lock:
            self._recent.pop((address, account.lower()), None)

    def _window(self, address: str, account: str) -> list[float]:
        since = self.clock() - self.lockout_seconds
        recent = [t for t in self._recent.get((address, account), []) if t > since]
        if recent:
            self._recent[(address, account)] = recent
        else:
            self._recent.pop((address, account), None)
        return recent
