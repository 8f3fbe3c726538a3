"""Landing in a real browser: page/#anchor scrolls the target below the sticky header and
highlights it, on a desktop and a phone; search results open a card's own anchor."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import DATA
from macros.site.manifest import read_manifest

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}

# Where the target sits, and where the sticky header ends.
GEOMETRY = """id => {
  const el = document.getElementById(id);
  const box = el.getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, viewport: innerHeight, scrollY: scrollY,
          header: document.querySelector('.md-header').getBoundingClientRect().bottom};
}"""
# How the landed-on element looks: its own paint and that of the row or card it marks.
MARK = """id => {
  const el = document.getElementById(id);
  // An alias or a section's anchor is an empty element: the element holding it is marked.
  const holder = el.matches('.alias-anchor, .section-anchor') ? el.parentElement : null;
  const parts = [el, holder, el.closest('tr'), el.closest('.grid.cards > ul > li')].filter(Boolean);
  return parts.map(e => { const s = getComputedStyle(e); return s.backgroundColor + ' ' + s.boxShadow; });
}"""
NO_TRANSITIONS = "*, *::before { transition: none !important; }"


def sample_by_page() -> dict[str, list[str]]:
    """For every page with anchors: its first, middle and last anchor in the manifest."""
    anchors: dict[str, list[str]] = {}
    for link in read_manifest(DATA):
        address, _, anchor = link.partition("#")
        if anchor:
            anchors.setdefault(address, []).append(anchor)
    return {page: sorted({ids[0], ids[len(ids) // 2], ids[-1]}) for page, ids in anchors.items()}


def open_page(page, url: str) -> None:
    page.goto("about:blank")  # a fresh load, so the browser scrolls to the fragment itself
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)


def test_the_sample_covers_every_page_with_anchors():
    pages = {link.partition("#")[0] for link in read_manifest(DATA) if "#" in link}
    assert set(sample_by_page()) == pages and len(pages) >= 10


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_opening_an_anchor_puts_it_in_view_below_the_header(browser, site_url, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    problems, checked = [], 0
    for address, anchors in sample_by_page().items():
        for anchor in anchors:
            open_page(page, f"{site_url}{address.lstrip('/')}#{anchor}")
            g = page.evaluate(GEOMETRY, anchor)
            checked += 1
            if g["top"] < g["header"] - 0.5:
                problems.append(f"{address}#{anchor}: top {g['top']:.0f}px is under the header (ends {g['header']:.0f}px)")
            elif g["top"] >= g["viewport"]:
                problems.append(f"{address}#{anchor}: top {g['top']:.0f}px is below the viewport ({g['viewport']}px)")
    page.close()
    assert checked >= 30
    assert not problems, f"{viewport}: targets not landed in view:\n  " + "\n  ".join(problems)


def test_the_landed_on_element_is_highlighted(browser, site_url):
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    unmarked = []
    for address, anchors in sample_by_page().items():
        url = f"{site_url}{address.lstrip('/')}"
        open_page(page, url)
        plain = {anchor: page.evaluate(MARK, anchor) for anchor in anchors}
        for anchor in anchors:
            open_page(page, f"{url}#{anchor}")
            if page.evaluate(MARK, anchor) == plain[anchor]:
                unmarked.append(f"{address}#{anchor}")
    page.close()
    assert not unmarked, "landed on without any visible highlight:\n  " + "\n  ".join(unmarked)


# Whether a search result opens `wanted` (path#anchor); the ?h= highlight query is ignored.
OFFERS = """wanted => [...document.querySelectorAll('.md-search-result__item a')]
  .some(a => { const u = new URL(a.href); return u.pathname + u.hash === wanted; })"""


def search(page, site_url: str, words: str) -> None:
    """Type `words` into the site search box, as a reader does."""
    open_page(page, site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.type(words)


def offers(page, wanted: str) -> bool:
    """Whether the results (which update as the reader types) come to offer `wanted`."""
    try:
        page.wait_for_function(OFFERS, arg=wanted, timeout=10_000)
        return True
    except PlaywrightTimeout:
        return False


def units_to_find(guide) -> list[tuple[str, str, str]]:
    """(page, anchor, words a reader would type) for every mistake and muscle."""
    units = [("mistakes/", m.id, m.title) for m in guide.mistakes.mistakes]
    units += [("muscles/", m.id, m.name) for m in guide.muscles.muscles]
    return units


def test_searching_a_card_s_words_offers_its_anchor(browser, site_url, guide):
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    root = urlsplit(site_url).path
    missing = []
    for address, anchor, words in units_to_find(guide):
        search(page, site_url, words)
        if not offers(page, f"{root}{address}#{anchor}"):
            shown = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
            missing.append(f"'{words}': no result opens {address}#{anchor}; shown: {shown[:6]}")
    page.close()
    assert not missing, "search results that do not deep-link:\n  " + "\n  ".join(missing)


def test_a_search_result_opens_the_card_in_view(browser, site_url, guide):
    mistake = guide.mistakes.mistakes[-1]
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    search(page, site_url, mistake.title)
    assert offers(page, f"{urlsplit(site_url).path}mistakes/#{mistake.id}")
    page.locator(f".md-search-result__item a[href$='#{mistake.id}']").first.click()
    page.wait_for_url(re.compile(rf"mistakes/.*#{mistake.id}$"))
    g = page.evaluate(GEOMETRY, mistake.id)
    page.close()
    assert g["header"] - 0.5 <= g["top"] < g["viewport"], f"the card is not in view after the click: {g}"
