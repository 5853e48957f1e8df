# > and >> write the success stream as Out-File does; > $null drops it (about_Redirection).
Get-CsOnlineDialInConferencingUser | Select-Object Identity, BridgeName > users.txt
"second line" >> users.txt
"dropped" > $null
Get-Content users.txt | Select-Object -First 4
