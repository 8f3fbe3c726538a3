"""Every docs page's Markdown for a guide, rendered the way mkdocs-macros renders it
(the page as a Jinja template with `guide` and one macro per component), without MkDocs.

Fast enough to run per data mutation; real `mkdocs build` runs check the same path end
to end in test_data_build.py.
"""

from __future__ import annotations

import re
from functools import cache

import jinja2

from macros import COMPONENTS
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
def _page_templates() -> dict[str, jinja2.Template]:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return {path.name: env.from_string(FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))
            for path in sorted((ROOT / "docs").glob("*.md"))}


def page_markdown(guide) -> dict[str, str]:
    """Each docs page (by file name) as the Markdown MkDocs would receive."""
    renderer = GuideRenderer(guide)
    # Each renderer compiles its templates anew (~0.1 s); a shared bytecode cache keeps
    # hundreds of renderers fast. Only a speed-up: without it the output is the same.
    env = getattr(renderer, "_env", None)
    if isinstance(env, jinja2.Environment):
        env.bytecode_cache = _BYTECODE
    macros = {name: (lambda render=getattr(renderer, name): render("")) for name in COMPONENTS}
    return {name: template.render(guide=guide, **macros) for name, template in _page_templates().items()}
