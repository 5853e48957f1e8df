"""Directory operations a real tenant has and the cmdlets do not cover: add/remove a
user, assign/remove the licence, change the provider. Each records a Change for the mail layer."""

from __future__ import annotations

import pytest
from helpers import ALEX, AMOS, DAVID, KEN, assert_fails, snapshot, user_of

import cscmdlets as cs
from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE
from cscmdlets.model import ChangeKind, Provider
from cscmdlets.powershell.errors import ErrorCategory


def kinds(tenant: cs.Tenant) -> list[tuple[str, tuple[ChangeKind, ...]]]:
    with tenant.store.transaction():
        return [(change.command, change.kinds) for change in tenant.store.changes()]


def outbox_kinds(tenant: cs.Tenant) -> list[str]:
    with tenant.store.transaction():
        return [entry.kind for entry in tenant.store.outbox()]


def test_add_licensed_user_enables_conferencing(tenant: cs.Tenant) -> None:
    [shown] = tenant.add_user("new.user@contoso.com", "New User")
    assert (shown.identity, shown.bridge_name, shown.leader_pin) == (
        "new.user@contoso.com",
        "Conference Bridge",
        "*****",
    )
    user = user_of(tenant, "new.user@contoso.com")
    assert user.bridge_id == CONFERENCE_BRIDGE.identity
    assert user.conference_id is not None and 1_000_000 <= user.conference_id <= 9_999_999
    assert user.leader_pin_hash is not None and user.leader_pin_length == 5
    assert (user.logon_name, user.sip_address) == ("contoso\\new.user", "sip:new.user@contoso.com")
    assert kinds(tenant) == [("Add-EmulatedUser", (ChangeKind.LICENSE_ASSIGNED,))]
    assert outbox_kinds(tenant) == ["ConferencingEnabled"]
    assert tenant.get_cs_online_dial_in_conferencing_user("New User")[0].identity == "new.user@contoso.com"


def test_add_unlicensed_user(tenant: cs.Tenant) -> None:
    tenant.add_user("guest@contoso.com", "Guest", licensed=False)
    user = user_of(tenant, "guest@contoso.com")
    assert (user.bridge_id, user.conference_id, user.leader_pin_hash) == (None, None, None)
    assert kinds(tenant) == [("Add-EmulatedUser", (ChangeKind.USER_ADDED,))]
    assert outbox_kinds(tenant) == []


def test_add_user_with_pstn_only_default(tenant: cs.Tenant) -> None:
    tenant.set_cs_online_dial_in_conferencing_tenant_settings(allow_pstn_only_meetings_by_default=True)
    tenant.add_user("new.user@contoso.com", "New User")
    assert user_of(tenant, "new.user@contoso.com").allow_pstn_only_meetings is True
    assert user_of(tenant, AMOS).allow_pstn_only_meetings is False  # existing users keep theirs


@pytest.mark.parametrize(
    ("upn", "error_id", "category", "message"),
    [
        pytest.param(
            AMOS,
            "UserAlreadyExists",
            ErrorCategory.ResourceExists,
            f'A user with the identity "{AMOS}" already exists.',
            id="duplicate",
        ),
        pytest.param(
            "not-an-address",
            "InvalidEmailAddress",
            ErrorCategory.InvalidArgument,
            'The value "not-an-address" given for UserPrincipalName is not a valid email address (<alias>@<domain>).',
            id="bad-upn",
        ),
    ],
)
def test_add_user_errors(tenant: cs.Tenant, upn: str, error_id: str, category: ErrorCategory, message: str) -> None:
    assert_fails(tenant, lambda: tenant.add_user(upn, "Someone"), error_id, category, message)


def test_remove_user(tenant: cs.Tenant) -> None:
    tenant.remove_user(KEN)
    assert [u.identity for u in tenant.get_cs_online_dial_in_conferencing_user()] == [
        AMOS,
        "pilar.ackerman@contoso.com",
    ]
    assert kinds(tenant) == [("Remove-EmulatedUser", (ChangeKind.USER_REMOVED,))]
    assert outbox_kinds(tenant) == []  # a removed user gets no email
    [entry] = tenant.audit()
    assert entry.before is not None and entry.before["UserPrincipalName"] == KEN and entry.after is None
    assert "LeaderPinHash" not in entry.before


