<#
.SYNOPSIS
    Puts an auto attendant's resource account on Direct Routing: the account, its number from
    the SBC range, and the voice routing policy that lets it transfer calls out.
#>
param(
    [string]$Upn = 'reception@contoso.com',
    [string]$DisplayName = 'Reception',
    [string]$Number = '+14255550170',
    [string]$RoutingPolicy = 'US-Reception'
)
$ErrorActionPreference = 'Stop'
$AutoAttendantApp = 'ce933385-9390-45d1-9512-c8d228074e07'

try {
    if (-not (Get-CsOnlineVoiceRoutingPolicy | Where-Object Identity -eq "Tag:$RoutingPolicy")) {
        New-CsOnlineVoiceRoutingPolicy -Identity $RoutingPolicy -Description 'Reception transfers' | Out-Null
        Write-Host "Created voice routing policy $RoutingPolicy"
    }
    $account = New-CsOnlineApplicationInstance -UserPrincipalName $Upn -ApplicationId $AutoAttendantApp -DisplayName $DisplayName
    Set-CsPhoneNumberAssignment -Identity $account.ObjectId -PhoneNumber $Number -PhoneNumberType DirectRouting
    Grant-CsOnlineVoiceRoutingPolicy -Identity $Upn -PolicyName $RoutingPolicy
}
catch {
    Write-Host "Failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}

$check = Get-CsOnlineUser -Identity $Upn
if ($check.EnterpriseVoiceEnabled -and $check.OnlineVoiceRoutingPolicy -eq $RoutingPolicy) {
    Write-Host "$($check.DisplayName) is ready on $($check.LineURI -replace '^tel:')" -ForegroundColor Green
}
Get-CsOnlineUser -AccountType ResourceAccount |
    Select-Object DisplayName, @{ n = 'Number'; e = { $_.LineURI -replace '^tel:' } }, OnlineVoiceRoutingPolicy |
    Sort-Object DisplayName |
    Format-Table -AutoSize
