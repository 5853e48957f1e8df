# Service numbers as tel: URIs, split by a regex into country code and the rest, one object per
# number built with New-Object and Add-Member -type, then shown as a table.
$Regex = '^(?:tel:)?(?:\+)?(1|44|7)(\d+)$'
$Rows = @()
foreach ($Item in Get-CsOnlineDialInConferencingServiceNumber) {
    $Matches = @()
    "tel:+$($Item.Number)" -match $Regex | Out-Null
    $Row = New-Object System.Object
    $Row | Add-Member -type NoteProperty -name "Uri" -Value "tel:+$($Item.Number)"
    $Row | Add-Member -type NoteProperty -name "Country" -Value $Matches[1]
    $Row | Add-Member -type NoteProperty -name "Local" -Value $Matches[2]
    $Row | Add-Member -type NoteProperty -name "Kind" -Value $(if ($Item.Type -eq 'TollFree') { 'Toll free' } else { 'Toll' })
    $Rows += $Row
}
$Rows | Where-Object Country -eq '44' | Format-Table -AutoSize -Property Uri, Local, Kind | Out-String -Stream | Where-Object { $_ }
Write-Host "ALL DONE!! $($Rows.Count) numbers, $(@($Rows | Where-Object Kind -eq 'Toll free').Count) toll free."
