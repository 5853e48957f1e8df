# Numbers typed by hand in a spreadsheet: keep the digits, check them with TryParse, and set
# only the numbers that parse; print each in the +1 (xxx) xxx-xxxx form the helpdesk uses.
$rows = Import-Csv .\raw-numbers.csv
$set = 0
foreach ($row in $rows) {
    $digits = $row.Number -replace '[^\d]', ''
    $number = 0
    if (-not [long]::TryParse($digits, [ref]$number)) {
        Write-Warning "Skipping $($row.UPN): '$($row.Number)' is not a phone number"
        continue
    }
    Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $number
    Write-Host ("{0} -> {1:+# (###) ###-####}" -f $row.UPN, $number)
    $set++
}
Write-Host "$set of $($rows.Count) numbers set"
