#Requires -Modules MicrosoftTeams
<#
    Enables audio conferencing for the users in a CSV file (UserPrincipalName,ServiceNumber).
    Skype for Business Online, 2017.
#>
param([string]$CsvPath = "enable.csv")

Import-Module MicrosoftTeams
Connect-MicrosoftTeams -Credential $cred
# cscmdlets: Import-PSSession removed: Connect-MicrosoftTeams loads the cmdlets.

$users = Import-Csv -Path $CsvPath
foreach ($user in $users) {
    Write-Host "Enabling $($user.UserPrincipalName)"
    Set-MgUserLicense -UserId $user.UserPrincipalName -AddLicenses @{SkuId = '0c266dff-15dd-4b49-8397-2bb16070ed52'} -RemoveLicenses @()
    Set-CsOnlineDialInConferencingUser -Identity $user.UserPrincipalName -ServiceNumber $user.ServiceNumber -SendEmail
}

Disconnect-MicrosoftTeams
