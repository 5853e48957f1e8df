# Pick the users to move to the EMEA bridge (a person picks: without one the run stops there).
$picked = Get-CsOnlineDialInConferencingUser |
    Where-Object BridgeName -ne 'EMEA Bridge' |
    Select-Object Identity, DisplayName, BridgeName |
    Out-GridView -Title "Users to move to EMEA" -PassThru
foreach ($p in $picked) {
    Set-CsOnlineDialInConferencingUser -Identity $p.Identity -BridgeName 'EMEA Bridge'
}
Write-Host "$(@($picked).Count) user(s) moved"
