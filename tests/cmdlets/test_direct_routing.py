"""Direct Routing configuration: PSTN usages, voice routes and PSTN gateways (SBCs) -- their
defaults, list modifiers, priorities, references that must exist, what cannot be removed while
in use, -WhatIf, reopening, through both doors and a set-up script."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Door, assert_fails, snapshot

import cscmdlets as cs
from cscmdlets.powershell.errors import ErrorCategory

SBC = "sbc1.contoso.com"


def set_up(door: Door) -> None:
    door("New-CsOnlinePSTNGateway", Fqdn=SBC, SipSignalingPort=5067, Enabled=True)
    door("Set-CsOnlinePstnUsage", "Global", Usage={"Add": ["UK-National", "UK-International"]})


def test_a_new_gateway_has_the_page_defaults(door: Door) -> None:
    [sbc] = door("New-CsOnlinePSTNGateway", Fqdn="sbc.contoso.com", SipSignalingPort=5061)
    assert (sbc.Identity, sbc.Fqdn, sbc.SipSignalingPort, sbc.Enabled) == ("sbc.contoso.com",) * 2 + (5061, False)
    assert (sbc.FailoverTimeSeconds, sbc.SendSipOptions, sbc.ForwardPai, sbc.FailoverResponseCodes) == (
        10,
        True,
        False,
        "408,503,504",
    )
    door("Set-CsOnlinePSTNGateway", "sbc.contoso.com", Enabled=True, MaxConcurrentSessions=100)
    [sbc] = door("Get-CsOnlinePSTNGateway", "SBC.contoso.com")
    assert (sbc.Enabled, sbc.MaxConcurrentSessions) == (True, 100)


def test_usages_take_a_list_modifier(door: Door) -> None:
    assert door("Get-CsOnlinePstnUsage")[0].Usage == ()
    set_up(door)
    door("Set-CsOnlinePstnUsage", Usage={"Remove": "UK-International"})
    [usages] = door("Get-CsOnlinePstnUsage", "Global")
    assert (usages.Identity, usages.Usage) == ("Global", ("UK-National",))


def test_routes_in_priority_order(door: Door) -> None:
    set_up(door)
    [national] = door(
        "New-CsOnlineVoiceRoute",
        "UK-National",
        NumberPattern=r"^\+44",
        OnlinePstnGatewayList=SBC,
        OnlinePstnUsages="UK-National",
    )
    assert (national.Name, national.Priority, national.OnlinePstnGatewayList) == ("UK-National", 0, (SBC,))
    door(
        "New-CsOnlineVoiceRoute",
        Name="UK-Intl",
        OnlinePstnGatewayList={"Add": SBC},
        OnlinePstnUsages={"Add": "UK-International"},
        Priority=0,
    )
    assert [(r.Identity, r.Priority) for r in door("Get-CsOnlineVoiceRoute")] == [("UK-Intl", 0), ("UK-National", 1)]
    door("Set-CsOnlineVoiceRoute", "UK-National", Priority=0, Description="first")
    assert [(r.Identity, r.Priority, r.Description) for r in door("Get-CsOnlineVoiceRoute")] == [
        ("UK-National", 0, "first"),
        ("UK-Intl", 1, None),
    ]
    door("Remove-CsOnlineVoiceRoute", "UK-National")
    assert [(r.Identity, r.Priority) for r in door("Get-CsOnlineVoiceRoute")] == [("UK-Intl", 0)]


def test_a_route_without_usages_or_gateways_warns(door: Door) -> None:
    streams = door.streams("New-CsOnlineVoiceRoute", "Route1")
    assert streams.output[0].NumberPattern == "[0-9]{10}"
    assert streams.warnings == [
        "The voice route Route1 has no online PSTN usages: no user's calls take it.",
        "The voice route Route1 has no online PSTN gateways: calls on it cannot go out.",
    ]


@pytest.mark.parametrize(
    ("command", "error_id", "category", "message"),
    [
        pytest.param(
            "New-CsOnlineVoiceRoute -Identity R -OnlinePstnUsages Nope",
            "ObjectNotFound",
            ErrorCategory.ObjectNotFound,
            'The online PSTN usage "Nope" does not exist.',
            id="route-unknown-usage",
        ),
        pytest.param(
            "New-CsOnlineVoiceRoute -Identity R -OnlinePstnGatewayList sbc9.contoso.com",
            "ObjectNotFound",
            ErrorCategory.ObjectNotFound,
            'The online PSTN gateway "sbc9.contoso.com" does not exist.',
            id="route-unknown-gateway",
        ),
        pytest.param(
            "New-CsOnlineVoiceRoute -Identity UK-National",
            "ObjectAlreadyExists",
            ErrorCategory.ResourceExists,
            'The online voice route "UK-National" already exists.',
            id="route-duplicate",
        ),
        pytest.param(
            f"Remove-CsOnlinePSTNGateway -Identity {SBC}",
            "ObjectInUse",
            ErrorCategory.InvalidOperation,
            f'The online PSTN gateway "{SBC}" is used by UK-National; remove it from there first.',
            id="gateway-in-use",
        ),
        pytest.param(
            'Set-CsOnlinePstnUsage -Usage @{Remove="UK-National"}',
            "ObjectInUse",
            ErrorCategory.InvalidOperation,
            'The online PSTN usage "UK-National" is used by UK-National, Tag:UK; remove it from there first.',
            id="usage-in-use",
        ),
        pytest.param(
            "New-CsOnlinePSTNGateway -Fqdn sbc2.contoso.com -SipSignalingPort 70000",
            "InvalidSipSignalingPort",
            ErrorCategory.InvalidArgument,
            "The SIP signaling port 70000 is not valid: use a value between 1 and 65535.",
            id="gateway-bad-port",
        ),
        pytest.param(
            "Get-CsOnlineVoiceRoute -Identity Nope",
            "ObjectNotFound",
            ErrorCategory.ObjectNotFound,
            'The online voice route "Nope" does not exist.',
            id="get-unknown-route",
        ),
    ],
)
def test_errors_change_nothing(
    tenant: cs.Tenant, command: str, error_id: str, category: ErrorCategory, message: str
) -> None:
    tenant.invoke(f"New-CsOnlinePSTNGateway -Fqdn {SBC} -SipSignalingPort 5067")
    tenant.invoke('Set-CsOnlinePstnUsage -Usage @{Add="UK-National"}')
    tenant.invoke(
        f"New-CsOnlineVoiceRoute -Identity UK-National -OnlinePstnUsages UK-National -OnlinePstnGatewayList {SBC}"
    )
    tenant.invoke("New-CsOnlineVoiceRoutingPolicy -Identity UK -OnlinePstnUsages UK-National")
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(command)
    assert (raised.value.error_id, raised.value.category, raised.value.message) == (error_id, category, message)
    assert snapshot(tenant) == before
    assert tenant.store.direct_routing() == before["direct_routing"]


def test_the_fqeid_names_the_cmdlet(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Remove-CsOnlinePSTNGateway", "nope.contoso.com"),
        "ObjectNotFound",
        ErrorCategory.ObjectNotFound,
        'The online PSTN gateway "nope.contoso.com" does not exist.',
        "Remove-CsOnlinePSTNGateway",
    )


def test_what_if_changes_nothing(tenant: cs.Tenant) -> None:
    before = tenant.store.direct_routing()
    result = tenant.run_script(
        f"New-CsOnlinePSTNGateway -Fqdn {SBC} -SipSignalingPort 5067 -WhatIf\n"
        'Set-CsOnlinePstnUsage -Usage @{Add="Local"} -WhatIf\n'
        "New-CsOnlineVoiceRoute -Identity R -WhatIf -WarningAction SilentlyContinue"
    )
    assert result.errors == []
    assert [line for line in result.host if line.startswith("What if:")] == [
        f'What if: Performing the operation "New-CsOnlinePSTNGateway" on target "{SBC}".',
        'What if: Performing the operation "Set-CsOnlinePstnUsage" on target "Global".',
        'What if: Performing the operation "New-CsOnlineVoiceRoute" on target "R".',
    ]
    assert tenant.store.direct_routing() == before


def test_the_configuration_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with cs.Tenant.open(path, seed="demo") as tenant:
        tenant.invoke(f"New-CsOnlinePSTNGateway -Fqdn {SBC} -SipSignalingPort 5067")
        tenant.invoke('Set-CsOnlinePstnUsage -Usage @{Add="Local"}')
        tenant.invoke(f"New-CsOnlineVoiceRoute -Identity Local -OnlinePstnUsages Local -OnlinePstnGatewayList {SBC}")
    with cs.Tenant.open(path) as reopened:
        assert [r.Identity for r in reopened.invoke("Get-CsOnlineVoiceRoute")] == ["Local"]
        assert reopened.invoke("Get-CsOnlinePstnUsage")[0].Usage == ("Local",)
        assert reopened.invoke("Get-CsOnlinePSTNGateway")[0].Identity == SBC


@pytest.mark.parametrize("usages", ["\ud800", ["Local", "\ud800"], {"Add": ["\ud800"]}], ids=["one", "list", "add"])
def test_a_usage_no_store_can_hold_is_refused_on_either_store(tenant: cs.Tenant, usages: object) -> None:
    """-OnlinePstnUsages takes any object; each usage must still be a string the store can write
    (a lone surrogate): refused as a string parameter refuses one, on the memory store as on SQLite."""
    assert_fails(
        tenant,
        lambda: tenant.Set_CsOnlineVoiceRoutingPolicy(Identity="Global", OnlinePstnUsages=usages),
        "CannotConvertArgumentNoMessage",
        ErrorCategory.InvalidArgument,
        "Cannot bind parameter 'OnlinePstnUsages'. Cannot convert value to type \"System.String\". Error: "
        '"The string holds an unpaired surrogate at position 0, which cannot be stored."',
        "Set-CsOnlineVoiceRoutingPolicy",
    )
