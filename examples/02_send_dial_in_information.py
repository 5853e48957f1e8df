# %% [markdown]
# # Send a user their dial-in conferencing information
#
# The task of Microsoft's admin article *"Send an email to a user with their Audio Conferencing
# information"*: a user lost the email with their conference ID and dial-in number, so the
# admin sends it again, from a sender the users recognise, and checks what the user will see,
# here in English and in Russian.
#
# Everything runs on the in-memory demo tenant (Contoso).

# %%
import datetime as dt
import itertools

import cscmdlets as cs

ticks = itertools.count()
start = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
tenant = cs.Tenant.demo(clock=lambda: start + dt.timedelta(seconds=next(ticks)))
session = cs.connect(tenant)  # the module-level functions now act on this tenant

# %% [markdown]
# ## 1. Send the email
#
# The article's command, with its `-id` abbreviation of `-Identity`, runs as written:
#
# ```powershell
# Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail
# ```

# %%
tenant.invoke("Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com -SendEmail")
first = tenant.outbox[-1]
print(first.subject)
print("From:", first.message["From"])
print("To:  ", first.message["To"])

# %% [markdown]
# The message, as Amos will see it. It has his conference ID and numbers, but no PIN: the
# service never sends a PIN except when it resets it.

# %%
first

# %% [markdown]
# ## 2. Send it from the organisation's own address
#
# By default the service sends from its own address. The tenant-wide override changes the
# sender of every conferencing email. The article spells the switch `-SendEmailOverride`,
# which does not exist; PowerShell (and cscmdlets) refuse it:

# %%
try:
    tenant.invoke(
        "Set-CsOnlineDialInConferencingTenantSettings -SendEmailOverride $true "
        '-SendEmailFromAddress conferencing@contoso.com -SendEmailFromDisplayName "Contoso Conferencing"'
    )
except cs.PowerShellError as error:
    print(error)

# %% [markdown]
# And the override needs both the address and the display name:

# %%
try:
    cs.Set_CsOnlineDialInConferencingTenantSettings(SendEmailFromOverride=True)
except cs.PowerShellError as error:
    print(error)

# %% [markdown]
# The real parameter is `-SendEmailFromOverride`:
#
# ```powershell
# Set-CsOnlineDialInConferencingTenantSettings -SendEmailFromOverride $true `
#     -SendEmailFromAddress conferencing@contoso.com -SendEmailFromDisplayName "Contoso Conferencing"
# ```

# %%
cs.set_cs_online_dial_in_conferencing_tenant_settings(
    send_email_from_override=True,
    send_email_from_address="conferencing@contoso.com",
    send_email_from_display_name="Contoso Conferencing",
)
settings = cs.get_cs_online_dial_in_conferencing_tenant_settings()[0]
settings.send_email_from_override, settings.send_email_from_address, settings.send_email_from_display_name

# %% [markdown]
# Send Amos his information again: the new sender appears in the From line.

# %%
cs.set_cs_online_dial_in_conferencing_user("amos.marble@contoso.com", send_email=True)
again = tenant.outbox[-1]
print("From:", again.message["From"])
again

# %% [markdown]
# ## 3. To another mailbox
#
# `-SendEmailToAddress` redirects the email, for a user who cannot read their work mailbox
# yet; it needs `-SendEmail`.

# %%
try:
    cs.set_cs_online_dial_in_conferencing_user("ken.myer@contoso.com", send_email_to_address="ken@fabrikam.com")
except cs.PowerShellError as error:
    print(error)

cs.set_cs_online_dial_in_conferencing_user(
    "ken.myer@contoso.com", send_email=True, send_email_to_address="ken@fabrikam.com"
)
print("To:", tenant.outbox[-1].message["To"])

# %% [markdown]
# ## 4. In the user's language
#
# Pilar Ackerman's preferred language is Russian (ru-RU), and her default number is the
# Moscow one: the email is written in Russian, with her numbers formatted for her.

# %%
cs.Set_CsOnlineDialInConferencingUser("Pilar Ackerman", SendEmail=True)
russian = tenant.outbox[-1]
print(russian.subject)
russian

# %% [markdown]
# The plain-text part, which mail clients without HTML show:

# %%
print(russian.body("plain"))

# %% [markdown]
# ## What was sent
#
# The outbox keeps every message; with an SMTP URL (`cs.Tenant(smtp="smtp://…")`, or
# `cscmdlets outbox flush --smtp URL`) they are delivered, otherwise they stay queued and can be
# exported as `.eml` files.

# %%
tenant.outbox

# %%
cs.disconnect()
