"""The message a script's ``Send-MailMessage`` sends, as the cmdlet fills System.Net.Mail's
MailMessage (PowerShell's Send-MailMessage.cs), made into outbox entries.

The emulator never connects to the script's ``-SmtpServer``: a script tried here must not mail
people through the real relay. The message is kept in the tenant's outbox instead, one entry
per envelope recipient (To, Cc and Bcc; Bcc is in no header), and ``cscmdlets outbox`` shows,
exports or delivers it to the relay the emulator is configured with, like the service's own.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

from ..model import OutboxEntry
from .message import POLICY, POLICY_UTF8, Mailbox, check_header, to_bytes

__all__ = ["SCRIPT_MAIL_KIND", "ScriptMail", "parse_mail_address"]

#: The outbox ``kind`` of a script's message (the service's own are ``EmailKind`` values).
SCRIPT_MAIL_KIND = "Send-MailMessage"

_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
#: What System.Net.Mail writes for a MailPriority other than Normal (MailMessage.cs, MailPriority).
_PRIORITY_HEADERS = {
    "high": (("X-Priority", "1"), ("Priority", "urgent"), ("Importance", "high")),
    "low": (("X-Priority", "5"), ("Priority", "non-urgent"), ("Importance", "low")),
}


def parse_mail_address(text: str) -> Mailbox | None:
    """``text`` as System.Net.Mail.MailAddress reads it (``user@domain`` or ``Name <user@domain>``),
    or ``None`` where MailAddress throws its FormatException: no ``@``, an empty part, a comma
    outside quotes (more than one address), or a character no header may hold."""
    if "," in _QUOTED.sub("", text):
        return None
    name, address = email.utils.parseaddr(text)
    local, at, domain = address.rpartition("@")
    if not (at and local and domain) or any(c.isspace() for c in address):
        return None
    mailbox = Mailbox(address, name)
    try:
        mailbox.header()
    except ValueError:  # a line break or control character: no header may hold it
        return None
    return mailbox


@dataclass(frozen=True)
class ScriptMail:
    """What Send-MailMessage was given, its addresses already read by :func:`parse_mail_address`.

    ``codec`` is the Python codec of ``-Encoding`` (ASCII unless given, as in the cmdlet): the
    subject and body keep only what it can hold, the rest becoming ``?`` as .NET's encoder
    replaces it, and are sent as UTF-8 (or US-ASCII when that is all they hold).
    """

    sender: Mailbox
    to: list[Mailbox]
    cc: list[Mailbox] = field(default_factory=list)
    bcc: list[Mailbox] = field(default_factory=list)
    reply_to: list[Mailbox] = field(default_factory=list)
    subject: str | None = None
    body: str | None = None
    html: bool = False
    priority: str = "Normal"
    codec: str = "ascii"
    attachments: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def recipients(self) -> list[Mailbox]:
        """The envelope recipients, in the order MailMessage lists them: To, Cc, then Bcc."""
        return [*self.to, *self.cc, *self.bcc]

    def message(self, now: dt.datetime) -> EmailMessage:
        """The RFC 5322 message (no Bcc header).

        Raises:
            HeaderInjectionError: The subject holds a line break or control character.
        """
        utf8 = not all(m.is_ascii for m in (self.sender, *self.recipients, *self.reply_to))
        message = EmailMessage(policy=POLICY_UTF8 if utf8 else POLICY)
        message["From"] = self.sender.header()
        for header, mailboxes in (("To", self.to), ("Cc", self.cc), ("Reply-To", self.reply_to)):
            if mailboxes:
                message[header] = [m.header() for m in mailboxes]
        if self.subject:
            subject = self._encoded(self.subject)
            check_header("Subject", subject)
            message["Subject"] = subject
        message["Date"] = email.utils.format_datetime(now)
        message["Message-ID"] = email.utils.make_msgid(domain=self.sender.address.rpartition("@")[2])
        for name, value in _PRIORITY_HEADERS.get(self.priority.lower(), ()):
            message[name] = value
        body = self._encoded(self.body or "")
        message.set_content(body, subtype="html" if self.html else "plain", charset=_charset(body))
        for name, data in self.attachments:
            message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
        return message

    def outbox_entries(self, now: dt.datetime) -> list[OutboxEntry]:
        """The message once per envelope recipient, each delivered (or refused) on its own.

        Raises:
            HeaderInjectionError: as :meth:`message`.
        """
        raw = to_bytes(self.message(now))
        subject = self._encoded(self.subject or "")
        return [
            OutboxEntry(
                created_at=now,
                kind=SCRIPT_MAIL_KIND,
                user_id=None,
                recipient=recipient.address,
                sender=self.sender.address,
                subject=subject,
                raw=raw,
            )
            for recipient in self.recipients
        ]

    def _encoded(self, text: str) -> str:
        return text.encode(self.codec, errors="replace").decode(self.codec)


def _charset(text: str) -> str:
    return "us-ascii" if text.isascii() else "utf-8"
