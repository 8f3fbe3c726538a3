"""The guide as an installable web app that works offline: the web app manifest, its
icons and the service worker, written into a built site.

Engine-independent: `write_offline_app(site_dir, ...)` takes a built site directory and
plain values (site/config.py SiteConfig, read from the engine or mkdocs.yml). Run it after
every other step that changes built files (minifying), because each precached file is
revisioned by the hash of its final bytes.

Why a small hand-written worker (postbuild/webapp/sw.js) rather than Workbox: the build must
stay Python-only, so Workbox's build tools (Node) are out; its runtime would still need a
manifest generated here, plus routing for what this site needs (pretty URLs, the 404 page
for unknown addresses, copying unchanged entries between builds). That is ~150 lines;
vendoring Workbox would add more than that to keep updated.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..site.config import SiteConfig
from .scripts import SOURCES
from ..site.urls import base_path, built_file_address

WEBAPP = Path(__file__).parent / "webapp"
ICON_SOURCE = WEBAPP / "icon.png"
WORKER_SOURCE = WEBAPP / "sw.js"
WORKER = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"
# The sizes browsers ask for: 192 and 512 (Chrome's install criteria, Android's splash
# screen), 180 for iOS's home screen (apple-touch-icon, which ignores the manifest).
ICON_SIZES = (192, 512)
APPLE_TOUCH_ICON = 180
ICON_DIR = "assets/images/app"
# Not precached: source maps and the gzipped sitemap are for tools, not readers; the
# sitemap is for crawlers. lunr's language files are only loaded by Material's search
# worker for languages other than English (the adapter keeps them when the site has one).
# The link index (links.json) and the link-preview pictures are for other sites' tools
# and chat apps, which fetch them online, not for readers.
# Our scripts' sources are in the site too, but pages load only their bundle.
EXCLUDE = ("*.map", "*.gz", "sitemap.xml", WORKER, "assets/javascripts/lunr/*", "links.json",
           "assets/images/previews/*", *SOURCES)
# Material's default primary colour, for a palette whose colour the CSS does not name.
DEFAULT_THEME_COLOUR = "#4051b5"


@dataclass(frozen=True)
class Entry:
    """One precached file: its address relative to the site root, as pages link it
    (`technique/` for technique/index.html), and the hash of its bytes."""

    url: str
    revision: str
    size: int
    gzip_size: int


def precache_entries(site_dir: Path | str, exclude: tuple[str, ...] = EXCLUDE) -> list[Entry]:
    """Every file of the built site a reader may need offline, sorted by address."""
    site_dir = Path(site_dir)
    entries = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
            continue
        data = path.read_bytes()
        entries.append(Entry(built_file_address(relative), hashlib.sha256(data).hexdigest()[:16], len(data),
                             len(gzip.compress(data, mtime=0))))
    return sorted(entries, key=lambda entry: entry.url)


def theme_colour(site_dir: Path | str, primary: str | None) -> str:
    """The primary colour of Material's palette as its built CSS defines it."""
    for css in sorted(Path(site_dir).glob("assets/stylesheets/palette.*.css")):
        found = re.search(r"\[data-md-color-primary=%s\]\{[^}]*?--md-primary-fg-color:(#[0-9a-fA-F]{3,8})"
                          % re.escape(primary or "indigo"), css.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
    return DEFAULT_THEME_COLOUR


def web_manifest(name: str, short_name: str, description: str, scope: str, colour: str) -> dict:
    icons = [{"src": f"{scope}{ICON_DIR}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "any"} for size in ICON_SIZES]
    # The same picture serves as maskable: the figure stays inside the central safe zone
    # (a circle of 40% of the size) on a full-bleed background (tests/test_offline_unit.py).
    icons.append({**icons[-1], "purpose": "maskable"})
    return {
        "id": scope, "name": name, "short_name": short_name, "description": description,
        "lang": "en", "start_url": scope, "scope": scope, "display": "standalone",
        "theme_color": colour, "background_color": "#ffffff", "icons": icons,
    }


def write_icons(site_dir: Path, source: Path = ICON_SOURCE) -> list[Path]:
    """Resize the one source picture to every icon size (Pillow, pinned in requirements.txt)."""
    from PIL import Image

    out = site_dir / ICON_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with Image.open(source) as image:
        image = image.convert("RGB")
        for size in (*ICON_SIZES, APPLE_TOUCH_ICON):
            path = out / f"icon-{size}.png"
            # No metadata (time stamps) in the PNG: the same source gives the same bytes,
            # so a rebuild does not make readers download unchanged icons again.
            image.resize((size, size), Image.LANCZOS).save(path, optimize=True)
            written.append(path)
    return written


def worker_script(entries: list[Entry]) -> str:
    """The service worker with this build's precache list. The cache name is the hash of
    the list, so a rebuild that changes any file gives the worker new bytes (which is how
    browsers notice an update) and a new cache."""
    precache = {entry.url: entry.revision for entry in entries}
    listing = json.dumps(precache, sort_keys=True, separators=(",", ":"))
    version = hashlib.sha256(listing.encode()).hexdigest()[:16]
    return (WORKER_SOURCE.read_text(encoding="utf-8")
            .replace("self.__PRECACHE__", listing)
            .replace("self.__VERSION__", json.dumps(version)))


# Written instead of the worker when the offline app is turned off, or while serving:
# a reader's browser that installed the worker fetches this on its next visit online,
# and it removes the caches and itself, so no page is served from an old cache.
RETIRED_WORKER = """\
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  const prefix = `guide-offline:${new URL(self.registration.scope).pathname}:`;
  for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
  await self.registration.unregister();
})()));
"""


def write_offline_app(site_dir: Path | str, *, site_url: str | None, name: str, short_name: str,
                      description: str, primary: str | None = None, enabled: bool = True,
                      exclude: tuple[str, ...] = EXCLUDE) -> list[Entry]:
    """Write the icons, the manifest and the service worker into `site_dir`; return the
    precache entries (none when turned off: then the worker only removes itself)."""
    site_dir = Path(site_dir)
    if not enabled:
        (site_dir / WORKER).write_text(RETIRED_WORKER, encoding="utf-8")
        return []
    scope = base_path(site_url)
    write_icons(site_dir)
    manifest = web_manifest(name, short_name, description, scope, theme_colour(site_dir, primary))
    (site_dir / WEB_MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    entries = precache_entries(site_dir, exclude)
    (site_dir / WORKER).write_text(worker_script(entries), encoding="utf-8")
    return entries


def write_offline_app_for(site_dir: Path | str, config: SiteConfig, enabled: bool = True) -> list[Entry]:
    """The offline app of a site with this config (see write_offline_app)."""
    exclude = EXCLUDE
    if config.search_languages - {"en"}:
        # Material's search worker loads lunr's language support for these.
        exclude = tuple(pattern for pattern in exclude if not pattern.startswith("assets/javascripts/lunr/"))
    return write_offline_app(
        site_dir, site_url=config.site_url, name=config.site_name,
        short_name=config.offline_short_name or config.site_name, description=config.site_description or "",
        primary=config.primary_colour, enabled=enabled, exclude=exclude)
