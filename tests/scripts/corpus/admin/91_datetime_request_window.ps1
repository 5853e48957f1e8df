# Number requests from the service desk: those made in the last 30 days are applied, older ones
# are reported as stale. The dates come from a spreadsheet in more than one format.
param([int]$Days = 30)

$Cutoff = (Get-Date).Date.AddDays(-$Days)
$Requests = Import-Csv .\number-requests.csv | Sort-Object { [datetime]$_.Requested }
foreach ($Request in $Requests) {
    $When = [datetime]$Request.Requested
    $Age = (New-TimeSpan -Start $When -End (Get-Date)).Days
    if ($When -lt $Cutoff) {
        Write-Warning ("{0}: request of {1:yyyy-MM-dd} is {2} days old; skipped" -f $Request.UPN, $When, $Age)
        continue
    }
    Set-CsOnlineDialInConferencingUser -Identity $Request.UPN -ServiceNumber $Request.Number
    Write-Host ("{0,-28} {1,-13} requested {2}" -f $Request.UPN, $Request.Number, $When.ToString('dd MMM yyyy'))
}
