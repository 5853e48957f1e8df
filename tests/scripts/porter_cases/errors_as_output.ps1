# 2>&1 into a variable: the error records a cmdlet writes become output objects, not shown;
# the script sorts them from the real output with -is.
$found = New-Object System.Collections.Generic.List[string]
foreach ($upn in 'amos.marble@contoso.com', 'ghost@contoso.com') {
    $got = Get-CsOnlineDialInConferencingUser -Identity $upn 2>&1
    if ($got -is [System.Management.Automation.ErrorRecord]) {
        Write-Host "error for ${upn}: $($got.Exception.Message)"
    } elseif ($got -isnot [string]) {
        [void]$found.Add($got.Identity)
    }
}
$none = Set-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ResetLeaderPin 2>&1
Write-Host "records: $(@($none).Count); found: $($found -join ', ')"
