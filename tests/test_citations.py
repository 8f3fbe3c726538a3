"""Citations in the built site: every [n] reaches its reference, every reference links back."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from macros.site.pages import PRINT_VIEW
from macros.site.urls import address_of
from site_text import page_soups

# The whole guide on paper repeats every page, citations included: counted on their own pages.
PRINT_PAGE = address_of(PRINT_VIEW) + "index.html"


def resolve(page: str, href: str) -> tuple[str, str]:
    """The built file and fragment an href on `page` points to (directory URLs -> index.html)."""
    parts = urlsplit(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else page
    if not target.endswith(".html"):
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./"), parts.fragment


def test_every_citation_links_to_an_existing_reference_entry(built_site, guide):
    soups = page_soups(built_site)
    numbers = {ref.id: str(n) for n, ref in enumerate(guide.references.references, start=1)}
    citations = [(page, a) for page, soup in soups.items() for a in soup.select("article a.citation")]
    assert len([c for c in citations if c[0] != PRINT_PAGE]) == sum(len(p.cites) for p in _cited_paragraphs(guide))
    for page, link in citations:
        target, fragment = resolve(page, link["href"])
        assert target == "references/index.html", link
        entry = soups[target].find(id=fragment)
        assert entry is not None, f"{page}: {link['href']} has no target"
        assert link.get_text() == f"[{numbers[fragment]}]"


def test_every_reference_is_cited_and_links_back_to_each_citation(built_site, guide):
    soups = page_soups(built_site)
    references = soups["references/index.html"]
    for ref in guide.references.references:
        entry = references.find(id=ref.id).find_parent("li")
        backlinks = [a["href"] for a in entry.find_all("a") if "#cite-" in a["href"]]
        assert backlinks, f"reference {ref.id} is never cited"
        for href in backlinks:
            target, fragment = resolve("references/index.html", href)
            citation = soups[target].find(id=fragment)
            assert citation is not None and "citation" in citation["class"], href
            assert citation["href"].endswith(f"#{ref.id}")


def test_glute_max_peak_activation_claim_cites_the_back_squat_comparison(built_site, guide):
    muscles = page_soups(built_site)["muscles/index.html"]
    claim = muscles.find(string=lambda s: s and "peak activation of the gluteus maximus" in s).parent
    contreras = next(r for r in guide.references.references if "Back Squat" in r.title)
    assert [a["href"].split("#")[1] for a in claim.select("a.citation")] == [contreras.id]


def test_doi_links_resolve_through_doi_org(built_site, guide):
    references = page_soups(built_site)["references/index.html"]
    for ref in guide.references.references:
        if ref.doi:
            assert references.find("a", href=f"https://doi.org/{ref.doi}") is not None


def _cited_paragraphs(guide):
    from macros.data.model import CitedParagraph, walk

    for name in type(guide).model_fields:
        for _path, record, _owner in walk(getattr(guide, name)):
            if isinstance(record, CitedParagraph) and record.cites:
                yield record
