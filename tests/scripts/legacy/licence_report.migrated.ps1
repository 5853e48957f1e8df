# Monthly licence report: seats per SKU and who in Sales holds what (AzureAD, 2019).
# cscmdlets: Import-Module AzureAD removed: Microsoft Graph PowerShell loads on first use.
# cscmdlets: Connect-MgGraph signs in interactively or as an app; -Credential is gone.
Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome

$users = Get-MgUser -All -Property Id, DisplayName, Mail, UserPrincipalName, PreferredLanguage, AssignedLicenses, UsageLocation
foreach ($sku in Get-MgSubscribedSku -All) {
    $holders = $users | Where-Object { $_.AssignedLicenses.SkuId -contains $sku.SkuId }
    Write-Output ("{0}: {1} of {2} seats used, {3} holder(s)" -f $sku.SkuPartNumber, $sku.ConsumedUnits, $sku.PrepaidUnits.Enabled, @($holders).Count)
}

Get-MgUser -Filter "department eq 'Sales'" -Property Id, DisplayName, Mail, UserPrincipalName, PreferredLanguage, AssignedLicenses, UsageLocation | ForEach-Object {
    Write-Output ($_.DisplayName + " [" + $_.UsageLocation + "] " + $_.Id)
}
Get-MgUser -Filter "startsWith(displayName,'ken') or startsWith(userPrincipalName,'ken')" -ConsistencyLevel eventual -Property Id, DisplayName, Mail, UserPrincipalName, PreferredLanguage, AssignedLicenses, UsageLocation | ForEach-Object { $_.UserPrincipalName }
