$number = '74955550100'
$owner = Get-CsOnlineDialInConferencingServiceNumber -Identity $number
Write-Host "Number $number is on bridge $($owner.BridgeId)"
Unregister-CsOnlineDialInConferencingServiceNumber -Identity $number -BridgeName 'EMEA Bridge'
@(Get-CsOnlineDialInConferencingServiceNumber -BridgeName 'EMEA Bridge').Count
