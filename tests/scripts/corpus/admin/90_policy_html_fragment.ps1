# ReportAudioPolicies.ps1
# Which audio conferencing policy each Teams user has ("Tenant Default" when none is granted),
# as an HTML page built from a fragment, and a CSV.
[array]$Users = Get-CsOnlineUser -ResultSize 5000
$Users = $Users | Where-Object { $_.Department -ne $null -and $_.Department -ne '' } | Sort-Object DisplayName
If (!($Users)) { Write-Host "No users found - exiting"; break }

[string]$CreationDate = Get-Date -Format 'dd-MMM-yyyy HH:mm'
$TenantDefaultString = "Tenant Default"
$Report = [System.Collections.Generic.List[Object]]::new()
[int]$i = 0
ForEach ($User in $Users) {
    $i++
    Write-Host ("Processing user {0} ({1}/{2})... " -f $User.DisplayName, $i, $Users.Count)
    $AudioPolicy = $TenantDefaultString
    If ($User.TeamsAudioConferencingPolicy) {
        $AudioPolicy = ("{0} (Direct)" -f $User.TeamsAudioConferencingPolicy)
    }
    $Report.Add([PSCustomObject][Ordered]@{
        User                        = $User.DisplayName
        UPN                         = $User.UserPrincipalName
        "Audio conferencing policy" = $AudioPolicy
    })
}

$HtmlHead = "<html><body><h1>Audio Conferencing Policy Report</h1><p>Generated: " + $CreationDate + "</p>"
$HtmlBody = $Report | ConvertTo-Html -Fragment
$HtmlTail = "<p>Number of users: " + $Users.Count + "</p></body></html>"
$HtmlHead + $HtmlBody + $HtmlTail | Out-File .\AudioPolicies.html -Encoding UTF8
$Report | Export-Csv -NoTypeInformation .\AudioPolicies.csv
Write-Host ("All done. {0} users; {1} on the tenant default." -f $Users.Count, @($Report | Where-Object 'Audio conferencing policy' -eq $TenantDefaultString).Count)
