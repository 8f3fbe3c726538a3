"""Nothing of ours holds up the first paint (issue 29): our stylesheet is inlined in the
head, minified; print styles are for paper only; our scripts are one bundle, deferred,
made from the sources (macros/postbuild/scripts.py). Under every engine's build. The
timings themselves are measured by `make bench`, not here."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.postbuild.scripts import BUNDLE, SOURCES
from support import ROOT

THEME = ROOT / "overrides"


def _pages(site):
    return [p for p in sorted(site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def _ours(href: str) -> bool:
    """A file of ours (overrides/...), not the theme's."""
    return (THEME / re.sub(r"^(\.\./)+|^\./", "", href).split("?")[0]).is_file()


def test_no_stylesheet_of_ours_blocks_the_screen(engine_site, engine):
    pages = _pages(engine_site)
    assert len(pages) >= 19
    inlined = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.head.select("link[rel=stylesheet]"):
            if _ours(link["href"]) and link.get("media") != "print":
                # The one exception: Zensical's 404 page runs no macros (DEVELOPERS.md, "Engines").
                assert engine == "zensical" and page.name == "404.html", (page, link["href"])
        styles = [style.get_text() for style in soup.head.find_all("style")]
        if any(".md-typeset .alias-anchor" in style for style in styles):
            inlined += 1
            ours = next(style for style in styles if ".md-typeset .alias-anchor" in style)
            assert "/*" not in ours and "\n  " not in ours, f"{page}: the inlined stylesheet is not minified"
    assert inlined >= len(pages) - 1


def test_our_scripts_are_one_deferred_bundle_after_the_theme(engine_site):
    for page in _pages(engine_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = [s for s in soup.find_all("script", src=True)]
        ours = [s for s in scripts if _ours(s["src"]) or s["src"].endswith(BUNDLE)]
        assert len(ours) == 1 and ours[0]["src"].endswith(BUNDLE), (page, [s["src"] for s in ours])
        assert ours[0].has_attr("defer"), page
        theme = [s for s in scripts if "bundle." in s["src"] and s not in ours]
        assert theme and scripts.index(theme[0]) < scripts.index(ours[0]), page


def test_the_bundle_holds_every_source_minified_in_order(engine_site):
    import rjsmin

    text = (engine_site / BUNDLE).read_text(encoding="utf-8")
    at = -1
    for source in SOURCES:
        body = rjsmin.jsmin((THEME / source).read_text(encoding="utf-8")).rstrip(";")
        found = text.find(body)
        assert found > at, f"{source} is missing from the bundle or out of order"
        at = found
    assert "//" not in re.sub(r"https?://|\"[^\"]*\"|'[^']*'", "", text).replace(":/", ""), "comments left in"


@pytest.mark.browser
def test_the_bundle_runs_without_errors_on_every_kind_of_page(browser, engine_site_url):
    errors = []
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    for address in ("", "technique/", "checklists/setup/", "programming/"):
        page.goto(engine_site_url + address)
        page.wait_for_load_state("load")
    # Each part did its work: the print button is enabled and the drawer has a keyboard button.
    page.goto(engine_site_url + "checklists/setup/")
    assert page.locator("[data-print-button][data-print-ready]").count() >= 1
    page.close()
    assert not errors, errors
