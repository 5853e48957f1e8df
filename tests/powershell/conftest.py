from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def tree_sitter_parser() -> Any:
    """tree-sitter-pwsh when installed (never a runtime dependency); the test skips otherwise."""
    tree_sitter = pytest.importorskip("tree_sitter")
    grammar = pytest.importorskip("tree_sitter_pwsh")
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))
