# Parameters pasted from a web page arrive with en dashes (–) instead of hyphens; PowerShell
# reads them as dashes all the same. The catch sits outside the loop, as in the original.
try {
    $users = Get-Content -Path .\upn-list.txt
    foreach ($userId in $users) {
        Grant-CsDialoutPolicy –Identity $userId –PolicyName "DialoutCPCandPSTNDisabled"
        Set-CsOnlineDialInConferencingUser $userId –ServiceNumber 14255550100 –ErrorAction Stop
        Write-Host "Configured $userId"
    }
}
catch {
    Write-Host "Failed for user " $userId
}
