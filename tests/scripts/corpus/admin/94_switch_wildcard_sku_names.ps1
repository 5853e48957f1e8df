# Friendly names for licence SKUs via switch -Wildcard, counted per user with
# ForEach-Object -Begin/-Process/-End; the distinct names sorted with Sort-Object -Unique.
function Get-FriendlyName([string]$PartNumber) {
    switch -Wildcard ($PartNumber) {
        'MCOMEET*' { 'Audio Conferencing'; break }
        'MCOEV*' { 'Phone System'; break }
        'MCOPSTN*' { 'Calling Plan'; break }
        'ENTERPRISE*' { 'Office 365 E3'; break }
        default { "Other ($PartNumber)" }
    }
}

$PartNumbers = @{}
Get-MgSubscribedSku -All | ForEach-Object { $PartNumbers[$_.SkuId] = $_.SkuPartNumber }

Get-MgUser -All -Property UserPrincipalName, AssignedLicenses | ForEach-Object -Begin {
    $Seen = @()
    $Lines = 0
} -Process {
    $Names = foreach ($License in $_.AssignedLicenses) { Get-FriendlyName $PartNumbers[$License.SkuId] }
    $Seen += $Names
    $Lines++
    '{0}: {1}' -f $_.UserPrincipalName.Split('@')[0], ($Names -join ' + ')
} -End {
    Write-Host "$Lines users; licence kinds: $(($Seen | Sort-Object -Unique) -join ', ')"
}
