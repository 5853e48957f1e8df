#Requires -Modules SkypeOnlineConnector
<#
    Enables audio conferencing for the users in a CSV file (UserPrincipalName,ServiceNumber).
    Skype for Business Online, 2017.
#>
param([string]$CsvPath = "enable.csv")

Import-Module SkypeOnlineConnector
$sfbSession = New-CsOnlineSession -Credential $cred
Import-PSSession $sfbSession -AllowClobber

$users = Import-Csv -Path $CsvPath
foreach ($user in $users) {
    Write-Host "Enabling $($user.UserPrincipalName)"
    Enable-CsOnlineDialInConferencingUser -Identity $user.UserPrincipalName -ServiceNumber $user.ServiceNumber -SendEmail
}

Remove-PSSession $sfbSession
