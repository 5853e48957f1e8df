# New starter in the UK office: usage location, then E5 without Phone System or Skype (MSOnline, 2017).
Import-Module MSOnline
Connect-MsolService -Credential $cred

$upn = "alex.darrow@contoso.com"
Set-MsolUser -UserPrincipalName $upn -UsageLocation "GB" -Department "Sales" -BlockCredential $false
$options = New-MsolLicenseOptions -AccountSkuId "contoso:SPE_E5" -DisabledPlans "MCOEV", "MCOSTANDARD"
Set-MsolUserLicense -UserPrincipalName $upn -AddLicenses "contoso:SPE_E5" -LicenseOptions $options
Set-MsolUserLicense -UserPrincipalName $upn -RemoveLicenses "contoso:ENTERPRISEPACK"
