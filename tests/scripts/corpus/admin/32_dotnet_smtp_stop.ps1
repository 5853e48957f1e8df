$report = Get-CsOnlineDialInConferencingUser | Select-Object Identity, BridgeName | ConvertTo-Csv -NoTypeInformation
$body = $report -join "`n"
$smtp = New-Object Net.Mail.SmtpClient("smtp.contoso.com", 25)
$smtp.Send("teams@contoso.com", "helpdesk@contoso.com", "Dial-in report", $body)
