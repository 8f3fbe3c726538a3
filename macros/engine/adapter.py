"""The engine adapter: the only code that reads the engine's objects (`env`, `env.conf`,
`env.page`). Everything below it takes plain values.

It runs under two macros environments, told apart by what `env` offers, never by a copy:
mkdocs-macros (MkDocs or ProperDocs) calls `define_env` once per build with no page yet,
then `on_pre_page_macros` per page and `on_post_build` once; Zensical's
`zensical.extensions.macros` calls only `define_env`, once per page, with `env.page` set
(its own page object: `path` and `url`, no `file` or `canonical_url`) and `env.conf` a
plain dict. See DEVELOPERS.md, "Engines".

What the pages can call is declared in render/registry.py and checklists/kinds.py.
`define_env` runs once per build (also on every `serve` rebuild): it loads and validates
the data once, then registers one macro per registry entry.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from ..data.model import Guide
from ..data.problems import DataError
from ..postbuild import pipeline
from ..postbuild.minify import MINIFIERS
from ..postbuild.preview_cards import page_cards
from ..render.registry import MACROS, SiteInputs
from ..render.renderer import GuideRenderer, data_note, data_report
from ..render.glance import footer_disclaimer
from ..site import deploy, escaping
from ..site.config import SiteConfig, plugin_options, primary_colour, serving, updating_links_lock
from ..site.manifest import read_manifest
from ..site.pages import out_of_search
from ..site.previews import HEIGHT, WIDTH
from ..site.urls import absolute, address_of
from ..validate.load import load_guide, site_pages

# The pages' link-preview pictures (postbuild/preview_cards.Card by docs path), between
# define_env and on_pre_page_macros.
PREVIEW_CARDS = "_preview_cards"
# Under "mkdocs." so the report shows with the build's own messages.
log = logging.getLogger("mkdocs.plugins.guide")


class _Macro:
    """One registry entry as a macro: renders it as called from the current page."""

    def __init__(self, env, renderer: GuideRenderer, name: str):
        self.env, self.renderer, self.name = env, renderer, name
        self.entry = MACROS[name]
        self.__doc__ = self.entry.doc

    def __call__(self, *args: str) -> str:
        page = self.env.page
        canonical = _canonical_url(self.env, page)
        schema_org = getattr(self.entry, "schema_org", None)
        if schema_org:
            # The page showing these records carries their schema.org description, which
            # overrides/partials/structured-data.html writes into the page as JSON-LD.
            url = canonical or page.abs_url
            page.meta.setdefault("structured_data", []).extend(schema_org(self.renderer.guide, url))
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
    return absolute(site_url, page.url)


def _serving() -> bool:
    """Whether the engine serves (live reload) rather than builds: told by
    hooks/engine_command.py under MkDocs; Zensical runs no hooks, so its command line says."""
    return serving() or sys.argv[1:2] == ["serve"]


def _build_error(report: str) -> Exception:
    """What stops a build with `report`: MkDocs' PluginError (its message, no traceback)
    where MkDocs is installed; a plain error under Zensical, which reports any."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:
        return RuntimeError(report)
    return PluginError(report)


def _plugin_options(plugins, name: str) -> dict:
    """One plugin's options: MkDocs' plugin collection holds plugin objects (with their
    `config`); a plain config (Zensical's) holds a list or mapping of options."""
    if isinstance(plugins, dict):
        plugin = plugins.get(name)
        if plugin is None:
            return {}
        return dict(plugin.config) if hasattr(plugin, "config") else dict(plugin or {})
    return plugin_options(plugins or [], name)


def _theme_setting(theme, name: str):
    """A theme setting: MkDocs' Theme object (items, `custom_dir` an attribute) or a mapping."""
    if theme is None:
        return None
    if name == "custom_dir" and hasattr(theme, "custom_dir"):
        return theme.custom_dir
    try:
        return theme[name]
    except (KeyError, TypeError):
        return None


