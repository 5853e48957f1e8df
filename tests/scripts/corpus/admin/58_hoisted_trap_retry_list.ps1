# The trap is at the end of the script, as some authors write it: it still covers what runs before.
# An error inside the loop leaves the loop: the trap's script block goes on after the foreach.
$retry = New-Object System.Collections.Generic.List[string]
foreach ($upn in 'ken.myer@contoso.com', 'ghost@contoso.com', 'pilar.ackerman@contoso.com') {
    Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin -ErrorAction Stop | Out-Null
    Write-Host "New PIN sent to $upn"
}
Write-Host "Retry later: $($retry -join ', ')"

trap [System.Management.Automation.RuntimeException] {
    $retry.Add($_.TargetObject)
    continue
}
