"""Deep links never break: the committed manifest (data/links.lock) against the built site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from support import DATA
from macros.site.manifest import REGENERATE, read_manifest
from macros.links.built import broken_links, built_pages, broken_report, offered_links, page_address
from macros.cli.links_lock import data_ids
from macros.data.model import Linkable, walk
from site_text import page_soups

HOW_TO_FIX = (f"\nRenamed an id? Keep the old one in the record's `aliases:`. Moved a page? Add a redirect "
              f"in mkdocs.yml. Added pages or anchors? Run `{REGENERATE}` and commit data/links.lock.")


def test_every_manifest_link_resolves(built_site):
    links = read_manifest(DATA)
    assert len(links) > 50, f"data/links.lock holds only {len(links)} addresses: is it truncated?"
    broken = broken_links(built_site, links)
    assert not broken, "links that no longer land:\n" + broken_report(broken) + HOW_TO_FIX


def test_every_address_the_site_offers_is_in_the_manifest(built_site):
    missing = sorted(offered_links(built_site, data_ids()) - set(read_manifest(DATA)))
    assert not missing, (f"public addresses missing from data/links.lock (run `{REGENERATE}` and commit it):\n  "
                         + "\n  ".join(missing))


def test_every_linkable_id_in_the_data_is_in_the_manifest(guide):
    anchors = {link.partition("#")[2] for link in read_manifest(DATA)}
    missing = []
    for file_key in type(guide).model_fields:
        for _path, record, _owner in walk(getattr(guide, file_key)):
            if isinstance(record, Linkable):
                missing += [f"data/{file_key}.yml: {anchor}" for anchor in [record.id, *record.aliases]
                            if anchor not in anchors]
    assert not missing, (f"ids in data/ with no address in data/links.lock (run `{REGENERATE}`; if an id "
                         "is still missing, no page renders it):\n  " + "\n  ".join(missing))


def test_every_anchor_offers_a_permalink_to_copy(built_site):
    """Each #anchor of the manifest carries a permalink (Material's `.headerlink`) on the
    element it names, a heading or not, so a reader can copy the exact address."""
    soups = {page_address(built_site, built_site / path): soup for path, soup in page_soups(built_site).items()}
    without = []
    for link in read_manifest(DATA):
        page, _, anchor = link.partition("#")
        if not anchor:
            continue
        target = soups[page].find(id=anchor)
        # An alias or a table row's anchor is an empty span inside the element it names; so
        # is a section's anchor on the link page, first inside its <details> (link_index.md.j2).
        holder = target.parent if target.name == "span" or "section-anchor" in target.get("class", []) else target
        permalinks = [a for a in holder.select("a.headerlink") if a["href"] in (f"#{anchor}", f"#{holder.get('id')}")]
        if not permalinks:
            without.append(link)
    assert not without, "anchors without a permalink a reader can copy:\n  " + "\n  ".join(without)


def test_manifest_is_sorted_without_duplicates():
    links = read_manifest(DATA)
    assert links == sorted(set(links)), f"data/links.lock is hand-edited or merged badly: run `{REGENERATE}`"


def test_no_page_has_duplicate_ids(built_site):
    duplicates = []
    for page, soup in page_soups(built_site).items():
        seen: set[str] = set()
        for element in soup.select("[id]"):
            if element["id"] in seen:
                duplicates.append(f"{page}: #{element['id']}")
            seen.add(element["id"])
    assert not duplicates, "ids used twice on one page (a link lands on the first only):\n  " + "\n  ".join(duplicates)


def test_every_internal_fragment_link_resolves(built_site):
    pages = built_pages(built_site)
    checked, broken = 0, []
    for page, soup in page_soups(built_site).items():
        here = "/" + page.removesuffix("index.html")
        for link in soup.select("a[href*='#']"):
            href = link["href"]
            if "://" in href or href.startswith("mailto:"):
                continue
            path, _, anchor = href.partition("#")
            target = _resolve(here, path)
            checked += 1
            if not anchor:
                continue
            if target not in pages or anchor not in pages[target].ids:
                broken.append(f"{page}: href=\"{href}\" ({target}#{anchor} does not exist)")
    assert checked > 100, f"only {checked} fragment links found: is the scan broken?"
    assert not broken, "links to anchors that do not exist:\n  " + "\n  ".join(broken)


def _resolve(here: str, path: str) -> str:
    return urljoin(here, path) if path else here


def test_broken_links_names_the_link_and_the_fix(tmp_path: Path):
    """The check itself can fail, and says which link broke and how to repair it."""
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text('<article><h1 id="home">Home</h1><p id="kept">x</p></article>')
    (site / "guide" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../moved/">')
    broken = broken_links(site, ["/", "/#kept", "/#renamed", "/gone/", "/guide/#kept"])
    assert set(broken) == {"/#renamed", "/gone/", "/guide/#kept"}
    assert "aliases" in broken["/#renamed"]
    assert "redirect" in broken["/gone/"]
    assert "/moved/" in broken["/guide/#kept"], "a redirect must be followed to its target page"
    assert offered_links(site) == {"/", "/#kept"}, "the page title's id and redirect stubs are no addresses"
