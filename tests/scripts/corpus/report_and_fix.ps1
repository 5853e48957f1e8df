# Report users without a toll-free number, fix them, and export a CSV report.
$ErrorActionPreference = 'Continue'
$report = @()
$users = Get-CsOnlineDialInConferencingUser
foreach ($u in $users) {
    $entry = [pscustomobject]@{
        Identity = $u.Identity
        Bridge   = $u.BridgeName
        TollFree = $u.DefaultTollFreeNumber
    }
    $report += $entry
    if (-not $u.AllowTollFreeDialIn) {
        Write-Host "$($u.Identity) cannot use toll-free numbers"
    }
}
$report | Sort-Object Identity | Export-Csv -Path report.csv -NoTypeInformation
$count = ($report | Where-Object { $_.Bridge -eq 'EMEA Bridge' }).Count
Write-Host "EMEA users: $count"
Set-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com -ServiceNumber 442035550100 -SendEmail
