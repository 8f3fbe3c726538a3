"""A built site read as links: every page's address and anchors, the public ones (the
addresses the link manifest keeps), redirect stubs, and which manifest addresses no
longer land. `make links-lock` and the link tests read built sites with these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from ..site.anchors import DERIVED_PREFIXES
from ..site.manifest import PUBLIC_ID
from ..site.pages import PRINT_VIEW
from ..site.urls import built_file_address, rooted_address


@dataclass(frozen=True)
class BuiltPage:
    """One built HTML file: its anchors, or where it redirects to."""

    ids: frozenset[str]
    public_ids: frozenset[str]
    redirect: str | None  # site-relative address of the new page, for a redirect stub


def page_address(site: Path, html: Path) -> str:
    """`/` for the home page, `/technique/` for technique/index.html."""
    return "/" + built_file_address(html.relative_to(site).as_posix())


def read_page(site: Path, html: Path, known_ids: frozenset[str] = frozenset()) -> BuiltPage:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is not None:  # a mkdocs-redirects stub
        target = refresh["content"].split("url=", 1)[1].strip()
        return BuiltPage(frozenset(), frozenset(), urljoin(page_address(site, html), target))
    ids = frozenset(el["id"] for el in soup.select("[id]"))
    article = soup.select_one("article")
    public = set()
    if article is not None:
        title = article.find("h1")
        for el in article.select("[id]"):
            anchor = el["id"]
            if (el is title and anchor not in known_ids) or not PUBLIC_ID.match(anchor) or anchor.startswith(DERIVED_PREFIXES):
                continue
            public.add(anchor)
    return BuiltPage(ids, frozenset(public), None)


def built_pages(site: Path, known_ids: frozenset[str] = frozenset()) -> dict[str, BuiltPage]:
    """Every built page by its address (the 404 page is no address)."""
    return {
        page_address(site, html): read_page(site, html, known_ids)
        for html in sorted(site.rglob("*.html"))
        if html.relative_to(site).as_posix() != "404.html"
    }


def offered_links(site: Path, known_ids: frozenset[str] = frozenset()) -> set[str]:
    """Every address the built site offers: each page, and each public anchor on it.
    `known_ids` (from data/) makes a page title's id public too."""
    links = set()
    print_view = rooted_address(PRINT_VIEW)
    for address, page in built_pages(site, known_ids).items():
        # The whole guide on paper repeats the sections' anchors: theirs are the addresses.
        if page.redirect is None and address != print_view:
            links.add(address)
            links.update(f"{address}#{anchor}" for anchor in page.public_ids)
    return links


def broken_links(site: Path, links: list[str]) -> dict[str, str]:
    """Each address that no longer lands, with why and how to fix it."""
    pages = built_pages(site)
    problems = {}
    for link in links:
        address, _, anchor = link.partition("#")
        page = pages.get(address)
        hops = 0
        while page is not None and page.redirect is not None and hops < 5:
            address, page, hops = page.redirect, pages.get(page.redirect), hops + 1
        if page is None:
            problems[link] = (f"the page {address} is gone; if it moved, add a redirect "
                              "(mkdocs.yml, plugins: redirects: redirect_maps: old.md: new.md)")
        elif anchor and anchor not in page.ids:
            problems[link] = (f"no element with id '{anchor}' on {address}; if the id was "
                              f"renamed, keep '{anchor}' in the record's `aliases:` in data/")
    return problems


def broken_report(broken: dict[str, str]) -> str:
    """One line per broken address: the address, then why and how to fix it."""
    return "".join(f"  {link}: {why}\n" for link, why in sorted(broken.items()))
