"""The SMTP transport against a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import logging
import ssl

import pytest

from cscmdlets.mail import MessageRejected, SmtpTransport, TransportError, transport_from_url
from cscmdlets.mail.message import parse_message

from .conftest import PASSWORD, USERNAME, Certificate, SmtpServer, free_port, running_server

RAW = (
    b"From: a@contoso.com\r\nTo: b@contoso.com\r\nSubject: hi\r\nMessage-ID: <1@contoso.com>\r\n\r\n"
    b".leading dot\r\nbody\r\n"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("smtp://mail.contoso.com", ("mail.contoso.com", 25, "none", "", ""), id="smtp"),
        pytest.param(
            "smtp+starttls://user:pw@mail.contoso.com",
            ("mail.contoso.com", 587, "starttls", "user", "pw"),
            id="starttls",
        ),
        pytest.param("smtps://user@mail.contoso.com:2465", ("mail.contoso.com", 2465, "tls", "user", ""), id="smtps"),
        pytest.param(
            "SMTP://u%40contoso.com:p%3Aw%2Fd@127.0.0.1:2525",
            ("127.0.0.1", 2525, "none", "u@contoso.com", "p:w/d"),
            id="percent-decoded",
        ),
    ],
)
def test_transport_from_url(url: str, expected: tuple[object, ...]) -> None:
    transport = transport_from_url(url)
    assert (
        transport.host,
        transport.port,
        transport.security,
        transport.username,
        transport.password,
    ) == expected


def test_timeout_and_cafile_options(certificate: Certificate) -> None:
    transport = transport_from_url(f"smtps://h?timeout=2.5&cafile={certificate.certfile}")
    assert transport.timeout == 2.5 and isinstance(transport.ssl_context, ssl.SSLContext)


@pytest.mark.parametrize("url", ["http://h", "smtp://", "smtp://h:notaport"])
def test_bad_urls(url: str) -> None:
    with pytest.raises(ValueError):
        transport_from_url(url)


def test_password_never_in_repr() -> None:
    transport = transport_from_url("smtp+starttls://mailer:hunter2@mail.contoso.com:587")
    assert "hunter2" not in repr(transport) and "hunter2" not in str(transport)
    assert repr(transport) == "SmtpTransport('smtp+starttls://mailer:***@mail.contoso.com:587', timeout=30.0)"


def _send(transport: SmtpTransport, raw: bytes = RAW) -> str:
    with transport.connect() as connection:
        return connection.send("a@contoso.com", "b@contoso.com", raw)


def test_starttls_and_auth(smtp_server: SmtpServer) -> None:
    reply = _send(smtp_server.transport)
    assert reply == "250 2.0.0 Ok: queued as 1"
    [received] = smtp_server.recorder.messages
    assert (received.mail_from, received.rcpt_tos, received.authenticated) == (
        "a@contoso.com",
        ["b@contoso.com"],
        True,
    )
    assert parse_message(received.content).get_content().startswith(".leading dot")  # dot-stuffing undone


def test_implicit_tls(certificate: Certificate) -> None:
    with running_server("tls", certificate) as server:
        assert _send(server.transport).startswith("250 ")
        assert server.recorder.messages[0].authenticated


def test_plain(certificate: Certificate) -> None:
    with running_server("plain", certificate) as server:
        assert _send(server.transport).startswith("250 ")


def test_wrong_password_is_a_transport_error_without_the_password(
    smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = SmtpTransport(
        "127.0.0.1",
        smtp_server.transport.port,
        "starttls",
        USERNAME,
        "not-" + PASSWORD,
        timeout=5,
        ssl_context=smtp_server.transport.ssl_context,
    )
    with pytest.raises(TransportError, match="535") as caught:
        _send(wrong)
    assert PASSWORD not in str(caught.value) and PASSWORD not in caplog.text
    assert smtp_server.recorder.messages == []


def test_untrusted_certificate_is_refused(smtp_server: SmtpServer) -> None:
    untrusted = SmtpTransport("127.0.0.1", smtp_server.transport.port, "starttls", USERNAME, PASSWORD, timeout=5)
    with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):
        _send(untrusted)


def test_no_login_when_server_requires_it(smtp_server: SmtpServer) -> None:
    anonymous = SmtpTransport(
        "127.0.0.1",
        smtp_server.transport.port,
        "starttls",
        timeout=5,
        ssl_context=smtp_server.transport.ssl_context,
    )
    with pytest.raises(MessageRejected, match="530"):
        _send(anonymous)


def test_server_down_is_a_transport_error() -> None:
    with pytest.raises(TransportError, match="ConnectionRefusedError"):
        _send(SmtpTransport("127.0.0.1", free_port(), timeout=2))


def test_refusal_keeps_the_session_usable(smtp_server: SmtpServer) -> None:
    smtp_server.recorder.refusals.append("451 4.3.0 Try again later")
    with smtp_server.transport.connect() as connection:
        with pytest.raises(MessageRejected, match=r"451 4\.3\.0 Try again later"):
            connection.send("a@contoso.com", "b@contoso.com", RAW)
        assert connection.send("a@contoso.com", "b@contoso.com", RAW).startswith("250 ")
    assert len(smtp_server.recorder.messages) == 1


def test_internationalized_recipient_uses_smtputf8(smtp_server: SmtpServer) -> None:
    raw = "From: a@contoso.com\r\nTo: амос@контосо.рф\r\nSubject: hi\r\n\r\nbody\r\n".encode()
    with smtp_server.transport.connect() as connection:
        connection.send("a@contoso.com", "амос@контосо.рф", raw)
    assert smtp_server.recorder.messages[0].rcpt_tos == ["амос@контосо.рф"]
