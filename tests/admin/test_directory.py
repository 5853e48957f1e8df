"""The users list's read model follows every change another connection makes: after each
change its answers equal those of a model loaded afresh from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscmdlets.admin.directory import SORT_KEYS, Directory, Query
from cscmdlets.cmdlets.demo import seed_demo
from cscmdlets.store.sqlite import SqliteStore
from cscmdlets.tenant import Tenant

CHANGES = [
    "Set-CsOnlineDialInConferencingUser -Identity user0000007@contoso.com -BridgeName 'EMEA Bridge'",
    "Set-CsOnlineDialInConferencingUser -Identity 'User 0000011' -ServiceNumber 12065550100",
    "Set-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com -TollFreeServiceNumber 18005550100",
    "Set-CsOnlineDialInConferencingTenantSettings -PinLength 6",
]


def answers(directory: Directory) -> list[list[str]]:
    queries = [Query(sort=key, descending=descending, size=100) for key in SORT_KEYS for descending in (False, True)]
    queries += [Query(search="user 00000"), Query(search="1206555"), Query(provider="ThirdParty")]
    return [[row.object_id + repr(row) for row in directory.search(query).rows] for query in queries]


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "tenant.db"
    store = SqliteStore(path)
    seed_demo(store, users=40)
    store.close()
    return path


def test_the_read_model_follows_changes_made_elsewhere(state: Path) -> None:
    followed = Directory(state)
    followed.warm()
    with Tenant.open(state) as tenant:
        for line in CHANGES:
            tenant.invoke(line)
            fresh = Directory(state)
            try:
                assert answers(followed) == answers(fresh), line
            finally:
                fresh.close()
        tenant.add_user("new.person@contoso.com", "New Person")
        tenant.remove_user("ken.myer@contoso.com")
        assert followed.search(Query(search="new person")).total == 1
        assert followed.search(Query(search="ken myer")).total == 0
    followed.close()


def test_a_number_search_finds_own_numbers_conference_ids_and_bridge_defaults(state: Path) -> None:
    directory = Directory(state)
    emea: dict[str, tuple[str, ...]] = {"d0": ("442035550100", "448005550100")}
    pilar = directory.search(Query(search="+7 495 555 0100"))
    assert [row.display_name for row in pilar.rows] == ["Pilar Ackerman"]
    assert directory.search(Query(search="4420 3555"), emea).total == 0  # no one is on bridge "d0"
    amos = directory.search(Query(search="amos")).rows[0]
    assert directory.search(Query(search=str(amos.conference_id))).rows == [amos]
    directory.close()


def test_a_bulk_run_elsewhere_is_read_again_in_one_pass(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cscmdlets.admin.directory as directory_module

    monkeypatch.setattr(directory_module, "_MOST_TARGETS", 3)
    directory = Directory(state)
    directory.warm()
    with Tenant.open(state) as tenant, tenant.transaction():
        for index in range(1, 6):
            tenant.invoke(
                f"Set-CsOnlineDialInConferencingUser -Identity user{index:07d}@contoso.com -BridgeName 'EMEA Bridge'"
            )
    from cscmdlets.cmdlets.demo import EMEA_BRIDGE

    on_emea = directory.search(Query(bridge=str(EMEA_BRIDGE.identity)))
    assert [row.display_name for row in on_emea.rows] == ["Pilar Ackerman"] + [f"User {i:07d}" for i in range(1, 6)]
    directory.close()
