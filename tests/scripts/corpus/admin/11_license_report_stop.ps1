Import-Module MSOnline
Connect-MsolService
$report = foreach ($user in Get-MsolUser -All) {
    [pscustomobject]@{
        UPN      = $user.UserPrincipalName
        Licensed = $user.IsLicensed
    }
}
$report | Export-Csv .\licences.csv -NoTypeInformation
