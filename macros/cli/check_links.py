"""`python -m macros check-links FILE...` (`make check-links FILES="notes.md club.html"`):
the link checker (links/check.py) run on files of other material, against a links.json
(`--index`) or the repository's own data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..data.problems import printable
from ..links.check import BROKEN, OLD, Index, Unreadable, check_file, read_regular
from ..links.index import link_index
from ..site.config import read_site_config
from ..site.manifest import read_manifest
from ..validate.load import load_guide, site_pages

ROOT = Path(__file__).resolve().parent.parent.parent


def from_repository(root: Path | str) -> dict:
    """The index from a checkout (data/, docs/, mkdocs.yml), without building the site."""
    root = Path(root)
    config = read_site_config(root / "mkdocs.yml")
    docs = site_pages(root / "docs")
    # A manifest not yet regenerated (`make links-lock`) still gives an index: new ids
    # are left out until it is, old ones still map to where they land.
    guide = load_guide(root / "data", docs, check_manifest=False)
    return link_index(guide, read_manifest(root / "data"), docs, config.redirects, config.site_url)


def load_index(source: str | None, site_url: str | None) -> Index:
    """The index from a links.json (a file, or a built site's folder holding one), or from
    the repository's data when `source` is None."""
    if source is None:
        return Index.from_json(from_repository(ROOT), site_url)
    path = Path(source)
    if path.is_dir():
        path = path / "links.json"
    return Index.from_json(json.loads(read_regular(path)), site_url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros check-links",
        description="Report links into this guide (in Markdown, HTML or text files) that do not land.")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--index", metavar="LINKS_JSON",
                        help="a links.json (or a built site folder); default: the repository's data")
    parser.add_argument("--site-url", help="the guide's address, if not the index's site_url")
    args = parser.parse_args(argv)
    try:
        index = load_index(args.index, args.site_url)
    except Unreadable as error:
        print(f"check_links: cannot read the link index {args.index}: {error.strerror}", file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError, RecursionError) as error:
        print(f"check_links: cannot read the link index: {printable(error)}", file=sys.stderr)
        return 2
    total, counts, unreadable = 0, {BROKEN: 0, OLD: 0}, False
    for name in args.files:
        try:
            links, findings = check_file(Path(name), index)
        except OSError as error:
            print(f"{printable(name)}: cannot read: {error.strerror or printable(error)}", file=sys.stderr)
            unreadable = True
            continue
        total += len(links)
        for finding in findings:
            counts[finding.kind] += 1
            print(f"{name}:{finding.link.line}:{finding.link.column}: {finding.message}")
    print(f"{total} links into {index.site_url}: {counts[BROKEN]} broken, {counts[OLD]} old", file=sys.stderr)
    return 1 if counts[BROKEN] else 2 if unreadable else 0
