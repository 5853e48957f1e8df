"""Maintain the admin centre's gettext catalogues with babel (as ``cscmdlets.mail.catalogs``).

``python -m cscmdlets.admin.catalogs update`` extracts the messages of the templates and of
the ``N_("…")`` marks in the code into ``locale/messages.pot`` and merges them into each
language's ``messages.po``; translate the new entries, then ``compile`` writes the ``.mo``
files the package ships. ``check`` fails when a catalogue is incomplete or a ``.mo`` stale.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from .i18n import LANGUAGES, LOCALE

__all__ = ["check", "compile_all", "extract", "update"]

HERE = Path(__file__).parent
_METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
_OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
_KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}


def extract() -> Catalog:
    """Every translatable message of the templates and the code, as a template catalogue."""
    catalog = Catalog(project="cscmdlets-admin", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(HERE), _METHODS, _OPTIONS, keywords=_KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "messages.po"


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=language.replace("-", "_"))


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog, width=100, sort_output=True)


def update() -> None:
    template = extract()
    _write_po(LOCALE / "messages.pot", template)
    for language in LANGUAGES:
        path = _po_path(language)
        catalog = _read(path, language) if path.exists() else Catalog(locale=language.replace("-", "_"))
        catalog.update(template, no_fuzzy_matching=True)
        _write_po(path, catalog)


def compile_all() -> None:
    for language in LANGUAGES:
        buffer = io.BytesIO()
        write_mo(buffer, _read(_po_path(language), language))
        _po_path(language).with_suffix(".mo").write_bytes(buffer.getvalue())


def _compiled(catalog: Catalog) -> set[tuple[object, object]]:
    """What a ``.mo`` holds: the translated, non-fuzzy messages (compared instead of bytes,
    since babel writes its own version into the header)."""
    return {(str(m.id), str(m.string)) for m in catalog if m.id and m.string and not m.fuzzy}


def check() -> list[str]:
    return list(_problems())


def _problems() -> Iterator[str]:
    wanted = {str(m.id) for m in extract() if m.id}
    for language in LANGUAGES:
        catalog = _read(_po_path(language), language)
        have = {str(m.id) for m in catalog if m.id}
        yield from (f"{language}: not in catalogue: {m!r}" for m in sorted(wanted - have))
        if language != "en-US":  # the English msgid is the English text
            yield from (f"{language}: untranslated: {m.id!r}" for m in catalog if m.id and not m.string)
        mo = _po_path(language).with_suffix(".mo")
        if not mo.is_file():
            yield f"{language}: no messages.mo; run: python -m cscmdlets.admin.catalogs compile"
            continue
        with mo.open("rb") as fp:
            if _compiled(read_mo(fp)) != _compiled(catalog):
                yield f"{language}: messages.mo is stale; run: python -m cscmdlets.admin.catalogs compile"


def main(argv: list[str]) -> int:
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
