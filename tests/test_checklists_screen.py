"""On screen, checklists are interactive tick lists that work on a 360 px phone, with a
"Print this checklist" button; the printed footer stays off the screen."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("checklist_id", ["checklist-setup", "checklist-progression", "checklist-session"])
def test_checklist_fits_a_phone_and_its_boxes_tick_when_tapped(guide, phone, site_url, checklist_id):
    checklist = next(c for c in guide.checklists.checklists if c.id == checklist_id)
    phone.goto(site_url + "checklists/" + checklist.page.removesuffix(".md") + "/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    overflowing = phone.evaluate("""() => [...document.querySelectorAll('.checklist .md-typeset__scrollwrap')]
        .filter(w => w.scrollWidth > w.clientWidth).length""")
    assert overflowing == 0, "a write-in table needs sideways scrolling on a phone"
    boxes = phone.locator(".checklist .task-list-item > p > label input, .checklist .task-list-item > label input")
    assert boxes.count() == len(checklist.items)
    # Tap where the reader sees the box: just left of the item's text.
    x, y = phone.evaluate("""() => { const r = document.querySelector('.checklist .task-list-item')
        .getBoundingClientRect(); return [r.left - 12, r.top + 10]; }""")
    assert not boxes.first.is_checked()
    phone.touchscreen.tap(x, y)
    assert boxes.first.is_checked()
    phone.touchscreen.tap(x, y)
    assert not boxes.first.is_checked()
    assert phone.locator(".print-footer").is_hidden()


@pytest.mark.parametrize("path, label", [("checklists/every-rep/", "Print this checklist"),
                                         ("print/", "Print the whole guide")])
def test_print_button_shows_and_opens_the_print_dialog(browser, site_url, path, label):
    page = browser.new_page()
    page.goto(site_url + path)
    button = page.get_by_role("button", name=label)
    assert button.is_visible()
    page.evaluate("() => { window.print = () => { window.printCalls = (window.printCalls || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.printCalls") == 1
    page.close()


@pytest.mark.parametrize("path", ["checklists/every-rep/", "print/"])
def test_print_button_stays_hidden_without_javascript(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.locator("[data-print-button]").is_hidden()
    context.close()


def test_checklist_page_does_not_shift_when_scripts_run(browser, site_url):
    """The page is laid out the same before scripts run as after, so nothing moves while it
    loads (Lighthouse measured layout shift on these pages while print.js revealed the button).
    'Before' is the page with every script blocked, as a slow phone paints it first."""

    def first_item_top(block_scripts: bool) -> float:
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        if block_scripts:
            page.route("**/*.js", lambda route: route.abort())
        page.goto(site_url + "checklists/session-card/", wait_until="load")
        top = page.evaluate("document.querySelector('.checklist .task-list-item').getBoundingClientRect().top")
        context.close()
        return top

    assert first_item_top(block_scripts=True) == first_item_top(block_scripts=False)


def test_print_stylesheet_does_not_block_the_screen(built_site):
    """print.css is linked for paper only; on screen only the theme's own stylesheets block
    (ours is inlined: tests/test_first_paint.py)."""
    soup = BeautifulSoup((built_site / "checklists" / "setup" / "index.html").read_text(), "html.parser")
    links = {link["href"].rsplit("/", 1)[-1]: link.get("media") for link in soup.select("link[rel=stylesheet]")}
    assert links.get("print.css") == "print", links
    assert "guide.css" not in links, links
