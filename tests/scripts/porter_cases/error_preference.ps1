# $ErrorActionPreference decides what the statements after it do with an error (about_Preference_Variables).
$ErrorActionPreference = 'SilentlyContinue'
Set-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ResetLeaderPin
Write-Host "hidden error, status so far: $?"
throw "swallowed too"
Write-Host 'after the throw'
$ErrorActionPreference = 'Continue'
Write-Host 'done'
