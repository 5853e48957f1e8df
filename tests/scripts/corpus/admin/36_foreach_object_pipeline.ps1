Import-Csv .\users.csv |
    Where-Object { $_.TollFree -eq 'no' -and $_.UPN -like '*@contoso.com' } |
    ForEach-Object -Begin { $n = 0 } -Process {
        Set-CsOnlineDialInConferencingUser -Identity $_.UPN -AllowTollFreeDialIn $false -ErrorAction SilentlyContinue
        if ($?) { $n++ }
    } -End { "toll-free disabled for $n user(s)" }
