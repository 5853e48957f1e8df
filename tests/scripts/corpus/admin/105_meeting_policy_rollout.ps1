# Roll out a department's meeting policy: create it (a rerun finds it and carries on), tighten
# the org-wide default with a splat, then grant the policy to everyone in the department.
param(
    [string]$PolicyName = "Sales-Meetings",
    [string]$Department = "Sales"
)

function New-PolicyOnce {
    param([string]$Name)
    try {
        New-CsTeamsMeetingPolicy -Identity $Name -AllowMeetNow $false -Description "Meetings for $Department" -ErrorAction Stop | Out-Null
        Write-Host "Created $Name"
    }
    catch {
        Write-Host "Kept $Name ($($_.Exception.Message))"
    }
}

New-PolicyOnce -Name $PolicyName
New-PolicyOnce -Name $PolicyName

$orgWide = @{
    Identity                          = "Global"
    AllowAnonymousUsersToStartMeeting = $false
    AutoAdmittedUsers                 = "EveryoneInCompanyExcludingGuests"
    MeetingChatEnabledType            = "EnabledExceptAnonymous"
    DesignatedPresenterRoleMode       = "OrganizerOnlyUserOverride"
}
Set-CsTeamsMeetingPolicy @orgWide

$granted = 0
foreach ($user in Get-CsOnlineUser -Filter "Department -eq '$Department'") {
    Grant-CsTeamsMeetingPolicy -Identity $user.UserPrincipalName -PolicyName $PolicyName
    $granted++
}
Write-Host "$granted users in $Department now use $PolicyName"

$global = Get-CsTeamsMeetingPolicy -Identity Global
"Global: lobby={0} chat={1} presenters={2}" -f $global.AutoAdmittedUsers, $global.MeetingChatEnabledType, $global.DesignatedPresenterRoleMode
$mine = Get-CsTeamsMeetingPolicy -Identity $PolicyName
"{0}: MeetNow={1} ({2})" -f $mine.Identity, $mine.AllowMeetNow, $mine.Description
