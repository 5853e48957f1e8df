"""Member access on collections and nested objects, as PowerShell reads it
(about_Member-Access_Enumeration; EnumerableOps.PropertyGetter in PowerShell's engine)."""

from __future__ import annotations

from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.scripts.runner import Runner


def run(text: str) -> list[Any]:
    result = Runner(cs.Tenant.demo().engine).run(text)
    assert result.errors == []
    return result.output


def test_a_members_collections_are_flattened_into_one_list() -> None:
    """``$users.AssignedLicenses.SkuId``: every user's licences' SKU ids in one flat list, as
    licence reports count them."""
    per_user = run("(Get-MgUser -All -Property Id,AssignedLicenses) | ForEach-Object { @($_.AssignedLicenses).Count }")
    flat = run(
        "$users = Get-MgUser -All -Property Id,AssignedLicenses\n"
        "$ids = $users.AssignedLicenses.SkuId\n"
        "$ids.Count; @($ids | Where-Object { $_ -is [string] }).Count\n"
        "@((Get-MgUser -All -Property AssignedLicenses).AssignedLicenses.SkuId).Count"
    )
    assert flat == [sum(per_user)] * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("@([pscustomobject]@{N=1,2}, [pscustomobject]@{N=3}).N.Count", 3, id="flattened"),
        pytest.param("@([pscustomobject]@{N=1}, $null, [pscustomobject]@{N=2}).N.Count", 2, id="null-element-dropped"),
        pytest.param("@([pscustomobject]@{N=1}, [pscustomobject]@{M=2}).N.Count", 1, id="missing-member-dropped"),
        pytest.param("@([pscustomobject]@{N='abc'}).N.Length", 3, id="one-result-is-the-value"),
        pytest.param("(@(@([pscustomobject]@{N=1}), @([pscustomobject]@{N=2})).N) -join ','", "1,2", id="nested"),
        pytest.param("$null -eq @([pscustomobject]@{M=1}).N", True, id="none-is-null"),
    ],
)
def test_member_enumeration(text: str, expected: Any) -> None:
    assert run(text) == [expected]


def test_a_bridges_service_numbers_are_objects_a_script_selects_from() -> None:
    """``$bridge.ServiceNumbers | Select-Object Number, PrimaryLanguage`` and ``.Number``, as
    scripts written for Get-CsOnlineDialInConferencingBridge read them."""
    output = run(
        "$b = Get-CsOnlineDialInConferencingBridge -Name 'EMEA Bridge'\n"
        "$b.ServiceNumbers | Select-Object Number, PrimaryLanguage |\n"
        '    ForEach-Object { "$($_.Number)/$($_.PrimaryLanguage)" }\n'
        "$b.ServiceNumbers.Number -join ','\n"
        "($b.ServiceNumbers | Where-Object { $_.Number -eq '74955550100' }).City"
    )
    assert output == [
        "442035550100/en-GB",
        "74955550100/ru-RU",
        "448005550100/en-GB",
        "442035550100,74955550100,448005550100",
        "Moscow",
    ]


def test_a_skus_prepaid_units_and_plans_are_objects() -> None:
    """Licence reports compute ``$sku.PrepaidUnits.Enabled - $sku.ConsumedUnits`` and list
    ``$sku.ServicePlans.ServicePlanName`` (Get-MgSubscribedSku, microsoft.graph.subscribedSku)."""
    output = run(
        "$sku = Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq 'MCOMEETADV'\n"
        "$sku.PrepaidUnits.Enabled - $sku.ConsumedUnits\n"
        "$sku.PrepaidUnits.GetType().FullName\n"
        "$sku.ServicePlans.ServicePlanName\n"
        '"$($sku.PrepaidUnits)"'
    )
    units = "Microsoft.Graph.PowerShell.Models.MicrosoftGraphLicenseUnitsDetail"
    assert output[1:] == [units, "MCOMEETADV", units]
    assert isinstance(output[0], int) and output[0] > 0


def test_a_stopwatch_times_the_run_and_stops() -> None:
    """``[Diagnostics.Stopwatch]::StartNew()``, as scripts time themselves: Elapsed is a TimeSpan,
    Stop freezes it, Reset zeroes it; the methods write nothing."""
    script = """
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $running = $sw.IsRunning
    $sw.Stop()
    $frozen = $sw.ElapsedTicks
    foreach ($i in 1..2000) { $null = "spin $i" }
    $sw.ElapsedTicks -eq $frozen
    "$running $($sw.IsRunning) $($sw.Elapsed.GetType().Name) $($sw.Elapsed.TotalSeconds -lt 60)"
    $watch = New-Object System.Diagnostics.Stopwatch
    $watch.Start(); foreach ($i in 1..2000) { $null = "spin $i" }; $watch.Stop()
    $watch.ElapsedTicks -gt 0
    $watch.Reset(); "$($watch.ElapsedMilliseconds) $($watch.GetType().FullName)"
    """
    assert cs.Tenant.demo().run_script(script).output == [
        True,
        "True False TimeSpan True",
        True,
        "0 System.Diagnostics.Stopwatch",
    ]
