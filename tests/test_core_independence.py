"""The core (load, validate, render) must not depend on MkDocs, so it can move to Zensical."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from support import ROOT

# The engine package: the only code that may know the engine (and read env, env.conf, env.page).
ENGINE = ROOT / "macros" / "engine"


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
    core = [p for p in sorted((ROOT / "macros").rglob("*.py")) if ENGINE not in p.parents]
    assert len(core) >= 30 and any(p.parent.name == "render" for p in core), "subpackages were not walked"
    for path in core:
        leaked = imported_modules(path) & {"mkdocs", "mkdocs_macros", "material", "zensical"}
        assert not leaked, f"{path.relative_to(ROOT)} imports {leaked}: keep the engine in macros/engine/ only"


def test_only_the_engine_package_reads_the_engines_objects():
    # `env.conf`, `env.page`, `env.variables`: the engine's objects, read in engine/ only.
    reads = re.compile(r"\benv\.(conf|page|variables|macro|filter|project_dir|markdown)\b")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "macros").rglob("*.py")) if ENGINE not in p.parents
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if reads.search(line)]
    assert not found, "engine objects read outside macros/engine/:\n" + "\n".join(found)


def test_the_package_exposes_the_engine_hooks_without_importing_them():
    import subprocess
    import sys

    # What mkdocs-macros looks up on the package it imports by name.
    code = ("import sys, macros; hooks = [macros.define_env, macros.on_pre_page_macros, macros.on_post_build]; "
            "print(all(callable(h) for h in hooks))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True).stdout.strip() == "True"
    # A command-line tool loads its layers only: check-data never pays for Pillow or the renderer.
    code = "import sys, macros.cli.check_data; print(sorted(m for m in ('PIL', 'segno', 'macros.engine', 'macros.postbuild') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
