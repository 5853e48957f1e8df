# Numbers whose callers hear no English prompt get en-US as a secondary language.
$changes = [ordered]@{}
Get-CsOnlineDialInConferencingBridge | ForEach-Object {
    $bridgeName = $_.Name
    foreach ($number in $_.ServiceNumbers) {
        $languages = @($number.PrimaryLanguage) + @($number.SecondaryLanguages)
        if ($languages -like 'en-*') { continue }
        Set-CsOnlineDialInConferencingServiceNumber -Identity $number.Number -SecondaryLanguages 'en-US'
        $changes[$number.Number] = "$bridgeName ($($number.City)): $($languages -join ', ') + en-US"
    }
}
if ($changes.Count -eq 0) { Write-Host 'All numbers already offer English' }
foreach ($key in $changes.Keys) { Write-Host "$key -> $($changes[$key])" }
(Get-CsOnlineDialInConferencingServiceNumber -Identity 74955550100).SecondaryLanguages -join ','
