# Lock down meetings for one department: no Meet Now, no recording, no anonymous join,
# and keep toll-free numbers out of their invites.
param(
    [string]$Department = "Sales",
    [string]$MeetingPolicy = "AllOff"
)

$policy = Get-CsTeamsMeetingPolicy -Identity $MeetingPolicy
Write-Host ("Policy {0}: MeetNow={1} Recording={2} Anonymous={3}" -f $policy.Identity, $policy.AllowMeetNow, $policy.AllowCloudRecording, $policy.AllowAnonymousUsersToJoinMeeting)

$users = Get-CsOnlineUser -Filter "Department -eq '$Department'"
foreach ($user in $users) {
    $before = if ($user.TeamsMeetingPolicy) { $user.TeamsMeetingPolicy } else { "Global" }
    Grant-CsTeamsMeetingPolicy -Identity $user.UserPrincipalName -PolicyName $MeetingPolicy
    Grant-CsTeamsAudioConferencingPolicy -Identity $user.UserPrincipalName -PolicyName "AllowTollFreeDialinFalse"
    Write-Host "$($user.DisplayName): $before -> $MeetingPolicy"
}

Get-CsOnlineUser | Sort-Object DisplayName | Select-Object DisplayName, TeamsMeetingPolicy, TeamsAudioConferencingPolicy |
    ForEach-Object { "$($_.DisplayName)|$($_.TeamsMeetingPolicy)|$($_.TeamsAudioConferencingPolicy)" }
