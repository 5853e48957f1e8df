# A trap without continue or break: after its body the error is shown and the list goes on.
# An error inside a called function without a trap comes up to the caller's.
function Get-Pin {
    param([string]$Upn)
    Get-CsOnlineDialInConferencingUser -Identity $Upn -ErrorAction Stop | Out-Null
    Write-Host "found $Upn"
}
trap {
    $seen = "trapped: $($_.Exception.Message)"
    Write-Host $seen
}
Get-Pin -Upn 'amos.marble@contoso.com'
Get-Pin -Upn 'ghost@contoso.com'
throw 'thrown at the top'
Write-Host 'goes on after the throw'
