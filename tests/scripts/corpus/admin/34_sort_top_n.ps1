Get-CsOnlineDialInConferencingServiceNumber |
    Sort-Object -Property Number -Descending |
    Select-Object -First 3 -Property Number, City, @{ Name = 'Kind'; Expression = { $_.Type } } |
    Format-Table -AutoSize |
    Out-String -Stream |
    Where-Object { $_.Trim() }
