"""The catalogue checks, on a copy of the email catalogues: they notice what CI must refuse."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from cscmdlets.mail.catalogs import MAIL, Catalogues


def copy_of_mail_catalogues(tmp_path: Path) -> Catalogues:
    shutil.copytree(MAIL.locale, tmp_path / "locale")
    return dataclasses.replace(MAIL, locale=tmp_path / "locale")


def test_a_translation_changed_after_compiling_makes_the_mo_stale(tmp_path: Path) -> None:
    catalogues = copy_of_mail_catalogues(tmp_path)
    assert catalogues.check() == []
    po = tmp_path / "locale" / "ru-RU" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    first = text.index('msgstr "', text.index("msgid", text.index("\n\n")))
    po.write_text(text[: first + len('msgstr "')] + "ИЗМЕНЕНО " + text[first + len('msgstr "') :], encoding="utf-8")
    assert catalogues.check() == ["ru-RU: messages.mo is stale; run: python -m cscmdlets.mail.catalogs compile"]
    catalogues.compile_all()
    assert catalogues.check() == []


def test_a_message_missing_from_a_catalogue_is_reported(tmp_path: Path) -> None:
    catalogues = copy_of_mail_catalogues(tmp_path)
    po = tmp_path / "locale" / "en-US" / "LC_MESSAGES" / "messages.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")
    dropped = next(entry for entry in entries[1:] if "msgid" in entry)
    po.write_text("\n\n".join(entry for entry in entries if entry is not dropped), encoding="utf-8")
    problems = catalogues.check()
    assert any(p.startswith("en-US: not in catalogue: ") for p in problems), problems
