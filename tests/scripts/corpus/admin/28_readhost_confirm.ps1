$count = @(Get-CsOnlineDialInConferencingUser).Count
$answer = Read-Host "Reset the PIN of $count users? (Y/N)"
if ($answer -ne 'Y') {
    Write-Host "Cancelled." -ForegroundColor Yellow
    exit 0
}
Get-CsOnlineDialInConferencingUser | ForEach-Object {
    Set-CsOnlineDialInConferencingUser -Identity $_.Identity -ResetLeaderPin | Out-Null
}
Write-Host "PINs reset."
