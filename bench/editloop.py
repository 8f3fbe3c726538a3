"""Editing loop: from saving a change in data/ to the rebuilt page under `properdocs serve`.

A copy of the project is served with `properdocs serve`; a page showing the
title of data/mistakes.yml (found from the served pages, not assumed) is polled every
20 ms after each edit until it shows the new title.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from project import ENV, ROOT, copy_project, load_config, page_url, site_pages
from support import free_port

DATA_FILE = "mistakes.yml"
TITLE_LINE = re.compile(r"^title: (.+)$", re.MULTILINE)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8", "replace")


def _wait_for(url: str, text: str, timeout: float = 120.0) -> float:
    """Poll `url` until it contains `text`; return when it did (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if text in _get(url):
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} never showed {text!r}")


def measure(work: Path, edits: int = 5) -> list[float]:
    """Seconds from each saved edit to the page showing it."""
    project = copy_project(work / "editloop")
    port = free_port()
    mount = urllib.parse.urlsplit(load_config(project).get("site_url") or "/").path or "/"
    base = f"http://127.0.0.1:{port}{mount if mount.endswith('/') else mount + '/'}"
    path = project / "data" / DATA_FILE
    original = path.read_text(encoding="utf-8")
    title = TITLE_LINE.search(original).group(1).strip().strip("\"'")
    server = subprocess.Popen([sys.executable, "-m", "properdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(base, "</html>")
        # Find a page showing the title from the served site's own page list.
        subprocess.run([sys.executable, "-m", "properdocs", "build", "--quiet", "--site-dir", str(work / "editloop-site")],
                       cwd=project, env=ENV, check=True, capture_output=True)
        url = next(base + page_url(p) for p in site_pages(work / "editloop-site")
                   if title in _get(base + page_url(p)))
        timings = []
        for i in range(edits):
            marker = f"Edited {i} {time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            path.write_text(TITLE_LINE.sub(f"title: {marker}", original, count=1), encoding="utf-8")
            saved = time.perf_counter()
            timings.append(_wait_for(url, marker) - saved)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


def summary(timings: list[float]) -> str:
    return (f"median {statistics.median(timings):.2f} s, min {min(timings):.2f} s, max {max(timings):.2f} s "
            f"over {len(timings)} edits")
