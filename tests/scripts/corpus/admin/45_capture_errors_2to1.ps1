# Collect every problem instead of stopping at the first one.
$problems = New-Object System.Collections.ArrayList
foreach ($upn in 'amos.marble@contoso.com', 'old.account@contoso.com') {
    $result = Set-CsOnlineDialInConferencingUser -Identity $upn -AllowTollFreeDialIn $false 2>&1
    foreach ($r in $result) {
        if ($r -is [System.Management.Automation.ErrorRecord]) {
            [void]$problems.Add("$upn -> $($r.Exception.Message)")
        }
    }
}
Write-Host "$($problems.Count) problem(s)"
$problems
