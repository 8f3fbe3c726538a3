"""Macros entry point: the only module that knows the engine exists.

It runs under two macros environments, told apart by what `env` offers, never by a copy:
mkdocs-macros (MkDocs or ProperDocs) calls `define_env` once per build with no page yet,
then `on_pre_page_macros` per page and `on_post_build` once; Zensical's
`zensical.extensions.macros` calls only `define_env`, once per page, with `env.page` set
(its own page object: `path` and `url`, no `file` or `canonical_url`) and `env.conf` a
plain dict. See README, "Engines".

What the pages can call is declared in components.py (the registry): read that first.
`define_env` runs once per build (also on every `mkdocs serve` rebuild): it loads and
validates the data once, then registers one macro per registry entry. The package's
modules are reloaded first when their files changed, because mkdocs-macros imports this
package once and keeps it cached, so without the reload an edit to the core would not
show until the server restarts.
"""

from __future__ import annotations

import ast
import graphlib
import importlib
import logging
import os
import pkgutil
import sys
import urllib.parse
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from .model import Guide

from . import (assets, components, deploy, escaping, glance, link_index, loading, offline, preview_card,
               rendering, search_index, validation)

# The pages' link-preview pictures (preview_card.Card by docs path), between define_env
# and on_post_build.
PREVIEW_CARDS = "_preview_cards"
# Set by hooks/engine_command.py: "serve" or "build".
COMMAND_VARIABLE = "GUIDE_ENGINE_COMMAND"
# Under "mkdocs." so the report shows with the build's own messages.
log = logging.getLogger("mkdocs.plugins.guide")


