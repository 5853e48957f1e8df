"""Which email a change sends, to whom, from whom (Microsoft Learn: "Emails sent to users
when their settings change", "Send an email to a user with their dial-in information", and the
Set-CsOnlineDialInConferencingUser/-TenantSettings references)."""

from __future__ import annotations

import pytest

from cscmdlets.mail import EmailKind, MailContext, messages_for
from cscmdlets.mail.triggers import TRIGGERS, email_kind_for, recipient_for, sender_for
from cscmdlets.model import ChangeKind, DialInSettings, EmailRequest

from .conftest import make_change, make_user, with_settings

K = ChangeKind
AUTO_ON, AUTO_OFF = DialInSettings(), DialInSettings(automatically_send_emails_to_users=False)


@pytest.mark.parametrize(
    ("kinds", "pin", "expected"),
    [
        pytest.param((K.CONFERENCE_INFO_REQUESTED,), None, EmailKind.CONFERENCE_INFO, id="send-email"),
        pytest.param((K.LICENSE_ASSIGNED,), "12345", EmailKind.CONFERENCING_ENABLED, id="licence-assigned"),
        pytest.param(
            (K.PROVIDER_CHANGED_TO_MICROSOFT,),
            "12345",
            EmailKind.CONFERENCING_ENABLED,
            id="provider-to-microsoft",
        ),
        pytest.param((K.CONFERENCE_ID_CHANGED,), None, EmailKind.DETAILS_CHANGED, id="conference-id"),
        pytest.param((K.DEFAULT_NUMBER_CHANGED,), None, EmailKind.DETAILS_CHANGED, id="default-number"),
        pytest.param((K.PIN_RESET,), "12345", EmailKind.PIN_RESET, id="pin-reset"),
        pytest.param((K.LICENSE_REMOVED,), None, EmailKind.CONFERENCING_REMOVED, id="licence-removed"),
        pytest.param(
            (K.PROVIDER_CHANGED_FROM_MICROSOFT,),
            None,
            EmailKind.CONFERENCING_REMOVED,
            id="provider-from-microsoft",
        ),
        pytest.param((K.USER_ADDED,), None, None, id="user-added-sends-nothing"),
        pytest.param((K.USER_REMOVED,), None, None, id="user-removed-sends-nothing"),
        pytest.param((), None, None, id="no-change"),
        # one command, one message: the most complete email wins
        pytest.param(
            (K.DEFAULT_NUMBER_CHANGED, K.CONFERENCE_INFO_REQUESTED),
            None,
            EmailKind.DETAILS_CHANGED,
            id="number-and-send-email",
        ),
        pytest.param(
            (K.PIN_RESET, K.CONFERENCE_INFO_REQUESTED),
            "12345",
            EmailKind.PIN_RESET,
            id="reset-pin-and-send-email",
        ),
        pytest.param((K.PIN_RESET, K.DEFAULT_NUMBER_CHANGED), "12345", EmailKind.PIN_RESET, id="reset-pin-and-number"),
        pytest.param(
            (K.LICENSE_ASSIGNED, K.CONFERENCE_ID_CHANGED),
            "12345",
            EmailKind.CONFERENCING_ENABLED,
            id="licence-and-id",
        ),
        pytest.param((K.PIN_RESET,), None, None, id="pin-reset-without-pin-handed-over"),
    ],
)
def test_kind_while_automatic_emails_on(
    kinds: tuple[ChangeKind, ...], pin: str | None, expected: EmailKind | None
) -> None:
    assert email_kind_for(make_change(*kinds, new_pin=pin), AUTO_ON) is expected


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        pytest.param((K.CONFERENCE_INFO_REQUESTED,), EmailKind.CONFERENCE_INFO, id="send-email-still-works"),
        pytest.param((K.LICENSE_ASSIGNED,), None, id="licence-assigned"),
        pytest.param((K.PROVIDER_CHANGED_TO_MICROSOFT,), None, id="provider-to-microsoft"),
        pytest.param((K.CONFERENCE_ID_CHANGED,), None, id="conference-id"),
        pytest.param((K.DEFAULT_NUMBER_CHANGED,), None, id="default-number"),
        pytest.param((K.PIN_RESET,), None, id="pin-reset"),
        pytest.param((K.LICENSE_REMOVED,), None, id="licence-removed"),
        pytest.param((K.PROVIDER_CHANGED_FROM_MICROSOFT,), None, id="provider-from-microsoft"),
        pytest.param(
            (K.PIN_RESET, K.CONFERENCE_INFO_REQUESTED),
            EmailKind.CONFERENCE_INFO,
            id="reset-pin-and-send-email-gives-info-without-pin",
        ),
    ],
)
def test_kind_while_automatic_emails_off(kinds: tuple[ChangeKind, ...], expected: EmailKind | None) -> None:
    """The emails article, "Turning the emails off": only the manual "send conference info" email remains."""
    assert email_kind_for(make_change(*kinds, new_pin="12345"), AUTO_OFF) is expected


