$stamp = Get-Date -Format 'yyyyMMdd'
Start-Transcript -Path ".\dialin-$stamp.log" -Append | Out-Null
try {
    $users = Get-CsOnlineDialInConferencingUser -BridgeName "EMEA Bridge"
    foreach ($u in $users) {
        Write-Host "EMEA user: $($u.Identity)"
    }
} finally {
    Stop-Transcript | Out-Null
}
