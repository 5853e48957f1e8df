$required = 'MicrosoftTeams'
$module = Get-Module -ListAvailable -Name $required | Sort-Object Version -Descending | Select-Object -First 1
if ($null -eq $module) {
    Write-Error "Module $required is not installed."
    exit 1
}
Write-Host "Using $($module.Name) $($module.Version)"
foreach ($cmd in 'Get-CsOnlineDialInConferencingUser', 'Set-CsOnlineDialInConferencingBridge', 'Get-CsOnlineDialInConferencingLanguagesSupported', 'Get-CsOnlineDialInConferencingUserInfo') {
    if (Get-Command $cmd -ErrorAction SilentlyContinue) {
        Write-Host "  $cmd available" -ForegroundColor Green
    } else {
        Write-Host "  $cmd missing" -ForegroundColor Red
    }
}
