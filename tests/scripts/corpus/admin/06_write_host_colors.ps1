$users = Get-CsOnlineDialInConferencingUser
Write-Host "=== Dial-in users ===" -ForegroundColor Cyan -BackgroundColor DarkBlue
foreach ($u in $users) {
    Write-Host "$($u.DisplayName): " -NoNewline
    if ($u.AllowTollFreeDialIn) {
        Write-Host "toll-free allowed" -ForegroundColor Green
    } else {
        Write-Host "toll-free blocked" -ForegroundColor DarkYellow
    }
}
Write-Host ""
Write-Host "Total:" $users.Count "users" -ForegroundColor White
