"""Variables a command sets in its caller's scope (Graph's ``-CountVariable``), over PSRP.

The passthrough reads each one back in the same pipeline (``Get-Variable -ValueOnly`` after
its own marker), and ``serve`` keeps them per runspace pool for that ``Get-Variable``. Real
``serve`` on 127.0.0.1, the unmodified pypsrp client, the emulator's script runner.
"""

from __future__ import annotations

from typing import Any

import pytest
from pypsrp.powershell import PowerShell, RunspacePool
from pypsrp.wsman import WSMan

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.remote import RemoteEngine
from cscmdlets.remote.clixml import MERGE_NONE, MERGE_OUTPUT, WireCommand
from cscmdlets.remote.passthrough import Pending, add_command, wire_commands
from cscmdlets.remote.serve import execute
from cscmdlets.scripts.runner import Runner

from .conftest import Served, wsman

SALES = "department eq 'Sales'"
SCRIPT = (
    f'$first = Get-MgUser -Filter "{SALES}" -ConsistencyLevel eventual -CountVariable cnt -Top 1\n'
    '"$cnt sales users, $(@($first).Count) shown"\n'
    "$cnt"
)


def _bound(name: str, **values: Any) -> BoundCommand:
    return bind_keywords(find_command(name), values)


def test_a_script_through_a_remote_session_gets_the_count_variable(served: Served, remote: RemoteEngine) -> None:
    local = Runner(served.tenant.engine).run(SCRIPT)
    through = Runner(remote).run(SCRIPT)
    assert local.errors == [] and local.output[1] >= 2  # the demo tenant has a Sales department
    assert (through.output, through.errors) == (local.output, [])


def test_a_script_through_connect_remote_gets_the_count_variable(served: Served) -> None:
    session = cs.connect(remote=served.host())
    try:
        through = session.run_script(SCRIPT)
    finally:
        cs.disconnect()
    assert list(through.output) == Runner(served.tenant.engine).run(SCRIPT).output


@pytest.mark.parametrize(
    "properties",
    [pytest.param(None, id="prepacked-clixml"), pytest.param(["Id", "DisplayName"], id="pypsrp-serializer")],
)
def test_count_variables_in_a_batch_go_to_their_own_commands(
    served: Served, remote: RemoteEngine, properties: list[str] | None
) -> None:
    """Two counting calls amid other commands, in one batch: each Result gets its own count,
    and every command keeps its own output. A list value (-Property) makes pypsrp write the
    batch instead of the prepacked CLIXML."""
    extra = {} if properties is None else {"Property": properties}
    counted = {"Filter": SALES, "ConsistencyLevel": "eventual", "CountVariable": "cnt", "Top": 1, **extra}
    everyone = {"ConsistencyLevel": "eventual", "CountVariable": "All", "Top": 2, **extra}
    commands = [
        _bound("Get-CsOnlineDialInConferencingUser", Identity="amos.marble@contoso.com"),
        _bound("Get-MgUser", **counted),
        _bound("Get-MgUser", **everyone),
        _bound("Get-MgUser", Top=1),
    ]
    local = [served.tenant.engine.invoke(command) for command in commands]
    with remote.batch():
        results = [remote.invoke(command) for command in commands]
    assert [r.variables for r in results] == [{}, local[1].variables, local[2].variables, {}]
    assert local[1].variables == {"cnt": len(served.tenant.get_mg_user(filter=SALES, all=True))}
    assert [len(r.output) for r in results] == [1, 1, 2, 1]
    assert [[getattr(o, "Id", None) for o in r.output] for r in results[1:]] == [
        [getattr(o, "Id", None) for o in r.output] for r in local[1:]
    ]


def test_a_failed_counting_call_sets_nothing(remote: RemoteEngine) -> None:
    """A bad filter is a terminating error: the read-back statement never runs."""
    with pytest.raises(cs.PowerShellError) as caught, remote.batch():
        remote.invoke(_bound("Get-MgUser", Filter="department eq", CountVariable="bad"))
    assert "bad" not in str(caught.value)


