"""The cmdlet family: one module per noun, each driven by its CommandMetadata.

To add a cmdlet: write its module, add its metadata to ``COMMANDS`` (an explicit tuple, not
import-time discovery, in :func:`_commands`), add ``tests/cmdlets/test_<noun>.py``, and run
``python -m cscmdlets.stubgen`` (its functions' stubs and exports, and ``_index.py``). Binding,
help, lint, port, remote and serve pick it up unchanged.

Importing this package loads no cmdlet: ``COMMANDS`` (and the other names) load on first use,
and :func:`find_command` imports only the module of the command it finds, which the generated
``_index.py`` names. So a one-line ``cscmdlets run -c`` pays for one cmdlet module.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import _index

if TYPE_CHECKING:
    from ..powershell.metadata import CommandMetadata
    from .backend import Backend
    from .base import Host, Invocation
    from .directory import DIRECTORY_COMMANDS
    from .engine import LocalEngine

    COMMANDS: tuple[CommandMetadata, ...]

__all__ = ["COMMANDS", "DIRECTORY_COMMANDS", "Backend", "Host", "Invocation", "LocalEngine", "find_command"]

#: Where each name of ``__all__`` but the two below lives (loaded on first use).
_EXPORTS = {
    "Backend": "backend",
    "Host": "base",
    "Invocation": "base",
    "DIRECTORY_COMMANDS": "directory",
    "LocalEngine": "engine",
}


def _commands() -> tuple[CommandMetadata, ...]:
    """Every cmdlet, in the order help, docs and the stubs list them."""
    from .azuread import AZUREAD_COMMANDS
    from .bridge import GET_BRIDGE, SET_BRIDGE
    from .connections import CONNECTION_COMMANDS
    from .cs_user import SET_CS_USER
    from .default_number import SET_DEFAULT_NUMBER
    from .dialin_user import DISABLE_USER, ENABLE_USER, GET_USER, SET_USER
    from .direct_routing import DIRECT_ROUTING_COMMANDS
    from .graph_directory import GRAPH_DIRECTORY_COMMANDS
    from .graph_user import GRAPH_USER_COMMANDS
    from .licences import LICENCE_COMMANDS
    from .msol_user import MSOL_USER_COMMANDS
    from .online_user import GET_CS_TENANT, GET_ONLINE_USER
    from .phone_numbers import NUMBER_COMMANDS
    from .policies import POLICY_COMMANDS
    from .policy_packages import POLICY_PACKAGE_COMMANDS
    from .service_number import GET_LANGUAGES, GET_NUMBER, REGISTER_NUMBER, SET_NUMBER, UNREGISTER_NUMBER
    from .teams_policies import TEAMS_POLICY_COMMANDS
    from .tenant_settings import GET_CONFIGURATION, GET_SETTINGS, REMOVE_SETTINGS, SET_SETTINGS
    from .user_info import GET_USER_INFO, GET_USER_STATE
    from .voice_apps import VOICE_APP_COMMANDS
    from .voice_user import VOICE_USER_COMMANDS
    from .voicemail import VOICEMAIL_COMMANDS

    return (
        GET_USER,
        SET_USER,
        GET_SETTINGS,
        SET_SETTINGS,
        REMOVE_SETTINGS,
        GET_BRIDGE,
        SET_BRIDGE,
        GET_NUMBER,
        SET_NUMBER,
        REGISTER_NUMBER,
        UNREGISTER_NUMBER,
        SET_DEFAULT_NUMBER,
        GET_LANGUAGES,
        GET_CONFIGURATION,
        # The neighbourhood: the commands real scripts call around the family.
        GET_ONLINE_USER,
        GET_CS_TENANT,
        *LICENCE_COMMANDS,
        *GRAPH_USER_COMMANDS,
        *GRAPH_DIRECTORY_COMMANDS,
        *MSOL_USER_COMMANDS,
        *AZUREAD_COMMANDS,
        *CONNECTION_COMMANDS,
        *POLICY_COMMANDS,
        *TEAMS_POLICY_COMMANDS,
        *POLICY_PACKAGE_COMMANDS,
        *VOICE_USER_COMMANDS,
        *VOICE_APP_COMMANDS,
        *VOICEMAIL_COMMANDS,
        *DIRECT_ROUTING_COMMANDS,
        *NUMBER_COMMANDS,
        SET_CS_USER,
        ENABLE_USER,
        DISABLE_USER,
        GET_USER_INFO,
        GET_USER_STATE,
    )


def __getattr__(name: str) -> Any:
    """``COMMANDS`` and the classes load on first use, then are plain attributes."""
    if name == "COMMANDS":
        value: Any = _commands()
    elif name in _EXPORTS:
        value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


#: Each cmdlet's exact name by its lower-cased name (names are case-insensitive).
_BY_NAME = {name.lower(): name for name in _index.MODULES}


def find_command(name: str) -> CommandMetadata:
    """The command called ``name`` (case-insensitive), as PowerShell's command discovery.
    Only the module of its behaviour is imported (``_index.py`` names it).

    Raises:
        CommandNotFound: with the closest command names as the recommendation, so the admin
            articles' ``Set-CsOnlineDialInConferencingTenantSetting`` names its fix; none for
            a real MicrosoftTeams cmdlet (``teams_module``), which a script means as written.
    """
    exact = _BY_NAME.get(name.lower())
    if exact is not None:
        from .base import REGISTERED

        if exact not in REGISTERED:
            import_module(f"{__name__}.{_index.MODULES[exact]}")
        return REGISTERED[exact]
    import difflib

    from ..powershell.errors import CommandNotFound
    from .teams_module import MICROSOFT_TEAMS_COMMANDS

    # A real MicrosoftTeams cmdlet the emulator lacks is no near-miss of an emulated one.
    real = name.lower() in MICROSOFT_TEAMS_COMMANDS
    close = [] if real else difflib.get_close_matches(name.lower(), _BY_NAME, n=1, cutoff=0.8)
    hint = f"Did you mean '{_BY_NAME[close[0]]}'?" if close else ""
    raise CommandNotFound(name, target_object=name, command_name=name, recommended_action=hint)
