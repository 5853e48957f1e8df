# Service-desk sheet of the voice apps: who answers each call queue, and which resource
# account (and number) fronts each auto attendant; resource accounts without a number last.
$rows = @()
foreach ($queue in Get-CsCallQueue -WarningAction SilentlyContinue) {
    foreach ($agent in $queue.Agents) {
        $user = Get-CsOnlineUser -Identity $agent.ObjectId
        $rows += [pscustomobject]@{ App = $queue.Name; Kind = "Call queue"; Who = $user.UserPrincipalName; Number = "" }
    }
}
foreach ($attendant in Get-CsAutoAttendant) {
    foreach ($id in $attendant.ApplicationInstances) {
        $account = Get-CsOnlineApplicationInstance -Identity $id
        $number = $account.PhoneNumber -replace '^tel:', ''
        $rows += [pscustomobject]@{ App = $attendant.Name; Kind = "Auto attendant"; Who = $account.UserPrincipalName; Number = $number }
    }
}
$rows | Export-Csv -Path .\voice-apps.csv -NoTypeInformation
Write-Host "$($rows.Count) rows written to voice-apps.csv"

Get-CsOnlineApplicationInstance | Where-Object { -not $_.PhoneNumber } | ForEach-Object { "No number: $($_.DisplayName)" }
