$rows = Import-Csv .\users.csv
$summary = @{ reset = 0; number = 0; skipped = 0 }
foreach ($row in $rows) {
    switch ($row.Action) {
        'reset' {
            Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin -ErrorAction SilentlyContinue | Out-Null
            if ($?) { $summary.reset++ }
        }
        'number' {
            Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $row.ServiceNumber
            $summary.number++
        }
        default { $summary.skipped++ }
    }
}
"reset=$($summary.reset) number=$($summary.number) skipped=$($summary.skipped)"
