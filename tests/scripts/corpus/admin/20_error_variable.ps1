$targets = 'amos.marble@contoso.com', 'former.employee@contoso.com', 'ken.myer@contoso.com'
$failures = @()
foreach ($upn in $targets) {
    $user = Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue -ErrorVariable lookupError
    if ($lookupError) {
        $failures += [pscustomobject]@{ User = $upn; Reason = $lookupError[0].FullyQualifiedErrorId.Split(',')[0] }
        continue
    }
    "$($user.DisplayName) uses $($user.BridgeName)"
}
$failures | Export-Csv .\failures.csv -NoTypeInformation
Write-Host "$($failures.Count) lookup(s) failed; see failures.csv"
