# Give the new hire the same licences as the person they replace (AzureAD, 2018).
param([string]$From = "amos.marble@contoso.com", [string]$To = "Alex")

Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome
$template = Get-MgUser -UserId $From -Property Id, DisplayName, Mail, UserPrincipalName, PreferredLanguage, AssignedLicenses
$newHire = Get-MgUser -Filter "startsWith(displayName,'$To') or startsWith(userPrincipalName,'$To')" -ConsistencyLevel eventual -Property Id, DisplayName, Mail, UserPrincipalName, PreferredLanguage, AssignedLicenses

$licenses = @{AddLicenses = [System.Collections.Generic.List[object]]::new(); RemoveLicenses = @()}
foreach ($assigned in $template.AssignedLicenses) {
    $license = @{}
    $license.SkuId = $assigned.SkuId
    $license.DisabledPlans = $assigned.DisabledPlans
    $licenses.AddLicenses.Add($license)
}
Set-MgUserLicense -UserId $newHire.Id -AddLicenses $licenses.AddLicenses -RemoveLicenses $licenses.RemoveLicenses
Write-Output "Copied $($licenses.AddLicenses.Count) licence(s) from $($template.UserPrincipalName) to $($newHire.UserPrincipalName)"
