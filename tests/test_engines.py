"""The engines: ProperDocs builds the site; plain MkDocs 1.6 gives the same pages; Zensical
builds the same sources into a site that passes the content checks (README, "Engines")."""

from __future__ import annotations

import json
import re


import test_citations
import test_links_manifest
import test_site_complete
from support import ROOT, build_site

# The one line in which the engines' pages may differ: which generator made them.
GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')
PRECACHE = re.compile(r"^const PRECACHE = (\{.*\});$", re.M)


def _precache(sw: bytes) -> dict[str, str]:
    return json.loads(PRECACHE.search(sw.decode()).group(1))


def test_plain_mkdocs_builds_the_same_pages_as_properdocs(built_site, tmp_path):
    mkdocs_site = tmp_path / "site"
    result = build_site(ROOT, mkdocs_site, engine="mkdocs")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    assert "ProperDocs" in (built_site / "index.html").read_text(encoding="utf-8"), "built_site is not ProperDocs'"
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert files == {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()}
    differ = []
    for name in sorted(files):
        ours, theirs = (built_site / name).read_bytes(), (mkdocs_site / name).read_bytes()
        if name.endswith(".html"):
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        elif name == "sw.js":
            # The offline worker lists every file with a hash of its bytes: the pages' hashes
            # differ by the generator line; every other entry must be the same.
            ours, theirs = _precache(ours), _precache(theirs)
            assert ours.keys() == theirs.keys()
            ours = {k: v for k, v in ours.items() if not (k.endswith("/") or k.endswith(".html") or k == "")}
            theirs = {k: theirs[k] for k in ours}
        if ours != theirs:
            differ.append(name)
    assert not differ, "ProperDocs and MkDocs built these differently (beyond the generator meta):\n" + "\n".join(differ)


# --- Zensical ---

def test_zensical_site_has_every_data_string(zensical_site):
    test_site_complete.test_every_string_in_data_appears_in_built_html(zensical_site)


def test_zensical_site_has_every_line_of_the_source_text(zensical_site, guide):
    test_site_complete.test_every_line_of_the_source_text_is_on_the_site(zensical_site, guide)


def test_zensical_site_lands_every_manifest_link(zensical_site):
    test_links_manifest.test_every_manifest_link_resolves(zensical_site)


def test_zensical_site_offers_no_address_beyond_the_manifest(zensical_site):
    test_links_manifest.test_every_address_the_site_offers_is_in_the_manifest(zensical_site)


def test_zensical_site_resolves_every_citation(zensical_site, guide):
    test_citations.test_every_citation_links_to_an_existing_reference_entry(zensical_site, guide)
    test_citations.test_every_reference_is_cited_and_links_back_to_each_citation(zensical_site, guide)


def test_zensical_pages_carry_their_titles_and_descriptions_from_data(zensical_site, guide):
    """What on_pre_page_macros does under MkDocs, define_env does per page under Zensical."""
    from bs4 import BeautifulSoup

    for source, preview in guide.guide.pages.items():
        path = zensical_site / ("index.html" if source == "index.md" else
                                source.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/index.html")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("meta", attrs={"name": "description"})["content"] == preview.description, source
        if preview.title is not None:
            assert soup.title.get_text().startswith(preview.title), source


def test_zensical_structured_data_names_the_canonical_address(zensical_site):
    page = (zensical_site / "technique" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert blocks, "the technique page lost its schema.org HowTo"
    assert "https://example.org/single-leg-hip-thrust/technique/" in "".join(blocks)


def test_zensical_site_ships_no_python_source(zensical_site):
    """Zensical copies the whole theme folder (overrides/) into the site: the hooks live in
    hooks/, outside it."""
    assert not list(zensical_site.rglob("*.py"))
