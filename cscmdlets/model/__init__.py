"""Pydantic models of the tenant. Imports nothing from the rest of the package; no I/O."""

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