def test_an_endpoint_without_get_variable_fails_the_read_back_loudly(
    served: Served, remote: RemoteEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An endpoint that does not expose Get-Variable (a JEA role need not): the counting
    command's output stands, its Result carries the endpoint's CommandNotFound instead of a
    silently missing count, and the batch's next command still runs (it is sent again)."""
    for name in ("get-variable", "gv"):
        monkeypatch.delitem(execute.SESSION_BUILTINS, name)
    with remote.batch(raise_errors=False):
        counted = remote.invoke(_bound("Get-MgUser", Top=1, CountVariable="cnt"))
        after = remote.invoke(_bound("Get-CsOnlineDialInConferencingUser", Identity="amos.marble@contoso.com"))
    assert len(counted.output) == 1 and counted.variables == {}
    (record,) = counted.errors
    assert (
        record.error is not None
        and record.error.error_id == "CommandNotFoundException"
        and "'Get-Variable'" in str(record.error)
    )
    assert [u.Identity for u in after.output] == ["amos.marble@contoso.com"]


def test_commands_without_variables_send_what_they_sent_before() -> None:
    plain = _bound("Set-CsOnlineDialInConferencingUser", Identity="amos.marble@contoso.com", SendEmail=True)
    graph = _bound("Get-MgUser", Top=1)  # a cmdlet that can set one, called without it
    wire = wire_commands([Pending(plain), Pending(graph)], ["m0", "m1"])
    assert wire == [
        WireCommand(
            "Set-CsOnlineDialInConferencingUser",
            [("Identity", "amos.marble@contoso.com"), ("SendEmail", True)],
            MERGE_OUTPUT,
            end_of_statement=True,
        ),
        WireCommand("Write-Output", [("InputObject", "m0")], MERGE_NONE, end_of_statement=True),
        WireCommand("Get-MgUser", [("Top", 1)], MERGE_OUTPUT, end_of_statement=True),
        WireCommand("Write-Output", [("InputObject", "m1")], MERGE_NONE, end_of_statement=True),
    ]


def test_a_counting_command_is_followed_by_its_read_back() -> None:
    counting = _bound("Get-MgUser", Top=1, CountVariable="cnt")
    wire = wire_commands([Pending(counting)], ["m0"])
    assert wire is not None
    assert [(w.name, list(w.arguments)) for w in wire[1:]] == [
        ("Write-Output", [("InputObject", "m0:variable:0")]),
        ("Get-Variable", [("Name", "cnt"), ("ValueOnly", True), ("ErrorAction", "SilentlyContinue")]),
        ("Write-Output", [("InputObject", "m0")]),
    ]


def _statements(command: BoundCommand) -> list[tuple[str, list[tuple[str, Any]]]]:
    """What ``add_command`` gives pypsrp for ``command`` (a pool never opened: nothing is sent)."""
    pool = RunspacePool(WSMan("127.0.0.1", username="u", password="p", auth="basic", ssl=False, encryption="never"))
    pool.protocol_version = "2.3"
    ps = PowerShell(pool)
    add_command(ps, command, "m0")
    assert all(c.end_of_statement for c in ps.commands)
    return [(str(c.cmd), [(a.name, a.value) for a in c.args]) for c in ps.commands]


def test_pypsrp_statements_gain_a_read_back_only_for_a_counting_command() -> None:
    assert _statements(_bound("Get-MgUser", Top=1)) == [
        ("Get-MgUser", [("Top", 1)]),
        ("Write-Output", [("InputObject", "m0")]),
    ]
    assert _statements(_bound("Get-MgUser", Top=1, CountVariable="cnt")) == [
        ("Get-MgUser", [("Top", 1), ("CountVariable", "cnt")]),
        ("Write-Output", [("InputObject", "m0:variable:0")]),
        ("Get-Variable", [("Name", "cnt"), ("ValueOnly", True), ("ErrorAction", "SilentlyContinue")]),
        ("Write-Output", [("InputObject", "m0")]),
    ]


def test_variable_parameters_come_from_the_metadata() -> None:
    assert find_command("Get-MgUser").variable_parameters == ("CountVariable",)
    assert find_command("Set-CsOnlineDialInConferencingUser").variable_parameters == ()


# --- serve: Get-Variable over the session's variables -----------------------------------------------


def _get_variable(pool: RunspacePool, name: str, **common: Any) -> PowerShell:
    ps = PowerShell(pool)
    ps.add_cmdlet("Get-Variable").add_parameter("Name", name).add_parameter("ValueOnly", True)
    ps.add_parameters(common)
    ps.invoke()
    return ps


def test_serve_get_variable_of_an_unset_name_is_variable_not_found(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = _get_variable(pool, "cnt")
        quiet = _get_variable(pool, "cnt", ErrorAction="SilentlyContinue")
    (record,) = ps.streams.error
    assert ps.output == [] and str(record) == "Cannot find a variable with the name 'cnt'."
    assert record.fq_error == "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    assert record.category == 13  # ObjectNotFound
    assert (quiet.output, quiet.streams.error, quiet.had_errors) == ([], [], False)


def test_serve_keeps_variables_per_runspace_pool(served: Served) -> None:
    """What a command sets in one pool is that pool's: another pool does not see it."""
    with wsman(served) as first, RunspacePool(first) as pool, wsman(served) as second, RunspacePool(second) as other:
        ps = PowerShell(pool)
        ps.add_cmdlet("Get-MgUser").add_parameters({"Top": 1, "CountVariable": "Cnt"}).invoke()
        seen = _get_variable(pool, "cnt").output  # names ignore case, as PowerShell's do
        unseen = _get_variable(other, "cnt")
    assert seen == [len(served.tenant.get_mg_user(all=True))]
    assert unseen.output == [] and str(unseen.streams.error[0]) == "Cannot find a variable with the name 'cnt'."


def test_serve_get_variable_without_value_only_writes_name_and_value(served: Served) -> None:
    with wsman(served) as connection, RunspacePool(connection) as pool:
        PowerShell(pool).add_cmdlet("Get-MgUser").add_parameters({"Top": 1, "CountVariable": "cnt"}).invoke()
        ps = PowerShell(pool)
        (variable,) = ps.add_cmdlet("Get-Variable").add_parameter("Name", "c*").invoke()
        none = PowerShell(pool).add_cmdlet("Get-Variable").add_parameter("Name", "zz*")
        assert none.invoke() == [] and not none.had_errors  # a pattern matching nothing is no error
    assert variable.types[0] == "System.Management.Automation.PSVariable"
    properties = variable.adapted_properties
    assert (properties["Name"], properties["Value"]) == ("cnt", len(served.tenant.get_mg_user(all=True)))
