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


def test_the_page_explains_previews_the_index_and_the_checker_with_working_examples(built_site, monkeypatch,
                                                                                    tmp_path, capsys):
    """The worked examples are the real thing: the links.json entry shown is the published
    one, and the checker's report shown is what the checker prints for the document shown."""
    from macros.cli.check_links import main
    from macros.site.anchors import LINK_PAGE_SECTION
    from macros.links.sections import TOOL_SECTIONS

    soup = page_soups(built_site)["links/index.html"]
    for key, title in TOOL_SECTIONS.items():
        heading = soup.find(id=LINK_PAGE_SECTION.format(key=key))
        assert heading is not None and heading.name == "h2" and heading.get_text().startswith(title), key
    blocks = [pre.get_text() for pre in soup.select("article .wrap-lines pre")]
    entry, command, document, report = blocks
    published = json.loads((built_site / "links.json").read_text(encoding="utf-8"))["addresses"]
    assert json.loads(entry) in published
    assert command.startswith("make check-links FILES=")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "programme.md").write_text(document, encoding="utf-8")
    assert main(["--index", str(built_site / "links.json"), "programme.md"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 2 and [line for line in report.splitlines() if line] == printed


def test_data_in_a_code_fence_cannot_close_it():
    from macros.links.index import fence

    assert fence("plain") == "```"
    assert fence("a ```` b", "`") == "`````"


@pytest.mark.browser
def test_the_worked_examples_read_whole_on_a_phone(browser, site_url):
    """Looked at: the examples' long addresses hid their ends behind a sideways scroll at
    360 px. They wrap: no example block is wider than its box."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(site_url + "links/", wait_until="load")
    widths = page.eval_on_selector_all(
        "article .wrap-lines pre", "blocks => blocks.map(b => [b.scrollWidth, b.clientWidth])")
    page.close()
    assert len(widths) == 4
    assert all(scroll <= client for scroll, client in widths), widths
