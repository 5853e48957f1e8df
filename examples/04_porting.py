# %% [markdown]
# # Porting an existing PowerShell script to Python
#
# An admin inherits `move_users.ps1`: it reads a CSV, gives each user a new default dial-in
# number, resets PINs where asked, and sends the team lead their updated information. Before
# touching a real tenant, the routine is:
#
# 1. **check** it: what would real PowerShell reject? (`cscmdlets check`)
# 2. **fix** what is certain, and check again;
# 3. **run** it on the emulated tenant (`cscmdlets run`) and look at what it did;
# 4. **port** it to Python (`cscmdlets port`), run the port on an identical tenant, and show
#    that both leave the same users, the same emails and the same messages.

# %%
import contextlib
import io
import tempfile
import types
from pathlib import Path

from IPython.display import Code

import cscmdlets as cs
from cscmdlets.model.display import Table

folder = Path(tempfile.mkdtemp())
(folder / "moves.csv").write_text("""\
UPN,Number,ResetPin
amos.marble@contoso.com,12065550100,yes
ken.myer@contoso.com,12065550100,no
pilar.ackerman@contoso.com,12065550100,no
user0000001@contoso.com,12065550100,yes
""")
(folder / "move_users.ps1").write_text(
    """\
<#
.SYNOPSIS
  Gives users a new default dial-in number from a CSV, resets PINs where asked,
  and sends the team lead their updated dial-in information.
#>
param(
    [string]$CsvPath = "moves.csv",
    [string]$Lead = "amos.marble@contoso.com"
)

$done = 0
foreach ($row in Import-Csv -Path $CsvPath) {
    try {
        if ($row.ResetPin -eq 'yes') {
            Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $row.Number `
                -ResetLeaderPIN -ErrorAction Stop | Out-Null
        } else {
            Set-CsOnlineDialInConferencingUser -Identity $row.UPN -ServiceNumber $row.Number -ErrorAction Stop
        }
        $done += 1
    } catch {
        Write-Warning "Could not update $($row.UPN): $($_.Exception.Message)"
    }
}
Set-CsOnlineDialInConferencingUser -Identity $Lead – SendEmail
Write-Host "Updated $done of $((Import-Csv -Path $CsvPath).Count) users."
""",  # noqa: RUF001 - the en dash is the script's typo
    encoding="utf-8",
)
Code((folder / "move_users.ps1").read_text(encoding="utf-8"), language="powershell")

# %% [markdown]
# ## 1. Check
#
# The checker binds every command statically, with the same parameter metadata the emulator
# uses, and reports what PowerShell would reject, without running anything. Line 25 was copied
# from a web page: its dash is an en dash followed by a space, so PowerShell reads the dash as
# a value, not as the start of `-SendEmail`.

# %%
findings = cs.check_script(folder / "move_users.ps1")
Table(
    [{"Line": d.line, "Column": d.column, "Severity": d.severity, "Message": d.message, "Fix": d.fix} for d in findings]
)

# %% [markdown]
# ## 2. Fix
#
# The fix is certain, so `cs.fix_script` applies it (`cscmdlets check --fix` on the command line);
# the fixed script checks clean.

# %%
fixed = folder / "move_users.fixed.ps1"
fixed.write_text(cs.fix_script(folder / "move_users.ps1"), encoding="utf-8")
print(fixed.read_text(encoding="utf-8").splitlines()[24])
cs.check_script(fixed)

# %% [markdown]
# ## 3. Run it on the emulated tenant
#
# `tenant.run_script` runs the script as `pwsh -File` would, in one transaction, on the demo
# tenant (plus a few generated users), and returns every stream separately: output, errors,
# warnings, host lines (`cscmdlets run script.ps1` on the command line).

# %%
ran = cs.Tenant.demo(3)
result = ran.run_script(fixed, arguments=["-CsvPath", str(folder / "moves.csv")])
print("exit status:", result.status)
print("host:      ", result.host)
print("warnings:  ", result.warnings)

# %% [markdown]
# Pilar's row failed, as it would on the real service: the Seattle number is not on her
# bridge. The others changed, and the service queued its emails:

# %%
ran.outbox

# %% [markdown]
# ## 4. Port it to Python
#
# The port calls the Pythonic functions (`cs.set_cs_online_dial_in_conferencing_user(…)`),
# keeps the script's parameters as command-line options, and turns `try`/`catch` into
# `try`/`except cs.PowerShellError`.

# %%
source = cs.port_script(fixed, script_name="move_users.ps1")
Code(source, language="python")

# %% [markdown]
# Run the port on an identical tenant, capturing what it prints (host lines on stdout,
# warnings on stderr, as PowerShell's streams):

# %%
ported = cs.Tenant.demo(3)
cs.connect(ported)
module = types.ModuleType("move_users")
exec(compile(source, "move_users.py", "exec"), module.__dict__)

stdout, stderr = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
    status = module.main(["--csv-path", str(folder / "moves.csv")])
cs.disconnect()
print("exit status:", status)
print(stdout.getvalue(), end="")

# %% [markdown]
# ## The equivalence
#
# Both tenants started identical (same demo data, same seed). After the script and after its
# port they hold the same users, property for property, the same emails, and the script and
# the port wrote the same lines.


# %%
def users(tenant: cs.Tenant) -> list[dict[str, object]]:
    return [user.to_ps() for user in tenant.get_cs_online_dial_in_conferencing_user()]


def emails(tenant: cs.Tenant) -> list[tuple[str, str, str]]:
    return [(message.kind, message.recipient, message.subject) for message in tenant.outbox]


ported_warnings = [line.removeprefix("WARNING: ") for line in stderr.getvalue().splitlines()]
comparison = [
    ("Users (every property)", users(ran), users(ported)),
    ("Emails (kind, recipient, subject)", emails(ran), emails(ported)),
    ("Host lines", result.host, stdout.getvalue().splitlines()),
    ("Warnings", result.warnings, ported_warnings),
    ("Exit status", result.status, status),
]
equivalence = Table(
    [
        {
            "Compared": what,
            "Script": len(a) if isinstance(a, list) else a,
            "Python": len(b) if isinstance(b, list) else b,
            "Same": a == b,
        }
        for what, a, b in comparison
    ]
)
assert all(row["Same"] for row in equivalence), "the port does not do what the script does"
equivalence
