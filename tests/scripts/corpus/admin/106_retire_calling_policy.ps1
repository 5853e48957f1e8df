# Retire a custom calling policy. The service refuses to delete a policy users still have, so
# the script tries once, moves the holders back to the org-wide default, then deletes it.
param([string]$Retire = "Legacy-NoForwarding")

# What the tenant looked like before the clean-up: the old policy and two holders.
New-CsTeamsCallingPolicy -Identity $Retire -AllowCallForwardingToPhone $false -Description "2019 pilot" | Out-Null
foreach ($upn in "ken.myer@contoso.com", "amos.marble@contoso.com") {
    Grant-CsTeamsCallingPolicy -Identity $upn -PolicyName $Retire
}

try {
    Remove-CsTeamsCallingPolicy -Identity $Retire -ErrorAction Stop
    Write-Host "Removed at the first attempt"
}
catch {
    Write-Host "Refused: $($_.Exception.Message)"
}

$holders = @(Get-CsOnlineUser -Filter "TeamsCallingPolicy -eq '$Retire'")
Write-Host "Moving $($holders.Count) users back to Global"
foreach ($holder in $holders) {
    Grant-CsTeamsCallingPolicy -Identity $holder.UserPrincipalName -PolicyName $null
}
Remove-CsTeamsCallingPolicy -Identity $Retire

Get-CsTeamsCallingPolicy | ForEach-Object { $_.Identity }
