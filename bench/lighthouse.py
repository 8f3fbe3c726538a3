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
import statistics
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
# Rounds per page; each round audits our page and the baseline's right after it
# (interleaved, so a machine getting busier or quieter shifts both alike). Medians are reported.
ROUNDS = int(os.environ.get("LIGHTHOUSE_ROUNDS", "3"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


@dataclass
class Report:
    page: str
    scores: dict[str, int]
    failing: list[str] = field(default_factory=list)  # weighted audits below a full score
    metrics: dict[str, str] = field(default_factory=dict)
    benchmark_index: float = 0.0  # Lighthouse's measure of this machine's speed at the time
    # The metrics' values in ms (CLS unitless), for medians and differences.
    values: dict[str, float] = field(default_factory=dict)
    rounds: int = 1


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
    values = {m: float(report["audits"][m].get("numericValue") or 0.0) for m in METRICS}
    return Report("", scores, failing, metrics, report["environment"].get("benchmarkIndex", 0.0), values)


def _shown(metric: str, value: float) -> str:
    if metric == "cumulative-layout-shift":
        return f"{value:.3f}"
    if metric == "total-blocking-time":
        return f"{value:.0f} ms"
    return f"{value / 1000:.1f} s"


def median(reports: list[Report]) -> Report:
    """One page's rounds as one report: the median of each score and metric."""
    scores = {c: statistics.median(r.scores[c] for r in reports) for c in CATEGORIES}
    values = {m: statistics.median(r.values[m] for r in reports) for m in METRICS}
    failing = sorted({audit for r in reports for audit in r.failing})
    return Report(reports[0].page, {c: round(v) for c, v in scores.items()}, failing,
                  {m: _shown(m, v) for m, v in values.items()},
                  statistics.median(r.benchmark_index for r in reports), values, len(reports))


def measure(work: Path) -> tuple[list[Report], list[Report]]:
    """Audit every page of our site and the same page of the plain Material baseline, one
    after the other, ROUNDS times; the median of each page's rounds, ours and the baseline's."""
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
    pages = site_pages(site)
    ours: dict[str, list[Report]] = {}
    theirs: dict[str, list[Report]] = {}
    with chromium() as devtools, serve(site, port=port, compress=True) as (base, _log), \
            serve(base_site, port=base_port, compress=True) as (base_of_baseline, _log2):
        for _round in range(ROUNDS):
            for relative in pages:
                for reports, root, url in ((ours, site, base), (theirs, base_site, base_of_baseline)):
                    if not (root / relative).exists():
                        continue
                    report = audit(url + page_url(relative), devtools)
                    report.page = relative.as_posix()
                    reports.setdefault(report.page, []).append(report)
    return [median(r) for r in ours.values()], [median(r) for r in theirs.values()]
