# += of a variable holding one value or several; -join of one value; a hashtable keyed by a GUID
# property (text to the script).
$all = @()
$two = 'a', 'b'
$one = 'c'
$all += $two
$all += $one
"$($all.Count): $($all -join ',')"
$one -join '+'
$names = @{}
Get-MgSubscribedSku | ForEach-Object { $names[$_.SkuId] = $_.SkuPartNumber }
foreach ($license in (Get-MgUser -UserId alex.darrow@contoso.com -Property AssignedLicenses).AssignedLicenses) {
    $names[$license.SkuId]
}
