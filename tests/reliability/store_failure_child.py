"""The child process of the store-failure tests: calls on a store it may not be able to write.

    python store_failure_child.py open PATH            # Tenant.open(PATH, seed="demo"), then a read
    python store_failure_child.py write PATH           # one write through each door
    python store_failure_child.py fill PATH LIMIT      # writes until the file size limit stops them

Prints one JSON object per line: ``{"step", "outcome": "ok"|"powershell-error"|"other", ...}``.
An exception that is not a PowerShellError is reported as ``other`` with its traceback, so
the parent can fail with it. ``fill`` sets RLIMIT_FSIZE (SIGXFSZ ignored): a write past LIMIT
bytes fails with EFBIG, as on a full disk.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any

AMOS = "amos.marble@contoso.com"


def report(step: str, action: Callable[[], Any]) -> bool:
    import cscmdlets as cs

    try:
        action()
    except cs.PowerShellError as error:
        print(
            json.dumps(
                {
                    "step": step,
                    "outcome": "powershell-error",
                    "error_id": error.error_id,
                    "message": str(error),
                    "concise": error.error_record.concise_view(),
                }
            ),
            flush=True,
        )
        return False
    except BaseException as error:
        print(
            json.dumps(
                {"step": step, "outcome": "other", "type": type(error).__name__, "traceback": traceback.format_exc()}
            ),
            flush=True,
        )
        return False
    print(json.dumps({"step": step, "outcome": "ok"}), flush=True)
    return True


def writes(tenant: Any) -> dict[str, Callable[[], Any]]:
    return {
        "python": lambda: tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True, send_email=True),
        "twin": lambda: tenant.Set_CsOnlineDialInConferencingTenantSettings(PinLength=7),
        "powershell": lambda: tenant.invoke(
            f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ServiceNumber 12065550100 -SendEmail"
        ),
        "transaction": lambda: _in_transaction(tenant),
    }


def _in_transaction(tenant: Any) -> None:
    with tenant.transaction():
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
        tenant.set_cs_online_dial_in_conferencing_user("ken.myer@contoso.com", reset_leader_pin=True)


def main(argv: list[str]) -> int:
    import cscmdlets as cs

    mode, path = argv[0], argv[1]
    holder: dict[str, Any] = {}

    def open_store() -> None:
        holder["tenant"] = cs.Tenant.open(path, seed="demo" if mode == "open" else None)

    if not report("open", open_store):
        return 0
    tenant = holder["tenant"]
    report("read", lambda: (tenant.audit(), list(tenant.outbox), tenant.get_cs_online_dial_in_conferencing_user()))
    if mode == "write":
        for step, action in writes(tenant).items():
            report(step, action)
    elif mode == "fill":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(argv[2])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        failures = 0
        for index in range(100_000):
            address = f"fill{index}@example.com"
            ok = report(
                f"fill {index}",
                functools.partial(
                    tenant.set_cs_online_dial_in_conferencing_user,
                    AMOS,
                    reset_leader_pin=True,
                    send_email=True,
                    send_email_to_address=address,
                ),
            )
            failures = 0 if ok else failures + 1
            if failures >= 5:
                break
        report("read after", lambda: (tenant.audit(), list(tenant.outbox)))
    os._exit(0)  # no clean-up that could write


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
