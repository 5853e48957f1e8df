<#
.SYNOPSIS
    Check that the input file has the columns the bulk move needs before changing anything,
    then move each listed user to the bridge the file names.
#>
param([string]$CsvPath = ".\numbers.csv")

$rows = Import-Csv -Path $CsvPath -Delimiter ';'
$columns = ($rows | Get-Member -MemberType NoteProperty).Name
$missing = @('User', 'Bridge') | Where-Object { $columns -notcontains $_ }
if ($missing) {
    Write-Error "The file $CsvPath lacks the column(s): $($missing -join ', '); found $($columns -join ', ')"
    exit 2
}
Write-Host "Columns found: $($columns -join ', ')"
foreach ($row in $rows) {
    $user = Get-CsOnlineDialInConferencingUser -Identity $row.User
    if (-not ($user | Get-Member -Name MovedFrom)) {
        $user | Add-Member -NotePropertyName MovedFrom -NotePropertyValue $user.BridgeName
    }
    Set-CsOnlineDialInConferencingUser -Identity $row.User -BridgeName $row.Bridge
    Write-Output "$($row.User): $($user.MovedFrom) -> $($row.Bridge)"
}
