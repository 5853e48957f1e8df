"""Rendering: every email type in en-US and ru-RU, numbers, PIN rules, escaping."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import jinja2
import pytest

from cscmdlets.mail import EmailKind, MailContext, catalogs, negotiate_language, render
from cscmdlets.mail.render import _environment, is_plain, render_each

from .conftest import make_user

PIN = "4815162"
SUBJECTS = {
    ("en-US", EmailKind.CONFERENCE_INFO): "Your dial-in conferencing information",
    ("en-US", EmailKind.CONFERENCING_ENABLED): "You're set up for audio conferencing",
    ("en-US", EmailKind.DETAILS_CHANGED): "Your dial-in conferencing information has changed",
    ("en-US", EmailKind.PIN_RESET): "Your audio conferencing PIN has been reset",
    ("en-US", EmailKind.CONFERENCING_REMOVED): "Audio conferencing is no longer available to you",
    ("ru-RU", EmailKind.CONFERENCE_INFO): "Ваши данные для подключения к собраниям по телефону",
    ("ru-RU", EmailKind.CONFERENCING_ENABLED): "Вам включены аудиоконференции",
    ("ru-RU", EmailKind.DETAILS_CHANGED): "Ваши данные для подключения к собраниям по телефону изменились",
    ("ru-RU", EmailKind.PIN_RESET): "Ваш ПИН-код для аудиоконференций сброшен",
    ("ru-RU", EmailKind.CONFERENCING_REMOVED): "Аудиоконференции вам больше недоступны",
}
GREETING = {"en-US": "Hello Amos Marble,", "ru-RU": "Здравствуйте, Amos Marble!"}
CONFERENCE_ID = {"en-US": "Conference ID: 8271964#", "ru-RU": "Идентификатор конференции: 8271964#"}
TOLL = {
    "en-US": "+1 425-555-0100 (Seattle), English (United States)",
    "ru-RU": "+1 425-555-0100 (Seattle), английский (Соединенные Штаты)",
}
TOLL_FREE = {"en-US": "Toll-free number: +1 800-555-0199", "ru-RU": "Бесплатный номер: +1 800-555-0199"}
MOSCOW = {
    "en-US": "+7 495 123-45-67, Москва, Russian (Russia)",
    "ru-RU": "+7 495 123-45-67, Москва, русский (Россия)",
}
LANGS = ("en-US", "ru-RU")
WITH_DETAILS = (
    EmailKind.CONFERENCE_INFO,
    EmailKind.CONFERENCING_ENABLED,
    EmailKind.DETAILS_CHANGED,
    EmailKind.PIN_RESET,
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(EmailKind))
def test_every_kind_renders_in_both_languages(context: MailContext, kind: EmailKind, lang: str) -> None:
    rendered = render(kind, context, lang, pin=PIN)
    assert (rendered.lang, rendered.subject) == (lang, SUBJECTS[lang, kind])
    assert rendered.text.startswith(GREETING[lang] + "\n\n")
    assert f'<html lang="{lang}">' in rendered.html
    assert "Contoso" in rendered.text and "Contoso" in rendered.html
    assert (PIN in rendered.text) is kind.has_pin and (PIN in rendered.html) is kind.has_pin
    if kind in WITH_DETAILS:
        assert CONFERENCE_ID[lang] in rendered.text
        assert TOLL[lang] in rendered.text
        assert "8271964#" in rendered.html and 'href="tel:+14255550100"' in rendered.html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", [EmailKind.CONFERENCE_INFO, EmailKind.CONFERENCING_ENABLED, EmailKind.DETAILS_CHANGED])
def test_number_list_and_local_number_link(context: MailContext, kind: EmailKind, lang: str) -> None:
    rendered = render(kind, context, lang)
    assert TOLL_FREE[lang] in rendered.text
    assert MOSCOW[lang] in rendered.text
    assert "https://dialin.teams.microsoft.com/8551f4c1-bea3-441a-8738-69aa517a91c5?id=8271964" in rendered.html


@pytest.mark.parametrize("kind", [EmailKind.CONFERENCE_INFO, EmailKind.DETAILS_CHANGED, EmailKind.CONFERENCING_REMOVED])
def test_a_pin_never_reaches_the_kinds_without_one(context: MailContext, kind: EmailKind) -> None:
    rendered = render(kind, context, "en-US", pin=PIN)
    assert PIN not in rendered.text + rendered.html + rendered.subject
    assert "PIN:" not in rendered.text


def test_conference_info_says_the_pin_is_left_out(context: MailContext) -> None:
    assert "this email doesn't include your PIN" in render(EmailKind.CONFERENCE_INFO, context, "en-US").text


def test_enabled_without_a_pin_tells_the_user_who_has_it(context: MailContext) -> None:
    text = render(EmailKind.CONFERENCING_ENABLED, context, "en-US", pin=None).text
    assert "Your administrator will give you your PIN." in text and "PIN:" not in text


def test_toll_free_hidden_when_the_user_may_not_use_it(context: MailContext) -> None:
    """-AllowTollFreeDialIn off: toll-free numbers leave the user's invites and number list."""
    no_toll_free = replace(context, user=make_user(allow_toll_free_dial_in=False))
    rendered = render(EmailKind.CONFERENCE_INFO, no_toll_free, "en-US")
    assert "800-555-0199" not in rendered.text + rendered.html


def test_user_default_toll_free_number(context: MailContext) -> None:
    chosen = replace(context, user=make_user(toll_free_service_number="18005550199"))
    assert "Toll-free number: +1 800-555-0199" in render(EmailKind.CONFERENCE_INFO, chosen, "en-US").text


