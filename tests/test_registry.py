"""The registry (macros/render/registry.py) is the one place that names components and their
pages; the site's own pages (checklists, the print view) are named in macros/site/pages.py."""

from __future__ import annotations

import ast
import re

from macros.render.registry import COMPONENTS, MACROS
from macros.validate.load import site_pages
from support import ROOT

MACROS_DIR = ROOT / "macros"
# The two modules that may name a page.
PAGE_NAMERS = {MACROS_DIR / "render" / "registry.py", MACROS_DIR / "site" / "pages.py",
               # The directory-URL rule (technique.md is served at technique/), written once.
               MACROS_DIR / "site" / "urls.py"}


def _code_strings(path) -> list[tuple[int, str]]:
    """(line, text) of each string a module's code holds (docstrings and comments left out);
    an f-string as its fixed parts joined."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append((node.lineno, "{}".join(v.value for v in node.values if isinstance(v, ast.Constant))))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.append((node.lineno, node.value))
    return found


def test_a_page_path_appears_only_in_the_registry():
    names = sorted({page.rpartition("/")[2] for page in site_pages(ROOT / "docs")})
    ours = re.compile("|".join(re.escape(name) for name in names))
    # Every module and template of every subpackage.
    modules = [path for path in sorted(MACROS_DIR.rglob("*.py")) if path not in PAGE_NAMERS]
    templates = sorted(MACROS_DIR.rglob("templates/*"))
    found = []
    for path in modules:
        for line, text in _code_strings(path):
            # A page of ours by name, or a page path made in code (f"{stem}.md").
            if ours.search(text) or (text.endswith(".md") and "*" not in text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    for path in templates:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for line in text.splitlines():
            # technique.md, {{ root }}faq.md#id, (references.md)
            if ours.search(line) or re.search(r"\.md[#)]", line):
                found.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert len(modules) > 30 and len(templates) > 30 and "technique.md" in names
    assert any(path.parent.name == "validate" for path in modules), "subpackages were not walked"
    assert not found, "page paths outside the registry and site/pages.py (link with href):\n" \
        + "\n".join(found)


def test_every_component_is_called_on_the_page_it_declares():
    for component in COMPONENTS:
        text = (ROOT / "docs" / component.page).read_text(encoding="utf-8")
        assert f"{{{{ {component.name}(" in text, f"docs/{component.page} does not call {component.name}()"


def test_every_macro_a_page_calls_is_registered():
    called = set()
    for path in (ROOT / "docs").rglob("*.md"):
        called |= set(re.findall(r"\{\{\s*([a-z_]+)\(", path.read_text(encoding="utf-8")))
    assert called == set(MACROS), f"called but not registered: {called - set(MACROS)}; " \
                                  f"registered but never called: {set(MACROS) - called}"
