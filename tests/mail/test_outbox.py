"""The outbox: delivery over real SMTP, retries, nothing lost, never twice, export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cscmdlets.mail import EmailKind, MailContext, Outbox, SmtpTransport, messages_for
from cscmdlets.mail.message import parse_message
from cscmdlets.mail.outbox import OutboxStore
from cscmdlets.model import ChangeKind, DeliveryStatus, EmailRequest
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

from .conftest import (
    NOW,
    Certificate,
    ListStore,
    SmtpServer,
    free_port,
    make_change,
    make_user,
    running_server,
)

DELIVERED_AT = dt.datetime(2026, 11, 25, 12, 5, tzinfo=dt.UTC)
K = ChangeKind


@pytest.fixture(params=["list", "memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OutboxStore]:
    """The in-test list store and both real stores pass the same outbox tests."""
    if request.param == "sqlite":
        sqlite = SqliteStore(tmp_path / "tenant.db")
        yield sqlite
        sqlite.close()
    else:
        yield ListStore() if request.param == "list" else MemoryStore()


def queue(store: OutboxStore, context: MailContext, *changes: tuple[ChangeKind, ...]) -> None:
    """What the tenant does at the end of a command: write the entries inside its transaction."""
    with store.transaction():
        for kinds in changes:
            for entry in messages_for(make_change(*kinds, new_pin="13579"), context):
                store.add_outbox(entry)


def outbox(store: OutboxStore, transport: SmtpTransport | None) -> Outbox:
    return Outbox(store, transport, clock=lambda: DELIVERED_AT)


def test_lists_messages(store: OutboxStore, context: MailContext) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,), (K.PIN_RESET,))
    box = outbox(store, None)
    assert len(box) == 2 and [m.sequence for m in box] == [1, 2]
    first = box[0]
    assert (first.kind, first.recipient, first.sender, first.status) == (
        "ConferenceInfo",
        "amos.marble@contoso.com",
        "no-reply@contoso.com",
        DeliveryStatus.QUEUED,
    )
    assert first.message["Subject"] == first.subject
    assert [m.kind for m in box[1:]] == ["PinReset"]
    assert "2 messages, 2 queued" in repr(box)


def test_without_transport_messages_stay_queued(store: OutboxStore, context: MailContext) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,))
    assert outbox(store, None).flush() == 0
    assert outbox(store, None)[0].status is DeliveryStatus.QUEUED


@pytest.mark.parametrize("lang", ["en-US", "ru-RU"])
@pytest.mark.parametrize(
    "kinds",
    [
        (K.CONFERENCE_INFO_REQUESTED,),
        (K.LICENSE_ASSIGNED,),
        (K.DEFAULT_NUMBER_CHANGED,),
        (K.PIN_RESET,),
        (K.LICENSE_REMOVED,),
    ],
    ids=[kind.value for kind in EmailKind],
)
def test_every_kind_delivered_and_parsed_back(
    smtp_server: SmtpServer, context: MailContext, kinds: tuple[ChangeKind, ...], lang: str
) -> None:
    store = ListStore()
    queue(store, replace(context, user=make_user(preferred_language=lang)), kinds)
    assert outbox(store, smtp_server.transport).flush() == 1
    [received] = smtp_server.recorder.messages
    assert (received.mail_from, received.rcpt_tos) == ("no-reply@contoso.com", ["amos.marble@contoso.com"])
    message = parse_message(received.content)
    plain, html = message.iter_parts()
    assert message["Content-Language"] == lang
    assert ("13579" in plain.get_content()) is (kinds[0] in (K.LICENSE_ASSIGNED, K.PIN_RESET))
    assert html.get_content().startswith("<!DOCTYPE html>")
    assert message["Message-ID"] == parse_message(store.entries[0].raw)["Message-ID"]


def test_delivery_marks_the_message_with_the_server_reply(
    store: OutboxStore, context: MailContext, smtp_server: SmtpServer
) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,), (K.PIN_RESET,))
    box = outbox(store, smtp_server.transport)
    assert box.flush() == 2
    assert [(m.status, m.attempts, m.server_reply, m.delivered_at) for m in box] == [
        (DeliveryStatus.DELIVERED, 1, "250 2.0.0 Ok: queued as 1", DELIVERED_AT),
        (DeliveryStatus.DELIVERED, 1, "250 2.0.0 Ok: queued as 2", DELIVERED_AT),
    ]
    assert box.flush() == 0  # never sent twice
    assert len(smtp_server.recorder.messages) == 2


def test_refused_then_accepted_is_delivered_once(
    store: OutboxStore, context: MailContext, smtp_server: SmtpServer
) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,))
    smtp_server.recorder.refusals.append("451 4.3.0 Mailbox busy, try again later")
    box = outbox(store, smtp_server.transport)
    assert box.flush() == 0
    [entry] = box
    assert (entry.status, entry.attempts, entry.last_error) == (
        DeliveryStatus.QUEUED,
        1,
        "451 4.3.0 Mailbox busy, try again later",
    )
    assert box.flush() == 1
    [entry] = box
    assert (entry.status, entry.attempts, entry.last_error) == (DeliveryStatus.DELIVERED, 2, None)
    assert box.flush() == 0
    assert len(smtp_server.recorder.messages) == 1


def test_server_down_loses_nothing(store: OutboxStore, context: MailContext, certificate: Certificate) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,), (K.PIN_RESET,), (K.DEFAULT_NUMBER_CHANGED,))
    port = free_port()
    down = SmtpTransport("127.0.0.1", port, timeout=2)
    box = outbox(store, down)
    assert box.flush() == 0
    assert [(m.status, m.attempts) for m in box] == [(DeliveryStatus.QUEUED, 1)] * 3
    assert all("ConnectionRefusedError" in (m.last_error or "") for m in box)
    with running_server("plain", certificate, port=port) as server:  # the server comes back
        assert box.flush() == 3
        assert [m.status for m in box] == [DeliveryStatus.DELIVERED] * 3
        assert [parse_message(r.content)["Subject"] for r in server.recorder.messages] == [m.subject for m in box]


def test_one_refused_message_does_not_hold_up_the_others(
    store: OutboxStore, context: MailContext, smtp_server: SmtpServer
) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,), (K.PIN_RESET,))
    smtp_server.recorder.refusals.append("550 5.1.1 No such user")
    box = outbox(store, smtp_server.transport)
    assert box.flush() == 1
    assert [(m.status, m.last_error) for m in box] == [
        (DeliveryStatus.QUEUED, "550 5.1.1 No such user"),
        (DeliveryStatus.DELIVERED, None),
    ]


def test_redirected_message_goes_to_the_redirect(context: MailContext, smtp_server: SmtpServer) -> None:
    store = ListStore()
    request = EmailRequest(
        to_address="u@hotmail.com",
        from_address="admin@contoso.com",
        from_display_name="Conferencing Administrator",
    )
    with store.transaction():
        for entry in messages_for(make_change(K.CONFERENCE_INFO_REQUESTED, email=request), context):
            store.add_outbox(entry)
    outbox(store, smtp_server.transport).flush()
    [received] = smtp_server.recorder.messages
    assert (received.mail_from, received.rcpt_tos) == ("admin@contoso.com", ["u@hotmail.com"])
    message = parse_message(received.content)
    assert (message["From"], message["To"]) == (
        "Conferencing Administrator <admin@contoso.com>",
        "u@hotmail.com",
    )


def test_export_writes_eml_files(store: OutboxStore, context: MailContext, tmp_path: Path) -> None:
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,), (K.PIN_RESET,))
    paths = outbox(store, None).export(tmp_path / "eml")
    assert [p.name for p in paths] == ["000001-ConferenceInfo.eml", "000002-PinReset.eml"]
    assert parse_message(paths[1].read_bytes())["Subject"] == "Your audio conferencing PIN has been reset"
    assert outbox(store, None).export(tmp_path / "none", status=DeliveryStatus.DELIVERED) == []
    assert not list((tmp_path / "eml").glob("*.tmp"))


def test_repr_html_shows_the_html_message(context: MailContext) -> None:
    store = ListStore()
    hostile = replace(context, user=make_user(display_name="<b>Amos</b>"))
    queue(store, hostile, (K.CONFERENCE_INFO_REQUESTED,))
    shown = outbox(store, None)[0]._repr_html_()
    assert "<th>Subject</th><td>Your dial-in conferencing information</td>" in shown
    assert "&lt;b&gt;Amos&lt;/b&gt;" in shown and "<b>Amos</b>" not in shown
    assert '<div style="margin: 0;' in shown and "Find a local number" in shown


def test_outbox_repr_html_is_an_escaped_table(context: MailContext) -> None:
    store = ListStore()
    queue(store, context, (K.CONFERENCE_INFO_REQUESTED,))
    store.entries[0] = store.entries[0].model_copy(update={"last_error": "550 <bad>"})
    shown = outbox(store, None)._repr_html_()
    assert "<td>ConferenceInfo</td>" in shown and "<td>550 &lt;bad&gt;</td>" in shown


def test_created_at_is_the_command_time(context: MailContext) -> None:
    [entry] = messages_for(make_change(K.CONFERENCE_INFO_REQUESTED), context)
    assert entry.created_at == NOW and entry.user_id == context.user.object_id
