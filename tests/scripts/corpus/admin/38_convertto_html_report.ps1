$users = Get-CsOnlineDialInConferencingUser | Select-Object Identity, BridgeName, ServiceNumber
$html = $users | ConvertTo-Html -Title "Dial-in users" -PreContent "<h1>Dial-in users</h1>"
$html | Out-File .\dialin.html
