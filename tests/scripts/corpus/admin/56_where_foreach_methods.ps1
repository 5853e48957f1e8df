# PowerShell 4 collection methods instead of pipelines.
$users = Get-CsOnlineDialInConferencingUser
$tollFree = $users.Where({ $_.AllowTollFreeDialIn })
$aliases = $users.ForEach({ $_.Identity.Split('@')[0] })
Write-Host ("{0} of {1} users may dial in toll-free" -f $tollFree.Count, $users.Count)
$first, $rest = $users.Where({ $_.BridgeName -eq 'Conference Bridge' }, 'Split')
"on Conference Bridge: $($first.Count); elsewhere: $($rest.Count)"
$aliases -join ';'
