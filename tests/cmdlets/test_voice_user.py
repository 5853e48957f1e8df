"""Get-CsOnlineVoiceUser: the voice users (enabled, PhoneSystem) with the output fields of its
reference page, its filters, an unknown user and an invalid value, through both doors."""

from __future__ import annotations

import uuid

import pytest
from helpers import AMOS, KEN, PILAR, Door

import cscmdlets as cs
from cscmdlets.cmdlets.demo import DEMO_TENANT_ID
from cscmdlets.powershell.errors import ErrorCategory

PHONE_SYSTEM_SKU = "e43b5b99-8dfb-405f-9987-dc307f34bcbd"  # MCOEV, Microsoft Teams Phone Standard


def give_phone_system(tenant: cs.Tenant, upn: str, number: str | None = None) -> None:
    tenant.invoke(f'Set-MgUserLicense -UserId {upn} -AddLicenses @{{SkuId="{PHONE_SYSTEM_SKU}"}} -RemoveLicenses @()')
    if number is not None:
        tenant.invoke(
            f"Set-CsPhoneNumberAssignment -Identity {upn} -PhoneNumber {number} -PhoneNumberType DirectRouting"
        )


def test_output_fields_follow_the_reference_page(door: Door) -> None:
    give_phone_system(door.tenant, KEN, "+14255550123")
    [ken] = door("Get-CsOnlineVoiceUser", Identity=KEN)
    assert list(ken.to_ps()) == [
        "Name",
        "Id",
        "SipDomain",
        "DataCenter",
        "TenantId",
        "PstnConnectivity",
        "UsageLocation",
        "EnterpriseVoiceEnabled",
        "Number",
        "Location",
    ]
    assert (ken.Name, ken.SipDomain, ken.TenantId, ken.PstnConnectivity, ken.Number) == (
        "Ken Myer",
        "contoso.com",
        DEMO_TENANT_ID,
        "OnPremises",
        "14255550123",
    )
    assert ken.EnterpriseVoiceEnabled is True
    assert isinstance(ken.Id, uuid.UUID)


def test_without_identity_only_voice_enabled_users(door: Door) -> None:
    assert door("Get-CsOnlineVoiceUser") == []
    give_phone_system(door.tenant, KEN, "+14255550123")
    give_phone_system(door.tenant, AMOS)
    assert [u.Name for u in door("Get-CsOnlineVoiceUser")] == ["Amos Marble", "Ken Myer"]
    assert [u.Name for u in door("Get-CsOnlineVoiceUser", NumberAssigned=True)] == ["Ken Myer"]
    assert [u.Name for u in door("Get-CsOnlineVoiceUser", NumberNotAssigned=True)] == ["Amos Marble"]
    assert [u.Name for u in door("Get-CsOnlineVoiceUser", EnterpriseVoiceStatus="Disabled")] == ["Amos Marble"]
    assert door("Get-CsOnlineVoiceUser", PSTNConnectivity="Online") == []
    assert [u.Name for u in door("Get-CsOnlineVoiceUser", First=1, Skip=1)] == ["Ken Myer"]
    assert door("Get-CsOnlineVoiceUser", LocationId="x") == []


def test_a_user_without_a_number(door: Door) -> None:
    [pilar] = door("Get-CsOnlineVoiceUser", Identity=PILAR)
    assert (pilar.Number, pilar.EnterpriseVoiceEnabled, pilar.Location) == (None, False, None)


@pytest.mark.parametrize(
    ("command", "error_id", "category"),
    [
        pytest.param(
            "Get-CsOnlineVoiceUser -Identity nobody@contoso.com", "UserNotFound", ErrorCategory.ObjectNotFound
        ),
        pytest.param(
            "Get-CsOnlineVoiceUser -EnterpriseVoiceStatus Maybe", "InvalidSettingValue", ErrorCategory.InvalidArgument
        ),
    ],
)
def test_errors(tenant: cs.Tenant, command: str, error_id: str, category: ErrorCategory) -> None:
    with pytest.raises(cs.PowerShellError) as raised:
        tenant.invoke(command)
    assert (raised.value.error_id, raised.value.category) == (error_id, category)


def test_the_classic_report(tenant: cs.Tenant) -> None:
    give_phone_system(tenant, KEN, "+14255550123")
    result = tenant.run_script(
        "Get-CsOnlineVoiceUser | Where-Object { $_.Number } | ForEach-Object { '{0};{1}' -f $_.Name, $_.Number }"
    )
    assert result.errors == []
    assert result.output == ["Ken Myer;14255550123"]
