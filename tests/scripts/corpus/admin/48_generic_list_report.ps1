$rows = [System.Collections.Generic.List[pscustomobject]]::new()
foreach ($number in Get-CsOnlineDialInConferencingServiceNumber) {
    $rows.Add([pscustomobject]@{
        Number   = $number.Number
        Kind     = $number.Type
        Language = $number.PrimaryLanguage
    })
}
$rows | Where-Object Kind -eq 'TollFree' | Export-Csv -Path .\toll-free.csv -NoTypeInformation
"$($rows.Count) numbers, $(@($rows | Where-Object Kind -eq 'TollFree').Count) toll-free"