def _package_modules() -> list[str]:
    """Every module of this package (not this file), each after the modules it imports,
    so a reload sees its dependencies' new code."""
    here = Path(__file__).parent
    graph = {}
    for info in pkgutil.iter_modules([str(here)]):
        if info.ispkg:
            continue
        tree = ast.parse((here / f"{info.name}.py").read_text(encoding="utf-8"))
        graph[info.name] = {
            name
            for node in _load_time_nodes(tree) if isinstance(node, ast.ImportFrom) and node.level == 1
            for name in ([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
        }
    return [f"{__name__}.{name}" for name in graphlib.TopologicalSorter(graph).static_order() if name in graph]


def _load_time_nodes(node: ast.AST):
    """The nodes that run when a module is loaded: not the bodies of its functions. An
    import inside a function (which breaks an import cycle: the link index and its checker
    use each other) looks its module up when called, after every reload, so it sets no order."""
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield child
            yield from _load_time_nodes(child)


def _source_stamp() -> tuple[int, ...]:
    return tuple(path.stat().st_mtime_ns for path in sorted(Path(__file__).parent.glob("*.py")))


_loaded_stamp = _source_stamp()


def _reload_core() -> None:
    """Reload the package's loaded modules when one of its files changed since it was
    loaded: `mkdocs serve` picks up edits, and a build does not execute every module
    (pydantic models are costly to define) a second time right after importing it."""
    global _loaded_stamp
    stamp = _source_stamp()
    if stamp == _loaded_stamp:
        return
    for name in _package_modules():
        if name in sys.modules:
            importlib.reload(sys.modules[name])
    _loaded_stamp = stamp


class _Macro:
    """One registry entry as a macro: renders it as called from the current page."""

    def __init__(self, env, renderer: rendering.GuideRenderer, name: str):
        self.env, self.renderer, self.name = env, renderer, name
        self.entry = components.MACROS[name]
        self.__doc__ = self.entry.doc

    def __call__(self, *args: str) -> str:
        page = self.env.page
        canonical = _canonical_url(self.env, page)
        if self.entry.describe:
            # The page showing these records carries their schema.org description, which
            # overrides/partials/structured-data.html writes into the page as JSON-LD.
            url = canonical or page.abs_url
            page.meta.setdefault("structured_data", []).extend(self.entry.describe(self.renderer.guide, url))
        return self.renderer.render(self.name, *args, page=_source_path(page), page_url=canonical)


def _per_page(env) -> bool:
    """Zensical's environment: `define_env` runs for each page, which it already holds.
    (mkdocs-macros has no page before the first one is rendered.)"""
    return getattr(env, "page", None) is not None


def _source_path(page) -> str:
    """The page's path in docs/ ("checklists/setup.md"): MkDocs' `page.file.src_uri`,
    Zensical's `page.path`."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def _canonical_url(env, page) -> str | None:
    """The page's full address: MkDocs' `page.canonical_url`; under Zensical, whose page
    has only its `url` (relative to the site), made from `site_url` the same way."""
    if hasattr(page, "canonical_url"):
        return page.canonical_url
    site_url = env.conf.get("site_url")
    if not site_url:
        return None
    return urllib.parse.urljoin(site_url if site_url.endswith("/") else site_url + "/", page.url.lstrip("/"))


def _build_error(report: str) -> Exception:
    """What stops a build with `report`: MkDocs' PluginError (its message, no traceback)
    where MkDocs is installed; a plain error under Zensical, which reports any."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:
        return RuntimeError(report)
    return PluginError(report)


def define_env(env) -> None:
    """Load the guide once for this build (under Zensical: for this page) and register
    its component macros."""
    _reload_core()
    try:
        # Before anything else: a deploy build without the real address stops here.
        deploy.check_site_url(env.conf.get("site_url"), dict(os.environ))
    except deploy.NotPublishable as error:
        raise _build_error(str(error)) from None
    _offline_switch(env.conf)
    data_dir = Path(env.project_dir) / "data"
    docs_files = validation.site_pages(env.conf["docs_dir"])
    try:
        # `make links-lock` builds to find new addresses: the manifest may lack them then.
        guide = validation.load_guide(data_dir, docs_files,
                                      check_manifest=os.environ.get("GUIDE_LINKS_LOCK_UPDATE") != "1")
    except loading.DataError as error:
        report = "The guide data is invalid:\n" + error.report()
        if os.environ.get(COMMAND_VARIABLE) == "serve":
            # Serving: keep the server up, show the report on every page, and pick up
            # the fix on the next save. Logged as info: under `strict`, a warning would
            # abort the first build and with it the server.
            log.info(report)
            env.variables["data_report"] = report
            env.variables["guide"] = _Blank()
            env.filter(escaping.markdown_text, "md")
            for name in components.MACROS:
                env.macro(_nothing, name)
            return
        # A PluginError makes `mkdocs build` stop with this report and no traceback.
        raise _build_error(report) from None
    env.variables.pop("data_report", None)
    site = components.Site(tuple(validation.read_manifest(data_dir)), docs_files, env.conf.get("site_url") or "/",
                           docs_dir=env.conf["docs_dir"])
    # Jinja's cache (a private per-user temp directory) keyed by each template's source, so
    # a fresh `mkdocs build` does not compile unchanged templates again.
    renderer = rendering.GuideRenderer(guide, bytecode_cache=FileSystemBytecodeCache(), site=site)
    env.variables["guide"] = guide
    # The theme's footer (overrides/partials/copyright.html) shows the one-line disclaimer on
    # every page, the 404 page too, which no macro renders.
    env.conf.setdefault("extra", {})["guide_disclaimer"] = glance.footer_disclaimer(
        guide, components.address_of(renderer.pages.of(guide.guide.disclaimer.id)))
    # Pages write data into headings and intros ({{ guide.technique.title | md }}): text,
    # escaped for Markdown like everything the templates write.
    env.filter(escaping.markdown_text, "md")
    for name in components.MACROS:
        env.macro(_Macro(env, renderer, name), name)
    # Link-preview pictures, drawn after the build (on_post_build), which Zensical does not
    # run: its pages then name no picture rather than a missing one.
    env.variables[PREVIEW_CARDS] = {} if _per_page(env) else {
        card.page: card for card in preview_card.cards(
            guide, link_index.page_titles(guide, docs_files), env.conf.get("site_url") or "", renderer.pages)}
    if _per_page(env):
        # Zensical has no page hooks: what on_pre_page_macros does is done here.
        on_pre_page_macros(env)


def on_pre_page_macros(env) -> None:
    """Keep the checklists' pages out of search (components.out_of_search). Give each
    page its title and description from data (guide.yml `pages:`), which
    the theme puts in <title>, the meta description and the link-preview tags; while
    serving invalid data, put the report at the top of the page instead."""
    if components.out_of_search(_source_path(env.page)):
        # Material's search plugin reads this when it indexes the page, after the macros.
        env.page.meta["search"] = {**(env.page.meta.get("search") or {}), "exclude": True}
    report = env.variables.get("data_report")
    if report is not None:
        env.markdown = rendering.data_report(report) + "\n\n" + env.markdown
        return
    preview = env.variables["guide"].guide.pages.get(_source_path(env.page))
    if preview is not None:
        # Escaped here, once: Material's templates write both into the page unescaped
        # (<title>, the meta description, the header, the navigation).
        env.page.meta["description"] = escaping.html_text(preview.description)
        if preview.title is not None:
            env.page.meta["title"] = escaping.html_text(preview.title)
    card = env.variables.get(PREVIEW_CARDS, {}).get(_source_path(env.page))
    site_url = env.conf.get("site_url")
    if card is not None and site_url:
        # Absolute: a preview fetcher reads the tag without knowing the page's address.
        env.page.meta["preview_image"] = urllib.parse.urljoin(
            site_url if site_url.endswith("/") else site_url + "/", card.path)
        env.page.meta["preview_image_alt"] = escaping.html_text(card.alt)
        env.page.meta["preview_image_size"] = (preview_card.WIDTH, preview_card.HEIGHT)


def on_post_build(env) -> None:
    """Make the search index one entry per record (search_index.py), write the link
    index (links.json) and the link-preview pictures, minify our own CSS and JS in the
    built site (the sources keep their comments), then write the offline app, which
    hashes the final files."""
    guide = env.variables.get("guide")
    if isinstance(guide, Guide):
        search_index.rewrite(env.conf["site_dir"], guide)
        _write_link_index(env, guide)
        cards = list(env.variables.get(PREVIEW_CARDS, {}).values())
        preview_card.write_cards(env.conf["site_dir"], cards,
                                 {card.page: preview_card.card_picture(card, guide) for card in cards if card.figure})
    theme_dir = env.conf["theme"].custom_dir
    if theme_dir:
        assets.minify_built_assets(theme_dir, env.conf["site_dir"])
    _write_offline_app(env.conf)


def _redirects(conf) -> dict[str, str]:
    """mkdocs-redirects' `redirect_maps` from the config the build was given."""
    plugin = conf["plugins"].get("redirects") if hasattr(conf["plugins"], "get") else None
    return dict(plugin.config.get("redirect_maps") or {}) if plugin is not None else {}


def _write_link_index(env, guide: Guide) -> None:
    """links.json at the site root (link_index.py), from the data, the manifest, the
    redirects and the `site_url` this build was given."""
    index = link_index.link_index(
        guide, validation.read_manifest(Path(env.project_dir) / "data"), validation.site_pages(env.conf["docs_dir"]),
        _redirects(env.conf), env.conf["site_url"] or "/")
    link_index.write(env.conf["site_dir"], index)


# --- Offline reading (issue 18): settings from mkdocs.yml `extra.offline` ---

def _offline_switch(conf) -> None:
    """Tell the theme whether pages link the manifest and register the worker: not
    while serving, where a cached page would hide every edit and defeat live reload."""
    settings = conf["extra"].get("offline") or {}
    serving = os.environ.get(COMMAND_VARIABLE) == "serve"
    conf["extra"]["offline_app"] = bool(settings.get("enabled", True)) and not serving


def _write_offline_app(conf) -> None:
    settings = conf["extra"].get("offline") or {}
    search = conf["plugins"].get("search")
    languages = set(search.config.lang or ["en"]) if search else {"en"}
    exclude = offline.EXCLUDE
    if languages - {"en"}:
        # Material's search worker loads lunr's language support for these.
        exclude = tuple(pattern for pattern in exclude if not pattern.startswith("assets/javascripts/lunr/"))
    primary = next((p.get("primary") for p in conf["theme"]["palette"] or [] if p.get("primary")), None) \
        if isinstance(conf["theme"]["palette"], list) else (conf["theme"]["palette"] or {}).get("primary")
    offline.write_offline_app(
        conf["site_dir"], site_url=conf["site_url"], name=conf["site_name"],
        short_name=settings.get("short_name") or conf["site_name"], description=conf["site_description"] or "",
        primary=primary, enabled=conf["extra"].get("offline_app", False), exclude=exclude)


class _Blank:
    """`guide` while the data is invalid: every field a page reads is empty."""

    def __getattr__(self, name: str) -> "_Blank":
        return self

    def __str__(self) -> str:
        return ""


def _nothing(*args, **kwargs) -> str:
    """A component while the data is invalid: the page shows the report instead."""
    return ""
