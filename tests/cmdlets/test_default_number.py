"""Set-CsOnlineDialInConferencingUserDefaultNumber (retired; its last reference page)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import AMOS, KEN, PILAR, Door, assert_fails, snapshot, user_of

from cscmdlets.cmdlets.demo import CONFERENCE_BRIDGE
from cscmdlets.powershell.errors import ErrorCategory

SET = "Set-CsOnlineDialInConferencingUserDefaultNumber"


def own_numbers(door: Door) -> dict[str, tuple[str | None, str | None]]:
    return {
        upn: (user_of(door.tenant, upn).service_number, user_of(door.tenant, upn).toll_free_service_number)
        for upn in (AMOS, KEN, PILAR)
    }


@pytest.mark.parametrize(
    "bridge",
    [
        pytest.param({"BridgeName": "Conference Bridge"}, id="by-name"),
        pytest.param({"BridgeId": str(CONFERENCE_BRIDGE.identity)}, id="by-id"),
    ],
)
def test_from_number_selects_users_by_their_invite_number(door: Door, bridge: dict[str, Any]) -> None:
    door(SET, FromNumber="14255550100", ToNumber="+12065550100", NumberType="Toll", **bridge)
    assert own_numbers(door) == {AMOS: ("12065550100", None), KEN: ("12065550100", None), PILAR: ("74955550100", None)}
    assert [kind for _, kind, _ in snapshot(door.tenant)["outbox"]] == ["ConferenceDetailsChanged"] * 2


def test_from_number_that_nobody_uses(door: Door) -> None:
    before = snapshot(door.tenant)
    door(SET, BridgeName="Conference Bridge", FromNumber="12065550100", ToNumber="14255550100", NumberType="Toll")
    assert snapshot(door.tenant) == before


def test_from_null_selects_users_without_a_number_of_their_own(door: Door) -> None:
    door("Set-CsOnlineDialInConferencingUser", KEN, TollFreeServiceNumber="18005550100")
    door(SET, BridgeName="Conference Bridge", FromNumber=None, ToNumber="18005550100", NumberType="TollFree")
    assert own_numbers(door)[AMOS] == (None, "18005550100")


def test_by_usage_location(door: Door) -> None:
    door(SET, CountryOrRegion="RU", BridgeId=str(CONFERENCE_BRIDGE.identity), ToNumber="12065550100", NumberType="Toll")
    assert own_numbers(door)[AMOS] == (None, None)  # US users are not selected


def test_to_number_must_be_on_the_bridge(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, BridgeName="Conference Bridge", ToNumber="442035550100", NumberType="Toll"),
        "ServiceNumberNotOnBridge",
        ErrorCategory.InvalidArgument,
        'The service number "442035550100" is not assigned to the conferencing bridge "Conference Bridge".',
        SET,
    )


def test_number_type_is_toll_or_toll_free(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, BridgeName="Conference Bridge", ToNumber="12065550100", NumberType="Local"),
        "InvalidSettingValue",
        ErrorCategory.InvalidArgument,
        'The value "Local" is not valid for NumberType. Valid values are: Toll, TollFree.',
        SET,
    )


def test_mandatory_parameters(door: Door) -> None:
    assert_fails(
        door.tenant,
        lambda: door(SET, BridgeId=str(CONFERENCE_BRIDGE.identity), FromNumber="14255550100", ToNumber="12065550100"),
        "MissingMandatoryParameter",
        ErrorCategory.InvalidArgument,
        "Cannot process command because of one or more missing mandatory parameters: NumberType.",
        SET,
    )


def test_from_null_with_bridge_id_binds(door: Door) -> None:
    """The documented example `-FromNumber $null -ToNumber … -NumberType TollFree -BridgeId …`:
    FromNumber is mandatory in UniqueBridgeParams and takes $null ([AllowNull()])."""
    door("Set-CsOnlineDialInConferencingUser", KEN, TollFreeServiceNumber="18005550100")
    door(SET, FromNumber=None, ToNumber="+18005550100", NumberType="TollFree", BridgeId=str(CONFERENCE_BRIDGE.identity))
    assert own_numbers(door) == {AMOS: (None, "18005550100"), KEN: (None, "18005550100"), PILAR: ("74955550100", None)}
