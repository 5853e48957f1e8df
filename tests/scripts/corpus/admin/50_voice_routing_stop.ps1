# Direct Routing set-up sits next to dial-in conferencing in many tenant scripts.
Write-Host "Configuring dial-in first" -ForegroundColor Cyan
Set-CsOnlineDialInConferencingTenantSettings -IncludeTollFreeNumberInMeetingInvites $false
Write-Host "Now the voice routes"
New-CsOnlineVoiceRoute -Identity "Redmond" -NumberPattern "^\+1(425|206)(\d{7})$" -OnlinePstnGatewayList sbc.contoso.com
Write-Host "Done"
