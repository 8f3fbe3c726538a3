"""The guide reads well: every page has its own plain title, long pages a table of
contents, each page links to the previous and next page in the navigation's reading
order, and a missing page answers 404 with a page that helps the reader on."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from urllib.error import HTTPError

from bs4 import BeautifulSoup

from site_pages import MISSING_PAGE, page_file, sitemap_pages

LONG_PAGE_SECTIONS = 3  # a page with this many h2 sections gets a table of contents


def _soup(built_site, page: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(built_site, page).read_text(encoding="utf-8"), "html.parser")


def _site_name(soup: BeautifulSoup) -> str:
    return soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True)


def _page_of(page: str, href: str) -> str:
    """The sitemap page a relative link from `page` leads to."""
    path = urllib.parse.urljoin("/" + page, href).split("#")[0].lstrip("/")
    return "" if path in ("", ".") else path.rstrip(".") if path.endswith("/.") else path


def test_every_page_has_its_own_plain_title(built_site):
    titles = {}
    for page in sitemap_pages(built_site):
        soup = _soup(built_site, page)
        title = soup.head.title.get_text()
        site_name = _site_name(soup)
        assert title.endswith(f" - {site_name}"), f"{page or '(home)'}: title {title!r} does not name the site"
        own = title.removesuffix(f" - {site_name}").strip()
        assert own and not re.search(r"[{}<>#]|\{\{", own), f"{page or '(home)'}: title {title!r} is not plain text"
        titles.setdefault(title, []).append(page or "(home)")
    shared = {title: pages for title, pages in titles.items() if len(pages) > 1}
    assert not shared, f"pages sharing a title: {shared}"


def test_long_pages_have_a_table_of_contents(built_site):
    long_pages = 0
    for page in sitemap_pages(built_site):
        soup = _soup(built_site, page)
        sections = [h["id"] for h in soup.select("article h2[id]")]
        if len(sections) < LONG_PAGE_SECTIONS:
            continue
        long_pages += 1
        toc = soup.select_one("nav.md-nav--secondary")
        assert toc is not None, f"{page or '(home)'}: {len(sections)} sections and no table of contents"
        listed = {a["href"].split("#")[-1] for a in toc.select("a.md-nav__link[href*='#']")}
        missing = [section for section in sections if section not in listed]
        assert not missing, f"{page or '(home)'}: table of contents lacks {missing}"
    assert long_pages >= 3


def test_previous_and_next_follow_the_navigation(built_site):
    home = _soup(built_site, "")
    order = []
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        if "#" not in link["href"]:
            target = _page_of("", link["href"])
            if target not in order:
                order.append(target)
    assert set(order) == set(sitemap_pages(built_site)), "the navigation and the sitemap list different pages"
    for n, page in enumerate(order):
        soup = _soup(built_site, page)
        for direction, expected in (("prev", order[n - 1] if n else None), ("next", order[n + 1] if n + 1 < len(order) else None)):
            footer = soup.select_one(f"a.md-footer__link--{direction}")
            head = soup.select_one(f'link[rel="{direction}"]')
            if expected is None:
                assert footer is None and head is None, f"{page or '(home)'}: a {direction} link past the end"
            else:
                assert footer is not None, f"{page or '(home)'}: no {direction} link in the footer"
                assert _page_of(page, footer["href"]) == expected, f"{page or '(home)'}: {direction} goes to {footer['href']}"
                assert _page_of(page, head["href"]) == expected


def test_a_missing_page_answers_404_with_a_way_on(built_site, site_url):
    try:
        urllib.request.urlopen(site_url + MISSING_PAGE)
        raise AssertionError("a missing page answered 200")
    except HTTPError as error:
        assert error.code == 404
        soup = BeautifulSoup(error.read().decode("utf-8"), "html.parser")
    article = soup.select_one("article")
    assert "not found" in soup.head.title.get_text().lower()
    assert "not found" in article.h1.get_text().lower()
    assert soup.select_one("input.md-search__input") is not None, "no search on the 404 page"
    # It offers every page of the navigation, and each of those links works.
    offered = {urllib.parse.urljoin(site_url, a["href"]) for a in article.select("a[href]")}
    home = _soup(built_site, "")
    nav_pages = {urllib.parse.urljoin(site_url, a["href"]) for a in home.select("nav.md-nav--primary a.md-nav__link[href]")
                 if "#" not in a["href"]}
    assert {u.rstrip(".") for u in nav_pages} <= {u.rstrip(".") for u in offered}
    for url in offered:
        assert urllib.request.urlopen(url).status == 200, url