def test_remove_unknown_user(tenant: cs.Tenant) -> None:
    assert_fails(
        tenant,
        lambda: tenant.remove_user("nobody@contoso.com"),
        "UserNotFound",
        ErrorCategory.ObjectNotFound,
        'Management object not found for identity "nobody@contoso.com".',
    )


def test_assign_license(tenant: cs.Tenant) -> None:
    tenant.assign_license(ALEX)
    user = user_of(tenant, ALEX)
    assert user.licensed and user.bridge_id == CONFERENCE_BRIDGE.identity and user.conference_id is not None
    assert kinds(tenant) == [("Add-EmulatedAudioConferencingLicense", (ChangeKind.LICENSE_ASSIGNED,))]
    assert outbox_kinds(tenant) == ["ConferencingEnabled"]
    tenant.assign_license(ALEX)  # already licensed: nothing more
    assert len(kinds(tenant)) == 1


def test_remove_license_releases_the_conference_id(tenant: cs.Tenant) -> None:
    conference_id = user_of(tenant, KEN).conference_id
    tenant.remove_license(KEN)
    user = user_of(tenant, KEN)
    assert not user.licensed
    assert (user.conference_id, user.leader_pin_hash, user.service_number) == (None, None, None)
    assert kinds(tenant) == [("Remove-EmulatedAudioConferencingLicense", (ChangeKind.LICENSE_REMOVED,))]
    assert outbox_kinds(tenant) == ["ConferencingRemoved"]
    assert conference_id is not None
    with pytest.warns(cs.CmdletWarning):
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, conference_id=conference_id)  # free again
    assert user_of(tenant, AMOS).conference_id == conference_id


@pytest.mark.parametrize(
    ("identity", "provider", "expected", "email"),
    [
        pytest.param(
            DAVID, "Microsoft", ChangeKind.PROVIDER_CHANGED_TO_MICROSOFT, "ConferencingEnabled", id="to-microsoft"
        ),
        pytest.param(
            AMOS,
            Provider.THIRD_PARTY,
            ChangeKind.PROVIDER_CHANGED_FROM_MICROSOFT,
            "ConferencingRemoved",
            id="to-third-party",
        ),
        pytest.param(AMOS, "None", ChangeKind.PROVIDER_CHANGED_FROM_MICROSOFT, "ConferencingRemoved", id="to-none"),
    ],
)
def test_set_provider(tenant: cs.Tenant, identity: str, provider: str, expected: ChangeKind, email: str) -> None:
    tenant.set_provider(identity, provider)
    assert user_of(tenant, identity).provider.value == str(provider)
    assert kinds(tenant) == [("Set-EmulatedConferencingProvider", (expected,))]
    assert outbox_kinds(tenant) == [email]


def test_set_provider_on_an_unlicensed_user_sends_nothing(tenant: cs.Tenant) -> None:
    tenant.set_provider(ALEX, "ThirdParty")
    assert kinds(tenant) == []
    assert user_of(tenant, ALEX).provider is Provider.THIRD_PARTY


def test_unknown_provider(tenant: cs.Tenant) -> None:
    assert_fails(
        tenant,
        lambda: tenant.set_provider(AMOS, "InterCall"),
        "InvalidSettingValue",
        ErrorCategory.InvalidArgument,
        'The value "InterCall" is not valid for Provider. Valid values are: Microsoft, ThirdParty, None.',
    )


def test_directory_operations_are_audited(tenant: cs.Tenant) -> None:
    tenant.add_user("new.user@contoso.com", "New User")
    tenant.remove_license(KEN)
    entries = tenant.audit()
    assert [(e.command, e.target) for e in entries] == [
        ("Add-EmulatedUser", "new.user@contoso.com"),
        ("Remove-EmulatedAudioConferencingLicense", KEN),
    ]
    assert entries[0].before is None and entries[0].after is not None
    assert entries[1].before is not None and entries[1].before["AudioConferencingLicensed"] is True
    assert entries[1].after is not None and entries[1].after["AudioConferencingLicensed"] is False


def test_failed_directory_operation_changes_nothing(tenant: cs.Tenant) -> None:
    before = snapshot(tenant)
    with pytest.raises(cs.PowerShellError):
        tenant.assign_license("nobody@contoso.com")
    assert snapshot(tenant) == before
