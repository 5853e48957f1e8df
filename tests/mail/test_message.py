"""RFC 5322 messages: structure, headers, encodings, and refusal of header injection."""

from __future__ import annotations

import email.parser
import email.policy
import email.utils
import hashlib
import re
from dataclasses import replace
from email import quoprimime
from email.header import decode_header, make_header
from email.message import EmailMessage

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cscmdlets.mail import EmailKind, HeaderInjectionError, Mailbox, MailContext, RenderedEmail, messages_for, render
from cscmdlets.mail.message import _qp_line, build_message, message_bytes, parse_message, to_bytes
from cscmdlets.model import ChangeKind, EmailRequest

from .conftest import NOW, make_change, make_context, make_user, with_settings


def parse(raw: bytes) -> EmailMessage:
    message = parse_message(raw)
    assert isinstance(message, EmailMessage)
    return message


def display_name(raw: bytes, header: str) -> str:
    """The display name of an address header, decoded as RFC 2047 §6.2 says.

    CPython's ``policy.default`` parser keeps the folding space between two adjacent encoded
    words of a display name ("«Контосо »"); ``decode_header`` drops it, as mail clients do.
    """
    value = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw)[header]
    decoded = str(make_header(decode_header(value)))
    return decoded.rpartition(" <")[0].strip('"')


def build(context: MailContext, sender: Mailbox, recipient: Mailbox, lang: str = "en-US") -> bytes:
    rendered = render(EmailKind.CONFERENCE_INFO, context, lang)
    return to_bytes(build_message(rendered, sender=sender, recipient=recipient, now=NOW))


def test_structure_and_headers(context: MailContext) -> None:
    [entry] = messages_for(make_change(ChangeKind.CONFERENCE_INFO_REQUESTED), context)
    message = parse(entry.raw)
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    assert message["From"] == "Microsoft 365 <no-reply@contoso.com>"
    assert message["To"] == "Amos Marble <amos.marble@contoso.com>"
    assert message["Subject"] == entry.subject == "Your dial-in conferencing information"
    assert email.utils.parsedate_to_datetime(message["Date"]) == NOW
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@contoso.com>")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "en-US"


def test_wire_form_is_seven_bit_with_crlf(context: MailContext) -> None:
    ru = replace(context, user=make_user(preferred_language="ru-RU", display_name="Амос Мрамор"))
    [entry] = messages_for(make_change(ChangeKind.CONFERENCE_INFO_REQUESTED), ru)
    assert entry.raw.isascii()
    assert b"\r\n" in entry.raw and b"\n" not in entry.raw.replace(b"\r\n", b"")
    assert max(len(line) for line in entry.raw.split(b"\r\n")) <= 998  # RFC 5322 §2.1.1


def test_non_ascii_display_names_are_encoded_and_decode_back(context: MailContext) -> None:
    ru = replace(context, user=make_user(preferred_language="ru-RU", display_name="Амос Мрамор"))
    request = EmailRequest(from_address="admin@contoso.com", from_display_name="Администратор, «Контосо»")
    [entry] = messages_for(make_change(ChangeKind.CONFERENCE_INFO_REQUESTED, email=request), ru)
    assert b"=?utf-8?" in entry.raw  # RFC 2047 encoded words
    assert display_name(entry.raw, "From") == "Администратор, «Контосо»"
    assert display_name(entry.raw, "To") == "Амос Мрамор"
    message = parse(entry.raw)
    assert message["Subject"] == "Ваши данные для подключения к собраниям по телефону"
    assert "Здравствуйте, Амос Мрамор!" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_special_characters_in_display_names_are_quoted(context: MailContext) -> None:
    raw = build(context, Mailbox("admin@contoso.com", 'Doe, John "JD" <boss@evil.com>'), Mailbox("u@contoso.com"))
    [address] = parse(raw)["From"].addresses
    assert (address.display_name, address.addr_spec) == (
        'Doe, John "JD" <boss@evil.com>',
        "admin@contoso.com",
    )


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("Admin\r\nBcc: victim@evil.com", id="crlf"),
        pytest.param("Admin\nBcc: victim@evil.com", id="lf"),
        pytest.param("Admin\rBcc: victim@evil.com", id="cr"),
    ],
)
@pytest.mark.parametrize("where", ["from-name", "from-address", "to-address", "user-name"])
def test_line_breaks_in_header_values_are_refused(context: MailContext, hostile: str, where: str) -> None:
    """A CR or LF in any header value is rejected, never sent."""
    request = {
        "from-name": EmailRequest(from_address="admin@contoso.com", from_display_name=hostile),
        "from-address": EmailRequest(from_address=f"{hostile}@contoso.com", from_display_name="Admin"),
        "to-address": EmailRequest(to_address=f"{hostile}@contoso.com"),
        "user-name": None,
    }[where]
    if where == "user-name":
        context = replace(context, user=make_user(display_name=hostile))
    with pytest.raises(HeaderInjectionError):
        messages_for(make_change(ChangeKind.CONFERENCE_INFO_REQUESTED, email=request), context)


