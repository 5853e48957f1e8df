"""Fixtures of the mail tests: a real SMTP server (aiosmtpd on 127.0.0.1), a tenant world, a tiny store.

The server speaks STARTTLS with a self-signed certificate made with ``cryptography`` and asks
for AUTH, or implicit TLS, or plain SMTP; its handler records what it accepted and can be told
to refuse the next messages.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cscmdlets.mail import MailContext, SmtpTransport
from cscmdlets.mail.smtp import Security
from cscmdlets.model import (
    Bridge,
    Change,
    ChangeKind,
    DeliveryStatus,
    DialInSettings,
    EmailRequest,
    NumberType,
    OutboxEntry,
    ServiceNumber,
    TenantInfo,
    User,
)

USERNAME, PASSWORD = "mailer", "s3cret-Pa55"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
BRIDGE_ID = uuid.UUID("8551f4c1-bea3-441a-8738-69aa517a91c5")
USER_ID = uuid.UUID("0d7b8a5e-2f4c-4a8e-9a55-3f1e6a2b7c11")


# ---------------------------------------------------------------- certificates


@dataclass(frozen=True)
class Certificate:
    certfile: Path
    keyfile: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.certfile, self.keyfile)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certfile))


def _self_signed(directory: Path) -> Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
        .not_valid_after(dt.datetime.now(dt.UTC) + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certfile, keyfile = directory / "cert.pem", directory / "key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return Certificate(certfile, keyfile)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return _self_signed(tmp_path_factory.mktemp("tls"))


# ---------------------------------------------------------------- SMTP server


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    authenticated: bool


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps accepted messages, refuses while ``refusals`` has replies."""

    messages: list[Received] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refusals:
            return self.refusals.pop(0)
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, bool(session.authenticated))
        self.messages.append(received)
        return f"250 2.0.0 Ok: queued as {len(self.messages)}"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USERNAME.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    """A running aiosmtpd server and the transport that reaches it."""

    recorder: Recorder
    transport: SmtpTransport
    controller: Controller


@contextmanager
def running_server(mode: str, certificate: Certificate, port: int | None = None) -> Iterator[SmtpServer]:
    """Start aiosmtpd in ``mode`` ``starttls`` (with AUTH), ``tls`` (implicit) or ``plain``."""
    recorder, port = Recorder(), port or free_port()
    options: dict[str, Any] = {"enable_SMTPUTF8": True}
    if mode == "starttls":
        options |= {
            "tls_context": certificate.server_context(),
            "require_starttls": True,
            "auth_required": True,
            "authenticator": _authenticator,
        }
    elif mode == "tls":
        # aiosmtpd doesn't see implicit TLS as TLS for AUTH: allow AUTH "without" TLS. Not with
        # auth_required, which would warn (pytest turns warnings into errors) for a real risk.
        options |= {
            "ssl_context": certificate.server_context(),
            "auth_require_tls": False,
            "authenticator": _authenticator,
        }
    controller = Controller(recorder, hostname="127.0.0.1", port=port, **options)
    controller.start()
    login = {"username": USERNAME, "password": PASSWORD} if mode != "plain" else {}
    securities: dict[str, Security] = {"starttls": "starttls", "tls": "tls", "plain": "none"}
    security = securities[mode]
    transport = SmtpTransport(
        "127.0.0.1",
        port,
        security,
        timeout=5,
        ssl_context=certificate.client_context(),
        **login,
    )
    try:
        yield SmtpServer(recorder, transport, controller)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(certificate: Certificate) -> Iterator[SmtpServer]:
    """The usual server: STARTTLS required, then AUTH LOGIN/PLAIN required."""
    with running_server("starttls", certificate) as server:
        yield server


# ---------------------------------------------------------------- a tiny store


class ListStore:
    """The outbox methods of the Store protocol over a plain list: the outbox's own contract."""

    def __init__(self) -> None:
        self.entries: list[OutboxEntry] = []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    def add_outbox(self, entry: OutboxEntry) -> int:
        self.entries.append(entry.model_copy(update={"sequence": len(self.entries) + 1}))
        return len(self.entries)

    def outbox(self, status: DeliveryStatus | None = None) -> list[OutboxEntry]:
        return [entry for entry in self.entries if status is None or entry.status is status]

    def outbox_entry(self, sequence: int) -> OutboxEntry | None:
        return self.entries[sequence - 1] if 0 < sequence <= len(self.entries) else None

    def update_outbox(self, entry: OutboxEntry) -> None:
        self.entries[entry.sequence - 1] = entry


# ---------------------------------------------------------------- the world


def numbers() -> list[ServiceNumber]:
    return [
        ServiceNumber(number="14255550100", city="Seattle", primary_language="en-US", bridge_id=BRIDGE_ID),
        ServiceNumber(
            number="18005550199",
            number_type=NumberType.TOLL_FREE,
            city="United States",
            primary_language="en-US",
            bridge_id=BRIDGE_ID,
        ),
        ServiceNumber(number="74951234567", city="Москва", primary_language="ru-RU", bridge_id=BRIDGE_ID),
    ]


def make_user(**changes: Any) -> User:
    values: dict[str, Any] = {
        "object_id": USER_ID,
        "user_principal_name": "amos.marble@contoso.com",
        "sip_address": "sip:amos.marble@contoso.com",
        "display_name": "Amos Marble",
        "logon_name": "contoso\\amos.marble",
        "primary_smtp_address": "amos.marble@contoso.com",
        "bridge_id": BRIDGE_ID,
        "conference_id": 8271964,
        "service_number": "14255550100",
    }
    return User(**(values | changes))


def make_context(
    user: User | None = None,
    settings: DialInSettings | None = None,
    tenant_name: str = "Contoso",
    bridge_numbers: Sequence[ServiceNumber] | None = None,
) -> MailContext:
    tenant = TenantInfo(tenant_id=uuid.UUID(int=7), display_name=tenant_name, domains=("contoso.com",))
    bridge = Bridge(identity=BRIDGE_ID, name="Conference Bridge", default_service_number="14255550100")
    return MailContext(
        tenant=tenant,
        settings=settings or DialInSettings(),
        user=user or make_user(),
        bridge=bridge,
        bridge_numbers=numbers() if bridge_numbers is None else bridge_numbers,
        now=NOW,
        system_sender=("no-reply@contoso.com", "Microsoft 365"),
    )


def make_change(*kinds: ChangeKind, email: EmailRequest | None = None, new_pin: str | None = None) -> Change:
    return Change(
        at=NOW,
        command="Set-CsOnlineDialInConferencingUser",
        user_id=USER_ID,
        kinds=kinds,
        email=email,
        new_pin=new_pin,
    )


@pytest.fixture
def context() -> MailContext:
    return make_context()


def with_settings(context: MailContext, **settings: Any) -> MailContext:
    return replace(context, settings=context.settings.model_copy(update=settings))
