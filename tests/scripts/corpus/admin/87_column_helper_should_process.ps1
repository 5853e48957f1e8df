<#
.SYNOPSIS
  Grants the audio conferencing policy named in a CSV to each user in it. The CSV may name its
  columns UserPrincipalName or UPN, and Policy or PolicyName; -WhatIf previews.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [string]$CsvPath = (Join-Path $PSScriptRoot 'policy-assignments.csv'),
  [switch]$StopOnError
)

function Get-ColVal {
  param(
    [Parameter(Mandatory)] $Row,
    [Parameter(Mandatory)][string[]] $Names
  )
  foreach ($n in $Names) {
    if ($Row.PSObject.Properties.Name -contains $n) {
      $v = $Row.$n
      if ($null -ne $v -and ("" + $v).Trim().Length -gt 0) { return $v }
    }
  }
  return $null
}

if (-not (Test-Path -LiteralPath $CsvPath)) { throw "CSV not found at '$CsvPath'." }
$rows = Import-Csv -LiteralPath $CsvPath
$items = foreach ($r in $rows) {
  [pscustomobject]@{
    UserPrincipalName = Get-ColVal -Row $r -Names @('UserPrincipalName', 'UPN')
    Policy            = Get-ColVal -Row $r -Names @('Policy', 'PolicyName')
  }
}
$policies = $items | Select-Object -ExpandProperty Policy -Unique
Write-Host ("{0} row(s), {1} distinct polic(ies): {2}" -f $items.Count, @($policies).Count, ($policies -join ', ')) -ForegroundColor Yellow

$done = New-Object System.Collections.Generic.List[object]
$failed = New-Object System.Collections.Generic.List[object]
foreach ($it in $items) {
  if ($PSCmdlet.ShouldProcess($it.UserPrincipalName, "Grant $($it.Policy)")) {
    try {
      Grant-CsTeamsAudioConferencingPolicy -Identity $it.UserPrincipalName -PolicyName $it.Policy -ErrorAction Stop
      $done.Add($it)
    } catch {
      $msg = $_.Exception.Message
      Write-Warning ("Failed for {0}: {1}" -f $it.UserPrincipalName, $msg)
      $failed.Add([pscustomobject]@{ UserPrincipalName = $it.UserPrincipalName; Error = $msg })
      if ($StopOnError) { throw }
    }
  }
}
Write-Host ("Granted : {0}" -f $done.Count)
Write-Host ("Failed  : {0}" -f $failed.Count)
