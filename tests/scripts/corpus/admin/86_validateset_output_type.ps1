#requires -Version 3.0 -Modules MicrosoftTeams
<#
    .SYNOPSIS
    Dial-in users in one of several output formats; the file name carries the date.
#>
[CmdletBinding(ConfirmImpact = 'None')]
param
(
    [ValidateSet('CONSOLE', 'CSV', 'JSON', IgnoreCase = $true)]
    [Alias('ReportFormat')]
    [string]
    $OutputType = 'csv',
    [string]
    $DateFormat = 'yyyyMMdd-HHmm'
)

$FileName = 'DialInUsers_' + (Get-Date).ToString($DateFormat)
$Report = Get-CsOnlineDialInConferencingUser | Select-Object -Property DisplayName, BridgeName, @{
    Name = 'Toll'; Expression = { if ($_.ServiceNumber) { $_.ServiceNumber } else { 'bridge default' } }
}
Write-Verbose "Bound: $($PSBoundParameters.Keys -join ',')"
switch ($OutputType) {
    'CONSOLE' { $Report | Format-Table -AutoSize }
    'CSV' {
        $Report | Export-Csv -Path ".\$FileName.csv" -NoTypeInformation
        Write-Host "Saved $FileName.csv ($($Report.Count) rows, default format: $(-not $PSBoundParameters.ContainsKey('OutputType')))"
    }
    'JSON' { $Report | ConvertTo-Json | Out-File ".\$FileName.json" }
}
