"""Link previews: a pasted link shows the page's title and description, taken from data
(guide.yml `pages:`), with Open Graph tags and a canonical URL on the site's own host."""

from __future__ import annotations

import re

import pytest
import yaml

from macros.links.built import built_pages
from site_text import page_soups
from support import ROOT, load_config

DOCS = ROOT / "docs"
SITE_URL = load_config()["site_url"]


def address_of(src: str) -> str:
    """The address a docs file is served at: technique.md -> /technique/, a/index.md -> /a/."""
    stem = src.removesuffix(".md")
    return "/" + (stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/")


def previews(guide) -> dict[str, object]:
    return {address_of(src): preview for src, preview in guide.guide.pages.items()}


@pytest.fixture(scope="module")
def heads(built_site) -> dict:
    """Each built page's <head> by its address."""
    return {"/" + page.removesuffix("index.html"): soup.head for page, soup in page_soups(built_site).items()}


def test_every_page_has_a_preview_in_the_data(built_site, guide):
    pages = {address for address, page in built_pages(built_site).items() if page.redirect is None}
    assert set(previews(guide)) == pages, (
        "data/guide.yml `pages:` must describe exactly the built pages; "
        f"missing: {sorted(pages - set(previews(guide)))}, unknown: {sorted(set(previews(guide)) - pages)}")


def test_description_and_title_come_from_the_data(heads, guide):
    for address, preview in previews(guide).items():
        head = heads[address]
        descriptions = head.select('meta[name="description"]')
        assert [d["content"] for d in descriptions] == [preview.description], f"{address}: meta description"
        assert head.select_one('meta[property="og:description"]')["content"] == preview.description
        title = head.select_one('meta[property="og:title"]')["content"]
        if preview.title:
            assert title == preview.title, f"{address}: og:title"
        assert head.title.get_text().startswith(title), f"{address}: <title> and og:title disagree"


def test_canonical_and_og_url_are_the_page_s_public_address(heads, guide):
    for address in previews(guide):
        head = heads[address]
        canonical = [link["href"] for link in head.select('link[rel="canonical"]')]
        expected = SITE_URL.rstrip("/") + address
        assert canonical == [expected], f"{address}: canonical {canonical}"
        assert head.select_one('meta[property="og:url"]')["content"] == expected
        assert head.select_one('meta[property="og:type"]')["content"] == "website"


def test_no_docs_page_keeps_its_own_title_or_description():
    typed = []
    for path in sorted(DOCS.rglob("*.md")):
        front = re.match(r"^---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
        if front and {"title", "description"} & set(yaml.safe_load(front.group(1)) or {}):
            typed.append(str(path.relative_to(ROOT)))
    assert not typed, "titles and descriptions live in data/guide.yml `pages:`, not front matter: " + ", ".join(typed)


def test_the_head_loads_nothing_from_another_host(built_site):
    foreign = []
    for page, soup in page_soups(built_site).items():
        for element in soup.head.select("link[href], script[src], meta[content]"):
            url = element.get("href") or element.get("src") or element.get("content")
            if re.match(r"^(https?:)?//", url) and not url.startswith(SITE_URL):
                foreign.append(f"{page}: {url}")
    assert not foreign, "third-party URLs in <head>:\n  " + "\n  ".join(foreign)


def test_address_of_follows_directory_urls():
    assert [address_of(s) for s in ("index.md", "faq.md", "checklists/index.md", "checklists/setup.md")] == [
        "/", "/faq/", "/checklists/", "/checklists/setup/"]
