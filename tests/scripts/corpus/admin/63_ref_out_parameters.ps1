# A helper that returns two results through [ref] parameters, and a counter passed by reference,
# as older admin scripts do instead of returning an object.
function Split-Upn {
    param([string]$Upn, [ref]$Alias, [ref]$Domain)
    $parts = $Upn -split '@'
    if ($parts.Count -ne 2) { return $false }
    $Alias.Value = $parts[0]
    $Domain.Value = $parts[1]
    return $true
}

function Step-Counter([ref]$Counter) { $Counter.Value++ }

$alias = $null
$domain = $null
$contoso = 0
$other = 0
foreach ($upn in Get-Content .\upn-list.txt) {
    if (-not (Split-Upn -Upn $upn -Alias ([ref]$alias) -Domain ([ref]$domain))) { continue }
    if ($domain -eq 'contoso.com') { Step-Counter ([ref]$contoso) } else { Step-Counter ([ref]$other) }
    $conf = Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue
    $state = if ($conf) { "conference id $($conf.ConferenceId)" } else { 'not enabled' }
    Write-Output "$alias ($domain): $state"
}
Write-Host "contoso.com: $contoso, other: $other"
$enabled = (Get-CsOnlineDialInConferencingUser).Where{ $_.AllowTollFreeDialIn }
Write-Host "$($enabled.Count) users may dial in toll-free"
