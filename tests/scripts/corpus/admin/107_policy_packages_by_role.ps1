# Give staff the policy package of their role from an HR export. The cmdlet takes at most 20
# users a call, so each role's users go in batches; a batch with an unknown user is refused
# whole. Ends with each user's package.
param([string]$CsvPath = ".\staff-roles.csv")

$packageOf = @{
    Teacher = "Education_Teacher"
    Nurse   = "Healthcare_ClinicalWorker"
    Officer = "PublicSafety_Officer"
}
$batchSize = 20

$staff = Import-Csv -Path $CsvPath
foreach ($role in $staff | Group-Object -Property Role) {
    $package = $packageOf[$role.Name]
    if (-not $package) {
        Write-Warning "No policy package for role $($role.Name)"
        continue
    }
    $upns = @($role.Group | ForEach-Object { $_.UPN })
    for ($start = 0; $start -lt $upns.Count; $start += $batchSize) {
        $batch = @($upns | Select-Object -Skip $start -First $batchSize)
        try {
            Grant-CsUserPolicyPackage -Identity $batch -PackageName $package -ErrorAction Stop
            Write-Host "$package -> $($batch -join ', ')"
        }
        catch {
            Write-Host "FAILED $package for $($batch.Count) users: $($_.Exception.Message)"
        }
    }
}

foreach ($person in $staff) {
    $assigned = Get-CsUserPolicyPackage -Identity $person.UPN -ErrorAction SilentlyContinue
    $name = if ($assigned) { $assigned.Name } else { "(none)" }
    "{0} {1}" -f $person.UPN, $name
}
