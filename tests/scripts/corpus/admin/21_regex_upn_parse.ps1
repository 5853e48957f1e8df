# Reads "Name <upn> phone" lines exported from the old phone system.
$lines = Get-Content .\contacts.txt
$parsed = foreach ($line in $lines) {
    if ($line -match '^(?<name>[^<]+?)\s*<(?<upn>[^>]+)>\s*(?<phone>.*)$') {
        [pscustomobject]@{
            Name  = $Matches['name']
            Upn   = $Matches.upn
            Phone = $Matches.phone
        }
    } else {
        Write-Warning "Unrecognised line: $line"
    }
}
$parsed | ForEach-Object { "{0} => {1}" -f $_.Name, $_.Upn }
