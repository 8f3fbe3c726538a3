"""A phone at the gym (issue 14): on a 320-390 px touch screen every table cell can be read
(tables stack into labelled records), tick boxes can be seen (3:1), are kept per page and
item across reloads and can be cleared and the clear undone, every permalink is shown
without hover and copies the item's permanent address, a permalink or "in the guide" glyph
never sits alone on a line, and a citation back-link lands with the cited sentence in view.

One touch-emulated browser context for the module; viewport and colour scheme change per
check."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from site_text import page_soups

pytestmark = pytest.mark.browser

PHONE_WIDTHS = (320, 360, 390)
SCHEMES = ("light", "dark")
TABLE_PAGES = ("muscles/", "programming/", "checklists/progression-tracker/", "checklists/session-card/")
GLYPH_PAGES = ("technique/", "mistakes/", "programming/", "references/", "faq/", "checklists/setup/",
               "checklists/session-card/")


@pytest.fixture(scope="module")
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    origin = site_url.split("/", 3)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="/".join(origin[:3]))
    page = context.new_page()
    yield page
    context.close()


def _open(page, url: str, width: int = 360, scheme: str = "light") -> None:
    page.set_viewport_size({"width": width, "height": 740})
    page.emulate_media(color_scheme=scheme)
    page.goto(url, wait_until="load")


# Each table cell that is drawn: its box must lie within the viewport and within every
# ancestor that clips (overflow other than visible), and its text must not overflow it.
CELLS = """() => {
    const problems = [];
    for (const cell of document.querySelectorAll("article table td, article table th")) {
        const box = cell.getBoundingClientRect();
        // The header row a phone hides (for screen readers only, 1 px): the labels carry it.
        const head = cell.closest("thead")?.getBoundingClientRect();
        if (!cell.checkVisibility() || (head && head.width <= 1)) continue;
        const name = `${cell.tagName} "${cell.textContent.trim().slice(0, 25)}"`;
        if (box.left < -0.5 || box.right > innerWidth + 0.5) problems.push(`${name} outside the viewport ${box.left}..${box.right}`);
        if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name} text overflows its cell`);
        for (let a = cell.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX === "visible") continue;
            const clip = a.getBoundingClientRect();
            if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5)
                problems.push(`${name} clipped by ${a.tagName}.${a.className}`);
        }
        const stacked = getComputedStyle(cell).display === "block";
        if (stacked && cell.tagName === "TD" && !getComputedStyle(cell, "::before").content.includes(cell.dataset.label))
            problems.push(`${name} stacked without its column label`);
    }
    return problems;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_every_table_cell_is_on_screen_whole_and_labelled(phone, site_url, width, scheme):
    problems = []
    for path in TABLE_PAGES:
        _open(phone, site_url + path, width, scheme)
        problems += [f"{path} at {width}px {scheme}: {p}" for p in phone.evaluate(CELLS)]
    assert not problems, "\n".join(problems)


def test_content_tables_stack_on_a_phone_and_stay_tables_on_a_desktop(phone, site_url):
    stacked = "() => getComputedStyle(document.querySelector('article table')).display"
    _open(phone, site_url + "programming/", 360)
    assert phone.evaluate(stacked) == "block"
    # Still a table to a screen reader: the cells keep their roles under the stacked layout.
    assert phone.get_by_role("columnheader", name="Reps per leg").count() == 1
    assert phone.get_by_role("cell", name="8–12").count() == 1
    _open(phone, site_url + "programming/", 1280)
    assert phone.evaluate(stacked) == "table"


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_a_deep_link_to_a_row_shows_the_whole_record_with_its_labels(phone, site_url, built_site, width):
    rows = [a["id"] for a in BeautifulSoup((built_site / "programming" / "index.html").read_text(), "html.parser")
            .select("table .row-anchor")]
    assert rows
    for row in rows:
        _open(phone, site_url + "programming/#" + row, width)
        phone.wait_for_function("() => document.querySelector(':target') !== null")
        seen = phone.evaluate("""(id) => {
            const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
            // A cell without a value is left out of the record (macros/table_labels.py).
            return [...document.getElementById(id).closest("tr").cells].filter((cell) => !cell.hasAttribute("data-empty")).map((cell) => {
                const box = cell.getBoundingClientRect();
                return {label: getComputedStyle(cell, "::before").content, top: box.top, bottom: box.bottom,
                        header, height: innerHeight};
            });
        }""", row)
        for cell in seen:
            assert cell["top"] >= cell["header"] - 0.5 and cell["bottom"] <= cell["height"] + 0.5, (row, width, cell)
            assert cell["label"] not in ("none", "normal", ""), (row, cell)


# Contrast of a colour (rgb/rgba, over the opaque background behind the element).
CONTRAST = """([selector, pseudo]) => {
    const parse = (c) => c.match(/[\\d.]+/g).map(Number);
    const element = document.querySelector(selector);
    let back = [0, 0, 0, 0];
    for (let a = element; a && back[3] < 1; a = a.parentElement) {
        const c = parse(getComputedStyle(a).backgroundColor);
        if ((c[3] ?? 1) > 0) back = c.length === 3 ? [...c, 1] : c;
    }
    if (back[3] < 1) back = parse(getComputedStyle(document.body).backgroundColor).concat([1]).slice(0, 4);
    const fg = parse(getComputedStyle(element, pseudo).backgroundColor);
    const alpha = fg[3] ?? 1;
    const mixed = [0, 1, 2].map((i) => fg[i] * alpha + back[i] * (1 - alpha));
    const lum = (rgb) => rgb.map((v) => v / 255).map((v) => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const [l1, l2] = [lum(mixed), lum(back.slice(0, 3))].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
}"""
BOX = ".checklist .task-list-item .task-list-indicator"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_tick_boxes_reach_3_to_1_ticked_or_not(phone, site_url, scheme):
    _open(phone, site_url + "checklists/setup/", 360, scheme)
    phone.evaluate("localStorage.clear()")
    unticked = phone.evaluate(CONTRAST, [BOX, "::before"])
    assert unticked >= 3, f"unticked box {unticked:.2f}:1 in {scheme}"
    phone.locator(".checklist .task-list-item label").first.click()
    ticked = phone.evaluate(CONTRAST, [BOX, "::before"])
    assert ticked >= 3, f"ticked box {ticked:.2f}:1 in {scheme}"
    masks = phone.evaluate(f"""() => [...document.querySelectorAll("{BOX}")].slice(0, 2)
        .map((i) => getComputedStyle(i, "::before").maskImage)""")
    assert masks[0] != masks[1], "a ticked box must be drawn differently, not only in another colour"
    phone.evaluate("localStorage.clear()")


def _ticked(page) -> list[bool]:
    return page.locator(".checklist .task-list-item > label input, .checklist .task-list-item > p > label input") \
        .evaluate_all("(boxes) => boxes.map((b) => b.checked)")


def test_ticks_are_kept_per_page_and_item_and_clear_can_be_undone_once(phone, site_url, built_site):
    _open(phone, site_url + "checklists/setup/")
    phone.evaluate("localStorage.clear()")
    phone.reload()
    labels = phone.locator(".checklist .task-list-item label")
    labels.nth(0).click()
    labels.nth(2).click()
    phone.reload()
    assert _ticked(phone)[:3] == [True, False, True], "ticks are lost on reload"

    # Kept by item id, not by position: a stored tick follows its item wherever it moves.
    ids = phone.locator(".checklist .checklist-source").evaluate_all("(ls) => ls.map((l) => l.hash.slice(1))")
    phone.evaluate("(id) => localStorage.setItem('guide-ticks:' + location.pathname, JSON.stringify({[id]: true}))",
                   ids[3])
    phone.reload()
    assert _ticked(phone) == [i == 3 for i in range(len(ids))]

    # Ticks of one page never appear on another (every-rep lists some of the same cues).
    labels.nth(1).click()
    for other in ("checklists/every-rep/", "checklists/stop-signs/", "checklists/fault-finder/"):
        _open(phone, site_url + other)
        assert not any(_ticked(phone)), f"ticks of the setup checklist appear on {other}"

    _open(phone, site_url + "checklists/setup/")
    clear = phone.get_by_role("button", name="Clear ticks")
    clear.click()
    assert not any(_ticked(phone))
    assert phone.locator(".guide-toast[role=status]").inner_text() == "Ticks cleared"
    phone.reload()
    assert not any(_ticked(phone)), "cleared ticks came back on reload"
    # Undo is offered once, until the page is left: after a reload there is nothing to undo.
    phone.get_by_role("button", name="Clear ticks").wait_for()

    labels.nth(0).click()
    phone.get_by_role("button", name="Clear ticks").click()
    phone.get_by_role("button", name="Undo clear").click()
    assert _ticked(phone)[0] and phone.get_by_role("button", name="Clear ticks").is_visible()
    phone.reload()
    assert _ticked(phone)[0], "undone clear not saved"
    phone.evaluate("localStorage.clear()")


def test_a_ticked_box_prints_empty(phone, site_url):
    _open(phone, site_url + "checklists/setup/")
    phone.locator(".checklist .task-list-item label").first.click()
    phone.emulate_media(media="print")
    try:
        styles = phone.evaluate(f"""() => [...document.querySelectorAll("{BOX}")].slice(0, 2).map((i) => {{
            const s = getComputedStyle(i, "::before");
            return [s.backgroundColor, s.maskImage, s.borderTopStyle];
        }})""")
        assert styles[0] == styles[1], f"ticked {styles[0]} and unticked {styles[1]} boxes print differently"
        assert phone.locator(".ticks-clear").is_hidden()
    finally:
        phone.emulate_media(media="screen")
        phone.evaluate("localStorage.clear()")


def test_without_javascript_boxes_tick_and_nothing_offers_to_clear(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(site_url + "checklists/setup/")
        page.locator(".checklist .task-list-item label").first.click()
        assert _ticked(page)[0]
        assert page.locator(".ticks-clear").count() == 0
    finally:
        context.close()


def test_every_tick_names_its_item_by_a_link_to_the_guide(built_site):
    """ticks.js keys each saved tick by the item's "in the guide" link: every box has one."""
    for path, soup in page_soups(built_site).items():
        for item in soup.select(".checklist .task-list-item"):
            if item.select_one(":scope > label > input, :scope > p > label > input"):
                source = item.select_one(":scope > .checklist-source, :scope > p > .checklist-source")
                assert source is not None and "#" in source["href"], f"{path}: {item.get_text()[:40]}"


def test_a_cue_shares_its_permanent_link_from_a_touch_screen(phone, site_url, built_site):
    _open(phone, site_url + "technique/")
    link = phone.locator("#cue-bench-edge > .headerlink")
    assert link.is_visible() and link.evaluate("(l) => getComputedStyle(l).opacity") == "1", \
        "the permalink is hidden until hover, which a touch screen has not"
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    canonical = phone.evaluate("document.querySelector('link[rel=canonical]').href")
    assert canonical.startswith("https://")

    # Without the Web Share API: copied, and said.
    phone.evaluate("() => Object.defineProperty(navigator, 'share', {value: undefined, configurable: true})")
    link.tap()
    phone.wait_for_function("() => document.querySelector('.guide-toast[role=status]')?.textContent === 'Link copied'")
    assert phone.evaluate("navigator.clipboard.readText()") == canonical + "#cue-bench-edge"
    # Seen too, on an opaque note (the theme's text colours are translucent: text showed through).
    note = phone.evaluate("getComputedStyle(document.querySelector('.guide-toast[role=status]')).backgroundColor")
    assert note.startswith("rgb(") or note.endswith(", 1)"), note

    # With it (a phone): the system share sheet gets the same address.
    phone.evaluate("""() => Object.defineProperty(navigator, 'share', {configurable: true,
        value: (data) => { window.sharedUrl = data.url; return Promise.resolve(); }})""")
    phone.locator("#cue-feet-hip-width > .headerlink").tap()
    assert phone.evaluate("window.sharedUrl") == canonical + "#cue-feet-hip-width"


def test_permalinks_are_discreet_on_a_desktop(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(site_url + "technique/")
        assert page.locator("#cue-bench-edge > .headerlink").evaluate("(l) => getComputedStyle(l).opacity") == "0"
    finally:
        page.close()


# Each glyph (permalink, "in the guide") against the last line box of the text before it
# in its block: the glyph's middle must lie within that line.
GLYPHS = """() => {
    const lonely = [];
    for (const glyph of document.querySelectorAll("article .headerlink, article .checklist-source")) {
        const block = glyph.closest("p, li, td, h1, h2, h3, h4, h5, h6, dt, summary, .admonition-title");
        if (!block || !glyph.checkVisibility()) continue;
        const range = document.createRange();
        range.setStart(block, 0);
        range.setEndBefore(glyph);
        const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (!lines.length) continue;
        const last = lines.reduce((a, b) => (b.bottom > a.bottom ? b : a));
        const box = glyph.getBoundingClientRect();
        const middle = (box.top + box.bottom) / 2;
        if (middle < last.top || middle > last.bottom)
            lonely.push(`${glyph.getAttribute("href")} after "${range.toString().trim().slice(-30)}"`);
    }
    return lonely;
}"""


@pytest.mark.parametrize("width", (320, 360, 390, 768, 1280))
def test_no_permalink_or_source_glyph_is_alone_on_a_line(phone, site_url, width):
    problems = []
    for path in GLYPH_PAGES:
        _open(phone, site_url + path, width)
        problems += [f"{path} at {width}px: {p}" for p in phone.evaluate(GLYPHS)]
    assert not problems, "\n".join(problems)


def test_cited_in_entries_tell_each_citation_apart(built_site):
    references = page_soups(built_site)["references/index.html"]
    for entry in references.select("article ol > li"):
        labels = [a.get_text(" ", strip=True) for a in entry.find_all("a") if "#cite-" in a.get("href", "")]
        assert len(labels) == len(set(labels)), f"indistinguishable back-links: {labels}"
        assert all(re.search(r": “.+” ↩$", label) for label in labels), labels


# The cited sentence: from the sentence end before the [n] marker (". A") to the marker.
SENTENCE = """() => {
    const marker = document.querySelector(":target");
    const block = marker.closest("p, li");
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEndBefore(marker);
    const text = before.toString();
    let start = 0;
    for (const m of text.matchAll(/[.!?]\\s+(?=[A-Z])/g)) start = m.index + m[0].length;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let seen = 0, node;
    while ((node = walker.nextNode()) && seen + node.length <= start) seen += node.length;
    const sentence = document.createRange();
    sentence.setStart(node, start - seen);
    sentence.setEndAfter(marker);
    const box = sentence.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, header: document.querySelector(".md-header").getBoundingClientRect().bottom,
            height: innerHeight, marker: marker.classList.contains("citation")};
}"""


@pytest.mark.parametrize("width", (360, 1280))
def test_a_back_link_lands_with_the_cited_sentence_below_the_header(phone, site_url, built_site, width):
    references = page_soups(built_site)["references/index.html"]
    backlinks = sorted({a["href"] for a in references.select("article a") if "#cite-" in a["href"]})
    assert backlinks
    for href in backlinks:
        _open(phone, site_url + "references/", width)
        phone.locator(f'article a[href="{href}"]').first.click()
        phone.wait_for_function("() => document.querySelector(':target')?.classList.contains('citation')")
        phone.wait_for_timeout(50)
        seen = phone.evaluate(SENTENCE)
        assert seen["top"] >= seen["header"] - 0.5 and seen["bottom"] <= seen["height"], (href, width, seen)