def test_line_break_in_tenant_sender_override_is_refused(context: MailContext) -> None:
    hostile = with_settings(
        context,
        send_email_from_override=True,
        send_email_from_address="admin@contoso.com",
        send_email_from_display_name="Admin\r\nBcc: victim@evil.com",
    )
    with pytest.raises(HeaderInjectionError, match="display name"):
        messages_for(make_change(ChangeKind.CONFERENCE_INFO_REQUESTED), hostile)


def test_internationalized_address_uses_smtputf8(context: MailContext) -> None:
    raw = build(context, Mailbox("no-reply@contoso.com", "Microsoft 365"), Mailbox("амос@контосо.рф", "Амос"))
    assert "амос@контосо.рф".encode() in raw
    assert parse(raw)["To"].addresses[0].addr_spec == "амос@контосо.рф"


def test_naive_time_is_taken_as_utc(context: MailContext) -> None:
    rendered = render(EmailKind.CONFERENCE_INFO, context, "en-US")
    message = build_message(
        rendered,
        sender=Mailbox("a@contoso.com"),
        recipient=Mailbox("b@contoso.com"),
        now=NOW.replace(tzinfo=None),
    )
    assert message["Date"].endswith("+0000")


RENDERED = render(EmailKind.CONFERENCE_INFO, make_context(), "en-US")
HEADERS = {
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Auto-Submitted",
    "MIME-Version",
    "Content-Type",
    "Content-Language",
}


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
ENCODED_WORDS = st.builds(
    lambda charset, text: f"=?{charset}?q?{text}?=",
    st.sampled_from(["utf-8", "us-ascii"]),
    st.text("X=0D=0A:_@Bcc", max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(name=st.lists(st.one_of(TEXT, ENCODED_WORDS), max_size=3).map(" ".join))
@example(name=f"{'0' * 24} {'0' * 24}: {'0' * 24}:")  # CPython folds it unquoted: a group
def test_no_display_name_can_add_a_header(name: str) -> None:
    """Whatever a display name holds, it is refused or stays inside its own header."""
    try:
        raw = to_bytes(
            build_message(
                RENDERED,
                sender=Mailbox("admin@contoso.com", name),
                recipient=Mailbox("u@contoso.com", name),
                now=NOW,
            )
        )
    except HeaderInjectionError:
        return
    parsed = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw)
    assert set(parsed.keys()) == HEADERS
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    [sender] = parse(raw)["From"].addresses
    assert sender.addr_spec == "admin@contoso.com"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("=?utf-8?q?X=0D=0ABcc:_victim@evil.com?=", id="encoded-crlf-quoted"),
        pytest.param("=?utf-8?q?X=0D=0ABcc=3A_victim=40evil.com?=", id="encoded-crlf"),
        pytest.param("=?utf-8?b?WA0KQmNjOiB2aWN0aW1AZXZpbC5jb20=?=", id="base64-crlf"),
    ],
)
def test_encoded_words_in_display_names_cannot_inject(name: str) -> None:
    """CVE-2024-6923: older CPython decodes an encoded word typed into a display name and
    writes its CR LF raw; the serialized headers are checked, so such a message is refused."""
    try:
        raw = to_bytes(
            build_message(
                RENDERED,
                sender=Mailbox("admin@contoso.com", name),
                recipient=Mailbox("u@contoso.com"),
                now=NOW,
            )
        )
    except HeaderInjectionError:
        return
    assert set(email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw).keys()) == HEADERS


@pytest.mark.parametrize("control", ["\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"])
def test_other_control_characters_are_refused(control: str) -> None:
    with pytest.raises(HeaderInjectionError):
        build_message(
            RENDERED,
            sender=Mailbox("admin@contoso.com", f"Admin{control}Bcc: e@evil.com"),
            recipient=Mailbox("u@contoso.com"),
            now=NOW,
        )


# --- the same bytes from cached pieces ---------------------------------------------------------------


def _comparable(raw: bytes) -> bytes:
    """``raw`` with its random parts (Message-ID, MIME boundary) replaced by fixed ones."""
    text = raw.decode("utf-8")
    boundary = text.split('boundary="', 1)[1].split('"', 1)[0]
    message_id = text.split("\r\nMessage-ID: ", 1)[1].split("\r\n", 1)[0]
    return text.replace(boundary, "BOUNDARY").replace(message_id, "<ID>").encode("utf-8")


