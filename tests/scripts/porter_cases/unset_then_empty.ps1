# A first lookup that fails leaves $rows unset ($null); a second one that finds nobody leaves nothing.
$rows = Import-Csv -Path .\no-such-file.csv
Write-Host "after the failed import: $(@($rows).Count)"
$rows = Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -eq 'APAC Bridge' }
Write-Host "after an empty lookup: $(@($rows).Count)"
