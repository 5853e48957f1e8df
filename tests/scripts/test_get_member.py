"""Get-Member lists an object's members, as admin scripts use it: the column names of an
Import-Csv file, whether a property exists before Add-Member adds it.

Sources: the Get-Member reference (learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-member);
PowerShell/PowerShell ``src/Microsoft.PowerShell.Commands.Utility/commands/utility/GetMember.cs``
(one listing per type, sorted by member type then name; NoObjectInGetMember when given nothing).
"""

from __future__ import annotations

from pathlib import Path

from helpers import run_in_folder as run

from cscmdlets.scripts.linter import check_script


def test_csv_columns_from_the_first_row_sorted(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("UPN,Number,Action\na@contoso.com,1,x\nb@contoso.com,2,y\n", encoding="utf-8")
    text = "(Import-Csv in.csv | Get-Member -MemberType NoteProperty).Name"
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["Action", "Number", "UPN"])
    assert check_script(text) == []


def test_a_pscustomobject_lists_object_methods_then_properties(tmp_path: Path) -> None:
    result = run(
        "$o = [pscustomobject]@{ Name = 'a'; Count = 5; Gone = $null }\n"
        "$o | Add-Member -MemberType AliasProperty -Name Label -Value Name\n"
        "$o | Add-Member -MemberType ScriptProperty -Name Twice -Value {$this.Count * 2}\n"
        "$o | Get-Member | ForEach-Object { '{0}|{1}|{2}' -f $_.Name, $_.MemberType, $_.Definition }",
        tmp_path,
    )
    assert result.errors == []
    assert result.output == [
        "Label|AliasProperty|Label = Name",
        "Equals|Method|bool Equals(System.Object obj)",
        "GetHashCode|Method|int GetHashCode()",
        "GetType|Method|type GetType()",
        "ToString|Method|string ToString()",
        "Count|NoteProperty|int Count=5",
        "Gone|NoteProperty|object Gone=null",
        "Name|NoteProperty|string Name=a",
        "Twice|ScriptProperty|System.Object Twice {get=$this.Count * 2;}",
    ]


def test_a_missing_member_is_nothing_so_add_member_can_follow(tmp_path: Path) -> None:
    result = run(
        "$u = Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com\n"
        "if (-not ($u | Get-Member -Name Site)) { $u | Add-Member -NotePropertyName Site -NotePropertyValue Oslo }\n"
        "if ($u | Get-Member -Name Site) { $u.Site }\n"
        "($u | Get-Member -MemberType Properties -Name Default*).Name",
        tmp_path,
    )
    assert (result.errors, result.output) == ([], ["Oslo", "DefaultTollFreeNumber", "DefaultTollNumber"])


def test_one_listing_per_type(tmp_path: Path) -> None:
    result = run(
        "$rows = [pscustomobject]@{ A = 1 }, [pscustomobject]@{ B = 2 }\n"
        "($rows | Get-Member -MemberType NoteProperty).Name",
        tmp_path,
    )
    assert result.output == ["A"]


def test_no_object_is_a_non_terminating_error(tmp_path: Path) -> None:
    result = run("@() | Get-Member\n'went on'", tmp_path)
    assert result.output == ["went on"]
    [record] = result.errors
    assert record.fully_qualified_error_id == "NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand"
    assert record.message == "You must specify an object for the Get-Member cmdlet."


def test_the_methods_of_a_cmdlet_output_are_not_guessed(tmp_path: Path) -> None:
    """Its .NET type's methods are not known here: listing them stops the run honestly."""
    result = run("Get-CsOnlineDialInConferencingUser | Get-Member", tmp_path)
    assert result.stop is not None and "Get-Member listing the methods" in result.stop.message
