[CmdletBinding()]
param(
    [switch]$Apply
)
# Without -Apply the script only shows what it would do.
if (-not $Apply) {
    $WhatIfPreference = $true
    Write-Host "Dry run: nothing will change. Run with -Apply to make the changes." -ForegroundColor Yellow
}
Set-CsOnlineDialInConferencingTenantSettings -PinLength 9
Set-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com -TollFreeServiceNumber 18005550100
"Planned changes listed above."
