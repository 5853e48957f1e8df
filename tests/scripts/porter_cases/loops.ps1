# for, do/while with break, foreach with continue: Python's while/for with the same exits.
for ($i = 0; $i -lt 3; $i++) {
    Write-Host "for $i"
}
$n = 0
do {
    $n++
    if ($n -eq 2) { break }
} while ($n -lt 5)
foreach ($user in Get-CsOnlineDialInConferencingUser) {
    if ($user.Identity -like 'k*') { continue }
    Write-Host "user $($user.Identity)"
}
"n = $n, i = $i"
