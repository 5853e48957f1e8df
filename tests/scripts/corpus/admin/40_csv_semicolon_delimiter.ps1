# European Excel exports use ';' - read it, and write the result back the same way.
$rows = Import-Csv -Path .\numbers.csv -Delimiter ';'
$result = foreach ($r in $rows) {
    $user = Get-CsOnlineDialInConferencingUser -Identity $r.User
    [pscustomobject]@{
        User    = $r.User
        Bridge  = $user.BridgeName
        Matches = $user.BridgeName -eq $r.Bridge
    }
}
$result | Export-Csv -Path .\bridge-check.csv -Delimiter ';' -NoTypeInformation
($result | Where-Object { -not $_.Matches }).User
