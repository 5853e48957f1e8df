"""Emails end to end: cmdlets on the demo tenant, the outbox, a real SMTP server.

Each behaviour goes through two doors: the Python method and the PowerShell
command line. The PowerShell door needs the script runner; it is skipped until that lands.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.mail.message import parse_message
from cscmdlets.model import DeliveryStatus

from .conftest import PASSWORD, USERNAME, Certificate, SmtpServer, free_port, running_server

AMOS = "amos.marble@contoso.com"
PIN_LINE = re.compile(r"^PIN: (\d+)\r?$", re.MULTILINE)  # bodies keep CRLF
HAS_RUNNER = importlib.util.find_spec("cscmdlets.scripts.runner") is not None

SetUser = Callable[..., Any]


def _python(tenant: cs.Tenant) -> SetUser:
    return tenant.set_cs_online_dial_in_conferencing_user


def _powershell(tenant: cs.Tenant) -> SetUser:
    """The same call written as a PowerShell command line."""

    def set_user(identity: str, **parameters: Any) -> Any:
        words = [
            f"-{''.join(part.title() for part in name.split('_'))}" + _ps_value(value)
            for name, value in parameters.items()
        ]
        return tenant.invoke(f"Set-CsOnlineDialInConferencingUser -Identity {identity} {' '.join(words)}")

    return set_user


def _ps_value(value: Any) -> str:
    if value is True:
        return ""
    return " '" + str(value).replace("'", "''") + "'"


@pytest.fixture(
    params=[
        pytest.param(_python, id="python"),
        pytest.param(
            _powershell,
            id="powershell",
            marks=pytest.mark.skipif(not HAS_RUNNER, reason="cscmdlets.scripts.runner not there yet"),
        ),
    ]
)
def door(request: pytest.FixtureRequest) -> Callable[[cs.Tenant], SetUser]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def tenant() -> cs.Tenant:
    return cs.Tenant.demo(smtp="")  # "" = no transport even if $CSCMDLETS_SMTP_URL is set


def smtp_url(server: SmtpServer, certificate: Certificate) -> str:
    return (
        f"smtp+starttls://{USERNAME}:{PASSWORD}@127.0.0.1:{server.transport.port}"
        f"?timeout=5&cafile={certificate.certfile}"
    )


def test_send_email_queues_conference_info(tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser]) -> None:
    door(tenant)(AMOS, send_email=True)
    [message] = tenant.outbox
    assert (message.kind, message.recipient, message.sender, message.status) == (
        "ConferenceInfo",
        AMOS,
        "no-reply@contoso.com",
        DeliveryStatus.QUEUED,
    )
    text = message.body("plain")
    assert "Conference ID: " in text and "+1 425-555-0100 (Redmond), English (United States)" in text
    assert not PIN_LINE.search(text)


def test_delivered_as_the_command_commits(smtp_server: SmtpServer, certificate: Certificate) -> None:
    tenant = cs.Tenant.demo(smtp=smtp_url(smtp_server, certificate))
    tenant.set_cs_online_dial_in_conferencing_user(AMOS, send_email=True)
    [received] = smtp_server.recorder.messages
    assert received.authenticated and received.rcpt_tos == [AMOS]
    [message] = tenant.outbox
    assert message.status is DeliveryStatus.DELIVERED and message.server_reply == "250 2.0.0 Ok: queued as 1"
    assert parse_message(received.content)["Subject"] == "Your dial-in conferencing information"


def test_pin_reset_email_carries_the_new_pin(tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser]) -> None:
    [user] = door(tenant)(AMOS, reset_leader_pin=True)
    [message] = tenant.outbox
    assert message.kind == "PinReset"
    assert PIN_LINE.findall(message.body("plain")) == [user.leader_pin]


def test_reset_pin_with_redirect_is_one_message(tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser]) -> None:
    """The PIN article's example: -ResetLeaderPIN -SendEmail -SendEmailToAddress (Set-…User reference)."""
    door(tenant)(AMOS, reset_leader_pin=True, send_email=True, send_email_to_address="u@hotmail.com")
    assert [(m.kind, m.recipient) for m in tenant.outbox] == [("PinReset", "u@hotmail.com")]


def test_automatic_emails_off(tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser]) -> None:
    tenant.set_cs_online_dial_in_conferencing_tenant_settings(automatically_send_emails_to_users=False)
    door(tenant)(AMOS, reset_leader_pin=True)
    tenant.assign_license("alex.darrow@contoso.com")
    assert list(tenant.outbox) == []
    door(tenant)(AMOS, reset_leader_pin=True, send_email=True)  # the manual email still goes, without PIN
    [message] = tenant.outbox
    assert message.kind == "ConferenceInfo" and not PIN_LINE.search(message.body("plain"))


