# Counters set together, and two names for one lookup's result (nothing, or unset when it fails).
$total = $failed = 0
foreach ($upn in 'amos.marble@contoso.com', 'ken.myer@contoso.com') { $total++ }
Write-Host "total $total, failed $failed"
$first = $last = Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -eq 'APAC Bridge' }
Write-Host "first $(@($first).Count), last $(@($last).Count)"
$old = $rows = Import-Csv -Path .\no-such-file.csv
Write-Host "old $(@($old).Count), rows $(@($rows).Count)"
