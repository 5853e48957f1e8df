$command = "Set-CsOnlineDialInConferencingUser -Identity amos.marble@contoso.com -AllowTollFreeDialIn `$false"
Write-Host "Running: $command"
try {
    Invoke-Expression $command
} catch {
    Write-Host "failed"
}
