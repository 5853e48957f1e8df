$rows = Import-Csv .\people.csv
foreach ($row in $rows) {
    Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin
    Write-Host "Reset" $row.UPN -ForegroundColor Green
}
$rows | Export-Csv -Path .\out\done.csv -NoTypeInformation
Write-Host 'exported'
$rows | Export-Csv -Path C:\Temp\missing-folder\done.csv -NoTypeInformation
Write-Host 'after the missing folder'
