"""Add-Member extends one object: a ``[pscustomobject]`` or a cmdlet's output, which then shows
the new members wherever its properties are read (member access, Select-Object, Export-Csv,
Format-Table, ConvertTo-Json).

Sources: about_Object_Creation and the Add-Member reference
(learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member); the parameter
sets and errors of PowerShell/PowerShell ``src/Microsoft.PowerShell.Commands.Utility/commands/
utility/AddMember.cs`` and ``resources/AddMember.resx``.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from helpers import fixed_clock
from helpers import run_in_folder as run

import cscmdlets as cs
from cscmdlets.cli.host import ConsoleHost
from cscmdlets.cmdlets import find_command
from cscmdlets.scripts import extended
from cscmdlets.scripts.console import print_events
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import Runner

FQEID_SUFFIX = ",Microsoft.PowerShell.Commands.AddMemberCommand"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("$o | Add-Member -MemberType NoteProperty -Name Dept -Value Sales", id="member-type-name-value"),
        pytest.param("$o | Add-Member -NotePropertyName Dept -NotePropertyValue Sales", id="note-property-name"),
        pytest.param("$o | Add-Member -NotePropertyMembers @{ Dept = 'Sales' }", id="note-property-members"),
        pytest.param("Add-Member -InputObject $o -Type NoteProperty -Name Dept -Value Sales", id="input-object-alias"),
        pytest.param("$o | Add-Member NoteProperty Dept Sales", id="positional-member-set"),
        pytest.param("$o | Add-Member Dept Sales", id="positional-note-property"),
    ],
)
def test_every_parameter_set_adds_a_note_property(tmp_path: Path, line: str) -> None:
    text = f"$o = [pscustomobject]@{{ Name = 'a' }}\n{line}\n$o.Dept\n($o | Select-Object *).Dept"
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["Sales", "Sales"])
    assert check_script(text) == []


def test_pass_thru_writes_the_object_and_without_it_nothing(tmp_path: Path) -> None:
    result = run(
        "$o = [pscustomobject]@{ Name = 'a' }\n"
        "$same = $o | Add-Member -NotePropertyName N -NotePropertyValue 1 -PassThru\n"
        "$none = $o | Add-Member -NotePropertyName M -NotePropertyValue 2\n"
        "$same.N -eq 1 -and $same.M -eq 2\n"  # the same object: it has the member added later too
        "$null -eq $none",
        tmp_path,
    )
    assert (result.errors, result.output) == ([], [True, True])


def test_an_existing_member_is_an_error_unless_forced(tmp_path: Path) -> None:
    """MemberAlreadyExists is non-terminating: the script goes on, the value stays."""
    result = run(
        "$o = [pscustomobject]@{ Dept = 'old' }\n"
        "$o | Add-Member -NotePropertyName Dept -NotePropertyValue new\n"
        "$o.Dept\n"
        "$o | Add-Member -NotePropertyName Dept -NotePropertyValue forced -Force\n"
        "$o.Dept",
        tmp_path,
    )
    assert result.output == ["old", "forced"]
    [record] = result.errors
    assert record.fully_qualified_error_id == "MemberAlreadyExists" + FQEID_SUFFIX
    assert record.category.name == "InvalidOperation"
    assert record.message == (
        'Cannot add a member with the name "Dept" because a member with that name already exists. '
        "To overwrite the member anyway, add the Force parameter to your command."
    )


def test_a_cmdlet_output_shows_added_members_everywhere(tmp_path: Path) -> None:
    """Members added to `$u` in a loop show on the same objects in `$users` (the PSObject's
    instance members survive re-wrapping: PSObject.cs, s_instanceMembersResurrectionTable)."""
    result = run(
        "$users = Get-CsOnlineDialInConferencingUser\n"
        'foreach ($u in $users) { $u | Add-Member -NotePropertyName Site -NotePropertyValue "S-$($u.ConferenceId)" }\n'
        "$users[0].Site = 'changed'\n"
        "$users | Select-Object Identity, Site | ConvertTo-Csv -NoTypeInformation\n"
        '($users | Select-Object -First 1 * | ConvertTo-Json -Compress) -match \'"Site":"changed"\'\n'
        "$users | Sort-Object Site -Descending | Select-Object -First 1 -ExpandProperty Identity",
        tmp_path,
    )
    assert result.errors == []
    assert result.output[:4] == [
        '"Identity","Site"',
        '"amos.marble@contoso.com","changed"',
        '"ken.myer@contoso.com","S-6088743"',
        '"pilar.ackerman@contoso.com","S-2590996"',
    ]
    assert result.output[4:] == [True, "ken.myer@contoso.com"]  # S-6… > S-2… > changed


def test_export_csv_and_format_table_include_added_members(tmp_path: Path) -> None:
    result = run(
        "$users = Get-CsOnlineDialInConferencingUser | Select-Object -First 1\n"
        "$users | Add-Member -NotePropertyName Site -NotePropertyValue Oslo\n"
        "$users | Export-Csv -Path out.csv -NoTypeInformation\n"
        "$users | Format-Table Identity, Site | Out-String",
        tmp_path,
    )
    assert result.errors == []
    header, row = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert header.endswith(',"Site"') and row.endswith(',"Oslo"')
    assert "amos.marble@contoso.com Oslo" in result.output[0]


def test_the_console_shows_added_members_of_a_cmdlet_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(
        "Get-CsOnlineDialInConferencingBridge | Select-Object -First 1 |"
        " Add-Member -NotePropertyName Users -NotePropertyValue 7 -PassThru",
        tmp_path,
    )
    print_events(result.events)
    assert "Users" in capsys.readouterr().out
    console = ConsoleHost()  # `cscmdlets run` writes each object as it comes
    for kind, item in result.events:
        console.write(kind, item)
    console.close()
    assert "Users" in capsys.readouterr().out


def test_a_property_of_the_cmdlet_output_cannot_be_replaced(tmp_path: Path) -> None:
    result = run(
        "$u = Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com\n"
        "$u | Add-Member -NotePropertyName DisplayName -NotePropertyValue x -Force\n"
        "$u.DisplayName",
        tmp_path,
    )
    assert result.output == ["Amos Marble"]
    assert [r.fully_qualified_error_id for r in result.errors] == ["CannotRemoveTypeDataMember" + FQEID_SUFFIX]
    assert result.errors[0].message == (
        'Cannot force the member with name "DisplayName" and type "Property" to be added. A member with that '
        "name and type already exists, and the existing member is not an instance extension."
    )


def test_script_and_alias_properties_are_computed_when_read(tmp_path: Path) -> None:
    result = run(
        "$o = [pscustomobject]@{ First = 'ada'; Last = 'lovelace' }\n"
        '$o | Add-Member -MemberType ScriptProperty -Name Full -Value { "$($this.First) $($this.Last)" }\n'
        "$o | Add-Member -MemberType AliasProperty -Name Surname -Value Last\n"
        "$o.Last = 'byron'\n"
        "$o.Full; $o.Surname\n"
        "($o | Select-Object Full).Full",
        tmp_path,
    )
    assert (result.errors, result.output) == ([], ["ada byron", "byron", "ada byron"])


def test_a_script_method_runs_with_this_and_its_arguments(tmp_path: Path) -> None:
    """A ScriptMethod is called like a .NET method; it is no column for Select-Object *."""
    result = run(
        "$o = [pscustomobject]@{ First = 'ada' }\n"
        '$o | Add-Member -MemberType ScriptMethod -Name Greet -Value { param($word) "$word, $($this.First)" }\n'
        "$o.Greet('Hello')\n"
        "($o | Select-Object * | ConvertTo-Csv -NoTypeInformation)[0]\n"
        "($o | Get-Member -MemberType ScriptMethod).Definition",
        tmp_path,
    )
    assert (result.errors, result.output) == ([], ["Hello, ada", '"First"', "System.Object Greet();"])


def test_null_input_and_a_non_dictionary_are_binding_errors(tmp_path: Path) -> None:
    result = run(
        "Add-Member -InputObject $null -NotePropertyName a -NotePropertyValue 1\n"
        "[pscustomobject]@{} | Add-Member -NotePropertyMembers 5\n"
        "'went on'",
        tmp_path,
    )
    assert result.output == ["went on"]
    assert [r.error_id for r in result.errors] == [
        "ParameterArgumentValidationErrorNullNotAllowed",
        "CannotConvertArgumentNoMessage",
    ]


def test_a_member_type_cmdlets_cannot_add_here_stops_the_run(tmp_path: Path) -> None:
    result = run("[pscustomobject]@{} | Add-Member -MemberType CodeMethod -Name Go -Value x", tmp_path)
    assert result.stop is not None and "Add-Member -MemberType CodeMethod" in result.stop.message


def test_added_members_go_with_their_object() -> None:
    """The table is weakly keyed, as PowerShell's ConditionalWeakTable: no entry outlives its object."""
    holder = cs.Tenant.demo(clock=fixed_clock()).engine
    runner = Runner(holder, resolve_command=find_command)
    gc.collect()
    before = len(extended._ADDED)
    runner.run(
        "$u = Get-CsOnlineDialInConferencingUser | Add-Member -NotePropertyName A -NotePropertyValue 1 -PassThru"
    )
    assert len(extended._ADDED) > before
    del runner
    gc.collect()
    assert len(extended._ADDED) == before
