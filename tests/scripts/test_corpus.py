"""Every corpus script run, checked and ported: realistic admin scripts with asserted
final state — CSV-driven bulk changes, try/catch reporting, pipelines, splatting, and the admin
articles' one-liners with their typos (the Set-CsOnlineDialInConferencingUser and
…TenantSettings reference examples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import RunResult, run_script

from .conftest import CORPUS

SCRIPTS = sorted(p.name for p in CORPUS.glob("*.ps1"))


def run(name: str) -> tuple[cs.Tenant, RunResult]:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    return tenant, run_script(tenant.engine, Path(name), resolve_command=find_command)


def user(tenant: cs.Tenant, identity: str) -> cs.ConferencingUser:
    result: cs.ConferencingUser = tenant.get_cs_online_dial_in_conferencing_user(identity)[0]
    return result


def outbox(tenant: cs.Tenant) -> list[tuple[str, str]]:
    return [(str(entry.kind), entry.recipient) for entry in tenant.outbox]


def test_the_corpus_is_there() -> None:
    assert SCRIPTS == [
        "admin_articles.ps1",
        "bulk_reset_pins.ps1",
        "count_updates.ps1",
        "pipeline_bridge.ps1",
        "report_and_fix.ps1",
        "splat_tenant_settings.ps1",
        "switch_actions.ps1",
    ]


@pytest.mark.usefixtures("workdir")
def test_bulk_reset_pins() -> None:
    tenant, result = run("bulk_reset_pins.ps1")
    assert result.errors == []
    assert result.host == ["Skipping pilar.ackerman@contoso.com", "Updated 2 users; 1 failed."]
    assert result.warnings == [
        'Could not update nobody@contoso.com: Management object not found for identity "nobody@contoso.com".'
    ]
    assert user(tenant, "ken.myer@contoso.com").service_number == "12065550100"
    assert outbox(tenant) == [
        ("PinReset", "amos.marble@contoso.com"),
        ("ConferenceDetailsChanged", "ken.myer@contoso.com"),
    ]


@pytest.mark.usefixtures("workdir")
def test_pipeline_bridge() -> None:
    tenant, result = run("pipeline_bridge.ps1")
    assert result.errors == []
    assert [
        user(tenant, u).allow_toll_free_dial_in
        for u in ("amos.marble@contoso.com", "ken.myer@contoso.com", "pilar.ackerman@contoso.com")
    ] == [False, False, True]
    assert user(tenant, "pilar.ackerman@contoso.com").toll_free_service_number == "448005550100"
    assert outbox(tenant)[0] == ("ConferenceInfo", "amos.marble@contoso.com")


@pytest.mark.usefixtures("workdir")
def test_splat_tenant_settings() -> None:
    tenant, result = run("splat_tenant_settings.ps1")
    assert result.errors == []
    assert result.host == ["PIN length is now 7"]
    settings = tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0]
    assert (
        settings.pin_length,
        settings.automatically_send_emails_to_users,
        settings.enable_entry_exit_notifications,
    ) == (7, False, False)
    assert len(result.output[0].leader_pin) == 7
    assert outbox(tenant) == []  # automatic emails were turned off before the PIN reset


def test_report_and_fix(workdir: Path) -> None:
    tenant, result = run("report_and_fix.ps1")
    assert result.errors == []
    assert result.host == ["EMEA users: 1"]
    assert (workdir / "report.csv").read_text(encoding="utf-8").splitlines() == [
        '"Identity","Bridge","TollFree"',
        '"amos.marble@contoso.com","Conference Bridge","18005550100"',
        '"ken.myer@contoso.com","Conference Bridge","18005550100"',
        '"pilar.ackerman@contoso.com","EMEA Bridge","448005550100"',
    ]
    assert user(tenant, "pilar.ackerman@contoso.com").service_number == "442035550100"


@pytest.mark.usefixtures("workdir")
def test_admin_articles_run_and_their_typos_fail_where_powershell_fails() -> None:
    tenant, result = run("admin_articles.ps1")
    assert [(r.error_id, r.invocation.line_number, r.invocation.column) for r in result.errors] == [
        ("NamedParameterNotFound", 4, 36),
        ("PositionalParameterNotFound", 6, 53),
        ("NamedParameterNotFound", 9, 46),
        ("PositionalParameterNotFound", 11, 79),
    ]
    settings = tenant.get_cs_online_dial_in_conferencing_tenant_settings()[0]
    assert (settings.pin_length, settings.mask_pstn_numbers_type) == (8, "MaskedForAllUsers")
    assert settings.send_email_from_override is False
    assert user(tenant, "amos.marble@contoso.com").toll_free_service_number == "18005550100"
    assert outbox(tenant)[:2] == [
        ("ConferenceInfo", "amos.marble@contoso.com"),
        ("PinReset", "amos.marble@contoso.com"),
    ]


CHECKS = {
    "count_updates.ps1": [],
    "admin_articles.ps1": [
        (4, 36, "error", "NamedParameterNotFound"),
        (6, 53, "error", "PositionalParameterNotFound"),
        (9, 46, "error", "NamedParameterNotFound"),
        (11, 60, "error", "NamedParameterNotFound"),
        (11, 79, "error", "PositionalParameterNotFound"),
    ],
    "bulk_reset_pins.ps1": [],
    "pipeline_bridge.ps1": [],
    "report_and_fix.ps1": [],
    "splat_tenant_settings.ps1": [],
    "switch_actions.ps1": [],
}


def test_switch_actions(workdir: Path) -> None:
    tenant, result = run("switch_actions.ps1")
    assert result.errors == []  # nobody@contoso.com fails silently (-ErrorAction SilentlyContinue)
    assert [record.error_id for record in result.error_variable] == ["UserNotFound"]
    assert result.host == ["1 rows unchanged"]
    assert (workdir / "changes.log").read_text(encoding="utf-8") == "no change for pilar.ackerman@contoso.com\n"
    assert user(tenant, "ken.myer@contoso.com").service_number == "12065550100"
    assert outbox(tenant) == [
        ("PinReset", "amos.marble@contoso.com"),
        ("ConferenceDetailsChanged", "ken.myer@contoso.com"),
    ]


def test_count_updates(workdir: Path) -> None:
    tenant, result = run("count_updates.ps1")
    assert result.errors == [] and result.warnings == ["Skipped nobody@contoso.com"]
    assert (workdir / "changes.log").read_text(encoding="utf-8") == "Updated 2 users\n"
    assert user(tenant, "ken.myer@contoso.com").allow_toll_free_dial_in is False


@pytest.mark.parametrize("name", SCRIPTS)
def test_check_every_corpus_script(name: str) -> None:
    found = [(d.line, d.column, d.severity, d.error_id.split(",")[0]) for d in check_script(CORPUS / name)]
    assert found == CHECKS[name]


@pytest.mark.usefixtures("workdir")
def test_bulk_reset_in_one_transaction_on_both_stores(tenant: cs.Tenant) -> None:
    """`cscmdlets run` wraps the script in one transaction; each store keeps the same result."""
    with tenant.transaction():
        result = run_script(tenant.engine, Path("bulk_reset_pins.ps1"), resolve_command=find_command)
    assert result.host[-1] == "Updated 2 users; 1 failed."
    assert user(tenant, "ken.myer@contoso.com").service_number == "12065550100"
    assert outbox(tenant) == [
        ("PinReset", "amos.marble@contoso.com"),
        ("ConferenceDetailsChanged", "ken.myer@contoso.com"),
    ]
