# How many Sales users hold each licence (Graph advanced query with a count).
Connect-MgGraph -Scopes 'User.Read.All' -NoWelcome

$Params = @{
    Filter           = "department eq 'Sales'"
    ConsistencyLevel = 'eventual'
    CountVariable    = 'SalesCount'
    All              = $true
    Property         = 'Id', 'DisplayName', 'UserPrincipalName', 'AssignedLicenses'
}
$SalesUsers = Get-MgUser @Params
Write-Host "Sales users: $SalesCount"

$SkuNames = @{}
Get-MgSubscribedSku -All | ForEach-Object { $SkuNames[$_.SkuId.ToString()] = $_.SkuPartNumber }

$SalesUsers.AssignedLicenses.SkuId | Group-Object | Sort-Object Count -Descending | ForEach-Object {
    "{0,-15} {1}" -f $SkuNames[$_.Name], $_.Count
}
$Unlicensed = $SalesUsers | Where-Object { @($_.AssignedLicenses).Count -eq 0 }
Write-Host "Without a licence: $(@($Unlicensed).Count)"
