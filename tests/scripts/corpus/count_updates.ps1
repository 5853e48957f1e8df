# Counts what it changed and logs the total: a counter in a loop, as admins write it.
$done = 0
foreach ($upn in @("amos.marble@contoso.com", "ken.myer@contoso.com", "nobody@contoso.com")) {
    try {
        Set-CsOnlineDialInConferencingUser -Identity $upn -AllowTollFreeDialIn $false -ErrorAction Stop
        $done++
    } catch {
        Write-Warning "Skipped $upn"
    }
}
"Updated $done users" | Out-File -FilePath changes.log
