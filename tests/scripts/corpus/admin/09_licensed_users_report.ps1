# Users with a dial-in licence, then their conferencing details.
Connect-MicrosoftTeams
$licensed = Get-CsOnlineUser -Filter { AssignedPlan -like '*MCOMEETADV*' } -ResultSize Unlimited
foreach ($u in $licensed) {
    Get-CsOnlineDialInConferencingUser -Identity $u.UserPrincipalName |
        Select-Object Identity, ServiceNumber
}
