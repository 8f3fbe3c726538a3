"""Page weight: the bytes a first visit to each page transfers, compressed as a host serves them.

Which files a page really loads is observed, not guessed: each page is opened in a fresh
headless Chromium context (empty cache) against a local server that logs every request,
search is opened and queried (so the search worker and index are fetched), and each logged
file is then sized from disk after gzip (level 6, a typical on-the-fly host) and brotli
(quality 11, pre-compressed). The baseline is a plain Material site of the same text:
default theme settings, no custom_dir, extra CSS or macros.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import brotli
import yaml

from project import ROOT, build, load_config, page_url, site_pages, write_variant
from serve import serve
from support import CHROMIUM, CHROMIUM_ARGS

CATEGORIES = ("HTML", "CSS", "JS", "search worker", "search index", "fonts", "other")


def category(path: str) -> str:
    """The kind of asset a site path is."""
    name = path.rsplit("/", 1)[-1]
    if path.endswith(".html") or path.endswith("/") or "." not in name:
        return "HTML"
    if path.endswith("search_index.json"):
        return "search index"
    if "/workers/" in path or "/lunr/" in path:
        return "search worker"
    suffix = name.rsplit(".", 1)[-1].lower()
    return {"css": "CSS", "js": "JS", "woff2": "fonts", "woff": "fonts", "ttf": "fonts", "otf": "fonts"}.get(suffix, "other")


@lru_cache(maxsize=None)
def compressed(path: Path) -> tuple[int, int, int]:
    """(raw, gzip, brotli) byte counts of one file."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6)), len(brotli.compress(data, quality=11))


@dataclass
class PageWeight:
    page: str
    files: dict[str, str] = field(default_factory=dict)  # site path -> category

    def total(self, site: Path, kind: int, only: str | None = None) -> int:
        """Bytes of the page's files (kind 0 raw, 1 gzip, 2 brotli), optionally one category."""
        return sum(compressed(site / p)[kind] for p, c in self.files.items() if only in (None, c))


def _site_path(path: str) -> str:
    path = unquote(path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def observe(site: Path) -> list[PageWeight]:
    """Open every page of `site` cold, open search, and record what it fetched."""
    from playwright.sync_api import sync_playwright

    weights = []
    with serve(site) as (base, log), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for relative in site_pages(site):
                log.clear()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base + page_url(relative), wait_until="load")
                page.keyboard.press("/")  # Material's shortcut that opens search
                page.locator("input.md-search__input").press_sequentially("hip", delay=20)
                page.locator(".md-search-result__item").first.wait_for(timeout=15000)
                page.wait_for_load_state("networkidle")
                context.close()
                files = {}
                for requested in log:
                    path = _site_path(requested)
                    if (site / path).is_file():
                        files[path] = category(path)
                weights.append(PageWeight(relative.as_posix(), files))
        finally:
            browser.close()
    return weights


def make_baseline(work: Path, prerendered: Path, site_url: str | None = None) -> Path:
    """A plain Material site of the same pre-rendered text; return its config."""
    ours = load_config(prerendered)
    config = {
        "site_name": ours.get("site_name", "Guide"),
        "site_url": site_url or ours.get("site_url"),
        "docs_dir": str(prerendered / ours.get("docs_dir", "docs")),
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    if "nav" in ours:
        config["nav"] = ours["nav"]
    work.mkdir(parents=True, exist_ok=True)
    # yaml.dump, not safe_dump: extension options may hold Python callables (!!python/name).
    (work / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False), encoding="utf-8")
    return work / "mkdocs.yml"


def heaviest(weights: list[PageWeight], site: Path, kind: int = 1) -> PageWeight:
    return max(weights, key=lambda w: w.total(site, kind))
