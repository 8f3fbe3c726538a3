"""Offline at the gym (issue 18), in Chromium: after one visit, with the server stopped and
the browser offline, every page, anchor, the search, a printed checklist and the 404 page
still work; a rebuilt site updates exactly the files that changed; Chrome can install it.

The server is really stopped: Playwright's offline mode does not reach a service
worker's own requests (microsoft/playwright#2311), so it alone would prove nothing."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading

import pytest
import yaml

from macros.postbuild import offline
from printing import pdf_pages_text, print_pdf
from search_ui import search_for
from site_pages import sitemap_pages
from support import CHROMIUM, CHROMIUM_ARGS, _SiteHandler, build_site, copy_project, free_port, site_base_path
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)


pytestmark = pytest.mark.browser

CONTROLLED = "navigator.serviceWorker.controller !== null"
DEEP_LINKS = ("technique/#step-set-up", "mistakes/#overextending-lower-back", "faq/#faq-every-leg-day")


@contextlib.contextmanager
def logged_server(directory, base_path):
    """The tests' static host (support.serve_directory), recording each requested path."""
    requested = []

    class Handler(_SiteHandler):
        def log_request(self, code="-", size="-"):
            requested.append(self.path)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", free_port()), lambda *a: Handler(*a, directory=str(directory), base_path=base_path))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}", requested
    finally:
        server.shutdown()
        server.server_close()


def visit_once(context, url):
    page = context.new_page()
    page.goto(url)
    # Controlled only once the worker is active, which is after it precached everything.
    page.wait_for_function(CONTROLLED)
    return page


@pytest.fixture(scope="module")
def offline_guide(browser, built_site):
    """A browser that visited the home page once, then lost the network and the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    with logged_server(built_site, site_base_path()) as (url, _):
        visit_once(context, url).close()
    context.set_offline(True)
    yield context, url
    context.close()


def test_every_page_opens_offline_with_its_content(offline_guide, built_site):
    context, url = offline_guide
    page = context.new_page()
    for path in sitemap_pages(built_site):
        response = page.goto(url + path)
        assert response.ok and response.from_service_worker, path
        assert page.locator("article h1").count() == 1, path
    # The footer says so, in words.
    assert page.locator("[data-offline-status]").inner_text() == "Offline: reading the saved copy"
    page.close()


@pytest.mark.parametrize("link", DEEP_LINKS)
def test_deep_links_land_on_their_anchor_offline(offline_guide, link):
    context, url = offline_guide
    page = context.new_page()
    page.goto(url + link)
    anchor = link.split("#")[1]
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    assert 0 <= top < page.viewport_size["height"] / 2, f"{link}: the anchor is at {top}px"
    page.close()


def test_search_answers_offline(offline_guide):
    """The engine's own search (its index and worker from the cache) finds a word offline."""
    context, url = offline_guide
    page = context.new_page()
    page.goto(url)
    assert search_for(page, "glute").count() > 0
    page.close()


def test_a_checklist_prints_on_one_page_offline(offline_guide, tmp_path):
    context, url = offline_guide
    page = context.new_page()
    page.goto(url + "checklists/setup/")
    pages = pdf_pages_text(print_pdf(page, tmp_path / "setup.pdf", "A4"))
    assert len(pages) == 1 and "Setup" in pages[0]
    page.close()


