# Licence the new starter, then report who is on which provider (2017).
Import-Module MSOnline
Connect-MsolService -Credential $cred
Set-MsolUserLicense -UserPrincipalName alex.darrow@contoso.com -AddLicenses "contoso:MCOMEETADV"
Get-MsolUser -All | Where-Object { $_.isLicensed }

Import-Module SkypeOnlineConnector
$s = New-CsOnlineSession -Credential $cred
Import-PSSession $s
Enable-CsOnlineDialInConferencingUser -Identity alex.darrow@contoso.com -ConferenceId 4242424 -SendEmail
Get-CsOnlineDialInConferencingUserInfo -Select ConferencingProviderOther | Format-Table DisplayName, Provider
