# Turn off toll-free dial-in for everyone on the main bridge, then send Amos his details.
Get-CsOnlineDialInConferencingUser |
    Where-Object { $_.BridgeName -eq "Conference Bridge" } |
    Set-CsOnlineDialInConferencingUser -AllowTollFreeDialIn $false

Get-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com | Set-CsOnlineDialInConferencingUser -SendEmail

$emea = Get-CsOnlineDialInConferencingUser | Where-Object BridgeName -like 'EMEA*'
foreach ($user in $emea) {
    Set-CsOnlineDialInConferencingUser -Identity $user.Identity –TollFreeServiceNumber 448005550100
}
