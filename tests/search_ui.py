"""Run queries through the built site's own search, as a reader does: Material's search
box (`input.md-search__input`), its web worker and the built search_index.json, in
Chromium. Shared by tests/test_search.py and bench/search.py.

What counts as a result, in order: what the list shows without expanding anything.
Material groups results by page; a group shows its page's title, then the sections that
scored highest in it ("N more on this page" folds the rest). The page itself is a result
when it scored highest in its group (Material then shows its text); otherwise its title
only heads the group. Each result is named by its anchor (the record's id), or by its
page's address for a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).parent / "search_queries.yml"
WIDTHS = (360, 1280)
HEIGHT = {360: 740, 1280: 800}

# The results as the list shows them: (id, score, the snippet's box height, has a mark).
_READ_RESULTS = """() => {
  const found = [];
  for (const item of document.querySelectorAll(".md-search-result__list > .md-search-result__item")) {
    const links = [...item.children].filter(c => c.matches("a.md-search-result__link"));
    const score = a => parseFloat(a.querySelector("article").dataset.mdScore);
    const best = Math.max(...links.slice(1).map(score), 0);
    links.forEach((a, i) => {
      if (i === 0 && !(score(a) > 0 && score(a) >= best)) return;
      const box = a.getBoundingClientRect();
      found.push({href: a.href, score: score(a), height: box.height, mark: !!a.querySelector("mark"),
                  text: a.innerText});
    });
  }
  return found;
}"""


@dataclass(frozen=True)
class Query:
    query: str
    expect: str | None  # None: nothing should be found


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(q["query"], q["expect"]) for q in data["queries"]] + [Query(q, None) for q in data["none"]]


def result_id(href: str, base: str) -> str:
    """A result's record id (its anchor), or its page's address for a page."""
    parts = urlsplit(href)
    if parts.fragment:
        return parts.fragment
    return parts.path[len(urlsplit(base).path):]


class SearchBox:
    """Material's search on one open page of the site, at one viewport width."""

    def __init__(self, browser, site_url: str, width: int):
        self.site_url = site_url
        self.context = browser.new_context(viewport={"width": width, "height": HEIGHT.get(width, 800)},
                                           service_workers="block")
        self.page = self.context.new_page()
        self.page.goto(site_url)
        # Open the search (on a phone the box is behind the magnifier) and wait for the index.
        self.page.locator('label.md-header__button[for="__search"]').first.click() if width < 1220 \
            else self.page.locator("input.md-search__input").click()
        self.box = self.page.locator("input.md-search__input")
        self.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
        # What the list says with an empty box ("Type to start searching").
        self.placeholder = self.page.locator(".md-search-result__meta").inner_text().strip()

    def search(self, query: str) -> list[dict]:
        """The results for `query` as the list shows them (see the module's docstring)."""
        meta = "document.querySelector('.md-search-result__meta').textContent.trim()"
        # Material reads the box on key-up: the query is put in whole, then a key is
        # pressed, so the worker answers this query only (not each prefix while typing).
        self.box.press("Control+a")
        self.box.press("Backspace")
        self.page.wait_for_function(f"(empty) => {meta} === empty", arg=self.placeholder)
        self.box.fill(query)
        self.box.press("End")
        self.page.wait_for_function(f"(empty) => {meta} !== empty", arg=self.placeholder)
        results = self.page.evaluate(_READ_RESULTS)
        for result in results:
            result["id"] = result_id(result["href"], self.site_url)
        return results

    def close(self) -> None:
        self.context.close()


def hit_rates(outcomes: list[tuple[Query, list[str]]]) -> tuple[int, int, int]:
    """(hits in the first result, hits in the first three, queries with an expected record)."""
    answered = [(q, ids) for q, ids in outcomes if q.expect]
    top1 = sum(1 for q, ids in answered if ids[:1] == [q.expect])
    top3 = sum(1 for q, ids in answered if q.expect in ids[:3])
    return top1, top3, len(answered)


# The site's own search under either engine, as a reader uses it. Material: a box in the
# header (on a phone behind the magnifier, `label[for="__search"]`). Zensical 0.0.73: a header
# button (on a phone the same magnifier) that opens a dialog in a shadow root, which
# Playwright's CSS locators pierce.
_MATERIAL_BOX = "input.md-search__input"
_ZENSICAL_BOX = 'dialog[aria-label="Search"] input[role="combobox"]'
RESULTS = '.md-search-result__item, dialog[aria-label="Search"] a[role="option"]'


def open_search(page):
    """Open the page's search as a reader does; return its text box."""
    phone = page.viewport_size["width"] < 1220
    if page.locator(_MATERIAL_BOX).count():
        (page.locator('label.md-header__button[for="__search"]').first if phone
         else page.locator(_MATERIAL_BOX)).click()
        return page.locator(_MATERIAL_BOX)
    (page.locator('label.md-header__button[for="__search"]').first if phone
     else page.locator(".md-search__button").first).click()
    box = page.locator(_ZENSICAL_BOX)
    box.wait_for()
    return box


def search_for(page, words: str):
    """Type `words` into the page's search; return the results once the first is shown."""
    box = open_search(page)
    box.press_sequentially(words)
    results = page.locator(RESULTS)
    results.first.wait_for()
    return results
