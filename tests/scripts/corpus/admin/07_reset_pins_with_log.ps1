$log = ".\pin-resets.log"
$targets = Import-Csv .\users.csv | Where-Object { $_.Action -eq 'reset' }

Add-Content -Path $log -Value "Run started $(Get-Date -Format 'yyyy-MM-dd')"
foreach ($t in $targets) {
    try {
        Set-CsOnlineDialInConferencingUser -Identity $t.UPN -ResetLeaderPin -SendEmail -ErrorAction Stop | Out-Null
        Add-Content -Path $log -Value "OK    $($t.UPN)"
    } catch {
        Add-Content -Path $log -Value "ERROR $($t.UPN): $($_.Exception.Message)"
        Write-Warning "PIN reset failed for $($t.UPN)"
    }
}
Get-Content $log | Select-Object -Last 2
