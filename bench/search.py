"""The search query suite as a benchmark (issue 16): top-1 and top-3 hit rates of the
site's own search (Chromium, Material's worker and the built index) at 360 and 1280 px,
and the index's size.

    python bench/search.py                 # build the project, run the suite
    python bench/search.py --site DIR      # an already built site (e.g. a baseline)

Prints a Markdown table and each query's first three results. No timing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH.parent / "tests"))

from search_ui import WIDTHS, SearchBox, hit_rates, load_queries  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, serve_directory, site_base_path  # noqa: E402


def index_size(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 9))


def run(site: Path, verbose: bool = True) -> dict:
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    figures = {"size": index_size(site)}
    with serve_directory(site, site_base_path()) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for width in WIDTHS:
            box = SearchBox(browser, url, width)
            outcomes = [(q, [r["id"] for r in box.search(q.query)]) for q in queries]
            box.close()
            top1, top3, total = hit_rates(outcomes)
            silent = sum(1 for q, ids in outcomes if q.expect is None and not ids)
            figures[width] = (top1, top3, total, silent, sum(1 for q, _ in outcomes if q.expect is None))
            if verbose:
                for q, ids in outcomes:
                    mark = "ok " if (q.expect in ids[:3] if q.expect else not ids) else "MISS"
                    print(f"{width:>5} {mark} {q.query!r:28} want {q.expect}: {ids[:3]}")
        browser.close()
    return figures


def table(figures: dict) -> str:
    size, gz = figures["size"]
    lines = ["| width | top-1 | top-3 | no-result queries with no result |", "| --- | --- | --- | --- |"]
    for width in WIDTHS:
        top1, top3, total, silent, nones = figures[width]
        lines.append(f"| {width} px | {top1}/{total} ({top1 / total:.0%}) | {top3}/{total} ({top3 / total:.0%}) "
                     f"| {silent}/{nones} |")
    lines.append(f"\nsearch_index.json: {size:,} bytes, {gz:,} gzipped")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the project)")
    args = parser.parse_args(argv)
    if args.site:
        print(table(run(args.site)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = build_site(ROOT, site)
        if result.returncode:
            print(result.stderr)
            return 1
        print(table(run(site)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
