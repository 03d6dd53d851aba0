"""The code's layout, checked from the source (docs/architecture.md explains it): modules import
only from the layers below them, click stays in the command line, pyvis in the renderer, SQL in the
modules that own the store's tables, and no module grows past 600 lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).parents[1] / "src" / "netmap"

# Lowest first; a module may import only from layers before its own.
LAYERS = [
    {"netmap", "netmap.models", "netmap.errors", "netmap.ties"},
    {"netmap.normalize"},
    {"netmap.taxonomy"},
    {"netmap.roles"},
    {"netmap.readers.text"},
    {"netmap.readers.linkedin", "netmap.readers.contacts", "netmap.readers.lists"},
    {"netmap.readers.archive"},
    {"netmap.readers.detect"},
    {"netmap.readers"},
    {"netmap.migrations"},
    {"netmap.store"},
    {"netmap.identity", "netmap.classify"},
    {"netmap.companies"},
    {"netmap.importer"},
    {"netmap.network"},
    {"netmap.outreach"},
    {"netmap.rank"},
    {"netmap.candidates"},
    {"netmap.graph", "netmap.drafts"},
    {"netmap.briefs"},
    {"netmap.report", "netmap.render", "netmap.sample"},
    {"netmap.api"},
    {"netmap.cli.base"},
    {
        "netmap.cli.imports",
        "netmap.cli.people",
        "netmap.cli.classification",
        "netmap.cli.suggestions",
        "netmap.cli.demo",
        "netmap.cli.outreach",
    },
    {"netmap.cli"},
    {"netmap.__main__"},
]
LAYER = {module: n for n, layer in enumerate(LAYERS) for module in layer}
SQL_HOMES = {
    "netmap.store",
    "netmap.migrations",
    "netmap.identity",
    "netmap.classify",
    "netmap.companies",
    "netmap.network",
    "netmap.outreach",
    "netmap.candidates",
}
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|REPLACE)\s", re.MULTILINE)


def module_name(path: Path) -> str:
    parts = ["netmap", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports(module: str) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the module, inside functions and type-only ones
    included. ``from P import x`` imports P (a package's ``__init__``) and, when P.x is a module, P.x."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.append((base, node.lineno))
            found += [(f"{base}.{a.name}", node.lineno) for a in node.names if f"{base}.{a.name}" in MODULES]
    return found


def test_every_module_has_a_layer() -> None:
    assert set(MODULES) - set(LAYER) == set(), "add the new module to LAYERS (and to docs/architecture.md)"


def test_imports_go_down_the_layers_and_never_round_in_a_circle() -> None:
    graph = nx.DiGraph()
    wrong = []
    for module in MODULES:
        for target, line in imports(module):
            if target.split(".")[0] != "netmap" or target == module:
                continue
            graph.add_edge(module, target)
            if LAYER.get(target, 99) >= LAYER[module]:
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []
    with pytest.raises(nx.NetworkXNoCycle):
        nx.find_cycle(graph)


@pytest.mark.parametrize(("library", "home"), [("click", "netmap.cli"), ("pyvis", "netmap.render")])
def test_libraries_stay_in_their_module(library: str, home: str) -> None:
    users = {m for m in MODULES for target, _ in imports(m) if target.split(".")[0] == library}
    assert users and all(m == home or m.startswith(home + ".") for m in users), users


def test_sql_lives_only_where_the_tables_are_owned() -> None:
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            executes = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("execute", "executemany", "executescript")
            )
            statement = isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value)
            if (executes or statement) and module not in SQL_HOMES:
                found.append(f"{module}:{node.lineno}")
    assert found == []


def test_the_checks_see_what_they_look_for() -> None:
    """The walkers above find real imports and real SQL, so their empty answers mean something."""
    assert "netmap.store" in {t for t, _ in imports("netmap.identity")}
    assert "netmap.readers.archive" in {t for t, _ in imports("netmap.readers.detect")}
    assert SQL.search(MODULES["netmap.network"].read_text(encoding="utf-8")) is not None


def test_no_module_is_over_600_lines() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def test_commands_that_do_not_draw_or_write_drafts_load_no_heavy_library() -> None:
    """The command line and the library's calls load NetworkX, pyvis, pandas and Jinja2 only in the
    calls that use them (each costs tens of milliseconds on every command that imports it)."""
    import subprocess
    import sys

    heavy = ["networkx", "pyvis", "pandas", "jinja2"]
    probe = f"import sys, netmap.api, netmap.cli; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
    probe = "import sys, netmap.drafts; netmap.drafts._environment(); print('jinja2' in sys.modules)"
    drafted = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert drafted.strip() == "True"  # the probe sees a library that is loaded
