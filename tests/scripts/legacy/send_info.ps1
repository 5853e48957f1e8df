# Send every Conference Bridge user their dial-in details from the conferencing mailbox,
# and give Ken a new number and PIN (Skype for Business Online, 2017).
Import-Module SkypeOnlineConnector
$session = New-CsOnlineSession -Credential $cred -OverrideAdminDomain contoso.onmicrosoft.com
Import-PSSession $session -AllowClobber | Out-Null

$bridge = Get-CsOnlineDialInConferencingBridge -Name "Conference Bridge"
$users = Get-CsOnlineDialInConferencingUser -BridgeId $bridge.Identity
foreach ($user in $users) {
    Set-CsOnlineDialInConferencingUser -Identity $user.Identity -SendEmail `
        -SendEmailFromAddress conferencing@contoso.com -SendEmailFromDisplayName "Contoso Conferencing"
}
Set-CsOnlineDialInConferencingUser ken.myer@contoso.com -ServiceNumber 12065550100 -ResetLeaderPin -DomainController dc01.contoso.com -Tenant 38aad667-af54-4397-aaa7-e94c79ec2308
Set-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com -AllowPSTNOnlyMeetings $false

Get-PSSession | Remove-PSSession
