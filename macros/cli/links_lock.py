"""The link-manifest tool: `python -m macros links-lock [--drop-missing]` (`make links-lock`).

The link manifest (data/links.lock, its format in site/manifest.py) holds every public
address the site promises to keep. An address is a page (`/technique/`) or an anchor on
it (`/technique/#step-set-up`), relative to `site_url`. The manifest only grows: an
address that stops resolving is a broken promise to everyone who linked it, so the fix is
an alias (renamed id) or a redirect (moved page), never deleting the line.

Regenerate (adds new addresses, refuses to drop broken ones):  make links-lock
Drop the addresses of content removed on purpose:              make update DROP=1
The tests read the built site with the same functions (links/built.py).
Builds run the engine in a child process, so this module imports nothing from MkDocs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..data.model import records_by_id
from ..links.built import broken_links, broken_report, offered_links
from ..site.config import LINKS_LOCK_UPDATING_VARIABLE
from ..site.manifest import DROP, read_manifest, write_manifest
from ..validate.load import load_guide

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "data"
# Silence the banners Material and mkdocs-redirects (via properdocs) print on every build.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build_site(project: Path, site_dir: Path, engine: str = "properdocs",
               updating_manifest: bool = False) -> subprocess.CompletedProcess:
    """Run `<engine> build --strict` on `project` into `site_dir` (ProperDocs, the site's
    engine; "mkdocs" for plain MkDocs 1.6); return the finished process. With
    `updating_manifest`, ids missing from data/links.lock do not stop the build (the
    manifest is being regenerated from it)."""
    env = {key: value for key, value in os.environ.items() if key != LINKS_LOCK_UPDATING_VARIABLE}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True,
        env={**env, **QUIET, **({LINKS_LOCK_UPDATING_VARIABLE: "1"} if updating_manifest else {})},
    )


def data_ids(data_dir: Path = DATA) -> frozenset[str]:
    """Every id and alias of every linkable record in data/."""
    return frozenset(anchor for record in records_by_id(load_guide(data_dir, check_manifest=False)).values()
                     for anchor in [record.id, *record.aliases])


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
        old = read_manifest(DATA)
        broken = broken_links(site, old)
        if broken and not args.drop_missing:
            print("These addresses in data/links.lock no longer resolve:\n" + broken_report(broken)
                  + f"\nFix them (alias or redirect), or run `{DROP}` if the content "
                    "was removed on purpose.", file=sys.stderr)
            return 1
        kept = set(old) - set(broken)
        offered = offered_links(site, data_ids())
        write_manifest(DATA, kept | offered)
    added = offered - set(old)
    print(f"data/links.lock: {len(kept | offered)} addresses ({len(added)} added, {len(broken)} dropped)")
    return 0