def test_every_change_kind_is_mapped_or_deliberately_silent() -> None:
    assert set(ChangeKind) - set(TRIGGERS) == {K.USER_ADDED, K.USER_REMOVED}


def test_one_command_gives_one_message(context: MailContext) -> None:
    change = make_change(
        K.PIN_RESET,
        K.DEFAULT_NUMBER_CHANGED,
        K.CONFERENCE_ID_CHANGED,
        K.CONFERENCE_INFO_REQUESTED,
        new_pin="98765",
    )
    assert [entry.kind for entry in messages_for(change, context)] == ["PinReset"]


def test_automatic_off_sends_nothing_for_licence(context: MailContext) -> None:
    off = with_settings(context, automatically_send_emails_to_users=False)
    assert messages_for(make_change(K.LICENSE_ASSIGNED, new_pin="12345"), off) == []


# ---------------------------------------------------------------- recipient


def test_recipient_is_primary_smtp_address_by_default() -> None:
    mailbox = recipient_for(make_change(K.CONFERENCE_INFO_REQUESTED), make_user())
    assert (mailbox.address, mailbox.display_name) == ("amos.marble@contoso.com", "Amos Marble")  # type: ignore[union-attr]


def test_send_email_to_address_redirects() -> None:
    change = make_change(K.CONFERENCE_INFO_REQUESTED, email=EmailRequest(to_address="u@hotmail.com"))
    assert recipient_for(change, make_user()).address == "u@hotmail.com"  # type: ignore[union-attr]


def test_redirect_applies_to_the_automatic_email_of_the_same_command(context: MailContext) -> None:
    """The PIN article's example: -ResetLeaderPIN -SendEmail -SendEmailToAddress (Set-…User reference)."""
    change = make_change(
        K.PIN_RESET,
        K.CONFERENCE_INFO_REQUESTED,
        new_pin="24680",
        email=EmailRequest(to_address="u@hotmail.com"),
    )
    [entry] = messages_for(change, context)
    assert (entry.kind, entry.recipient) == ("PinReset", "u@hotmail.com")


def test_no_mailbox_and_no_redirect_sends_nothing(context: MailContext, caplog: pytest.LogCaptureFixture) -> None:
    from dataclasses import replace

    without_mailbox = replace(context, user=make_user(primary_smtp_address=None))
    assert messages_for(make_change(K.CONFERENCE_INFO_REQUESTED), without_mailbox) == []
    assert "has no mailbox" in caplog.text


# ---------------------------------------------------------------- sender


OVERRIDE = {
    "send_email_from_override": True,
    "send_email_from_address": "admin@contoso.com",
    "send_email_from_display_name": "Conferencing Administrator",
}


@pytest.mark.parametrize(
    ("settings", "request_", "expected"),
    [
        pytest.param({}, None, ("no-reply@contoso.com", "Microsoft 365"), id="system-sender"),
        pytest.param(OVERRIDE, None, ("admin@contoso.com", "Conferencing Administrator"), id="tenant-override"),
        pytest.param(
            OVERRIDE | {"send_email_from_override": False},
            None,
            ("no-reply@contoso.com", "Microsoft 365"),
            id="override-flag-off",
        ),
        pytest.param(
            OVERRIDE | {"send_email_from_display_name": None},
            None,
            ("no-reply@contoso.com", "Microsoft 365"),
            id="override-without-name",
        ),
        pytest.param(
            OVERRIDE,
            EmailRequest(from_address="amos.marble@contoso.com", from_display_name="Amos Marble"),
            ("amos.marble@contoso.com", "Amos Marble"),
            id="user-pair-beats-override",
        ),
        pytest.param(
            {},
            EmailRequest(from_address="amos.marble@contoso.com", from_display_name="Amos Marble"),
            ("amos.marble@contoso.com", "Amos Marble"),
            id="user-pair-beats-system",
        ),
        pytest.param(
            {},
            EmailRequest(from_address="amos.marble@contoso.com"),
            ("no-reply@contoso.com", "Microsoft 365"),
            id="half-a-pair-is-ignored",
        ),
    ],
)
def test_sender_precedence(
    context: MailContext,
    settings: dict[str, object],
    request_: EmailRequest | None,
    expected: tuple[str, str],
) -> None:
    change = make_change(K.CONFERENCE_INFO_REQUESTED, email=request_)
    mailbox = sender_for(change, with_settings(context, **settings))
    assert (mailbox.address, mailbox.display_name) == expected


def test_sender_reaches_the_message(context: MailContext) -> None:
    [entry] = messages_for(make_change(K.CONFERENCE_INFO_REQUESTED), with_settings(context, **OVERRIDE))
    assert entry.sender == "admin@contoso.com"
    assert str(entry.raw).count("Conferencing Administrator <admin@contoso.com>") == 1
