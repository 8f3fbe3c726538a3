"""Which pages the built site has, found in its sitemap, so browser tests cover every
page (including pages added later) without a hand-kept list."""

from __future__ import annotations

import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

from support import site_base_path

_SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# A path no page will ever have: the host answers it with the site's 404 page.
MISSING_PAGE = "no-such-page-here/"


def sitemap_pages(site: Path) -> list[str]:
    """Every page in the built sitemap as a path relative to the site root ("" = home)."""
    base = site_base_path()
    pages = []
    for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", _SITEMAP_NS):
        path = urllib.parse.urlsplit(loc.text.strip()).path
        assert path.startswith(base), f"sitemap entry {loc.text} is outside the site's path {base}"
        pages.append(path[len(base):])
    assert pages, "the sitemap lists no pages"
    return pages


def page_file(site: Path, page: str) -> Path:
    """The built HTML file of a sitemap page."""
    return site / page / "index.html" if page == "" or page.endswith("/") else site / page


def reader_pages(site: Path) -> list[str]:
    """Every page a reader can land on: the sitemap's pages and the 404 page."""
    return [*sitemap_pages(site), MISSING_PAGE]
