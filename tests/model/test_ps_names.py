"""Output objects answer to their PowerShell property names from Python; an error's category
prints as PowerShell prints it; tables and lists fit a width as PowerShell's views do."""

from __future__ import annotations

import pytest
from helpers import AMOS

import cscmdlets as cs
from cscmdlets.model.display import text_list, text_table


def test_output_objects_answer_to_powershell_names() -> None:
    [user] = cs.Tenant.demo().get_cs_online_dial_in_conferencing_user(AMOS)
    assert user.Identity == user.identity == AMOS
    assert user.ConferenceId == user.conference_id
    assert user.BridgeName == "Conference Bridge"
    with pytest.raises(AttributeError, match="Identityy"):
        _ = user.Identityy


def test_error_category_prints_its_name() -> None:
    with pytest.raises(cs.PowerShellError) as caught:
        cs.Tenant.demo().set_cs_online_dial_in_conferencing_user("nobody@contoso.com")
    category = caught.value.category
    assert (str(category), f"{category}", f"[{category:>15}]") == (
        "ObjectNotFound",
        "ObjectNotFound",
        "[ ObjectNotFound]",
    )
    assert int(category) == 13  # the engine's number, for the wire


ROWS = [
    {"Identity": "amos.marble@contoso.com", "DisplayName": "Amos Marble", "BridgeName": "Conference Bridge"},
    {"Identity": "ken.myer@contoso.com", "DisplayName": "Ken Myer", "BridgeName": "EMEA Bridge"},
]


def test_a_table_keeps_the_columns_that_fit_and_cuts_the_next() -> None:
    lines = text_table(ROWS, width=46).strip("\n").splitlines()
    assert lines[0].split() == ["Identity", "DisplayName", "BridgeName"]
    assert all(len(line) <= 46 for line in lines)
    assert lines[2] == "amos.marble@contoso.com Amos Marble Conferenc…"
    narrow = text_table(ROWS, width=30).strip("\n").splitlines()
    assert narrow[0].split() == ["Identity"]  # DisplayName has no room even for its name: dropped
    assert text_table(ROWS) == text_table(ROWS, width=200)  # room enough: unchanged


def test_a_list_wraps_long_values_under_the_value() -> None:
    long = {"Name": "x", "Notes": "word " * 12}
    text = text_list([long], width=30).strip("\n")
    assert text.splitlines() == [
        "Name  : x",
        "Notes : word word word word",
        "        word word word word",
        "        word word word word",
    ]
