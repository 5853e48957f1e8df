"""Build the RFC 5322 message of a rendered email.

Headers are set on :class:`email.message.EmailMessage`, never formatted by hand: the library
quotes and encodes display names. A CR or LF in any header value is refused
before the message exists, so an injected header can never be sent.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import re
from collections import Counter
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage

from ..model.addresses import header_text_problem
from .render import RenderedEmail

__all__ = ["POLICY", "HeaderInjectionError", "Mailbox", "build_message", "parse_message", "to_bytes"]

# 7-bit clean on the wire (bodies quoted-printable or base64, headers RFC 2047), CRLF line ends.
POLICY = email.policy.SMTP.clone(cte_type="7bit")
# For an internationalized address (RFC 6531) the headers must be raw UTF-8.
POLICY_UTF8 = email.policy.SMTPUTF8


class HeaderInjectionError(ValueError):
    """A header value could break out of its header: the message is refused, never sent."""

    def __init__(self, header: str, problem: str = "contains a line break or control character") -> None:
        super().__init__(f"The {header} header value {problem}, which is not allowed.")
        self.header = header


@dataclass(frozen=True)
class Mailbox:
    """An address with an optional display name, e.g. ``Microsoft 365 <no-reply@contoso.com>``."""

    address: str
    display_name: str = ""

    def header(self) -> Address:
        """The mailbox as a header value object (the library quotes and encodes the name)."""
        check_header("address", self.address)
        check_header("display name", self.display_name, display_name=True)
        username, _, domain = self.address.rpartition("@")
        return Address(self.display_name, username, domain)

    @property
    def is_ascii(self) -> bool:
        return self.address.isascii()


def check_header(name: str, value: str, *, display_name: bool = False) -> None:
    """Refuse ``value`` for header ``name`` if it could break out of its header.

    Raises:
        HeaderInjectionError: The value holds a line break, a control character or, in a
            display name, a typed-in encoded word.
    """
    problem = header_text_problem(value, display_name=display_name)
    if problem is not None:
        raise HeaderInjectionError(name, problem)


def build_message(rendered: RenderedEmail, *, sender: Mailbox, recipient: Mailbox, now: dt.datetime) -> EmailMessage:
    """The multipart/alternative message (plain text, then HTML) of ``rendered``.

    Raises:
        HeaderInjectionError: A header value contains a CR or LF.
    """
    check_header("Subject", rendered.subject)
    message = EmailMessage(policy=POLICY if sender.is_ascii and recipient.is_ascii else POLICY_UTF8)
    message["From"] = sender.header()
    message["To"] = recipient.header()
    message["Subject"] = rendered.subject
    message["Date"] = email.utils.format_datetime(_aware(now))
    message["Message-ID"] = email.utils.make_msgid(domain=sender.address.rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: a notification, not a person writing
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    message["Content-Language"] = rendered.lang  # after set_content, which clears Content-* headers
    return message


def to_bytes(message: EmailMessage) -> bytes:
    """The message as it goes on the wire (CRLF line ends), checked to hold only its own headers.

    The check reads the serialized header block only, as a parser would split it, and parses
    just From and To: re-parsing the whole message would cost more than building it.

    Raises:
        HeaderInjectionError: Serializing produced a header that was never set. CPython before
            3.11.10/3.12.5 (CVE-2024-6923) decodes an encoded word typed into a display name,
            e.g. ``=?utf-8?q?x=0D=0ABcc:_a@b.c?=``, and writes the CR LF it holds raw.
    """
    raw = message.as_bytes(policy=message.policy)
    headers = _serialized_headers(raw)
    if Counter(name.lower() for name, _ in headers) != Counter(name.lower() for name in message):
        raise HeaderInjectionError("From or To", "would add a header once encoded")
    if _serialized_mailboxes(headers) != _mailboxes(message):
        # CPython folds a long display name holding ':' without its quotes, which turns the
        # mailbox into a group: a name the library cannot write faithfully is refused.
        raise HeaderInjectionError("From or To", "would change the address once folded")
    return raw


#: Line ends as email.feedparser splits them: a lone CR or LF ends a line too.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _serialized_headers(raw: bytes) -> list[tuple[str, str]]:
    """The top-level headers of ``raw`` as (name, unfolded value), split as a parser splits them."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "surrogateescape")
    headers: list[tuple[str, str]] = []
    for line in _LINE_END.split(head):
        if not line:
            break  # a line break the encoder let through ended the header block early
        if line[0] in " \t" and headers:
            name, value = headers[-1]
            headers[-1] = (name, value + line)
        else:
            name, _, value = line.partition(":")
            headers.append((name, value.lstrip(" \t")))
    return headers


def _serialized_mailboxes(headers: list[tuple[str, str]]) -> list[str]:
    """The addresses of the first From and To of ``headers``, as a reader's parser sees them."""
    first: dict[str, str] = {}
    for name, value in headers:
        first.setdefault(name.lower(), value)
    factory = email.policy.default.header_factory
    return [
        address.addr_spec
        for name in ("From", "To")
        if name.lower() in first
        for address in getattr(factory(name, first[name.lower()]), "addresses", ())
    ]


def _mailboxes(message: EmailMessage) -> list[str]:
    """The addresses of From and To (display names may differ in folding whitespace)."""
    return [address.addr_spec for name in ("From", "To") for address in getattr(message[name], "addresses", ())]


def parse_message(raw: bytes) -> EmailMessage:
    """Parse the bytes of an outbox message back into an :class:`EmailMessage`.

    Our bodies are 7-bit; only an internationalized address makes raw UTF-8 headers, which
    :class:`email.parser.BytesParser` would leave as surrogates, so those are decoded first.
    """
    if raw.isascii():
        return email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    return email.parser.Parser(policy=email.policy.default).parsestr(raw.decode("utf-8", "surrogateescape"))


def _aware(now: dt.datetime) -> dt.datetime:
    """A naive time is taken as UTC, so the Date header always carries a zone."""
    return now if now.tzinfo is not None else now.replace(tzinfo=dt.UTC)
