"""Addresses, written once: the site uses directory URLs (technique.md is served at
`technique/`, index.md at the root), and every link, manifest line, index entry and
precached file is made by these helpers from a path in docs/ or in the built site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit


def with_slash(path: str) -> str:
    """`path` ending in "/" (a directory URL, a site's base address)."""
    return path if path.endswith("/") else path + "/"


def address_of(page: str) -> str:
    """The site address of a docs page, relative to the site (directory URLs):
    technique.md -> technique/, index.md -> "" (the inverse of `page_at`)."""
    stem = page.removesuffix(".md").removesuffix("index")
    return stem if not stem or stem.endswith("/") else stem + "/"


def rooted_address(page: str) -> str:
    """The address of a docs page as the manifest and links.json write it: `/technique/`
    for technique.md, `/` for index.md."""
    return "/" + address_of(page)


def page_at(address: str, docs_files: Iterable[str]) -> str | None:
    """The docs file served at a site address (directory URLs): /technique/ -> technique.md;
    None when no docs file is (any longer) served there, e.g. a page moved behind a redirect."""
    stem = address.strip("/")
    candidates = ["index.md"] if not stem else [f"{stem}.md", f"{stem}/index.md"]
    return next((c for c in candidates if c in docs_files), None)


def relative(target: str, here: str) -> str:
    """The link from page `here` to `target` (both paths in docs/; `target` may end in
    #anchor): relative, so it works wherever the site is served."""
    page, hash_, anchor = target.partition("#")
    return posixpath.relpath(page, posixpath.dirname(here) or ".") + hash_ + anchor


def absolute(site_url: str, address: str) -> str:
    """The full URL of `address` (relative to the site) under `site_url`."""
    return urljoin(with_slash(site_url), address.lstrip("/"))


def base_path(site_url: str | None) -> str:
    """The path part of `site_url` ("/" when unset), ending in "/": where the site is served."""
    return with_slash(urlsplit(site_url or "/").path or "/")


def built_file_address(relative_path: str) -> str:
    """How pages link a built file (a path relative to the site folder): directory URLs
    for index.html (`technique/index.html` -> `technique/`, `index.html` -> "")."""
    if relative_path == "index.html":
        return ""
    return relative_path[: -len("index.html")] if relative_path.endswith("/index.html") else relative_path
