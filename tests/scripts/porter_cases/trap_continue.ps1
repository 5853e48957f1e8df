# A trap that says continue drops the error; the list goes on with the statement after the failed one.
# The trap stands below the statements it covers, and counts in the script's own variable.
$failures = 0
function Reset-Pins {
    param([string[]]$Upns)
    foreach ($upn in $Upns) {
        Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin -ErrorAction Stop | Out-Null
        Write-Host "reset $upn"
    }
    Write-Host 'after the loop'
    trap [System.Management.Automation.RuntimeException] {
        foreach ($n in 1, 2, 3) { if ($n -eq 2) { continue }; Write-Host "trap loop $n" }
        Write-Host "skipped: $($_.Exception.Message)"
        $script:failures++
        if ($script:failures -gt 0) { continue }
        Write-Host 'never'
    }
}
Reset-Pins -Upns 'amos.marble@contoso.com', 'ghost@contoso.com', 'ken.myer@contoso.com'
Reset-Pins -Upns 'nobody@contoso.com'
Write-Host "$failures failure(s)"
