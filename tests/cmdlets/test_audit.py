"""The audit log: who changed what, from what, to what, when."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import AMOS, KEN, NOW, Door, fixed_clock, user_of

import cscmdlets as cs


def test_entry_fields(door: Door) -> None:
    before = user_of(door.tenant, AMOS)
    door("Set-CsOnlineDialInConferencingUser", AMOS, AllowTollFreeDialIn=False)
    [entry] = door.tenant.audit()
    assert entry.sequence == 1
    assert entry.actor == "admin"
    assert entry.command == "Set-CsOnlineDialInConferencingUser"
    assert entry.target == AMOS
    assert entry.parameters == {"AllowTollFreeDialIn": False}
    assert entry.before == {"AllowTollFreeDialIn": True}
    assert entry.after == {"AllowTollFreeDialIn": False}
    assert entry.at == NOW
    assert before.allow_toll_free_dial_in is True


def test_actor_and_clock_are_the_tenants() -> None:
    tenant = cs.Tenant.demo(actor="helpdesk@contoso.com", clock=fixed_clock())
    tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=6)
    tenant.set_cs_online_dial_in_conferencing_tenant_settings(pin_length=7)
    first, second = tenant.audit()
    assert (first.actor, first.sequence, second.sequence) == ("helpdesk@contoso.com", 1, 2)
    assert second.at - first.at == dt.timedelta(seconds=1)


def test_filters(door: Door) -> None:
    door("Set-CsOnlineDialInConferencingUser", AMOS, SendEmail=True)
    door("Set-CsOnlineDialInConferencingUser", KEN, AllowTollFreeDialIn=False)
    door("Set-CsOnlineDialInConferencingTenantSettings", PinLength=6)
    tenant = door.tenant
    assert [e.target for e in tenant.audit(target="KEN.MYER@contoso.com")] == [KEN]
    assert [e.target for e in tenant.audit(command="set-csonlinedialinconferencingtenantsettings")] == ["Global"]
    assert [e.sequence for e in tenant.audit(since=NOW + dt.timedelta(seconds=1))] == [2, 3]


def test_failed_and_what_if_calls_leave_no_entry(door: Door) -> None:
    with pytest.raises(cs.PowerShellError):
        door("Set-CsOnlineDialInConferencingUser", AMOS, ServiceNumber="442035550100")
    door.streams("Set-CsOnlineDialInConferencingUser", AMOS, ResetLeaderPin=True, WhatIf=True)
    assert door.tenant.audit() == []


def test_pin_never_in_the_audit(door: Door) -> None:
    [shown] = door("Set-CsOnlineDialInConferencingUser", AMOS, ResetLeaderPin=True)
    entries = door.tenant.audit()
    assert shown.leader_pin is not None and shown.leader_pin not in repr(entries)
    assert all("LeaderPinHash" not in (e.before or {}) and "LeaderPinHash" not in (e.after or {}) for e in entries)
