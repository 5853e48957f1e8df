function Reset-Pins {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)][string]$Identity,
        [string]$Note = 'bulk reset'
    )
    begin { $done = 0; Write-Host "Starting ($Note)" }
    process {
        Set-CsOnlineDialInConferencingUser -Identity $Identity -ResetLeaderPin
        $done++
    }
    end { Write-Host "Reset $done PINs" }
}
Get-CsOnlineDialInConferencingUser | Where-Object { $_.Identity -like 'a*' -or $_.Identity -like 'k*' } | Reset-Pins
