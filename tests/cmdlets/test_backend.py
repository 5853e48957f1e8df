"""The backend's generated values and its many-user reads."""

from __future__ import annotations

import random

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets.backend import Backend, user_difference
from cscmdlets.store.memory import MemoryStore


@pytest.mark.parametrize("length", [4, 5, 7, 12])
def test_a_pin_is_the_digits_random_choice_would_draw(length: int) -> None:
    """Seeded tenants keep their PINs: the same digits from the same state as ``choice``."""
    for seed in range(50):
        backend, reference = Backend(MemoryStore(), random.Random(seed)), random.Random(seed)
        pin, pin_hash, drawn_length = backend.new_pin(length)
        assert pin == "".join(reference.choice("0123456789") for _ in range(length))
        assert drawn_length == length and pin_hash.count("$") == 1
        reference.getrandbits(128)  # the salt
        assert backend.random.getstate() == reference.getstate()


def test_get_of_all_users_equals_each_user_shown_alone() -> None:
    """The per-bridge lookups shared by a Get of many users give what one user's view gives."""
    tenant = cs.Tenant.demo(users=3)
    tenant.set_cs_online_dial_in_conferencing_user("user0000002@contoso.com", allow_toll_free_dial_in=False)
    every = tenant.get_cs_online_dial_in_conferencing_user()
    with tenant.store.transaction():
        shown = {user.user_principal_name: user for user in tenant.store.users()}
        one_by_one = [tenant.backend.conferencing_user(shown[user.identity]) for user in every]
    assert [user.model_dump() for user in every] == [user.model_dump() for user in one_by_one]
    assert {user.bridge_name for user in every} == {"Conference Bridge", "EMEA Bridge"}
    assert [user.default_toll_free_number for user in every if user.identity.startswith("user0000002")] == [None]


@pytest.mark.parametrize(
    "update",
    [
        {},
        {"allow_toll_free_dial_in": False},
        {"allow_toll_free_dial_in": True},  # given, but the value it had
        {"conference_id": 7654321, "allow_pstn_only_meetings": True, "bridge_id": None},
        {"leader_pin_hash": "00$11", "leader_pin_length": 6, "display_name": "Amos M"},
    ],
)
def test_a_difference_told_which_fields_changed_is_the_whole_difference(update: dict[str, object]) -> None:
    """``changed`` only spares comparing the other fields: the audit views are the same, in order."""
    before = cs.Tenant.demo().backend.resolve_user("amos.marble@contoso.com")
    after = before.model_copy(update=update)
    hinted = user_difference(before, after, list(reversed(update)))
    assert hinted == user_difference(before, after)
    assert [list(view) for view in hinted if view is not None] == [
        list(view) for view in user_difference(before, after) if view is not None
    ]
