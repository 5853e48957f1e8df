# Snapshot one user's conferencing settings to a dated file before a change, as support asks for.
$User = "pilar.ackerman@contoso.com"
$Stamp = Get-Date -Format "yyyyMMdd"
$File = ".\Get-CsOnlineDialInConferencingUser__$($User.Replace('@', '_'))_$Stamp.csv"
Get-CsOnlineDialInConferencingUser -Identity $User -ErrorAction SilentlyContinue |
    Select-Object Identity, BridgeName, ServiceNumber, TollFreeServiceNumber, AllowTollFreeDialIn |
    Export-Csv -Encoding utf8 -NoTypeInformation -Path $File
Write-Host "Saved $(Split-Path $File -Leaf)"
