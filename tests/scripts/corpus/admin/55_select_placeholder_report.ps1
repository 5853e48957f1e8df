# The classic report: a blank object per user from `"" | Select-Object`, filled in, then exported.
$report = @()
foreach ($user in Get-CsOnlineUser | Where-Object { $_.FeatureTypes -contains 'AudioConferencing' }) {
    $row = "" | Select-Object "UserPrincipalName", "Department", "Bridge", "TollNumber"
    $row.UserPrincipalName = $user.UserPrincipalName
    $row.Department = $user.Department
    $conf = Get-CsOnlineDialInConferencingUser -Identity $user.UserPrincipalName -ErrorAction SilentlyContinue
    if ($conf) {
        $row.Bridge = $conf.BridgeName
        $row.TollNumber = if ($conf.ServiceNumber) { $conf.ServiceNumber } else { "default $($conf.DefaultTollNumber)" }
    } else {
        $row.Bridge = 'not enabled'
    }
    $report += $row
}
$report | Export-Csv -Path .\audio-conferencing-report.csv -NoTypeInformation
Write-Host "$($report.Count) rows written"
