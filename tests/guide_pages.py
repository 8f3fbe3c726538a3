"""Every docs page's Markdown for a project, rendered the way mkdocs-macros renders it,
without MkDocs: the project's own `define_env` registers its macros and variables on a
stand-in for the plugin, and each page is rendered as a Jinja template with them.

Fast enough to run per data mutation; real `mkdocs build` runs check the same path end
to end (test_data_build.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from unittest import mock

import jinja2

import macros
from macros import rendering
from support import ROOT, load_config

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass
class _Page:
    """The parts of an MkDocs page that macros read."""

    src_uri: str
    canonical_url: str
    meta: dict = field(default_factory=dict)

    @property
    def file(self):
        return self


class _Env:
    """The parts of the mkdocs-macros plugin that `define_env` uses."""

    def __init__(self, project_dir: Path, config: dict):
        self.project_dir = str(project_dir)
        self.conf = {**config, "docs_dir": str(ROOT / "docs")}
        self.variables: dict = {"config": config}
        self.macros: dict = {}
        self.page: _Page | None = None

    def macro(self, function, name: str | None = None):
        self.macros[name or function.__name__] = function
        return function


@cache
def _config() -> dict:
    return load_config()


@cache
def _page_templates() -> dict[str, jinja2.Template]:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    docs = ROOT / "docs"
    return {path.relative_to(docs).as_posix(): env.from_string(FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))
            for path in sorted(docs.rglob("*.md"))}


@cache
def _qr_svg(url: str) -> str:
    return _REAL_QR_SVG(url)


_REAL_QR_SVG = getattr(rendering, "qr_svg", None)


def page_texts(project_dir: Path) -> dict[str, str]:
    """Each docs page (by path in docs/): its Markdown, then the title and description
    that macros put in its <head>."""
    config = _config()
    env = _env_for(project_dir, config)
    pages = {}
    for name, template in _page_templates().items():
        env.page = _Page(name, f"{config['site_url']}{name.removesuffix('.md')}/")
        if hasattr(macros, "on_pre_page_macros"):
            macros.on_pre_page_macros(env)
        markdown = template.render(**env.variables, **env.macros)
        pages[name] = "\n".join([markdown, *(str(v) for v in env.page.meta.values())])
    return pages


def _env_for(project_dir: Path, config: dict) -> _Env:
    env = _Env(project_dir, config)
    macros.define_env(env)
    if _REAL_QR_SVG:
        # The same QR code, drawn once per address (drawing one takes ~0.1 s).
        env.macros = {name: _with_cached_qr(function) for name, function in env.macros.items()}
    return env


def _with_cached_qr(function):
    def call(*args, **kwargs):
        with mock.patch.object(rendering, "qr_svg", _qr_svg):
            return function(*args, **kwargs)

    return call
