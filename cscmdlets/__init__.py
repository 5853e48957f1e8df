"""cscmdlets: Microsoft 365 audio (dial-in) conferencing cmdlets for Python.

    import cscmdlets as cs
    tenant = cs.Tenant.demo()
    tenant.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", send_email=True)
    tenant.invoke("Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com")

Each cmdlet exists as a Pythonic function (``set_cs_online_dial_in_conferencing_user``) and an
exact-name twin with PowerShell binding (``Set_CsOnlineDialInConferencingUser``); both act on
the session chosen with :func:`connect`, and both are methods of :class:`Tenant`.
"""

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
from .session import Session, connect, current_session, default_state_path, disconnect, invoke, run_script
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


for _metadata in _COMMANDS:
    globals()[_metadata.python_name] = _make_pythonic(_metadata, _session_engine)
    globals()[_metadata.twin_name] = _make_twin(_metadata, _session_engine)

__all__ = sorted(
    [
        "NOT_GIVEN",
        "AuditEntry",
        "Bridge",
        "CmdletWarning",
        "ConferencingLanguage",
        "ConferencingUser",
        "Diagnostic",
        "DialInSettings",
        "ErrorCategory",
        "ErrorRecord",
        "OutboxEntry",
        "PSOutput",
        "PowerShellError",
        "Provider",
        "RemoteHost",
        "RunResult",
        "ServiceNumber",
        "Session",
        "Table",
        "Tenant",
        "TenantConfiguration",
        "User",
        "check_script",
        "connect",
        "current_session",
        "default_state_path",
        "disconnect",
        "fix_script",
        "invoke",
        "port_script",
        "run_script",
        "serve",
        *(m.python_name for m in _COMMANDS),
        *(m.twin_name for m in _COMMANDS),
    ]
)
