"""Two processes flushing one durable outbox: every message is delivered exactly once."""

from __future__ import annotations

import email
import subprocess
import sys
from pathlib import Path

import cscmdlets as cs
from cscmdlets.model import DeliveryStatus

from .conftest import Certificate, running_server

MESSAGES = 60
FLUSH = """
import sys
import cscmdlets as cs
with cs.Tenant.open(sys.argv[1], smtp=sys.argv[2]) as tenant:
    print(tenant.outbox.flush())
"""


def _queue_messages(path: Path) -> None:
    with cs.Tenant.open(path, seed="demo") as tenant:
        for index in range(MESSAGES):
            upn = ("amos.marble", "ken.myer", "pilar.ackerman")[index % 3] + "@contoso.com"
            tenant.set_cs_online_dial_in_conferencing_user(upn, send_email=True)


def test_two_flushing_processes_never_send_a_message_twice(tmp_path: Path, certificate: Certificate) -> None:
    path = tmp_path / "tenant.db"
    _queue_messages(path)
    with running_server("plain", certificate) as server:
        url = f"smtp://127.0.0.1:{server.transport.port}"
        children = [
            subprocess.Popen([sys.executable, "-c", FLUSH, str(path), url], stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        delivered = [int(child.communicate(timeout=120)[0]) for child in children]
    assert all(child.returncode == 0 for child in children)
    assert sum(delivered) == MESSAGES
    ids = [email.message_from_bytes(m.content)["Message-ID"] for m in server.recorder.messages]
    assert len(ids) == MESSAGES and len(set(ids)) == MESSAGES
    with cs.Tenant.open(path) as tenant:
        entries = list(tenant.outbox)
    assert {e.status for e in entries} == {DeliveryStatus.DELIVERED}
    assert {e.attempts for e in entries} == {1}
    assert {e.claimed_until for e in entries} == {None}
