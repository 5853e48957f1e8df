[CmdletBinding()]
param()
$users = @(Get-CsOnlineDialInConferencingUser)
$i = 0
foreach ($u in $users) {
    $i++
    Write-Progress -Activity "Checking conference IDs" -Status $u.Identity -PercentComplete (($i / $users.Count) * 100)
    Write-Verbose "Checked $($u.Identity)"
}
Write-Progress -Activity "Checking conference IDs" -Completed
Write-Information "checked $i users" -InformationAction Continue
