"""The scripts layer keeps its modules' insides to themselves.

A leading underscore means "this module's own": no module of ``cscmdlets.scripts`` imports
another module's private name (``from .runner import _ALIASES``) or reaches one through a
module object (``bi._csv_lines``). What modules share is public and listed in ``__all__``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import cscmdlets.scripts

SCRIPTS = Path(cscmdlets.scripts.__file__).parent
MODULES = sorted(SCRIPTS.glob("*.py"))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("cscmdlets")):
            for alias in node.names:
                if _is_private(alias.name):
                    yield f"{path.name}:{node.lineno} imports {node.module}.{alias.name}"
                elif node.module is None:  # `from . import builtins as bi`
                    module_names.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        is_module_attribute = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        if is_module_attribute and node.value.id in module_names and _is_private(node.attr):  # type: ignore[attr-defined]
            yield f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_module_uses_another_modules_private_names(path: Path) -> None:
    assert list(private_uses(path)) == []


def test_the_check_finds_a_private_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from .runner import _ALIASES\nfrom . import builtins as bi\nbi._csv_lines([], ',', True)\n")
    assert list(private_uses(sample)) == [
        "sample.py:1 imports runner._ALIASES",
        "sample.py:3 uses bi._csv_lines",
    ]


def test_builtins_do_not_import_the_runner() -> None:
    """The builtins call the ScriptHost protocol (host.py); the runner imports them, not back."""
    for name in ("builtins.py", "commands.py", "members.py", "values.py", "host.py", "validation.py"):
        tree = ast.parse((SCRIPTS / name).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "runner" not in imported, name


def test_one_walk_of_the_syntax_tree() -> None:
    """The linter, porter and migrator go through the tree with syntax.walk / child_nodes: no
    module of the scripts layer keeps a walk of its own over the nodes' fields."""
    own_walks = [path.name for path in MODULES if "__dataclass_fields__" in path.read_text(encoding="utf-8")]
    assert own_walks == []
