# Advanced functions with $PSCmdlet, as Teams admin scripts write them (about_Functions_CmdletBindingAttribute).
function Reset-Pin {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, ValueFromPipeline)][string]$Identity)
    process {
        if ($PSCmdlet.ShouldProcess($Identity, 'Reset leader PIN')) {
            try {
                $null = Set-CsOnlineDialInConferencingUser -Identity $Identity -ResetLeaderPin -ErrorAction Stop
                Write-Host "reset $Identity"
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
'amos.marble@contoso.com', 'nobody@contoso.com' | Reset-Pin -WhatIf
'amos.marble@contoso.com', 'nobody@contoso.com' | Reset-Pin -ErrorVariable failed
Write-Host "failed: $($failed.Count)"
try { Get-Content missing.txt -ErrorAction Stop }
catch [System.Management.Automation.ActionPreferenceStopException] { Write-Host "stopped: $($_.FullyQualifiedErrorId)" }
