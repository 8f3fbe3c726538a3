"""Validate the guide data without building the site: `python -m macros check-data data`.

Prints one line per problem (file:line:column field: message) and exits 1, or prints
a one-line summary and exits 0. Imports nothing from MkDocs, so it is quick enough for
a pre-commit hook.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..data.problems import DataError
from ..validate.load import load_guide, site_pages
from .schema import stale_schemas


def main(argv: list[str]) -> int:
    """Check the data folder named in `argv` (default: data); 0 when valid, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m macros check-data",
                                     description="Validate the guide's data without building the site.")
    parser.add_argument("data_dir", metavar="DATA_DIR", nargs="?", default="data")
    data_dir = parser.parse_args(argv).data_dir
    start = time.perf_counter()
    # The pages guide.yml describes are the ones in docs/ beside data/, when it is there.
    docs_dir = Path(data_dir).resolve().parent / "docs"
    try:
        guide = load_guide(data_dir, site_pages(docs_dir) if docs_dir.is_dir() else None)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    # The editor's schemas (data/schema/) list the ids data/ holds: stale after a new or
    # renamed id, which the pull request's tests would then report. Same bookkeeping command.
    if (Path(data_dir) / "schema").is_dir():
        stale = stale_schemas(Path(data_dir))
        for path in stale:
            print(f"{Path(data_dir).name}/schema/{path.name}:1:1: out of date with the ids and fields in "
                  f"{Path(data_dir).name}/ (an id added, renamed or removed): run `make update` and commit "
                  f"{Path(data_dir).name}/schema/", file=sys.stderr)
        if stale:
            print(f"{len(stale)} problem(s) in the guide data.", file=sys.stderr)
            return 1
    elapsed = (time.perf_counter() - start) * 1000
    print(f"{data_dir}: valid ({len(guide.technique.steps)} steps, {len(guide.mistakes.mistakes)} mistakes, "
          f"{len(guide.muscles.muscles)} muscles, {len(guide.variations.variations)} variations, "
          f"{len(guide.faq.faqs)} FAQs, {len(guide.references.references)} references) in {elapsed:.0f} ms")
    return 0
