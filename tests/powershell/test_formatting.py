"""Out-Default: table for up to four properties, list otherwise, JSON lines with real names."""

from __future__ import annotations

import json
import uuid

import cscmdlets as cs
from cscmdlets.powershell.formatting import format_default, format_json_lines, format_list, format_table, ps_display


def test_table_for_few_properties() -> None:
    objects = [
        cs.ConferencingLanguage(id="en-US", name="English (United States)"),
        cs.ConferencingLanguage(id="ru-RU", name="Russian"),
    ]
    assert format_default(objects) == ("\nId    Name\n--    ----\nen-US English (United States)\nru-RU Russian\n")


def test_numbers_are_right_aligned() -> None:
    assert format_table([{"Name": "a", "Count": 5}, {"Name": "bb", "Count": 123}]) == (
        "\nName Count\n---- -----\na        5\nbb     123\n"
    )


def test_list_for_many_properties(memory_tenant: cs.Tenant) -> None:
    [bridge] = memory_tenant.get_cs_online_dial_in_conferencing_bridge(name="EMEA Bridge")
    assert format_default([bridge]) == (
        f"\nIdentity             : {bridge.identity}\nName                 : EMEA Bridge\nRegion               : EMEA\n"
        "IsDefault            : False\nIsShared             : False\nDefaultServiceNumber : 442035550100\n"
        "ServiceNumbers       : {442035550100, 74955550100, 448005550100}\n"
    )
    assert format_list([bridge], ["Name"]) == "\nName : EMEA Bridge\n"


def test_display_of_values() -> None:
    values: tuple[object, ...] = (None, True, False, ("en-US", "ja-JP"), [], 7)
    assert [ps_display(v) for v in values] == [
        "",
        "True",
        "False",
        "{en-US, ja-JP}",
        "{}",
        "7",
    ]


def test_scalars_print_as_themselves() -> None:
    assert format_default(["a", 1]) == "a\n1"


def test_json_lines_use_the_powershell_names(memory_tenant: cs.Tenant) -> None:
    users = memory_tenant.get_cs_online_dial_in_conferencing_user()
    rows = [json.loads(line) for line in format_json_lines(users).splitlines()]
    assert [row["Identity"] for row in rows] == [u.identity for u in users]
    assert rows[0]["AllowPstnOnlyMeeting"] is False and rows[0]["LeaderPin"] == "*****"
    assert uuid.UUID(rows[0]["BridgeId"]) == users[0].bridge_id
    assert json.loads(format_json_lines([{"Id": uuid.UUID(int=1)}])) == {"Id": str(uuid.UUID(int=1))}


def test_graph_users_show_the_sdks_table_view(memory_tenant: cs.Tenant) -> None:
    """Get-MgUser's objects print as the Graph SDK's format file lays them out: DisplayName, Id,
    Mail and UserPrincipalName, as a table, however many properties they hold."""
    users = memory_tenant.get_mg_user(top=2, property=["DisplayName", "Department", "AssignedLicenses"])
    text = format_default(users)
    assert text.splitlines()[1].split() == ["DisplayName", "Id", "Mail", "UserPrincipalName"]
    assert text.splitlines()[3].startswith("Amos Marble ")
    assert format_table(users, ["DisplayName"]).splitlines()[1] == "DisplayName"


def test_a_nested_object_shows_its_to_string(memory_tenant: cs.Tenant) -> None:
    """A property holding objects shows each one's ToString(): a Graph model's type name."""
    (sku,) = [s for s in memory_tenant.get_mg_subscribed_sku(all=True) if s.sku_part_number == "MCOMEETADV"]
    lines = format_list([sku], ["PrepaidUnits", "ServicePlans"]).splitlines()
    assert lines[1:] == [
        "PrepaidUnits : Microsoft.Graph.PowerShell.Models.MicrosoftGraphLicenseUnitsDetail",
        "ServicePlans : {Microsoft.Graph.PowerShell.Models.MicrosoftGraphServicePlanInfo}",
    ]


def test_doubles_show_as_dotnet_writes_them() -> None:
    """A double shows its shortest round-trip digits, a whole one without ``.0``, large and tiny
    ones with an ``E`` exponent (System.Double.ToString, "Remarks"): ``[math]::Round(2.5)`` is 2."""
    assert format_default([2.0, 2.5, 1e20, 1e15, 0.00001, 0.1 + 0.2]) == (
        "2\n2.5\n1E+20\n1E+15\n1E-05\n0.30000000000000004"
    )
    assert format_table([{"Average": 2.0}]) == "\nAverage\n-------\n      2\n"
