# Pipeline chains whose $? the port cannot follow: the port runs the script unchanged.
Get-CsOnlineDialInConferencingUser | Select-Object -First 1 -ExpandProperty Identity && Write-Output 'listed'
Get-CsOnlineDialInConferencingUser -Identity 'nobody@contoso.com' -ErrorAction SilentlyContinue |
    Select-Object -ExpandProperty Identity ||
    Write-Warning 'nobody is missing'
