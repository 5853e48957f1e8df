"""Streaming pipelines: each object passes through every command before the next is made, and
the output of a top-level statement is shown as it is written (about_Pipelines;
about_Functions_Advanced_Methods). ``events`` keeps the order in which the run wrote its
streams, so the interleaving of host lines and output objects shows the order the commands ran.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.scripts.runner import Runner, RunResult

AMOS = "amos.marble@contoso.com"

STAGES = """
function f {
    begin { Write-Host 'begin' }
    process { Write-Host "p:$_"; "f:$_" }
    end { Write-Host 'end' }
}
"""


def run(text: str) -> RunResult:
    return Runner(cs.Tenant.demo().engine).run(text)


def streams(result: RunResult) -> list[tuple[str, Any]]:
    return [(kind, item) for kind, item in result.events if kind in ("host", "output")]


def test_a_function_mid_pipeline_runs_begin_then_each_object_then_end() -> None:
    """All begin blocks first, then each object through every stage, then the end blocks in order."""
    result = run(STAGES + '1,2 | ForEach-Object { Write-Host "fe:$_"; "a$_" } | f')
    assert streams(result) == [
        ("host", "begin"),
        ("host", "fe:1"),
        ("host", "p:a1"),
        ("output", "f:a1"),
        ("host", "fe:2"),
        ("host", "p:a2"),
        ("output", "f:a2"),
        ("host", "end"),
    ]


def test_begin_blocks_run_in_pipeline_order_and_end_output_flows_on() -> None:
    result = run(
        STAGES + "1 | ForEach-Object -Begin { Write-Host 'b0' } -Process { $_ } -End { Write-Host 'e0'; 'last' } | f"
    )
    assert streams(result) == [
        ("host", "b0"),
        ("host", "begin"),
        ("host", "p:1"),
        ("output", "f:1"),
        ("host", "e0"),
        ("host", "p:last"),
        ("output", "f:last"),
        ("host", "end"),
    ]


def test_top_level_output_is_written_between_the_host_lines_around_it() -> None:
    result = run('1..3 | ForEach-Object { Write-Host "making $_"; $_ } | Where-Object { $_ -ne 2 }')
    assert streams(result) == [
        ("host", "making 1"),
        ("output", 1),
        ("host", "making 2"),
        ("host", "making 3"),
        ("output", 3),
    ]
    assert result.output == [1, 3]


def test_cmdlet_output_mid_pipeline_streams_from_each_input_object() -> None:
    script = f"""
'{AMOS}', 'nobody@contoso.com', '{AMOS}' |
    ForEach-Object {{ Write-Host "reset $_"; [pscustomobject]@{{ Identity = $_ }} }} |
    Set-CsOnlineDialInConferencingUser -ResetLeaderPin | Select-Object -ExpandProperty Identity
"""
    result = run(script)
    kinds = [kind if kind != "output" else f"output {item}" for kind, item in result.events if kind != "plan"]
    assert kinds == [
        "host",
        f"output {AMOS}",
        "host",
        "error",  # written where it happened, and the pipeline goes on
        "host",
        f"output {AMOS}",
    ]


def test_select_first_stops_the_commands_before_it_and_the_rest_end() -> None:
    """Once Select-Object -First has its objects the upstream stops (no more made, its end
    block skipped, its finally run); the commands after it end as usual."""
    script = (
        STAGES
        + """
