"""-Tenant and -TenantDomain: this tenant is answered, any other one is not found (never this
tenant's data). The reference pages call both "reserved for internal Microsoft use"."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import AMOS, TENANT_ID, Door, assert_fails

from cscmdlets.powershell.errors import ErrorCategory

FOREIGN = "26efe125-c070-46f9-8ed0-fc02165a167c"  # the tenant in the Get-…Bridge reference example


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        pytest.param("Get-CsOnlineDialInConferencingBridge", {}, id="get-bridge"),
        pytest.param("Get-CsOnlineDialInConferencingUser", {"Identity": AMOS}, id="get-user"),
        pytest.param("Get-CsOnlineDialInConferencingTenantSettings", {}, id="get-settings"),
    ],
)
def test_own_tenant_is_answered(door: Door, command: str, arguments: dict[str, Any]) -> None:
    assert door(command, Tenant=str(TENANT_ID), **arguments) == door(command, **arguments)


@pytest.mark.parametrize(
    ("arguments", "shown"),
    [
        pytest.param({"Tenant": FOREIGN}, FOREIGN, id="tenant-id"),
        pytest.param({"TenantDomain": "fabrikam.onmicrosoft.com"}, "fabrikam.onmicrosoft.com", id="tenant-domain"),
    ],
)
def test_foreign_tenant_is_not_found(door: Door, arguments: dict[str, Any], shown: str) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Get-CsOnlineDialInConferencingBridge", **arguments),
        "TenantNotFound",
        ErrorCategory.ObjectNotFound,
        f'The tenant "{shown}" was not found.',
        "Get-CsOnlineDialInConferencingBridge",
    )


def test_a_foreign_tenant_changes_nothing(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door("Set-CsOnlineDialInConferencingUser", AMOS, Tenant=FOREIGN, ResetLeaderPin=True),
        "TenantNotFound",
        ErrorCategory.ObjectNotFound,
        f'The tenant "{FOREIGN}" was not found.',
        "Set-CsOnlineDialInConferencingUser",
    )


def test_own_domain_is_answered(door: Door) -> None:
    domain = door.tenant.info.domains[-1].upper()  # domains compare case-insensitively
    assert door("Get-CsOnlineDialInConferencingUser", AMOS, TenantDomain=domain)
