"""The core (load, validate, render) must not depend on MkDocs, so it can move to Zensical."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

ADAPTER = ROOT / "macros" / "__init__.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_import_nothing_from_mkdocs():
    core = [p for p in (ROOT / "macros").glob("*.py") if p != ADAPTER]
    assert len(core) >= 5
    for path in core:
        leaked = imported_modules(path) & {"mkdocs", "mkdocs_macros", "material"}
        assert not leaked, f"{path.name} imports {leaked}: keep MkDocs in macros/__init__.py only"


def test_the_adapter_exposes_define_env():
    tree = ast.parse(ADAPTER.read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert [a.arg for a in functions["define_env"].args.args] == ["env"]
