"""Pydantic models of the tenant. Imports nothing from the rest of the package; no I/O.

Each name loads its module on first use (``from cscmdlets.model import User`` builds the
tenant models, not the email or neighbourhood ones): a pydantic model class costs time to
create, and a one-line command needs few of them.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .events import AuditEntry, Change, ChangeKind, DeliveryStatus, EmailRequest, OutboxEntry, utc_now
    from .outputs import (
        ConferencingBridge,
        ConferencingLanguage,
        ConferencingUser,
        ConferencingUserInfo,
        ConferencingUserState,
        ModuleInfo,
        TenantConfiguration,
    )
    from .tenant import (
        Bridge,
        DialInSettings,
        DialOutPermission,
        EntryExitAnnouncementsType,
        MaskPstnNumbersType,
        NumberType,
        Provider,
        PSModel,
        ServiceNumber,
        TenantInfo,
        User,
    )

__all__ = [
    "AuditEntry",
    "Bridge",
    "Change",
    "ChangeKind",
    "ConferencingBridge",
    "ConferencingLanguage",
    "ConferencingUser",
    "ConferencingUserInfo",
    "ConferencingUserState",
    "DeliveryStatus",
    "DialInSettings",
    "DialOutPermission",
    "EmailRequest",
    "EntryExitAnnouncementsType",
    "MaskPstnNumbersType",
    "ModuleInfo",
    "NumberType",
    "OutboxEntry",
    "PSModel",
    "Provider",
    "ServiceNumber",
    "TenantConfiguration",
    "TenantInfo",
    "User",
    "utc_now",
]

_EVENTS = ("AuditEntry", "Change", "ChangeKind", "DeliveryStatus", "EmailRequest", "OutboxEntry", "utc_now")
_OUTPUTS = (
    "ConferencingBridge",
    "ConferencingLanguage",
    "ConferencingUser",
    "ConferencingUserInfo",
    "ConferencingUserState",
    "ModuleInfo",
    "TenantConfiguration",
)


def __getattr__(name: str) -> object:
    """A model loads its module on first use, then is a plain attribute of the package."""
    import importlib

    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = "events" if name in _EVENTS else "outputs" if name in _OUTPUTS else "tenant"
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
