"""Dial-in conferencing emails: which, when, rendered, localised and delivered.

The tenant calls :func:`messages_for` at the end of each command, inside its transaction, and
writes the entries to its store; ``tenant.outbox`` (an :class:`Outbox`) lists and delivers them.
Sources (Microsoft Learn): the reference pages of Set-CsOnlineDialInConferencingUser and
Set-CsOnlineDialInConferencingTenantSettings, and the articles "Emails sent to users when their settings change"
and "Send an email to a user with their dial-in information".
"""

from __future__ import annotations

from ..model.addresses import header_text_problem, normalized_address
from .compose import messages_for
from .context import SYSTEM_SENDER_NAME, MailContext, default_system_sender
from .kinds import EmailKind
from .message import HeaderInjectionError, Mailbox
from .outbox import Outbox, OutboxMessage
from .render import RenderedEmail, available_languages, negotiate_language, render
from .smtp import MessageRejected, SmtpTransport, Transport, TransportError, transport_from_url
from .triggers import TRIGGERS

__all__ = [
    "SYSTEM_SENDER_NAME",
    "TRIGGERS",
    "EmailKind",
    "HeaderInjectionError",
    "MailContext",
    "Mailbox",
    "MessageRejected",
    "Outbox",
    "OutboxMessage",
    "RenderedEmail",
    "SmtpTransport",
    "Transport",
    "TransportError",
    "available_languages",
    "default_system_sender",
    "header_text_problem",
    "messages_for",
    "negotiate_language",
    "normalized_address",
    "render",
    "transport_from_url",
]
