# A trap in a loop's body handles that body's statements: its continue goes on with the next
# statement of the body, not the next iteration; a break in a loop inside the trap is that loop's.
$count = 0
foreach ($upn in 'amos.marble@contoso.com', 'ghost@contoso.com') {
    trap {
        foreach ($n in 1, 2) { if ($n -eq 2) { break }; Write-Host "trap for $upn" }
        continue
    }
    $user = Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction Stop
    Write-Host "after the lookup of $upn"
    $script:count++
}
Write-Host "count $count"
