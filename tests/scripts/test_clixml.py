"""Export-Clixml and Import-Clixml: the file format of [MS-PSRP] 2.2.5 in an ``Objs`` root, as
XmlCommands.cs writes and reads it; the backup-then-restore and saved-credential idioms of admin
scripts."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import run_in_folder as run

from cscmdlets.scripts import clixml
from cscmdlets.scripts.values import Hashtable, PSObject, SecureString, to_string

NS = "{http://schemas.microsoft.com/powershell/2004/04}"


def test_settings_backed_up_and_read_back(tmp_path: Path) -> None:
    """A cmdlet's object keeps its properties and comes back as a property bag named
    ``Deserialized.<its type>``; custom objects keep dates, lists and nulls."""
    text = """
Get-CsOnlineDialInConferencingTenantSettings | Export-Clixml -Path backup.xml
$back = Import-Clixml backup.xml
$back.PinLength
$back.PSObject.TypeNames[0]
[pscustomobject]@{ UPN = 'a@contoso.com'; When = [datetime]'2026-01-02'; Tags = 'x', 'y'; Gone = $null } |
    Export-Clixml rows.xml
$row = Import-Clixml rows.xml
$row.UPN, $row.When.Day, ($row.Tags -join '+'), ($null -eq $row.Gone)
"""
    result = run(text, tmp_path)
    assert result.errors == []
    assert result.output[0] == 5
    assert result.output[1].startswith("Deserialized.") and result.output[1].endswith("TenantSettings")
    assert result.output[2:] == ["a@contoso.com", 2, "x+y", True]


def test_a_saved_credential_is_a_credential_again(tmp_path: Path) -> None:
    """PSCredential is rehydrated; on Linux the password is its UTF-16 bytes in hex
    (SecureStringHelper.Protect has no DPAPI there)."""
    text = """
$cred = New-Object pscredential('svc@contoso.com', (ConvertTo-SecureString 'pw' -AsPlainText -Force))
$cred | Export-Clixml cred.xml
$again = Import-Clixml cred.xml
$again.UserName, $again.GetNetworkCredential().Password
"""
    result = run(text, tmp_path)
    assert (result.errors, result.output) == ([], ["svc@contoso.com", "pw"])
    root = ET.parse(tmp_path / "cred.xml").getroot()
    obj = root.find(f"{NS}Obj")
    assert obj is not None
    assert [t.text for t in obj.iter(f"{NS}T")] == ["System.Management.Automation.PSCredential", "System.Object"]
    password = obj.find(f"{NS}Props/{NS}SS[@N='Password']")
    assert password is not None and password.text == "70007700"


def test_the_file_is_powershells_layout(tmp_path: Path) -> None:
    """Two-space indents, RefIds counted per object, a type list written once then referred to,
    control characters escaped as ``_xHHHH_``."""
    run("[pscustomobject]@{ Note = \"a`nb\" }, [pscustomobject]@{ Note = 'c' } | Export-Clixml two.xml", tmp_path)
    assert (tmp_path / "two.xml").read_text(encoding="utf-8").splitlines() == [
        '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">',
        '  <Obj RefId="0">',
        '    <TN RefId="0">',
        "      <T>System.Management.Automation.PSCustomObject</T>",
        "      <T>System.Object</T>",
        "    </TN>",
        "    <MS>",
        '      <S N="Note">a_x000A_b</S>',
        "    </MS>",
        "  </Obj>",
        '  <Obj RefId="1">',
        '    <TNRef RefId="0" />',
        "    <MS>",
        '      <S N="Note">c</S>',
        "    </MS>",
        "  </Obj>",
        "</Objs>",
    ]


def test_objects_below_the_depth_are_their_text() -> None:
    inner = PSObject([("Leaf", 1)])
    text = clixml.dumps([PSObject([("Inner", PSObject([("Deeper", inner)]))])], depth=2)
    (outer,) = clixml.loads(text)
    assert to_string(outer.get("Inner").get("Deeper")) == to_string(inner)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("tab\there _x0041_ stays", id="escapes"),
        pytest.param(2**40, id="int64"),
        pytest.param(-2.5, id="double"),
        pytest.param(dt.datetime(2026, 12, 3, 13, 13, 14, 120000, tzinfo=dt.UTC), id="date"),
        pytest.param(dt.timedelta(days=1, hours=2, seconds=3.5), id="timespan"),
        pytest.param([1, "two", None, [3]], id="nested-list"),
    ],
)
def test_values_read_back_as_they_were_written(value: object) -> None:
    assert clixml.loads(clixml.dumps([value])) == [value]


def test_a_hashtable_and_a_secure_string_read_back() -> None:
    table, secret = clixml.loads(clixml.dumps([Hashtable([("Name", "EMEA"), ("Count", 2)]), SecureString("s3")]))
    assert isinstance(table, Hashtable) and table["name"] == "EMEA" and table["Count"] == 2
    assert isinstance(secret, SecureString) and secret.plain_text() == "s3"


def test_a_file_powershell_wrote_reads_with_references() -> None:
    """What a Windows PowerShell file holds that the writer never makes: a ``<Ref>`` to an
    object already read, an enum's ToString, adapted and extended properties of one name."""
    text = """<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0"><TN RefId="0"><T>Contoso.Report</T><T>System.Object</T></TN>
    <Props><S N="Title">old</S><Obj N="Colour" RefId="1"><TN RefId="1"><T>System.ConsoleColor</T></TN>
      <ToString>Green</ToString><I32>10</I32></Obj></Props>
    <MS><S N="Title">new_x000D__x000A_line</S></MS></Obj>
  <Ref RefId="0" />
</Objs>"""
    first, second = clixml.loads(text)
    assert first is second
    assert first.type_names == ("Deserialized.Contoso.Report", "Deserialized.System.Object")
    assert (first.get("Title"), first.get("Colour")) == ("new\r\nline", "Green")


def test_import_errors_as_powershell(tmp_path: Path) -> None:
    """A missing file is statement-terminating FileOpenFailure (PathUtils.OpenFileStream); a
    file that is not serialized objects fails the statement too."""
    (tmp_path / "notes.xml").write_text("<Notes />", encoding="utf-8")
    text = """
try { Import-Clixml missing.xml } catch { $_.FullyQualifiedErrorId }
try { Import-Clixml notes.xml } catch { $_.FullyQualifiedErrorId }
'after'
"""
    result = run(text, tmp_path)
    assert result.output == [
        "FileOpenFailure,Microsoft.PowerShell.Commands.ImportClixmlCommand",
        "System.Xml.XmlException,Microsoft.PowerShell.Commands.ImportClixmlCommand",
        "after",
    ]


def test_export_clixml_honours_what_if_and_no_clobber(tmp_path: Path) -> None:
    (tmp_path / "kept.xml").write_text("keep", encoding="utf-8")
    result = run("1 | Export-Clixml new.xml -WhatIf\n1 | Export-Clixml kept.xml -NoClobber", tmp_path)
    assert result.host == ['What if: Performing the operation "Export-Clixml" on target "new.xml".']
    assert not (tmp_path / "new.xml").exists()
    assert (tmp_path / "kept.xml").read_text(encoding="utf-8") == "keep"
    assert [e.fully_qualified_error_id.split(",")[0] for e in result.errors] == ["NoClobber"]
