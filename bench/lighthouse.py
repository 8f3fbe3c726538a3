"""Lighthouse (mobile emulation, the CLI's default) on every page, served gzip-compressed locally.

The site is built with `site_url` set to the local address, as a deployed site's canonical
URLs point at its own host.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from project import ROOT, build, copy_project, page_url, site_pages, write_variant
from serve import serve

sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass
class Report:
    page: str
    scores: dict[str, int]
    failing: list[str] = field(default_factory=list)  # weighted audits below a full score


def audit(url: str) -> tuple[dict[str, int], list[str]]:
    """Run Lighthouse once on `url`; return the four category scores and the failing audits."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=240)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores, failing = {}, []
    for name in CATEGORIES:
        category = report["categories"][name]
        scores[name] = round(100 * (category["score"] or 0))
        for ref in category["auditRefs"]:
            item = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and item.get("score") is not None and item["score"] < 1:
                failing.append(f"{name}: {ref['id']} ({item['score']:.2f})")
    return scores, failing


def measure(work: Path) -> list[Report]:
    """Build the site for a local address and audit every page."""
    port = free_port()
    project = copy_project(work / "lighthouse")
    site = work / "lighthouse-site"
    build(write_variant(project, "bench-lighthouse", {"site_url": f"http://127.0.0.1:{port}/"}), site)
    reports = []
    with serve(site, port=port, compress=True) as (base, _log):
        for relative in site_pages(site):
            scores, failing = audit(base + page_url(relative))
            reports.append(Report(relative.as_posix(), scores, failing))
    return reports