def test_licence_assigned_then_removed(tenant: cs.Tenant) -> None:
    tenant.assign_license("alex.darrow@contoso.com")
    tenant.remove_license("alex.darrow@contoso.com")
    enabled, removed = tenant.outbox
    assert (enabled.kind, removed.kind) == ("ConferencingEnabled", "ConferencingRemoved")
    assert PIN_LINE.search(enabled.body("plain"))
    assert "Meeting Update Tool" in removed.body("plain") and not PIN_LINE.search(removed.body("plain"))


def test_russian_user_gets_russian_email(tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser]) -> None:
    door(tenant)("pilar.ackerman@contoso.com", send_email=True)
    [message] = tenant.outbox
    assert message.subject == "Ваши данные для подключения к собраниям по телефону"
    assert "Номер для подключения: +7 495 555-01-00 (Moscow), русский (Россия)" in message.body("plain")
    assert message.message["Content-Language"] == "ru-RU"


def test_sender_rules(tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser]) -> None:
    tenant.set_cs_online_dial_in_conferencing_tenant_settings(
        send_email_from_override=True,
        send_email_from_address="admin@contoso.com",
        send_email_from_display_name="Conferencing Administrator",
    )
    door(tenant)(AMOS, send_email=True)
    door(tenant)(
        AMOS,
        send_email=True,
        send_email_from_address="amos.marble@contoso.com",
        send_email_from_display_name="Amos Marble",
    )
    override, own = tenant.outbox
    assert override.message["From"] == "Conferencing Administrator <admin@contoso.com>"
    assert own.message["From"] == "Amos Marble <amos.marble@contoso.com>"


@pytest.mark.parametrize(
    ("parameters", "error_id"),
    [
        pytest.param({"send_email_to_address": "not an address"}, "InvalidEmailAddress", id="bad-address"),
        pytest.param(
            {
                "send_email_from_address": "a@contoso.com",
                "send_email_from_display_name": "X\r\nBcc: e@evil.com",
            },
            "InvalidEmailHeaderValue",
            id="header-injection",
        ),
    ],
)
def test_bad_values_fail_the_command_with_nothing_sent_or_changed(
    tenant: cs.Tenant, door: Callable[[cs.Tenant], SetUser], parameters: dict[str, str], error_id: str
) -> None:
    before = tenant.get_cs_online_dial_in_conferencing_user(AMOS)
    with pytest.raises(cs.PowerShellError) as caught:
        door(tenant)(AMOS, reset_leader_pin=True, send_email=True, **parameters)
    assert caught.value.error_id == error_id
    assert list(tenant.outbox) == [] and tenant.get_cs_online_dial_in_conferencing_user(AMOS) == before


def test_durable_outbox_survives_a_server_outage(tmp_path: Path, certificate: Certificate) -> None:
    """Server down: the message stays queued in the SQLite file; a later flush delivers it once."""
    port = free_port()
    url = f"smtp://127.0.0.1:{port}?timeout=2"
    with cs.Tenant.open(tmp_path / "contoso.db", seed="demo", smtp=url) as tenant:
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, send_email=True)
        [message] = tenant.outbox
        assert (message.status, message.attempts) == (DeliveryStatus.QUEUED, 1)
    with (
        running_server("plain", certificate, port=port) as server,
        cs.Tenant.open(tmp_path / "contoso.db", smtp=url) as reopened,
    ):
        assert reopened.outbox.flush() == 1
        assert reopened.outbox.flush() == 0
        assert len(server.recorder.messages) == 1
        assert reopened.outbox[0].status is DeliveryStatus.DELIVERED


@pytest.mark.parametrize("durable", [pytest.param(False, id="memory"), pytest.param(True, id="sqlite")])
def test_failed_transaction_leaves_no_email(tmp_path: Path, durable: bool) -> None:
    """The email is written in the command's transaction: undo the change, undo its email."""
    tenant = cs.Tenant.open(tmp_path / "t.db", seed="demo", smtp="") if durable else cs.Tenant.demo(smtp="")
    with pytest.raises(RuntimeError), tenant.transaction():
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, send_email=True)
        raise RuntimeError("crash before commit")
    assert list(tenant.outbox) == [] and tenant.store.changes() == []
    tenant.close()


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Admin\x0bBcc: e@evil.com", id="vertical-tab"),
        pytest.param("=?utf-8?q?X=0D=0ABcc:_e@evil.com?=", id="encoded-word"),
    ],
)
def test_subtler_header_injection_is_refused_with_nothing_changed(tenant: cs.Tenant, name: str) -> None:
    """Beyond CR/LF: refused by the mail layer (HeaderInjectionError) until the cmdlet rules
    refuse it first as InvalidEmailHeaderValue; either way nothing is sent or changed."""
    with pytest.raises((cs.PowerShellError, ValueError)):
        tenant.set_cs_online_dial_in_conferencing_user(
            AMOS,
            reset_leader_pin=True,
            send_email=True,
            send_email_from_address="a@contoso.com",
            send_email_from_display_name=name,
        )
    assert list(tenant.outbox) == [] and tenant.store.changes() == []
