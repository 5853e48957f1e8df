<#
    Users licensed for Audio Conferencing in the Sales department lose toll-free dial-in:
    grant them the built-in AllowTollFreeDialinFalse policy, skipping anyone who already has it.
#>
param([string]$Department = 'Sales')

$audioSku = (Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq 'MCOMEETADV').SkuId
$licensed = Get-MgUser -All -Property Id, UserPrincipalName, Department, AssignedLicenses |
    Where-Object { $_.Department -eq $Department -and $_.AssignedLicenses.SkuId -contains $audioSku }

$changed = 0
foreach ($u in $licensed) {
    $teamsUser = Get-CsOnlineUser -Identity $u.UserPrincipalName
    if ($teamsUser.TeamsAudioConferencingPolicy -eq 'AllowTollFreeDialinFalse') {
        Write-Host "$($u.UserPrincipalName) already has the policy"
        continue
    }
    Grant-CsTeamsAudioConferencingPolicy -Identity $u.UserPrincipalName -PolicyName AllowTollFreeDialinFalse
    Write-Host "Granted AllowTollFreeDialinFalse to $($u.UserPrincipalName)"
    $changed++
}
Write-Host "$changed of $(@($licensed).Count) licensed $Department user(s) updated"
(Get-CsOnlineUser | Where-Object TeamsAudioConferencingPolicy -eq 'AllowTollFreeDialinFalse').UserPrincipalName
