"""UserIndex against a plain reference: any sequence of puts leaves it answering every lookup
(each identity form, each seat) as a brute-force search over the users would."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from cscmdlets.model import User
from cscmdlets.store.index import UserIndex

BRIDGE = uuid.UUID("11111111-2222-4333-8444-555555555555")
ALIASES = ("ann", "bob", "cat")
NAMES = ("Ann", "Bob", "Shared, Name", "X,CN=Users,DC=contoso")
SEATS = (None, 1111111, 2222222)


def user(alias: str, name: str, sip: str, seat: int | None) -> User:
    upn = f"{alias}@contoso.com"
    return User(
        object_id=uuid.uuid5(uuid.NAMESPACE_DNS, upn),
        user_principal_name=upn,
        sip_address=f"sip:{sip}@contoso.com",
        display_name=name,
        logon_name=f"contoso\\{alias}",
        bridge_id=BRIDGE if seat else None,
        conference_id=seat,
    )


puts = st.lists(
    st.tuples(
        st.sampled_from(ALIASES),
        st.one_of(st.none(), st.tuples(st.sampled_from(NAMES), st.sampled_from(ALIASES), st.sampled_from(SEATS))),
    ),
    max_size=25,
)


Step = tuple[str, tuple[str, str, int | None] | None]


@settings(max_examples=300, deadline=None)
@given(puts)
def test_the_index_answers_as_a_search_of_its_users(steps: list[Step]) -> None:
    index = UserIndex()
    users: dict[uuid.UUID, User] = {}
    owners: dict[tuple[uuid.UUID, int], uuid.UUID] = {}  # a seat's owner: the last user put on it
    for alias, state in steps:
        object_id = uuid.uuid5(uuid.NAMESPACE_DNS, f"{alias}@contoso.com")
        new = None if state is None else user(alias, *state)
        old = users.pop(object_id, None)
        if old is not None and old.conference_id is not None:
            held = (BRIDGE, old.conference_id)
            if owners.get(held) == object_id:
                del owners[held]
        if new is not None:
            users[object_id] = new
            if new.conference_id is not None:
                owners[(BRIDGE, new.conference_id)] = object_id
        index.put(object_id, new)

        assert index.users == users
        assert index.conference_ids == owners
        every_key = {key for u in users.values() for key in u.identity_keys()} | {"nobody", "cn=ann"}
        for key in every_key:
            expected = sorted(str(u.object_id) for u in users.values() if key in u.identity_keys())
            found = index.find(key)
            assert sorted(str(u.object_id) for u in found) == expected, key
            assert all(u is users[u.object_id] for u in found)  # each user's current version
