# New starter in the UK office: usage location, then E5 without Phone System or Skype (MSOnline, 2017).
# cscmdlets: Import-Module MSOnline removed: Microsoft Graph PowerShell loads on first use.
# cscmdlets: Connect-MgGraph signs in interactively or as an app; -Credential is gone.
Connect-MgGraph -Scopes User.ReadWrite.All, Organization.Read.All -NoWelcome

$upn = "alex.darrow@contoso.com"
Update-MgUser -UserId $upn -UsageLocation "GB" -Department "Sales" -AccountEnabled
$options = @{SkuId = '06ebc4ee-1bb5-47dd-8120-11324bc54e06'; DisabledPlans = @('4828c8ec-dc2e-4779-b502-87ac9ce28ab7', '0feaeb32-d00e-4d66-bd5a-43b5b83db82c')}
Set-MgUserLicense -UserId $upn -AddLicenses $options -RemoveLicenses @()
Set-MgUserLicense -UserId $upn -AddLicenses @() -RemoveLicenses @('6fd2c87f-b296-42f0-b197-1e91e994b900')
