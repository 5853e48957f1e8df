# PowerShell 7 operators in an admin script: ??, ??=, ?:, ?. and ?[], && and ||.
$defaultNumber ??= '14255550100'
$defaultNumber ??= 'never used'
$rows = @(Import-Csv .\people.csv) + [pscustomobject]@{ UserPrincipalName = 'nobody@contoso.com' }
foreach ($row in $rows) {
    $upn = $row.UserPrincipalName ?? $row.UPN
    $user = Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue
    $state = $user ? 'found' : 'missing'
    Write-Host "$upn is $state, conference $(${user}?.ConferenceId ?? 'none')"
    Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue || Write-Warning "no dial-in user $upn"
}
foreach ($upn in 'nobody@contoso.com', 'ken.myer@contoso.com') {
    Set-CsOnlineDialInConferencingUser -Identity $upn -ResetLeaderPin -ErrorAction SilentlyContinue && Write-Host "reset $upn"
}
$settings = Get-CsOnlineDialInConferencingTenantSettings
$pin = $settings.PinLength -gt 5 ? 'long' : 'short'
Write-Host "PINs are $pin ($($settings.PinLength) digits), default $defaultNumber"
$missing = $null
Write-Host "first letter: [$(${missing}?[0])] [$(${upn}?[0])] upper: [$(${missing}?.ToUpper())] [$(${upn}?.ToUpper())]"
$found = Get-CsOnlineDialInConferencingUser -Identity 'amos.marble@contoso.com' && Write-Output 'looked up'
Write-Host "$($found.Count) objects: $($found[1])"
$first = $rows[0]
$who = $first.UPN ?? (Set-CsOnlineDialInConferencingUser -Identity 'amos.marble@contoso.com' -ResetLeaderPin)
$again = $who ?? (Set-CsOnlineDialInConferencingUser -Identity 'amos.marble@contoso.com' -ResetLeaderPin)
Write-Host "first row: $who $again"
$options = @{ Region = 'EMEA' }
$options.Region ??= 'NOAM'
$options['Language'] ??= 'en-US'
Write-Host "options: $($options.Region) $($options.Language)"
