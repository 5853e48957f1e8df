"""Set-CsUser: the Skype for Business-era way older Teams voice scripts enable a user for
Enterprise Voice and give them a number.

Reference page: https://learn.microsoft.com/powershell/module/teams/set-csuser. For Teams users in
commercial clouds its -EnterpriseVoiceEnabled, -OnPremLineURI and -HostedVoiceMail are
"deprecated" there in favour of Set-CsPhoneNumberAssignment, and -LineURI is documented for GCC
High and DoD only; HostedVoiceMail "is not required ... for Microsoft Teams users". The emulator
applies -EnterpriseVoiceEnabled and a number given with -LineURI or -OnPremLineURI as
Set-CsPhoneNumberAssignment does (same checks), warns that the parameter is deprecated, and
accepts -HostedVoiceMail without effect. The Skype for Business Server parameters of the page
(-AcpInfo, -AudioVideoDisabled, -PrivateLine, -LineServerURI, ...) are not emulated.
"""

from __future__ import annotations

from typing import Any

from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, Parameter
from .base import Invocation, cmdlet
from .common import DOMAIN_CONTROLLER, with_unemulated
from .online_user import online_user, teams_type
from .phone_numbers import rule_user_number

SET_CS_USER = with_unemulated(
    CommandMetadata(
        name="Set-CsUser",
        synopsis="Enables a user for Enterprise Voice and sets their number (deprecated: Set-CsPhoneNumberAssignment).",
        implementing_type=teams_type("Set-CsUser"),
        supports_should_process=True,
        parameters=(
            Parameter(
                "Identity",
                t.USER_ID,
                position=0,
                mandatory=True,
                from_pipeline_by_property_name=True,
                help="The user: SIP address, UPN, domain\\logon or display name.",
            ),
            Parameter("EnterpriseVoiceEnabled", t.BOOLEAN, help="Voice on or off."),
            Parameter("HostedVoiceMail", t.BOOLEAN, help="Accepted; not needed for Teams users."),
            Parameter("LineURI", t.STRING, help="The user's number, tel:+14255551297."),
            Parameter("OnPremLineURI", t.STRING, help="The user's number, tel:+14255551297."),
            Parameter("PassThru", t.SWITCH, help="Writes the user to the pipeline."),
            DOMAIN_CONTROLLER,
        ),
        examples=(
            Example(
                "Set-CsUser -Identity ken.myer@contoso.com -EnterpriseVoiceEnabled $true "
                "-OnPremLineURI tel:+14255551297",
                "Ken can make PSTN calls, on +1 425-555-1297.",
            ),
        ),
    )
)

_DEPRECATED = "EnterpriseVoiceEnabled", "LineURI", "OnPremLineURI", "HostedVoiceMail"


def rule_deprecated(call: Invocation) -> None:
    """The page's notes: these parameters are deprecated for Teams users; Set-CsPhoneNumberAssignment replaces them."""
    used = [name for name in _DEPRECATED if call.has(name)]
    if used:
        call.write_warning(
            f"Set-CsUser -{', -'.join(used)} is deprecated for Microsoft Teams users: "
            "use Set-CsPhoneNumberAssignment."  # inferred
        )


@cmdlet(SET_CS_USER)
def set_cs_user(call: Invocation) -> None:
    backend = call.backend
    user = backend.resolve_user(call.get("Identity"))
    updates: dict[str, Any] = {}
    number = call.get("LineURI", None) or call.get("OnPremLineURI", None)
    if number is not None:
        updates["line_uri"] = f"tel:+{rule_user_number(backend, user, number)}"
    if call.has("EnterpriseVoiceEnabled"):
        updates["enterprise_voice_enabled"] = call.get("EnterpriseVoiceEnabled")
    rule_deprecated(call)
    if not call.should_process(user.user_principal_name):
        return
    after = user.model_copy(update=updates)
    if updates:
        call.save_user(user, after, dict(call.values))
    if call.switch("PassThru"):
        call.write_output(online_user(backend, backend.store.policies(), after))
