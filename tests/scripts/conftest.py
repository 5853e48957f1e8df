"""Shared by the script tests: the corpus, copied into a temporary working folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the corpus as the current directory (scripts read and write files there)."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    monkeypatch.chdir(target)
    yield target
