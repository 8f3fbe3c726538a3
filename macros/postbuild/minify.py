"""Our stylesheets and scripts, minified in the built site.

The sources in overrides/assets keep their comments, which say why each rule exists;
readers need none of them (comments and spacing were over half of the gzip bytes of our
CSS and JS on every page). Material's own assets are minified already.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_built_assets(theme_dir: Path | str, site_dir: Path | str) -> list[Path]:
    """Minify, in place under `site_dir`, each CSS and JS file the theme directory ships
    (overrides/assets/...). Returns the built files it minified."""
    theme_dir, site_dir = Path(theme_dir), Path(site_dir)
    minified = []
    for source in sorted((theme_dir / "assets").rglob("*")):
        minify = MINIFIERS.get(source.suffix)
        built = site_dir / source.relative_to(theme_dir)
        if minify is None or not built.is_file():
            continue
        built.write_text(minify(built.read_text(encoding="utf-8")), encoding="utf-8")
        minified.append(built)
    return minified
