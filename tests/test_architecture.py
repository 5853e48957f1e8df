"""The import graph follows the folder list (README, Architecture): imports point down only.

Layers, top to bottom: ``cli``, ``admin``, ``remote``, ``scripts`` (and ``docs``, generated from the
metadata) → ``tenant``, ``session``, ``functions``
→ ``cmdlets`` → ``powershell``, ``store``, ``mail`` → ``model``. ``model`` imports nothing from
the package; ``powershell`` imports nothing from ``cmdlets``, ``store`` or ``mail``.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import cscmdlets

PACKAGE = Path(cscmdlets.__file__).parent

RANK = {
    "model": 0,
    "powershell": 1,
    "store": 1,
    "mail": 1,
    "cmdlets": 2,
    "tenant": 3,
    "session": 3,
    "functions": 3,
    "_api": 3,  # the stub of the generated functions (type checkers only)
    "cli": 4,
    "admin": 4,
    "remote": 4,
    "scripts": 4,
    "docs": 4,
    "stubgen": 4,
    "__init__": 5,
    "__main__": 5,
}
#: Same-layer edges that are still wrong.
FORBIDDEN = {("powershell", "store"), ("powershell", "mail")}
#: Upward imports done lazily (inside a function, or for type checking only), because the public
#: API needs them: ``tenant.invoke`` and ``session.invoke``/``run_script`` run the script runner,
#: ``connect(remote=…)`` builds a RemoteEngine.
LAZY_EXCEPTIONS = {("tenant", "scripts"), ("session", "remote"), ("session", "scripts")}


@dataclass(frozen=True)
class Edge:
    module: str
    target: str
    line: int
    lazy: bool

    @property
    def layers(self) -> tuple[str, str]:
        return layer_of(self.module), layer_of(self.target)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def edges_of(path: Path) -> list[Edge]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    deferred = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        or (isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"))
    ]
    lazy_nodes = {id(inner) for node in deferred for inner in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            if node.module:
                targets = [".".join([*base, node.module])]
            else:
                targets = [".".join([*base, alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cscmdlets"):
            targets = [str(node.module)]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names if alias.name.startswith("cscmdlets")]
        found += [Edge(module, target, node.lineno, id(node) in lazy_nodes) for target in targets]
    return found


@functools.cache
def all_edges() -> tuple[Edge, ...]:
    return tuple(edge for path in sorted(PACKAGE.rglob("*.py")) for edge in edges_of(path))


def test_every_module_has_a_layer() -> None:
    assert {layer_of(module_name(path)) for path in PACKAGE.rglob("*.py")} <= set(RANK)


def test_model_imports_nothing_from_the_package() -> None:
    bad = [e for e in all_edges() if layer_of(e.module) == "model" and layer_of(e.target) != "model"]
    assert bad == []


def test_powershell_imports_nothing_from_cmdlets_store_or_mail() -> None:
    bad = [
        e
        for e in all_edges()
        if layer_of(e.module) == "powershell"
        and layer_of(e.target) in {"cmdlets", "store", "mail", "tenant", "session", "functions"}
    ]
    assert bad == []


def test_no_upward_edges() -> None:
    bad = []
    for edge in all_edges():
        source, target = edge.layers
        if source == target:
            continue
        upward = RANK[target] > RANK[source] or (source, target) in FORBIDDEN
        if upward and not (edge.lazy and (source, target) in LAZY_EXCEPTIONS):
            bad.append(f"{edge.module}:{edge.line} imports {edge.target}")
    assert bad == []


def test_the_walker_sees_edges() -> None:
    """Guard against a walker that finds nothing and so passes everything."""
    layers = {edge.layers for edge in all_edges()}
    assert {("cmdlets", "powershell"), ("cmdlets", "store"), ("store", "model"), ("tenant", "cmdlets")} <= layers
    assert any(edge.lazy and edge.layers == ("tenant", "scripts") for edge in all_edges())
