# Labelled loops: continue/break name the outer loop.
:outer foreach ($a in 1..3) {
    foreach ($b in 1..3) {
        if ($b -eq 2) { continue outer }
        if ($a -eq 3) { break outer }
        Write-Host "$a-$b"
    }
}
$tries = 0
:retry while ($true) {
    $tries++
    switch ($tries) {
        1 { Write-Host 'first try'; continue retry }
        default { break retry }
    }
}
Write-Host "tries: $tries"