def test_bridge_default_number_when_user_has_none(context: MailContext) -> None:
    bridge_default = replace(context, user=make_user(service_number=None))
    assert "Dial-in number: +1 425-555-0100" in render(EmailKind.DETAILS_CHANGED, bridge_default, "en-US").text


def test_no_bridge_no_numbers(context: MailContext) -> None:
    bare = replace(context, bridge=None, bridge_numbers=(), user=make_user(service_number=None))
    rendered = render(EmailKind.CONFERENCE_INFO, bare, "en-US")
    assert "Dial-in number" not in rendered.text and "Find a local number" not in rendered.text


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        ("ru-RU", "ru-RU"),
        ("ru", "ru-RU"),
        ("RU_ru", "ru-RU"),
        ("en-GB", "en-US"),
        ("de-DE", "en-US"),
        ("", "en-US"),
        (None, "en-US"),
    ],
)
def test_language_falls_back_to_en_us(preferred: str | None, expected: str) -> None:
    assert negotiate_language(preferred) == expected


def test_unknown_language_renders_in_english(context: MailContext) -> None:
    assert render(EmailKind.PIN_RESET, context, "de-DE", pin=PIN).subject == SUBJECTS["en-US", EmailKind.PIN_RESET]


def test_html_escapes_display_names(context: MailContext) -> None:
    """HTML injection through a display name or tenant name is shown as text, never markup."""
    evil = '<script>alert("x")</script><a href="http://evil">'
    hostile = replace(
        context,
        user=make_user(display_name=evil),
        tenant=context.tenant.model_copy(update={"display_name": evil}),
    )
    rendered = render(EmailKind.CONFERENCE_INFO, hostile, "en-US")
    tags = _start_tags(rendered.html)
    assert "script" not in {tag for tag, _ in tags}
    assert ("href", "http://evil") not in {attr for _, attrs in tags for attr in attrs}
    assert "&lt;script&gt;alert(" in rendered.html
    assert evil in rendered.text  # plain text shows the name as it is


def _start_tags(document: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the HTML really contains, as a browser's parser sees it."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(document)
    return found


def test_css_is_inlined(context: MailContext) -> None:
    html = render(EmailKind.CONFERENCE_INFO, context, "en-US").html
    assert "<style" not in html
    assert '<div class="wrapper" style="max-width: 600px;' in html


def test_render_is_pure(context: MailContext) -> None:
    assert render(EmailKind.PIN_RESET, context, "ru-RU", pin=PIN) == render(
        EmailKind.PIN_RESET, context, "ru-RU", pin=PIN
    )


def test_missing_variable_is_an_error() -> None:
    """StrictUndefined: a template using a variable it wasn't given fails."""
    template = _environment("en-US").from_string("{{ nowhere }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render()


def test_catalogues_are_complete_and_compiled() -> None:
    """Every template message is in both catalogues, translated in ru-RU, and each .mo is fresh."""
    assert catalogs.check() == []


# --- one render shared by the emails of a bridge ---------------------------------------------------

PERSONAL_CASES = [
    pytest.param({}, id="plain"),
    pytest.param({"display_name": "Амос Марбл"}, id="cyrillic-name"),
    pytest.param({"display_name": "Seán O'Brien"}, id="apostrophe"),
    pytest.param({"display_name": 'Ann "Rock" & <b>Roll</b>'}, id="markup-and-quotes"),
    pytest.param({"display_name": "Amos\u00a0Marble"}, id="no-break-space"),
    pytest.param({"display_name": "Amos  Marble "}, id="double-and-trailing-space"),
    pytest.param({"display_name": ""}, id="empty-name"),
    pytest.param({"conference_id": None}, id="no-conference-id"),
    pytest.param({"allow_toll_free_dial_in": False}, id="no-toll-free"),
]


@pytest.mark.parametrize("lang", ["en-US", "ru-RU", "de-DE"])
@pytest.mark.parametrize("kind", list(EmailKind))
@pytest.mark.parametrize("changes", PERSONAL_CASES)
@pytest.mark.parametrize("pin", [PIN, None], ids=["pin", "no-pin"])
def test_shared_render_is_the_render_of_each_email(
    context: MailContext, lang: str, kind: EmailKind, changes: dict[str, object], pin: str | None
) -> None:
    """Every template and language: substituting into the shared, already-inlined render gives
    exactly what rendering and inlining the email on its own gives."""
    ctx = replace(context, user=make_user(**changes))
    render(kind, replace(context, user=make_user(display_name="Someone Else", conference_id=1)), lang, pin="1")
    assert render(kind, ctx, lang, pin=pin) == render_each(kind, ctx, lang, pin=pin)


def test_shared_render_without_a_bridge(context: MailContext) -> None:
    ctx = replace(context, bridge=None, bridge_numbers=[])
    for kind in EmailKind:
        assert render(kind, ctx, "en-US", pin=PIN) == render_each(kind, ctx, "en-US", pin=PIN)


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        pytest.param("Amos Marble", True, id="words"),
        pytest.param("Амос Марбл", True, id="cyrillic"),
        pytest.param("https://dialin.teams.microsoft.com/x?id=1", True, id="url"),
        pytest.param("O'Brien", False, id="apostrophe"),
        pytest.param("A & B", False, id="ampersand"),
        pytest.param("a\u00a0b", False, id="no-break-space"),
        pytest.param("a  b", False, id="double-space"),
        pytest.param(" a", False, id="leading-space"),
        pytest.param("a\ue000b", False, id="private-use"),
        pytest.param("a\x85b", False, id="control"),
    ],
)
def test_which_values_are_substituted(value: str, plain: bool) -> None:
    assert is_plain(value) is plain
