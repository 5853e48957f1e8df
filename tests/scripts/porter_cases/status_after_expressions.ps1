# $? after a statement of one expression is $true whatever ran before it; a command in ( ) keeps
# the status it left (PowerShell 7; about_Automatic_Variables).
$upn = 'former.employee@contoso.com'
Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue
$attempts = 1
if ($?) { Write-Host "attempt $attempts recorded" } else { Write-Host 'attempt not recorded' }
$user = (Get-CsOnlineDialInConferencingUser -Identity $upn -ErrorAction SilentlyContinue)
if ($?) { Write-Host "found $upn" } else { Write-Host "no dial-in user $upn" }
'lookup finished'
if ($?) { Write-Host 'report written' }
