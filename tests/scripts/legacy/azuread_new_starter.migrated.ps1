# New starter: give Alex the Audio Conferencing add-on through AzureAD (2018).
# cscmdlets: Import-Module AzureAD removed: Microsoft Graph PowerShell loads on first use.
# cscmdlets: Connect-MgGraph signs in interactively or as an app; -Credential is gone.
Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome

$upn = "alex.darrow@contoso.com"
$user = Get-MgUser -UserId $upn
$sku = Get-MgSubscribedSku -All | Where-Object -Property SkuPartNumber -Value "MCOMEETADV" -EQ

$license = @{}
$license.SkuId = $sku.SkuId
$licenses = @{AddLicenses = @(); RemoveLicenses = @()}
$licenses.AddLicenses = $license
Set-MgUserLicense -UserId $user.Id -AddLicenses $licenses.AddLicenses -RemoveLicenses $licenses.RemoveLicenses
Write-Output "Licensed $($user.DisplayName) ($($user.Id))"
