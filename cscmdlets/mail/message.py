"""Build the RFC 5322 message of a rendered email.

Headers are set on :class:`email.message.EmailMessage`, never formatted by hand: the library
quotes and encodes display names. A CR or LF in any header value is refused
before the message exists, so an injected header can never be sent.
"""

from __future__ import annotations

import binascii
import datetime as dt
import email.parser
import email.policy
import email.utils
import functools
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from email import quoprimime
from email.headerregistry import Address
from email.message import EmailMessage

from ..model.addresses import header_text_problem
from .render import RenderedEmail

__all__ = [
    "POLICY",
    "HeaderInjectionError",
    "Mailbox",
    "build_message",
    "message_bytes",
    "parse_message",
    "to_bytes",
]

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


# --- the same bytes, from cached pieces ------------------------------------------------------------
#
# Building an EmailMessage parses and refolds every header and QP-encodes both bodies character by
# character: most of an email's cost, though an email differs from the last one sent by the same
# command only in its recipient, Message-ID and a few body lines. ``message_bytes`` writes what
# ``to_bytes(build_message(...))`` writes, from pieces the library made once: the sender, subject
# and date lines (each checked by ``to_bytes`` the first time) and each body line's encoding.
# Only a recipient, Message-ID and language of the plainest form are written directly; anything
# else takes the library's path. tests/mail/test_message.py compares both paths byte for byte.

#: A recipient the library writes as is, without quoting, encoding or folding: atoms only.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*@[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*")
_PLAIN_MESSAGE_ID = re.compile(r"<[0-9]+\.[0-9]+\.[0-9]+@[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*>")
_PLAIN_LANGUAGE = re.compile(r"[A-Za-z0-9-]+")
#: The generator's boundary: 15 '=', a zero-padded random number as wide as sys.maxsize, '=='.
_BOUNDARY_WIDTH = len(repr(sys.maxsize - 1))
_LINE_LIMIT: int = POLICY.max_line_length or 78


def message_bytes(rendered: RenderedEmail, *, sender: Mailbox, recipient: Mailbox, now: dt.datetime) -> bytes:
    """``to_bytes(build_message(...))``: the same bytes but for the random Message-ID and boundary.

    Raises:
        HeaderInjectionError: as :func:`build_message` and :func:`to_bytes`.
    """
    fast = _from_pieces(rendered, sender, recipient, now)
    if fast is not None:
        return fast
    return to_bytes(build_message(rendered, sender=sender, recipient=recipient, now=now))


def _from_pieces(rendered: RenderedEmail, sender: Mailbox, recipient: Mailbox, now: dt.datetime) -> bytes | None:
    """The message written from cached pieces, or ``None`` when a value is not of the plainest form."""
    to = _plain_recipient(recipient)
    message_id = email.utils.make_msgid(domain=sender.address.rpartition("@")[2])
    if not (
        sender.is_ascii
        and to is not None
        and _PLAIN_MESSAGE_ID.fullmatch(message_id)
        and len(message_id) <= 66  # "Message-ID: " + value
        and _PLAIN_LANGUAGE.fullmatch(rendered.lang)
    ):
        return None
    texts: tuple[str | _Filled, str | _Filled] = (rendered.text, rendered.html)
    if rendered.filled_from is not None:
        text_pieces, html_pieces, personal = rendered.filled_from
        texts = (_Filled(rendered.text, text_pieces, personal), _Filled(rendered.html, html_pieces, personal))
    parts = [_part("plain", texts[0]), _part("html", texts[1], b"MIME-Version: 1.0\r\n")]
    boundary = _boundary(parts)
    delimiter = f"--{boundary}\r\n".encode()
    head = _head(rendered, sender, to, message_id, boundary, now)
    return head + delimiter + parts[0] + b"\r\n" + delimiter + parts[1] + f"\r\n--{boundary}--\r\n".encode()


def _head(rendered: RenderedEmail, sender: Mailbox, to: str, message_id: str, boundary: str, now: dt.datetime) -> bytes:
    """The top-level header lines in :func:`build_message`'s order, and the blank line after them."""
    sender_line, subject_and_date = _shared_lines(sender, rendered.subject, now.replace(microsecond=0))
    return b"".join(
        (
            sender_line,
            f"To: {to}\r\n".encode(),
            subject_and_date,
            f"Message-ID: {message_id}\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"\r\n'
            f"Content-Language: {rendered.lang}\r\n\r\n".encode(),
        )
    )


@functools.lru_cache(maxsize=16)
def _shared_lines(sender: Mailbox, subject: str, second: dt.datetime) -> tuple[bytes, bytes]:
    """The From line, and the Subject and Date lines: the same for every email a bulk command
    sends in one second, so built once for them."""
    return _mailbox_line("From", sender), _text_line("Subject", subject) + _text_line("Date", _date_value(second))


