# Tenant-wide dial-in settings, splatted as the Microsoft365DSC resource does.
function Set-PinPolicy {
    param([Parameter(Mandatory)][int]$Length, [bool]$Notify = $true)
    $settings = @{
        PinLength                      = $Length
        AutomaticallySendEmailsToUsers = $Notify
        EnableEntryExitNotifications   = $false
    }
    Set-CsOnlineDialInConferencingTenantSettings @settings
}

Set-PinPolicy -Length 7 -Notify $false
$current = Get-CsOnlineDialInConferencingTenantSettings
if ($current.PinLength -ne 7) {
    throw "PIN length was not applied"
}
Write-Host ("PIN length is now {0}" -f $current.PinLength)
Set-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com -ResetLeaderPin
