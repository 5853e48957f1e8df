"""The cmdlet family: one module per noun, each driven by its CommandMetadata.

To add a cmdlet: write its module, add its metadata to ``COMMANDS`` (an explicit tuple, not
import-time discovery), add ``tests/cmdlets/test_<noun>.py``, and run ``python -m cscmdlets.stubgen``
(its functions' stubs and exports). Binding, help, lint, port, remote and serve pick it up unchanged.
"""

from __future__ import annotations

import difflib

from ..powershell.errors import CommandNotFound
from ..powershell.metadata import CommandMetadata
from .azuread import AZUREAD_COMMANDS
from .backend import Backend
from .base import Host, Invocation
from .bridge import GET_BRIDGE, SET_BRIDGE
from .default_number import SET_DEFAULT_NUMBER
from .dialin_user import DISABLE_USER, ENABLE_USER, GET_USER, SET_USER
from .directory import DIRECTORY_COMMANDS
from .engine import LocalEngine
from .graph_user import GRAPH_USER_COMMANDS
from .licences import LICENCE_COMMANDS
from .msol_user import MSOL_USER_COMMANDS
from .online_user import GET_CS_TENANT, GET_ONLINE_USER
from .phone_numbers import NUMBER_COMMANDS
from .policies import POLICY_COMMANDS
from .service_number import GET_LANGUAGES, GET_NUMBER, REGISTER_NUMBER, SET_NUMBER, UNREGISTER_NUMBER
from .tenant_settings import GET_CONFIGURATION, GET_SETTINGS, REMOVE_SETTINGS, SET_SETTINGS
from .user_info import GET_USER_INFO, GET_USER_STATE

__all__ = ["COMMANDS", "DIRECTORY_COMMANDS", "Backend", "Host", "Invocation", "LocalEngine", "find_command"]

COMMANDS: tuple[CommandMetadata, ...] = (
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
    *MSOL_USER_COMMANDS,
    *AZUREAD_COMMANDS,
    *POLICY_COMMANDS,
    *NUMBER_COMMANDS,
    ENABLE_USER,
    DISABLE_USER,
    GET_USER_INFO,
    GET_USER_STATE,
)

_BY_NAME = {command.name.lower(): command for command in COMMANDS}


def find_command(name: str) -> CommandMetadata:
    """The command called ``name`` (case-insensitive), as PowerShell's command discovery.

    Raises:
        CommandNotFound: with the closest command names as the recommendation, so the admin
            articles' ``Set-CsOnlineDialInConferencingTenantSetting`` names its fix.
    """
    command = _BY_NAME.get(name.lower())
    if command is not None:
        return command
    close = difflib.get_close_matches(name.lower(), _BY_NAME, n=1, cutoff=0.8)
    hint = f"Did you mean '{_BY_NAME[close[0]].name}'?" if close else ""
    raise CommandNotFound(name, target_object=name, command_name=name, recommended_action=hint)
