# Labelled loops nested three deep: a jump names the loop it leaves, through the loops inside it;
# an unlabelled break or continue is still the innermost loop's.
:users foreach ($upn in 'amos.marble@contoso.com', 'ghost@contoso.com', 'ken.myer@contoso.com') {
    $round = 0
    :rounds while ($round -lt 3) {
        $round++
        foreach ($step in 'check', 'skip', 'reset') {
            if ($step -eq 'skip') { continue }
            if ($upn -like 'ghost*') { Write-Host "no such user: $upn"; continue users }
            if ($round -eq 2) { break rounds }
            if ($step -eq 'reset' -and $upn -like 'ken*') {
                Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin | Out-Null
                break users
            }
            Write-Host "$upn round $round $step"
        }
    }
    Write-Host "done with $upn after $round round(s)"
}
Write-Host 'after the users'
