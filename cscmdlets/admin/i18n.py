"""The admin centre in en-US and ru-RU: gettext catalogues (babel), chosen per request.

The templates' English is the message id; ``locale/<lang>/LC_MESSAGES/messages.mo`` holds
the translations, maintained with ``python -m cscmdlets.admin.catalogs`` as the email
templates' are. The Russian labels follow the Russian edition of the Microsoft 365 admin
centre, whose wording for its buttons is the reference.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from babel.support import NullTranslations, Translations

__all__ = ["LANGUAGES", "N_", "environment", "negotiate"]

HERE = Path(__file__).parent
LOCALE = HERE / "locale"
TEMPLATES = HERE / "templates"
LANGUAGES = ("en-US", "ru-RU")


def N_(message: str) -> str:
    """Marks a message for the catalogue; the page translates it when it shows it."""
    return message


def negotiate(accept_language: str | None, chosen: str | None = None) -> str:
    """The language of a page: the one chosen with the switch, else the first of the
    browser's Accept-Language (by quality, RFC 9110 §12.5.4) that we have, else en-US."""
    if chosen in LANGUAGES:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag:
            ranked.append((-quality, position, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        for language in LANGUAGES:
            if tag in (language.lower(), language.lower().split("-")[0]):
                return language
    return LANGUAGES[0]


def _translations(language: str) -> NullTranslations:
    path = LOCALE / language / "LC_MESSAGES" / "messages.mo"
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as fp:
        return Translations(fp)


@functools.cache
def environment(language: str) -> jinja2.Environment:
    """One environment per language: autoescaping on for every template (all are HTML)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(_translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env
