# Read-Host on a host that cannot ask: the statement fails with the host's error and the script goes on.
$name = Read-Host -Prompt 'Bridge name'
if (-not $name) { Write-Host 'no answer: the default bridge' }
$confirm = $(Read-Host 'Reset all PINs? (Y/N)')
Write-Host "confirm is null: $($null -eq $confirm)"
