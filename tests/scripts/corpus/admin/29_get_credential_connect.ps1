$adminUpn = "admin@contoso.onmicrosoft.com"
$password = ConvertTo-SecureString "NotARealPassword!" -AsPlainText -Force
$credential = New-Object System.Management.Automation.PSCredential($adminUpn, $password)
Connect-MicrosoftTeams -Credential $credential | Out-Null
Write-Host "Connected as $($credential.UserName)"
Get-CsOnlineDialInConferencingBridge | Select-Object -ExpandProperty Name
