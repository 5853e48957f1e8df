<#
    Assigns the Audio Conferencing SKU to every account in licence-requests.csv that lacks it, with a
    status line per account and a success/failure summary at the end.
#>
$InputFile = Join-Path $PSScriptRoot 'licence-requests.csv'
$SelectedSku = 'MCOMEETADV'
Connect-MgGraph -Scopes Directory.ReadWrite.All -NoWelcome

$SelectedSkuId = (Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq $SelectedSku).SkuId
[array]$Users = Import-Csv $InputFile
$AssignmentReport = [System.Collections.Generic.List[Object]]::new()

ForEach ($User in $Users) {
    $Upn = $User.UPN.Trim()
    $UserData = Get-MgUser -UserId $Upn -Property Id, AssignedLicenses -ErrorAction SilentlyContinue
    If (!($UserData)) {
        $Status = "Error: account {0} does not exist" -f $Upn
    } ElseIf ($SelectedSkuId -in $UserData.AssignedLicenses.SkuId) {
        $Status = "Skipped: {0} already has {1}" -f $Upn, $SelectedSku
    } Else {
        $Result = Set-MgUserLicense -UserId $Upn -AddLicenses @{SkuId = $SelectedSkuId} -RemoveLicenses @() -ErrorAction SilentlyContinue
        $Status = If ($Result) { "Success: {0} assigned to {1}" -f $SelectedSku, $Upn } Else { "Error: could not assign to $Upn" }
    }
    Write-Host $Status
    $AssignmentReport.Add([PSCustomObject]@{
        User      = $Upn
        Status    = $Status
        TimeStamp = (Get-Date -Format 'dd-MMM-yyyy HH:mm:ss')
    })
}

[array]$Successes = $AssignmentReport | Where-Object { $_.Status -like 'Success:*' }
[array]$Failures = $AssignmentReport | Where-Object { $_.Status -like 'Error:*' }
Write-Host ("Successful assignments: {0} of {1}" -f $Successes.Count, $Users.Count)
Write-Host ("Failed assignments:     {0}" -f $Failures.Count)
$AssignmentReport | Select-Object -Last 1 -ExpandProperty TimeStamp
