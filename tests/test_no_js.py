"""Without JavaScript every page still reads in full: each heading, paragraph, list item,
table cell and caption of the built page is shown (search is the one thing that needs it)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from axe_audit import VIEWPORTS
from site_pages import reader_pages
from site_text import normalize
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)



pytestmark = pytest.mark.browser

PERMALINK = "¶"  # the permalink glyph: in the rendered text, though see-through until hovered
KEY_TEXT = "h1, h2, h3, h4, h5, h6, p, li, th, td, figcaption, dt, dd, summary, .admonition-title"


def _squash(text: str) -> str:
    # Inline markup splits words differently in parsed text and in rendered text;
    # compare the characters.
    return re.sub(r"\s+", "", normalize(text.replace(PERMALINK, "")))


def _key_texts(html: str) -> list[str]:
    article = BeautifulSoup(html, "html.parser").select_one("article")
    # Permalinks show on hover, the print footer on paper only, and the print button needs
    # JavaScript to work (a <noscript> style hides it).
    # A figure's <title> and <desc> are its accessible name and description, never shown as text.
    # A table cell without a value ("—", data-empty) is left out of a phone's stacked record;
    # the movement's control shows one of its two labels (pause, play) at a time by design.
    for chrome in article.select(".headerlink, script, style, .print-footer, [hidden], .print-button, svg, "
                                 "td[data-empty], .guide-movement__control"):
        chrome.decompose()
    texts = [_squash(element.get_text()) for element in article.select(KEY_TEXT)]
    return [text for text in texts if text]


def test_every_page_reads_in_full_without_javascript(browser, built_site, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    missing = []
    checked = 0
    try:
        for path in reader_pages(built_site):
            response = page.goto(site_url + path, wait_until="load")
            html = response.text()
            assert page.locator("article h1").is_visible(), f"{path}: no visible title without JavaScript"
            # A closed <details> (At a glance on a phone, the link page's lists) opens with a
            # tap and no script: tap each one open, as a reader would.
            closed = page.locator("article details:not([open]) > summary")
            for _ in range(closed.count()):
                closed.first.click()
            shown = _squash(page.locator("article").inner_text())
            for text in _key_texts(html):
                checked += 1
                if text not in shown:
                    missing.append(f"{path}: {text[:80]!r}")
    finally:
        context.close()
    assert checked > 200, f"only {checked} texts compared: is the page parsing broken?"
    assert not missing, "hidden or missing without JavaScript:\n" + "\n".join(missing)

