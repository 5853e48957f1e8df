param(
    [string]$CsvPath = "$PSScriptRoot\policy-assignments.csv",
    [string]$LogPath = "$PSScriptRoot\policy-grant.log"
)

$assignments = Import-Csv -Path $CsvPath
$ok = 0
$failed = 0
"Policy run $(Get-Date -Format 'yyyy-MM-dd')" | Out-File -FilePath $LogPath

foreach ($row in $assignments) {
    try {
        Grant-CsTeamsAudioConferencingPolicy -Identity $row.UserPrincipalName -PolicyName $row.Policy -ErrorAction Stop
        Add-Content -Path $LogPath -Value "OK     $($row.UserPrincipalName) -> $($row.Policy)"
        $ok++
    }
    catch {
        Add-Content -Path $LogPath -Value "FAILED $($row.UserPrincipalName): $($_.Exception.Message)"
        Write-Warning "Could not grant $($row.Policy) to $($row.UserPrincipalName)"
        $failed++
    }
}

Write-Host "Granted: $ok, failed: $failed" -ForegroundColor $(if ($failed) { 'Yellow' } else { 'Green' })
$user = Get-CsOnlineUser -Identity amos.marble@contoso.com
"amos.marble@contoso.com now has policy '$($user.TeamsAudioConferencingPolicy)'"
