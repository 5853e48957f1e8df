# Older scripts find their folder through $MyInvocation.MyCommand.Definition and stamp each
# log line with a US-style date.
$ScriptDir = Split-Path -Parent $MyInvocation.MyCommand.Definition
$LogFile = Join-Path $ScriptDir ("ConfCheck_{0}.log" -f (Get-Date -Format 'yyyyMMdd'))

function Write-Log([string]$Message, [string]$Level = 'INFO') {
    $Line = "{0} [{1}] {2}" -f (Get-Date -Format 'M/d/yyyy h:mm tt'), $Level.PadRight(5), $Message
    $Line | Out-File -FilePath $LogFile -Append -Encoding utf8
}

Write-Log "Started from $(Split-Path -Leaf $PSCommandPath)"
foreach ($User in Get-CsOnlineDialInConferencingUser) {
    if (-not $User.ServiceNumber) {
        Write-Log "$($User.Identity) uses the bridge default number" 'WARN'
    }
}
Write-Log 'Finished'
Write-Host "Log: $(Split-Path -Leaf $LogFile), $((Get-Content $LogFile).Count) lines"
