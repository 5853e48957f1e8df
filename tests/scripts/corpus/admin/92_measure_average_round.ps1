# Seat usage across the licence SKUs: totals and the average with Measure-Object, rounded for
# the summary line; the statistics object itself goes to the output as a list.
$Skus = Get-MgSubscribedSku -All
$Stats = $Skus | Measure-Object -Property ConsumedUnits -Sum -Average -Maximum -Minimum
$Average = [math]::Round($Stats.Average, 1)
Write-Host "SKUs: $($Stats.Count); consumed seats: $($Stats.Sum); average per SKU: $Average; most: $($Stats.Maximum)"
$Stats | Format-List Count, Average, Sum, Maximum, Minimum | Out-String -Stream | Where-Object { $_.Trim() }
[math]::Round(($Skus | Where-Object ConsumedUnits -gt 0 | Measure-Object).Count / $Stats.Count * 100)
