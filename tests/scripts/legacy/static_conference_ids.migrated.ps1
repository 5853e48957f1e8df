# Give the sales team easy-to-remember conference IDs and a new PIN (2017).
Import-Module MicrosoftTeams
Connect-MicrosoftTeams
# cscmdlets: Import-PSSession removed: Connect-MicrosoftTeams loads the cmdlets.

# cscmdlets: -ConferenceId removed: static conference IDs are no longer supported; the service assigns them.
Set-CsOnlineDialInConferencingUser -Identity "Ken Myer" -ResetLeaderPin -ServiceNumber 14255550100
# cscmdlets: -ConferenceId removed: static conference IDs are no longer supported; the service assigns them.
Set-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com -BridgeName "Conference Bridge"
# cscmdlets: -SendEmailFromAddress removed: removed in MicrosoftTeams 4.8.0; the service's own sender is used.
# cscmdlets: -SendEmailFromDisplayName removed: removed in MicrosoftTeams 4.8.0; the service's own sender is used.
Set-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com -SendEmail
# cscmdlets: -AllowPSTNOnlyMeetings removed: use AllowPSTNUsersToBypassLobby of Set-CsTeamsMeetingPolicy.
# cscmdlets: -DomainController removed: removed in MicrosoftTeams 5.9.0 (it was unused).
Set-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com

Disconnect-MicrosoftTeams
