# Advanced functions as public Teams admin scripts write them: ShouldProcess around each change,
# a parameter set per way of naming the users, and ThrowTerminatingError for bad input.
function Set-BridgeTollFree {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'ByIdentity')]
    param(
        [Parameter(ParameterSetName = 'ByIdentity', Mandatory, ValueFromPipeline)]
        [string]$Identity,
        [Parameter(ParameterSetName = 'FromCsv', Mandatory)]
        [string]$CsvPath,
        [string]$Number = '18005550100'
    )
    begin {
        if ($Number -notmatch '^\d{11}$') {
            $exception = [System.ArgumentException]::new("'$Number' is not an 11-digit number.")
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                $exception, 'BadNumber', [System.Management.Automation.ErrorCategory]::InvalidArgument, $Number))
        }
        Write-Verbose "Parameter set: $($PSCmdlet.ParameterSetName)"
    }
    process {
        $targets = if ($PSCmdlet.ParameterSetName -eq 'FromCsv') { (Import-Csv $CsvPath).UserPrincipalName } else { $Identity }
        foreach ($upn in $targets) {
            if ($PSCmdlet.ShouldProcess($upn, "Set toll-free number $Number")) {
                try {
                    Set-CsOnlineDialInConferencingUser -Identity $upn -TollFreeServiceNumber $Number -ErrorAction Stop
                    Write-Host "updated $upn"
                }
                catch {
                    $PSCmdlet.WriteError($_)
                }
            }
        }
    }
}

Set-BridgeTollFree -Identity ken.myer@contoso.com -Number 555
Write-Host 'bad number reported; the script goes on'
'ken.myer@contoso.com', 'gone@contoso.com' | Set-BridgeTollFree -ErrorVariable failed -ErrorAction SilentlyContinue
Write-Host "failed: $($failed.Count) ($($failed[0].FullyQualifiedErrorId))"
(Get-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com).TollFreeServiceNumber
