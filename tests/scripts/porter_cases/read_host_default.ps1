param([string]$Year = $(Get-Date -Format 'yyyy'), [int]$Limit = 2)
Write-Host "year $Year limit $Limit"
function Get-Limit { param([int]$Max = $(Get-Random)) $Max }
Write-Host 'defaults kept'
