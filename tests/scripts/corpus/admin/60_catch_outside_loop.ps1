# One try around the whole loop: the first failure ends the loop (the catch is outside it).
$users = Get-Content .\upn-list.txt
try {
    foreach ($userId in $users) {
        Set-CsOnlineDialInConferencingUser $userId –TollFreeServiceNumber 18005550100 -ErrorAction Stop
        Write-Host "Toll-free number set for" $userId
    }
}
catch {
    Write-Host "Failed for user " $userId
}
