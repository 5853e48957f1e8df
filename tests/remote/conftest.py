"""Fixtures for the remote tests: ``serve`` on 127.0.0.1 and the unmodified pypsrp client.

Servers run in a thread (or, where a test kills one, a subprocess) on a free port; clients
are ``RemoteEngine``s or raw pypsrp pools. Certificates are made with ``cryptography``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypsrp.wsman import WSMan

pytest.importorskip("pypsrp")
pytest.importorskip("psrpcore")

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS, find_command
from cscmdlets.remote import RemoteEngine, RemoteHost
from cscmdlets.remote.serve import ServeConfig, Server

USER = "svc-teams"
PASSWORD = "S3cret!pass;$(x)'\""  # quotes and $() in the password too: never text, never logged


@dataclass
class Served:
    """A running server and how to reach it."""

    server: Server
    tenant: cs.Tenant
    config: ServeConfig

    @property
    def port(self) -> int:
        return self.server.port

    def host(self, **overrides: Any) -> RemoteHost:
        """A RemoteHost for this server (Basic over http unless overridden)."""
        auth = self.config.auth
        values: dict[str, Any] = dict(
            port=self.port, username=USER, password=PASSWORD, auth=auth, ssl=self.config.is_tls, operation_timeout=5
        )
        if auth == "basic" and not self.config.is_tls:
            values["encryption"] = "never"
        values.update(overrides)
        return RemoteHost("127.0.0.1", **values)


ServeFactory = Callable[..., Served]


def wsman(served: Served, **overrides: Any) -> WSMan:
    """A pypsrp WSMan connection to ``served`` with its account (``overrides`` change any setting)."""
    values: dict[str, Any] = dict(
        port=served.port,
        ssl=False,
        auth=served.config.auth,
        username=USER,
        password=PASSWORD,
        operation_timeout=5,
    )
    if served.config.auth == "basic":
        values["encryption"] = "never"
    values.update(overrides)
    return WSMan("127.0.0.1", **values)


@pytest.fixture
def serve_tenant() -> Iterator[ServeFactory]:
    """``serve_tenant(tenant=None, engine=None, **config)`` starts a server in a thread."""
    started: list[Served] = []

    def start(tenant: cs.Tenant | None = None, engine: Any = None, **config: Any) -> Served:
        tenant = tenant or cs.Tenant.demo(users=20)
        settings = ServeConfig(**{"port": 0, "username": USER, "password": PASSWORD, **config})
        server = Server(engine or tenant.engine, find_command, COMMANDS, settings).start()
        served = Served(server, tenant, settings)
        started.append(served)
        return served

    yield start
    for served in started:
        served.server.close()


@pytest.fixture
def served(serve_tenant: ServeFactory) -> Served:
    return serve_tenant()


@pytest.fixture
def remote(served: Served) -> Iterator[RemoteEngine]:
    engine = RemoteEngine(served.host())
    yield engine
    engine.close()


# --- certificates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pki:
    ca: Path
    cert: Path
    key: Path
    client_cert: Path
    client_key: Path


def _name(common_name: str) -> Any:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _issue(
    subject: str, issuer_key: Any, issuer: str, *, ca: bool = False, san: bool = False, client: bool = False
) -> tuple[Any, Any]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if san:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
    if client:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256()), key


def _write(path: Path, cert: Any, key: Any) -> None:
    from cryptography.hazmat.primitives import serialization

    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    path.with_suffix(".key").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A throwaway CA, a server certificate for 127.0.0.1 and a client certificate."""
    folder = tmp_path_factory.mktemp("pki")
    ca_cert, ca_key = _issue("cscmdlets test CA", None, "cscmdlets test CA", ca=True)
    server_cert, server_key = _issue("127.0.0.1", ca_key, "cscmdlets test CA", san=True)
    client_cert, client_key = _issue(USER, ca_key, "cscmdlets test CA", client=True)
    _write(folder / "ca", ca_cert, ca_key)
    _write(folder / "server", server_cert, server_key)
    _write(folder / "client", client_cert, client_key)
    return Pki(
        folder / "ca.crt", folder / "server.crt", folder / "server.key", folder / "client.crt", folder / "client.key"
    )


# --- a server in a subprocess (for the tests that kill it) ----------------------------------------


@dataclass
class Process:
    process: subprocess.Popen[str]
    port: int

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_process(state: Path, port: int = 0) -> Process:
    """``python -m cscmdlets serve --state PATH`` on a free loopback port."""
    env = {**os.environ, "CSCMDLETS_SERVE_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [sys.executable, "-m", "cscmdlets", "serve", "--state", str(state), "--port", str(port), "--user", USER],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("listening on "), line
    return Process(process, int(line.rsplit(":", 1)[1].split("/", 1)[0]))
