# Move every user of the Conference Bridge from the Redmond number to the Seattle one.
Set-CsOnlineDialInConferencingUserDefaultNumber -FromNumber 14255550100 -ToNumber 12065550100 -NumberType Toll -BridgeName "Conference Bridge" -RescheduleMeetings
Get-CsOnlineDialInConferencingUser | Select-Object -ExpandProperty Identity
