"""The house stands on its floors: every package of macros/ imports only packages below it
(the order below, the one CONTRIBUTING.md's package map gives), no package imports
another on its floor, nothing of ours is imported inside a function, and the map in
CONTRIBUTING.md names exactly the packages there are."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from support import ROOT

MACROS = ROOT / "macros"
# Lowest first. Packages on one floor may not import each other.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("data",), ("site",), ("figures",), ("checklists",), ("links",), ("render",), ("validate",),
    ("postbuild",), ("engine", "cli"),
)
FLOOR_OF = {package: n for n, floor in enumerate(FLOORS) for package in floor}


def _modules() -> list[Path]:
    return sorted(MACROS.rglob("*.py"))


def _package_of(path: Path) -> str | None:
    """The package a module of macros/ sits in (None for the root's own files)."""
    parts = path.relative_to(MACROS).parts
    return parts[0] if len(parts) > 1 else None


def _ours(node: ast.AST, path: Path) -> str | None:
    """The module of ours an import statement names, as a dotted path under macros, or None."""
    here = path.relative_to(MACROS).with_suffix("").parts
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = list(here[:-1] if path.name != "__init__.py" else here[:-1])
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            return ".".join([*base, *(node.module.split(".") if node.module else [])])
        if node.module and node.module.split(".")[0] == "macros":
            return node.module.removeprefix("macros").lstrip(".")
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == "macros":
                return alias.name.removeprefix("macros").lstrip(".")
    return None


def _imports(path: Path, location: Path | None = None) -> list[tuple[int, str, bool]]:
    """(line, module of ours, inside a function?) of every import of ours in the module at
    `path`, read as if it were at `location` in macros/ (default: where it is)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = location or path
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                target = _ours(child, where)
                if target is not None:
                    found.append((child.lineno, target, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def test_every_module_sits_in_a_package_of_the_map():
    stray = [p.relative_to(MACROS).as_posix() for p in _modules()
             if _package_of(p) is None and p.name not in ("__init__.py", "__main__.py")]
    assert not stray, f"modules outside every package: {stray}"
    packages = {p.name for p in MACROS.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(FLOOR_OF), f"packages without a floor: {packages - set(FLOOR_OF)}; " \
                                      f"floors without a package: {set(FLOOR_OF) - packages}"


def _wrong_imports(path: Path, location: Path | None = None) -> list[str]:
    """Each import of the module that runs up or sideways."""
    location = location or path
    package = _package_of(location)
    wrong = []
    for line, target, _in_function in _imports(path, location):
        other = target.split(".")[0] if target else ""
        if package is None or other == package:
            continue
        if other not in FLOOR_OF or FLOOR_OF[other] >= FLOOR_OF[package]:
            wrong.append(f"{location.relative_to(ROOT)}:{line}: {package} imports {other or 'macros'}")
    return wrong


def test_imports_run_one_way_down_the_floors():
    wrong = [problem for path in _modules() for problem in _wrong_imports(path)]
    assert not wrong, "imports that run up or sideways:\n" + "\n".join(wrong)


def test_the_floor_rule_catches_an_upward_and_a_sideways_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from ..render.registry import MACROS\nfrom macros.site import urls\n", encoding="utf-8")
    assert len(_wrong_imports(module, MACROS / "data" / "bad.py")) == 2
    module.write_text("from ..cli import check_data\n", encoding="utf-8")
    assert _wrong_imports(module, MACROS / "engine" / "bad.py"), "engine and cli share a floor"
    module.write_text("from ..data.model import Guide\n", encoding="utf-8")
    assert _wrong_imports(module, MACROS / "render" / "bad.py") == []


def test_no_module_of_ours_is_imported_inside_a_function():
    inside = [f"{path.relative_to(ROOT)}:{line}: {target}" for path in _modules()
              for line, target, in_function in _imports(path) if in_function]
    assert not inside, "imports of our modules inside functions (move them to the top):\n" + "\n".join(inside)


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    for path in _modules():
        name = ".".join(path.relative_to(MACROS).with_suffix("").parts).removesuffix(".__init__")
        graph[name] = {target for _line, target, _f in _imports(path)}
    seen, stack, cycles = set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen or node not in graph:
            return
        seen.add(node)
        stack.append(node)
        for target in graph[node]:
            # `from ..site import escaping` names the package; its module is the target.
            visit(target if target in graph else target.rpartition(".")[0])
        stack.pop()

    for node in sorted(graph):
        visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_contributing_maps_every_package():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Changing the code", 1)[1]
    mapped = set(re.findall(r"^\s*`?([a-z]+)/`?\s", section, re.M)) & set(FLOOR_OF) | \
        set(re.findall(r"\| `([a-z]+)/` \|", section))
    assert mapped == set(FLOOR_OF), f"missing from the package map: {set(FLOOR_OF) - mapped}"
