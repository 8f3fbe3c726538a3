"""The link-manifest tool: `python -m macros.links_lock [--drop-missing]` (`make links-lock`).

The link manifest (data/links.lock) holds every public address the site promises to keep.

An address is a page (`/technique/`) or an anchor on it (`/technique/#step-set-up`),
relative to `site_url`. The manifest only grows: an address that stops resolving is a
broken promise to everyone who linked it, so the fix is an alias (renamed id) or a
redirect (moved page), never deleting the line.

Regenerate (adds new addresses, refuses to drop broken ones):  make links-lock
Drop the addresses of content removed on purpose:              make links-lock DROP=1
The tests read the built site with the same functions (tests/test_links_manifest.py).
Builds run `mkdocs build` in a child process, so this module imports nothing from MkDocs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from .figure_svg import ID_PREFIX
from .model import records_by_id
from . import components, validation
from .validation import load_guide

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MANIFEST = DATA / "links.lock"
# Silence the banners Material and mkdocs-redirects (via properdocs) print on every build.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
REGENERATE = validation.REGENERATE
# The one spelling of "drop the addresses of content removed on purpose" (README, messages).
DROP = validation.DROP
# Set for the build `make links-lock` reads new addresses from: that build must not stop
# because the manifest lacks them (macros/__init__.py passes it on to load_guide).
UPDATING = "GUIDE_LINKS_LOCK_UPDATE"
HEADER = f"""\
# Link manifest: every public address of the site (relative to site_url). Tests fail when
# one stops resolving. Regenerate after adding pages or anchors:  {REGENERATE}
# Renamed an id? Keep the old one in `aliases:` next to the new id in data/.
# Moved a page? Add `old.md: new.md` under `redirect_maps` in mkdocs.yml.
"""
# An id readers may link to: a slug written as data. Leaves out Material's own ids
# (__drawer, __tabbed_1_1), footnote ids (fn:1) and citation backlink targets (cite-*,
# derived from other ids). A page title's h1 id is usually made from the title, so
# the page address stands for it, unless the id comes from data/.
PUBLIC_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# A figure's SVG names its title and description by ids derived from the figure and the
# record it is shown with (fig-*, figure_svg.py): for aria-labelledby, not for links.
DERIVED_PREFIXES = ("cite-", ID_PREFIX)


def build_site(project: Path, site_dir: Path, engine: str = "properdocs",
               updating_manifest: bool = False) -> subprocess.CompletedProcess:
    """Run `<engine> build --strict` on `project` into `site_dir` (ProperDocs, the site's
    engine; "mkdocs" for plain MkDocs 1.6); return the finished process. With
    `updating_manifest`, ids missing from data/links.lock do not stop the build (the
    manifest is being regenerated from it)."""
    env = {key: value for key, value in os.environ.items() if key != UPDATING}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env={**env, **QUIET, **({UPDATING: "1"} if updating_manifest else {})},
    )


@dataclass(frozen=True)
class BuiltPage:
    """One built HTML file: its anchors, or where it redirects to."""

    ids: frozenset[str]
    public_ids: frozenset[str]
    redirect: str | None  # site-relative address of the new page, for a redirect stub


def page_address(site: Path, html: Path) -> str:
    """`/` for the home page, `/technique/` for technique/index.html."""
    rel = html.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


def data_ids(data_dir: Path = DATA) -> frozenset[str]:
    """Every id and alias of every linkable record in data/."""
    return frozenset(anchor for record in records_by_id(load_guide(data_dir, check_manifest=False)).values()
                     for anchor in [record.id, *record.aliases])


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
    print_view = "/" + components.address_of(components.PRINT_VIEW)
    for address, page in built_pages(site, known_ids).items():
        # The whole guide on paper repeats the sections' anchors: theirs are the addresses.
        if page.redirect is None and address != print_view:
            links.add(address)
            links.update(f"{address}#{anchor}" for anchor in page.public_ids)
    return links


def read_manifest(path: Path = MANIFEST) -> list[str]:
    """The manifest's addresses, in file order (none before there is a manifest)."""
    return validation.read_manifest(path.parent)


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


def describe(broken: dict[str, str]) -> str:
    """One line per broken address: the address, then why and how to fix it."""
    return "".join(f"  {link}: {why}\n" for link, why in sorted(broken.items()))


def write_manifest(links: set[str], path: Path = MANIFEST) -> None:
    path.write_text(HEADER + "".join(f"{link}\n" for link in sorted(links)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add the site's new public addresses to data/links.lock.")
    parser.add_argument("--drop-missing", action="store_true",
                        help="also remove addresses that no longer resolve (content deleted on purpose)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = build_site(ROOT, site, updating_manifest=True)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        old = read_manifest()
        broken = broken_links(site, old)
        if broken and not args.drop_missing:
            print("These addresses in data/links.lock no longer resolve:\n" + describe(broken)
                  + f"\nFix them (alias or redirect), or run `{DROP}` if the content "
                    "was removed on purpose.", file=sys.stderr)
            return 1
        kept = set(old) - set(broken)
        offered = offered_links(site, data_ids())
        write_manifest(kept | offered)
    added = offered - set(old)
    print(f"data/links.lock: {len(kept | offered)} addresses ({len(added)} added, {len(broken)} dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
