param([string]$CsvPath = '.\no-such-file.csv')
$rows = Import-Csv -Path $CsvPath
foreach ($row in $rows) { Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin }
Write-Host "rows read: $(@($rows).Count)"
