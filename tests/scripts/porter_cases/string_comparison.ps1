# A string method with a StringComparison is another overload than Python's method of the name.
$upn = 'AMOS.Marble@contoso.com'
if ($upn.StartsWith('amos', 'OrdinalIgnoreCase')) { 'starts with amos' }
if (-not $upn.StartsWith('amos')) { 'but not case-sensitively' }
$upn.EndsWith('.COM', 'OrdinalIgnoreCase')
$upn.Trim().ToLower()
