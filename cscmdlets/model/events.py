"""What happened: change events (the triggers of the service's emails) and the audit log."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

#: The time now, in UTC: the default clock of events. A partial, not a function: it is called
#: once per change, and a partial runs without a Python frame.
utc_now: functools.partial[dt.datetime] = functools.partial(dt.datetime.now, dt.UTC)


class ChangeKind(enum.StrEnum):
    """Changes to a user that the dial-in service reacts to (Microsoft Learn: "Emails sent to
    users when their settings change")."""

    CONFERENCE_INFO_REQUESTED = "ConferenceInfoRequested"  # -SendEmail
    LICENSE_ASSIGNED = "LicenseAssigned"
    PROVIDER_CHANGED_TO_MICROSOFT = "ProviderChangedToMicrosoft"
    CONFERENCE_ID_CHANGED = "ConferenceIdChanged"
    DEFAULT_NUMBER_CHANGED = "DefaultNumberChanged"
    PIN_RESET = "PinReset"
    LICENSE_REMOVED = "LicenseRemoved"
    PROVIDER_CHANGED_FROM_MICROSOFT = "ProviderChangedFromMicrosoft"
    USER_ADDED = "UserAdded"
    USER_REMOVED = "UserRemoved"


class EmailRequest(BaseModel):
    """The -SendEmail family of one Set-User call: who asked for an email, to and from whom."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    to_address: str | None = None
    from_address: str | None = None
    from_display_name: str | None = None


class Change(BaseModel):
    """One change a command made to one user, recorded in the same transaction as the change.

    ``kinds`` lists every trigger of the command, so the mail layer can send one message per
    command. ``new_pin`` carries a freshly generated PIN to the email renderer; it is excluded
    from every dump, so it never reaches the store or the audit log.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    at: dt.datetime
    command: str
    user_id: uuid.UUID
    kinds: tuple[ChangeKind, ...]
    email: EmailRequest | None = None
    new_pin: str | None = Field(None, exclude=True, repr=False)


@dataclass(slots=True)
class AuditEntry:
    """Who changed what, when, from what to what. Secrets are masked before they get here.

    A plain dataclass rather than a model, and not frozen (that triples its construction): one
    is written per change, on the hot path, from values the backend already trusts. Stores hand
    out copies, so the log itself cannot be changed through them. ``audit_adapter()``
    (de)serialises it for durable stores.
    """

    at: dt.datetime
    actor: str
    command: str
    parameters: dict[str, Any]
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    sequence: int = 0


@functools.cache
def audit_adapter() -> TypeAdapter[AuditEntry]:
    """Built on first use: building it at import would slow ``import cscmdlets`` down."""
    return TypeAdapter(AuditEntry)


class DeliveryStatus(enum.StrEnum):
    QUEUED = "Queued"
    DELIVERED = "Delivered"


class OutboxEntry(BaseModel):
    """One email in the tenant's outbox: the RFC 5322 bytes plus its delivery state.

    Written in the same transaction as the change that caused it; ``sequence`` is assigned by
    the store. A delivered entry keeps the server's reply and is never sent again.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    sequence: int = 0
    created_at: dt.datetime
    kind: str
    user_id: uuid.UUID | None
    recipient: str
    sender: str
    subject: str
    raw: bytes = Field(b"", repr=False)
    status: DeliveryStatus = DeliveryStatus.QUEUED
    attempts: int = 0
    last_error: str | None = None
    server_reply: str | None = None
    delivered_at: dt.datetime | None = None
    #: A process delivering this message holds it until then, so no other sends it too.
    claimed_until: dt.datetime | None = None
