"""The retired Disable-/Enable-CsOnlineDialInConferencingUser (SkypeOnlineConnector profile),
delivered end to end to a real SMTP server: removal notice, then the welcome with a new PIN."""

from __future__ import annotations

import re

import cscmdlets as cs
from cscmdlets.mail.message import parse_message

from .conftest import Certificate, SmtpServer
from .test_end_to_end import smtp_url

KEN = "ken.myer@contoso.com"
PIN_LINE = re.compile(r"^PIN: (\d+)\r?$", re.MULTILINE)


def test_disable_then_enable_over_smtp(smtp_server: SmtpServer, certificate: Certificate) -> None:
    tenant = cs.Tenant.demo(smtp=smtp_url(smtp_server, certificate), module="SkypeOnlineConnector")
    tenant.run_script(
        f"Disable-CsOnlineDialInConferencingUser -Identity {KEN}\n"
        f"Enable-CsOnlineDialInConferencingUser -Identity {KEN} -ConferenceId 3659305",
        transaction=False,  # each command commits, and is delivered, on its own
    )
    removed, enabled = smtp_server.recorder.messages
    assert removed.rcpt_tos == enabled.rcpt_tos == [KEN]
    assert [parse_message(m.content)["Subject"] for m in (removed, enabled)] == [e.subject for e in tenant.outbox]
    welcome = enabled.content.decode()
    assert "3659305" in welcome and PIN_LINE.search(welcome)
    assert not PIN_LINE.search(removed.content.decode())
    assert [m.kind for m in tenant.outbox] == ["ConferencingRemoved", "ConferencingEnabled"]
