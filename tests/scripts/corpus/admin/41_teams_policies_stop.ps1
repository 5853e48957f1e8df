$policies = Get-CsTeamsMeetingPolicy | Where-Object { $_.AllowPSTNUsersToBypassLobby }
Write-Host "$($policies.Count) policies let dial-in callers skip the lobby"
