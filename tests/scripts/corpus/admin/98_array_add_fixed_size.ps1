# A report started as an array and filled with .Add(), as scripts written for ArrayList often
# are: each Add fails ("Collection was of a fixed size.") and the script goes on; the second
# report, built with +=, has every row.
$Report = @()
foreach ($User in Get-CsOnlineDialInConferencingUser) {
    $Report.Add([PSCustomObject]@{ User = $User.Identity; Bridge = $User.BridgeName })
}
Write-Host "First report: $($Report.Count) rows"

$Report = @()
foreach ($User in Get-CsOnlineDialInConferencingUser) {
    $Report += [PSCustomObject]@{ User = $User.Identity; Bridge = $User.BridgeName }
}
Write-Host "Second report: $($Report.Count) rows"
$Report | Where-Object Bridge -like 'EMEA*' | ForEach-Object User
