# -ErrorAction Stop inside a plain function reaches the caller's catch; outside try it ends the script.
function Update-One {
    param([string]$Upn)
    Set-CsOnlineDialInConferencingUser -Identity $Upn -ResetLeaderPin -ErrorAction Stop
    Write-Host "in function after"
}
try {
    Update-One -Upn nobody@contoso.com
} catch {
    Write-Host "caught: $($_.Exception.Message)"
}
Set-CsOnlineDialInConferencingUser -Identity nobody@contoso.com -ResetLeaderPin -ErrorAction Stop
Write-Host 'never printed'
