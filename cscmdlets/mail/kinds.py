"""The kinds of email the dial-in conferencing service sends (spec/cmdlets.md §21, §22)."""

from __future__ import annotations

import enum

__all__ = ["PIN_KINDS", "EmailKind"]


class EmailKind(enum.StrEnum):
    """One member per email template; the value names the templates and the outbox ``kind``.

    The numbers in the comments are the issue's numbering (issue 3, "Which emails, when").
    """

    CONFERENCE_INFO = "ConferenceInfo"  # 1: -SendEmail / "Send conference info via email" (§22)
    CONFERENCING_ENABLED = "ConferencingEnabled"  # 2: licence assigned, provider now Microsoft (§21 #1)
    DETAILS_CHANGED = "ConferenceDetailsChanged"  # 3: conference ID or default number changed (§21 #2)
    PIN_RESET = "PinReset"  # 4: leader PIN reset (§21 #3)
    CONFERENCING_REMOVED = "ConferencingRemoved"  # 5: licence removed, provider away from Microsoft (§21 #4)

    @property
    def is_automatic(self) -> bool:
        """Sent only while AutomaticallySendEmailsToUsers is true (§4.2, §21 "Turning the emails off")."""
        return self is not EmailKind.CONFERENCE_INFO

    @property
    def has_pin(self) -> bool:
        """Whether the email carries the leader PIN: only types 2 and 4 ever do (§21 table)."""
        return self in PIN_KINDS


PIN_KINDS = frozenset({EmailKind.CONFERENCING_ENABLED, EmailKind.PIN_RESET})
