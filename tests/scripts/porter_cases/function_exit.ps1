function Stop-IfMissing {
    param([string]$Upn)
    if (-not $Upn) {
        Write-Host 'no user given'
        exit 4
    }
    return "checked $Upn"
}
Stop-IfMissing -Upn amos.marble@contoso.com
Stop-IfMissing -Upn ''
Write-Host 'never printed'
