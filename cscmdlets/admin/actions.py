"""Each form of the admin centre as the PowerShell command it stands for.

``build(action, form, view)`` reads only the fields the form has, and writes only what
changes: the command shown to the admin is the one a careful admin would type. Validation is
left to the cmdlet (binder and service rules), so the page shows the cmdlet's own errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..cmdlets import find_command
from ..model import DialInSettings, EntryExitAnnouncementsType, MaskPstnNumbersType
from .commands import command_line

if TYPE_CHECKING:
    from .app import TenantView

__all__ = ["SETTINGS_FIELDS", "Planned", "UnknownAction", "build", "settings_values"]

SET_USER = "Set-CsOnlineDialInConferencingUser"
SET_SETTINGS = "Set-CsOnlineDialInConferencingTenantSettings"
SET_BRIDGE = "Set-CsOnlineDialInConferencingBridge"
REGISTER = "Register-CsOnlineDialInConferencingServiceNumber"
UNREGISTER = "Unregister-CsOnlineDialInConferencingServiceNumber"
GRANT_AUDIO_POLICY = "Grant-CsTeamsAudioConferencingPolicy"

Form = Mapping[str, Any]


class UnknownAction(LookupError):
    pass


@dataclass
class Planned:
    """The command a form stands for, and where the admin returns after it."""

    line: str
    return_to: str
    object_id: str | None = None
    reveals_pin: bool = False
    values: dict[str, str] = field(default_factory=dict)

    @property
    def supports_what_if(self) -> bool:
        return bool(self.line) and find_command(self.line.split(" ", 1)[0]).supports_should_process


def _text(form: Form, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _user_command(form: Form, parameters: list[tuple[str, object]], command: str = SET_USER, **options: Any) -> Planned:
    object_id = _text(form, "object_id")
    upn = _text(form, "upn")
    line = command_line(command, [("Identity", upn), *parameters]) if parameters else ""
    return Planned(line, f"/users/{object_id}", object_id=object_id, **options)


def send_email(form: Form, view: TenantView) -> Planned:
    to = _text(form, "to")
    return _user_command(form, [("SendEmail", ...), *([("SendEmailToAddress", to)] if to else [])])


def reset_pin(form: Form, view: TenantView) -> Planned:
    return _user_command(form, [("ResetLeaderPin", ...)], reveals_pin=True)


def default_numbers(form: Form, view: TenantView) -> Planned:
    """The user's own default numbers; "" (the bridge's default) clears one with ``$null``."""
    changes: list[tuple[str, object]] = []
    for parameter, name in (("ServiceNumber", "service_number"), ("TollFreeServiceNumber", "toll_free_service_number")):
        chosen, current = _text(form, name), _text(form, f"current_{name}")
        if chosen != current:
            changes.append((parameter, chosen or None))
    return _user_command(form, changes)


def move_bridge(form: Form, view: TenantView) -> Planned:
    bridge = _text(form, "bridge_name")
    return _user_command(form, [("BridgeName", bridge)] if bridge != _text(form, "current_bridge") else [])


def toll_free(form: Form, view: TenantView) -> Planned:
    """``Set-…User -AllowTollFreeDialIn`` where the module still has it; in today's module, as
    the Teams admin centre does it, the user gets the built-in policy without toll-free numbers
    or goes back to the tenant's (Teams' "Audio Conferencing toll-free numbers policy" article)."""
    allow = _text(form, "allow") == "true"
    if view.toll_free_by_policy:
        policy = None if allow else "AllowTollFreeDialinFalse"
        return _user_command(form, [("PolicyName", policy)], GRANT_AUDIO_POLICY)
    return _user_command(form, [("AllowTollFreeDialIn", allow)])


# --- settings --------------------------------------------------------------------------------------

_BOOLEANS = (
    "AutomaticallySendEmailsToUsers",
    "SendEmailFromOverride",
    "EnableEntryExitNotifications",
    "EnableNameRecording",
    "AllowPSTNOnlyMeetingsByDefault",
)
_TEXTS = ("SendEmailFromAddress", "SendEmailFromDisplayName", "PinLength")
_CHOICES = {
    "EntryExitAnnouncementsType": tuple(v.value for v in EntryExitAnnouncementsType),
    "MaskPstnNumbersType": tuple(v.value for v in MaskPstnNumbersType),
}
#: The settings form's fields, in its order; each is the parameter's own name.
SETTINGS_FIELDS = (
    "AutomaticallySendEmailsToUsers",
    "SendEmailFromOverride",
    "SendEmailFromAddress",
    "SendEmailFromDisplayName",
    "PinLength",
    "EnableEntryExitNotifications",
    "EntryExitAnnouncementsType",
    "EnableNameRecording",
    "MaskPstnNumbersType",
    "AllowPSTNOnlyMeetingsByDefault",
)
SETTINGS_CHOICES = _CHOICES


def settings_values(settings: DialInSettings) -> dict[str, str]:
    """The settings as the form's values (PowerShell names; booleans as "true"/"false")."""
    shown = settings.to_ps()
    values = {}
    for name in SETTINGS_FIELDS:
        value = shown[name]
        values[name] = (
            ("true" if value else "false") if isinstance(value, bool) else ("" if value is None else str(value))
        )
    return values


def settings(form: Form, view: TenantView) -> Planned:
    current = settings_values(view.settings)
    given = {name: _text(form, name) for name in SETTINGS_FIELDS if name in form}
    changes: list[tuple[str, object]] = []
    for name, value in given.items():
        if value == current[name]:
            continue
        if name in _BOOLEANS:
            changes.append((name, value == "true"))
        else:
            changes.append((name, value if value or name == "PinLength" else None))
    line = command_line(SET_SETTINGS, changes) if changes else ""
    return Planned(line, "/settings", values=given)


# --- bridges and numbers ---------------------------------------------------------------------------


def bridge_default(form: Form, view: TenantView) -> Planned:
    parameters = [("Name", _text(form, "bridge_name")), ("DefaultServiceNumber", _text(form, "number"))]
    return Planned(command_line(SET_BRIDGE, parameters), "/bridges")


def register_number(form: Form, view: TenantView) -> Planned:
    parameters = [("Identity", _text(form, "number")), ("BridgeName", _text(form, "bridge_name"))]
    return Planned(command_line(REGISTER, parameters), "/bridges")


def unregister_number(form: Form, view: TenantView) -> Planned:
    parameters = [("Identity", _text(form, "number")), ("BridgeName", _text(form, "bridge_name"))]
    return Planned(command_line(UNREGISTER, parameters), "/bridges")


ACTIONS: dict[str, Callable[[Form, TenantView], Planned]] = {
    "send-email": send_email,
    "reset-pin": reset_pin,
    "default-numbers": default_numbers,
    "move-bridge": move_bridge,
    "toll-free": toll_free,
    "settings": settings,
    "bridge-default": bridge_default,
    "register-number": register_number,
    "unregister-number": unregister_number,
}


def build(action: str, form: Form, view: TenantView) -> Planned:
    """The command of ``action``'s form.

    Raises:
        UnknownAction: no such action.
    """
    builder = ACTIONS.get(action)
    if builder is None:
        raise UnknownAction(action)
    return builder(form, view)