def test_an_unknown_address_shows_the_404_page_offline(offline_guide):
    context, url = offline_guide
    page = context.new_page()
    response = page.goto(url + "no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # A page's address without its final slash still opens it, as the host would redirect.
    page.goto(url + "technique")
    assert page.url == url + "technique/" and page.locator("article h1").count() == 1
    # A shared search (?q=) opens the cached page.
    assert page.goto(url + "technique/?q=glute").ok
    page.close()


def changed_entries(old_site, new_site) -> set[str]:
    old = {entry.url: entry.revision for entry in offline.precache_entries(old_site)}
    new = {entry.url: entry.revision for entry in offline.precache_entries(new_site)}
    return {url for url in old.keys() | new.keys() if old.get(url) != new.get(url)}


CACHE_KEYS = """async () => {
  const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map(r => r.url);
  return out;
}"""


def test_a_rebuilt_site_replaces_exactly_what_changed_and_drops_the_old_cache(browser, properdocs_site, tmp_path):
    # A rebuild by the site's own engine (the worker's update logic is the same for both).
    built_site = properdocs_site
    live = tmp_path / "live"
    shutil.copytree(built_site, live)
    project = copy_project(tmp_path / "project")
    # A sentence added to the first FAQ's answer (an edit that only the FAQ page shows).
    faq = project / "data" / "faq.yml"
    document = yaml.safe_load(faq.read_text(encoding="utf-8"))
    answer = document["faqs"][0]["answer"]
    marker = "This answer was edited for the rebuild."
    if isinstance(answer[0], str):
        answer[0] = f"{answer[0]} {marker}"
    else:
        answer[0]["text"] = f"{answer[0]['text']} {marker}"
    faq.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_site(project, tmp_path / "rebuilt")
    assert result.returncode == 0, result.stderr
    changed = changed_entries(built_site, tmp_path / "rebuilt")
    assert "faq/" in changed and "technique/" not in changed

    context = browser.new_context()
    try:
        with logged_server(live, site_base_path()) as (url, requested):
            page = visit_once(context, url + "faq/")
            old_caches = page.evaluate(CACHE_KEYS)
            assert len(old_caches) == 1
            shutil.rmtree(live)
            shutil.copytree(tmp_path / "rebuilt", live)
            requested.clear()
            page.reload()
            # The old worker still serves this page; the new one installs and waits, and
            # the reader is offered the update.
            button = page.get_by_role("button", name="Reload")
            button.wait_for()
            fetched = {path[len(site_base_path()):] for path in requested}
            assert fetched - {offline.WORKER} == changed
            with page.expect_navigation():
                button.click()
            assert marker in page.locator("article").inner_text()
            new_caches = page.evaluate(CACHE_KEYS)
    finally:
        context.close()
    assert len(new_caches) == 1 and new_caches.keys() != old_caches.keys(), "the old cache is still there"
    old_keys, new_keys = set(*old_caches.values()), set(*new_caches.values())
    address = lambda key: key.split("?__rev=")[0][len(url):]  # noqa: E731
    assert {address(k) for k in old_keys - new_keys} == {address(k) for k in new_keys - old_keys} == changed


def test_chrome_reports_no_installability_errors(browser, site_url, tmp_path):
    # A profile on disk: Chrome never offers to install from an incognito context,
    # which is what Playwright's new_context() makes.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        page = visit_once(context, site_url)
        session = context.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        manifest = session.send("Page.getAppManifest")
        assert not manifest.get("errors"), manifest["errors"]
    finally:
        context.close()


REGISTRATION = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return "none";
  return registration.active ? "active" : registration.installing ? "installing" : "waiting";
}"""


def registration_state(page, until: str, seconds: float = 30) -> str:
    """Poll the page's worker registration until it is in state `until` (or time runs out)."""
    state = page.evaluate(REGISTRATION)
    for _ in range(int(seconds * 4)):
        if state == until:
            break
        page.wait_for_timeout(250)
        state = page.evaluate(REGISTRATION)
    return state


def test_a_file_that_does_not_match_the_builds_hash_is_refused_until_it_does(browser, built_site, tmp_path):
    # sw.js: a download whose bytes differ from the build's list (a deploy still in
    # progress) fails the install, so nothing stale is saved; a later visit tries again.
    live = tmp_path / "live"
    shutil.copytree(built_site, live)
    stylesheet = next(e.url for e in offline.precache_entries(built_site) if e.url.endswith(".css"))
    original = (live / stylesheet).read_bytes()
    (live / stylesheet).write_bytes(original + b"\n/* half-deployed */\n")
    context = browser.new_context()
    try:
        with logged_server(live, site_base_path()) as (url, requested):
            page = context.new_page()
            page.goto(url)
            # The worker is installing or already gone once the tampered file was fetched.
            assert registration_state(page, "none") == "none", "a worker installed with a file the build did not list"
            assert page.evaluate("navigator.serviceWorker.controller") is None
            saved = [key for keys in page.evaluate(CACHE_KEYS).values() for key in keys]
            assert not any(stylesheet in key for key in saved), "the tampered file was saved"
            assert page.locator("[data-offline-status]").inner_text() == ""
            # The deploy finishes: the next visit installs and the guide is ready offline.
            (live / stylesheet).write_bytes(original)
            page.reload()
            page.wait_for_function(CONTROLLED)
            assert page.locator("[data-offline-status]").inner_text() == "Available offline"
    finally:
        context.close()
