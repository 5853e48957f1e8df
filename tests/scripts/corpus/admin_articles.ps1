# The admin articles' one-liners, verbatim with their typos (the Set-CsOnlineDialInConferencingUser and -TenantSettings reference examples).
Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com  -SendEmail
Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -ResetLeaderPIN
Set-CsOnlineDialInConferencingUser -amos.marble -ResetLeaderPIN -SendEmail -SendEmailToAddress "u@hotmail.com"
Set-CsOnlineDialinConferencingUser -Identity amos.marble@Contoso.com -TollFreeServiceNumber   +18005550100
Set-CsOnlineDialInConferencingUser user@contoso.com – AllowTollFreeDialIn $false
Set-CsOnlineDialInConferencingTenantSettings -PinLength 8
Set-CsOnlineDialInConferencingTenantSettings -AutomaticallySendEmailsToUsers $false
Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true -SendEmailFromAddress amos.marble@contoso.com -SendEmailFromDisplayName "Amos Marble"
Set-CsOnlineDialInConferencingTenantSettings -MaskPstnNumbersType "MaskedForAllUsers"
Set-CsOnlineDialInConferencingUser -Identity "Amos Marble" -ResetConferenceID 8271964
