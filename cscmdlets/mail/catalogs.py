"""Maintain the gettext catalogues of the email templates with babel.

Run ``python -m cscmdlets.mail.catalogs update`` after editing a template (extracts the
messages into ``locale/messages.pot`` and merges them into each ``messages.po``), translate the
new entries, then ``python -m cscmdlets.mail.catalogs compile`` to write the ``.mo`` files that
the package ships. ``check`` fails when a ``.mo`` is stale or a catalogue is incomplete; the
tests run it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

__all__ = ["LANGUAGES", "check", "compile_all", "extract", "update"]

HERE = Path(__file__).parent
LOCALE = HERE / "locale"
LANGUAGES = ("en-US", "ru-RU")
_METHODS = [("**.j2", "jinja2")]
_OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def extract() -> Catalog:
    """Every translatable message of the templates, as a template catalogue."""
    catalog = Catalog(project="cscmdlets", charset="utf-8")
    found = extract_from_dir(str(HERE / "templates"), _METHODS, _OPTIONS)
    for filename, lineno, message, comments, context in found:
        where = [(f"templates/{filename}", lineno)]
        catalog.add(message, None, where, auto_comments=comments, context=context)
    return catalog


def _po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "messages.po"


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=lang.replace("-", "_"))


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog, width=100, omit_header=False, sort_output=False)


def update() -> None:
    """Write ``messages.pot`` and merge it into every language's ``messages.po``."""
    template = extract()
    _write_po(LOCALE / "messages.pot", template)
    for lang in LANGUAGES:
        path = _po_path(lang)
        catalog = _read(path, lang) if path.exists() else Catalog(locale=lang.replace("-", "_"))
        catalog.update(template, no_fuzzy_matching=True)
        _write_po(path, catalog)


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


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


def compile_all() -> None:
    """Write each language's ``messages.mo`` from its ``messages.po``."""
    for lang in LANGUAGES:
        mo = _po_path(lang).with_suffix(".mo")
        mo.write_bytes(_mo_bytes(_read(_po_path(lang), lang)))


def check() -> list[str]:
    """Problems with the catalogues: missing or untranslated messages, stale ``.mo`` files."""
    return list(_problems())


def _problems() -> Iterator[str]:
    wanted = {m.id for m in extract() if m.id}
    for lang in LANGUAGES:
        catalog = _read(_po_path(lang), lang)
        ids = {m.id for m in catalog if m.id}
        yield from (f"{lang}: not in catalogue: {m!r}" for m in sorted(map(str, wanted - ids)))
        if lang != "en-US":  # English msgstr may stay empty: the msgid is the English text
            yield from (f"{lang}: untranslated: {m.id!r}" for m in catalog if m.id and not m.string)
        mo = _po_path(lang).with_suffix(".mo")
        if not mo.is_file() or _compiled_messages(_read_mo(mo)) != _compiled_messages(catalog):
            yield f"{lang}: messages.mo is stale; run: python -m cscmdlets.mail.catalogs compile"


def main(argv: list[str]) -> int:
    """``update``, ``compile`` or ``check``."""
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    problems = check()
    print("\n".join(problems) or "catalogues OK")
    return 1 if problems and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
