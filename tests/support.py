"""Helpers shared by the tests: paths, building a site, serving it, launching Chromium."""

from __future__ import annotations

import contextlib
import functools
import io
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import yaml

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


def site_base_path(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path part of `site_url` in mkdocs.yml ("/" when unset), ending in "/".

    Absolute links in the built 404 page start with it, so the site is served under it."""
    loader = type("_TolerantLoader", (yaml.SafeLoader,), {})
    # mkdocs.yml may hold !!python/name: tags (e.g. for emoji); their values do not matter here.
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    site_url = yaml.load(config.read_text(encoding="utf-8"), Loader=loader).get("site_url") or "/"
    path = urllib.parse.urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


@contextlib.contextmanager
def serve_directory(directory: Path, base_path: str = "/"):
    """Serve `directory` at `base_path` on 127.0.0.1 the way a static host (GitHub Pages)
    does: a missing page gets the site's 404.html with status 404. Yield the site's URL."""
    handler = functools.partial(_SiteHandler, directory=str(directory), base_path=base_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, base_path: str = "/", **kwargs):
        self.base_path = base_path
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        url_path = urllib.parse.urlsplit(path).path
        if not url_path.startswith(self.base_path):
            return ""  # outside the site: not found
        return super().translate_path("/" + url_path[len(self.base_path):])

    def send_head(self):
        path = self.translate_path(self.path)
        if path and os.path.exists(path):
            return super().send_head()
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            return super().send_head()
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # keep test output readable
        pass
