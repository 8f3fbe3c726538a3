"""The "Link to this guide" page lists every linkable unit with its permanent address(es),
rendered from the data and the link manifest."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

from macros.render.registry import SiteInputs
from macros.site.urls import page_at
from macros.links.sections import link_sections
from macros.site.manifest import read_manifest
from macros.data.model import records_by_id
from macros.render.renderer import GuideRenderer
from site_text import page_soups
from small_guide import small_guide
from support import DATA, html


def test_every_unit_is_linked_at_every_address_the_manifest_gives_it(built_site, guide):
    current = set(records_by_id(guide))
    expected = {link for link in read_manifest(DATA) if link.partition("#")[2] in current}
    soup = page_soups(built_site)["links/index.html"]
    linked = {urljoin("/links/", a["href"]) for a in soup.select("article a[href*='#']")}
    missing = sorted(expected - linked)
    assert len(expected) > 80
    assert not missing, "units the 'Link to this guide' page does not list:\n  " + "\n  ".join(missing)


def test_the_page_shows_each_address_as_readers_write_it(built_site):
    soup = page_soups(built_site)["links/index.html"]
    for a in soup.select("article li > a[href*='#']"):
        assert urljoin("/links/", a["href"]) == a.get_text(), f"link text {a.get_text()!r} is not its address"


def test_units_nest_as_in_the_data_and_name_themselves():
    guide = small_guide()
    manifest = ["/technique/", "/technique/#step-one", "/technique/#cue-iota", "/checklists/setup/#disclaimer",
                "/technique/#disclaimer"]
    site = SiteInputs(tuple(manifest), frozenset({"technique.md", "checklists/setup.md"}))
    sections = {s.key: s for s in link_sections(guide, manifest, site.page_at)}
    step = sections["technique"].entries[0]
    assert (step.label, step.targets) == ("First", [("/technique/#step-one", "technique.md#step-one")])
    assert [(c.label, c.anchor) for c in step.children] == [("Cue iota", "cue-iota")]
    disclaimer = next(e for e in sections["guide"].entries if e.anchor == "disclaimer")
    assert [t[1] for t in disclaimer.targets] == ["checklists/setup.md#disclaimer", "technique.md#disclaimer"]


def test_rendered_index_links_relative_to_the_calling_page():
    site = SiteInputs(("/technique/#step-one",), frozenset({"technique.md"}))
    soup = html(GuideRenderer(small_guide(), site=site).render("link_index", page="sub/links.md"))
    link = soup.find("a", href="../technique.md#step-one")
    assert link is not None and link.get_text() == "/technique/#step-one"
    assert "First" in link.parent.get_text()


def test_page_at_follows_directory_urls():
    files = {"index.md", "faq.md", "checklists/index.md", "checklists/setup.md"}
    assert [page_at(a, files) for a in ("/", "/faq/", "/checklists/", "/checklists/setup/", "/moved/")] == [
        "index.md", "faq.md", "checklists/index.md", "checklists/setup.md", None]


def test_the_page_stays_out_of_search_results(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("mistakes/") for loc in locations), "search index looks empty"
    assert not [loc for loc in locations if loc.startswith("links/")], (
        "the link list repeats every label; in search it would crowd out the real cards")


def test_the_page_is_for_readers_who_link(built_site):
    """Issue 28: how to copy a link on a phone and a computer, what a shared link shows, a
    one-line pointer for tools (their manuals are in DEVELOPERS.md), then the addresses. The
    page's former sections keep answering at their addresses, on the section that took
    their place."""
    from macros.links.sections import FORMER_SECTIONS, TOOL_SECTIONS
    from macros.site.anchors import LINK_PAGE_SECTION as SECTION_ANCHOR

    soup = page_soups(built_site)["links/index.html"]
    headings = [h for h in soup.select("article h2")]
    assert [h.get("id") for h in headings] == [SECTION_ANCHOR.format(key=k) for k in TOOL_SECTIONS]
    for heading, title in zip(headings, TOOL_SECTIONS.values()):
        assert heading.get_text().startswith(title)
    copy = soup.find(id=SECTION_ANCHOR.format(key="copy")).find_next_sibling("ul").get_text(" ")
    assert "On a phone" in copy and "On a computer" in copy and "¶" in copy
    for old, new in FORMER_SECTIONS.items():
        alias = soup.find(id=SECTION_ANCHOR.format(key=old))
        assert alias is not None and "alias-anchor" in alias["class"]
        assert alias.parent.get("id") == SECTION_ANCHOR.format(key=new)
    pointer = soup.find(id=SECTION_ANCHOR.format(key="developers")).find_next_sibling("p").get_text()
    assert "DEVELOPERS.md" in pointer and "links.json" in pointer


def test_each_section_of_addresses_is_one_line_until_opened(built_site, guide):
    soup = page_soups(built_site)["links/index.html"]
    sections = soup.select("article details.link-section")
    titles = [getattr(guide, key).title for key in type(guide).model_fields if hasattr(getattr(guide, key), "title")]
    assert sections and all(not d.has_attr("open") for d in sections)
    for details in sections:
        summary = details.select_one("summary")
        anchor = details.select_one(":scope > .section-anchor")
        count = len(details.select("li a[href*='#'] > code"))
        assert summary.get_text().startswith(tuple(titles)), summary.get_text()
        assert f"· {count} address" in summary.get_text()
        assert summary.select_one("a") is None, "a link inside the toggle (axe: nested-interactive)"
        assert details.select_one(":scope > p > a.headerlink")["href"] == f"#{anchor['id']}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_a_link_to_a_section_lands_on_it_open_and_the_page_is_short_on_a_phone(browser, site_url, built_site,
                                                                              width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(site_url + "links/", wait_until="load")
    height = page.evaluate("document.documentElement.scrollHeight")
    anchors = page.eval_on_selector_all("details.link-section > .section-anchor", "spans => spans.map(s => s.id)")
    assert anchors
    if width == 360:
        # Before issue 28: 13,321 px. Short: a few screens.
        assert height < 4 * 800, f"the link page is {height} px tall on a phone"
    for anchor in anchors:
        page.goto(site_url + f"links/#{anchor}", wait_until="load")
        landed = page.evaluate("""(id) => {
            const details = document.getElementById(id).closest('details');
            const summary = details.querySelector('summary').getBoundingClientRect();
            return {open: details.open, summary: summary.top,
                    header: document.querySelector('.md-header').getBoundingClientRect().bottom};
        }""", anchor)
        assert landed["open"], f"#{anchor} lands on a closed section"
        assert landed["header"] <= landed["summary"] < 800, f"#{anchor}: its title is out of view: {landed}"
    page.close()
