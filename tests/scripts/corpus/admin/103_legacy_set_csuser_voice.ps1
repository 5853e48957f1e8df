# Written for the Skype Online era: enable Enterprise Voice with Set-CsUser and a LineURI,
# then a routing policy. Still runs against today's module, with deprecation warnings.
Import-Module MicrosoftTeams
Connect-MicrosoftTeams | Out-Null

$numbers = @{
    "amos.marble@contoso.com" = "tel:+14255551301"
    "ken.myer@contoso.com"    = "tel:+14255550100"
}

foreach ($upn in $numbers.Keys | Sort-Object) {
    Set-CsUser -Identity $upn -EnterpriseVoiceEnabled $true -HostedVoiceMail $true -OnPremLineURI $numbers[$upn] -ErrorAction Continue
    Grant-CsOnlineVoiceRoutingPolicy -Identity $upn -PolicyName $null
}

Get-CsOnlineUser | Where-Object { $_.LineURI } | ForEach-Object { "$($_.UserPrincipalName) $($_.LineURI)" }
