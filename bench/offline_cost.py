"""What the offline app (issue 18) costs a first visit: the same site built with the worker
(`extra.offline.enabled: true`, as published) and without it, compared.

- Transfer: the home page opened cold in Chromium, counted in two parts: what the browser
  fetched until the `load` event (the page the reader asked for), and what the worker fetched
  afterwards to save the guide (the precache). Sizes are the served files gzip -6, as a host
  sends them.
- First paint: Lighthouse (mobile, simulated throttling) on every page of both builds,
  interleaved page by page (with, without) so a change in machine load hits both alike,
  ROUNDS times each, keeping each build's best round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lighthouse
from project import build, copy_project, page_url, site_pages, write_variant
from serve import serve
from weight import _site_path, compressed
from support import CHROMIUM, CHROMIUM_ARGS, free_port

VARIANTS = {"with worker": True, "without worker": False}
ROUNDS = 2


@dataclass
class FirstVisit:
    until_load: int  # gzip bytes fetched before the load event
    after_load: int  # gzip bytes fetched after it (the worker's precache), until it controls the page
    files_after: int


def _offline_site(work: Path, name: str, enabled: bool, port: int) -> Path:
    """The site built with or without the worker, for serving at the root of `port`
    (a deployed site's addresses, and the worker's scope, follow its own host)."""
    project = copy_project(work / f"offline-{name}")
    overrides = {"site_url": f"http://127.0.0.1:{port}/",
                 "extra": {"offline": {"enabled": enabled, "short_name": "Hip thrust"}}}
    site = work / f"offline-{name}-site"
    build(write_variant(project, "bench-offline", overrides), site)
    return site


def _gzip_bytes(site: Path, requested: list[str]) -> tuple[int, int]:
    files = {path for path in map(_site_path, requested) if (site / path).is_file()}
    return sum(compressed(site / path)[1] for path in files), len(files)


def first_visit(site: Path, enabled: bool, port: int) -> FirstVisit:
    """Open the home page cold; split what was fetched at the load event."""
    from playwright.sync_api import sync_playwright

    with serve(site, port=port) as (base, log), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 800})
            page = context.new_page()
            page.goto(base, wait_until="load")
            at_load = len(log)
            if enabled:
                page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120000)
            else:
                page.wait_for_load_state("networkidle")
            context.close()
        finally:
            browser.close()
    until_load, _ = _gzip_bytes(site, log[:at_load])
    after_load, files_after = _gzip_bytes(site, log[at_load:])
    return FirstVisit(until_load, after_load, files_after)


def measure_transfer(work: Path) -> dict[str, FirstVisit]:
    visits = {}
    for name, enabled in VARIANTS.items():
        port = free_port()
        visits[name] = first_visit(_offline_site(work, name.replace(" ", "-"), enabled, port), enabled, port)
    return visits


def measure_lighthouse(work: Path) -> dict[str, dict[str, lighthouse.Report]]:
    """{page: {variant: report}} for every page, both builds served gzip-compressed."""
    ports = {name: free_port() for name in VARIANTS}
    sites = {name: _offline_site(work, "lh-" + name.replace(" ", "-"), enabled, ports[name])
             for name, enabled in VARIANTS.items()}
    pages = site_pages(sites["with worker"])
    results: dict[str, dict[str, lighthouse.Report]] = {}
    with lighthouse.chromium() as devtools, \
            serve(sites["with worker"], port=ports["with worker"], compress=True) as (with_base, _), \
            serve(sites["without worker"], port=ports["without worker"], compress=True) as (without_base, _):
        bases = {"with worker": with_base, "without worker": without_base}
        for relative in pages:
            runs = {name: [] for name in VARIANTS}
            for _ in range(ROUNDS):
                for name in VARIANTS:
                    runs[name].append(lighthouse.audit(bases[name] + page_url(relative), devtools))
            # Other load on the machine only ever lowers a score: the best of the rounds is
            # the one least disturbed.
            results[relative.as_posix()] = {
                name: max(reports, key=lambda r: r.scores["performance"]) for name, reports in runs.items()}
    return results
