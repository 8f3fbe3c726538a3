"""Our scripts as one small bundle, `assets/javascripts/guide.js`: the sources in
overrides/assets/javascripts/ (which keep their comments) joined in order and minified,
so a page makes one request for them, loaded with `defer` (overrides/main.html): they
never hold up the parser, and run after the theme's bundle, whose `document$` they use.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

BUNDLE = "assets/javascripts/guide.js"
# In the order they run; each is self-contained (a function or a document$ subscription).
SOURCES = (
    "assets/javascripts/print.js",
    "assets/javascripts/table-scroll.js",
    "assets/javascripts/drawer-keyboard.js",
    "assets/javascripts/ticks.js",
    "assets/javascripts/share-links.js",
    "assets/javascripts/offline.js",
)


def bundle(theme_dir: Path | str) -> str:
    """The bundle's text: every source, minified, each ending its own statement."""
    parts = [rjsmin.jsmin((Path(theme_dir) / source).read_text(encoding="utf-8")).rstrip(";") + ";"
             for source in SOURCES]
    return "\n".join(parts) + "\n"


def write_bundle(theme_dir: Path | str, site_dir: Path | str) -> Path:
    """Write the bundle into the built site."""
    path = Path(site_dir) / BUNDLE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bundle(theme_dir), encoding="utf-8")
    return path
