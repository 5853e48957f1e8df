"""``cscmdlets serve``: the emulator as a WSMan/PSRP endpoint.

Layers, read bottom-up: ``http.py`` (listener, TLS, auth, message encryption)
→ ``wsman.py`` (SOAP and shell actions) → ``psrp.py`` (psrpcore pools and pipelines) →
``execute.py`` (find_command → bind → ``Engine.invoke``). Any PSRP client — pypsrp, or
PowerShell's ``New-PSSession -ConnectionUri`` — can practise against it.
"""

from __future__ import annotations

import ipaddress
import logging
import signal
import socket
import threading
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from ...powershell.engine import Engine
from ...powershell.metadata import CommandMetadata
from ...scripts.sandbox import Sandbox
from ..redact import install as install_redaction
from .execute import Executor
from .http import Credentials, HTTPListener, make_tls_context
from .limits import Limits
from .ntlm_store import ntlm_account_in_memory
from .wsman import WSManService

__all__ = ["Limits", "ServeConfig", "Server", "UnsafeBind", "serve"]

log = logging.getLogger(__name__)


class UnsafeBind(ValueError):
    """Refusal to listen beyond loopback without TLS and authentication."""


@dataclass(frozen=True)
class ServeConfig:
    """How to listen. The password is kept out of repr.

    ``auth`` is ``basic``, ``ntlm`` (alias ``negotiate``) or ``certificate`` (needs TLS and
    ``client_ca``). ``port`` 0 picks a free port (see :attr:`Server.port`).
    """

    host: str = "127.0.0.1"
    port: int = 5985
    auth: str = "basic"
    username: str = "cscmdlets"
    password: str = field(default="", repr=False)
    tls_cert: str | None = None
    tls_key: str | None = None
    client_ca: str | None = None
    idle_timeout: float = 7200.0
    max_receive_wait: float = 20.0
    configurations: tuple[str, ...] = ("Microsoft.PowerShell",)
    #: Run script text (``Invoke-Command -ScriptBlock``) with the emulator's script runner,
    #: inside the sandbox below. Off by default: script text is then refused as a
    #: NoLanguage endpoint refuses it.
    allow_scripts: bool = False
    #: The only folder scripts may read and write (``None``: no file commands at all).
    scripts_root: str | None = None
    #: The only environment variables scripts can read (none by default).
    scripts_environment: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)

    @property
    def is_tls(self) -> bool:
        return self.tls_cert is not None


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_safe(config: ServeConfig) -> None:
    """Loopback by default; elsewhere only with TLS and a credential."""
    if config.auth == "certificate" and not (config.is_tls and config.client_ca):
        raise UnsafeBind("certificate authentication needs --tls-cert/--tls-key and a client CA")
    if config.auth != "certificate" and not config.password:
        raise UnsafeBind("a password is required (set --password or CSCMDLETS_SERVE_PASSWORD)")
    if not is_loopback(config.host) and not config.is_tls:
        raise UnsafeBind(
            f"refusing to listen on {config.host} without TLS; use --tls-cert/--tls-key or bind to 127.0.0.1"
        )


def plain_http_warning(config: ServeConfig) -> str | None:
    """Basic over plain HTTP sends the password in clear on every request (WinRM refuses it
    unless ``AllowUnencrypted`` is set); allowed on loopback, but said out loud."""
    if config.auth == "basic" and not config.is_tls:
        return (
            "--auth basic over plain http sends the password unencrypted with every request; "
            "use --tls-cert/--tls-key or --auth ntlm"
        )
    return None


