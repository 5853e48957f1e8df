$attempt = 0
$done = $false
do {
    $attempt++
    try {
        # The first attempt names the bridge wrongly, as a flaky lookup would.
        $bridge = if ($attempt -eq 1) { 'EMEA bridge (old)' } else { 'EMEA Bridge' }
        Set-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com -BridgeName $bridge -ErrorAction Stop
        $done = $true
    } catch {
        Write-Warning "Attempt $attempt failed, retrying"
        Start-Sleep -Seconds 5
    }
} until ($done -or $attempt -ge 3)
"attempts: $attempt, done: $done"
