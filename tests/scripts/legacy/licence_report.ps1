# Monthly licence report: seats per SKU and who in Sales holds what (AzureAD, 2019).
Import-Module AzureAD
Connect-AzureAD -Credential $cred

$users = Get-AzureADUser -All $true
foreach ($sku in Get-AzureADSubscribedSku) {
    $holders = $users | Where-Object { $_.AssignedLicenses.SkuId -contains $sku.SkuId }
    Write-Output ("{0}: {1} of {2} seats used, {3} holder(s)" -f $sku.SkuPartNumber, $sku.ConsumedUnits, $sku.PrepaidUnits.Enabled, @($holders).Count)
}

Get-AzureADUser -Filter "department eq 'Sales'" | ForEach-Object {
    Write-Output ($_.DisplayName + " [" + $_.UsageLocation + "] " + $_.ObjectId)
}
Get-AzureADUser -SearchString "ken" | ForEach-Object { $_.UserPrincipalName }
