# Exam week: switch a group's chat off by granting a restrictive messaging policy to every
# member, logging each step; run again with -Restore to put the previous policy back.
param(
    [string]$Group = "Sales",
    [string]$ExamPolicy = "Default",
    [switch]$Restore
)

function Write-Log {
    param([Parameter(Mandatory = $true)][string]$Message)
    Add-Content -Path ".\messaging-toggle.log" -Value ("[{0}] {1}" -f $Group, $Message)
}

$members = Get-CsOnlineUser | Where-Object { $_.Department -eq $Group }
Write-Log "Found $(@($members).Count) members"

foreach ($member in $members) {
    $target = if ($Restore) { $null } else { $ExamPolicy }
    try {
        Grant-CsTeamsMessagingPolicy -Identity $member.UserPrincipalName -PolicyName $target -ErrorAction Stop
        Write-Log "INFO: $($member.UserPrincipalName) -> $(if ($target) { $target } else { 'Global' })"
    }
    catch {
        Write-Log "ERROR: $($member.UserPrincipalName): $($_.Exception.Message)"
    }
}

$policy = Get-CsTeamsMessagingPolicy -Identity $ExamPolicy
Write-Host "Chat allowed under $($policy.Identity): $($policy.AllowUserChat)"
Get-Content .\messaging-toggle.log
