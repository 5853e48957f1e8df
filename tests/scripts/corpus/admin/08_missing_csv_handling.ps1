param([string]$InputFile = "C:\Scripts\Teams\dialin-changes.csv")

if (-not (Test-Path $InputFile)) {
    Write-Warning "Input file $InputFile not found - nothing to do."
    exit 2
}
Import-Csv $InputFile | ForEach-Object {
    Set-CsOnlineDialInConferencingUser -Identity $_.UPN -ServiceNumber $_.Number
}
