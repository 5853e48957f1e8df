"""Render one email: subject, plain text and HTML, in the user's language.

Templates live in ``templates/`` (one set per :class:`EmailKind`); a language may override any
of them in ``templates/<lang>/``. Wording is translated with gettext
catalogues in ``locale/<lang>/LC_MESSAGES/messages.mo``, falling back to en-US.

The emails one command sends to many users differ only in a few personal values (name,
conference ID, PIN, the local-numbers link). Those are rendered as tokens once per kind,
language and shared values, the HTML's CSS inlined once with them, and each email fills the
tokens in: the same text as rendering and inlining it alone (tests/mail/test_render.py checks
every template and language), when the values are plain text (:func:`is_plain`); otherwise the
email is rendered on its own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import css_inline
import jinja2
from babel.support import NullTranslations, Translations

from .context import MailContext
from .kinds import EmailKind
from .numbers import default_toll_free_number, default_toll_number, number_view

__all__ = [
    "DEFAULT_LANGUAGE",
    "LOCAL_NUMBERS_URL",
    "MEETING_UPDATE_URL",
    "RenderedEmail",
    "available_languages",
    "negotiate_language",
    "render",
    "render_each",
]

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
LOCALE = HERE / "locale"
DEFAULT_LANGUAGE = "en-US"
# The "Find a local number" page of a bridge. The real page's address is not documented. # inferred
LOCAL_NUMBERS_URL = "https://dialin.teams.microsoft.com/{bridge_id}?id={conference_id}"
# the emails article: "instructions and a link to the ... Meeting Update Tool". # inferred address
MEETING_UPDATE_URL = "https://aka.ms/meetingmigration"

_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class RenderedEmail:
    """The three rendered parts of one email, in ``lang``."""

    kind: EmailKind
    lang: str
    subject: str
    text: str
    html: str
    #: How ``text`` and ``html`` were filled in from a shared render, when they were: each
    #: one's pieces (text, value name, text, …) and this email's values. The message is then
    #: encoded from pieces encoded once. Not an argument: ``dataclasses.replace`` drops it, so
    #: a changed copy is encoded from its text.
    filled_from: tuple[tuple[str, ...], tuple[str, ...], dict[str, str]] | None = field(
        default=None, init=False, compare=False, repr=False
    )


@functools.cache
def available_languages() -> tuple[str, ...]:
    """Languages with a compiled catalogue, e.g. ``("en-US", "ru-RU")``."""
    found = {p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/messages.mo")}
    return tuple(sorted(found | {DEFAULT_LANGUAGE}))


@functools.lru_cache(maxsize=256)
def negotiate_language(preferred: str | None) -> str:
    """The catalogue language for a user's preferred language: exact tag, same language, or en-US.

    ``ru``, ``ru_RU`` and ``RU-ru`` all give ``ru-RU``; an unknown language gives en-US.
    """
    tag = (preferred or "").replace("_", "-").lower()
    by_tag = {lang.lower(): lang for lang in available_languages()}
    if tag in by_tag:
        return by_tag[tag]
    primary = tag.split("-")[0]
    same_language = [lang for lang in available_languages() if lang.lower().split("-")[0] == primary]
    return same_language[0] if same_language else DEFAULT_LANGUAGE


def _translations(lang: str) -> NullTranslations:
    path = LOCALE / lang / "LC_MESSAGES" / "messages.mo"
    if not path.is_file():
        return NullTranslations()  # the templates' own English
    with path.open("rb") as fp:
        return Translations(fp)


@functools.cache
def _environment(lang: str) -> jinja2.Environment:
    """One environment per language, so the translations and compiled templates are cached."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES / lang, TEMPLATES]),
        undefined=jinja2.StrictUndefined,  # a missing variable is an error, never an empty string
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True  # catalogue entries without template indentation
    env.install_gettext_translations(_translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def _variables(kind: EmailKind, context: MailContext, lang: str, pin: str | None) -> dict[str, object]:
    user, bridge, numbers = context.user, context.bridge, context.bridge_numbers
    toll = default_toll_number(user, bridge, numbers)
    toll_free = default_toll_free_number(user, numbers)
    shown = [n for n in numbers if user.allow_toll_free_dial_in or not n.is_toll_free]
    variables: dict[str, object] = {
        "lang": lang,
        "user_name": user.display_name,
        "tenant_name": context.tenant.display_name,
        "conference_id": user.conference_id,
        "toll": number_view(toll, lang) if toll else None,
        "toll_free": number_view(toll_free, lang) if toll_free else None,
        "numbers": [number_view(n, lang) for n in shown],
        "local_numbers_url": _local_numbers_url(context),
        "meeting_update_url": MEETING_UPDATE_URL,
    }
    if kind.has_pin:  # by construction a PIN can't reach the templates of types 1, 3 and 5
        variables["pin"] = pin
    return variables


def _local_numbers_url(context: MailContext) -> str | None:
    if context.bridge is None:
        return None
    conference_id = context.user.conference_id or ""
    return LOCAL_NUMBERS_URL.format(bridge_id=context.bridge.identity, conference_id=conference_id)


def render(kind: EmailKind, context: MailContext, lang: str, *, pin: str | None = None) -> RenderedEmail:
    """Render the email of ``kind`` for ``context.user`` in ``lang`` (falling back to en-US).

    Pure: same inputs, same output. ``pin`` is used only by the kinds that carry a PIN
    (the table of "Emails sent to users when their settings change"); for the others it is never passed to a template.

    Emails that differ only in their personal values (see :data:`PERSONAL`) share one render:
    when each of those values is plain text (:func:`is_plain`), the shared render's tokens are
    replaced by them, giving the same text as rendering and inlining each email anew.

    Raises:
        jinja2.UndefinedError: A template uses a variable it was not given.
    """
    lang = negotiate_language(lang)
    variables = _variables(kind, context, lang, pin)
    personal = {name: str(variables[name]) for name in PERSONAL if variables.get(name)}
    if not all(map(is_plain, personal.values())):
        return _rendered(kind, lang, variables)
    shared = tuple((name, _TOKENS[name] if name in personal else _frozen(value)) for name, value in variables.items())
    subject, text_pieces, html_pieces = _shape(kind, lang, shared)
    text, html = _filled(text_pieces, personal), _filled(html_pieces, personal)
    rendered = RenderedEmail(kind, lang, _one_line(_filled(subject, personal)), text, html)
    object.__setattr__(rendered, "filled_from", (text_pieces, html_pieces, personal))
    return rendered


def render_each(kind: EmailKind, context: MailContext, lang: str, *, pin: str | None = None) -> RenderedEmail:
    """:func:`render` with nothing shared: this email's templates rendered and its HTML inlined
    anew (the reference :func:`render` agrees with)."""
    lang = negotiate_language(lang)
    return _rendered(kind, lang, _variables(kind, context, lang, pin))


def _rendered(kind: EmailKind, lang: str, variables: dict[str, object]) -> RenderedEmail:
    subject, text, html = _render_parts(kind, lang, variables)
    return RenderedEmail(kind, lang, _one_line(subject), text, html)


def _render_parts(kind: EmailKind, lang: str, variables: dict[str, object]) -> tuple[str, str, str]:
    """The subject (not yet on one line), text and CSS-inlined HTML of ``kind``."""
    env = _environment(lang)
    subject = env.get_template(f"{kind.value}.subject.j2").render(variables)
    text = env.get_template(f"{kind.value}.txt.j2").render(variables)
    html = env.get_template(f"{kind.value}.html.j2").render(variables)
    return subject, text, _INLINER.inline(html)


#: The variables that differ from one user to the next; the others (tenant, language, numbers)
#: are shared by every email of a bridge. Templates only print these or test them for truth.
PERSONAL = ("user_name", "conference_id", "local_numbers_url", "pin")

#: Text that renders, escapes and survives CSS inlining unchanged in any HTML position: no markup
#: or quote characters, no control or private-use characters, single inner spaces only.
_PLAIN = re.compile(r"[^\s&<>\"'\x00-\x1f\x7f-\x9f\ud800-\uf8ff]+(?: [^\s&<>\"'\x00-\x1f\x7f-\x9f\ud800-\uf8ff]+)*")


def is_plain(value: str) -> bool:
    """Whether ``value`` may be put into a shared render by substitution (see :data:`_PLAIN`)."""
    return _PLAIN.fullmatch(value) is not None


_OPEN, _CLOSE = "\ue000", "\ue001"


def _token(name: str) -> str:
    """A stand-in for a personal value: private-use characters, which no plain value holds."""
    return f"{_OPEN}{name}{_CLOSE}"


_TOKENS = {name: _token(name) for name in PERSONAL}  # made once, not once per email


def _filled(pieces: tuple[str, ...], personal: dict[str, str]) -> str:
    """A shared render's text with its tokens replaced: ``pieces`` alternate text and the name
    of the value that goes between (see :func:`_split`)."""
    if len(pieces) == 1:
        return pieces[0]  # no personal value in it (a subject, usually)
    filled = list(pieces)
    filled[1::2] = [personal[name] for name in pieces[1::2]]
    return "".join(filled)


def _split(text: str) -> tuple[str, ...]:
    """``text`` cut at its tokens: text, value name, text, … (one pass per email instead of a
    search of the whole text per value)."""
    return tuple(_TOKEN.split(text))


_TOKEN = re.compile(f"{_OPEN}([a-z_]+){_CLOSE}")


def _frozen(value: object) -> object:
    """A shared variable as a cache key (lists become tuples; templates only iterate them)."""
    return tuple(value) if isinstance(value, list) else value


@functools.lru_cache(maxsize=256)
def _shape(
    kind: EmailKind, lang: str, variables: tuple[tuple[str, object], ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """One render and CSS inlining per kind, language and shared values, personal values as
    tokens; each part cut at its tokens."""
    subject, text, html = _render_parts(kind, lang, dict(variables))
    return _split(subject), _split(text), _split(html)


@functools.lru_cache(maxsize=256)
def _one_line(subject: str) -> str:
    """Subjects are one line: template whitespace and line breaks collapse to single spaces."""
    return re.sub(r"\s+", " ", subject).strip()
