Connect-MicrosoftTeams
try {
    Set-CsOnlineDialInConferencingUser -Identity pilar.ackerman@contoso.com -ServiceNumber 74955550100 -ErrorAction Stop
    Set-CsOnlineDialInConferencingUser -Identity ghost@contoso.com -ServiceNumber 74955550100 -ErrorAction Stop
    Write-Host "both done"
}
catch {
    Write-Host "Stopped: $($_.Exception.Message)" -ForegroundColor Red
}
finally {
    Disconnect-MicrosoftTeams
    Write-Host "Session closed"
}
