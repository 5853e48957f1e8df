# Guard clauses on .Count: no match, one match, several.
$onMissingBridge = Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -eq 'APAC Bridge' }
if ($onMissingBridge.Count -eq 0) {
    Write-Host "No users on APAC Bridge"
}
$one = Get-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com
Write-Host "Lookup returned $($one.Count) user(s)"
$emea = @(Get-CsOnlineDialInConferencingUser | Where-Object BridgeName -eq 'EMEA Bridge')
Write-Host "EMEA Bridge has $($emea.Count) user(s)"
$noNumber = Get-CsOnlineDialInConferencingUser | Where-Object { -not $_.ServiceNumber }
"{0} user(s) without a service number; first name length {1}" -f $noNumber.Count, $noNumber[0].DisplayName.Length
$nothing = $null
"nothing: count {0}, length {1}" -f $nothing.Count, $nothing.Length