@functools.lru_cache(maxsize=16)
def _date_value(second: dt.datetime) -> str:
    """The Date value of a time, which shows whole seconds: a bulk command sends many a second."""
    return email.utils.format_datetime(_aware(second))


def _plain_recipient(recipient: Mailbox) -> str | None:
    """The To value as the library writes it, for a recipient of the plainest form, else ``None``."""
    name, address = recipient.display_name, recipient.address
    if not _PLAIN_ADDRESS.fullmatch(address) or (name and not _PLAIN_NAME.fullmatch(name)):
        return None
    value = f"{name} <{address}>" if name else address
    return value if len(value) <= 74 else None  # "To: " + value within the 78-character line


@functools.lru_cache(maxsize=64)
def _mailbox_line(name: str, mailbox: Mailbox) -> bytes:
    """The header line the library writes for ``mailbox``, checked as :func:`to_bytes` checks it."""
    message = EmailMessage(policy=POLICY)
    message[name] = mailbox.header()
    return to_bytes(message).removesuffix(b"\r\n")


@functools.lru_cache(maxsize=256)
def _text_line(name: str, value: str) -> bytes:
    """The header line the library writes for ``value`` (Subject, Date), checked likewise."""
    check_header(name, value)
    message = EmailMessage(policy=POLICY)
    message[name] = value
    return to_bytes(message).removesuffix(b"\r\n")


def _part(subtype: str, text: str | _Filled, extra: bytes = b"") -> bytes:
    """One body part as the generator writes it: headers (the HTML part repeats MIME-Version,
    as ``add_alternative`` leaves it), a blank line, the encoded body."""
    encoding, body = _encoded(text) if isinstance(text, str) else _encoded_filled(text)
    headers = f'Content-Type: text/{subtype}; charset="utf-8"\r\nContent-Transfer-Encoding: {encoding}\r\n'
    return headers.encode() + extra + b"\r\n" + body


def _encoded(text: str) -> tuple[str, bytes]:
    """``email.contentmanager``'s choice and encoding of a utf-8 text body under :data:`POLICY`,
    with the generator's CRLF line ends; each quoted-printable line is encoded once (lines are
    encoded independently)."""
    lines = text.encode("utf-8").splitlines()
    limit = _LINE_LIMIT
    if max(map(len, lines), default=0) <= limit and text.isascii():
        return "7bit", b"\r\n".join(lines) + b"\r\n"
    sniff = b"\r\n".join(lines[:10]) + b"\r\n"
    quoted = b"".join(map(_qp_line, lines[:10]))  # also the start of the quoted-printable body
    sniff_qp = len(quoted) - quoted.count(b"\n")  # its length with LF line ends
    if sniff_qp > len(binascii.b2a_base64(sniff)):
        data = b"\r\n".join(lines) + b"\r\n"
        step = limit // 4 * 3
        encoded = b"".join(binascii.b2a_base64(data[i : i + step]) for i in range(0, len(data), step))
        return "base64", encoded.replace(b"\n", b"\r\n")
    return "quoted-printable", quoted + b"".join(map(_qp_line, lines[10:]))


@dataclass(frozen=True)
class _Filled:
    """A body filled in from a shared render's pieces (see :mod:`.render`)."""

    text: str
    pieces: tuple[str, ...]
    personal: dict[str, str]


class _Template:
    """A shared render's body as lines: runs of lines that hold no personal value joined and
    encoded once, the lines that do kept as format strings to fill in. The values hold no line
    break (the render puts only plain values into a shared render), so each email has the same
    lines."""

    def __init__(self, pieces: tuple[str, ...]) -> None:
        marked = "".join(piece if index % 2 == 0 else f"\ue000{piece}\ue001" for index, piece in enumerate(pieces))
        lines = marked.encode("utf-8").splitlines()
        #: Each line with a personal value: its place in ``raw`` and ``quoted``, its format string.
        self.dynamic: list[tuple[int, str]] = []
        self.raw: list[bytes] = []  # runs of static lines with their CRLFs, and a slot per dynamic line
        self.quoted: list[bytes] = []  # the same, quoted-printable
        self.first_dynamic: list[int] = []  # the dynamic lines among the first ten (the encoder's sniff)
        self.first_raw = self.first_quoted = 0  # the static ones' lengths, as the sniff counts them
        static: list[bytes] = []
        self.static_longest, self.static_ascii = 0, True
        for number, line in enumerate(lines):
            split = _MARK.split(line.decode("utf-8"))
            if len(split) == 1:
                static.append(line)
                self.static_longest = max(self.static_longest, len(line))
                self.static_ascii = self.static_ascii and line.isascii()
                if number < 10:
                    quoted = _qp_line(line)
                    self.first_raw += len(line) + 2
                    self.first_quoted += len(quoted) - quoted.count(b"\n")
                continue
            self._add_run(static)
            static = []
            if number < 10:
                self.first_dynamic.append(len(self.dynamic))
            escaped = [
                part.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else f"{{{part}}}"
                for i, part in enumerate(split)
            ]
            self.dynamic.append((len(self.raw), "".join(escaped)))
            self.raw.append(b"")
            self.quoted.append(b"")
        self._add_run(static)

    def _add_run(self, lines: list[bytes]) -> None:
        if lines:
            self.raw.append(b"".join(line + b"\r\n" for line in lines))
            self.quoted.append(b"".join(map(_qp_line, lines)))


