"""The child process of the crash-safety and concurrency tests: a long bulk job on a SQLite tenant.

    python bulk_child.py STORE LOG [--first N] [--count N] [--tag TAG]

Each operation is one Set-CsOnlineDialInConferencingUser call (its own transaction) mixing
-ResetLeaderPin, -ServiceNumber and -SendEmail; :func:`operation` says exactly what call
``index`` makes, so the parent can replay it. After each call returns (committed), the child
appends the index to LOG and fsyncs it, so the parent knows what must be in the store. Without
``--first``, the job resumes after the last operation the store holds. ``ready`` on stdout
means the first operation has committed (imports and the mail layer are warm).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Any

SET_USER = "Set-CsOnlineDialInConferencingUser"
#: Demo users on the Conference Bridge (Tenant.demo(users=GENERATED_USERS)).
GENERATED_USERS = 40
TOLL_NUMBERS = ("14255550100", "12065550100")


@dataclass(frozen=True)
class Operation:
    index: int
    identity: str
    keywords: dict[str, Any]

    @property
    def address(self) -> str | None:
        return self.keywords.get("send_email_to_address")


def user_of(index: int) -> str:
    return f"user{index % GENERATED_USERS + 1:07d}@contoso.com"


def operation(index: int, tag: str = "op") -> Operation:
    """Operation ``index``: every one changes the user and most send an email, by rule:
    a PIN reset every third call, a new default toll number every other round, -SendEmail
    (to an address naming the operation) every other call."""
    keywords: dict[str, Any] = {
        "service_number": TOLL_NUMBERS[(index // GENERATED_USERS) % 2],
        "allow_toll_free_dial_in": (index // (2 * GENERATED_USERS)) % 2 == 0,
    }
    if index % 3 == 0:
        keywords["reset_leader_pin"] = True
    if index % 2 == 0:
        keywords.update(send_email=True, send_email_to_address=f"{tag}{index}@example.com")
    return Operation(index, user_of(index), keywords)


def committed_count(tenant: Any) -> int:
    return len(tenant.audit(command=SET_USER))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("log")
    parser.add_argument("--first", type=int)
    parser.add_argument("--count", type=int, default=10**9)
    parser.add_argument("--tag", default="op")
    args = parser.parse_args(argv)

    import cscmdlets as cs

    tenant = cs.Tenant.open(args.store)
    first = committed_count(tenant) if args.first is None else args.first
    log = os.open(args.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    for index in range(first, first + args.count):
        op = operation(index, args.tag)
        tenant.set_cs_online_dial_in_conferencing_user(op.identity, **op.keywords)
        os.write(log, f"{index}\n".encode())
        os.fsync(log)
        if index == first:
            print("ready", flush=True)
    os.close(log)
    tenant.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
