"""Maintain the admin centre's gettext catalogues (the same steps as ``cscmdlets.mail.catalogs``).

``python -m cscmdlets.admin.catalogs update`` extracts the messages of the templates and of
the ``N_("…")`` marks in the code into ``locale/messages.pot`` and merges them into each
language's ``messages.po``; translate the new entries, then ``compile`` writes the ``.mo``
files the package ships. ``check`` fails when a catalogue is incomplete or a ``.mo`` stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS

from ..mail.catalogs import Catalogues
from .i18n import LANGUAGES, LOCALE

__all__ = ["ADMIN", "check", "compile_all", "extract", "update"]

ADMIN = Catalogues(
    module="cscmdlets.admin.catalogs",
    project="cscmdlets-admin",
    sources=Path(__file__).parent,
    locale=LOCALE,
    methods=[("templates/**.html", "jinja2"), ("**.py", "python")],
    options={"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    languages=LANGUAGES,
    keywords={**DEFAULT_KEYWORDS, "N_": None},
    sort_output=True,
)
extract, update, compile_all, check = ADMIN.extract, ADMIN.update, ADMIN.compile_all, ADMIN.check

if __name__ == "__main__":
    sys.exit(ADMIN.main(sys.argv[1:]))
