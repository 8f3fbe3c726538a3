"""The offline app's generator (macros/offline.py) on a tiny fake site, and its output in
the real build: the manifest, the icons, the precache list, the links from every page."""

from __future__ import annotations

import pytest

import hashlib
import json
import posixpath
import re
from pathlib import Path

from PIL import Image

from macros.postbuild import offline
from macros.site.urls import base_path
from site_pages import sitemap_pages
from support import site_base_path
from every_engine import built_site, site_url  # noqa: F401  every engine's build (conftest.py `engine_site`)


def fake_site(root: Path) -> Path:
    files = {
        "index.html": "<h1>Home</h1>", "a/index.html": "<h1>A</h1>", "404.html": "<h1>Not found</h1>",
        "assets/x.js": "var x;", "assets/x.js.map": "{}", "sitemap.xml": "<urlset/>", "sitemap.xml.gz": "gz",
        "search/search_index.json": "{}", "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/stylesheets/palette.0123.min.css": "[data-md-color-primary=teal]{--md-primary-fg-color:#009485}",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def worker_listing(site: Path) -> dict[str, str]:
    return json.loads(re.search(r"const PRECACHE = (\{.*?\});", (site / offline.WORKER).read_text()).group(1))


def worker_version(site: Path) -> str:
    return re.search(r'const VERSION = "(\w+)";', (site / offline.WORKER).read_text()).group(1)


def write(site: Path, **overrides) -> list[offline.Entry]:
    settings = dict(site_url="https://example.org/guide/", name="A Guide", short_name="Guide",
                    description="About it.", primary="teal")
    return offline.write_offline_app(site, **{**settings, **overrides})


def test_precache_lists_reader_files_by_page_address_with_content_hashes(tmp_path):
    site = fake_site(tmp_path)
    entries = {entry.url: entry for entry in offline.precache_entries(site)}
    assert sorted(entries) == ["", "404.html", "a/", "assets/stylesheets/palette.0123.min.css", "assets/x.js",
                               "search/search_index.json"]
    assert entries["a/"].revision == hashlib.sha256(b"<h1>A</h1>").hexdigest()[:16]
    assert entries["a/"].size == len("<h1>A</h1>")


def test_manifest_follows_site_url_path_and_palette(tmp_path):
    site = fake_site(tmp_path)
    write(site)
    manifest = json.loads((site / offline.WEB_MANIFEST).read_text())
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "/guide/"
    assert (manifest["name"], manifest["short_name"], manifest["theme_color"]) == ("A Guide", "Guide", "#009485")
    assert {icon["src"] for icon in manifest["icons"]} == {f"/guide/{offline.ICON_DIR}/icon-{s}.png" for s in (192, 512)}
    assert base_path(None) == base_path("https://example.org") == "/"


def test_one_changed_file_changes_exactly_its_entry_and_the_worker_version(tmp_path):
    site = fake_site(tmp_path)
    write(site)
    before, version = worker_listing(site), worker_version(site)
    (site / "a" / "index.html").write_text("<h1>A, edited</h1>")
    write(site)
    after = worker_listing(site)
    assert {url for url in after if after[url] != before[url]} == {"a/"}
    assert worker_version(site) != version


def test_a_rebuild_of_the_same_files_gives_the_same_worker_bytes(tmp_path):
    # Same bytes means browsers see no update: icons carry no time stamps.
    site = fake_site(tmp_path)
    write(site)
    first = {p: p.read_bytes() for p in [site / offline.WORKER, *(site / offline.ICON_DIR).glob("*.png")]}
    write(site)
    assert first == {p: p.read_bytes() for p in first}


def test_turned_off_the_worker_removes_itself_and_its_caches(tmp_path):
    site = fake_site(tmp_path)
    assert write(site, enabled=False) == []
    worker = (site / offline.WORKER).read_text()
    assert "unregister()" in worker and "caches.delete" in worker
    assert not (site / offline.WEB_MANIFEST).exists()


def test_the_icon_is_maskable_its_figure_inside_the_safe_zone():
    # Maskable icons may be cropped to a circle of 40% of their size around the centre.
    with Image.open(offline.ICON_SOURCE) as image:
        image = image.convert("RGB")
        size = image.width
        background = image.getpixel((0, 0))
        for x in range(0, size, 4):
            for y in range(0, size, 4):
                if (x - size / 2) ** 2 + (y - size / 2) ** 2 > (0.4 * size) ** 2:
                    assert max(abs(a - b) for a, b in zip(image.getpixel((x, y)), background)) < 8, (x, y)


# The real build.

def test_built_manifest_is_valid_and_its_icons_have_their_declared_sizes(built_site):
    manifest = json.loads((built_site / offline.WEB_MANIFEST).read_text(encoding="utf-8"))
    base = site_base_path()
    assert manifest["start_url"] == manifest["scope"] == base
    assert manifest["display"] == "standalone" and len(manifest["short_name"]) <= 12
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    purposes = set()
    for icon in manifest["icons"]:
        assert icon["src"].startswith(base)
        with Image.open(built_site / icon["src"][len(base):]) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        purposes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_every_page_links_the_manifest_and_our_scripts_with_the_offline_one(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a redirect stub
        assert '<link rel="manifest"' in text and "assets/javascripts/guide.js" in text, path


def test_precache_holds_every_page_the_search_and_the_print_styles(built_site):
    listed = worker_listing(built_site)
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  (built_site / "index.html").read_text(encoding="utf-8")).group(1))
    # Material's search index and worker, or Zensical's (its worker's path written "./...").
    search_index = next(name for name in ("search/search_index.json", "search.json") if (built_site / name).is_file())
    needed = {*sitemap_pages(built_site), "404.html", search_index, posixpath.normpath(config["search"]),
              "assets/stylesheets/print.css", "assets/javascripts/guide.js", offline.WEB_MANIFEST}
    assert needed <= set(listed), needed - set(listed)
    assert not [url for url in listed if url.endswith((".map", ".gz")) or "://" in url]
    for url, revision in listed.items():
        path = built_site / (url + "index.html" if url == "" or url.endswith("/") else url)
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == revision, url


def test_serving_registers_no_worker(monkeypatch):
    """While serving, pages link no worker (a cached page would hide every edit)."""
    from macros.engine import adapter
    from macros.site.config import COMMAND_VARIABLE

    for command, linked in (("serve", False), ("build", True)):
        monkeypatch.setenv(COMMAND_VARIABLE, command)
        assert adapter.offline_app_linked({"extra": {"offline": {"enabled": True}}}) is linked


def test_link_tools_files_stay_out_of_the_offline_store():
    """links.json and the link-preview pictures are for other sites' tools, fetched online."""
    from macros.postbuild.offline import EXCLUDE
    import fnmatch

    for name in ("links.json", "assets/images/previews/technique.png"):
        assert any(fnmatch.fnmatch(name, pattern) for pattern in EXCLUDE), name
