$configPath = Join-Path $PSScriptRoot 'settings.json'
$config = Get-Content -Path $configPath -Raw | ConvertFrom-Json

$params = @{
    PinLength                      = $config.Conferencing.PinLength
    EnableEntryExitNotifications   = $config.Conferencing.EntryExitNotifications
    AutomaticallySendEmailsToUsers = $config.Conferencing.SendEmails
}
Set-CsOnlineDialInConferencingTenantSettings @params
Get-CsOnlineDialInConferencingTenantSettings |
    Select-Object PinLength, EnableEntryExitNotifications |
    ConvertTo-Json |
    Set-Content -Path (Join-Path $PSScriptRoot $config.ReportPath)
Write-Host "Applied $($params.Count) settings from settings.json"
