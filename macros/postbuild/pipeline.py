"""The post-build pipeline: the steps that turn a folder of built HTML into our finished
site, in the order they run. Each step is `step(site)`, reading only the built files, the
data and the site config (a `BuiltSite`), never the engine, so every engine's build ends
with the same steps (MkDocs' on_post_build through engine/, or `python -m macros postbuild`).

Adding a step: a function in its own module of this package, added to `STEPS` below at
its place (the offline app stays last: it hashes the final bytes of every file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..data.model import Guide
from ..site.config import SiteConfig
from . import links_json, minify, offline, preview_cards, scripts, search_index, table_labels


@dataclass(frozen=True)
class BuiltSite:
    """What a step reads: the built site's folder, its config, the validated guide (None
    while serving invalid data), the docs pages (path -> Markdown) and the link manifest."""

    site_dir: Path
    config: SiteConfig
    guide: Guide | None
    docs_pages: dict[str, str] = field(default_factory=dict)
    manifest: tuple[str, ...] = ()
    # Whether the pages link the offline app (not while serving: a cached page would hide edits).
    offline_app: bool = True


Step = Callable[[BuiltSite], None]


def write_search_index(site: BuiltSite) -> None:
    """Material's search index made one entry per record (search_index.py)."""
    if site.guide is not None:
        search_index.rewrite(site.site_dir, site.guide)


def write_link_index(site: BuiltSite) -> None:
    """links.json at the site root (links_json.py)."""
    if site.guide is not None:
        links_json.write_link_index(site.site_dir, site.guide, site.manifest, site.docs_pages,
                                    site.config.redirects, site.config.site_url)


def write_preview_pictures(site: BuiltSite) -> None:
    """One link-preview picture per page (preview_cards.py)."""
    if site.guide is not None:
        preview_cards.write_page_cards(site.site_dir, site.guide, site.docs_pages, site.config.site_url)


def label_table_cells(site: BuiltSite) -> None:
    """Each table body cell labelled with its column's header, for phone tables (table_labels.py)."""
    table_labels.label_tables(site.site_dir)


def minify_our_assets(site: BuiltSite) -> None:
    """Our CSS and JS minified in the built site (minify.py); the sources keep their comments."""
    if site.config.theme_dir:
        minify.minify_built_assets(site.config.theme_dir, site.site_dir)


def bundle_our_scripts(site: BuiltSite) -> None:
    """Our scripts as one deferred bundle (scripts.py)."""
    if site.config.theme_dir:
        scripts.write_bundle(site.config.theme_dir, site.site_dir)


def write_offline_app(site: BuiltSite) -> None:
    """The offline app: icons, web manifest, service worker (offline.py). Last: it hashes
    the final bytes of every file it precaches."""
    offline.write_offline_app_for(site.site_dir, site.config, enabled=site.offline_app)


STEPS: tuple[Step, ...] = (
    write_search_index,
    write_link_index,
    write_preview_pictures,
    label_table_cells,
    minify_our_assets,
    bundle_our_scripts,
    write_offline_app,
)


def run(site: BuiltSite, steps: tuple[Step, ...] = STEPS) -> None:
    """Run every step, in order, over the built site."""
    for step in steps:
        step(site)
