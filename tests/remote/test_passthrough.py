"""The passthrough against ``serve``: every cmdlet gives the emulator's results and errors.

Two identical demo tenants (same seed): one driven locally, one served on 127.0.0.1 and
driven through ``RemoteEngine`` with the unmodified pypsrp client. Each case runs on both,
in the same order, and must produce equal output models, error records and warnings.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS, find_command
from cscmdlets.cmdlets.teams_policies import FAMILIES
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.powershell.engine import Engine
from cscmdlets.powershell.errors import PowerShellError
from cscmdlets.remote import RemoteEngine

from .conftest import ServeFactory

DEFAULT_BRIDGE = "Conference Bridge"
TEAMS_POLICY_NOUNS = [family.noun for family in FAMILIES]
WRITABLE_NOUNS = [family.noun for family in FAMILIES if family.stored]
EMEA = "EMEA Bridge"

#: (command, keyword arguments) in the order they run; errors are part of the contract.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("Get-CsOnlineDialInConferencingUser", {}),
    ("Get-CsOnlineDialInConferencingUser", {"Identity": "amos.marble@contoso.com"}),
    ("Get-CsOnlineDialInConferencingUser", {"Identity": "nobody@contoso.com"}),
    ("Set-CsOnlineDialInConferencingUser", {"Identity": "amos.marble@contoso.com", "AllowTollFreeDialIn": False}),
    ("Set-CsOnlineDialInConferencingUser", {"Identity": "ken.myer@contoso.com", "ResetLeaderPin": True}),
    (
        "Set-CsOnlineDialInConferencingUser",
        {"Identity": "ken.myer@contoso.com", "ServiceNumber": "12065550100", "SendEmail": True},
    ),
    ("Set-CsOnlineDialInConferencingUser", {"Identity": "ken.myer@contoso.com", "ServiceNumber": "999"}),
    ("Set-CsOnlineDialInConferencingUser", {"Identity": "nobody@contoso.com", "AllowTollFreeDialIn": True}),
    ("Set-CsOnlineDialInConferencingUser", {"Identity": "pilar.ackerman@contoso.com", "BridgeName": EMEA}),
    (
        "Set-CsOnlineDialInConferencingUser",
        {"Identity": "user0000001@contoso.com", "ConferenceId": 4242424, "WhatIf": True},
    ),
    ("Get-CsOnlineDialInConferencingTenantSettings", {}),
    ("Set-CsOnlineDialInConferencingTenantSettings", {"PinLength": 7, "EnableNameRecording": False}),
    ("Set-CsOnlineDialInConferencingTenantSettings", {"PinLength": 40}),
    ("Get-CsOnlineDialInConferencingTenantSettings", {"Identity": "Global"}),
    ("Remove-CsOnlineDialInConferencingTenantSettings", {"Identity": "Global"}),
    ("Get-CsOnlineDialInConferencingBridge", {}),
    ("Get-CsOnlineDialInConferencingBridge", {"Name": EMEA}),
    ("Get-CsOnlineDialInConferencingBridge", {"Name": "No Such Bridge"}),
    ("Set-CsOnlineDialInConferencingBridge", {"Name": EMEA, "DefaultServiceNumber": "442035550100"}),
    ("Get-CsOnlineDialInConferencingServiceNumber", {}),
    ("Get-CsOnlineDialInConferencingServiceNumber", {"Identity": "14255550100"}),
    (
        "Set-CsOnlineDialInConferencingServiceNumber",
        {"Identity": "14255550100", "PrimaryLanguage": "fr-FR", "SecondaryLanguages": ("en-US", "de-DE")},
    ),
    ("Set-CsOnlineDialInConferencingServiceNumber", {"Identity": "14255550100", "PrimaryLanguage": "xx-XX"}),
    ("Unregister-CsOnlineDialInConferencingServiceNumber", {"Identity": "12065550100", "BridgeName": DEFAULT_BRIDGE}),
    ("Register-CsOnlineDialInConferencingServiceNumber", {"Identity": "12065550100", "BridgeName": DEFAULT_BRIDGE}),
    (
        "Set-CsOnlineDialInConferencingUserDefaultNumber",
        {"FromNumber": "14255550100", "ToNumber": "12065550100", "NumberType": "Toll", "BridgeName": DEFAULT_BRIDGE},
    ),
    ("Get-CsOnlineDialInConferencingLanguagesSupported", {}),
    ("Get-CsOnlineDialinConferencingTenantConfiguration", {}),
    ("Get-CsOnlineDialInConferencingUser", {"Identity": "ken.myer@contoso.com"}),
    # The neighbourhood: users, licences, policies, numbers.
    ("Get-CsOnlineUser", {"Filter": "Department -eq 'Sales'"}),
    ("Get-CsOnlineUser", {"Identity": "nobody@contoso.com"}),
    ("Get-CsTenant", {}),
    ("Get-MgUser", {"UserId": "ken.myer@contoso.com", "Property": ("Id", "AssignedLicenses")}),
    ("Get-MgUserLicenseDetail", {"UserId": "ken.myer@contoso.com"}),
    (
        "Set-MgUserLicense",
        {
            "UserId": "alex.darrow@contoso.com",
            "AddLicenses": [{"SkuId": "0c266dff-15dd-4b49-8397-2bb16070ed52"}],
            "RemoveLicenses": (),
        },
    ),
    ("Set-MgUserLicense", {"UserId": "alex.darrow@contoso.com", "AddLicenses": []}),
    ("Get-MgSubscribedSku", {"All": True}),
    ("Get-MsolUser", {"UserPrincipalName": "ken.myer@contoso.com"}),
    ("Set-MsolUserLicense", {"UserPrincipalName": "ken.myer@contoso.com", "RemoveLicenses": ("contoso:MCOMEETADV",)}),
    ("Get-MsolAccountSku", {}),
    ("Update-MgUser", {"UserId": "ken.myer@contoso.com", "UsageLocation": "GB", "Department": "Sales"}),
    ("Update-MgUser", {"UserId": "nobody@contoso.com", "UsageLocation": "GB"}),
    ("Set-MsolUser", {"UserPrincipalName": "ken.myer@contoso.com", "BlockCredential": True}),
    ("New-MsolLicenseOptions", {"AccountSkuId": "contoso:SPE_E5", "DisabledPlans": ("MCOEV",)}),
    ("Connect-AzureAD", {"AccountId": "admin@contoso.com"}),
    ("Connect-MsolService", {}),
    ("Connect-MicrosoftTeams", {"AccountId": "ops@contoso.com"}),
    ("Disconnect-MicrosoftTeams", {}),
    ("Get-MgContext", {}),
    ("Connect-MgGraph", {"Scopes": ("User.Read.All",)}),
    ("Get-MgContext", {}),
    ("Disconnect-MgGraph", {}),
    ("Disconnect-MgGraph", {}),
    ("Get-AzureADUser", {"SearchString": "ken"}),
    ("Get-AzureADUser", {"ObjectId": "nobody@contoso.com"}),
    ("Get-AzureADSubscribedSku", {}),
    (
        "Set-AzureADUserLicense",
        {
            "ObjectId": "pilar.ackerman@contoso.com",
            "AssignedLicenses": {"AddLicenses": [], "RemoveLicenses": ["0c266dff-15dd-4b49-8397-2bb16070ed52"]},
        },
    ),
    ("New-CsTeamsAudioConferencingPolicy", {"Identity": "EMEA Users", "AllowTollFreeDialin": False}),
    ("Set-CsTeamsAudioConferencingPolicy", {"Identity": "EMEA Users", "MeetingInvitePhoneNumbers": "+442035550100"}),
    ("Grant-CsTeamsAudioConferencingPolicy", {"Identity": "amos.marble@contoso.com", "PolicyName": "EMEA Users"}),
    ("Remove-CsTeamsAudioConferencingPolicy", {"Identity": "EMEA Users"}),
    ("Get-CsTeamsAudioConferencingPolicy", {}),
    ("Get-CsOnlineDialinConferencingPolicy", {}),
    ("Get-CsOnlineDialOutPolicy", {"Filter": "tag:*Domestic"}),
    ("Grant-CsDialoutPolicy", {"Identity": "ken.myer@contoso.com", "PolicyName": "DialoutCPCandPSTNDomestic"}),
    ("Get-CsOnlineTelephoneNumber", {"InventoryType": "Service"}),
    (
        "Set-CsPhoneNumberAssignment",
        {"Identity": "ken.myer@contoso.com", "TelephoneNumber": "+14255551234", "NumberType": "CallingPlan"},
    ),
    ("Get-CsPhoneNumberAssignment", {"Top": 3}),
    ("Remove-CsPhoneNumberAssignment", {"Identity": "ken.myer@contoso.com", "RemoveAll": True}),
    # The other Teams policy families, the policy sources, Set-CsUser and Graph's directory.
    ("New-CsOnlineVoiceRoutingPolicy", {"Identity": "World", "OnlinePstnUsages": ["International"]}),
    ("New-CsOnlineVoiceRoutingPolicy", {"Identity": "world"}),
    *((f"Get-{noun}", {}) for noun in TEAMS_POLICY_NOUNS),
    ("Get-CsTeamsMeetingPolicy", {"Identity": "NoSuchPolicy"}),
    *((f"Grant-{noun}", {"Identity": "ken.myer@contoso.com", "PolicyName": None}) for noun in TEAMS_POLICY_NOUNS),
    ("Grant-CsTeamsMeetingPolicy", {"Group": "Sales", "PolicyName": "AllOff", "Rank": 1}),
    ("Grant-CsTeamsCallingPolicy", {"PolicyName": "DisallowCalling", "Global": True}),
    ("Grant-CsOnlineVoiceRoutingPolicy", {"Identity": "amos.marble@contoso.com", "PolicyName": "World"}),
    ("Grant-CsTenantDialPlan", {"Identity": "amos.marble@contoso.com", "PolicyName": "NoSuchPlan"}),
    ("Get-CsUserPolicyAssignment", {"Identity": "amos.marble@contoso.com"}),
    ("Set-CsUser", {"Identity": "amos.marble@contoso.com", "EnterpriseVoiceEnabled": True, "WarningAction": "Ignore"}),
    ("Get-MgOrganization", {}),
    ("Get-MgGroup", {"Filter": "DisplayName eq 'Sales'"}),
    ("Get-MgGroupMember", {"GroupId": "30ef9a2c-c26c-5530-8035-4340b9ea8cef"}),  # Sales, in the demo tenant
    ("Get-CsOnlineDialInConferencingUserInfo", {"Select": "ConferencingProviderOther"}),
    ("Get-CsOnlineDialInConferencingUserState", {"Provider": "Microsoft"}),
    ("Disable-CsOnlineDialInConferencingUser", {"Identity": "ken.myer@contoso.com"}),
    ("Enable-CsOnlineDialInConferencingUser", {"Identity": "ken.myer@contoso.com", "SendEmail": True}),
    # New-, Set-, Remove- of the policy families, policy packages, voice users and apps, Direct Routing.
    *((f"New-{noun}", {"Identity": "Remote", "Description": "over serve"}) for noun in WRITABLE_NOUNS),
    *((f"Set-{noun}", {"Identity": "Tag:Remote", "Description": "changed"}) for noun in WRITABLE_NOUNS),
    *((f"Remove-{noun}", {"Identity": "Remote"}) for noun in WRITABLE_NOUNS),
    ("Set-CsTeamsMeetingPolicy", {"Identity": "Nope", "AllowMeetNow": False}),
    ("Get-CsPolicyPackage", {"Identity": "Education_Teacher"}),
    ("Grant-CsUserPolicyPackage", {"Identity": ["ken.myer@contoso.com"], "PackageName": "Education_Teacher"}),
    ("Get-CsUserPolicyPackage", {"Identity": "ken.myer@contoso.com"}),
    ("Get-CsOnlineVoiceUser", {"Identity": "ken.myer@contoso.com"}),
    ("Get-CsOnlineApplicationInstance", {}),
    ("New-CsOnlineApplicationInstance", {"UserPrincipalName": "helpdesk@contoso.com", "DisplayName": "Helpdesk"}),
    ("Set-CsOnlineApplicationInstance", {"Identity": "helpdesk@contoso.com", "OnpremPhoneNumber": "+14255550177"}),
    ("New-CsOnlineApplicationInstance", {"UserPrincipalName": "ken.myer@contoso.com"}),
    ("Get-CsCallQueue", {"NameFilter": "Sales"}),
    ("Get-CsAutoAttendant", {}),
    (
        "Set-CsPhoneNumberAssignment",
        {"Identity": "helpdesk@contoso.com", "PhoneNumber": "+14255550178", "NumberType": "CallingPlan"},
    ),
    ("Get-CsOnlineUser", {"AccountType": "ResourceAccount"}),
    ("Set-CsOnlineVoicemailUserSettings", {"Identity": "ken.myer@contoso.com", "CallAnswerRule": "PromptOnly"}),
    ("Get-CsOnlineVoicemailUserSettings", {"Identity": "sip:ken.myer@contoso.com"}),
    ("Set-CsOnlineVoicemailUserSettings", {"Identity": "ken.myer@contoso.com", "PromptLanguage": "xx-XX"}),
    ("Get-CsOnlineLisLocation", {"City": "Seattle"}),
    ("New-CsOnlinePSTNGateway", {"Fqdn": "sbc.contoso.com", "SipSignalingPort": 5061}),
    ("Set-CsOnlinePSTNGateway", {"Identity": "sbc.contoso.com", "Enabled": True}),
    ("Get-CsOnlinePSTNGateway", {}),
    ("Set-CsOnlinePstnUsage", {"Usage": {"Add": "Local"}}),
    ("Get-CsOnlinePstnUsage", {}),
    (
        "New-CsOnlineVoiceRoute",
        {"Identity": "Local", "OnlinePstnUsages": "Local", "OnlinePstnGatewayList": "sbc.contoso.com"},
    ),
    ("Set-CsOnlineVoiceRoute", {"Identity": "Local", "Priority": 0}),
    ("Get-CsOnlineVoiceRoute", {}),
    ("Remove-CsOnlinePSTNGateway", {"Identity": "sbc.contoso.com"}),
    ("Remove-CsOnlineVoiceRoute", {"Identity": "Local"}),
    ("Remove-CsOnlinePSTNGateway", {"Identity": "sbc.contoso.com"}),
]


def outcome(engine: Engine, command: BoundCommand) -> tuple[Any, ...]:
    """What a caller can observe of one call, in comparable form."""
    try:
        result = engine.invoke(command)
    except PowerShellError as error:
        return ("raised", type(error), error.fully_qualified_error_id, str(error), error.category)
    errors = [
        (type(r.error), r.fully_qualified_error_id, r.message, r.category, str(r.target_object)) for r in result.errors
    ]
    return ("ok", result.output, errors, result.warnings, result.host)


@pytest.fixture
def pair(serve_tenant: ServeFactory) -> Iterator[tuple[Engine, RemoteEngine]]:
    local = cs.Tenant.demo(users=3, seed=7)
    served = serve_tenant(cs.Tenant.demo(users=3, seed=7))
    engine = RemoteEngine(served.host())
    yield local.engine, engine
    engine.close()


def test_every_cmdlet_matches_the_emulator(pair: tuple[Engine, RemoteEngine]) -> None:
    local, remote = pair
    seen = set()
    for name, values in CASES:
        command = bind_keywords(find_command(name), values)
        expected = outcome(local, command)
        assert outcome(remote, command) == expected, (name, values)
        seen.add(name)
    assert seen == {m.name for m in COMMANDS}, "every cmdlet is driven through serve"


def test_outputs_are_the_emulators_models(remote: RemoteEngine) -> None:
    (user,) = remote.invoke(
        bind_keywords(find_command("Get-CsOnlineDialInConferencingUser"), {"Identity": "amos.marble@contoso.com"})
    ).output
    assert type(user) is cs.ConferencingUser
    assert isinstance(user.bridge_id, uuid.UUID) and isinstance(user.conference_id, int)


def test_instance_parameter_round_trips_a_model(pair: tuple[Engine, RemoteEngine]) -> None:
    local, remote = pair
    get = bind_keywords(find_command("Get-CsOnlineDialInConferencingBridge"), {"Name": EMEA})
    (bridge,) = remote.invoke(get).output
    command = bind_keywords(
        find_command("Set-CsOnlineDialInConferencingBridge"),
        {"Instance": bridge.model_copy(update={"default_service_number": "442035550100"})},
    )
    assert outcome(remote, command) == outcome(local, command)
    assert outcome(remote, get) == outcome(local, get)


def test_typo_fails_locally_before_anything_is_sent(served: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    session = cs.connect(remote=served.host())  # connect opens the pool: a bad password fails here
    try:
        assert isinstance(session.engine, RemoteEngine) and session.engine.session.is_open
        sent: list[Any] = []
        monkeypatch.setattr(session.engine, "run", lambda *args, **kwargs: sent.append(args))
        with pytest.raises(cs.PowerShellError) as raised:
            cs.set_cs_online_dial_in_conferencing_user(
                "amos.marble@contoso.com",
                alow_toll_free_dial_in=False,  # type: ignore[call-arg]  # the refused keyword is the point
            )
        assert raised.value.error_id == "NamedParameterNotFound"
        assert sent == []
    finally:
        cs.disconnect()


def test_warnings_go_to_the_result_and_logging(remote: RemoteEngine, caplog: pytest.LogCaptureFixture) -> None:
    command = bind_keywords(
        find_command("Set-CsOnlineDialInConferencingUser"),
        {"Identity": "amos.marble@contoso.com", "AllowTollFreeDialIn": False},
    )
    local = cs.Tenant.demo(users=20).engine.invoke(command)
    with caplog.at_level(logging.WARNING, logger="cscmdlets.remote"):
        result = remote.invoke(command)
    assert result.warnings == local.warnings
    assert [r.getMessage().split(": ", 1)[1] for r in caplog.records] == local.warnings


def test_connect_remote_drives_the_module_functions(serve_tenant: ServeFactory) -> None:
    served = serve_tenant()
    cs.connect(remote=served.host())
    try:
        users = cs.get_cs_online_dial_in_conferencing_user(identity="amos.marble@contoso.com")
        assert [u.identity for u in users] == ["amos.marble@contoso.com"]
        cs.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", allow_toll_free_dial_in=False)
        with pytest.raises(cs.PowerShellError) as raised:
            cs.set_cs_online_dial_in_conferencing_user("nobody@contoso.com", allow_toll_free_dial_in=False)
        assert raised.value.error_id == "UserNotFound"
    finally:
        cs.disconnect()
    (user,) = (
        cs.Tenant.get_cs_online_dial_in_conferencing_user(served.tenant, identity="amos.marble@contoso.com")
        if hasattr(cs.Tenant, "get_cs_online_dial_in_conferencing_user")
        else [None]
    )
    if user is not None:
        assert user.allow_toll_free_dial_in is False


def test_pool_is_kept_between_calls(remote: RemoteEngine, served: Any) -> None:
    command = bind_keywords(find_command("Get-CsOnlineDialInConferencingLanguagesSupported"), {})
    remote.invoke(command)
    shells = set(served.server.service.shells)
    remote.invoke(command)
    assert set(served.server.service.shells) == shells and len(shells) == 1
    remote.close()
    assert served.server.service.shells == {}


def test_a_bridges_service_numbers_cross_as_objects(remote: RemoteEngine) -> None:
    """Over PSRP a bridge's ServiceNumbers are objects of the number type (not hashtables), and
    come back as the same models the emulator writes."""
    get = bind_keywords(find_command("Get-CsOnlineDialInConferencingBridge"), {"Name": EMEA})
    (bridge,) = remote.invoke(get).output
    assert type(bridge) is cs.ConferencingBridge
    assert [type(n) for n in bridge.service_numbers] == [cs.ServiceNumber] * 3
    assert [(n.number, n.primary_language) for n in bridge.service_numbers] == [
        ("442035550100", "en-GB"),
        ("74955550100", "ru-RU"),
        ("448005550100", "en-GB"),
    ]
