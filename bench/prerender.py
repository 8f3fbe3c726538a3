"""The pre-rendered copy: every page's macro calls replaced by their Markdown ahead of time.

The project's own `define_env` registers its macros and variables on a stand-in for the
mkdocs-macros env; each page body is then rendered through a Jinja environment holding
exactly those (strict undefined, like the plugin's `on_undefined: strict`), between the
module's page hooks, and written back under front matter holding the page's final meta. The copy builds without any of our Python at build time.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined
from mkdocs.utils.meta import YAML_RE, get_data

from project import ROOT


class MacrosEnv:
    """The part of mkdocs-macros' env that a `define_env(env)` module uses."""

    def __init__(self, project_dir: Path, config: dict):
        self.project_dir = str(project_dir)
        self.conf = config
        self.config = config
        self.variables: dict = {}
        self.macros: dict = {}
        self.filters: dict = {}
        self.page = None
        self.markdown = ""

    def macro(self, function, name: str = ""):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function, name: str = ""):
        self.filters[name or function.__name__] = function
        return function


def _mkdocs(project: Path):
    """The validated MkDocs config and real Page objects (url, canonical_url...) by source path."""
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = mkdocs_config(str(project / "mkdocs.yml"))
    return config, {f.src_uri: Page(None, f, config) for f in get_files(config) if f.is_documentation_page()}


def prerender_docs(project: Path, config: dict, count_calls: bool = False):
    """Replace every Markdown page in `project/docs` by its rendered Markdown; return the pages
    (or, with `count_calls`, how many macro calls the pages made)."""
    # This copy's own macros package, not one imported earlier from another copy.
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    sys.path.insert(0, str(project))
    try:
        module = importlib.import_module("macros")
        env = MacrosEnv(project, config)
        module.define_env(env)
    finally:
        sys.path.remove(str(project))
    calls = 0

    def counted(function):
        def call(*args, **kwargs):
            nonlocal calls
            calls += 1
            return function(*args, **kwargs)
        return call

    mkdocs_config, pages = _mkdocs(project)
    jinja = Environment(undefined=StrictUndefined)
    # The variables mkdocs-macros itself gives every page: `config` and the keys of `extra`.
    jinja.globals.update(mkdocs_config.get("extra") or {})
    jinja.globals["config"] = mkdocs_config
    jinja.globals.update(env.variables)
    jinja.globals.update({name: counted(f) for name, f in env.macros.items()} if count_calls else env.macros)
    jinja.filters.update(env.filters)
    docs = project / config.get("docs_dir", "docs")
    done = []
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = YAML_RE.match(text)
        body = text[match.end():] if match else text
        _, meta = get_data(text)
        src_uri = path.relative_to(docs).as_posix()
        env.page = pages[src_uri]
        env.page.meta = meta
        env.markdown = body
        # mkdocs-macros' per-page hooks, in its order: they may set page.meta or edit the Markdown.
        if hasattr(module, "on_pre_page_macros"):
            module.on_pre_page_macros(env)
        env.markdown = jinja.from_string(env.markdown).render(page=env.page, **env.page.meta)
        if hasattr(module, "on_post_page_macros"):
            module.on_post_page_macros(env)
        # The hooks may set escaped text (markupsafe.Markup, a str the YAML dumper does not know).
        meta = {key: str(value) if isinstance(value, str) else value for key, value in env.page.meta.items()}
        front = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n" if meta else ""
        path.write_text(front + env.markdown + "\n", encoding="utf-8")
        done.append(src_uri)
    return calls if count_calls else done


def main() -> int:
    """Write a pre-rendered copy of the project into the directory given (for inspection)."""
    from project import copy_project, load_config

    out = copy_project(Path(sys.argv[1]))
    for page in prerender_docs(out, load_config(out)):
        print(page)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
