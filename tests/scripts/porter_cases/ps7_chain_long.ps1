# Longer && / || chains, as PowerShell 7 admin one-liners write them: each pipeline runs on the
# $? the last one that ran left (about_Pipeline_Chain_Operators).
$upn = 'ken.myer@contoso.com'
foreach ($who in 'former.employee@contoso.com', $upn) {
    Get-CsOnlineDialInConferencingUser -Identity $who -ErrorAction SilentlyContinue && Write-Host "$who has dial-in" || Write-Host "$who has no dial-in"
}
Get-CsOnlineDialInConferencingUser -Identity $upn && Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin && Write-Host "leader PIN reset for $upn" || Write-Warning "could not reset the PIN of $upn"
Set-CsOnlineDialInConferencingUser -Identity gone@contoso.com -ResetLeaderPin -ErrorAction SilentlyContinue ||
    Set-CsOnlineDialInConferencingUser -Identity $upn -ServiceNumber 442035550100 -ErrorAction SilentlyContinue ||
    Write-Host 'both updates failed'
Write-Output 'checking the bridge' && Get-CsOnlineDialInConferencingBridge -Name 'No Such Bridge' -ErrorAction SilentlyContinue
Write-Host "bridge found: $?"
Write-Error 'Bridge list is stale' || Write-Output 'recovered after Write-Error'
Get-CsOnlineDialInConferencingUser -Identity 'nobody@contoso.com' -ErrorAction SilentlyContinue ||
    Write-Warning 'nobody is missing' &&
    Write-Output 'warned'
