# New starter: give Alex the Audio Conferencing add-on through AzureAD (2018).
Import-Module AzureAD
Connect-AzureAD -Credential $cred

$upn = "alex.darrow@contoso.com"
$user = Get-AzureADUser -ObjectId $upn
$sku = Get-AzureADSubscribedSku | Where-Object -Property SkuPartNumber -Value "MCOMEETADV" -EQ

$license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense
$license.SkuId = $sku.SkuId
$licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses
$licenses.AddLicenses = $license
Set-AzureADUserLicense -ObjectId $user.ObjectId -AssignedLicenses $licenses
Write-Output "Licensed $($user.DisplayName) ($($user.ObjectId))"
