"""Values both ways: normalised for pypsrp's serializer, results mapped back to models."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid

import pytest
from pydantic import SecretStr
from pypsrp.serializer import TaggedValue

import cscmdlets as cs
from cscmdlets.model import ConferencingUser, DialInSettings, Provider
from cscmdlets.remote import RemoteObject
from cscmdlets.remote.values import from_ps_object, normalise

USER_TYPE = "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.ConferencingUser"


class Size(enum.IntEnum):
    BIG = 7


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param((1, "a"), [1, "a"], id="tuple-to-list"),
        pytest.param(
            {
                "x",
            },
            ["x"],
            id="set-to-list",
        ),
        pytest.param(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "2026-01-02T03:04:05+00:00", id="datetime-iso"),
        pytest.param(Provider.MICROSOFT, "Microsoft", id="str-enum"),
        pytest.param(Size.BIG, 7, id="int-enum"),
        pytest.param({"k": (1,)}, {"k": [1]}, id="nested-dict"),
        pytest.param(5, 5, id="int32"),
        pytest.param(True, True, id="bool-stays-bool"),
    ],
)
def test_normalise_plain(value: object, expected: object) -> None:
    assert normalise(value) == expected


@pytest.mark.parametrize(
    ("value", "tag", "wire"),
    [
        pytest.param(5_000_000_000, "I64", 5_000_000_000, id="int64"),
        pytest.param(0.1, "Db", 0.1, id="double-not-single"),
        pytest.param(decimal.Decimal("1.10"), "D", "1.10", id="decimal"),
        pytest.param(SecretStr("p@ss"), "SS", "p@ss", id="secure-string"),
    ],
)
def test_normalise_tagged(value: object, tag: str, wire: object) -> None:
    tagged = normalise(value)
    assert isinstance(tagged, TaggedValue)
    assert (tagged.tag, tagged.value) == (tag, wire)


def test_deserialized_and_selected_prefixes_map_to_the_model() -> None:
    for prefix in ("", "Deserialized.", "Selected."):
        user = from_ps_object([prefix + USER_TYPE, "System.Object"], {"Identity": "a@contoso.com"})
        assert type(user) is ConferencingUser
        assert user.identity == "a@contoso.com"


def test_numbers_as_strings_are_coerced() -> None:
    user = from_ps_object([USER_TYPE], {"Identity": "a", "ConferenceId": "123456", "BridgeId": str(uuid.UUID(int=1))})
    assert user.conference_id == 123456
    assert user.bridge_id == uuid.UUID(int=1)


def test_unknown_properties_are_kept() -> None:
    user = from_ps_object([USER_TYPE], {"Identity": "a", "NewInModule6": "x"})
    assert isinstance(user, ConferencingUser)
    assert user.model_extra == {"NewInModule6": "x"}
    assert user.identity == "a"


def test_missing_properties_are_tolerated() -> None:
    user = from_ps_object([USER_TYPE], {"DisplayName": "No Identity"})
    assert isinstance(user, ConferencingUser)
    assert user.display_name == "No Identity"


def test_unknown_type_is_a_remote_object() -> None:
    obj = from_ps_object(["Deserialized.Foo.Bar", "System.Object"], {"A": 1}, "Foo")
    assert obj == RemoteObject(("Deserialized.Foo.Bar", "System.Object"), {"A": 1}, "Foo")
    assert obj["A"] == 1 and str(obj) == "Foo"


def test_models_round_trip_through_their_property_names() -> None:
    settings = DialInSettings(pin_length=7, allowed_dial_out_external_domains=("a.com",))
    back = from_ps_object(settings.ps_type_names, settings.model_dump(by_alias=True, mode="json"))
    assert back == settings


def test_nested_models_are_sent_as_objects_with_their_type_names() -> None:
    """A model's nested objects (a bridge's ServiceNumbers) go out as objects, as PowerShell
    serialises them, never as hashtables; the server writes them the same way."""
    from psrpcore import types as pst
    from pypsrp.complex_objects import GenericComplexObject

    from cscmdlets.remote.serve.objects import to_ps_object

    tenant = cs.Tenant.demo()
    (bridge,) = tenant.get_cs_online_dial_in_conferencing_bridge(name="EMEA Bridge")
    sent = normalise(bridge)
    numbers = sent.extended_properties["ServiceNumbers"]
    assert [type(n) for n in numbers] == [GenericComplexObject] * 3
    assert numbers[0].types[0] == "Microsoft.Rtc.Management.Hosted.Bridge.ConferencingServiceNumber"
    served = to_ps_object(bridge)
    (prop,) = [p for p in served.PSObject.adapted_properties if p.name == "ServiceNumbers"]
    wire = prop.get_value(served)
    assert all(isinstance(n, pst.PSObject) for n in wire)
    assert [p.get_value(wire[0]) for p in wire[0].PSObject.adapted_properties if p.name == "Number"] == ["442035550100"]
