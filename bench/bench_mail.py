"""Benchmark the mail layer: each figure a ratio to its floor, measured in the same run.

Per language: rendering an email (subject, text, HTML with its CSS inlined) against jinja2
rendering the same templates with the same variables plus ``css_inline``; a complete message
(decide, render, build the RFC 5322 message, bytes) against that render plus
``email.message.EmailMessage`` and ``as_bytes``. Then delivering queued messages to a local
aiosmtpd server over one SMTP session, from the in-memory and the SQLite store, against
``smtplib`` sending the same bytes over one session.

Times are CPU seconds, the best of ``--rounds`` alternating rounds (bench/ratio.py).
Run: ``python bench/bench_mail.py [--quick] [--renders 2000] [--messages 1000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import smtplib
import socket
import sys
import tempfile
import uuid
from collections.abc import Callable
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import css_inline
from aiosmtpd.controller import Controller
from ratio import Figure, cpu, interleaved, pin_module, report

from cscmdlets.mail import EmailKind, MailContext, Outbox, SmtpTransport, messages_for, render
from cscmdlets.mail.message import POLICY
from cscmdlets.mail.render import _environment, _variables
from cscmdlets.model import (
    Bridge,
    Change,
    ChangeKind,
    DialInSettings,
    NumberType,
    ServiceNumber,
    TenantInfo,
    User,
)
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

pin_module()


PARTS = ("subject", "txt", "html")
INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
BRIDGE = uuid.UUID(int=1)


def context(lang: str) -> MailContext:
    numbers = [
        ServiceNumber(number="14255550100", city="Redmond", bridge_id=BRIDGE),
        ServiceNumber(number="18005550100", number_type=NumberType.TOLL_FREE, bridge_id=BRIDGE),
        ServiceNumber(number="74955550100", city="Moscow", primary_language="ru-RU", bridge_id=BRIDGE),
    ]
    user = User(
        object_id=uuid.UUID(int=2),
        user_principal_name="amos.marble@contoso.com",
        sip_address="sip:amos.marble@contoso.com",
        display_name="Amos Marble",
        logon_name="contoso\\amos",
        primary_smtp_address="amos.marble@contoso.com",
        preferred_language=lang,
        bridge_id=BRIDGE,
        conference_id=8271964,
    )
    return MailContext(
        tenant=TenantInfo(tenant_id=uuid.UUID(int=3), display_name="Contoso", domains=("contoso.com",)),
        settings=DialInSettings(),
        user=user,
        bridge=Bridge(identity=BRIDGE, name="Conference Bridge", default_service_number="14255550100"),
        bridge_numbers=numbers,
        now=dt.datetime.now(dt.UTC),
        system_sender=("no-reply@contoso.com", "Microsoft 365"),
    )


def _floor_render(kind: EmailKind, ctx: MailContext, lang: str) -> tuple[str, str, str]:
    """jinja2 renders the same three templates with the same variables, then css inlining."""
    env, variables = _environment(lang), _variables(kind, ctx, lang, "24680")
    subject, text, html = (env.get_template(f"{kind.value}.{part}.j2").render(variables) for part in PARTS)
    return subject, text, INLINER.inline(html)


def _floor_message(kind: EmailKind, ctx: MailContext, lang: str) -> bytes:
    """The floor's whole email: its render, then ``email.message`` and ``as_bytes``."""
    subject, text, html = _floor_render(kind, ctx, lang)
    message = EmailMessage(policy=POLICY)
    message["From"] = Address("Microsoft 365", "no-reply", "contoso.com")
    message["To"] = Address(ctx.user.display_name, *ctx.user.user_principal_name.split("@"))
    message["Subject"] = " ".join(subject.split())
    message["Date"] = email.utils.format_datetime(ctx.now)
    message["Message-ID"] = email.utils.make_msgid(domain="contoso.com")
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message.as_bytes()


def _per_email(count: int, action: Callable[[int], object]) -> Callable[[], float]:
    return lambda: cpu(lambda: [action(index) for index in range(count)])


