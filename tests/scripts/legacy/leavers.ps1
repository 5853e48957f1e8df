# Leavers: take away dial-in conferencing and move the bridge default (2017).
Import-Module SkypeOnlineConnector
$s = New-CsOnlineSession -Credential $cred
Import-PSSession $s

Disable-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com -SendEmail
Set-CsOnlineDialInConferencingUserDefaultNumber -FromNumber 14255550100 -ToNumber 12065550100 -NumberType Toll -BridgeName "Conference Bridge"
Get-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com
Remove-PSSession $s
