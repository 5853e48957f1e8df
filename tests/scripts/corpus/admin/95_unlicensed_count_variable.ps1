<#
    How many accounts are licensed and which have no licence at all, with Graph's advanced
    query ($count in the filter, -ConsistencyLevel eventual, -CountVariable).
#>
$Host.UI.RawUI.WindowTitle = "Licence check - $(Get-Date -Format g)"
Connect-MgGraph -Scopes User.Read.All, Organization.Read.All -NoWelcome

Write-Host -ForegroundColor Yellow "Finding licensed users..."
$Licensed = Get-MgUser -Filter 'assignedLicenses/$count ne 0' -ConsistencyLevel eventual -CountVariable licensedUserCount -All -Select UserPrincipalName, DisplayName
Write-Host -ForegroundColor Green "`nFound $licensedUserCount licensed users."

$Unlicensed = Get-MgUser -Filter "assignedLicenses/`$count eq 1" -ConsistencyLevel eventual -CountVariable singleSku -All -Property UserPrincipalName, UsageLocation
Write-Host "$singleSku user(s) hold a single SKU:"
$Unlicensed | Format-Table -Property UserPrincipalName, UsageLocation | Out-String -Stream | Where-Object { $_ }
Write-Host ("{0}% of the accounts have more than one SKU" -f [math]::Round(($licensedUserCount - $singleSku) / $Licensed.Count * 100))