def site_config(conf) -> SiteConfig:
    """The settings our stages read, from the config the engine was given."""
    settings = (conf.get("extra") or {}).get("offline") or {}
    plugins = conf.get("plugins")
    theme = conf.get("theme")
    languages = _plugin_options(plugins, "search").get("lang") or ["en"]
    return SiteConfig(
        site_url=conf.get("site_url") or "/",
        redirects={str(old): str(new) for old, new in
                   (_plugin_options(plugins, "redirects").get("redirect_maps") or {}).items()},
        site_name=conf.get("site_name") or "", site_description=conf.get("site_description") or "",
        offline_enabled=bool(settings.get("enabled", True)),
        offline_short_name=settings.get("short_name") or conf.get("site_name") or "",
        primary_colour=primary_colour(_theme_setting(theme, "palette")),
        search_languages=frozenset([languages] if isinstance(languages, str) else languages),
        theme_dir=_theme_setting(theme, "custom_dir") or None)


def offline_app_linked(conf) -> bool:
    """Whether pages link the manifest and register the worker: as mkdocs.yml says, but not
    while serving, where a cached page would hide every edit and defeat live reload."""
    return site_config(conf).offline_enabled and not _serving()


# Our stylesheet, inlined in every page's head (overrides/main.html): no request of ours
# stands between the reader and the first paint.
STYLESHEET = Path("assets") / "stylesheets" / "guide.css"


def inline_stylesheet(config: SiteConfig) -> str:
    """Our stylesheet minified, for a <style> element; empty without a theme folder."""
    if not config.theme_dir or not (Path(config.theme_dir) / STYLESHEET).is_file():
        return ""
    return MINIFIERS[".css"]((Path(config.theme_dir) / STYLESHEET).read_text(encoding="utf-8"))


def define_env(env) -> None:
    """Load the guide once for this build (under Zensical: for this page) and register
    its component macros."""
    try:
        # Before anything else: a deploy build without the real address stops here.
        deploy.check_site_url(env.conf.get("site_url"), dict(os.environ))
    except deploy.NotPublishable as error:
        raise _build_error(str(error)) from None
    env.conf["extra"]["offline_app"] = offline_app_linked(env.conf)
    env.conf["extra"]["guide_css"] = inline_stylesheet(site_config(env.conf))
    if _per_page(env):
        # Zensical's theme reads the config from before the macros ran, and each page's meta
        # as they leave it.
        env.page.meta["guide_css"] = env.conf["extra"]["guide_css"]
    data_dir = Path(env.project_dir) / "data"
    docs_files = site_pages(env.conf["docs_dir"])
    env.variables.pop("data_note", None)
    try:
        # `make links-lock` builds to find new addresses: the manifest may lack them then.
        guide = load_guide(data_dir, docs_files, check_manifest=not updating_links_lock())
    except DataError as error:
        report = "The guide data is invalid:\n" + error.report()
        guide = _valid_but_for_the_manifest(data_dir, docs_files) if _serving() else None
        if guide is not None:
            # Serving data whose only problems are the bookkeeping (a new id not yet in
            # links.lock): show the site, so the editor can preview the new record, with the
            # problems in a note at the top of each page. `make build` still stops.
            log.info(report)
            env.variables["data_note"] = error.report()
        elif _serving():
            # Serving: keep the server up, show the report on every page, and pick up
            # the fix on the next save. Logged as info: under `strict`, a warning would
            # abort the first build and with it the server.
            log.info(report)
            env.variables["data_report"] = report
            env.variables["guide"] = _InvalidGuide()
            env.filter(escaping.markdown_text, "md")
            # Under Zensical, whose environment does not hold the page's Markdown, the page's
            # first macro shows the report instead.
            shows = _shows_the_report_once(report) if _per_page(env) else _shows_nothing
            for name in MACROS:
                env.macro(shows, name)
            return
        else:
            # A PluginError makes `mkdocs build` stop with this report and no traceback.
            raise _build_error(report) from None
    env.variables.pop("data_report", None)
    site = SiteInputs(tuple(read_manifest(data_dir)), docs_files, env.conf.get("site_url") or "/",
                      docs_dir=env.conf["docs_dir"])
    # Jinja's cache (a private per-user temp directory) keyed by each template's source, so
    # a fresh `mkdocs build` does not compile unchanged templates again.
    renderer = GuideRenderer(guide, bytecode_cache=FileSystemBytecodeCache(), site=site)
    env.variables["guide"] = guide
    # The theme's footer (overrides/partials/copyright.html) shows the one-line disclaimer on
    # every page, the 404 page too, which no macro renders.
    env.conf.setdefault("extra", {})["guide_disclaimer"] = footer_disclaimer(
        guide, address_of(renderer.pages.of(guide.guide.disclaimer.id)))
    if _per_page(env):
        env.page.meta["guide_disclaimer"] = env.conf["extra"]["guide_disclaimer"]
    # Pages write data into headings and intros ({{ guide.technique.title | md }}): text,
    # escaped for Markdown like everything the templates write.
    env.filter(escaping.markdown_text, "md")
    for name in MACROS:
        env.macro(_Macro(env, renderer, name), name)
    # Link-preview pictures, drawn after the build by the post-build pipeline (under
    # Zensical, `python -m macros postbuild`, which `make build-zensical` runs).
    env.variables[PREVIEW_CARDS] = {card.page: card for card in page_cards(guide, docs_files, env.conf.get("site_url"))}
    if _per_page(env):
        # Zensical has no page hooks: what on_pre_page_macros does is done here.
        on_pre_page_macros(env)


