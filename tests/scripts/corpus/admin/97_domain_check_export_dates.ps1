# Rows of users.csv whose address is in the tenant's domain (compared without regard to case),
# their bridge settings shown with a wildcard, and an audit file stamped with the check time.
$Domain = '@CONTOSO.COM'
$Checked = Get-Date -Date '2026-11-24 16:30'
$Audit = foreach ($Row in Import-Csv .\users.csv) {
    if (-not $Row.UPN.EndsWith($Domain, [StringComparison]::OrdinalIgnoreCase)) {
        Write-Warning "$($Row.UPN) is outside $Domain"
        continue
    }
    $User = Get-CsOnlineDialInConferencingUser -Identity $Row.UPN -ErrorAction SilentlyContinue
    if ($null -eq $User) {
        Write-Host "$($Row.UPN): not enabled for dial-in"
        continue
    }
    $User | Format-List Identity, Bridge* | Out-Host
    [PSCustomObject]@{ UPN = $Row.UPN.ToLowerInvariant(); Bridge = $User.BridgeName; Checked = $Checked }
}
$Audit | Export-Csv -Path .\dialin-audit.csv -NoTypeInformation -Encoding utf8
Write-Host ("{0} users checked on {1:d}" -f @($Audit).Count, $Checked)
