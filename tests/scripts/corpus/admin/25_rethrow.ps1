function Update-Number {
    param([string]$Upn, [string]$Number)
    try {
        Set-CsOnlineDialInConferencingUser -Identity $Upn -ServiceNumber $Number -ErrorAction Stop
    } catch {
        Add-Content -Path .\errors.log -Value "$Upn : $($_.FullyQualifiedErrorId)"
        throw
    }
}

$failed = 0
foreach ($pair in @(@('ken.myer@contoso.com', '12065550100'), @('ken.myer@contoso.com', '99999'))) {
    try {
        Update-Number -Upn $pair[0] -Number $pair[1]
    } catch {
        $failed++
        Write-Warning "Caught again: $($_.Exception.Message)"
    }
}
"failed: $failed"
