# A variable first set in a branch that does not run is $null after it; one set to another kind
# in a branch may hold either kind afterwards.
$count = 5
if ($count -gt 10) { $label = 'big' }
Write-Host 'label:' $label
if ($count -gt 1) { $count = 'many' }
Write-Host 'count:' $count
foreach ($u in @()) { $seen = $u }
Write-Host 'seen:' $seen
$limit = 2
while ($limit -gt 5) { $limit = 'never' }
Write-Host 'limit:' ($limit + 1)
