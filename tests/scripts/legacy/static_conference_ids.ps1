# Give the sales team easy-to-remember conference IDs and a new PIN (2017).
Import-Module SkypeOnlineConnector
$session = New-CsOnlineSession
Import-PSSession $session

Set-CsOnlineDialInConferencingUser -Identity "Ken Myer" -ConferenceId 3542699 -ResetLeaderPin -ServiceNumber 14255550100
Set-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com -BridgeName "Conference Bridge" -Passcode 3542700
Set-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com -SendEmail -SendEmailFromAddress conferencing@contoso.com -SendEmailFromDisplayName "Conferencing"
Set-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com -AllowPSTNOnlyMeetings $true -DomainController dc01.contoso.com

Get-PSSession | Remove-PSSession