def assert_same_bytes(rendered: RenderedEmail, sender: Mailbox, recipient: Mailbox) -> None:
    reference = to_bytes(build_message(rendered, sender=sender, recipient=recipient, now=NOW))
    fast = message_bytes(rendered, sender=sender, recipient=recipient, now=NOW)
    assert _comparable(fast) == _comparable(reference)


SENDER = Mailbox("no-reply@contoso.com", "Microsoft 365")
RECIPIENTS = [
    pytest.param(Mailbox("amos.marble@contoso.com", "Amos Marble"), id="plain"),
    pytest.param(Mailbox("amos.marble@contoso.com"), id="no-name"),
    pytest.param(Mailbox("amos.marble@contoso.com", "Marble, Amos"), id="comma"),
    pytest.param(Mailbox("amos.marble@contoso.com", "J. R. Marble"), id="dots"),
    pytest.param(Mailbox("amos.marble@contoso.com", "Амос Марбл"), id="cyrillic"),
    pytest.param(Mailbox("a" * 30 + "@contoso.com", "Very Long Display Name " * 2), id="folded"),
    pytest.param(Mailbox("амос@contoso.com", "Amos"), id="internationalized"),
]


@pytest.mark.parametrize("recipient", RECIPIENTS)
@pytest.mark.parametrize("lang", ["en-US", "ru-RU"])
@pytest.mark.parametrize("kind", list(EmailKind))
def test_message_bytes_are_the_libraries(context: MailContext, recipient: Mailbox, lang: str, kind: EmailKind) -> None:
    """Every template and language, plain and unusual recipients: the bytes are those
    ``email.message`` writes, but for the Message-ID and boundary."""
    rendered = render(kind, context, lang, pin="24680")
    assert_same_bytes(rendered, SENDER, recipient)
    assert_same_bytes(rendered, Mailbox("ops@contoso.com", 'Ops "Desk", Contoso'), recipient)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.characters(exclude_categories=["Cs"]), max_size=400),
    html=st.text(st.sampled_from("ab =.\n\r\t<>\u00e9\u0416-"), max_size=400),
    name=st.text(st.sampled_from("Ab1 .\u0416"), max_size=30),
)
@example(text="x" * 79, html="short", name="Amos")
@example(text="\u0416" * 5 + "\n" * 12, html="a \nb\t\n", name="")
def test_message_bytes_match_for_any_body(text: str, html: str, name: str) -> None:
    """Bodies of any text (long lines, CR, trailing blanks, non-ASCII): the same encoding choice
    (7bit, quoted-printable or base64) and the same encoded lines as the library."""
    rendered = RenderedEmail(EmailKind.CONFERENCE_INFO, "en-US", "Subject", text, html)
    assert_same_bytes(rendered, SENDER, Mailbox("amos.marble@contoso.com", name.strip()))


def test_message_bytes_refuse_what_build_message_refuses(context: MailContext) -> None:
    rendered = render(EmailKind.CONFERENCE_INFO, context, "en-US")
    with pytest.raises(HeaderInjectionError):
        message_bytes(rendered, sender=Mailbox("x@contoso.com", "a\r\nBcc: e@f.g"), recipient=SENDER, now=NOW)
    with pytest.raises(HeaderInjectionError):
        message_bytes(replace(rendered, subject="a\nBcc: e@f.g"), sender=SENDER, recipient=SENDER, now=NOW)


@settings(max_examples=400, deadline=None)
@given(line=st.binary(max_size=300) | st.text(st.sampled_from("ab=?. \t"), max_size=300).map(str.encode))
@example(line=b"x" * 76 + b"=" + b"y" * 10)
@example(line=b"x" * 75 + b"?" + b"y" * 10)
@example(line=b"x" * 200 + b" ")
def test_each_quoted_printable_line_is_the_libraries(line: bytes) -> None:
    line = line.replace(b"\r", b"").replace(b"\n", b"")
    expected = quoprimime.body_encode(line.decode("latin-1") + "\n", 78)
    assert _qp_line(line) == expected.replace("\n", "\r\n").encode("ascii")


