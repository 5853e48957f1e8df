"""Regressions: library bugs the reliability suite found, pinned with their exact inputs.

Each test states the correct behaviour (a PowerShellError, the tenant unchanged and still
usable). The inputs came from the property-based tests of test_bad_input.py.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.store.memory import MemoryStore
from cscmdlets.store.sqlite import SqliteStore

from .support import sqlite_dump, store_snapshot

AMOS = "amos.marble@contoso.com"
Call = Callable[[cs.Tenant], Any]


CASES = [
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_bridge(name="Conference Bridge", default_service_number=None),
        id="bridge-default-number-null-python",
    ),
    pytest.param(
        lambda t: t.Set_CsOnlineDialInConferencingBridge(Name="Conference Bridge", DefaultServiceNumber=None),
        id="bridge-default-number-null-twin",
    ),
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_service_number("14255550100", primary_language=None),
        id="number-primary-language-null-python",
    ),
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_user(AMOS, bridge_name=10**5000),
        id="huge-integer-to-string-parameter",
    ),
    pytest.param(
        lambda t: t.Set_CsOnlineDialInConferencingTenantSettings(PinLength="1" * 5000), id="5000-digit-text-to-uint32"
    ),
    pytest.param(
        lambda t: t.invoke("Set-CsOnlineDialInConferencingTenantSettings -PinLength " + "1" * 5000),
        id="5000-digit-literal-to-uint32-powershell",
    ),
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_user(AMOS, conference_id=float("inf")), id="infinity-to-int32"
    ),
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_user(AMOS, conference_id=float("nan")), id="nan-to-int32"
    ),
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_user(AMOS, conference_id="1e999"), id="1e999-text-to-int32"
    ),
    pytest.param(
        lambda t: t.invoke("Set-CsOnlineDialInConferencingTenantSettings -PinLength 1e999"),
        id="1e999-literal-to-uint32-powershell",
    ),
    pytest.param(
        lambda t: t.register_cs_online_dial_in_conferencing_service_number("12065550123", confirm=True),
        id="confirm-keyword-on-register",
    ),
    pytest.param(
        lambda t: t.unregister_cs_online_dial_in_conferencing_service_number("12065550100", what_if=True),
        id="what-if-keyword-on-unregister",
    ),
    pytest.param(
        lambda t: t.set_cs_online_dial_in_conferencing_user(
            AMOS,
            send_email=True,
            send_email_from_address="admin@contoso.com",
            send_email_from_display_name="Admin \ud800",
        ),
        id="lone-surrogate-in-sender-name",
    ),
    pytest.param(
        lambda t: t.register_cs_online_dial_in_conferencing_service_number("12065550123"),
        id="control-valid-call-succeeds",
    ),
    pytest.param(
        lambda t: t.Register_CsOnlineDialInConferencingServiceNumber("12065550123", Confirm=True),
        id="control-twin-confirm-is-a-powershell-error",
    ),
]


def _call(tenant: cs.Tenant, call: Call) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            call(tenant)
        except cs.PowerShellError as error:
            return error.error_id
    return None


@pytest.mark.parametrize("call", CASES)
def test_bad_input_gives_a_powershell_error_and_changes_nothing(call: Call) -> None:
    tenant = cs.Tenant.demo(store=MemoryStore())
    before = store_snapshot(tenant.store)
    if _call(tenant, call) is not None:
        assert store_snapshot(tenant.store) == before


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda t: t.set_cs_online_dial_in_conferencing_user("amos\ud800"), id="identity-python"),
        pytest.param(
            lambda t: t.invoke("Set-CsOnlineDialInConferencingUser -Identity 'amos\ud800'"), id="identity-powershell"
        ),
    ],
)
def test_a_lone_surrogate_on_a_sqlite_tenant_is_a_powershell_error(tmp_path: Path, call: Call) -> None:
    """SqliteStore binds the identity as a query parameter: sqlite3 raises UnicodeEncodeError,
    which SqliteStore._execute does not turn into a StoreError (it catches sqlite3.Error)."""
    path = tmp_path / "tenant.db"
    tenant = cs.Tenant.demo(store=SqliteStore(path))
    before = sqlite_dump(path)
    assert _call(tenant, call) is not None
    assert sqlite_dump(path) == before


def test_a_failed_commit_leaves_the_sqlite_tenant_usable(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    tenant = cs.Tenant.demo(store=SqliteStore(path))
    before = sqlite_dump(path)
    with pytest.raises(cs.PowerShellError):
        tenant.set_cs_online_dial_in_conferencing_tenant_settings(send_email_from_display_name="Admin \ud800")
    assert sqlite_dump(path) == before
    tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
    assert len(tenant.audit()) == 1