function source {
    begin { Write-Host 'source begin' }
    process { try { foreach ($n in 1..5) { Write-Host "made $n"; $n } } finally { Write-Host 'finally' } }
    end { Write-Host 'source end' }
}
source | Select-Object -First 2 | f
Write-Host "next, `$? = $?"
"""
    )
    assert streams(run(script)) == [
        ("host", "source begin"),
        ("host", "begin"),
        ("host", "made 1"),
        ("host", "p:1"),
        ("output", "f:1"),
        ("host", "made 2"),
        ("host", "p:2"),
        ("output", "f:2"),
        ("host", "finally"),
        ("host", "end"),
        ("host", "next, $? = True"),
    ]


def test_select_first_wait_lets_the_upstream_finish() -> None:
    result = run('1..3 | ForEach-Object { Write-Host "made $_"; $_ } | Select-Object -First 1 -Wait')
    assert streams(result) == [("host", "made 1"), ("output", 1), ("host", "made 2"), ("host", "made 3")]


@pytest.mark.parametrize(
    ("tail", "output"),
    [
        pytest.param("Sort-Object -Descending", [3, 2, 1], id="sort"),
        pytest.param("Select-Object -Last 2", [2, 3], id="select-last"),
        pytest.param("Measure-Object | ForEach-Object Count", [3], id="measure"),
    ],
)
def test_commands_that_need_all_their_input_write_at_its_end(tail: str, output: list[Any]) -> None:
    result = run(f'1..3 | ForEach-Object {{ Write-Host "made $_"; $_ }} | {tail}')
    assert streams(result) == [("host", f"made {n}") for n in (1, 2, 3)] + [("output", v) for v in output]


@pytest.mark.parametrize(
    "line",
    [
        '$x = 1..2 | ForEach-Object { Write-Host "made $_"; $_ }',
        '$null = 1..2 | ForEach-Object { Write-Host "made $_"; $_ }',
        '1..2 | ForEach-Object { Write-Host "made $_"; $_ } | Out-Null',
        '1..2 | ForEach-Object { Write-Host "made $_"; $_ } > $null',
    ],
    ids=["assignment", "null-assignment", "out-null", "redirect-to-null"],
)
def test_output_kept_or_discarded_is_not_shown(line: str) -> None:
    result = run(line + '\nWrite-Host "x: $x"')
    assert result.output == []
    assert result.host[:2] == ["made 1", "made 2"]


def test_an_assignment_still_collects_the_whole_pipeline() -> None:
    result = run("$x = 1..3 | ForEach-Object { $_ * 2 } | Where-Object { $_ -gt 2 }; $x.Count; $x")
    assert result.output == [2, 4, 6]


def test_error_action_stop_mid_pipeline_ends_the_script_after_what_was_written() -> None:
    script = f"""
'{AMOS}', 'nobody@contoso.com', '{AMOS}' | ForEach-Object {{ [pscustomobject]@{{ Identity = $_ }} }} |
    Set-CsOnlineDialInConferencingUser -ResetLeaderPin -ErrorAction Stop | Select-Object -ExpandProperty Identity
Write-Host 'not reached'
"""
    result = run(script)
    assert [kind for kind, _ in result.events if kind != "plan"] == ["output", "error"]
    assert result.output == [AMOS] and result.host == []


def test_a_function_stage_sees_its_own_scope_and_the_next_stage_the_callers() -> None:
    """The object a function writes reaches the next command while the function is still
    running; that command still sees the caller's variables, not the function's."""
    script = """
$name = 'caller'
function g { process { $name = 'g'; $_ } }
1, 2 | g | ForEach-Object { "$_ $name" }
"""
    assert run(script).output == ["1 caller", "2 caller"]


def test_an_upstream_try_does_not_take_a_later_commands_error() -> None:
    """A terminating error of a later command goes to the statement that ran the pipeline,
    past the upstream function's own try/catch (its finally runs on the way out)."""
    script = """
function g { process { try { $_ } catch { Write-Host 'g caught' } finally { Write-Host "g finally $_" } } }
try { 1, 2 | g | ForEach-Object { throw "boom $_" } } catch { Write-Host "caught $_" }
"""
    assert run(script).host == ["g finally 1", "caught boom 1"]


def test_the_python_api_returns_the_same_lists() -> None:
    result = run(STAGES + "1,2 | f; 'x'")
    assert result.output == ["f:1", "f:2", "x"]
    assert result.host == ["begin", "p:1", "p:2", "end"]
    assert result.ok


def test_return_in_a_process_block_ends_that_object_only() -> None:
    """``return`` leaves the block it is in: the process block runs again for the next object."""
    assert run("function r { process { if ($_ -eq 2) { return }; $_ } }; 1..3 | r").output == [1, 3]


def test_objects_written_before_a_break_are_kept() -> None:
    """``break`` in a ForEach-Object block leaves the loop around the pipeline (about_Break);
    what the pipeline wrote before it has been written."""
    script = "foreach ($i in 1..2) { 1..3 | ForEach-Object { if ($_ -eq 2) { break }; \"$i-$_\" } }; 'after'"
    assert run(script).output == ["1-1", "after"]


def test_out_variable_and_error_variable_fill_as_the_command_writes() -> None:
    script = """
1, 2 | ForEach-Object { $_ } -OutVariable kept | ForEach-Object { "$_ after $($kept.Count)" }
Get-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ErrorVariable failed -ErrorAction SilentlyContinue
$failed.Count
"""
    assert run(script).output == ["1 after 1", "2 after 2", 1]


