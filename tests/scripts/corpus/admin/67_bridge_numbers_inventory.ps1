# Inventory of the dial-in numbers on every conferencing bridge, one CSV row per number.
$rows = @()
$bridges = Get-CsOnlineDialInConferencingBridge
foreach ($bridge in $bridges) {
    $numbers = $bridge.ServiceNumbers | Select-Object Number, Type, City, PrimaryLanguage
    foreach ($n in $numbers) {
        $rows += [pscustomobject]@{
            Bridge          = $bridge.Name
            Number          = $n.Number
            Type            = $n.Type
            City            = $n.City
            PrimaryLanguage = $n.PrimaryLanguage
            IsDefault       = ($n.Number -eq $bridge.DefaultServiceNumber)
        }
    }
    if ($bridge.ServiceNumbers.Number -notcontains $bridge.DefaultServiceNumber) {
        Write-Warning "$($bridge.Name): default number $($bridge.DefaultServiceNumber) is not on the bridge"
    }
    Write-Host "$($bridge.Name): $(@($bridge.ServiceNumbers).Count) number(s), toll-free: $(@($bridge.ServiceNumbers | Where-Object Type -eq 'TollFree').Count)"
}
$rows | Export-Csv .\bridge-numbers.csv -NoTypeInformation
$rows | Where-Object IsDefault | ForEach-Object { "$($_.Bridge) default: $($_.Number) ($($_.City))" }
