$users = Get-Content .\contacts.txt
foreach ($line in $users) {
    if ($line -match '<(?<upn>[^>]+)>') {
        try {
            Grant-CsDialoutPolicy -Identity $Matches.upn -PolicyName "DialoutCPCandPSTNDisabled"
            Set-CsOnlineDialInConferencingUser -Identity $Matches.upn -AllowTollFreeDialIn $false
        }
        catch {
            Write-Host "Failed for user " $Matches.upn
        }
    }
}
Write-Host "All users processed"
