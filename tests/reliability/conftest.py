"""Fixtures of the reliability suite, and the figures it prints at the end of the run."""

from __future__ import annotations

from typing import Any

import pytest

from .support import FIGURES


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, count in sorted(FIGURES.items()):
        terminalreporter.write_line(f"{name}: {count:,}")


@pytest.fixture(scope="session")
def figures() -> Any:
    return FIGURES
