# %% [markdown]
# # The same calls, over PowerShell remoting (PSRP)
#
# With the `remote` extra (`pip install "cscmdlets[remote]"`), the module-level functions can
# run on a real Windows host with the MicrosoftTeams module, over WinRM/PSRP, instead of the
# emulated tenant. Your code does not change: the same functions, the same models back, the
# same `PowerShellError`s.
#
# To practise without a Windows host, `cscmdlets serve` answers PSRP on the emulated tenant.
# This notebook starts it on 127.0.0.1 in a background thread, with Basic authentication and a
# throw-away password, and talks to it through the real pypsrp client.

# %%
import datetime as dt
import itertools
import secrets

import cscmdlets as cs
from cscmdlets.model.display import Table
from cscmdlets.remote.serve import serve

ticks = itertools.count()
start = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
served = cs.Tenant.demo(clock=lambda: start + dt.timedelta(seconds=next(ticks)))
password = secrets.token_urlsafe(16)

server = serve(served, "127.0.0.1", port=0, auth="basic", username="admin", password=password, block=False)
print("serving on", server.service.address)

# %% [markdown]
# From a shell, the same endpoint is
# `CSCMDLETS_SERVE_PASSWORD=… cscmdlets serve --demo --user admin --port 5985`.
#
# ## Connect
#
# `cs.RemoteHost` describes the endpoint; `cs.connect(remote=…)` sends the module-level
# functions there. Basic authentication over plain HTTP is only acceptable on loopback: that
# is why the emulator refuses any other address without TLS, and why `encryption="never"` must
# be said out loud.

# %%
session = cs.connect(
    remote=cs.RemoteHost(
        "127.0.0.1", port=server.port, username="admin", password=password, auth="basic", ssl=False, encryption="never"
    )
)
session.engine

# %% [markdown]
# The password is not in the `repr`, nor in any log or error.
#
# ## The calls of the quick start, remotely

# %%
users = cs.get_cs_online_dial_in_conferencing_user()
users

# %%
type(users[0]).__name__, users[0].conference_id

# %%
cs.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", send_email=True)
cs.Set_CsOnlineDialInConferencingUser(id="ken.myer@contoso.com", TollFree="18005550100")
cs.get_cs_online_dial_in_conferencing_user("ken.myer@contoso.com")

# %% [markdown]
# Errors come back as the same exception classes, with PowerShell's FullyQualifiedErrorId:

# %%
try:
    cs.set_cs_online_dial_in_conferencing_user("jane.doe@contoso.com", send_email=True)
except cs.PowerShellError as error:
    print(type(error).__name__, "|", error)
    print(error.fully_qualified_error_id)

# %% [markdown]
# ## Many calls, one round trip
#
# Inside `session.batch()` the calls are queued and sent together when the block ends; each
# returns its own list, filled then.

# %%
with session.batch():
    bridges = cs.get_cs_online_dial_in_conferencing_bridge()
    numbers = cs.get_cs_online_dial_in_conferencing_service_number()
    settings = cs.get_cs_online_dial_in_conferencing_tenant_settings()
numbers

# %%
bridges

# %% [markdown]
# The server's side: the emulated tenant behind the endpoint queued the email and kept the
# audit log, exactly as a local call would.

# %%
served.outbox

# %%
Table(served.audit())

# %%
cs.disconnect()
server.close()

# %% [markdown]
# ## A real Windows host with the MicrosoftTeams module
#
# The cmdlets run in the MicrosoftTeams module, so the endpoint is a Windows machine (a jump
# host) that has the module and can reach Microsoft 365. On that host, once:
#
# ```powershell
# Install-Module MicrosoftTeams -Scope AllUsers
# Enable-PSRemoting -Force                       # WinRM on 5985 (HTTP) and, with a certificate, 5986
# ```
#
# Then, from Python, name the host and the setup calls to run once per connection. Setup is
# a list of cmdlet calls with typed parameters, never script text:
#
# ```python
# import cscmdlets as cs
#
# host = cs.RemoteHost(
#     "teams-jump.contoso.com",              # HTTPS on 5986, certificate checked
#     username="CONTOSO\\svc-teams",         # or $CSCMDLETS_REMOTE_USERNAME
#     auth="negotiate",                      # Kerberos or NTLM; "certificate", "credssp" also work
#     # password from $CSCMDLETS_REMOTE_PASSWORD, or the keyring entry cscmdlets / user@server
#     setup=[
#         ("Import-Module", {"Name": "MicrosoftTeams"}),
#         ("Connect-MicrosoftTeams", {"CertificateThumbprint": "…", "ApplicationId": "…",
#                                     "TenantId": "contoso.onmicrosoft.com"}),
#     ],
# )
# cs.connect(remote=host)
# cs.get_cs_online_dial_in_conferencing_user("amos.marble@contoso.com")
# ```
#
# Notes for a real tenant:
#
# - `Connect-MicrosoftTeams` without interaction needs an app registration with a certificate
#   on the jump host (the `ApplicationId`/`CertificateThumbprint` form above).
# - Keep `ssl=True` (the default). `cert_validation=False` turns checking off; say it only for
#   a lab, or pass a CA bundle path instead.
# - The real service ignores `-WhatIf` on `Set-CsOnlineDialInConferencingUser`: a dry run is
#   only dry on the emulator. Practise on `cscmdlets serve` first.
# - `call_timeout=` stops a call that hangs; a call that may have run is never resent.
