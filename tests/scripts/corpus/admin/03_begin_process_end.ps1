function Set-DialInBridge {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('UPN')]
        [string]$Identity,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [string]$Bridge = 'Conference Bridge'
    )
    begin {
        $changed = @()
        Write-Verbose "Starting bridge assignment"
    }
    process {
        Set-CsOnlineDialInConferencingUser -Identity $Identity -BridgeName $Bridge
        $changed += $Identity
    }
    end {
        Write-Host "Moved $($changed.Count) users"
        $changed
    }
}

Import-Csv .\numbers.csv -Delimiter ';' |
    Select-Object @{ n = 'UPN'; e = { $_.User } }, Bridge |
    Set-DialInBridge
