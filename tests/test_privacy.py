"""A visit tells no third party: every request a page makes goes to the site's own host."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from axe_audit import VIEWPORTS
from search_ui import search_for
from site_pages import reader_pages
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)



# What the browser fetches by itself: these tags and attributes load a resource.
LOADING = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
    "link": ["href"],  # stylesheets, icons, preconnect, preload, manifest
}
LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preconnect", "dns-prefetch", "preload", "prefetch", "modulepreload", "manifest"}
REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])(https?:)?//", re.IGNORECASE)


def test_no_page_or_stylesheet_loads_from_another_host(built_site):
    remote = []
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attributes in LOADING.items():
            for element in soup.find_all(tag):
                if tag == "link" and not LINK_RELS_THAT_LOAD & set(element.get("rel", [])):
                    continue
                for attribute in attributes:
                    if REMOTE.match(element.get(attribute, "").strip()):
                        remote.append(f"{path.relative_to(built_site)}: <{tag} {attribute}={element[attribute]}>")
    for path in sorted(built_site.rglob("*.css")):
        for match in CSS_REMOTE.finditer(path.read_text(encoding="utf-8")):
            remote.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert not remote, "resources from other hosts:\n" + "\n".join(remote)


@pytest.mark.browser
def test_loading_and_using_each_page_requests_only_the_site(browser, built_site, site_url):
    site = urllib.parse.urlsplit(site_url)
    # Without the offline worker, whose cache would answer the page's requests before the
    # recorder sees them; its own requests go to the site only (tests/test_offline_unit.py).
    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    requests: list[str] = []
    elsewhere: list[str] = []

    def record(route):
        url = route.request.url
        requests.append(url)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob") or (parts.scheme, parts.netloc) == (site.scheme, site.netloc):
            route.continue_()
        else:
            elsewhere.append(f"{current}: {url}")
            route.abort()  # never reach the internet from a test

    context.route("**/*", record)
    counts = {}
    try:
        page = context.new_page()
        for current in reader_pages(built_site):
            requests.clear()
            page.goto(site_url + current, wait_until="networkidle")
            # Use the page as a reader does: search (loads the index and the search worker)
            # and switch the colour scheme.
            search_for(page, "glute")
            page.keyboard.press("Escape")
            page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
            counts[current or "(home)"] = len(requests)
    finally:
        context.close()
    print("\nrequests per page (load, search, scheme switch):", counts)
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    # The recorder saw the page itself, its styles, scripts and the search index.
    assert all(count >= 4 for count in counts.values()), counts
