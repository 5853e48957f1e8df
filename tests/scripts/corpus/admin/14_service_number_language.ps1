# The Moscow number answers in Russian first, then English.
$number = Get-CsOnlineDialInConferencingServiceNumber -Identity 74955550100
"Before: $($number.PrimaryLanguage)"
Set-CsOnlineDialInConferencingServiceNumber -Identity 74955550100 -PrimaryLanguage ru-RU -SecondaryLanguages @('en-US')
$after = Get-CsOnlineDialInConferencingServiceNumber -Identity 74955550100
"After: $($after.PrimaryLanguage) then $($after.SecondaryLanguages -join ', ')"
