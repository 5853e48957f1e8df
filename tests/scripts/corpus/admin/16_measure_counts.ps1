$all = Get-CsOnlineDialInConferencingUser
$tollFree = ($all | Where-Object AllowTollFreeDialIn -eq $true | Measure-Object).Count
$withNumber = @($all | Where-Object { $_.ServiceNumber }).Count
$summary = [pscustomobject]@{
    Users            = ($all | Measure-Object).Count
    TollFreeAllowed  = $tollFree
    OwnServiceNumber = $withNumber
}
$summary | Format-List | Out-String -Width 80 | Out-File .\summary.txt
Write-Host "Users: $($summary.Users), toll-free: $($summary.TollFreeAllowed), own number: $($summary.OwnServiceNumber)"
