# Licences assigned to users, one line per user and SKU, grouped by SKU and exported sorted by
# SKU and then by name (two sort hashtables).
$SkuNames = @{}
Get-MgSubscribedSku | ForEach-Object { $SkuNames[$_.SkuId] = $_.SkuPartNumber }

$Report = @()
$Users = Get-MgUser -All -Property UserPrincipalName, DisplayName, AssignedLicenses | Where-Object { $_.AssignedLicenses.Count -gt 0 }
Write-Host "Processing Users"
ForEach ($User in $Users) {
    ForEach ($License in $User.AssignedLicenses) {
        $Report += [PSCustomObject][Ordered]@{
            User = $User.UserPrincipalName
            SKU  = $SkuNames[$License.SkuId]
            Name = $User.DisplayName
        }
    }
}
$GroupData = $Report | Group-Object -Property SKU
$GroupData | Sort-Object Count -Descending | Select-Object Name, Count | ForEach-Object { "{0,-15}{1,3}" -f $_.Name, $_.Count }

$Sort1 = @{ Expression = 'SKU'; Ascending = $true }
$Sort2 = @{ Expression = 'Name'; Ascending = $true }
$Report | Select-Object SKU, Name, User | Sort-Object $Sort1, $Sort2 | Export-Csv .\UserLicenses.csv -NoTypeInformation
Write-Host "$($Report.Count) assignments for $(@($Users).Count) users"
