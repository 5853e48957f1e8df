# Reset the leader PIN of every user the CSV marks 'reset'; a user that fails is logged, not fatal.
$ErrorActionPreference = 'Stop'
$failures = 0

function Reset-LeaderPin {
    param([string]$Upn)
    trap {
        Write-Warning ("Could not reset {0}: {1}" -f $Upn, $_.Exception.Message)
        $script:failures++
        continue
    }
    $before = $script:failures
    Set-CsOnlineDialInConferencingUser -Identity $Upn -ResetLeaderPin | Out-Null
    if ($script:failures -eq $before) { Write-Host "PIN reset for $Upn" }
}

foreach ($row in (Import-Csv .\users.csv | Where-Object Action -eq 'reset')) {
    Reset-LeaderPin -Upn $row.UPN
}
Write-Host "$failures failure(s)"
