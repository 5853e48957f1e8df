"""From a change to the outbox entries it causes: decide, render, build."""

from __future__ import annotations

import logging

from ..model import Change, OutboxEntry
from .context import MailContext
from .kinds import EmailKind
from .message import Mailbox, message_bytes
from .render import render
from .triggers import email_kind_for, recipient_for, sender_for

__all__ = ["messages_for"]

log = logging.getLogger(__name__)


def messages_for(change: Change, context: MailContext) -> list[OutboxEntry]:
    """The outbox entries ``change`` causes: ``[]`` or one message (one per command).

    Pure apart from the Message-ID: the caller writes the entries to the store in the same
    transaction as the change, so nothing is lost.

    Args:
        change: What the command did, with its -SendEmail family and any new PIN.
        context: The tenant, settings and user as they are after the command.

    Returns:
        The entries to add to the outbox, each queued.

    Raises:
        HeaderInjectionError: A sender, recipient or display name contains a CR or LF.
    """
    kind = email_kind_for(change, context.settings)
    if kind is None:
        return []
    recipient = recipient_for(change, context.user)
    if recipient is None:
        # the emails article, "Recipient": without a mailbox the user can't get the email unless it is redirected.
        log.warning("No email for %s: user %s has no mailbox", kind, context.user.user_principal_name)
        return []
    return [_entry(kind, change, context, sender_for(change, context), recipient)]


def _entry(kind: EmailKind, change: Change, context: MailContext, sender: Mailbox, recipient: Mailbox) -> OutboxEntry:
    pin = change.new_pin if kind.has_pin else None
    rendered = render(kind, context, context.user.preferred_language, pin=pin)
    return OutboxEntry(
        created_at=context.now,
        kind=kind.value,
        user_id=context.user.object_id,
        recipient=recipient.address,
        sender=sender.address,
        subject=rendered.subject,
        raw=message_bytes(rendered, sender=sender, recipient=recipient, now=context.now),
    )
