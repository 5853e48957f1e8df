# Contacts pasted from a mail signature: the name is the words before the address, the number
# whatever follows it. Lines without an address are reported and skipped.
$Lines = (Get-Content .\contacts.txt -Raw).Split([Environment]::NewLine, [StringSplitOptions]::RemoveEmptyEntries)
foreach ($Line in $Lines) {
    if ($Line.IndexOf('<') -lt 0) {
        Write-Warning "No address in: $($Line.Substring(0, 20))..."
        continue
    }
    $Name, $Rest = $Line.Split('<')
    $Address, $Phone = $Rest.Split('>')
    $Digits = ($Phone.Split(' ()-+'.ToCharArray(), [StringSplitOptions]::RemoveEmptyEntries)) -join ''
    $Words = $Name.Trim().Split(' ')
    '{0}, {1} <{2}> {3}' -f $Words[-1].ToUpper(), $Words[0], $Address.ToLower(), $Digits
}
