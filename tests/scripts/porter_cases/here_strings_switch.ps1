$name = 'Contoso'
$body = @"
Hello from $name,
  "quoted" and `$escaped
"@
Write-Host $body
$raw = @'
$not expanded
'@
Write-Host $raw
foreach ($upn in 'amos.marble@contoso.com', 'x@fabrikam.com', 'ken.myer@contoso.com') {
    switch -Wildcard ($upn) {
        '*@contoso.com' { Write-Host "internal $upn" }
        default { Write-Host "external $upn" }
    }
    switch -Regex ($upn) {
        '^(?<first>[a-z]+)\.' { Write-Host "first name $($Matches['first'])" }
    }
}
$i = 0
do { $i++ } while ($i -lt 3)
do { $i-- } until ($i -le 1)
Write-Host "i = $i"
