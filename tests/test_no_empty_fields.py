"""No empty field anywhere (issue 28): a record without a value leaves it out, or shows "—"
where a table needs a cell, and a phone's stacked table never shows a label over nothing.
Checked on every page at phone and desktop width; the blank cells a checklist leaves to
write in by hand (a non-breaking space) are the one kind of blank meant to be there."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.postbuild.table_labels import EMPTY, label_cells
from site_pages import reader_pages

WIDTHS = (360, 1280)

# Every visible table cell, definition term and description in the article that shows no
# words: "tag data-label: row text" for each.
EMPTY_FIELDS = """() => {
  const found = [];
  const shows = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
  for (const cell of document.querySelectorAll("article :is(td, th, dt, dd)")) {
    if (!shows(cell)) continue;
    const text = cell.textContent;
    if (text.trim()) continue;
    // A write-in box on a checklist: a non-breaking space, to be filled in by hand.
    if (cell.closest(".checklist") && text.includes("\\u00a0")) continue;
    if (cell.querySelector("img, svg, input")) continue;
    const row = cell.closest("tr, dl");
    found.push(`${cell.tagName.toLowerCase()} ${cell.dataset.label || ""}: ${(row ? row.textContent : "").trim().slice(0, 60)}`);
  }
  return found;
}"""


def cells(markdown_text: str):
    html = label_cells(markdown.markdown(markdown_text, extensions=["tables"]))
    return BeautifulSoup(html, "html.parser").select("td")


def test_an_empty_cell_shows_a_dash_and_no_label():
    rest, written, blank = cells("| Goal | Rest | Notes |\n| --- | --- | --- |\n| A |  | &nbsp; |\n")[0:3]
    assert rest.get_text() == "A" and rest["data-label"] == "Goal"
    assert written.get_text() == EMPTY and written.has_attr("data-empty") and not written.has_attr("data-label")
    # A write-in blank is meant to be blank: labelled, not filled.
    assert blank["data-label"] == "Notes" and not blank.has_attr("data-empty")


def test_the_programming_table_leaves_no_cell_empty(built_site, guide):
    soup = BeautifulSoup((built_site / "programming" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.select_one(".row-anchor")["id"]: tr for tr in soup.select("table tbody tr") if tr.select_one(".row-anchor")}
    for goal in guide.programming.guidelines.goals:
        last = rows[goal.id].select("td")[-1]
        if goal.rest or goal.use:
            assert last.get("data-label") and last.get_text(strip=True) not in ("", EMPTY)
        else:
            assert last.get_text(strip=True) == EMPTY and last.has_attr("data-empty"), goal.id
    assert any(not (g.rest or g.use) for g in guide.programming.guidelines.goals), \
        "the data no longer has a goal without rest or use: this test checks nothing"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_shows_an_empty_field(browser, built_site, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    problems = []
    for path in reader_pages(built_site):
        page.goto(site_url + path, wait_until="load")
        # Open every <details> (At a glance on a phone, the FAQ's answers): what opens must be full too.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        problems += [f"{path or 'home'}: {p}" for p in page.evaluate(EMPTY_FIELDS)]
    page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_check_sees_a_label_over_nothing(browser, site_url):
    """The same check on the programming table with the dash's cell shown again on a phone."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(site_url + "programming/")
    page.evaluate("""document.querySelectorAll('td[data-empty]').forEach((td) => {
        td.textContent = ''; td.dataset.label = 'Rest and use'; td.removeAttribute('data-empty'); })""")
    problems = page.evaluate(EMPTY_FIELDS)
    page.close()
    assert any(p.startswith("td Rest and use:") for p in problems), problems
