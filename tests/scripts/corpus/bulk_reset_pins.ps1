<#
.SYNOPSIS
  Resets leader PINs and default numbers from a CSV (one row per user).
#>
#Requires -Modules MicrosoftTeams
param(
    [string]$CsvPath = "users.csv",
    [switch]$Quiet
)

Import-Module MicrosoftTeams
Connect-MicrosoftTeams   # against the emulator this is the chosen tenant

$reset = @()
$failed = @()
foreach ($row in Import-Csv -Path $CsvPath) {
    if ($row.Action -eq 'skip') {
        Write-Host "Skipping $($row.UPN)"
        continue
    }
    try {
        if ($row.Action -eq 'reset') {
            Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin -SendEmail -ErrorAction Stop
        } else {
            Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $row.Number -ErrorAction Stop
        }
        $reset += $row.UPN
    } catch {
        Write-Warning "Could not update $($row.UPN): $($_.Exception.Message)"
        $failed += $row.UPN
    }
}
Write-Host "Updated $($reset.Count) users; $($failed.Count) failed."
