"""What cscmdlets takes from pypsrp, psrpcore and pyspnego beyond their public API.

A private name (a ``_module``, a ``_name`` imported or reached through an attribute, a
``_method`` overridden in a subclass) can change in any release, and an attribute set on a
library's object (``setattr``) can collide with one it adds. The scan below finds every
such use in the package; it must equal :data:`KNOWN` exactly, so a new use fails until it is
written down here with its reason, and a removed one fails until it is struck off. A second
test checks that each known name still exists in the installed versions, the ranges setup.cfg
pins, so an upgrade that drops one fails loudly instead of breaking the fast paths silently.
"""

from __future__ import annotations

import ast
import configparser
import importlib
import importlib.metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

PACKAGE = Path(__file__).resolve().parents[2] / "cscmdlets"
LIBRARIES = ("pypsrp", "psrpcore", "spnego")

#: (module of cscmdlets, private name) -> (where the name lives, why it is still used).
KNOWN: dict[tuple[str, str], tuple[str, str]] = {
    ("remote/clixml.py", "_command_id"): (
        "pypsrp.powershell.PowerShell",
        "the batch fast path sends its own CREATE_PIPELINE, and pypsrp's Receive and Signal "
        "read the WSMan CommandId from here; only begin_invoke sets it",
    ),
}


def _own_private_names() -> set[str]:
    """Every ``_name`` cscmdlets itself defines: functions, classes, attributes, globals."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _is_self(node.value):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return {name for name in names if name.startswith("_")}


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _library_bases(tree: ast.Module) -> set[str]:
    """Local names bound to a dependency (``import psrpcore``, ``from pypsrp.x import Y``)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] in LIBRARIES}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES:
            bound |= {a.asname or a.name for a in node.names}
    return bound


def _private_uses(path: Path, own: set[str]) -> set[str]:
    tree = ast.parse(path.read_text())
    bases = _library_bases(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES:
            found |= {part for part in (node.module or "").split(".") if _is_private(part)}
            found |= {a.name for a in node.names if _is_private(a.name)}
        elif isinstance(node, ast.Import):
            found |= {
                p for a in node.names if a.name.split(".")[0] in LIBRARIES for p in a.name.split(".") if _is_private(p)
            }
        elif isinstance(node, ast.Attribute) and _is_private(node.attr) and node.attr not in own:
            found.add(node.attr)
        elif _sets_attribute_elsewhere(node):
            found.add("setattr")
        elif isinstance(node, ast.ClassDef) and any(_names(base) & bases for base in node.bases):
            found |= {f.name for f in node.body if isinstance(f, ast.FunctionDef) and _is_private(f.name)}
            found |= {_super_call(n) for n in ast.walk(node) if _super_call(n)}
    return found - {""}


def _sets_attribute_elsewhere(node: ast.AST) -> bool:
    """``setattr(obj, …)`` on anything but ourselves: notes go in ``remote/notes.py`` instead."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "setattr"
        and not (node.args and _is_self(node.args[0]))
    )


def _names(node: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _super_call(node: ast.AST) -> str:
    """``super()._name`` inside a subclass of a dependency's class."""
    if (
        isinstance(node, ast.Attribute)
        and _is_private(node.attr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "super"
    ):
        return node.attr
    return ""


def _scan() -> set[tuple[str, str]]:
    own = _own_private_names()
    found: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text()
        if not any(library in text for library in LIBRARIES):
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        found |= {(relative, name) for name in _private_uses(path, own)}
    return found


def test_private_names_of_dependencies_are_exactly_the_known_ones() -> None:
    found = _scan()
    assert found - KNOWN.keys() == set(), "new private use: write it down in KNOWN, or use a public API"
    assert KNOWN.keys() - found == set(), "no longer used: strike it off KNOWN"


@pytest.mark.parametrize(("use", "owner"), [pytest.param(k, v[0], id=f"{k[0]}:{k[1]}") for k, v in KNOWN.items()])
def test_each_known_private_name_exists_in_the_installed_version(use: tuple[str, str], owner: str) -> None:
    module_name, _, attribute = owner.rpartition(".")
    if attribute == use[1]:  # the name is a module
        importlib.import_module(owner)
        return
    owner_object = getattr(importlib.import_module(module_name), attribute)
    assert use[1] in dir(owner_object) or _set_in_init(owner_object, use[1]), f"{owner} has no {use[1]}"


def _set_in_init(cls: type, name: str) -> bool:
    """An instance attribute: assigned in ``__init__`` of the class or a base."""
    import inspect

    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is not None and f"self.{name}" in inspect.getsource(init):
            return True
    return False


def test_remote_dependencies_are_pinned_to_tested_ranges() -> None:
    config = configparser.ConfigParser()
    config.read(PACKAGE.parent / "setup.cfg")
    extra = [Requirement(line) for line in config["options.extras_require"]["remote"].split("\n") if line.strip()]
    pins = {requirement.name: requirement.specifier for requirement in extra}
    for name in ("pypsrp", "psrpcore", "pyspnego"):
        installed = importlib.metadata.version(name)
        assert installed in pins[name], f"{name} {installed} is outside the pinned range {pins[name]}"
        assert any(s.operator == "<" for s in pins[name]), f"{name} needs an upper bound"
