<#
.SYNOPSIS
    Audio conferencing report: each dial-in user with the department from Get-CsOnlineUser,
    added to the conferencing object itself with Add-Member, then exported.
#>
param([string]$ReportPath = ".\dialin-departments.csv")

$confUsers = Get-CsOnlineDialInConferencingUser
foreach ($confUser in $confUsers) {
    $online = Get-CsOnlineUser -Identity $confUser.Identity -ErrorAction SilentlyContinue
    $confUser | Add-Member -MemberType NoteProperty -Name Department -Value $online.Department
    $confUser | Add-Member -NotePropertyMembers @{ HasOwnNumber = [bool]$confUser.ServiceNumber; Checked = 'yes' }
}

# A second pass must not fail on the member the first one added: -Force replaces it.
$confUsers[0] | Add-Member -NotePropertyName Checked -NotePropertyValue 'twice' -Force

$confUsers |
    Sort-Object Department, Identity |
    Select-Object Identity, Department, BridgeName, HasOwnNumber, Checked |
    Export-Csv -Path $ReportPath -NoTypeInformation
$withNumber = @($confUsers | Where-Object HasOwnNumber).Count
Write-Host "Report written: $($confUsers.Count) users, $withNumber with their own number"
