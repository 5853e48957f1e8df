"""Concurrency: two processes each apply 2,000 changes to the same SQLite store.

Both run the bulk job of ``bulk_child.py`` on the same users at the same time (one with
addresses tagged ``pa``, one ``pb``). Afterwards the audit log holds exactly 4,000 entries,
each process's 2,000 in its own order; each user's entries chain (every entry's "before" is
the state the previous entry left: no update was lost or computed from a stale read); each
entry has exactly the one email its change calls for, in the same order; and every user's
final state is the one the last entry left.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs

from .bulk_child import GENERATED_USERS, SET_USER, operation
from .support import FIGURES, SCALE
from .test_crash_safety import CHILD, new_store

CHANGES = max(10, int(2_000 * SCALE))
TAGS = ("pa", "pb")


BRIDGE_DEFAULT = "14255550100"  # the Conference Bridge's default toll number (demo tenant)


def expected_email(entry: Any, old_number: str | None, new_number: str | None) -> tuple[str, str] | None:
    """The (kind, recipient) one Set-User call queues: PIN reset, else details changed (the
    number in the user's invites changed), else the requested conference info. One command,
    one message ("Emails sent to users when their settings change")."""
    parameters = entry.parameters
    if parameters.get("ResetLeaderPin"):
        kind = "PinReset"
    elif (old_number or BRIDGE_DEFAULT) != (new_number or BRIDGE_DEFAULT):
        kind = "ConferenceDetailsChanged"
    elif parameters.get("SendEmail"):
        kind = "ConferenceInfo"
    else:
        return None
    return kind, parameters.get("SendEmailToAddress") or entry.target


def check_chains(entries: list[Any]) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """Each user's entries, in commit order, start from the state the previous one left.

    Returns each user's final state and the emails the entries call for, in order.
    """
    state: dict[str, dict[str, Any]] = {
        u.user_principal_name: {"ServiceNumber": u.service_number, "AllowTollFreeDialIn": True}
        for u in cs.Tenant.demo(users=GENERATED_USERS).store.users()
    }
    emails = []
    for entry in entries:
        current = state[entry.target]
        wanted = {
            "ServiceNumber": entry.parameters["ServiceNumber"],
            "AllowTollFreeDialIn": entry.parameters["AllowTollFreeDialIn"],
        }
        changed = [name for name in current if wanted[name] != current[name]]
        before, after = dict(entry.before or {}), dict(entry.after or {})
        pin = (before.pop("LeaderPin", None), after.pop("LeaderPin", None))  # masked; shown when reset
        assert (pin != (None, None)) == bool(entry.parameters.get("ResetLeaderPin")), entry
        assert before == {name: current[name] for name in changed}, f"stale read: {entry}"
        assert after == {name: wanted[name] for name in changed}, f"lost update: {entry}"
        emails.append(expected_email(entry, current["ServiceNumber"], wanted["ServiceNumber"]))
        current.update(wanted)
        FIGURES["concurrency: updates checked"] += 1
    return state, [email for email in emails if email is not None]


@pytest.mark.slow
def test_two_processes_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    new_store(path)
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(CHILD),
                str(path),
                str(tmp_path / f"{tag}.log"),
                "--first",
                "0",
                "--count",
                str(CHANGES),
                "--tag",
                tag,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in TAGS
    ]
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        assert out.splitlines()[-1] == "done"

    with cs.Tenant.open(path) as tenant:
        entries = tenant.audit()
        outbox = list(tenant.outbox)
        users = {u.user_principal_name: u for u in _users(tenant)}
    assert len(entries) == 2 * CHANGES and all(e.command == SET_USER for e in entries)
    for tag in TAGS:  # each process's calls are all there, once, in the order it made them
        addresses = [e.parameters["SendEmailToAddress"] for e in entries if _tag_of(e) == tag]
        assert addresses == [operation(i, tag).address for i in range(CHANGES) if operation(i, tag).address]

    final, expected = check_chains(entries)
    assert [(m.kind, _address(m.recipient)) for m in outbox] == expected
    assert len({m.recipient for m in outbox if m.recipient.endswith("@example.com")}) == CHANGES
    for upn, state in final.items():
        assert users[upn].service_number == state["ServiceNumber"]
        assert users[upn].allow_toll_free_dial_in == state["AllowTollFreeDialIn"]
    FIGURES["concurrency: emails checked"] += len(outbox)


def _tag_of(entry: Any) -> str | None:
    address = entry.parameters.get("SendEmailToAddress")
    return address[:2] if address else None


def _address(recipient: str) -> str:
    """``Name <a@b>`` or ``a@b`` → ``a@b``."""
    return recipient.rsplit("<", 1)[-1].rstrip(">")


def _users(tenant: cs.Tenant) -> list[Any]:
    with tenant.store.transaction():
        return list(tenant.store.users())
