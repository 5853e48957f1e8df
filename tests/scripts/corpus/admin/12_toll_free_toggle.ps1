# Turns toll-free dial-in off for the users whose row says "no", and back on for "yes".
$changes = Import-Csv .\users.csv | Where-Object { $_.Action -ne 'skip' }
foreach ($c in $changes) {
    $allow = $c.TollFree -eq 'yes'
    Set-CsOnlineDialInConferencingUser -Identity $c.UPN -AllowTollFreeDialIn $allow -ErrorAction SilentlyContinue -ErrorVariable problem
    if ($problem) {
        Write-Warning "Skipped $($c.UPN): $($problem[0].Exception.Message)"
    }
}
Get-CsOnlineDialInConferencingUser | Where-Object { -not $_.AllowTollFreeDialIn } | ForEach-Object { $_.Identity }
