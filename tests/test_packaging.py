"""What `pip install .` ships: every package of the source tree and the email templates."""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parent.parent


def test_every_folder_of_python_code_is_a_package_setuptools_finds() -> None:
    """A folder without ``__init__.py`` works in an editable install but is left out of a wheel."""
    folders = {p.parent for p in (ROOT / "cscmdlets").rglob("*.py") if "__pycache__" not in p.parts}
    expected = {".".join(folder.relative_to(ROOT).parts) for folder in folders}
    assert set(find_packages(str(ROOT), include=["cscmdlets*"])) == expected


def test_package_data_covers_templates_and_catalogues() -> None:
    setup_cfg = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    mail = ROOT / "cscmdlets" / "mail"
    assert any(mail.joinpath("templates").glob("*.j2")) and "mail/templates/**/*" in setup_cfg
    assert any(mail.joinpath("locale").rglob("*.mo")) and "mail/locale/**/*" in setup_cfg
