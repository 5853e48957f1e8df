<#
.SYNOPSIS
    Lists the tenant's licence SKUs and how many seats are left, then exports the report.
#>
Connect-MgGraph -Scopes 'Organization.Read.All' -NoWelcome

[array]$Skus = Get-MgSubscribedSku -All
$Report = [System.Collections.Generic.List[Object]]::new()
foreach ($Sku in $Skus) {
    $Left = $Sku.PrepaidUnits.Enabled - $Sku.ConsumedUnits
    $Report.Add([PSCustomObject]@{
        SkuPartNumber = $Sku.SkuPartNumber
        Paid          = $Sku.PrepaidUnits.Enabled
        Consumed      = $Sku.ConsumedUnits
        Available     = $Left
        Plans         = ($Sku.ServicePlans.ServicePlanName -join ';')
    })
}

$Short = @($Report | Where-Object { $_.Available -lt 5 })
if ($Short.Count -gt 0) {
    Write-Host "SKUs running low:" -ForegroundColor Yellow
    foreach ($Line in $Short) {
        Write-Host ("  {0}: {1} left of {2}" -f $Line.SkuPartNumber, $Line.Available, $Line.Paid)
    }
}
$Report | Sort-Object SkuPartNumber | Export-Csv -Path .\sku-report.csv -NoTypeInformation
Write-Host "Wrote $($Report.Count) SKUs to sku-report.csv"
