"""Reading the built site as text, the way a reader (or a search engine) sees it."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

# Site chrome that is not content: navigation, header, footer, search, table of contents.
CHROME = "header, nav, footer, .md-sidebar, .md-search, script, style, .headerlink"


def normalize(text: str) -> str:
    """Collapse whitespace and case so text compares the same wherever it is rendered."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def page_soups(site: Path) -> dict[str, BeautifulSoup]:
    """Every built HTML page (but the 404 page) by its path relative to the site root."""
    return {
        str(path.relative_to(site)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html"
    }


def content_text(soup: BeautifulSoup) -> str:
    """The normalized text of a page's main content, without site chrome."""
    article = soup.select_one("article") or soup.body
    article = BeautifulSoup(str(article), "html.parser")
    for element in article.select(CHROME):
        element.decompose()
    return normalize(article.get_text())
