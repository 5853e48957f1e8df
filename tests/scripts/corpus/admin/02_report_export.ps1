# Dial-in report: one row per user with the bridge and both numbers, for the helpdesk.
$reportPath = Join-Path -Path $PSScriptRoot -ChildPath "dialin-report.csv"

$report = Get-CsOnlineDialInConferencingUser |
    Select-Object @{Name = 'User'; Expression = { $_.Identity }},
                  @{Name = 'Bridge'; Expression = { $_.BridgeName }},
                  @{Name = 'Toll'; Expression = { if ($_.ServiceNumber) { $_.ServiceNumber } else { 'default' } }},
                  AllowTollFreeDialIn |
    Sort-Object User

$report | Export-Csv -Path $reportPath -NoTypeInformation -Encoding UTF8
Write-Host "Exported $($report.Count) users to dialin-report.csv"
