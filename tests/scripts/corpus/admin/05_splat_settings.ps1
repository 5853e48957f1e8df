# Tenant-wide conferencing settings, one splat so the change is reviewed in one place.
$conferencing = @{
    PinLength                      = 7
    EnableEntryExitNotifications   = $false
    EntryExitAnnouncementsType     = 'ToneOnly'
    AutomaticallySendEmailsToUsers = $true
}
Set-CsOnlineDialInConferencingTenantSettings @conferencing

$now = Get-CsOnlineDialInConferencingTenantSettings
foreach ($key in $conferencing.Keys | Sort-Object) {
    $expected = $conferencing[$key]
    $actual = $now.$key
    if ("$actual" -ne "$expected") {
        Write-Warning "$key is $actual, expected $expected"
    }
}
Write-Host "Settings applied: PIN length $($now.PinLength)"
