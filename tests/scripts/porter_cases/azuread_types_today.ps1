# A licence script of the AzureAD era run under today's module: AzureAD's types are gone with it,
# so New-Object and ::new() fail as PowerShell's type resolution does (NewObjectCommand.cs).
try {
    $licence = New-Object -TypeName Microsoft.Open.AzureAD.Model.AssignedLicense
    Write-Host "created: $($licence.GetType().FullName)"
}
catch {
    Write-Host "$($_.FullyQualifiedErrorId) ($($_.CategoryInfo.Category)): $($_.Exception.Message)"
}
try {
    $licences = [Microsoft.Open.AzureAD.Model.AssignedLicenses]::new()
    Write-Host "created: $($licences.GetType().FullName)"
}
catch {
    Write-Host "$($_.FullyQualifiedErrorId) ($($_.CategoryInfo.Category)): $($_.Exception.Message)"
}