def bench_rendering(count: int, rounds: int) -> list[Figure]:
    how = f"CPU, best of {rounds} alternating rounds"
    figures, kinds = [], list(EmailKind)
    for lang in ("en-US", "ru-RU"):
        ctx = context(lang)
        change = Change(
            at=ctx.now,
            command="Set-CsOnlineDialInConferencingUser",
            user_id=ctx.user.object_id,
            kinds=(ChangeKind.PIN_RESET,),
            new_pin="24680",
        )
        rendered = interleaved(
            _per_email(count, lambda i, c=ctx, lang=lang: render(kinds[i % len(kinds)], c, lang, pin="24680")),
            _per_email(count, lambda i, c=ctx, lang=lang: _floor_render(kinds[i % len(kinds)], c, lang)),
            rounds=rounds,
        )
        built = interleaved(
            _per_email(count, lambda i, c=ctx, change=change: messages_for(change, c)),
            _per_email(count, lambda i, c=ctx, lang=lang: _floor_message(EmailKind.PIN_RESET, c, lang)),
            rounds=rounds,
        )
        figures += [
            Figure(
                f"render an email, {lang} / jinja2 + css inlining", *(t / count for t in rendered), per="email", how=how
            ),
            Figure(
                f"full email message, {lang} / jinja2 + css + email.message",
                *(t / count for t in built),
                per="email",
                goal=1.3,
                how=how,
            ),
        ]
    return figures


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 2.0.0 Ok"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _queued(store: Any, count: int) -> bytes:
    [entry] = messages_for(
        Change(
            at=dt.datetime.now(dt.UTC),
            command="bench",
            user_id=uuid.UUID(int=2),
            kinds=(ChangeKind.CONFERENCE_INFO_REQUESTED,),
        ),
        context("ru-RU"),
    )
    with store.transaction():
        for _ in range(count):
            store.add_outbox(entry)
    return entry.raw


def bench_delivery(count: int, rounds: int, folder: Path) -> list[Figure]:
    """Delivering ``count`` queued messages over one SMTP session, against smtplib sending the
    same bytes over one session to the same local server (which runs in this process)."""
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    stores: list[Any] = []

    def deliver(make_store: Callable[[], Any]) -> Callable[[], float]:
        def run() -> float:
            store = make_store()
            stores.append(store)
            _queued(store, count)
            return cpu(lambda: Outbox(store, SmtpTransport("127.0.0.1", port, timeout=10)).flush())

        return run

    def plain() -> float:
        raw = _queued(MemoryStore(), 1)

        def send() -> None:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                for _ in range(count):
                    client.sendmail("no-reply@contoso.com", ["amos.marble@contoso.com"], raw)

        return cpu(send)

    how = f"CPU (client and server threads), best of {rounds} alternating rounds"
    try:
        memory = interleaved(deliver(MemoryStore), plain, rounds=rounds)
        durable = interleaved(deliver(lambda: SqliteStore(folder / f"bench-{len(stores)}.db")), plain, rounds=rounds)
    finally:
        controller.stop()
        for store in stores:
            store.close()
    assert sink.count == count * 4 * rounds, f"the server got {sink.count} messages"
    return [
        Figure(
            f"deliver {count:,} queued, memory store / smtplib", *(t / count for t in memory), per="message", how=how
        ),
        Figure(
            f"deliver {count:,} queued, SQLite store / smtplib", *(t / count for t in durable), per="message", how=how
        ),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small counts, for a check while developing")
    parser.add_argument("--renders", type=int, help="emails per round (default 2,000; --quick 200)")
    parser.add_argument("--messages", type=int, help="messages delivered per round (default 1,000; --quick 100)")
    parser.add_argument("--rounds", type=int, help="alternating rounds per figure (default 5; --quick 3)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 5)
    figures = bench_rendering(args.renders or (200 if args.quick else 2_000), rounds)
    with tempfile.TemporaryDirectory() as folder:
        figures += bench_delivery(args.messages or (100 if args.quick else 1_000), rounds, Path(folder))
    report("bench_mail: rendering, messages, delivery", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