class Server:
    """A running endpoint. Use as a context manager, or call :meth:`start`/:meth:`close`.

    Args:
        engine: where commands run (``tenant.engine``).
        find_command: resolves a received command name (``cscmdlets.cmdlets.find_command``).
        commands: the metadata GetCommandMetadata chooses from (``cscmdlets.cmdlets.COMMANDS``):
            it lists those the engine's module has, as that module declares them.
        config: listener settings.
    """

    def __init__(
        self,
        engine: Engine,
        find_command: Callable[[str], CommandMetadata],
        commands: Sequence[CommandMetadata],
        config: ServeConfig,
    ) -> None:
        check_safe(config)
        install_redaction()
        self.config = config
        scheme = "https" if config.is_tls else "http"
        self.service = WSManService(
            Executor(engine, find_command, allow_scripts=config.allow_scripts, sandbox=_sandbox(config)),
            commands,
            configurations=config.configurations,
            idle_timeout=config.idle_timeout,
            max_receive_wait=config.max_receive_wait,
            limits=config.limits,
        )
        tls = (
            make_tls_context(config.tls_cert, config.tls_key or config.tls_cert, config.client_ca)
            if config.tls_cert
            else None
        )
        credentials = Credentials(config.username, config.password)
        self.listener = HTTPListener(
            (config.host, config.port),
            self.service,
            auth=config.auth,
            credentials=credentials,
            tls=tls,
            limits=config.limits,
        )
        self.port: int = self.listener.server_address[1]
        self.service.address = f"{scheme}://{config.host}:{self.port}/wsman"
        warning = plain_http_warning(config)
        if warning is not None:
            log.info(warning)  # `cscmdlets serve` prints it as a warning; a test fixture need not
        self._resources = ExitStack()
        if config.auth in ("ntlm", "negotiate"):
            self._resources.enter_context(ntlm_account_in_memory(config.username, config.password))
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    def _reap_idle_shells(self) -> None:
        """Close idle shells even when no request comes to trigger it."""
        interval = max(0.05, min(60.0, self.config.idle_timeout / 2))
        while not self._stopped.wait(interval):
            self.service.reap_idle()

    def start(self) -> Server:
        self._thread = threading.Thread(
            target=self.listener.serve_forever, kwargs={"poll_interval": 0.05}, name="cscmdlets-serve", daemon=True
        )
        self._thread.start()
        threading.Thread(target=self._reap_idle_shells, name="cscmdlets-reaper", daemon=True).start()
        log.info("serving on %s", self.service.address)
        return self

    def serve_forever(self) -> None:
        threading.Thread(target=self._reap_idle_shells, name="cscmdlets-reaper", daemon=True).start()
        log.info("serving on %s", self.service.address)
        self.listener.serve_forever()

    def serve_until_interrupted(self) -> None:
        """Serve in this thread until Ctrl+C (or SIGTERM, turned into the same), then close."""
        if threading.current_thread() is threading.main_thread():  # only it may set handlers
            signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            self.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.close()

    def close(self) -> None:
        """Stop listening and close every shell; calling it again does nothing."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._thread is not None:
            self.listener.shutdown()
        self.listener.server_close()
        self.service.close_all()
        self._resources.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _sandbox(config: ServeConfig) -> Sandbox:
    return Sandbox(root=config.scripts_root, environment=config.scripts_environment)


def serve(
    tenant: Any,
    host: str = "127.0.0.1",
    port: int = 5985,
    *,
    auth: str = "basic",
    username: str = "cscmdlets",
    password: str = "",
    tls_cert: str | None = None,
    tls_key: str | None = None,
    client_ca: str | None = None,
    idle_timeout: float = 7200.0,
    allow_scripts: bool = False,
    scripts_root: str | None = None,
    scripts_environment: Sequence[str] = (),
    limits: Limits | None = None,
    block: bool = True,
) -> Server:
    """Serve a tenant's emulated cmdlets over WSMan/PSRP.

    Args:
        tenant: a ``cscmdlets.Tenant``; its ``engine`` runs each received command.
        host: address to bind; anything but loopback needs TLS (and always a credential).
        port: TCP port (0 picks one).
        auth: ``basic``, ``ntlm`` or ``certificate``.
        allow_scripts: run script text with the emulator's script runner (see ServeConfig).
        scripts_root: the only folder those scripts may use (default: no files at all).
        scripts_environment: the environment variables they may read (default: none).
        limits: quotas and timeouts (default: a Windows host's, see :class:`Limits`).
        block: serve in this thread until interrupted; else start a thread and return.

    Returns:
        The :class:`Server` (already closed when ``block`` returns).

    Raises:
        UnsafeBind: a non-loopback address without TLS, or no credential.
    """
    from ...cmdlets import COMMANDS, find_command

    config = ServeConfig(
        host=host,
        port=port,
        auth=auth,
        username=username,
        password=password,
        tls_cert=tls_cert,
        tls_key=tls_key,
        client_ca=client_ca,
        idle_timeout=idle_timeout,
        allow_scripts=allow_scripts,
        scripts_root=scripts_root,
        scripts_environment=tuple(scripts_environment),
        limits=limits or Limits(),
    )
    server = Server(tenant.engine, find_command, COMMANDS, config)
    if not block:
        return server.start()
    server.serve_until_interrupted()
    return server


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
