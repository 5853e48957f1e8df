<#
.SYNOPSIS
    Moves the users of a CSV to a bridge; asks for the file when it is not given.
#>
param(
    [string]$CsvPath = $(Read-Host -Prompt 'Path to the users CSV'),
    [string]$Bridge = 'EMEA Bridge'
)

$bridgeObject = Get-CsOnlineDialInConferencingBridge -Name $Bridge
foreach ($row in Import-Csv -Path $CsvPath) {
    Set-CsOnlineDialInConferencingUser -Identity $row.UPN -BridgeId $bridgeObject.Identity
}
