# switch -File runs on each line of a file; continue goes to the next line, break leaves the switch,
# and both are the switch's own inside a loop. A missing file is an error and the script goes on.
foreach ($round in 1, 2) {
    switch -Wildcard -File .\upns.txt {
        '#*' { continue }
        '' { continue }
        'stop*' { Write-Host "round $round stops"; break }
        '*@contoso.com' {
            if ($round -eq 2) { Set-CsOnlineDialInConferencingUser -Identity $_ -ResetLeaderPin | Out-Null }
            Write-Host "round $round user $_"
        }
        'ken*' { Write-Host "  (ken again: every matching clause runs)" }
    }
}
switch -File .\missing.txt { default { Write-Host "never: $_" } }
Write-Host 'after the missing file'
