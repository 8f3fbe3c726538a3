"""Lighthouse (mobile emulation, the CLI's default) on every page, served gzip-compressed locally.

The site is built with `site_url` set to the local address, as a deployed site's canonical
URLs point at its own host. The plain Material baseline of the page-weight benchmark is
audited the same way, to tell the theme's own scores from what we add. One headless Chromium serves every run (Lighthouse resets its
cache and storage before each), which saves a browser start per page.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from prerender import prerender_docs
from project import ROOT, build, copy_project, load_config, page_url, site_pages, write_variant
from serve import serve
from weight import make_baseline
from support import CHROMIUM, CHROMIUM_ARGS, free_port

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
BASELINE_PAGES = 4
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


@dataclass
class Report:
    page: str
    scores: dict[str, int]
    failing: list[str] = field(default_factory=list)  # weighted audits below a full score
    metrics: dict[str, str] = field(default_factory=dict)
    benchmark_index: float = 0.0  # Lighthouse's measure of this machine's speed at the time


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium with a fresh profile; yield its DevTools port."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile:
        process = subprocess.Popen(
            [CHROMIUM, "--headless=new", *CHROMIUM_ARGS, f"--remote-debugging-port={port}",
             f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError("Chromium did not open its DevTools port") from None
                    time.sleep(0.2)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)


def audit(url: str, port: int) -> Report:
    """Run Lighthouse once on `url` in the Chromium on `port`."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet", f"--port={port}",
         "--disable-full-page-screenshot", f"--only-categories={','.join(CATEGORIES)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
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
    metrics = {m: report["audits"][m].get("displayValue", "") for m in METRICS}
    return Report("", scores, failing, metrics, report["environment"].get("benchmarkIndex", 0.0))


def measure(work: Path) -> tuple[list[Report], list[Report]]:
    """Audit every page of our site, and the same pages of the plain Material baseline."""
    port = free_port()
    project = copy_project(work / "lighthouse")
    site = work / "lighthouse-site"
    build(write_variant(project, "bench-lighthouse", {"site_url": f"http://127.0.0.1:{port}/"}), site)
    prerendered = copy_project(work / "lighthouse-prerendered")
    prerender_docs(prerendered, load_config(prerendered))
    base_port = free_port()
    base_site = work / "lighthouse-baseline-site"
    build(make_baseline(work / "lighthouse-baseline", prerendered, f"http://127.0.0.1:{base_port}/"), base_site,
          strict=False)
    with chromium() as devtools:
        ours = _audit_site(site, port, site_pages(site), devtools)
        # The baseline's copies of our lowest-scoring pages (a full second pass doubles the run time).
        worst = sorted(ours, key=lambda r: sum(r.scores.values()))[:BASELINE_PAGES]
        chosen = [Path(r.page) for r in worst if (base_site / r.page).exists()]
        baseline = _audit_site(base_site, base_port, chosen, devtools)
    return ours, baseline


def _audit_site(site: Path, port: int, pages: list[Path], devtools: int) -> list[Report]:
    reports = []
    with serve(site, port=port, compress=True) as (base, _log):
        for relative in pages:
            report = audit(base + page_url(relative), devtools)
            report.page = relative.as_posix()
            reports.append(report)
    return reports
