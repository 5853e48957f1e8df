filter Show-Upn { Write-Host "user: $($_.Identity)" }
function Count-Users {
    begin { $n = 0 }
    process { $n++ }
    end { Write-Host "counted $n" }
}
Get-CsOnlineDialInConferencingUser | Show-Upn
Get-CsOnlineDialInConferencingUser | Count-Users
function Get-Names { param($Users) foreach ($u in $Users) { $u.Identity } }
$names = Get-Names -Users (Get-CsOnlineDialInConferencingUser)
Write-Host "names: $($names.Count)"
