# CSV-driven changes, one switch per row (the way many admin scripts dispatch on a column).
$log = @()
foreach ($row in Import-Csv users.csv) {
    switch ($row.Action) {
        'reset'  { Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin -ErrorAction SilentlyContinue }
        'number' { Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $row.Number }
        default  { $log += "no change for $($row.UPN)" }
    }
}
$log | Out-File changes.log
Write-Host "$($log.Count) rows unchanged"
