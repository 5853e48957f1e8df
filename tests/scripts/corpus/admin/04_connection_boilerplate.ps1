#Requires -Modules MicrosoftTeams
$ErrorActionPreference = 'Stop'

if (-not (Get-Module -ListAvailable -Name MicrosoftTeams)) {
    Write-Host "MicrosoftTeams module not found, installing..." -ForegroundColor Yellow
    Install-Module MicrosoftTeams -Scope CurrentUser -Force
}
Import-Module MicrosoftTeams

try {
    Connect-MicrosoftTeams | Out-Null
}
catch {
    Write-Host "Could not connect: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}

$settings = Get-CsOnlineDialInConferencingTenantSettings
Write-Host "Connected. PIN length is $($settings.PinLength), emails automatic: $($settings.AutomaticallySendEmailsToUsers)"
Disconnect-MicrosoftTeams