_MARK = re.compile("\ue000([a-z_]+)\ue001")


@functools.lru_cache(maxsize=64)
def _template(pieces: tuple[str, ...]) -> _Template:
    return _Template(pieces)


def _encoded_filled(body: _Filled) -> tuple[str, bytes]:
    """:func:`_encoded` of ``body.text``, from its template: only the lines holding personal
    values are encoded for each email."""
    template = _template(body.pieces)
    personal = body.personal
    dynamic = [form.format_map(personal).encode() for _, form in template.dynamic]
    longest = max(template.static_longest, max(map(len, dynamic), default=0))
    if longest <= _LINE_LIMIT and template.static_ascii and all(map(bytes.isascii, dynamic)):
        raw = template.raw.copy()
        for (place, _), line in zip(template.dynamic, dynamic, strict=True):
            raw[place] = line + b"\r\n"
        return "7bit", b"".join(raw)
    dynamic_quoted = [_qp_line(line) for line in dynamic]
    # The sniff of _encoded: its first ten lines quoted-printable against base64 (CRLF ends).
    sniffed = template.first_raw + sum(len(dynamic[index]) + 2 for index in template.first_dynamic)
    quoted_length = template.first_quoted + sum(
        len(dynamic_quoted[index]) - dynamic_quoted[index].count(b"\n") for index in template.first_dynamic
    )
    if quoted_length > (sniffed + 2) // 3 * 4 + 1:  # len(binascii.b2a_base64(sniff))
        return _encoded(body.text)  # base64: the whole text is encoded at once anyway
    quoted = template.quoted.copy()
    for (place, _), line in zip(template.dynamic, dynamic_quoted, strict=True):
        quoted[place] = line
    return "quoted-printable", b"".join(quoted)


#: A line quoted-printable leaves as is but for '=': printable ASCII and tabs, not
#: ending in whitespace (``quoprimime._QUOPRI_BODY_MAP``; trailing blanks are quoted specially).
_QP_PLAIN = re.compile(rb"(?:[\t\x20-\x7e]*[\x21-\x7e])?")
_EQUALS = ord("=")


@functools.lru_cache(maxsize=4096)
def _qp_line(line: bytes) -> bytes:
    """``quoprimime.body_encode`` of one line, as the generator writes it (CRLF line ends). Its
    translation table walks every character in Python, so a plain line (most of an email's)
    is quoted with one replace instead, on the bytes as they are."""
    if _QP_PLAIN.fullmatch(line):
        quoted = line.replace(b"=", b"=3D")
        if len(quoted) <= _LINE_LIMIT - 2:
            return quoted + b"\r\n"  # short enough: no soft line break
        return _soft_wrapped(quoted) + b"\r\n"
    encoded = quoprimime.body_encode(line.decode("latin-1") + "\n", _LINE_LIMIT)
    return encoded.replace("\n", "\r\n").encode("ascii")


def _soft_wrapped(line: bytes) -> bytes:
    """``quoprimime.body_encode``'s soft line breaks, for a quoted line not ending in whitespace:
    pieces of at most 77 characters and '=', never splitting an '=XX' escape."""
    pieces, start, last_start = [], 0, len(line) - 1 - _LINE_LIMIT
    while start <= last_start:
        stop = start + _LINE_LIMIT - 1
        if line[stop - 2] == _EQUALS:
            pieces.append(line[start : stop - 1])
            start = stop - 2
        elif line[stop - 1] == _EQUALS:
            pieces.append(line[start:stop])
            start = stop - 1
        else:
            pieces.append(line[start:stop] + b"=")
            start = stop
    pieces.append(line[start:])
    return b"\r\n".join(pieces)


def _boundary(parts: list[bytes]) -> str:
    """A boundary as the generator makes one; the generator would pick another if the parts
    held it, so a clash takes a new random number."""
    while True:
        boundary = "=" * 15 + f"{random.randrange(sys.maxsize):0{_BOUNDARY_WIDTH}d}" + "=="
        marker = f"--{boundary}".encode()  # holds no line break, so it cannot straddle two parts
        if not any(marker in part for part in parts):
            return boundary


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
