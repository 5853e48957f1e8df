"""What the mail layer is told about a command: the tenant, settings and user after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Bridge, DialInSettings, ServiceNumber, TenantInfo, User

__all__ = ["SYSTEM_SENDER_NAME", "MailContext", "default_system_sender"]

SYSTEM_SENDER_NAME = "Microsoft 365"  # the emails article: "By default the sender is Office 365 (system-generated)"


@dataclass(frozen=True)
class MailContext:
    """Everything an email may show, as it is once the command's changes are applied.

    Built by the tenant at the end of each command, inside the command's transaction.

    Attributes:
        tenant: The tenant (its display name appears in the email).
        settings: Dial-in settings after the command (automatic emails, sender override).
        user: The user after the change.
        bridge: The user's bridge, if any.
        bridge_numbers: Every service number of that bridge.
        now: The tenant clock's time, used for the Date header and ``created_at``.
        system_sender: ``(address, display name)`` of the system sender.
    """

    tenant: TenantInfo
    settings: DialInSettings
    user: User
    bridge: Bridge | None
    bridge_numbers: Sequence[ServiceNumber]
    now: dt.datetime
    system_sender: tuple[str, str]


def default_system_sender(tenant: TenantInfo) -> tuple[str, str]:
    """The system sender when none is configured: no-reply at the tenant's default domain.

    The real service sends from a Microsoft address; an emulated tenant uses its own domain so
    that a local SMTP server accepts it.
    """
    return f"no-reply@{tenant.default_domain}", SYSTEM_SENDER_NAME
