"""Maintain gettext catalogues with babel: the email templates' here, the admin centre's too.

Run ``python -m cscmdlets.mail.catalogs update`` after editing a template (extracts the
messages into ``locale/messages.pot`` and merges them into each ``messages.po``), translate the
new entries, then ``python -m cscmdlets.mail.catalogs compile`` to write the ``.mo`` files that
the package ships. ``check`` fails when a ``.mo`` is stale or a catalogue is incomplete; the
tests run it. :class:`Catalogues` holds the steps; ``cscmdlets.admin.catalogs`` is another
instance of it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

__all__ = ["LANGUAGES", "MAIL", "Catalogues", "check", "compile_all", "extract", "update"]

HERE = Path(__file__).parent
LANGUAGES = ("en-US", "ru-RU")


@dataclass(frozen=True)
class Catalogues:
    """One package's catalogues: what to extract from where, and the languages kept.

    Args:
        module: the ``python -m`` name that maintains them (named in the hints).
        project: the catalogue's project name.
        sources: the folder messages are extracted from.
        locale: the folder of ``messages.pot`` and ``<lang>/LC_MESSAGES/messages.po|mo``.
        methods, options, keywords: babel's extraction settings.
        prefix: put before each source file name in the references (``templates/``).
        sort_output: write the ``.po`` entries sorted by message instead of by source.
    """

    module: str
    project: str
    sources: Path
    locale: Path
    methods: Sequence[tuple[str, str]]
    options: Mapping[str, dict[str, Any]]
    languages: tuple[str, ...] = LANGUAGES
    keywords: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_KEYWORDS))
    prefix: str = ""
    sort_output: bool = False

    def extract(self) -> Catalog:
        """Every translatable message of the sources, as a template catalogue."""
        catalog = Catalog(project=self.project, charset="utf-8")
        found = extract_from_dir(str(self.sources), self.methods, self.options, keywords=self.keywords)
        for filename, lineno, message, comments, context in found:
            where = [(f"{self.prefix}{filename}", lineno)]
            catalog.add(message, None, where, auto_comments=comments, context=context)
        return catalog

    def update(self) -> None:
        """Write ``messages.pot`` and merge it into every language's ``messages.po``."""
        template = self.extract()
        self._write_po(self.locale / "messages.pot", template)
        for lang in self.languages:
            path = self._po_path(lang)
            catalog = _read_po(path, lang) if path.exists() else Catalog(locale=_babel_locale(lang))
            catalog.update(template, no_fuzzy_matching=True)
            self._write_po(path, catalog)

    def compile_all(self) -> None:
        """Write each language's ``messages.mo`` from its ``messages.po``."""
        for lang in self.languages:
            buffer = io.BytesIO()
            write_mo(buffer, _read_po(self._po_path(lang), lang))
            self._po_path(lang).with_suffix(".mo").write_bytes(buffer.getvalue())

    def check(self) -> list[str]:
        """Problems with the catalogues: missing or untranslated messages, stale ``.mo`` files."""
        return list(self._problems())

    def main(self, argv: list[str]) -> int:
        """``update``, ``compile`` or ``check``."""
        command = argv[0] if argv else "check"
        if command == "update":
            self.update()
        elif command == "compile":
            self.compile_all()
        problems = self.check()
        print("\n".join(problems) or "catalogues OK")
        return 1 if problems and command == "check" else 0

    def _problems(self) -> Iterator[str]:
        wanted = {m.id for m in self.extract() if m.id}
        for lang in self.languages:
            catalog = _read_po(self._po_path(lang), lang)
            ids = {m.id for m in catalog if m.id}
            yield from (f"{lang}: not in catalogue: {m!r}" for m in sorted(map(str, wanted - ids)))
            if lang != "en-US":  # English msgstr may stay empty: the msgid is the English text
                yield from (f"{lang}: untranslated: {m.id!r}" for m in catalog if m.id and not m.string)
            mo = self._po_path(lang).with_suffix(".mo")
            if not mo.is_file() or _compiled_messages(_read_mo(mo)) != _compiled_messages(catalog):
                yield f"{lang}: messages.mo is stale; run: python -m {self.module} compile"

    def _po_path(self, lang: str) -> Path:
        return self.locale / lang / "LC_MESSAGES" / "messages.po"

    def _write_po(self, path: Path, catalog: Catalog) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fp:
            write_po(fp, catalog, width=100, omit_header=False, sort_output=self.sort_output)


def _babel_locale(lang: str) -> str:
    return lang.replace("-", "_")


def _read_po(path: Path, lang: str) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=_babel_locale(lang))


def _read_mo(path: Path) -> Catalog:
    with path.open("rb") as fp:
        return read_mo(fp)


def _compiled_messages(catalog: Catalog) -> set[tuple[object, object, object]]:
    """What a ``.mo`` holds of a catalogue, as ``write_mo`` selects it: translated, not fuzzy.

    Compared instead of bytes: the header babel writes names its own version
    (``Generated-By``), so a byte comparison fails whenever a newer babel is installed.
    """
    return {(_hashable(m.id), _hashable(m.string), m.context) for m in catalog if m.id and m.string and not m.fuzzy}


def _hashable(text: object) -> object:
    return tuple(text) if isinstance(text, list) else text


MAIL = Catalogues(
    module="cscmdlets.mail.catalogs",
    project="cscmdlets",
    sources=HERE / "templates",
    locale=HERE / "locale",
    methods=[("**.j2", "jinja2")],
    options={"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    prefix="templates/",
)
extract, update, compile_all, check = MAIL.extract, MAIL.update, MAIL.compile_all, MAIL.check

if __name__ == "__main__":
    sys.exit(MAIL.main(sys.argv[1:]))
