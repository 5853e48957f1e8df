"""``cscmdlets check --target MicrosoftTeams [--fix]``: a corpus of 2017-era scripts (written
in the style of the Skype for Business Online connector's public scripts) with the listing
asserted line by line, and the migrated script run under today's module.

Each ``legacy/NAME.ps1`` has ``NAME.check`` (the expected listing) and ``NAME.migrated.ps1``
(the expected ``--fix`` output), both reviewed by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets.profiles import MICROSOFT_TEAMS
from cscmdlets.powershell.errors import CommandNotFound
from cscmdlets.scripts.migrate import check_migration, migrate_script

LEGACY = Path(__file__).parent / "legacy"
CORPUS = sorted(path.stem for path in LEGACY.glob("*.ps1") if not path.stem.endswith(".migrated"))
#: Scripts whose every breaking line has a faithful equivalent: same tenant result after --fix.
FAITHFUL = ("azuread_new_starter", "copy_licences", "enable_from_csv", "msol_new_starter", "send_info")
#: Reports: they change nothing, so the migrated script must write the same text instead.
REPORTS = ("licence_report",)


def listing(name: str) -> list[str]:
    path = LEGACY / f"{name}.ps1"
    return [str(d) for d in check_migration(path.read_text(encoding="utf-8"), script_name=path.name)]


@pytest.mark.parametrize("name", CORPUS)
def test_check_lists_every_breaking_line(name: str) -> None:
    expected = (LEGACY / f"{name}.check").read_text(encoding="utf-8").splitlines()
    found = listing(name)
    for number, (line, wanted) in enumerate(zip(found, expected, strict=False), start=1):
        assert line == wanted, f"finding {number}"
    assert len(found) == len(expected)


@pytest.mark.parametrize("name", CORPUS)
def test_fix_writes_the_migrated_script(name: str) -> None:
    expected = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    assert migrate_script(LEGACY / f"{name}.ps1") == expected


@pytest.mark.parametrize("name", CORPUS)
def test_migrated_script_breaks_only_where_nothing_is_faithful(name: str) -> None:
    """Checked again, the migrated script has findings only on lines the migration commented."""
    migrated = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    lines = migrated.splitlines()
    for diagnostic in check_migration(migrated):
        assert lines[diagnostic.line - 2].lstrip().startswith("# cscmdlets:"), diagnostic


def tenant_result(tenant: cs.Tenant) -> dict[str, Any]:
    """What the scripts leave behind; the audit log differs by design (other commands ran)."""
    store = tenant.store
    with store.transaction():
        return {
            "users": sorted(store.users(), key=lambda u: str(u.object_id)),
            "bridges": sorted(store.bridges(), key=lambda b: str(b.identity)),
            "numbers": sorted(store.service_numbers(), key=lambda n: n.number),
            "settings": store.settings(),
            "emails": [(e.kind, e.recipient) for e in store.outbox()],
        }


def needs_graph(text: str) -> None:
    if "Set-MgUserLicense" not in text:
        return
    try:
        MICROSOFT_TEAMS.find_command("Set-MgUserLicense")
    except CommandNotFound:
        pytest.skip("the Graph licence cmdlets are not in this tree")


@pytest.mark.parametrize("name", FAITHFUL)
def test_migrated_script_gives_the_same_tenant(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(LEGACY)  # Import-Csv reads beside the script
    migrated = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    legacy = cs.Tenant.demo(clock=fixed_clock(), module="SkypeOnlineConnector")
    before = tenant_result(legacy)
    assert legacy.run_script(LEGACY / f"{name}.ps1").errors == []
    needs_graph(migrated)
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    assert today.run_script(migrated).errors == []
    assert tenant_result(today) == tenant_result(legacy) != before
    assert today.module.name == "MicrosoftTeams"


@pytest.mark.parametrize("name", REPORTS)
def test_migrated_report_writes_the_same_text(name: str) -> None:
    """Connect-AzureAD writes its connection, Connect-MgGraph nothing: the report's text is compared."""
    legacy = cs.Tenant.demo(clock=fixed_clock(), module="SkypeOnlineConnector")
    before = tenant_result(legacy)
    original = legacy.run_script(LEGACY / f"{name}.ps1")
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    migrated = today.run_script((LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8"))
    assert original.errors == [] and migrated.errors == []
    text = [line for line in original.output if isinstance(line, str)]
    assert len(text) > 5 and text == [line for line in migrated.output if isinstance(line, str)]
    assert tenant_result(today) == tenant_result(legacy) == before


def test_migrated_azuread_scripts_need_no_azuread() -> None:
    """Nothing of the retired modules is left in the faithful AzureAD/MSOnline migrations."""
    for name in ("azuread_new_starter", "copy_licences", "licence_report", "msol_new_starter"):
        code = [
            line
            for line in (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        ]
        assert not [line for line in code if "AzureAD" in line or "Msol" in line or "ObjectId" in line], name


@pytest.mark.parametrize("name", sorted(set(CORPUS) - set(FAITHFUL) - set(REPORTS)))
def test_partly_migrated_script_fails_only_on_commented_lines(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What has no faithful equivalent is left, commented, and fails where it stands."""
    monkeypatch.chdir(LEGACY)
    migrated = (LEGACY / f"{name}.migrated.ps1").read_text(encoding="utf-8")
    needs_graph(migrated)
    lines = migrated.splitlines()
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    result = today.run_script(migrated, transaction=False)
    for record in result.errors:
        assert lines[record.invocation.line_number - 2].lstrip().startswith("# cscmdlets:"), record


def test_legacy_script_breaks_today_where_check_says() -> None:
    """The listing and the emulator agree: run unmigrated under today's module (its session
    lines blanked, so nothing loads the connector), the failing lines are the listed ones."""
    lines = (LEGACY / "send_info.ps1").read_text(encoding="utf-8").splitlines()
    text = "\n".join("" if "Session" in line or "Import-Module" in line else line for line in lines)
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    failing = {r.invocation.line_number for r in today.run_script(text, transaction=False).errors}
    listed = {d.line for d in check_migration(text) if d.error_id == "NamedParameterNotFound"}
    assert failing == listed == {11, 13, 14}


def test_cli_check_target_and_fix(tmp_path: Path) -> None:
    script = tmp_path / "static_conference_ids.ps1"
    script.write_text((LEGACY / "static_conference_ids.ps1").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "check", str(script), "--target", "microsoftteams", "--fix"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    expected = (LEGACY / "static_conference_ids.check").read_text(encoding="utf-8")
    assert done.stdout == expected.replace("static_conference_ids.ps1", str(script))
    fixed = tmp_path / "static_conference_ids.fixed.ps1"
    assert fixed.read_text(encoding="utf-8") == (LEGACY / "static_conference_ids.migrated.ps1").read_text(
        encoding="utf-8"
    )


# --- AzureAD and MSOnline, one line at a time -------------------------------------------------------

E5, TEAMS_PHONE, E3 = (
    "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
    "e43b5b99-8dfb-405f-9987-dc307f34bcbd",
    "6fd2c87f-b296-42f0-b197-1e91e994b900",
)
NOTE = "# cscmdlets: "
TRANSLATIONS = [
    pytest.param(
        "Set-MsolUser -UserPrincipalName $upn -BlockCredential $true",
        "Update-MgUser -UserId $upn -AccountEnabled:$false",
        id="block-credential",
    ),
    pytest.param(
        "Set-MsolUser -UserPrincipalName $upn -BlockCredential $block",
        "Update-MgUser -UserId $upn -AccountEnabled:(-not ($block))",
        id="block-credential-computed",
    ),
    pytest.param(
        "Set-MsolUser -ObjectId $id -DisplayName 'Alex D.' -TenantId $tenant",
        f"{NOTE}-TenantId dropped: a partner's customer tenant: sign in to it with Connect-MgGraph -TenantId.\n"
        "Update-MgUser -UserId $id -DisplayName 'Alex D.'",
        id="set-msol-user-tenant",
    ),
    pytest.param(
        "Get-MsolUser -All | Set-MsolUser -UsageLocation GB",
        f"{NOTE}Get-MsolUser is not in MicrosoftTeams: Get-MgUser (Microsoft Graph) returns users with other "
        f"property names\n{NOTE}Set-MsolUser is not in MicrosoftTeams: Update-MgUser (Microsoft Graph) takes the "
        "user and the properties as values\nGet-MsolUser -All | Set-MsolUser -UsageLocation GB",
        id="set-msol-user-from-the-pipeline",
    ),
    pytest.param("$all = Get-AzureADUser -All $false -Top 5", "$all = Get-MgUser -Top 5", id="all-false"),
    pytest.param(
        'Get-AzureADUser -SearchString "O\'Brien"',
        "Get-MgUser -Filter \"startsWith(displayName,'O''Brien') or startsWith(userPrincipalName,'O''Brien')\" "
        "-ConsistencyLevel eventual",
        id="search-string",
    ),
    pytest.param(
        "Get-AzureADSubscribedSku -ObjectId $id", "Get-MgSubscribedSku -SubscribedSkuId $id", id="one-subscription"
    ),
    pytest.param(
        "$o = New-MsolLicenseOptions -AccountSkuId $sku -DisabledPlans MCOEV",
        f"{NOTE}New-MsolLicenseOptions is not in MicrosoftTeams: Set-MgUserLicense takes DisabledPlans by ID; name "
        "the SKU and plans as text\n$o = New-MsolLicenseOptions -AccountSkuId $sku -DisabledPlans MCOEV",
        id="options-of-a-computed-sku",
    ),
    pytest.param(
        "Set-MsolUserLicense -UserPrincipalName $u -AddLicenses contoso:SPE_E5 -LicenseOptions $made",
        f"{NOTE}-LicenseOptions not made by a migrated New-MsolLicenseOptions; no equivalent.\n"
        "Set-MsolUserLicense -UserPrincipalName $u -AddLicenses contoso:SPE_E5 -LicenseOptions $made",
        id="options-from-elsewhere",
    ),
    pytest.param(
        "Set-MsolUserLicense -UserPrincipalName $u -AddLicenses contoso:SPE_E5,contoso:MCOEV "
        "-RemoveLicenses contoso:ENTERPRISEPACK",
        f"Set-MgUserLicense -UserId $u -AddLicenses @(@{{SkuId = '{E5}'}}, @{{SkuId = '{TEAMS_PHONE}'}}) "
        f"-RemoveLicenses @('{E3}')",
        id="several-skus",
    ),
    pytest.param(
        "$o = New-MsolLicenseOptions -AccountSkuId contoso:ENTERPRISEPACK -DisabledPlans TEAMS1\n"
        "Set-MsolUserLicense -UserPrincipalName $u -LicenseOptions $o",
        f"$o = @{{SkuId = '{E3}'; DisabledPlans = @('57ff2da0-773e-42df-b2af-ffb7a2317929')}}\n"
        "Set-MgUserLicense -UserId $u -AddLicenses $o -RemoveLicenses @()",
        id="options-of-a-held-licence",
    ),
    pytest.param(
        "Set-AzureADUserLicense -ObjectId $u -AssignedLicenses (New-LicenceSet)",
        f"{NOTE}Set-AzureADUserLicense is not in MicrosoftTeams: put the AssignedLicenses in a variable; "
        "Set-MgUserLicense takes its AddLicenses and RemoveLicenses\n"
        "Set-AzureADUserLicense -ObjectId $u -AssignedLicenses (New-LicenceSet)",
        id="licences-from-an-expression",
    ),
    pytest.param(
        "$x = New-Object Microsoft.Open.AzureAD.Model.AssignedLicense\n$x.DisabledPlans.Add('a')",
        "$x = @{DisabledPlans = [System.Collections.Generic.List[string]]::new()}\n$x.DisabledPlans.Add('a')",
        id="assigned-license-with-a-list",
    ),
    pytest.param(
        "Add-AzureADGroupMember -ObjectId $group -RefObjectId $user",
        f"{NOTE}Add-AzureADGroupMember is not in MicrosoftTeams: Microsoft's cmdlet map names its Microsoft "
        "Graph PowerShell successor (azuread-msoline-cmdlet-map)\n"
        "Add-AzureADGroupMember -ObjectId $group -RefObjectId $user",
        id="another-azuread-cmdlet",
    ),
    pytest.param(
        "$l = [Microsoft.Open.AzureAD.Model.AssignedLicenses]::new()",
        "$l = @{AddLicenses = @(); RemoveLicenses = @()}",
        id="assigned-licenses-constructed",
    ),
    pytest.param(
        "$u = Get-AzureADUser -ObjectId a@b.c\n"
        "foreach ($s in Get-AzureADSubscribedSku) { $s.ObjectId; $u.ObjectId; $_.ObjectId }",
        "$u = Get-MgUser -UserId a@b.c\nforeach ($s in Get-MgSubscribedSku -All) { $s.Id; $u.Id; $_.ObjectId }",
        id="object-id-of-results-only",
    ),
    pytest.param(
        "$u = (Get-AzureADUser -ObjectId a@b.c)\n$O = New-MsolLicenseOptions -AccountSkuId contoso:MCOEV\n"
        "Set-MsolUserLicense -ObjectId $u.ObjectId -AddLicenses contoso:MCOEV -LicenseOptions $O",
        "$u = (Get-MgUser -UserId a@b.c)\n$O = @{SkuId = 'e43b5b99-8dfb-405f-9987-dc307f34bcbd'; DisabledPlans = @()}\n"
        "Set-MgUserLicense -UserId $u.Id -AddLicenses $O -RemoveLicenses @()",
        id="parenthesised-result-and-options-as-typed",
    ),
]


@pytest.mark.parametrize(("legacy", "migrated"), TRANSLATIONS)
def test_azuread_and_msonline_translations(legacy: str, migrated: str) -> None:
    assert migrate_script(legacy) == migrated


def test_object_id_is_listed_as_a_warning() -> None:
    """Reading a missing property gives $null, not an error (outside strict mode): a warning."""
    (_, finding) = check_migration("$u = Get-AzureADUser -ObjectId a@b.c\n$u.ObjectId")
    assert (finding.line, finding.column, finding.severity, finding.error_id) == (
        2,
        1,
        "warning",
        "PropertyNotFoundStrict",
    )


def test_msonline_lines_break_today_where_check_says() -> None:
    """Run unmigrated under today's module (the Import-Module lines blanked), the module commands'
    lines fail, each listed."""
    lines = (LEGACY / "msol_new_starter.ps1").read_text(encoding="utf-8").splitlines()
    text = "\n".join("" if "Import-Module" in line else line for line in lines)
    today = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    failing = {r.invocation.line_number for r in today.run_script(text, transaction=False).errors}
    listed = {d.line for d in check_migration(text) if d.error_id == "CommandNotFoundException"}
    assert failing == listed == {3, 6, 7, 8, 9}


@pytest.mark.parametrize(
    ("legacy", "migrated"),
    [
        pytest.param(
            "Enable-CsOnlineDialInConferencingUser -Identity a@b.c -SendEmail && Write-Host 'enabled'",
            f"{NOTE}no faithful equivalent inside a pipeline chain (&& or ||): migrate it by hand.\n"
            "Enable-CsOnlineDialInConferencingUser -Identity a@b.c -SendEmail && Write-Host 'enabled'",
            id="two-statements-would-split-the-chain",
        ),
        pytest.param(
            "Import-Module MSOnline || Write-Warning 'no MSOnline'",
            f"{NOTE}no faithful equivalent inside a pipeline chain (&& or ||): migrate it by hand.\n"
            "Import-Module MSOnline || Write-Warning 'no MSOnline'",
            id="a-comment-would-swallow-the-chain",
        ),
        pytest.param(
            "Connect-MsolService || Write-Warning 'not connected'",
            "Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome"
            " || Write-Warning 'not connected'",
            id="a-command-for-a-command",
        ),
    ],
)
def test_a_rewrite_never_cuts_a_pipeline_chain_apart(legacy: str, migrated: str) -> None:
    """A rewrite into two statements or into a comment would run the chain's rest apart from it,
    or not at all (about_Pipeline_Chain_Operators); one command for another keeps the chain."""
    assert migrate_script(legacy) == migrated
