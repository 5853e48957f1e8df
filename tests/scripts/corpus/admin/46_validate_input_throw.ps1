function Assert-Upn {
    param([string]$Upn)
    if ([string]::IsNullOrWhiteSpace($Upn)) {
        throw [System.ArgumentNullException]::new('Upn')
    }
    if ($Upn -notmatch '^[^@\s]+@[^@\s]+\.[a-z]{2,}$') {
        throw [System.ArgumentException]::new("'$Upn' is not a user principal name")
    }
}

foreach ($candidate in @('ken.myer@contoso.com', 'not-an-upn', '')) {
    try {
        Assert-Upn -Upn $candidate
        Set-CsOnlineDialInConferencingUser -Identity $candidate -ServiceNumber 12065550100
        Write-Host "ok: $candidate" -ForegroundColor Green
    } catch [System.ArgumentNullException] {
        Write-Warning "empty row skipped"
    } catch [System.ArgumentException] {
        Write-Warning $_.Exception.Message
    }
}
