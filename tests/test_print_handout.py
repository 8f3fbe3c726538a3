"""Paper, every page a handout: printed in Chromium on A4 and US Letter, a sample of the
guide's pages (the long ones, a table, cards, references, a checklist) keeps each heading
with what follows, heads every sheet with the guide's title and the page's address, sets
body text at 11 pt or more with boxes and tables no larger, prints where external links
lead, and prints none of the screen's glyphs or controls."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from printing import FORMATS, body_size, pdf_lines, print_pdf, site_url_setting, squash

pytestmark = pytest.mark.browser

PAGES = ["", "technique/", "muscles/", "variations/", "programming/", "references/", "checklists/setup/"]
# Margin boxes (title, address, page number) print at 8 pt; nothing in the content is that small.
MARGIN_SIZE = 9.0
SCREEN_ONLY = ("¶", "↗", "Print this checklist", "Print the whole guide", "Clear ticks", "Copy link", "Skip to content")


@pytest.fixture(scope="module")
def printed(browser, site_url, built_site, tmp_path_factory):
    """{(page, paper): (lines per sheet, headings, heading-like titles, computed sizes)}."""
    out = tmp_path_factory.mktemp("handout")
    page = browser.new_page()
    result = {}
    for path in PAGES:
        page.goto(site_url + path)
        page.emulate_media(media="print")
        dom = page.evaluate("""() => {
            const a = document.querySelector('article');
            const size = e => parseFloat(getComputedStyle(e).fontSize) * 0.75;
            const text = e => e.innerText.trim();
            const visible = e => getComputedStyle(e).display !== 'none' && e.offsetParent !== null;
            return {
              headings: [...a.querySelectorAll('h1, h2, h3, h4')].filter(visible).map(text),
              titles: [...a.querySelectorAll('.cues-title, .solution-title, .admonition-title, summary')]
                .filter(visible).map(text),
              // A drawing's own labels (the body map's Front/Back) scale with the drawing.
              drawn: [...a.querySelectorAll('svg text')].map(t => t.textContent.trim()),
              body: [...a.querySelectorAll('p')].filter(p => visible(p)
                && !p.closest('.admonition, details, table, figcaption, .print-footer')).map(size),
              boxes: [...a.querySelectorAll('.admonition p, .admonition li, td, th, .grid.cards li p')]
                .filter(visible).map(size),
            }; }""")
        for paper in FORMATS:
            name = (path.strip("/").replace("/", "-") or "home") + f"-{paper}.pdf"
            result[path, paper] = (pdf_lines(print_pdf(page, out / name, paper)), dom)
    page.close()
    return result


CASES = [(path, paper) for path in PAGES for paper in FORMATS]


@pytest.mark.parametrize("path, paper", CASES)
def test_every_sheet_is_headed_with_the_title_and_the_pages_address(printed, guide, path, paper):
    sheets, _dom = printed[path, paper]
    address = site_url_setting() + path
    for n, sheet in enumerate(sheets, start=1):
        top = " ".join(line.text for line in sheet[:2])
        assert address in top and "Single Leg Hip Thrust Guide" in top, f"sheet {n} of {path} ({paper}): {top!r}"
        assert sheet[-1].text == f"{n} / {len(sheets)}", f"sheet {n} of {path} has no page number"


def stranded_headings(sheets, headings: list[str]) -> list[str]:
    """Sheets (but the last) that end with a heading, or with a heading and one line after it
    while the heading's text goes on on the next sheet (a one-line step, whole, may end one)."""
    known = {squash(h) for h in headings if h}
    contents = [[line for line in sheet if line.size >= MARGIN_SIZE] for sheet in sheets]
    found = []
    for n, (content, following) in enumerate(zip(contents, contents[1:]), start=1):
        if not content:
            found.append(f"sheet {n} is empty")
        elif squash(content[-1].text) in known:
            found.append(f"sheet {n} ends with {content[-1].text!r}")
        elif len(content) >= 2 and squash(content[-2].text) in known \
                and not (following and squash(following[0].text) in known):
            found.append(f"sheet {n} ends with {content[-2].text!r} and one line after it")
    return found


@pytest.mark.parametrize("path, paper", CASES)
def test_no_sheet_ends_with_a_heading_or_a_heading_and_one_line(printed, path, paper):
    sheets, dom = printed[path, paper]
    assert dom["headings"], f"no headings found on {path}"
    assert not stranded_headings(sheets, dom["headings"] + dom["titles"]), (path, paper)


@pytest.mark.parametrize("path", PAGES)
def test_body_is_at_least_11_pt_and_boxes_and_tables_are_not_larger(printed, path):
    for paper in FORMATS:
        sheets, dom = printed[path, paper]
        body = body_size(sheets)
        assert body >= 10.9, f"{path} ({paper}) prints its body at {body} pt"
        # Anything larger than the body is a heading (or a checklist's larger items).
        headings = {squash(h) for h in dom["headings"]}
        drawn = {squash(t) for t in dom["drawn"] if t}
        larger = [line.text for sheet in sheets for line in sheet
                  if line.size > body + 0.3 and squash(line.text) not in headings
                  and not all(squash(word) in drawn for word in line.text.split())]
        if not path.startswith("checklists/"):
            assert not larger, f"{path} ({paper}) prints text larger than its body: {larger[:3]}"
    # The same from the page's computed styles: paragraphs at 11 pt or more, boxes and tables
    # (a checklist's write-in tables too) at most the body's size.
    assert dom["body"] and min(dom["body"]) >= 11 - 0.01, f"{path}: body paragraphs at {min(dom['body'])} pt"
    assert max(dom["boxes"] or [0]) <= min(dom["body"]) + 0.01, \
        f"{path}: box or table text at {max(dom['boxes'])} pt, body at {min(dom['body'])} pt"


@pytest.mark.parametrize("path", PAGES)
def test_no_screen_only_glyph_or_control_prints(printed, path):
    for paper in FORMATS:
        sheets, _dom = printed[path, paper]
        text = " ".join(line.text for sheet in sheets for line in sheet)
        shown = [glyph for glyph in SCREEN_ONLY if glyph in text]
        assert not shown, f"{path} ({paper}) prints {shown}"


def test_external_links_print_their_doi_or_address(printed, built_site):
    soup = BeautifulSoup((built_site / "references" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("article a[href^='http']")]
    assert links, "no external links on the references page"
    text = squash(" ".join(line.text for sheet in printed["references/", "A4"][0] for line in sheet))
    for href in links:
        shown = href.removeprefix("https://doi.org/") if href.startswith("https://doi.org/") else href
        assert squash(shown) in text, f"{href} does not print"
