"""Turn a command's changes into outbox entries, inside the command's transaction.

A crash can then never leave a change without its email, or an email without its change
(delivery loses nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import DialInSettings, OutboxEntry, User
from .base import Invocation
from .errors import InvalidHeaderValue

if TYPE_CHECKING:
    from ..mail import MailContext

__all__ = ["queue_emails"]


def queue_emails(call: Invocation) -> list[OutboxEntry]:
    """Render the emails the command's changes call for and write them to the outbox."""
    if not call.changes:
        return []
    from ..mail import HeaderInjectionError, messages_for  # jinja2 and babel load on the first email
    from ..mail.triggers import email_kind_for

    queued: list[OutboxEntry] = []
    settings = call.backend.settings
    for change in call.changes:
        if email_kind_for(change, settings) is None:
            continue  # no email due: the user, bridge and numbers it would show are not read
        user = call.backend.store.user(change.user_id)
        if user is None:
            continue  # a removed user gets no email: Microsoft's list of automatic emails has none
        try:
            entries = messages_for(change, _context(call, user, settings))
        except HeaderInjectionError as error:  # a value the rules let through: refuse the change
            raise InvalidHeaderValue(error.header, target_object=user.user_principal_name) from None
        store = call.backend.store
        for entry in entries:
            sequence = store.add_outbox(entry)
            # The store keeps the entry numbered (models are frozen): no second copy per email.
            queued.append(store.outbox_entry(sequence) or entry.model_copy(update={"sequence": sequence}))
    return queued


def _context(call: Invocation, user: User, settings: DialInSettings) -> MailContext:
    from ..mail import MailContext, default_system_sender
    from .policies import invite_view  # the neighbourhood's models load with the first email

    backend = call.backend
    tenant = backend.tenant
    shown_user, numbers = invite_view(backend, user, backend.numbers_of(user.bridge_id))
    return MailContext(
        tenant=tenant,
        settings=settings,
        user=shown_user,
        bridge=backend.bridge(user.bridge_id),
        bridge_numbers=numbers,
        now=backend.clock(),
        system_sender=backend.system_sender or default_system_sender(tenant),
    )
