# contacts.txt comes from the phone team: "Name <upn> +1 (206) 555-0100", one per line.
$assigned = @()
switch -Regex -File .\contacts.txt {
    '^\s*(#|$)' { continue }
    '<(?<upn>[^>]+)>\s+(?<number>[+\d][\d\s()-]+)$' {
        $upn = $Matches.upn
        $digits = $Matches.number -replace '[^\d]', ''
        Set-CsOnlineDialInConferencingUser -Identity $upn -ServiceNumber $digits
        $assigned += "$upn=$digits"
        continue
    }
    default { Write-Warning "Line not understood: $_" }
}
Write-Host ("Assigned {0} number(s): {1}" -f $assigned.Count, ($assigned -join ', '))
