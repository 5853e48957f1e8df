# A trap that says break passes the error on: the function's caller stops, and the script ends with it.
function Update-Settings {
    trap {
        Write-Host "rolling back: $($_.Exception.Message)"
        break
    }
    Set-CsOnlineDialInConferencingTenantSettings -EnableEntryExitNotifications $true
    Set-CsOnlineDialInConferencingUser -Identity departed.user@contoso.com -ResetLeaderPin -ErrorAction Stop
    Write-Host 'never reached'
}
Write-Host 'start'
Update-Settings
Write-Host 'not reached either'
