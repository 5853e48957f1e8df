$byUser = @{}
Import-Csv .\numbers.csv -Delimiter ';' | ForEach-Object { $byUser[$_.User] = $_.Number }

foreach ($user in Get-CsOnlineDialInConferencingUser) {
    if ($byUser.ContainsKey($user.Identity)) {
        $wanted = $byUser[$user.Identity]
        if ($user.ServiceNumber -ne $wanted) {
            Set-CsOnlineDialInConferencingUser -Identity $user.Identity -ServiceNumber $wanted
            "$($user.Identity): $($user.ServiceNumber) -> $wanted"
        }
    } else {
        "$($user.Identity): not in the file"
    }
}
