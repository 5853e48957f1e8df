# Licence the new starter, then report who is on which provider (2017).
# cscmdlets: Import-Module MSOnline removed: Microsoft Graph PowerShell loads on first use.
# cscmdlets: Connect-MgGraph signs in interactively or as an app; -Credential is gone.
Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome
Set-MgUserLicense -UserId alex.darrow@contoso.com -AddLicenses @{SkuId = '0c266dff-15dd-4b49-8397-2bb16070ed52'} -RemoveLicenses @()
# cscmdlets: Get-MsolUser is not in MicrosoftTeams: Get-MgUser (Microsoft Graph) returns users with other property names
Get-MsolUser -All | Where-Object { $_.isLicensed }

Import-Module MicrosoftTeams
Connect-MicrosoftTeams -Credential $cred
# cscmdlets: Import-PSSession removed: Connect-MicrosoftTeams loads the cmdlets.
# cscmdlets: -ConferenceId dropped: static conference IDs are no longer supported; the service assigns them.
Set-MgUserLicense -UserId alex.darrow@contoso.com -AddLicenses @{SkuId = '0c266dff-15dd-4b49-8397-2bb16070ed52'} -RemoveLicenses @()
Set-CsOnlineDialInConferencingUser -Identity alex.darrow@contoso.com -SendEmail
# cscmdlets: Get-CsOnlineDialInConferencingUserInfo is not in MicrosoftTeams: Get-CsOnlineDialInConferencingUser lists Microsoft-provider users; no view of third-party users remains
Get-CsOnlineDialInConferencingUserInfo -Select ConferencingProviderOther | Format-Table DisplayName, Provider
