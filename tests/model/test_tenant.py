"""PSModel's own shallow model_copy must behave exactly as pydantic's."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

import cscmdlets as cs
from cscmdlets.model import Bridge, DialInSettings, User


def _demo_models() -> list[BaseModel]:
    tenant = cs.Tenant.demo()
    return [next(iter(tenant.store.users())), tenant.store.bridges()[0], tenant.store.settings()]


@pytest.mark.parametrize(
    "update",
    [None, {}, {"name": "Renamed"}, {"pin_length": 7, "display_name": "Renamed"}],
    ids=["none", "empty", "one-field", "fields-not-set-before"],
)
def test_model_copy_matches_pydantic(update: dict[str, object] | None) -> None:
    for model in _demo_models():
        fields = {key: value for key, value in (update or {}).items() if key in type(model).model_fields}
        ours = model.model_copy(update=fields)
        theirs = BaseModel.model_copy(model, update=fields)
        assert ours == theirs and ours is not model
        assert ours.model_fields_set == theirs.model_fields_set
        assert model.model_fields_set == BaseModel.model_copy(model).model_fields_set  # the original's is kept
        assert ours.__dict__ is not model.__dict__  # a copy, not a view


def test_model_copy_leaves_the_original_alone() -> None:
    user = next(iter(cs.Tenant.demo().store.users()))
    changed = user.model_copy(update={"allow_toll_free_dial_in": not user.allow_toll_free_dial_in})
    assert changed.allow_toll_free_dial_in is not user.allow_toll_free_dial_in
    assert User.model_validate_json(changed.model_dump_json()) == changed


def test_deep_copy_is_pydantics() -> None:
    settings = DialInSettings()
    bridge = cs.Tenant.demo().store.bridges()[0]
    copied = settings.model_copy(deep=True)
    assert copied == settings and copied is not settings
    renamed = bridge.model_copy(deep=True, update={"name": "X"})
    assert isinstance(renamed, Bridge) and renamed.name == "X" and bridge.name != "X"
    assert renamed.identity == bridge.identity


def test_from_valid_builds_what_validation_builds() -> None:
    user = next(iter(cs.Tenant.demo().store.users()))
    values = {name: getattr(user, name) for name in User.model_fields}
    ours, validated = User.from_valid(**values), User(**values)
    assert ours == validated and ours.model_dump(by_alias=True) == validated.model_dump(by_alias=True)
    assert ours.model_fields_set == validated.model_fields_set and ours.__dict__ == validated.__dict__
    assert list(ours.__dict__) == list(validated.__dict__)


def test_from_valid_validates_what_is_not_every_field_in_order() -> None:
    bridge = Bridge.from_valid(name="B", identity="38aad667-af54-4397-aaa7-e94c79ec2308")  # order, and a str
    assert str(bridge.identity) == "38aad667-af54-4397-aaa7-e94c79ec2308" and bridge.region == "NOAM"
    with pytest.raises(ValueError, match="pin_length"):
        DialInSettings.from_valid(pin_length=3)
