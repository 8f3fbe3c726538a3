"""mkdocs-macros entry point: the only module that knows MkDocs and mkdocs-macros exist.

`define_env` runs once per build (also on every `mkdocs serve` rebuild): it loads and
validates the data once, then registers one macro per component. The core modules are
reloaded first when their files changed, because mkdocs-macros imports this package once
and keeps it cached, so without the reload an edit to the core would not show until the
server restarts.
"""

from __future__ import annotations

import importlib
import logging
import posixpath
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from . import (assets, checks, citations, glance, links, loading, messages, model, printfit, qr, rendering,
               structured_data, validation)

# Dependency order: a module is reloaded after the modules it imports.
_CORE = (loading, model, checks, citations, links, messages, validation, printfit, qr, glance, rendering,
         structured_data, assets)

COMPONENTS = (
    "intro", "what_is", "summary", "disclaimer", "corrections", "at_a_glance",
    "technique_steps", "safety_tips", "mistake_cards", "muscle_table", "muscle_details",
    "benefits", "variations", "frequency", "programming_table", "progression_route",
    "sample_session", "faq", "references", "checklist_index",
)
# One macro per kind of checklist; each is called with a checklist id.
CHECKLIST_KINDS = ("tick_checklist", "fault_finder", "progression_tracker", "session_card")
# Under "mkdocs." so `mkdocs build --strict` counts the warning and stops.
log = logging.getLogger("mkdocs.plugins.checklists")


def _source_stamp() -> tuple[int, ...]:
    return tuple(Path(module.__file__).stat().st_mtime_ns for module in _CORE)


_loaded_stamp = _source_stamp()


def _reload_core() -> None:
    """Reload the core when one of its files changed since it was loaded: `mkdocs serve`
    picks up edits, and a build does not execute every module (pydantic models are costly
    to define) a second time right after importing it."""
    global _loaded_stamp
    stamp = _source_stamp()
    if stamp == _loaded_stamp:
        return
    for module in _CORE:
        importlib.reload(module)
    _loaded_stamp = stamp


def define_env(env) -> None:
    """Load the guide once for this build and register its component macros."""
    from mkdocs.exceptions import PluginError

    _reload_core()
    data_dir = Path(env.project_dir) / "data"
    docs_files = validation.site_pages(env.conf["docs_dir"])
    try:
        guide = validation.load_guide(data_dir, docs_files)
    except loading.DataError as error:
        # A PluginError makes `mkdocs build` stop with this report and no traceback, and
        # lets `mkdocs serve` keep running and recover once the data is fixed.
        raise PluginError("The guide data is invalid:\n" + error.report()) from None
    # Jinja's cache (a private per-user temp directory) keyed by each template's source, so
    # a fresh `mkdocs build` does not compile unchanged templates again.
    renderer = rendering.GuideRenderer(guide, bytecode_cache=FileSystemBytecodeCache())
    env.variables["guide"] = guide
    # The theme's footer (overrides/partials/copyright.html) shows the one-line disclaimer on
    # every page, the 404 page too, which no macro renders.
    env.conf.setdefault("extra", {})["guide_disclaimer"] = glance.footer_disclaimer(guide)

    def page_root() -> str:
        # Relative path from the calling page to the docs root, for cross-page links.
        depth = posixpath.dirname(env.page.file.src_uri).count("/") + 1 if "/" in env.page.file.src_uri else 0
        return "../" * depth

    def describe(describer) -> None:
        # The page showing these records carries their schema.org description, which
        # overrides/partials/structured-data.html writes into the page as JSON-LD.
        url = env.page.canonical_url or env.page.abs_url
        env.page.meta.setdefault("structured_data", []).extend(describer(guide, url))

    for name in COMPONENTS:
        render = getattr(renderer, name)
        describer = structured_data.DESCRIBERS.get(name)
        env.macro(_bind(render, page_root, describer and (lambda d=describer: describe(d))), name)
    manifest = links.read_manifest(data_dir / "links.lock")

    def link_index() -> str:
        """Every linkable unit by section with its permanent addresses."""
        return renderer.link_index(manifest, docs_files, page_root())

    env.macro(link_index, "link_index")
    for name in CHECKLIST_KINDS:
        env.macro(_bind_checklist(getattr(renderer, name), page_root, lambda: env.page.canonical_url,
                                  lambda checklist_id: _warn_if_too_long(renderer, checklist_id)), name)


def on_pre_page_macros(env) -> None:
    """Give each page its title and description from data (guide.yml `pages:`), which
    the theme puts in <title>, the meta description and the link-preview tags."""
    preview = env.variables["guide"].guide.pages.get(env.page.file.src_uri)
    if preview is not None:
        env.page.meta["description"] = preview.description
        if preview.title is not None:
            env.page.meta["title"] = preview.title


def on_post_build(env) -> None:
    """Minify our own CSS and JS in the built site (the sources keep their comments)."""
    theme_dir = env.conf["theme"].custom_dir
    if theme_dir:
        assets.minify_built_assets(theme_dir, env.conf["site_dir"])


def _bind(render, page_root, describe=None):
    def macro() -> str:
        if describe:
            describe()
        return render(page_root())

    macro.__doc__ = render.__doc__
    return macro


def _warn_if_too_long(renderer, checklist_id: str) -> None:
    fit = renderer.print_fit(checklist_id)
    if not fit.fits:
        log.warning(
            f"Checklist '{checklist_id}' no longer fits on one printed page: its estimated height is "
            f"{fit.share:.0%} of a portrait A4/US Letter page. Shorten its items, list fewer in "
            f"data/checklists.yml, or make its layout denser there (paper: {{columns: 2, text: small}}).")


def _bind_checklist(render, page_root, page_url, check_fit):
    def macro(checklist_id: str) -> str:
        markdown = render(checklist_id, page_root(), page_url())
        check_fit(checklist_id)
        return markdown

    macro.__doc__ = render.__doc__
    return macro
