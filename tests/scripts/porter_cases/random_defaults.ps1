# Get-Random draws from the run's own generator, seeded from the tenant's: the port draws the same
# numbers, and a PIN reset after it gets the same PIN. A function's default runs at each call.
function Get-Ticket {
    param([int]$Number = $(Get-Random -Minimum 1000 -Maximum 9999))
    "ticket $Number"
}
Get-Ticket
Get-Ticket -Number 7
Get-Ticket
$pick = 'amos.marble@contoso.com', 'ken.myer@contoso.com', 'pilar.ackerman@contoso.com' | Get-Random
Write-Host "picked $pick"
Write-Host "sample $(Get-Random -Maximum 10 -Count 3)"
Set-CsOnlineDialInConferencingUser -Identity $pick -ResetLeaderPin
Write-Host "after the reset: $(Get-Random -Minimum 0.0 -Maximum 1.0)"