def test_a_finished_pipeline_is_freed_without_the_cyclic_collector() -> None:
    """A stage writes into a feed that holds its pipeline; once the pipeline ends nothing of it
    may be left for the cyclic collector, whose passes over a large tenant cost every call."""
    runner = Runner(cs.Tenant.demo().engine)
    script = STAGES + '1,2 | ForEach-Object { "a$_" } | f | Where-Object { $_ }'
    runner.run(script)  # caches warm
    gc.collect()
    gc.disable()
    try:
        runner.run(script)
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("@($null).Count", 1, id="null-in-an-array"),
        pytest.param("$c = 0; $null | ForEach-Object { $c++ }; $c", 1, id="null-runs-foreach-once"),
        pytest.param("function Get-Nothing {}\n@(Get-Nothing).Count", 0, id="command-writing-nothing"),
        pytest.param("function Get-Nothing {}\n$n = Get-Nothing; @($n).Count", 0, id="variable-set-from-nothing"),
        pytest.param("function Get-Nothing {}\n@((Get-Nothing)).Count", 0, id="parenthesised-nothing"),
        pytest.param("$l = [System.Collections.ArrayList]::new(); @($l.Clear()).Count", 0, id="void-method"),
        pytest.param("@([void]1).Count", 0, id="void-cast"),
        pytest.param(
            "function Get-Nothing {}\n$c = 0; Get-Nothing | ForEach-Object { $c++ }; $c", 0, id="nothing-never"
        ),
        pytest.param(
            "$n = Get-CsOnlineDialInConferencingUser | Where-Object BridgeName -eq 'APAC'; @($n).Count",
            0,
            id="no-match",
        ),
        pytest.param("$x = $null; @($x).Count", 1, id="variable-holding-null"),
        pytest.param("$x = $null; $c = 0; $x | ForEach-Object { $c++ }; $c", 1, id="variable-null-runs-once"),
        pytest.param("@($neverSet).Count", 1, id="unset-variable-is-null"),
        pytest.param("$r = & { }; $r = $null; @($r).Count", 1, id="null-after-nothing"),
        pytest.param("function Get-Manager { $m = $null; $m }\n@(Get-Manager).Count", 1, id="function-writes-null"),
    ],
)
def test_null_is_an_object_but_no_output_is_nothing(text: str, expected: int) -> None:
    """``$null`` goes down a pipeline as one object, also from a variable holding it; a command
    (or void method) that wrote nothing sends nothing, also through a variable it was assigned
    to (AutomationNull, the "enumerable null"); ``foreach`` skips ``$null`` ("Everything you
    wanted to know about $null" on learn.microsoft.com)."""
    result = run(text)
    assert (result.output, result.errors) == ([expected], [])


def test_a_lookup_finding_nobody_sends_nothing_but_a_null_field_sends_one_null() -> None:
    """An admin script's empty lookup (``$x = Get-… | Where-Object …``, also in ``$(…)``) leaves
    the enumerable null: no pipeline item, ``@()`` empty, yet ``-eq $null``; a variable set to
    ``$null`` sends one ``$null`` and ``@()`` counts it; ``foreach`` runs over neither
    ("Everything you wanted to know about $null" on learn.microsoft.com)."""
    script = Path(__file__).parent / "porter_cases" / "null_or_nothing.ps1"
    result = run(script.read_text(encoding="utf-8"))
    assert (result.host, result.errors) == (
        [
            "APAC users: 0, equal to $null: True",
            "a copy of nothing: 0",
            "APAC users again: 0",
            "one $null came down the pipeline",
            "managers: 1, $null.Count: 0",
            "measured: 0, sorted: 0",
            "APAC set to $null: 1",
        ],
        [],
    )


@pytest.mark.parametrize(
    "command",
    ["Measure-Object", "Sort-Object", "Select-Object -First 1", "Group-Object", "ConvertTo-Csv"],
)
def test_object_cmdlets_skip_a_null_input(command: str) -> None:
    """Measure-, Sort-, Select- and Group-Object and the CSV commands leave a ``$null`` input out
    (their ProcessRecord: Measure-Object.cs, OrderObjectBase.cs, Select-Object.cs, CsvCommands.cs),
    so ``$null | Measure-Object`` counts 0, as a pipeline with no input does."""
    with_null = run(f"$null | {command}")
    with_nothing = run(f"@() | {command}")
    assert ([repr(o) for o in with_null.output], with_null.errors) == ([repr(o) for o in with_nothing.output], [])


def test_a_variable_a_failed_statement_left_unset_sends_one_null() -> None:
    """A statement that fails before assigning leaves the variable unset, and an unset variable is
    ``$null`` (one object); the same variable set from a lookup that finds nobody sends nothing
    ("Everything you wanted to know about $null": "Initializing to $null", "Enumerable null")."""
    script = Path(__file__).parent / "porter_cases" / "unset_then_empty.ps1"
    result = run(script.read_text(encoding="utf-8"))
    assert result.host == ["after the failed import: 1", "after an empty lookup: 0"]
    assert [record.error_id for record in result.errors] == ["FileOpenFailure"]
