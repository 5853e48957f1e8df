"""Benchmark the mail layer (issue 3, "Done when").

Prints, per language, the emails rendered per second (goal: at least 500/s) and the complete
messages built per second (render + RFC 5322 message + bytes), then the time to deliver 1,000
queued messages to a local aiosmtpd server over one SMTP session (goal: under 10 s), from the
in-memory store and from the SQLite store.

    python bench/bench_mail.py [--renders 2000] [--messages 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from cscmdlets.mail import EmailKind, MailContext, Outbox, SmtpTransport, messages_for, render
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

RENDER_GOAL, DELIVERY_GOAL = 500.0, 10.0
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


def rate(count: int, action: Callable[[int], object]) -> float:
    action(0)  # warm up: templates compiled, catalogues loaded
    start = time.perf_counter()
    for index in range(count):
        action(index)
    return count / (time.perf_counter() - start)


def bench_rendering(count: int) -> bool:
    kinds = list(EmailKind)
    ok = True
    for lang in ("en-US", "ru-RU"):
        ctx = context(lang)
        change = Change(
            at=ctx.now,
            command="Set-CsOnlineDialInConferencingUser",
            user_id=ctx.user.object_id,
            kinds=(ChangeKind.PIN_RESET,),
            new_pin="24680",
        )
        rendered = rate(count, lambda i, c=ctx, lang=lang: render(kinds[i % len(kinds)], c, lang, pin="24680"))
        built = rate(count, lambda i, c=ctx, change=change: messages_for(change, c))
        ok &= rendered >= RENDER_GOAL
        print(
            f"render   {lang}: {rendered:8.0f} emails/s   (goal >= {RENDER_GOAL:.0f}/s)"
            f"   full message: {built:8.0f} messages/s"
        )
    return ok


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


def bench_delivery(count: int, store: Any, label: str) -> bool:
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
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        start = time.perf_counter()
        delivered = Outbox(store, SmtpTransport("127.0.0.1", port, timeout=10)).flush()
        elapsed = time.perf_counter() - start
    finally:
        controller.stop()
    ok = delivered == sink.count == count and elapsed < DELIVERY_GOAL
    print(
        f"deliver  {label:6}: {delivered} of {count} messages in {elapsed:5.2f} s"
        f"   (goal < {DELIVERY_GOAL:.0f} s; server got {sink.count})"
    )
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--renders", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=1000)
    args = parser.parse_args(argv)
    ok = bench_rendering(args.renders)
    ok &= bench_delivery(args.messages, MemoryStore(), "memory")
    with tempfile.TemporaryDirectory() as folder:
        sqlite = SqliteStore(Path(folder) / "bench.db")
        ok &= bench_delivery(args.messages, sqlite, "sqlite")
        sqlite.close()
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
