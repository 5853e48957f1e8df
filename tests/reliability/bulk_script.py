"""The bulk job of ``bulk_child.py`` as an admin script (.ps1), for ``cscmdlets run SCRIPT``."""

from __future__ import annotations

from .bulk_child import operation
from .support import ps_quote

TEMPLATE = """# Bulk job: new default numbers, PIN resets and dial-in emails, one user at a time.
$ops = @(
{rows}
)
foreach ($op in $ops) {{
    $params = @{{ Identity = $op.Id; ServiceNumber = $op.Number; AllowTollFreeDialIn = $op.TollFree }}
    if ($op.Pin) {{ $params.ResetLeaderPin = $true }}
    if ($op.Mail) {{
        $params.SendEmail = $true
        $params.SendEmailToAddress = $op.Mail
    }}
    Set-CsOnlineDialInConferencingUser @params -ErrorAction Stop
}}
"""


def _row(index: int) -> str:
    op = operation(index)
    keywords = op.keywords
    mail = ps_quote(op.address) if op.address else "$null"
    return (
        f"    @{{ Id = {ps_quote(op.identity)}; Number = {ps_quote(keywords['service_number'])}; "
        f"TollFree = ${str(keywords['allow_toll_free_dial_in']).lower()}; "
        f"Pin = ${str(bool(keywords.get('reset_leader_pin'))).lower()}; Mail = {mail} }}"
    )


def bulk_script(first: int, count: int) -> str:
    """Operations ``first`` … ``first + count - 1`` of :func:`bulk_child.operation` as a script."""
    return TEMPLATE.format(rows=",\n".join(_row(i) for i in range(first, first + count)))
