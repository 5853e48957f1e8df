# Conditions as PowerShell decides them (about_Booleans), and its arithmetic on lists.
$zeros = @(0)
if ($zeros) { Write-Host 'a list of one 0 is true?' } else { Write-Host 'a list of one 0 is false' }
$text = 'False'
if ($text) { Write-Host "the string '$text' is true" }
$numbers = @(1, 3, 5)
if ($numbers -gt 2) { Write-Host "some are above 2: $($numbers -gt 2)" }
if (-not ($numbers -eq 4)) { Write-Host 'none is 4' }
$numbers += 7
$repeat = 'ab' * 3
Write-Host "$numbers / $repeat / $('10' -gt 9)"
$users = Get-CsOnlineDialInConferencingUser
if ($users -and $numbers.Count -eq 4) { Write-Host "users: $($users.Count)" }
