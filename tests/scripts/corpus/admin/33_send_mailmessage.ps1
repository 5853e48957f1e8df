$summary = Get-CsOnlineDialInConferencingUser | Measure-Object
$body = "There are $($summary.Count) dial-in users."
Send-MailMessage -To "helpdesk@contoso.com" -From "teams@contoso.com" -Subject "Dial-in summary" -Body $body -SmtpServer smtp.contoso.com
Write-Host "Mail sent"