#: Messages as this version writes them, Message-ID and boundary aside: a faster build must
#: keep every byte (the header block in full, each part's headers, and a digest of each body).
_HEADERS = (
    "From: Microsoft 365 <no-reply@contoso.com>\r\n"
    "To: Amos Marble <amos.marble@contoso.com>\r\n"
    "Subject: {subject}\r\n"
    "Date: Wed, 25 Nov 2026 12:00:00 +0000\r\n"
    "Message-ID: <MESSAGE-ID>\r\n"
    "Auto-Submitted: auto-generated\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/alternative;\r\n boundary="BOUNDARY"\r\n'
    "Content-Language: {lang}"
)
_RU_SUBJECT = (
    "=?utf-8?b?0JLQsNC8INCy0LrQu9GO0YfQtdC90Ysg0LDRg9C00LjQvtC60L7QvdGE?=\r\n =?utf-8?b?0LXRgNC10L3RhtC40Lg=?="
)
_PART = 'Content-Type: text/{subtype}; charset="utf-8"\r\nContent-Transfer-Encoding: {encoding}'


@pytest.mark.parametrize(
    ("lang", "kind", "pin", "subject", "encoding", "digests"),
    [
        pytest.param(
            "en-US",
            ChangeKind.LICENSE_ASSIGNED,
            "24680",
            "You're set up for audio conferencing",
            "quoted-printable",
            (
                "7f4106841ca79f21a290cc3ac5cef83f50029581926ca24d4c5936f9ad06c6fa",
                "4d01ce01c6bb79f2b28b6d865ec51df8ff9e41fee7646c96d34023f8b345a9eb",
            ),
            id="enabled-en",
        ),
        pytest.param(
            "ru-RU",
            ChangeKind.LICENSE_ASSIGNED,
            "24680",
            _RU_SUBJECT,
            "base64",
            (
                "e307fb3ed8b4645078208663aa2963b4adde5233a62c6e882f0629a0e60b41db",
                "7a973f11202081bfed054d9a30d2027186d96280e798140b1db54fde2922ce16",
            ),
            id="enabled-ru",
        ),
        pytest.param(
            "en-US",
            ChangeKind.CONFERENCE_INFO_REQUESTED,
            None,
            "Your dial-in conferencing information",
            "quoted-printable",
            (
                "1313d3918ae9b4cee8fbca5afb9b4fab0fd4343e08bc34a01b7c32016f00999b",
                "3a1559ab152aef44a8a232939f25740de17b4c36b81c31db902e32c9f7632c39",
            ),
            id="info-en",
        ),
    ],
)
def test_a_built_message_keeps_its_exact_bytes(
    lang: str, kind: ChangeKind, pin: str | None, subject: str, encoding: str, digests: tuple[str, str]
) -> None:
    for _ in range(2):  # the first build fills the caches, the second uses them
        [entry] = messages_for(make_change(kind, new_pin=pin), make_context(make_user(preferred_language=lang)))
        message_id = re.search(rb"Message-ID: (<[^>]+>)", entry.raw)
        boundary = re.search(rb'boundary="([^"]+)"', entry.raw)
        assert message_id is not None and boundary is not None
        raw = entry.raw.replace(message_id[1], b"<MESSAGE-ID>").replace(boundary[1], b"BOUNDARY")
        head, _, body = raw.partition(b"\r\n\r\n")
        assert head.decode() == _HEADERS.format(subject=subject, lang=lang)
        first, plain, html, last = body.split(b"--BOUNDARY")
        assert (first, last) == (b"", b"--\r\n")
        parts = [part.removeprefix(b"\r\n").removesuffix(b"\r\n").partition(b"\r\n\r\n") for part in (plain, html)]
        assert [part[0].decode() for part in parts] == [
            _PART.format(subtype="plain", encoding=encoding),
            _PART.format(subtype="html", encoding=encoding) + "\r\nMIME-Version: 1.0",
        ]
        assert tuple(hashlib.sha256(part[2]).hexdigest() for part in parts) == digests


@pytest.mark.parametrize(
    "name",
    ["Amos Marble", "Амос Марбл", "A" * 90, "Amos=Marble", "x", "Zoë van der Berg-Ångström " * 4],
)
@pytest.mark.parametrize("lang", ["en-US", "ru-RU"])
@pytest.mark.parametrize("kind", list(EmailKind))
def test_a_body_filled_in_from_a_shared_render_is_encoded_as_the_library_does(
    name: str, lang: str, kind: EmailKind
) -> None:
    """Emails filled in from a shared render are encoded from lines encoded once: any personal
    value (long, non-ASCII, holding '=') gives the library's choice of encoding and its lines."""
    context = make_context(make_user(display_name=name.strip()))
    rendered = render(kind, context, lang, pin="24680")
    assert rendered.filled_from is not None  # the shared render's path is the one under test
    assert_same_bytes(rendered, SENDER, Mailbox("amos.marble@contoso.com", "Amos Marble"))
    assert replace(rendered, text="changed").filled_from is None  # a copy is encoded from its own text
    assert_same_bytes(replace(rendered, text="changed"), SENDER, SENDER)
