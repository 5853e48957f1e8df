# A lookup that finds nobody leaves nothing; a field that is $null holds one $null.
$apac = Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -eq 'APAC Bridge' }
$apac | ForEach-Object { Write-Host "never: $($_.DisplayName)" }
foreach ($user in $apac) { Write-Host "never either: $($user.DisplayName)" }
Write-Host "APAC users: $(@($apac).Count), equal to `$null: $($null -eq $apac)"
$copy = $apac
Write-Host "a copy of nothing: $(@($copy).Count)"
$again = $(Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -eq 'APAC Bridge' })
Write-Host "APAC users again: $(@($again).Count)"
$manager = $null
$manager | ForEach-Object { Write-Host "one `$null came down the pipeline" }
foreach ($m in $manager) { Write-Host "foreach never runs over `$null" }
Write-Host "managers: $(@($manager).Count), `$null.Count: $($manager.Count)"
Write-Host "measured: $(($manager | Measure-Object).Count), sorted: $(@($manager | Sort-Object).Count)"
$apac = $null
Write-Host "APAC set to `$null: $(@($apac).Count)"
