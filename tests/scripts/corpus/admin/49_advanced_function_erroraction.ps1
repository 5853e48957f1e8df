function Set-TollFreeNumber {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, ValueFromPipeline)][string]$Identity,
        [string]$Number = '18005550100'
    )
    process {
        Set-CsOnlineDialInConferencingUser -Identity $Identity -TollFreeServiceNumber $Number
    }
}

'ken.myer@contoso.com', 'gone@contoso.com' | Set-TollFreeNumber -ErrorAction SilentlyContinue -ErrorVariable failed
"failed: $($failed.Count)"
(Get-CsOnlineDialInConferencingUser -Identity ken.myer@contoso.com).TollFreeServiceNumber
