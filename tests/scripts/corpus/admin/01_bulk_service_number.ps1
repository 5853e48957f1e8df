<#
.SYNOPSIS
    Assigns each user's default toll number from a CSV file.
.NOTES
    Rows that fail are reported and counted; the run goes on with the next row.
#>
param(
    [string]$CsvPath = ".\users.csv"
)

$rows = Import-Csv -Path $CsvPath
$ok = 0
$failed = 0
foreach ($row in $rows) {
    try {
        Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $row.ServiceNumber -ErrorAction Stop
        Write-Host "Updated $($row.UPN) -> $($row.ServiceNumber)" -ForegroundColor Green
        $ok++
    }
    catch {
        Write-Host "Failed for " $row.UPN -ForegroundColor Red
        $failed++
    }
}
Write-Host ("Done: {0} updated, {1} failed" -f $ok, $failed) -ForegroundColor Cyan
