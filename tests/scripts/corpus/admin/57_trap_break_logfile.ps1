# A scheduled task: every terminating error is logged, then the run stops with a failure status.
$log = '.\nightly.log'
trap {
    Add-Content -Path $log -Value ("ERROR {0}" -f $_.Exception.Message)
    break
}
Add-Content -Path $log -Value 'start'
Set-CsOnlineDialInConferencingTenantSettings -EnableEntryExitNotifications $true
Add-Content -Path $log -Value 'settings updated'
Set-CsOnlineDialInConferencingUser -Identity departed.user@contoso.com -ResetLeaderPin -ErrorAction Stop
Add-Content -Path $log -Value 'done'
