"""`python -m macros postbuild SITE_DIR`: finish a site an engine built into SITE_DIR with
the post-build pipeline (postbuild/pipeline.py), reading mkdocs.yml, data/ and docs/ of
the repository, for an engine that does not run our steps itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..data.problems import DataError
from ..postbuild.pipeline import BuiltSite, run
from ..site.config import read_site_config
from ..site.manifest import read_manifest
from ..validate.load import load_guide, site_pages

ROOT = Path(__file__).resolve().parent.parent.parent


def main(argv: list[str]) -> int:
    """Run the pipeline over the built site named in `argv`; 1 when the data is invalid."""
    parser = argparse.ArgumentParser(prog="python -m macros postbuild",
                                     description="Finish a built site with the guide's post-build steps.")
    parser.add_argument("site_dir", metavar="SITE_DIR", help="the folder an engine built the site into")
    site_dir = Path(parser.parse_args(argv).site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no built site here (no index.html)", file=sys.stderr)
        return 2
    config = read_site_config(ROOT / "mkdocs.yml")
    docs = site_pages(ROOT / "docs")
    try:
        guide = load_guide(ROOT / "data", docs)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    run(BuiltSite(site_dir=site_dir, config=config, guide=guide, docs_pages=docs,
                  manifest=tuple(read_manifest(ROOT / "data")), offline_app=config.offline_enabled))
    return 0
