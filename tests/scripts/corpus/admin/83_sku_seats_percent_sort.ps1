<#
    Licence seats per SKU: paid, consumed, free and the share in use, sorted by the share
    (highest first) and then by name, as the licence pickers of public admin scripts list them.
#>
Connect-MgGraph -Scopes Organization.Read.All -NoWelcome

[array]$Skus = Get-MgSubscribedSku -All
$SkuList = [System.Collections.Generic.List[Object]]::new()
ForEach ($Sku in $Skus) {
    $Paid = $Sku.PrepaidUnits.Enabled
    $ReportLine = [PSCustomObject][Ordered]@{
        SkuPartNumber = $Sku.SkuPartNumber
        Paid          = $Paid
        Consumed      = $Sku.ConsumedUnits
        Available     = $Paid - $Sku.ConsumedUnits
        InUse         = [math]::Round(($Sku.ConsumedUnits / $Paid) * 100, 2)
    }
    $SkuList.Add($ReportLine)
}

$ByUse = @{ Expression = 'InUse'; Descending = $true }
$ByName = @{ Expression = 'SkuPartNumber'; Ascending = $true }
[int]$i = 0
ForEach ($Line in ($SkuList | Sort-Object $ByUse, $ByName)) {
    $i++
    Write-Host ("{0}: {1,-15} {2,6} of {3,-6} used ({4}%)" -f $i, $Line.SkuPartNumber, $Line.Consumed, $Line.Paid, $Line.InUse)
}
$Free = ($SkuList | Measure-Object -Property Available -Sum).Sum
Write-Host ("{0:N0} seats free in {1} SKUs" -f $Free, $SkuList.Count)
