"""Write the published link index, links.json (links/index.py makes it), at the root of
the built site."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..data.model import Guide
from ..links.index import link_index, write


def write_link_index(site_dir: Path | str, guide: Guide, manifest: Iterable[str], docs_pages: Mapping[str, str],
                     redirects: Mapping[str, str], site_url: str) -> Path:
    """links.json from the data, the manifest, the redirects and `site_url`."""
    return write(site_dir, link_index(guide, manifest, docs_pages, redirects, site_url or "/"))
