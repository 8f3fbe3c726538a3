"""Every docs page's Markdown for a project, rendered the way mkdocs-macros renders it,
without MkDocs: the project's own `define_env` registers its macros and variables on a
stand-in for the plugin, and each page is rendered as a Jinja template with them.

Fast enough to run per data mutation; real `mkdocs build` runs check the same path end
to end (test_data_build.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from unittest import mock

import jinja2
import markdown

import macros
from macros.site import escaping
from macros.render import renderer as rendering
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

    def filter(self, function, name: str | None = None):
        _page_environment().filters[name or function.__name__] = function
        return function


@cache
def _config() -> dict:
    return load_config()


@cache
def _page_environment() -> jinja2.Environment:
    """The Jinja environment pages render in (mkdocs-macros'), with the filters define_env adds."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters["md"] = escaping.markdown_text
    return env


@cache
def _page_templates() -> dict[str, jinja2.Template]:
    env = _page_environment()
    docs = ROOT / "docs"
    return {path.relative_to(docs).as_posix(): env.from_string(FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))
            for path in sorted(docs.rglob("*.md"))}


@cache
def _qr_svg(url: str) -> str:
    return _REAL_QR_SVG(url)


_REAL_QR_SVG = getattr(rendering, "qr_svg", None)


def page_markdown(project_dir: Path, only: set[str] | None = None) -> dict[str, tuple[str, dict]]:
    """Each docs page (by path in docs/; those in `only`): its Markdown and the page meta
    (title, description: HTML, as the theme writes it) that macros set."""
    config = _config()
    env = _env_for(project_dir, config)
    pages = {}
    for name, template in _page_templates().items():
        if only is not None and name not in only:
            continue
        env.page = _Page(name, f"{config['site_url']}{name.removesuffix('.md')}/")
        if hasattr(macros, "on_pre_page_macros"):
            macros.on_pre_page_macros(env)
        pages[name] = (template.render(**env.variables, **env.macros), dict(env.page.meta))
    return pages


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with the site's own extensions and settings (mkdocs.yml)."""
    extensions, configs = [], {}
    for item in _config()["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if settings:
            configs[name] = settings
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def page_html(project_dir: Path, only: set[str] | None = None) -> dict[str, tuple[str, dict]]:
    """Each docs page's content as HTML (Markdown converted as the site converts it), with its meta."""
    converter = site_markdown()
    pages = {}
    for name, (text, meta) in page_markdown(project_dir, only).items():
        pages[name] = (converter.reset().convert(text), meta)
    return pages


def page_texts(project_dir: Path) -> dict[str, str]:
    """Each docs page's text, cheaply: its Markdown with the escapes the renderer adds
    undone (backslashes, entities), then the title and description macros put in its
    <head>. Converting every page to HTML per data mutation would cost ~1 s a case;
    test_hostile_data.py converts for real."""
    return {name: "\n".join([html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", body)),
                             *(html.unescape(str(v)) for v in meta.values())])
            for name, (body, meta) in page_markdown(project_dir).items()}


_BACKSLASH_ESCAPE = re.compile(r"\\(.)")


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
