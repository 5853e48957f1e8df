$rows = Import-Csv .\people.csv
foreach ($row in $rows) {
    Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin
    Write-Host "Reset" $row.UPN -ForegroundColor Green
}
$rows | Export-Csv -Path .\out\done.csv -NoTypeInformation
Write-Host 'exported'
