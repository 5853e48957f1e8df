# Guard clauses around lookups that may return nothing.
function Get-BridgeUsers {
    param([string]$Bridge)
    Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -eq $Bridge }
}

function Find-User {
    param([string]$Upn)
    Get-CsOnlineDialInConferencingUser -Identity $Upn -ErrorAction SilentlyContinue
}

foreach ($bridge in 'Conference Bridge', 'APAC Bridge') {
    $members = @(Get-BridgeUsers -Bridge $bridge)
    if ($members.Count -eq 0) {
        Write-Host "${bridge}: no users"
        continue
    }
    Write-Host "${bridge}: $($members.Count) user(s) - $($members.DisplayName -join ', ')"
}

$lookups = 'ken.myer@contoso.com', 'nobody@contoso.com' | ForEach-Object { Find-User -Upn $_ }
"found $(@($lookups).Count) of 2"
$row = @($null, 'ken.myer@contoso.com')
"the row holds $($row.Count) value(s), $(@($row | Where-Object { $_ }).Count) filled"
