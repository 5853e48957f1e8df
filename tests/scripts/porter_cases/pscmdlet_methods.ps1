# $PSCmdlet in advanced functions, as tenant admins write their helpers: ShouldProcess around each
# change, WriteError for a user that failed, ThrowTerminatingError when the input is unusable.
function Reset-LeaderPin {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, ValueFromPipeline)][string]$UserPrincipalName)
    process {
        if ($PSCmdlet.ShouldProcess($UserPrincipalName, 'Reset the leader PIN')) {
            try {
                Set-CsOnlineDialInConferencingUser -Identity $UserPrincipalName -ResetLeaderPin -ErrorAction Stop | Out-Null
                Write-Host "PIN reset: $UserPrincipalName"
            }
            catch {
                $PSCmdlet.WriteError($_)
            }
        }
    }
}

function Get-BridgeNumber {
    [CmdletBinding(ConfirmImpact = 'Low')]
    param([string]$BridgeName)
    try {
        $bridge = Get-CsOnlineDialInConferencingBridge -Name $BridgeName -ErrorAction Stop
    }
    catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
    Write-Host "checked $BridgeName"
    $bridge.DefaultServiceNumber
}

'amos.marble@contoso.com', 'ken.myer@contoso.com' | Reset-LeaderPin -WhatIf
Write-Host 'previewed, nothing changed'
'amos.marble@contoso.com', 'former.staff@contoso.com', 'ken.myer@contoso.com' | Reset-LeaderPin -Confirm:$false
Write-Host 'first batch done'
'former.staff@contoso.com', 'ken.myer@contoso.com' | Reset-LeaderPin -ErrorAction SilentlyContinue
Write-Host 'second batch done, its error not shown'
Get-BridgeNumber -BridgeName 'Conference Bridge'
Get-BridgeNumber -BridgeName 'Retired Bridge'
Write-Host 'the script goes on after the terminating error'
try {
    Get-BridgeNumber -BridgeName 'Retired Bridge'
}
catch {
    Write-Host "caught: $($_.FullyQualifiedErrorId)"
}
