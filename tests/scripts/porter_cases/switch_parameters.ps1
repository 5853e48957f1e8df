# A [switch] parameter is a SwitchParameter, given or not: IsPresent, ToBool() and its truth.
function Set-Thing {
    param([string]$Name, [switch]$Force)
    if ($Force.IsPresent) { "forced $Name" } else { "asked $Name" }
    "ToBool: $($Force.ToBool())"
}
Set-Thing -Name a
Set-Thing -Name b -Force
Set-Thing -Name c -Force:$false
