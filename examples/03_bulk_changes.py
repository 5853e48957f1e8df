# %% [markdown]
# # Bulk changes from a CSV: new default numbers and PIN resets
#
# Contoso opens a Seattle office. HR sends a CSV of the people moving there: each gets the
# Seattle number as their default dial-in number, and some get a new PIN. The admin's routine:
#
# 1. read the CSV;
# 2. run every change under **-WhatIf** and read the plan: what would change, which emails
#    would go out, which rows would fail;
# 3. fix the CSV, make the changes, with a progress bar;
# 4. a summary table for the ticket.
#
# The demo tenant here has 12 generated users besides the named ones, in memory.

# %%
import csv
import datetime as dt
import importlib.util
import itertools
import tempfile
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

import cscmdlets as cs
from cscmdlets.model.display import Table

ticks = itertools.count()
start = dt.datetime(2026, 2, 2, 8, 0, tzinfo=dt.UTC)
tenant = cs.Tenant.demo(12, clock=lambda: start + dt.timedelta(seconds=next(ticks)))
SEATTLE = "12065550100"


def progress() -> Progress:
    """A progress bar, live in a terminal and in Jupyter with ipywidgets. Without ipywidgets
    rich would only warn in Jupyter, so there the bar is printed once, when it is done."""
    console = Console()
    if console.is_jupyter and importlib.util.find_spec("ipywidgets") is None:
        console = Console(force_jupyter=False, force_terminal=False)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console)


# %% [markdown]
# ## 1. The CSV
#
# As HR sent it (written to a temporary folder here). Two rows are wrong, and the plan will say so.

# %%
folder = Path(tempfile.mkdtemp())
csv_path = folder / "seattle-move.csv"
rows = [("UserPrincipalName", "NewNumber", "ResetPin")]
rows += [(f"user{n:07d}@contoso.com", SEATTLE, "yes" if n % 3 == 0 else "no") for n in range(1, 11)]
rows += [
    ("amos.marble@contoso.com", SEATTLE, "no"),
    ("pilar.ackerman@contoso.com", SEATTLE, "yes"),  # she is on the EMEA bridge
    ("jane.doe@contoso.com", SEATTLE, "yes"),
]  # no such user
with csv_path.open("w", newline="") as stream:
    csv.writer(stream).writerows(rows)

with csv_path.open(newline="") as stream:
    moves = list(csv.DictReader(stream))
Table(moves)

# %% [markdown]
# ## 2. The plan, under -WhatIf
#
# `what_if=True` runs each command and rolls it back: nothing changes and no email is sent,
# but `result.plan` holds what would have happened (audit entries, before → after, and the
# emails), and `result.errors` what would have failed. `error_action="SilentlyContinue"`
# collects a row's error instead of raising it, as `-ErrorAction SilentlyContinue` does.


# %%
def move(row: dict[str, str], *, what_if: bool) -> cs.PSOutput:
    return tenant.set_cs_online_dial_in_conferencing_user(
        row["UserPrincipalName"],
        service_number=row["NewNumber"],
        reset_leader_pin=row["ResetPin"] == "yes",
        what_if=what_if,
        error_action="SilentlyContinue",
    )


plan, problems = [], []
with progress() as bar:
    for row in bar.track(moves, description="Planning"):
        result = move(row, what_if=True).result
        for step in result.plan:
            if isinstance(step, cs.AuditEntry):
                changes = ", ".join(f"{name}: {step.before.get(name)} → {value}" for name, value in step.after.items())
                plan.append({"User": step.target, "Would change": changes or "(PIN)", "Email": ""})
            else:
                plan.append({"User": step.recipient, "Would change": "", "Email": step.subject})
        problems += [
            {
                "User": row["UserPrincipalName"],
                "Error": record.message,
                "ErrorId": record.fully_qualified_error_id.split(",")[0],
            }
            for record in result.errors
        ]

# %%
Table(plan)

# %%
Table(problems)

# %% [markdown]
# Nothing changed yet: the outbox is empty and the audit log has no entry.

# %%
len(tenant.outbox), len(tenant.audit())

# %% [markdown]
# ## 3. Fix the CSV, then make the changes
#
# Pilar works from the EMEA bridge, so she keeps it and gets the London number; Jane Doe has
# not joined yet, so her row goes. Then the real run, with a progress bar.

# %%
LONDON = "442035550100"
fixed = [
    dict(row, NewNumber=LONDON) if row["UserPrincipalName"].startswith("pilar.") else row
    for row in moves
    if not row["UserPrincipalName"].startswith("jane.")
]

summary = []
with progress() as bar:
    for row in bar.track(fixed, description="Changing"):
        output = move(row, what_if=False)
        failed = output.result.errors
        user = tenant.get_cs_online_dial_in_conferencing_user(row["UserPrincipalName"])[0]
        summary.append(
            {
                "User": row["UserPrincipalName"],
                "DefaultTollNumber": user.default_toll_number,
                "PinReset": row["ResetPin"] == "yes",
                "Status": failed[0].message if failed else "Changed",
            }
        )

# %% [markdown]
# ## 4. The summary
#
# The new PINs are not shown: each user whose PIN was reset gets it by email, and the
# service never shows it again.

# %%
Table(summary)

# %%
counts = {
    "Changed": sum(row["Status"] == "Changed" for row in summary),
    "Failed": sum(row["Status"] != "Changed" for row in summary),
    "PINs reset": sum(row["PinReset"] for row in summary),
    "Emails queued": len(tenant.outbox.queued()),
}
print(Table([counts]))

# %% [markdown]
# The emails by kind, and the audit log of the run:

# %%
Table(
    [
        {"Kind": kind, "Messages": sum(m.kind == kind for m in tenant.outbox)}
        for kind in sorted({m.kind for m in tenant.outbox})
    ]
)

# %%
Table(tenant.audit()[:5])
