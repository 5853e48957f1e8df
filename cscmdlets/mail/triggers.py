"""Which email a change calls for, to whom and from whom.

Sources (Microsoft Learn): "Emails sent to users when their settings change", "Send an email
to a user with their dial-in information", and the reference pages of
Set-CsOnlineDialInConferencingUser and Set-CsOnlineDialInConferencingTenantSettings.

Cmdlets return :class:`~cscmdlets.model.Change` events; ``TRIGGERS`` maps each change kind to
the email it calls for, and one command gets at most one message.
"""

from __future__ import annotations

from ..model import Change, ChangeKind, DialInSettings, User
from .context import MailContext
from .kinds import EmailKind
from .message import Mailbox

__all__ = ["PRECEDENCE", "TRIGGERS", "due_kinds", "email_kind_for", "recipient_for", "sender_for"]

TRIGGERS: dict[ChangeKind, EmailKind] = {
    ChangeKind.CONFERENCE_INFO_REQUESTED: EmailKind.CONFERENCE_INFO,
    ChangeKind.LICENSE_ASSIGNED: EmailKind.CONFERENCING_ENABLED,
    ChangeKind.PROVIDER_CHANGED_TO_MICROSOFT: EmailKind.CONFERENCING_ENABLED,
    ChangeKind.CONFERENCE_ID_CHANGED: EmailKind.DETAILS_CHANGED,
    ChangeKind.DEFAULT_NUMBER_CHANGED: EmailKind.DETAILS_CHANGED,
    ChangeKind.PIN_RESET: EmailKind.PIN_RESET,
    ChangeKind.LICENSE_REMOVED: EmailKind.CONFERENCING_REMOVED,
    ChangeKind.PROVIDER_CHANGED_FROM_MICROSOFT: EmailKind.CONFERENCING_REMOVED,
    # USER_ADDED and USER_REMOVED send nothing: the emails article lists no email for them.
}

# When one command calls for several emails, the first of these is sent, alone. Each covers the
# ones after it: "enabled" and "PIN reset" carry the current conference ID and default number,
# "details changed" carries everything "conference info" does.
PRECEDENCE: tuple[EmailKind, ...] = (
    EmailKind.CONFERENCING_REMOVED,
    EmailKind.CONFERENCING_ENABLED,
    EmailKind.PIN_RESET,
    EmailKind.DETAILS_CHANGED,
    EmailKind.CONFERENCE_INFO,
)


def due_kinds(change: Change, settings: DialInSettings) -> set[EmailKind]:
    """The emails ``change`` calls for under ``settings``, before picking one.

    Automatic emails (types 2-5) need AutomaticallySendEmailsToUsers; the requested one
    (-SendEmail) is sent even while they are off (the emails article, "Turning the emails off"). A PIN reset
    whose new PIN was not handed over cannot produce its email.
    """
    kinds = {TRIGGERS[kind] for kind in change.kinds if kind in TRIGGERS}
    if not settings.automatically_send_emails_to_users:
        kinds = {kind for kind in kinds if not kind.is_automatic}
    if change.new_pin is None:
        kinds.discard(EmailKind.PIN_RESET)
    return kinds


def email_kind_for(change: Change, settings: DialInSettings) -> EmailKind | None:
    """The one email ``change`` sends, or ``None``: one command, at most one message."""
    due = due_kinds(change, settings)
    return next((kind for kind in PRECEDENCE if kind in due), None)


def recipient_for(change: Change, user: User) -> Mailbox | None:
    """-SendEmailToAddress if given, else the user's primary SMTP address (Set-…User reference; the emails article).

    ``None`` when the user has no mailbox and nothing redirects the message.
    """
    redirect = change.email.to_address if change.email else None
    if redirect:
        return Mailbox(redirect)
    if user.primary_smtp_address:
        return Mailbox(user.primary_smtp_address, user.display_name)
    return None


def sender_for(change: Change, context: MailContext) -> Mailbox:
    """The From mailbox: the call's own pair, else the tenant override, else the system sender.

    Set-CsOnlineDialInConferencingUser: the user-level -SendEmailFromAddress/-SendEmailFromDisplayName
    pair sets this message's sender. Set-CsOnlineDialInConferencingTenantSettings: the tenant pair is
    used only when SendEmailFromOverride is true and both values are set.
    """
    request, settings = change.email, context.settings
    if request and request.from_address and request.from_display_name:
        return Mailbox(request.from_address, request.from_display_name)
    address, name = settings.send_email_from_address, settings.send_email_from_display_name
    if settings.send_email_from_override and address and name:
        return Mailbox(address, name)
    return Mailbox(*context.system_sender)
