$bridge = Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge"
Write-Host "Current default: $($bridge.DefaultServiceNumber)"
if ($bridge.DefaultServiceNumber -ne '12065550100') {
    Set-CsOnlineDialInConferencingBridge -Name "Conference Bridge" -DefaultServiceNumber 12065550100
    Write-Host "Default number changed to 12065550100" -ForegroundColor Green
}
(Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge").DefaultServiceNumber
