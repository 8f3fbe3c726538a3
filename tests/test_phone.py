"""On a 360 x 740 phone no page scrolls sideways, no table is wider than the page (content
tables stack into records, tests/test_gym_phone.py checks each cell), and the text a reader
sees (also in the opened navigation drawer) is at least 16 px."""

from __future__ import annotations

import pytest

from axe_audit import VIEWPORTS
from site_pages import reader_pages
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)



pytestmark = pytest.mark.browser

MIN_TEXT_PX = 16

# Visible text smaller than the minimum: "tag.class size: words" per offending text.
SMALL_TEXT = """(min) => {
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.textContent.trim() || !element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        const box = element.getBoundingClientRect();
        if (!box.width || box.right <= 0 || box.left >= innerWidth) continue;  // off screen (closed drawer)
        // Visually hidden text for screen readers (a 1 px clipped box) is not read on screen.
        if (box.width <= 1 && box.height <= 1) continue;
        const size = parseFloat(getComputedStyle(element).fontSize);
        if (size < min) small.push(`${element.tagName}.${element.className} ${size}px: ${node.textContent.trim().slice(0, 30)}`);
    }
    return small;
}"""

# Each table wider than the page would hide cells in a scrolling box: there must be none.
TABLES = """() => document.querySelectorAll("article table").length === 0 ? [] :
    [...document.querySelectorAll("article table")].map((table) => {
        let box = table.parentElement;
        while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        const rect = (box || table).getBoundingClientRect();
        return {wide: table.scrollWidth > document.querySelector("article").clientWidth,
                scroller: Boolean(box), boxRight: rect.right, boxLeft: rect.left};
    })"""


def test_pages_fit_a_phone_and_read_at_16px(browser, built_site, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    try:
        for path in reader_pages(built_site):
            page.goto(site_url + path, wait_until="load")
            width = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
            if max(width[:2]) > width[2]:
                problems.append(f"{path}: scrolls sideways ({max(width[:2])}px content in {width[2]}px)")
            for table in page.evaluate(TABLES):
                if table["wide"] or table["boxRight"] > width[2] + 0.5 or table["boxLeft"] < -0.5:
                    problems.append(f"{path}: a table is wider than the screen: {table}")
            problems += [f"{path}: {line}" for line in page.evaluate(SMALL_TEXT, MIN_TEXT_PX)]
            page.get_by_role("button", name="Navigation menu").click()
            # The drawer's first visible link (a theme may hide its first: Zensical's contents label).
            page.locator(".md-sidebar--primary .md-nav__link:visible").first.wait_for(state="visible")
            page.wait_for_timeout(300)  # the drawer slides in
            problems += [f"{path} (drawer open): {line}" for line in page.evaluate(SMALL_TEXT, MIN_TEXT_PX)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
