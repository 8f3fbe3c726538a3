"""Every docs page's Markdown for a guide, rendered the way mkdocs-macros renders it
(the page as a Jinja template with `guide` and one macro per component), without MkDocs.

Fast enough to run per data mutation; real `mkdocs build` runs check the same path end
to end in test_data_build.py.
"""

from __future__ import annotations

import contextlib
import re
from functools import cache
from unittest import mock

import jinja2

from macros import CHECKLIST_KINDS, COMPONENTS, rendering
from macros.rendering import GuideRenderer
from support import ROOT

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled component templates shared by the many renderers a test run makes."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket):
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


@cache
def _qr_svg(url: str) -> str:
    return _REAL_QR_SVG(url)


_REAL_QR_SVG = getattr(rendering, "qr_svg", None)


def _fast_qr_codes():
    """The same QR code, drawn once per address (drawing one takes ~0.1 s)."""
    if _REAL_QR_SVG is None:
        return contextlib.nullcontext()
    return mock.patch.object(rendering, "qr_svg", _qr_svg)


@cache
def _page_templates() -> dict[str, jinja2.Template]:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    docs = ROOT / "docs"
    return {path.relative_to(docs).as_posix(): env.from_string(FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))
            for path in sorted(docs.rglob("*.md"))}


def page_markdown(guide) -> dict[str, str]:
    """Each docs page (by path in docs/) as the Markdown MkDocs would receive."""
    # Each renderer compiles its templates anew (~0.1 s); a shared bytecode cache keeps
    # hundreds of renderers fast. Only a speed-up: without it the output is the same.
    renderer = GuideRenderer(guide, bytecode_cache=_BYTECODE)
    pages = {}
    with _fast_qr_codes():
        for name, template in _page_templates().items():
            pages[name] = _render_page(name, template, renderer, guide)
    return pages


def _render_page(name: str, template: jinja2.Template, renderer: GuideRenderer, guide) -> str:
    root = "../" * name.count("/")
    macros = {component: (lambda render=getattr(renderer, component): render(root)) for component in COMPONENTS}
    macros.update({kind: (lambda checklist_id, render=getattr(renderer, kind): render(
        checklist_id, root, f"https://example.org/{name}")) for kind in CHECKLIST_KINDS})
    return template.render(guide=guide, **macros)
