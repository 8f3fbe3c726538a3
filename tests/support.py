"""Helpers shared by the tests: paths, building a site, serving it, launching Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# A copy of the source text the guide was structured from (the original lives outside the
# repository, in ../shared/source/, which a CI clone may not have).
SOURCE_TEXT = ROOT / "tests" / "fixtures" / "source-text.txt"
MKDOCS = [sys.executable, "-m", "mkdocs"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def copy_project(dest: Path) -> Path:
    """A copy of the project (config, docs, data, macros, overrides) to mutate in a test."""
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on `project` into `site_dir`; return the finished process."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve `directory` over HTTP on 127.0.0.1; yield the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass
