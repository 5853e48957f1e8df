# Phone numbers as people type them, normalised to the digits the service expects.
function ConvertTo-ServiceNumber {
    param([Parameter(Mandatory)][string]$Text)
    $digits = $Text -replace '[^\d]', ''
    if ($digits -notmatch '^\d{10,15}$') {
        throw "Not a phone number: '$Text'"
    }
    return $digits
}

$requests = @(
    @{ User = 'amos.marble@contoso.com'; Number = '+1 (206) 555-0100' }
    @{ User = 'ken.myer@contoso.com';    Number = 'ext. 42' }
)
foreach ($r in $requests) {
    try {
        $number = ConvertTo-ServiceNumber -Text $r.Number
        Set-CsOnlineDialInConferencingUser -Identity $r.User -ServiceNumber $number
        Write-Host "$($r.User): $number" -ForegroundColor Green
    } catch {
        Write-Host "$($r.User): $_" -ForegroundColor Red
    }
}
