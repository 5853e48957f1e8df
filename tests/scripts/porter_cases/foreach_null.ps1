$nothing = $null
foreach ($item in $nothing) { Write-Host "never: $item" }
foreach ($item in @()) { Write-Host "never either" }
$count = 0
foreach ($u in (Get-CsOnlineDialInConferencingUser | Where-Object { $_.SipAddress -like '*nobody*' })) { $count++ }
Write-Host "matched: $count"
