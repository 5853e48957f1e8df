# Measure-Object's text measures (Measure-Object.cs, TextCountUtilities), ported as run.
$text = "first line`nsecond  line here`n"
$m = $text | Measure-Object -Line -Word -Character
Write-Host "lines $($m.Lines), words $($m.Words), characters $($m.Characters)"
$n = 'a b', ' c ' | Measure-Object -Character -IgnoreWhiteSpace
Write-Host "non-blank characters $($n.Characters)"
