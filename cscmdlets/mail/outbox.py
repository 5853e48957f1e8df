"""The tenant's outbox: every message the service sent or will send.

Messages are written by the tenant in the same transaction as the change that caused them;
this module lists them, delivers the queued ones and exports them as ``.eml`` files. A failed
delivery keeps the message queued with its error and attempt count; a delivered message keeps
the server's reply and is never sent again. ``tenant.outbox`` is the documented place to see
what was sent (like moto's ``sent_messages``).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol, cast, overload

from ..model import DeliveryStatus, OutboxEntry, utc_now
from .message import parse_message
from .smtp import Connection, MessageRejected, Transport, TransportError

__all__ = ["Outbox", "OutboxMessage", "OutboxStore"]

log = logging.getLogger(__name__)

#: How long a flush holds a message it is sending; a process that died lets go after this.
CLAIM_LEASE = dt.timedelta(minutes=5)


class OutboxStore(Protocol):
    """The part of :class:`~cscmdlets.store.base.Store` the outbox uses."""

    def transaction(self) -> AbstractContextManager[None]: ...
    def add_outbox(self, entry: OutboxEntry) -> int: ...
    def outbox(self, status: DeliveryStatus | None = None) -> list[OutboxEntry]: ...
    def outbox_entry(self, sequence: int) -> OutboxEntry | None: ...
    def update_outbox(self, entry: OutboxEntry) -> None: ...


class OutboxMessage(OutboxEntry):
    """An outbox entry with its parsed message, for Python code and notebooks."""

    @property
    def message(self) -> EmailMessage:
        """The message parsed back from its RFC 5322 bytes."""
        return parse_message(self.raw)

    def body(self, subtype: str = "html") -> str:
        """The decoded ``text/<subtype>`` part (``"html"`` or ``"plain"``)."""
        part = self.message.get_body(preferencelist=(subtype,))
        return cast(str, part.get_content()) if part is not None else ""

    def _repr_html_(self) -> str:
        """A notebook shows the HTML message itself, under its envelope."""
        facts = (
            ("From", self.message["From"]),
            ("To", self.message["To"]),
            ("Subject", self.subject),
            ("Status", self.status),
        )
        rows = "".join(f"<tr><th>{name}</th><td>{html.escape(str(value))}</td></tr>" for name, value in facts)
        return f'<table style="margin-bottom:8px">{rows}</table>{_body_fragment(self.body("html"))}'


def _body_fragment(document: str) -> str:
    """The ``<body>`` of an HTML document as a ``<div>`` keeping its inlined style."""
    match = re.search(r"<body([^>]*)>(.*)</body>", document, re.DOTALL | re.IGNORECASE)
    return f"<div{match.group(1)}>{match.group(2)}</div>" if match else document


def _html_row(message: OutboxMessage, columns: Sequence[str]) -> str:
    cells = (html.escape(str(getattr(message, name) or "")) for name in columns)
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


class Outbox(Sequence[OutboxMessage]):
    """The messages of a tenant, oldest first, with delivery and export.

    Args:
        store: Where the entries live (the tenant's store).
        transport: How to deliver them; ``None`` keeps them queued (export them as ``.eml``).
        clock: The tenant's clock, for ``delivered_at``.
    """

    def __init__(
        self,
        store: OutboxStore,
        transport: Transport | None = None,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        lock: threading.Lock | None = None,
    ) -> None:
        self.store = store
        self.transport = transport
        self._clock = clock
        self._lock = lock or threading.Lock()  # one flush at a time: no message sent twice

    def with_transport(self, transport: Transport | None) -> Outbox:
        """The same outbox delivering through ``transport`` (shares the flush lock)."""
        return Outbox(self.store, transport, clock=self._clock, lock=self._lock)

    def _entries(self) -> list[OutboxMessage]:
        with self.store.transaction():
            entries = self.store.outbox()
        return [OutboxMessage.model_construct(**dict(entry)) for entry in entries]

    @overload
    def __getitem__(self, index: int) -> OutboxMessage: ...
    @overload
    def __getitem__(self, index: slice) -> list[OutboxMessage]: ...
    def __getitem__(self, index: int | slice) -> OutboxMessage | list[OutboxMessage]:
        return self._entries()[index]

    def __len__(self) -> int:
        return len(self._entries())

    def __iter__(self) -> Iterator[OutboxMessage]:
        return iter(self._entries())

    def __repr__(self) -> str:
        entries = self._entries()
        queued = sum(entry.status is DeliveryStatus.QUEUED for entry in entries)
        return f"<Outbox: {len(entries)} messages, {queued} queued, transport={self.transport!r}>"

    def _repr_html_(self) -> str:
        """A notebook shows the outbox as a table; each message shows itself (``outbox[0]``)."""
        columns = ("sequence", "status", "kind", "recipient", "sender", "subject", "attempts", "last_error")
        head = "".join(f"<th>{name}</th>" for name in columns)
        rows = "".join(_html_row(message, columns) for message in self._entries())
        return f"<table><tr>{head}</tr>{rows}</table>"

    def queued(self) -> list[OutboxMessage]:
        """The messages not delivered yet, oldest first (read by status, not by scanning)."""
        with self.store.transaction():
            entries = self.store.outbox(DeliveryStatus.QUEUED)
        return [OutboxMessage.model_construct(**dict(entry)) for entry in entries]

    def flush(self) -> int:
        """Deliver every queued message through the transport, over one session.

        Call it after the commit that queued the messages (the tenant does): each outcome is
        written in its own transaction right after its attempt.

        Returns:
            How many messages were delivered now; 0 without a transport.
        """
        if self.transport is None:
            return 0
        with self._lock:
            queued = self.queued()
            return self._deliver(self.transport, queued) if queued else 0

    def _deliver(self, transport: Transport, queued: list[OutboxMessage]) -> int:
        recorded: set[int] = set()
        delivered = 0
        try:
            with transport.connect() as connection:
                for entry in queued:
                    delivered += self._send_one(connection, entry)
                    recorded.add(entry.sequence)
        except TransportError as exc:
            # Nothing is lost: every message not yet recorded stays queued with the error.
            log.warning("SMTP session failed: %s", exc)
            for entry in queued:
                if entry.sequence not in recorded:
                    self._record(entry, error=str(exc))
        return delivered

    def _claim(self, entry: OutboxMessage) -> OutboxMessage | None:
        """Take the message for this flush, under the store's write lock, unless another process
        delivered it or holds it; a holder that died releases it when its lease ends."""
        now = self._clock()
        with self.store.transaction():
            current = self.store.outbox_entry(entry.sequence)
            if current is None or current.status is not DeliveryStatus.QUEUED:
                return None
            if current.claimed_until is not None and current.claimed_until > now:
                return None
            claimed = current.model_copy(update={"claimed_until": now + CLAIM_LEASE})
            self.store.update_outbox(claimed)
        return OutboxMessage.model_construct(**dict(claimed))

    def _send_one(self, connection: Connection, entry: OutboxMessage) -> int:
        claimed = self._claim(entry)
        if claimed is None:
            return 0
        entry = claimed
        try:
            reply = connection.send(entry.sender, entry.recipient, entry.raw)
        except MessageRejected as exc:
            log.warning("Message %d to %s refused: %s", entry.sequence, entry.recipient, exc)
            self._record(entry, error=str(exc))
            return 0
        log.info("Message %d delivered to %s: %s", entry.sequence, entry.recipient, reply)
        self._record(entry, reply=reply)
        return 1

    def _record(self, entry: OutboxEntry, *, reply: str | None = None, error: str | None = None) -> None:
        """Write one attempt's outcome, in its own transaction, right after the attempt."""
        with self.store.transaction():
            current = self.store.outbox_entry(entry.sequence)  # another process may have moved on
            if current is None or current.status is not DeliveryStatus.QUEUED:
                return
            update: dict[str, Any] = {"attempts": current.attempts + 1, "last_error": error, "claimed_until": None}
            if reply is not None:
                update |= {"status": DeliveryStatus.DELIVERED, "server_reply": reply, "delivered_at": self._clock()}
            self.store.update_outbox(current.model_copy(update=update))

    def export(self, folder: str | os.PathLike[str], *, status: DeliveryStatus | None = None) -> list[Path]:
        """Write each message (or each with ``status``) as ``<sequence>-<kind>.eml`` in ``folder``.

        Returns:
            The files written, oldest message first.
        """
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        chosen = [entry for entry in self._entries() if status is None or entry.status is status]
        return [_write_atomically(target / _eml_name(entry), entry.raw) for entry in chosen]


def _eml_name(entry: OutboxEntry) -> str:
    return f"{entry.sequence:06d}-{entry.kind}.eml"


def _write_atomically(path: Path, data: bytes) -> Path:
    """A crash leaves either the old file or the new one, never half of one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path
