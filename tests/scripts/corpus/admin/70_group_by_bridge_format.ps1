# Weekly report: dial-in users grouped by bridge, saved as text for the service desk.
$outFile = Join-Path $PSScriptRoot 'users-by-bridge.txt'
Get-CsOnlineDialInConferencingUser |
    Sort-Object BridgeName, DisplayName |
    Format-Table DisplayName, DefaultTollNumber -GroupBy BridgeName |
    Out-String -Width 100 |
    Out-File -FilePath $outFile
Get-CsOnlineDialInConferencingBridge | Format-List Name, DefaultServiceNumber -GroupBy Region | Out-File -FilePath $outFile -Append
Write-Host "Report saved to users-by-bridge.txt"