def _valid_but_for_the_manifest(data_dir: Path, docs_files):
    """The guide when the link manifest is all that is wrong with it, else None."""
    try:
        return load_guide(data_dir, docs_files, check_manifest=False)
    except DataError:
        return None


def on_pre_page_macros(env) -> None:
    """Keep the checklists' pages out of search (site/pages.py out_of_search). Give each
    page its title and description from data (guide.yml `pages:`), which
    the theme puts in <title>, the meta description and the link-preview tags; while
    serving invalid data, show the report instead of the page."""
    if out_of_search(_source_path(env.page)):
        # Material's search plugin reads this when it indexes the page, after the macros.
        env.page.meta["search"] = {**(env.page.meta.get("search") or {}), "exclude": True}
    report = env.variables.get("data_report")
    if report is not None:
        # The report instead of the page: its own words may link to anchors the invalid
        # data no longer renders (about.md to a reference), which `strict` would refuse.
        env.markdown = data_report(report)
        return
    note = env.variables.get("data_note")
    if note is not None:
        env.markdown = data_note(note) + "\n\n" + env.markdown
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
        env.page.meta["preview_image"] = absolute(site_url, card.path)
        env.page.meta["preview_image_alt"] = escaping.html_text(card.alt)
        env.page.meta["preview_image_size"] = [WIDTH, HEIGHT]


def on_post_build(env) -> None:
    """Finish the built site: the post-build pipeline (postbuild/pipeline.py)."""
    guide = env.variables.get("guide")
    pipeline.run(pipeline.BuiltSite(
        site_dir=Path(env.conf["site_dir"]), config=site_config(env.conf),
        guide=guide if isinstance(guide, Guide) else None,
        docs_pages=site_pages(env.conf["docs_dir"]),
        manifest=tuple(read_manifest(Path(env.project_dir) / "data")),
        offline_app=env.conf["extra"].get("offline_app", False)))


class _InvalidGuide:
    """`guide` while the data is invalid: every field a page reads is empty."""

    def __getattr__(self, name: str) -> "_InvalidGuide":
        return self

    def __str__(self) -> str:
        return ""


def _shows_the_report_once(report: str):
    """A component while the data is invalid under Zensical: the first one a page calls
    shows the report, the others nothing."""
    shown = []

    def component(*args, **kwargs) -> str:
        if shown:
            return ""
        shown.append(True)
        return data_report(report)

    return component


def _shows_nothing(*args, **kwargs) -> str:
    """A component while the data is invalid: the page shows the report instead."""
    return ""
