# Give the new hire the same licences as the person they replace (AzureAD, 2018).
param([string]$From = "amos.marble@contoso.com", [string]$To = "Alex")

Connect-AzureAD
$template = Get-AzureADUser -ObjectId $From
$newHire = Get-AzureADUser -SearchString $To

$licenses = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicenses
foreach ($assigned in $template.AssignedLicenses) {
    $license = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense
    $license.SkuId = $assigned.SkuId
    $license.DisabledPlans = $assigned.DisabledPlans
    $licenses.AddLicenses.Add($license)
}
Set-AzureADUserLicense -ObjectId $newHire.ObjectId -AssignedLicenses $licenses
Write-Output "Copied $($licenses.AddLicenses.Count) licence(s) from $($template.UserPrincipalName) to $($newHire.UserPrincipalName)"
