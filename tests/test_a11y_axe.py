"""axe-core finds nothing on any page, in either colour scheme, on a phone or a desktop."""

from __future__ import annotations

import pytest

from axe_audit import AXE_JS, COLOR_SCHEMES, VIEWPORTS, axe_violations
from site_pages import reader_pages
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)



pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_axe_finds_no_violations(browser, built_site, site_url, scheme, viewport):
    assert AXE_JS.is_file(), f"{AXE_JS} is missing: run `make setup` (npm ci)"
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    found = {}
    audited = 0
    try:
        for path in reader_pages(built_site):
            page.goto(site_url + path, wait_until="load")
            # The reader's preference must have reached the theme, or the contrast checks
            # would audit the other scheme twice.
            page.wait_for_function(
                "s => document.body.getAttribute('data-md-color-scheme') === s", arg=COLOR_SCHEMES[scheme]
            )
            violations = axe_violations(page)
            audited += 1
            if violations:
                found[path or "(home)"] = violations
    finally:
        context.close()
    assert audited == len(reader_pages(built_site))
    report = "\n".join(f"{path}:\n  " + "\n  ".join(lines) for path, lines in found.items())
    assert not found, f"axe violations ({scheme}, {viewport}):\n{report}"
