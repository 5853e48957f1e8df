"""The kinds of email the dial-in conferencing service sends.

Sources (Microsoft Learn): "Emails sent to users when their settings change" and
"Send an email to a user with their dial-in information"."""

from __future__ import annotations

import enum

__all__ = ["PIN_KINDS", "EmailKind"]


class EmailKind(enum.StrEnum):
    """One member per email template; the value names the templates and the outbox ``kind``.

    The numbers in the comments are the email types of "Emails sent to users when their
    settings change", counting the requested one as 1.
    """

    CONFERENCE_INFO = "ConferenceInfo"  # 1: -SendEmail / "Send conference info via email" (the send-info article)
    CONFERENCING_ENABLED = "ConferencingEnabled"  # 2: licence assigned, provider now Microsoft (article #1)
    DETAILS_CHANGED = "ConferenceDetailsChanged"  # 3: conference ID or default number changed (article #2)
    PIN_RESET = "PinReset"  # 4: leader PIN reset (article #3)
    CONFERENCING_REMOVED = "ConferencingRemoved"  # 5: licence removed, provider away from Microsoft (article #4)

    @property
    def is_automatic(self) -> bool:
        """Sent only while AutomaticallySendEmailsToUsers is true (the article's "Turning the emails off")."""
        return self is not EmailKind.CONFERENCE_INFO

    @property
    def has_pin(self) -> bool:
        """Whether the email carries the leader PIN: only types 2 and 4 ever do (the article's table)."""
        return self in PIN_KINDS


PIN_KINDS = frozenset({EmailKind.CONFERENCING_ENABLED, EmailKind.PIN_RESET})
