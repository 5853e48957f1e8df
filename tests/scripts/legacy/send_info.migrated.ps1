# Send every Conference Bridge user their dial-in details from the conferencing mailbox,
# and give Ken a new number and PIN (Skype for Business Online, 2017).
Import-Module MicrosoftTeams
Connect-MicrosoftTeams -Credential $cred
# cscmdlets: Import-PSSession removed: Connect-MicrosoftTeams loads the cmdlets.

$bridge = Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge"
$users = Get-CsOnlineDialInConferencingUser -BridgeId $bridge.Identity
foreach ($user in $users) {
    # cscmdlets: -SendEmailFromAddress removed: removed in MicrosoftTeams 4.8.0; the service's own sender is used.
    # cscmdlets: -SendEmailFromDisplayName removed: removed in MicrosoftTeams 4.8.0; the service's own sender is used.
    Set-CsOnlineDialInConferencingUser -Identity $user.Identity -SendEmail
}
# cscmdlets: -DomainController removed: removed in MicrosoftTeams 5.9.0 (it was unused).
# cscmdlets: -Tenant removed: internal; the connection's own tenant is used.
Set-CsOnlineDialInConferencingUser ken.myer@contoso.com -ServiceNumber 12065550100 -ResetLeaderPin
# cscmdlets: -AllowPSTNOnlyMeetings removed: use AllowPSTNUsersToBypassLobby of Set-CsTeamsMeetingPolicy.
Set-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com

Disconnect-MicrosoftTeams
