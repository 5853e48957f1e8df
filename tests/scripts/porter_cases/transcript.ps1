# A transcript holds what the script shows between Start- and Stop-Transcript: output, host lines,
# and warnings; output written before it started is not in it, and one still running at
# the end is written when the script ends.
Get-CsOnlineDialInConferencingBridge | Select-Object Name
Start-Transcript -Path .\first.log
Get-CsOnlineDialInConferencingUser | Select-Object Identity, BridgeName
Write-Host 'host line'
Write-Warning 'careful'
Stop-Transcript
Write-Host 'between the transcripts'
Start-Transcript -Path .\second.log -Append | Out-Null
Write-Host 'kept until the script ends'
