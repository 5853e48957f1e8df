$rows = Import-Csv .\people.csv
foreach ($row in $rows) {
    Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ResetLeaderPin
    Write-Host "Reset $($row.UPN)" -ForegroundColor Green
}
$rows | Select-Object UPN | Export-Csv -Path .\out\done.csv -NoTypeInformation
Get-Content .\missing.txt
Write-Host 'after the missing file'
