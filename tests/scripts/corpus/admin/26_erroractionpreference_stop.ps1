$ErrorActionPreference = 'Stop'
$log = @()
foreach ($upn in @('amos.marble@contoso.com', 'temp.contractor@contoso.com', 'ken.myer@contoso.com')) {
    try {
        $u = Get-CsOnlineDialInConferencingUser -Identity $upn
        $log += "found $($u.Identity)"
    } catch [System.Management.Automation.RuntimeException] {
        $log += "runtime: $upn"
    } catch {
        $log += "missing: $upn ($($_.CategoryInfo.Category))"
    }
}
$log
