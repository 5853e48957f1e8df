# Pipeline chains whose $? the port cannot follow: the port runs the script unchanged.
Write-Error 'Bad' || Write-Output 'recovered after Write-Error'
Get-CsOnlineDialInConferencingUser -Identity 'nobody@contoso.com' -ErrorAction SilentlyContinue ||
    Write-Warning 'nobody is missing' &&
    Write-Output 'warned'
