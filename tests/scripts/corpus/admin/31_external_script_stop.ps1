Write-Host "Preparing"
. "$PSScriptRoot\Common-Functions.ps1"
Write-Host "Loaded helpers"
