# Direct Routing onboarding: numbers, voice routing and dial-out policy per user from a CSV.
# Expects a semicolon-separated file with UPN;Phone;RoutingPolicy columns.
$csvPath = ".\voice-users.csv"
$dialOut = "DialoutCPCandPSTNInternational"

$rows = Import-Csv -Path $csvPath -Delimiter ";"

# Make sure every routing policy the file names exists before touching users.
$wanted = $rows | Select-Object -ExpandProperty RoutingPolicy -Unique
foreach ($name in $wanted) {
    $existing = Get-CsOnlineVoiceRoutingPolicy -Identity $name -ErrorAction SilentlyContinue
    if (-not $existing) {
        Write-Host "Creating voice routing policy $name" -ForegroundColor Yellow
        New-CsOnlineVoiceRoutingPolicy -Identity $name -OnlinePstnUsages "$name-Usage" -Description "Created by onboarding" | Out-Null
    }
}

$ok = 0
$failed = @()
foreach ($row in $rows) {
    try {
        Set-CsPhoneNumberAssignment -Identity $row.UPN -PhoneNumber $row.Phone -PhoneNumberType DirectRouting -ErrorAction Stop
        Grant-CsOnlineVoiceRoutingPolicy -Identity $row.UPN -PolicyName $row.RoutingPolicy -ErrorAction Stop
        Grant-CsDialoutPolicy -Identity $row.UPN -PolicyName $dialOut -ErrorAction Stop
        Write-Host "$($row.UPN) -> $($row.Phone) [$($row.RoutingPolicy)]" -ForegroundColor Green
        $ok++
    }
    catch {
        Write-Host "FAILED $($row.UPN): $($_.Exception.Message)" -ForegroundColor Red
        $failed += $row.UPN
    }
}

Write-Host "-------"
Write-Host "$ok configured, $($failed.Count) failed"
Get-CsOnlineUser | Where-Object { $_.EnterpriseVoiceEnabled } | Sort-Object UserPrincipalName |
    ForEach-Object { "{0};{1};{2}" -f $_.UserPrincipalName, $_.LineURI, $_.OnlineVoiceRoutingPolicy }
