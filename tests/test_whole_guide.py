"""The whole guide on paper (docs/print.md): every section in reading order on one page, each
starting a new sheet, linked from the Overview and the Checklists index; a print view, so out
of search and off the link manifest."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from macros.site.pages import PRINT_VIEW, WHOLE_GUIDE
from macros.site.urls import address_of
from macros.links.built import offered_links
from printing import pdf_lines, print_pdf
from support import load_config
from test_print_handout import MARGIN_SIZE, squash, stranded_headings


def _nav_pages(nav) -> list[tuple[str, str]]:
    """(label, page) of the navigation's top level; a section by its index page."""
    found = []
    for entry in nav:
        for label, target in entry.items():
            found.append((label, target if isinstance(target, str) else target[0]))
    return found


def test_the_sections_are_the_guides_pages_in_reading_order():
    nav = [(page, label) for label, page in _nav_pages(load_config()["nav"])]
    content = [(page, label) for page, label in nav if page not in ("links.md", PRINT_VIEW)]
    assert list(WHOLE_GUIDE) == content


def _soup(built_site, rel: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_print_page_holds_every_section_in_order_after_a_table_of_contents(built_site):
    soup = _soup(built_site, "print/")
    article = soup.select_one("article")
    sections = article.select("section.whole-guide__section")
    assert [s["aria-label"] for s in sections] == [label for _page, label in WHOLE_GUIDE]
    toc = [a["href"] for a in article.select("nav.whole-guide__toc a")]
    assert toc == [f"#{s['id']}" for s in sections]
    for section, (page, _label) in zip(sections, WHOLE_GUIDE):
        own = _soup(built_site, address_of(page)).select_one("article")
        # The section is the page's own content, its headings one level down (one h1 per page).
        assert [(h.name, h.get_text(" ", strip=True)) for h in section.select("h2, h3, h4")] == \
               [(f"h{int(h.name[1]) + 1}", h.get_text(" ", strip=True)) for h in own.select("h1, h2, h3")], page
    assert len(article.select("h1")) == 1
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "an id twice on the print page"


def test_the_print_page_is_linked_from_the_overview_and_the_checklists(built_site):
    assert _soup(built_site, "").select_one("article a[href='print/']")
    assert _soup(built_site, "checklists/").select_one("article a[href='../print/']")


def test_the_print_page_is_a_print_view_out_of_search_and_off_the_manifest(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [d for d in index["docs"] if d["location"].startswith("print/")]
    offered = offered_links(built_site)
    assert "/technique/" in offered
    assert not [link for link in offered if link.startswith("/print/")]


@pytest.mark.browser
def test_the_whole_guide_prints_each_section_on_new_sheets_without_stranded_headings(browser, site_url, tmp_path):
    page = browser.new_page()
    page.goto(site_url + "print/")
    page.emulate_media(media="print")
    headings = page.evaluate("""() => [...document.querySelectorAll(
        'article h1, article h2, article h3, article h4, .cues-title, .solution-title, .admonition-title')]
        .map(e => e.innerText.trim())""")
    firsts = page.evaluate("""() => [...document.querySelectorAll('section.whole-guide__section')]
        .map(s => s.querySelector('h2').innerText.trim())""")
    sheets = pdf_lines(print_pdf(page, tmp_path / "whole.pdf", "A4"))
    page.close()
    assert not stranded_headings(sheets, headings)
    # Each section's title is the first content line of a sheet.
    tops = [squash(next(line.text for line in sheet if line.size >= MARGIN_SIZE)) for sheet in sheets]
    missing = [title for title in firsts if squash(title) not in tops]
    assert not missing, f"sections not starting a sheet: {missing}"
    assert len(sheets) > len(firsts)
    # The Print button (issue 28) is for the screen.
    printed = squash(" ".join(line.text for sheet in sheets for line in sheet))
    assert squash("Print the whole guide") not in printed


def test_the_print_page_has_a_print_button_as_the_checklists_do(built_site):
    button = _soup(built_site, "print/").select_one("article button[data-print-button]")
    assert button is not None and button.get_text() == "Print the whole guide"


def test_included_pages_have_their_headings_one_level_down():
    from macros.render.environment import demote_headings

    text = "# Title { #t }\n\nText # not a heading\n\n-   ## Card\n\n    ### Step 1\n\n##### Five\n"
    assert demote_headings(text) == ("## Title { #t }\n\nText # not a heading\n\n-   ### Card\n\n"
                                     "    #### Step 1\n\n###### Five\n")
