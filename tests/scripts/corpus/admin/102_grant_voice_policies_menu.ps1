# Grant a user the voice policies a ticket asks for; "Global (Org Wide Default)" clears one.
# An empty value leaves that policy alone.
param(
    [string]$UserName = "alex.darrow@contoso.com",
    [string]$CallingPolicy = "DisallowCalling",
    [string]$DialPlan = "Global (Org Wide Default)",
    [string]$VoicemailPolicy = "TranscriptionDisabled",
    [string]$IPPhonePolicy = "",
    [string]$BroadcastPolicy = "NoSuchPolicy"
)

$global = "Global (Org Wide Default)"
$plan = @(
    @{ Type = "TeamsCallingPolicy";          Name = $CallingPolicy;   Get = "Get-CsTeamsCallingPolicy";          Grant = "Grant-CsTeamsCallingPolicy" },
    @{ Type = "TenantDialPlan";              Name = $DialPlan;        Get = "Get-CsTenantDialPlan";              Grant = "Grant-CsTenantDialPlan" },
    @{ Type = "OnlineVoicemailPolicy";       Name = $VoicemailPolicy; Get = "Get-CsOnlineVoicemailPolicy";       Grant = "Grant-CsOnlineVoicemailPolicy" },
    @{ Type = "TeamsIPPhonePolicy";          Name = $IPPhonePolicy;   Get = "Get-CsTeamsIPPhonePolicy";          Grant = "Grant-CsTeamsIPPhonePolicy" },
    @{ Type = "TeamsMeetingBroadcastPolicy"; Name = $BroadcastPolicy; Get = "Get-CsTeamsMeetingBroadcastPolicy"; Grant = "Grant-CsTeamsMeetingBroadcastPolicy" }
)

foreach ($item in $plan) {
    if ([string]::IsNullOrEmpty($item.Name)) {
        Write-Host "$($item.Type): unchanged"
        continue
    }
    if ($item.Name -eq $global) {
        & $item.Grant -Identity $UserName -PolicyName $null
        Write-Host "$($item.Type): back to Global"
        continue
    }
    $known = & $item.Get | Where-Object { $_.Identity -eq "Tag:$($item.Name)" }
    if (-not $known) {
        Write-Warning "$($item.Type) '$($item.Name)' does not exist in this tenant - skipped"
        continue
    }
    & $item.Grant -Identity $UserName -PolicyName $item.Name
    Write-Host "$($item.Type): $($item.Name)"
}

$user = Get-CsOnlineUser -Identity $UserName
"Calling=$($user.TeamsCallingPolicy) DialPlan=$($user.TenantDialPlan) Voicemail=$($user.OnlineVoicemailPolicy)"
