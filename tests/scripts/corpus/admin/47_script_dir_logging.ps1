$scriptDir = Split-Path -Parent $MyInvocation.MyCommand.Path
$logFile = Join-Path $scriptDir ("{0}.log" -f [System.IO.Path]::GetFileNameWithoutExtension($MyInvocation.MyCommand.Name))

function Write-Log {
    param([string]$Message, [ValidateSet('INFO', 'WARN')][string]$Level = 'INFO')
    "{0} [{1}] {2}" -f (Get-Date -Format 'yyyy-MM-dd HH:mm:ss'), $Level, $Message | Out-File -FilePath $logFile -Append
}

Write-Log "Checking bridges"
foreach ($b in Get-CsOnlineDialInConferencingBridge) {
    if (-not $b.DefaultServiceNumber) { Write-Log "$($b.Name) has no default number" -Level WARN }
    else { Write-Log "$($b.Name): $($b.DefaultServiceNumber)" }
}
Write-Host "Log written to $(Split-Path $logFile -Leaf)"
