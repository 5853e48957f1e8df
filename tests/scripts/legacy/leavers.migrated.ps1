# Leavers: take away dial-in conferencing and move the bridge default (2017).
Import-Module MicrosoftTeams
Connect-MicrosoftTeams -Credential $cred
# cscmdlets: Import-PSSession removed: Connect-MicrosoftTeams loads the cmdlets.

# cscmdlets: -SendEmail dropped: the service emails the user when the licence goes (AutomaticallySendEmailsToUsers).
Set-MgUserLicense -UserId pilar.ackerman@contoso.com -AddLicenses @() -RemoveLicenses @('0c266dff-15dd-4b49-8397-2bb16070ed52')
# cscmdlets: Set-CsOnlineDialInConferencingUserDefaultNumber is not in MicrosoftTeams: set each user's -ServiceNumber with Set-CsOnlineDialInConferencingUser, or the numbers in invites with a Teams audio conferencing policy
Set-CsOnlineDialInConferencingUserDefaultNumber -FromNumber 14255550100 -ToNumber 12065550100 -NumberType Toll -BridgeName "Conference Bridge"
Get-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com
Disconnect-MicrosoftTeams
