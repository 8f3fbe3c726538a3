"""Keyboard only, on a desktop and on a phone: the first Tab offers a skip link that
lands in the main content, every Tab stop is on screen with a visible focus indicator,
and the walk reaches the search, which answers and opens a result from the keyboard."""

from __future__ import annotations

import pytest

from axe_audit import VIEWPORTS
from site_pages import reader_pages

pytestmark = pytest.mark.browser

# Measure the settled state: whether focus shows, not how fast it fades in.
NO_MOTION = """
    html { scroll-behavior: auto !important; }
    *, *::before, *::after { transition: none !important; animation: none !important; }
"""
MAX_TAB_STOPS = 1500  # the link index page has hundreds of links

# Where focus is, whether a reader can see it, and whether it is marked: an outline or a
# shadow on the element or, for a control drawn by something else (the colour scheme
# radio by its label, a tick box by its icon), on what draws it.
FOCUS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const marked = (el) => [null, "::before", "::after"].some((pseudo) => {
        const style = getComputedStyle(el, pseudo);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    });
    const seen = (el) => {
        const box = el.getBoundingClientRect();
        return el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && box.width > 0 && box.height > 0
            && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    };
    const drawnBy = [element, element.nextElementSibling, element.closest("label")].filter(Boolean);
    return {
        name: `${element.tagName.toLowerCase()}.${[...element.classList].filter(c => c !== "focus-visible").join(".")} ${element.getAttribute("href") || ""}`.trim(),
        visible: drawnBy.some(seen),
        marked: drawnBy.some(marked),
        inMain: Boolean(element.closest("article")),
        search: element.matches("input.md-search__input"),
        skip: element.matches("a.md-skip"),
    };
}"""


def _press_tab(page) -> dict | None:
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS)
    if focus and not (focus["visible"] and focus["marked"]):
        # The theme reacts to focus in script (opening the search, say): let it run.
        page.wait_for_timeout(250)
        focus = page.evaluate(FOCUS)
    return focus


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keyboard_walk_reaches_main_content_and_search_with_visible_focus(browser, built_site, site_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems = []
    try:
        for path in reader_pages(built_site):
            page.goto(site_url + path, wait_until="load")
            page.add_style_tag(content=NO_MOTION)
            first = _press_tab(page)
            if not (first and first["skip"] and first["visible"]):
                problems.append(f"{path}: the first Tab is not a visible skip link ({first})")
                continue
            page.keyboard.press("Enter")
            after_skip = _press_tab(page)
            if not (after_skip and after_skip["inMain"]):
                problems.append(f"{path}: Tab after the skip link is not in the main content ({after_skip})")

            page.goto(site_url + path, wait_until="load")
            page.add_style_tag(content=NO_MOTION)
            stops, reached_search, reached_main = 0, False, False
            for _ in range(MAX_TAB_STOPS):
                focus = _press_tab(page)
                if focus is None:  # past the last stop
                    break
                stops += 1
                reached_search |= focus["search"]
                reached_main |= focus["inMain"]
                if not focus["visible"]:
                    problems.append(f"{path}: Tab stop {stops} ({focus['name']}) is not on screen")
                elif not focus["marked"]:
                    problems.append(f"{path}: Tab stop {stops} ({focus['name']}) has no visible focus indicator")
            else:
                problems.append(f"{path}: more than {MAX_TAB_STOPS} Tab stops (a focus trap?)")
            if not reached_search:
                problems.append(f"{path}: Tab never reaches the search field")
            if not reached_main:
                problems.append(f"{path}: Tab never reaches the main content")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_answers_and_opens_a_result_from_the_keyboard(browser, site_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        page.goto(site_url, wait_until="load")
        for _ in range(MAX_TAB_STOPS):
            focus = _press_tab(page)
            assert focus is not None, "Tab never reaches the search field"
            if focus["search"]:
                break
        page.keyboard.type("glute")
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("ArrowDown")
        chosen = page.evaluate("document.activeElement.closest('.md-search-result__item') && document.activeElement.href")
        assert chosen, "ArrowDown does not move to the first search result"
        page.keyboard.press("Enter")
        page.wait_for_url(chosen)
        assert page.locator("article h1").count() == 1
    finally:
        context.close()


def test_navigation_drawer_opens_and_closes_from_the_keyboard_on_a_phone(browser, site_url):
    """Below desktop width the navigation is in a drawer behind the menu button: Tab reaches
    the button, Enter opens the drawer with focus on its first link, Escape closes it and
    gives focus back to the button."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(site_url + "technique/", wait_until="load")
        page.add_style_tag(content=NO_MOTION)
        for _ in range(20):
            focus = _press_tab(page)
            assert focus is not None, "Tab never reaches the menu button"
            if focus["name"].startswith("button.md-header__button"):
                break
        else:
            raise AssertionError("the menu button is not among the first 20 Tab stops")
        assert focus["visible"] and focus["marked"], focus
        menu = page.get_by_role("button", name="Navigation menu")
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert menu.get_attribute("aria-expanded") == "true"
        first_link = page.evaluate(FOCUS)
        assert first_link["visible"] and first_link["name"].startswith("a.md-nav__link"), first_link
        page.keyboard.press("Escape")
        assert not page.locator("#__drawer").is_checked()
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.matches('button.drawer-button')")
        page.keyboard.press(" ")  # Space works as on any button
        page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert page.locator("#__drawer").is_checked()
    finally:
        context.close()
