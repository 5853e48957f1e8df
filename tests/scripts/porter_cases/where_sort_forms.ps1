# Where-Object with a property name alone keeps the objects where it is true; Sort-Object by
# several properties breaks ties with the next one.
$users = Get-CsOnlineDialInConferencingUser
$tollFree = @($users | Where-Object AllowTollFreeDialIn).Count
Write-Host "toll-free: $tollFree of $($users.Count)"
$users | Sort-Object BridgeName, Identity | Select-Object Identity, BridgeName
$users | Where-Object ServiceNumber | Sort-Object BridgeName, DisplayName -Descending | Select-Object DisplayName
