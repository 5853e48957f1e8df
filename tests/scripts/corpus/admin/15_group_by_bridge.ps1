$groups = Get-CsOnlineDialInConferencingUser | Group-Object -Property BridgeName | Sort-Object -Property Count -Descending
foreach ($g in $groups) {
    Write-Host ("{0,-20} {1,3}" -f $g.Name, $g.Count)
}
