# %% [markdown]
# # Quick start: the demo tenant, Get and Set, a first email, the audit log
#
# `cscmdlets` gives Python the Microsoft 365 `*-CsOnlineDialInConferencing*` cmdlets, running
# on an **emulated tenant** on your machine. This notebook works on the in-memory demo tenant
# (Contoso), so nothing you do here touches a real tenant or your saved state.
#
# The tenant gets a fixed clock and the demo seed, so every run gives the same PINs, IDs and times.

# %%
import datetime as dt
import itertools

import cscmdlets as cs
from cscmdlets.model.display import Table

ticks = itertools.count()


def clock() -> dt.datetime:
    """9:00 on 15 January 2026, one second later at each reading."""
    return dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=next(ticks))


tenant = cs.Tenant.demo(clock=clock, actor="admin@contoso.com")
tenant.info

# %% [markdown]
# ## Get: who is enabled for dial-in conferencing?
#
# `Get-CsOnlineDialInConferencingUser` lists the users enabled for Microsoft's audio
# conferencing. In a notebook the objects show as a table whose columns are the real
# PowerShell property names; `print()` shows what PowerShell would print.

# %%
users = tenant.get_cs_online_dial_in_conferencing_user()
users

# %%
amos = tenant.get_cs_online_dial_in_conferencing_user("amos.marble@contoso.com")[0]
print(amos)

# %% [markdown]
# Python reads the same object by snake_case attribute; the PIN is never shown.

# %%
amos.conference_id, amos.default_toll_number, amos.leader_pin

# %% [markdown]
# The bridges and their service numbers:

# %%
tenant.get_cs_online_dial_in_conferencing_bridge()

# %%
tenant.get_cs_online_dial_in_conferencing_service_number(bridge_name="EMEA Bridge")

# %% [markdown]
# ## Set: change a user, three ways
#
# Every cmdlet exists as a Pythonic method, an exact-name twin that binds arguments as
# PowerShell does, and PowerShell text. All three go through the same binder and rules.

# %%
# Pythonic: keyword arguments named after the parameters.
tenant.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", service_number="12065550100")

# The exact-name twin: PowerShell names, prefixes and aliases (-id is Identity).
tenant.Set_CsOnlineDialInConferencingUser(id="ken.myer@contoso.com", TollFree="18005550100")

# PowerShell text, as you would paste it from a script.
tenant.invoke("Set-CsOnlineDialInConferencingUser -Identity 'Pilar Ackerman' -ServiceNumber 442035550100")

tenant.get_cs_online_dial_in_conferencing_user()

# %% [markdown]
# Errors are PowerShell's, with their FullyQualifiedErrorId: the Seattle number is on the
# Conference Bridge, so it cannot be Pilar's (she is on the EMEA Bridge).

# %%
try:
    tenant.set_cs_online_dial_in_conferencing_user("pilar.ackerman@contoso.com", service_number="12065550100")
except cs.PowerShellError as error:
    print(error)
    print(error.fully_qualified_error_id)

# %% [markdown]
# ## A first email
#
# `-SendEmail` sends users their dial-in conferencing information. The service's emails land
# in `tenant.outbox`; a message shows itself in the notebook as the user will see it.

# %%
tenant.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", send_email=True)
tenant.outbox

# %%
message = tenant.outbox[-1]
print(message.subject)
message

# %% [markdown]
# ## The audit log
#
# Every change is recorded: who, which command with which parameters, the target, and the
# changed properties before and after. `Table` shows any list of objects as a table.

# %%
Table(tenant.audit())

# %%
Table(tenant.audit(target="amos.marble@contoso.com"))

# %% [markdown]
# ## Module-level functions and a durable tenant
#
# `cs.connect(tenant)` points the module-level functions at a tenant, as `Connect-MicrosoftTeams`
# does in PowerShell. `cs.Tenant.open(path, seed="demo")` keeps a tenant in a SQLite file; here
# it lives in a temporary folder.

# %%
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as folder:
    durable = cs.Tenant.open(Path(folder) / "contoso.db", seed="demo", clock=clock, actor="admin@contoso.com")
    cs.connect(durable)
    cs.Set_CsOnlineDialInConferencingUser("Ken Myer", ResetLeaderPin=True)
    cs.disconnect()  # closes the file

    with cs.Tenant.open(Path(folder) / "contoso.db") as reopened:
        kept = Table(reopened.audit())
kept
