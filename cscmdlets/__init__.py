"""cscmdlets: Microsoft 365 audio (dial-in) conferencing cmdlets for Python.

    import cscmdlets as cs
    tenant = cs.Tenant.demo()
    tenant.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", send_email=True)
    tenant.invoke("Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com")

Each cmdlet exists as a Pythonic function (``set_cs_online_dial_in_conferencing_user``) and an
exact-name twin with PowerShell binding (``Set_CsOnlineDialInConferencingUser``); both act on
the session chosen with :func:`connect`, and both are methods of :class:`Tenant`.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING

from .cmdlets import COMMANDS as _COMMANDS
from .functions import CmdletWarning, PSOutput
from .functions import make_pythonic as _make_pythonic
from .functions import make_twin as _make_twin
from .model import (
    AuditEntry,
    Bridge,
    ConferencingLanguage,
    ConferencingUser,
    DialInSettings,
    OutboxEntry,
    Provider,
    ServiceNumber,
    TenantConfiguration,
    User,
)
from .model.display import Table
from .powershell.errors import ErrorCategory, ErrorRecord, PowerShellError
from .powershell.metadata import NOT_GIVEN
from .session import Session, connect, current_session, default_state_path, disconnect
from .session import session_engine as _session_engine
from .tenant import Tenant

_LAZY = {
    "RemoteHost": "cscmdlets.remote",
    "Diagnostic": "cscmdlets.scripts",
    "RunResult": "cscmdlets.scripts",
    "check_script": "cscmdlets.scripts",
    "fix_script": "cscmdlets.scripts",
    "port_script": "cscmdlets.scripts",
    "serve": "cscmdlets.remote.serve",
}


def __getattr__(name: str) -> object:
    """Optional parts load on first use, so ``import cscmdlets`` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'cscmdlets' has no attribute {name!r}")


if _TYPE_CHECKING:  # the cmdlet functions, as type checkers see them (stubgen.py writes _api.pyi)
    from ._api import (
        Get_CsOnlineDialInConferencingBridge,
        Get_CsOnlineDialInConferencingLanguagesSupported,
        Get_CsOnlineDialInConferencingServiceNumber,
        Get_CsOnlineDialinConferencingTenantConfiguration,
        Get_CsOnlineDialInConferencingTenantSettings,
        Get_CsOnlineDialInConferencingUser,
        Register_CsOnlineDialInConferencingServiceNumber,
        Remove_CsOnlineDialInConferencingTenantSettings,
        Set_CsOnlineDialInConferencingBridge,
        Set_CsOnlineDialInConferencingServiceNumber,
        Set_CsOnlineDialInConferencingTenantSettings,
        Set_CsOnlineDialInConferencingUser,
        Set_CsOnlineDialInConferencingUserDefaultNumber,
        Unregister_CsOnlineDialInConferencingServiceNumber,
        get_cs_online_dial_in_conferencing_bridge,
        get_cs_online_dial_in_conferencing_languages_supported,
        get_cs_online_dial_in_conferencing_service_number,
        get_cs_online_dial_in_conferencing_tenant_settings,
        get_cs_online_dial_in_conferencing_user,
        get_cs_online_dialin_conferencing_tenant_configuration,
        register_cs_online_dial_in_conferencing_service_number,
        remove_cs_online_dial_in_conferencing_tenant_settings,
        set_cs_online_dial_in_conferencing_bridge,
        set_cs_online_dial_in_conferencing_service_number,
        set_cs_online_dial_in_conferencing_tenant_settings,
        set_cs_online_dial_in_conferencing_user,
        set_cs_online_dial_in_conferencing_user_default_number,
        unregister_cs_online_dial_in_conferencing_service_number,
    )
else:
    for _metadata in _COMMANDS:
        globals()[_metadata.python_name] = _make_pythonic(_metadata, _session_engine)
        globals()[_metadata.twin_name] = _make_twin(_metadata, _session_engine)

# A literal list, so type checkers read it; tests/test_exports.py keeps it sorted and complete.
__all__ = [  # noqa: RUF022 (plain sorted(), as tests/test_exports.py checks)
    "AuditEntry",
    "Bridge",
    "CmdletWarning",
    "ConferencingLanguage",
    "ConferencingUser",
    "Diagnostic",
    "DialInSettings",
    "ErrorCategory",
    "ErrorRecord",
    "Get_CsOnlineDialInConferencingBridge",
    "Get_CsOnlineDialInConferencingLanguagesSupported",
    "Get_CsOnlineDialInConferencingServiceNumber",
    "Get_CsOnlineDialInConferencingTenantSettings",
    "Get_CsOnlineDialInConferencingUser",
    "Get_CsOnlineDialinConferencingTenantConfiguration",
    "NOT_GIVEN",
    "OutboxEntry",
    "PSOutput",
    "PowerShellError",
    "Provider",
    "Register_CsOnlineDialInConferencingServiceNumber",
    "RemoteHost",
    "Remove_CsOnlineDialInConferencingTenantSettings",
    "RunResult",
    "ServiceNumber",
    "Session",
    "Set_CsOnlineDialInConferencingBridge",
    "Set_CsOnlineDialInConferencingServiceNumber",
    "Set_CsOnlineDialInConferencingTenantSettings",
    "Set_CsOnlineDialInConferencingUser",
    "Set_CsOnlineDialInConferencingUserDefaultNumber",
    "Table",
    "Tenant",
    "TenantConfiguration",
    "Unregister_CsOnlineDialInConferencingServiceNumber",
    "User",
    "check_script",
    "connect",
    "current_session",
    "default_state_path",
    "disconnect",
    "fix_script",
    "get_cs_online_dial_in_conferencing_bridge",
    "get_cs_online_dial_in_conferencing_languages_supported",
    "get_cs_online_dial_in_conferencing_service_number",
    "get_cs_online_dial_in_conferencing_tenant_settings",
    "get_cs_online_dial_in_conferencing_user",
    "get_cs_online_dialin_conferencing_tenant_configuration",
    "port_script",
    "register_cs_online_dial_in_conferencing_service_number",
    "remove_cs_online_dial_in_conferencing_tenant_settings",
    "serve",
    "set_cs_online_dial_in_conferencing_bridge",
    "set_cs_online_dial_in_conferencing_service_number",
    "set_cs_online_dial_in_conferencing_tenant_settings",
    "set_cs_online_dial_in_conferencing_user",
    "set_cs_online_dial_in_conferencing_user_default_number",
    "unregister_cs_online_dial_in_conferencing_service_number",
]
