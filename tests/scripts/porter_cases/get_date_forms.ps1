# Get-Date's other forms run through the runner's handler: -UFormat, -Date with parts replaced.
Write-Host "stamp $(Get-Date -UFormat '%Y%m%d-%H%M') on a $(Get-Date -UFormat '%A')"
$first = Get-Date -Date '2026-03-15' -Day 1
Write-Host "first of the month: $($first.ToString('yyyy-MM-dd'))"
Write-Host "plain: $(Get-Date -Format 'yyyy-MM-dd')"
