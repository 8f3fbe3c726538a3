"""Helpers shared by the tests and the benchmarks (bench/ puts tests/ on its path): paths,
copying the project, reading mkdocs.yml, building a site, serving it, launching Chromium,
converting rendered Markdown, the reader-facing strings of the data."""

from __future__ import annotations

import contextlib
import functools
import io
import http.server
import os
import shutil
import socket
import threading
import urllib.parse
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from macros.cli.links_lock import DATA, QUIET, ROOT, build_site  # noqa: F401  build_site: for the tests

# A copy of the source text the guide was structured from (the original lives outside the
# repository, in ../shared/source/, which a CI clone may not have).
SOURCE_TEXT = DATA / "source.txt"
# The environment for running mkdocs: without the banners Material and mkdocs-redirects print.
BUILD_ENV = {**os.environ, **QUIET}
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "hooks")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def copy_project(dest: Path, src: Path = ROOT) -> Path:
    """A copy of the parts of the project a build reads (config, docs, data, macros,
    overrides), to mutate in a test or benchmark."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        elif path.exists():
            shutil.copy2(path, dest / name)
    return dest


def load_config(project: Path = ROOT, name: str = "mkdocs.yml") -> dict:
    """The config as MkDocs reads it (its own YAML loader: !ENV, !relative, python tags)."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with open(project / name, encoding="utf-8") as handle:
        return yaml_load(handle, loader=get_yaml_loader())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_base_path(project: Path = ROOT) -> str:
    """The path part of `site_url` in mkdocs.yml ("/" when unset), ending in "/".

    Absolute links in the built 404 page start with it, so the site is served under it."""
    path = urllib.parse.urlsplit(load_config(project).get("site_url") or "/").path or "/"
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


# Rendered Markdown as the site converts it, for assertions on structure (headings, ids,
# lists, tables, admonitions, tick boxes) rather than on incidental whitespace.
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "def_list", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.blocks.admonition", "pymdownx.tasklist"]


def html(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=EXTENSIONS), "html.parser")


# Keys whose values are identifiers or switches, not reader-facing text: they reach the
# page as anchors and links (checked by the link tests), not as words.
# figures.yml: `guides`, `back_on` and `foot_on` name drawing options, not words a page shows.
# `rewordings`: the source's old words, recorded for the source-fidelity check, not shown.
NON_TEXT_KEYS = frozenset({"id", "aliases", "cites", "variations", "shows", "kind", "items", "page", "guides",
                           "back_on", "foot_on",
                           # figures.yml: what a drawing is computed from, not words a reader sees
                           "hands", "elbows", "claims", "verdict", "movement", "body_map", "animation", "opening"})


def string_leaves(node, skip: frozenset[str] = NON_TEXT_KEYS, path: tuple = ()):
    """(path, text) of every reader-facing string in a data file's plain data (keys in
    `skip` and what they hold left out)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from string_leaves(value, skip, path + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from string_leaves(item, skip, path + (i,))
    elif isinstance(node, str):
        yield path, node
